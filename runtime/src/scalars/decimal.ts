import { invalid, trimXml } from './common';

const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** xs:decimal stays a string so that no digit is lost; the lexical form is kept as written. */
export function parseDecimal(text: string): string {
  const s = trimXml(text);
  if (!DECIMAL.test(s)) invalid(text, 'decimal', 'a decimal number such as -12.50');
  return s;
}

export function formatDecimal(value: string): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) invalid(value, 'decimal', 'a decimal number string such as "-12.50"');
  return value;
}
