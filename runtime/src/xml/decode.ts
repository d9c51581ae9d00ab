/**
 * The text of an XML document's bytes (a schema the generator reads, a message the transport
 * receives), as XML 1.0 (4.3.3 and appendix F) says to find its encoding: a byte order mark first,
 * then the charset a server named, then the encoding declaration, else UTF-8. Bytes the encoding
 * cannot have are an error at their line and column, not replacement characters in a value.
 */

import { isAscii, isUtf8, transcode } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { lineColAt } from './cursor';
import { latin1FromUtf8 } from './latin1';

export type Decoded = { text: string } | { problem: string; hint: string; line: number; col: number };

const DECLARED = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

/** The charset parameter of a Content-Type header, if it has one. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
}

/**
 * decodeXml over a body received in pieces (a response as the socket delivered it): the pieces go
 * straight into the decoder's memory (latin1.ts) when the body is UTF-8 and large, instead of
 * first into a new buffer of their own.
 */
export function decodeXmlParts(parts: readonly Uint8Array[], charset?: string): Decoded {
  const first = parts[0];
  if (parts.length === 1 && first !== undefined) return decodeXml(first, charset);
  const length = parts.reduce((n, p) => n + p.length, 0);
  // Too short to tell the encoding from the first piece, or not the fast path: as one buffer.
  if (first === undefined || first.length < HEAD || length < LARGE_BODY) return decodeXml(Buffer.concat(parts), charset);
  const [label, from] = encodingOf(first, charset);
  if (UTF8.test(label)) {
    const text = decodeUtf8(parts, from);
    if (text !== undefined) return { text };
  }
  return decodeXml(Buffer.concat(parts), charset);
}

/** How many bytes encodingOf looks at for an encoding declaration. */
const HEAD = 256;
const UTF8 = /^utf-?8$/i;

/** The encoding label of a body starting with `bytes`, and the length of its byte order mark. */
function encodingOf(bytes: Uint8Array, charset: string | undefined): [label: string, from: number] {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  let label: string;
  let from = 0;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) [label, from] = ['utf-8', 3];
  else if (b0 === 0xff && b1 === 0xfe) [label, from] = ['utf-16le', 2];
  else if (b0 === 0xfe && b1 === 0xff) [label, from] = ['utf-16be', 2];
  else if (charset !== undefined && charset !== '') label = charset;
  else if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) label = 'utf-16le';
  else if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) label = 'utf-16be';
  else {
    // The declaration is ASCII in every encoding it can name here (one byte per character so far).
    const head = Buffer.from(bytes.subarray(0, HEAD)).toString('latin1');
    label = DECLARED.exec(head)?.[1] ?? 'utf-8';
    // Text saved as UTF-8 whose declaration still says UTF-16 (a common slip): single bytes and no
    // byte order mark cannot be UTF-16.
    if (/^utf-?16/i.test(label)) label = 'utf-8';
  }
  return [label, from];
}

export function decodeXml(bytes: Uint8Array, charset?: string): Decoded {
  const [label, from] = encodingOf(bytes, charset);
  const body = bytes.subarray(from);
  // UTF-8, the encoding of nearly every document, through the fast decoder below.
  if (UTF8.test(label)) {
    const text = decodeUtf8(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    if (text !== undefined) return { text };
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { problem: `The document is in the encoding "${label}", which cannot be read here.`, hint: 'Save it as UTF-8 (and change its encoding declaration).', line: 1, col: 1 };
  }
  if (decoder.encoding === 'windows-1252') return singleByte(body, label.toLowerCase());
  try {
    return { text: decoder.decode(body) };
  } catch {
    return {
      problem: `The document is not valid ${decoder.encoding}: a byte sequence there is not a character.`,
      hint: 'Fix the bytes, or declare the encoding the file is really in (<?xml version="1.0" encoding="..."?>).',
      ...endOf(validPrefix(body, label)),
    };
  }
}

// The Encoding Standard maps US-ASCII, ISO-8859-1 and their aliases to windows-1252, and Node's
// TextDecoder then reads all of them as ISO-8859-1: no byte is ever an error, and 0x80-0x9F become
// C1 controls even in windows-1252. XML takes a label at its word (appendix F), so these three are
// decoded here. Labels the standard maps elsewhere (Latin-9, other code pages) are left to it.
const ASCII_LABELS = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968']);
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252']);
/** windows-1252 bytes 0x80-0x9F; the five it leaves undefined keep their ISO-8859-1 meaning. */
const WINDOWS_1252_HIGH = String.fromCharCode(
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
);

function singleByte(bytes: Uint8Array, label: string): Decoded {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (ASCII_LABELS.has(label)) {
    const bad = text.search(/[^\x00-\x7f]/);
    if (bad === -1) return { text };
    return {
      problem: `The document is declared US-ASCII, but byte 0x${text.charCodeAt(bad).toString(16).toUpperCase()} is not ASCII.`,
      hint: 'Declare the encoding the file is really in (<?xml version="1.0" encoding="..."?>), or save it as UTF-8.',
      ...at(text, bad),
    };
  }
  if (!WINDOWS_1252_LABELS.has(label)) return { text };
  return { text: text.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80)) };
}

/**
 * The text of the longest prefix of `bytes` that decodes without error. Decoding as a stream lets
 * a prefix end inside a character, so whether a prefix fails is monotonic: a binary search finds
 * the first bad byte. (A lenient decoding's first U+FFFD would not do: the text may hold the
 * character itself before the bad byte.)
 */
function validPrefix(bytes: Uint8Array, label: string): string {
  const fails = (n: number): boolean => {
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fails(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  return new TextDecoder(label).decode(bytes.subarray(0, lo), { stream: true });
}

/** 1-based line and column of `offset` in `text`. */
function at(text: string, offset: number): { line: number; col: number } {
  const [line, col] = lineColAt(text, offset);
  return { line, col };
}

function endOf(text: string): { line: number; col: number } {
  return at(text, text.length);
}

/** Below this size the engine's own decoder is as fast as the detour below. */
const LARGE_BODY = 64 * 1024;

/**
 * The same string as `bytes.toString('utf8')` (of the pieces joined, after the first `skip` bytes),
 * faster on large bodies; undefined where that would put U+FFFD for bytes that are not UTF-8.
 * Node 20's UTF-8 decoder runs at about 250 MB/s once a body holds one non-ASCII byte; the native
 * checks and ICU's transcoder below run at gigabytes per second. Text within Latin-1 (most Western
 * names) is decoded into a one-byte string, which the XML reader scans about 30% faster than a
 * two-byte one, and which is then known to hold no character XML refuses.
 */
export function decodeUtf8(input: Buffer | readonly Uint8Array[], skip = 0): string | undefined {
  const parts = input instanceof Uint8Array ? [input] : input;
  const length = parts.reduce((n, p) => n + p.length, 0) - skip;
  if (length >= LARGE_BODY) {
    const latin1 = latin1FromUtf8(parts, skip, length);
    if (latin1 !== undefined) return latin1;
  }
  const bytes = joined(parts, skip);
  if (!isUtf8(bytes)) return undefined;
  if (length < LARGE_BODY) return bytes.toString('utf8');
  if (isAscii(bytes)) return bytes.toString('latin1');
  return typeof transcode === 'function' ? transcode(bytes, 'utf8', 'utf16le').toString('utf16le') : bytes.toString('utf8');
}

/** The pieces as one buffer, without their first `skip` bytes. */
function joined(parts: readonly Uint8Array[], skip: number): Buffer {
  const one = parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  return Buffer.from(one.buffer, one.byteOffset + skip, one.byteLength - skip);
}
