import type { IR, SimpleTypeDef } from '../../../generator/ir';
import { TsTypes } from '../../../generator/plan/ts-types';

const at = { file: 'x.xsd', line: 1, col: 1 };
const xs = (local: string): string => `{http://www.w3.org/2001/XMLSchema}${local}`;
const enumOf = (name: string, values: string[]): SimpleTypeDef => ({ kind: 'simple', name, tsName: name, anonymous: false, origin: at, variety: 'atomic', base: xs('string'), builtin: 'string', enumeration: values, facets: {} });
const unionOf = (name: string, memberTypes: string[]): SimpleTypeDef => ({ kind: 'simple', name, tsName: name, anonymous: false, origin: at, variety: 'union', builtin: 'string', memberTypes, facets: {} });

function aliasOf(name: string, types: SimpleTypeDef[]): string {
  const ir: IR = {
    irVersion: 3, entry: 'e', targetNamespace: 'urn:a', bindings: [], documents: [], elements: {},
    types: Object.fromEntries(types.map((t) => [t.name, t])),
    reachable: { types: types.map((t) => t.name), elements: [] },
  };
  return new TsTypes(ir, new Set(), new Set()).simple(name);
}

describe('TsTypes.simple', () => {
  it('lists each member of a union of unions once, in the order first met', () => {
    const types = [enumOf('Size', ['small', 'large']), unionOf('SizeOrText', ['Size', xs('string')]), unionOf('Any', ['SizeOrText', xs('int'), xs('string'), 'Size'])];
    expect(aliasOf('Any', types)).toBe("'small' | 'large' | string | number");
  });

  it('compares members, not their text: a value holding " | " is one member', () => {
    const types = [enumOf('Pipe', ['a | b', 'a']), enumOf('Letters', ['a', 'b']), unionOf('Both', ['Pipe', 'Letters'])];
    expect(aliasOf('Both', types)).toBe("'a | b' | 'a' | 'b'");
  });
});
