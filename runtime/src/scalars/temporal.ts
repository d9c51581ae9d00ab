import { expectString, invalid, trimXml } from './common';
import { DATE, DATE_TIME, DATE_TIME_STAMP, DAY_TIME_DURATION, DURATION, G_DAY, G_MONTH, G_MONTH_DAY, G_YEAR, G_YEAR_MONTH, TIME_ONLY, YEAR_MONTH_DURATION } from './temporal-forms';

// Date and time values stay strings exactly as written (timezone offset, Z or none included): an
// XSD dateTime without a zone, or one with an offset, has no faithful JS Date equivalent.

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthOk(mm: string): boolean {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}

/** With `year` undefined (gMonthDay) 29 February is allowed. */
function dayOk(dd: string, mm: string, year: string | undefined): boolean {
  const d = Number(dd);
  const m = Number(mm);
  if (d < 1) return false;
  if (m === 2 && year !== undefined) return d <= (isLeap(Number(year)) ? 29 : 28);
  return d <= (DAYS_IN_MONTH[m] ?? 0);
}

function timeOk(hh: string, mi: string, ss: string): boolean {
  const h = Number(hh);
  const m = Number(mi);
  const s = Number(ss);
  if (h === 24) return m === 0 && s === 0;
  return h <= 23 && m <= 59 && s < 60;
}

function zoneOk(zone: string | undefined): boolean {
  if (zone === undefined || zone === 'Z') return true;
  const h = Number(zone.slice(1, 3));
  const m = Number(zone.slice(4, 6));
  return m <= 59 && (h < 14 || (h === 14 && m === 0));
}

type Check = (m: RegExpExecArray) => boolean;

/** Refuses `text` (`s` trimmed) as a `type`, saying why when its year is 0000 (but in 1.1's dateTimeStamp) or its gMonth the first edition's. */
function refuse(text: string, s: string, type: string, example: string): never {
  if (type !== 'dateTimeStamp' && /^-?0000(?![0-9])/.test(s)) invalid(text, type, 'a year other than 0000, which XML Schema 1.0 does not have: 1 BCE is -0001');
  if (type === 'gMonth' && /^--[0-9]{2}--/.test(s)) {
    invalid(text, type, `a value like ${s.slice(0, 4)}; --MM--, printed in the first edition of XML Schema 1.0, was corrected to --MM`);
  }
  return invalid(text, type, `a value like ${example}`);
}

function temporal(text: string, re: RegExp, check: Check, type: string, example: string): string {
  const s = trimXml(text);
  const m = re.exec(s);
  if (m === null || !check(m)) refuse(text, s, type, example);
  return s;
}

const g = (m: RegExpExecArray, i: number): string => m[i] ?? '';

const checkDate: Check = (m) => monthOk(g(m, 2)) && dayOk(g(m, 3), g(m, 2), g(m, 1)) && zoneOk(m[4]);
const checkTime: Check = (m) => timeOk(g(m, 1), g(m, 2), g(m, 3)) && zoneOk(m[4]);
const checkGYear: Check = (m) => zoneOk(m[2]);
const checkGYearMonth: Check = (m) => monthOk(g(m, 2)) && zoneOk(m[3]);
const checkGMonth: Check = (m) => monthOk(g(m, 1)) && zoneOk(m[2]);
const checkGMonthDay: Check = (m) => monthOk(g(m, 1)) && dayOk(g(m, 2), g(m, 1), undefined) && zoneOk(m[3]);
const checkGDay: Check = (m) => Number(g(m, 1)) >= 1 && Number(g(m, 1)) <= 31 && zoneOk(m[2]);
const always: Check = () => true;

/** The two digits at `i` as a number (the shape is checked before). */
const two = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/**
 * Whether `s` is a dateTime (of `form`: DATE_TIME_STAMP for a dateTimeStamp), checked without a
 * match array: `test` allocates nothing, and the fields sit at fixed places after the year. exec's
 * array and its seven substrings were a tenth of what reading a response of personas allocated,
 * one dateTime each.
 */
function dateTimeOk(s: string, form = DATE_TIME): boolean {
  if (!form.test(s)) return false;
  const y = s.indexOf('-', 1);
  const month = two(s, y + 1);
  const day = two(s, y + 4);
  const hour = two(s, y + 7);
  const minute = two(s, y + 10);
  const second = two(s, y + 13);
  // The fraction only matters at 24:00:00, where it must be zero.
  let end = s.length;
  const last = s.charCodeAt(end - 1);
  if (last === 90 /* Z */) end--;
  else if (end - 6 > y + 14 && (s.charCodeAt(end - 6) === 43 || s.charCodeAt(end - 6) === 45) /* + - */) {
    const zh = two(s, end - 5);
    const zm = two(s, end - 2);
    if (zm > 59 || zh > 14 || (zh === 14 && zm !== 0)) return false;
    end -= 6;
  }
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > (DAYS_IN_MONTH[month] ?? 0)) return false;
  if (month === 2 && day === 29 && !isLeap(Number(s.slice(0, y)))) return false;
  if (hour === 24) return minute === 0 && second === 0 && !/[1-9]/.test(s.slice(y + 15, end));
  return hour <= 23 && minute <= 59 && second <= 59;
}

export const parseDateTime = (text: string): string => {
  const s = trimXml(text);
  if (!dateTimeOk(s)) refuse(text, s, 'dateTime', '2024-02-29T13:45:00.5+01:00');
  return s;
};
export const formatDateTime = (value: string): string => parseDateTime(expectString(value, 'dateTime'));

/** XSD 1.1 xs:dateTimeStamp: a dateTime whose timezone is required, and whose year may be 0000 (1.1's 1 BCE). */
export const parseDateTimeStamp = (text: string): string => {
  const s = trimXml(text);
  if (!dateTimeOk(s, DATE_TIME_STAMP)) refuse(text, s, 'dateTimeStamp', '2024-02-29T13:45:00Z');
  return s;
};
export const formatDateTimeStamp = (value: string): string => parseDateTimeStamp(expectString(value, 'dateTimeStamp'));

export const parseDate = (text: string): string => temporal(text, DATE, checkDate, 'date', '2024-02-29 or 2024-02-29Z');
export const formatDate = (value: string): string => parseDate(expectString(value, 'date'));

export const parseTime = (text: string): string => temporal(text, TIME_ONLY, checkTime, 'time', '13:45:00 or 13:45:00.250-05:00');
export const formatTime = (value: string): string => parseTime(expectString(value, 'time'));

export const parseDuration = (text: string): string => temporal(text, DURATION, always, 'duration', 'P1Y2M3DT4H5M6.5S or -PT30M');
export const formatDuration = (value: string): string => parseDuration(expectString(value, 'duration'));

export const parseDayTimeDuration = (text: string): string =>
  temporal(text, DAY_TIME_DURATION, always, 'dayTimeDuration', 'P3DT4H or PT30M');
export const formatDayTimeDuration = (value: string): string => parseDayTimeDuration(expectString(value, 'dayTimeDuration'));

export const parseYearMonthDuration = (text: string): string =>
  temporal(text, YEAR_MONTH_DURATION, always, 'yearMonthDuration', 'P1Y2M');
export const formatYearMonthDuration = (value: string): string =>
  parseYearMonthDuration(expectString(value, 'yearMonthDuration'));

export const parseGYear = (text: string): string => temporal(text, G_YEAR, checkGYear, 'gYear', '2024 or 2024Z');
export const formatGYear = (value: string): string => parseGYear(expectString(value, 'gYear'));

export const parseGYearMonth = (text: string): string => temporal(text, G_YEAR_MONTH, checkGYearMonth, 'gYearMonth', '2024-02');
export const formatGYearMonth = (value: string): string => parseGYearMonth(expectString(value, 'gYearMonth'));

export const parseGMonth = (text: string): string => temporal(text, G_MONTH, checkGMonth, 'gMonth', '--02');
export const formatGMonth = (value: string): string => parseGMonth(expectString(value, 'gMonth'));

export const parseGMonthDay = (text: string): string => temporal(text, G_MONTH_DAY, checkGMonthDay, 'gMonthDay', '--02-29');
export const formatGMonthDay = (value: string): string => parseGMonthDay(expectString(value, 'gMonthDay'));

export const parseGDay = (text: string): string => temporal(text, G_DAY, checkGDay, 'gDay', '---29');
export const formatGDay = (value: string): string => parseGDay(expectString(value, 'gDay'));
