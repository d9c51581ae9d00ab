// `npm run bench`: measures the generator and the generated package against node-soap,
// wsdl-tsclient and fast-xml-parser in one process tree, on the same inputs, and writes
// bench/results/latest.{json,svg} and bench/RESULTS.md.
//
// Method: every measurement that needs a clean heap runs in its own child process; timings
// are medians of repeated runs; ratios compare figures taken in this same run, with the
// competitors' children interleaved round by round so that machine noise hits all of them.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { operations } from '../../generated/src/index';
import type { ParserName, WriterName } from './child';
import { buildDerivedWsdl, type DerivedWsdl } from './derived-wsdl';
import { imItemListResponse } from './fixtures';
import { formatProfile, summariseProfile, type ProfileSummary } from './profile';
import { renderMarkdown, renderSvg, renderTable, withReadmeTable } from './report';
import { PHASES, type E2eRow, type GenerationRow, type MemoryRow, type Phase, type ReadRow, type Results, type Target, type WriteRow } from './results';
import { runChild, runNodeScript, startLongChild, type ChildOutcome } from './spawn';
import { MB, field, fmtMiB, fmtMs, fmtNum, fmtRatio, median, num, nums, repoRoot, str } from './util';

/** Knobs, sized so that the whole run stays well under ten minutes on two busy cores. */
const PLAN = {
  generationRuns: 5,
  readRounds: 3,
  sizes: [1000, 10000],
  memoryRuns: 2,
  /**
   * Each round is a fresh child per writer. node-soap's writer settles at one of two speeds per
   * process (GetImItems: ~6,000 or ~9,500 ops/s, both seen within one run), so it needs several
   * processes for its median to mean something.
   */
  writeRounds: 5,
  writeBudgetMs: 1500,
  e2ePersonas: 1000,
  e2eRounds: 3,
  e2eConcurrency: 8,
  /** Calls each client makes before it is measured (the server serves them inside the measured window). */
  e2eWarmupCalls: 16,
  e2eBudgetMs: 4000,
  e2eMaxCalls: 5000,
};

const TARGETS = {
  readVsNodeSoap: 10,
  readVsFastXmlParser: 5,
  peakRssPerByte: 3,
  writeVsNodeSoap: 10,
  e2eVsNodeSoap: 10,
  generationNoVerifyMs: 500,
  generationMs: 3000,
};

const log = (s: string): void => {
  process.stderr.write(`[bench] ${s}\n`);
};

interface Context {
  root: string;
  tmp: string;
  derived: DerivedWsdl;
  /** Paths in printed text: the temp folder and the repository never appear as absolute paths. */
  clean: (s: string) => string;
}

function readConfig(root: string): { wsdl: string; schemaPath: string[] } {
  const cfg: unknown = JSON.parse(fs.readFileSync(path.join(root, 'codegen.config.json'), 'utf8'));
  const wsdl = str(field(cfg, 'wsdl'), 'codegen.config.json wsdl');
  const sp = field(cfg, 'schemaPath');
  const schemaPath = Array.isArray(sp) ? sp.map((s, i) => str(s, `schemaPath[${i}]`)) : [];
  return { wsdl: path.resolve(root, wsdl), schemaPath: schemaPath.map((s) => path.resolve(root, s)) };
}

function gitDescribe(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Generation


function wsdlTsclientCli(root: string): string {
  const pkgFile = require.resolve('wsdl-tsclient/package.json', { paths: [root] });
  const pkg: unknown = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const bin = field(pkg, 'bin');
  const rel = typeof bin === 'string' ? bin : str(field(bin, 'wsdl-tsclient'), 'wsdl-tsclient bin');
  return path.join(path.dirname(pkgFile), rel);
}

function firstErrorLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /error|exception|cannot|failed/i.test(l)) ?? lines[0] ?? '(no output)';
}

/** A script for a floor row of the generation table, written to the bench's temporary folder. */
function floorScript(ctx: Context, name: string, body: string): string {
  const file = path.join(ctx.tmp, `floor-${name}.js`);
  fs.writeFileSync(file, body);
  return file;
}

async function measureGeneration(ctx: Context): Promise<{ rows: GenerationRow[]; stages: string }> {
  const codegen = path.join(ctx.root, 'bin', 'codegen.js');
  const tsclient = wsdlTsclientCli(ctx.root);
  const probeFile = path.join(ctx.tmp, 'probe.json');
  type Tool = { name: string; script: string; args: (i: number) => string[]; note?: string; env?: Record<string, string> };
  const noCodeCache = { WSDL_CODEGEN_CODE_CACHE: 'off' };
  const tools: Tool[] = [
    { name: 'ours (with type check)', script: codegen, args: (i) => ['--out', path.join(ctx.tmp, 'gen', `verify-${i}`), '--quiet'] },
    { name: 'ours --no-verify', script: codegen, args: (i) => ['--out', path.join(ctx.tmp, 'gen', `noverify-${i}`), '--quiet', '--no-verify'] },
    {
      name: 'ours, no code cache',
      script: codegen,
      args: (i) => ['--out', path.join(ctx.tmp, 'gen', `verify-nocache-${i}`), '--quiet'],
      env: noCodeCache,
      note: 'with type check; WSDL_CODEGEN_CODE_CACHE=off: every module compiled, as before dist/code-cache',
    },
    {
      name: 'ours --no-verify, no code cache',
      script: codegen,
      args: (i) => ['--out', path.join(ctx.tmp, 'gen', `noverify-nocache-${i}`), '--quiet', '--no-verify'],
      env: noCodeCache,
      note: 'the same, without the type check',
    },
    {
      name: 'wsdl-tsclient',
      script: tsclient,
      args: (i) => [ctx.derived.wsdl, '-o', path.join(ctx.tmp, 'gen', `tsclient-${i}`), '--quiet'],
      note: 'derived WSDL; no type-check step of its own',
    },
    // Floors, measured the same way: what no generator on this runtime can go below.
    { name: 'node, an empty script', script: floorScript(ctx, 'empty', ''), args: () => [], note: 'the start of any cold process here' },
    {
      name: "node, require('ts-morph') only",
      script: floorScript(ctx, 'ts-morph', `require(${JSON.stringify(require.resolve('ts-morph', { paths: [ctx.root] }))});\n`),
      args: () => [],
      note: 'loading the compiler the type check uses, nothing checked',
    },
  ];
  const rows: GenerationRow[] = tools.map((t) => ({ tool: t.name, runsMs: [], maxRssBytes: [], ok: true, ...(t.note ? { note: t.note } : {}) }));
  // Run 0 of each tool warms the file cache and is not counted; then the tools alternate.
  for (let i = 0; i <= PLAN.generationRuns; i++) {
    for (let t = 0; t < tools.length; t++) {
      const tool = tools[t];
      const row = rows[t];
      if (tool === undefined || row === undefined || !row.ok) continue;
      const r = await runNodeScript(tool.script, tool.args(i), { cwd: ctx.root, probeFile, ...(tool.env ? { env: tool.env } : {}) });
      if (r.exitCode !== 0) {
        row.ok = false;
        row.failure = `exit ${String(r.exitCode)}: ${ctx.clean(firstErrorLine(r.stderr + '\n' + r.stdout))}`;
        log(`generation: ${tool.name} failed, ${row.failure}`);
        continue;
      }
      if (i === 0) continue;
      row.runsMs.push(r.wallMs);
      row.maxRssBytes.push(r.maxRssBytes);
      log(`generation: ${tool.name} run ${i}: ${fmtMs(r.wallMs)}, peak RSS ${fmtMiB(r.maxRssBytes)}`);
    }
  }
  // Per-stage timings of one verified run, from the CLI's own --verbose output.
  const v = await runNodeScript(codegen, ['--out', path.join(ctx.tmp, 'gen', 'verbose'), '--verbose'], { cwd: ctx.root, probeFile });
  const timings = /timings \(ms\):\s*([^\n]*)/.exec(v.stderr)?.[1];
  const stages = timings === undefined ? '' : `${timings} ms; ${/code cache:[^\n]*/.exec(v.stderr)?.[0] ?? 'code cache: not reported'}`;
  fs.rmSync(path.join(ctx.tmp, 'gen'), { recursive: true, force: true });
  return { rows, stages };
}

// ---------------------------------------------------------------------------------------------
// 2. Reading

interface Fixture {
  personas: number;
  groups: number;
  file: string;
  bytes: number;
  /** The same typed body as JSON, for JSON.parse. */
  jsonFile: string;
  jsonBytes: number;
  roundTrip: boolean;
}

function buildFixtures(ctx: Context): Fixture[] {
  return PLAN.sizes.map((n) => {
    const f = imItemListResponse(n);
    const xml = operations.GetImItemList.serializeResponse(f.body, f.headers);
    const file = path.join(ctx.tmp, `GetImItemListResponse-${n}.xml`);
    fs.writeFileSync(file, xml);
    // The bytes must mean what we say they mean: our reader gives back exactly the typed input.
    const back = operations.GetImItemList.parseResponse(xml);
    const roundTrip = isDeepStrictEqual(JSON.parse(JSON.stringify(back.body)), JSON.parse(JSON.stringify(f.body))) && back.warnings.length === 0;
    const json = JSON.stringify(f.body);
    const jsonFile = path.join(ctx.tmp, `GetImItemListResponse-${n}.json`);
    fs.writeFileSync(jsonFile, json);
    const fixture = { personas: n, groups: f.groups, file, bytes: Buffer.byteLength(xml), jsonFile, jsonBytes: Buffer.byteLength(json), roundTrip };
    log(`fixture: ${n} personas, ${f.groups} groups → ${fmtMiB(fixture.bytes)} (as JSON ${fmtMiB(fixture.jsonBytes)}); round trip ${roundTrip ? 'exact' : 'DIFFERS'}`);
    return fixture;
  });
}



/** What `parser` reads of fixture `f`: JSON.parse its JSON copy, every other parser the XML. */
function inputOf(f: Fixture, parser: ParserName): { file: string; bytes: number } {
  return parser === 'json' ? { file: f.jsonFile, bytes: f.jsonBytes } : { file: f.file, bytes: f.bytes };
}

function readInputs(fixtures: Fixture[], parser: ParserName): unknown[] {
  const slow = parser === 'node-soap';
  return fixtures.map((f) => ({
    file: inputOf(f, parser).file,
    personas: f.personas,
    // The first parse (checked for completeness) is always a warm-up; the small input, parsed first, gets more.
    warmups: f.personas >= 10000 ? 0 : 2,
    minIters: f.personas >= 10000 ? 3 : 5,
    budgetMs: slow ? 0 : f.personas >= 10000 ? 4000 : 2500,
    maxIters: f.personas >= 10000 ? (slow ? 3 : 15) : slow ? 5 : 60,
  }));
}

async function measureReading(ctx: Context, fixtures: Fixture[]): Promise<{ rows: ReadRow[]; memory: MemoryRow[] }> {
  const parsers: readonly ParserName[] = ['ours', 'ours-dom', 'node-soap', 'fast-xml-parser', 'json'];
  const times = new Map<string, number[]>();
  for (let round = 1; round <= PLAN.readRounds; round++) {
    for (const parser of round % 2 === 1 ? parsers : [...parsers].reverse()) {
      const out = await runChild('read', { parser, wsdl: ctx.derived.wsdl, inputs: readInputs(fixtures, parser) }, { timeoutMs: 400_000 });
      const results = field(out.result, 'results');
      if (!Array.isArray(results)) throw new Error('read child: no results');
      for (const r of results) {
        const personas = num(field(r, 'personas'), 'personas');
        const t = nums(field(r, 'times'), 'times');
        const key = `${parser}/${personas}`;
        times.set(key, [...(times.get(key) ?? []), ...t]);
        log(`read: round ${round} ${parser} ${personas} personas: median ${fmtMs(median(t))} over ${t.length}`);
      }
    }
  }
  const rows: ReadRow[] = [];
  for (const f of fixtures) {
    for (const parser of parsers) {
      const t = times.get(`${parser}/${f.personas}`) ?? [];
      const m = median(t);
      const { bytes } = inputOf(f, parser);
      rows.push({ parser, personas: f.personas, bytes, timesMs: t, medianMs: m, mbPerSec: bytes / MB / (m / 1000) });
    }
  }
  const big = fixtures[fixtures.length - 1];
  const small = fixtures[0];
  if (big === undefined || small === undefined) throw new Error('no fixtures');
  const memory: MemoryRow[] = parsers.map((parser) => ({ parser, bytes: inputOf(big, parser).bytes, peakRssIncrease: [], retainedHeap: [], parseMs: [] }));
  for (let run = 0; run < PLAN.memoryRuns; run++) {
    for (const row of memory) {
      if (run > 0 && row.parser !== 'ours') continue; // the target is ours; peers are measured once
      const out = await runChild(
        'read-mem',
        { parser: row.parser, wsdl: ctx.derived.wsdl, warmFile: inputOf(small, row.parser).file, file: inputOf(big, row.parser).file, personas: big.personas },
        { nodeFlags: ['--expose-gc'], timeoutMs: 300_000 },
      );
      row.peakRssIncrease.push(num(field(out.result, 'peakRssIncrease'), 'peakRssIncrease'));
      row.retainedHeap.push(num(field(out.result, 'retainedHeap'), 'retainedHeap'));
      row.parseMs.push(num(field(out.result, 'ms'), 'ms'));
      log(`memory: ${row.parser} ${big.personas} personas: peak RSS +${fmtMiB(row.peakRssIncrease[row.peakRssIncrease.length - 1] ?? NaN)}`);
    }
  }
  return { rows, memory };
}

// ---------------------------------------------------------------------------------------------
// 3. Writing


async function measureWriting(ctx: Context): Promise<WriteRow[]> {
  const writers: WriterName[] = ['ours', 'node-soap'];
  const rows = new Map<string, WriteRow>();
  for (let round = 1; round <= PLAN.writeRounds; round++) {
    for (const writer of round % 2 === 1 ? writers : [...writers].reverse()) {
      const out = await runChild('write', { writer, wsdl: ctx.derived.wsdl, budgetMs: PLAN.writeBudgetMs, batch: writer === 'ours' ? 500 : 50 }, { timeoutMs: 120_000 });
      const results = field(out.result, 'results');
      if (!Array.isArray(results)) throw new Error('write child: no results');
      for (const r of results) {
        const request = str(field(r, 'request'), 'request');
        const key = `${writer}/${request}`;
        const ops = nums(field(r, 'opsPerSec'), 'opsPerSec');
        const prev = rows.get(key);
        const parity = field(r, 'parity') === true;
        const all = [...(prev?.opsPerSec ?? []), ...ops];
        const check = field(r, 'checkOnlyOpsPerSec');
        rows.set(key, {
          request,
          writer,
          bytes: num(field(r, 'bytes'), 'bytes'),
          parity: (prev?.parity ?? true) && parity,
          opsPerSec: all,
          medianOpsPerSec: median(all),
          ...(check === undefined ? {} : { checkOnlyOpsPerSec: [...(prev?.checkOnlyOpsPerSec ?? []), ...nums(check, 'checkOnlyOpsPerSec')] }),
          sample: str(field(r, 'sample'), 'sample'),
        });
        log(`write: round ${round} ${writer} ${request}: ${fmtNum(median(ops))} ops/s${parity ? '' : ' (PARITY FAILED)'}`);
      }
    }
  }
  return [...rows.values()];
}

// ---------------------------------------------------------------------------------------------
// 4. End to end


async function measureE2e(
  ctx: Context,
  serverFlags: string[] = [],
  clientFlags: (c: string) => string[] = () => [],
  rounds = PLAN.e2eRounds,
): Promise<{ rows: E2eRow[]; responseBytes: number }> {
  const server = await startLongChild('e2e-server', { personas: PLAN.e2ePersonas }, { nodeFlags: serverFlags });
  try {
    const url = str(server.message['url'], 'server url');
    const responseBytes = num(server.message['responseBytes'], 'server responseBytes');
    const clients: Array<'ours' | 'node-soap'> = ['ours', 'node-soap'];
    const rows = new Map<string, E2eRow>();
    for (let round = 1; round <= rounds; round++) {
      for (const client of round % 2 === 1 ? clients : [...clients].reverse()) {
        const serverCpu0 = num((await server.ask('usage'))['cpuMs'], 'server cpuMs');
        const out: ChildOutcome = await runChild(
          'e2e-client',
          {
            client,
            url,
            wsdl: ctx.derived.wsdl,
            personas: PLAN.e2ePersonas,
            concurrency: PLAN.e2eConcurrency,
            warmupCalls: PLAN.e2eWarmupCalls,
            budgetMs: PLAN.e2eBudgetMs,
            maxCalls: PLAN.e2eMaxCalls,
          },
          { nodeFlags: clientFlags(client), timeoutMs: 180_000 },
        );
        const serverCpu = num((await server.ask('usage'))['cpuMs'], 'server cpuMs') - serverCpu0;
        const cps = num(field(out.result, 'callsPerSec'), 'callsPerSec');
        const lat = nums(field(out.result, 'latencies'), 'latencies');
        const calls = num(field(out.result, 'calls'), 'calls');
        const prev = rows.get(client);
        const all = [...(prev?.callsPerSec ?? []), cps];
        rows.set(client, {
          client,
          callsPerSec: all,
          medianCallsPerSec: median(all),
          roundLatencyP50Ms: [...(prev?.roundLatencyP50Ms ?? []), median(lat)],
          calls: (prev?.calls ?? 0) + calls,
          clientMaxRss: Math.max(prev?.clientMaxRss ?? 0, out.maxRssBytes),
          clientCpuMsPerCall: [...(prev?.clientCpuMsPerCall ?? []), num(field(out.result, 'cpuMsPerCall'), 'cpuMsPerCall')],
          serverCpuMsPerCall: [...(prev?.serverCpuMsPerCall ?? []), serverCpu / (calls + PLAN.e2eWarmupCalls)],
          scavengeMsPerCall: [...(prev?.scavengeMsPerCall ?? []), num(field(out.result, 'scavengeMsPerCall'), 'scavengeMsPerCall')],
          fullGcMsPerCall: [...(prev?.fullGcMsPerCall ?? []), num(field(out.result, 'fullGcMsPerCall'), 'fullGcMsPerCall')],
        });
        log(`e2e: round ${round} ${client}: ${fmtNum(cps)} calls/s (concurrency ${PLAN.e2eConcurrency}, median latency ${fmtMs(median(lat))})`);
      }
    }
    return { rows: [...rows.values()], responseBytes };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Profiles of missed targets

function newestProfile(dir: string, ext: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort();
  const last = files[files.length - 1];
  return last === undefined ? undefined : path.join(dir, last);
}

async function profileMisses(ctx: Context, targets: Target[], fixtures: Fixture[]): Promise<Array<{ title: string; summary: ProfileSummary }>> {
  const out: Array<{ title: string; summary: ProfileSummary }> = [];
  const missed = new Set(targets.filter((t) => !t.pass).map((t) => t.id));
  const prof = (name: string): string[] => ['--cpu-prof', `--cpu-prof-dir=${path.join(ctx.tmp, 'prof', name)}`];
  // Kept beside latest.json (not committed), to open in Chrome DevTools or speedscope.
  const keep = path.join(ctx.root, 'bench', 'results', 'profiles');
  fs.rmSync(keep, { recursive: true, force: true });
  const collect = (name: string, title: string): void => {
    const file = newestProfile(path.join(ctx.tmp, 'prof', name), '.cpuprofile');
    if (file === undefined) return;
    out.push({ title: `${title} [bench/results/profiles/${name}.cpuprofile]`, summary: summariseProfile(file, ctx.root) });
    fs.mkdirSync(keep, { recursive: true });
    fs.copyFileSync(file, path.join(keep, `${name}.cpuprofile`));
  };
  const big = fixtures[fixtures.length - 1];
  if ((missed.has('read-vs-node-soap') || missed.has('read-vs-fast-xml-parser')) && big !== undefined) {
    log('profiling: our reader on the largest response');
    await runChild('read', { parser: 'ours', wsdl: ctx.derived.wsdl, inputs: [{ file: big.file, personas: big.personas, warmups: 0, minIters: 3, budgetMs: 0, maxIters: 3 }] }, { nodeFlags: prof('read'), timeoutMs: 300_000 });
    collect('read', `ours: parseResponse, ${big.personas} personas`);
  }
  if (missed.has('write-vs-node-soap')) {
    log('profiling: our writer');
    await runChild('write', { writer: 'ours', wsdl: ctx.derived.wsdl, budgetMs: 1000, batch: 500 }, { nodeFlags: prof('write'), timeoutMs: 120_000 });
    collect('write', 'ours: serializeRequest');
  }
  if (missed.has('e2e-vs-node-soap')) {
    log('profiling: end to end (server and our client)');
    await measureE2e(ctx, prof('e2e-server'), (c) => (c === 'ours' ? prof('e2e-client') : []), 1);
    collect('e2e-client', `ours: client process, getImItemList ${PLAN.e2ePersonas} personas`);
    collect('e2e-server', 'UCS server process (shared by both clients)');
  }
  if (missed.has('generation-no-verify') || missed.has('generation')) {
    const codegen = path.join(ctx.root, 'bin', 'codegen.js');
    const probeFile = path.join(ctx.tmp, 'probe.json');
    for (const [name, extra] of [
      ['gen-noverify', ['--no-verify']],
      ['gen-verify', []],
    ] as const) {
      if (name === 'gen-noverify' ? !missed.has('generation-no-verify') : !missed.has('generation')) continue;
      log(`profiling: ${name}`);
      await runNodeScript(codegen, ['--out', path.join(ctx.tmp, 'gen-prof', name), '--quiet', ...extra], { cwd: ctx.root, probeFile, nodeFlags: prof(name) });
      collect(name, `codegen${extra.length > 0 ? ' --no-verify' : ''}, cold process`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function ratio(a: number, b: number): number {
  return a / b;
}

function evaluate(results: Omit<Results, 'targets' | 'profiles'>): Target[] {
  const targets: Target[] = [];
  const readRow = (p: ParserName, n: number): ReadRow | undefined => results.read.rows.find((r) => r.parser === p && r.personas === n);
  const readRatios = (peer: ParserName): Array<{ n: number; r: number }> =>
    PLAN.sizes.map((n) => ({ n, r: ratio(readRow(peer, n)?.medianMs ?? NaN, readRow('ours', n)?.medianMs ?? NaN) }));
  const describe = (rs: Array<{ n: number; r: number }>): string => rs.map((x) => `${x.n.toLocaleString('en-US')}: ${fmtRatio(x.r)}`).join(', ');
  const rs = readRatios('node-soap');
  targets.push({
    id: 'read-vs-node-soap',
    label: `reading ≥${TARGETS.readVsNodeSoap}× node-soap`,
    value: Math.min(...rs.map((x) => x.r)),
    threshold: TARGETS.readVsNodeSoap,
    higherIsBetter: true,
    detail: describe(rs),
    pass: rs.every((x) => x.r >= TARGETS.readVsNodeSoap),
  });
  const rf = readRatios('fast-xml-parser');
  targets.push({
    id: 'read-vs-fast-xml-parser',
    label: `reading ≥${TARGETS.readVsFastXmlParser}× fast-xml-parser`,
    value: Math.min(...rf.map((x) => x.r)),
    threshold: TARGETS.readVsFastXmlParser,
    higherIsBetter: true,
    detail: describe(rf),
    pass: rf.every((x) => x.r >= TARGETS.readVsFastXmlParser),
  });
  const mem = results.read.memory.find((m) => m.parser === 'ours');
  const memRatio = mem === undefined ? NaN : median(mem.peakRssIncrease) / mem.bytes;
  targets.push({
    id: 'read-peak-rss',
    label: `peak RSS increase ≤${TARGETS.peakRssPerByte}× the ${PLAN.sizes[PLAN.sizes.length - 1]?.toLocaleString('en-US')}-persona response`,
    value: memRatio,
    threshold: TARGETS.peakRssPerByte,
    higherIsBetter: false,
    detail: mem === undefined ? 'not measured' : `+${fmtMiB(median(mem.peakRssIncrease))} for ${fmtMiB(mem.bytes)} = ${memRatio.toFixed(2)}× its size`,
    pass: memRatio <= TARGETS.peakRssPerByte,
  });
  const requests = [...new Set(results.write.map((w) => w.request))];
  const wr = requests.map((q) => {
    const o = results.write.find((w) => w.request === q && w.writer === 'ours');
    const s = results.write.find((w) => w.request === q && w.writer === 'node-soap');
    const check = ratio(median(o?.checkOnlyOpsPerSec ?? []), s?.medianOpsPerSec ?? NaN);
    return { q, r: ratio(o?.medianOpsPerSec ?? NaN, s?.medianOpsPerSec ?? NaN), check };
  });
  targets.push({
    id: 'write-vs-node-soap',
    label: `writing ≥${TARGETS.writeVsNodeSoap}× node-soap`,
    value: Math.min(...wr.map((x) => x.r)),
    threshold: TARGETS.writeVsNodeSoap,
    higherIsBetter: true,
    // A miss is put beside its ceiling: checking the values alone, which no validating writer skips.
    detail: wr.map((x) => `${x.q}: ${fmtRatio(x.r)}${x.r >= TARGETS.writeVsNodeSoap ? '' : ` (checking its values alone: ${fmtRatio(x.check)})`}`).join(', '),
    pass: wr.every((x) => x.r >= TARGETS.writeVsNodeSoap),
  });
  if (results.e2e !== undefined) {
    const o = results.e2e.rows.find((r) => r.client === 'ours');
    const s = results.e2e.rows.find((r) => r.client === 'node-soap');
    const r = ratio(o?.medianCallsPerSec ?? NaN, s?.medianCallsPerSec ?? NaN);
    targets.push({
      id: 'e2e-vs-node-soap',
      label: `end to end ≥${TARGETS.e2eVsNodeSoap}× node-soap calls/s (${PLAN.e2ePersonas.toLocaleString('en-US')} personas)`,
      value: r,
      threshold: TARGETS.e2eVsNodeSoap,
      higherIsBetter: true,
      detail:
        `${fmtNum(o?.medianCallsPerSec ?? NaN)} vs ${fmtNum(s?.medianCallsPerSec ?? NaN)} calls/s = ${fmtRatio(r)}; CPU per call: ` +
        `ours ${fmtMs(median(o?.clientCpuMsPerCall ?? []))} + server ${fmtMs(median(o?.serverCpuMsPerCall ?? []))}, ` +
        `node-soap ${fmtMs(median(s?.clientCpuMsPerCall ?? []))} + server ${fmtMs(median(s?.serverCpuMsPerCall ?? []))}, on ${os.cpus().length} cores; ` +
        `our client's scavenge pauses ${fmtMs(median(o?.scavengeMsPerCall ?? []))} per call`,
      pass: r >= TARGETS.e2eVsNodeSoap,
    });
  }
  const gen = (tool: string): GenerationRow | undefined => results.generation.rows.find((g) => g.tool === tool);
  const nv = median(gen('ours --no-verify')?.runsMs ?? []);
  targets.push({
    id: 'generation-no-verify',
    label: `generation ≤${TARGETS.generationNoVerifyMs / 1000} s cold without type check`,
    value: nv,
    threshold: TARGETS.generationNoVerifyMs,
    higherIsBetter: false,
    detail: `median ${fmtMs(nv)}`,
    pass: nv <= TARGETS.generationNoVerifyMs,
  });
  const v = median(gen('ours (with type check)')?.runsMs ?? []);
  targets.push({
    id: 'generation',
    label: `generation ≤${TARGETS.generationMs / 1000} s cold with type check`,
    value: v,
    threshold: TARGETS.generationMs,
    higherIsBetter: false,
    detail: `median ${fmtMs(v)}`,
    pass: v <= TARGETS.generationMs,
  });
  // A partial run judges only what it measured.
  const phaseOf = (id: string): Phase => (id.startsWith('read-') ? 'reading' : id.startsWith('write-') ? 'writing' : id.startsWith('e2e-') ? 'e2e' : 'generation');
  return targets.filter((t) => results.meta.phases.includes(phaseOf(t.id)));
}

/** `--only generation,e2e`: the phases to run (all by default). */
function phasesFromArgs(args: readonly string[]): Phase[] {
  const i = args.indexOf('--only');
  if (i === -1) return [...PHASES];
  const asked = (args[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = asked.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (asked.length === 0 || unknown.length) throw new Error(`--only takes a comma-separated list of ${PHASES.join(', ')}${unknown.length ? `; not: ${unknown.join(', ')}` : ''}`);
  return PHASES.filter((p) => asked.includes(p));
}

async function main(): Promise<number> {
  const started = Date.now();
  const phases = phasesFromArgs(process.argv.slice(2));
  const root = repoRoot();
  // The tree as `npm run bench` built it: edits made while it runs are not what it measures.
  const git = gitDescribe(root);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsdl-codegen-bench-'));
  const clean = (s: string): string => s.split(tmp).join('<tmp>').split(root + path.sep).join('').split(root).join('.');
  try {
    const cfg = readConfig(root);
    const derived = buildDerivedWsdl(cfg.wsdl, cfg.schemaPath, path.join(tmp, 'derived-wsdl'));
    const ctx: Context = { root, tmp, derived, clean };
    const derivedNote =
      `node-soap and wsdl-tsclient were given a derived copy of ${path.relative(root, cfg.wsdl)} with a wsdl:service/port added ` +
      `(the published WSDL has none), with its ${derived.schemaFiles} schema files copied beside it; ours reads the published files.`;
    log(derivedNote);

    // The machine is shared: the 1-minute load average at the start of each phase says how busy it was.
    const load: Array<{ phase: string; loadavg1: number }> = [];
    const start = (phase: Phase): boolean => {
      if (!phases.includes(phase)) return false;
      log(`${PHASES.indexOf(phase) + 1}/4 ${phase}`);
      load.push({ phase: phase === 'e2e' ? 'end to end' : phase, loadavg1: os.loadavg()[0] ?? NaN });
      return true;
    };
    const fixtures = phases.includes('reading') ? buildFixtures(ctx) : [];
    const generation = start('generation') ? await measureGeneration(ctx) : { rows: [], stages: '' };
    const read = start('reading') ? await measureReading(ctx, fixtures) : { rows: [], memory: [] };
    const write = start('writing') ? await measureWriting(ctx) : [];
    let e2e: { rows: E2eRow[]; responseBytes: number } | undefined;
    let e2eError: string | undefined;
    if (start('e2e')) {
      try {
        e2e = await measureE2e(ctx);
      } catch (e) {
        e2eError = clean(e instanceof Error ? e.message : String(e));
        log(`end to end failed: ${e2eError}`);
      }
    }

    const cpus = os.cpus();
    const partial = {
      meta: {
        phases,
        date: new Date().toISOString().slice(0, 10),
        commit: git.commit,
        dirty: git.dirty,
        node: process.version,
        platform: `${os.platform()} ${os.arch()}`,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        derivedNote,
        plan: PLAN,
        fixtures: fixtures.map((f) => ({ personas: f.personas, groups: f.groups, memberKeys: f.personas, bytes: f.bytes, jsonBytes: f.jsonBytes, roundTrip: f.roundTrip })),
        e2eError,
        load,
        durationS: 0,
      },
      generation: { rows: generation.rows, stages: generation.stages },
      read,
      write,
      e2e,
    };
    const targets = evaluate(partial);
    const profiles = await profileMisses(ctx, targets, fixtures);
    partial.meta.durationS = Math.round((Date.now() - started) / 1000);
    const results: Results = { ...partial, targets, profiles: profiles.map((p) => ({ title: p.title, summary: p.summary })) };

    const table = renderTable(results);
    process.stdout.write(`${table}\n`);
    for (const p of profiles) process.stdout.write(`${formatProfile(p.title, p.summary)}\n`);
    const outDir = path.join(root, 'bench', 'results');
    fs.mkdirSync(outDir, { recursive: true });
    if (phases.length < PHASES.length) {
      // Part of the measurements: the README, RESULTS.md and latest.* keep the last full run.
      fs.writeFileSync(path.join(outDir, 'partial.json'), `${JSON.stringify(results, null, 2)}\n`);
      log(`partial run (${phases.join(', ')}): wrote bench/results/partial.json only, in ${partial.meta.durationS} s`);
      return write.some((w) => !w.parity) || e2eError !== undefined || fixtures.some((f) => !f.roundTrip) ? 1 : 0;
    }
    fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, 'latest.svg'), renderSvg(results));
    fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), renderMarkdown(results, table, profiles.map((p) => formatProfile(p.title, p.summary)).join('\n')));
    // The README shows the latest table too, between its markers.
    const readmePath = path.join(root, 'README.md');
    const readme = withReadmeTable(fs.readFileSync(readmePath, 'utf8'), table);
    if (readme === undefined) log('README.md has no bench-table markers: its table was not updated');
    else fs.writeFileSync(readmePath, readme);
    log(`wrote bench/results/latest.json, bench/results/latest.svg, bench/RESULTS.md, README.md in ${partial.meta.durationS} s`);
    const failed = targets.filter((t) => !t.pass).length;
    const broken = fixtures.some((f) => !f.roundTrip) || write.some((w) => !w.parity) || e2eError !== undefined;
    if (broken) log('a correctness check failed (see the table): the numbers above may not compare like with like');
    log(`${targets.length - failed}/${targets.length} targets met`);
    // Missed targets are findings, not crashes: exit 0 unless the measurement itself is broken.
    return broken ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}


main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
