// The runtime's own XML reader (parseXml), which reads every response the generated clients get,
// against an independent one: @xmldom/xmldom's DOM of the same text. Every element must have the
// same name, namespace, position, attributes and direct text. Run over the printed envelopes of
// the specification, every WSDL and schema the project reads, and small documents with the
// constructs real messages use less often.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import { parseXml, type XmlElement } from '../../../runtime/src';
import { EWS_SCHEMAS, ROOT } from '../../support/generate';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

function domOf(text: string): DomElement {
  const root = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml').documentElement;
  if (root === null) throw new Error('no root');
  return root;
}

/** Differences between the two trees, as paths with what differs (empty when they agree). */
function compare(ours: XmlElement, dom: DomElement, at = ''): string[] {
  const where = `${at}/${dom.tagName}`;
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where}: ${what} ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  };
  same('name', [ours.local, ours.ns], [dom.localName, dom.namespaceURI ?? '']);
  const { lineNumber, columnNumber } = dom as unknown as { lineNumber: number; columnNumber: number };
  same('position', [ours.line, ours.col], [lineNumber, columnNumber]);
  const domAttributes = Array.from({ length: dom.attributes.length }, (_, i) => dom.attributes.item(i))
    .filter((a) => a !== null && a.namespaceURI !== XMLNS)
    .map((a) => [a?.localName, a?.namespaceURI ?? '', a?.value]);
  same('attributes', ours.attrs.map((a) => [a.local, a.ns, a.value]), domAttributes);
  let text = '';
  const kids: DomElement[] = [];
  for (let n = dom.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) kids.push(n as DomElement);
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  }
  same('text', ours.text, text);
  same('children', ours.children.length, kids.length);
  ours.children.forEach((c, i) => {
    const d = kids[i];
    if (d) out.push(...compare(c, d, where));
  });
  return out;
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

describe('the runtime reader agrees with xmldom', () => {
  const envelopes = path.join(ROOT, 'test', 'conformance', 'envelopes');
  const constructs = path.join(ROOT, 'test', 'constructs');
  const files = [
    ...fs.readdirSync(envelopes).map((f) => path.join(envelopes, f)),
    ...fs.readdirSync(path.join(ROOT, 'wsdl')).map((f) => path.join(ROOT, 'wsdl', f)),
    ...fs.readdirSync(EWS_SCHEMAS).map((f) => path.join(EWS_SCHEMAS, f)),
    ...fs.readdirSync(constructs).flatMap((d) => (fs.statSync(path.join(constructs, d)).isDirectory() ? fs.readdirSync(path.join(constructs, d)).map((f) => path.join(constructs, d, f)) : [])),
  ].filter((f) => /\.(xml|xsd|wsdl)$/.test(f));

  it('on the printed envelopes and every WSDL and schema the project reads', () => {
    expect(files.length).toBeGreaterThan(130);
    const differences = files.flatMap((f) => {
      const text = stripBom(fs.readFileSync(f, 'utf8'));
      return compare(parseXml(text), domOf(text)).map((d) => `${path.relative(ROOT, f)}${d}`);
    });
    expect(differences).toEqual([]);
  });

  it.each([
    ['mixed text with references, CDATA, comments and a processing instruction', '<a xmlns="urn:d"><d>One &amp; <b>two</b><!-- c --> <![CDATA[<three>]]><?pi x?> &#x41;&#65;&#x1F600;</d></a>'],
    ['prefixes redeclared and the default namespace undeclared', '<p:a xmlns:p="urn:1" xmlns="urn:d"><p:b xmlns:p="urn:2" p:x="1" y="2"><c xmlns=""><p:d/></c></p:b></p:a>'],
    ['attributes over several lines, with references and white space in values', '<a\n  x="1&#10;2&#9;3 4"\n\ty=\'&lt;&quot;&gt;\'\n  z="  a\tb\n"><b/>\n  <c\n/></a>'],
    ['CRLF and CR line ends in text and attributes', '<a x="1\r\n2\r3">\r\n  <b>x\r\ny\rz</b>\r\n</a>'],
    ['xml:lang, xml:space and characters beyond the BMP', '<a xml:lang="en" xml:space="preserve"><b>😀 中文 </b></a>'],
  ])('on %s', (_what, text) => {
    expect(compare(parseXml(text), domOf(text))).toEqual([]);
  });
});
