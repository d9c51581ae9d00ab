import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../../../generator';
import { tempFolders } from '../../support/tmp';

const folder = tempFolders('codegen-value-constraints-');
/** The XML Schema namespace as messages name a built-in type: {namespace}local. */
const xs = '{http://www.w3.org/2001/XMLSchema}';

/** Generates (no type check) from a schema whose one global element `r` holds `declarations`; the errors as `line code message`. */
async function errorsFor(declarations: string, attributes = ''): Promise<string[]> {
  const dir = folder();
  fs.writeFileSync(
    path.join(dir, 'x.xsd'),
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:v" targetNamespace="urn:v">
  <xs:simpleType name="Level"><xs:restriction base="xs:token"><xs:enumeration value="low"/><xs:enumeration value="high"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/><xs:pattern value="[0-9]{3}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="UkCode"><xs:restriction base="t:Code"><xs:pattern value="[A-Z].*"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Odd"><xs:restriction base="xs:int"><xs:enumeration value="01"/><xs:enumeration value="3"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Levels"><xs:list itemType="t:Level"/></xs:simpleType>
  <xs:simpleType name="LevelOrInt"><xs:union memberTypes="t:Level xs:int"/></xs:simpleType>
  <xs:complexType name="Pair"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
  <xs:complexType name="Para" mixed="true"><xs:sequence><xs:element name="b" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
  <xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="cur" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
  <xs:element name="r">
    <xs:complexType>
      <xs:sequence>
${declarations}
      </xs:sequence>
${attributes}
    </xs:complexType>
  </xs:element>
</xs:schema>
`,
  );
  const result = await generate({ cwd: dir, wsdl: 'x.xsd', mode: 'none', verify: false });
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code} ${d.message}`);
}

describe('checkValueConstraints: a default or fixed value is a value of its type, which takes text', () => {
  it('accepts values of the type, in any of their lexical forms', async () => {
    const ok = [
      '<xs:element name="a" type="xs:int" minOccurs="0" default=" +007 "/>',
      '<xs:element name="b" type="t:Level" minOccurs="0" default="  high "/>',
      '<xs:element name="c" type="t:UkCode" minOccurs="0" default="AB"/>',
      '<xs:element name="d" type="t:Odd" minOccurs="0" default="1"/>',
      '<xs:element name="e" type="t:Levels" minOccurs="0" default="low  high"/>',
      '<xs:element name="f" type="t:Levels" minOccurs="0" default=""/>',
      '<xs:element name="g" type="t:LevelOrInt" minOccurs="0" maxOccurs="2" default="12"/>',
      '<xs:element name="h" type="t:Amount" minOccurs="0" default="1.50"/>',
      '<xs:element name="i" type="xs:string" minOccurs="0" fixed=""/>',
      '<xs:element name="j" type="xs:dateTime" minOccurs="0" default="2024-01-01T00:00:00Z"/>',
      '<xs:element name="k" type="t:Para" minOccurs="0" default="text"/>',
    ];
    expect(await errorsFor(ok.join('\n'), '<xs:attribute name="at" type="t:Code" default="123"/>')).toEqual([]);
  });

  it('refuses one that is not, at its declaration, saying what to do', async () => {
    const bad = [
      '<xs:element name="a" type="xs:int" minOccurs="0" default=""/>',
      '<xs:element name="b" type="t:Level" minOccurs="0" default="medium"/>',
      '<xs:element name="c" type="t:UkCode" minOccurs="0" fixed="123"/>',
      '<xs:element name="e" type="t:Levels" minOccurs="0" default="low mid"/>',
      '<xs:element name="g" type="t:LevelOrInt" minOccurs="0" default="x"/>',
      '<xs:element name="h" type="t:Amount" minOccurs="0" default="1,50"/>',
      '<xs:element name="j" type="xs:date" minOccurs="0" default="2024-1-1"/>',
      '<xs:element name="k" type="t:Pair" minOccurs="0" fixed="1"/>',
    ];
    const errors = await errorsFor(bad.join('\n'), '<xs:attribute name="at" type="t:Code" default="A1"/>');
    expect(errors).toEqual([
      '14 INVALID_DECLARATION Element a has the default value "", which is not a value of its type {http://www.w3.org/2001/XMLSchema}int.',
      '15 INVALID_DECLARATION Element b has the default value "medium", which is not a value of its type {urn:v}Level.',
      '16 INVALID_DECLARATION Element c has the fixed value "123", which is not a value of its type {urn:v}UkCode.',
      '17 INVALID_DECLARATION Element e has the default value "low mid", which is not a value of its type {urn:v}Levels.',
      '18 INVALID_DECLARATION Element g has the default value "x", which is not a value of its type {urn:v}LevelOrInt.',
      '19 INVALID_DECLARATION Element h has the default value "1,50", which is not a value of its type {urn:v}Amount.',
      '20 INVALID_DECLARATION Element j has the default value "2024-1-1", which is not a value of its type {http://www.w3.org/2001/XMLSchema}date.',
      '21 INVALID_DECLARATION Element k has the fixed value "1", but its type {urn:v}Pair holds elements, not text: XML Schema allows a fixed value only on an element of a simple type, simple content or mixed content.',
      '23 INVALID_DECLARATION Attribute at has the default value "A1", which is not a value of its type {urn:v}Code.',
    ]);
  });

  it('refuses what the runtime refuses of XML Schema 1.0: year 0000, +INF, the --MM-- gMonth, a % that starts no escape', async () => {
    const declarations = [
      '<xs:element name="a" type="xs:date" minOccurs="0" default="0000-01-01"/>',
      '<xs:element name="b" type="xs:gYear" minOccurs="0" fixed="-0000"/>',
      '<xs:element name="c" type="xs:double" minOccurs="0" default="+INF"/>',
      '<xs:element name="d" type="xs:gMonth" minOccurs="0" default="--12--"/>',
      '<xs:element name="e" type="xs:anyURI" minOccurs="0" default="http://x/%zz"/>',
      // Their neighbours are values.
      '<xs:element name="f" type="xs:gYear" minOccurs="0" default="-0001"/>',
      '<xs:element name="g" type="xs:float" minOccurs="0" default="INF"/>',
      '<xs:element name="h" type="xs:anyURI" minOccurs="0" default="http://x/%7E"/>',
    ];
    // Before, the generator took a, b, c and e, and the readers refused the empty elements they default.
    expect(await errorsFor(declarations.join('\n'))).toEqual([
      `14 INVALID_DECLARATION Element a has the default value "0000-01-01", which is not a value of its type ${xs}date.`,
      `15 INVALID_DECLARATION Element b has the fixed value "-0000", which is not a value of its type ${xs}gYear.`,
      `16 INVALID_DECLARATION Element c has the default value "+INF", which is not a value of its type ${xs}double.`,
      `17 INVALID_DECLARATION Element d has the default value "--12--", which is not a value of its type ${xs}gMonth.`,
      `18 INVALID_DECLARATION Element e has the default value "http://x/%zz", which is not a value of its type ${xs}anyURI.`,
    ]);
  });

  it("judges values of built-ins with the runtime's parsers: ranges and calendars, duration seconds, and the types it had no form for", async () => {
    const declarations = [
      '<xs:element name="a" type="xs:byte" minOccurs="0" default="300"/>',
      '<xs:element name="b" type="xs:unsignedInt" minOccurs="0" fixed="-1"/>',
      '<xs:element name="c" type="xs:date" minOccurs="0" default="2023-02-29"/>',
      '<xs:element name="d" type="xs:time" minOccurs="0" default="24:00:01"/>',
      '<xs:element name="e" type="xs:dateTime" minOccurs="0" default="2024-01-01T00:00:00+15:00"/>',
      '<xs:element name="f" type="xs:gDay" minOccurs="0" default="---32"/>',
      '<xs:element name="g" type="xs:boolean" minOccurs="0" default="yes"/>',
      '<xs:element name="h" type="xs:dateTimeStamp" minOccurs="0" default="2024-01-01T00:00:00"/>',
      '<xs:element name="i" type="xs:yearMonthDuration" minOccurs="0" default="P1D"/>',
      // Values the runtime and libxml2 take.
      '<xs:element name="j" type="xs:duration" minOccurs="0" default="PT.5S"/>',
      '<xs:element name="k" type="xs:duration" minOccurs="0" fixed="P1DT1.S"/>',
      '<xs:element name="l" type="xs:date" minOccurs="0" default="2024-02-29"/>',
      '<xs:element name="m" type="xs:boolean" minOccurs="0" default=" 1 "/>',
    ];
    // Before, the generator's own forms checked shapes only (a to f), had none for g to i, and
    // refused the seconds .5S and 1.S (j, k), which the runtime and libxml2 take.
    expect(await errorsFor(declarations.join('\n'))).toEqual([
      `14 INVALID_DECLARATION Element a has the default value "300", which is not a value of its type ${xs}byte.`,
      `15 INVALID_DECLARATION Element b has the fixed value "-1", which is not a value of its type ${xs}unsignedInt.`,
      `16 INVALID_DECLARATION Element c has the default value "2023-02-29", which is not a value of its type ${xs}date.`,
      `17 INVALID_DECLARATION Element d has the default value "24:00:01", which is not a value of its type ${xs}time.`,
      `18 INVALID_DECLARATION Element e has the default value "2024-01-01T00:00:00+15:00", which is not a value of its type ${xs}dateTime.`,
      `19 INVALID_DECLARATION Element f has the default value "---32", which is not a value of its type ${xs}gDay.`,
      `20 INVALID_DECLARATION Element g has the default value "yes", which is not a value of its type ${xs}boolean.`,
      `21 INVALID_DECLARATION Element h has the default value "2024-01-01T00:00:00", which is not a value of its type ${xs}dateTimeStamp.`,
      `22 INVALID_DECLARATION Element i has the default value "P1D", which is not a value of its type ${xs}yearMonthDuration.`,
    ]);
  });

  it("takes year 0000 in a default or fixed value of XML Schema 1.1's dateTimeStamp, as its reader does", async () => {
    const declarations = [
      '<xs:element name="a" type="xs:dateTimeStamp" minOccurs="0" default="0000-01-01T00:00:00Z"/>',
      '<xs:element name="b" type="xs:dateTimeStamp" minOccurs="0" fixed="-0000-12-31T23:59:59+14:00"/>',
      '<xs:element name="c" type="xs:dateTime" minOccurs="0" default="0000-01-01T00:00:00Z"/>',
    ];
    // Before, a and b were refused as dateTime's XML Schema 1.0 year is.
    expect(await errorsFor(declarations.join('\n'))).toEqual([
      '16 INVALID_DECLARATION Element c has the default value "0000-01-01T00:00:00Z", which is not a value of its type {http://www.w3.org/2001/XMLSchema}dateTime.',
    ]);
  });
});
