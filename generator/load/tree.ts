/**
 * The tree the generator keeps of a WSDL or XSD document: elements with their namespace, attributes,
 * character data and start-tag position. xmldom still reads the XML (well-formedness, namespaces,
 * entities, line and column); `TreeBuilder` receives its parse events in place of xmldom's W3C DOM
 * builder. On the EWS schemas, building that DOM took as long again as the reading (Attr nodes, a
 * NamedNodeMap per element, a Text node per indentation, a normalize pass), for nothing the
 * generator used.
 */

// xmldom's reader alone: the package's index also loads its W3C DOM and HTML entity tables, which
// took 25-30 ms to require, for nothing the generator uses.
import { ParseError } from '@xmldom/xmldom/lib/errors';
import { XMLReader } from '@xmldom/xmldom/lib/sax';
import { XML_NS } from '../ir';

export interface XAttribute {
  /** The qualified name as written (`xml:lang`, `name`). */
  readonly name: string;
  readonly namespaceURI: string | null;
  readonly value: string;
}

type Namespaces = Readonly<Record<string, string>>;

/**
 * Deepest element nesting accepted, the document element being 1 (as in the runtime's reader).
 * Real schemas stay under 30; the stages after load recurse over the tree, and a hostile document
 * must meet this limit rather than the call stack's.
 */
export const MAX_DEPTH = 256;

export class XElement {
  /** Element children, in document order. */
  readonly children: XElement[] = [];
  /** Element children and character data, in document order. */
  readonly content: Array<XElement | string> = [];

  constructor(
    readonly namespaceURI: string | null,
    readonly localName: string,
    /** The qualified name as written; xmldom compares end tags with it. */
    readonly tagName: string,
    readonly attributes: readonly XAttribute[],
    /** 1-based position of the `<` of the start tag. */
    readonly lineNumber: number,
    readonly columnNumber: number,
    readonly parent: XElement | undefined,
    /** Prefix → namespace in scope here ('' for the default namespace). */
    readonly namespaces: Namespaces,
  ) {}

  /** The value of the attribute with this qualified name, or undefined. */
  attribute(name: string): string | undefined {
    // Indexed: the parse stage asks ~34,000 times per EWS closure, and for-of's iterator costs
    // several times the comparison in code that never reaches the optimizing compiler.
    const attributes = this.attributes;
    for (let i = 0; i < attributes.length; i++) if (attributes[i]!.name === name) return attributes[i]!.value;
    return undefined;
  }

  /** The namespace a prefix (null or '' for the default namespace) is bound to here, or null. */
  lookupNamespaceURI(prefix: string | null): string | null {
    if (prefix === 'xml') return XML_NS;
    const uri = this.namespaces[prefix ?? ''];
    return uri === undefined || uri === '' ? null : uri;
  }

  /** All character data inside the element, descendants included, in document order. */
  get textContent(): string {
    let out = '';
    for (const c of this.content) out += typeof c === 'string' ? c : c.textContent;
    return out;
  }
}

export interface XDocument {
  documentElement: XElement | null;
  /** Where the document's DOCTYPE declaration starts, if it has one. Its content is never read. */
  doctype: { line: number; col: number } | undefined;
}

// The parts of xmldom's SAX interface (lib/sax.js) that TreeBuilder implements or reads.
interface Locator {
  lineNumber: number;
  columnNumber: number;
}
interface SaxAttributes {
  readonly length: number;
  getQName(i: number): string;
  getURI(i: number): string | undefined;
  getValue(i: number): string;
}
export type OnError = (level: 'warning' | 'error' | 'fatalError', message: string, context: { locator: Locator | undefined }) => void;

/** An XML declaration saying version 1.1 (2.8; only whitespace may come before its version). */
const XML_11 = /^\uFEFF?<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.1\1/;

const XML_ENTITIES: Readonly<Record<string, string>> = Object.freeze({ amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' });

/**
 * Reads `text` with xmldom's reader into `builder`'s tree, as xmldom's DOMParser would with the
 * builder as its handler: the same line-end normalization, namespaces and entities. Errors go to
 * the builder's onError; a fatal one is thrown as ParseError.
 */
export function parseTree(text: string, builder: TreeBuilder): XDocument {
  // Empty, as DOMParser passes it: the reader fills it in as it goes.
  builder.setDocumentLocator({} as Locator);
  const reader = new XMLReader();
  reader.errorHandler = builder;
  reader.domBuilder = builder;
  // Line ends as XML 1.0 reads them (2.11): CR LF and CR become LF. xmldom's DOMParser also takes
  // XML 1.1's (NEL, LS) in every document, which in an XML 1.0 schema are characters of its values.
  const normalized = XML_11.test(text) ? text.replace(/\r[\n\u0085]?|[\u0085\u2028]/g, '\n') : text.replace(/\r\n?/g, '\n');
  const namespaces: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  namespaces[''] = null;
  namespaces['xml'] = XML_NS;
  reader.parse(normalized, namespaces, XML_ENTITIES);
  if (builder.doc.documentElement === null) builder.fatalError('missing root element');
  return builder.doc;
}

/**
 * xmldom's `domHandler` option: builds XElements from its parse events. Its reader also reads a few
 * properties of the handler (`doc.documentElement`, `currentElement.tagName`, `locator`), which the
 * fields below keep in the shape it expects.
 */
export class TreeBuilder {
  doc: XDocument & { createTextNode(text: string): object; appendChild(node: object): void } = {
    documentElement: null,
    doctype: undefined,
    // Called only for text in a document without any element; the parse then fails for want of one.
    createTextNode: () => ({}),
    appendChild: () => undefined,
  };
  /** The open element, or the document once the root is closed (its tagName is then undefined). */
  currentElement: XElement | object | undefined;
  locator: Locator | undefined;
  readonly mimeType = 'text/xml';
  /** Set, with the element's position, when elements nest deeper than MAX_DEPTH. */
  tooDeep: { line: number; col: number } | undefined;
  private readonly onError: OnError | undefined;
  private declared: Record<string, string> | undefined;
  private depth = 0;

  constructor(options: { onError?: OnError }) {
    this.onError = options.onError;
  }

  setDocumentLocator(locator: Locator): void {
    locator.lineNumber = 0;
    this.locator = locator;
  }

  startPrefixMapping(prefix: string, uri: string): void {
    (this.declared ??= {})[prefix] = uri;
  }

  startElement(uri: string | undefined, localName: string, qName: string, attrs: SaxAttributes): void {
    const at = this.locator ?? { lineNumber: 1, columnNumber: 1 };
    if (++this.depth > MAX_DEPTH) {
      this.tooDeep = { line: at.lineNumber, col: at.columnNumber };
      this.fatalError(`<${qName}> is nested ${this.depth} elements deep`);
    }
    const parent = this.currentElement instanceof XElement ? this.currentElement : undefined;
    if (parent === undefined && this.doc.documentElement !== null) this.fatalError(`Only one root element is allowed; found a second one, <${qName}>`);
    if (uri === undefined && qName.includes(':')) this.fatalError(`The prefix of <${qName}> is not bound to a namespace`);
    const inherited: Namespaces = parent?.namespaces ?? {};
    const namespaces = this.declared === undefined ? inherited : Object.assign(Object.create(inherited) as Record<string, string>, this.declared);
    this.declared = undefined;
    const attributes: XAttribute[] = [];
    for (let i = 0; i < attrs.length; i++) {
      const name = attrs.getQName(i);
      const ns = attrs.getURI(i);
      if (ns === undefined && name.includes(':')) this.fatalError(`The prefix of the attribute ${name} on <${qName}> is not bound to a namespace`);
      attributes.push({ name, namespaceURI: ns || null, value: attrs.getValue(i) });
    }
    // No namespace is null, as in the DOM (xmldom gives '' under xmlns="").
    const el = new XElement(uri || null, localName, qName, attributes, at.lineNumber, at.columnNumber, parent, namespaces);
    if (parent === undefined) this.doc.documentElement = el;
    else {
      parent.children.push(el);
      parent.content.push(el);
    }
    this.currentElement = el;
  }

  endElement(): void {
    this.depth--;
    if (this.currentElement instanceof XElement) this.currentElement = this.currentElement.parent ?? this.doc;
  }

  characters(chars: string, start: number, length: number): void {
    if (this.currentElement instanceof XElement && length > 0) this.currentElement.content.push(chars.substr(start, length));
  }

  startDTD(): void {
    this.doc.doctype = { line: this.locator?.lineNumber ?? 1, col: this.locator?.columnNumber ?? 1 };
  }

  warning(message: string): void {
    this.onError?.('warning', message, this);
  }

  error(message: string): void {
    this.onError?.('error', message, this);
  }

  fatalError(message: string): never {
    this.onError?.('fatalError', message, this);
    // xmldom stops at its own ParseError; anything else it reports and reads on.
    throw new ParseError(message, this.locator);
  }

  // Events without use here: comments, processing instructions, CDATA bounds (CDATA text arrives
  // through characters()), prefix scopes ending (each element keeps its own map).
  startDocument(): void {}
  endDocument(): void {}
  endPrefixMapping(): void {}
  processingInstruction(): void {}
  comment(): void {}
  startCDATA(): void {}
  endCDATA(): void {}
  endDTD(): void {}
}
