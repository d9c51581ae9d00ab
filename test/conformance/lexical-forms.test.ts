/**
 * XML Schema 1.0 lexical forms at their edges, as libxml2 (xmllint-wasm), the runtime's scalar
 * codecs and the generator judge them: each text is validated as the content of an element of its
 * built-in type, read and written by the runtime, and checked as the generator checks a default,
 * fixed or facet value (lexicalCheck); all four must agree on whether it is a value.
 */
import * as rt from '../../runtime/src';
import { lexicalCheck } from '../../runtime/src/names';
import { validateDocuments, type SchemaBundle } from '../support/xsd-bundle';

type Codec = readonly [parse: (text: string) => unknown, format: (value: string) => string];

/** The codecs by built-in; float and double are written from the number read, which a text refused never gives. */
const CODECS: Readonly<Record<string, Codec>> = {
  date: [rt.parseDate, rt.formatDate],
  dateTime: [rt.parseDateTime, rt.formatDateTime],
  gYear: [rt.parseGYear, rt.formatGYear],
  gYearMonth: [rt.parseGYearMonth, rt.formatGYearMonth],
  gMonth: [rt.parseGMonth, rt.formatGMonth],
  float: [rt.parseFloat32, (s) => rt.formatFloat32(rt.parseFloat32(s))],
  double: [rt.parseDouble, (s) => rt.formatDouble(rt.parseDouble(s))],
  anyURI: [rt.parseAnyURI, rt.formatAnyURI],
  byte: [rt.parseInt8, (s) => rt.formatInt8(rt.parseInt8(s))],
  unsignedInt: [rt.parseUInt32, (s) => rt.formatUInt32(rt.parseUInt32(s))],
  time: [rt.parseTime, rt.formatTime],
  gDay: [rt.parseGDay, rt.formatGDay],
  gMonthDay: [rt.parseGMonthDay, rt.formatGMonthDay],
  duration: [rt.parseDuration, rt.formatDuration],
  boolean: [rt.parseBoolean, (s) => rt.formatBoolean(rt.parseBoolean(s))],
};

/** [built-in, text, whether it is a value]. */
const CASES: ReadonlyArray<readonly [string, string, boolean]> = [
  // XML Schema 1.0 has no year zero (1.1 added it as 1 BCE).
  ['date', '0000-01-01', false],
  ['date', '-0000-01-01', false],
  ['date', '0001-01-01', true],
  ['date', '-0001-01-01', true],
  ['dateTime', '0000-01-01T00:00:00', false],
  ['dateTime', '-0000-12-31T23:59:59Z', false],
  ['dateTime', '0001-01-01T00:00:00', true],
  ['gYear', '0000', false],
  ['gYear', '-0000', false],
  ['gYear', '00000', false],
  ['gYear', '10000', true],
  ['gYearMonth', '0000-01', false],
  ['gYearMonth', '-0001-01', true],
  // The first edition's --MM--, corrected by an erratum.
  ['gMonth', '--12--', false],
  ['gMonth', '--12--Z', false],
  ['gMonth', '--12', true],
  ['gMonth', '--12Z', true],
  // INF and -INF, not 1.1's +INF.
  ['float', '+INF', false],
  ['double', '+INF', false],
  ['float', 'INF', true],
  ['double', '-INF', true],
  ['double', 'NaN', true],
  ['double', '-NaN', false],
  ['double', '+1.5', true],
  // A % must start an escape of two hex digits.
  ['anyURI', '%zz', false],
  ['anyURI', 'http://example.com/%GG', false],
  ['anyURI', 'a%2', false],
  ['anyURI', 'a%', false],
  ['anyURI', '%', false],
  ['anyURI', 'http://example.com/a%20b%c3%A9', true],
  ['anyURI', 'a b', true],
  // Where the generator's own forms (shapes only, and none for xs:boolean) disagreed with the runtime.
  ['byte', '300', false],
  ['byte', '-128', true],
  ['unsignedInt', '-1', false],
  ['date', '2023-02-29', false],
  ['date', '2024-02-29', true],
  ['date', '2024-13-01', false],
  ['time', '24:00:01', false],
  ['time', '24:00:00', true],
  ['time', '23:60:00', false],
  ['dateTime', '2024-01-01T00:00:00+15:00', false],
  ['dateTime', '2024-01-01T00:00:00+14:00', true],
  ['dateTime', '2024-01-01T24:00:00.5', false],
  ['gDay', '---32', false],
  ['gMonthDay', '--02-30', false],
  ['gMonthDay', '--02-29', true],
  ['gMonth', '--13', false],
  ['boolean', 'yes', false],
  ['boolean', 'TRUE', false],
  ['boolean', ' 1 ', true],
  // The generator refused these seconds.
  ['duration', 'PT.5S', true],
  ['duration', 'PT1.S', true],
  ['duration', 'P1DT.5S', true],
  ['duration', 'PT', false],
];

const SCHEMA = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${Object.keys(CODECS)
  .map((type) => `<xs:element name="${type}" type="xs:${type}"/>`)
  .join('')}</xs:schema>`;
const BUNDLE: SchemaBundle = { files: [{ fileName: 'lexical.xsd', contents: SCHEMA }], mainFileName: 'lexical.xsd', warnings: [], sources: [] };

/** Whether `f` returns rather than throws. */
function takes(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

describe('lexical forms at their edges: libxml2, the runtime and the generator agree', () => {
  it('takes and refuses the same texts, reading and writing', async () => {
    const verdicts = await validateDocuments(
      CASES.map(([type, text]) => `<${type}>${text}</${type}>`),
      BUNDLE,
    );
    const seen = CASES.map(([type, text], i) => {
      const [parse, format] = CODECS[type] ?? [() => undefined, () => ''];
      return [type, text, verdicts[i]?.valid, takes(() => parse(text)), takes(() => format(text)), lexicalCheck(type)?.(text)];
    });
    expect(seen).toEqual(CASES.map(([type, text, valid]) => [type, text, valid, valid, valid, valid]));
  });
});
