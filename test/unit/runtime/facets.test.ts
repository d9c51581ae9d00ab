import { ValueError, canonicalDecimal, checkDigits, checkLength, checkPattern, checkRange, temporalValue, xsdPattern } from '../../../runtime/src';
import { compareTemporal } from '../../../runtime/src/scalars/temporal-order';

function message(f: () => void): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ValueError) return e.message;
    throw e;
  }
  throw new Error('expected a ValueError');
}

function pattern(source: string): RegExp {
  const re = xsdPattern(source);
  if (re === undefined) throw new Error(`xsdPattern(${JSON.stringify(source)}) gave undefined`);
  return re;
}

describe('checkLength', () => {
  it('counts characters (code points), not UTF-16 units', () => {
    const smile = '\u{1F600}';
    expect(smile.length).toBe(2);
    expect(() => checkLength(smile, 1, 1, 'OneChar')).not.toThrow();
    expect(() => checkLength(`a${smile}${smile}`, undefined, 3, 'Short')).not.toThrow();
    expect(() => checkLength(`${smile}${smile}`, 3, undefined, 'Long')).toThrow(ValueError);
    expect(message(() => checkLength(`${smile}${smile}`, 3, undefined, 'Long'))).toMatch(/Long.*2 characters.*minLength 3/);
    expect(message(() => checkLength('abcd', undefined, 3, 'Short'))).toMatch(/Short.*4 characters.*maxLength 3/);
  });

  it('checks length as min = max', () => {
    expect(() => checkLength('ab', 2, 2, 'Code')).not.toThrow();
    expect(message(() => checkLength('abc', 2, 2, 'Code'))).toMatch(/"abc" is not a valid Code: .*facet length requires exactly 2/);
    expect(message(() => checkLength('', 2, 2, 'Code'))).toMatch(/facet length/);
  });

  it('refuses an empty NonEmptyStringType and accepts the bounds themselves', () => {
    expect(message(() => checkLength('', 1, undefined, 'NonEmptyStringType'))).toBe(
      '"" is not a valid NonEmptyStringType: it has 0 characters, fewer than facet minLength 1',
    );
    expect(() => checkLength('x', 1, 1, 'T')).not.toThrow();
    expect(() => checkLength('abc', 0, 3, 'T')).not.toThrow();
    expect(() => checkLength('anything', undefined, undefined, 'T')).not.toThrow();
  });
});

describe('xsdPattern', () => {
  it('is anchored and treats ^ and $ as ordinary characters', () => {
    const re = pattern('[0-9]{3}');
    expect(re.flags).toContain('u');
    expect(re.test('123')).toBe(true);
    expect(re.test('1234')).toBe(false);
    expect(re.test('x123')).toBe(false);
    expect(pattern('^a$').test('^a$')).toBe(true);
    expect(pattern('^a$').test('a')).toBe(false);
    expect(pattern('').test('')).toBe(true);
    expect(pattern('a/b').test('a/b')).toBe(true);
  });

  it('translates \\i\\c* to the XML name classes', () => {
    const name = pattern('\\i\\c*');
    for (const ok of ['a', '_x', ':a-b.c', 'élan', 'a\u00B7b', '\u{10000}x']) expect([ok, name.test(ok)]).toEqual([ok, true]);
    for (const bad of ['', '1a', '-a', 'a b', 'a!']) expect([bad, name.test(bad)]).toEqual([bad, false]);
    const ncname = pattern('[\\i-[:]][\\c-[:]]*');
    expect(ncname.test('abc')).toBe(true);
    expect(ncname.test('a:b')).toBe(false);
    expect(pattern('\\I').test('1')).toBe(true);
    expect(pattern('\\I').test('a')).toBe(false);
    expect(pattern('\\C+').test(' !')).toBe(true);
  });

  it('translates character class subtraction, nested too', () => {
    const consonants = pattern('[a-z-[aeiou]]+');
    expect(consonants.test('bcd')).toBe(true);
    expect(consonants.test('bad')).toBe(false);
    const nested = pattern('[a-z-[aeiou-[e]]]');
    expect(['a', 'b', 'e', 'o'].map((c) => nested.test(c))).toEqual([false, true, true, false]);
    const negated = pattern('[^a-z-[0-9]]');
    expect(['A', '5', 'q'].map((c) => negated.test(c))).toEqual([true, false, false]);
    const lettersNotUpper = pattern('[\\p{L}-[\\p{Lu}]]+');
    expect(lettersNotUpper.test('abcé')).toBe(true);
    expect(lettersNotUpper.test('abC')).toBe(false);
  });

  it('gives the escapes their XML Schema meaning', () => {
    expect(pattern('\\d+').test('12\u0663')).toBe(true); // ARABIC-INDIC DIGIT THREE is \p{Nd}
    expect(pattern('\\D').test('a')).toBe(true);
    expect(pattern('\\s').test('\u00A0')).toBe(false); // narrower than the RegExp \s
    expect(pattern('\\s+').test(' \t\r\n')).toBe(true);
    expect(pattern('\\S').test('\u00A0')).toBe(true);
    expect(pattern('\\w+').test('aé1')).toBe(true);
    expect(pattern('\\w').test('!')).toBe(false);
    expect(pattern('\\W').test(' ')).toBe(true);
    expect(pattern('.').test('\n')).toBe(false);
    expect(pattern('.').test('\u2028')).toBe(true); // only LF and CR are excluded
    expect(pattern('.').test('\u{1F600}')).toBe(true); // one character, two UTF-16 units
    expect(pattern('\\p{Lu}\\P{Lu}').test('Ab')).toBe(true);
    expect(pattern('\\p{Lu}\\P{Lu}').test('AB')).toBe(false);
    expect(pattern('\\.\\-\\^\\|\\\\\\{\\}\\[\\]\\(\\)\\*\\+\\?\\n').test('.-^|\\{}[]()*+?\n')).toBe(true);
  });

  it('translates block escapes to ranges', () => {
    expect(pattern('\\p{IsBasicLatin}+').test('abc~')).toBe(true);
    expect(pattern('\\p{IsBasicLatin}+').test('abé')).toBe(false);
    expect(pattern('\\P{IsBasicLatin}').test('é')).toBe(true);
    expect(pattern('[\\p{IsGreek}a]+').test('αβa')).toBe(true);
    expect(pattern('[^\\p{IsBasicLatin}]').test('a')).toBe(false);
    expect(pattern('\\p{IsCJKUnifiedIdeographsExtensionB}').test('\u{20000}')).toBe(true);
    expect(pattern('\\p{IsLatin-1Supplement}').test('é')).toBe(true);
  });

  it('handles complements inside character classes', () => {
    const re = pattern('[a\\I]');
    expect(['a', '1', ' ', 'b'].map((c) => re.test(c))).toEqual([true, true, true, false]);
    const notAOrNonSpace = pattern('[^a\\S]');
    expect([' ', 'a', 'b'].map((c) => notAOrNonSpace.test(c))).toEqual([true, false, false]);
  });

  it('handles dashes, quantifiers, groups and alternation', () => {
    expect(pattern('[-a]+').test('-a-')).toBe(true);
    expect(pattern('[a-]+').test('-a-')).toBe(true);
    expect(pattern('[+\\-]?[0-9]+').test('-12')).toBe(true);
    expect(pattern('(ab|c){2,3}').test('abc')).toBe(true);
    expect(pattern('(ab|c){2,3}').test('c')).toBe(false);
    expect(pattern('a{2,}').test('aaaa')).toBe(true);
    expect(pattern('a|b').test('b')).toBe(true);
    expect(pattern('a|b').test('ab')).toBe(false);
    expect(pattern('[\u{1F600}-\u{1F64F}]').test('\u{1F610}')).toBe(true);
  });

  it('returns undefined for what it cannot translate faithfully', () => {
    for (const bad of ['(', 'a)', 'a**', 'a??', '{1}', '[a-', '[]', '[z-a]', '[a-b-c]', '\\q', '\\1', '\\p{IsNoSuchBlock}', '\\p{Xx}', 'a{2,1}', '[a[b]]', ']']) {
      expect([bad, xsdPattern(bad)]).toEqual([bad, undefined]);
    }
  });
});

describe('checkPattern', () => {
  const sources = ['[0-9]+', '[a-z]+'];
  const patterns = sources.map(pattern);

  it('ORs the patterns of one restriction step', () => {
    expect(() => checkPattern('123', patterns, sources, 'CodeType')).not.toThrow();
    expect(() => checkPattern('abc', patterns, sources, 'CodeType')).not.toThrow();
    expect(message(() => checkPattern('a1', patterns, sources, 'CodeType'))).toBe(
      '"a1" is not a valid CodeType: it does not match facet pattern "[0-9]+" or "[a-z]+"',
    );
  });

  it('accepts anything without patterns', () => {
    expect(() => checkPattern('x', [], [], 'T')).not.toThrow();
  });
});

describe('checkRange', () => {
  it('compares decimal strings exactly, not as floats', () => {
    expect(message(() => checkRange('0.30000000000000004', { maxInclusive: '0.3' }, 'Price'))).toMatch(
      /"0.30000000000000004" is not a valid Price: .*maxInclusive 0.3/,
    );
    expect(() => checkRange('0.3000', { maxInclusive: '0.3' }, 'Price')).not.toThrow();
    expect(() => checkRange('0.29999999999999999999', { maxInclusive: '0.3' }, 'Price')).not.toThrow();
    expect(() => checkRange('0.3', { maxExclusive: '0.3' }, 'Price')).toThrow(/maxExclusive/);
    expect(() => checkRange('-0', { minInclusive: '0' }, 'Price')).not.toThrow();
    expect(() => checkRange('-0.0', { minExclusive: '0' }, 'Price')).toThrow(/minExclusive/);
    expect(() => checkRange('-10.5', { minInclusive: '-10.25' }, 'Price')).toThrow(/minInclusive -10.25/);
    expect(() => checkRange('+007.50', { minInclusive: '7.5', maxInclusive: '7.5' }, 'Price')).not.toThrow();
    expect(() => checkRange('100', { maxInclusive: '99.999' }, 'Price')).toThrow(/maxInclusive/);
    expect(() => checkRange('.5', { minExclusive: '0.49' }, 'Price')).not.toThrow();
  });

  it('compares numbers as numbers', () => {
    expect(() => checkRange(0.1 + 0.2, { maxInclusive: '0.3' }, 'xs:double')).toThrow(/maxInclusive 0.3/);
    expect(() => checkRange(0.3, { maxInclusive: '0.3' }, 'xs:double')).not.toThrow();
    expect(() => checkRange(5, { minInclusive: '1', maxInclusive: '10' }, 'Small')).not.toThrow();
    expect(message(() => checkRange(11, { minInclusive: '1', maxInclusive: '10' }, 'Small'))).toBe(
      '11 is not a valid Small: it is greater than facet maxInclusive 10',
    );
    expect(() => checkRange(0, { minExclusive: '0' }, 'Positive')).toThrow(/minExclusive 0/);
    expect(() => checkRange(Infinity, { maxInclusive: 'INF' }, 'D')).not.toThrow();
    expect(() => checkRange(Infinity, { maxExclusive: 'INF' }, 'D')).toThrow(ValueError);
    expect(() => checkRange(NaN, { minInclusive: '-INF' }, 'D')).toThrow(ValueError);
    expect(() => checkRange(1e300, { maxInclusive: '1E300' }, 'D')).not.toThrow();
  });

  it('rounds the bounds to single precision for xs:float', () => {
    const f = Math.fround(0.1);
    expect(() => checkRange(f, { maxInclusive: '0.1' }, 'F', true)).not.toThrow();
    expect(() => checkRange(f, { minExclusive: '0.1' }, 'F', true)).toThrow(/minExclusive/);
    expect(() => checkRange(f, { maxInclusive: '0.1' }, 'D')).toThrow(/maxInclusive/);
  });

  it('compares bigints exactly, beyond 2^53', () => {
    expect(() => checkRange(9007199254740993n, { maxInclusive: '9007199254740992' }, 'Big')).toThrow(/maxInclusive/);
    expect(() => checkRange(9007199254740992n, { maxInclusive: '9007199254740992' }, 'Big')).not.toThrow();
    expect(message(() => checkRange(-1n, { minInclusive: '0' }, 'Count'))).toBe('-1 is not a valid Count: it is less than facet minInclusive 0');
  });

  it('orders dates and times as XML Schema does: zones taken into account, a local value only when it is more than 14 hours away', () => {
    expect(() => checkRange('2020-01-02', { minInclusive: '2020-01-03' }, 'D')).toThrow(/minInclusive 2020-01-03/);
    expect(() => checkRange('2020-01-03', { minInclusive: '2020-01-03' }, 'D')).not.toThrow();
    expect(() => checkRange('2020-01-03T10:00:00.5Z', { maxExclusive: '2020-01-03T10:00:00.50Z' }, 'DT')).toThrow(/maxExclusive/);
    expect(() => checkRange('2020-01-03T10:00:00.49Z', { maxExclusive: '2020-01-03T10:00:00.5Z' }, 'DT')).not.toThrow();
    expect(() => checkRange('10:00:00+02:00', { maxInclusive: '09:00:00+02:00' }, 'T')).toThrow(/maxInclusive/);
    // Time zones: 10:00Z on the 3rd is after the 1st at 00:00+02:00; 09:00+02:00 is 07:00Z.
    expect(() => checkRange('2020-01-03T10:00:00Z', { maxInclusive: '2020-01-01T00:00:00+02:00' }, 'DT')).toThrow(/maxInclusive/);
    expect(() => checkRange('2020-01-01T09:00:00+02:00', { maxInclusive: '2020-01-01T07:00:00Z' }, 'DT')).not.toThrow();
    expect(() => checkRange('2020-01-01T09:00:01+02:00', { maxInclusive: '2020-01-01T07:00:00Z' }, 'DT')).toThrow(/maxInclusive/);
    // Past midnight in its zone, before it in UTC; 24:00:00 is the next day's start.
    expect(() => checkRange('00:30:00+01:00', { minInclusive: '23:45:00Z' }, 'T')).toThrow(/minInclusive/);
    expect(() => checkRange('2020-01-01T24:00:00Z', { minInclusive: '2020-01-02T00:00:00Z', maxInclusive: '2020-01-02T00:00:00Z' }, 'DT')).not.toThrow();
    // Five-digit and negative years.
    expect(() => checkRange('10000-01-01', { maxExclusive: '9999-12-31' }, 'D')).toThrow(/maxExclusive/);
    expect(() => checkRange('-0044-03-15', { minInclusive: '0001-01-01' }, 'D')).toThrow(/minInclusive/);
    // A local value against a zoned bound: ordered beyond 14 hours, not within, where no bound holds.
    expect(() => checkRange('2020-01-03T10:00:00', { maxInclusive: '2020-01-01T00:00:00Z' }, 'DT')).toThrow(/maxInclusive/);
    expect(() => checkRange('2020-01-01T10:00:00', { minInclusive: '2019-12-30T00:00:00Z', maxInclusive: '2020-01-03T00:00:00Z' }, 'DT')).not.toThrow();
    expect(() => checkRange('2020-01-01T10:00:00', { maxInclusive: '2020-01-01T00:00:00Z' }, 'DT')).toThrow(/^"2020-01-01T10:00:00" is not a valid DT: it has no order against facet maxInclusive 2020-01-01T00:00:00Z$/);
    // Different forms: not compared.
    expect(() => checkRange('2020-01-03', { maxInclusive: '2020-01-01T00:00:00' }, 'D')).not.toThrow();
  });

  it('orders durations as XML Schema does, at its four reference dateTimes: a month is 28 to 31 days', () => {
    // Before, no duration was compared: P2D passed a maxInclusive of P1D.
    expect(() => checkRange('P2D', { maxInclusive: 'P1D' }, 'Dur')).toThrow(/maxInclusive P1D/);
    expect(() => checkRange('PT24H', { maxInclusive: 'P1D', minInclusive: 'P1D' }, 'Dur')).not.toThrow();
    expect(() => checkRange('P1D', { maxExclusive: 'PT24H' }, 'Dur')).toThrow(/maxExclusive/);
    // WCF's TimeSpan bounds.
    expect(() => checkRange('P20000000D', { maxInclusive: 'P10675199DT2H48M5.4775807S' }, 'TimeSpan')).toThrow(/maxInclusive/);
    expect(() => checkRange('-P10675199DT2H48M5.4775808S', { minInclusive: '-P10675199DT2H48M5.4775808S' }, 'TimeSpan')).not.toThrow();
    expect(() => checkRange('-P10675199DT2H48M5.4775809S', { minInclusive: '-P10675199DT2H48M5.4775808S' }, 'TimeSpan')).toThrow(/minInclusive/);
    expect(() => checkRange('-PT0.5S', { minExclusive: '-PT0.25S' }, 'Dur')).toThrow(/minExclusive/);
    expect(() => checkRange('P1M', { minExclusive: 'P27D', maxExclusive: 'P32D' }, 'Dur')).not.toThrow();
    // February's P1M is P28D, the other months' longer: neither order holds at all four.
    expect(() => checkRange('P1M', { minInclusive: 'P28D' }, 'Dur')).toThrow(/no order against facet minInclusive P28D/);
    expect(() => checkRange('P1M', { maxExclusive: 'P27D' }, 'Dur')).toThrow(/maxExclusive/);
    expect(() => checkRange('P1Y', { minExclusive: 'P367D' }, 'Dur')).toThrow(/minExclusive/);
    // P1M and P30D are not ordered (February, March): no bound holds, as libxml2 judges too; so
    // P31D is no value under maxInclusive P1M. A duration too large to add exactly is not compared.
    expect(compareTemporal('P1M', 'P30D')).toBeNaN();
    expect(() => checkRange('P1M', { maxInclusive: 'P30D' }, 'Dur')).toThrow(/it has no order against facet maxInclusive P30D/);
    expect(() => checkRange('P31D', { maxInclusive: 'P1M' }, 'Dur')).toThrow(/it has no order against facet maxInclusive P1M/);
    expect(compareTemporal(`P${'9'.repeat(400)}D`, 'P1D')).toBeUndefined();
  });
});

describe('temporalValue', () => {
  it('is one key for the forms of one date, time or duration, and another for another', () => {
    const same = (a: string, b: string): boolean => temporalValue(a) === temporalValue(b);
    expect(same('2024-01-02T03:04:05.50Z', '2024-01-02T04:04:05.5+01:00')).toBe(true);
    expect(same('2024-01-02T03:04:05Z', '2024-01-02T03:04:05+00:00')).toBe(true);
    expect(same('2024-01-01T24:00:00', '2024-01-02T00:00:00')).toBe(true);
    expect(same(' 13:00:00-05:00 ', '18:00:00Z')).toBe(true);
    expect(same('2024-01-02', '2024-01-02Z')).toBe(false);
    expect(same('2024-01-02T03:04:05', '2024-01-02T03:04:05Z')).toBe(false);
    expect(same('2024', '2024-01')).toBe(false);
    expect(same('P1D', 'PT24H')).toBe(true);
    expect(same('PT1.50S', 'PT1.5S')).toBe(true);
    expect(same('-P0D', 'PT0S')).toBe(true);
    expect(same('P1M', 'P30D')).toBe(false);
    expect(same('P1Y', 'P12M')).toBe(true);
    expect(same('-P1D', 'P1D')).toBe(false);
    expect(() => temporalValue('tomorrow')).toThrow();
    expect(() => temporalValue('P')).toThrow();
  });
});

describe('checkDigits', () => {
  it('counts significant digits for totalDigits', () => {
    expect(() => checkDigits('123.450', 5, 2, 'Amount')).not.toThrow();
    expect(() => checkDigits('-00012.3400', 4, undefined, 'Amount')).not.toThrow();
    expect(() => checkDigits('0', 1, 0, 'Amount')).not.toThrow();
    expect(message(() => checkDigits('123456', 5, undefined, 'Amount'))).toBe(
      '"123456" is not a valid Amount: it has 6 digits, more than facet totalDigits 5',
    );
    expect(() => checkDigits('0.0012', 3, undefined, 'Amount')).toThrow(/totalDigits 3/);
    expect(() => checkDigits('0.0012', 4, undefined, 'Amount')).not.toThrow();
  });

  it('counts fraction digits without trailing zeros', () => {
    expect(() => checkDigits('1.500', undefined, 1, 'Amount')).not.toThrow();
    expect(message(() => checkDigits('1.25', undefined, 1, 'Amount'))).toMatch(/Amount: it has 2 fraction digits, more than facet fractionDigits 1/);
    expect(() => checkDigits('3', undefined, 0, 'Int')).not.toThrow();
    expect(() => checkDigits(' 12 ', 2, 0, 'Int')).not.toThrow();
  });

  it('refuses text that is not a decimal', () => {
    expect(() => checkDigits('1e5', 5, undefined, 'Amount')).toThrow(/Amount: it is not a decimal/);
  });
});

describe('canonicalDecimal', () => {
  it('writes one text per decimal value, so that fixed values compare as values', () => {
    const cases: Array<[string, string]> = [
      ['1.50', '1.5'], ['+01.50', '1.5'], ['-0.0', '0'], ['+.0', '0'], ['-.5', '-0.5'], ['5.', '5'], [' 007 ', '7'], ['-120.000', '-120'], ['0.001', '0.001'],
    ];
    for (const [text, canonical] of cases) expect([text, canonicalDecimal(text)]).toEqual([text, canonical]);
  });

  it('refuses what is not a decimal', () => {
    for (const text of ['', '.', '1e3', '1,5', 'INF', '--1']) expect(() => canonicalDecimal(text)).toThrow(ValueError);
  });
});
