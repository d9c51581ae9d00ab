// Inputs at the large end, as real services publish them (Salesforce's metadata WSDL, whose
// Metadata type has some 300 derived types): the generated package must still type-check, which
// TypeScript refuses for a function whose control flow it cannot follow ("too large for control
// flow analysis").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorsOf, generateAt } from '../support/generate';
import { tempFolders } from '../support/tmp';

const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
const folder = tempFolders('codegen-large-');

type Documents = Record<string, { serialize(v: unknown): string }>;

describe('large inputs give packages that type-check', () => {
  it('refuses, without $type, the properties of a base type\'s derived types when they number over a thousand', async () => {
    // Three derived types of 350 elements each: the writer of Base checks 1,050 properties that
    // Base lacks (before, one narrowing of the value each, which TypeScript gave up following).
    const elements = (d: number): string =>
      Array.from({ length: 350 }, (_, i) => `<xs:element name="d${d}p${i}" type="xs:string" minOccurs="0"/>`).join('');
    const derived = [0, 1, 2]
      .map((d) => `<xs:complexType name="Derived${d}"><xs:complexContent><xs:extension base="t:Base"><xs:sequence>${elements(d)}</xs:sequence></xs:extension></xs:complexContent></xs:complexType>`)
      .join('');
    const dir = folder();
    fs.writeFileSync(
      path.join(dir, 'big.xsd'),
      `<xs:schema ${XS} xmlns:t="urn:e" targetNamespace="urn:e" elementFormDefault="qualified">` +
        '<xs:complexType name="Base"><xs:sequence><xs:element name="id" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>' +
        derived +
        '<xs:element name="Holder"><xs:complexType><xs:sequence><xs:element name="item" type="t:Base"/></xs:sequence></xs:complexType></xs:element></xs:schema>',
    );
    const result = await generateAt({ cwd: dir, wsdl: 'big.xsd', out: 'out', mode: 'write' });
    expect(errorsOf(result)).toBe('');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { documents } = require(path.join(dir, 'out', 'src')) as { documents: Documents };
    const message = (value: unknown): string => {
      try {
        return documents['Holder']?.serialize(value) ?? 'no codec';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message({ item: { id: 'a', d2p349: 'x' } })).toBe("Holder.item: d2p349 is a property of Derived2, not of Base: set $type: 'Derived2' to write it");
    expect(message({ item: { id: 'a' } })).toMatch(/<e:item><e:id>a<\/e:id><\/e:item>/);
    expect(message({ item: { $type: 'Derived2', d2p349: 'x' } })).toMatch(/<e:item xsi:type="e:Derived2"><e:d2p349>x<\/e:d2p349><\/e:item>/);
  }, 60_000);
});
