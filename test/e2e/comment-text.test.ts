/**
 * Text taken from the input into a generated `/* ... *\/` comment cannot end that comment: a
 * namespace, a soap:address location and wsdl:documentation may all hold `*\/` (a URI may, and
 * documentation is free text). Before, a schema-alone package's `documents` comment, the client's
 * list of endpoints and the operation's documentation (in operations.ts and on the client method)
 * took it as written, and the package did not parse.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../../generator';
import { tempFolders } from '../support/tmp';

const folder = tempFolders('codegen-comment-text-');
const NS = 'urn:example:comments/*x*/';

const WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" targetNamespace="${NS}">
  <types>
    <xs:schema targetNamespace="${NS}" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </types>
  <message name="In"><part name="p" element="tns:Ping"/></message>
  <portType name="PT"><operation name="Ping"><documentation>Sends a */ back</documentation><input message="tns:In"/><output message="tns:In"/></operation></portType>
  <binding name="B" type="tns:PT">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Ping"><soap:operation soapAction="urn:Ping"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://localhost/a*/b"/></port></service>
</definitions>
`;

const XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:element name="note" type="xs:string"/>
</xs:schema>
`;

/** The generated files' comments, each `/* ... *\/` and `//` one, in the order they stand. */
const comments = (files: ReadonlyArray<{ contents: string }>): string[] => files.flatMap((f) => f.contents.match(/\/\*[\s\S]*?\*\/|\/\/.*/g) ?? []);

describe('input text with "*/" in generated comments', () => {
  it.each([
    ['a WSDL (namespace, endpoint, operation documentation)', 'service.wsdl', WSDL, ['http://localhost/a*\\/b', 'Sends a *\\/ back']],
    ['a schema alone (namespace on the documents comment)', 'service.xsd', XSD, [`Element \`note\` of urn:example:comments/*x*\\/.`]],
  ])('%s: the package type-checks, the text kept with "*\\/"', async (_what, entry, text, expected) => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, entry), text);
    const result = await generate({ cwd: dir, wsdl: entry, mode: 'none' });
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([]);
    const all = comments(result.files).join('\n');
    for (const e of expected) expect(all).toContain(e);
  }, 60000);
});
