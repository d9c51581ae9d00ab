import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { codeCacheReport, saveCodeCache, useCodeCache, type CodeCacheMode } from '../code-cache';
import type { Diagnostic } from '../diagnostics';
import type { RenderedFile } from '../render';
import { verify, type VerifyOptions } from './index';

/** The thread's start (./worker.ts): how the CLI's process asked for the code cache, most of which is the compiler's. */
export interface ThreadData {
  codeCache: { mode: CodeCacheMode; dir: string; root: string };
}

/** The check's problems, or why it failed; and how the thread loaded its modules, for --verbose. */
export type Answer = ({ ok: true; problems: Diagnostic[] } | { ok: false; error: string }) & { codeCache: string };

// The type-check thread of ./worker.ts. Loaded anywhere else (no parent port), it does nothing.
if (parentPort !== null) {
  const port = parentPort;
  const { mode: codeCache, dir, root } = (workerData as ThreadData).codeCache;
  useCodeCache(codeCache, dir, root);
  // The point of the thread: the compiler loads now, before any files arrive.
  require('ts-morph');
  port.on('message', ({ files, options }: { files: RenderedFile[]; options: VerifyOptions }) => {
    // The CLI runs its short stages without V8's optimizing compiler (bin/codegen.js); checking a
    // large package takes seconds, and twice as long without it. The other stages are done by now.
    // Recording the code cache keeps the flags it will be read with, at the price of a slow check.
    if (codeCache !== 'record') setFlagsFromString('--opt');
    let result: { ok: true; problems: Diagnostic[] } | { ok: false; error: string };
    try {
      result = { ok: true, problems: verify(files, options) };
      if (codeCache === 'record') saveCodeCache();
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    const answer: Answer = { ...result, codeCache: codeCacheReport() };
    port.postMessage(answer);
  });
}
