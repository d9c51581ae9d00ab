import * as fs from 'node:fs';
import * as path from 'node:path';
import { GenerationError, diag, positionAt } from './diagnostics';

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

const KEYS: ReadonlyArray<keyof CodegenConfig> = ['wsdl', 'schemaPath', 'out', 'packageName', 'packageVersion', 'allTypes', 'headers', 'soapHeaders', 'idempotentOperations'];

/**
 * Reads a config file. Relative paths in it are relative to the file's folder,
 * and are returned relative to `cwd` so that diagnostics stay short.
 */
export function readConfigFile(file: string, cwd: string): Partial<CodegenConfig> {
  const abs = path.resolve(cwd, file);
  const shown = path.relative(cwd, abs) || file;
  let text = '';
  // The position of an offset in the file, or of a key's first appearance.
  const at = (offset: number): { file: string; line: number; col: number } => ({ file: shown, ...positionAt(text, offset) });
  const ofKey = (key: string): { file: string; line: number; col: number } => at(text.indexOf(JSON.stringify(key)));
  let raw: unknown;
  try {
    text = fs.readFileSync(abs, 'utf8');
    raw = JSON.parse(text);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    const offset = Number(/at position (\d+)/.exec((e as Error).message)?.[1] ?? 0);
    throw new GenerationError([
      diag('CONFIG_INVALID', missing ? `Config file ${shown} not found.` : `Config file ${shown} is not valid JSON: ${(e as Error).message}`, missing ? 'Create it, or pass --wsdl and --out.' : 'Fix the JSON syntax.', at(offset)),
    ]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GenerationError([diag('CONFIG_INVALID', `Config file ${shown} must hold a JSON object.`, `Use keys: ${KEYS.join(', ')}.`, { file: shown, line: 1, col: 1 })]);
  }
  const obj = raw as Record<string, unknown>;
  // Each problem at the key it is about.
  const problems: Array<[key: string, problem: string]> = [];
  for (const k of Object.keys(obj)) if (!KEYS.includes(k as keyof CodegenConfig) && k !== '$comment') problems.push([k, `unknown key "${k}"`]);
  const str = (k: string): string | undefined => {
    const v = obj[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') problems.push([k, `"${k}" must be a string`]);
    return typeof v === 'string' ? v : undefined;
  };
  const dir = path.dirname(abs);
  const rel = (p: string): string => (/^https?:\/\//i.test(p) ? p : path.relative(cwd, path.resolve(dir, p)) || '.');
  const out: Partial<CodegenConfig> = {};
  const wsdl = str('wsdl');
  if (wsdl) out.wsdl = rel(wsdl);
  const o = str('out');
  if (o) out.out = rel(o);
  const pn = str('packageName');
  if (pn) out.packageName = pn;
  const pv = str('packageVersion');
  if (pv) out.packageVersion = pv;
  if (obj.schemaPath !== undefined) {
    if (!Array.isArray(obj.schemaPath) || obj.schemaPath.some((s) => typeof s !== 'string')) problems.push(['schemaPath', '"schemaPath" must be an array of strings']);
    else out.schemaPath = (obj.schemaPath as string[]).map(rel);
  }
  if (obj.allTypes !== undefined) {
    if (typeof obj.allTypes !== 'boolean') problems.push(['allTypes', '"allTypes" must be true or false']);
    else out.allTypes = obj.allTypes;
  }
  if (obj.headers !== undefined) {
    const h = obj.headers;
    if (!h || typeof h !== 'object' || Array.isArray(h) || Object.values(h).some((v) => typeof v !== 'string')) problems.push(['headers', '"headers" must be an object of strings']);
    else out.headers = { ...(h as Record<string, string>) };
  }
  if (obj.soapHeaders !== undefined) {
    if (!obj.soapHeaders || typeof obj.soapHeaders !== 'object' || Array.isArray(obj.soapHeaders)) problems.push(['soapHeaders', '"soapHeaders" must be an object']);
    else out.soapHeaders = obj.soapHeaders as Record<string, unknown>;
  }
  if (obj.idempotentOperations !== undefined) {
    if (!Array.isArray(obj.idempotentOperations) || obj.idempotentOperations.some((s) => typeof s !== 'string')) problems.push(['idempotentOperations', '"idempotentOperations" must be an array of strings']);
    else out.idempotentOperations = obj.idempotentOperations as string[];
  }
  if (problems.length) {
    const found = problems.map(([key, problem]) => diag('CONFIG_INVALID', `Config file ${shown}: ${problem}.`, `Allowed keys: ${KEYS.join(', ')}.`, ofKey(key)));
    throw new GenerationError(found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)));
  }
  return out;
}

export function completeConfig(partial: Partial<CodegenConfig>): CodegenConfig {
  if (!partial.wsdl) {
    throw new GenerationError([diag('CONFIG_INVALID', 'No WSDL given.', `Pass --wsdl PATH|URL or set "wsdl" in ${DEFAULT_CONFIG_FILE}.`)]);
  }
  return {
    wsdl: partial.wsdl,
    schemaPath: partial.schemaPath ?? [],
    out: partial.out ?? 'generated',
    packageName: partial.packageName ?? 'generated-soap-client',
    packageVersion: partial.packageVersion ?? '0.1.0',
    allTypes: partial.allTypes ?? false,
    headers: partial.headers ?? {},
    soapHeaders: partial.soapHeaders ?? {},
    ...(partial.idempotentOperations ? { idempotentOperations: partial.idempotentOperations } : {}),
  };
}
