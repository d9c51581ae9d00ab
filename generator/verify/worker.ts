import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { codeCacheSettings } from '../code-cache';
import type { Diagnostic } from '../diagnostics';
import type { RenderedFile } from '../render';
import type { VerifyOptions } from './index';
import type { Answer, ThreadData } from './thread';

let threadCodeCache: string | undefined;

/** How the last type-check thread that answered loaded its modules (the code cache's report), for --verbose. */
export function verifyThreadCodeCache(): string | undefined {
  return threadCodeCache;
}

/** The type check of stage 6, run in a worker thread that loaded the compiler while the stages before it ran. */
export interface VerifyWorker {
  verify(files: RenderedFile[], options: VerifyOptions): Promise<Diagnostic[]>;
  /** Stops the thread; the check is then no longer available. */
  close(): Promise<void>;
}

/**
 * Starts a thread that loads the compiler at once. Loading it takes longer than reading, resolving
 * and rendering the UCS closure, which run meanwhile on the other core, if one is free. Undefined
 * where no worker can run this file: from TypeScript source (ts-jest), which a plain worker cannot
 * load; the caller then checks in its own thread.
 */
export function startVerifyWorker(): VerifyWorker | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  // Required here: worker_threads takes ~4 ms to load, which a run without the check never needs.
  const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
  const data: ThreadData = { codeCache: codeCacheSettings() };
  const worker: Worker = new WorkerThread(path.join(__dirname, 'thread.js'), { workerData: data });
  // A thread that crashed, ran out of memory or was closed answers nothing: the reason is the answer.
  let failed: string | undefined;
  let waiting: ((a: Answer) => void) | undefined;
  const fail = (reason: string): void => {
    failed ??= reason;
    waiting?.({ ok: false, error: failed, codeCache: 'unknown' });
  };
  worker.on('error', (e: Error) => fail(e.message));
  worker.on('exit', (code) => fail(`it stopped (exit code ${code})`));
  worker.on('message', (a: Answer) => {
    threadCodeCache = a.codeCache;
    waiting?.(a);
  });
  return {
    async verify(files, options) {
      const answer = await new Promise<Answer>((resolve) => {
        if (failed !== undefined) return resolve({ ok: false, error: failed, codeCache: 'unknown' });
        waiting = resolve;
        worker.postMessage({ files, options });
      });
      if (!answer.ok) throw new Error(`The type-check thread failed: ${answer.error}`);
      return answer.problems;
    },
    async close() {
      await worker.terminate();
    },
  };
}
