import fc from 'fast-check';
import {
  ValueError,
  escapeAttr,
  escapeText,
  XmlError,
  attributePath,
  elementPath,
  parseXml,
  resolveQName,
  serializeElement,
  type XmlElement,
  type XmlErrorCode,
} from '../../../runtime/src';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const XML = 'http://www.w3.org/XML/1998/namespace';

function xmlError(source: string, options?: Parameters<typeof parseXml>[1]): XmlError {
  try {
    parseXml(source, options);
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error(`expected an XmlError for ${source}`);
}

function expectXmlError(source: string, code: XmlErrorCode, messagePart?: string | RegExp): XmlError {
  const e = xmlError(source);
  expect(e.code).toBe(code);
  if (messagePart !== undefined) expect(e.message).toMatch(messagePart);
  return e;
}

function child(el: XmlElement, ...path: number[]): XmlElement {
  let e = el;
  for (const i of path) {
    const next = e.children[i];
    if (next === undefined) throw new Error(`no child ${i} under ${elementPath(e)}`);
    e = next;
  }
  return e;
}

/** What a document means, without positions, parents or scopes. */
interface Shape {
  ns: string;
  local: string;
  prefix: string;
  attrs: Array<{ ns: string; local: string; prefix: string; value: string }>;
  text: string;
  children: Shape[];
}

function shape(el: XmlElement): Shape {
  return {
    ns: el.ns,
    local: el.local,
    prefix: el.prefix,
    attrs: el.attrs.map(({ ns, local, prefix, value }) => ({ ns, local, prefix, value })),
    text: el.text,
    children: el.children.map(shape),
  };
}

describe('parseXml: elements, attributes and namespaces', () => {
  const envelope = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="${SOAP}" xmlns:t="${T}">
  <soap:Header>
    <t:RequestServerVersion Version="Exchange2013" />
  </soap:Header>
  <soap:Body>
    <m:GetImItemList xmlns:m="${M}" xmlns="${T}">
      <m:ExtendedProperties>
        <ExtendedFieldURI PropertyTag="0x3A45" PropertyType="String" t:Flag="1"/>
      </m:ExtendedProperties>
    </m:GetImItemList>
  </soap:Body>
</soap:Envelope>`;

  it('resolves prefixes and the default namespace, and leaves unprefixed attributes in no namespace', () => {
    const root = parseXml(envelope);
    expect([root.ns, root.local, root.prefix]).toEqual([SOAP, 'Envelope', 'soap']);
    const header = child(root, 0);
    expect([header.ns, header.local]).toEqual([SOAP, 'Header']);
    const version = child(header, 0);
    expect([version.ns, version.local, version.prefix]).toEqual([T, 'RequestServerVersion', 't']);
    expect(version.attrs).toEqual([{ ns: '', local: 'Version', prefix: '', value: 'Exchange2013', line: 4, col: 29 }]);
    const op = child(root, 1, 0);
    expect([op.ns, op.local]).toEqual([M, 'GetImItemList']);
    const uri = child(op, 0, 0);
    expect([uri.ns, uri.local, uri.prefix]).toEqual([T, 'ExtendedFieldURI', '']);
    expect(uri.attrs.map((a) => [a.ns, a.prefix, a.local, a.value])).toEqual([
      ['', '', 'PropertyTag', '0x3A45'],
      ['', '', 'PropertyType', 'String'],
      [T, 't', 'Flag', '1'],
    ]);
  });

  it('leaves xmlns declarations out of attrs and exposes them through the scope', () => {
    const root = parseXml(envelope);
    expect(root.attrs).toEqual([]);
    const op = child(root, 1, 0);
    expect(op.attrs).toEqual([]);
    expect(op.scope.declarations()).toEqual([
      ['', T],
      ['m', M],
      ['soap', SOAP],
      ['t', T],
    ]);
    expect(op.scope.lookup('m')).toBe(M);
    expect(op.scope.lookup('xml')).toBe(XML);
    expect(op.scope.lookup('nope')).toBeUndefined();
  });

  it('shares the parent scope object when an element declares nothing', () => {
    const root = parseXml(envelope);
    const body = child(root, 1);
    expect(body.scope).toBe(root.scope);
    const op = child(body, 0);
    expect(op.scope).not.toBe(body.scope);
    expect(child(op, 0).scope).toBe(op.scope);
  });

  it('handles a prefix redeclared to another namespace and default namespace undeclaration', () => {
    const root = parseXml(
      '<s:a xmlns:s="urn:one" xmlns="urn:default"><s:b xmlns:s="urn:two"><s:c/><d/></s:b><s:e/><f xmlns=""><g/></f></s:a>',
    );
    expect(root.ns).toBe('urn:one');
    expect(child(root, 0).ns).toBe('urn:two');
    expect(child(root, 0, 0).ns).toBe('urn:two');
    expect(child(root, 0, 1).ns).toBe('urn:default');
    expect(child(root, 1).ns).toBe('urn:one');
    const f = child(root, 2);
    expect([f.ns, child(f, 0).ns]).toEqual(['', '']);
    expect(f.scope.lookup('')).toBeUndefined();
    expect(f.scope.declarations()).toEqual([['s', 'urn:one']]);
  });

  it('accepts the same namespace under several prefixes (s:, soap:, t:, m:, h: styles)', () => {
    const root = parseXml(
      `<s:Envelope xmlns:s="${SOAP}"><s:Header><h:ServerVersionInfo xmlns:h="${T}" MajorVersion="15"/></s:Header>` +
        `<soap:Body xmlns:soap="${SOAP}"><m:R xmlns:m="${M}"><t:P xmlns:t="${M}"/></m:R></soap:Body></s:Envelope>`,
    );
    expect(child(root, 1).ns).toBe(SOAP);
    expect(child(root, 1).prefix).toBe('soap');
    expect(child(root, 0, 0).ns).toBe(T);
    expect(child(root, 1, 0, 0).ns).toBe(M);
  });

  it('knows the xml prefix without a declaration', () => {
    const root = parseXml('<a xml:lang="en-US" xml:space="preserve"/>');
    expect(root.attrs.map((a) => [a.ns, a.prefix, a.local, a.value])).toEqual([
      [XML, 'xml', 'lang', 'en-US'],
      [XML, 'xml', 'space', 'preserve'],
    ]);
  });

  it('records 1-based line and column of elements and attributes, and source offsets', () => {
    const src = '<a>\n  <b  x="1"\n     y="2">text</b>\n\t<c/>\n</a>';
    const root = parseXml(src);
    const b = child(root, 0);
    const c = child(root, 1);
    expect([root.line, root.col, b.line, b.col, c.line, c.col]).toEqual([1, 1, 2, 3, 4, 2]);
    expect(b.attrs.map((a) => [a.local, a.line, a.col])).toEqual([
      ['x', 2, 7],
      ['y', 3, 6],
    ]);
    expect(src.slice(b.start, b.end)).toBe('<b  x="1"\n     y="2">text</b>');
    expect(src.slice(c.start, c.end)).toBe('<c/>');
    expect([root.start, root.end]).toEqual([0, src.length]);
  });

  it('counts columns after a byte order mark', () => {
    const root = parseXml('\uFEFF<a><b/></a>');
    expect([root.line, root.col, child(root, 0).col]).toEqual([1, 1, 4]);
    expect([xmlError('\uFEFF<a></b>').line, xmlError('\uFEFF<a></b>').col]).toEqual([1, 4]);
  });

  it('sets parent links', () => {
    const root = parseXml('<a><b><c/></b></a>');
    expect(root.parent).toBeNull();
    expect(child(root, 0, 0).parent).toBe(child(root, 0));
  });

  it('skips the XML declaration, a BOM, comments and processing instructions', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><?pi data?>\n<a><!-- x --><?other?>t</a>\n<!-- after --><?pi?>\n',
    );
    expect(root.local).toBe('a');
    expect(root.text).toBe('t');
    expect(root.children).toEqual([]);
  });

  it('accepts whitespace inside end tags, around = and single-quoted values', () => {
    const root = parseXml("<a  x = 'v\"1' ></a >");
    expect(root.attrs[0]?.value).toBe('v"1');
  });
});

describe('parseXml: character data', () => {
  it('decodes the predefined entities and character references', () => {
    const root = parseXml('<a x="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;">&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#0000067;</a>');
    expect(root.text).toBe('<>&"\'AB\u{1F600}C');
    expect(root.attrs[0]?.value).toBe('<>&"\'AB\u{1F600}');
  });

  it.each([
    ['&#0;', /not allow/],
    ['&#x1;', /not allow/],
    ['&#x8;', /not allow/],
    ['&#xB;', /not allow/],
    ['&#xFFFE;', /not allow/],
    ['&#xFFFF;', /not allow/],
    ['&#xD800;', /not allow/],
    ['&#xDFFF;', /not allow/],
    ['&#x110000;', /not allow/],
    ['&#99999999999999;', /not allow/],
    ['&#;', /Malformed character reference/],
    ['&#x;', /Malformed character reference/],
    ['&#xZZ;', /Malformed character reference/],
    ['&#12a;', /Malformed character reference/],
    ['&foo;', /Undeclared entity &foo;/],
    ['&amp', /does not start/],
    ['a & b', /does not start/],
    ['&;', /does not start/],
  ])('rejects the reference %s', (ref, message) => {
    expectXmlError(`<a>${ref}</a>`, 'not-well-formed', message);
    expectXmlError(`<a x="${ref}"/>`, 'not-well-formed', message);
  });

  it('accepts references to the allowed control characters', () => {
    expect(parseXml('<a>&#9;&#10;&#13;&#x20;</a>').text).toBe('\t\n\r ');
  });

  it('keeps CDATA content verbatim', () => {
    const root = parseXml('<a>x<![CDATA[<b>&amp;]]]]><![CDATA[>]]>y<![CDATA[]]></a>');
    expect(root.text).toBe('x<b>&amp;]]>y');
    expect(root.children).toEqual([]);
  });

  it('normalises line ends in text and whitespace in attribute values, but not character references', () => {
    const root = parseXml('<a x="1\r\n2\t3\n4\r5&#10;&#13;&#9;">l1\r\nl2\rl3\n&#13;<![CDATA[c\r\nd]]></a>');
    expect(root.text).toBe('l1\nl2\nl3\n\rc\nd');
    expect(root.attrs[0]?.value).toBe('1 2 3 4 5\n\r\t');
  });

  it('finds references, whitespace and the closing quote in each attribute value, wherever the others are', () => {
    // The reader remembers where the next '&', TAB, LF, CR and '<' are; each value must still see
    // only its own characters, and a quote of the other kind is just a character.
    const root = parseXml(`<a p="plain" q='it"s\tx' r="y&amp;z" s="w\nv"><b t="plain" u="&#9;"/>\n<b t='a\rb'/></a>`);
    expect(root.attrs.map((a) => a.value)).toEqual(['plain', 'it"s x', 'y&z', 'w v']);
    expect(child(root, 0).attrs.map((a) => a.value)).toEqual(['plain', '\t']);
    expect(child(root, 1).attrs.map((a) => a.value)).toEqual(['a b']);
  });

  it("reports a '<' in an attribute value where it is, after other attributes", () => {
    const e = expectXmlError('<a>\n  <b x="1" y="2\n3<4"/></a>', 'not-well-formed', /'<' is not allowed in the value of attribute y/);
    expect([e.line, e.col]).toEqual([3, 2]);
  });

  it('concatenates all direct character data, including whitespace between children', () => {
    const root = parseXml('<a>one<b>inner</b>two<!-- no -->three<c/></a>');
    expect(root.text).toBe('onetwothree');
    expect(child(root, 0).text).toBe('inner');
  });

  it('interleaves text and elements in mixed when keepMixed is set', () => {
    const root = parseXml('<p>Hello <b>bold</b> world<!--x--> again<i/></p>', { keepMixed: true });
    const mixed = root.mixed ?? [];
    expect(mixed.length).toBe(4);
    expect(mixed[0]).toBe('Hello ');
    expect(mixed[1]).toBe(child(root, 0));
    expect(mixed[2]).toBe(' world again');
    expect(mixed[3]).toBe(child(root, 1));
    expect(child(root, 0).mixed).toEqual(['bold']);
    expect(parseXml('<p>x</p>').mixed).toBeUndefined();
  });

  it('decodes entities in long documents where & is rare', () => {
    const filler = '<b>plain</b>'.repeat(2000);
    const root = parseXml(`<a>${filler}<c>x &amp; y</c>${filler}<d v="&lt;"/></a>`);
    expect(child(root, 2000).text).toBe('x & y');
    expect(child(root, 4001).attrs[0]?.value).toBe('<');
  });
});

describe('parseXml: line ends', () => {
  it('counts CR LF, a CR alone and LF as one line end each, in positions and errors', () => {
    const root = parseXml('<a>\r<b/>\r\n<c/>\n<d\r/></a>');
    expect(root.children.map((c) => [c.local, c.line, c.col])).toEqual([['b', 2, 1], ['c', 3, 1], ['d', 4, 1]]);
    const e = xmlError('<a>\r<b>\r\n\r</c></a>');
    expect([e.line, e.col]).toEqual([4, 1]);
    expect(e.message).toContain('opened at line 2:1');
  });
});

describe('parseXml: well-formedness errors', () => {
  it.each<[string, string | RegExp]>([
    ['<a><b></a>', /End tag <\/a> does not match start tag <b>/],
    ['<a></b>', /does not match/],
    ['<a><ab></a></ab>', /does not match/],
    ['<a><b>', /never closed/],
    ['<a', /not terminated/],
    ['<a x="1', /not terminated/],
    ['</a>', /no matching start tag/],
    ['', /no root element/],
    ['  <!-- only a comment -->', /no root element/],
    ['<a/><b/>', /second root element/],
    ['<a/>text', /Text after the root element/],
    ['text<a/>', /Text before the root element/],
    ['<a x="1" x="2"/>', /Duplicate attribute x/],
    ['<a xmlns:p="urn:x" xmlns:q="urn:x" p:x="1" q:x="2"/>', /same expanded name/],
    ['<a xmlns:p="u1" xmlns:p="u2"/>', /Duplicate attribute xmlns:p/],
    ['<p:a/>', /prefix 'p' of element <p:a> is not declared/],
    ['<a p:x="1"/>', /prefix 'p' of attribute p:x is not declared/],
    ['<a xmlns:p=""/>', /not allowed in XML 1.0 namespaces/],
    ['<a xmlns:xml="urn:other"/>', /prefix 'xml'/],
    ['<a xmlns:x="http://www.w3.org/XML/1998/namespace"/>', /prefix 'xml'/],
    ['<a xmlns:xmlns="urn:x"/>', /cannot be declared/],
    ['<xmlns:a/>', /not declared/],
    ['<a:b:c xmlns:a="urn:a"/>', /not a valid qualified name/],
    ['<a xmlns:="urn:a"/>', /empty prefix/],
    ['<a xmlns:b:c="urn:a"/>', /invalid prefix/],
    ['<a b:="1" xmlns:b="urn:b"/>', /not a valid qualified name/],
    ['<:a/>', /not a valid qualified name/],
    ['<a x="1"y="2"/>', /whitespace/],
    ['<a x=1/>', /must be quoted/],
    ['<a x/>', /Expected '='/],
    ['<a x="<"/>', /'<' is not allowed in the value/],
    ['<a>1 < 2</a>', /Expected an element name/],
    ['<1a/>', /Expected an element name/],
    ['<a>]]></a>', /']]>' is not allowed/],
    ['<![CDATA[x]]><a/>', /CDATA section outside the root/],
    ['<a><![CDATA[x</a>', /not terminated/],
    ['<a><!-- a -- b --></a>', /'--' is not allowed/],
    ['<a><!-- a ---></a>', /'--' is not allowed/],
    ['<a><!-- never closed </a>', /not terminated/],
    ['<a><!ELEMENT a ANY></a>', /Unrecognised markup/],
    [' <?xml version="1.0"?><a/>', /only at the very start/],
    ['<a/><?xml version="1.0"?>', /only at the very start/],
    ['<?xml version="2"?><a/>', /Malformed XML declaration/],
    ['<?xml encoding="utf-8"?><a/>', /Malformed XML declaration/],
    ['<a>\u0001</a>', /U\+0001 is not allowed/],
    ['<a>\uFFFF</a>', /U\+FFFF is not allowed/],
    ['<a>\uD800x</a>', /Unpaired surrogate U\+D800/],
    ['<a>x\uDC00</a>', /Unpaired surrogate U\+DC00/],
    ['<a>\uD83D\uDE00\uDC00</a>', /Unpaired surrogate U\+DC00/],
    ['<a>\uD83D\uDE00\uD83D</a>', /Unpaired surrogate U\+D83D/],
    ['<a>\u4E2D\uD83D\uDE00\u0001</a>', /U\+0001 is not allowed/],
  ])('rejects %j', (source, message) => {
    expectXmlError(source, 'not-well-formed', message);
  });

  it('accepts characters outside the BMP (paired surrogates), next to two-byte text', () => {
    expect(parseXml('<a>\u4E2D\uD83D\uDE00\uD83D\uDE01</a>').text).toBe('\u4E2D\uD83D\uDE00\uD83D\uDE01');
  });

  it('reports the element path and the line:col of the problem', () => {
    const src = [
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">',
      '  <s:Body>',
      '    <Items><Item/><Item/><Item>',
      '      <Name>x &bogus; y</Name>',
      '    </Item></Items>',
      '  </s:Body>',
      '</s:Envelope>',
    ].join('\n');
    const e = xmlError(src);
    expect(e.path).toBe('/Envelope/Body/Items/Item[3]/Name');
    expect([e.line, e.col]).toEqual([4, 15]);
    expect(e.message).toContain('/Envelope/Body/Items/Item[3]/Name');
    expect(e.message).toContain('line 4:15');
    expect(e.message).toMatch(/Only &lt; &gt; &amp;/);
  });

  it('reports the position of a mismatched end tag and where the open element began', () => {
    const e = xmlError('<a>\n  <b>\n    <c></b>\n</a>');
    expect(e.path).toBe('/a/b/c');
    expect([e.line, e.col]).toEqual([3, 8]);
    expect(e.message).toMatch(/opened at line 3:5/);
  });

  it('names the element whose start tag is broken', () => {
    const e = xmlError('<root>\n<child a="1" a="2"/></root>');
    expect(e.path).toBe('/root/child');
    expect([e.line, e.col]).toEqual([2, 14]);
  });

  it('reports an unclosed document at its end', () => {
    const e = xmlError('<a>\n<b>\n</b>\n');
    expect(e.path).toBe('/a');
    expect([e.line, e.col]).toEqual([4, 1]);
  });
});

describe('parseXml: hostile input', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>`;

  it('refuses the billion laughs document at its DOCTYPE', () => {
    const e = expectXmlError(billionLaughs, 'doctype-forbidden', /DOCTYPE/);
    expect([e.line, e.col]).toEqual([2, 1]);
    expect(e.message).toMatch(/entity-expansion/);
  });

  it('refuses external entities at the DOCTYPE, never reading them', () => {
    expectXmlError('<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>', 'doctype-forbidden');
    expectXmlError('<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>', 'doctype-forbidden');
  });

  it('refuses a DOCTYPE anywhere, and entity references without one', () => {
    expectXmlError('<a/><!DOCTYPE a>', 'doctype-forbidden');
    expectXmlError('<a>&xxe;</a>', 'not-well-formed', /Undeclared entity/);
  });

  it('enforces the depth limit (default 256)', () => {
    const deep = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(() => parseXml(deep(256))).not.toThrow();
    const e = xmlError(deep(257));
    expect(e.code).toBe('too-deep');
    expect(e.path.split('/').length).toBe(258);
    expect(xmlError(deep(4), { maxDepth: 3 }).code).toBe('too-deep');
    expect(() => parseXml(deep(3), { maxDepth: 3 })).not.toThrow();
    expect(xmlError(deep(100000)).code).toBe('too-deep');
  });

  it('enforces the size limit before parsing', () => {
    const e = xmlError('<a>0123456789</a>', { maxBytes: 10 });
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/maxBytes/);
    expect(() => parseXml('<a>0123456789</a>', { maxBytes: 17 })).not.toThrow();
  });

  it('enforces the attribute limit, counting namespace declarations', () => {
    expect(xmlError('<a x="1" y="2" z="3"/>', { maxAttributes: 2 }).code).toBe('too-many-attributes');
    expect(xmlError('<a xmlns:p="u" y="2" z="3"/>', { maxAttributes: 2 }).code).toBe('too-many-attributes');
    expect(() => parseXml('<a x="1" y="2"/>', { maxAttributes: 2 })).not.toThrow();
    const many = Array.from({ length: 1025 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(xmlError(`<a ${many}/>`).code).toBe('too-many-attributes');
  });

  it('detects duplicates among many attributes', () => {
    const many = Array.from({ length: 500 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(parseXml(`<a ${many}/>`).attrs.length).toBe(500);
    expect(xmlError(`<a ${many} a250="x"/>`).message).toMatch(/Duplicate attribute a250/);
  });

  it('treats __proto__ and other Object.prototype names as ordinary names', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const root = parseXml(
      '<__proto__ __proto__="x" constructor="y" xmlns:__proto__="urn:p" __proto__:toString="z">' +
        '<constructor/><__proto__:hasOwnProperty/><toString>t</toString></__proto__>',
    );
    expect(root.local).toBe('__proto__');
    expect(root.attrs.map((a) => [a.ns, a.local, a.value])).toEqual([
      ['', '__proto__', 'x'],
      ['', 'constructor', 'y'],
      ['urn:p', 'toString', 'z'],
    ]);
    expect(child(root, 1).ns).toBe('urn:p');
    expect(root.scope.lookup('toString')).toBeUndefined();
    expect(root.scope.lookup('constructor')).toBeUndefined();
    expect(root.scope.declarations()).toEqual([['__proto__', 'urn:p']]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(xmlError('<a><constructor:b/></a>').message).toMatch(/not declared/);
  });
});

describe('elementPath and attributePath', () => {
  const src = `<s:Envelope xmlns:s="${SOAP}"><s:Body><m:GetImItemListResponse xmlns:m="${M}" xmlns:t="${T}"><m:ImItemList><t:Personas>
    <t:Persona><t:CreationTime>1</t:CreationTime></t:Persona>
    <t:Persona><t:CreationTime>2</t:CreationTime></t:Persona>
    <t:Persona><t:Other/><t:CreationTime>3</t:CreationTime></t:Persona>
    <t:Groups/>
    <m:Persona/>
  </t:Personas></m:ImItemList></m:GetImItemListResponse></s:Body></s:Envelope>`;

  it('indexes siblings with the same expanded name only', () => {
    const root = parseXml(src);
    const personas = child(root, 0, 0, 0, 0);
    const third = child(personas, 2);
    expect(elementPath(child(third, 1))).toBe('/Envelope/Body/GetImItemListResponse/ImItemList/Personas/Persona[3]/CreationTime');
    expect(elementPath(personas)).toBe('/Envelope/Body/GetImItemListResponse/ImItemList/Personas');
    expect(elementPath(child(personas, 3))).toBe('/Envelope/Body/GetImItemListResponse/ImItemList/Personas/Groups');
    // m:Persona differs in namespace from the t:Persona siblings.
    expect(elementPath(child(personas, 4))).toBe('/Envelope/Body/GetImItemListResponse/ImItemList/Personas/Persona');
    expect(elementPath(root)).toBe('/Envelope');
  });

  it('appends the attribute local name', () => {
    const root = parseXml('<a><b x="1" p:y="2" xmlns:p="urn:p"/><b/></a>');
    const b = child(root, 0);
    expect(attributePath(b, b.attrs[0]!)).toBe('/a/b[1]/@x');
    expect(attributePath(b, b.attrs[1]!)).toBe('/a/b[1]/@y');
  });
});

describe('resolveQName', () => {
  const root = parseXml(`<a xmlns:t="${T}" xmlns="urn:d"><b xmlns=""/></a>`);

  it('resolves prefixed and unprefixed names', () => {
    expect(resolveQName(root, ' t:ErrorSchemaValidation ')).toEqual({ namespace: T, localName: 'ErrorSchemaValidation' });
    expect(resolveQName(root, 'Plain')).toEqual({ namespace: 'urn:d', localName: 'Plain' });
    expect(resolveQName(child(root, 0), 'Plain')).toEqual({ namespace: '', localName: 'Plain' });
    expect(resolveQName(root, 'xml:lang')).toEqual({ namespace: XML, localName: 'lang' });
  });

  it('throws ValueError for undeclared prefixes and malformed names', () => {
    expect(() => resolveQName(root, 'x:Foo')).toThrow(ValueError);
    expect(() => resolveQName(root, 'x:Foo')).toThrow(/prefix 'x'/);
    expect(() => resolveQName(root, 'a:b:c')).toThrow(ValueError);
    expect(() => resolveQName(root, '')).toThrow(ValueError);
    expect(() => resolveQName(root, '1abc')).toThrow(ValueError);
  });
});

describe('serializeElement', () => {
  it('re-declares namespaces inherited from ancestors', () => {
    const root = parseXml(
      `<s:Envelope xmlns:s="${SOAP}" xmlns:t="${T}" xmlns:unused="urn:unused"><s:Body xmlns="${M}">` +
        `<Item t:Id="7"><t:Name>x &amp; y</t:Name></Item></s:Body></s:Envelope>`,
    );
    const item = child(root, 0, 0);
    const xml = serializeElement(item);
    expect(xml).toBe(`<Item xmlns="${M}" xmlns:t="${T}" t:Id="7"><t:Name>x &amp; y</t:Name></Item>`);
    expect(shape(parseXml(xml))).toEqual(shape(item));
  });

  it('keeps declarations made inside the subtree where they were, including redeclarations', () => {
    const root = parseXml('<r xmlns:p="urn:outer"><a><p:b/><c xmlns:p="urn:inner"><p:d/></c></a></r>');
    const a = child(root, 0);
    const xml = serializeElement(a);
    expect(xml).toBe('<a xmlns="" xmlns:p="urn:outer"><p:b/><c xmlns:p="urn:inner"><p:d/></c></a>');
    const again = parseXml(xml);
    expect(shape(again)).toEqual(shape(a));
    expect(child(again, 1, 0).ns).toBe('urn:inner');
  });

  it('declares prefixes used only inside QName-valued content', () => {
    const root = parseXml(
      `<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="${T}" xmlns:a="urn:a"><v xsi:type="t:String">a:Code</v></r>`,
    );
    const v = child(root, 0);
    const xml = serializeElement(v);
    expect(xml).toContain(`xmlns:t="${T}"`);
    expect(xml).toContain('xmlns:a="urn:a"');
    const again = parseXml(xml);
    expect(resolveQName(again, again.attrs[0]!.value)).toEqual({ namespace: T, localName: 'String' });
    expect(resolveQName(again, again.text)).toEqual({ namespace: 'urn:a', localName: 'Code' });
  });

  it('declares prefixes used inside expressions: topic paths and XPath filters (ONVIF, WS-Notification)', () => {
    const root = parseXml(
      '<r xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:unused="urn:u" xmlns:urn="urn:x">' +
        '<f><topic>tns1:VideoSource//.|tns1:RuleEngine/CellMotion</topic><m q="boolean(//tt:SimpleItem[@Name=\'State\'])">http://x/y urn:a:b</m></f></r>',
    );
    const xml = serializeElement(child(root, 0));
    // Before, only a value that was one QName as a whole kept its prefix declared.
    expect(xml).toBe(
      '<f xmlns="" xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:urn="urn:x"><topic>tns1:VideoSource//.|tns1:RuleEngine/CellMotion</topic><m q="boolean(//tt:SimpleItem[@Name=\'State\'])">http://x/y urn:a:b</m></f>',
    );
     // Inside a longer name, of whatever script, a colon ends no prefix: été:x and a.tt:y declare nothing.
    const words = parseXml('<r xmlns:t="urn:t" xmlns:tt="urn:tt"><w a="a.tt:y">été:x ét:z</w></r>');
    expect(serializeElement(child(words, 0))).toBe('<w xmlns="" a="a.tt:y">été:x ét:z</w>');
  });

  it('escapes text and attribute values so they read back identically', () => {
    const root = parseXml('<a x="&quot;&lt;&amp;&#9;&#10;&#13;>">&lt;&amp;&gt;&#13;<![CDATA[]]]]>&gt;</a>');
    const xml = serializeElement(root);
    expect(shape(parseXml(xml))).toEqual(shape(root));
    expect(parseXml(xml).text).toBe('<&>\r]]>');
  });

  it('writes mixed content in document order when it was kept', () => {
    const root = parseXml('<p>Hello <b>bold</b> world</p>', { keepMixed: true });
    expect(serializeElement(root)).toBe('<p xmlns="">Hello <b>bold</b> world</p>');
  });

  it('round-trips the documentation envelope element by element', () => {
    const src = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="${SOAP}">
   <s:Body>
      <s:Fault>
         <faultcode xmlns:a="${T}">a:ErrorSchemaValidation</faultcode>
         <faultstring xml:lang="en-US">The request failed schema validation.</faultstring>
         <detail>
            <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorSchemaValidation</e:ResponseCode>
            <t:MessageXml xmlns:t="${T}"><t:LineNumber>11</t:LineNumber></t:MessageXml>
         </detail>
      </s:Fault>
   </s:Body>
</s:Envelope>`;
    const all: XmlElement[] = [];
    const walk = (e: XmlElement): void => {
      all.push(e);
      e.children.forEach(walk);
    };
    walk(parseXml(src));
    expect(all.length).toBe(9);
    for (const e of all) expect(shape(parseXml(serializeElement(e)))).toEqual(shape(e));
  });
});

/** Like Shape, with character data and child elements in document order (needs keepMixed). */
interface MixedShape {
  ns: string;
  local: string;
  prefix: string;
  attrs: Array<{ ns: string; local: string; prefix: string; value: string }>;
  content: Array<string | MixedShape>;
}

function mixedShape(el: XmlElement): MixedShape {
  if (el.mixed === undefined) throw new Error('parsed without keepMixed');
  return {
    ns: el.ns,
    local: el.local,
    prefix: el.prefix,
    attrs: el.attrs.map(({ ns, local, prefix, value }) => ({ ns, local, prefix, value })),
    content: el.mixed.map((item) => (typeof item === 'string' ? item : mixedShape(item))),
  };
}

describe('serializeElement of parsed elements: the source text, exactly', () => {
  it('keeps text around child elements in place without keepMixed (MessageXml)', () => {
    const src =
      `<s:Envelope xmlns:s="${SOAP}" xmlns:t="${T}"><s:Body><m:MessageXml xmlns:m="${M}">` +
      `<t:Value Name="MailboxGuid">one<t:Detail>x</t:Detail>two</t:Value></m:MessageXml></s:Body></s:Envelope>`;
    const value = child(parseXml(src), 0, 0, 0);
    const xml = serializeElement(value);
    expect(xml).toBe(`<t:Value xmlns:t="${T}" Name="MailboxGuid">one<t:Detail>x</t:Detail>two</t:Value>`);
    expect(mixedShape(parseXml(xml, { keepMixed: true }))).toEqual(mixedShape(child(parseXml(src, { keepMixed: true }), 0, 0, 0)));
  });

  it('copies references, CDATA, comments, processing instructions and line ends as written', () => {
    const inner = '<t:V a="x&#10;y" b=\'&quot;\'>a &amp; b\r\n<![CDATA[<raw>]]><!-- note --><?pi data?>&#x1F600;<t:W/>\r\n</t:V>';
    const src = `<r xmlns:t="${T}">\r\n${inner}\r\n</r>`;
    const v = child(parseXml(src), 0);
    const xml = serializeElement(v);
    expect(xml).toBe(inner.replace('<t:V ', `<t:V xmlns:t="${T}" `));
    expect(shape(parseXml(xml))).toEqual(shape(v));
    expect(parseXml(xml).text).toBe('a & b\n<raw>\u{1F600}\n');
  });

  it('declares the default namespace, or its absence, when the fragment relies on it', () => {
    const root = parseXml(`<r xmlns="${M}" xmlns:t="${T}"><a><b xmlns="">x<t:c/>y</b></a></r>`);
    expect(serializeElement(child(root, 0))).toBe(`<a xmlns="${M}" xmlns:t="${T}"><b xmlns="">x<t:c/>y</b></a>`);
    // Added declarations go right after the name; the element's own stay where they were written.
    expect(serializeElement(child(root, 0, 0))).toBe(`<b xmlns:t="${T}" xmlns="">x<t:c/>y</b>`);
    expect(serializeElement(child(root, 0, 0, 0))).toBe(`<t:c xmlns:t="${T}"/>`);
    const noDefault = parseXml(`<t:r xmlns:t="${T}"><t:a><b/></t:a></t:r>`);
    expect(serializeElement(child(noDefault, 0))).toBe(`<t:a xmlns="" xmlns:t="${T}"><b/></t:a>`);
  });

  it('declares prefixes used only in QName-like values, and not the xml prefix', () => {
    const root = parseXml(
      `<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="${T}" xmlns:a="urn:a" xmlns:u="urn:unused">` +
        `<v xsi:type="t:String" xml:lang="en">a:Code<w/>tail</v></r>`,
    );
    const xml = serializeElement(child(root, 0));
    expect(xml).toBe(
      `<v xmlns="" xmlns:a="urn:a" xmlns:t="${T}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:String" xml:lang="en">a:Code<w/>tail</v>`,
    );
  });

  it('does not repeat declarations the element makes itself', () => {
    const root = parseXml(`<r xmlns:t="urn:outer" xmlns:k="urn:k"><t:a xmlns:t="${T}" k:x="1"><t:b/></t:a></r>`);
    expect(serializeElement(child(root, 0))).toBe(`<t:a xmlns:k="urn:k" xmlns:t="${T}" k:x="1"><t:b/></t:a>`);
  });

  it('writes the whole document element as its source', () => {
    const src = '<?xml version="1.0"?>\n<!-- c --><p xmlns:q="urn:q">Hello <q:b>bold</q:b> world</p>\n';
    expect(serializeElement(parseXml(src))).toBe('<p xmlns="" xmlns:q="urn:q">Hello <q:b>bold</q:b> world</p>');
  });

  it('rebuilds elements that do not come from parseXml, in document order when mixed is kept', () => {
    const parsed = parseXml(`<r xmlns:t="${T}"><t:a>one<t:b/>two</t:a></r>`, { keepMixed: true });
    const a = child(parsed, 0);
    const detached: XmlElement = { ...a, parent: null };
    expect(serializeElement(detached)).toBe(`<t:a xmlns:t="${T}">one<t:b/>two</t:a>`);
    const { mixed: _mixed, ...withoutMixed } = detached;
    expect(serializeElement(withoutMixed)).toBe(`<t:a xmlns:t="${T}">onetwo<t:b/></t:a>`);
  });
});

describe('serializeElement round trip (property)', () => {
  interface Node {
    decls: Array<[string, string]>;
    pick: number;
    attrs: Array<{ pick: number; local: string; value: string }>;
    text: string;
    cdata: boolean;
    children: Node[];
  }

  const PREFIXES = ['', 'a', 'b', 'soap', '__proto__'];
  const URIS = ['urn:one', 'urn:two', 'http://schemas.xmlsoap.org/soap/envelope/', ''];
  const LOCALS = ['x', 'y', 'Persona', '__proto__', 'constructor'];
  const text = fc.string({ unit: 'binary', maxLength: 8 }).filter((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s));

  const nodeOf = (depth: number): fc.Arbitrary<Node> =>
    fc.record({
      decls: fc.uniqueArray(fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...URIS)), { maxLength: 3, selector: (d) => d[0] }),
      pick: fc.nat(),
      attrs: fc.uniqueArray(fc.record({ pick: fc.nat(), local: fc.constantFrom(...LOCALS), value: text }), { maxLength: 3, selector: (a) => a.local }),
      text,
      cdata: fc.boolean(),
      children: depth === 0 ? fc.constant([]) : fc.array(nodeOf(depth - 1), { maxLength: 3 }),
    });
  const tree = nodeOf(4);

  /** Writes the generated tree as XML, choosing only prefixes that are bound at each point. */
  function toXml(node: Node, scope: ReadonlyMap<string, string>, index: number): string {
    const decls = node.decls.filter(([p, u]) => p === '' || u !== '');
    const inner = new Map(scope);
    for (const [p, u] of decls) inner.set(p, u);
    const usable = [...inner.keys()].filter((p) => p !== '').sort();
    const prefix = usable.length === 0 || node.pick % 3 === 0 ? '' : usable[node.pick % usable.length]!;
    const name = (prefix === '' ? '' : prefix + ':') + LOCALS[index % LOCALS.length]!;
    let tag = '<' + name;
    for (const [p, u] of decls) tag += `${p === '' ? ' xmlns' : ' xmlns:' + p}="${escapeAttr(u)}"`;
    const usedAttr = new Set<string>();
    for (const a of node.attrs) {
      const ap = usable.length === 0 || a.pick % 2 === 0 ? '' : usable[a.pick % usable.length]!;
      const key = `{${ap === '' ? '' : inner.get(ap)}}${a.local}`;
      if (usedAttr.has(key)) continue;
      usedAttr.add(key);
      tag += ` ${ap === '' ? '' : ap + ':'}${a.local}="${escapeAttr(a.value)}"`;
    }
    const body = (node.cdata && !node.text.includes(']]>') ? `<![CDATA[${node.text.replace(/\r/g, '')}]]>` : escapeText(node.text)) +
      node.children.map((c, i) => toXml(c, inner, i + node.pick)).join('');
    return `${tag}>${body}</${name}>`;
  }

  /** Like toXml, with the text split around the children: text, child, text, child, ..., text. */
  function toMixedXml(node: Node, scope: ReadonlyMap<string, string>, index: number): string {
    const plain = toXml({ ...node, children: [], text: '' }, scope, index);
    const open = plain.slice(0, plain.lastIndexOf('</'));
    const name = plain.slice(plain.lastIndexOf('</') + 2, -1);
    const inner = new Map(scope);
    for (const [p, u] of node.decls) if (p === '' || u !== '') inner.set(p, u);
    const chars = Array.from(node.text);
    const piece = (k: number): string => escapeText(chars.slice(k, k + 2).join(''));
    let body = piece(0);
    node.children.forEach((c, i) => {
      body += toMixedXml(c, inner, i + node.pick) + piece(2 * (i + 1));
    });
    return `${open}${body}</${name}>`;
  }

  it('parse(serializeElement(e)) keeps interleaved text in order, prefixes declared on ancestors', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const source =
          `<root xmlns:a="urn:ancestor-a" xmlns:b="urn:ancestor-b" xmlns="urn:ancestor-default"><a:wrap>` +
          toMixedXml(node, new Map([['a', 'urn:ancestor-a'], ['b', 'urn:ancestor-b'], ['', 'urn:ancestor-default']]), 0) +
          `</a:wrap></root>`;
        const plain = parseXml(source);
        const mixed = parseXml(source, { keepMixed: true });
        const visit = (e: XmlElement, expected: XmlElement): void => {
          expect(mixedShape(parseXml(serializeElement(e), { keepMixed: true }))).toEqual(mixedShape(expected));
          e.children.forEach((c, i) => visit(c, expected.children[i]!));
        };
        visit(child(plain, 0, 0), child(mixed, 0, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('parse(serializeElement(e)) has the shape of e for every element of random documents', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const source = `<root xmlns:a="urn:ancestor-a" xmlns="urn:ancestor-default">${toXml(node, new Map([['a', 'urn:ancestor-a'], ['', 'urn:ancestor-default']]), 0)}</root>`;
        const root = parseXml(source);
        const visit = (e: XmlElement): void => {
          const xml = serializeElement(e);
          expect(shape(parseXml(xml))).toEqual(shape(e));
          e.children.forEach(visit);
        };
        visit(child(root, 0));
      }),
      { numRuns: 500 },
    );
  });
});
