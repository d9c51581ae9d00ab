import { ReadError, ValueError, type ReadWarning } from '../errors';
import { XSI_NS } from '../namespaces';
import type { ReadonlyInput } from '../input';
import { ReadContext, type ReadOptions } from '../read-context';
import { XML_EOF, XmlCursor, lineColAt } from './cursor';
import { XML_DECLARATION, bindsXsi, escapeAttr, namespaceDeclarations, usesXsi } from './writer';

/**
 * Where a document says its schemas are: the xsi:schemaLocation (namespace and location, pair after
 * pair) and xsi:noNamespaceSchemaLocation of its root, as written. Hints for editors and
 * validators, which the value does not carry.
 */
export interface SchemaLocations {
  schemaLocation?: string;
  noNamespaceSchemaLocation?: string;
}

/**
 * A document read whole: the typed value of its root element, what lenient reading let pass, and
 * the root's schema locations (serialize(value, parsed) writes them back).
 */
export interface ParsedDocument<T> extends SchemaLocations {
  value: T;
  warnings: ReadWarning[];
}

/** Reads and writes documents whose root is one global element of a schema. */
export interface DocumentCodec<T> {
  parse(xml: string, options?: ReadOptions): ParsedDocument<T>;
  /**
   * The document of `value`, with `locations` on its root; readonly arrays in it (`as const`) are
   * taken as they are.
   */
  serialize(value: ReadonlyInput<T>, locations?: SchemaLocations): string;
}

/**
 * Reads a document whose root must be `{ns}local`, with `read` for the root element (the cursor on
 * its start tag). Throws XmlError for unacceptable XML and ReadError for another root or content
 * that breaks the schema beyond what lenient reading accepts.
 */
export function readDocument<T>(xml: string, options: ReadOptions | undefined, local: string, ns: string, read: (r: XmlCursor, ctx: ReadContext) => T): ParsedDocument<T> {
  const ctx = new ReadContext(options, xml);
  const r = ctx.watch(new XmlCursor(xml, ctx.parseOptions));
  r.next();
  if (r.local !== local || r.ns !== ns) {
    const [line, col] = lineColAt(xml, r.start);
    // Checking the rest of the document first keeps XmlError ahead of ReadError, as everywhere.
    ctx.document();
    throw new ReadError('wrong-root', `Expected the document element {${ns}}${local} but it is {${r.ns}}${r.local}`, `/${r.local}`, line, col);
  }
  const locations: SchemaLocations = {};
  for (const name of ['schemaLocation', 'noNamespaceSchemaLocation'] as const) {
    const uris = r.attribute(XSI_NS, name);
    if (uris !== undefined) locations[name] = uris;
  }
  const value = read(r, ctx);
  // Whatever follows the document element must still be checked.
  while (r.next() !== XML_EOF) {
    /* nothing but comments, processing instructions and whitespace: next() throws otherwise */
  }
  return { value, warnings: ctx.warnings, ...locations };
}

/**
 * A document of the element `element` (as a generated writer returns it, starting with `<` and its
 * tag), with an XML declaration, `namespaces` declared on the root after its tag (and xsi where
 * the element uses it and they leave it out, see declareOnRoot), and the schema `locations` after
 * them. Throws ValueError for `namespaces` binding xsi to another namespace than XML Schema
 * instance's, for an xsi:schemaLocation that is not pairs, and for a
 * location the element carries already among its attributes (an XmlNil's or $anyAttributes): the
 * attribute written twice would make the document not well-formed, and which one was meant is the
 * caller's to say.
 */
export function writeDocument(element: string, namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>, locations: SchemaLocations = {}): string {
  const { schemaLocation, noNamespaceSchemaLocation } = locations;
  if (schemaLocation === undefined && noNamespaceSchemaLocation === undefined) return `${XML_DECLARATION}\n${declareOnRoot(element, namespaces)}`;
  if (schemaLocation !== undefined) {
    const uris = schemaLocation.split(/[ \t\n\r]+/).filter((u) => u !== '');
    if (uris.length === 0 || uris.length % 2 !== 0) {
      throw new ValueError(`xsi:schemaLocation pairs each namespace with the location of its schema, but "${schemaLocation}" has ${uris.length} ${uris.length === 1 ? 'URI' : 'URIs'}; give namespace and location, pair after pair`);
    }
  }
  const tagEnd = element.search(/[\s/>]/);
  const xsi = namespaces.find(([, uri]) => uri === XSI_NS)?.[0] ?? 'xsi';
  const own = startTagAttributes(element, tagEnd);
  if (ownPrefixes(own).has(xsi)) {
    throw new ValueError(`The root element declares the prefix ${xsi} itself: schema locations cannot be added to it; leave them out, or write them in its XML`);
  }
  const declared = namespaces.some(([, uri]) => uri === XSI_NS) ? namespaces : [...namespaces, [xsi, XSI_NS] as const];
  // The root may carry one already: an XmlNil's or a value's $anyAttributes, or an xs:anyType
  // root's own XML. A second would make the document not well-formed, and neither can be taken
  // as meant over the other.
  for (const local of ownXsiAttributes(own, declared)) {
    if (locations[local] !== undefined) {
      throw new ValueError(`The root element carries xsi:${local} among its own attributes and locations gives it too: give it once, in locations or in the value, not both`);
    }
  }
  let attributes = '';
  if (schemaLocation !== undefined) attributes += ` ${xsi}:schemaLocation="${escapeAttr(schemaLocation)}"`;
  if (noNamespaceSchemaLocation !== undefined) attributes += ` ${xsi}:noNamespaceSchemaLocation="${escapeAttr(noNamespaceSchemaLocation)}"`;
  // The declarations go right after the tag name, before these attributes.
  return `${XML_DECLARATION}\n${declareOnRoot(element.slice(0, tagEnd) + attributes + element.slice(tagEnd), declared)}`;
}

/**
 * `element` (as a generated writer returns it) with `namespaces` declared on its start tag, but for
 * the prefixes it declares itself: the element of an xs:anyType root is its own XML, which may
 * already bind them (read from a document this wrote), and its bindings are the ones it means.
 * The prefix xsi, which the element's xsi:nil and xsi:type use, is declared too where it uses it
 * and `namespaces` leaves it out; ValueError where `namespaces` binds it to another namespace.
 */
export function declareOnRoot(element: string, namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>): string {
  const tagEnd = element.search(/[\s/>]/);
  const own = ownPrefixes(startTagAttributes(element, tagEnd));
  let added = own.size === 0 ? namespaces : namespaces.filter(([prefix]) => !own.has(prefix));
  // The element's xsi:nil and xsi:type use the prefix xsi: where neither the list nor the root binds it, it is declared.
  if (!own.has('xsi') && !bindsXsi(added) && usesXsi(element)) added = [...added, ['xsi', XSI_NS]];
  return `${element.slice(0, tagEnd)}${namespaceDeclarations(added)}${element.slice(tagEnd)}`;
}

/** The attributes of the start tag of `element`, [name, value as written]; its name ends at `from`. */
function startTagAttributes(element: string, from: number): Array<[name: string, value: string]> {
  const out: Array<[string, string]> = [];
  // Attributes up to the end of the start tag; values are quoted and hold no quote of their kind.
  const attribute = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  attribute.lastIndex = from;
  for (let m = attribute.exec(element); m !== null; m = attribute.exec(element)) out.push([m[1]!, m[2] ?? m[3] ?? '']);
  return out;
}

/** The prefixes ('' for the default namespace) that a start tag with `attributes` declares. */
function ownPrefixes(attributes: ReadonlyArray<readonly [string, string]>): Set<string> {
  const out = new Set<string>();
  for (const [name] of attributes) {
    if (name === 'xmlns') out.add('');
    else if (name.startsWith('xmlns:')) out.add(name.slice(6));
  }
  return out;
}

/**
 * Which of xsi:schemaLocation and xsi:noNamespaceSchemaLocation a start tag with `attributes`
 * carries, whatever their prefix: one the tag declares, or one of `namespaces`, declared on it.
 * (A declaration's value is compared as written: the XSI namespace has nothing to escape.)
 */
function ownXsiAttributes(attributes: ReadonlyArray<readonly [string, string]>, namespaces: ReadonlyArray<readonly [string, string]>): Array<keyof SchemaLocations> {
  const bound = new Map<string, string>(namespaces);
  for (const [name, value] of attributes) if (name.startsWith('xmlns:')) bound.set(name.slice(6), value);
  const out: Array<keyof SchemaLocations> = [];
  for (const [name] of attributes) {
    const colon = name.indexOf(':');
    if (colon < 0 || bound.get(name.slice(0, colon)) !== XSI_NS) continue;
    const local = name.slice(colon + 1);
    if (local === 'schemaLocation' || local === 'noNamespaceSchemaLocation') out.push(local);
  }
  return out;
}
