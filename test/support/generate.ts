import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate, type GenerateOptions, type GenerateResult } from '../../generator';
import { readConfigFile } from '../../generator/config';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const EWS_SCHEMAS = path.join(SHARED, 'schemas', 'ews');

/** Generates (in memory) with the repository root as working directory. */
export function generateAt(options: GenerateOptions): Promise<GenerateResult> {
  return generate({ cwd: ROOT, mode: 'none', ...options });
}

/** The MS-OXWSCOS package as `npx codegen` makes it (the repository's codegen.config.json). */
export function generateUcs(extra: GenerateOptions = {}): Promise<GenerateResult> {
  return generateAt({ ...readConfigFile('codegen.config.json', ROOT), ...extra });
}

export function fileOf(result: GenerateResult, p: string): string {
  const f = result.files.find((x) => x.path === p);
  if (!f) throw new Error(`no generated file ${p}; have ${result.files.map((x) => x.path).join(', ')}`);
  return f.contents;
}

export function errorsOf(result: GenerateResult): string {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`).join('\n');
}

/** Golden files: compared byte for byte; `UPDATE_GOLDENS=1` rewrites them (then review the diff). */
export function expectGolden(dir: string, files: Array<{ path: string; contents: string }>): void {
  if (process.env.UPDATE_GOLDENS === '1') {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      const target = path.join(dir, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.contents);
    }
  }
  const expected = new Map<string, string>();
  const walk = (d: string, prefix: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), rel);
      else expected.set(rel, fs.readFileSync(path.join(d, e.name), 'utf8'));
    }
  };
  walk(dir, '');
  expect(files.map((f) => f.path).sort()).toEqual([...expected.keys()].sort());
  for (const f of files) expect({ path: f.path, contents: f.contents }).toEqual({ path: f.path, contents: expected.get(f.path) });
}
