// The runtime's own XML reader (parseXml), which reads every response the generated clients get,
// against an independent one: @xmldom/xmldom's DOM of the same text. Every element must have the
// same name, namespace, position, attributes and direct text. Run over the printed envelopes of
// the specification, every WSDL and schema the project reads, and small documents with the
// constructs real messages use less often.
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import fc from 'fast-check';
import { parseXml, type XmlElement } from '../../../runtime/src';
import { EDGE_CASE_DOCUMENTS, differencesIn, envelopeFiles, schemaFiles } from '../../support/xml-files';

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

describe('the runtime reader agrees with xmldom', () => {
  it('on the printed envelopes and every WSDL and schema the project reads', () => {
    const files = [...envelopeFiles(), ...schemaFiles()];
    expect(files.length).toBeGreaterThan(130);
    expect(differencesIn(files, (text) => compare(parseXml(text), domOf(text)))).toEqual([]);
  });

  it.each(EDGE_CASE_DOCUMENTS)('on %s', (_what, text) => {
    expect(compare(parseXml(text), domOf(text))).toEqual([]);
  });
});

// The cursor predicts each start tag's name from the one that followed the same name last time,
// and checks a prediction with a forward search. Names here share their last characters and
// prefixes so that predictions fail in every way; the long document makes the failed searches run
// past its budget, after which the cursor checks without searching.
describe('the reader agrees with xmldom where its name predictions fail', () => {
  const NAMES = ['b', 'ab', 'cb', 'abb', 'a-b', 'a.b', 'bb', 'b1', 'ab1'];

  it('on random trees of look-alike names', () => {
    const name = fc.constantFrom(...NAMES);
    const tree = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { maxDepth: 5 },
        fc.tuple(name, fc.boolean()).map(([n, spaced]) => `<${n}${spaced ? ' ' : ''}/>`),
        fc.tuple(name, fc.array(tie('node'), { maxLength: 4 }), fc.boolean()).map(([n, kids, attr]) => `<${n}${attr ? ' x="1"' : ''}>${kids.join('')}</${n}>`),
      ),
    }));
    fc.assert(
      fc.property(fc.array(tree.node, { maxLength: 8 }), (kids) => {
        const text = `<r>${kids.join('')}</r>`;
        expect(compare(parseXml(text), domOf(text))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('after predictions have searched past the whole document', () => {
    // After <p/> the cursor expects the q-name that followed it last time, which never comes again.
    const parts = ['<r>'];
    for (let i = 100; i < 1100; i++) parts.push(`<p/><q${i}b/><q${i}b>t</q${i}b>`);
    parts.push('</r>');
    const text = parts.join('');
    const root = parseXml(text);
    expect(root.children).toHaveLength(3000);
    expect(root.children[2998]?.local).toBe('q1099b');
    expect(compare(root, domOf(text))).toEqual([]);
  });
});
