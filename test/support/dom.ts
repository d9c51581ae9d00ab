/**
 * Strict XML parsing and small DOM helpers shared by the conformance tests.
 * Every warning or error the parser reports becomes a thrown error, so a document
 * that is not well-formed can never slip through a test unnoticed.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';

export type { Attr, Document, Element, Node } from '@xmldom/xmldom';

/** The namespace of namespace declarations (`xmlns`, `xmlns:p`). */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const SOAP11_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

const ELEMENT_NODE = 1;

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

export function parseXmlStrict(text: string, fileName = 'document'): Document {
  const parser = new DOMParser({
    onError: (level, message): never => {
      throw new XmlSyntaxError(`${fileName}: ${level}: ${message}`);
    },
  });
  try {
    // A byte order mark is an encoding signature, not content (two EWS schemas start with one).
    return parser.parseFromString(text.startsWith('\uFEFF') ? text.slice(1) : text, 'text/xml');
  } catch (error) {
    // xmldom wraps whatever onError throws in its own ParseError; keep one message shape.
    const message = error instanceof Error ? error.message : String(error);
    throw new XmlSyntaxError(message.startsWith(`${fileName}: `) ? message : `${fileName}: ${message}`);
  }
}

/** The first error the strict parser reports, or undefined when the text is well-formed. */
export function wellFormednessError(text: string, fileName?: string): string | undefined {
  try {
    parseXmlStrict(text, fileName);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function childElements(parent: Node): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (isElement(child)) out.push(child);
  }
  return out;
}

export function rootElement(doc: Document): Element {
  const root = doc.documentElement;
  if (root === null) throw new XmlSyntaxError('document has no root element');
  return root;
}

/** The element's namespace declarations as prefix → URI; the default namespace has the prefix ''. */
export function namespaceDeclarations(element: Element): Map<string, string> {
  const declared = new Map<string, string>();
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.namespaceURI !== XMLNS_NS) continue;
    declared.set(attribute.prefix === 'xmlns' ? (attribute.localName ?? '') : '', attribute.value);
  }
  return declared;
}

/**
 * Every namespace binding in scope at `element` (the nearest declaration wins), as
 * prefix → URI; the default namespace has the prefix '', and `xmlns=""` maps it to ''.
 */
export function inScopeNamespaces(element: Element): Map<string, string> {
  const bindings = new Map<string, string>();
  for (let node: Node | null = element; node !== null && isElement(node); node = node.parentNode) {
    for (const [prefix, uri] of namespaceDeclarations(node)) {
      if (!bindings.has(prefix)) bindings.set(prefix, uri);
    }
  }
  return bindings;
}

/**
 * A deep copy of `element` that declares every namespace binding in scope at the original,
 * so it keeps its meaning on its own or in another document, QName-valued content included.
 * Bindings listed in `boundAlready` (as the destination has them) are not repeated.
 */
export function cloneWithBindings(element: Element, boundAlready: ReadonlyMap<string, string> = new Map()): Element {
  const copy = element.cloneNode(true) as Element;
  const own = namespaceDeclarations(element);
  for (const [prefix, uri] of inScopeNamespaces(element)) {
    if (own.has(prefix) || prefix === 'xml' || boundAlready.get(prefix) === uri) continue;
    copy.setAttributeNS(XMLNS_NS, prefix === '' ? 'xmlns' : `xmlns:${prefix}`, uri);
  }
  return copy;
}

/** The Header and Body of a SOAP 1.1 envelope (either may be missing). */
export function soapEnvelopeParts(envelopeXml: string, fileName = 'envelope'): { header: Element[]; body: Element[] } {
  const envelope = rootElement(parseXmlStrict(envelopeXml, fileName));
  if (envelope.namespaceURI !== SOAP11_ENV_NS || envelope.localName !== 'Envelope') {
    throw new XmlSyntaxError(`not a SOAP 1.1 envelope: {${envelope.namespaceURI ?? ''}}${envelope.localName ?? ''}`);
  }
  const sections = childElements(envelope).filter((child) => child.namespaceURI === SOAP11_ENV_NS);
  const children = (name: string): Element[] => {
    const section = sections.find((child) => child.localName === name);
    return section === undefined ? [] : childElements(section);
  };
  return { header: children('Header'), body: children('Body') };
}
