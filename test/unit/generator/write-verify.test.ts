import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verify } from '../../../generator/verify';
import { startVerifyWorker } from '../../../generator/verify/worker';
import { spawn } from 'node:child_process';
import { OutputRefused, checkTree, compareTree, describeDifference, readTree, write } from '../../../generator/write';
import { tempFolders } from '../../support/tmp';

const runtimeDir = path.resolve(__dirname, '../../../runtime');

describe('verify', () => {
  it('accepts strict code that uses the runtime', () => {
    const problems = verify([{ path: 'src/a.ts', contents: "import { escapeText } from '@wsdl-codegen/runtime';\nexport const x: string = escapeText('<');\n" }], { runtimePackage: '@wsdl-codegen/runtime', runtimeDir });
    expect(problems).toEqual([]);
  });

  it('reports type errors and any with generated file positions', () => {
    const problems = verify([{ path: 'src/a.ts', contents: 'export const a: number = "s";\nexport function f(x: any): any { return x; }\n' }], { runtimePackage: '@wsdl-codegen/runtime', runtimeDir });
    expect(problems.map((p) => [p.code, p.file, p.line, p.col])).toEqual([
      ['GENERATED_CODE_INVALID', '(generated) src/a.ts', 1, 14],
      ['GENERATED_ANY', '(generated) src/a.ts', 2, 22],
      ['GENERATED_ANY', '(generated) src/a.ts', 2, 28],
    ]);
  });
});

describe('verify in a worker thread (as the CLI runs it)', () => {
  // The compiled module: a worker thread runs plain node, and the CLI runs from dist/.
  const compiled = path.resolve(__dirname, '../../../dist/generator/verify/worker.js');
  const fromDist = (require(compiled) as typeof import('../../../generator/verify/worker')).startVerifyWorker;

  it('answers what verify() answers, and is stopped by close()', async () => {
    const worker = fromDist();
    if (worker === undefined) throw new Error(`no worker from ${compiled}`);
    try {
      const files = [{ path: 'src/a.ts', contents: 'export const a: number = "s";\nexport function f(x: any): string { return x; }\n' }];
      const problems = await worker.verify(files, { runtimePackage: '@wsdl-codegen/runtime', runtimeDir });
      expect(problems).toEqual(verify(files, { runtimePackage: '@wsdl-codegen/runtime', runtimeDir }));
      expect(problems.map((p) => [p.code, p.line, p.col])).toEqual([
        ['GENERATED_CODE_INVALID', 1, 14],
        ['GENERATED_ANY', 2, 22],
      ]);
    } finally {
      await worker.close();
    }
    await expect(worker.verify([], { runtimePackage: '@wsdl-codegen/runtime', runtimeDir })).rejects.toThrow(/type-check thread failed/);
  });

  it('is not started from TypeScript source, which a worker cannot load', () => {
    expect(startVerifyWorker()).toBeUndefined();
  });
});

describe('verify: which runtime it checks against', () => {
  // A runtime whose sources and built declarations disagree on one signature: the generated line
  // type-checks against the sources only, so the outcome tells which of the two was used.
  const folder = tempFolders('codegen-runtime-');
  const fakeRuntime = (): string => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), 'export function size(s: string): number { return s.length; }\n');
    fs.writeFileSync(path.join(dir, 'dist', 'index.d.ts'), 'export declare function size(s: number): number;\n');
    return dir;
  };
  const generated = [{ path: 'src/a.ts', contents: "import { size } from '@wsdl-codegen/runtime';\nexport const n: number = size('abc');\n" }];
  const setTimes = (file: string, seconds: number): void => fs.utimesSync(file, seconds, seconds);

  it('uses the built declarations when no source is newer', () => {
    const dir = fakeRuntime();
    setTimes(path.join(dir, 'src', 'index.ts'), 1_000_000);
    setTimes(path.join(dir, 'dist', 'index.d.ts'), 2_000_000);
    expect(verify(generated, { runtimePackage: '@wsdl-codegen/runtime', runtimeDir: dir }).map((p) => p.code)).toEqual(['GENERATED_CODE_INVALID']);
  });

  it('uses the sources when one was edited after the build', () => {
    const dir = fakeRuntime();
    setTimes(path.join(dir, 'dist', 'index.d.ts'), 1_000_000);
    setTimes(path.join(dir, 'src', 'index.ts'), 2_000_000);
    expect(verify(generated, { runtimePackage: '@wsdl-codegen/runtime', runtimeDir: dir })).toEqual([]);
  });
});

describe('describeDifference: what --check says about one file', () => {
  it('quotes the first differing line both ways, shortened, and tells apart the end of the file', () => {
    expect(describeDifference('a\nb\nc\n', 'a\nB\nc\n')).toBe('line 2 is "b" there, "B" when generated');
    expect(describeDifference('a\n', 'a\nb\n')).toBe('line 2 is the end of the file there, "b" when generated');
    const long = 'x'.repeat(100);
    expect(describeDifference(`${long}\n`, 'y\n')).toBe(`line 1 is "${'x'.repeat(80)}…" there, "y" when generated`);
    // A difference far into a long line is quoted where it is, not from the line's start.
    const imports = (extra: string): string => `import { ${'a, '.repeat(40)}${extra}z } from 'r';\n`;
    expect(describeDifference(imports(''), imports('q, '))).toBe(`line 1, column 130, is "…${', a'.repeat(6)}, z } from 'r';" there, "…${', a'.repeat(6)}, q, z } from 'r';" when generated`);
  });

  it('names differences that are not in a line: line ends, the last line end, a missing or extra file', () => {
    expect(describeDifference('a\r\nb\r\n', 'a\nb\n')).toMatch(/^differs only in its line ends \(CRLF there, LF generated\)/);
    expect(describeDifference('a\nb', 'a\nb\n')).toBe('differs only in the line end of its last line');
    expect(describeDifference(undefined, 'a\n')).toBe('missing');
    expect(describeDifference('a\n', undefined)).toBe('not generated any more');
  });
});

describe('write', () => {
  const tmp = tempFolders('codegen-write-');

  it('replaces codegen\'s files, keeps node_modules and the user\'s files, and reports what changed', () => {
    const dir = path.join(tmp(), 'out');
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'i.js'), 'kept');
    fs.writeFileSync(path.join(dir, 'old.ts'), '// Generated by wsdl-codegen from x.wsdl.\nstale');
    fs.writeFileSync(path.join(dir, 'mine.ts'), 'the user\'s');
    const report = write(dir, [{ path: 'src/a.ts', contents: 'a\n' }]);
    expect(report.changed).toEqual(['old.ts', 'src/a.ts']);
    expect([...readTree(dir).keys()]).toEqual(['mine.ts', 'src/a.ts']);
    expect(fs.readFileSync(path.join(dir, 'node_modules', 'x', 'i.js'), 'utf8')).toBe('kept');
    expect(compareTree(dir, [{ path: 'src/a.ts', contents: 'a\n' }])).toEqual([]);
    expect(write(dir, [{ path: 'src/a.ts', contents: 'a\n' }]).written).toBe(0);
  });

  it('leaves the previous output untouched when writing fails', () => {
    const dir = path.join(tmp(), 'out');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep.ts'), 'previous');
    // A file where a folder must go makes the staging write fail half-way.
    expect(() => write(dir, [{ path: 'a.ts', contents: 'x' }, { path: 'a.ts/b.ts', contents: 'y' }])).toThrow();
    expect([...readTree(dir).entries()]).toEqual([['keep.ts', 'previous']]);
    expect(fs.readdirSync(path.dirname(dir)).sort()).toEqual(['out']);
  });

  it('refuses, writing nothing, when a file of the user\'s stands where the package has a folder, or a folder where it has a file', () => {
    const dir = path.join(tmp(), 'out');
    fs.mkdirSync(path.join(dir, 'src', 'a.ts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'a.ts', 'note.txt'), 'mine');
    fs.writeFileSync(path.join(dir, 'lib'), 'mine too');
    fs.writeFileSync(path.join(dir, 'keep.ts'), 'previous');
    const files = [{ path: 'src/a.ts', contents: 'a\n' }, { path: 'lib/b.ts', contents: 'b\n' }];
    // Before, the package replaced both, and they went with the old output.
    expect(() => write(dir, files, { show: (p) => path.relative(path.dirname(dir), p) })).toThrow(
      new OutputRefused('OUTPUT_UNSAFE', 'out/lib is a file codegen did not write, where the package has the folder lib; out/src/a.ts is a folder, where the package has a file of that name: writing the package would lose them.', ''),
    );
    expect(fs.readFileSync(path.join(dir, 'src', 'a.ts', 'note.txt'), 'utf8')).toBe('mine');
    expect([...readTree(dir).entries()].sort()).toEqual([['keep.ts', 'previous'], ['lib', 'mine too'], ['src/a.ts/note.txt', 'mine']]);
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['out']);
  });

  it('refuses to write while another live run holds the lock beside the folder, naming the lock file', () => {
    const dir = path.join(tmp(), 'out');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep.ts'), 'previous');
    const lock = path.join(path.dirname(dir), '.out.lock');
    for (const [holder, who] of [
      [`${process.pid} ${os.hostname()}\n`, `process ${process.pid}`],
      // Another machine's process, which cannot be looked up from here.
      ['999999999 elsewhere.example\n', 'process 999999999 on elsewhere.example'],
    ]) {
      fs.writeFileSync(lock, holder ?? '');
      let error: unknown;
      try {
        write(dir, [{ path: 'a.ts', contents: 'x' }], { lockWaitMs: 0, show: (p) => path.relative(path.dirname(dir), p) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OutputRefused);
      expect([(error as OutputRefused).code, (error as OutputRefused).message, (error as OutputRefused).hint]).toEqual([
        'OUTPUT_LOCKED',
        `Another codegen run (${who}) is writing out: it holds the lock file .out.lock, and did not finish in 0 s.`,
        expect.stringContaining('delete .out.lock and run again. Nothing was written.'),
      ]);
      expect([...readTree(dir).entries()]).toEqual([['keep.ts', 'previous']]);
      expect(fs.readFileSync(lock, 'utf8')).toBe(holder);
    }
  });

  it('takes over the lock of a run that is gone, and removes its own when done', () => {
    const dir = path.join(tmp(), 'out');
    // Process ids stop below 2^22 on Linux: 999999999 runs nowhere.
    fs.writeFileSync(path.join(path.dirname(dir), '.out.lock'), `999999999 ${os.hostname()}\n`);
    expect(write(dir, [{ path: 'a.ts', contents: 'x' }], { lockWaitMs: 0 }).written).toBe(1);
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['out']);
  });
});

describe('checkTree: what --check reads', () => {
  const tmp = tempFolders('codegen-check-');
  const files = [{ path: 'src/a.ts', contents: 'a\n' }];
  const show = (dir: string) => (p: string) => path.relative(path.dirname(dir), p);

  it('reads again once a live run writing the folder has finished, instead of reporting its swap', async () => {
    const dir = path.join(tmp(), 'out');
    // A run between its two renames: the up-to-date output is only its backup, and it holds the lock.
    const backup = path.join(path.dirname(dir), '.out.old-1');
    fs.mkdirSync(path.join(backup, 'src'), { recursive: true });
    fs.writeFileSync(path.join(backup, 'src', 'a.ts'), 'a\n');
    const lock = path.join(path.dirname(dir), '.out.lock');
    const run = spawn(process.execPath, ['-e', `setTimeout(() => { require('fs').renameSync(${JSON.stringify(backup)}, ${JSON.stringify(dir)}); require('fs').rmSync(${JSON.stringify(lock)}); }, 300)`]);
    const ended = new Promise((resolve) => run.on('exit', resolve));
    fs.writeFileSync(lock, `${run.pid} ${os.hostname()}\n`);
    try {
      expect(compareTree(dir, files)).toEqual(['src/a.ts']);
      // Before, --check reported src/a.ts missing.
      expect(checkTree(dir, files, { lockWaitMs: 30_000 })).toEqual([]);
    } finally {
      await ended;
    }
  });

  it('gives up after the wait, naming the lock, and has checked nothing', () => {
    const dir = path.join(tmp(), 'out');
    fs.writeFileSync(path.join(path.dirname(dir), '.out.lock'), `${process.pid} ${os.hostname()}\n`);
    let error: unknown;
    try {
      checkTree(dir, files, { lockWaitMs: 0, show: show(dir) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputRefused);
    expect([(error as OutputRefused).code, (error as OutputRefused).message, (error as OutputRefused).hint]).toEqual([
      'OUTPUT_LOCKED',
      `Another codegen run (process ${process.pid}) is writing out: it holds the lock file .out.lock, and did not finish in 0 s.`,
      expect.stringMatching(/delete \.out\.lock and run again\. Nothing was checked\.$/),
    ]);
  });

  it('does not wait for a lock when the output is up to date, nor for the lock of a run that is gone, and leaves both alone', () => {
    const dir = path.join(tmp(), 'out');
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'a\n');
    const lock = path.join(path.dirname(dir), '.out.lock');
    fs.writeFileSync(lock, `${process.pid} ${os.hostname()}\n`);
    expect(checkTree(dir, files, { lockWaitMs: 60_000 })).toEqual([]);
    // Process ids stop below 2^22 on Linux: 999999999 runs nowhere.
    fs.writeFileSync(lock, `999999999 ${os.hostname()}\n`);
    expect(checkTree(dir, [{ path: 'src/a.ts', contents: 'b\n' }], { lockWaitMs: 60_000 })).toEqual(['src/a.ts']);
    expect(fs.readFileSync(lock, 'utf8')).toBe(`999999999 ${os.hostname()}\n`);
  });
});
