import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Jest only transpiles; this is where the sources, tests and the generated package are
// type-checked under the strict settings of their tsconfig files.
const ROOT = path.resolve(__dirname, '..');
const tsc = (project: string): { status: number | null; output: string } => {
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project, '--noEmit'], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
};

describe('type check', () => {
  it('the repository (generator, runtime, server, bench, tests) compiles under strict', () => {
    const r = tsc('tsconfig.json');
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('the generated package compiles on its own with its own tsconfig', () => {
    const r = tsc('generated/tsconfig.json');
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('the generated sources compile as ES modules with verbatimModuleSyntax, as users who vendor them build them', () => {
    // What `tsc --init` sets up: module nodenext in a "type": "module" package, imports kept as
    // written. Before, './types' lacked its extension and type-only runtime imports lacked `type`.
    // The folder sits inside the repository (ignored through `.tmp-*`) so the runtime resolves.
    const dir = path.join(__dirname, `.tmp-esm-${process.pid}`);
    try {
      // The UCS package and every construct's golden package, in one program.
      fs.cpSync(path.join(ROOT, 'generated', 'src'), path.join(dir, 'src', 'ucs'), { recursive: true });
      const constructs = path.join(ROOT, 'test', 'constructs');
      for (const name of fs.readdirSync(constructs)) {
        const golden = path.join(constructs, name, 'golden', 'src');
        if (fs.existsSync(golden)) fs.cpSync(golden, path.join(dir, 'src', name), { recursive: true });
      }
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'vendored', private: true, type: 'module' }));
      const compilerOptions = {
        target: 'ES2022', lib: ['ES2022'], module: 'nodenext', moduleResolution: 'nodenext', verbatimModuleSyntax: true,
        strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true,
      };
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
      const r = tsc(path.relative(ROOT, path.join(dir, 'tsconfig.json')));
      expect(r.output).toBe('');
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
