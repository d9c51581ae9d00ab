import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostics, GenerationError, type Diagnostic } from '../../../generator/diagnostics';
import { load, type XElement } from '../../../generator/load';
import { MAX_DEPTH } from '../../../generator/load/tree';

const XS = 'http://www.w3.org/2001/XMLSchema';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-load-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function root(text: string | Buffer): Promise<XElement> {
  fs.writeFileSync(path.join(dir, 'doc.xsd'), text);
  const set = await load({ entry: 'doc.xsd', schemaPath: [], cwd: dir }, new Diagnostics());
  const doc = set.documents[0];
  if (doc === undefined) throw new Error('no document');
  return doc.root;
}

async function failure(text: string | Buffer): Promise<Diagnostic> {
  fs.writeFileSync(path.join(dir, 'bad.xsd'), text);
  const diagnostics = new Diagnostics();
  await expect(load({ entry: 'bad.xsd', schemaPath: [], cwd: dir }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
  const [d] = diagnostics.items;
  if (d === undefined) throw new Error('no diagnostic');
  return d;
}

const child = (el: XElement, i: number): XElement => {
  const c = el.children[i];
  if (c === undefined) throw new Error(`<${el.tagName}> has no child ${i}`);
  return c;
};

describe('load: the document tree', () => {
  it('keeps element children, attributes and the position of each start tag', async () => {
    const r = await root(
      [
        '<?xml version="1.0"?>',
        '<!-- a comment -->',
        `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t">`,
        '  <xs:element name="a&amp;b"',
        '              type="xs:string"/>',
        '  <?pi data?>',
        '    <xs:complexType name="T"><xs:sequence/></xs:complexType>',
        '</xs:schema>',
      ].join('\n'),
    );
    expect([r.localName, r.namespaceURI, r.lineNumber, r.columnNumber]).toEqual(['schema', XS, 3, 1]);
    expect(r.children.map((c) => c.tagName)).toEqual(['xs:element', 'xs:complexType']);
    const element = child(r, 0);
    // The start tag's `<`, even when its attributes run onto the next line.
    expect([element.lineNumber, element.columnNumber]).toEqual([4, 3]);
    expect(element.attribute('name')).toBe('a&b');
    expect(element.attribute('type')).toBe('xs:string');
    expect(element.attribute('missing')).toBeUndefined();
    const sequence = child(child(r, 1), 0);
    expect([sequence.localName, sequence.lineNumber, sequence.columnNumber]).toEqual(['sequence', 7, 30]);
    expect(sequence.parent?.attribute('name')).toBe('T');
  });

  it('gives the text of mixed content in document order, with CDATA and references, without comments', async () => {
    const r = await root(
      `<xs:schema xmlns:xs="${XS}"><xs:annotation><xs:documentation>One &lt;two&gt; <b>three</b><!-- no --> <![CDATA[<four>]]> &#x41;</xs:documentation></xs:annotation></xs:schema>`,
    );
    const documentation = child(child(r, 0), 0);
    expect(documentation.textContent).toBe('One <two> three <four> A');
    expect(documentation.children.map((c) => c.localName)).toEqual(['b']);
  });

  it('binds prefixes as declared in scope, and namespaces attributes by their own prefix', async () => {
    const r = await root(
      [
        `<xs:schema xmlns:xs="${XS}" xmlns:p="urn:one" xmlns="urn:default">`,
        '  <xs:element xmlns:p="urn:two" p:x="1" y="2">',
        '    <inner xmlns=""/>',
        '  </xs:element>',
        '  <xs:attribute name="a"/>',
        '</xs:schema>',
      ].join('\n'),
    );
    const element = child(r, 0);
    const inner = child(element, 0);
    const sibling = child(r, 1);
    expect(r.lookupNamespaceURI('p')).toBe('urn:one');
    expect(element.lookupNamespaceURI('p')).toBe('urn:two');
    expect(sibling.lookupNamespaceURI('p')).toBe('urn:one');
    expect(element.lookupNamespaceURI(null)).toBe('urn:default');
    expect(inner.lookupNamespaceURI(null)).toBeNull();
    expect(inner.namespaceURI).toBeNull();
    expect(inner.lookupNamespaceURI('xs')).toBe(XS);
    expect(inner.lookupNamespaceURI('xml')).toBe('http://www.w3.org/XML/1998/namespace');
    expect(inner.lookupNamespaceURI('nope')).toBeNull();
    expect(element.attributes.filter((a) => !a.name.startsWith('xmlns'))).toEqual([
      { name: 'p:x', namespaceURI: 'urn:two', value: '1' },
      { name: 'y', namespaceURI: null, value: '2' },
    ]);
  });

  it.each([
    ['an element prefix bound to nothing', `<xs:schema xmlns:xs="${XS}">\n  <zz:foo/>\n</xs:schema>`, 2, 3, /prefix of <zz:foo> is not bound/],
    ['an attribute prefix bound to nothing', `<xs:schema xmlns:xs="${XS}">\n  <xs:element zz:x="1"/>\n</xs:schema>`, 2, 3, /attribute zz:x on <xs:element> is not bound/],
    ['a second root element', `<xs:schema xmlns:xs="${XS}"/>\n<xs:schema xmlns:xs="${XS}"/>`, 2, 1, /Only one root element/],
    ['an end tag that closes the wrong element', `<xs:schema xmlns:xs="${XS}">\n  <xs:element name="a">\n</xs:schema>`, 2, 24, /mismatch: "xs:element" != "xs:schema"/],
    // An empty file is NOT_WSDL_OR_XSD, "is empty" (the errors fixture empty-entry).
    ['a comment and no element', '<!-- nothing -->\n', 1, 1, /missing root element/],
  ])('reports %s as XML_MALFORMED at its position', async (_what, text, line, col, message) => {
    const d = await failure(text);
    expect([d.code, d.file, d.line, d.col]).toEqual(['XML_MALFORMED', 'bad.xsd', line, col]);
    expect(d.message).toMatch(message);
  });

  it('ends lines as XML 1.0 does: NEL and LS are characters of an XML 1.0 document, line ends of an XML 1.1 one', async () => {
    const body = (decl: string): string =>
      `${decl}<xs:schema xmlns:xs="${XS}">\r\n<!-- a\u2028b --><xs:simpleType name="T"><xs:restriction base="xs:string">\r` +
      `<xs:enumeration value="x\u0085y\u2028z"/></xs:restriction></xs:simpleType></xs:schema>`;
    const enumeration = (r: XElement): XElement => child(child(child(r, 0), 0), 0);
    const v10 = await root(body('<?xml version="1.0"?>'));
    expect(enumeration(v10).attribute('value')).toBe('x\u0085y\u2028z');
    expect([enumeration(v10).lineNumber, child(v10, 0).lineNumber]).toEqual([3, 2]);
    // XML 1.1 (2.11 of that version) also ends lines at NEL and LS, and normalises attribute values' line ends to spaces.
    const v11 = await root(body("<?xml version='1.1'?>"));
    expect(enumeration(v11).attribute('value')).toBe('x y z');
    expect([enumeration(v11).lineNumber, child(v11, 0).lineNumber]).toEqual([4, 3]);
  });

  it(`accepts ${MAX_DEPTH} nested elements and refuses one more at its start tag, before anything recurses over them`, async () => {
    const nested = (depth: number): string => `<xs:schema xmlns:xs="${XS}">\n${'<a>'.repeat(depth - 1)}${'</a>'.repeat(depth - 1)}</xs:schema>`;
    let deepest = await root(nested(MAX_DEPTH));
    for (let c = deepest.children[0]; c !== undefined; c = c.children[0]) deepest = c;
    expect(deepest.columnNumber).toBe(3 * (MAX_DEPTH - 2) + 1);
    const d = await failure(nested(MAX_DEPTH + 1));
    expect([d.code, d.line, d.col]).toEqual(['XML_TOO_DEEP', 2, 3 * (MAX_DEPTH - 1) + 1]);
  });

});

describe('load: a DOCTYPE is passed over, never read', () => {
  const MARKER = 'CODEGEN-SECRET-MARKER-51c2';
  let server: http.Server;
  let port = 0;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end(`<!ENTITY leak "${MARKER}">`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const documented = (doctype: string, text: string): string =>
    `<?xml version="1.0"?>\n${doctype}\n<xs:schema xmlns:xs="${XS}">\n  <xs:annotation><xs:documentation>${text}</xs:documentation></xs:annotation>\n</xs:schema>`;

  it('reads the document as it would without one, with a warning at the declaration', async () => {
    // As W3C publishes XML Signature's schema: a public DTD, an attribute default, an entity unused.
    const doctype = `<!DOCTYPE schema PUBLIC "-//W3C//DTD XMLSchema 200102//EN" "http://127.0.0.1:${port}/XMLSchema.dtd" [\n  <!ATTLIST schema xmlns:ds CDATA #FIXED "urn:dsig">\n  <!ENTITY dsig 'urn:dsig'>\n]>`;
    fs.writeFileSync(path.join(dir, 'doctype.xsd'), documented(doctype, 'a &amp; b'));
    const diagnostics = new Diagnostics();
    const set = await load({ entry: 'doctype.xsd', schemaPath: [], cwd: dir }, diagnostics);
    const schema = set.documents[0]?.root;
    expect(schema?.textContent.trim()).toBe('a & b');
    // The attribute default is not applied.
    expect(schema?.lookupNamespaceURI('ds')).toBeNull();
    expect(diagnostics.items.map((d) => [d.severity, d.code, d.file, d.line, d.col])).toEqual([['warning', 'DOCTYPE_IGNORED', 'doctype.xsd', 2, 1]]);
    expect(hits).toEqual([]);
  });

  it.each([
    ['an internal entity', '<!DOCTYPE schema [<!ENTITY e "x">]>', '&e;'],
    ['billion laughs', `<!DOCTYPE schema [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>`, '&lol9;'],
    ['an external entity (a local file)', `<!DOCTYPE schema [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>`, '&xxe;'],
    ['an external entity (HTTP)', '<!DOCTYPE schema [<!ENTITY xxe SYSTEM "http://127.0.0.1:PORT/entity">]>', '&xxe;'],
    ['an external DTD', '<!DOCTYPE schema SYSTEM "http://127.0.0.1:PORT/evil.dtd">', '&leak;'],
    ['an external parameter entity', '<!DOCTYPE schema [<!ENTITY % remote SYSTEM "http://127.0.0.1:PORT/param.dtd">\n%remote;]>', '&leak;'],
  ])('expands no entity a DOCTYPE declares: %s is XML_MALFORMED at the reference, with nothing fetched', async (_what, doctype, reference) => {
    const text = documented(doctype.replace('PORT', String(port)), `before ${reference} after`);
    const d = await failure(text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(`before ${reference}`)) + 1;
    expect([d.code, d.file, d.line]).toEqual(['XML_MALFORMED', 'bad.xsd', line]);
    expect(d.message).toContain(reference);
    expect(d.hint).toMatch(/in its place/);
    expect(d.message).not.toContain('lollol');
    expect(d.message).not.toContain(MARKER);
    expect(hits).toEqual([]);
  });
});

describe('load: the encoding of a document', () => {
  const schema = (declaration: string, doc: string): string =>
    `${declaration}<xs:schema xmlns:xs="${XS}"><xs:annotation><xs:documentation>${doc}</xs:documentation></xs:annotation></xs:schema>`;
  const documentation = (r: XElement): string => child(child(r, 0), 0).textContent;
  const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

  it.each([
    ['UTF-8 with a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(schema('<?xml version="1.0"?>', 'Zoë €'), 'utf8')])],
    ['UTF-16LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(schema('<?xml version="1.0" encoding="UTF-16"?>', 'Zoë €'), 'utf16le')])],
    ['UTF-16BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(schema('<?xml version="1.0" encoding="UTF-16"?>', 'Zoë €'))])],
    ['UTF-16LE without a byte order mark', Buffer.from(schema('<?xml version="1.0" encoding="UTF-16"?>', 'Zoë €'), 'utf16le')],

    ['UTF-8 whose declaration still says UTF-16', Buffer.from(schema('<?xml version="1.0" encoding="utf-16"?>', 'Zoë €'), 'utf8')],
  ])('reads %s', async (_what, bytes) => {
    expect(documentation(await root(bytes))).toBe('Zoë €');
  });

  it.each(['ISO-8859-1', 'windows-1252'])('reads %s as declared instead of turning its letters into replacement characters', async (encoding) => {
    expect(documentation(await root(Buffer.from(schema(`<?xml version="1.0" encoding='${encoding}'?>`, 'Café'), 'latin1')))).toBe('Café');
  });

  it('reads windows-1252 punctuation, and ISO-8859-1 bytes 0x80-0x9F as the controls they are there', async () => {
    // "€5 ‘quoted’ – Œuvre" and two bytes windows-1252 leaves undefined.
    const bytes = [0x80, 0x35, 0x20, 0x91, 0x71, 0x92, 0x20, 0x96, 0x20, 0x8c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x81, 0x9d];
    const doc = (encoding: string): Buffer => {
      const [head, tail] = schema(`<?xml version="1.0" encoding="${encoding}"?>`, '|').split('|');
      return Buffer.concat([Buffer.from(head ?? ''), Buffer.from(bytes), Buffer.from(tail ?? '')]);
    };
    for (const label of ['windows-1252', 'CP1252']) expect(documentation(await root(doc(label)))).toBe('€5 ‘q’ – Œuvre \u0081\u009d');
    for (const label of ['ISO-8859-1', 'latin1']) expect(documentation(await root(doc(label)))).toBe(String.fromCharCode(...bytes));
  });

  it('reports a byte above 0x7F in a US-ASCII document at its line and column', async () => {
    const d = await failure(Buffer.from(`<?xml version="1.0" encoding="US-ASCII"?>\n<xs:schema xmlns:xs="${XS}"><!-- Caf\u00e9 --></xs:schema>`, 'latin1'));
    expect([d.code, d.line, d.col]).toEqual(['XML_ENCODING', 2, 64]);
    expect(d.message).toContain('byte 0xE9 is not ASCII');
  });

  it('reports bytes that are not UTF-8 at their line and column', async () => {
    const bytes = Buffer.concat([Buffer.from(`<xs:schema xmlns:xs="${XS}">\n  <xs:annotation><xs:documentation>Caf`), Buffer.from([0xe9]), Buffer.from('</xs:documentation></xs:annotation></xs:schema>')]);
    const d = await failure(bytes);
    expect([d.code, d.file, d.line, d.col]).toEqual(['XML_ENCODING', 'bad.xsd', 2, 39]);
    expect(d.message).toMatch(/not valid utf-8/);
    // A replacement character written in the document before the bad byte is not the bad byte.
    const earlier = await failure(Buffer.concat([Buffer.from(`<xs:schema xmlns:xs="${XS}"><!-- \uFFFD -->\n  <xs:annotation x="`), Buffer.from([0xff]), Buffer.from('"/></xs:schema>')]));
    expect([earlier.line, earlier.col]).toEqual([2, 21]);
  });

  it('takes the charset a server names over the document\'s own declaration', async () => {
    const body = Buffer.from(schema('<?xml version="1.0" encoding="UTF-8"?>', 'Café'), 'latin1');
    const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml; charset="ISO-8859-1"' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/doc.xsd`;
      const set = await load({ entry: url, schemaPath: [], cwd: dir }, new Diagnostics());
      const doc = set.documents[0];
      if (doc === undefined) throw new Error('no document');
      expect(documentation(doc.root)).toBe('Café');
    } finally {
      server.close();
    }
  });

  it('reports an encoding it cannot read', async () => {
    const d = await failure(schema('<?xml version="1.0" encoding="x-klingon"?>', 'x'));
    expect([d.code, d.line, d.col]).toEqual(['XML_ENCODING', 1, 1]);
    expect(d.message).toContain('"x-klingon"');
    expect(d.hint).toMatch(/UTF-8/);
  });
});

describe('load: an entry that is not there', () => {
  const entryFailure = async (entry: string): Promise<Diagnostic> => {
    const diagnostics = new Diagnostics();
    await expect(load({ entry, schemaPath: [], cwd: dir }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
    const [d] = diagnostics.items;
    if (d === undefined) throw new Error('no diagnostic');
    return d;
  };

  it('says whether the path is missing or a folder, and points at --wsdl rather than --schema-path', async () => {
    const missing = await entryFailure('nope.wsdl');
    expect([missing.code, missing.message]).toEqual(['SCHEMA_NOT_FOUND', 'File not found: nope.wsdl']);
    expect(missing.hint).toMatch(/--wsdl path/);
    fs.mkdirSync(path.join(dir, 'folder.wsdl'), { recursive: true });
    const folder = await entryFailure('folder.wsdl');
    expect(folder.message).toBe('folder.wsdl is a folder, not a file');
    // Before, a path through a file (or a link loop, or a file this user may not read) threw the
    // system's error out of load: the CLI called it an internal error.
    fs.writeFileSync(path.join(dir, 'plain.wsdl'), '<x/>');
    const through = await entryFailure('plain.wsdl/inner.wsdl');
    expect([through.code, through.message]).toEqual(['SCHEMA_NOT_FOUND', expect.stringMatching(/^plain\.wsdl\/inner\.wsdl cannot be read: ENOTDIR: not a directory/)]);
    fs.symlinkSync('loop-b.wsdl', path.join(dir, 'loop-a.wsdl'));
    fs.symlinkSync('loop-a.wsdl', path.join(dir, 'loop-b.wsdl'));
    expect((await entryFailure('loop-a.wsdl')).message).toMatch(/^loop-a\.wsdl cannot be read: ELOOP/);
  });

  it('passes over a dangling link or an unlistable folder of the search path when it looks for a namespace', async () => {
    const root = path.join(dir, 'dangling');
    fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
    fs.symlinkSync('nowhere.xsd', path.join(root, 'schemas', 'aaa.xsd'));
    fs.writeFileSync(path.join(root, 'schemas', 'o.xsd'), `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:o"/>`);
    fs.writeFileSync(path.join(root, 'main.xsd'), `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t"><xs:import namespace="urn:o"/></xs:schema>`);
    const set = await load({ entry: 'main.xsd', schemaPath: ['schemas'], cwd: root }, new Diagnostics());
    expect(set.documents.map((d) => d.display)).toEqual(['main.xsd', 'schemas/o.xsd']);
  });

  it('reports malformed XML after much white space or many comments at once, and an HTML page after them as a page', async () => {
    // The test for an HTML page split runs of white space every way it could, twice as long for
    // each space more (26 spaces: 25 s; 40: hours) before saying the XML is malformed.
    const started = Date.now();
    const d = await failure(`${'<!-- a -->'.repeat(3)}${' '.repeat(40)}<xs:schema xmlns:xs="${XS}"><oops></xs:schema>`);
    expect(d.code).toBe('XML_MALFORMED');
    const page = await failure(`${'\n'.repeat(60)}<!-- a -->\n<!-- b -->\n<!DOCTYPE html>\n<html><body><p>Sign in</html>`);
    expect([page.code, page.line, page.col]).toEqual(['NOT_WSDL_OR_XSD', 63, 1]);
    // Not a measure of speed: linear, these take milliseconds; the old pattern took hours on them.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('says an HTML page that is well-formed XML is an HTML page too, as XHTML or not', async () => {
    // Before: "neither a WSDL 1.1 document ... its root is {}html", with "Point --wsdl at a WSDL 1.1 or
    // XSD file", where a malformed page got the page's message and hint.
    for (const text of ['<?xml version="1.0"?>\n<html><body><p>Sign in</p></body></html>', '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>']) {
      const d = await failure(text);
      expect([d.code, d.message]).toEqual(['NOT_WSDL_OR_XSD', 'bad.xsd is an HTML page, not a WSDL 1.1 document or an XML Schema.']);
      expect(d.hint).toMatch(/^Point --wsdl at the WSDL itself: .*\?wsdl/);
    }
  });

  it('says no word of the DOCTYPE of a well-formed page it refuses', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.xsd'),
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    );
    const diagnostics = new Diagnostics();
    await expect(load({ entry: 'bad.xsd', schemaPath: [], cwd: dir }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
    // Before, DOCTYPE_IGNORED came first: "Nothing to do when the document reads the same without it".
    expect(diagnostics.items.map((d) => [d.code, d.line])).toEqual([['NOT_WSDL_OR_XSD', 2]]);
  });

  it('keeps --schema-path as the hint for a document that another includes', async () => {
    const d = await failure(`<xs:schema xmlns:xs="${XS}"><xs:include schemaLocation="gone.xsd"/></xs:schema>`);
    expect([d.code, d.message]).toEqual(['SCHEMA_NOT_FOUND', 'Cannot find "gone.xsd" (looked next to bad.xsd).']);
    expect(d.hint).toMatch(/--schema-path/);
  });
});

describe('load: an entry that is no WSDL 1.1 or XSD', () => {
  it('names WSDL 2.0 for a wsdl:description, and says where a WSDL 1.1 of the service is found', async () => {
    // Axis2 serves both: ?wsdl2 answers with WSDL 2.0, ?wsdl with WSDL 1.1. Before, the message
    // only gave the root's namespace, which a user had to recognise as WSDL 2.0's.
    const d = await failure('<?xml version="1.0"?>\n<description xmlns="http://www.w3.org/ns/wsdl" targetNamespace="urn:t"/>');
    expect([d.code, d.line, d.col]).toEqual(['NOT_WSDL_OR_XSD', 2, 1]);
    expect(d.message).toBe('bad.xsd is a WSDL 2.0 document (its root is {http://www.w3.org/ns/wsdl}description), which is not read: only WSDL 1.1 and XML Schema are.');
    expect(d.hint).toMatch(/WSDL 1\.1 .*\?wsdl\b.*\?wsdl2/);
  });
});

describe('load: locations given as file: URLs', () => {
  it('reads an include by file: URL as the path it names, and refuses one of another host at the include', async () => {
    const root = path.join(dir, 'file-urls');
    fs.mkdirSync(path.join(root, 'types'), { recursive: true });
    const types = path.join(root, 'types', 'a b.xsd');
    fs.writeFileSync(types, `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t"/>`);
    fs.writeFileSync(path.join(root, 'main.xsd'), `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t">\n  <xs:include schemaLocation="${pathToFileURL(types).href}"/>\n</xs:schema>`);
    // Before, "file:///…/a%20b.xsd" was looked for as a relative path, and not found.
    const set = await load({ entry: 'main.xsd', schemaPath: [], cwd: root }, new Diagnostics());
    expect(set.documents.map((d) => d.display)).toEqual(['main.xsd', 'types/a b.xsd']);

    fs.writeFileSync(path.join(root, 'remote.xsd'), `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t">\n  <xs:include schemaLocation="file://fileserver/share/a.xsd"/>\n</xs:schema>`);
    const diagnostics = new Diagnostics();
    await expect(load({ entry: 'remote.xsd', schemaPath: [], cwd: root }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
    expect(diagnostics.items.map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['SCHEMA_NOT_FOUND', 'remote.xsd', 2, '"file://fileserver/share/a.xsd" is a file URL that names no file of this machine.'],
    ]);
  });
});

describe('load: locations written as URI references', () => {
  it('reads a relative location with percent-escapes as the file it names, next to the document or in the search path', async () => {
    // Before: Cannot find "My%20Types.xsd" (looked next to main.xsd), for a file "My Types.xsd" beside it.
    const root = path.join(dir, 'escaped');
    fs.mkdirSync(path.join(root, 'lib'), { recursive: true });
    const schema = (tns: string, body = ''): string => `<xs:schema xmlns:xs="${XS}" targetNamespace="${tns}">${body}</xs:schema>`;
    fs.writeFileSync(
      path.join(root, 'main.xsd'),
      schema('urn:m', '<xs:import namespace="urn:t" schemaLocation="My%20Types.xsd"/><xs:import namespace="urn:l" schemaLocation="Caf%C3%A9.xsd"/><xs:import namespace="urn:p" schemaLocation="50%off.xsd"/><xs:import namespace="urn:q" schemaLocation="100%25.xsd"/>'),
    );
    fs.writeFileSync(path.join(root, 'My Types.xsd'), schema('urn:t'));
    fs.writeFileSync(path.join(root, 'lib', 'Café.xsd'), schema('urn:l'));
    // A name holding a % that is no escape is read as written; so is one whose file has the name as written.
    fs.writeFileSync(path.join(root, '50%off.xsd'), schema('urn:p'));
    fs.writeFileSync(path.join(root, '100%25.xsd'), schema('urn:q'));
    fs.writeFileSync(path.join(root, '100%.xsd'), schema('urn:wrong'));
    const diagnostics = new Diagnostics();
    const set = await load({ entry: 'main.xsd', schemaPath: ['lib'], cwd: root }, diagnostics);
    expect(set.documents.map((d) => d.display)).toEqual(['main.xsd', 'My Types.xsd', 'lib/Café.xsd', '50%off.xsd', '100%25.xsd']);
    expect(diagnostics.items).toEqual([]);
  });
});

describe('load: the schema search path', () => {
  it('warns about a folder of the search path that is not there, and still reads what it can', async () => {
    fs.writeFileSync(path.join(dir, 'alone.xsd'), `<xs:schema xmlns:xs="${XS}"/>`);
    fs.writeFileSync(path.join(dir, 'not-a-folder.txt'), '');
    fs.mkdirSync(path.join(dir, 'schemas'), { recursive: true });
    const diagnostics = new Diagnostics();
    const set = await load({ entry: 'alone.xsd', schemaPath: ['schemas', 'schemsa', 'not-a-folder.txt'], cwd: dir }, diagnostics);
    expect(set.documents).toHaveLength(1);
    expect(diagnostics.items.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['warning', 'SCHEMA_PATH_MISSING', 'The schema search path names schemsa, which is not a folder (from the working directory).'],
      ['warning', 'SCHEMA_PATH_MISSING', 'The schema search path names not-a-folder.txt, which is not a folder (from the working directory).'],
    ]);
    expect(diagnostics.items[0]?.hint).toMatch(/--schema-path/);
  });
});

describe('load: schemas found in the search path instead of the network', () => {
  // A port nothing listens on: a fetch would fail the load, so passing proves none was made.
  const NOWHERE = 'http://127.0.0.1:9/schemas';
  const schema = (tns: string, body = ''): string => `<xs:schema xmlns:xs="${XS}" targetNamespace="${tns}">${body}</xs:schema>`;
  const setup = (name: string, files: Record<string, string | Buffer>): string => {
    const root = path.join(dir, name);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    return root;
  };
  const loaded = async (cwd: string, schemaPath: string[]): Promise<{ documents: string[]; unloaded: string[]; diagnostics: Diagnostic[] }> => {
    const diagnostics = new Diagnostics();
    const set = await load({ entry: 'main.xsd', schemaPath, cwd }, diagnostics);
    return { documents: set.documents.map((d) => d.display), unloaded: Object.keys(set.unloadedNamespaces), diagnostics: diagnostics.items };
  };

  it('says, when an import by URL cannot be fetched, that a search path folder would answer it', async () => {
    const cwd = setup('unreachable', { 'main.xsd': schema('urn:main', `<xs:import namespace="urn:dsig" schemaLocation="${NOWHERE}/xmldsig-core.xsd"/>`) });
    const diagnostics = new Diagnostics();
    await expect(load({ entry: 'main.xsd', schemaPath: [], cwd }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
    expect(diagnostics.items.map((d) => [d.code, d.file, d.line])).toEqual([['SCHEMA_NOT_FOUND', 'main.xsd', 1]]);
    expect(diagnostics.items[0]?.message).toBe('Fetching http://127.0.0.1:9/schemas/xmldsig-core.xsd failed: fetch failed (bad port)');
    expect(diagnostics.items[0]?.hint).toBe(
      'Check the URL and that the server is reachable. Or build offline: put a copy of the schema in a folder given with --schema-path, where an xs:import finds it by its targetNamespace.',
    );
  });

  it('reads an import by absolute URL from the search path\'s schema of that name and namespace', async () => {
    const cwd = setup('by-name', {
      'main.xsd': schema('urn:main', `<xs:import namespace="urn:dsig" schemaLocation="${NOWHERE}/xmldsig%2Dcore.xsd"/>`),
      // The same name in another namespace is not it; another schema of the namespace yields to the named one.
      'first/xmldsig-core.xsd': schema('urn:other'),
      'second/a-dsig.xsd': schema('urn:dsig'),
      'second/xmldsig-core.xsd': schema('urn:dsig'),
    });
    expect(await loaded(cwd, ['first', 'second'])).toEqual({ documents: ['main.xsd', 'second/xmldsig-core.xsd'], unloaded: [], diagnostics: [] });
  });

  it('finds an import without a location, or by a URL no file is named after, by the targetNamespace of the search path\'s schemas', async () => {
    const cwd = setup('by-namespace', {
      'main.xsd': schema('urn:main', `<xs:import namespace="urn:dsig"/><xs:import namespace="urn:env" schemaLocation="${NOWHERE}/envelope/"/>`),
      // Every schema of the namespace, in name order; a file that is no schema, or not text, is passed over.
      'lib/b-dsig.xsd': `<?xml version="1.0"?>\n<!-- a licence, <schema> in prose -->\n<s:schema xmlns:s="${XS}" targetNamespace='urn:dsig'/>`,
      'lib/a-dsig.xsd': schema('urn:dsig'),
      'lib/broken.xsd': Buffer.from([0x3c, 0xff, 0xfe, 0x00]),
      'lib/notes.xsd': 'not XML',
      // Many comments before a root that is no schema: before, the peek at its root tried every way
      // of running one comment into the next (twice as long per comment; 40 took hours).
      'lib/page.xsd': `${'<!-- note -->\n'.repeat(40)}<html/>`,
      'lib/env.xsd': schema('urn:env'),
    });
    expect(await loaded(cwd, ['lib'])).toEqual({ documents: ['main.xsd', 'lib/env.xsd', 'lib/a-dsig.xsd', 'lib/b-dsig.xsd'], unloaded: [], diagnostics: [] });
  });

  it('reads a schema found by namespace that declares a DOCTYPE, with a warning, rather than fetch another', async () => {
    const cwd = setup('doctype', {
      'main.xsd': schema('urn:main', `<xs:import namespace="urn:dsig" schemaLocation="${NOWHERE}/xmldsig-core-schema.xsd"/>`),
      // As W3C publishes XML Signature's schema: a DOCTYPE with an internal subset before the root.
      'lib/xmldsig-core-schema.xsd': `<?xml version="1.0"?>\n<!DOCTYPE schema PUBLIC "-//W3C//DTD XMLSchema 200102//EN" "XMLSchema.dtd" [\n  <!ENTITY dsig 'urn:dsig'>\n]>\n${schema('urn:dsig')}`,
    });
    const { documents, diagnostics } = await loaded(cwd, ['lib']);
    expect(documents).toEqual(['main.xsd', 'lib/xmldsig-core-schema.xsd']);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['DOCTYPE_IGNORED', 'lib/xmldsig-core-schema.xsd', 2]]);
  });

  it.each([
    ['the XML Schema namespace', XS, 'XMLSchema.xsd'],
    ['the XML namespace', XML_NS, 'xml.xsd'],
  ])('reads %s from its bundled schema, wherever an import says it is', async (_what, namespace, file) => {
    const cwd = setup(`bundled-${file}`, {
      'main.xsd': schema('urn:main', `<xs:import namespace="${namespace}"/><xs:import namespace="${namespace}" schemaLocation="${NOWHERE}/${file}"/><xs:import namespace="${namespace}" schemaLocation="${file}"/>`),
      // A local copy, as W3C publishes it (with a DOCTYPE): passed over as well.
      [file]: `<!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSCHEMA 200102//EN" "XMLSchema.dtd">\n${schema(namespace)}`,
    });
    expect(await loaded(cwd, ['.'])).toEqual({ documents: ['main.xsd', `bundled:${namespace}`], unloaded: [], diagnostics: [] });
  });

  it('leaves an import without a location alone when another edge loads its namespace, and records the ones nothing loads', async () => {
    const cwd = setup('unloaded', {
      'main.xsd': schema('urn:main', '<xs:import namespace="urn:known"/><xs:import namespace="urn:missing"/><xs:import namespace="urn:known" schemaLocation="known.xsd"/>'),
      'known.xsd': schema('urn:known'),
      'lib/known-too.xsd': schema('urn:known'),
    });
    expect(await loaded(cwd, ['lib'])).toEqual({ documents: ['main.xsd', 'known.xsd'], unloaded: ['urn:missing'], diagnostics: [] });
  });

  it('takes an empty location as the document itself, loaded already: an import of it is one without a location', async () => {
    // Before, "" resolved to the including document's folder: "… is a folder, not a file".
    const cwd = setup('empty-location', {
      'main.xsd': schema('urn:main', '<xs:import namespace="urn:known" schemaLocation=""/><xs:include schemaLocation=" "/>'),
      'lib/known.xsd': schema('urn:known'),
    });
    expect(await loaded(cwd, ['lib'])).toEqual({ documents: ['main.xsd', 'lib/known.xsd'], unloaded: [], diagnostics: [] });
  });
});

describe('load: a remote document\'s relative locations that its server does not have', () => {
  const schema = (tns: string, body = ''): string => `<xs:schema xmlns:xs="${XS}" targetNamespace="${tns}">${body}</xs:schema>`;
  const seen: string[] = [];
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    // The service publishes its WSDL's schema, which includes one and imports another it does not serve.
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/svc/main.xsd') res.end(schema('urn:main', '<xs:include schemaLocation="common/parts.xsd"/><xs:import namespace="urn:t" schemaLocation="types.xsd"/><xs:include schemaLocation="here.xsd"/>'));
      else if (req.url === '/svc/here.xsd') res.end(schema('urn:main'));
      else if (req.url === '/svc/rooted.xsd') res.end(schema('urn:main', '<xs:include schemaLocation="/svc/missing.xsd"/>'));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/svc`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads them from the search path at the same relative path, as for a local document (the server\'s copy first)', async () => {
    // Before: "answered HTTP 404", with a hint to put a copy in a --schema-path folder, which was never looked in.
    const cwd = path.join(dir, 'remote-copies');
    fs.mkdirSync(path.join(cwd, 'lib', 'common'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'lib', 'common', 'parts.xsd'), schema('urn:main', '<xs:include schemaLocation="more.xsd"/>'));
    fs.writeFileSync(path.join(cwd, 'lib', 'common', 'more.xsd'), schema('urn:main'));
    fs.writeFileSync(path.join(cwd, 'lib', 'types.xsd'), schema('urn:t'));
    fs.writeFileSync(path.join(cwd, 'lib', 'here.xsd'), schema('urn:other'));
    const diagnostics = new Diagnostics();
    const set = await load({ entry: `${base}/main.xsd`, schemaPath: ['lib'], cwd }, diagnostics);
    // A copy's own relative locations are its folder's; what the server has is read from it.
    expect(set.documents.map((d) => d.display)).toEqual([`${base}/main.xsd`, 'lib/common/parts.xsd', 'lib/common/more.xsd', 'lib/types.xsd', `${base}/here.xsd`]);
    expect(set.edges.map((e) => e.to)).toEqual(set.documents.slice(1).map((d) => d.location));
    expect(diagnostics.items).toEqual([]);
  });

  it('says where a copy would be found when the search path has none', async () => {
    const cwd = path.join(dir, 'remote-no-copies');
    fs.mkdirSync(path.join(cwd, 'lib'), { recursive: true });
    const diagnostics = new Diagnostics();
    await expect(load({ entry: `${base}/main.xsd`, schemaPath: ['lib'], cwd }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
    expect(diagnostics.items.map((d) => [d.code, d.file, d.message])).toEqual([['SCHEMA_NOT_FOUND', `${base}/main.xsd`, `Fetching ${base}/common/parts.xsd answered HTTP 404.`]]);
    expect(diagnostics.items[0]?.hint).toBe('Check the URL. Or build offline: put a copy of the schema at common/parts.xsd in a folder given with --schema-path.');
    // A location from the server's root has no place in the search path, nor a namespace to be found by.
    const rooted = new Diagnostics();
    await expect(load({ entry: `${base}/rooted.xsd`, schemaPath: ['lib'], cwd }, rooted)).rejects.toBeInstanceOf(GenerationError);
    expect(rooted.items.map((d) => [d.message, d.hint])).toEqual([[`Fetching ${base}/missing.xsd answered HTTP 404.`, 'Check the URL.']]);
  });
});

describe('load: over HTTP, what a server may do', () => {
  const XSD = (body = ''): string => `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t">${body}</xs:schema>`;
  const seen: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let entryPort = 0;
  let otherPort = 0;
  /** How many more requests for /reset-once.xsd lose their connection. */
  let resetsLeft = 0;
  let entryServer: http.Server;
  let otherServer: http.Server;
  const handler = (origin: string) => (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(`${origin} ${req.url} auth=${req.headers.authorization ?? '-'}`);
    const url = req.url ?? '';
    if (url === '/entry.xsd') res.end(XSD(`<xs:import namespace="urn:o" schemaLocation="http://127.0.0.1:${otherPort}/other.xsd"/><xs:include schemaLocation="/moved.xsd"/>`));
    else if (url === '/moved.xsd') res.writeHead(302, { Location: '/types.xsd' }).end();
    else if (url === '/types.xsd' || url === '/other.xsd') res.end(url === '/other.xsd' ? `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:o"/>` : XSD());
    else if (url === '/endless.xsd') {
      res.writeHead(200);
      const more = (): void => void (res.write(`<!--${'x'.repeat(65536)}-->`) ? setImmediate(more) : res.once('drain', more));
      res.write(`<xs:schema xmlns:xs="${XS}">`);
      more();
    } else if (url === '/cut.xsd') {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('<xs:schema');
      setTimeout(() => res.socket?.destroy(), 20);
    } else if (url === '/silent.xsd') {
      /* never answers */
    } else if (url === '/loop.xsd') res.writeHead(302, { Location: '/loop.xsd' }).end();
    else if (url === '/broken.xsd') res.writeHead(500).end();
    else if (url === '/reset.xsd' || (url === '/reset-once.xsd' && resetsLeft-- > 0)) {
      // The connection drops before an answer, as a kept-alive one the server has just closed.
      req.socket.destroy();
    } else if (url === '/reset-once.xsd') res.end(XSD());
    else res.writeHead(404).end();
  };
  beforeAll(async () => {
    entryServer = http.createServer(handler('entry'));
    otherServer = http.createServer(handler('other'));
    for (const s of [entryServer, otherServer]) s.on('connection', (c) => (sockets.add(c), c.on('close', () => sockets.delete(c))));
    await new Promise<void>((resolve) => entryServer.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve));
    entryPort = (entryServer.address() as AddressInfo).port;
    otherPort = (otherServer.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const c of sockets) c.destroy();
    await Promise.all([entryServer, otherServer].map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const fails = async (file: string, options: { maxDocumentBytes?: number; fetchTimeoutMs?: number } = {}): Promise<Diagnostic> => {
    const diagnostics = new Diagnostics();
    await expect(load({ entry: `http://127.0.0.1:${entryPort}/${file}`, schemaPath: [], cwd: dir, ...options }, diagnostics)).rejects.toBeInstanceOf(GenerationError);
    const [d] = diagnostics.items;
    if (d === undefined) throw new Error('no diagnostic');
    return d;
  };

  it('sends --header credentials to the entry\'s server only, through its redirects too', async () => {
    seen.length = 0;
    const set = await load({ entry: `http://127.0.0.1:${entryPort}/entry.xsd`, schemaPath: [], cwd: dir, headers: { Authorization: 'Bearer s3cret' } }, new Diagnostics());
    expect(set.documents.map((d) => d.location)).toEqual([`http://127.0.0.1:${entryPort}/entry.xsd`, `http://127.0.0.1:${otherPort}/other.xsd`, `http://127.0.0.1:${entryPort}/moved.xsd`]);
    // Before, other.xsd's server got the token too.
    expect(seen.sort()).toEqual(['entry /entry.xsd auth=Bearer s3cret', 'entry /moved.xsd auth=Bearer s3cret', 'entry /types.xsd auth=Bearer s3cret', 'other /other.xsd auth=-']);
  });

  it('sends a GET again once on a new connection when the connection drops before an answer', async () => {
    // Before, the first dropped connection failed the run (ECONNRESET on a kept-alive one).
    seen.length = 0;
    resetsLeft = 1;
    const set = await load({ entry: `http://127.0.0.1:${entryPort}/reset-once.xsd`, schemaPath: [], cwd: dir }, new Diagnostics());
    expect(set.documents.map((d) => d.location)).toEqual([`http://127.0.0.1:${entryPort}/reset-once.xsd`]);
    expect(seen).toEqual(['entry /reset-once.xsd auth=-', 'entry /reset-once.xsd auth=-']);
    seen.length = 0;
    const reset = await fails('reset.xsd');
    expect([reset.code, reset.message]).toEqual(['SCHEMA_NOT_FOUND', expect.stringMatching(new RegExp(`^Fetching http://127\\.0\\.0\\.1:${entryPort}/reset\\.xsd failed: `))]);
    expect(seen).toEqual(['entry /reset.xsd auth=-', 'entry /reset.xsd auth=-']);
  });

  it('stops reading at the size limit, and reports a cut connection, a silent server and a redirect loop by URL, not as a crash', async () => {
    // Before, an endless body was buffered until memory ran out, and a cut one was an internal error.
    const big = await fails('endless.xsd', { maxDocumentBytes: 1 << 20 });
    expect([big.code, big.message]).toEqual(['DOCUMENT_TOO_LARGE', `http://127.0.0.1:${entryPort}/endless.xsd is larger than 1048576 bytes; reading stopped there.`]);
    const cut = await fails('cut.xsd');
    expect([cut.code, cut.message]).toEqual(['SCHEMA_NOT_FOUND', expect.stringMatching(new RegExp(`^Reading http://127\\.0\\.0\\.1:${entryPort}/cut\\.xsd failed: `))]);
    const silent = await fails('silent.xsd', { fetchTimeoutMs: 300 });
    expect([silent.code, silent.message]).toEqual(['SCHEMA_NOT_FOUND', `Fetching http://127.0.0.1:${entryPort}/silent.xsd took longer than 0.3 s.`]);
    const loop = await fails('loop.xsd');
    expect([loop.code, loop.message]).toEqual(['SCHEMA_NOT_FOUND', `Fetching http://127.0.0.1:${entryPort}/loop.xsd was redirected more than 10 times.`]);
    // Before, a server error sent the user to check a URL that was right.
    const broken = await fails('broken.xsd');
    expect([broken.message, broken.hint]).toEqual([`Fetching http://127.0.0.1:${entryPort}/broken.xsd answered HTTP 500.`, 'The server failed, not the URL: try again later, or ask its administrator.']);
  });
});
