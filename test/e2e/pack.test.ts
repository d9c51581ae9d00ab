// The generated package as its users publish it: `npm pack` in a copy of generated/ runs the
// package's prepack, which builds dist/ with the TypeScript its package.json asks for, and the
// built entry is what `main` names. The copy sits in a temporary folder inside the repository
// (ignored by git through `.tmp-*`), so tsc and the runtime resolve from the repository's
// node_modules as they would from the user's.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as runtime from '@wsdl-codegen/runtime';

const ROOT = path.resolve(__dirname, '../..');
const TMP = path.join(__dirname, `.tmp-pack-${process.pid}`);

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe('the generated package', () => {
  it('packs with dist/ built by its prepack script, and the built entry loads', () => {
    const pkg = path.join(TMP, 'exchange-ucs');
    fs.cpSync(path.join(ROOT, 'generated'), pkg, { recursive: true, filter: (f) => !/[\\/](dist|node_modules)$/.test(f) });
    const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { main: string; types: string; devDependencies?: Record<string, string> };
    expect(manifest.devDependencies).toHaveProperty('typescript');
    expect(fs.existsSync(path.join(pkg, 'dist'))).toBe(false);

    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: pkg, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/npm error/);
    expect(r.status).toBe(0);
    const [packed] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (packed?.files ?? []).map((f) => f.path);
    // Before: no prepack, so a package published from a fresh output had no dist/ for main to name.
    expect(files).toEqual(expect.arrayContaining([manifest.main, manifest.types, 'src/index.ts', 'package.json']));

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(path.join(pkg, manifest.main)) as Record<string, unknown>;
    expect(typeof built['ExchangeServiceClient']).toBe('function');
    expect(built['SoapFaultError']).toBe(runtime.SoapFaultError);
  });
});
