import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { codeCacheReport } from './code-cache';
import { DEFAULT_CONFIG_FILE, HEADER_NAME_HINT, HEADER_VALUE_HINT, configHint, configProblems, headerProblem, readConfigFile, type CodegenConfig } from './config';
import { GenerationError, diag, formatDiagnostic, type Diagnostic } from './diagnostics';
import { generate } from './index';
import { verifyThreadCodeCache } from './verify/worker';
import { urlCredentials } from './load';
import { describeDifference, readTree } from './write';

interface CliOptions {
  config?: string;
  wsdl?: string;
  schemaPath?: string[];
  out?: string;
  packageName?: string;
  packageVersion?: string;
  check?: boolean;
  allTypes?: boolean;
  header?: string[];
  quiet?: boolean;
  verbose?: boolean;
  verify?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', `config file (JSON); default: ${DEFAULT_CONFIG_FILE} when it exists`)
    .option('-w, --wsdl <path|url>', 'entry WSDL (or XSD): a file path or an http(s) URL')
    .option('-s, --schema-path <dir>', 'folder searched for included/imported schemas after the including file\'s folder; an import by URL or without a location is looked up here by namespace before the network (repeatable)', collect)
    .option('-o, --out <dir>', 'output folder of the generated package (default: generated)')
    .option('--package-name <name>', 'npm name of the generated package')
    .option('--package-version <version>', 'version of the generated package (default: 0.1.0)')
    .option('--all-types', 'emit every schema type, not only those the operations reach')
    .option('-H, --header <name: value>', 'HTTP request header for a remote WSDL, e.g. "Authorization: Bearer ..." (repeatable)', collect)
    .option('--no-verify', 'skip the in-memory type check of the generated package (faster, less safe)')
    .addOption(new Option('-q, --quiet', 'print only errors').conflicts('verbose'))
    .option('-v, --verbose', 'print every diagnostic and per-stage timings');
}

function configFrom(opts: CliOptions, cwd: string): Partial<CodegenConfig> & { configFile?: string } {
  let config: Partial<CodegenConfig> & { configFile?: string } = {};
  const file = opts.config ?? (fs.existsSync(path.join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (file !== undefined) config = { ...readConfigFile(file, cwd), configFile: path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/') };
  // An empty flag is an unset variable (--out "$OUT") more often than a choice: before, it fell back to the default.
  const empty = ([['--wsdl', opts.wsdl], ['--out', opts.out], ['--package-name', opts.packageName], ['--package-version', opts.packageVersion]] as const).filter(([, v]) => v === '');
  if (empty.length) throw new GenerationError(empty.map(([flag]) => diag('CONFIG_INVALID', `${flag} is given an empty value.`, `Give ${flag} a value, or leave it out for the config file's or the default.`)));
  if (opts.wsdl) config.wsdl = opts.wsdl;
  if (opts.schemaPath) config.schemaPath = opts.schemaPath;
  if (opts.out) config.out = opts.out;
  for (const [flag, key] of [['--package-name', 'packageName'], ['--package-version', 'packageVersion']] as const) {
    const value = opts[key];
    if (!value) continue;
    const [problem] = configProblems({ [key]: value });
    if (problem !== undefined) throw new GenerationError([diag('CONFIG_INVALID', `${flag} ${problem[1].replace(`"${key}" `, '')}.`, configHint(problem[1]))]);
    config[key] = value;
  }
  if (opts.allTypes) config.allTypes = true;
  if (opts.header) {
    const headers: Record<string, string> = { ...(config.headers ?? {}) };
    for (const [n, h] of opts.header.entries()) {
      const i = h.indexOf(':');
      if (i <= 0) {
        // Not quoted: without its colon, the whole of it may be the credential.
        const which = opts.header.length === 1 ? 'The --header' : `The ${ordinal(n + 1)} --header`;
        const what = i < 0 ? 'has no colon' : 'has no name before its colon';
        throw new GenerationError([diag('CONFIG_INVALID', `${which} ${what}: it is not of the form "Name: value" (not quoted here, as it may hold a credential).`, 'Example: --header "Authorization: Bearer TOKEN".')]);
      }
      const [name, value] = [h.slice(0, i).trim(), h.slice(i + 1).trim()];
      // Quoted without its value, which is most often a credential.
      const problem = headerProblem(name, value);
      if (problem !== undefined) {
        throw new GenerationError([
          problem.in === 'name'
            ? diag('CONFIG_INVALID', `--header names ${JSON.stringify(name)}, which is not an HTTP header name.`, HEADER_NAME_HINT)
            : diag('CONFIG_INVALID', `--header ${name} has a value holding ${problem.char}, which an HTTP header cannot carry.`, HEADER_VALUE_HINT),
        ]);
      }
      headers[name] = value;
    }
    config.headers = headers;
  }
  return config;
}

/**
 * Prints diagnostics in the order of the documents (as each is first named) and by position within
 * each, not in the order the stages found them: a reader goes through a file once.
 */
function report(diagnostics: Diagnostic[], opts: CliOptions): void {
  const files = [...new Set(diagnostics.map((d) => d.file ?? ''))];
  const byPlace = [...diagnostics].sort((a, b) => files.indexOf(a.file ?? '') - files.indexOf(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  for (const d of byPlace) {
    if (d.severity === 'error' || (!opts.quiet && (opts.verbose || d.severity === 'warning'))) process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}

/** This package's version: from the nearest package.json above this module (in dist/ or in source). */
function ownVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 stale output with --check, 2 bad input or configuration, or an output folder that cannot be written). */
export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let exitCode = 0;
  const program = new Command('codegen')
    .description('Generate a typed TypeScript SOAP package (types, XML readers/writers, client) from a WSDL 1.1 and its XML Schemas.')
    .exitOverride()
    .version(ownVersion(), '-V, --version', 'print the version of the generator')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  addOptions(program)
    .option('--check', 'compare the output folder with what would be generated; write nothing; exit 1 if it is stale')
    .addHelpText('after', '\nExit codes: 0 success; 1 --check found stale output; 2 bad input or configuration, or an output folder that cannot be written; 3 internal error, or standard output could not be written.\nSubcommand: `codegen inspect` prints the intermediate representation as JSON.')
    .action(async (opts: CliOptions) => {
      exitCode = await run(opts, cwd, opts.check ? 'check' : 'write');
    });
  // The program knows the same options, and commander gives it those written after `inspect`
  // too: the subcommand reads them with its own.
  addOptions(program.command('inspect').description('print the intermediate representation (IR) as JSON on stdout; write nothing')).action(async (_opts: CliOptions, command: Command) => {
    const opts = command.optsWithGlobals<CliOptions>();
    // The program's --check reaches the subcommand too: refused, not silently ignored.
    if (opts.check) {
      report([diag('CONFIG_INVALID', '--check does not apply to inspect, which writes nothing and compares nothing.', 'Run `codegen --check` to compare the output folder, or `codegen inspect` without it.')], opts);
      exitCode = 2;
      return;
    }
    exitCode = await run(opts, cwd, 'inspect');
  });
  // `codegen help` is what users type for --help (before: "too many arguments"). Hidden: --help's
  // text stays as it was, and commander's own help command would take any word as a command name.
  const inspect = program.commands.find((c) => c.name() === 'inspect');
  program
    .command('help [command]', { hidden: true })
    .helpOption(false)
    .action((name: string | undefined) => {
      const about = name === undefined ? program : name === inspect?.name() ? inspect : undefined;
      if (about !== undefined) {
        about.outputHelp();
        exitCode = 0;
        return;
      }
      process.stderr.write(`error: codegen has no command '${name}' to give help on.\n  hint: Run \`codegen --help\` for the options (a bare \`codegen\` generates), or \`codegen help inspect\` for the one subcommand.\n`);
      exitCode = 2;
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const code = (e as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    // Commander said "too many arguments": a WSDL given as an argument, or a misspelt subcommand.
    if (code === 'commander.excessArguments') process.stderr.write('  hint: give the WSDL with --wsdl PATH|URL; the one subcommand is `inspect`.\n');
    if (typeof (e as { exitCode?: number }).exitCode === 'number') return 2;
    throw e;
  }
  return exitCode;
}

/** An argument as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What --check tells a stale output's owner to run: the options that choose what is generated,
 * without --check. Header values (credentials, as a URL's password) are not printed into CI logs.
 */
function rerunCommand(opts: CliOptions): string {
  const words = ['npx', 'codegen'];
  if (opts.config !== undefined) words.push('--config', opts.config);
  if (opts.wsdl) words.push('--wsdl', urlCredentials(opts.wsdl).bare);
  for (const dir of opts.schemaPath ?? []) words.push('--schema-path', dir);
  if (opts.out) words.push('--out', opts.out);
  if (opts.packageName) words.push('--package-name', opts.packageName);
  if (opts.packageVersion) words.push('--package-version', opts.packageVersion);
  if (opts.allTypes) words.push('--all-types');
  return `\`${words.map(shellWord).join(' ')}\`${opts.header?.length ? ' (with the same --header options)' : ''}`;
}

/**
 * What stands in the output folder `dir` where the package has the file `f` that --check did not
 * find: a folder of that name, or a file where one of its folders should be (stat'ing through that
 * file would throw ENOTDIR); undefined when nothing does.
 */
function inTheWay(dir: string, f: string): string | undefined {
  const parts = f.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join('/');
    if (fs.statSync(path.join(dir, ...parts.slice(0, i)), { throwIfNoEntry: false })?.isFile()) return `missing: ${folder} is a file there, a folder when generated`;
  }
  return fs.statSync(path.join(dir, ...parts), { throwIfNoEntry: false })?.isDirectory() ? 'a folder there, a file when generated' : undefined;
}

/** 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function run(opts: CliOptions, cwd: string, mode: 'write' | 'check' | 'inspect'): Promise<number> {
  const started = performance.now();
  let config: Partial<CodegenConfig> & { configFile?: string };
  try {
    config = configFrom(opts, cwd);
  } catch (e) {
    if (e instanceof GenerationError) {
      report(e.diagnostics, opts);
      return 2;
    }
    throw e;
  }
  const result = await generate({ ...config, cwd, mode: mode === 'inspect' ? 'none' : mode, verify: mode === 'inspect' ? false : opts.verify !== false, verifyInWorker: true });
  report(result.diagnostics, opts);
  if (!result.ok) {
    process.stderr.write(`codegen: failed with ${counted(result.diagnostics.filter((d) => d.severity === 'error').length, 'error')}; nothing was written.\n`);
    return 2;
  }
  if (mode === 'inspect') {
    process.stdout.write(`${JSON.stringify(result.ir, null, 2)}\n`);
    return 0;
  }
  // Named as given, less a trailing slash (a shell's completion of a folder's name), which the messages add.
  const out = (config.out ?? 'generated').replace(/(?<=[^\\/])[\\/]+$/, '');
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const { documents, types, operations, timings } = result.stats;
  if (opts.verbose) {
    const thread = verifyThreadCodeCache();
    process.stderr.write(`timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}\ncode cache: ${codeCacheReport()}${thread === undefined ? '' : `; type-check thread: ${thread}`}\n`);
  }
  if (mode === 'check') {
    if (result.changed.length) {
      const onDisk = readTree(path.resolve(cwd, out));
      const generated = new Map(result.files.map((f) => [f.path, f.contents]));
      const lines = result.changed.map((f) => `  ${f}: ${onDisk.has(f) ? describeDifference(onDisk.get(f), generated.get(f)) : (inTheWay(path.resolve(cwd, out), f) ?? describeDifference(undefined, generated.get(f)))}`);
      process.stderr.write(`codegen --check: ${out}/ is stale; these files differ:\n${lines.join('\n')}\nRun ${rerunCommand(opts)} and commit the result.\n`);
      return 1;
    }
    if (!opts.quiet) process.stdout.write(`codegen --check: ${out}/ is up to date (${counted(documents, 'document')}, ${counted(types, 'type')}, ${counted(operations, 'operation')}; ${seconds} s).\n`);
    return 0;
  }
  if (!opts.quiet) {
    process.stdout.write(`codegen: read ${counted(documents, 'document')}; ${counted(types, 'type')}, ${counted(operations, 'operation')}; ${result.written ? `wrote ${counted(result.written, 'file')} (${result.changed.length} changed)` : 'output already up to date'} in ${out}/; ${seconds} s.\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`codegen: internal error: ${(e as Error).stack ?? String(e)}\nThis is a bug; please report it with the input files.\n`);
      process.exit(3);
    },
  );
}
