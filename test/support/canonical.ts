/**
 * A deterministic text form of XML for comparing documents by meaning rather than spelling.
 *
 * - Elements and attributes are named in Clark notation, `{namespace-uri}local` (just `local`
 *   without a namespace); prefixes and namespace declarations disappear.
 * - Attributes are sorted by that name. The value of `xsi:type` is a QName, so it is resolved
 *   to Clark notation too (a caller can name more QName-valued attributes, as the schema
 *   bundler does for `type`, `base`, `ref`...); other QName-valued content (a fault code, say)
 *   stays as written, since only a schema could tell that it is a QName.
 * - Whitespace-only text beside child elements is dropped; comments and processing
 *   instructions are dropped; all other text (CDATA included) is kept exactly, adjacent pieces
 *   joined.
 *
 * One line per element start, end and text run, indented by depth, so the first differing
 * line of two canonical forms is a readable diff. An element holding only text is one line.
 */
import { XMLNS_NS, XSI_NS, childElements, isElement, parseXmlStrict, rootElement, soapEnvelopeParts } from './dom';
import type { Attr, Element, Node } from './dom';

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const XML_WHITESPACE_ONLY = /^[ \t\r\n]*$/;

export function canonicalize(xml: string): string {
  return canonicalizeElement(rootElement(parseXmlStrict(xml)));
}

/** The canonical forms of a SOAP 1.1 envelope's Header children and Body children. */
export function canonicalizeBody(envelopeXml: string): { header: string[]; body: string[] } {
  const { header, body } = soapEnvelopeParts(envelopeXml);
  const forms = (elements: Element[]): string[] => elements.map((element) => canonicalizeElement(element));
  return { header: forms(header), body: forms(body) };
}

export interface CanonicalOptions {
  /**
   * Attributes whose value is a whitespace-separated list of QNames, to be written in Clark
   * notation. By default only `xsi:type`.
   */
  readonly qnameValued?: (attribute: Attr, owner: Element) => boolean;
}

export function canonicalizeElement(element: Element, options: CanonicalOptions = {}): string {
  const lines: string[] = [];
  writeElement(element, 0, lines, options.qnameValued ?? isXsiType);
  return `${lines.join('\n')}\n`;
}

function isXsiType(attribute: Attr): boolean {
  return attribute.namespaceURI === XSI_NS && attribute.localName === 'type';
}

/** Throws, showing the first differing line, unless both documents have the same canonical form. */
export function expectSameXml(actual: string, expected: string): void {
  const difference = describeDifference(canonicalize(actual), canonicalize(expected));
  if (difference !== undefined) throw new Error(`XML documents differ. ${difference}`);
}

/** Where two canonical forms first differ, with a little context; undefined when they are equal. */
export function describeDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined;
  const lines = (form: string): string[] => (form.endsWith('\n') ? form.slice(0, -1) : form).split('\n');
  const actualLines = lines(actual);
  const expectedLines = lines(expected);
  let index = 0;
  while (actualLines[index] === expectedLines[index]) index++;
  const show = (line: string | undefined): string => (line === undefined ? '(end of document)' : line);
  const context = expectedLines.slice(Math.max(0, index - 3), index).map((line) => `    ${line}`);
  return [
    `First difference at canonical line ${index + 1}:`,
    ...(context.length > 0 ? ['  after:', ...context] : []),
    `  expected: ${show(expectedLines[index])}`,
    `  actual:   ${show(actualLines[index])}`,
  ].join('\n');
}

function clark(node: { namespaceURI: string | null; localName: string | null }): string {
  const local = node.localName ?? '';
  return node.namespaceURI ? `{${node.namespaceURI}}${local}` : local;
}

type QNameValued = (attribute: Attr, owner: Element) => boolean;

function writeElement(element: Element, depth: number, lines: string[], qnameValued: QNameValued): void {
  const indent = '  '.repeat(depth);
  const name = clark(element);
  const start = `${indent}<${name}${attributesOf(element, qnameValued)}`;
  const children = contentOf(element);
  if (children.length === 0) {
    lines.push(`${start}/>`);
    return;
  }
  const only = children[0];
  if (children.length === 1 && typeof only === 'string') {
    lines.push(`${start}>${JSON.stringify(only)}</${name}>`);
    return;
  }
  lines.push(`${start}>`);
  for (const child of children) {
    if (typeof child === 'string') lines.push(`${indent}  ${JSON.stringify(child)}`);
    else writeElement(child, depth + 1, lines, qnameValued);
  }
  lines.push(`${indent}</${name}>`);
}

function attributesOf(element: Element, qnameValued: QNameValued): string {
  const attributes: Array<[string, string]> = [];
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.namespaceURI === XMLNS_NS) continue;
    const value = qnameValued(attribute, element)
      ? attribute.value
          .split(/[ \t\r\n]+/)
          .filter((qname) => qname !== '')
          .map((qname) => resolveQName(element, qname))
          .join(' ')
      : attribute.value;
    attributes.push([clark(attribute), value]);
  }
  attributes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return attributes.map(([name, value]) => ` ${name}=${JSON.stringify(value)}`).join('');
}

function resolveQName(context: Element, qname: string): string {
  const colon = qname.indexOf(':');
  const uri = context.lookupNamespaceURI(colon < 0 ? null : qname.slice(0, colon));
  const local = qname.slice(colon + 1);
  return uri ? `{${uri}}${local}` : local;
}

/** Child elements and joined text runs, without whitespace-only runs beside elements. */
function contentOf(element: Element): Array<Element | string> {
  const content: Array<Element | string> = [];
  let text: string | undefined;
  const flush = (): void => {
    if (text !== undefined) content.push(text);
    text = undefined;
  };
  for (let child: Node | null = element.firstChild; child !== null; child = child.nextSibling) {
    if (isElement(child)) {
      flush();
      content.push(child);
    } else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      text = (text ?? '') + (child.nodeValue ?? '');
    }
    // comments and processing instructions are dropped, so text around them joins up
  }
  flush();
  if (childElements(element).length === 0) return content;
  return content.filter((item) => typeof item !== 'string' || !XML_WHITESPACE_ONLY.test(item));
}
