/**
 * libxml2 (xmllint-wasm) as an independent judge of the printed envelopes, over the MS-OXWSCOS
 * schema closure rewritten into a bundle it can compile (see test/support/xsd-bundle.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateXML } from 'xmllint-wasm';
import { XSD_NS, childElements, parseXmlStrict, rootElement } from '../support/dom';
import { EWS_SCHEMA_DIR, REPO_ROOT, SHARED_DIR, WSDL_DIR } from '../support/seeds';
import {
  buildSchemaBundle,
  defaultSchemaBundle,
  envelopePartDocuments,
  validateDocuments,
  validateEnvelopeParts,
  validateEnvelopes,
  validateXml,
} from '../support/xsd-bundle';
import type { SchemaBundle } from '../support/xsd-bundle';
import { ENVELOPES_DIR, readManifest } from './manifest';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const NO_DECLARATION = 'No matching global declaration available for the validation root';

/** Top-level named components of a generated or published schema document, as `kind name`. */
function componentKeys(schemaText: string, fileName: string): string[] {
  const schema = rootElement(parseXmlStrict(schemaText, fileName));
  const namespace = schema.getAttribute('targetNamespace') ?? '';
  return childElements(schema)
    .filter((child) => child.namespaceURI === XSD_NS && child.getAttribute('name'))
    .map((child) => `{${namespace}} ${child.localName ?? ''} ${child.getAttribute('name') ?? ''}`);
}

describe('buildSchemaBundle on a small closure with every quirk', () => {
  let folder = '';
  let bundle: SchemaBundle;
  const schema = (attributes: string, body: string): string =>
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xs:schema xmlns:xs="${XSD_NS}" elementFormDefault="qualified" ${attributes}>\n${body}\n</xs:schema>\n`;

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsd-bundle-'));
    fs.mkdirSync(path.join(folder, 'main'));
    fs.mkdirSync(path.join(folder, 'lib'));
    const write = (name: string, text: string): void => fs.writeFileSync(path.join(folder, name), text);
    // The entry includes itself, a file found only on the search path, and a missing file; imports
    // one namespace from two files (libxml2 alone would keep only the first) and the XML namespace
    // without a location.
    write(
      'main/entry.xsd',
      schema(
        'targetNamespace="urn:a" xmlns:p="urn:a" xmlns:q="urn:b"',
        `  <xs:include schemaLocation="entry.xsd"/>
  <xs:include schemaLocation="more.xsd"/>
  <xs:include schemaLocation="missing.xsd"/>
  <xs:import namespace="urn:b" schemaLocation="b1.xsd"/>
  <xs:import namespace="urn:b" schemaLocation="b2.xsd"/>
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
  <xs:element name="Root" type="p:RootType"/>
  <xs:complexType name="RootType">
    <xs:sequence>
      <xs:element ref="q:B1"/>
      <xs:element ref="q:B2"/>
      <xs:element name="Extra" type="p:ExtraType"/>
    </xs:sequence>
    <xs:attribute ref="xml:lang"/>
  </xs:complexType>`,
      ),
    );
    // Same namespace, prefixes swapped: q is urn:a here, p is urn:b. Includes the entry back (a
    // cycle), found through the search path.
    write(
      'lib/more.xsd',
      schema(
        'targetNamespace="urn:a" xmlns:q="urn:a" xmlns:p="urn:b"',
        `  <xs:include schemaLocation="entry.xsd"/>
  <xs:complexType name="ExtraType">
    <xs:sequence>
      <xs:element name="Code" type="q:Code"/>
      <xs:element name="Shared" type="p:Shared"/>
    </xs:sequence>
  </xs:complexType>
  <xs:simpleType name="Code">
    <xs:restriction base="xs:string"><xs:pattern value="[A-Z]+"/></xs:restriction>
  </xs:simpleType>`,
      ),
    );
    const simpleType = (name: string, restriction: string): string =>
      `  <xs:simpleType name="${name}"><xs:restriction ${restriction}</xs:restriction></xs:simpleType>`;
    // Shared restricts Base through the file's own prefix for urn:b: b: in b1.xsd, x: in b2.xsd.
    const shared = (prefix: string): string => simpleType('Shared', `base="${prefix}:Base"><xs:maxLength value="3"/>`);
    write(
      'main/b1.xsd',
      schema(
        'targetNamespace="urn:b" xmlns:b="urn:b"',
        `  <xs:element name="B1" type="xs:string"/>\n${simpleType('Base', 'base="xs:string">')}\n${shared('b')}\n` +
          simpleType('Clash', 'base="xs:int">'),
      ),
    );
    // Defines Shared again with another prefix (identical meaning) and Clash differently.
    write(
      'main/b2.xsd',
      schema(
        'targetNamespace="urn:b" xmlns:x="urn:b"',
        `  <xs:element name="B2" type="xs:int"/>\n${shared('x')}\n${simpleType('Clash', 'base="xs:string">')}`,
      ),
    );
    // A decoy early on the search path: the including file's own folder must win.
    write('lib/b1.xsd', schema('targetNamespace="urn:b"', '  <xs:element name="B1" type="xs:int"/>'));
    bundle = buildSchemaBundle([path.join(folder, 'main', 'entry.xsd')], [path.join(folder, 'lib'), path.join(folder, 'main')]);
  });

  afterAll(() => {
    if (folder !== '') fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reads every document once, in document order, through cycles and self-includes', () => {
    expect(bundle.sources.map((source) => (source.startsWith('(') ? source : path.relative(folder, source)))).toEqual([
      path.join('main', 'entry.xsd'),
      path.join('lib', 'more.xsd'),
      path.join('main', 'b1.xsd'),
      path.join('main', 'b2.xsd'),
      '(built-in)/xml.xsd',
    ]);
  });

  it('writes one schema per namespace and a main schema importing them all', () => {
    expect(bundle.mainFileName).toBe('bundle-main.xsd');
    expect(bundle.files.map((file) => file.fileName)).toEqual([
      'bundle-main.xsd',
      'ns01-a.xsd',
      'ns02-b.xsd',
      'ns03-namespace.xsd',
    ]);
    const main = rootElement(parseXmlStrict(bundle.files[0]?.contents ?? ''));
    const imports = childElements(main).map((child) => [
      child.localName,
      child.getAttribute('namespace'),
      child.getAttribute('schemaLocation'),
    ]);
    expect(imports).toEqual([
      ['import', 'urn:a', 'ns01-a.xsd'],
      ['import', 'urn:b', 'ns02-b.xsd'],
      ['import', 'http://www.w3.org/XML/1998/namespace', 'ns03-namespace.xsd'],
    ]);
    const a = bundle.files[1]?.contents ?? '';
    expect(a).not.toContain('xs:include');
    // An included document's components come where the include stands.
    expect(componentKeys(a, 'ns01-a.xsd')).toEqual([
      '{urn:a} complexType ExtraType',
      '{urn:a} simpleType Code',
      '{urn:a} element Root',
      '{urn:a} complexType RootType',
    ]);
    // b2.xsd's Shared is b1.xsd's written with another prefix: dropped; its Clash differs: dropped, reported.
    expect(componentKeys(bundle.files[2]?.contents ?? '', 'ns02-b.xsd')).toEqual([
      '{urn:b} element B1',
      '{urn:b} simpleType Base',
      '{urn:b} simpleType Shared',
      '{urn:b} simpleType Clash',
      '{urn:b} element B2',
    ]);
    expect(componentKeys(bundle.files[3]?.contents ?? '', 'ns03-namespace.xsd')).toEqual([
      '{http://www.w3.org/XML/1998/namespace} attribute lang',
      '{http://www.w3.org/XML/1998/namespace} attribute space',
      '{http://www.w3.org/XML/1998/namespace} attribute base',
      '{http://www.w3.org/XML/1998/namespace} attribute id',
    ]);
  });

  it('drops an identical second definition silently and reports a differing one and a missing file', () => {
    const label = (name: string): string => path.relative(process.cwd(), path.join(folder, 'main', name));
    expect(bundle.warnings).toEqual([
      `${label('entry.xsd')}: included "missing.xsd" was not found; ignored`,
      `{urn:b} type Clash is defined differently in ${label('b1.xsd')} and ${label('b2.xsd')}; the first definition was kept`,
    ]);
  });

  it('compiles in libxml2, keeps each file’s prefixes meaningful and validates xml:lang', async () => {
    const document = (lang: string, b2: string, code: string, shared: string): string =>
      `<Root xmlns="urn:a" xmlns:b="urn:b" xml:lang="${lang}"><b:B1>text</b:B1><b:B2>${b2}</b:B2>` +
      `<Extra><Code>${code}</Code><Shared>${shared}</Shared></Extra></Root>`;
    const [good, badInt, badCode, badShared, badLang] = await validateDocuments(
      [
        document('en-GB', '5', 'ABC', 'abc'),
        document('en-GB', 'five', 'ABC', 'abc'),
        document('en-GB', '5', 'abc', 'abc'),
        document('en-GB', '5', 'ABC', 'abcd'),
        document('not a language', '5', 'ABC', 'abc'),
      ],
      bundle,
    );
    expect(good).toEqual({ valid: true, errors: [] });
    expect(badInt?.errors.join('\n')).toContain("Element '{urn:b}B2': 'five' is not a valid value of the atomic type 'xs:int'");
    expect(badCode?.errors.join('\n')).toContain("Element '{urn:a}Code': [facet 'pattern'] The value 'abc' is not accepted");
    expect(badShared?.errors.join('\n')).toContain("Element '{urn:a}Shared': [facet 'maxLength']");
    expect(badLang?.errors.join('\n')).toContain("attribute '{http://www.w3.org/XML/1998/namespace}lang'");
    expect([badInt, badCode, badShared, badLang].map((result) => result?.valid)).toEqual([false, false, false, false]);
  });
});

describe('the MS-OXWSCOS schema bundle', () => {
  const bundle = defaultSchemaBundle();
  const published = fs.readdirSync(EWS_SCHEMA_DIR).filter((name) => name.endsWith('.xsd')).sort();

  it('reads both MS-OXWSCOS schemas and the 52 EWS schemas they reach, and nothing else', () => {
    const read = bundle.sources.map((source) => path.basename(source));
    expect(read).toHaveLength(2 + 52 + 1);
    expect(read[0]).toBe('MS-OXWSCOS-messages.xsd');
    expect(read).toContain('MS-OXWSCOS-types.xsd');
    expect(read).toContain('xml.xsd');
    // Of the 55 published EWS schemas, these three are included by no file of the closure.
    expect(published.filter((name) => !read.includes(name))).toEqual([
      'MS-OXWSDLGM-message.xsd',
      'MS-OXWSDLGM-types.xsd',
      'MS-OXWSMTGS-messages.xsd',
    ]);
    expect(bundle.warnings).toEqual([]);
  });

  it('holds every top-level component of the closure exactly once', () => {
    const generated = bundle.files.slice(1).flatMap((file) => componentKeys(file.contents, file.fileName));
    const sourceKeys = bundle.sources
      .filter((source) => !source.startsWith('('))
      .flatMap((source) => componentKeys(fs.readFileSync(source, 'utf8'), source));
    expect(new Set(generated).size).toBe(generated.length);
    const fromClosure = generated.filter((key) => !key.startsWith('{http://www.w3.org/XML/1998/namespace}'));
    expect(fromClosure.sort()).toEqual([...new Set(sourceKeys)].sort());
    expect(bundle.files.map((file) => file.fileName)).toEqual([
      'bundle-main.xsd',
      'ns01-messages.xsd',
      'ns02-types.xsd',
      'ns03-namespace.xsd',
    ]);
  });

  it('is deterministic and names no absolute path of this machine', () => {
    const again = buildSchemaBundle(
      [path.join(WSDL_DIR, 'MS-OXWSCOS-messages.xsd'), path.join(WSDL_DIR, 'MS-OXWSCOS-types.xsd')],
      [EWS_SCHEMA_DIR],
    );
    expect(again.files).toEqual(bundle.files);
    for (const file of bundle.files) {
      expect(file.contents).not.toContain(REPO_ROOT);
      expect(file.contents).not.toContain(SHARED_DIR);
    }
  });

  it('is needed: libxml2 does not compile the closure as published (self-include, skipped imports)', async () => {
    const files = [
      ...published.map((name) => ({ fileName: name, contents: fs.readFileSync(path.join(EWS_SCHEMA_DIR, name), 'utf8') })),
      ...['MS-OXWSCOS-messages.xsd', 'MS-OXWSCOS-types.xsd'].map((name) => ({
        fileName: name,
        contents: fs.readFileSync(path.join(WSDL_DIR, name), 'utf8'),
      })),
    ];
    const main = files.find((file) => file.fileName === 'MS-OXWSCOS-messages.xsd');
    if (main === undefined) throw new Error('MS-OXWSCOS-messages.xsd is missing');
    const failure: unknown = await validateXML({
      xml: [{ fileName: 'document.xml', contents: `<AddImGroup xmlns="${M}"><DisplayName>G</DisplayName></AddImGroup>` }],
      schema: [main],
      preload: files.filter((file) => file !== main),
      maxMemoryPages: 1024 * 16,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const message = failure instanceof Error ? failure.message : String(failure);
    expect(message).toContain("The schema document 'MS-OXWSCEXT-messages.xsd' cannot include itself");
    expect(message).toMatch(
      /Skipping import of schema located at 'MS-OXWSRSLNM-types\.xsd'.*since this namespace was already imported/,
    );
    expect(message).toContain('WXS schema MS-OXWSCOS-messages.xsd failed to compile');
  });

  it('compiles in libxml2: a known-good request validates', async () => {
    await expect(
      validateXml(`<m:AddImGroup xmlns:m="${M}"><m:DisplayName>MyCustomGroup</m:DisplayName></m:AddImGroup>`),
    ).resolves.toEqual({ valid: true, errors: [] });
    await expect(
      validateXml(`<RequestServerVersion xmlns="${T}" Version="Exchange2016"/>`),
    ).resolves.toEqual({ valid: true, errors: [] });
  });

  it('rejects a wrong document with a message naming the element', async () => {
    const result = await validateXml(`<AddImGroup xmlns="${M}"><Name>G</Name></AddImGroup>`);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      `line 1: Schemas validity error : Element '{${M}}Name': This element is not expected. Expected is ( {${M}}DisplayName ).`,
    ]);
    const unknown = await validateXml(`<Nothing xmlns="${M}"/>`);
    expect(unknown.errors.join('\n')).toContain(`Element '{${M}}Nothing': ${NO_DECLARATION}`);
  });
});

describe('libxml2 on the printed envelopes', () => {
  const manifest = readManifest();
  const read = (file: string): string => fs.readFileSync(path.join(ENVELOPES_DIR, file), 'utf8');
  let verdicts: Awaited<ReturnType<typeof validateEnvelopes>> = [];

  beforeAll(async () => {
    verdicts = await validateEnvelopes(manifest.map((entry) => read(entry.file)));
  });

  it.each(manifest.map((entry, index) => [entry.file, index] as const))(
    '%s: each Header and Body child is judged as manifest.json records',
    (file, index) => {
      const entry = manifest[index];
      const parts = verdicts[index] ?? [];
      expect(parts.map((part) => `${part.section} ${part.element}`)).toEqual(entry?.schemaValidation.map((part) => part.part));
      parts.forEach((part, partIndex) => {
        const expected = entry?.schemaValidation[partIndex];
        const label = `${file} ${part.section} ${part.element}`;
        expect({ label, valid: part.valid }).toEqual({ label, valid: expected?.valid });
        if (expected?.error !== undefined) expect(part.errors.join('\n')).toContain(expected.error);
        else expect({ label, errors: part.errors }).toEqual({ label, errors: [] });
      });
    },
  );

  it('finds the schema-valid prints and the deviating ones where the notes say', () => {
    const invalid = manifest.flatMap((entry) =>
      entry.schemaValidation
        .filter((part) => !part.valid)
        .map((part) => `${entry.file.slice(0, 2)} ${part.part.replace(/\{[^}]*\}/, '')}`),
    );
    expect(invalid).toEqual([
      '01 Header RequestServerVersion',
      '01 Body AddDistributionGroupToImList',
      '04 Header RequestServerVersion',
      '06 Body Fault',
      '07 Header RequestServerVersion',
      '10 Header RequestServerVersion',
      '10 Header MailboxCulture',
      '10 Header TimeZoneContext',
      '10 Body AddNewImContactToGroup',
      '11 Header ServerVersionInfo',
      '11 Body AddNewImContactToGroupResponse',
      '12 Header ServerVersionInfo',
      '12 Body AddNewImContactToGroupResponse',
      '13 Header RequestServerVersion',
      '15 Header RequestServerVersion',
      '17 Header RequestServerVersion',
    ]);
  });

  it('validateEnvelopeParts gives the same verdicts one envelope at a time', async () => {
    const parts = await validateEnvelopeParts(read('01-AddDistributionGroupToImList-request.xml'));
    expect(parts).toEqual(verdicts[0]);
  });

  it('keeps the envelope’s namespace bindings on each part, for QName content', () => {
    const [fault] = envelopePartDocuments(read('06-AddImGroup-fault.xml'));
    expect(fault?.element).toBe('{http://schemas.xmlsoap.org/soap/envelope/}Fault');
    expect(fault?.xml).toContain('xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"');
    const [version] = envelopePartDocuments(read('01-AddDistributionGroupToImList-request.xml'));
    expect(version?.xml).toContain(`xmlns:m="${M}"`);
  });

  it('with the AddNewImContactToGroup namespaces corrected to http://, shows the deviations behind them', async () => {
    const corrected = (file: string): string =>
      read(file)
        .split('https://schemas.microsoft.com/exchange/services/2006/')
        .join('http://schemas.microsoft.com/exchange/services/2006/');
    const [request, response, error] = await validateEnvelopes([
      corrected('10-AddNewImContactToGroup-request.xml'),
      corrected('11-AddNewImContactToGroup-response.xml'),
      corrected('12-AddNewImContactToGroup-error-response.xml'),
    ]);
    const summary = (parts: typeof request) => (parts ?? []).map((part) => [part.element.replace(/\{[^}]*\}/, ''), part.valid]);
    expect(summary(request)).toEqual([
      ['RequestServerVersion', false],
      ['MailboxCulture', true],
      ['TimeZoneContext', true],
      ['AddNewImContactToGroup', true],
    ]);
    expect(summary(response)).toEqual([
      ['ServerVersionInfo', true],
      ['AddNewImContactToGroupResponse', false],
    ]);
    expect(summary(error)).toEqual([
      ['ServerVersionInfo', true],
      ['AddNewImContactToGroupResponse', true],
    ]);
    const anyOfEmailAddressType =
      `Expected is one of ( {${T}}EmailAddress, {${T}}RoutingType, {${T}}MailboxType, ` +
      `{${T}}ItemId, {${T}}OriginalDisplayName ).`;
    expect(response?.[1]?.errors.map((message) => message.replace(/^line \d+: /, ''))).toEqual([
      // Persona/EmailAddress: Name, Address, RoutingType where EmailAddressType has Name, EmailAddress, RoutingType...
      `Schemas validity error : Element '{${T}}Address': This element is not expected. ${anyOfEmailAddressType}`,
      // Persona/EmailAddresses: EmailAddress items where ArrayOfEmailAddressesType has Address items
      `Schemas validity error : Element '{${T}}EmailAddress': This element is not expected. Expected is ( {${T}}Address ).`,
      // Persona/Emails1/EmailAddressAttributedValue/Value: the same shape as Persona/EmailAddress
      `Schemas validity error : Element '{${T}}Address': This element is not expected. ${anyOfEmailAddressType}`,
    ]);
  });
});
