// The shape of bench/results/latest.json: raw numbers, then the targets and profiles.

import type { ParserName, WriterName } from './child';
import type { ProfileSummary } from './profile';

export interface GenerationRow {
  tool: string;
  runsMs: number[];
  maxRssBytes: number[];
  ok: boolean;
  failure?: string;
  note?: string;
}

export interface ReadRow {
  parser: ParserName;
  personas: number;
  bytes: number;
  timesMs: number[];
  medianMs: number;
  mbPerSec: number;
}

export interface MemoryRow {
  parser: ParserName;
  bytes: number;
  peakRssIncrease: number[];
  retainedHeap: number[];
  parseMs: number[];
}

export interface WriteRow {
  request: string;
  writer: WriterName;
  bytes: number;
  parity: boolean;
  opsPerSec: number[];
  medianOpsPerSec: number;
  /** Ours only: checking every value's characters, nothing written (the floor of a validating writer). */
  checkOnlyOpsPerSec?: number[];
  sample: string;
}

export interface E2eRow {
  client: 'ours' | 'node-soap';
  callsPerSec: number[];
  medianCallsPerSec: number;
  /** Median latency of each round. */
  roundLatencyP50Ms: number[];
  calls: number;
  clientMaxRss: number;
  /** CPU time per call of each round (all threads, garbage collector included): the client's own, and the server's while serving it. */
  clientCpuMsPerCall: number[];
  serverCpuMsPerCall: number[];
  /** The client's main-thread garbage-collection pauses per call, each round: scavenges, and full collections. */
  scavengeMsPerCall: number[];
  fullGcMsPerCall: number[];
}

export interface Target {
  id: string;
  label: string;
  /** The figure compared with the threshold: a ratio, a size multiple or milliseconds. */
  value: number;
  threshold: number;
  higherIsBetter: boolean;
  detail: string;
  pass: boolean;
}

export interface FixtureMeta {
  personas: number;
  groups: number;
  memberKeys: number;
  bytes: number;
  /** The same typed body as JSON. */
  jsonBytes: number;
  roundTrip: boolean;
}

/** The four measurements; `npm run bench -- --only e2e,writing` runs some of them. */
export const PHASES = ['generation', 'reading', 'writing', 'e2e'] as const;
export type Phase = (typeof PHASES)[number];

export interface Results {
  meta: {
    /** The phases this run measured (all four unless --only was given). */
    phases: Phase[];
    date: string;
    commit: string;
    dirty: boolean;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    derivedNote: string;
    plan: Record<string, unknown>;
    fixtures: FixtureMeta[];
    e2eError: string | undefined;
    load: Array<{ phase: string; loadavg1: number }>;
    durationS: number;
  };
  generation: { rows: GenerationRow[]; stages: string };
  read: { rows: ReadRow[]; memory: MemoryRow[] };
  write: WriteRow[];
  e2e: { rows: E2eRow[]; responseBytes: number } | undefined;
  targets: Target[];
  profiles: Array<{ title: string; summary: ProfileSummary }>;
}
