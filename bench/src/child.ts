// One measurement in a fresh process: `node child-main.js <task> <json-args>`.
// Prints exactly one line starting with RESULT_MARKER followed by JSON; everything else on
// stdout is ignored. Peers are loaded lazily: each child loads only the library it measures
// (plus our generated package, used for sanity checks), so heaps do not mix.

import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type * as soap from 'soap';
import { escapeAttr, writeScanned, type XmlElement } from '@wsdl-codegen/runtime';
import { operations } from '../../generated/src/index';
import { REQUEST_HEADERS, SERVER_VERSION_REQUESTED, addNewImContactToGroupRequest, getImItemsRequest, type RequestFixture } from './fixtures';
import { count, cpuMs, field, isRecord, str } from './util';

export const RESULT_MARKER = 'BENCH_RESULT ';

/** `ours-dom` is a diagnostic: only the first stage of ours, the runtime's XML-to-element-tree parse. */
export type ParserName = 'ours' | 'ours-dom' | 'node-soap' | 'fast-xml-parser' | 'json';
export type WriterName = 'ours' | 'node-soap';

type Parse = (xml: string) => unknown;

/** node-soap's generated methods, typed here instead of its index signature. */
type SoapCallback = (err: unknown, result: unknown, rawResponse: unknown, soapHeader: unknown, rawRequest: unknown) => void;
type SoapMethod = (args: unknown, callback: SoapCallback, options?: unknown, extraHeaders?: unknown) => void;

function isSoapMethod(v: unknown): v is SoapMethod {
  return typeof v === 'function';
}

export function soapMethod(client: soap.Client, name: string): SoapMethod {
  const fn: unknown = Reflect.get(client, name);
  if (!isSoapMethod(fn)) throw new Error(`node-soap client has no method ${name}`);
  return fn.bind(client);
}

const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';

/** Adds the same RequestServerVersion header our requests carry. */
export function addServerVersionHeader(client: soap.Client): void {
  client.addSoapHeader({ RequestServerVersion: { attributes: { Version: SERVER_VERSION_REQUESTED } } }, '', 't', TYPES_NS);
}

/** Child of `v` whose key's local part (after any prefix) is `local`. */
function childByLocal(v: unknown, local: string): unknown {
  if (!isRecord(v)) return undefined;
  for (const [k, val] of Object.entries(v)) {
    const i = k.indexOf(':');
    if ((i < 0 ? k : k.slice(i + 1)) === local) return val;
  }
  return undefined;
}

function pathByLocal(v: unknown, ...locals: string[]): unknown {
  let cur = v;
  for (const l of locals) cur = childByLocal(cur, l);
  return cur;
}

function isElement(v: unknown): v is XmlElement {
  return isRecord(v) && Array.isArray(v['children']) && typeof v['local'] === 'string';
}

/** The parser under test, and how to count the personas in what it returns (a sanity check that it parsed everything). */
async function makeParser(name: ParserName, wsdl: string): Promise<{ parse: Parse; personas: (r: unknown) => number }> {
  switch (name) {
    case 'ours':
      return {
        parse: (xml) => operations.GetImItemList.parseResponse(xml),
        personas: (r) => count(field(r, 'body', 'ImItemList', 'Personas')),
      };
    case 'ours-dom': {
      const { parseXml } = await import('@wsdl-codegen/runtime');
      return {
        parse: (xml) => parseXml(xml),
        personas: (r) => {
          const body = (isElement(r) ? r.children : []).find((e) => e.local === 'Body');
          const list = body?.children[0]?.children.find((e) => e.local === 'ImItemList');
          return list?.children.find((e) => e.local === 'Personas')?.children.length ?? 0;
        },
      };
    }
    case 'node-soap': {
      const { createClientAsync } = await import('soap');
      const client = await createClientAsync(wsdl);
      return {
        parse: (xml) => {
          const obj: unknown = client.wsdl.xmlToObject(xml);
          return obj;
        },
        personas: (r) => count(field(r, 'Body', 'GetImItemListResponse', 'ImItemList', 'Personas', 'Persona')),
      };
    }
    case 'fast-xml-parser': {
      const { XMLParser } = await import('fast-xml-parser');
      const parser = new XMLParser({ ignoreAttributes: false });
      return {
        parse: (xml) => {
          const obj: unknown = parser.parse(xml);
          return obj;
        },
        personas: (r) => count(pathByLocal(r, 'Envelope', 'Body', 'GetImItemListResponse', 'ImItemList', 'Personas', 'Persona')),
      };
    }
    case 'json':
      // Its input is the typed body ours returns, as JSON: what the same data costs without markup.
      return {
        parse: (text) => {
          const obj: unknown = JSON.parse(text);
          return obj;
        },
        personas: (r) => count(field(r, 'ImItemList', 'Personas')),
      };
  }
}

interface ReadArgs {
  parser: ParserName;
  wsdl: string;
  inputs: Array<{ file: string; personas: number; warmups: number; minIters: number; budgetMs: number; maxIters: number }>;
}

async function taskRead(args: ReadArgs): Promise<unknown> {
  const p = await makeParser(args.parser, args.wsdl);
  const results = [];
  for (const input of args.inputs) {
    const xml = fs.readFileSync(input.file, 'utf8');
    const bytes = Buffer.byteLength(xml, 'utf8');
    const first = p.parse(xml);
    const seen = p.personas(first);
    if (seen !== input.personas) throw new Error(`${args.parser} read ${seen} personas from ${input.file}, expected ${input.personas}`);
    for (let i = 0; i < input.warmups; i++) p.parse(xml); // more warm-up: optimised code for the hot paths
    const times: number[] = [];
    const started = performance.now();
    while (times.length < input.maxIters && (times.length < input.minIters || performance.now() - started < input.budgetMs)) {
      const t0 = performance.now();
      const r = p.parse(xml);
      const t1 = performance.now();
      if (r === undefined) throw new Error('no result');
      times.push(t1 - t0);
    }
    results.push({ file: input.file, bytes, personas: seen, times });
  }
  return { parser: args.parser, results };
}

interface ReadMemArgs {
  parser: ParserName;
  wsdl: string;
  warmFile: string;
  file: string;
  personas: number;
}

function gc(): void {
  const g: unknown = Reflect.get(globalThis, 'gc');
  if (typeof g !== 'function') throw new Error('run the memory child with --expose-gc');
  g();
}

/**
 * Peak RSS while one parse of `file` runs, the result kept alive: resourceUsage().maxRSS after the
 * parse minus RSS before it. The library is loaded and warmed on a smaller input first, so the
 * figure is the data's cost, not the code's.
 */
async function taskReadMem(args: ReadMemArgs): Promise<unknown> {
  const p = await makeParser(args.parser, args.wsdl);
  {
    const warm = fs.readFileSync(args.warmFile, 'utf8');
    p.parse(warm);
    p.parse(warm);
  }
  const xml = fs.readFileSync(args.file, 'utf8');
  const bytes = Buffer.byteLength(xml, 'utf8');
  gc();
  gc();
  const before = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const result = p.parse(xml);
  const ms = performance.now() - t0;
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const afterParse = process.memoryUsage();
  gc();
  const retained = process.memoryUsage();
  const personas = p.personas(result);
  if (personas !== args.personas) throw new Error(`${args.parser} read ${personas} personas, expected ${args.personas}`);
  return {
    parser: args.parser,
    bytes,
    ms,
    rssBefore: before.rss,
    maxRssBefore,
    maxRssAfter,
    peakRssIncrease: maxRssAfter - before.rss,
    rssAfterParse: afterParse.rss,
    retainedHeap: retained.heapUsed - before.heapUsed,
  };
}

interface WriteArgs {
  writer: WriterName;
  wsdl: string;
  budgetMs: number;
  batch: number;
}

function requestFixtures(): RequestFixture[] {
  return [addNewImContactToGroupRequest(), getImItemsRequest(100)];
}

/** A writer under test: call it once, get the envelope it produced. */
async function makeWriter(name: WriterName, wsdl: string): Promise<(f: RequestFixture) => string> {
  if (name === 'ours') {
    return (f) =>
      f.name === 'AddNewImContactToGroup'
        ? operations.AddNewImContactToGroup.serializeRequest(f.ours, REQUEST_HEADERS)
        : operations.GetImItems.serializeRequest(f.ours, REQUEST_HEADERS);
  }
  // What node-soap really does when a method is called: args → document XML → envelope with
  // the SOAP headers, handed to its HTTP client. The HTTP client here captures the envelope and
  // answers with an error, so no network time and no response parsing is counted.
  let captured = '';
  const stop = new Error('captured');
  const httpClient: soap.IHttpClient = {
    request(_url: string, data: unknown, callback: (error: unknown) => unknown) {
      captured = str(data, 'node-soap request body');
      callback(stop);
      return new Promise<never>(() => undefined);
    },
  };
  const { createClientAsync } = await import('soap');
  const client = await createClientAsync(wsdl, { httpClient });
  addServerVersionHeader(client);
  const methods = new Map<string, SoapMethod>();
  return (f) => {
    let m = methods.get(f.name);
    if (m === undefined) {
      m = soapMethod(client, f.name);
      methods.set(f.name, m);
    }
    let failure: unknown;
    m(f.soapArgs, (err) => {
      if (err !== stop) failure = err;
    });
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
    return captured;
  };
}

/** Every string in a request value, in the order a writer meets them. */
function stringLeaves(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringLeaves(x, out);
  else if (isRecord(v)) for (const x of Object.values(v)) stringLeaves(x, out);
  return out;
}

/**
 * Runs each of `fns` in batches, taking turns, for about `budgetMs`: one ops/s figure per batch
 * and function. Taking turns puts the figures that are compared under the same machine load.
 */
function opsPerSecond(fns: ReadonlyArray<() => void>, batch: number, budgetMs: number): number[][] {
  const out: number[][] = fns.map(() => []);
  const started = performance.now();
  for (let rounds = 0; rounds < 5 || (performance.now() - started < budgetMs && rounds < 500); rounds++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) fn();
      out[k]?.push((batch * 1000) / (performance.now() - t0));
    });
  }
  return out;
}

async function taskWrite(args: WriteArgs): Promise<unknown> {
  const write = await makeWriter(args.writer, args.wsdl);
  const out = [];
  for (const f of requestFixtures()) {
    const sample = write(f);
    for (let i = 0; i < 200; i++) write(f);
    // Parity: what the writer produced must read back, with our reader, as the same typed body.
    const parsed =
      f.name === 'AddNewImContactToGroup' ? operations.AddNewImContactToGroup.parseRequest(sample).body : operations.GetImItems.parseRequest(sample).body;
    const parity = isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), JSON.parse(JSON.stringify(f.ours)));
    // Beside ours, the least a writer that refuses what XML forbids must do: look at every
    // character of every value once (as ours does: gathered by escapeAttr inside writeScanned, then
    // one scan), nothing written.
    const values = stringLeaves(f.ours);
    const check = (): void => {
      writeScanned(() => {
        for (const s of values) escapeAttr(s);
        return '';
      });
    };
    const [opsPerSec = [], checkOnlyOpsPerSec] = opsPerSecond(args.writer === 'ours' ? [() => write(f), check] : [() => write(f)], args.batch, args.budgetMs);
    out.push({ request: f.label, bytes: Buffer.byteLength(sample, 'utf8'), parity, sample, opsPerSec, checkOnlyOpsPerSec });
  }
  return { writer: args.writer, results: out };
}

type Task = (args: unknown) => Promise<unknown>;

function asArgs<A>(check: (v: Record<string, unknown>) => boolean): (v: unknown) => A {
  return (v) => {
    if (!isRecord(v) || !check(v)) throw new Error('bench child: bad arguments');
    return v as A;
  };
}

const TASKS: Record<string, Task> = {
  read: (a) => taskRead(asArgs<ReadArgs>((v) => typeof v['parser'] === 'string' && Array.isArray(v['inputs']))(a)),
  'read-mem': (a) => taskReadMem(asArgs<ReadMemArgs>((v) => typeof v['file'] === 'string')(a)),
  write: (a) => taskWrite(asArgs<WriteArgs>((v) => typeof v['writer'] === 'string')(a)),
};

/** Registers more tasks (the end-to-end module adds its own). */
export function registerTask(name: string, task: Task): void {
  TASKS[name] = task;
}

export async function childMain(argv: readonly string[]): Promise<void> {
  const [name, json] = argv;
  const task = name === undefined ? undefined : TASKS[name];
  if (task === undefined || json === undefined) throw new Error(`bench child: unknown task ${String(name)}`);
  const args: unknown = JSON.parse(json);
  const result = await task(args);
  const envelope = { result, maxRssBytes: process.resourceUsage().maxRSS * 1024, cpuMs: cpuMs() };
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(envelope)}\n`);
}
