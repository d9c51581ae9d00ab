/**
 * fast-check arbitraries for the values of a generated package, derived from the generator's IR
 * and from generator/plan/shapes.ts (the one place that decides how a schema type looks in
 * TypeScript), so that they follow the same presentation as the generated readers and writers.
 *
 * Every arbitrary produces valid instances only, in the canonical form a reader returns:
 * - occurrence: minOccurs/maxOccurs respected, repetition capped (3 by default); an optional
 *   property is absent rather than `undefined`; an optional repeated element is absent rather
 *   than `[]` (zero occurrences read back as absent); a wrapper array may be `[]` when the schema
 *   allows no items;
 * - a choice that is not a repeated `$choice` yields exactly one of its alternatives;
 * - nillable → `null` sometimes; enumerations, fixed values and facets (length, pattern, bounds,
 *   digits) of user simple types; the lexical constraints of the XSD built-ins;
 * - polymorphic positions (a declared type with derived types, written with xsi:type) hold the
 *   base (without `$type`) or a derived type carrying `$type`; element-keyed unions
 *   `{ Key: value }` for substitution groups and repeated choices;
 * - simple content as `{ $value, ...attributes }`; xs:any as `{ namespace, localName, xml }` whose
 *   `xml` is small, well-formed and already in the self-contained form the reader produces.
 *
 * Strings carry characters that need escaping (& < > " ' CR TAB LF), non-ASCII and astral
 * characters, never a character XML 1.0 forbids. Types whose reader collapses whitespace get no
 * leading, trailing or repeated whitespace. Recursion is bounded by a depth counter: past
 * `maxDepth` only required content is generated, with the fewest occurrences allowed.
 */
import fc from 'fast-check';
import type {
  AttributeUse,
  ComplexTypeDef,
  ElementParticle,
  Facets,
  GroupParticle,
  IR,
  NamespaceConstraint,
  OperationDef,
  Particle,
  QName,
  SimpleTypeDef,
  TypeDef,
} from '../../generator/ir';
import { XML_NS, XSD_NS, isBuiltin, qnameEnumeration, splitQName } from '../../generator/ir';
import { admits } from '../../generator/wildcards';
import { BUILTIN_LISTS } from '../../generator/resolve/builtins';
import { derivationSteps } from '../../generator/resolve/passes';
import { elementAlternatives, keepsNilAttributes, listParticle, minItems, polymorphicTypes, shapeOf, type ItemShape, type PropertyShape, type Shape } from '../../generator/plan/shapes';
import { splitOccurrences, xsdPattern } from '@wsdl-codegen/runtime';
import { occurrenceSplit } from '../../generator/plan/codec';
import { generateUcs } from './generate';

export interface ArbitraryOptions {
  /** Upper bound on repetition (maxOccurs="unbounded" and large maxOccurs). Default 3. */
  maxRepeat?: number;
  /** Nesting depth past which only required content is generated. Default 6. */
  maxDepth?: number;
  /**
   * Polymorphic positions may hold derived types (written with xsi:type). Default true. With
   * false, only the declared type itself is used where it is concrete.
   */
  derivedTypes?: boolean;
  /**
   * `$anyAttributes` for xs:anyAttribute: 'any' (default) — unqualified, xml: and namespaced ones;
   * 'single-namespace' — at most one namespaced (non-xml) attribute per element; 'none'.
   */
  anyAttributes?: 'any' | 'single-namespace' | 'none';
  /** `$any` content for xs:any (default true; the particle's minOccurs still applies). */
  anyElements?: boolean;
  /** `$extra` SOAP header entries beyond the declared headers (default true). */
  extraHeaders?: boolean;
  /** xs:any and xs:anyType content may interleave character data and child elements (default true). */
  anyMixedContent?: boolean;
  /** Namespaces the writers can name in QName values (the generated NAMESPACES). */
  qnameNamespaces?: readonly string[];
}

export interface SchemaArbitraries {
  readonly ir: IR;
  /** The polymorphic bases (read and written through xsi:type dispatchers) and their members. */
  readonly polymorphic: { readonly bases: ReadonlySet<QName>; readonly members: ReadonlySet<QName> };
  /** The shape of every reachable type, by key. */
  readonly shapes: ReadonlyMap<QName, Shape>;
  /** For every key of `ir.reachable.types`: the value that `read<Type>` returns (no `$type`). */
  readonly types: ReadonlyMap<QName, fc.Arbitrary<unknown>>;
  /** A type's value as `read<Type>` returns it. */
  typeValue(key: QName): fc.Arbitrary<unknown>;
  /** The value of an element declared with `type`, as its parent holds it (dispatch, nil). */
  elementValue(type: QName, nillable: boolean): fc.Arbitrary<unknown>;
  requestBody(op: OperationDef): fc.Arbitrary<unknown>;
  requestHeaders(op: OperationDef): fc.Arbitrary<Record<string, unknown>>;
  responseBody(op: OperationDef): fc.Arbitrary<unknown>;
  responseHeaders(op: OperationDef): fc.Arbitrary<Record<string, unknown>>;
}

/** The IR of the MS-OXWSCOS package as `npx codegen` builds it (in memory, without type-checking). */
export async function loadUcsIr(): Promise<IR> {
  const result = await generateUcs({ verify: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.ir === undefined) {
    throw new Error(`generate() failed:\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  }
  return result.ir;
}

// ---------------------------------------------------------------------------------------------
// Characters and strings

/** XML Schema's whiteSpace="collapse": runs of space, tab, CR and LF become one space, ends trimmed. */
function collapseXml(s: string): string {
  return s.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

/** One code point XML 1.0 allows, biased towards the ones that need care. */
export const xmlChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.constantFrom('&', '<', '>', '"', "'", ']]>', '&amp;', '\t', '\n', '\r', ' ') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('é', 'ß', 'Ω', 'ж', '中', '文', '\u00a0', '\u0085', '\u2028', '\u200b', '\ufeff', '\ufffd'),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0xd7ff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.constantFrom('😀', '𝄞', '𠀀') },
);

/** Counts code points, as XSD length facets do. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function xmlString(minLength = 0, maxLength = 12): fc.Arbitrary<string> {
  // xmlChar can yield a multi-character constant (']]>'); measure in code points afterwards.
  return fc
    .array(xmlChar, { minLength, maxLength })
    .map((parts) => parts.join(''))
    .filter((s) => {
      const n = codePoints(s);
      return n >= minLength && n <= maxLength;
    });
}

/** A string that whiteSpace="collapse" leaves unchanged: single spaces between non-blank runs. */
function collapsedString(minLength = 0, maxLength = 12): fc.Arbitrary<string> {
  return xmlString(minLength, maxLength)
    .map((s) => s.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, ''))
    .filter((s) => {
      const n = codePoints(s);
      return n >= minLength && n <= maxLength;
    });
}

/** A string that whiteSpace="replace" leaves unchanged: no TAB, LF or CR. */
function replacedString(minLength = 0, maxLength = 12): fc.Arbitrary<string> {
  return xmlString(minLength, maxLength).map((s) => s.replace(/[\t\n\r]/g, ' '));
}

const NAME_START = ['a', 'b', 'x', 'Z', '_', 'é', 'Ω', 'ж', '中'];
const NAME_CHAR = [...NAME_START, '0', '9', '-', '.', '\u00b7'];

/** An XML name without a colon. */
export const ncName: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...NAME_START), fc.array(fc.constantFrom(...NAME_CHAR), { maxLength: 8 }))
  .map(([first, rest]) => first + rest.join(''));

/** An ASCII NCName starting with a lower-case letter (never an EWS element name). */
const lowerName: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,7}$/);

const nmtoken: fc.Arbitrary<string> = fc.array(fc.constantFrom(...NAME_CHAR, ':'), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

const languageTag: fc.Arbitrary<string> = fc.stringMatching(/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}$/);

const uri: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('http', 'https'), lowerName, fc.array(lowerName, { maxLength: 3 })).map(
    ([scheme, host, path]) => `${scheme}://${host}.example.com/${path.join('/')}`,
  ),
  fc.tuple(lowerName, lowerName).map(([a, b]) => `urn:${a}:${b}`),
  fc.constantFrom('http://example.com/a?b=1&c=2#d', 'mailto:someone@example.com', 'relative/path', ''),
);

/** Text that serializeElement would take for a QName and declare the prefix of: avoided in xs:any content. */
// A prefix-like token anywhere in a value, as serializeElement looks for prefixes it must declare.
const PREFIX_LIKE = /(?<![\p{L}\p{M}\p{N}_.:\u00B7-])[A-Za-z_][\w.-]*:[A-Za-z_]/u;

// ---------------------------------------------------------------------------------------------
// Built-in lexical spaces

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const yearArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1900, max: 2100 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9999 }) });

const ymd: fc.Arbitrary<string> = fc
  .tuple(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => {
    const last = m === 2 && leap(y) ? 29 : (DAYS[m - 1] ?? 28);
    return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(d, last), 2)}`;
  });

const fraction: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.stringMatching(/^\.[0-9]{1,7}$/) },
);

const hms: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fraction)
  .map(([h, m, s, f]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f}`);

/** No zone, Z, or an offset up to ±14:00. */
const zone: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constant('Z'),
  fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 15, 30, 45, 59))
    .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
  fc.constantFrom('+14:00', '-14:00', '+00:00', '-00:00'),
);

const nat = fc.integer({ min: 0, max: 999 });
const maybeNat = fc.option(nat, { nil: undefined });

/** `-?P…` with the year/month and/or day/time components, at least one of them present. */
function durationOf(yearMonth: boolean, dayTime: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(fc.boolean(), maybeNat, maybeNat, maybeNat, maybeNat, maybeNat, fc.option(fc.tuple(nat, fraction), { nil: undefined }))
    .map(([negative, y, mo, d, h, mi, s]) => {
      const part = (n: number | undefined, unit: string): string => (n === undefined ? '' : `${n}${unit}`);
      const date = yearMonth ? part(y, 'Y') + part(mo, 'M') : '';
      const days = dayTime ? part(d, 'D') : '';
      const time = dayTime ? part(h, 'H') + part(mi, 'M') + (s === undefined ? '' : `${s[0]}${s[1]}S`) : '';
      const body = date + days + (time === '' ? '' : `T${time}`);
      return `${negative ? '-' : ''}P${body === '' ? (dayTime ? '0D' : '0M') : body}`;
    });
}

const durationArb = durationOf(true, true);
const dayTimeDurationArb = durationOf(false, true);
const yearMonthDurationArb = durationOf(true, false);

const decimalArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,12}$/), fc.option(fc.stringMatching(/^[0-9]{0,6}$/), { nil: undefined }))
  .map(([sign, int, frac]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}`);

/** Lexical tests of the non-string built-ins, to keep xs:union values unambiguous. */
const LEXICAL: Record<string, RegExp> = {
  boolean: /^(true|false|1|0)$/,
  decimal: /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/,
  integer: /^[+-]?[0-9]+$/,
  double: /^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$/,
};

function lexicalClass(builtin: string): RegExp | undefined {
  if (builtin === 'boolean') return LEXICAL['boolean'];
  if (builtin === 'decimal') return LEXICAL['decimal'];
  if (builtin === 'float' || builtin === 'double') return LEXICAL['double'];
  if (INTEGER_RANGES[builtin] !== undefined) return LEXICAL['integer'];
  return undefined;
}

/** Inclusive ranges of the integer built-ins. */
const INTEGER_RANGES: Record<string, [bigint | undefined, bigint | undefined]> = {
  integer: [undefined, undefined],
  nonPositiveInteger: [undefined, 0n],
  negativeInteger: [undefined, -1n],
  nonNegativeInteger: [0n, undefined],
  positiveInteger: [1n, undefined],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
};

/** Built-ins presented as `number` (the rest of the integer family is `bigint`). */
const NUMBER_INTEGERS = new Set(['int', 'short', 'byte', 'unsignedInt', 'unsignedShort', 'unsignedByte']);

const TOKEN_LIKE = new Set(['token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'ENTITY', 'NMTOKEN', 'anyURI']);

/** Bounds of an integer value space, narrowed by facets. */
function integerBounds(builtin: string, facets: Facets): [bigint | undefined, bigint | undefined] {
  let [lo, hi] = INTEGER_RANGES[builtin] ?? [undefined, undefined];
  const tighten = (value: string | undefined, isMin: boolean, exclusive: boolean): void => {
    if (value === undefined || !/^[+-]?[0-9]+$/.test(value.trim())) return;
    let v = BigInt(value.trim());
    if (exclusive) v = isMin ? v + 1n : v - 1n;
    if (isMin) lo = lo === undefined || v > lo ? v : lo;
    else hi = hi === undefined || v < hi ? v : hi;
  };
  tighten(facets.minInclusive, true, false);
  tighten(facets.minExclusive, true, true);
  tighten(facets.maxInclusive, false, false);
  tighten(facets.maxExclusive, false, true);
  const digits = facets.totalDigits;
  if (digits !== undefined) {
    const limit = 10n ** BigInt(digits) - 1n;
    lo = lo === undefined || -limit > lo ? -limit : lo;
    hi = hi === undefined || limit < hi ? limit : hi;
  }
  return [lo, hi];
}

function numberInRange(facets: Facets): (n: number) => boolean {
  const bound = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const minI = bound(facets.minInclusive);
  const maxI = bound(facets.maxInclusive);
  const minE = bound(facets.minExclusive);
  const maxE = bound(facets.maxExclusive);
  return (n) =>
    (minI === undefined || n >= minI) &&
    (maxI === undefined || n <= maxI) &&
    (minE === undefined || n > minE) &&
    (maxE === undefined || n < maxE);
}

function decimalInFacets(facets: Facets): (s: string) => boolean {
  const inRange = numberInRange(facets);
  return (s) => {
    const [intPart = '', fracPart = ''] = s.replace(/^[+-]/, '').split('.');
    const significant = (intPart.replace(/^0+/, '') + fracPart.replace(/0+$/, '')).length;
    if (facets.totalDigits !== undefined && significant > facets.totalDigits) return false;
    if (facets.fractionDigits !== undefined && fracPart.replace(/0+$/, '').length > facets.fractionDigits) return false;
    return inRange(Number(s));
  };
}

/** Lengths allowed by length/minLength/maxLength, capped for strings. */
function lengthRange(facets: Facets, defaultMax: number): [number, number] {
  if (facets.length !== undefined) return [facets.length, facets.length];
  const min = facets.minLength ?? 0;
  const max = facets.maxLength ?? Math.max(min, defaultMax);
  return [min, Math.min(max, Math.max(min, defaultMax) + 4)];
}

/** How many xs:ID values were drawn, for the next one's suffix. */
let idsDrawn = 0;

/** A built-in's value (in its TypeScript presentation) under the given facets. */
function builtinValue(builtin: string, facets: Facets, options: Required<ArbitraryOptions>): fc.Arbitrary<unknown> {
  const [minLen, maxLen] = lengthRange(facets, 12);
  const stringLengths = (a: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    a.filter((s) => {
      const n = codePoints(s);
      return n >= minLen && n <= maxLen;
    });
  switch (builtin) {
    case 'string':
    case 'anySimpleType':
      return xmlString(minLen, maxLen);
    case 'normalizedString':
      return replacedString(minLen, maxLen);
    case 'token':
      return collapsedString(minLen, maxLen);
    case 'language':
      return stringLengths(languageTag);
    case 'Name':
      return stringLengths(fc.oneof(ncName, fc.tuple(ncName, ncName).map(([a, b]) => `${a}:${b}`)));
    case 'ID':
      // Readers report an ID given twice in a document (duplicate-id): each value drawn is a new
      // one, where the length facets leave room for a counter.
      return maxLen < 8 ? stringLengths(ncName) : stringLengths(ncName.map((n) => `${n}.${(idsDrawn++).toString(36)}`));
    case 'NCName':
    case 'IDREF':
    case 'ENTITY':
      return stringLengths(ncName);
    case 'NMTOKEN':
      return stringLengths(nmtoken);
    case 'NMTOKENS':
      return fc.array(nmtoken, { minLength: Math.max(1, minLen), maxLength: Math.max(1, Math.min(maxLen, options.maxRepeat)) });
    case 'IDREFS':
    case 'ENTITIES':
      return fc.array(ncName, { minLength: Math.max(1, minLen), maxLength: Math.max(1, Math.min(maxLen, options.maxRepeat)) });
    case 'anyURI':
      return stringLengths(uri);
    case 'QName':
    case 'NOTATION':
      return fc.tuple(fc.constantFrom('', ...options.qnameNamespaces), ncName).map(([namespace, localName]) => ({ namespace, localName }));
    case 'boolean':
      return fc.boolean();
    case 'decimal':
      return decimalArb.filter(decimalInFacets(facets));
    case 'float':
      return fc.float().filter(numberInRange(facets));
    case 'double':
      return fc.double().filter(numberInRange(facets));
    case 'dateTime':
      return fc.tuple(ymd, hms, zone).map(([d, t, z]) => `${d}T${t}${z}`);
    case 'dateTimeStamp':
      return fc.tuple(ymd, hms, zone.filter((z) => z !== '')).map(([d, t, z]) => `${d}T${t}${z}`);
    case 'date':
      return fc.tuple(ymd, zone).map(([d, z]) => d + z);
    case 'time':
      return fc.tuple(hms, zone).map(([t, z]) => t + z);
    case 'duration':
      return durationArb;
    case 'dayTimeDuration':
      return dayTimeDurationArb;
    case 'yearMonthDuration':
      return yearMonthDurationArb;
    case 'gYear':
      return fc.tuple(yearArb, zone).map(([y, z]) => pad(y, 4) + z);
    case 'gYearMonth':
      return fc.tuple(yearArb, fc.integer({ min: 1, max: 12 }), zone).map(([y, m, z]) => `${pad(y, 4)}-${pad(m, 2)}${z}`);
    case 'gMonth':
      return fc.tuple(fc.integer({ min: 1, max: 12 }), zone).map(([m, z]) => `--${pad(m, 2)}${z}`);
    case 'gMonthDay':
      return fc
        .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), zone)
        .map(([m, d, z]) => `--${pad(m, 2)}-${pad(Math.min(d, m === 2 ? 29 : (DAYS[m - 1] ?? 28)), 2)}${z}`);
    case 'gDay':
      return fc.tuple(fc.integer({ min: 1, max: 31 }), zone).map(([d, z]) => `---${pad(d, 2)}${z}`);
    case 'base64Binary':
    case 'hexBinary':
      return fc.uint8Array({ minLength: minLen, maxLength: Math.max(minLen, Math.min(maxLen, 24)) });
  }
  if (INTEGER_RANGES[builtin] !== undefined) {
    const [lo, hi] = integerBounds(builtin, facets);
    const big = fc.bigInt({
      min: lo ?? (hi !== undefined ? hi - 10n ** 30n : -(10n ** 30n)),
      max: hi ?? (lo !== undefined ? lo + 10n ** 30n : 10n ** 30n),
    });
    return NUMBER_INTEGERS.has(builtin) ? big.map((b) => Number(b)) : big;
  }
  // An unknown built-in: plain text is the best guess.
  return xmlString(minLen, maxLen);
}

/** The typed value of a lexical form (enumerations, fixed values). */
function fromLexical(builtin: string, lexical: string): unknown {
  if (builtin === 'boolean') return lexical.trim() === 'true' || lexical.trim() === '1';
  if (builtin === 'float' || builtin === 'double') {
    const s = lexical.trim();
    return s === 'INF' || s === '+INF' ? Infinity : s === '-INF' ? -Infinity : Number(s);
  }
  if (INTEGER_RANGES[builtin] !== undefined) return NUMBER_INTEGERS.has(builtin) ? Number(lexical.trim()) : BigInt(lexical.trim());
  if (builtin === 'base64Binary') return new Uint8Array(Buffer.from(lexical.trim(), 'base64'));
  if (builtin === 'hexBinary') return new Uint8Array(Buffer.from(lexical.trim(), 'hex'));
  // The built-in lists: an array of their items.
  if (BUILTIN_LISTS.has(builtin)) return lexical.split(/[\t\n\r ]+/).filter((item) => item !== '');
  if (TOKEN_LIKE.has(builtin)) return lexical.replace(/[\t\n\r ]+/g, ' ').trim();
  return lexical;
}

// ---------------------------------------------------------------------------------------------
// xs:any content

interface AnyNode {
  local: string;
  attributes: Array<[string, string]>;
  /** Character data and child elements in document order: no empty or adjacent strings. */
  content: Array<string | AnyNode>;
}

function escapeTextCanonical(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttrCanonical(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** The text of an element in the self-contained form the runtime's reader keeps xs:any content in. */
function serializeAny(node: AnyNode, prefix: string, declarations: string): string {
  const name = prefix === '' ? node.local : `${prefix}:${node.local}`;
  let s = `<${name}${declarations}`;
  for (const [attribute, value] of node.attributes) s += ` ${attribute}="${escapeAttrCanonical(value)}"`;
  if (node.content.length === 0) return `${s}/>`;
  s += '>';
  for (const item of node.content) s += typeof item === 'string' ? escapeTextCanonical(item) : serializeAny(item, prefix, '');
  return `${s}</${name}>`;
}

/** The character data of an element, as XmlElement.text concatenates it. */
function textOf(node: AnyNode): string {
  return node.content.filter((c): c is string => typeof c === 'string').join('');
}

const anyText: fc.Arbitrary<string> = xmlString(1, 10);

/** Element and attribute names of xs:any content: never starting with the reserved "xml". */
const anyName: fc.Arbitrary<string> = lowerName.filter((n) => !/^xml/i.test(n));

const anyAttributesOfNode: fc.Arbitrary<Array<[string, string]>> = fc.uniqueArray(fc.tuple(anyName, xmlString(0, 8)), {
  maxLength: 2,
  selector: ([name]) => name,
});

/** Text in which serializeElement would find a prefix (and declare it) stays out. */
const notQNameLike = (node: AnyNode): boolean =>
  !PREFIX_LIKE.test(textOf(node)) && node.attributes.every(([, value]) => !PREFIX_LIKE.test(value));

const anyLeaf: fc.Arbitrary<AnyNode> = fc
  .tuple(anyName, anyAttributesOfNode, fc.option(anyText, { nil: undefined }))
  .map(([local, attributes, text]): AnyNode => ({ local, attributes, content: text === undefined ? [] : [text] }))
  .filter(notQNameLike);

/** Element-only or text-only content, or (with `mixed`) text and elements interleaved. */
function anyNodeOf(mixed: boolean): fc.Arbitrary<AnyNode> {
  const elementOnly = fc.array(anyLeaf, { minLength: 1, maxLength: 3 });
  const textOnly = fc.option(anyText, { nil: undefined }).map((t) => (t === undefined ? [] : [t]));
  const interleaved = fc
    .array(fc.tuple(anyText, anyLeaf), { minLength: 1, maxLength: 3 })
    .chain((pairs) => fc.option(anyText, { nil: undefined }).map((tail) => [...pairs.flat(), ...(tail === undefined ? [] : [tail])]));
  const content: fc.Arbitrary<Array<string | AnyNode>> = mixed ? fc.oneof(textOnly, elementOnly, interleaved) : fc.oneof(textOnly, elementOnly);
  return fc
    .tuple(anyName, anyAttributesOfNode, content)
    .map(([local, attributes, items]): AnyNode => ({ local, attributes, content: items }))
    .filter(notQNameLike);
}

/** Namespaces for xs:any content that no schema of the closure declares (so lax validation skips them). */
const ANY_NAMESPACES = ['', 'urn:example:any', 'http://example.com/any?a=1&b=2'];

export interface XmlAnyElementValue {
  namespace: string;
  localName: string;
  xml: string;
}

/**
 * A small well-formed element in the form `toAnyElement` returns: its namespace declared on
 * itself, `xmlns=""` when it has none (so that it keeps its meaning wherever it is pasted). With
 * `mixed`, character data and child elements may interleave.
 */
export function anyElementArbitrary(mixed: boolean, constraint: NamespaceConstraint = { kind: 'any' }): fc.Arbitrary<XmlAnyElementValue> {
  const namespaces = admitted(constraint, ANY_NAMESPACES);
  return fc.tuple(fc.constantFrom(...namespaces), fc.boolean(), anyNodeOf(mixed)).map(([namespace, useDefault, node]) => {
    if (namespace === '') return { namespace, localName: node.local, xml: serializeAny(node, '', ' xmlns=""') };
    const prefix = useDefault ? '' : 'x';
    const declaration = ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeAttrCanonical(namespace)}"`;
    return { namespace, localName: node.local, xml: serializeAny(node, prefix, declaration) };
  });
}

export interface XmlAnyAttributeValue {
  namespace: string;
  localName: string;
  value: string;
}

/** Of `candidates` and the namespaces a constraint lists, those it admits. */
function admitted(constraint: NamespaceConstraint, candidates: readonly string[]): string[] {
  const all = [...new Set([...candidates, ...(constraint.kind === 'only' ? constraint.namespaces : [])])];
  return all.filter((n) => admits(constraint, n));
}

function anyAttributeList(
  declared: ReadonlySet<string>,
  mode: 'any' | 'single-namespace',
  constraint: NamespaceConstraint,
): fc.Arbitrary<XmlAnyAttributeValue[]> {
  const namespaces = admitted(constraint, ['', XML_NS, 'urn:example:attr', 'http://example.com/attr?a&b']);
  const names = namespaces.map((n) => fc.tuple(fc.constant(n), n === XML_NS ? fc.constantFrom('lang', 'space', 'base', 'id') : anyName));
  const attribute: fc.Arbitrary<XmlAnyAttributeValue> = fc
    .tuple(fc.oneof(...names), xmlString(0, 8))
    .map(([[namespace, localName], value]) => ({ namespace, localName, value }));
  return fc
    .uniqueArray(attribute, { minLength: 1, maxLength: 3, selector: (a) => `{${a.namespace}}${a.localName}` })
    .filter((list) => list.every((a) => !declared.has(`{${a.namespace}}${a.localName}`)))
    .filter((list) => mode === 'any' || list.filter((a) => a.namespace !== '' && a.namespace !== XML_NS).length <= 1);
}

// ---------------------------------------------------------------------------------------------
// Schema types

/** Marks an absent optional property while records are assembled. */
const ABSENT: unique symbol = Symbol('absent');
type Entry = readonly [string, unknown];
/** What a declaration's block rules out of its type's derived types (markXsiTypeBlocked). */
type XsiTypeBlocks = { xsiTypeBlocked?: true; xsiTypeBlock?: 'extension' | 'restriction' };
type Entries = readonly Entry[];

const EMPTY: fc.Arbitrary<Entries> = fc.constant([]);

function concatEntries(parts: readonly Entries[]): Entries {
  return parts.flat();
}

/**
 * A repeated sequence's items (of `properties`) as a reader sees them, since XML cannot tell every
 * list of items apart: an empty one writes nothing; one whose elements all come after the previous
 * one's, or that repeats the previous one's last list while that has room, is read as part of it.
 */
function asRead(items: ReadonlyArray<Record<string, unknown>>, group: Extract<PropertyShape, { kind: 'group' }>): Array<Record<string, unknown>> {
  const properties = group.properties;
  // The alternatives of a single choice share its place: a second one begins the next item. The rest
  // of a sequence alternative keeps its own place.
  const place = (name: string, i: number): number => {
    const names = group.choices.find((c) => c.alternatives.some((a) => a.names[0] === name))?.alternatives.flatMap((a) => a.names) ?? [];
    return Math.min(i, ...names.map((n) => properties.findIndex((q) => q.name === n)));
  };
  const order = new Map(properties.map((q, i) => [q.name, place(q.name, i)] as const));
  // An element of another alternative of a choice than the previous item holds begins the next
  // item, wherever it stands in its alternative.
  const alternativeOf = new Map(group.choices.flatMap((c, i) => c.alternatives.flatMap((a, k) => a.names.map((n) => [n, [i, k]] as const))));
  const crosses = (last: object, o: object): boolean =>
    Object.keys(last).some((a) => Object.keys(o).some((b) => {
      const [x, y] = [alternativeOf.get(a), alternativeOf.get(b)];
      return x !== undefined && y !== undefined && x[0] === y[0] && x[1] !== y[1];
    }));
  const positions = (o: object): number[] => Object.keys(o).map((k) => order.get(k) ?? -1);
  const room = (last: Record<string, unknown>, o: Record<string, unknown>, key: string): boolean => {
    const q = properties.find((x) => x.name === key);
    const [a, b] = [last[key], o[key]];
    return q?.kind === 'element' && q.repeated && Array.isArray(a) && Array.isArray(b) && (q.max === undefined || a.length + b.length <= q.max);
  };
  const out: Array<Record<string, unknown>> = [];
  for (const o of items) {
    const at = positions(o);
    const last = out[out.length - 1];
    if (at.length === 0) continue;
    const before = last === undefined ? [] : positions(last);
    const [first, end] = [Math.min(...at), Math.max(...before)];
    const shared = Object.keys(o).find((k) => order.get(k) === first);
    const joins = last !== undefined && ![...at, ...before].includes(-1) && !crosses(last, o) && (first > end || (first === end && shared !== undefined && room(last, o, shared)));
    if (!joins) {
      out.push(o);
      continue;
    }
    const merged: Entries = Object.entries(o).map(([k, v]) => [k, k === shared && first === end ? [...(last[k] as unknown[]), ...(v as unknown[])] : v]);
    out[out.length - 1] = toObject([...Object.entries(last).filter(([k]) => !(k in o)), ...merged]);
  }
  return out;
}

/**
 * A repeated sequence's items as a reader sees them where it splits the occurrences again
 * (occurrenceSplit): its elements in document order, each occurrence filled as far as its lists go
 * (a full list, or an element of an earlier or the same once-only part, begins the next), then
 * split where that does not fit. Undefined for other sequences (asRead).
 */
function splitAsRead(items: ReadonlyArray<Record<string, unknown>>, group: Extract<PropertyShape, { kind: 'group' }>): Array<Record<string, unknown>> | undefined {
  const split = occurrenceSplit(group);
  if (split === undefined) return undefined;
  const filled: Array<Record<string, unknown>> = [];
  let current: Record<string, unknown> | undefined;
  let at = -1;
  for (const item of items) {
    split.parts.forEach((part, j) => {
      const v = item[part.key];
      for (const x of v === undefined ? [] : part.list ? (v as unknown[]) : [v]) {
        const held = current === undefined ? 0 : part.list ? ((current[part.key] as unknown[] | undefined)?.length ?? 0) : current[part.key] === undefined ? 0 : 1;
        if (current === undefined || j < at || (j === at && (!part.list || (part.max !== undefined && held >= part.max)))) filled.push((current = {}));
        at = j;
        if (part.list) ((current[part.key] ??= []) as unknown[]).push(x);
        else current[part.key] = x;
      }
    });
  }
  return splitOccurrences(filled, split.parts, split.min, split.max);
}

function toObject(entries: Entries): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (value !== ABSENT) Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return o;
}

const repeats = (max: number | 'unbounded'): boolean => max === 'unbounded' || max > 1;

function withDefaults(options: ArbitraryOptions): Required<ArbitraryOptions> {
  return {
    maxRepeat: options.maxRepeat ?? 3,
    maxDepth: options.maxDepth ?? 6,
    derivedTypes: options.derivedTypes ?? true,
    anyAttributes: options.anyAttributes ?? 'any',
    anyElements: options.anyElements ?? true,
    extraHeaders: options.extraHeaders ?? true,
    anyMixedContent: options.anyMixedContent ?? true,
    qnameNamespaces: options.qnameNamespaces ?? [],
  };
}

/**
 * The complex types that have a finite valid instance: those whose required content needs only
 * such types (a least fixpoint). A type extending an abstract base with a required element of
 * that base, which only it derives from, has none (random seed 63): no value of it ends.
 */
function finiteTypes(ir: IR, emitted: ReadonlySet<QName>): Set<QName> {
  const finite = new Set<QName>();
  const satisfiable = (p: Particle): boolean => {
    if (p.min === 0 || p.kind === 'any') return true;
    if (p.kind === 'element') return elementFinite(ir, p, emitted, finite);
    return p.kind === 'choice' ? p.particles.some(satisfiable) : p.particles.every(satisfiable);
  };
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of emitted) {
      const t = ir.types[key];
      if (t?.kind !== 'complex' || finite.has(key) || (t.particle !== undefined && !satisfiable(t.particle))) continue;
      finite.add(key);
      grew = true;
    }
  }
  return finite;
}

/** Whether element particle `p` can hold a finite value: of its type, a type derived from it, or a substitute's. */
function elementFinite(ir: IR, p: ElementParticle, emitted: ReadonlySet<QName>, finite: ReadonlySet<QName>): boolean {
  const concrete = (key: QName): boolean => {
    const t = ir.types[key];
    return t?.kind === 'complex' ? !t.abstract && finite.has(key) : true;
  };
  const instantiable = (key: QName): boolean => {
    const t = ir.types[key];
    return concrete(key) || (t?.kind === 'complex' && t.derivedTypes.some((d) => emitted.has(d) && concrete(d)));
  };
  const types = [...(p.abstract ? [] : [p.type]), ...p.substitutes.flatMap((e) => ir.elements[e]?.type ?? [])];
  return types.some(instantiable);
}

/** Valid values of an XSD built-in (by local name), in the TypeScript presentation of the runtime's codec. */
export function builtinArbitrary(localName: string, facets: Facets = {}, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return builtinValue(localName, facets, withDefaults(options));
}

export function buildArbitraries(ir: IR, options: ArbitraryOptions = {}): SchemaArbitraries {
  const opts = withDefaults(options);
  const emitted = new Set<QName>(ir.reachable.types);
  const { bases, members } = polymorphicTypes(ir, emitted);
  const shapes = new Map<QName, Shape>();
  for (const key of ir.reachable.types) {
    const t = ir.types[key];
    if (t !== undefined) shapes.set(key, shapeOf(ir, t, members));
  }
  const memo = new Map<string, fc.Arbitrary<unknown>>();
  const anyElement = anyElementArbitrary(opts.anyMixedContent);
  /** Elements a wildcard admits (one of any namespace shared by all). */
  const wildcardElements = (ns: NamespaceConstraint): fc.Arbitrary<XmlAnyElementValue> => (ns.kind === 'any' ? anyElement : anyElementArbitrary(opts.anyMixedContent, ns));
  const finite = finiteTypes(ir, emitted);

  const cap = (max: number | 'unbounded'): number => (max === 'unbounded' ? opts.maxRepeat : Math.min(max, opts.maxRepeat));

  /** How many occurrences, from `min` up to the cap (only the minimum past maxDepth). */
  const count = (min: number, max: number | 'unbounded', depth: number): { min: number; max: number } => {
    const hi = Math.max(min, cap(max));
    return { min, max: depth > opts.maxDepth ? min : hi };
  };

  // ---- simple types

  /** Facets of a user simple type and its restriction chain, the nearest definition winning. */
  const effectiveFacets = (t: SimpleTypeDef): { facets: Facets; patterns: string[][]; enumeration?: string[] } => {
    const facets: Facets = {};
    const patterns: string[][] = [];
    let enumeration: string[] | undefined;
    const seen = new Set<QName>();
    for (let s: SimpleTypeDef | undefined = t; s !== undefined && !seen.has(s.name); ) {
      seen.add(s.name);
      for (const [k, v] of Object.entries(s.facets) as Array<[keyof Facets, Facets[keyof Facets]]>) {
        if (k === 'pattern') continue;
        if (facets[k] === undefined && v !== undefined) Object.assign(facets, { [k]: v });
      }
      if (s.facets.pattern !== undefined && s.facets.pattern.length > 0) patterns.push(s.facets.pattern);
      if (enumeration === undefined && s.enumeration !== undefined && s.enumeration.length > 0) enumeration = s.enumeration;
      const base: TypeDef | undefined = s.base === undefined ? undefined : ir.types[s.base];
      s = base?.kind === 'simple' ? base : undefined;
    }
    return enumeration === undefined ? { facets, patterns } : { facets, patterns, enumeration };
  };

  // fast-check draws strings from JavaScript expressions: an XSD pattern's own escapes and its
  // class subtraction are approximated for drawing, and what is drawn is kept only when the
  // runtime's exact translation (the one the readers and writers check with) matches it.
  const anchored = (pattern: string): RegExp => {
    try {
      return new RegExp(`^(?:${approximate(pattern)})$`, 'u');
    } catch {
      // An escape JavaScript lacks (a \p{IsBlock}): draw plain words, for the exact check to sort.
      return /^[0-9A-Za-z]{1,8}$/u;
    }
  };
  const exact = (pattern: string): RegExp => xsdPattern(pattern) ?? anchored(pattern);

  const simpleValue = (key: QName): fc.Arbitrary<unknown> => {
    const cached = memo.get(`simple ${key}`);
    if (cached !== undefined) return cached;
    const made = makeSimpleValue(key);
    memo.set(`simple ${key}`, made);
    return made;
  };

  // A list separates its items by whitespace: an empty item, or one holding whitespace, is no value
  // of it (the writer refuses one).
  const listItem = (item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => item.filter((v) => typeof v !== 'string' || /^[^ \t\r\n]+$/.test(v));

  const makeSimpleValue = (key: QName): fc.Arbitrary<unknown> => {
    if (isBuiltin(key)) return builtinValue(splitQName(key).local, {}, opts);
    const t = ir.types[key];
    if (t === undefined) throw new Error(`unknown simple type ${key}`);
    if (t.kind !== 'simple') throw new Error(`${key} is not a simple type`);
    if (t.variety === 'list') {
      const item = listItem(simpleValue(t.itemType ?? `{${XSD_NS}}string`));
      const { facets } = effectiveFacets(t);
      const [min, max] = lengthRange(facets, opts.maxRepeat);
      return fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(max, opts.maxRepeat)) });
    }
    // A restriction of a list type is a list too, its length facets counting items (XSD 4.3.1).
    for (let base = t.base; base !== undefined && !isBuiltin(base); ) {
      const b = ir.types[base];
      if (b?.kind !== 'simple') break;
      if (b.variety === 'list') {
        const item = listItem(simpleValue(b.itemType ?? `{${XSD_NS}}string`));
        const [min, max] = lengthRange(effectiveFacets(t).facets, opts.maxRepeat);
        return fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(max, opts.maxRepeat)) });
      }
      base = b.base;
    }
    if (t.variety === 'union') {
      const memberKeys = t.memberTypes ?? [];
      const alternatives = memberKeys.map((m, i) => {
        const earlier = memberKeys.slice(0, i).map(lexicalOf).filter((r): r is RegExp => r !== undefined);
        const value = simpleValue(m);
        // A string that an earlier member would also accept reads back as that member's value.
        return earlier.length === 0 ? value : value.filter((v) => typeof v !== 'string' || !earlier.some((r) => r.test(v)));
      });
      if (alternatives.length === 0) throw new Error(`union ${key} has no member types`);
      return fc.oneof(...alternatives);
    }
    // An enumeration of QNames lists expanded names, resolved where the schema wrote them.
    const qnames = qnameEnumeration(ir, key);
    if (qnames !== undefined && qnames.size > 0) return fc.constantFrom(...[...qnames].map((q) => ({ namespace: splitQName(q).namespace, localName: splitQName(q).local })));
    const { facets, patterns, enumeration } = effectiveFacets(t);
    if (enumeration !== undefined) return fc.constantFrom(...enumeration.map((e) => fromLexical(t.builtin, e)));
    let value: fc.Arbitrary<unknown>;
    const [first, ...others] = patterns;
    if (first !== undefined) {
      const [minLen, maxLen] = lengthRange(facets, 64);
      const laterPatterns = others.map((alternatives) => alternatives.map(exact));
      value = fc
        .oneof(
          ...first.map((p) => {
            const check = exact(p);
            return fc.stringMatching(anchored(p)).filter((s) => check.test(s));
          }),
        )
        .filter((s) => laterPatterns.every((alts) => alts.some((r) => r.test(s))))
        .filter((s) => {
          const n = codePoints(s);
          return n >= minLen && n <= maxLen;
        })
        .map((s) => fromLexical(t.builtin, s));
    } else {
      value = builtinValue(t.builtin, facets, opts);
    }
    // A whiteSpace facet on a string type: readers return the normalized text, whose length the
    // length facets count.
    if ((t.builtin === 'string' || t.builtin === 'normalizedString') && facets.whiteSpace !== undefined && facets.whiteSpace !== 'preserve') {
      const normalize = facets.whiteSpace === 'collapse' ? collapseXml : (x: string): string => x.replace(/[\t\n\r]/g, ' ');
      const [minLen, maxLen] = lengthRange(facets, Number.MAX_SAFE_INTEGER);
      value = value
        .map((v) => (typeof v === 'string' ? normalize(v) : v))
        .filter((v) => typeof v !== 'string' || (codePoints(v) >= minLen && codePoints(v) <= maxLen));
    }
    return value;
  };

  /** The lexical space of a union member, when it is narrower than any string. */
  const lexicalOf = (key: QName): RegExp | undefined => {
    if (isBuiltin(key)) return lexicalClass(splitQName(key).local);
    const t = ir.types[key];
    if (t?.kind !== 'simple') return undefined;
    if (t.variety !== 'atomic') return undefined;
    const { enumeration, patterns } = effectiveFacets(t);
    if (enumeration !== undefined) return new RegExp(`^(?:${enumeration.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
    const first = patterns[0];
    if (first !== undefined) return new RegExp(first.map((p) => `^(?:${p})$`).join('|'), 'u');
    return lexicalClass(t.builtin);
  };

  /** The built-in at the root of a simple type (for fixed values). */
  const builtinOf = (key: QName): string => {
    if (isBuiltin(key)) return splitQName(key).local;
    const t = ir.types[key];
    return t?.kind === 'simple' ? t.builtin : 'string';
  };

  // ---- complex types

  /** The value of an element of declared type `type`, as its parent holds it. */
  const elementValue = (type: QName, nillable: boolean, depth: number, element?: QName, blocks?: XsiTypeBlocks): fc.Arbitrary<unknown> => {
    const value = concreteElementValue(type, depth, element, blocks);
    // A nil element carries the attributes its type requires: not null, and no XmlNil made here.
    const t = ir.types[type];
    if (!nillable || (t?.kind === 'complex' && t.attributes.some((a) => a.use === 'required'))) return value;
    // A nil element of a type with attributes keeps them (XmlNil). Foreign ones are not the type's,
    // so only where foreign attributes are asked for (not in schema-valid runs).
    if (opts.anyAttributes !== 'none' && keepsNilAttributes(ir, type)) {
      const nil = anyAttributeList(new Set(), opts.anyAttributes, { kind: 'any' }).map(($anyAttributes) => ({ $nil: true, $anyAttributes }));
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: nil }, { weight: 3, arbitrary: value });
    }
    return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: value });
  };

  /** `blocks`: the declaration's marks of the derived types its block rules out (none may be named by $type). */
  const concreteElementValue = (type: QName, depth: number, element?: QName, blocks?: XsiTypeBlocks): fc.Arbitrary<unknown> => {
    if (isBuiltin(type) && splitQName(type).local === 'anyType') {
      // xs:anyType: the element itself kept as XML.
      const { namespace, local } = splitQName(element ?? 'value');
      const declaration = namespace === '' ? ' xmlns=""' : ` xmlns:a="${escapeAttrCanonical(namespace)}"`;
      return anyNodeOf(opts.anyMixedContent).map((node) => ({
        namespace,
        localName: local,
        xml: serializeAny({ ...node, local }, namespace === '' ? '' : 'a', declaration),
      }));
    }
    const t = ir.types[type];
    if (isBuiltin(type) || t?.kind === 'simple') return simpleValue(type);
    if (t === undefined) throw new Error(`unknown type ${type}`);
    if (!bases.has(type)) return typeValue(type, depth);
    // A polymorphic position: the declared type (no $type) or a derived one named by $type.
    const choices: Array<fc.Arbitrary<unknown>> = [];
    if (!t.abstract) choices.push(typeValue(type, depth));
    const block = blocks?.xsiTypeBlock;
    const derived = t.derivedTypes.filter(
      (d) => emitted.has(d) && finite.has(d) && blocks?.xsiTypeBlocked !== true && (block === undefined || !derivationSteps(ir, d, type).methods.includes(block)),
    );
    // Past maxDepth, derived types only where the declared one is abstract: one that requires
    // more elements of the declared type (an extension holding several) could grow without end.
    if ((opts.derivedTypes && depth <= opts.maxDepth) || choices.length === 0) {
      for (const d of derived) {
        const dt = ir.types[d];
        if (dt === undefined) continue;
        choices.push(typeValue(d, depth).map((v) => ({ $type: dt.tsName, ...(v as Record<string, unknown>) })));
      }
    }
    if (choices.length === 0) throw new Error(`no concrete type for the abstract ${type}`);
    return fc.oneof(...choices);
  };

  const typeValue = (key: QName, depth: number): fc.Arbitrary<unknown> => {
    const d = Math.min(depth, opts.maxDepth + 1);
    const memoKey = `type ${key} ${d}`;
    const cached = memo.get(memoKey);
    if (cached !== undefined) return cached;
    // Recursive types: a lazy placeholder breaks the cycle while the arbitrary is built (past
    // maxDepth only required content remains, so only a schema that requires infinite nesting
    // could recurse at generation time).
    let built: fc.Arbitrary<unknown> | undefined;
    const placeholder = fc.constant(null).chain(() => {
      if (built === undefined) throw new Error(`${key} used before it was built`);
      return built;
    });
    memo.set(memoKey, placeholder);
    built = makeTypeValue(key, depth);
    memo.set(memoKey, built);
    return built;
  };

  const makeTypeValue = (key: QName, depth: number): fc.Arbitrary<unknown> => {
    const t = ir.types[key];
    if (t === undefined || isBuiltin(key)) return simpleValue(key);
    if (t.kind === 'simple') return simpleValue(key);
    const shape = shapes.get(key) ?? shapeOf(ir, t, members);
    switch (shape.kind) {
      case 'simple':
        // Simple content without attributes: the text's value itself.
        return simpleValue(t.simpleType ?? `{${XSD_NS}}string`);
      case 'array':
        return arrayValue(t, shape.item, depth);
      case 'value': {
        const parts: Array<fc.Arbitrary<Entries>> = [simpleValue(shape.valueType).map((v): Entries => [['$value', v]])];
        parts.push(attributeEntries(t, shape.properties, depth));
        return fc.tuple(...parts).map((p) => toObject(concatEntries(p)));
      }
      case 'object': {
        const parts: Array<fc.Arbitrary<Entries>> = [];
        const byName = new Map(shape.properties.map((p) => [p.name, p] as const));
        if (t.particle !== undefined) parts.push(particleEntries(t.particle, byName, new Set(), undefined, depth));
        if (shape.properties.some((p) => p.kind === 'text' && p.name === '$text' && p.into === undefined)) {
          // Mixed content: character data only when there are no element children to interleave.
          // Readers keep only text that is not all whitespace: absent is the canonical form of that.
          parts.push(t.particle === undefined ? optionalEntry('$text', xmlString(1).filter((x) => /[^ \t\r\n]/.test(x)), depth) : EMPTY);
        }
        parts.push(attributeEntries(t, shape.properties, depth));
        return fc.tuple(...parts).map((p) => toObject(concatEntries(p)));
      }
    }
  };

  const optionalEntry = (name: string, value: fc.Arbitrary<unknown>, depth: number): fc.Arbitrary<Entries> =>
    depth > opts.maxDepth ? EMPTY : fc.oneof(EMPTY, value.map((v): Entries => [[name, v]]));

  const attributeEntries = (t: ComplexTypeDef, properties: readonly PropertyShape[], depth: number): fc.Arbitrary<Entries> => {
    const parts: Array<fc.Arbitrary<Entries>> = [];
    for (const a of t.attributes) parts.push(attributeEntry(a, depth));
    const wildcard = properties.find((p) => p.kind === 'anyAttribute');
    if (wildcard?.kind === 'anyAttribute' && opts.anyAttributes !== 'none') {
      const declared = new Set(t.attributes.map((a) => (a.name.startsWith('{') ? a.name : `{}${a.name}`)));
      parts.push(optionalEntry('$anyAttributes', anyAttributeList(declared, opts.anyAttributes, wildcard.namespace), depth));
    }
    return parts.length === 0 ? EMPTY : fc.tuple(...parts).map(concatEntries);
  };

  // A fixed QName is the name the schema resolved, whatever prefix it was written with; so is
  // each item of a fixed list of QNames.
  const xmlQName = (key: QName): { namespace: string; localName: string } => ({ namespace: splitQName(key).namespace, localName: splitQName(key).local });
  const fixedValue = (type: QName, fixed: string, decl: { valueQName?: QName | null; valueQNames?: QName[] | null }): unknown =>
    typeof decl.valueQName === 'string' ? xmlQName(decl.valueQName) : Array.isArray(decl.valueQNames) ? decl.valueQNames.map(xmlQName) : fromLexical(builtinOf(unionMember(type, fixed)), fixed);
  /** For a union, the first member whose lexical space plainly holds `lexical` (numbers, booleans; else text); other types as they are. */
  const unionMember = (type: QName, lexical: string): QName => {
    const t = ir.types[type];
    if (t?.kind !== 'simple' || t.variety !== 'union') return type;
    const fits = (member: QName): boolean => {
      const b = builtinOf(member);
      if (INTEGER_RANGES[b] !== undefined) return /^\s*[+-]?\d+\s*$/.test(lexical);
      if (b === 'boolean') return /^\s*(true|false|0|1)\s*$/.test(lexical);
      if (b === 'decimal' || b === 'float' || b === 'double') return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(lexical);
      return ir.types[member]?.kind !== 'simple' || (ir.types[member] as { variety?: string }).variety === 'atomic';
    };
    return (t.memberTypes ?? []).find(fits) ?? type;
  };

  const attributeEntry = (a: AttributeUse, depth: number): fc.Arbitrary<Entries> => {
    const value = a.fixed !== undefined ? fc.constant(fixedValue(a.type, a.fixed, a)) : simpleValue(a.type);
    if (a.use === 'required') return value.map((v): Entries => [[a.propName, v]]);
    return optionalEntry(a.propName, value, depth);
  };

  /**
   * The values of an element under its declaration's value constraint: only the fixed value, or
   * (with a default) nothing that is written as empty text, which reads back as the default.
   */
  const constrained = (value: fc.Arbitrary<unknown>, type: QName, decl: { default?: string; fixed?: string; valueQName?: QName | null; valueQNames?: QName[] | null } | undefined): fc.Arbitrary<unknown> => {
    const shape = shapes.get(type);
    // A simple-content type without attributes is read as its simple type (simple shape).
    const t = ir.types[type];
    const valueType = t?.kind === 'complex' && shape?.kind === 'simple' ? (t.simpleType ?? type) : type;
    if (decl?.fixed !== undefined && (isBuiltin(type) || t?.kind === 'simple' || shape?.kind === 'simple')) return fc.constant(fixedValue(valueType, decl.fixed, decl));
    // A simple-content type (value shape) with a fixed value: its $value is that value.
    if (decl?.fixed !== undefined && shape?.kind === 'value') {
      const fixed = fixedValue(shape.valueType, decl.fixed, decl);
      return value.map((v) => (typeof v === 'object' && v !== null && !('$nil' in v) ? { ...v, $value: fixed } : v));
    }
    if (decl?.default === undefined) return value;
    const empty = (v: unknown): boolean => v === '' || ((Array.isArray(v) || v instanceof Uint8Array) && v.length === 0);
    // Of a simple-content type, its $value.
    return value.filter((v) => !(empty(v) || (shape?.kind === 'value' && typeof v === 'object' && v !== null && '$value' in v && empty(v.$value))));
  };

  const elementParticleValue = (p: ElementParticle, prop: PropertyShape | undefined, depth: number): fc.Arbitrary<unknown> => {
    if (prop?.kind === 'element' && prop.alternatives !== undefined) {
      const alternatives = prop.alternatives.map((alt) =>
        constrained(elementValue(alt.type, alt.nillable, depth + 1, alt.element, alt), alt.type, alt).map((v) => toObject([[alt.key, v]])),
      );
      if (alternatives.length === 0) throw new Error(`${p.name} is abstract and has no substitutes`);
      return fc.oneof(...alternatives);
    }
    return constrained(elementValue(p.type, p.nillable, depth + 1, p.name, p), p.type, p);
  };

  /**
   * An element no finite value is valid for: of an abstract type with nothing derived from it
   * (ABSTRACT_TYPE_NOT_DERIVED, and writers refuse one), or of types that require their own kind
   * without end (finiteTypes).
   */
  const valueless = (p: Particle): boolean => p.kind === 'element' && !elementFinite(ir, p, emitted, finite);

  /**
   * A repeated choice of elements and wildcards kept as one list per alternative: occurrences of
   * the choice, each taking one alternative as many times as it allows (writers check that the
   * lists make such occurrences: b{2} comes in pairs).
   */
  const countedChoiceEntries = (p: GroupParticle, byName: ReadonlyMap<string, PropertyShape>, used: Set<string>, depth: number): fc.Arbitrary<Entries> => {
    const alts = p.particles.flatMap((c) => {
      if ((c.kind !== 'element' && c.kind !== 'any') || used.has(c.propName) || valueless(c)) return [];
      const prop = byName.get(c.propName);
      if (prop === undefined || (c.kind === 'any' && !opts.anyElements)) return [];
      const value = c.kind === 'element' ? elementParticleValue(c, prop, depth) : wildcardElements(c.namespace);
      // Its minOccurs, or one more where it allows more.
      const most = c.max === 'unbounded' ? c.min + 1 : Math.min(c.max, c.min + 1);
      return [{ name: c.propName, value, items: fc.integer({ min: c.min, max: most }) }];
    });
    for (const c of p.particles) if (c.kind === 'element' || c.kind === 'any') used.add(c.propName);
    if (alts.length === 0) return EMPTY;
    const n = count(p.min, p.max, depth);
    const occurrence = fc.nat({ max: alts.length - 1 }).chain((i) => alts[i]!.items.map((k) => [i, k] as const));
    return fc.array(occurrence, { minLength: n.min, maxLength: n.max }).chain((occurrences) => {
      const lists = alts.flatMap((a, i) => {
        const total = occurrences.reduce((sum, [j, k]) => sum + (j === i ? k : 0), 0);
        // No item reads back as an absent list.
        return total === 0 ? [] : [fc.array(a.value, { minLength: total, maxLength: total }).map((v): Entries => [[a.name, v]])];
      });
      return lists.length === 0 ? EMPTY : fc.tuple(...lists).map(concatEntries);
    });
  };

  /**
   * Property entries for a particle. Inside a repeated group (`repeat` set) elements become
   * arrays; `repeat.min` is how often the group must occur at least (0 when an iteration may
   * leave the element out). Names already produced are skipped, as shapeOf keeps one property for
   * an element named twice.
   */
  const particleEntries = (
    p: Particle,
    byName: ReadonlyMap<string, PropertyShape>,
    used: Set<string>,
    repeat: { min: number } | undefined,
    depth: number,
  ): fc.Arbitrary<Entries> => {
    const listEntry = (name: string, value: fc.Arbitrary<unknown>, min: number, max: number | 'unbounded'): fc.Arbitrary<Entries> => {
      // An array; zero occurrences read back as an absent property.
      const n = count(min, max, depth);
      const present = fc
        .array(value, { minLength: Math.max(1, n.min), maxLength: Math.max(1, n.max) })
        .map((v): Entries => [[name, v]]);
      return n.min === 0 ? (depth > opts.maxDepth ? EMPTY : fc.oneof(EMPTY, present)) : present;
    };
    switch (p.kind) {
      case 'element': {
        if (used.has(p.propName)) return EMPTY;
        used.add(p.propName);
        const prop = byName.get(p.propName);
        if (prop === undefined) return EMPTY;
        if (p.min === 0 && valueless(p)) return EMPTY;
        const value = elementParticleValue(p, prop, depth);
        if (prop.kind === 'element' && prop.repeated) {
          return repeat === undefined ? listEntry(p.propName, value, p.min, p.max) : listEntry(p.propName, value, repeat.min * p.min, 'unbounded');
        }
        if (p.min === 0) return optionalEntry(p.propName, value, depth);
        return value.map((v): Entries => [[p.propName, v]]);
      }
      case 'any': {
        if (used.has(p.propName)) return EMPTY;
        used.add(p.propName);
        const min = repeat === undefined ? p.min : repeat.min * p.min;
        if (!opts.anyElements && min === 0) return EMPTY;
        const elements = wildcardElements(p.namespace);
        return listEntry(p.propName, elements, min, repeat === undefined ? p.max : 'unbounded');
      }
      case 'sequence':
      case 'all':
      case 'choice': {
        const choiceProp = p.kind === 'choice' && p.propName !== undefined ? byName.get(p.propName) : undefined;
        if (choiceProp?.kind === 'choice') return choiceEntries(p, choiceProp.item, used, depth);
        const groupProp = p.kind === 'sequence' && p.propName !== undefined ? byName.get(p.propName) : undefined;
        if (groupProp?.kind === 'group' && p.propName !== undefined) {
          // A repeated sequence of several particles: an array of item objects, one per occurrence.
          if (used.has(p.propName)) return EMPTY;
          used.add(p.propName);
          const inner = new Map(groupProp.properties.map((q) => [q.name, q] as const));
          const item = fc
            .tuple(...p.particles.map((c) => particleEntries(c, inner, new Set(), undefined, depth + 1)))
            .map((parts) => toObject(concatEntries(parts)));
          // Items as a reader sees them; an optional list with none left is absent, a required one empty.
          return listEntry(p.propName, item, repeat === undefined ? p.min : repeat.min * p.min, p.max).map((entries) =>
            entries.flatMap(([k, v]): Entries => {
              const items = Array.isArray(v) ? splitAsRead(v as Array<Record<string, unknown>>, groupProp) ?? asRead(v as Array<Record<string, unknown>>, groupProp) : v;
              return Array.isArray(items) && items.length === 0 && groupProp.optional ? [] : [[k, items]];
            }),
          );
        }
        let content: fc.Arbitrary<Entries>;
        if (repeat === undefined && !repeats(p.max)) {
          if (p.kind === 'choice') {
            // Exactly one alternative (each is an optional property of the shape). Alternatives
            // exclude each other: each may produce a name another one has (PGPData's PGPKeyPacket
            // and $any); afterwards, the names of any of them count as produced.
            const branches = p.particles.map(() => new Set(used));
            // Not an alternative no value can take, while another one can.
            const open = p.particles.some((c) => !valueless(c));
            const alternatives = p.particles.flatMap((c, i) => (open && valueless(c) ? [] : [particleEntries(c, byName, branches[i] ?? new Set(used), undefined, depth)]));
            for (const b of branches) for (const n of b) used.add(n);
            content = alternatives.length === 0 ? EMPTY : fc.oneof(...alternatives);
          } else {
            const children = p.particles.map((c) => particleEntries(c, byName, used, undefined, depth));
            content = children.length === 0 ? EMPTY : fc.tuple(...children).map(concatEntries);
          }
        } else if (p.kind === 'choice' && repeat === undefined && p.particles.every((c) => c.kind === 'element' || c.kind === 'any')) {
          content = countedChoiceEntries(p, byName, used, depth);
        } else {
          // A repeated group: each element an array; a choice may leave any one of them out.
          const outer = repeat === undefined ? p.min : repeat.min * p.min;
          const inner = { min: p.kind === 'choice' && p.particles.length > 1 ? 0 : outer };
          const children = p.particles.map((c) => particleEntries(c, byName, used, inner, depth));
          content = children.length === 0 ? EMPTY : fc.tuple(...children).map(concatEntries);
        }
        if (p.min !== 0) return content;
        return depth > opts.maxDepth ? EMPTY : fc.oneof(EMPTY, content);
      }
    }
  };

  /** A repeated choice kept in document order: `$choice: Array<{ A: TA } | { B: TB }>`. */
  const choiceEntries = (g: GroupParticle, item: ItemShape, used: Set<string>, depth: number): fc.Arbitrary<Entries> => {
    const name = g.propName ?? '$choice';
    if (used.has(name)) return EMPTY;
    used.add(name);
    const n = count(g.min, g.max, depth);
    // Character data is no occurrence of the choice: as many elements as it requires (writers count them).
    const required = minItems(g);
    const list = fc
      .array(itemValue(item, depth), { minLength: Math.max(1, n.min), maxLength: Math.max(1, n.max, required) })
      .filter((items) => items.filter((x) => !isText(x)).length >= required)
      .map(joinTexts);
    const present = list.map((v): Entries => [[name, v]]);
    return n.min === 0 ? (depth > opts.maxDepth ? EMPTY : fc.oneof(EMPTY, present)) : present;
  };

  // Readers see one run of character data between two elements: adjacent text items are one.
  const joinTexts = (items: unknown[]): unknown[] =>
    items.reduce<unknown[]>((out, x) => {
      const prev = out[out.length - 1];
      if (isText(x) && isText(prev)) out[out.length - 1] = { $text: prev.$text + x.$text };
      else out.push(x);
      return out;
    }, []);

  const itemValue = (item: ItemShape, depth: number): fc.Arbitrary<unknown> => {
    if (item.kind === 'element') return constrained(elementValue(item.alt.type, item.alt.nillable, depth + 1, item.alt.element, item.alt), item.alt.type, item.alt);
    const alternatives = item.alts.map((alt) => {
      const value = constrained(elementValue(alt.type, alt.nillable, depth + 1, alt.element, alt), alt.type, alt);
      // An alternative each occurrence holds a fixed number of times (b{2}): that many, in one item.
      const held = alt.count === undefined ? value : fc.array(value, { minLength: alt.count, maxLength: alt.count });
      return held.map((v: unknown) => toObject([[alt.key, v]]));
    });
    // A wildcard alternative: an element of a namespace it admits, as `{ $any }`.
    if (item.any !== undefined) {
      const elements = wildcardElements(item.any);
      alternatives.push(elements.map((v) => ({ $any: v })));
    }
    // Character data of mixed content, whitespace included (it is content there).
    if (item.text) alternatives.push(xmlString(1).map((v) => ({ $text: v })));
    // A sequence alternative: one occurrence of it, as an object of its elements.
    for (const q of item.seqs ?? []) {
      const inner = new Map(q.properties.map((x) => [x.name, x] as const));
      const occurrence = fc.tuple(...q.group.particles.map((c) => particleEntries(c, inner, new Set(), undefined, depth + 1))).map((parts) => toObject(concatEntries(parts)));
      alternatives.push(occurrence.map((v) => ({ [q.key]: v })));
    }
    return fc.oneof(...alternatives);
  };

  /** ArrayOfX: the items of the one repeated child (or repeated choice), as the array itself. */
  const arrayValue = (t: ComplexTypeDef, item: ItemShape, depth: number): fc.Arbitrary<unknown> => {
    const { min, max } = arrayBounds(t);
    const n = count(min, max, depth);
    return fc.array(itemValue(item, depth), { minLength: n.min, maxLength: n.max });
  };

  /** Occurrence bounds of the items of a wrapper array: those of its listParticle. */
  const arrayBounds = (t: ComplexTypeDef): { min: number; max: number | 'unbounded' } => {
    if (t.particle === undefined) return { min: 0, max: 0 };
    const g = listParticle(t.particle);
    if (g.kind === 'element') return { min: g.min, max: g.max };
    if (g.kind === 'choice') {
      const allRequired = g.particles.every((c) => c.min >= 1);
      const only = g.particles.length === 1 ? g.particles[0] : undefined;
      if (only !== undefined) return { min: g.min * only.min, max: g.max };
      return { min: allRequired ? g.min : 0, max: g.max };
    }
    return { min: g.min, max: g.max };
  };

  // ---- operations

  const bodyValue = (op: OperationDef, side: 'input' | 'output'): fc.Arbitrary<unknown> => {
    const message = op[side];
    if (message === undefined) return fc.constant(undefined);
    const parts = message.bodyParts;
    const only = parts.length === 1 ? parts[0] : undefined;
    if (op.style === 'document' && only?.element !== undefined) {
      const decl = ir.elements[only.element];
      if (decl === undefined) throw new Error(`${op.name}: unknown body element ${only.element}`);
      // The head of a substitution group: one of its members, keyed by element (operations.ts).
      const alts = decl.substitutes.length ? elementAlternatives(ir, decl) : [];
      if (alts.length) return itemValue({ kind: 'union', alts }, -1);
      return constrained(concreteElementValue(decl.type, 0, decl.name, decl), decl.type, decl);
    }
    // rpc, or document style with several (or no) parts: an object keyed by part name.
    const entries = parts.map((part) => {
      const decl = part.element === undefined ? undefined : ir.elements[part.element];
      const type = decl?.type ?? part.type;
      if (type === undefined) throw new Error(`${op.name}: part ${part.name} has no type`);
      return constrained(concreteElementValue(type, 0, decl?.name, decl), type, decl).map((v): Entries => [[part.name, v]]);
    });
    return (entries.length === 0 ? EMPTY : fc.tuple(...entries).map(concatEntries)).map(toObject);
  };

  const headersValue = (op: OperationDef, side: 'input' | 'output'): fc.Arbitrary<Record<string, unknown>> => {
    const message = op[side];
    if (message === undefined) return fc.constant({});
    const parts: Array<fc.Arbitrary<Entries>> = message.headers.map((h) => {
      const decl = h.part.element === undefined ? undefined : ir.elements[h.part.element];
      const type = decl?.type ?? h.part.type;
      if (type === undefined) throw new Error(`${op.name}: header ${h.propName} has no type`);
      return optionalEntry(h.propName, constrained(concreteElementValue(type, 1, decl?.name, decl), type, decl), 0);
    });
    if (opts.extraHeaders) {
      const known = new Set(message.headers.map((h) => (h.part.element === undefined ? '' : splitQName(h.part.element).local)));
      parts.push(optionalEntry('$extra', fc.array(anyElement.filter((e) => !known.has(e.localName)), { minLength: 1, maxLength: 2 }), 0));
    }
    return (parts.length === 0 ? EMPTY : fc.tuple(...parts).map(concatEntries)).map(toObject);
  };

  const types = new Map<QName, fc.Arbitrary<unknown>>();
  // Not of a type no finite value is valid for: building it would need a value of that type.
  for (const key of ir.reachable.types) if (ir.types[key]?.kind !== 'complex' || finite.has(key)) types.set(key, typeValue(key, 0));

  return {
    ir,
    polymorphic: { bases, members },
    shapes,
    types,
    typeValue: (key) => types.get(key) ?? typeValue(key, 0),
    elementValue: (type, nillable) => elementValue(type, nillable, 0),
    requestBody: (op) => bodyValue(op, 'input'),
    requestHeaders: (op) => headersValue(op, 'input'),
    responseBody: (op) => bodyValue(op, 'output'),
    responseHeaders: (op) => headersValue(op, 'output'),
  };
}

function isText(x: unknown): x is { $text: string } {
  return typeof x === 'object' && x !== null && '$text' in x && typeof (x as { $text: unknown }).$text === 'string';
}

/**
 * An XSD pattern as a JavaScript expression fast-check can draw from: the name-character escapes
 * by their ASCII members, class subtraction dropped (the exact check filters), and `$` and `^`
 * outside classes as the ordinary characters XSD makes them.
 */
function approximate(pattern: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      const names: Record<string, string> = { i: 'A-Z_a-z:', c: '\\-.0-9A-Z_a-z:', I: '0-9 ', C: ' !' };
      const set = names[next];
      out += set === undefined ? `\\${next}` : depth > 0 ? set : `[${set}]`;
    } else if (ch === '-' && pattern[i + 1] === '[' && depth > 0) {
      // A subtraction runs to the end of its class: skip it, brackets and all.
      let inner = 0;
      for (i++; i < pattern.length; i++) {
        if (pattern[i] === '\\') i++;
        else if (pattern[i] === '[') inner++;
        else if (pattern[i] === ']' && --inner === 0) break;
      }
    } else {
      if (ch === '[') depth++;
      else if (ch === ']') depth--;
      out += depth === 0 && (ch === '$' || ch === '^') ? `\\${ch}` : ch;
    }
  }
  return out;
}
