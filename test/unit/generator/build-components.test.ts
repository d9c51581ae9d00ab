import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostics } from '../../../generator/diagnostics';
import type { ComplexTypeDef, Particle } from '../../../generator/ir';
import { load } from '../../../generator/load';
import { parse } from '../../../generator/parse';
import { buildComponents } from '../../../generator/resolve/build-components';
import { MAX_CONTENT_DEPTH } from '../../../generator/resolve/limits';

const XS = 'http://www.w3.org/2001/XMLSchema';

async function components(body: string): Promise<{ types: Record<string, ComplexTypeDef>; diagnostics: Diagnostics }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-components-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.xsd'), `<xs:schema xmlns:xs="${XS}" xmlns:t="urn:t" targetNamespace="urn:t">${body}</xs:schema>`);
    const diagnostics = new Diagnostics();
    const { types } = buildComponents(parse(await load({ entry: 'main.xsd', schemaPath: [], cwd: dir }, diagnostics), diagnostics), diagnostics);
    return { types: types as Record<string, ComplexTypeDef>, diagnostics };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('buildComponents: attribute wildcards', () => {
  it('narrows a type\'s xs:anyAttribute by those of its attribute groups, nested ones included', async () => {
    const { types, diagnostics } = await components(`
      <xs:attributeGroup name="Inner"><xs:anyAttribute namespace="urn:a urn:b ##targetNamespace"/></xs:attributeGroup>
      <xs:attributeGroup name="Outer"><xs:attributeGroup ref="t:Inner"/><xs:anyAttribute namespace="##other"/></xs:attributeGroup>
      <xs:complexType name="Local"><xs:attributeGroup ref="t:Inner"/><xs:anyAttribute namespace="urn:b urn:c"/></xs:complexType>
      <xs:complexType name="GroupsOnly"><xs:attributeGroup ref="t:Outer"/></xs:complexType>
      <xs:complexType name="None"><xs:attribute name="x" type="xs:string"/></xs:complexType>`);
    expect(types['{urn:t}Local']?.anyAttribute).toEqual({ kind: 'only', namespaces: ['urn:b'] });
    expect(types['{urn:t}GroupsOnly']?.anyAttribute).toEqual({ kind: 'only', namespaces: ['urn:a', 'urn:b'] });
    expect(types['{urn:t}None']?.anyAttribute).toBeUndefined();
    expect(diagnostics.items).toEqual([]);
  });
});

describe('buildComponents: content depth', () => {
  // Model group G0 holds G1 ... each in a sequence: two levels per group.
  const groups = (n: number): string =>
    Array.from({ length: n }, (_, i) => `<xs:group name="G${i}"><xs:sequence>${i + 1 < n ? `<xs:group ref="t:G${i + 1}"/>` : ''}<xs:element name="e${i}" type="xs:string"/></xs:sequence></xs:group>`).join('\n') +
    '\n<xs:complexType name="T"><xs:group ref="t:G0"/></xs:complexType>';

  it(`accepts content nested ${MAX_CONTENT_DEPTH} deep through group references and refuses deeper, at the particle`, async () => {
    const fine = await components(groups(MAX_CONTENT_DEPTH / 2));
    expect(fine.diagnostics.items).toEqual([]);
    const deep = await components(groups(MAX_CONTENT_DEPTH / 2 + 1));
    expect(deep.diagnostics.items.map((d) => [d.code, d.file, d.line])).toEqual([['CONTENT_TOO_DEEP', 'main.xsd', MAX_CONTENT_DEPTH / 2]]);
  });
});

/** A named simple type restricting `base` with `facets`, on a line of its own. */
const restriction = (name: string, base: string, facets: string): string =>
  `\n<xs:simpleType name="${name}"><xs:restriction base="${base}">${facets}</xs:restriction></xs:simpleType>`;

/** Line and column in `body` of the facet element that holds `value`. */
function facetAt(body: string, value: string): [number, number] {
  const lines = body.split('\n');
  const line = lines.findIndex((l) => l.includes(`value="${value}"`));
  return [line + 1, (lines[line] ?? '').lastIndexOf('<', (lines[line] ?? '').indexOf(`value="${value}"`)) + 1];
}

/** Each diagnostic's code, line, column and message. */
const located = (diagnostics: Diagnostics): Array<[string, number | undefined, number | undefined, string]> =>
  diagnostics.items.map((d) => [d.code, d.line, d.col, d.message]);

describe('buildComponents: facet values of numeric and temporal types', () => {
  it('reports a bound or an enumeration value that is not a value of a numeric or temporal base type, at its facet', async () => {
    const body =
      restriction('I', 'xs:int', '<xs:minInclusive value="abc"/><xs:maxExclusive value=" 10 "/>') +
      restriction('E', 'xs:unsignedShort', '<xs:enumeration value="1"/><xs:enumeration value="one"/>') +
      restriction('D', 'xs:decimal', '<xs:maxInclusive value="1.5e3"/><xs:minInclusive value="-.5"/>') +
      restriction('F', 't:Floating', '<xs:minExclusive value="-INF"/><xs:maxInclusive value="1.5e3"/><xs:enumeration value="NaN"/>') +
      restriction('Floating', 'xs:double', '') +
      restriction('S', 'xs:string', '<xs:enumeration value="abc"/>') +
      restriction('When', 'xs:dateTime', '<xs:minInclusive value="2024-01-01T00:00:00Z"/><xs:maxExclusive value="2024-13"/>') +
      restriction('Span', 'xs:duration', '<xs:maxInclusive value="P1Y2M3DT4H5M6.5S"/><xs:minInclusive value="PT"/>') +
      restriction('Day', 'xs:gMonthDay', '<xs:enumeration value="--12-25"/><xs:enumeration value="12-25"/>');
    const { diagnostics } = await components(body);
    expect(located(diagnostics)).toEqual([
      ['INVALID_FACET', ...facetAt(body, 'abc'), 'minInclusive "abc" of type {urn:t}I is not a valid xs:int.'],
      ['INVALID_FACET', ...facetAt(body, 'one'), 'Enumeration value "one" of type {urn:t}E is not a valid xs:unsignedShort.'],
      ['INVALID_FACET', ...facetAt(body, '1.5e3'), 'maxInclusive "1.5e3" of type {urn:t}D is not a valid xs:decimal.'],
      ['INVALID_FACET', ...facetAt(body, '2024-13'), 'maxExclusive "2024-13" of type {urn:t}When is not a valid xs:dateTime.'],
      ['INVALID_FACET', ...facetAt(body, 'PT'), 'minInclusive "PT" of type {urn:t}Span is not a valid xs:duration.'],
      ['INVALID_FACET', ...facetAt(body, '12-25'), 'Enumeration value "12-25" of type {urn:t}Day is not a valid xs:gMonthDay.'],
    ]);
    // Not the type's start tag, which opens each line.
    expect(facetAt(body, 'one')[1]).toBeGreaterThan(1);
  });

  it('reports a facet value in year 0000, +INF, or an anyURI with a % that starts no escape, as the runtime refuses them', async () => {
    const body =
      restriction('Y', 'xs:gYear', '<xs:minInclusive value="0000"/><xs:maxInclusive value="-0001"/>') +
      restriction('F', 'xs:float', '<xs:maxInclusive value="+INF"/><xs:minInclusive value="-INF"/>') +
      restriction('U', 'xs:anyURI', '<xs:enumeration value="urn:a%2Fb"/><xs:enumeration value="urn:%zz"/>');
    const { diagnostics } = await components(body);
    expect(located(diagnostics)).toEqual([
      ['INVALID_FACET', ...facetAt(body, '0000'), 'minInclusive "0000" of type {urn:t}Y is not a valid xs:gYear.'],
      ['INVALID_FACET', ...facetAt(body, '+INF'), 'maxInclusive "+INF" of type {urn:t}F is not a valid xs:float.'],
      ['INVALID_FACET', ...facetAt(body, 'urn:%zz'), 'Enumeration value "urn:%zz" of type {urn:t}U is not a valid xs:anyURI.'],
    ]);
  });

  it("judges facet values with the runtime's parsers: out of range or calendar, .5S seconds, XML Schema 1.1's types", async () => {
    const body =
      restriction('B', 'xs:byte', '<xs:maxInclusive value="300"/><xs:minInclusive value="-128"/>') +
      restriction('D', 'xs:date', '<xs:enumeration value="2023-02-29"/><xs:enumeration value="2024-02-29"/>') +
      restriction('M', 'xs:gMonth', '<xs:maxInclusive value="--13"/>') +
      restriction('S', 'xs:duration', '<xs:maxInclusive value="PT.5S"/><xs:minInclusive value="PT1.S"/>') +
      restriction('T', 'xs:dateTimeStamp', '<xs:minInclusive value="2024-01-01T00:00:00"/>') +
      restriction('Y', 'xs:dayTimeDuration', '<xs:maxInclusive value="P1Y"/>');
    const { diagnostics } = await components(body);
    // Before, 300, 2023-02-29 and --13 had the shape of their types, dateTimeStamp and
    // dayTimeDuration had no form, and PT.5S and PT1.S, which the runtime and libxml2 take, were refused.
    expect(located(diagnostics)).toEqual([
      ['INVALID_FACET', ...facetAt(body, '300'), 'maxInclusive "300" of type {urn:t}B is not a valid xs:byte.'],
      ['INVALID_FACET', ...facetAt(body, '2023-02-29'), 'Enumeration value "2023-02-29" of type {urn:t}D is not a valid xs:date.'],
      ['INVALID_FACET', ...facetAt(body, '--13'), 'maxInclusive "--13" of type {urn:t}M is not a valid xs:gMonth.'],
      ['INVALID_FACET', ...facetAt(body, '2024-01-01T00:00:00'), 'minInclusive "2024-01-01T00:00:00" of type {urn:t}T is not a valid xs:dateTimeStamp.'],
      ['INVALID_FACET', ...facetAt(body, 'P1Y'), 'maxInclusive "P1Y" of type {urn:t}Y is not a valid xs:dayTimeDuration.'],
    ]);
  });

  it("takes a facet value in year 0000 of XML Schema 1.1's dateTimeStamp, not of dateTime", async () => {
    const body =
      restriction('T', 'xs:dateTimeStamp', '<xs:minInclusive value="0000-01-01T00:00:00Z"/><xs:enumeration value="-0000-06-01T00:00:00Z"/>') +
      restriction('D', 'xs:dateTime', '<xs:minInclusive value="0000-01-01T00:00:00"/>');
    const { diagnostics } = await components(body);
    // Before, T's values were refused as D's is.
    expect(located(diagnostics)).toEqual([
      ['INVALID_FACET', ...facetAt(body, '0000-01-01T00:00:00'), 'minInclusive "0000-01-01T00:00:00" of type {urn:t}D is not a valid xs:dateTime.'],
    ]);
  });

  it('reports an enumeration value of a binary, name or language type that no reader would ever take, and accepts every lexical form they take', async () => {
    const body =
      restriction('Hex', 'xs:hexBinary', '<xs:enumeration value="0a0B"/><xs:enumeration value=""/><xs:enumeration value="zz"/><xs:enumeration value="abc"/>') +
      restriction('B64', 'xs:base64Binary', '<xs:enumeration value="AQID"/><xs:enumeration value=" AQ== "/><xs:enumeration value="AQI="/><xs:enumeration value="AR=="/><xs:enumeration value="AQI"/>') +
      restriction('Tok', 'xs:NMTOKEN', '<xs:enumeration value="-a.1"/><xs:enumeration value="a b"/>') +
      restriction('Toks', 'xs:NMTOKENS', '<xs:enumeration value=" a  b "/><xs:enumeration value=" "/>') +
      restriction('Id', 'xs:ID', '<xs:enumeration value="x:y"/><xs:enumeration value="_x"/>') +
      restriction('N', 'xs:Name', '<xs:enumeration value="x:y"/><xs:enumeration value="1x"/>') +
      restriction('Lang', 'xs:language', '<xs:enumeration value="en-GB"/><xs:enumeration value="en_GB"/>') +
      restriction('S', 'xs:token', '<xs:enumeration value="a b"/><xs:enumeration value=""/>');
    const { diagnostics } = await components(body);
    const bad = (value: string, type: string, builtin: string): [string, number, number, string] => [
      'INVALID_FACET',
      ...facetAt(body, value),
      `Enumeration value "${value}" of type {urn:t}${type} is not a valid xs:${builtin}.`,
    ];
    expect(located(diagnostics)).toEqual([
      bad('zz', 'Hex', 'hexBinary'),
      bad('abc', 'Hex', 'hexBinary'),
      // A bit after the last byte's, before the padding, must be zero; the padding must be whole.
      bad('AR==', 'B64', 'base64Binary'),
      bad('AQI', 'B64', 'base64Binary'),
      bad('a b', 'Tok', 'NMTOKEN'),
      bad(' ', 'Toks', 'NMTOKENS'),
      bad('x:y', 'Id', 'ID'),
      bad('1x', 'N', 'Name'),
      bad('en_GB', 'Lang', 'language'),
    ]);
  });
});

describe('buildComponents: facets a built-in does not take', () => {
  it('refuses enumeration on xs:boolean, a length on a number, a bound on a string, digits on a date, at the facet', async () => {
    const body =
      restriction('Yes', 'xs:boolean', '<xs:pattern value="true|1"/><xs:enumeration value="1"/>') +
      restriction('Short', 't:Count', '<xs:maxLength value="2"/>') +
      restriction('Count', 'xs:int', '<xs:totalDigits value="3"/><xs:minInclusive value="0"/>') +
      restriction('Name', 'xs:token', '<xs:maxLength value="9"/><xs:minInclusive value="a"/>') +
      restriction('Day', 'xs:date', '<xs:fractionDigits value="0"/>') +
      restriction('Hex', 'xs:hexBinary', '<xs:length value="2"/><xs:enumeration value="0a0b"/>');
    const { diagnostics } = await components(body);
    const line = (name: string): number => body.split('\n').findIndex((l) => l.includes(`name="${name}"`)) + 1;
    expect(diagnostics.items.map((d) => [d.code, d.line, d.message])).toEqual([
      ['INVALID_FACET', line('Yes'), 'xs:enumeration does not apply to type {urn:t}Yes, derived from xs:boolean: XML Schema allows it only on types other than xs:boolean.'],
      ['INVALID_FACET', line('Short'), 'xs:maxLength does not apply to type {urn:t}Short, derived from xs:int: XML Schema allows it only on strings, binary data and lists.'],
      ['INVALID_FACET', line('Name'), 'xs:minInclusive does not apply to type {urn:t}Name, derived from xs:token: XML Schema allows it only on numbers, dates and durations.'],
      ['INVALID_FACET', line('Day'), 'xs:fractionDigits does not apply to type {urn:t}Day, derived from xs:date: XML Schema allows it only on decimals and integers.'],
    ]);
    // At the facet, not at the type's start tag.
    expect(diagnostics.items[0]?.col).toBe((body.split('\n')[line('Yes') - 1] ?? '').indexOf('<xs:enumeration') + 1);
  });

  it('knows the facets of XML Schema 1.1\'s dateTimeStamp, dayTimeDuration and yearMonthDuration: those of dateTime and duration', async () => {
    const body =
      restriction('When', 'xs:dateTime', '<xs:length value="3"/>') +
      restriction('Stamp', 'xs:dateTimeStamp', '<xs:minInclusive value="2024-01-01T00:00:00Z"/><xs:length value="3"/>') +
      restriction('Days', 'xs:dayTimeDuration', '<xs:maxExclusive value="P2D"/><xs:enumeration value="PT1H"/><xs:maxLength value="3"/>') +
      restriction('Months', 'xs:yearMonthDuration', '<xs:minInclusive value="P1M"/><xs:totalDigits value="3"/>');
    const { diagnostics } = await components(body);
    const at = (facet: string, name: string): [number, number] => {
      const line = body.split('\n').findIndex((l) => l.includes(`name="${name}"`));
      return [line + 1, (body.split('\n')[line] ?? '').indexOf(`<xs:${facet}`) + 1];
    };
    // Before, only dateTime's length was reported: the 1.1 built-ins took any facet.
    expect(located(diagnostics)).toEqual([
      ['INVALID_FACET', ...at('length', 'When'), 'xs:length does not apply to type {urn:t}When, derived from xs:dateTime: XML Schema allows it only on strings, binary data and lists.'],
      ['INVALID_FACET', ...at('length', 'Stamp'), 'xs:length does not apply to type {urn:t}Stamp, derived from xs:dateTimeStamp: XML Schema allows it only on strings, binary data and lists.'],
      ['INVALID_FACET', ...at('maxLength', 'Days'), 'xs:maxLength does not apply to type {urn:t}Days, derived from xs:dayTimeDuration: XML Schema allows it only on strings, binary data and lists.'],
      ['INVALID_FACET', ...at('totalDigits', 'Months'), 'xs:totalDigits does not apply to type {urn:t}Months, derived from xs:yearMonthDuration: XML Schema allows it only on decimals and integers.'],
    ]);
  });

  it('reports a facet that does not apply once, not its values as values of the type too', async () => {
    const body =
      restriction('YesNo', 'xs:boolean', '<xs:enumeration value="yes"/><xs:enumeration value="true"/>') +
      restriction('Low', 'xs:boolean', '<xs:maxInclusive value="maybe"/>');
    const { diagnostics } = await components(body);
    const line = (name: string): number => body.split('\n').findIndex((l) => l.includes(`name="${name}"`)) + 1;
    // Before, "yes" and "maybe" were each reported a second time as no valid xs:boolean.
    expect(diagnostics.items.map((d) => [d.code, d.severity, d.line, d.col, d.message, d.hint])).toEqual([
      [
        'INVALID_FACET', 'error', line('YesNo'), facetAt(body, 'yes')[1],
        'xs:enumeration does not apply to type {urn:t}YesNo, derived from xs:boolean: XML Schema allows it only on types other than xs:boolean.',
        'Remove it; an xs:pattern (say "true|1") restricts the forms a boolean may take.',
      ],
      [
        'INVALID_FACET', 'error', line('Low'), facetAt(body, 'maybe')[1],
        'xs:maxInclusive does not apply to type {urn:t}Low, derived from xs:boolean: XML Schema allows it only on numbers, dates and durations.',
        'Remove the facet, or derive the type from a built-in it applies to.',
      ],
    ]);
  });
});

describe('buildComponents: unknown base types', () => {
  it('points at the xs:extension, xs:restriction, xs:list or xs:union that names the missing type', async () => {
    const lines = [
      '',
      '<xs:complexType name="A"><xs:complexContent><xs:extension base="t:Gone1"/></xs:complexContent></xs:complexType>',
      '<xs:complexType name="B"><xs:simpleContent><xs:restriction base="t:Gone2"/></xs:simpleContent></xs:complexType>',
      '<xs:simpleType name="C"><xs:restriction base="t:Gone3"/></xs:simpleType>',
      '<xs:simpleType name="D"><xs:list itemType="t:Gone4"/></xs:simpleType>',
      '<xs:simpleType name="E"><xs:union memberTypes="xs:int t:Gone5"/></xs:simpleType>',
    ];
    const { diagnostics } = await components(lines.join('\n'));
    // Before, at the type's own start tag, the first column of each line.
    const at = (line: number, tag: string): [string, number, number] => ['UNKNOWN_TYPE', line + 1, (lines[line] ?? '').indexOf(tag) + 1];
    expect(diagnostics.items.map((d) => [d.code, d.line, d.col]).sort()).toEqual(
      [at(1, '<xs:extension'), at(2, '<xs:restriction'), at(3, '<xs:restriction'), at(4, '<xs:list'), at(5, '<xs:union')].sort(),
    );
  });
});

describe('buildComponents: list item types', () => {
  it('refuses a list whose items are lists (its own type, a restriction of one, or NMTOKENS), and takes a list of a union', async () => {
    const { diagnostics } = await components(
      [
        '<xs:simpleType name="Ints"><xs:list itemType="xs:int"/></xs:simpleType>',
        '<xs:simpleType name="Few"><xs:restriction base="t:Ints"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>',
        '<xs:simpleType name="Nested"><xs:list itemType="t:Ints"/></xs:simpleType>',
        '<xs:simpleType name="NestedFew"><xs:list itemType="t:Few"/></xs:simpleType>',
        '<xs:simpleType name="Tokens"><xs:list itemType="xs:NMTOKENS"/></xs:simpleType>',
        '<xs:simpleType name="IntOrBool"><xs:union memberTypes="xs:int xs:boolean"/></xs:simpleType>',
        '<xs:simpleType name="Mixed"><xs:list itemType="t:IntOrBool"/></xs:simpleType>',
      ].join('\n'),
    );
    expect(diagnostics.items.map((d) => [d.code, d.line, d.message])).toEqual([
      ['INVALID_LIST', 3, 'The item type {urn:t}Ints of list type {urn:t}Nested is itself a list: the items of a list must be atomic or unions.'],
      ['INVALID_LIST', 4, 'The item type {urn:t}Few of list type {urn:t}NestedFew is itself a list: the items of a list must be atomic or unions.'],
      ['INVALID_LIST', 5, 'The item type {http://www.w3.org/2001/XMLSchema}NMTOKENS of list type {urn:t}Tokens is itself a list: the items of a list must be atomic or unions.'],
    ]);
  });
});

describe('buildComponents: attribute names', () => {
  it('refuses a second declaration of an attribute name, own or from a group, and keeps a group reached twice once', async () => {
    const { types, diagnostics } = await components(
      [
        '<xs:attributeGroup name="G"><xs:attribute name="x" type="xs:int"/></xs:attributeGroup>',
        '<xs:attributeGroup name="H"><xs:attributeGroup ref="t:G"/></xs:attributeGroup>',
        '<xs:complexType name="T"><xs:attribute name="x" type="xs:string"/>',
        '<xs:attribute name="y" type="xs:string"/>',
        '<xs:attribute name="y" type="xs:boolean"/>',
        '<xs:attributeGroup ref="t:G"/></xs:complexType>',
        '<xs:complexType name="Twice"><xs:attributeGroup ref="t:G"/><xs:attributeGroup ref="t:H"/></xs:complexType>',
      ].join('\n'),
    );
    expect(diagnostics.items.map((d) => [d.code, d.line, d.message])).toEqual([
      ['DUPLICATE_ATTRIBUTE', 5, 'Attribute y is declared twice for {urn:t}T (first at main.xsd:4).'],
      ['DUPLICATE_ATTRIBUTE', 1, 'Attribute x is declared twice for {urn:t}T (first at main.xsd:3).'],
    ]);
    expect(types['{urn:t}Twice']?.ownAttributes.map((a) => a.name)).toEqual(['x']);
  });
});

describe('buildComponents: references into a namespace nothing loaded', () => {
  it('says the import had no location and points at --schema-path, instead of doubting the name', async () => {
    const { diagnostics } = await components(`
      <xs:import namespace="urn:dsig"/>
      <xs:complexType name="Signed"><xs:sequence><xs:element name="v" type="d:CryptoBinary" xmlns:d="urn:dsig"/><xs:element name="w" type="t:Nope"/></xs:sequence></xs:complexType>`);
    const unknown = diagnostics.items.map((d) => [d.code, d.message, d.hint]);
    expect(unknown).toEqual([
      [
        'UNKNOWN_TYPE',
        'Unknown type {urn:dsig}CryptoBinary: nothing defines its namespace. main.xsd:2:7 imports it without a schemaLocation, and no schema in the search path has targetNamespace "urn:dsig".',
        expect.stringMatching(/--schema-path .* looked up there by namespace/),
      ],
      ['UNKNOWN_TYPE', 'Unknown type {urn:t}Nope.', expect.stringMatching(/Check the type name/)],
    ]);
  });

  it('says that SOAP encoding\'s types serve encoded messages, which no --schema-path makes work, and which built-in stands for one', async () => {
    const { diagnostics } = await components(`
      <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
      <xs:complexType name="Names" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"><xs:complexContent><xs:restriction base="enc:Array">
        <xs:attribute ref="enc:arrayType"/></xs:restriction></xs:complexContent></xs:complexType>
      <xs:element name="label" type="enc:string" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"/>`);
    // Before, it said only use="encoded" bindings need these, to a literal binding's schema.
    const encoding = 'it belongs to SOAP encoding (http://schemas.xmlsoap.org/soap/encoding/), whose types describe use="encoded" messages; the generator reads and writes literal ones only.';
    expect(diagnostics.items.map((d) => [d.code, d.message, d.hint]).sort()).toEqual([
      ['UNKNOWN_ATTRIBUTE', `Unknown attribute {http://schemas.xmlsoap.org/soap/encoding/}arrayType: ${encoding}`, expect.stringMatching(/^Declare the array as literal schemas do, a sequence of its item element with maxOccurs="unbounded"/)],
      ['UNKNOWN_TYPE', `Unknown type {http://schemas.xmlsoap.org/soap/encoding/}Array: ${encoding}`, expect.stringMatching(/^Declare the array as literal schemas do, a sequence of its item element with maxOccurs="unbounded"/)],
      [
        'UNKNOWN_TYPE',
        `Unknown type {http://schemas.xmlsoap.org/soap/encoding/}string: ${encoding}`,
        "Write xs:string (XML Schema's own, namespace http://www.w3.org/2001/XMLSchema) instead: SOAP encoding's string is that type plus the id/href attributes of encoded references, which literal messages do not use.",
      ],
    ]);
  });

  it("says that XML Schema's namespace has no such type, and which one a miscased name means", async () => {
    const { diagnostics } = await components(`<xs:element name="a" type="xs:String"/><xs:element name="b" type="xs:anyAtomicType"/><xs:element name="c" type="xs:strng"/>`);
    // Before, the hint said to add the schema that defines it (--schema-path), which no schema can.
    expect(diagnostics.items.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['UNKNOWN_TYPE', 'Unknown type {http://www.w3.org/2001/XMLSchema}String: XML Schema has no built-in type of that name.', "Write xs:string: the names of XML Schema's types are case-sensitive."],
      ['UNKNOWN_TYPE', 'Unknown type {http://www.w3.org/2001/XMLSchema}anyAtomicType: XML Schema has no built-in type of that name.', "XML Schema 1.1's anyAtomicType is not read: write xs:anySimpleType."],
      ['UNKNOWN_TYPE', 'Unknown type {http://www.w3.org/2001/XMLSchema}strng: XML Schema has no built-in type of that name.', "Check the spelling against XML Schema's built-in types (xs:string, xs:int, xs:dateTime, ...)."],
    ]);
  });

  it("says that xml:lang and its kin need only an import of XML's namespace, which is built in", async () => {
    const { diagnostics } = await components(`
      <xs:complexType name="Note"><xs:simpleContent><xs:extension base="xs:string">
        <xs:attribute ref="xml:lang"/><xs:attribute ref="xml:colour"/></xs:extension></xs:simpleContent></xs:complexType>`);
    // Before, the hint said to add the schema that declares it, which the generator has built in.
    expect(diagnostics.items.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'UNKNOWN_ATTRIBUTE',
        'Unknown attribute {http://www.w3.org/XML/1998/namespace}lang: no schema imports the XML namespace.',
        'Add <xs:import namespace="http://www.w3.org/XML/1998/namespace"/> to the schema that uses it: its schema (xml:lang, xml:space, xml:base, xml:id) is built into the generator, no schemaLocation needed.',
      ],
      ['UNKNOWN_ATTRIBUTE', 'Unknown attribute {http://www.w3.org/XML/1998/namespace}colour.', 'Check the name and namespace prefix, or add the schema that declares it.'],
    ]);
  });

  it("says that a draft of XML Schema's namespace is no XML Schema 1.0 built-in, and what to declare instead", async () => {
    const { diagnostics } = await components(`<xs:element name="when" type="old:timeInstant" xmlns:old="http://www.w3.org/1999/XMLSchema"/>`);
    expect(diagnostics.items.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'UNKNOWN_TYPE',
        'Unknown type {http://www.w3.org/1999/XMLSchema}timeInstant: its namespace is a draft of XML Schema, replaced by XML Schema 1.0 (http://www.w3.org/2001/XMLSchema).',
        expect.stringMatching(/^Declare the prefix .* as http:\/\/www\.w3\.org\/2001\/XMLSchema.*timeInstant is dateTime/),
      ],
    ]);
  });
});

describe('buildComponents: enumeration values', () => {
  it('are the values the type\'s whiteSpace makes of them, as the text a reader compares with them is', async () => {
    const body =
      restriction('Tok', 'xs:token', '<xs:enumeration value="  a   b "/><xs:enumeration value="c"/><xs:enumeration value="a b"/>') +
      restriction('TokMore', 't:Tok', '<xs:enumeration value=" c "/>') +
      restriction('Norm', 'xs:normalizedString', '<xs:enumeration value="x&#9;y "/>') +
      restriction('Str', 'xs:string', '<xs:enumeration value=" x  y "/>') +
      restriction('Collapsed', 'xs:string', '<xs:whiteSpace value="collapse"/><xs:enumeration value=" x  y "/>') +
      restriction('Uri', 'xs:anyURI', '<xs:enumeration value=" urn:x "/>') +
      '<xs:complexType name="Priced"><xs:simpleContent><xs:restriction base="t:Amount"><xs:enumeration value=" EUR "/></xs:restriction></xs:simpleContent></xs:complexType>' +
      '<xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:token"><xs:attribute name="unit" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>';
    const { types, diagnostics } = await components(body);
    const enumeration = (key: string): unknown => (types[`{urn:t}${key}`] as unknown as { enumeration?: string[] } | undefined)?.enumeration;
    expect(diagnostics.items).toEqual([]);
    expect(enumeration('Tok')).toEqual(['a b', 'c']);
    expect(enumeration('TokMore')).toEqual(['c']);
    expect(enumeration('Norm')).toEqual(['x y ']);
    expect(enumeration('Str')).toEqual([' x  y ']);
    expect(enumeration('Collapsed')).toEqual(['x y']);
    expect(enumeration('Uri')).toEqual(['urn:x']);
    expect(enumeration('Priced/~value')).toEqual(['EUR']);
  });
});

describe('buildComponents: a repeated group of one repeated group', () => {
  // A content model as text: kind{min,max}(children), an element by its name.
  const text = (p: Particle): string => {
    const occurs = p.min === 1 && p.max === 1 ? '' : `{${p.min},${p.max === 'unbounded' ? 'n' : p.max}}`;
    if (p.kind === 'element') return `${p.name.replace(/^\{[^}]*\}/, '')}${occurs}`;
    if (p.kind === 'any') return `any${occurs}`;
    return `${p.kind}${occurs}(${p.particles.map(text).join(', ')})`;
  };
  const ab = '<xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/>';

  it('multiplies the counts where every count between the products can occur, and stays nested across a gap', async () => {
    const cases: Array<[string, string]> = [
      [`<xs:sequence maxOccurs="2"><xs:choice maxOccurs="2">${ab}</xs:choice></xs:sequence>`, 'choice{1,4}(a, b)'],
      [`<xs:sequence minOccurs="2" maxOccurs="2"><xs:sequence maxOccurs="3">${ab}</xs:sequence></xs:sequence>`, 'sequence{2,6}(a, b)'],
      [`<xs:sequence minOccurs="0" maxOccurs="unbounded"><xs:choice minOccurs="2" maxOccurs="3">${ab}</xs:choice></xs:sequence>`, 'sequence{0,n}(choice{2,3}(a, b))'],
      [`<xs:sequence maxOccurs="3"><xs:choice minOccurs="0" maxOccurs="2">${ab}</xs:choice></xs:sequence>`, 'choice{0,6}(a, b)'],
      [`<xs:choice minOccurs="3" maxOccurs="3"><xs:sequence minOccurs="2" maxOccurs="unbounded">${ab}</xs:sequence></xs:choice>`, 'sequence{6,n}(a, b)'],
      // Three levels, innermost first: 2·2·2.
      [`<xs:sequence maxOccurs="2"><xs:sequence maxOccurs="2"><xs:choice maxOccurs="2">${ab}</xs:choice></xs:sequence></xs:sequence>`, 'choice{1,8}(a, b)'],
      // A wildcard as an element: in a once-only sequence.
      [`<xs:sequence maxOccurs="2"><xs:any namespace="##other" maxOccurs="3"/></xs:sequence>`, 'sequence(any{1,6})'],
      // 2 or 4 occurrences of the choice, never 3: no count stands for them. A choice of one particle is a sequence.
      [`<xs:sequence maxOccurs="2"><xs:choice minOccurs="2" maxOccurs="2">${ab}</xs:choice></xs:sequence>`, 'sequence{1,2}(choice{2,2}(a, b))'],
      [`<xs:choice maxOccurs="2"><xs:choice minOccurs="2" maxOccurs="2">${ab}</xs:choice></xs:choice>`, 'sequence{1,2}(choice{2,2}(a, b))'],
      [`<xs:choice maxOccurs="2"><xs:any namespace="##other" minOccurs="2" maxOccurs="2"/></xs:choice>`, 'sequence{1,2}(any{2,2})'],
      // A required choice of one element or wildcard (EWS's SingleRecipientType) requires it.
      ['<xs:choice><xs:element name="a" type="xs:string"/></xs:choice>', 'sequence(a)'],
      ['<xs:choice><xs:any namespace="##other"/></xs:choice>', 'sequence(any)'],
      ['<xs:sequence><xs:element name="c" type="xs:string"/><xs:choice><xs:element name="a" type="xs:string"/></xs:choice></xs:sequence>', 'sequence(c, sequence(a))'],
    ];
    const { types, diagnostics } = await components(cases.map(([content], i) => `<xs:complexType name="T${i}">${content}</xs:complexType>`).join('\n'));
    expect(diagnostics.items).toEqual([]);
    expect(cases.map((_, i) => text(types[`{urn:t}T${i}`]?.ownParticle as Particle))).toEqual(cases.map(([, expected]) => expected));
  });

  it('multiplies through a group reference with occurrences', async () => {
    const { types } = await components(`<xs:group name="G"><xs:choice maxOccurs="2">${ab}</xs:choice></xs:group>
      <xs:complexType name="T"><xs:sequence><xs:element name="c" type="xs:string"/><xs:group ref="t:G" maxOccurs="3"/></xs:sequence></xs:complexType>`);
    expect(text(types['{urn:t}T']?.ownParticle as Particle)).toBe('sequence(c, choice{1,6}(a, b))');
  });
});
