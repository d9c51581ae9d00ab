import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * A V8 code cache for the CLI (bin/codegen.js) and its type-check thread: the bytecode of every
 * module they load, written by `npm run build` after a warm-up run, so that a cold run compiles
 * almost nothing. A run of the UCS closure spends ~100 ms compiling without it (~0.45 s more in
 * the type check's thread, for the TypeScript compiler's functions).
 *
 * Why not the v8-compile-cache package: it caches what V8 compiles while loading a module, not the
 * functions compiled later as the run calls them, which are most of ours (it saved ~35 ms, this
 * ~100); it hashes every file it loads on every run and writes to the temporary folder at run time.
 * Node 22's module.enableCompileCache() would replace this module; the project runs on Node 20.
 *
 * V8 accepts a cache only for the same V8 version and flags (bin/codegen.js sets --no-opt before
 * anything is loaded, in every mode) and a source of the same length. The rest is checked here:
 * each entry records its file's size and modification time, and the whole cache is dropped when
 * npm changed node_modules since (its node_modules/.package-lock.json), or V8 or the CPU differ.
 * The cache is a build product of this folder, not published with the package (package.json's files).
 */

/** `read` (the default), `record` (the build's warm-up run) or `off`, from WSDL_CODEGEN_CODE_CACHE. */
export type CodeCacheMode = 'read' | 'record' | 'off';
export const CODE_CACHE_ENV = 'WSDL_CODEGEN_CODE_CACHE';

const ROOT = path.resolve(__dirname, '..', '..');
export const CODE_CACHE_DIR = path.join(ROOT, 'dist', 'code-cache');
const STAMP = 'stamp.json';

interface Stamp {
  v8: string;
  arch: string;
  /** node_modules/.package-lock.json, which npm rewrites whenever it changes node_modules. */
  lock: { size: number; mtimeMs: number } | null;
}
interface EntryHeader {
  size: number;
  mtimeMs: number;
}

type Compile = (this: NodeJS.Module, content: string, filename: string) => unknown;
const ModuleClass = require('node:module') as { prototype: { _compile: Compile } };

/** How this thread uses the cache (`mode`), what it was asked for (`requested`, which its type-check thread is asked for too) and why. */
let installed: { mode: CodeCacheMode; requested: CodeCacheMode; dir: string; root: string; status: string } = { mode: 'off', requested: 'off', dir: CODE_CACHE_DIR, root: ROOT, status: 'off' };
let fromCache = 0;
let compiled = 0;
const recorded: Array<{ file: string; filename: string; script: vm.Script }> = [];

function currentStamp(root: string): Stamp {
  const lock = fs.statSync(path.join(root, 'node_modules', '.package-lock.json'), { throwIfNoEntry: false });
  return { v8: process.versions.v8, arch: process.arch, lock: lock ? { size: lock.size, mtimeMs: lock.mtimeMs } : null };
}

/** The file an entry is kept in: the module's path inside `root`, flattened. */
function entryFile(dir: string, root: string, filename: string): string | undefined {
  const rel = path.relative(root, filename);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return path.join(dir, `${rel.split(path.sep).join('!')}.v8`);
}

/**
 * Lets a module compiled here call import() as one Node loaded would (where this Node has the
 * constant), but only when it was compiled without cachedData: on Node 20 a script deserialized
 * from a code cache loses the callback, and its import() rejects ("A dynamic import callback was
 * not specified"). None of the modules the CLI loads calls import(); one that does must not be read
 * from this cache.
 */
const DYNAMIC_IMPORT = (vm as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: vm.ScriptOptions['importModuleDynamically'] } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

/** What Node's loader wraps a CommonJS module's source in; the source starts on the wrapper's line. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';

/** Compiles and runs a CommonJS module as Node's loader would, with `cachedData` when there is some. */
function runModule(mod: NodeJS.Module, content: string, filename: string, cachedData: Buffer | undefined): vm.Script {
  // The source's first line shares the wrapper's: the line numbers stay right, and the negative
  // column offset keeps that line's columns right too (a minified module is all first line).
  const script = new vm.Script(`${WRAPPER_START}${content}\n});`, {
    filename,
    columnOffset: -WRAPPER_START.length,
    ...(cachedData ? { cachedData } : {}),
    ...(DYNAMIC_IMPORT ? { importModuleDynamically: DYNAMIC_IMPORT } : {}),
  });
  const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  // require() goes through the module itself, as Node's does: what it loads has this module as its
  // module.parent and is one of its module.children. resolve, main, cache and extensions are those
  // of a require made for the same file.
  const require = Object.assign((id: string): unknown => mod.require(id), createRequire(filename));
  fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  return script;
}

/**
 * Makes this thread's later `require`s use (`read`) or record (`record`) the cache in `dir` for the
 * modules under `root`. `read` does nothing unless the cache was written by this V8 on this CPU for
 * the node_modules there now. Call it before requiring what it should cover.
 */
export function useCodeCache(mode: CodeCacheMode, dir = CODE_CACHE_DIR, root = ROOT): void {
  const unused = mode === 'off' ? `off (${CODE_CACHE_ENV}=off)` : mode === 'read' ? staleness(dir, root) : undefined;
  installed = { mode: unused === undefined ? mode : 'off', requested: mode, dir, root, status: unused ?? mode };
  if (unused !== undefined) return;
  const compile = ModuleClass.prototype._compile;
  ModuleClass.prototype._compile = function (this: NodeJS.Module, content: string, filename: string): unknown {
    const file = content.startsWith('#!') ? undefined : entryFile(dir, root, filename);
    if (file === undefined) return compile.call(this, content, filename);
    if (mode === 'record') {
      recorded.push({ file, filename, script: runModule(this, content, filename, undefined) });
      return undefined;
    }
    let cachedData: Buffer | undefined;
    try {
      const entry = fs.readFileSync(file);
      const nl = entry.indexOf(10);
      const header = JSON.parse(entry.toString('utf8', 0, nl)) as EntryHeader;
      const stat = fs.statSync(filename);
      if (header.size === stat.size && header.mtimeMs === stat.mtimeMs) cachedData = entry.subarray(nl + 1);
    } catch {
      // no entry for this module: compiled as usual
    }
    const script = runModule(this, content, filename, cachedData);
    if (cachedData !== undefined && !script.cachedDataRejected) fromCache++;
    else compiled++;
    return undefined;
  };
}

/** Why the cache in `dir` cannot be read for the modules under `root`; undefined when it can. */
function staleness(dir: string, root: string): string | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8')) as Stamp;
  } catch {
    return 'none (`npm run build` writes it)';
  }
  return JSON.stringify(stamp) === JSON.stringify(currentStamp(root)) ? undefined : 'stale (node, the CPU or node_modules changed since `npm run build`, which rewrites it)';
}

/**
 * What this thread asked useCodeCache for, and where: the type-check thread asks for the same, so
 * that it reads the same cache, or finds it missing or stale as this thread did (and says so).
 */
export function codeCacheSettings(): { mode: CodeCacheMode; dir: string; root: string } {
  return { mode: installed.requested, dir: installed.dir, root: installed.root };
}

/** The mode the environment asks for. */
export function requestedCodeCacheMode(): CodeCacheMode {
  const v = process.env[CODE_CACHE_ENV];
  return v === 'record' || v === 'off' ? v : 'read';
}

/** For --verbose: how many of the modules this thread loaded so far came from the cache. */
export function codeCacheReport(): string {
  if (installed.mode !== 'read') return installed.status;
  return `${fromCache} of ${fromCache + compiled} modules from ${path.relative(process.cwd(), installed.dir) || '.'}`;
}

/**
 * Writes what `record` mode saw in this thread, then the stamp that makes the cache readable. Call
 * it before anything turns V8 flags back on.
 */
export function saveCodeCache(): void {
  const { dir, root } = installed;
  fs.mkdirSync(dir, { recursive: true });
  for (const { file, filename, script } of recorded.splice(0)) {
    const stat = fs.statSync(filename);
    const header: EntryHeader = { size: stat.size, mtimeMs: stat.mtimeMs };
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), script.createCachedData()]));
  }
  fs.writeFileSync(path.join(dir, STAMP), JSON.stringify(currentStamp(root)));
}

/**
 * `npm run build`'s last step: a warm-up run of the CLI on the project's own codegen.config.json,
 * type check included, recording the cache. Without that input (an installed copy), or if the run
 * fails, there is no cache and runs compile as before.
 */
function warmUp(): void {
  // Required here: every CLI run loads this module, and child_process alone takes ~5 ms to load.
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const os = require('node:os') as typeof import('node:os');
  fs.rmSync(CODE_CACHE_DIR, { recursive: true, force: true });
  if (!fs.existsSync(path.join(ROOT, 'codegen.config.json'))) {
    process.stdout.write('code cache: not written (no codegen.config.json to warm up on); the CLI compiles its modules each run.\n');
    return;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wsdl-codegen-warm-up-'));
  try {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), '--out', out, '--quiet'], { cwd: ROOT, env: { ...process.env, [CODE_CACHE_ENV]: 'record' }, encoding: 'utf8' });
    if (r.status !== 0) {
      fs.rmSync(CODE_CACHE_DIR, { recursive: true, force: true });
      process.stdout.write(`code cache: not written, the warm-up run failed (the CLI compiles its modules each run):\n${r.stderr || r.error?.message || ''}\n`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) warmUp();
