// End to end: our generated client and node-soap's client calling the same in-memory UCS server
// (its own process) over HTTP on 127.0.0.1, with the same concurrency.

import { PerformanceObserver, constants, performance, type PerformanceEntry } from 'node:perf_hooks';
import type * as soap from 'soap';
import { ExchangeServiceClient, operations } from '../../generated/src/index';
import { SERVER_VERSION, startUcsServer } from '../../server/http';
import { UcsStore } from '../../server/store';
import { addServerVersionHeader, registerTask, soapMethod } from './child';
import { count, cpuMs, field, isRecord } from './util';

/** Groups the server's contacts are spread over (its default limits: 64 groups, 1000 contacts per group). */
const E2E_GROUP_SIZE = 20;

/** The longest a server child lives, whatever happens to its parent. */
const SERVER_MAX_LIFETIME_MS = 8 * 60 * 1000;

interface ServerArgs {
  personas: number;
}

/** Fills the "default" mailbox (the one a request without credentials or impersonation reaches). */
function loadStore(personas: number): UcsStore {
  const store = new UcsStore({ now: () => new Date(Date.UTC(2024, 5, 11, 9, 30, 0)) });
  const box = store.mailbox('default');
  let groupId: { Id: string; ChangeKey?: string } | undefined;
  for (let i = 0; i < personas; i++) {
    if (i % E2E_GROUP_SIZE === 0) {
      const g = box.addImGroup(`Group ${i / E2E_GROUP_SIZE + 1}`);
      const id = g.ExchangeStoreId;
      if (id === undefined) throw new Error('AddImGroup returned no ExchangeStoreId');
      groupId = { Id: id.Id };
    }
    box.addNewImContactToGroup(`sip:contact${i}@contoso.com`, `Contact ${i} Ünal-O'Brien`, groupId);
  }
  const list = box.getImItemList();
  if (count(list.Personas) !== personas) throw new Error(`the store lists ${count(list.Personas)} personas, expected ${personas}`);
  return store;
}

/** Runs in its own process: serves until the parent says stop, disconnects, or the lifetime ends. */
async function taskServer(args: ServerArgs): Promise<unknown> {
  const store = loadStore(args.personas);
  // The size of what every call returns, as the server writes it (same code path, same store).
  const responseBytes = Buffer.byteLength(
    operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImItemList: store.mailbox('default').getImItemList() }, { ServerVersionInfo: SERVER_VERSION }),
  );
  const server = await startUcsServer({ port: 0, host: '127.0.0.1', store });
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('the server child needs an IPC channel');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, SERVER_MAX_LIFETIME_MS);
    timer.unref();
    process.on('message', (m: unknown) => {
      if (m === 'stop') resolve();
      // CPU of all threads so far: the parent takes differences around each client's round.
      else if (m === 'usage') send({ cpuMs: cpuMs() });
    });
    process.on('disconnect', () => resolve());
    send({ url: server.url, responseBytes });
  });
  await server.close();
  return { stopped: true };
}

interface ClientArgs {
  client: 'ours' | 'node-soap';
  url: string;
  wsdl: string;
  personas: number;
  concurrency: number;
  warmupCalls: number;
  budgetMs: number;
  maxCalls: number;
}

type Call = () => Promise<number>;

async function makeCall(args: ClientArgs): Promise<{ call: Call; close: () => Promise<void> }> {
  if (args.client === 'ours') {
    const client = new ExchangeServiceClient({ url: args.url });
    return {
      call: async () => count((await client.getImItemList({})).ImItemList?.Personas),
      close: () => client.close(),
    };
  }
  const { createClientAsync } = await import('soap');
  const client: soap.Client = await createClientAsync(args.wsdl, {}, args.url);
  addServerVersionHeader(client);
  const method = soapMethod(client, 'GetImItemList');
  return {
    call: () =>
      new Promise<number>((resolve, reject) => {
        method({}, (err, result) => {
          if (err !== null && err !== undefined) reject(err instanceof Error ? err : new Error(String(err)));
          else resolve(count(field(result, 'ImItemList', 'Personas', 'Persona')));
        });
      }),
    close: async () => undefined,
  };
}

/** Keeps `concurrency` calls in flight until the budget or the call cap is reached. */
async function drive(call: Call, concurrency: number, expected: number, budgetMs: number, maxCalls: number): Promise<{ calls: number; ms: number; latencies: number[] }> {
  let started = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (started < maxCalls && (budgetMs <= 0 || performance.now() - t0 < budgetMs)) {
      started++;
      const s = performance.now();
      const n = await call();
      latencies.push(performance.now() - s);
      if (n !== expected) throw new Error(`a response listed ${n} personas, expected ${expected}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { calls: latencies.length, ms: performance.now() - t0, latencies };
}

/**
 * The main thread's garbage-collection pauses while `run` runs, in ms: scavenges (young
 * generation) and the rest (mark-compact and its incremental steps).
 */
async function gcPauses<T>(run: () => Promise<T>): Promise<{ result: T; scavengeMs: number; fullMs: number }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const result = await run();
  // Entries are delivered after the pause: let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve));
  entries.push(...observer.takeRecords());
  observer.disconnect();
  let scavengeMs = 0;
  let fullMs = 0;
  for (const e of entries) {
    const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) scavengeMs += e.duration;
    else fullMs += e.duration;
  }
  return { result, scavengeMs, fullMs };
}

async function taskClient(args: ClientArgs): Promise<unknown> {
  const { call, close } = await makeCall(args);
  try {
    await drive(call, args.concurrency, args.personas, 0, args.warmupCalls);
    const cpu0 = cpuMs();
    const { result: r, scavengeMs, fullMs } = await gcPauses(() => drive(call, args.concurrency, args.personas, args.budgetMs, args.maxCalls));
    const cpuMsPerCall = (cpuMs() - cpu0) / r.calls;
    return {
      client: args.client,
      concurrency: args.concurrency,
      calls: r.calls,
      ms: r.ms,
      callsPerSec: (r.calls * 1000) / r.ms,
      latencies: r.latencies,
      cpuMsPerCall,
      scavengeMsPerCall: scavengeMs / r.calls,
      fullGcMsPerCall: fullMs / r.calls,
    };
  } finally {
    await close();
  }
}

function check<A>(ok: (v: Record<string, unknown>) => boolean): (v: unknown) => A {
  return (v) => {
    if (!isRecord(v) || !ok(v)) throw new Error('bench e2e: bad arguments');
    return v as A;
  };
}

registerTask('e2e-server', (a) => taskServer(check<ServerArgs>((v) => typeof v['personas'] === 'number')(a)));
registerTask('e2e-client', (a) => taskClient(check<ClientArgs>((v) => typeof v['url'] === 'string' && typeof v['client'] === 'string')(a)));
