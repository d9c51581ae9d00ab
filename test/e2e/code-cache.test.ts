// The CLI's V8 code cache (generator/code-cache.ts): the built one is used, it changes no output,
// and a module changed since it was recorded runs as it is now. The cache patches Node's module
// loader, so every check runs in a child process of plain node on the built dist/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree } from '../../generator/write';
import { ROOT } from '../support/generate';
import { tempFolders } from '../support/tmp';

const tmpdir = tempFolders('codegen-code-cache-');
const CODEGEN = path.join(ROOT, 'bin', 'codegen.js');
const CACHE_MODULE = path.join(ROOT, 'dist', 'generator', 'code-cache.js');

function node(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('the CLI with the code cache `npm run build` records', () => {
  it('reads every module it loads from the cache, and writes the same package as without it', () => {
    const withCache = path.join(tmpdir(), 'out');
    const without = path.join(tmpdir(), 'out');
    const a = node([CODEGEN, '--out', withCache, '--no-verify', '--verbose']);
    const b = node([CODEGEN, '--out', without, '--no-verify', '--verbose'], { WSDL_CODEGEN_CODE_CACHE: 'off' });
    expect([a.status, b.status]).toEqual([0, 0]);
    const used = /^code cache: (\d+) of (\d+) modules from dist\/code-cache$/m.exec(a.stderr);
    expect(used).not.toBeNull();
    expect(Number(used?.[1])).toBeGreaterThan(20);
    expect(used?.[1]).toBe(used?.[2]);
    expect(b.stderr).toMatch(/^code cache: off \(WSDL_CODEGEN_CODE_CACHE=off\)$/m);
    expect(readTree(withCache)).toEqual(readTree(without));
  });

  it('type-checks with the cache (the compiler loads from it in its thread) and writes the same package', () => {
    const checked = path.join(tmpdir(), 'out');
    const unchecked = path.join(tmpdir(), 'out');
    const a = node([CODEGEN, '--out', checked, '--verbose']);
    const b = node([CODEGEN, '--out', unchecked, '--quiet', '--no-verify'], { WSDL_CODEGEN_CODE_CACHE: 'off' });
    expect([a.status, b.status]).toEqual([0, 0]);
    const thread = /^code cache: .*; type-check thread: (\d+) of (\d+) modules from dist\/code-cache$/m.exec(a.stderr);
    expect(thread).not.toBeNull();
    // ts-morph, its common library and the TypeScript compiler at least.
    expect(Number(thread?.[1])).toBeGreaterThanOrEqual(3);
    expect(thread?.[1]).toBe(thread?.[2]);
    expect(readTree(checked)).toEqual(readTree(unchecked));
  });
});

describe('the type-check thread', () => {
  it('reports why the cache is unused as its process does, not as turned off', () => {
    // The process's cache is missing (a folder never recorded); the thread's report is that of the
    // same cache, not "off (WSDL_CODEGEN_CODE_CACHE=off)", which nobody set.
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'x.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:e"><xs:element name="R" type="xs:string"/></xs:schema>');
    const script = [
      `const cc = require(${JSON.stringify(CACHE_MODULE)});`,
      `cc.useCodeCache('read', ${JSON.stringify(path.join(dir, 'no-cache'))});`,
      `const { generate } = require(${JSON.stringify(path.join(ROOT, 'dist', 'generator', 'index.js'))});`,
      `const { verifyThreadCodeCache } = require(${JSON.stringify(path.join(ROOT, 'dist', 'generator', 'verify', 'worker.js'))});`,
      `generate({ cwd: ${JSON.stringify(dir)}, wsdl: 'x.xsd', out: 'out', mode: 'none', verifyInWorker: true }).then((r) => console.log(r.diagnostics.length, '|', cc.codeCacheReport(), '|', verifyThreadCodeCache()));`,
    ].join('\n');
    const r = node(['-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0 | none (`npm run build` writes it) | none (`npm run build` writes it)');
  });
});

describe('the published package', () => {
  it('leaves the code cache out: it is valid only for the files it was recorded from', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'code-cache', 'stamp.json'))).toBe(true);
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const [packed] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (packed?.files ?? []).map((f) => f.path);
    expect(files).toContain('dist/generator/code-cache.js');
    expect(files.filter((f) => f.startsWith('dist/code-cache/'))).toEqual([]);
  });
});

describe('useCodeCache', () => {
  /** A package folder with two modules and an npm lock file, and a cache folder beside it. */
  function project(): { root: string; dir: string; run: (mode: string) => string } {
    const root = tmpdir();
    const dir = path.join(root, 'cache');
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{}');
    fs.writeFileSync(path.join(root, 'greeting.js'), "module.exports = 'one';\n");
    fs.writeFileSync(
      path.join(root, 'main.js'),
      [
        "const greeting = require('./greeting');",
        "const path = require('node:path');",
        'const main = () => `${greeting} ${path.relative(__dirname, __filename)} ${this === exports}`;',
        "main.fail = () => { throw new Error('from line 4'); };",
        'module.exports = main;',
      ].join('\n'),
    );
    const run = (mode: string): string => {
      const script = [
        `const cc = require(${JSON.stringify(CACHE_MODULE)});`,
        `cc.useCodeCache(${JSON.stringify(mode)}, ${JSON.stringify(dir)}, ${JSON.stringify(root)});`,
        `const main = require(${JSON.stringify(path.join(root, 'main.js'))});`,
        'let line = "";',
        'try { main.fail(); } catch (e) { line = /main\\.js:(\\d+)/.exec(e.stack)[1]; }',
        "if (cc.codeCacheSettings().mode === 'record') cc.saveCodeCache();",
        'console.log([main(), "line " + line, cc.codeCacheReport()].join(" | "));',
      ].join('\n');
      const r = node(['-e', script]);
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout.trim().replace(` from ${path.relative(ROOT, dir)}`, '');
    };
    return { root, dir, run };
  }

  it('runs modules from the cache it recorded: same exports, file names and line numbers', () => {
    const { dir, run } = project();
    expect(run('read')).toBe('one main.js true | line 4 | none (`npm run build` writes it)');
    expect(run('record')).toBe('one main.js true | line 4 | record');
    expect(fs.readdirSync(dir).sort()).toEqual(['greeting.js.v8', 'main.js.v8', 'stamp.json']);
    expect(run('read')).toBe('one main.js true | line 4 | 2 of 2 modules');
    expect(run('off')).toBe('one main.js true | line 4 | off (WSDL_CODEGEN_CODE_CACHE=off)');
  });

  it('runs a module as Node does: columns on its first line, module.children, module.parent', () => {
    const root = tmpdir();
    const dir = path.join(root, 'cache');
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{}');
    // One line, as a minified module is: the error's column is on the wrapper's line.
    fs.writeFileSync(path.join(root, 'oneline.js'), "module.exports = () => { throw new Error('here'); };");
    fs.writeFileSync(path.join(root, 'child.js'), 'module.exports = module.parent;');
    fs.writeFileSync(
      path.join(root, 'parent.js'),
      "const parent = require('./child'); module.exports = [parent === module, module.children.map((c) => c.id.slice(-8))];",
    );
    const script = (mode: string): string =>
      [
        `const cc = require(${JSON.stringify(CACHE_MODULE)});`,
        `cc.useCodeCache(${JSON.stringify(mode)}, ${JSON.stringify(dir)}, ${JSON.stringify(root)});`,
        `let at = ''; try { require(${JSON.stringify(path.join(root, 'oneline.js'))})(); } catch (e) { at = /oneline\\.js:(\\d+:\\d+)/.exec(e.stack)[1]; }`,
        `const parent = require(${JSON.stringify(path.join(root, 'parent.js'))});`,
        "if (cc.codeCacheSettings().mode === 'record') cc.saveCodeCache();",
        'console.log(JSON.stringify([at, parent]), cc.codeCacheReport().replace(/ from .*/, ""));',
      ].join('\n');
    const outputs = ['off', 'record', 'read'].map((mode) => {
      const r = node(['-e', script(mode)]);
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    });
    expect(outputs).toEqual([
      '["1:32",[true,["child.js"]]] off (WSDL_CODEGEN_CODE_CACHE=off)',
      '["1:32",[true,["child.js"]]] record',
      '["1:32",[true,["child.js"]]] 3 of 3 modules',
    ]);
  });

  it('compiles a module changed since it was recorded, even at the same length', () => {
    const { root, run } = project();
    run('record');
    fs.writeFileSync(path.join(root, 'greeting.js'), "module.exports = 'two';\n");
    expect(run('read')).toBe('two main.js true | line 4 | 1 of 2 modules');
  });

  it('compiles a module whose entry V8 refuses (here cut short)', () => {
    const { dir, run } = project();
    run('record');
    const entry = path.join(dir, 'main.js.v8');
    fs.writeFileSync(entry, fs.readFileSync(entry).subarray(0, 200));
    expect(run('read')).toBe('one main.js true | line 4 | 1 of 2 modules');
  });

  it('drops the whole cache when npm changed node_modules since', () => {
    const { root, run } = project();
    run('record');
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{"changed": true}');
    expect(run('read')).toBe('one main.js true | line 4 | stale (node, the CPU or node_modules changed since `npm run build`, which rewrites it)');
  });
});
