// Date, time and duration values compared as XML Schema 1.0 orders them (Part 2, 3.2.6.2 and
// 3.2.7.4), for range facets and fixed values: a time zone puts a value on the UTC timeline
// ("T03:00:00Z" is "T04:00:00+01:00"); a value without one is local time, which lies within
// fourteen hours either way of that timeline, so it is ordered against a zoned one only when
// farther apart than that.

import { trimXml } from './common';
import { DATE, DATE_TIME, DATE_TIME_STAMP, DURATION, G_DAY, G_MONTH, G_MONTH_DAY, G_YEAR, G_YEAR_MONTH, TIME_ONLY } from './temporal-forms';

/** Each form with the fields its groups hold, in order: year, month, day, time. */
const FORMS: ReadonlyArray<{ name: string; re: RegExp; fields: string }> = [
  { name: 'dateTime', re: DATE_TIME, fields: 'ymdt' },
  // A dateTimeStamp in year 0000, which 1.1 added: 1 BCE, between -0001 and 0001 as numbers order them.
  { name: 'dateTime', re: DATE_TIME_STAMP, fields: 'ymdt' },
  { name: 'date', re: DATE, fields: 'ymd' },
  { name: 'time', re: TIME_ONLY, fields: 't' },
  { name: 'gYearMonth', re: G_YEAR_MONTH, fields: 'ym' },
  { name: 'gYear', re: G_YEAR, fields: 'y' },
  { name: 'gMonthDay', re: G_MONTH_DAY, fields: 'md' },
  { name: 'gMonth', re: G_MONTH, fields: 'm' },
  { name: 'gDay', re: G_DAY, fields: 'd' },
];

/** A point: whole seconds of its fields read as UTC, the fraction's digits, the zone in minutes. */
interface Point {
  form: string;
  seconds: number;
  fraction: string;
  zone: number | undefined;
}

// Beyond this, seconds would not be exact in a double.
const MAX_YEAR = 100_000_000;

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

function point(text: string): Point | undefined {
  const s = trimXml(text);
  for (const { name, re, fields } of FORMS) {
    const m = re.exec(s);
    if (m === null) continue;
    let i = 1;
    const next = (): number => Number(m[i++]);
    // Missing fields take one fixed day: only values of the same form are compared.
    const year = fields.includes('y') ? next() : 1972;
    if (Math.abs(year) > MAX_YEAR) return undefined;
    const month = fields.includes('m') ? next() : 12;
    const day = fields.includes('d') ? next() : 31;
    let seconds = daysFromCivil(year, month, day) * 86400;
    let fraction = '';
    if (fields.includes('t')) {
      seconds += next() * 3600 + next() * 60;
      const [whole = '', digits = ''] = (m[i++] ?? '').split('.');
      seconds += Number(whole);
      fraction = digits.replace(/0+$/, '');
    }
    const z = m[i];
    const zone = z === undefined ? undefined : z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6)));
    if (zone !== undefined) seconds -= zone * 60;
    return { form: name, seconds, fraction, zone };
  }
  return undefined;
}

function compareOnLine(a: Point, b: Point, shift = 0): number {
  const s = a.seconds - (b.seconds + shift);
  if (s !== 0) return s < 0 ? -1 : 1;
  const n = Math.max(a.fraction.length, b.fraction.length);
  const x = a.fraction.padEnd(n, '0');
  const y = b.fraction.padEnd(n, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

const FOURTEEN_HOURS = 14 * 3600;

/** A duration as months and seconds (both signed), the seconds' fraction digits apart. */
interface Span {
  months: number;
  seconds: number;
  fraction: string;
  negative: boolean;
}

function span(text: string): Span | undefined {
  const d = DURATION.exec(trimXml(text));
  if (d === null) return undefined;
  const n = (i: number): number => Number(d[i] ?? 0);
  const sign = d[1] === undefined ? 1 : -1;
  const [whole = '', digits = ''] = (d[7] ?? '').split('.');
  const months = sign * (n(2) * 12 + n(3));
  const seconds = sign * (n(4) * 86400 + n(5) * 3600 + n(6) * 60 + Number(whole));
  return { months, seconds, fraction: digits.replace(/0+$/, ''), negative: sign < 0 };
}

/** Whether adding `x` to a reference dateTime is exact in the arithmetic of compareSpans. */
function exact(x: Span): boolean {
  return Math.abs(x.months) <= MAX_YEAR * 12 && Number.isSafeInteger(x.seconds);
}

// The four dateTimes XML Schema 1.0 (3.2.6.2) adds durations to, as [year, month]: each is the
// first of its month, so adding months never clamps a day.
const REFERENCES: ReadonlyArray<readonly [number, number]> = [[1696, 9], [1697, 2], [1903, 3], [1903, 7]];

/**
 * The order of two durations: the same at all four reference dateTimes, or NaN when they differ
 * (P1M against P30D: a month lasts 28 to 31 days).
 */
function compareSpans(a: Span, b: Span): number {
  // Fractions as one exact count of their longest digits.
  const n = Math.max(a.fraction.length, b.fraction.length);
  const fraction = (x: Span): bigint => (x.negative ? -1n : 1n) * BigInt(x.fraction.padEnd(n, '0') || '0');
  const scale = 10n ** BigInt(n);
  let order: number | undefined;
  for (const [year, month] of REFERENCES) {
    const at = (x: Span): bigint => {
      const total = month - 1 + x.months;
      const days = daysFromCivil(year + Math.floor(total / 12), (((total % 12) + 12) % 12) + 1, 1);
      return (BigInt(days) * 86400n + BigInt(x.seconds)) * scale + fraction(x);
    };
    const d = at(a) - at(b);
    const c = d === 0n ? 0 : d < 0n ? -1 : 1;
    if (order !== undefined && c !== order) return NaN;
    order = c;
  }
  return order ?? NaN;
}

/**
 * The order of two date/time values of the same form (dateTime, date, time, gYearMonth, gYear,
 * gMonthDay, gMonth, gDay), or of two durations: -1, 0 or 1; NaN when XML Schema's partial order
 * does not order them (a zoned value within fourteen hours of an unzoned one; durations whose
 * order depends on the length of months, P1M and P30D); undefined when they are not both such
 * values of one form (or too large to compare exactly).
 */
export function compareTemporal(a: string, b: string): number | undefined {
  const da = span(a);
  const db = da === undefined ? undefined : span(b);
  if (da !== undefined && db !== undefined) return exact(da) && exact(db) ? compareSpans(da, db) : undefined;
  const x = point(a);
  const y = point(b);
  if (x === undefined || y === undefined || x.form !== y.form) return undefined;
  if ((x.zone === undefined) === (y.zone === undefined)) return compareOnLine(x, y);
  // One is local: it stands somewhere from fourteen hours before to fourteen after its reading as UTC.
  const sign = x.zone === undefined ? -1 : 1;
  const [zoned, local] = x.zone === undefined ? [y, x] : [x, y];
  if (compareOnLine(zoned, local, -FOURTEEN_HOURS) < 0) return -sign;
  if (compareOnLine(zoned, local, FOURTEEN_HOURS) > 0) return sign;
  return NaN;
}

/**
 * A value's identity, for fixed values: two date/time or duration texts of one type are the same
 * value when their keys are equal ("2024-01-02T03:04:05.50Z" is "2024-01-02T04:04:05.5+01:00";
 * "P1D" is "PT24H", not "P30D" nor "P1M"). Throws for text that is neither.
 */
export function temporalValue(text: string): string {
  const d = span(text);
  if (d !== undefined) {
    const zero = d.months === 0 && d.seconds === 0 && d.fraction === '';
    return `P${zero || !d.negative ? '' : '-'}${Math.abs(d.months)}M${Math.abs(d.seconds)}.${d.fraction}S`;
  }
  const p = point(text);
  if (p === undefined) throw new TypeError(`${JSON.stringify(text)} is no date, time or duration`);
  return `${p.form} ${p.zone === undefined ? 'local' : 'UTC'} ${p.seconds}.${p.fraction}`;
}
