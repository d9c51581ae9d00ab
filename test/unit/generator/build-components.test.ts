import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostics } from '../../../generator/diagnostics';
import type { ComplexTypeDef } from '../../../generator/ir';
import { load } from '../../../generator/load';
import { parse } from '../../../generator/parse';
import { buildComponents } from '../../../generator/resolve/build-components';

const XS = 'http://www.w3.org/2001/XMLSchema';

async function typesOf(body: string): Promise<Record<string, ComplexTypeDef>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-components-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.xsd'), `<xs:schema xmlns:xs="${XS}" xmlns:t="urn:t" targetNamespace="urn:t">${body}</xs:schema>`);
    const diagnostics = new Diagnostics();
    const { types } = buildComponents(parse(await load({ entry: 'main.xsd', schemaPath: [], cwd: dir }, diagnostics), diagnostics), diagnostics);
    expect(diagnostics.items).toEqual([]);
    return types as Record<string, ComplexTypeDef>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('buildComponents: attribute wildcards', () => {
  it('narrows a type\'s xs:anyAttribute by those of its attribute groups, nested ones included', async () => {
    const types = await typesOf(`
      <xs:attributeGroup name="Inner"><xs:anyAttribute namespace="urn:a urn:b ##targetNamespace"/></xs:attributeGroup>
      <xs:attributeGroup name="Outer"><xs:attributeGroup ref="t:Inner"/><xs:anyAttribute namespace="##other"/></xs:attributeGroup>
      <xs:complexType name="Local"><xs:attributeGroup ref="t:Inner"/><xs:anyAttribute namespace="urn:b urn:c"/></xs:complexType>
      <xs:complexType name="GroupsOnly"><xs:attributeGroup ref="t:Outer"/></xs:complexType>
      <xs:complexType name="None"><xs:attribute name="x" type="xs:string"/></xs:complexType>`);
    expect(types['{urn:t}Local']?.anyAttribute).toEqual({ kind: 'only', namespaces: ['urn:b'] });
    expect(types['{urn:t}GroupsOnly']?.anyAttribute).toEqual({ kind: 'only', namespaces: ['urn:a', 'urn:b'] });
    expect(types['{urn:t}None']?.anyAttribute).toBeUndefined();
  });
});
