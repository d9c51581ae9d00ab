// The load stage's lean tree (TreeBuilder) against xmldom's own W3C DOM, built from the same
// text by the same reader: every element must have the same name, namespace, position,
// attributes, prefixes in scope and text. Run over every schema and WSDL the project reads, and
// over small documents with the constructs real files use less often.
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import { TreeBuilder, type XDocument, type XElement } from '../../../generator/load/tree';
import { EDGE_CASE_DOCUMENTS, differencesIn, schemaFiles } from '../../support/xml-files';

function treeOf(text: string): XElement {
  const doc = new DOMParser({ domHandler: TreeBuilder, onError: () => undefined }).parseFromString(text, 'text/xml') as unknown as XDocument;
  if (doc.documentElement === null) throw new Error('no root');
  return doc.documentElement;
}

function domOf(text: string): DomElement {
  const root = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml').documentElement;
  if (root === null) throw new Error('no root');
  return root;
}

const domChildren = (el: DomElement): DomElement[] => {
  const out: DomElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as DomElement);
  return out;
};

const position = (node: object): [number, number] => {
  const { lineNumber, columnNumber } = node as { lineNumber?: number; columnNumber?: number };
  return [lineNumber ?? 0, columnNumber ?? 0];
};

/** Differences between the two trees, as paths with what differs (empty when they agree). */
function compare(tree: XElement, dom: DomElement, at = ''): string[] {
  const where = `${at}/${dom.tagName}`;
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where}: ${what} ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  };
  same('name', [tree.tagName, tree.localName, tree.namespaceURI], [dom.tagName, dom.localName, dom.namespaceURI]);
  same('position', [tree.lineNumber, tree.columnNumber], position(dom));
  const domAttributes = Array.from({ length: dom.attributes.length }, (_, i) => dom.attributes.item(i)).map((a) => ({ name: a?.name, namespaceURI: a?.namespaceURI ?? null, value: a?.value }));
  same('attributes', tree.attributes, domAttributes);
  // Some answers of xmldom's DOM differ from the DOM standard, which the tree follows: for the
  // prefix xml it says null, and it finds the default namespace under '' but not null (giving ''
  // where xmlns="" undeclares it).
  same('default namespace', tree.lookupNamespaceURI(null), dom.lookupNamespaceURI('') || null);
  for (const prefix of domAttributes.filter((a) => a.name?.startsWith('xmlns:')).map((a) => a.name?.slice(6) ?? '')) {
    same(`prefix ${prefix}`, tree.lookupNamespaceURI(prefix), dom.lookupNamespaceURI(prefix));
  }
  same('prefix xml', tree.lookupNamespaceURI('xml'), 'http://www.w3.org/XML/1998/namespace');
  same('text', tree.textContent, dom.textContent);
  const kids = domChildren(dom);
  same('children', tree.children.length, kids.length);
  tree.children.forEach((c, i) => {
    const d = kids[i];
    if (d) out.push(...compare(c, d, where));
  });
  return out;
}

describe('the load stage tree agrees with xmldom\'s DOM', () => {
  it('on every WSDL and schema the project reads', () => {
    const files = schemaFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(differencesIn(files, (text) => compare(treeOf(text), domOf(text)))).toEqual([]);
  });

  it.each(EDGE_CASE_DOCUMENTS)('on %s', (_what, text) => {
    expect(compare(treeOf(text), domOf(text))).toEqual([]);
  });
});
