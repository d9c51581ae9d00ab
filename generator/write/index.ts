import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OUTPUT_MARKER } from '../plan';
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
 * Why the folder `dir` must not be written (nor compared, which reads all of it), or undefined.
 * Writing replaces the whole folder with the package: it must not hold the working directory, an
 * input or the configuration, and an existing folder that is not empty must be an earlier output.
 */
export function unsafeOutput(dir: string, cwd: string, inputs: readonly string[]): string | undefined {
  const within = (inner: string, outer: string): boolean => {
    const rel = path.relative(outer, inner);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const out = real(dir);
  const shown = path.relative(cwd, dir) || '.';
  if (within(real(cwd), out)) return `${shown} is the working directory${out === real(cwd) ? '' : ' or holds it'}: the package would replace everything in it.`;
  const input = inputs.find((f) => within(real(f), out));
  if (input !== undefined) return `${shown} holds ${path.relative(cwd, input) || input}, an input of this run: the package would replace it.`;
  const stat = fs.statSync(out, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isDirectory()) return undefined;
  const names = fs.readdirSync(out);
  if (names.length === 0) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'));
  } catch {
    manifest = undefined;
  }
  if ((manifest as { description?: unknown } | undefined)?.description === OUTPUT_MARKER) return undefined;
  const some = names.sort().slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return `${shown} holds files that codegen did not write (${some}): the package would replace them.`;
}

/**
 * Stage 7: write the package atomically. The new tree is built in a sibling
 * folder and swapped in with renames; if anything fails, the previous output
 * is put back untouched. node_modules/ and dist/ of the old output are carried over.
 */
export function write(dir: string, files: RenderedFile[]): WriteReport {
  // A link to the output folder stays a link: the folder it names is the one replaced.
  if (fs.lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) dir = fs.realpathSync(dir);
  const parent = path.dirname(path.resolve(dir));
  const base = path.basename(path.resolve(dir));
  // A run killed between the two renames below left the previous output only as its backup: put
  // it back first, so that what it holds besides the package (node_modules, dist) carries over.
  if (!fs.existsSync(dir) && fs.existsSync(parent)) {
    const backups = fs.readdirSync(parent).filter((n) => n.startsWith(`.${base}.old-`));
    if (backups.length === 1) fs.renameSync(path.join(parent, backups[0] ?? ''), dir);
  }
  if (fs.existsSync(parent)) removeAbandonedStaging(parent, base);
  const changed = compareTree(dir, files);
  if (changed.length === 0) return { changed, written: 0 };
  fs.mkdirSync(parent, { recursive: true });
  // Named after this process, so that a later run can tell a killed run's folder from a live one's.
  // mkdir, not mkdtemp: mkdtemp's folders are 0700, and the package would stay unreadable to others.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${base}.new-${tag}`);
  const backup = path.join(parent, `.${base}.old-${tag}`);
  fs.mkdirSync(staging);
  // A folder that existed keeps its permissions; a new one gets the umask's.
  const previous = fs.statSync(dir, { throwIfNoEntry: false });
  if (previous?.isDirectory()) fs.chmodSync(staging, previous.mode & 0o7777);
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

/** How long a staging folder of a process that is gone is left alone: it may be another machine's. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * Removes the staging folders (`.NAME.new-PID-*`) of runs killed while writing them: their process
 * is not running here and they have not changed for ten minutes. A live run's folder is left alone.
 */
function removeAbandonedStaging(parent: string, base: string): void {
  const prefix = `.${base}.new-`;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) continue;
    const folder = path.join(parent, name);
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (stat?.isDirectory() && Date.now() - stat.mtimeMs > ABANDONED_AFTER_MS) fs.rmSync(folder, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
