// Rendering of the results: the console table (also copied into bench/RESULTS.md) and a bar
// chart of the ratios drawn as plain SVG text.

import type { ParserName } from './child';
import { PHASES, type Phase, type Results, type Target } from './results';
import { fmtMiB, fmtMs, fmtNum, fmtRatio, max, median, min } from './util';

type Align = 'l' | 'r';

function grid(header: string[], rows: string[][], align: Align[], indent = '  '): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((c, i) => ((align[i] ?? 'l') === 'r' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const PARSER_LABEL: Record<ParserName, string> = {
  ours: 'ours: parseResponse (typed)',
  'ours-dom': '  ours, stage 1 only: XML → tree',
  'node-soap': 'node-soap: wsdl.xmlToObject',
  'fast-xml-parser': 'fast-xml-parser (untyped)',
  json: 'JSON.parse, the same data as JSON',
};

/** A time ratio (theirs / ours) in words: "8.1× faster" or "3.9× slower". */
function versus(r: number): string {
  return r >= 1 || Number.isNaN(r) ? `${fmtRatio(r)} faster` : `${fmtRatio(1 / r)} slower`;
}

function range(values: number[], f: (n: number) => string): string {
  return values.length === 0 ? 'n/a' : `${f(min(values))}–${f(max(values))}`;
}

/** 1. Generation. */
function generationSection(r: Results, out: string[]): void {
  const gens = r.generation.rows;
  const nv = gens.find((g) => g.tool === 'ours --no-verify');
  const nvMedian = median(nv?.runsMs ?? []);
  out.push(`1. Generation: MS-OXWSCOS with its full schema closure, cold process each run, median of ${Math.max(0, ...gens.map((g) => g.runsMs.length))}`);
  out.push(
    grid(
      ['tool', 'median', 'range', 'peak RSS', 'time vs ours --no-verify'],
      gens.map((g) =>
        g.ok
          ? [g.tool, fmtMs(median(g.runsMs)), range(g.runsMs, fmtMs), fmtMiB(median(g.maxRssBytes)), fmtRatio(median(g.runsMs) / nvMedian) + (g.note ? `  (${g.note})` : '')]
          : [g.tool, 'FAILED', '', '', g.failure ?? ''],
      ),
      ['l', 'r', 'r', 'r', 'l'],
    ),
  );
  if (r.generation.stages !== '') out.push(`  ours, per stage (--verbose, one run with type check): ${r.generation.stages}`);
  out.push('');
}

/** 2. Reading. */
function readingSection(r: Results, out: string[]): void {
  const m = r.meta;
  out.push('2. Reading a GetImItemListResponse: the same bytes for every XML parser, median time per parse');
  const rows: string[][] = [];
  for (const f of m.fixtures) {
    const ours = r.read.rows.find((x) => x.parser === 'ours' && x.personas === f.personas);
    let first = true;
    for (const x of r.read.rows.filter((y) => y.personas === f.personas)) {
      rows.push([
        first ? `${f.personas.toLocaleString('en-US')} personas, ${fmtMiB(f.bytes)}` : '',
        PARSER_LABEL[x.parser],
        fmtMs(x.medianMs),
        fmtNum(x.mbPerSec),
        String(x.timesMs.length),
        x.parser === 'ours' || x.parser === 'ours-dom' ? '' : versus(x.medianMs / (ours?.medianMs ?? NaN)),
      ]);
      first = false;
    }
  }
  out.push(grid(['input', 'parser', 'median', 'MiB/s', 'runs', 'ours is'], rows, ['l', 'l', 'r', 'r', 'r', 'r']));
  const fx = m.fixtures.map(
    (f) =>
      `${f.personas.toLocaleString('en-US')} personas: ${f.groups} groups, ${f.memberKeys.toLocaleString('en-US')} member keys, round trip ${f.roundTrip ? 'exact' : 'DIFFERS'}, as JSON ${fmtMiB(f.jsonBytes)}`,
  );
  out.push(`  inputs written by ours (operations.GetImItemList.serializeResponse); ${fx.join('; ')}`);
  out.push('  JSON.parse reads the typed body ours returns, as JSON.stringify writes it: the cost of the same data without markup, a reference, not a target');
  out.push('');
  const big = m.fixtures[m.fixtures.length - 1];
  out.push(`   Memory: one parse of the ${big?.personas.toLocaleString('en-US') ?? '?'}-persona response (${fmtMiB(big?.bytes ?? NaN)}) in a fresh child each, result kept (runs: ${r.read.memory.map((x) => x.peakRssIncrease.length).join('/')})`);
  out.push(
    grid(
      ['parser', 'peak RSS increase', '× input size', 'retained heap', 'that parse took'],
      r.read.memory.map((x) => {
        const peak = median(x.peakRssIncrease);
        return [PARSER_LABEL[x.parser], `+${fmtMiB(peak)}`, `${(peak / x.bytes).toFixed(2)}×`, fmtMiB(median(x.retainedHeap)), fmtMs(median(x.parseMs))];
      }),
      ['l', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
}

/** 3. Writing. */
function writingSection(r: Results, out: string[]): void {
  out.push("3. Writing requests: ours serializeRequest vs node-soap's real call path (envelope captured at its HTTP client), median ops/s");
  const requests = [...new Set(r.write.map((w) => w.request))];
  out.push(
    grid(
      ['request', 'ours ops/s', 'node-soap ops/s', 'ours is faster by', 'value check alone ops/s (× node-soap)', 'bytes ours / node-soap', 'node-soap output reads back equal'],
      requests.map((q) => {
        const o = r.write.find((w) => w.request === q && w.writer === 'ours');
        const s = r.write.find((w) => w.request === q && w.writer === 'node-soap');
        const check = median(o?.checkOnlyOpsPerSec ?? []);
        return [
          q,
          fmtNum(o?.medianOpsPerSec ?? NaN),
          fmtNum(s?.medianOpsPerSec ?? NaN),
          fmtRatio((o?.medianOpsPerSec ?? NaN) / (s?.medianOpsPerSec ?? NaN)),
          `${fmtNum(check)} (${fmtRatio(check / (s?.medianOpsPerSec ?? NaN))})`,
          `${o?.bytes ?? '?'} / ${s?.bytes ?? '?'}`,
          s?.parity === true && o?.parity === true ? 'yes' : 'NO',
        ];
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  out.push('');
}

/** 4. End to end. */
function e2eSection(r: Results, out: string[]): void {
  const m = r.meta;
  const plan = m.plan;
  out.push(
    `4. End to end: getImItemList against the in-memory UCS server (own process) holding ${String(plan['e2ePersonas'])} personas` +
      `${r.e2e === undefined ? '' : ` (${fmtMiB(r.e2e.responseBytes)} per response)`}, concurrency ${String(plan['e2eConcurrency'])}, same server for both clients`,
  );
  if (r.e2e === undefined) {
    out.push(`  not measured: ${m.e2eError ?? 'unknown reason'}`);
  } else {
    const o = r.e2e.rows.find((x) => x.client === 'ours');
    out.push(
      grid(
        ['client', 'calls/s (median)', 'per round', 'median latency', 'calls', 'CPU per call: client', 'server', 'client GC pauses per call: scavenge', 'full', 'client peak RSS', 'ours is faster by'],
        r.e2e.rows.map((x) => [
          x.client === 'ours' ? 'ours: ExchangeServiceClient' : 'node-soap client',
          fmtNum(x.medianCallsPerSec),
          x.callsPerSec.map((c) => fmtNum(c)).join(', '),
          fmtMs(median(x.roundLatencyP50Ms)),
          String(x.calls),
          fmtMs(median(x.clientCpuMsPerCall)),
          fmtMs(median(x.serverCpuMsPerCall)),
          fmtMs(median(x.scavengeMsPerCall)),
          fmtMs(median(x.fullGcMsPerCall)),
          fmtMiB(x.clientMaxRss),
          x.client === 'ours' ? '' : fmtRatio((o?.medianCallsPerSec ?? NaN) / x.medianCallsPerSec),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  out.push('');
}

export function renderTable(r: Results): string {
  const out: string[] = [];
  const m = r.meta;
  out.push(
    `wsdl-codegen benchmark — ${m.date}, commit ${m.commit}${m.dirty ? ' + uncommitted changes' : ''}, node ${m.node}, ${m.platform}, ${m.cpus} × ${m.cpuModel}`,
  );
  out.push(`NOTE: ${m.derivedNote}`);
  out.push(`Machine load (1-minute load average on ${m.cpus} CPUs) at the start of each phase: ${m.load.map((l) => `${l.phase} ${l.loadavg1.toFixed(1)}`).join(', ')}`);
  out.push('');
  const skipped = PHASES.filter((p) => !m.phases.includes(p));
  if (skipped.length) out.push(`Partial run (--only): ${skipped.join(', ')} not measured.`, '');
  const sections: Record<Phase, (r: Results, out: string[]) => void> = { generation: generationSection, reading: readingSection, writing: writingSection, e2e: e2eSection };
  for (const phase of m.phases) sections[phase](r, out);

  out.push('Targets');
  for (const t of r.targets) out.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.label}: ${t.detail}`);
  return out.join('\n');
}

const README_START = '<!-- bench-table:start (written by npm run bench) -->';
const README_END = '<!-- bench-table:end -->';

/** `readme` with the text between the bench-table markers replaced by `table`; undefined when the markers are missing. */
export function withReadmeTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start) return undefined;
  return `${readme.slice(0, start + README_START.length)}\n\n\`\`\`text\n${table}\n\`\`\`\n\n${readme.slice(end)}`;
}

export function renderMarkdown(r: Results, table: string, profiles: string): string {
  const passed = r.targets.filter((t) => t.pass).length;
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/src/run.ts); the raw numbers of the latest run are in',
    'bench/results/latest.json and a chart of the ratios in bench/results/latest.svg (both not committed).',
    'Medians of repeated runs; every ratio compares figures taken in the same run, with the competitors',
    'interleaved; memory is measured in a fresh child process per parser.',
    '',
    `${passed} of ${r.targets.length} targets met.`,
    '',
    '```text',
    table,
    '```',
    '',
    ...(profiles === '' ? [] : ['## Profiles of the missed targets (self time, `node --cpu-prof`)', '', '```text', profiles, '```', '']),
  ].join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Bar {
  label: string;
  value: number;
  target?: Target;
}

/** Horizontal bars of "ours is N× faster", on a log scale, with each target marked. */
export function renderSvg(r: Results): string {
  const bars: Bar[] = [];
  const t = (id: string): Target | undefined => r.targets.find((x) => x.id === id);
  for (const f of r.meta.fixtures) {
    const ours = r.read.rows.find((x) => x.parser === 'ours' && x.personas === f.personas)?.medianMs ?? NaN;
    const k = `${f.personas.toLocaleString('en-US')}`;
    const soapRow = r.read.rows.find((x) => x.parser === 'node-soap' && x.personas === f.personas);
    const fxpRow = r.read.rows.find((x) => x.parser === 'fast-xml-parser' && x.personas === f.personas);
    const rs = t('read-vs-node-soap');
    const rf = t('read-vs-fast-xml-parser');
    bars.push({ label: `read ${k} personas vs node-soap`, value: (soapRow?.medianMs ?? NaN) / ours, ...(rs ? { target: rs } : {}) });
    bars.push({ label: `read ${k} personas vs fast-xml-parser`, value: (fxpRow?.medianMs ?? NaN) / ours, ...(rf ? { target: rf } : {}) });
  }
  for (const q of [...new Set(r.write.map((w) => w.request))]) {
    const o = r.write.find((w) => w.request === q && w.writer === 'ours')?.medianOpsPerSec ?? NaN;
    const s = r.write.find((w) => w.request === q && w.writer === 'node-soap')?.medianOpsPerSec ?? NaN;
    const wt = t('write-vs-node-soap');
    bars.push({ label: `write ${q} vs node-soap`, value: o / s, ...(wt ? { target: wt } : {}) });
  }
  if (r.e2e !== undefined) {
    const o = r.e2e.rows.find((x) => x.client === 'ours')?.medianCallsPerSec ?? NaN;
    const s = r.e2e.rows.find((x) => x.client === 'node-soap')?.medianCallsPerSec ?? NaN;
    const et = t('e2e-vs-node-soap');
    bars.push({ label: 'end to end calls/s vs node-soap', value: o / s, ...(et ? { target: et } : {}) });
  }
  const gen = (tool: string): number => median(r.generation.rows.find((g) => g.tool === tool)?.runsMs ?? []);
  bars.push({ label: 'generation (no type check) vs wsdl-tsclient', value: gen('wsdl-tsclient') / gen('ours --no-verify') });

  const labelW = 330;
  const plotW = 520;
  const rowH = 30;
  const top = 56;
  const width = labelW + plotW + 90;
  const height = top + bars.length * rowH + 40;
  const lo = 0.1;
  const hi = 1000;
  const x = (v: number): number => labelW + (plotW * (Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="12" y="22" font-size="15" font-weight="bold">wsdl-codegen: how many times faster ours is (log scale)</text>`);
  parts.push(`<text x="12" y="40" fill="#555">${esc(`${r.meta.date}, commit ${r.meta.commit}, node ${r.meta.node}; green = target met, red = missed, grey = no target; black tick = target`)}</text>`);
  for (const g of [0.1, 1, 10, 100, 1000]) {
    const gx = x(g).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + bars.length * rowH}" stroke="${g === 1 ? '#888' : '#ddd'}"/>`);
    parts.push(`<text x="${gx}" y="${top + bars.length * rowH + 16}" text-anchor="middle" fill="#555">${g}×</text>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    // Each bar against its own threshold (a target covering several bars fails if any one does).
    const colour = b.target === undefined ? '#9e9e9e' : b.value >= b.target.threshold ? '#2e7d32' : '#c62828';
    // Bars grow from 1× (parity): right when ours is faster, left when it is slower.
    const x0 = x(1);
    const x1 = Number.isFinite(b.value) ? x(b.value) : x0;
    const left = Math.min(x0, x1);
    parts.push(`<text x="${labelW - 8}" y="${y + 18}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect x="${left.toFixed(1)}" y="${y + 6}" width="${Math.max(1, Math.abs(x1 - x0)).toFixed(1)}" height="${rowH - 12}" fill="${colour}"/>`);
    if (b.target !== undefined) {
      const tx = x(b.target.threshold).toFixed(1);
      parts.push(`<line x1="${tx}" y1="${y + 2}" x2="${tx}" y2="${y + rowH - 2}" stroke="#000" stroke-width="2"/>`);
    }
    // The figure goes right of the bar, and right of the target's tick when the tick is within a label's width of the bar's end.
    const tick = b.target === undefined ? -Infinity : x(b.target.threshold);
    const end = Math.max(x0, x1);
    const labelX = tick >= end - 2 && tick < end + 40 ? tick + 6 : end + 6;
    parts.push(`<text x="${labelX.toFixed(1)}" y="${y + 18}">${esc(fmtRatio(b.value))}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
