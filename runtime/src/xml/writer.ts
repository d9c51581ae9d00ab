import { ValueError } from '../errors';
import { XSI_NS } from '../namespaces';
import { describeCodeUnit, isNCName } from './chars';
import { scanIsPlain } from './scan';

// Anything that needs a closer look: markup characters, characters XML forbids, and surrogates
// (which are fine when paired, so they only send the string down the slow path).
const TEXT_SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_SPECIAL = /[&<"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// The same without the markup characters. The engine scans a class made only of ranges about three
// times faster than one mixing ranges and single characters, and indexOf finds those faster still:
// worth it on long values (ids, base64); on short ones the extra calls cost more than they save.
const TEXT_CONTROL = /[\x00-\x08\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_CONTROL = /[\x00-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const LONG = 32;

/** Escapes character data: & < > and CR. Throws ValueError for characters XML 1.0 cannot carry. */
export function escapeText(s: string): string {
  if (deferring && s.length >= LONG) {
    deferredText.add(s);
    return s;
  }
  return plainText(s) ? s : escapeSlow(s, false);
}

/** Escapes a double-quoted attribute value: & < " and TAB, LF, CR (so they survive normalisation). */
export function escapeAttr(s: string): string {
  if (deferring && s.length >= LONG) {
    deferredAttributes.add(s);
    return s;
  }
  return plainAttribute(s) ? s : escapeSlow(s, true);
}

function plainText(s: string): boolean {
  return s.length < LONG
    ? !TEXT_SPECIAL.test(s)
    : s.indexOf('&') === -1 && s.indexOf('<') === -1 && s.indexOf('>') === -1 && !TEXT_CONTROL.test(s);
}

function plainAttribute(s: string): boolean {
  return s.length < LONG
    ? !ATTR_SPECIAL.test(s)
    : s.indexOf('&') === -1 && s.indexOf('<') === -1 && s.indexOf('"') === -1 && !ATTR_CONTROL.test(s);
}

// While writeScanned runs, escapeText and escapeAttr let long values through as they are, to be
// checked a batch at a time: a batch joined stays a small string (a joined megabyte would take
// fresh pages from the system, which on a VM cost more than the scan saves). Short ones are checked
// at once: a regular expression over a few characters costs about what gathering them would, and
// gathering adds garbage, which costs most while a large message is being written.
let deferring = false;
let deferredPlain = true;
const BATCH = 16_384;
/** Below this many characters of values, looking at each costs less than one scan of them all. */
const SCAN_FROM = 1024;

/** The values of one kind (text or attribute values) gathered since the last batch was checked. */
class Deferred {
  private values: string[] = [];
  private length = 0;

  constructor(private readonly attribute: boolean) {}

  add(s: string): void {
    this.values.push(s);
    if ((this.length += s.length) >= BATCH) this.check();
  }

  /** Checks what was gathered (unless a batch already failed) and starts anew. */
  check(): void {
    if (this.values.length === 0) return;
    if (deferredPlain) deferredPlain = batchPlain(this.values, this.length, this.attribute);
    this.values = [];
    this.length = 0;
  }
}

const deferredText = new Deferred(false);
const deferredAttributes = new Deferred(true);

function batchPlain(values: readonly string[], length: number, attribute: boolean): boolean {
  if (length < SCAN_FROM) return values.every(attribute ? plainAttribute : plainText);
  // Joined by a space, which needs no escaping, so that halves of a surrogate pair in two values
  // stay unpaired.
  const joined = values.join(' ');
  return scanIsPlain(joined, attribute) ?? !(attribute ? ATTR_SPECIAL : TEXT_SPECIAL).test(joined);
}

/**
 * What `write` returns, written as if every value went through escapeText and escapeAttr, but with
 * the values checked together, in a vector scan when they are many: where nothing needs escaping
 * (nearly always), looking at each value costs more than writing it (100 ids of 148 characters:
 * ~10 µs of checks against ~4 µs of writing). Where the check finds something, or `write` throws,
 * `write` runs again with the checks value by value, so the result or the error is the same as
 * theirs. `write` must be a writer's pure work: it may run twice, and what it keeps for later is
 * unchecked until it returns (what must be kept is written inside a writeScanned of its own, as
 * writeEnvelope's declarations are). Inside another writeScanned it runs once, checking value by
 * value.
 */
export function writeScanned(write: () => string): string {
  if (deferring) {
    deferring = false;
    try {
      return write();
    } finally {
      deferring = true;
    }
  }
  const setAside = collected?.length ?? 0;
  let xml: string | undefined;
  deferredPlain = true;
  deferring = true;
  try {
    xml = write();
  } catch {
    // Written again below, checking each value: the same error, or the message where a value was at fault.
  } finally {
    deferring = false;
  }
  deferredAttributes.check();
  deferredText.check();
  if (deferredPlain && xml !== undefined) return xml;
  if (collected !== undefined) collected.length = setAside;
  return write();
}

function escapeSlow(s: string, attribute: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = attribute ? undefined : '&gt;';
    else if (c === 34) rep = attribute ? '&quot;' : undefined;
    else if (c === 13) rep = '&#13;';
    else if (c === 10) rep = attribute ? '&#10;' : undefined;
    else if (c === 9) rep = attribute ? '&#9;' : undefined;
    else if (c < 0x20 || c === 0xfffe || c === 0xffff) {
      throw new ValueError(`${describeCodeUnit(c)} at index ${i} cannot be represented in XML 1.0`);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      throw new ValueError(`Unpaired surrogate ${describeCodeUnit(c)} at index ${i} cannot be represented in XML`);
    }
    if (rep !== undefined) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * The text of an element declared with a default value. An empty element reads as the default, so
 * an empty value is written as one space where the type collapses whitespace (read back as the
 * empty value), and refused where it does not (nothing else reads back as empty there).
 */
export function textBesideDefault(text: string, collapses: boolean): string {
  if (text !== '') return text;
  if (collapses) return ' ';
  throw new ValueError('The element has a default value, which an empty element stands for: an empty value cannot be written; leave the element out for the default');
}

/**
 * Throws for a value (`_value`) given for an element whose type is abstract and has no derived
 * type in the package: without an xsi:type naming a concrete type, no such element is valid,
 * whatever it holds.
 */
export function abstractType(_value: unknown, type: string): never {
  throw new ValueError(`Type ${type} is abstract, and the package knows no type derived from it: no element of it can be written; leave it out`);
}

/**
 * Throws for a value (`_value`) given for an element whose type requires `element`, an abstract
 * element that no element in the package substitutes for: no instance of the type is valid.
 */
export function noValidInstance(_value: unknown, type: string, element: string): never {
  throw new ValueError(`Type ${type} has no valid instance: it requires element ${element}, which is abstract and which no element of the package substitutes for; leave it out`);
}

/**
 * Whether `v` holds a value at `property`: how a polymorphic writer given no $type finds a property
 * only a derived type has. A call narrows nothing; one inline check per property did, and
 * TypeScript gives up on a function with about 2,000 narrowings (TS2563).
 */
export function holdsProperty(v: object, property: string): boolean {
  return property in v && (v as { readonly [p: string]: unknown })[property] !== undefined;
}

/** The XML declaration of every document and message the runtime writes. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

// Any regular expression runs on a flat string: testing this one makes the engine flatten a rope in
// place, and it is a call with an effect, which the optimiser cannot drop.
const FLATTEN = /^/;
const SETTLE_LENGTH = 512;

/**
 * One written item of a repeated element, made flat when it is large. `+=` builds a rope, a tree of
 * pieces that costs nothing until the message becomes bytes; by then a large message's rope is cold
 * and scattered, and flattening it cost more than writing it (a 2 MB response: 8 ms against 10 ms).
 * Each large item flattened while its pieces are still in cache leaves a rope of a few large pieces;
 * inside writeInParts, it is set aside whole.
 */
export function settle(xml: string): string {
  if (xml.length < SETTLE_LENGTH) return xml;
  FLATTEN.test(xml);
  if (collected === undefined) return xml;
  // NUL cannot occur in what a writer returns (every value is checked for it; inside writeScanned,
  // a value holding one makes it write again, checking each), so it can mark where the item goes
  // back in.
  collected.push(xml);
  return '\0' + (collected.length - 1) + '\0';
}

/** The large items set aside by settle while writeInParts runs. */
let collected: string[] | undefined;

/**
 * What `write` returns, as flat pieces that joined are the same string. Large items of repeated
 * elements are kept apart as they are written instead of ending up in one rope: turning a rope of
 * megabytes into bytes makes the engine copy it into one new string first, and on a VM the new
 * pages cost more than the copy (a 2 MB response: 7.5 ms, against 1.6 ms for its pieces written one
 * by one into a reused buffer). For sending large messages; strings written inside `write` are
 * only whole in what this returns.
 */
export function writeInParts(write: () => string): string[] {
  const outer = collected;
  const parts: string[] = [];
  collected = parts;
  let top: string;
  try {
    top = write();
  } finally {
    collected = outer;
  }
  const out: string[] = [];
  putBack(top, parts, out);
  return out;
}

function putBack(s: string, parts: readonly string[], out: string[]): void {
  let from = 0;
  for (let open = s.indexOf('\0'); open !== -1; open = s.indexOf('\0', from)) {
    const close = s.indexOf('\0', open + 1);
    if (open > from) out.push(s.slice(from, open));
    putBack(parts[Number(s.slice(open + 1, close))] ?? '', parts, out);
    from = close + 1;
  }
  if (from < s.length) out.push(from === 0 ? s : s.slice(from));
}

/**
 * The xmlns attributes declaring `namespaces` on a start tag, each preceded by a space. Throws
 * ValueError for a prefix that is not an NCName, or one given twice.
 */
export function namespaceDeclarations(namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>): string {
  const seen = new Set<string>();
  let out = '';
  for (const [prefix, uri] of namespaces) {
    if (prefix !== '' && !isNCName(prefix)) throw new ValueError(`'${prefix}' is not a valid namespace prefix`);
    if (seen.has(prefix)) throw new ValueError(`Namespace prefix '${prefix}' is given twice`);
    seen.add(prefix);
    out += `${prefix === '' ? ' xmlns' : ' xmlns:' + prefix}="${escapeAttr(uri)}"`;
  }
  return out;
}

/**
 * Whether `namespaces` binds the prefix xsi, which it may bind to the XML Schema instance namespace
 * only: writeNil and generated writers write xsi:nil and xsi:type with that prefix, whatever prefix
 * the list gives the namespace. Throws ValueError for a list binding xsi to another namespace.
 */
export function bindsXsi(namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>): boolean {
  for (const [prefix, uri] of namespaces) {
    if (prefix !== 'xsi') continue;
    if (uri !== XSI_NS) {
      throw new ValueError(`The prefix xsi is bound to ${uri}, but xsi:nil and xsi:type are written with it: bind xsi to ${XSI_NS}, or leave it out, and give ${uri} another prefix`);
    }
    return true;
  }
  return false;
}

/**
 * Whether XML written with the runtime's writers may use the prefix xsi (an xsi:nil or xsi:type),
 * so that a namespace list leaving it out must have it declared. Text that merely contains "xsi:"
 * gets a declaration it does not need, which is harmless. Inside writeInParts, the items settle set
 * aside (marked by NUL in `xml`) are looked at too.
 */
export function usesXsi(xml: string): boolean {
  if (xml.includes('xsi:')) return true;
  return collected !== undefined && xml.includes('\0') && collected.some((part) => part.includes('xsi:'));
}
