import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RenderedFile } from '../render';

export interface WriteReport {
  /** Files whose contents differ from what is on disk (or are missing, or are extra on disk). */
  changed: string[];
  written: number;
}

/** Files of the output folder as they are on disk, relative paths with '/'. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      // Build output and installed dependencies are not part of the generated sources.
      if (!prefix && (e.name === 'node_modules' || e.name === 'dist')) continue;
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), rel);
      else if (e.isFile()) out.set(rel, fs.readFileSync(path.join(d, e.name), 'utf8'));
    }
  };
  walk(dir, '');
  return out;
}

/** Longest part of a line `--check` quotes. */
const QUOTE_LIMIT = 80;

/**
 * How the output folder's copy of a file differs from what would be generated, for `--check`:
 * missing, no longer generated, only in its line ends (a checkout that turned LF into CRLF), or
 * at its first differing line, quoted both ways.
 */
export function describeDifference(onDisk: string | undefined, generated: string | undefined): string {
  if (onDisk === undefined) return 'missing';
  if (generated === undefined) return 'not generated any more';
  if (onDisk.replace(/\r\n/g, '\n') === generated) {
    return 'differs only in its line ends (CRLF there, LF generated): mark the folder `-text` or `eol=lf` in .gitattributes';
  }
  // Lines without their terminators: a final line end starts no line of its own.
  const lines = (text: string): string[] => (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const a = lines(onDisk);
  const b = lines(generated);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'differs only in the line end of its last line';
  // Long lines are quoted from shortly before their first differing character.
  const left = a[i] ?? '';
  const right = b[i] ?? '';
  let column = 0;
  while (column < left.length && column < right.length && left[column] === right[column]) column++;
  const from = column > QUOTE_LIMIT / 2 ? column - QUOTE_LIMIT / 4 : 0;
  const quote = (line: string | undefined): string => {
    if (line === undefined) return 'the end of the file';
    const text = line.slice(from, from + QUOTE_LIMIT);
    return JSON.stringify(`${from > 0 ? '…' : ''}${text}${from + QUOTE_LIMIT < line.length ? '…' : ''}`);
  };
  return `line ${i + 1}${from > 0 ? `, column ${column + 1},` : ''} is ${quote(a[i])} there, ${quote(b[i])} when generated`;
}

/** What `--check` reports: every path that would change, sorted. */
export function compareTree(dir: string, files: RenderedFile[]): string[] {
  const current = readTree(dir);
  const changed = new Set<string>();
  for (const f of files) if (current.get(f.path) !== f.contents) changed.add(f.path);
  for (const p of current.keys()) if (!files.some((f) => f.path === p)) changed.add(p);
  return [...changed].sort();
}

/**
 * Stage 7: write the package atomically. The new tree is built in a sibling
 * folder and swapped in with renames; if anything fails, the previous output
 * is put back untouched. node_modules/ and dist/ of the old output are carried over.
 */
export function write(dir: string, files: RenderedFile[]): WriteReport {
  const changed = compareTree(dir, files);
  if (changed.length === 0) return { changed, written: 0 };
  const parent = path.dirname(path.resolve(dir));
  const base = path.basename(path.resolve(dir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${base}.new-`));
  const backup = path.join(parent, `.${base}.old-${path.basename(staging).split('-').pop() ?? 'x'}`);
  try {
    for (const f of files) {
      const target = path.join(staging, ...f.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.contents);
    }
    const existed = fs.existsSync(dir);
    if (existed) fs.renameSync(dir, backup);
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      if (existed) fs.renameSync(backup, dir);
      throw e;
    }
    if (existed) {
      for (const keep of ['node_modules', 'dist']) {
        if (fs.existsSync(path.join(backup, keep))) fs.renameSync(path.join(backup, keep), path.join(dir, keep));
      }
      fs.rmSync(backup, { recursive: true, force: true });
    }
    return { changed, written: files.length };
  } finally {
    if (fs.existsSync(staging)) fs.rmSync(staging, { recursive: true, force: true });
  }
}
