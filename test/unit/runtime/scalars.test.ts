import fc from 'fast-check';
import * as rt from '../../../runtime/src';
import { splitList, ValueError } from '../../../runtime/src';

type Parser<T> = (text: string) => T;

function rejects(parse: Parser<unknown>, inputs: readonly string[]): void {
  for (const input of inputs) {
    let thrown: unknown;
    try {
      parse(input);
    } catch (e) {
      thrown = e;
    }
    if (!(thrown instanceof ValueError)) throw new Error(`expected ValueError for ${JSON.stringify(input)}, got ${String(thrown)}`);
  }
}

describe('string family', () => {
  it('keeps xs:string exactly', () => {
    expect(rt.parseString('  a\r\n\tb  ')).toBe('  a\r\n\tb  ');
    expect(rt.formatString(' x ')).toBe(' x ');
  });

  it('replaces whitespace for normalizedString and collapses it for token', () => {
    expect(rt.parseNormalizedString(' a\tb\nc\rd ')).toBe(' a b c d ');
    expect(rt.formatNormalizedString('a\nb')).toBe('a b');
    expect(rt.parseToken('  a \t\n b   c ')).toBe('a b c');
    expect(rt.parseToken('already clean')).toBe('already clean');
    expect(rt.formatToken(' x  y ')).toBe('x y');
  });

  it('validates language tags', () => {
    expect(rt.parseLanguage(' en-US ')).toBe('en-US');
    expect(rt.parseLanguage('x-klingon')).toBe('x-klingon');
    expect(rt.parseLanguage('zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(rt.formatLanguage('de')).toBe('de');
    rejects(rt.parseLanguage, ['', 'en_US', 'toolonglang', 'en-', '-en', 'en--US', '12', 'en US']);
    expect(() => rt.formatLanguage('en US')).toThrow(ValueError);
  });

  it('validates Name, NCName and NMTOKEN', () => {
    expect(rt.parseName(' a:b ')).toBe('a:b');
    expect(rt.parseNCName('_x-1.\u00e9')).toBe('_x-1.\u00e9');
    expect(rt.parseNMTOKEN('123-abc')).toBe('123-abc');
    expect(rt.formatNCName('Persona')).toBe('Persona');
    rejects(rt.parseName, ['', '1a', '-a', 'a b']);
    rejects(rt.parseNCName, ['', 'a:b', '1a', '.a', 'a b']);
    rejects(rt.parseNMTOKEN, ['', 'a b', 'a,b']);
    expect(() => rt.formatNCName('a:b')).toThrow(ValueError);
  });

  it('splits list types on whitespace and validates every item', () => {
    expect(rt.parseNMTOKENS('  one\ttwo\n3  ')).toEqual(['one', 'two', '3']);
    expect(rt.parseIDREFS('a b')).toEqual(['a', 'b']);
    expect(rt.parseENTITIES('e1')).toEqual(['e1']);
    expect(rt.formatNMTOKENS(['a', '1'])).toBe('a 1');
    expect(rt.formatIDREFS(['a', 'b'])).toBe('a b');
    rejects(rt.parseNMTOKENS, ['', '   ', 'a ,b']);
    rejects(rt.parseIDREFS, ['1a', 'a b:c']);
    expect(() => rt.formatNMTOKENS([])).toThrow(ValueError);
    expect(() => rt.formatNMTOKENS(['a b'])).toThrow(ValueError);
    expect(() => rt.formatENTITIES(['x:y'])).toThrow(ValueError);
  });

  it('collapses anyURI', () => {
    expect(rt.parseAnyURI(' http://example.com/a b ')).toBe('http://example.com/a b');
    expect(rt.formatAnyURI('urn:x')).toBe('urn:x');
  });

  it('refuses an anyURI with a % that starts no escape of two hex digits, reading and writing, as libxml2 does', () => {
    expect(rt.parseAnyURI('http://example.com/a%20b%2F%c3%A9')).toBe('http://example.com/a%20b%2F%c3%A9');
    expect(rt.formatAnyURI('a%7e')).toBe('a%7e');
    // Before, any text was taken.
    for (const bad of ['%zz', 'http://x/%GG', 'a%2', 'a%', '%', '100% sure']) {
      expect(() => rt.parseAnyURI(bad)).toThrow(ValueError);
      expect(() => rt.formatAnyURI(bad)).toThrow(ValueError);
    }
    expect(() => rt.parseAnyURI(' a%zz ')).toThrow('" a%zz " is not a valid xs:anyURI (expected a URI whose every % starts an escape of two hex digits, as %20)');
  });

  it('rejects non-strings in formatters', () => {
    expect(() => rt.formatString(5 as unknown as string)).toThrow(ValueError);
    expect(() => rt.formatToken(null as unknown as string)).toThrow(ValueError);
  });
});

describe('boolean', () => {
  it('reads true/false/1/0 with surrounding whitespace', () => {
    expect(['true', '1', ' true\n', '\t1 '].map(rt.parseBoolean)).toEqual([true, true, true, true]);
    expect(['false', '0', ' false '].map(rt.parseBoolean)).toEqual([false, false, false]);
  });

  it('rejects anything else', () => {
    rejects(rt.parseBoolean, ['', 'TRUE', 'True', 'yes', '2', 't', 'tr ue', '01']);
  });

  it('writes true/false', () => {
    expect(rt.formatBoolean(true)).toBe('true');
    expect(rt.formatBoolean(false)).toBe('false');
    expect(() => rt.formatBoolean(1 as unknown as boolean)).toThrow(ValueError);
  });

  it('writes the form a pattern admits: the words first, the digits where only they match', () => {
    const digits = [/^(?:0|1)$/u];
    expect([true, false].map((v) => rt.formatBooleanMatching(v, digits))).toEqual(['1', '0']);
    expect([true, false].map((v) => rt.formatBooleanMatching(v, [/^(?:true|false|1)$/u]))).toEqual(['true', 'false']);
    // Only "1" admitted: true is written so; false keeps its word for the pattern check to refuse.
    expect([true, false].map((v) => rt.formatBooleanMatching(v, [/^1$/u]))).toEqual(['1', 'false']);
    const sticky = /^1$/gu;
    expect([true, true].map((v) => rt.formatBooleanMatching(v, [sticky]))).toEqual(['1', '1']);
  });
});

describe('bounded integers (number)', () => {
  const cases: Array<[string, Parser<number>, (v: number) => string, number, number]> = [
    ['int', rt.parseInt32, rt.formatInt32, -2147483648, 2147483647],
    ['short', rt.parseInt16, rt.formatInt16, -32768, 32767],
    ['byte', rt.parseInt8, rt.formatInt8, -128, 127],
    ['unsignedInt', rt.parseUInt32, rt.formatUInt32, 0, 4294967295],
    ['unsignedShort', rt.parseUInt16, rt.formatUInt16, 0, 65535],
    ['unsignedByte', rt.parseUInt8, rt.formatUInt8, 0, 255],
  ];

  describe.each(cases)('xs:%s', (type, parse, format, min, max) => {
    it('accepts the range limits, signs, leading zeros and surrounding whitespace', () => {
      expect(parse(String(min))).toBe(min);
      expect(parse(String(max))).toBe(max);
      expect(parse(' +0012 ')).toBe(12);
      expect(Object.is(parse('-0'), 0)).toBe(true);
      expect(parse('\n7\t')).toBe(7);
    });

    it('rejects values just outside the range, and huge ones', () => {
      expect(() => parse(String(min - 1))).toThrow(/out of range/);
      expect(() => parse(String(max + 1))).toThrow(/out of range/);
      expect(() => parse('99999999999999999999999999')).toThrow(new RegExp(`out of range for xs:${type}`));
    });

    it('accepts only the integer lexical form', () => {
      rejects(parse, ['', ' ', 'abc', '1.5', '1.0', '1e3', '+', '-', '1 2', '0x10', '١', '++1', 'NaN', 'Infinity']);
    });

    it('formats integers in range and rejects everything else', () => {
      expect(format(min)).toBe(String(min));
      expect(format(max)).toBe(String(max));
      expect(format(-0)).toBe('0');
      for (const bad of [min - 1, max + 1, 1.5, NaN, Infinity]) expect(() => format(bad)).toThrow(ValueError);
      expect(() => format('1' as unknown as number)).toThrow(ValueError);
    });

    it('round-trips every value in range (property)', () => {
      fc.assert(fc.property(fc.integer({ min, max }), (v) => parse(format(v)) === v));
    });
  });
});

describe('unbounded and 64-bit integers (bigint)', () => {
  it('parses arbitrarily large integers exactly', () => {
    expect(rt.parseInteger(' -123456789012345678901234567890 ')).toBe(-123456789012345678901234567890n);
    expect(rt.parseInteger('+007')).toBe(7n);
    rejects(rt.parseInteger, ['', '1.0', '1e5', 'abc', '- 1', '0x1']);
  });

  it('checks the range of each derived type', () => {
    expect(rt.parseLong('-9223372036854775808')).toBe(-(2n ** 63n));
    expect(rt.parseLong('9223372036854775807')).toBe(2n ** 63n - 1n);
    expect(() => rt.parseLong('9223372036854775808')).toThrow(/out of range for xs:long/);
    expect(() => rt.parseLong('-9223372036854775809')).toThrow(ValueError);
    expect(rt.parseULong('18446744073709551615')).toBe(2n ** 64n - 1n);
    expect(() => rt.parseULong('18446744073709551616')).toThrow(ValueError);
    expect(() => rt.parseULong('-1')).toThrow(ValueError);
    expect(rt.parseNonNegativeInteger('0')).toBe(0n);
    expect(() => rt.parseNonNegativeInteger('-1')).toThrow(ValueError);
    expect(rt.parsePositiveInteger('1')).toBe(1n);
    expect(() => rt.parsePositiveInteger('0')).toThrow(ValueError);
    expect(rt.parseNonPositiveInteger('-0')).toBe(0n);
    expect(() => rt.parseNonPositiveInteger('1')).toThrow(ValueError);
    expect(rt.parseNegativeInteger('-1')).toBe(-1n);
    expect(() => rt.parseNegativeInteger('0')).toThrow(ValueError);
  });

  it('formats bigint (and safe integer numbers), checking ranges', () => {
    expect(rt.formatInteger(-5n)).toBe('-5');
    expect(rt.formatInteger(42)).toBe('42');
    expect(rt.formatLong(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(() => rt.formatLong(2n ** 63n)).toThrow(ValueError);
    expect(() => rt.formatULong(-1n)).toThrow(ValueError);
    expect(() => rt.formatPositiveInteger(0n)).toThrow(ValueError);
    expect(() => rt.formatNegativeInteger(0n)).toThrow(ValueError);
    expect(rt.formatNonPositiveInteger(0n)).toBe('0');
    expect(rt.formatNonNegativeInteger(3)).toBe('3');
    expect(() => rt.formatInteger(1.5)).toThrow(ValueError);
    expect(() => rt.formatInteger(2 ** 60)).toThrow(ValueError);
    expect(() => rt.formatInteger('5' as unknown as bigint)).toThrow(ValueError);
  });

  it('round-trips (property)', () => {
    fc.assert(fc.property(fc.bigInt(), (v) => rt.parseInteger(rt.formatInteger(v)) === v));
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => rt.parseLong(rt.formatLong(v)) === v));
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => rt.parseULong(rt.formatULong(v)) === v));
  });
});

describe('decimal', () => {
  it('keeps the lexical form exactly (after trimming)', () => {
    for (const s of ['0', '-0.0', '+12.50', '.5', '5.', '00012345678901234567890.12345678901234567890']) {
      expect(rt.parseDecimal(` ${s}\n`)).toBe(s);
      expect(rt.formatDecimal(s)).toBe(s);
    }
  });

  it('rejects other forms', () => {
    rejects(rt.parseDecimal, ['', '.', '1e5', 'INF', 'NaN', '1,5', '1.2.3', '+-1', '- 1']);
    expect(() => rt.formatDecimal(' 1')).toThrow(ValueError);
    expect(() => rt.formatDecimal(1.5 as unknown as string)).toThrow(ValueError);
  });

  it('round-trips generated decimals (property)', () => {
    const decimal = fc.stringMatching(/^[+-]?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})$/);
    fc.assert(fc.property(decimal, (s) => rt.parseDecimal(rt.formatDecimal(s)) === s));
  });
});

describe('double and float', () => {
  it('reads numbers, exponents and the special values', () => {
    expect(rt.parseDouble(' 1.5E3 ')).toBe(1500);
    expect(rt.parseDouble('-.5e-2')).toBe(-0.005);
    expect(rt.parseDouble('5.')).toBe(5);
    expect(rt.parseDouble('INF')).toBe(Infinity);
    expect(rt.parseDouble('-INF')).toBe(-Infinity);
    expect(rt.parseDouble('NaN')).toBeNaN();
    expect(Object.is(rt.parseDouble('-0'), -0)).toBe(true);
    expect(rt.parseDouble('1e400')).toBe(Infinity);
  });

  it('rejects what XSD does not allow', () => {
    rejects(rt.parseDouble, ['', 'Infinity', 'inf', 'nan', '-NaN', '1e', 'e5', '0x10', '1,5', '.', '1.5f', '1_000']);
    rejects(rt.parseFloat32, ['', 'Infinity', 'abc']);
    // XML Schema 1.0 has INF and -INF, not +INF (1.1 added it); libxml2 refuses it. Before, it was read as Infinity.
    rejects(rt.parseDouble, ['+INF', ' +INF ']);
    rejects(rt.parseFloat32, ['+INF']);
    expect(() => rt.parseDouble('+INF')).toThrow('"+INF" is not a valid xs:double (expected a number, INF, -INF or NaN)');
  });

  it('writes INF, -INF, NaN and -0', () => {
    expect([Infinity, -Infinity, NaN, -0, 0].map(rt.formatDouble)).toEqual(['INF', '-INF', 'NaN', '-0', '0']);
    expect([Infinity, -Infinity, NaN, -0].map(rt.formatFloat32)).toEqual(['INF', '-INF', 'NaN', '-0']);
    expect(rt.formatDouble(1e21)).toBe('1e+21');
    expect(() => rt.formatDouble('1' as unknown as number)).toThrow(ValueError);
  });

  it('rounds float to single precision and writes the shortest form that reads back', () => {
    expect(rt.parseFloat32('0.1')).toBe(Math.fround(0.1));
    expect(rt.formatFloat32(0.1)).toBe('0.1');
    expect(rt.formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(rt.formatFloat32(16777217)).toBe('16777216');
    expect(rt.formatFloat32(3.4028234663852886e38)).toBe('3.4028235e+38');
    expect(() => rt.formatFloat32(1e39)).toThrow(ValueError);
  });

  it('round-trips every double and every float (property)', () => {
    fc.assert(fc.property(fc.double(), (v) => Object.is(rt.parseDouble(rt.formatDouble(v)), v)));
    fc.assert(fc.property(fc.float(), (v) => Object.is(rt.parseFloat32(rt.formatFloat32(v)), v)));
  });
});

describe('date and time types', () => {
  it('keeps dateTime exactly as given, offset, Z or no zone', () => {
    for (const s of [
      '2012-05-11T10:00:00Z',
      '2012-05-11T10:00:00',
      '2012-05-11T10:00:00.1234567-07:00',
      '2012-05-11T10:00:00+14:00',
      '2012-05-11T10:00:00-00:00',
      '2024-02-29T23:59:59.999+05:30',
      '2000-02-29T24:00:00',
      '-0044-03-15T12:00:00',
      '12345-01-01T00:00:00Z',
      '0001-01-01T00:00:00',
      '-0001-12-31T23:59:59',
    ]) {
      expect(rt.parseDateTime(` ${s} `)).toBe(s);
      expect(rt.formatDateTime(s)).toBe(s);
    }
  });

  it('rejects invalid dateTimes', () => {
    rejects(rt.parseDateTime, [
      '',
      '2012-13-01T00:00:00',
      '2012-00-01T00:00:00',
      '2012-04-31T00:00:00',
      '2023-02-29T00:00:00',
      '1900-02-29T00:00:00',
      '2012-05-11T25:00:00',
      '2012-05-11T24:00:01',
      '2012-05-11T10:60:00',
      '2012-05-11T10:00:60',
      '2012-05-11T10:00:00+14:01',
      '2012-05-11T10:00:00+15:00',
      '2012-05-11T10:00:00+05:60',
      '2012-05-11T10:00:00z',
      '2012-05-11 10:00:00',
      '2012-5-11T10:00:00',
      '212-05-11T10:00:00',
      '02012-05-11T10:00:00',
      '2012-05-11T10:00',
      '2012-05-11T10:00:00.',
      '2012-05-11',
    ]);
  });

  it('refuses year 0000, which XML Schema 1.0 does not have, reading and writing, as libxml2 does', () => {
    // Before, 0000 (and -0000) were taken, as XML Schema 1.1 takes 0000 for 1 BCE; in 1.0 that is -0001.
    const cases: Array<[Parser<string>, Parser<string>, string, string]> = [
      [rt.parseDateTime, rt.formatDateTime, 'dateTime', '0000-01-01T00:00:00'],
      [rt.parseDateTime, rt.formatDateTime, 'dateTime', '-0000-01-01T00:00:00Z'],
      [rt.parseDate, rt.formatDate, 'date', '0000-02-29'],
      [rt.parseDate, rt.formatDate, 'date', '-0000-01-01'],
      [rt.parseGYear, rt.formatGYear, 'gYear', '0000'],
      [rt.parseGYear, rt.formatGYear, 'gYear', '-0000Z'],
      [rt.parseGYearMonth, rt.formatGYearMonth, 'gYearMonth', '0000-01'],
    ];
    for (const [parse, format, type, text] of cases) {
      const message = `${JSON.stringify(text)} is not a valid xs:${type} (expected a year other than 0000, which XML Schema 1.0 does not have: 1 BCE is -0001)`;
      expect(() => parse(text)).toThrow(message);
      expect(() => format(text)).toThrow(message);
    }
    // 0000 in longer years is no year zero.
    expect([rt.parseGYear('10000'), rt.parseGYear('-10000'), rt.parseGYear('-0001')]).toEqual(['10000', '-10000', '-0001']);
    rejects(rt.parseGYear, ['00000', '-00001']);
  });

  it("takes year 0000 in XML Schema 1.1's dateTimeStamp, where it is 1 BCE, reading and writing", () => {
    // Before, dateTimeStamp shared dateTime's XML Schema 1.0 year, which has no 0000.
    for (const text of ['0000-01-01T00:00:00Z', '-0000-12-31T23:59:59+14:00', '0000-02-29T12:00:00-05:00']) {
      expect([rt.parseDateTimeStamp(text), rt.formatDateTimeStamp(text)]).toEqual([text, text]);
    }
    // 0000 is a leap year, -0001 (2 BCE) is not; a zone is still required, and no leading zero beyond four digits.
    rejects(rt.parseDateTimeStamp, ['-0001-02-29T00:00:00Z', '0000-01-01T00:00:00', '00000-01-01T00:00:00Z']);
    expect(() => rt.parseDateTimeStamp('0000-01-01T00:00:00')).toThrow(
      '"0000-01-01T00:00:00" is not a valid xs:dateTimeStamp (expected a value like 2024-02-29T13:45:00Z)',
    );
    // dateTime is XML Schema 1.0's still.
    rejects(rt.parseDateTime, ['0000-01-01T00:00:00Z']);
  });

  it('requires a timezone for dateTimeStamp', () => {
    expect(rt.parseDateTimeStamp('2012-05-11T10:00:00Z')).toBe('2012-05-11T10:00:00Z');
    expect(() => rt.parseDateTimeStamp('2012-05-11T10:00:00')).toThrow(ValueError);
  });

  it('validates date and time', () => {
    expect(rt.parseDate('2024-02-29')).toBe('2024-02-29');
    expect(rt.parseDate('2024-02-29Z')).toBe('2024-02-29Z');
    expect(rt.parseDate('2024-02-29-05:00')).toBe('2024-02-29-05:00');
    rejects(rt.parseDate, ['2023-02-29', '2024-13-01', '2024-01-32', '2024-01-00', '2024-01-01T00:00:00']);
    expect(rt.parseTime('13:45:00')).toBe('13:45:00');
    expect(rt.parseTime('13:45:00.250+01:00')).toBe('13:45:00.250+01:00');
    expect(rt.parseTime('24:00:00')).toBe('24:00:00');
    rejects(rt.parseTime, ['13:45', '25:00:00', '13:61:00', '1:00:00', '13:45:00 Z']);
  });

  it('validates durations', () => {
    for (const s of ['P1Y2M3DT4H5M6.5S', '-PT30M', 'P0D', 'PT0S', 'P1Y', 'PT1.S', 'PT.5S', 'P100000D', 'PT36H']) {
      expect(rt.parseDuration(s)).toBe(s);
    }
    rejects(rt.parseDuration, ['', 'P', 'PT', 'P1YT', '1Y', 'P-1Y', 'P1.5Y', 'PT1H2S3M', 'P1M2Y', 'P1DT', '+P1D', 'PT.S']);
    expect(rt.parseDayTimeDuration('P1DT2H')).toBe('P1DT2H');
    expect(() => rt.parseDayTimeDuration('P1Y')).toThrow(ValueError);
    expect(rt.parseYearMonthDuration('-P1Y2M')).toBe('-P1Y2M');
    expect(() => rt.parseYearMonthDuration('P1D')).toThrow(ValueError);
  });

  it('validates the Gregorian fragments', () => {
    expect(rt.parseGYear('2024')).toBe('2024');
    expect(rt.parseGYear('-0001Z')).toBe('-0001Z');
    rejects(rt.parseGYear, ['24', '2024-01', '+2024']);
    expect(rt.parseGYearMonth('2024-02+01:00')).toBe('2024-02+01:00');
    rejects(rt.parseGYearMonth, ['2024-13', '2024-2']);
    expect(rt.parseGMonth('--02')).toBe('--02');
    rejects(rt.parseGMonth, ['--13', '-02', '02']);
    expect(rt.parseGMonthDay('--02-29')).toBe('--02-29');
    rejects(rt.parseGMonthDay, ['--02-30', '--04-31', '--13-01', '--01-00']);
    expect(rt.parseGDay('---31Z')).toBe('---31Z');
    rejects(rt.parseGDay, ['---32', '---00', '--31']);
    expect(rt.formatGDay('---01')).toBe('---01');
    expect(() => rt.formatGMonthDay('--02-30')).toThrow(ValueError);
  });

  it('refuses the --MM-- gMonth of the first edition, which an erratum corrected to --MM, reading and writing, as libxml2 does', () => {
    // Before, --12-- was read and written as it came.
    for (const text of ['--12--', '--02--Z', '--02--+01:00']) {
      expect(() => rt.parseGMonth(text)).toThrow(ValueError);
      expect(() => rt.formatGMonth(text)).toThrow(ValueError);
    }
    expect(() => rt.parseGMonth('--12--')).toThrow('"--12--" is not a valid xs:gMonth (expected a value like --12; --MM--, printed in the first edition of XML Schema 1.0, was corrected to --MM)');
  });

  it('round-trips generated dateTimes (property)', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    const arb = fc
      .record({
        year: fc.integer({ min: 1, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        h: fc.integer({ min: 0, max: 23 }),
        m: fc.integer({ min: 0, max: 59 }),
        s: fc.integer({ min: 0, max: 59 }),
        frac: fc.option(fc.stringMatching(/^[0-9]{1,7}$/), { nil: undefined }),
        zone: fc.constantFrom('', 'Z', '+01:00', '-07:00', '+14:00', '-00:00'),
      })
      .map(
        (d) =>
          `${String(d.year).padStart(4, '0')}-${two(d.month)}-${two(d.day)}T${two(d.h)}:${two(d.m)}:${two(d.s)}` +
          `${d.frac === undefined ? '' : '.' + d.frac}${d.zone}`,
      );
    fc.assert(fc.property(arb, (s) => rt.parseDateTime(rt.formatDateTime(s)) === s));
  });
});

describe('dateTime fields at their edges (property)', () => {
  it('accepts exactly the dates, times and offsets that exist', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = (y: number, m: number): number => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
    const arb = fc.record({
      year: fc.constantFrom('-0004', '0000', '1900', '2000', '2023', '2024', '12345', '-12344'),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      m: fc.integer({ min: 0, max: 60 }),
      s: fc.integer({ min: 0, max: 60 }),
      frac: fc.constantFrom('', '.0', '.000', '.5', '.0001'),
      zone: fc.constantFrom('', 'Z', '+14:00', '+14:01', '-13:59', '+05:60', '+15:00', '-00:00'),
    });
    fc.assert(
      fc.property(arb, (d) => {
        const text = `${d.year}-${two(d.month)}-${two(d.day)}T${two(d.h)}:${two(d.m)}:${two(d.s)}${d.frac}${d.zone}`;
        const zone = /^[+-](\d\d):(\d\d)$/.exec(d.zone);
        const zh = Number(zone?.[1] ?? 0);
        const zm = Number(zone?.[2] ?? 0);
        const valid =
          d.year !== '0000' &&
          d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days(Number(d.year), d.month) &&
          ((d.h <= 23 && d.m <= 59 && d.s <= 59) || (d.h === 24 && d.m === 0 && d.s === 0 && !/[1-9]/.test(d.frac))) &&
          zm <= 59 && (zh < 14 || (zh === 14 && zm === 0));
        let accepted = true;
        try {
          rt.parseDateTime(text);
        } catch {
          accepted = false;
        }
        expect([text, accepted]).toEqual([text, valid]);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});

describe('binary types', () => {
  const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

  it('decodes base64, ignoring whitespace anywhere', () => {
    expect(rt.parseBase64('')).toEqual(bytes());
    expect(rt.parseBase64('TWFu')).toEqual(bytes(77, 97, 110));
    expect(rt.parseBase64('TWE=')).toEqual(bytes(77, 97));
    expect(rt.parseBase64('TQ==')).toEqual(bytes(77));
    expect(rt.parseBase64(' T W\nF u\r\n\tT Q = = ')).toEqual(bytes(77, 97, 110, 77));
    expect(rt.parseBase64('+/+/')).toEqual(bytes(0xfb, 0xff, 0xbf));
  });

  it('rejects bad base64', () => {
    rejects(rt.parseBase64, ['T', 'TWF', 'TWFu=', 'TW=u', 'T===', '====', 'TW-u', 'TW_u', 'TWFu\u00e9AAA', 'TR==', 'TWF=']);
    expect(() => rt.parseBase64('TW!u')).toThrow(/unexpected "!"/);
  });

  it('encodes base64 with padding', () => {
    expect(rt.formatBase64(bytes())).toBe('');
    expect(rt.formatBase64(bytes(77))).toBe('TQ==');
    expect(rt.formatBase64(bytes(77, 97))).toBe('TWE=');
    expect(rt.formatBase64(bytes(77, 97, 110))).toBe('TWFu');
    expect(rt.formatBase64(new TextEncoder().encode('any carnal pleasure.'))).toBe('YW55IGNhcm5hbCBwbGVhc3VyZS4=');
    expect(() => rt.formatBase64('TQ==' as unknown as Uint8Array)).toThrow(ValueError);
  });

  it('agrees with Node Buffer and round-trips (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const text = rt.formatBase64(b);
        expect(text).toBe(Buffer.from(b).toString('base64'));
        expect(rt.parseBase64(text)).toEqual(b);
      }),
    );
  });

  it('decodes and encodes hexBinary', () => {
    expect(rt.parseHex(' 0fA0ff ')).toEqual(bytes(0x0f, 0xa0, 0xff));
    expect(rt.parseHex('')).toEqual(bytes());
    expect(rt.formatHex(bytes(0x0f, 0xa0, 0xff))).toBe('0FA0FF');
    rejects(rt.parseHex, ['0', 'abc', 'zz', '0x00', '0 0']);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => expect(rt.parseHex(rt.formatHex(b))).toEqual(b)));
  });
});

describe('QName', () => {
  const scope: Record<string, string> = { '': 'urn:default', t: 'urn:types' };
  const resolve = (p: string): string | undefined => (Object.prototype.hasOwnProperty.call(scope, p) ? scope[p] : undefined);

  it('resolves the prefix through the given resolver', () => {
    expect(rt.parseQName(' t:Persona ', resolve)).toEqual({ namespace: 'urn:types', localName: 'Persona' });
    expect(rt.parseQName('Persona', resolve)).toEqual({ namespace: 'urn:default', localName: 'Persona' });
    expect(rt.parseQName('Persona', () => undefined)).toEqual({ namespace: '', localName: 'Persona' });
  });

  it('rejects undeclared prefixes and malformed names', () => {
    expect(() => rt.parseQName('x:Persona', resolve)).toThrow(/prefix 'x'/);
    rejects((s) => rt.parseQName(s, resolve), ['', ':a', 'a:', 'a:b:c', '1a', 't:1a', 'a b']);
  });

  it('formats with the chosen prefix', () => {
    const prefixFor = (ns: string): string => (ns === 'urn:types' ? 't' : '');
    expect(rt.formatQName({ namespace: 'urn:types', localName: 'Persona' }, prefixFor)).toBe('t:Persona');
    expect(rt.formatQName({ namespace: 'urn:default', localName: 'Persona' }, prefixFor)).toBe('Persona');
    expect(() => rt.formatQName({ namespace: 'urn:types', localName: 'a:b' }, prefixFor)).toThrow(ValueError);
    expect(() => rt.formatQName({ namespace: 'urn:types', localName: 'x' }, () => '1bad')).toThrow(ValueError);
  });

  it('is written with the message\'s prefix, or with a declaration of a prefix the message does not use', () => {
    const prefixes = new Map([['urn:types', 't'], ['urn:q', 'q']]);
    expect(rt.writeQNameElement('t:Kind', { namespace: 'urn:types', localName: 'A' }, prefixes)).toBe('<t:Kind>t:A</t:Kind>');
    expect(rt.writeQNameElement('t:Kind', { namespace: 'urn:new', localName: 'A' }, prefixes)).toBe('<t:Kind xmlns:q_="urn:new">q_:A</t:Kind>');
    expect(rt.writeQNameElement('Kind', { namespace: '', localName: 'A' }, prefixes)).toBe('<Kind>A</Kind>');
    expect(rt.writeQNameElement('Kind', { namespace: 'http://www.w3.org/XML/1998/namespace', localName: 'lang' }, prefixes)).toBe('<Kind>xml:lang</Kind>');
    expect(rt.writeQNameAttribute('t:of', { namespace: 'urn:a&b', localName: 'A' }, prefixes)).toBe(' xmlns:q_t_of="urn:a&amp;b" t:of="q_t_of:A"');
    expect(() => rt.writeQNameElement('K', { namespace: 'http://www.w3.org/2000/xmlns/', localName: 'a' }, prefixes)).toThrow(ValueError);
    expect(() => rt.writeQNameElement('K', { namespace: 'urn:types', localName: 'a:b' }, prefixes)).toThrow(ValueError);
  });

  it('writes a list of QNames declaring each namespace the message lacks once, and reads it back in scope', () => {
    const prefixes = new Map([['urn:types', 't'], ['urn:q2', 'q2']]);
    const values = [
      { namespace: 'urn:types', localName: 'A' },
      { namespace: 'urn:x', localName: 'B' },
      { namespace: 'urn:y', localName: 'C' },
      { namespace: 'urn:x', localName: 'D' },
      { namespace: '', localName: 'E' },
    ];
    // q2 is taken by the message: the second new namespace gets q2_.
    const xml = rt.writeQNameElement('t:Kinds', values, prefixes);
    expect(xml).toBe('<t:Kinds xmlns:q="urn:x" xmlns:q2_="urn:y">t:A q:B q2_:C q:D E</t:Kinds>');
    expect(rt.writeQNameElement('t:Kinds', [], prefixes)).toBe('<t:Kinds></t:Kinds>');
    expect(rt.writeQNameAttribute('of', values.slice(1, 3), prefixes)).toBe(' xmlns:q_of="urn:x" xmlns:q2_of="urn:y" of="q_of:B q2_of:C"');
    // An attribute named of2 beside it declares q_of2: no clash on the one start tag.
    expect(rt.writeQNameAttribute('of2', values.slice(1, 2), prefixes)).toBe(' xmlns:q_of2="urn:x" of2="q_of2:B"');
    expect(() => rt.writeQNameElement('K', [{ namespace: 'urn:x', localName: 'a b' }], prefixes)).toThrow(ValueError);

    const r = new rt.XmlCursor(`<t:Kinds xmlns:t="urn:types" xmlns:q="urn:x" xmlns:q2_="urn:y" of=" q:B\tq2_:C ">t:A q:B q2_:C q:D E</t:Kinds>`);
    r.next();
    const ctx = new rt.ReadContext({}, r.source);
    expect(ctx.attrQNames(r, 0)).toEqual(values.slice(1, 3));
    expect(ctx.qnames(r)).toEqual(values);
  });

  it('round-trips (property)', () => {
    const ncname = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,10}$/);
    fc.assert(
      fc.property(ncname, fc.constantFrom('urn:types', 'urn:default'), (localName, namespace) => {
        const prefixFor = (ns: string): string => (ns === 'urn:types' ? 't' : '');
        expect(rt.parseQName(rt.formatQName({ namespace, localName }, prefixFor), resolve)).toEqual({ namespace, localName });
      }),
    );
  });
});

describe('splitList', () => {
  it('splits on XML whitespace only: U+00A0 and other spaces belong to the items', () => {
    expect(splitList(' a\tb\r\nc ')).toEqual(['a', 'b', 'c']);
    expect(splitList('\u00a0a b\u2003')).toEqual(['\u00a0a', 'b\u2003']);
    expect(splitList(' \n ')).toEqual([]);
  });
});

describe('joinList', () => {
  it('joins items that splitList gives back, and refuses an empty one or one holding XML whitespace', () => {
    const items = ['a', '\u00a0b\u2003', 'c'];
    expect(splitList(rt.joinList(items))).toEqual(items);
    expect(rt.joinList([])).toBe('');
    expect(() => rt.joinList(['a', ''])).toThrow(new ValueError('List item 2 ("") is empty; a list separates its items by whitespace, so it cannot carry that item'));
    for (const bad of ['a b', 'a\tb', 'a\nb', 'a\rb']) expect(() => rt.joinList(['x', bad])).toThrow(/^List item 2 .* holds whitespace/);
  });
});

describe('values in error messages', () => {
  it('shows an array as its first items, and an array inside it as [...], whatever its depth', () => {
    // A union's writer shows the array it refuses; a self-containing array used to overflow the stack.
    const cyclic: unknown[] = ['a'];
    cyclic.push(cyclic);
    expect(() => rt.noUnionMember(cyclic, 'U')).toThrow(new ValueError('["a", [...]] is not a value of any member of the union U'));
    expect(() => rt.noUnionMember([[[['deep']]]], 'U')).toThrow(new ValueError('[[...]] is not a value of any member of the union U'));
    expect(() => rt.noUnionMember([1, 'b', null, , 5], 'U')).toThrow(new ValueError('[1, "b", null, undefined, ...] is not a value of any member of the union U'));
  });
});
