import { spawnSync } from 'node:child_process';
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
});
