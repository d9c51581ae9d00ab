import { invalid, trimXml } from './common';

const FLOATING = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * The number an xs:float/xs:double lexical form denotes (INF, -INF, NaN included), or undefined.
 * Not +INF, which XML Schema 1.1 added (libxml2 refuses it too).
 */
export function floatingValue(text: string): number | undefined {
  if (FLOATING.test(text)) return Number(text);
  switch (text) {
    case 'INF':
      return Infinity;
    case '-INF':
      return -Infinity;
    case 'NaN':
      return NaN;
  }
  return undefined;
}

/** Out-of-range magnitudes round to ±INF or ±0 as XSD 1.1 prescribes. */
function parseFloating(text: string, type: string): number {
  const value = floatingValue(trimXml(text));
  return value === undefined ? invalid(text, type, 'a number, INF, -INF or NaN') : value;
}

function special(value: number): string | undefined {
  if (value !== value) return 'NaN';
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return undefined;
}

export function parseDouble(text: string): number {
  return parseFloating(text, 'double');
}

export function formatDouble(value: number): string {
  if (typeof value !== 'number') invalid(value, 'double', 'a number');
  return special(value) ?? String(value);
}

/** The value is rounded to single precision. */
export function parseFloat32(text: string): number {
  return Math.fround(parseFloating(text, 'float'));
}

/** Writes the shortest decimal that reads back as the same single-precision value. */
export function formatFloat32(value: number): string {
  if (typeof value !== 'number') invalid(value, 'float', 'a number');
  const s = special(value);
  if (s !== undefined) return s;
  const f = Math.fround(value);
  if (!Number.isFinite(f)) invalid(value, 'float', 'a magnitude below 3.4028235e38');
  for (let digits = 1; digits < 9; digits++) {
    const candidate = f.toPrecision(digits);
    if (Math.fround(Number(candidate)) === f) return String(Number(candidate));
  }
  return String(Number(f.toPrecision(9)));
}
