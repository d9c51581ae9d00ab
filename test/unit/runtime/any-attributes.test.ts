import { SOAP11_ENV, ValueError, XML_NS, XSI_NS, parseXml, settle, writeAnyAttribute, writeAnyAttributes, writeDeclaredFault, writeDocument, writeEnvelope, writeInParts, writeNil, type XmlAnyAttribute, type XmlElement } from '../../../runtime/src';
import { libxml2ParseReport } from '../../support/libxml2';

/** The attributes as read back from an element carrying the written text. */
function readBack(written: string): XmlAnyAttribute[] {
  const el = parseXml(`<e${written}/>`);
  return el.attrs.map((a) => ({ namespace: a.ns, localName: a.local, value: a.value }));
}

describe('writeAnyAttributes', () => {
  it('gives each namespace one prefix, declared once, in order of first use', () => {
    const list: XmlAnyAttribute[] = [
      { namespace: 'urn:a', localName: 'x', value: '1' },
      { namespace: 'urn:b', localName: 'y', value: '2' },
      { namespace: 'urn:a', localName: 'z', value: '3' },
      { namespace: '', localName: 'plain', value: '<&"' },
      { namespace: XML_NS, localName: 'lang', value: 'en' },
    ];
    const written = writeAnyAttributes(list);
    expect(written).toBe(
      ' xmlns:a_1="urn:a" xmlns:a_2="urn:b" a_1:x="1" a_2:y="2" a_1:z="3" plain="&lt;&amp;&quot;" xml:lang="en"',
    );
    expect(readBack(written)).toEqual(list);
  });

  it('writes two SOAP attributes of one namespace as well-formed XML', () => {
    const soap = 'http://schemas.xmlsoap.org/soap/envelope/';
    const list: XmlAnyAttribute[] = [
      { namespace: soap, localName: 'mustUnderstand', value: '1' },
      { namespace: soap, localName: 'actor', value: 'http://schemas.xmlsoap.org/soap/actor/next' },
    ];
    expect(readBack(writeAnyAttributes(list))).toEqual(list);
  });

  it('writes nothing for no attributes', () => {
    expect(writeAnyAttributes(undefined)).toBe('');
    expect(writeAnyAttributes([])).toBe('');
  });

  it('refuses what would not be well-formed', () => {
    expect(() => writeAnyAttributes([{ namespace: 'urn:a', localName: 'a b', value: '' }])).toThrow(ValueError);
    expect(() => writeAnyAttributes([{ namespace: '', localName: 'xmlns', value: 'urn:x' }])).toThrow(ValueError);
    expect(() => writeAnyAttributes([{ namespace: 'http://www.w3.org/2000/xmlns/', localName: 'p', value: 'urn:x' }])).toThrow(ValueError);
    expect(() =>
      writeAnyAttributes([
        { namespace: 'urn:a', localName: 'x', value: '1' },
        { namespace: 'urn:a', localName: 'x', value: '2' },
      ]),
    ).toThrow(/given twice/);
  });
});

describe('writeAnyAttribute', () => {
  it('writes one attribute with its own declaration', () => {
    expect(writeAnyAttribute({ namespace: 'urn:a', localName: 'x', value: '1' })).toBe(' xmlns:a_1="urn:a" a_1:x="1"');
    expect(writeAnyAttribute({ namespace: '', localName: 'x', value: '1' })).toBe(' x="1"');
    expect(writeAnyAttribute({ namespace: XML_NS, localName: 'space', value: 'preserve' })).toBe(' xml:space="preserve"');
  });
});

describe('writeNil', () => {
  const schemaLocation: XmlAnyAttribute = { namespace: XSI_NS, localName: 'schemaLocation', value: 'urn:n n.xsd' };

  it('writes an XmlNil attribute of the xsi namespace with the prefix its xsi:nil uses, declaring the namespace once', () => {
    const nil = writeNil('n:a', { $nil: true, $anyAttributes: [{ namespace: 'urn:o', localName: 'ref', value: 'i1' }, schemaLocation] });
    // Before, the xsi namespace got a prefix of its own, a_2, declared beside the xsi that xsi:nil uses.
    expect(nil).toBe('<n:a xmlns:a_1="urn:o" a_1:ref="i1" xsi:schemaLocation="urn:n n.xsd" xsi:nil="true"/>');
    const document = writeDocument(nil, [['xsi', XSI_NS], ['n', 'urn:n']]);
    expect(document.split(`"${XSI_NS}"`)).toHaveLength(2);
    const root = parseXml(document);
    expect(root.attrs.map((a) => [a.ns, a.local, a.value])).toEqual([
      ['urn:o', 'ref', 'i1'],
      [XSI_NS, 'schemaLocation', 'urn:n n.xsd'],
      [XSI_NS, 'nil', 'true'],
    ]);
  });

  it('still refuses xsi:nil or xsi:type among the attributes', () => {
    for (const localName of ['nil', 'type']) {
      expect(() => writeNil('n:a', { $nil: true, $anyAttributes: [{ namespace: XSI_NS, localName, value: 'true' }] })).toThrow(ValueError);
    }
  });
});

describe('a nil element written through the APIs that take a namespace list', () => {
  type Namespaces = ReadonlyArray<readonly [string, string]>;
  // writeNil and generated writers write xsi:nil and xsi:type with the prefix xsi.
  const nil = writeNil('n:a', null);
  const detail = [{ name: 'F' as const, local: 'a', ns: 'urn:n', read: (): null => null, write: (): string => nil }];
  const paths: Array<[string, (namespaces: Namespaces) => string]> = [
    ['writeDocument', (namespaces) => writeDocument(nil, namespaces)],
    ['writeDocument with locations', (namespaces) => writeDocument(nil, namespaces, { schemaLocation: 'urn:n n.xsd' })],
    ['writeEnvelope, in the body', (namespaces) => writeEnvelope('1.1', namespaces, '', nil)],
    ['writeEnvelope, in a header', (namespaces) => writeEnvelope('1.1', namespaces, nil, '')],
    ['writeDeclaredFault', (namespaces) => writeDeclaredFault('1.1', namespaces, detail, { name: 'F', detail: null }, { code: { namespace: SOAP11_ENV, localName: 'Server' }, faultString: 'f' })],
  ];
  /** The element {urn:n}a in `root`, wherever it is. */
  const find = (root: XmlElement): XmlElement | undefined => (root.local === 'a' ? root : root.children.map(find).find((e) => e !== undefined));

  describe.each(paths)('%s', (_, write) => {
    // Before, xsi:nil was written with xsi unbound: no namespace-well-formed XML.
    it.each<[string, Namespaces]>([
      ['xsi not declared', [['n', 'urn:n']]],
      ['the xsi namespace bound to another prefix only', [['i', XSI_NS], ['n', 'urn:n']]],
    ])('declares xsi where the list leaves it out (%s): well-formed for us and for libxml2', async (__, namespaces) => {
      const xml = write(namespaces);
      const a = find(parseXml(xml));
      expect(a?.attrs.map((x) => [x.ns, x.local, x.value])).toContainEqual([XSI_NS, 'nil', 'true']);
      expect(await libxml2ParseReport(xml)).toBe('');
    });

    it('refuses a list that binds xsi to another namespace, naming what to do', () => {
      expect(() => write([['xsi', 'urn:other'], ['n', 'urn:n']])).toThrow(
        `The prefix xsi is bound to urn:other, but xsi:nil and xsi:type are written with it: bind xsi to ${XSI_NS}, or leave it out, and give urn:other another prefix`,
      );
    });
  });

  it('declares xsi for a nil element that writeInParts set aside from the body', async () => {
    // Large enough for settle to set it aside: the body holds only its mark.
    const large = writeNil('n:a', { $nil: true, $anyAttributes: [{ namespace: '', localName: 'ref', value: 'r'.repeat(600) }] });
    const xml = writeInParts(() => writeEnvelope('1.1', [['n', 'urn:n']], '', `<n:list>${settle(large)}</n:list>`)).join('');
    expect(find(parseXml(xml))?.attrs.map((x) => [x.ns, x.local])).toContainEqual([XSI_NS, 'nil']);
    expect(await libxml2ParseReport(xml)).toBe('');
  });

  it('declares nothing more where nothing uses xsi, or the list binds it', () => {
    expect(writeDocument('<n:a/>', [['n', 'urn:n']])).not.toContain(XSI_NS);
    expect(writeEnvelope('1.1', [['n', 'urn:n']], '', '<n:a/>')).not.toContain(XSI_NS);
    expect(writeDocument(nil, [['xsi', XSI_NS], ['n', 'urn:n']]).split(XSI_NS)).toHaveLength(2);
    expect(writeEnvelope('1.1', [['xsi', XSI_NS], ['n', 'urn:n']], '', nil).split(XSI_NS)).toHaveLength(2);
  });
});
