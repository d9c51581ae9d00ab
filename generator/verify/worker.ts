import { setFlagsFromString } from 'node:v8';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { codeCacheMode, saveCodeCache, useCodeCache, type CodeCacheMode } from '../code-cache';
import type { Diagnostic } from '../diagnostics';
import type { RenderedFile } from '../render';
import { verify, type VerifyOptions } from './index';

/** What marks a worker started by this module (a user's own worker may load the generator too). */
const MARK = 'wsdl-codegen verify worker';

/** The type check of stage 6, run in a worker thread that loaded the compiler while the stages before it ran. */
export interface VerifyWorker {
  verify(files: RenderedFile[], options: VerifyOptions): Promise<Diagnostic[]>;
  /** Stops the thread; the check is then no longer available. */
  close(): Promise<void>;
}

/** The thread's start: the mark, and how the CLI's process uses the code cache (the compiler's share is most of it). */
interface WorkerData {
  mark: typeof MARK;
  codeCache: CodeCacheMode;
}

type Answer = { ok: true; problems: Diagnostic[] } | { ok: false; error: string };

/**
 * Starts a thread that loads the compiler at once. Loading it takes longer than reading, resolving
 * and rendering the UCS closure, which run meanwhile on the other core, if one is free. Undefined
 * where no worker can run this file: from TypeScript source (ts-jest), which a plain worker cannot
 * load; the caller then checks in its own thread.
 */
export function startVerifyWorker(): VerifyWorker | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const data: WorkerData = { mark: MARK, codeCache: codeCacheMode() };
  const worker = new Worker(__filename, { workerData: data });
  // A thread that crashed, ran out of memory or was closed answers nothing: the reason is the answer.
  let failed: string | undefined;
  let waiting: ((a: Answer) => void) | undefined;
  const fail = (reason: string): void => {
    failed ??= reason;
    waiting?.({ ok: false, error: failed });
  };
  worker.on('error', (e: Error) => fail(e.message));
  worker.on('exit', (code) => fail(`it stopped (exit code ${code})`));
  worker.on('message', (a: Answer) => waiting?.(a));
  return {
    async verify(files, options) {
      const answer = await new Promise<Answer>((resolve) => {
        if (failed !== undefined) return resolve({ ok: false, error: failed });
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

const started = workerData as Partial<WorkerData> | null;
if (started?.mark === MARK && parentPort !== null) {
  const port = parentPort;
  const codeCache = started.codeCache ?? 'off';
  useCodeCache(codeCache);
  // The point of the thread: the compiler loads now, before any files arrive.
  require('ts-morph');
  port.on('message', ({ files, options }: { files: RenderedFile[]; options: VerifyOptions }) => {
    // The CLI runs its short stages without V8's optimizing compiler (bin/codegen.js); checking a
    // large package takes seconds, and twice as long without it. The other stages are done by now.
    // Recording the code cache keeps the flags it will be read with, at the price of a slow check.
    if (codeCache !== 'record') setFlagsFromString('--opt');
    let answer: Answer;
    try {
      answer = { ok: true, problems: verify(files, options) };
      if (codeCache === 'record') saveCodeCache();
    } catch (e) {
      answer = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(answer);
  });
}
