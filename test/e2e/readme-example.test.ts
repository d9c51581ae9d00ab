// The README's "Try it" program, run as written. The ```ts block whose first line starts with
// `// readme-example` is taken from README.md at test time, transpiled with ts.transpileModule and
// run by node in a child process against a UCS server on a free port; only the URL differs, through
// the UCS_URL variable the program reads. It is also type-checked with the options of the README's
// tsc command (and the repository's stricter ones) against the packages' declaration files.
//
// The program imports '@wsdl-codegen/exchange-ucs' as a user would. To make that import resolve,
// a temporary folder inside the repository (test/e2e/.tmp-readme-<pid>, ignored by git through
// `.tmp-*`) gets node_modules/@wsdl-codegen/exchange-ucs and node_modules/@wsdl-codegen/runtime:
// fresh CommonJS copies transpiled from generated/src and runtime/src (the committed dist/ folders
// may be missing or older than the sources), with declarations emitted for the type check. The
// runtime's own dependencies (undici, httpntlm) resolve from the repository's node_modules, further up.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { EWS_PATH, startUcsServer, type UcsServer } from '../../server/http';
import { DEFAULT_PORT } from '../../server/main';

const ROOT = path.resolve(__dirname, '../..');
const MARKER = '// readme-example';
const TMP = path.join(__dirname, `.tmp-readme-${process.pid}`);
const PACKAGE = '@wsdl-codegen/exchange-ucs';
const RUNTIME = '@wsdl-codegen/runtime';

/** What the README says the program prints. */
const EXPECTED_OUTPUT = [
  'added Ann Beebe to Customers',
  'group Customers (IPM.DistList.MOC.UserGroup): Ann Beebe',
  'contact Ann Beebe <sip:ann.beebe@contoso.com>',
];

interface Block {
  lang: string;
  code: string;
}

function readmeBlocks(): Block[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\r\n/g, '\n');
  return [...readme.matchAll(/^```([A-Za-z]*)\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => ({ lang: m[1] ?? '', code: m[2] ?? '' }));
}

/** The one TypeScript block of README.md that starts with the marker comment. */
function readmeExample(): string {
  const found = readmeBlocks().filter((b) => (b.lang === 'ts' || b.lang === 'typescript') && b.code.startsWith(MARKER));
  if (found.length !== 1) throw new Error(`README.md should hold exactly one \`\`\`ts block starting with "${MARKER}", found ${found.length}`);
  return (found[0] as Block).code;
}

/** The README's block that shows the program's output: the unlabelled block right after the example. */
function readmeOutput(): string[] {
  const blocks = readmeBlocks();
  const at = blocks.findIndex((b) => b.code.startsWith(MARKER));
  const next = blocks.slice(at + 1).find((b) => b.lang === '');
  if (next === undefined) throw new Error('README.md shows no output block after the example');
  return next.code.trimEnd().split('\n');
}

/** Transpiles every .ts file under `from` (declaration files aside) to CommonJS under `to`. */
function transpileTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      transpileTree(source, path.join(to, entry.name));
      continue;
    }
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const out = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
      fileName: source,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const errors = out.diagnostics ?? [];
    if (errors.length > 0) throw new Error(`${source}: ${ts.flattenDiagnosticMessageText(errors[0]?.messageText, '\n')}`);
    fs.mkdirSync(to, { recursive: true });
    fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), out.outputText);
  }
}

/** A package in the temporary node_modules, transpiled from `sourceDir`. */
function installPackage(name: string, sourceDir: string): void {
  const dir = path.join(TMP, 'node_modules', ...name.split('/'));
  transpileTree(sourceDir, dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0-readme-test', main: 'index.js', types: 'index.d.ts' }, null, 2));
}

function diagnosticsOf(list: readonly ts.Diagnostic[]): string[] {
  return list.map((d) => {
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const name = d.file === undefined ? '' : path.relative(ROOT, d.file.fileName);
    return `${name}${where === undefined ? '' : `:${where.line + 1}:${where.character + 1}`} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Adds declaration files to the two temporary packages, as their builds publish them: emitted from
 * runtime/src and generated/src with the repository's compiler options.
 */
function installDeclarations(): void {
  const outDir = path.join(TMP, '.declarations');
  const program = ts.createProgram(
    [
      path.join(ROOT, 'runtime', 'src', 'index.ts'),
      // The runtime's ambient declaration of its untyped dependency, which its tsconfig includes.
      path.join(ROOT, 'runtime', 'src', 'transport', 'httpntlm.d.ts'),
      path.join(ROOT, 'generated', 'src', 'index.ts'),
    ],
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      declaration: true,
      emitDeclarationOnly: true,
      outDir,
      rootDir: ROOT,
      baseUrl: ROOT,
      paths: { [RUNTIME]: ['runtime/src/index.ts'] },
    },
  );
  const emitted = program.emit();
  expect(diagnosticsOf([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics])).toEqual([]);
  fs.cpSync(path.join(outDir, 'runtime', 'src'), path.join(TMP, 'node_modules', ...RUNTIME.split('/')), { recursive: true });
  fs.cpSync(path.join(outDir, 'generated', 'src'), path.join(TMP, 'node_modules', ...PACKAGE.split('/')), { recursive: true });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script with node, asynchronously: the server answering it lives in this process. */
function runNode(script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: TMP, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment of the example's process: this one's, with UCS_URL set and no node options of the test runner. */
function childEnv(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, UCS_URL: url };
  delete env['NODE_OPTIONS'];
  return env;
}

let source = '';
let script = '';
let server: UcsServer | undefined;

beforeAll(() => {
  source = readmeExample();
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  installPackage(RUNTIME, path.join(ROOT, 'runtime', 'src'));
  installPackage(PACKAGE, path.join(ROOT, 'generated', 'src'));
  fs.writeFileSync(path.join(TMP, 'ucs-demo.ts'), source);
  const out = ts.transpileModule(source, {
    fileName: 'ucs-demo.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
  });
  script = path.join(TMP, 'ucs-demo.js');
  fs.writeFileSync(script, out.outputText);
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

describe('README "Try it: a local Unified Contact Store"', () => {
  it('the example imports the package as a user would and defaults to the URL `npm run ucs-server` prints', () => {
    expect(source).toMatch(new RegExp(`^import \\{ ExchangeServiceClient \\} from '${PACKAGE}';$`, 'm'));
    expect(source).not.toMatch(/from '\.{1,2}\//);
    expect(source).toContain(`process.env.UCS_URL ?? 'http://127.0.0.1:${DEFAULT_PORT}${EWS_PATH}'`);
    const shell = readmeBlocks().filter((b) => b.lang === 'sh' && b.code.includes('npm run ucs-server'));
    expect(shell.map((b) => b.code)).toEqual([expect.stringContaining(`http://127.0.0.1:${DEFAULT_PORT}${EWS_PATH}`)]);
  });

  it('type-checks with the README tsc command options against the packages\' declarations, also under the repository strict flags', () => {
    installDeclarations();
    const file = path.join(TMP, 'ucs-demo.ts');
    // `npx tsc --strict --target es2022 --module commonjs ucs-demo.ts`: every visible @types package is included.
    // (skipDefaultLibCheck only spares checking TypeScript's own lib files, which are not in question.)
    const readmeCommand: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noEmit: true, skipDefaultLibCheck: true };
    // The stricter run checks the example only: the declaration files were checked by the first.
    const stricter: ts.CompilerOptions = { ...readmeCommand, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true };
    for (const options of [readmeCommand, stricter]) {
      const program = ts.createProgram([file], options);
      expect(program.getSourceFiles().map((f) => path.relative(TMP, f.fileName))).toContain(path.join('node_modules', ...PACKAGE.split('/'), 'index.d.ts'));
      expect(diagnosticsOf(ts.getPreEmitDiagnostics(program))).toEqual([]);
    }
  }, 180_000);

  it('runs as written against a local server and prints the group and the contact, twice alike', async () => {
    server = await startUcsServer({ port: 0 });
    const env = childEnv(server.url);

    const first = await runNode(script, env);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout.trimEnd().split('\n')).toEqual(EXPECTED_OUTPUT);
    expect(readmeOutput()).toEqual(EXPECTED_OUTPUT);

    // What the program did is in the server's store: one group holding the one new contact.
    const snapshot = server.store.mailbox('default').snapshot();
    expect(snapshot.groups).toEqual([
      { id: expect.any(String), changeKey: expect.any(String), displayName: 'Customers', groupType: 'IPM.DistList.MOC.UserGroup', members: [snapshot.contacts[0]?.personaId] },
    ]);
    expect(snapshot.contacts.map((c) => [c.displayName, c.imAddress])).toEqual([['Ann Beebe', 'sip:ann.beebe@contoso.com']]);

    const second = await runNode(script, env);
    expect({ code: second.code, stderr: second.stderr, stdout: second.stdout }).toEqual({ code: 0, stderr: '', stdout: first.stdout });
    expect(server.store.mailbox('default').snapshot()).toEqual(snapshot);
  });

  it('fails loudly (exit code 1, the error on stderr) when nothing listens at the URL', async () => {
    const idle = await startUcsServer({ port: 0 });
    const url = idle.url;
    await idle.close();
    const env = childEnv(url);
    const run = await runNode(script, env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ConnectionError');
  });
});
