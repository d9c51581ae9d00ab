/**
 * The committed record of the printed envelopes (envelopes/manifest.json), typed and checked
 * on load so that a hand edit with a typo fails loudly instead of skipping an assertion.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { EnvelopeKind } from '../support/seeds';

export interface PartExpectation {
  /** `Header {namespace}local` or `Body {namespace}local`. */
  readonly part: string;
  readonly valid: boolean;
  /** For an invalid part: a substring of libxml2's message. */
  readonly error?: string;
}

export interface ManifestEntry {
  readonly file: string;
  readonly seed: string;
  readonly seedLine: number;
  readonly operation: string;
  readonly kind: EnvelopeKind;
  /** The WSDL binding's soapAction; given for requests, which are what carries it. */
  readonly soapAction?: string;
  /** False when the envelope is not well-formed as printed (it is then kept exactly as printed). */
  readonly wellFormed: boolean;
  /** libxml2's verdict on each Header and Body child, validated as a document of its own. */
  readonly schemaValidation: readonly PartExpectation[];
  /** Every deviation from the schema or the WSDL spotted in the print, and other oddities. */
  readonly notes: readonly string[];
}

export const ENVELOPES_DIR = path.join(__dirname, 'envelopes');
export const MANIFEST_FILE = path.join(ENVELOPES_DIR, 'manifest.json');

const KINDS: readonly string[] = ['request', 'response', 'error-response', 'fault'];

export function readManifest(): ManifestEntry[] {
  const data: unknown = JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8'));
  if (!Array.isArray(data)) throw new Error('manifest.json: expected an array');
  return data.map((entry: unknown, index) => checkEntry(entry, `manifest.json[${index}]`));
}

function checkEntry(value: unknown, where: string): ManifestEntry {
  const entry = record(value, where);
  const text = (key: string): string => {
    const field = entry[key];
    if (typeof field !== 'string' || field === '') throw new Error(`${where}.${key}: expected a non-empty string`);
    return field;
  };
  const kind = text('kind');
  if (!KINDS.includes(kind)) throw new Error(`${where}.kind: unknown kind "${kind}"`);
  const seedLine = entry['seedLine'];
  if (typeof seedLine !== 'number' || !Number.isInteger(seedLine)) throw new Error(`${where}.seedLine: expected an integer`);
  const wellFormed = entry['wellFormed'];
  if (typeof wellFormed !== 'boolean') throw new Error(`${where}.wellFormed: expected a boolean`);
  const notes = entry['notes'];
  if (!Array.isArray(notes) || notes.length === 0 || !notes.every((note) => typeof note === 'string' && note !== '')) {
    throw new Error(`${where}.notes: expected a non-empty array of strings`);
  }
  const parts = entry['schemaValidation'];
  if (!Array.isArray(parts)) throw new Error(`${where}.schemaValidation: expected an array`);
  const known = new Set(['file', 'seed', 'seedLine', 'operation', 'kind', 'soapAction', 'wellFormed', 'schemaValidation', 'notes']);
  const unknown = Object.keys(entry).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${where}: unknown fields ${unknown.join(', ')}`);
  return {
    file: text('file'),
    seed: text('seed'),
    seedLine,
    operation: text('operation'),
    kind: kind as EnvelopeKind,
    ...(entry['soapAction'] === undefined ? {} : { soapAction: text('soapAction') }),
    wellFormed,
    schemaValidation: parts.map((part: unknown, index) => checkPart(part, `${where}.schemaValidation[${index}]`)),
    notes: notes as string[],
  };
}

function checkPart(value: unknown, where: string): PartExpectation {
  const part = record(value, where);
  const name = part['part'];
  const valid = part['valid'];
  const error = part['error'];
  if (typeof name !== 'string' || !/^(Header|Body) \{[^}]*\}\S+$/.test(name)) {
    throw new Error(`${where}.part: expected "Header {namespace}local" or "Body {namespace}local"`);
  }
  if (typeof valid !== 'boolean') throw new Error(`${where}.valid: expected a boolean`);
  if (valid ? error !== undefined : typeof error !== 'string' || error === '') {
    throw new Error(`${where}.error: required (a non-empty string) exactly when valid is false`);
  }
  return { part: name, valid, ...(typeof error === 'string' ? { error } : {}) };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value as Record<string, unknown>;
}
