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

type Documents = Record<string, { serialize(v: unknown): string; parse(xml: string): { value: unknown; warnings: unknown[] } }>;

/** `n` optional xs:string elements named `${prefix}0` on, as one sequence's particles. */
const optional = (prefix: string, n: number, extra = ''): string =>
  Array.from({ length: n }, (_, i) => `<xs:element name="${prefix}${i}" type="xs:string" minOccurs="0"${extra}/>`).join('');

/** Generates `schema` (an XSD of namespace urn:e) with its type check; the generated package's documents. */
async function documentsOf(schema: string): Promise<Documents> {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'wide.xsd'), `<xs:schema ${XS} xmlns:t="urn:e" targetNamespace="urn:e" elementFormDefault="qualified">${schema}</xs:schema>`);
  const result = await generateAt({ cwd: dir, wsdl: 'wide.xsd', out: 'out', mode: 'write' });
  expect(errorsOf(result)).toBe('');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(dir, 'out', 'src')) as { documents: Documents }).documents;
}

/** What serializing `value` as document `name` throws ('' when it does not). */
function refusal(codec: Documents[string] | undefined, value: unknown): string {
  try {
    codec?.serialize(value);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

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

  it('writes and reads a type of 700 optional elements, and a type extending it with 700 more', async () => {
    // Salesforce's sObjects in an org with many custom fields: one `if` per property made the
    // writer a function too large for TypeScript's control flow analysis (TS2563).
    const documents = await documentsOf(
      `<xs:complexType name="Wide"><xs:sequence>${optional('e', 700)}</xs:sequence></xs:complexType>` +
        `<xs:complexType name="Wider"><xs:complexContent><xs:extension base="t:Wide"><xs:sequence>${optional('x', 700)}</xs:sequence></xs:extension></xs:complexContent></xs:complexType>` +
        '<xs:element name="Root" type="t:Wide"/><xs:element name="Derived" type="t:Wider"/>',
    );
    const value: Record<string, string> = {};
    for (let i = 0; i < 700; i += 3) value[`e${i}`] = `v${i}`;
    for (let i = 1; i < 700; i += 3) value[`x${i}`] = `w${i}`;
    const xml = documents['Derived']?.serialize(value) ?? '';
    // In sequence order: the base type's elements, then the extension's.
    expect(xml).toContain('<e:e699>v699</e:e699><e:x1>w1</e:x1>');
    expect(documents['Derived']?.parse(xml)).toEqual({ value, warnings: [] });
    const base = Object.fromEntries(Object.entries(value).filter(([k]) => k.startsWith('e')));
    expect(documents['Root']?.parse(documents['Root']?.serialize(base) ?? '')).toEqual({ value: base, warnings: [] });
    // The declared type's writer still refuses what only the derived type has, past the split.
    expect(refusal(documents['Root'], { e699: 'a', x699: 'b' })).toBe("Root: x699 is a property of Wider, not of Wide: set $type: 'Wider' to write it");
  }, 60_000);

  it('writes and reads a type of 2,500 optional elements, 300 attributes and 100 repeated elements', async () => {
    const attributes = Array.from({ length: 300 }, (_, i) => `<xs:attribute name="a${i}" type="xs:int"/>`).join('');
    const documents = await documentsOf(
      `<xs:complexType name="Wide"><xs:sequence>${optional('e', 2500)}${optional('r', 100, ' maxOccurs="unbounded"')}` +
        '<xs:choice><xs:element name="c1" type="xs:string"/><xs:element name="c2" type="xs:int"/></xs:choice>' +
        `</xs:sequence>${attributes}</xs:complexType><xs:element name="Root" type="t:Wide"/>`,
    );
    const value: Record<string, unknown> = {};
    for (let i = 0; i < 300; i += 7) value[`a${i}`] = i;
    for (let i = 0; i < 2500; i += 5) value[`e${i}`] = `v${i}`;
    for (let i = 0; i < 100; i += 9) value[`r${i}`] = ['p', `q${i}`];
    value['c2'] = 42;
    const codec = documents['Root'];
    const xml = codec?.serialize(value) ?? '';
    expect(xml).toMatch(/^<\?xml[^>]*>\s*<e:Root [^>]*a0="0" a7="7"[^>]* a294="294"[^>]*><e:e0>v0<\/e:e0>/);
    expect(xml).toContain('<e:e2495>v2495</e:e2495><e:r0>p</e:r0><e:r0>q0</e:r0>');
    expect(xml).toMatch(/<e:r99>q99<\/e:r99><e:c2>42<\/e:c2><\/e:Root>$/);
    expect(codec?.parse(xml)).toEqual({ value, warnings: [] });
    // Errors name what was being written, in whichever part of the writer it is.
    expect(refusal(codec, { ...value, a299: 1.5 })).toMatch(/^Root\.@a299: /);
    expect(refusal(codec, { ...value, r99: ['p', 7] })).toMatch(/^Root\.r99\[1\]: /);
    expect(refusal(codec, { ...value, c1: 'x' })).toBe('Root: Give only one alternative of the choice: c1, or c2');
    const { c2: _c2, ...noChoice } = value;
    expect(refusal(codec, noChoice)).toBe('Root: Missing the required choice: one of c1, c2');
  }, 60_000);

  it('reads a type of 1,200 required elements, and reports each one missing', async () => {
    // The reader's checks after its loop, one `if` per required element, were one function too.
    const required = Array.from({ length: 1200 }, (_, i) => `<xs:element name="q${i}" type="xs:string"/>`).join('');
    const codec = (await documentsOf(`<xs:complexType name="Tall"><xs:sequence>${required}</xs:sequence></xs:complexType><xs:element name="Root" type="t:Tall"/>`))['Root'];
    const value = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`q${i}`, `v${i}`]));
    expect(codec?.parse(codec.serialize(value))).toEqual({ value, warnings: [] });
    const partial = codec?.parse('<Root xmlns="urn:e"><q5>x</q5></Root>');
    expect(partial?.warnings).toHaveLength(1199);
    expect(JSON.stringify(partial?.warnings.at(-1))).toContain('Missing required element q1199');
  }, 60_000);
});

