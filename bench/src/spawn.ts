// Spawning measured processes: the bench's own children (one JSON result each) and foreign
// commands (our CLI, wsdl-tsclient) with the peak-RSS probe preloaded. Every child has a hard
// time limit and is killed by its own pid when it exceeds it.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RESULT_MARKER } from './child';
import { field, isRecord } from './util';

export const CHILD_MAIN = path.join(__dirname, 'child-main.js');
export const PROBE = path.join(__dirname, 'probe.js');

export interface ChildOutcome {
  result: unknown;
  maxRssBytes: number;
  cpuMs: number;
  wallMs: number;
}

function killTree(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs `node [flags] child-main.js task json` and returns its one JSON result. */
export function runChild(task: string, args: unknown, options: { nodeFlags?: string[]; timeoutMs?: number; cwd?: string } = {}): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), CHILD_MAIN, task, JSON.stringify(args)], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => {
      killTree(child);
      reject(new Error(`bench child ${task} exceeded ${options.timeoutMs ?? 0} ms and was stopped`));
    }, options.timeoutMs ?? 300_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench child ${task} failed (exit ${String(code)}): ${err.trim().split('\n').slice(0, 12).join('\n')}`));
        return;
      }
      const env: unknown = JSON.parse(line.slice(RESULT_MARKER.length));
      const maxRss = field(env, 'maxRssBytes');
      const cpu = field(env, 'cpuMs');
      resolve({
        result: field(env, 'result'),
        maxRssBytes: typeof maxRss === 'number' ? maxRss : NaN,
        cpuMs: typeof cpu === 'number' ? cpu : NaN,
        wallMs,
      });
    });
  });
}

export interface CommandOutcome {
  exitCode: number | null;
  wallMs: number;
  maxRssBytes: number;
  stdout: string;
  stderr: string;
}

/** Runs a node script in a cold process with the probe preloaded; wall time measured here. */
export function runNodeScript(
  script: string,
  args: readonly string[],
  options: { cwd: string; probeFile: string; nodeFlags?: string[]; timeoutMs?: number; env?: Record<string, string> },
): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    fs.rmSync(options.probeFile, { force: true });
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--require', PROBE, script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, BENCH_PROBE_OUT: options.probeFile, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => killTree(child), options.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      let maxRssBytes = NaN;
      try {
        const probe: unknown = JSON.parse(fs.readFileSync(options.probeFile, 'utf8'));
        const v = field(probe, 'maxRssBytes');
        if (typeof v === 'number') maxRssBytes = v;
      } catch {
        // the process died before its exit hook ran
      }
      resolve({ exitCode: code, wallMs, maxRssBytes, stdout: out, stderr: err });
    });
  });
}

export interface LongChild {
  message: Record<string, unknown>;
  /** Sends `question` and resolves with the child's next message. */
  ask(question: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Starts a long-lived child (the UCS server) and waits for its first IPC message. stop() asks it
 * to finish and waits for its exit, killing it by pid after a grace period.
 */
export function startLongChild(task: string, args: unknown, options: { nodeFlags?: string[]; cwd?: string; startTimeoutMs?: number } = {}): Promise<LongChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), CHILD_MAIN, task, JSON.stringify(args)], {
      cwd: options.cwd,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    const timer = setTimeout(() => {
      killTree(child);
      reject(new Error(`${task} did not start in time`));
    }, options.startTimeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${task} exited early (exit ${String(code)}): ${err.trim().split('\n').slice(0, 12).join('\n')}`));
    });
    child.once('message', (m: unknown) => {
      clearTimeout(timer);
      if (!isRecord(m)) {
        killTree(child);
        reject(new Error(`${task} sent an unexpected message`));
        return;
      }
      resolve({
        message: m,
        ask: (question) =>
          new Promise((answer, fail) => {
            if (child.exitCode !== null || !child.connected) {
              fail(new Error(`${task} has exited; it cannot answer ${question}`));
              return;
            }
            const onExit = (): void => fail(new Error(`${task} exited before answering ${question}`));
            child.once('exit', onExit);
            child.once('message', (a: unknown) => {
              child.off('exit', onExit);
              if (isRecord(a)) answer(a);
              else fail(new Error(`${task} answered ${question} with a non-object`));
            });
            child.send(question);
          }),
        stop: async () => {
          if (child.exitCode === null && child.connected) child.send('stop');
          const grace = setTimeout(() => killTree(child), 15_000);
          await exited;
          clearTimeout(grace);
        },
      });
    });
  });
}
