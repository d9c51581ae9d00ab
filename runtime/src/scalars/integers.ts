import { ValueError } from '../errors';
import { invalid, show, trimXml } from './common';

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function outOfRange(value: unknown, type: string, min: number | bigint | undefined, max: number | bigint | undefined): never {
  const range =
    min === undefined ? `at most ${max}` : max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
  throw new ValueError(`${show(value)} is out of range for xs:${type} (must be ${range})`);
}

/** Integer types that fit a JS number exactly: scans digits without building intermediate strings. */
function parseBounded(text: string, min: number, max: number, type: string): number {
  let i = 0;
  let n = text.length;
  while (i < n && isWs(text.charCodeAt(i))) i++;
  while (n > i && isWs(text.charCodeAt(n - 1))) n--;
  let negative = false;
  const sign = text.charCodeAt(i);
  if (sign === 45) {
    negative = true;
    i++;
  } else if (sign === 43) {
    i++;
  }
  if (i >= n) invalid(text, type, 'an integer');
  let v = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) invalid(text, type, 'an integer');
    // Saturates instead of losing precision; any saturated value is out of range for these types.
    if (v < 1e15) v = v * 10 + d;
  }
  if (negative) v = -v;
  if (v < min || v > max) outOfRange(trimXml(text), type, min, max);
  return v === 0 ? 0 : v;
}

function formatBounded(value: number, min: number, max: number, type: string): string {
  if (typeof value !== 'number' || !Number.isInteger(value)) invalid(value, type, 'an integer number');
  if (value < min || value > max) outOfRange(value, type, min, max);
  return String(value);
}

export const parseInt32 = (text: string): number => parseBounded(text, -2147483648, 2147483647, 'int');
export const formatInt32 = (value: number): string => formatBounded(value, -2147483648, 2147483647, 'int');
export const parseInt16 = (text: string): number => parseBounded(text, -32768, 32767, 'short');
export const formatInt16 = (value: number): string => formatBounded(value, -32768, 32767, 'short');
export const parseInt8 = (text: string): number => parseBounded(text, -128, 127, 'byte');
export const formatInt8 = (value: number): string => formatBounded(value, -128, 127, 'byte');
export const parseUInt32 = (text: string): number => parseBounded(text, 0, 4294967295, 'unsignedInt');
export const formatUInt32 = (value: number): string => formatBounded(value, 0, 4294967295, 'unsignedInt');
export const parseUInt16 = (text: string): number => parseBounded(text, 0, 65535, 'unsignedShort');
export const formatUInt16 = (value: number): string => formatBounded(value, 0, 65535, 'unsignedShort');
export const parseUInt8 = (text: string): number => parseBounded(text, 0, 255, 'unsignedByte');
export const formatUInt8 = (value: number): string => formatBounded(value, 0, 255, 'unsignedByte');

const INTEGER = /^[+-]?[0-9]+$/;

function parseBig(text: string, type: string, min?: bigint, max?: bigint): bigint {
  const s = trimXml(text);
  if (!INTEGER.test(s)) invalid(text, type, 'an integer');
  const v = BigInt(s);
  if ((min !== undefined && v < min) || (max !== undefined && v > max)) outOfRange(s, type, min, max);
  return v;
}

/** Accepts safe-integer numbers as well, for callers that do not use bigint literals. */
function formatBig(value: bigint | number, type: string, min?: bigint, max?: bigint): string {
  let v: bigint;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else return invalid(value, type, 'a bigint or a safe integer number');
  if ((min !== undefined && v < min) || (max !== undefined && v > max)) outOfRange(value, type, min, max);
  return v.toString();
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;

export const parseInteger = (text: string): bigint => parseBig(text, 'integer');
export const formatInteger = (value: bigint | number): string => formatBig(value, 'integer');
export const parseLong = (text: string): bigint => parseBig(text, 'long', LONG_MIN, LONG_MAX);
export const formatLong = (value: bigint | number): string => formatBig(value, 'long', LONG_MIN, LONG_MAX);
export const parseULong = (text: string): bigint => parseBig(text, 'unsignedLong', 0n, ULONG_MAX);
export const formatULong = (value: bigint | number): string => formatBig(value, 'unsignedLong', 0n, ULONG_MAX);
export const parseNonNegativeInteger = (text: string): bigint => parseBig(text, 'nonNegativeInteger', 0n);
export const formatNonNegativeInteger = (value: bigint | number): string => formatBig(value, 'nonNegativeInteger', 0n);
export const parsePositiveInteger = (text: string): bigint => parseBig(text, 'positiveInteger', 1n);
export const formatPositiveInteger = (value: bigint | number): string => formatBig(value, 'positiveInteger', 1n);
export const parseNonPositiveInteger = (text: string): bigint => parseBig(text, 'nonPositiveInteger', undefined, 0n);
export const formatNonPositiveInteger = (value: bigint | number): string => formatBig(value, 'nonPositiveInteger', undefined, 0n);
export const parseNegativeInteger = (text: string): bigint => parseBig(text, 'negativeInteger', undefined, -1n);
export const formatNegativeInteger = (value: bigint | number): string => formatBig(value, 'negativeInteger', undefined, -1n);
