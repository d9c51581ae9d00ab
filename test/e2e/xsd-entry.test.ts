// A schema given without a WSDL: no operations, so the package is its types and their XML codecs,
// all of them. Written in the two styles that leave QNames unprefixed: XML Schema as the default
// namespace, and the target namespace as the default namespace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { errorsOf, fileOf, generateAt } from '../support/generate';

const XS = 'http://www.w3.org/2001/XMLSchema';

async function generateFrom(schema: string): Promise<Awaited<ReturnType<typeof generateAt>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-xsd-'));
  try {
    fs.writeFileSync(path.join(dir, 'person.xsd'), schema);
    return await generateAt({ wsdl: path.join(dir, 'person.xsd'), packageName: 'xsd-entry' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('an XSD as the entry', () => {
  it.each([
    [
      'XML Schema as the default namespace',
      `<schema xmlns="${XS}" xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
        <complexType name="Person"><sequence><element name="name" type="string"/><element name="age" type="int" minOccurs="0"/></sequence></complexType>
        <element name="Who" type="t:Person"/>
      </schema>`,
    ],
    [
      'the target namespace as the default namespace',
      `<xs:schema xmlns:xs="${XS}" xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
        <xs:complexType name="Person"><xs:sequence><xs:element name="name" type="xs:string"/><xs:element name="age" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>
        <xs:element name="Who" type="Person"/>
      </xs:schema>`,
    ],
  ])('with %s gives a package of every type that type-checks', async (_style, schema) => {
    const result = await generateFrom(schema);
    expect(errorsOf(result)).toBe('');
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => f.path).sort()).toEqual(['package.json', 'src/index.ts', 'src/types.ts', 'src/xml.ts', 'tsconfig.json']);
    expect(fileOf(result, 'src/types.ts')).toMatch(/export interface Person \{\n(?:.*\n)*?\s+name: string;\n(?:.*\n)*?\s+age\?: number;\n\}/);
    expect(fileOf(result, 'src/index.ts')).not.toContain('./client');
  });

  it('with only elements of simple types gives a package that type-checks (no reader imports it does not use)', async () => {
    const result = await generateFrom(`<xs:schema xmlns:xs="${XS}" targetNamespace="urn:t">
      <xs:element name="Name" type="xs:string"/>
      <xs:element name="Code"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:element>
    </xs:schema>`);
    expect(errorsOf(result)).toBe('');
    expect(result.ok).toBe(true);
    expect(fileOf(result, 'src/xml.ts')).not.toMatch(/\bXmlCursor\b|\bReadContext\b/);
  });

  it('of the XML Schema namespace itself (the schema for schemas) types its own components and keeps the built-ins', async () => {
    // Its copy of a built-in (here xs:string) is the built-in; every other name is a type of it.
    const result = await generateFrom(`<xs:schema xmlns:xs="${XS}" targetNamespace="${XS}" elementFormDefault="qualified">
      <xs:simpleType name="string"><xs:restriction base="xs:anySimpleType"><xs:whiteSpace value="preserve"/></xs:restriction></xs:simpleType>
      <xs:complexType name="annotated"><xs:sequence><xs:element name="note" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
      <xs:element name="union"><xs:complexType><xs:complexContent><xs:extension base="xs:annotated">
        <xs:attribute name="memberTypes"><xs:simpleType><xs:list itemType="xs:QName"/></xs:simpleType></xs:attribute>
      </xs:extension></xs:complexContent></xs:complexType></xs:element>
    </xs:schema>`);
    expect(errorsOf(result)).toBe('');
    expect(result.ok).toBe(true);
    const types = fileOf(result, 'src/types.ts');
    expect(types).toContain('export type UnionMemberTypes = XmlQName[];');
    expect(types).toMatch(/export interface Union \{\n\s+note\?: string;\n(?:.*\n)*?\s+memberTypes\?: UnionMemberTypes;\n/);
    expect(types).toMatch(/export interface annotated \{\n\s+note\?: string;\n\}/);
  });
});
