import { ValueError } from '../errors';
import { invalid, show, trimXml } from './common';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const WHITESPACE = /[ \t\n\r]+/g;
const HAS_WHITESPACE = /[ \t\n\r]/;

function sextet(s: string, i: number, original: string): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? DECODE[c]! : -1;
  if (v < 0) {
    throw new ValueError(`${show(original)} is not valid xs:base64Binary: unexpected ${JSON.stringify(s.charAt(i))}`);
  }
  return v;
}

/** Whitespace anywhere is ignored; padding must be complete and the unused bits zero, as XSD requires. */
export function parseBase64(text: string): Uint8Array {
  const s = HAS_WHITESPACE.test(text) ? text.replace(WHITESPACE, '') : text;
  const n = s.length;
  if (n % 4 !== 0) invalid(text, 'base64Binary', 'a length that is a multiple of 4, ignoring whitespace');
  if (n === 0) return new Uint8Array(0);
  const pad = s.charCodeAt(n - 1) === 61 ? (s.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  const out = new Uint8Array((n / 4) * 3 - pad);
  const full = pad === 0 ? n : n - 4;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const v =
      (sextet(s, i, text) << 18) | (sextet(s, i + 1, text) << 12) | (sextet(s, i + 2, text) << 6) | sextet(s, i + 3, text);
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  if (pad > 0) {
    const a = sextet(s, full, text);
    const b = sextet(s, full + 1, text);
    out[o++] = (a << 2) | (b >> 4);
    if (pad === 1) {
      const c = sextet(s, full + 2, text);
      out[o++] = ((b & 0x0f) << 4) | (c >> 2);
      if ((c & 0x03) !== 0) invalid(text, 'base64Binary', 'zero bits before the padding');
    } else if ((b & 0x0f) !== 0) {
      invalid(text, 'base64Binary', 'zero bits before the padding');
    }
  }
  return out;
}

export function formatBase64(value: Uint8Array): string {
  if (!(value instanceof Uint8Array)) invalid(value, 'base64Binary', 'a Uint8Array');
  let out = '';
  const n = value.length;
  const whole = n - (n % 3);
  for (let i = 0; i < whole; i += 3) {
    const v = (value[i]! << 16) | (value[i + 1]! << 8) | value[i + 2]!;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
  }
  if (n - whole === 1) {
    const v = value[whole]!;
    out += ALPHABET[v >> 2]! + ALPHABET[(v & 3) << 4]! + '==';
  } else if (n - whole === 2) {
    const v = (value[whole]! << 8) | value[whole + 1]!;
    out += ALPHABET[v >> 10]! + ALPHABET[(v >> 4) & 63]! + ALPHABET[(v & 15) << 2]! + '=';
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function parseHex(text: string): Uint8Array {
  const s = trimXml(text);
  if (s.length % 2 !== 0) invalid(text, 'hexBinary', 'an even number of hexadecimal digits');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(s.charCodeAt(2 * i));
    const lo = hexValue(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) invalid(text, 'hexBinary', 'hexadecimal digits only');
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const HEX = '0123456789ABCDEF';

/** Canonical form: upper-case digits. */
export function formatHex(value: Uint8Array): string {
  if (!(value instanceof Uint8Array)) invalid(value, 'hexBinary', 'a Uint8Array');
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    out += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}
