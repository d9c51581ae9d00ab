import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { formatDiagnostic } from '../../generator';
import { main } from '../../generator/cli';
import { readTree, writtenByCodegen } from '../../generator/write';
import { EWS_SCHEMAS, ROOT, errorsOf, fileOf, generateAt, generateUcs } from '../support/generate';
import { tempFolders } from '../support/tmp';

/** Runs the CLI in-process, capturing what it prints. */
async function cli(args: string[], cwd: string = ROOT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(args, cwd);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Runs the CLI's bin in a child process (as the user `as` names), with its exit code and standard error. */
function cliProcess(args: string[], cwd: string, as: { uid?: number; gid?: number } = {}): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), ...args], { cwd, ...as });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, err }));
  });
}

const tmpdir = tempFolders('codegen-test-');

/** A copy of wsdl/ in a fresh folder, with the EWS schemas found through an absolute search path. */
function workspace(): string {
  const dir = tmpdir();
  fs.cpSync(path.join(ROOT, 'wsdl'), path.join(dir, 'wsdl'), { recursive: true });
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'codegen.config.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(dir, 'codegen.config.json'), JSON.stringify({ ...config, schemaPath: [EWS_SCHEMAS] }));
  return dir;
}

describe('codegen CLI', () => {
  it('documents every option and the exit codes in --help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--config', '--wsdl', '--schema-path', '--out', '--package-name', '--package-version', '--check', '--all-types', '--quiet', '--verbose', '--header', '--version']) expect(r.out).toContain(flag);
    expect(r.out).toMatch(/Exit codes: 0 success; 1 --check/);
    // As the README says: a run that cannot write its output folder (read-only, locked) exits 2 too.
    expect(r.out).toContain('2 bad input or configuration, or an output folder that cannot be written;');
  });

  it('`codegen help` prints what --help prints, and `help inspect` the subcommand\'s; help for anything else is an error', async () => {
    const help = await cli(['--help']);
    // Before: "too many arguments", exit 2.
    expect(await cli(['help'])).toEqual({ code: 0, out: help.out, err: '' });
    const inspect = await cli(['inspect', '--help']);
    expect(inspect.code).toBe(0);
    expect(await cli(['help', 'inspect'])).toEqual({ code: 0, out: inspect.out, err: '' });
    // --help's own text does not list the help command.
    expect(help.out).not.toMatch(/^\s*help\b/m);
    const other = await cli(['help', 'generate']);
    expect([other.code, other.out]).toEqual([2, '']);
    expect(other.err).toBe("error: codegen has no command 'generate' to give help on.\n  hint: Run `codegen --help` for the options (a bare `codegen` generates), or `codegen help inspect` for the one subcommand.\n");
  });

  it("prints the generator's version with --version, as a CI log wants it", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect([r.code, r.out, r.err]).toEqual([0, `${version}\n`, '']);
    // The built CLI finds the same package.json from dist/.
    const built = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), '-V'], { cwd: ROOT, encoding: 'utf8' });
    expect([built.status, built.stdout]).toEqual([0, `${version}\n`]);
  });

  it('the committed generated/ is what the generator produces (CI fails when it is stale)', async () => {
    const result = await generateUcs({ mode: 'check', out: 'generated' });
    expect(errorsOf(result)).toBe('');
    expect(result.changed).toEqual([]);
  });

  it('a bare run with the config file writes the package, prints a summary, and is deterministic', async () => {
    const dir = workspace();
    const first = await cli([], dir);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/read 56 documents; \d+ types, 13 operations; wrote \d+ files/);
    const written = readTree(path.join(dir, 'generated'));
    // Same input elsewhere → same bytes as the committed package.
    // Only codegen's files of the committed folder: `npm pack` there leaves a tarball beside them.
    const committed = [...readTree(path.join(ROOT, 'generated')).entries()].filter(([file, text]) => writtenByCodegen(file, text));
    expect([...written.entries()].sort()).toEqual(committed.sort());
    const again = await cli([], dir);
    expect(again.out).toContain('output already up to date');
    // A release job sets the version on the command line, over the config file's.
    const released = await cli(['--package-version', '2.3.0-rc.1', '--no-verify'], dir);
    expect([released.code, released.err]).toEqual([0, '']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'package.json'), 'utf8'))).toMatchObject({ name: '@wsdl-codegen/exchange-ucs', version: '2.3.0-rc.1' });
    const stale = await cli(['--check', '--no-verify'], dir);
    expect(stale.err).toContain('package.json');
  });

  it('--check exits 1 listing stale files and writes nothing; exits 0 when current', async () => {
    const dir = workspace();
    expect((await cli([], dir)).code).toBe(0);
    expect((await cli(['--check'], dir)).code).toBe(0);
    const types = path.join(dir, 'generated', 'src', 'types.ts');
    fs.appendFileSync(types, '// edited by hand\n');
    // A file codegen wrote once (its header says so), and one of the user's, which is not compared.
    fs.writeFileSync(path.join(dir, 'generated', 'src', 'stray.ts'), '// Generated by wsdl-codegen from old.wsdl.\n');
    fs.writeFileSync(path.join(dir, 'generated', 'NOTES.md'), 'mine\n');
    const before = readTree(path.join(dir, 'generated'));
    const r = await cli(['--check'], dir);
    expect(r.code).toBe(1);
    const lineCount = fs.readFileSync(types, 'utf8').split('\n').length - 1;
    expect(r.err).toContain(`  src/types.ts: line ${lineCount} is "// edited by hand" there, the end of the file when generated\n`);
    expect(r.err).toContain('  src/stray.ts: not generated any more\n');
    expect(r.err).not.toContain('NOTES.md');
    expect(readTree(path.join(dir, 'generated'))).toEqual(before);
  });

  it('keeps what the user put in the output folder when it writes the package, and drops what codegen wrote before', async () => {
    const dir = workspace();
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    const out = (p: string): string => path.join(dir, 'generated', ...p.split('/'));
    fs.mkdirSync(out('.git/refs'), { recursive: true });
    fs.writeFileSync(out('.git/HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(out('README.md'), '# our client\n');
    fs.writeFileSync(out('src/extra.ts'), 'export const mine = 1;\n');
    fs.writeFileSync(out('src/stale.ts'), '// Generated by wsdl-codegen from old.wsdl.\n');
    fs.appendFileSync(out('src/types.ts'), '// edited by hand\n');
    const r = await cli(['--no-verify'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(2 changed\)/);
    // Before, the folder was replaced whole: .git, README.md and src/extra.ts were deleted.
    expect([out('.git/HEAD'), out('README.md'), out('src/extra.ts')].map((f) => fs.readFileSync(f, 'utf8'))).toEqual(['ref: refs/heads/main\n', '# our client\n', 'export const mine = 1;\n']);
    expect(fs.existsSync(out('src/stale.ts'))).toBe(false);
    expect(fs.readFileSync(out('src/types.ts'), 'utf8')).not.toContain('edited by hand');
    expect((await cli(['--check', '--no-verify'], dir)).code).toBe(0);
  });

  it('refuses to write over a file of the user\'s named like a folder of the package, naming it, and leaves the output as it was', async () => {
    const dir = workspace();
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    const out = (p: string): string => path.join(dir, 'generated', ...p.split('/'));
    fs.rmSync(out('src'), { recursive: true });
    fs.writeFileSync(out('src'), 'notes of mine\n');
    const before = readTree(path.join(dir, 'generated'));
    // Before, exit 0: the package's src/ took the place of the file, which was deleted with the old output.
    const r = await cli(['--no-verify'], dir);
    expect([r.code, r.err]).toEqual([2, expect.stringContaining(`error OUTPUT_UNSAFE: ${path.join('generated', 'src')} is a file codegen did not write, where the package has the folder src: writing the package would lose it.\n  hint: Move or rename it`)]);
    expect(readTree(path.join(dir, 'generated'))).toEqual(before);
    expect(fs.readFileSync(out('src'), 'utf8')).toBe('notes of mine\n');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated'))).toEqual([]);
  });

  it('--check says what differs: a missing file, a changed line, line ends a checkout converted', async () => {
    const dir = workspace();
    expect((await cli([], dir)).code).toBe(0);
    const file = (p: string): string => path.join(dir, 'generated', ...p.split('/'));
    fs.rmSync(file('src/index.ts'));
    const client = fs.readFileSync(file('src/client.ts'), 'utf8');
    fs.writeFileSync(file('src/client.ts'), client.replace('export class ExchangeServiceClient', 'export class RenamedClient'));
    const line = client.split('\n').findIndex((l) => l.startsWith('export class ExchangeServiceClient')) + 1;
    fs.writeFileSync(file('package.json'), fs.readFileSync(file('package.json'), 'utf8').replace(/\n/g, '\r\n'));
    const r = await cli(['--check'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('  src/index.ts: missing\n');
    expect(r.err).toMatch(new RegExp(`  src/client.ts: line ${line} is "export class RenamedClient extends .*" there, "export class ExchangeServiceClient extends .*" when generated\n`));
    expect(r.err).toContain('  package.json: differs only in its line ends (CRLF there, LF generated)');
    expect(r.err).toContain('Run `npx codegen` and commit the result.');
    // Before: "missing", and a hint that dropped the flags the check was run with.
    fs.mkdirSync(file('src/index.ts'));
    const flagged = await cli(['--check', '--no-verify', '-o', 'generated', '--package-name', '@wsdl-codegen/exchange-ucs', '-H', 'Authorization: Bearer s3cret'], dir);
    expect(flagged.err).toContain('  src/index.ts: a folder there, a file when generated\n');
    expect(flagged.err).toContain('Run `npx codegen --out generated --package-name @wsdl-codegen/exchange-ucs` (with the same --header options) and commit the result.');
    expect(flagged.err).not.toContain('s3cret');
    // Before: an internal error (exit 3), a stat through the file src threw ENOTDIR.
    fs.rmSync(file('src'), { recursive: true });
    fs.writeFileSync(file('src'), 'not a folder');
    const blocked = await cli(['--check', '--no-verify'], dir);
    expect([blocked.code, blocked.err]).toEqual([1, expect.stringContaining('  src/client.ts: missing: src is a file there, a folder when generated\n')]);
    fs.symlinkSync(EWS_SCHEMAS, path.join(dir, 'my schemas'));
    const spaced = await cli(['--check', '--no-verify', '--out', 'generated', '--schema-path', 'my schemas', '--wsdl', 'wsdl/MS-OXWSCOS.wsdl'], dir);
    expect(spaced.err).toContain("Run `npx codegen --wsdl wsdl/MS-OXWSCOS.wsdl --schema-path 'my schemas' --out generated` and commit the result.");
  });

  it('says to give the WSDL with --wsdl when it is given as an argument', async () => {
    const r = await cli(['service.wsdl'], tmpdir());
    expect([r.code, r.err]).toEqual([2, 'error: too many arguments. Expected 0 arguments but got 1.\n  hint: give the WSDL with --wsdl PATH|URL; the one subcommand is `inspect`.\n']);
  });

  it('bad input exits 2 with file:line:col and leaves the previous output untouched', async () => {
    const dir = workspace();
    expect((await cli([], dir)).code).toBe(0);
    const before = readTree(path.join(dir, 'generated'));
    const wsdl = path.join(dir, 'wsdl', 'MS-OXWSCOS-types.xsd');
    fs.writeFileSync(wsdl, fs.readFileSync(wsdl, 'utf8').replace('type="t:ImGroupType"', 'type="t:NoSuchType"'));
    const r = await cli([], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/wsdl\/MS-OXWSCOS-types\.xsd:8:\d+: error UNKNOWN_TYPE: Unknown type \{http:\/\/schemas\.microsoft\.com\/exchange\/services\/2006\/types\}NoSuchType/);
    expect(r.err).toContain('hint:');
    expect(r.err).toContain('nothing was written');
    expect(readTree(path.join(dir, 'generated'))).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated'))).toEqual([]);
  });

  it('an output folder it cannot make is an error naming it, exit 2, with the file in its way untouched', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'generated'), 'not a folder');
    for (const args of [[], ['--check']]) {
      const r = await cli(args, dir);
      expect(r.code).toBe(2);
      // Named as given, from the working directory, as every path in a diagnostic (before: absolute).
      expect(r.err).toContain(`error OUTPUT_FAILED: Could not ${args.length ? 'read' : 'write'} the output folder generated: ENOTDIR`);
      expect(r.err).toContain('must name a folder that can be created and written, not a file');
      expect(r.err).not.toContain('This is a bug');
    }
    // A folder inside that file: before, the safety check's stat threw ENOTDIR, an internal error (exit 3).
    for (const args of [[], ['--check']]) {
      const r = await cli(['--out', 'generated/sub', ...args], dir);
      expect([r.code, r.err]).toEqual([2, expect.stringContaining(`error OUTPUT_FAILED: Could not ${args.length ? 'read' : 'write'} the output folder ${path.join('generated', 'sub')}: ENOTDIR`)]);
      // The system's reason names the path from the working directory too (before: an absolute path after stat).
      expect(r.err).not.toContain(dir);
      expect(r.err).toMatch(/ENOTDIR: not a directory, \w+ '[^'/]/);
    }
    expect(fs.readFileSync(path.join(dir, 'generated'), 'utf8')).toBe('not a folder');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated'))).toEqual([]);
  });

  it('refuses an output folder that holds the inputs, the working directory or files it did not write, and writes through a link', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'wsdl', 'NOTES.txt'), 'mine');
    const tree = (d: string): string[] => fs.readdirSync(d).sort();
    const before = tree(path.join(dir, 'wsdl'));
    fs.mkdirSync(path.join(dir, 'other'));
    fs.writeFileSync(path.join(dir, 'other', 'keep.txt'), 'mine');
    // Before, each of these replaced the folder with the package: inputs, notes and all, exit 0.
    for (const [out, message] of [
      ['wsdl', 'wsdl holds wsdl/MS-OXWSCOS.wsdl, an input of this run: the package would replace it.'],
      ['.', '. is the working directory: the package would replace everything in it.'],
      ['..', '.. is the working directory or holds it: the package would replace everything in it.'],
      ['other', 'other holds files that codegen did not write (keep.txt): the package would replace them.'],
    ]) {
      for (const check of [[], ['--check']]) {
        const r = await cli(['--out', out ?? '', '--no-verify', ...check], dir);
        expect([r.code, r.err]).toEqual([2, expect.stringContaining(`error OUTPUT_UNSAFE: ${message}\n  hint: Give --out`)]);
      }
    }
    expect(tree(path.join(dir, 'wsdl'))).toEqual(before);
    expect(tree(path.join(dir, 'other'))).toEqual(['keep.txt']);
    // An earlier output (its package.json says so) is replaced; a link to one stays a link.
    expect((await cli(['--out', 'real', '--no-verify', '-q'], dir)).code).toBe(0);
    fs.symlinkSync('real', path.join(dir, 'link'));
    fs.writeFileSync(path.join(dir, 'real', 'src', 'index.ts'), '// edited\n');
    expect((await cli(['--out', 'link', '--no-verify', '-q'], dir)).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'real', 'src', 'index.ts'), 'utf8')).not.toBe('// edited\n');
  });

  it('writes through a link whose folder is not there yet, creating that folder, and --check finds it stale', async () => {
    // A fresh checkout's `generated -> build/generated`, before anything built it. Before: "Could not
    // write the output folder generated: ENOENT: no such file or directory", of a link that is there.
    const dir = workspace();
    fs.mkdirSync(path.join(dir, 'build'));
    fs.symlinkSync(path.join('build', 'generated'), path.join(dir, 'generated'));
    const check = await cli(['--check', '--no-verify'], dir);
    expect([check.code, check.err]).toEqual([1, expect.stringContaining('  package.json: missing\n')]);
    expect(fs.existsSync(path.join(dir, 'build', 'generated'))).toBe(false);
    const r = await cli(['--no-verify', '-q'], dir);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(fs.lstatSync(path.join(dir, 'generated')).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'build', 'generated')).sort()).toEqual(['package.json', 'src', 'tsconfig.json']);
    expect((await cli(['--check', '--no-verify'], dir)).code).toBe(0);
    // A link to a link that leads nowhere, likewise (relative to the folder each link is in).
    fs.mkdirSync(path.join(dir, 'a'));
    fs.symlinkSync(path.join('..', 'build', 'second'), path.join(dir, 'a', 'hop'));
    fs.symlinkSync(path.join('a', 'hop'), path.join(dir, 'chained'));
    expect((await cli(['--out', 'chained', '--no-verify', '-q'], dir)).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'a', 'hop')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(dir, 'build', 'second', 'package.json'))).toBe(true);
  });

  it('generates the same package from any working directory: headers name the entry from the output folder', async () => {
    const dir = workspace();
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'generated', 'src', 'types.ts'), 'utf8')).toMatch(/^\/\/ Generated by wsdl-codegen from \.\.\/wsdl\/MS-OXWSCOS\.wsdl\. /);
    // Before, the header named the entry from the working directory: a check from another folder found every file stale.
    const elsewhere = await cli(['--config', '../codegen.config.json', '--check', '--no-verify'], path.join(dir, 'wsdl'));
    expect([elsewhere.code, elsewhere.err]).toEqual([0, expect.not.stringContaining('differ')]);
  });

  it('puts back an output that a run killed between its two renames left only as its backup', async () => {
    const dir = workspace();
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    fs.mkdirSync(path.join(dir, 'generated', 'node_modules', 'dep'), { recursive: true });
    // Where the killed run stopped: the old output renamed away, the new one not yet in place.
    fs.renameSync(path.join(dir, 'generated'), path.join(dir, '.generated.old-Ab12Cd'));
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    // Before, the next run wrote a fresh folder and left the old one, installed dependencies and all, hidden beside it.
    expect(fs.existsSync(path.join(dir, 'generated', 'node_modules', 'dep'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated'))).toEqual([]);
  });

  it('runs started together into one output folder all succeed, and leave what a single run writes', async () => {
    const dir = workspace();
    const out = (p: string): string => path.join(dir, 'generated', ...p.split('/'));
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    // Many files of the user's in src/ make each run's reading and carrying over long enough to
    // overlap another run's swap: before, one of three runs usually failed with OUTPUT_FAILED (ENOENT).
    for (let i = 0; i < 2000; i++) fs.writeFileSync(out(`src/mine${i}.ts`), `export const n${i} = ${i};\n`);
    const single = readTree(path.join(dir, 'generated'));
    const run = (): Promise<{ code: number | null; err: string }> => cliProcess(['--no-verify', '-q'], dir);
    for (let round = 0; round < 4; round++) {
      // A stale file, so that every run has something to write.
      fs.appendFileSync(out('src/index.ts'), '// edited\n');
      const results = await Promise.all([run(), run(), run()]);
      expect(results).toEqual([0, 0, 0].map((code) => ({ code, err: '' })));
      expect(readTree(path.join(dir, 'generated'))).toEqual(single);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated'))).toEqual([]);
    }
  });

  it('gives a new output folder the permissions of any new folder, and an old one keeps its own', async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, 'reference'));
    const mode = (p: string): number => fs.statSync(path.join(dir, p)).mode & 0o777;
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    // Before, the folder was mkdtemp's 0700: nobody else could read the package.
    expect(mode('generated')).toBe(mode('reference'));
    fs.chmodSync(path.join(dir, 'generated'), 0o750);
    fs.writeFileSync(path.join(dir, 'generated', 'src', 'index.ts'), '// edited\n');
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'generated', 'src', 'index.ts'), 'utf8')).not.toBe('// edited\n');
    expect(mode('generated')).toBe(0o750);
  });

  // chmod does not stop root, which CI runs as: there the CLI runs as nobody, where nobody can read
  // the repository and the schemas (a checkout in a private home cannot be, and the test is skipped).
  const NOBODY = 65534;
  const asRoot = process.getuid?.() === 0;
  const nobodyCanRun =
    !asRoot ||
    spawnSync(process.execPath, ['-e', 'for (const p of process.argv.slice(1)) require("fs").accessSync(p, require("fs").constants.R_OK)', path.join(ROOT, 'bin', 'codegen.js'), path.join(ROOT, 'dist'), EWS_SCHEMAS], { uid: NOBODY, gid: NOBODY }).status === 0;
  (nobodyCanRun ? it : it.skip)('a read-only output folder, or one in a read-only folder, is an error naming it that says to check permissions', async () => {
    const dir = workspace();
    const out = path.join(dir, 'generated');
    const run = (args: string[]): Promise<{ code: number | null; err: string }> => (asRoot ? cliProcess(args, dir, { uid: NOBODY, gid: NOBODY }) : cli(args, dir));
    if (asRoot) {
      for (const p of [dir, ...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f))]) fs.chownSync(p, NOBODY, NOBODY);
    }
    expect((await run(['--no-verify', '-q'])).code).toBe(0);
    for (const [readOnly, why] of [
      [out, 'it is read-only to this user'],
      [dir, 'this user may not create files in ., the folder that holds it'],
    ]) {
      fs.chmodSync(readOnly ?? '', 0o555);
      try {
        // An output that is up to date needs no writing, and is no error.
        expect(await run(['--no-verify'])).toMatchObject({ code: 0, err: '' });
        fs.chmodSync(readOnly ?? '', 0o755);
        fs.appendFileSync(path.join(out, 'src', 'index.ts'), '// edited\n');
        fs.chmodSync(readOnly ?? '', 0o555);
        const before = readTree(out);
        // Before, the message named the staging folder beside it (.generated.new-…), which the user never made.
        const r = await run(['--no-verify']);
        expect([r.code, r.err]).toEqual([2, expect.stringContaining(`error OUTPUT_FAILED: Could not write the output folder generated: ${why}.\n  hint: Check the permissions of generated and of .`)]);
        expect(r.err).not.toContain('.generated.');
        expect(readTree(out)).toEqual(before);
      } finally {
        fs.chmodSync(readOnly ?? '', 0o755);
      }
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated'))).toEqual([]);
      expect((await run(['--no-verify', '-q'])).code).toBe(0);
    }
  });

  it("removes the staging folders of killed runs, not a live run's nor a recent one", async () => {
    const dir = workspace();
    const staging = (name: string, ageMinutes: number): void => {
      fs.mkdirSync(path.join(dir, name, 'src'), { recursive: true });
      const then = new Date(Date.now() - ageMinutes * 60_000);
      fs.utimesSync(path.join(dir, name), then, then);
    };
    // Process ids stop below 2^22 on Linux: 999999999 runs nowhere.
    staging('.generated.new-999999999-dead', 60);
    staging('.generated.new-AbC123', 60);
    staging(`.generated.new-${process.pid}-live`, 60);
    staging('.generated.new-999999999-recent', 1);
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.generated')).sort()).toEqual(['.generated.new-999999999-recent', `.generated.new-${process.pid}-live`].sort());
  });

  it('takes the WSDL as a file: URL, on the command line and in the config file', async () => {
    const dir = workspace();
    const url = pathToFileURL(path.join(dir, 'wsdl', 'MS-OXWSCOS.wsdl')).href;
    // Before, the URL was looked for as a relative path: "File not found: file:/…".
    const flag = await cli(['--wsdl', url, '--out', 'by-flag', '--no-verify', '-q'], dir);
    expect([flag.code, flag.err]).toEqual([0, '']);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'codegen.config.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), JSON.stringify({ ...config, wsdl: url, out: 'by-config' }));
    expect((await cli(['--no-verify', '-q'], dir)).code).toBe(0);
    expect(readTree(path.join(dir, 'by-config'))).toEqual(readTree(path.join(dir, 'by-flag')));
    expect(fs.readFileSync(path.join(dir, 'by-flag', 'src', 'types.ts'), 'utf8')).toMatch(/^\/\/ Generated by wsdl-codegen from \.\.\/wsdl\/MS-OXWSCOS\.wsdl\. /);
    const remote = await cli(['--wsdl', 'file://fileserver/share/x.wsdl', '--no-verify'], dir);
    expect([remote.code, remote.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: "wsdl" is file://fileserver/share/x.wsdl, a file URL that names no file of this machine.')]);
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), JSON.stringify({ ...config, wsdl: 'file://fileserver/share/x.wsdl' }, null, 2));
    const inFile = await cli(['--no-verify'], dir);
    expect([inFile.code, inFile.err]).toEqual([2, expect.stringContaining('codegen.config.json:3:3: error CONFIG_INVALID: "wsdl" is file://fileserver')]);
  });

  it('refuses a WSDL URL of a scheme it does not read, rather than look for it as a file', async () => {
    const dir = workspace();
    // Before: "File not found: ftp:/host/x.wsdl", a path the user never wrote, with a hint about relative paths.
    for (const url of ['ftp://host/x.wsdl', 'HTTPS+foo://host/x.wsdl']) {
      const r = await cli(['--wsdl', url, '--no-verify'], dir);
      expect([r.code, r.err]).toEqual([2, expect.stringContaining(`error CONFIG_INVALID: "wsdl" is ${url}, a URL whose scheme is not read: only http:, https: and file: are.`)]);
      expect(r.err).toContain('hint: Save the document and give its path, or give its http(s) URL.');
    }
    const colon = await cli(['--wsdl', 'my:file.wsdl', '--no-verify'], dir);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'codegen.config.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), JSON.stringify({ ...config, wsdl: 'ftp://host/x.wsdl' }, null, 2));
    const inFile = await cli(['--no-verify'], dir);
    expect([inFile.code, inFile.err]).toEqual([2, expect.stringContaining('codegen.config.json:3:3: error CONFIG_INVALID: "wsdl" is ftp://host/x.wsdl, a URL')]);
    // A path with a colon is still a path.
    expect(colon.err).toContain('error SCHEMA_NOT_FOUND: File not found: my:file.wsdl');
  });

  it('refuses an empty flag, and generate() options of the wrong kind, as a config file\'s', async () => {
    const dir = workspace();
    // Before, --out "" wrote to generated/ and exit 0; mode 'wrtie' reported success having written nothing.
    const empty = await cli(['--out', ''], dir);
    expect([empty.code, empty.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: --out is given an empty value.')]);
    const { generate } = await import('../../generator');
    const problems = async (options: unknown): Promise<string[]> => {
      const result = await generate(options as never);
      expect(result.ok).toBe(false);
      return result.diagnostics.map((d) => `${d.code}: ${d.message}`);
    };
    const wsdl = 'wsdl/MS-OXWSCOS.wsdl';
    // Before: a TypeError for null, and one "unknown key" per character of a string.
    expect(await problems(null)).toEqual(['CONFIG_INVALID: generate() options must be an object, not null.']);
    expect(await problems(wsdl)).toEqual(['CONFIG_INVALID: generate() options must be an object, not string.']);
    expect(await problems({ cwd: dir, wsdl, mode: 'wrtie' })).toEqual(['CONFIG_INVALID: generate() options: "mode" must be "none", "write" or "check".']);
    expect(await problems({ cwd: dir, wsdl: 42, outDir: 'x', schemaPath: 'dir' })).toEqual([
      'CONFIG_INVALID: generate() options: unknown key "outDir".',
      'CONFIG_INVALID: generate() options: "wsdl" must be a string that is not empty.',
      'CONFIG_INVALID: generate() options: "schemaPath" must be an array of strings.',
    ]);
    expect(await problems({ cwd: path.join(dir, 'nowhere'), wsdl })).toEqual(['CONFIG_INVALID: generate() options: "cwd" must name a folder that exists.']);
    expect(await problems(undefined)).toEqual(['CONFIG_INVALID: No WSDL given.']);
    expect(fs.existsSync(path.join(dir, 'generated'))).toBe(false);
  });

  it('refuses a request header that HTTP cannot carry before anything is read, naming the flag or the config key', async () => {
    const dir = workspace();
    // Before: with a remote WSDL, SCHEMA_NOT_FOUND "Fetching … failed: Headers.append: …" and a hint to
    // check the URL and the server; with a local one, nothing at all.
    const flag = await cli(['--header', 'Bad Name: v', '--no-verify'], dir);
    expect([flag.code, flag.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: --header names "Bad Name", which is not an HTTP header name.\n  hint: A header name is letters, digits and !#$%&\'*+-.^_`|~ without spaces, such as Authorization or X-Api-Key.')]);
    // The value, most often a credential, is not printed.
    const value = await cli(['-H', 'X-Token: 10 €', '--no-verify'], dir);
    expect([value.code, value.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: --header X-Token has a value holding "€", which an HTTP header cannot carry.\n  hint: Use Latin-1 characters without line breaks (encode the value, as Base64, if the server expects it so).')]);
    // Nor is one without its colon, which may be all credential (before: quoted whole).
    const colonless = await cli(['-H', 'X-A: 1', '-H', 'Authorization Bearer s3cret', '--no-verify'], dir);
    expect([colonless.code, colonless.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: The 2nd --header has no colon: it is not of the form "Name: value" (not quoted here, as it may hold a credential).\n  hint: Example: --header "Authorization: Bearer TOKEN".')]);
    expect(colonless.err).not.toContain('s3cret');
    expect((await cli(['-H', ': x', '--no-verify'], dir)).err).toContain('error CONFIG_INVALID: The --header has no name before its colon:');
    expect(fs.existsSync(path.join(dir, 'generated'))).toBe(false);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'codegen.config.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), JSON.stringify({ ...config, headers: { Authorization: 'Bearer a\nb' } }, null, 2));
    const inFile = await cli(['--no-verify'], dir);
    expect([inFile.code, inFile.err]).toEqual([2, expect.stringMatching(/^codegen\.config\.json:\d+:3: error CONFIG_INVALID: Config file codegen\.config\.json: "headers" gives Authorization a value holding "\\n", which an HTTP header cannot carry\./)]);
    const { generate } = await import('../../generator');
    const api = await generate({ cwd: dir, wsdl: 'wsdl/MS-OXWSCOS.wsdl', headers: { 'a:b': 'c' } });
    expect(api.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(['CONFIG_INVALID: generate() options: "headers" has "a:b", which is not an HTTP header name.']);
  });

  it('warns that request headers given for a local WSDL are not sent, naming them but never their values', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'one.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:one">\n  <xs:element name="Note" type="xs:string"/>\n</xs:schema>\n');
    // Before: nothing said, as if the headers had been sent.
    const flag = await cli(['--wsdl', 'one.xsd', '--out', 'out', '--no-verify', '-H', 'Authorization: Bearer s3cret', '-H', 'X-Api-Key: k3y'], dir);
    expect(flag.code).toBe(0);
    expect(flag.err).toBe(
      'warning HEADERS_NOT_SENT: The request headers Authorization, X-Api-Key apply only to a WSDL fetched over http(s); one.xsd is a local file, so they are not sent.\n  hint: Drop --header (or "headers" in the config file) when the WSDL is a local file; nothing else changes.\n',
    );
    expect(flag.out).toMatch(/^codegen: read 1 document; .* wrote \d+ files/);
    expect(fs.existsSync(path.join(dir, 'out', 'src', 'types.ts'))).toBe(true);
    // From the config file: at its key. The values stay out of every message.
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), '{\n  "wsdl": "one.xsd",\n  "out": "out",\n  "headers": { "Authorization": "Basic czNjcmV0" }\n}\n');
    const inFile = await cli(['--no-verify'], dir);
    expect([inFile.code, inFile.err]).toEqual([0, expect.stringMatching(/^codegen\.config\.json:4:3: warning HEADERS_NOT_SENT: The request header Authorization applies only to a WSDL fetched over http\(s\); one\.xsd is a local file, so it is not sent\./)]);
    for (const r of [flag, inFile]) expect(`${r.out}${r.err}`).not.toMatch(/s3cret|k3y|czNjcmV0/);
    expect((await cli(['--no-verify', '-q'], dir)).err).toBe('');
  });

  it('reports a broken config file with exit 2', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), '{\n  "wsdl": 3,\n  "colour": "blue"\n}\n');
    const r = await cli([], dir);
    expect(r.code).toBe(2);
    // Each problem at its key, in the order of the file.
    expect(r.err).toMatch(/codegen\.config\.json:2:3: error CONFIG_INVALID: .*"wsdl" must be a string[\s\S]*codegen\.config\.json:3:3: error CONFIG_INVALID: .*unknown key "colour"/);
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), '{\n  "wsdl": "a",\n  "out": "b",,\n}\n');
    expect((await cli([], dir)).err).toMatch(/codegen\.config\.json:3:14: error CONFIG_INVALID: .*is not valid JSON/);
    // A byte order mark (Notepad's) is read past; a folder is said to be one (before: "Fix the JSON syntax" for both).
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), '\uFEFF{\n  "wsdl": 3\n}\n');
    expect((await cli([], dir)).err).toMatch(/codegen\.config\.json:2:3: error CONFIG_INVALID: .*"wsdl" must be a string/);
    // The key itself, not the same word earlier as a header name or a value (before: 2:15, inside headers).
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), '{\n  "headers": { "out": "x" }, "wsdl": "out",\n  "out": 5\n}\n');
    expect((await cli([], dir)).err).toMatch(/codegen\.config\.json:3:3: error CONFIG_INVALID: .*"out" must be a string/);
    // Names and versions npm would refuse at install (before: written into package.json as given).
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), '{\n  "wsdl": "a",\n  "packageName": "My Client",\n  "packageVersion": "1.0"\n}\n');
    const npm = await cli([], dir);
    expect([npm.code, npm.err]).toEqual([2, expect.stringMatching(/codegen\.config\.json:3:3: error CONFIG_INVALID: .*"packageName" "My Client" is not a name npm takes\.\n {2}hint: Use lowercase letters[^\n]*\n.*codegen\.config\.json:4:3: error CONFIG_INVALID: .*"packageVersion" "1\.0" is not a semantic version\.\n {2}hint: Use MAJOR\.MINOR\.PATCH/)]);
    const flag = await cli(['--wsdl', 'a', '--package-name', '_private'], tmpdir());
    expect([flag.code, flag.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: --package-name "_private" is not a name npm takes.')]);
    const version = await cli(['--wsdl', 'a', '--package-version', 'v2'], tmpdir());
    expect([version.code, version.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: --package-version "v2" is not a semantic version.\n  hint: Use MAJOR.MINOR.PATCH')]);
    // A git tag's leading v: the hint gives the version to write.
    const tag = await cli(['--wsdl', 'a', '--package-version', 'v1.2.3'], tmpdir());
    expect([tag.code, tag.err]).toEqual([2, expect.stringContaining('--package-version "v1.2.3" is not a semantic version.\n  hint: Use MAJOR.MINOR.PATCH, such as 1.0.0 or 2.1.0-beta.1: 1.2.3, without the v of a git tag.')]);
    expect(version.err).toContain('such as 1.0.0 or 2.1.0-beta.1.\n');
    // Before, a file that cannot be read was "not valid JSON", with "Fix the JSON syntax".
    const unreadable = await cli(['-c', 'codegen.config.json/x.json'], dir);
    expect([unreadable.code, unreadable.err]).toEqual([2, expect.stringMatching(/error CONFIG_INVALID: Config file codegen\.config\.json\/x\.json cannot be read: ENOTDIR[^\n]*\n {2}hint: Check the path and that this user may read the file\./)]);
    fs.mkdirSync(path.join(dir, 'configs'));
    const folder = await cli(['-c', 'configs'], dir);
    expect([folder.code, folder.err]).toEqual([2, expect.stringContaining('error CONFIG_INVALID: Config file configs is a folder.\n  hint: Name the file itself (configs/codegen.config.json, say).')]);
  });

  it("names the config file's key for a path it gives that is not there, and says where such a path starts", async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, 'configs'));
    fs.mkdirSync(path.join(dir, 'mine'));
    fs.writeFileSync(path.join(dir, 'mine', 'notes.txt'), 'mine');
    const config = (wsdl: string, out: string): void =>
      fs.writeFileSync(path.join(dir, 'configs', 'c.json'), `{\n  "wsdl": "${wsdl}",\n  "schemaPath": ["schemas"],\n  "out": "${out}"\n}\n`);
    // Before, each had no place, and the entry's hint said a relative path starts at the working directory.
    config('service.wsdl', '../generated');
    const missing = await cli(['-c', 'configs/c.json', '--no-verify'], dir);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('configs/c.json:2:3: error SCHEMA_NOT_FOUND: File not found: configs/service.wsdl\n  hint: Check "wsdl" in configs/c.json: a relative path there starts at the folder of that file.')]);
    expect(missing.err).toContain('configs/c.json:3:3: warning SCHEMA_PATH_MISSING: The schema search path names configs/schemas');
    config('../wsdl/MS-OXWSCOS.wsdl', '../mine');
    const unsafe = await cli(['-c', 'configs/c.json', '--no-verify', '-s', EWS_SCHEMAS], dir);
    expect([unsafe.code, unsafe.err]).toEqual([2, expect.stringContaining('configs/c.json:4:3: error OUTPUT_UNSAFE: mine holds files that codegen did not write (notes.txt)')]);
    // A flag's value is the flag's: no place in the file.
    const flagged = await cli(['-c', 'configs/c.json', '--no-verify', '--wsdl', 'nowhere.wsdl'], dir);
    expect(flagged.err).toMatch(/^error SCHEMA_NOT_FOUND: File not found: nowhere\.wsdl\n {2}hint: Check the --wsdl path/m);
    const { generate } = await import('../../generator');
    const api = await generate({ cwd: dir, configFile: 'configs/c.json', schemaPath: [EWS_SCHEMAS], mode: 'write', verify: false });
    expect(api.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(['configs/c.json:4:3 OUTPUT_UNSAFE']);
  });

  it("names the top-level key of a path the config file gives, not the same word before it, from the working directory", async () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'configs'));
    // "wsdl" as a folder of the search path, before the key "wsdl" (and with Notepad's byte order mark).
    fs.writeFileSync(path.join(dir, 'configs', 'c.json'), '\uFEFF{\n  "schemaPath": ["wsdl"],\n  "wsdl": "service.wsdl",\n  "out": "out"\n}\n');
    const { generate } = await import('../../generator');
    const places = async (configFile: string): Promise<string[]> =>
      (await generate({ cwd: dir, configFile, mode: 'write', verify: false })).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
    // Before: 2:18, the value "wsdl" in schemaPath, and the file as given (absolute).
    const expected = ['configs/c.json:2:3 SCHEMA_PATH_MISSING', 'configs/c.json:3:3 SCHEMA_NOT_FOUND'];
    expect(await places('configs/c.json')).toEqual(expected);
    expect(await places(path.join(dir, 'configs', 'c.json'))).toEqual(expected);
  });

  it('generate() reads a config file given as configFile, under the options it is given', async () => {
    const dir = workspace();
    const { generate } = await import('../../generator');
    // Before: configFile only labelled diagnostics, so this was "No WSDL given".
    const read = await generate({ cwd: dir, configFile: 'codegen.config.json', verify: false });
    expect(errorsOf(read)).toBe('');
    expect(read.files.find((f) => f.path === 'package.json')?.contents).toContain('"name": "@wsdl-codegen/exchange-ucs"');
    // An option set to undefined (a JS caller's) leaves the file's value.
    const over = await generate({ cwd: dir, configFile: 'codegen.config.json', packageName: 'ucs-bindings', wsdl: undefined, verify: false } as never);
    expect(over.files.find((f) => f.path === 'package.json')?.contents).toContain('"name": "ucs-bindings"');
    // A broken file is a diagnostic at its place, not a throw.
    fs.writeFileSync(path.join(dir, 'broken.json'), '{\n  "wsdl": 3\n}\n');
    const broken = await generate({ cwd: dir, configFile: 'broken.json' });
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^broken\.json:2:3: error CONFIG_INVALID: .*"wsdl" must be a string/)]);
  });

  it('reports configured default SOAP headers that no binding declares, naming the config file', async () => {
    const dir = tmpdir();
    const wsdl = path.join(ROOT, 'test', 'constructs', 'document-bare', 'service.wsdl');
    const text = `{\n  "wsdl": ${JSON.stringify(wsdl)},\n  "soapHeaders": { "Auth": { "token": "t" }, "Nope": 1 }\n}\n`;
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), text);
    const r = await cli([], dir);
    expect(r.code).toBe(2);
    // At the key (before: the file's first line).
    expect(r.err).toMatch(/codegen\.config\.json:3:3: error CONFIG_SOAP_HEADER: "soapHeaders" names Nope, which no binding of .*service\.wsdl declares as a SOAP header \(they declare: Auth, Trace\)/);
    expect(r.err).not.toMatch(/names Auth/);
    // A value its header's type does not take is the configuration's fault too (before: "a generator bug").
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), text.replace('"t"', '5').replace(', "Nope": 1', ''));
    const typed = await cli([], dir);
    expect(typed.code).toBe(2);
    // Found before the type check, which would say the same (Type 'number' is not assignable to type 'string').
    expect(typed.err).toMatch(/codegen\.config\.json:3:3: error CONFIG_SOAP_HEADER: "soapHeaders": Auth lacks user, which its type \(Auth\) requires\./);
    expect(typed.err).not.toContain('generator bug');
    // A misspelt idempotent operation (before: accepted, and that operation was never retried).
    fs.writeFileSync(path.join(dir, 'codegen.config.json'), `{\n  "wsdl": ${JSON.stringify(wsdl)},\n  "idempotentOperations": ["Echo", "Covnert"]\n}\n`);
    const misspelt = await cli(['--no-verify'], dir);
    expect([misspelt.code, misspelt.err]).toEqual([2, expect.stringMatching(/codegen\.config\.json:3:3: error CONFIG_INVALID: "idempotentOperations" names Covnert, which is no operation of .*service\.wsdl\.\n {2}hint: Use the WSDL's operation names \(Convert, Echo\)\./)]);
    expect(misspelt.err).not.toMatch(/names Echo/);
  });

  it('refuses a default SOAP header value its type does not take before writing, with --no-verify too, and keeps the previous output', async () => {
    const dir = tmpdir();
    const wsdl = path.join(ROOT, 'test', 'constructs', 'document-bare', 'service.wsdl');
    const withHeaders = (soapHeaders: string): void =>
      fs.writeFileSync(path.join(dir, 'codegen.config.json'), `{\n  "wsdl": ${JSON.stringify(wsdl)},\n  "out": "out",\n  "soapHeaders": ${soapHeaders}\n}\n`);
    withHeaders('{ "Auth": { "user": "u", "token": "t" }, "Trace": "x" }');
    expect((await cli(['--no-verify'], dir)).code).toBe(0);
    const before = readTree(path.join(dir, 'out'));
    // Before: each was written into a client.ts that does not compile (exit 0).
    const cases: Array<[string, string]> = [
      ['{ "Trace": 5 }', 'Trace is a number, where its type takes a string'],
      ['{ "Auth": { "user": "u", "token": 5 } }', 'Auth.token is a number, where its type takes a string'],
      ['{ "Auth": ["u", "s3cret"] }', 'Auth is an array, where its type takes an object (Auth)'],
      ['{ "Auth": { "user": "u" } }', 'Auth lacks token, which its type (Auth) requires'],
      ['{ "Auth": { "user": "u", "tokn": "s3cret" } }', 'Auth has tokn, which its type (Auth) does not have (it has: user, token)'],
      ['{ "Auth": { "user": "u", "token": "t" }, "Trace": null }', 'Trace is null, where its type (string) takes no null: the element is not nillable'],
    ];
    for (const [value, problem] of cases) {
      withHeaders(value);
      const r = await cli(['--no-verify'], dir);
      expect([r.code, r.err]).toEqual([
        2,
        `codegen.config.json:4:3: error CONFIG_SOAP_HEADER: "soapHeaders": ${problem}.\n  hint: Fix that value in "soapHeaders": each SOAP header's type is in the generated src/types.ts.\ncodegen: failed with 1 error; nothing was written.\n`,
      ]);
      expect(r.err).not.toContain('s3cret');
      expect(readTree(path.join(dir, 'out'))).toEqual(before);
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.out'))).toEqual([]);
  });

  // Headers of each type the check once left to the type check: a union, a QName, a polymorphic
  // base, a substitution group, wildcards, a repeated choice and a repeated sequence.
  const UNCHECKED_HEADERS_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions targetNamespace="urn:h" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:h">
  <wsdl:types>
    <xs:schema targetNamespace="urn:h" elementFormDefault="qualified">
      <xs:simpleType name="Mode"><xs:restriction base="xs:string"><xs:enumeration value="auto"/><xs:enumeration value="off"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Level"><xs:union memberTypes="xs:int tns:Mode"/></xs:simpleType>
      <xs:complexType name="Payment"><xs:sequence><xs:element name="amount" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="Card"><xs:complexContent><xs:extension base="tns:Payment"><xs:sequence><xs:element name="cardNumber" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="Transfer"><xs:complexContent><xs:extension base="tns:Payment"><xs:sequence><xs:element name="iban" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:element name="Shape" type="xs:string" abstract="true"/>
      <xs:element name="Circle" type="xs:int" substitutionGroup="tns:Shape"/>
      <xs:element name="Square" type="xs:string" substitutionGroup="tns:Shape"/>
      <xs:element name="Level" type="tns:Level"/>
      <xs:element name="Origin" type="xs:QName"/>
      <xs:element name="Pay" type="tns:Payment"/>
      <xs:element name="Drawing"><xs:complexType><xs:sequence><xs:element ref="tns:Shape"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Extra"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType></xs:element>
      <xs:element name="Steps"><xs:complexType><xs:sequence><xs:element name="title" type="xs:string"/><xs:choice maxOccurs="unbounded"><xs:element name="walk" type="xs:string"/><xs:element name="jump" type="xs:int"/></xs:choice></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Pairs"><xs:complexType><xs:sequence><xs:element name="label" type="xs:string"/><xs:sequence maxOccurs="unbounded"><xs:element name="key" type="xs:string"/><xs:element name="value" type="xs:int"/></xs:sequence></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Ping" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn">
    <wsdl:part name="body" element="tns:Ping"/>
    <wsdl:part name="level" element="tns:Level"/>
    <wsdl:part name="origin" element="tns:Origin"/>
    <wsdl:part name="pay" element="tns:Pay"/>
    <wsdl:part name="drawing" element="tns:Drawing"/>
    <wsdl:part name="extra" element="tns:Extra"/>
    <wsdl:part name="steps" element="tns:Steps"/>
    <wsdl:part name="pairs" element="tns:Pairs"/>
  </wsdl:message>
  <wsdl:message name="PingOut"><wsdl:part name="body" element="tns:Ping"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Ping"><wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:h/Ping"/>
      <wsdl:input>
        <soap:body parts="body" use="literal"/>
        ${['level', 'origin', 'pay', 'drawing', 'extra', 'steps', 'pairs'].map((part) => `<soap:header message="tns:PingIn" part="${part}" use="literal"/>`).join('\n        ')}
      </wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="Port" binding="tns:B"><soap:address location="http://example.com/h"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
  const RIGHT_HEADERS = {
    Level: 'auto',
    Origin: { namespace: 'urn:h', localName: 'Ping' },
    Pay: { $type: 'Card', amount: '1', cardNumber: '4111' },
    Drawing: { Shape: { Circle: 3 } },
    Extra: { $any: [{ namespace: 'urn:x', localName: 'x', xml: '<x xmlns="urn:x"/>' }], $anyAttributes: [{ namespace: 'urn:x', localName: 'a', value: 'v' }] },
    Steps: { title: 't', $choice: [{ walk: 'w' }, { jump: 2 }] },
    Pairs: { label: 'l', $sequence: [{ key: 'k', value: 1 }] },
  };
  /** A folder holding UNCHECKED_HEADERS_WSDL, and what writes its config file with the given default SOAP headers. */
  const uncheckedHeadersFolder = (): { dir: string; withHeaders: (soapHeaders: unknown) => void } => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'service.wsdl'), UNCHECKED_HEADERS_WSDL);
    const withHeaders = (soapHeaders: unknown): void =>
      fs.writeFileSync(path.join(dir, 'codegen.config.json'), `{\n  "wsdl": "service.wsdl",\n  "out": "out",\n  "soapHeaders": ${JSON.stringify(soapHeaders)}\n}\n`);
    return { dir, withHeaders };
  };
  /** A `--no-verify` run's exit code and stderr, and whether it left the output as `before`. */
  const noVerifyOutcome = async (dir: string, before: unknown): Promise<[number, string, boolean]> => {
    const r = await cli(['--no-verify'], dir);
    return [r.code, r.err, isDeepStrictEqual(readTree(path.join(dir, 'out')), before)];
  };

  it('refuses a wrong default SOAP header value of a union, QName, polymorphic, substitution group, wildcard, choice or group type before writing, with --no-verify too', async () => {
    const { dir, withHeaders } = uncheckedHeadersFolder();
    // Right values: taken without the type check, and with it (the package compiles).
    withHeaders(RIGHT_HEADERS);
    expect(await cli(['--no-verify'], dir)).toEqual({ code: 0, out: expect.any(String), err: '' });
    const before = readTree(path.join(dir, 'out'));
    const checked = await generateAt({ cwd: dir, wsdl: 'service.wsdl', soapHeaders: RIGHT_HEADERS });
    expect(errorsOf(checked)).toBe('');
    expect(fileOf(checked, 'src/client.ts')).toContain('"Pay":{"$type":"Card"');
    // Before: each was left to the type check, so --no-verify wrote it into a client.ts that does not compile (exit 0).
    const cases: Array<[unknown, string]> = [
      [{ Level: true }, "Level is true or false, where its type takes a value of one of its union's members (Level)"],
      [{ Level: 's3cret' }, "Level is a string that its type does not take: it takes a value of one of its union's members (Level)"],
      [{ Origin: 's3cret' }, 'Origin is a string that its type does not take: it takes an object (XmlQName)'],
      [{ Origin: { namespace: 'urn:h' } }, 'Origin lacks localName, which its type (XmlQName) requires'],
      [{ Pay: { $type: 'Card', amount: '1' } }, 'Pay lacks cardNumber, which its type (Card) requires'],
      [{ Pay: { $type: 's3cret', amount: '1' } }, 'Pay.$type is a string that its type does not take: it takes one of the strings "Payment", "Card", "Transfer" (Payment | Card | Transfer)'],
      [{ Pay: { amount: '1', pin: 's3cret' } }, 'Pay has pin, which none of its types (Payment | Card | Transfer) has'],
      [{ Pay: 's3cret' }, 'Pay is a string that its type does not take: it takes an object (Payment | Card | Transfer)'],
      [{ Drawing: { Shape: { Circle: 's3cret' } } }, 'Drawing.Shape.Circle is a string that its type does not take: it takes a number'],
      [{ Drawing: { Shape: { Triangle: 's3cret' } } }, 'Drawing.Shape has Triangle, where its type takes an object with one of the keys Circle, Square'],
      [{ Drawing: { Shape: {} } }, 'Drawing.Shape is an empty object, where its type takes an object with one of the keys Circle, Square'],
      [{ Extra: { $any: [{ namespace: 'urn:x', localName: 'x' }] } }, 'Extra.$any[0] lacks xml, which its type (XmlAnyElement) requires'],
      [{ Extra: { $any: [], $anyAttributes: [{ namespace: 'urn:x', localName: 'a', value: 5 }] } }, 'Extra.$anyAttributes[0].value is a number, where its type takes a string'],
      [{ Steps: { title: 't', $choice: [{ walk: 'w' }, { jump: 's3cret' }] } }, 'Steps.$choice[1].jump is a string that its type does not take: it takes a number'],
      [{ Steps: { title: 't', $choice: [{ run: 's3cret' }] } }, 'Steps.$choice[0] has run, where its type takes an object with one of the keys walk, jump'],
      [{ Pairs: { label: 'l', $sequence: [{ key: 'k' }] } }, 'Pairs.$sequence[0] lacks value, which its type (an item of a repeated group) requires'],
      [{ Pairs: { label: 'l', $sequence: [{ key: 'k', value: 1, note: 's3cret' }] } }, 'Pairs.$sequence[0] has note, which its type (an item of a repeated group) does not have (it has: key, value)'],
    ];
    // Each case's exit code, message, and whether the previous output is untouched.
    const results: Array<[number, string, boolean]> = [];
    for (const [value] of cases) {
      withHeaders(value);
      results.push(await noVerifyOutcome(dir, before));
    }
    expect(results).toEqual(
      cases.map(([, problem]) => [
        2,
        `codegen.config.json:4:3: error CONFIG_SOAP_HEADER: "soapHeaders": ${problem}.\n  hint: Fix that value in "soapHeaders": each SOAP header's type is in the generated src/types.ts.\ncodegen: failed with 1 error; nothing was written.\n`,
        true,
      ]),
    );
    expect(results.map(([, err]) => err).join('')).not.toContain('s3cret');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.out'))).toEqual([]);
  });

  it('refuses with --no-verify a default SOAP header value only the type check can judge, and leaves it to the type check otherwise', async () => {
    const { dir, withHeaders } = uncheckedHeadersFolder();
    withHeaders(RIGHT_HEADERS);
    expect((await cli(['--no-verify'], dir)).code).toBe(0);
    const before = readTree(path.join(dir, 'out'));
    // Keys of two alternatives, or of two derived types without $type: TypeScript's union rules decide.
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ Pay: { amount: '1', cardNumber: '4111', iban: 's3cret' } }, 'Pay has no $type and none of its types (Payment | Card | Transfer) takes it as it is: whether their union does is TypeScript\'s to say'],
      [{ Steps: { title: 't', $choice: [{ walk: 'w', jump: 2 }] } }, "Steps.$choice[0] has walk, jump, where its type takes an object with one of the keys walk, jump: whether TypeScript takes more than one is its type check's to say"],
    ];
    // Each case's exit code, message, and whether the previous output is untouched.
    const results: Array<[number, string, boolean]> = [];
    for (const [value] of cases) {
      withHeaders(value);
      results.push(await noVerifyOutcome(dir, before));
      // With the type check, TypeScript decides: it takes both (a union's object literal may hold keys of its other members).
      const checked = await generateAt({ cwd: dir, wsdl: 'service.wsdl', soapHeaders: value });
      expect(errorsOf(checked)).toBe('');
    }
    expect(results).toEqual(
      cases.map(([, problem]) => [
        2,
        `codegen.config.json:4:3: error CONFIG_SOAP_HEADER: "soapHeaders": ${problem}; only the type check can check this header's value, and --no-verify skips it.\n  hint: Drop --no-verify (verify: false) so that the type check judges it, or give this header in code, in the client's soapHeaders option.\ncodegen: failed with 1 error; nothing was written.\n`,
        true,
      ]),
    );
    expect(results.map(([, err]) => err).join('')).not.toContain('s3cret');
  });

  it('leaves the configured values out of what the type check says about a default SOAP header', async () => {
    const dir = tmpdir();
    // A field of an enumeration in a polymorphic type: with keys of two derived types and no $type,
    // only the type check judges the value, and its message would name the literal it refuses.
    const wsdl = UNCHECKED_HEADERS_WSDL.replace(
      '<xs:element name="amount" type="xs:string"/>',
      '<xs:element name="amount" type="xs:string"/><xs:element name="mode" type="tns:Mode" minOccurs="0"/>',
    );
    fs.writeFileSync(path.join(dir, 'service.wsdl'), wsdl);
    const result = await generateAt({ cwd: dir, wsdl: 'service.wsdl', soapHeaders: { Pay: { amount: '1', cardNumber: '4', iban: 'x', mode: 's3cret-mode' } } });
    const errors = errorsOf(result);
    expect(errors).toContain(`CONFIG_SOAP_HEADER "soapHeaders" holds a value its header's type does not take: Type '"…"' is not assignable to type 'Mode | undefined'.`);
    expect(errors).not.toContain('s3cret');
  });

  it('gives each client only the configured default SOAP headers its binding declares', async () => {
    const dir = tmpdir();
    const text = fs.readFileSync(path.join(ROOT, 'test', 'constructs', 'document-bare', 'service.wsdl'), 'utf8');
    // A second binding of the same port type whose operations declare no SOAP header.
    const plain = /<wsdl:binding name="DocumentBareBinding"[\s\S]*?<\/wsdl:binding>/.exec(text)?.[0] ?? '';
    expect(plain).not.toBe('');
    const second = plain.replace('name="DocumentBareBinding"', 'name="PlainBinding"').replace(/\s*<soap:header [^>]*\/>/g, '');
    fs.writeFileSync(path.join(dir, 'service.wsdl'), text.replace(plain, `${plain}\n  ${second}`));
    fs.copyFileSync(path.join(ROOT, 'test', 'constructs', 'document-bare', 'types.xsd'), path.join(dir, 'types.xsd'));
    const result = await generateAt({ cwd: dir, wsdl: 'service.wsdl', soapHeaders: { Trace: 'trace-1' } });
    expect(errorsOf(result)).toBe('');
    const client = result.files.find((f) => f.path === 'src/client.ts')?.contents ?? '';
    expect(client.match(/static readonly defaultSoapHeaders/g)).toHaveLength(1);
    expect(client).toMatch(/class DocumentBareClient[\s\S]*defaultSoapHeaders: ReadonlyInput<T\.DocumentBareClientHeaders> = \{"Trace":"trace-1"\}[\s\S]*class PlainClient/);
  });

  it('counts in its summary as one says it: 1 document, 1 operation', async () => {
    const dir = tmpdir();
    fs.writeFileSync(
      path.join(dir, 'one.xsd'),
      '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:one" elementFormDefault="qualified">\n  <xs:element name="Note" type="xs:string"/>\n</xs:schema>\n',
    );
    const r = await cli(['--wsdl', 'one.xsd', '--out', 'out', '--no-verify'], dir);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^codegen: read 1 document; 0 types, 0 operations; wrote \d+ files \(\d+ changed\) in out\/;/);
    const check = await cli(['--wsdl', 'one.xsd', '--out', 'out', '--no-verify', '--check'], dir);
    expect(check.out).toMatch(/is up to date \(1 document, 0 types, 0 operations;/);
    // An --out written with a trailing slash (as a shell completes a folder's name) is named once: before, "out//".
    const slash = await cli(['--wsdl', 'one.xsd', '--out', 'out/', '--no-verify'], dir);
    expect(slash.out).toMatch(/output already up to date in out\/; /);
    fs.appendFileSync(path.join(dir, 'out', 'src', 'types.ts'), '// mine\n');
    const stale = await cli(['--wsdl', 'one.xsd', '--out', 'out/', '--no-verify', '--check'], dir);
    expect(stale.err).toMatch(/^codegen --check: out\/ is stale;/);
    fs.writeFileSync(path.join(dir, 'one.xsd'), '');
    const empty = await cli(['--wsdl', 'one.xsd', '--out', 'out', '--no-verify'], dir);
    expect([empty.code, empty.err]).toEqual([2, expect.stringMatching(/^one\.xsd:1:1: error NOT_WSDL_OR_XSD: one\.xsd is empty\.\n[^\n]*\ncodegen: failed with 1 error; nothing was written\.\n$/)]);
  });

  it('emits only what the operations reach by default, and every schema type with allTypes', async () => {
    const reached = await generateUcs();
    const all = await generateUcs({ allTypes: true });
    expect(errorsOf(all)).toBe('');
    expect(all.stats.types).toBeGreaterThan(700);
    expect(reached.stats.types).toBeLessThan(150);
    const types = (r: typeof all): string => r.files.find((f) => f.path === 'src/types.ts')?.contents ?? '';
    // CalendarItemType is used by no MS-OXWSCOS operation.
    expect(types(reached)).not.toContain('export interface CalendarItemType ');
    expect(types(all)).toContain('export interface CalendarItemType ');
  });

  it('inspect prints the IR as JSON keyed by qualified names', async () => {
    const r = await cli(['inspect']);
    expect(r.code).toBe(0);
    const ir = JSON.parse(r.out) as { types: Record<string, { tsName: string }>; bindings: Array<{ operations: unknown[] }> };
    expect(ir.types['{http://schemas.microsoft.com/exchange/services/2006/types}ImGroupType']?.tsName).toBe('ImGroupType');
    expect(ir.bindings[0]?.operations).toHaveLength(13);
  });

  it('inspect takes the options written after it, and before it', async () => {
    // Before, they went to the program, and inspect found no WSDL (or the config file's).
    const dir = tmpdir();
    const entry = 'service.xsd';
    fs.copyFileSync(path.join(ROOT, 'test', 'constructs', 'xsd-entry', entry), path.join(dir, entry));
    for (const args of [['inspect', '--wsdl', entry, '--all-types'], ['--wsdl', entry, 'inspect', '--all-types']]) {
      const r = await cli(args, dir);
      expect(r.code).toBe(0);
      const ir = JSON.parse(r.out) as { entry: string; types: Record<string, unknown> };
      expect(ir.entry).toBe(entry);
      expect(Object.keys(ir.types)).toContain('{urn:example:constructs:xsd-entry}Person');
    }
  });

  it('inspect refuses --check, before or after it, rather than ignoring it', async () => {
    for (const args of [['inspect', '--check'], ['--check', 'inspect']]) {
      const r = await cli(args, tmpdir());
      expect([r.code, r.out, r.err]).toEqual([2, '', expect.stringContaining('error CONFIG_INVALID: --check does not apply to inspect')]);
    }
  });

  it('prints diagnostics by their place in the document, not in the order the stages found them', async () => {
    const dir = tmpdir();
    // A mixed type (the plan stage warns) above a soap:header part with type= (the resolve stage warns, first).
    fs.writeFileSync(
      path.join(dir, 'service.wsdl'),
      `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:w" targetNamespace="urn:w">
  <wsdl:types><xs:schema targetNamespace="urn:w" elementFormDefault="qualified">
    <xs:element name="Note"><xs:complexType mixed="true"><xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:Note"/></wsdl:message>
  <wsdl:message name="H"><wsdl:part name="session" type="xs:string"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Send"><wsdl:input message="tns:M"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Send"><soap:operation soapAction="urn:w/Send"/>
      <wsdl:input><soap:body use="literal"/><soap:header message="tns:H" part="session" use="literal"/></wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>`,
    );
    const r = await cli(['--wsdl', 'service.wsdl', '--out', 'out', '--no-verify'], dir);
    expect(r.code).toBe(0);
    expect([...r.err.matchAll(/^service\.wsdl:(\d+):\d+: warning (\w+)/gm)].map((m) => [m[1], m[2]])).toEqual([
      ['3', 'MIXED_TEXT_NOT_PLACED'],
      ['10', 'HEADER_PART_TYPE'],
    ]);
  });

  it('--verbose prints per-stage timings', async () => {
    const dir = workspace();
    const r = await cli(['--verbose', '--check', '--out', 'nowhere'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/timings \(ms\): load [\d.]+, parse [\d.]+, resolve [\d.]+, plan [\d.]+, render [\d.]+, verify [\d.]+/);
  });

  it('loads a WSDL and its schemas over HTTP, sending the configured headers', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? '-'}`);
      const basic = `Basic ${Buffer.from('alice:p@ss w0rd').toString('base64')}`;
      if (req.headers.authorization !== 'Bearer s3cret' && req.headers.authorization !== basic) {
        res.writeHead(401).end();
        return;
      }
      const name = path.basename(req.url ?? '');
      const file = [path.join(ROOT, 'wsdl', name), path.join(EWS_SCHEMAS, name)].find((f) => fs.existsSync(f));
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ucs/MS-OXWSCOS.wsdl`;
      const denied = await generateAt({ wsdl: url });
      expect(denied.ok).toBe(false);
      expect(denied.diagnostics[0]?.message).toContain('HTTP 401');
      expect(denied.diagnostics[0]?.hint).toContain('--header');

      const remote = await generateUcs({ wsdl: url, schemaPath: [], headers: { Authorization: 'Bearer s3cret' } });
      expect(errorsOf(remote)).toBe('');
      const local = await generateUcs();
      const types = (r: typeof local): string => r.files.find((f) => f.path === 'src/types.ts')?.contents.split('\n').slice(1).join('\n') ?? '';
      expect(types(remote)).toBe(types(local));
      expect(seen.filter((s) => s.endsWith('Bearer s3cret')).length).toBe(remote.stats.documents - 1);

      // A user and password in the URL are sent as Basic credentials, and shown nowhere.
      // Before, fetch refused such a URL, and the message quoted the password.
      const withUser = url.replace('http://', 'http://alice:p%40ss%20w0rd@');
      const basic = await generateUcs({ wsdl: withUser, schemaPath: [] });
      expect(errorsOf(basic)).toBe('');
      expect(types(basic)).toBe(types(local));
      expect(basic.files.find((f) => f.path === 'src/types.ts')?.contents.split('\n')[0]).toContain(`from ${url}.`);
      expect(basic.files.filter((f) => /alice|p%40ss/.test(f.contents)).map((f) => f.path)).toEqual([]);
      const wrong = await generateAt({ wsdl: url.replace('http://', 'http://alice:wrong@') });
      expect(wrong.diagnostics[0]?.message).toBe(`Fetching ${url.replace('http://', 'http://alice@')} answered HTTP 401.`);
      expect(wrong.diagnostics[0]?.hint).toContain('https://user:password@host/');
    } finally {
      server.close();
    }
  });

  it('the installed bin runs (as `npx codegen` does)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), '--check', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the bin prints all of a large output into a pipe before it exits', () => {
    // The IR is megabytes of JSON; a pipe takes 64 KiB at a time.
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), 'inspect'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1 << 20);
    const ir = JSON.parse(r.stdout) as { bindings: Array<{ operations: unknown[] }> };
    expect(ir.bindings[0]?.operations).toHaveLength(13);
  });

  it('the bin exits 0 and quietly when the reader of its output stops early (`| head`)', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), 'inspect'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  (fs.existsSync('/dev/full') ? it : it.skip)('the bin fails with exit code 3 when its output cannot be written (a full disk)', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'codegen.js'), 'inspect'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      expect(r.stderr).toMatch(/could not write to standard output \(ENOSPC.*the output is incomplete/);
      expect(r.status).toBe(3);
    } finally {
      fs.closeSync(full);
    }
  });
});
