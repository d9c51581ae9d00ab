import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GenerationError, diag, positionAt } from './diagnostics';
import type { Origin } from './ir';

/** What a run needs; the config file, the CLI flags and the API all fill this in. */
export interface CodegenConfig {
  /** Entry WSDL (or XSD): path or http(s) URL. */
  wsdl: string;
  /** Folders searched for included/imported schemas after the including file's own folder. */
  schemaPath: string[];
  /** Output folder of the generated package. */
  out: string;
  /** npm name of the generated package. */
  packageName: string;
  packageVersion: string;
  /** Emit every type of the schemas, not only what the operations reach. */
  allTypes: boolean;
  /** HTTP request headers for remote WSDLs (authentication). */
  headers: Record<string, string>;
  /** SOAP headers the generated clients send by default, by header property name. */
  soapHeaders: Record<string, unknown>;
  /** WSDL operations the clients may re-send after an ambiguous failure (default: names starting Get/Find/List/...). */
  idempotentOperations?: string[];
}

export const DEFAULT_CONFIG_FILE = 'codegen.config.json';

/**
 * The path a `file:` URL names, `p` itself when it is no such URL, undefined for one that names no
 * file of this machine (another host, an encoded slash).
 */
export function fileUrlPath(p: string): string | undefined {
  if (!/^file:/i.test(p)) return p;
  try {
    return fileURLToPath(p);
  } catch {
    return undefined;
  }
}

/** Whether `s` is an http(s) URL: a document fetched, not read from this machine. */
export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** fileUrlPath, with a URL that names no file here refused as the value of `key` (found `at`). */
function localPath(p: string, key: string, at?: Origin): string {
  // Another scheme (ftp:, a misspelt htps:) would be looked for as a relative path, and reported
  // as a file not found under a name the user never wrote ("ftp:/host/x.wsdl"). `scheme://` only:
  // a path may hold a colon, and a Windows drive letter is followed by no `//`.
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(p)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'file' && scheme !== 'http' && scheme !== 'https') {
    const hint = key === 'wsdl' ? 'Save the document and give its path, or give its http(s) URL.' : 'Give a path of this machine.';
    throw new GenerationError([diag('CONFIG_INVALID', `"${key}" is ${p}, a URL whose scheme is not read: only http:, https: and file: are.`, hint, at)]);
  }
  const local = fileUrlPath(p);
  if (local !== undefined) return local;
  throw new GenerationError([diag('CONFIG_INVALID', `"${key}" is ${p}, a file URL that names no file of this machine.`, 'Give a path, or a file:///... URL without a host.', at)]);
}

const KEYS: ReadonlyArray<keyof CodegenConfig> = ['wsdl', 'schemaPath', 'out', 'packageName', 'packageVersion', 'allTypes', 'headers', 'soapHeaders', 'idempotentOperations'];

/**
 * What is wrong with the keys and values of a configuration (the file's object, or the options
 * generate() was given), by key. `otherKeys`: keys the caller checks itself.
 */
export function configProblems(obj: Record<string, unknown>, otherKeys: readonly string[] = []): Array<[key: string, problem: string]> {
  const problems: Array<[key: string, problem: string]> = [];
  for (const k of Object.keys(obj)) {
    if (!KEYS.includes(k as keyof CodegenConfig) && !otherKeys.includes(k) && k !== '$comment') problems.push([k, `unknown key "${k}"`]);
  }
  const stringsOf = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const objectOf = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const k of ['wsdl', 'out', 'packageName', 'packageVersion'] as const) {
    const v = obj[k];
    // An empty path is an unset variable more often than a choice (--out "$OUT").
    if (v !== undefined && (typeof v !== 'string' || v === '')) problems.push([k, `"${k}" must be a string that is not empty`]);
  }
  // What npm would refuse only when the package is installed or published, refused now.
  const name = obj.packageName;
  if (typeof name === 'string' && name !== '' && !isNpmName(name)) problems.push(['packageName', `"packageName" ${JSON.stringify(name)} is not a name npm takes`]);
  const version = obj.packageVersion;
  if (typeof version === 'string' && version !== '' && !SEMVER.test(version)) problems.push(['packageVersion', `"packageVersion" ${JSON.stringify(version)} is not a semantic version`]);
  if (obj.schemaPath !== undefined && !stringsOf(obj.schemaPath)) problems.push(['schemaPath', '"schemaPath" must be an array of strings']);
  if (obj.allTypes !== undefined && typeof obj.allTypes !== 'boolean') problems.push(['allTypes', '"allTypes" must be true or false']);
  if (obj.headers !== undefined && !(objectOf(obj.headers) && Object.values(obj.headers).every((v) => typeof v === 'string'))) {
    problems.push(['headers', '"headers" must be an object of strings']);
  }
  if (objectOf(obj.headers)) {
    for (const [name, value] of Object.entries(obj.headers)) {
      const problem = typeof value === 'string' ? headerProblem(name, value) : undefined;
      if (problem !== undefined) problems.push(['headers', problem.in === 'name' ? `"headers" has ${JSON.stringify(name)}, ${NOT_A_HEADER_NAME}` : `"headers" gives ${name} a value holding ${problem.char}, ${NOT_A_HEADER_VALUE}`]);
    }
  }
  if (obj.soapHeaders !== undefined && !objectOf(obj.soapHeaders)) problems.push(['soapHeaders', '"soapHeaders" must be an object']);
  if (obj.idempotentOperations !== undefined && !stringsOf(obj.idempotentOperations)) problems.push(['idempotentOperations', '"idempotentOperations" must be an array of strings']);
  return problems;
}

const NOT_A_HEADER_NAME = 'which is not an HTTP header name';
const NOT_A_HEADER_VALUE = 'which an HTTP header cannot carry';
export const HEADER_NAME_HINT = "A header name is letters, digits and !#$%&'*+-.^_`|~ without spaces, such as Authorization or X-Api-Key.";
export const HEADER_VALUE_HINT = 'Use Latin-1 characters without line breaks (encode the value, as Base64, if the server expects it so).';

/**
 * What keeps a request header from being sent, which fetch would refuse only when the entry is
 * fetched (as if the server could not be reached), and never for a local entry: a name that is no
 * HTTP token (`in: 'name'`), or a value holding a character beyond Latin-1, a line break or NUL
 * (`in: 'value'`, with that character quoted). Undefined when it can be sent.
 */
export function headerProblem(name: string, value: string): { in: 'name' } | { in: 'value'; char: string } | undefined {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return { in: 'name' };
  const bad = /[^\x01-\x09\x0b\x0c\x0e-\xff]/u.exec(value)?.[0];
  return bad === undefined ? undefined : { in: 'value', char: JSON.stringify(bad) };
}

/** A new package's name as npm takes it: lowercase, URL-safe, at most 214 characters, maybe scoped. */
function isNpmName(name: string): boolean {
  const part = (p: string): boolean => /^[a-z0-9-~][a-z0-9-._~]*$/.test(p);
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  return name.length <= 214 && (scoped === null ? part(name) : part(scoped[1] ?? '') && part(scoped[2] ?? ''));
}

// MAJOR.MINOR.PATCH, numbers without leading zeros, then an optional -pre.release and +build.
const NUMBER = '(?:0|[1-9]\\d*)';
const PRE_ID = `(?:${NUMBER}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMVER = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);

/** What to do about a problem configProblems found. */
export function configHint(problem: string, otherKeys: readonly string[] = []): string {
  if (problem.startsWith('unknown key')) return `Allowed keys: ${[...KEYS, ...otherKeys].join(', ')}.`;
  if (problem.endsWith('is not a name npm takes')) return 'Use lowercase letters, digits and - . _ ~, not first . or _, at most 214 characters, optionally as @scope/name.';
  if (problem.endsWith(NOT_A_HEADER_NAME)) return HEADER_NAME_HINT;
  if (problem.endsWith(NOT_A_HEADER_VALUE)) return HEADER_VALUE_HINT;
  if (problem.endsWith('is not a semantic version')) {
    // A git tag (git describe, $GITHUB_REF_NAME) is the usual source of a leading v.
    const tag = /"[vV](\d[^"]*)"/.exec(problem)?.[1];
    return `Use MAJOR.MINOR.PATCH, such as 1.0.0 or 2.1.0-beta.1${tag !== undefined && SEMVER.test(tag) ? `: ${tag}, without the v of a git tag` : ''}.`;
  }
  return 'Give the value the type the README\'s "Using the CLI" lists for it.';
}

/**
 * Reads a config file. Relative paths in it are relative to the file's folder,
 * and are returned relative to `cwd` so that diagnostics stay short.
 */
export function readConfigFile(file: string, cwd: string): Partial<CodegenConfig> {
  const abs = path.resolve(cwd, file);
  const shown = path.relative(cwd, abs) || file;
  let text = '';
  // The position of an offset in the file, or of a top-level key.
  const at = (offset: number): { file: string; line: number; col: number } => ({ file: shown, ...positionAt(text, offset) });
  const ofKey = (key: string): { file: string; line: number; col: number } => at(topLevelKey(text, key));
  let raw: unknown;
  try {
    // A byte order mark (Notepad writes one) is no JSON, and no reason to refuse the file.
    text = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    raw = JSON.parse(text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const offset = Number(/at position (\d+)/.exec((e as Error).message)?.[1] ?? 0);
    const [problem, hint] =
      code === 'ENOENT'
        ? [`Config file ${shown} not found.`, 'Create it, or pass --wsdl and --out.']
        : code === 'EISDIR'
          ? [`Config file ${shown} is a folder.`, `Name the file itself (${path.join(shown, DEFAULT_CONFIG_FILE)}, say).`]
          : code !== undefined
            ? [`Config file ${shown} cannot be read: ${(e as Error).message}.`, 'Check the path and that this user may read the file.']
            : [`Config file ${shown} is not valid JSON: ${(e as Error).message}`, 'Fix the JSON syntax.'];
    throw new GenerationError([diag('CONFIG_INVALID', problem, hint, at(offset))]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GenerationError([diag('CONFIG_INVALID', `Config file ${shown} must hold a JSON object.`, `Use keys: ${KEYS.join(', ')}.`, { file: shown, line: 1, col: 1 })]);
  }
  const obj = raw as Record<string, unknown>;
  // Each problem at the key it is about.
  const problems = configProblems(obj);
  if (problems.length) {
    const found = problems.map(([key, problem]) => diag('CONFIG_INVALID', `Config file ${shown}: ${problem}.`, configHint(problem), ofKey(key)));
    throw new GenerationError(found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)));
  }
  const dir = path.dirname(abs);
  const rel = (p: string, key: string): string => (isUrl(p) ? p : path.relative(cwd, path.resolve(dir, localPath(p, key, ofKey(key)))) || '.');
  const out: Partial<CodegenConfig> = {};
  const given = obj as Partial<CodegenConfig>;
  if (typeof given.wsdl === 'string') out.wsdl = rel(given.wsdl, 'wsdl');
  if (typeof given.out === 'string') out.out = rel(given.out, 'out');
  if (typeof given.packageName === 'string') out.packageName = given.packageName;
  if (typeof given.packageVersion === 'string') out.packageVersion = given.packageVersion;
  if (Array.isArray(given.schemaPath)) out.schemaPath = given.schemaPath.map((p) => rel(p, 'schemaPath'));
  if (typeof given.allTypes === 'boolean') out.allTypes = given.allTypes;
  if (given.headers !== undefined) out.headers = { ...given.headers };
  if (given.soapHeaders !== undefined) out.soapHeaders = given.soapHeaders;
  if (given.idempotentOperations !== undefined) out.idempotentOperations = given.idempotentOperations;
  return out;
}

/**
 * Where the config file `file` gives `key` at its top level, for diagnostics about that key's value
 * found after the file was read (its first line when the key, or the file, is gone by then).
 */
export function configKeyOrigin(file: string, cwd: string, key: string): { file: string; line: number; col: number } {
  const abs = path.resolve(cwd, file);
  let text = '';
  try {
    text = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    // read before, and gone: its first line
  }
  return { file: path.relative(cwd, abs) || file, ...positionAt(text, topLevelKey(text, key)) };
}

const COLON = /\s*:/y;

/**
 * Where the JSON object `text` gives `key` at its top level: the last time, whose value JSON.parse
 * keeps (0 when it does not). The same word as a nested key or as a value is not it.
 */
function topLevelKey(text: string, key: string): number {
  let depth = 0;
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      COLON.lastIndex = i + 1;
      if (depth === 1 && COLON.test(text) && JSON.parse(text.slice(start, i + 1)) === key) found = start;
    }
  }
  return found;
}

export function completeConfig(partial: Partial<CodegenConfig>): CodegenConfig {
  if (!partial.wsdl) {
    throw new GenerationError([diag('CONFIG_INVALID', 'No WSDL given.', `Pass --wsdl PATH|URL, set "wsdl" in ${DEFAULT_CONFIG_FILE}, or give generate() the wsdl option.`)]);
  }
  return {
    wsdl: localPath(partial.wsdl, 'wsdl'),
    schemaPath: (partial.schemaPath ?? []).map((p) => localPath(p, 'schemaPath')),
    out: localPath(partial.out ?? 'generated', 'out'),
    packageName: partial.packageName ?? 'generated-soap-client',
    packageVersion: partial.packageVersion ?? '0.1.0',
    allTypes: partial.allTypes ?? false,
    headers: partial.headers ?? {},
    soapHeaders: partial.soapHeaders ?? {},
    ...(partial.idempotentOperations ? { idempotentOperations: partial.idempotentOperations } : {}),
  };
}
