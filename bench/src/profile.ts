// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file,
// the first thing to read when a target is missed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { field, isRecord } from './util';

export interface ProfileLine {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: ProfileLine[];
  files: ProfileLine[];
}

interface Node {
  functionName: string;
  url: string;
  line: number;
  parent: number | undefined;
}

function shortUrl(url: string, root: string): string {
  let u = url.startsWith('file://') ? url.slice('file://'.length) : url;
  if (u === '') return '(native)';
  if (path.isAbsolute(u)) u = path.relative(root, u);
  return u.replace(/^bench\/dist\//, '').replace(/^(\.\.\/)+/, '…/');
}

export function summariseProfile(file: string, root: string, top = 12): ProfileSummary {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodesRaw = field(data, 'nodes');
  const samples = field(data, 'samples');
  const deltas = field(data, 'timeDeltas');
  if (!Array.isArray(nodesRaw) || !Array.isArray(samples) || !Array.isArray(deltas)) throw new Error(`not a cpuprofile: ${file}`);
  const nodes = new Map<number, Node>();
  for (const n of nodesRaw) {
    const id = field(n, 'id');
    const cf = field(n, 'callFrame');
    if (typeof id !== 'number' || !isRecord(cf)) continue;
    const fn = typeof cf['functionName'] === 'string' ? cf['functionName'] : '';
    const url = typeof cf['url'] === 'string' ? cf['url'] : '';
    const line = typeof cf['lineNumber'] === 'number' ? cf['lineNumber'] + 1 : 0;
    nodes.set(id, { functionName: fn, url, line, parent: undefined });
  }
  for (const n of nodesRaw) {
    const id = field(n, 'id');
    const children = field(n, 'children');
    if (typeof id !== 'number' || !Array.isArray(children)) continue;
    for (const c of children) {
      const child = typeof c === 'number' ? nodes.get(c) : undefined;
      if (child !== undefined) child.parent = id;
    }
  }
  // Native code (no name, no script) is named after the nearest JavaScript caller.
  const label = (n: Node): string => {
    if (n.functionName !== '') return n.functionName;
    if (n.url !== '') return '(anonymous)';
    let p = n.parent === undefined ? undefined : nodes.get(n.parent);
    const chain: string[] = [];
    while (p !== undefined && chain.length < 3) {
      if (p.functionName !== '' && !p.functionName.startsWith('(')) chain.push(p.functionName);
      p = p.parent === undefined ? undefined : nodes.get(p.parent);
    }
    return `(native, in ${chain.join(' ← ') || 'unknown'})`;
  };
  const byFunction = new Map<string, ProfileLine>();
  const byFile = new Map<string, ProfileLine>();
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const id: unknown = samples[i];
    // timeDeltas[i] is the time before sample i; attribute the following delta to sample i.
    const next: unknown = deltas[i + 1];
    const ms = typeof next === 'number' ? next / 1000 : 0;
    if (typeof id !== 'number') continue;
    const n = nodes.get(id);
    if (n === undefined) continue;
    if (n.functionName === '(idle)') continue;
    total += ms;
    const where = n.url === '' ? '' : `${shortUrl(n.url, root)}:${n.line}`;
    const name = label(n);
    const fk = `${name}@${where}`;
    const f = byFunction.get(fk) ?? { name, where, selfMs: 0, percent: 0 };
    f.selfMs += ms;
    byFunction.set(fk, f);
    const file = n.url === '' ? (name.startsWith('(native') ? '(native code)' : name.startsWith('RegExp:') ? '(regular expressions)' : name) : shortUrl(n.url, root);
    const g = byFile.get(file) ?? { name: file, where: '', selfMs: 0, percent: 0 };
    g.selfMs += ms;
    byFile.set(file, g);
  }
  const finish = (m: Map<string, ProfileLine>): ProfileLine[] =>
    [...m.values()]
      .map((l) => ({ ...l, percent: total > 0 ? (100 * l.selfMs) / total : 0 }))
      .sort((a, b) => b.selfMs - a.selfMs || a.name.localeCompare(b.name))
      .slice(0, top);
  return { totalMs: total, functions: finish(byFunction), files: finish(byFile) };
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const lines = [`  ${title} — ${s.totalMs.toFixed(0)} ms sampled; top self time:`];
  for (const f of s.functions) lines.push(`    ${f.percent.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`);
  lines.push('    by file:');
  for (const f of s.files.slice(0, 6)) lines.push(`    ${f.percent.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}`);
  return lines.join('\n');
}
