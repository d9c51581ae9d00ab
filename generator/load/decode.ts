/**
 * The text of an XML document's bytes, as XML 1.0 (4.3.3 and appendix F) says to find its
 * encoding: a byte order mark first, then the charset a server named, then the encoding
 * declaration, else UTF-8. Bytes the encoding cannot have are an error at their line and column,
 * not replacement characters in a type or enumeration name.
 */

import { TextDecoder } from 'node:util';
import { positionAt } from '../diagnostics';

export type Decoded = { text: string } | { problem: string; hint: string; line: number; col: number };

const DECLARED = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

export function decodeXml(bytes: Uint8Array, charset?: string): Decoded {
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
    const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
    label = DECLARED.exec(head)?.[1] ?? 'utf-8';
    // Text saved as UTF-8 whose declaration still says UTF-16 (a common slip): single bytes and no
    // byte order mark cannot be UTF-16.
    if (/^utf-?16/i.test(label)) label = 'utf-8';
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { problem: `The document is in the encoding "${label}", which cannot be read here.`, hint: 'Save it as UTF-8 (and change its encoding declaration).', line: 1, col: 1 };
  }
  const body = bytes.subarray(from);
  try {
    return { text: decoder.decode(body) };
  } catch {
    return {
      problem: `The document is not valid ${decoder.encoding}: a byte sequence there is not a character.`,
      hint: 'Fix the bytes, or declare the encoding the file is really in (<?xml version="1.0" encoding="..."?>).',
      ...positionAt(validPrefix(body, label), Infinity),
    };
  }
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
