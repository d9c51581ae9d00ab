import { ValueError, XML_NS, XSI_NS, parseXml, writeAnyAttribute, writeAnyAttributes, writeDocument, writeNil, type XmlAnyAttribute } from '../../../runtime/src';

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
