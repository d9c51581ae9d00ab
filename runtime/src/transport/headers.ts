// Request header construction and the redaction applied before headers reach a trace.

import type { IncomingHttpHeaders } from 'node:http';

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * An HTTP quoted-string (RFC 9110 5.6.4) of `text`: a `"` or `\` in it is escaped with `\`, so that
 * a soapAction written with them (`soapAction="&quot;urn:a&quot;"`) cannot end the string early.
 */
function quoted(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/** Content-Type and SOAPAction for the SOAP version, as the SOAP 1.1 and 1.2 HTTP bindings require. */
export function soapHeaders(version: '1.1' | '1.2', soapAction: string): Record<string, string> {
  if (version === '1.1') {
    return { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: quoted(soapAction) };
  }
  const action = soapAction === '' ? '' : `; action=${quoted(soapAction)}`;
  return { 'Content-Type': `application/soap+xml; charset=utf-8${action}` };
}

/** Sets a header, removing any existing entry whose name differs only in case. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key !== name && key.toLowerCase() === lower) delete headers[key];
  }
  headers[name] = value;
}

/** Copies `extra` into `headers`, each name replacing a case-insensitively equal one. */
export function mergeHeaders(headers: Record<string, string>, extra: Record<string, string> | undefined): void {
  if (extra === undefined) return;
  for (const [name, value] of Object.entries(extra)) setHeader(headers, name, value);
}

/** One value per name: when the hook left names differing only in case, the later one wins. */
export function dedupeHeaders(headers: Record<string, string>): Record<string, string> {
  const byLower = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') continue;
    byLower.set(name.toLowerCase(), [name, value]);
  }
  const out: Record<string, string> = {};
  for (const [name, value] of byLower.values()) out[name] = value;
  return out;
}

/** A copy safe to hand to a trace callback. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

/** Lower-case names, repeated values joined with ", ". */
export function flattenResponseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // A header named __proto__ would replace the object's prototype.
    if (value === undefined || name.toLowerCase() === '__proto__') continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * The scheme names of a WWW-Authenticate value (RFC 9110, 11.6.1), several challenges joined by
 * commas: each challenge starts with a token that no `=` follows (an auth-param is `name=value`).
 */
export function authSchemes(challenge: string): string[] {
  const out: string[] = [];
  // A quoted auth-param value may hold commas (realm="a, b"): emptied first.
  for (const part of challenge.replace(/"(?:[^"\\]|\\.)*"/g, '""').split(',')) {
    const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(\s*=)?/.exec(part);
    if (m?.[1] !== undefined && m[2] === undefined && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}
