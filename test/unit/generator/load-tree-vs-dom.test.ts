// The load stage's lean tree (TreeBuilder) against xmldom's own W3C DOM, built from the same
// text by the same reader: every element must have the same name, namespace, position,
// attributes, prefixes in scope and text. Run over every schema and WSDL the project reads, and
// over small documents with the constructs real files use less often.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import { TreeBuilder, type XDocument, type XElement } from '../../../generator/load/tree';
import { EWS_SCHEMAS, ROOT } from '../../support/generate';

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

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

describe('the load stage tree agrees with xmldom\'s DOM', () => {
  const constructs = path.join(ROOT, 'test', 'constructs');
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'wsdl')).map((f) => path.join(ROOT, 'wsdl', f)),
    ...fs.readdirSync(EWS_SCHEMAS).map((f) => path.join(EWS_SCHEMAS, f)),
    ...fs.readdirSync(constructs).flatMap((d) => (fs.statSync(path.join(constructs, d)).isDirectory() ? fs.readdirSync(path.join(constructs, d)).map((f) => path.join(constructs, d, f)) : [])),
  ].filter((f) => /\.(xsd|wsdl)$/.test(f));

  it('on every WSDL and schema the project reads', () => {
    expect(files.length).toBeGreaterThan(100);
    const differences = files.flatMap((f) => {
      const text = stripBom(fs.readFileSync(f, 'utf8'));
      return compare(treeOf(text), domOf(text)).map((d) => `${path.relative(ROOT, f)}${d}`);
    });
    expect(differences).toEqual([]);
  });

  it.each([
    ['mixed documentation with entities, CDATA, comments and a processing instruction', '<a xmlns="urn:d"><d>One &amp; <b>two</b><!-- c --> <![CDATA[<three>]]><?pi x?> &#x41;&#65;</d></a>'],
    ['prefixes redeclared, undeclared default namespace, namespaced attributes', '<p:a xmlns:p="urn:1" xmlns="urn:d"><p:b xmlns:p="urn:2" p:x="1" y="2"><c xmlns=""><p:d/></c></p:b></p:a>'],
    ['attributes over several lines, with references and white space in values', '<a\n  x="1&#10;2"\n\ty=\'&lt;&quot;\'\n  z="  "><b/>\n  <c\n/></a>'],
    ['CRLF line ends and a tab before the root', '\t<a>\r\n  <b>x\r\ny</b>\r\n  <c/>\r\n</a>'],
    ['xml:lang and xml:space', '<a xml:lang="en" xml:space="preserve"><b> </b></a>'],
  ])('on %s', (_what, text) => {
    expect(compare(treeOf(text), domOf(text))).toEqual([]);
  });
});
