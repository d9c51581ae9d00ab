import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostics, GenerationError } from '../../../generator/diagnostics';
import { load } from '../../../generator/load';
import { parse } from '../../../generator/parse';

const XS = 'http://www.w3.org/2001/XMLSchema';

/** Parses main.xsd, which includes first.xsd and second.xsd, each defining the given complexType body. */
async function parseTwoDefinitions(first: string, second: string): Promise<Diagnostics> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-parse-'));
  try {
    const schema = (body: string): string => `<xs:schema xmlns:xs="${XS}" xmlns:t="urn:t" targetNamespace="urn:t">\n${body}\n</xs:schema>\n`;
    fs.writeFileSync(path.join(dir, 'main.xsd'), schema('<xs:include schemaLocation="first.xsd"/><xs:include schemaLocation="second.xsd"/>'));
    fs.writeFileSync(path.join(dir, 'first.xsd'), schema(first));
    fs.writeFileSync(path.join(dir, 'second.xsd'), schema(second));
    const diagnostics = new Diagnostics();
    try {
      parse(await load({ entry: 'main.xsd', schemaPath: [], cwd: dir }, diagnostics), diagnostics);
    } catch (e) {
      if (!(e instanceof GenerationError)) throw e;
    }
    return diagnostics;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('parse: components defined twice', () => {
  const type = (element: string, doc = ''): string =>
    `<xs:complexType name="T">${doc && `<xs:annotation><xs:documentation>${doc}</xs:documentation></xs:annotation>`}<xs:sequence><xs:element name="${element}" type="xs:string"/></xs:sequence></xs:complexType>`;

  it('accepts the same definition in two documents, whatever its position and documentation', async () => {
    const d = await parseTwoDefinitions(type('a', 'first copy'), `\n\n  ${type('a')}`);
    expect(d.items).toEqual([]);
  });

  it('reports a different definition at the second one, naming the first', async () => {
    const d = await parseTwoDefinitions(type('a'), `\n${type('b')}`);
    expect(d.items.map((x) => [x.code, x.file, x.line, x.col])).toEqual([['DUPLICATE_DEFINITION', 'second.xsd', 3, 1]]);
    expect(d.items[0]?.message).toMatch(/\{urn:t\}T is defined twice with different content \(first at first\.xsd:2:1\)/);
  });
});
