import * as fs from 'node:fs';
import * as path from 'node:path';
import { completeConfig, configHint, configKeyOrigin, configProblems, isUrl, readConfigFile, type CodegenConfig } from './config';
import { Diagnostics, GenerationError, diag, type Diagnostic } from './diagnostics';
import type { IR, Origin } from './ir';
import { load, urlCredentials } from './load';
import { parse } from './parse';
import { plan, SUPPORT_NAMES } from './plan';
import { render, type RenderedFile } from './render';
import { resolve } from './resolve';
import { verify } from './verify';
import { startVerifyWorker } from './verify/worker';
import { OutputRefused, checkTree, unsafeOutput, write } from './write';

export type { CodegenConfig } from './config';
export type { Diagnostic } from './diagnostics';
export { formatDiagnostic } from './diagnostics';
export type { IR } from './ir';
export type { RenderedFile } from './render';

export interface GenerateOptions extends Partial<CodegenConfig> {
  /** Base for relative paths and for the paths printed in diagnostics. Default: process.cwd(). */
  cwd?: string;
  /** 'none' (default for the API): only return the files; 'write': write `out` atomically; 'check': compare with `out`. */
  mode?: 'none' | 'write' | 'check';
  /** Type-check the generated package before anything is returned or written (default true). */
  verify?: boolean;
  /**
   * Load the compiler for the type check in a worker thread from the start, beside the stages before
   * it (default false). A process that generates once, as the CLI does, can finish sooner by up to
   * the compiler's load (~0.5 s) when a second core is free (~0.1 s on the shared 2-core machine of
   * the benchmarks); one that calls generate() repeatedly is faster without, since its own thread
   * keeps the compiler loaded between calls.
   */
  verifyInWorker?: boolean;
  /**
   * A configuration file (relative to cwd) whose keys apply where the options give none, as the
   * CLI's flags go over its file's; diagnostics about them name it.
   */
  configFile?: string;
}

export interface GenerateResult {
  /** False when any error diagnostic was produced; then nothing was written. */
  ok: boolean;
  files: RenderedFile[];
  diagnostics: Diagnostic[];
  ir?: IR;
  /** 'check': files that differ from the output folder; 'write': files that changed. */
  changed: string[];
  written: number;
  stats: { documents: number; types: number; operations: number; timings: Record<string, number> };
}

const RUNTIME_PACKAGE = '@wsdl-codegen/runtime';

function runtimeInfo(): { dir: string; version: string } {
  const pkgFile = require.resolve(`${RUNTIME_PACKAGE}/package.json`);
  const pkg = require(pkgFile) as { version: string };
  return { dir: path.dirname(pkgFile), version: pkg.version };
}

/** The options only generate() takes, beside the configuration's keys. */
const API_OPTIONS: Readonly<Record<string, (v: unknown) => boolean>> = {
  cwd: (v) => typeof v === 'string' && fs.statSync(v, { throwIfNoEntry: false })?.isDirectory() === true,
  mode: (v) => v === 'none' || v === 'write' || v === 'check',
  verify: (v) => typeof v === 'boolean',
  verifyInWorker: (v) => typeof v === 'boolean',
  configFile: (v) => typeof v === 'string',
};

/**
 * A JS caller's options are checked as a config file's are: a misspelt mode would otherwise
 * report success having written nothing, and a number for a path fail deep inside as a TypeError.
 */
function checkOptions(options: GenerateOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new GenerationError([diag('CONFIG_INVALID', `generate() options must be an object, not ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}.`, 'Pass { wsdl, out, ... } as GenerateOptions describes.')]);
  }
  const given = options as unknown as Record<string, unknown>;
  const problems = configProblems(given, Object.keys(API_OPTIONS));
  for (const [key, valid] of Object.entries(API_OPTIONS)) {
    if (given[key] !== undefined && !valid(given[key])) problems.push([key, key === 'mode' ? '"mode" must be "none", "write" or "check"' : key === 'cwd' ? '"cwd" must name a folder that exists' : `"${key}" has the wrong type`]);
  }
  if (problems.length) throw new GenerationError(problems.map(([, problem]) => diag('CONFIG_INVALID', `generate() options: ${problem}.`, configHint(problem, Object.keys(API_OPTIONS)).replace('the README\'s "Using the CLI" lists', 'GenerateOptions gives'))));
}

/** The programmatic API: everything the CLI does, returning files and diagnostics instead of printing. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  // A JS caller may pass anything: checkOptions says what, below.
  const cwd = (options as GenerateOptions | null)?.cwd ?? process.cwd();
  const diagnostics = new Diagnostics();
  const timings: Record<string, number> = {};
  const result: GenerateResult = { ok: false, files: [], diagnostics: diagnostics.items, changed: [], written: 0, stats: { documents: 0, types: 0, operations: 0, timings } };
  const timed = async <T>(stage: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] = Math.round((performance.now() - t0) * 10) / 10;
    }
  };
  // Where a key of the config file stands, for diagnostics about its value (its first line without one).
  const configKey = (key: string): Origin | undefined => (options.configFile === undefined ? undefined : configKeyOrigin(options.configFile, cwd, key));
  const worker = (options as GenerateOptions | null)?.verify !== false && (options as GenerateOptions | null)?.verifyInWorker === true ? startVerifyWorker() : undefined;
  try {
    checkOptions(options);
    // The file's keys, then the options given (one set to undefined, by a JS caller, gives none).
    const fromFile = options.configFile === undefined ? {} : readConfigFile(options.configFile, cwd);
    const given: Partial<CodegenConfig> = { ...fromFile, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    const config = completeConfig(given);
    // Where the config file gives a path the run uses (the CLI passes the file's values along with
    // its flags, so a value is the file's when it is the same): diagnostics about it name that key.
    const fromConfig = (key: 'wsdl' | 'schemaPath' | 'out' | 'headers'): Origin | undefined =>
      fromFile[key] !== undefined && JSON.stringify(fromFile[key]) === JSON.stringify(given[key]) ? configKey(key) : undefined;
    // Request headers go only to an http(s) entry's server (load): for a local entry they would be
    // dropped without a word, and a user would believe them sent. Named, never their values (credentials).
    const headerNames = Object.keys(config.headers);
    if (headerNames.length && !isUrl(config.wsdl)) {
      const [these, apply] = headerNames.length === 1 ? ['The request header', 'applies'] : ['The request headers', 'apply'];
      diagnostics.warn(
        'HEADERS_NOT_SENT',
        `${these} ${headerNames.join(', ')} ${apply} only to a WSDL fetched over http(s); ${config.wsdl} is a local file, so ${headerNames.length === 1 ? 'it is' : 'they are'} not sent.`,
        'Drop --header (or "headers" in the config file) when the WSDL is a local file; nothing else changes.',
        fromConfig('headers'),
      );
    }
    const entryAt = fromConfig('wsdl');
    const schemaPathAt = fromConfig('schemaPath');
    const sources = await timed('load', () =>
      load({ entry: config.wsdl, schemaPath: config.schemaPath, cwd, headers: config.headers, ...(entryAt ? { entryAt } : {}), ...(schemaPathAt ? { schemaPathAt } : {}) }, diagnostics),
    );
    const model = await timed('parse', () => parse(sources, diagnostics));
    const runtime = runtimeInfo();
    const ir = await timed('resolve', () => resolve(model, { allTypes: config.allTypes, reservedNames: SUPPORT_NAMES }, diagnostics));
    result.ir = ir;
    result.stats.documents = ir.documents.length;
    result.stats.types = ir.reachable.types.length;
    result.stats.operations = ir.bindings.reduce((n, b) => n + b.operations.length, 0);
    const outDir = path.resolve(cwd, config.out);
    // A URL's user and password stay out of the package, which is committed.
    const source = isUrl(config.wsdl) ? urlCredentials(config.wsdl).bare : path.relative(outDir, path.resolve(cwd, config.wsdl)).split(path.sep).join('/');
    const outputPlan = await timed('plan', () =>
      plan(ir, {
        source,
        packageName: config.packageName,
        packageVersion: config.packageVersion,
        runtimePackage: RUNTIME_PACKAGE,
        runtimeVersion: runtime.version,
        defaultSoapHeaders: config.soapHeaders,
        ...(config.idempotentOperations ? { idempotentOperations: config.idempotentOperations } : {}),
      }),
    );
    for (const { tsName, origin, kind } of outputPlan.unkeptOrders) {
      if (kind === 'text') {
        diagnostics.warn(
          'MIXED_TEXT_NOT_PLACED',
          `This mixed complex type (the generated type ${tsName}) has elements as well as text: its character data is read into one $text and written before the elements, so where the text stood between them is not kept.`,
          'Nothing to do when the receiver ignores that text or only its content matters; otherwise report the schema.',
          origin,
        );
        continue;
      }
      diagnostics.warn(
        'CHOICE_ORDER_NOT_KEPT',
        kind === 'repeated'
          ? `This repeated xs:choice (in the generated type ${tsName}) has an alternative that is a sequence holding a wildcard, an optional or repeated group, or a choice of more than elements, or one that must occur more than once: its elements are kept in one array per name, and a value is written name by name, so the order between elements of different names is not kept.`
          : `The alternatives of this xs:choice (in the generated type ${tsName}) put the same elements in different orders: a value is written in the first alternative's order, and readers accept either order without checking it.`,
        'Nothing to do when the receiver does not depend on that order; otherwise report the schema.',
        origin,
      );
    }
    const { declared, unknown } = outputPlan.soapHeaders;
    for (const key of unknown) {
      diagnostics.error(
        'CONFIG_SOAP_HEADER',
        `"soapHeaders" names ${key}, which no binding of ${ir.entry} declares as a SOAP header ${declared.length ? `(they declare: ${declared.join(', ')})` : '(it declares none)'}.`,
        'Remove it from "soapHeaders", or check its name against the soap:header parts of the WSDL.',
        configKey('soapHeaders'),
      );
    }
    for (const { path: at, problem } of outputPlan.soapHeaders.mistyped) {
      diagnostics.error(
        'CONFIG_SOAP_HEADER',
        `"soapHeaders": ${at} ${problem}.`,
        'Fix that value in "soapHeaders": each SOAP header\'s type is in the generated src/types.ts.',
        configKey('soapHeaders'),
      );
    }
    // Left to the type check, which a run without it does not have: refused rather than written
    // into a package that may not compile (or passed by --check as if it did). Only returning the
    // files (inspect, the API's default) leaves them to the caller.
    if (options.verify === false && (options.mode === 'write' || options.mode === 'check')) {
      for (const { path: at, problem } of outputPlan.soapHeaders.unchecked) {
        diagnostics.error(
          'CONFIG_SOAP_HEADER',
          `"soapHeaders": ${at} ${problem}; only the type check can check this header's value, and --no-verify skips it.`,
          "Drop --no-verify (verify: false) so that the type check judges it, or give this header in code, in the client's soapHeaders option.",
          configKey('soapHeaders'),
        );
      }
    }
    // A misspelt name would silently leave its operation without retries.
    const operations = new Set(ir.bindings.flatMap((b) => b.operations.map((o) => o.name)));
    for (const name of config.idempotentOperations ?? []) {
      if (operations.has(name)) continue;
      diagnostics.error(
        'CONFIG_INVALID',
        `"idempotentOperations" names ${name}, which is no operation of ${ir.entry}.`,
        `Use the WSDL's operation names (${[...operations].sort().slice(0, 5).join(', ')}${operations.size > 5 ? ', …' : ''}).`,
        configKey('idempotentOperations'),
      );
    }
    diagnostics.check();
    const files = await timed('render', () => render(outputPlan));
    if (options.verify !== false) {
      const verifyOptions = { runtimePackage: RUNTIME_PACKAGE, runtimeDir: runtime.dir };
      const problems = await timed('verify', () => (worker === undefined ? verify(files, verifyOptions) : worker.verify(files, verifyOptions)));
      // A configured default SOAP header of the wrong shape fails the check on the client's line
      // that holds the defaults: the configuration's fault, not the generator's.
      const client = files.find((f) => f.path === 'src/client.ts')?.contents.split('\n');
      for (const d of problems) {
        const line = d.file === '(generated) src/client.ts' && d.line !== undefined ? client?.[d.line - 1] : undefined;
        if (d.code === 'GENERATED_CODE_INVALID' && line?.includes('static readonly defaultSoapHeaders')) {
          diagnostics.error(
            'CONFIG_SOAP_HEADER',
            `"soapHeaders" holds a value its header's type does not take: ${withoutValues(d.message.replace(/^The generated code does not type-check: /, ''), config.soapHeaders)}`,
            'Fix that value in "soapHeaders": each SOAP header\'s type is in the generated src/types.ts.',
            configKey('soapHeaders'),
          );
        } else diagnostics.add(d);
      }
      diagnostics.check();
    }
    result.files = files;
    // The file system's refusals are the user's to fix (a file where the folder should be, no
    // permission, a read-only disk): say so, naming the folder, rather than crash.
    // A path as messages show it: from the working directory.
    const shown = (p: string): string => path.relative(cwd, p) || '.';
    const outputFailure = (e: unknown, doing: string): never => {
      const error = e as NodeJS.ErrnoException | undefined;
      if (typeof error?.code !== 'string') throw e;
      // The system's reason names the paths it failed on (a rename's two), absolute: shown from the working directory.
      let reason = error.message;
      for (const p of [error.path, (e as { dest?: unknown }).dest]) if (typeof p === 'string' && path.isAbsolute(p)) reason = reason.replaceAll(p, shown(p));
      return diagnostics.fail(
        'OUTPUT_FAILED',
        `Could not ${doing} the output folder ${shown(outDir)}: ${reason}`,
        '--out (or "out" in the config file) must name a folder that can be created and written, not a file. A previous output there is left as it was.',
        fromConfig('out'),
      );
    };
    if (options.mode === 'check' || options.mode === 'write') {
      const inputs = sources.documents.map((d) => d.location).filter((l) => path.isAbsolute(l));
      if (options.configFile !== undefined) inputs.push(path.resolve(cwd, options.configFile));
      // A path through a file (--out a-file/sub) fails its stat with ENOTDIR: the user's to fix.
      let unsafe: string | undefined;
      try {
        unsafe = unsafeOutput(outDir, cwd, inputs);
      } catch (e) {
        outputFailure(e, options.mode === 'check' ? 'read' : 'write');
      }
      if (unsafe !== undefined) {
        diagnostics.fail('OUTPUT_UNSAFE', unsafe, 'Give --out (or "out" in the config file) a folder of its own for the package, such as generated/: new, empty, or written by codegen before. Nothing was written.', fromConfig('out'));
      }
    }
    if (options.mode === 'check') {
      result.changed = await timed('check', () => {
        try {
          return checkTree(outDir, files, { show: shown });
        } catch (e) {
          if (e instanceof OutputRefused) return diagnostics.fail(e.code, e.message, e.hint, fromConfig('out'));
          return outputFailure(e, 'read');
        }
      });
    } else if (options.mode === 'write') {
      const report = await timed('write', () => {
        try {
          return write(outDir, files, { show: shown });
        } catch (e) {
          if (e instanceof OutputRefused) return diagnostics.fail(e.code, e.message, e.hint, fromConfig('out'));
          return outputFailure(e, 'write');
        }
      });
      result.changed = report.changed;
      result.written = report.written;
    }
    result.ok = true;
  } catch (e) {
    if (!(e instanceof GenerationError)) throw e;
    for (const d of e.diagnostics) if (!diagnostics.items.includes(d)) diagnostics.add(d);
    result.files = [];
  } finally {
    await worker?.close();
  }
  return result;
}

/**
 * A type checker's message with the configured values left out: it names a literal it refuses
 * ('"…"' for a string, '42' for a number), and a header may hold a credential.
 */
function withoutValues(message: string, values: unknown): string {
  const written = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') written.add(JSON.stringify(v));
    else if (typeof v === 'number' || typeof v === 'bigint') written.add(`'${String(v)}'`);
    else if (typeof v === 'object' && v !== null) for (const item of Object.values(v)) collect(item);
  };
  collect(values);
  let out = message;
  // Longest first: a value may hold another.
  for (const w of [...written].sort((a, b) => b.length - a.length)) out = out.replaceAll(w, w.startsWith('"') ? '"…"' : "'…'");
  return out;
}
