// Small helpers shared by the orchestrator and the child processes: statistics, narrowing of
// unknown JSON, repository paths.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: bench/dist/bench/src → four levels up. Checked, not assumed. */
export function repoRoot(): string {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  if (!fs.existsSync(path.join(root, 'bin', 'codegen.js'))) throw new Error(`bench: cannot find the repository root from ${__dirname}`);
  return root;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? NaN;
  if (sorted.length % 2 === 1) return hi;
  return ((sorted[mid - 1] ?? NaN) + hi) / 2;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function field(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function num(v: unknown, what: string): number {
  if (typeof v !== 'number') throw new Error(`bench: expected a number for ${what}, got ${typeof v}`);
  return v;
}

export function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`bench: expected a string for ${what}, got ${typeof v}`);
  return v;
}

export function nums(v: unknown, what: string): number[] {
  if (!Array.isArray(v)) throw new Error(`bench: expected an array for ${what}`);
  return v.map((x, i) => num(x, `${what}[${i}]`));
}

/** Length of an array, or 1 for a single object (node-soap and fast-xml-parser collapse one-element lists). */
export function count(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  return v === undefined || v === null ? 0 : 1;
}

export const MB = 1024 * 1024;

/** CPU time this process has used so far, all threads, in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function fmtNum(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits);
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return 'n/a';
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(r < 1 ? 2 : 1)}×`;
}

export function fmtMiB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / MB).toFixed(1)} MiB` : 'n/a';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
