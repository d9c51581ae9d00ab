import { splitQName, type BindingDef, type ComplexTypeDef, type IR, type SimpleTypeDef } from '../../../generator/ir';
import { assignIdentifiers, propertyName } from '../../../generator/resolve/assign-identifiers';

const at = { file: 'x.xsd', line: 1, col: 1 };
const simple = (name: string, anonymous = false): SimpleTypeDef => ({ kind: 'simple', name, tsName: '', anonymous, origin: at, variety: 'atomic', builtin: 'string', facets: {} });
const complex = (name: string): ComplexTypeDef => ({ kind: 'complex', name, tsName: '', anonymous: false, origin: at, abstract: false, mixed: false, content: 'elements', ownAttributes: [], prohibitedAttributes: [], attributes: [], derivedTypes: [] });

function named(keys: Array<SimpleTypeDef | ComplexTypeDef>, tns = 'urn:a', reserved: string[] = []): Record<string, string> {
  const ir: IR = {
    irVersion: 3, entry: 'e', targetNamespace: tns, bindings: [], documents: [], elements: {},
    types: Object.fromEntries(keys.map((t) => [t.name, t])),
    reachable: { types: keys.map((t) => t.name), elements: [] },
  };
  const out = assignIdentifiers(ir, reserved);
  return Object.fromEntries(Object.values(out.types).map((t) => [t.name, t.tsName]));
}

describe('assignIdentifiers', () => {
  it('keeps valid names, fixes invalid characters and reserved words', () => {
    expect(named([simple('{urn:a}first-name'), simple('{urn:a}class'), simple('{urn:a}Object'), simple('{urn:a}9lives')])).toEqual({
      '{urn:a}first-name': 'first_name',
      '{urn:a}class': 'class_',
      '{urn:a}Object': 'Object_',
      '{urn:a}9lives': '_9lives',
    });
  });

  it('keeps letters of any script, and the XML name characters that ECMAScript allows in identifiers', () => {
    expect(named([simple('{urn:a}Größe'), simple('{urn:a}maß-einheit'), simple('{urn:a}öl·stand'), simple('{urn:a}Ωmega.ζ'), simple('{urn:a}٣x')])).toEqual({
      '{urn:a}Größe': 'Größe',
      '{urn:a}maß-einheit': 'maß_einheit',
      '{urn:a}öl·stand': 'öl·stand',
      '{urn:a}Ωmega.ζ': 'Ωmega_ζ',
      // An Arabic-Indic digit, like an ASCII one, cannot begin an identifier.
      '{urn:a}٣x': '_٣x',
    });
  });

  it('is case-insensitively unique with deterministic suffixes, whatever the input order', () => {
    const a = named([simple('{urn:a}Item'), simple('{urn:a}item')]);
    const b = named([simple('{urn:a}item'), simple('{urn:a}Item')]);
    expect(a).toEqual(b);
    expect(new Set(Object.values(a).map((n) => n.toLowerCase())).size).toBe(2);
  });

  it('gives the entry namespace and named types precedence over other namespaces and anonymous types', () => {
    const out = named([simple('{urn:b}Thing'), simple('{urn:a}Thing'), simple('{urn:a}/Thing', true)]);
    expect(out['{urn:a}Thing']).toBe('Thing');
    expect(out['{urn:b}Thing']).toBe('Thing_2');
    expect(out['{urn:a}/Thing']).toBe('Thing_3');
  });

  it('names anonymous types after their path', () => {
    expect(named([complex('{urn:a}Outer/Inner'), simple('{urn:a}/Root/Child/@status', true)])['{urn:a}/Root/Child/@status']).toBe('RootChildStatus');
  });

  it('never takes a reserved support name', () => {
    expect(named([simple('{urn:a}operations')], 'urn:a', ['operations'])['{urn:a}operations']).toBe('operations_2');
  });
});

describe('assignIdentifiers: clients', () => {
  const binding = (local: string): BindingDef => ({ name: `{urn:a}${local}`, tsName: '', portType: '{urn:a}P', soapVersion: local.includes('Soap12') ? '1.2' : '1.1', transport: '', operations: [], endpoints: [], origin: at });
  const clients = (bindings: string[], types: Array<SimpleTypeDef | ComplexTypeDef>): { clients: string[]; types: string[] } => {
    const ir: IR = {
      irVersion: 3, entry: 'e', targetNamespace: 'urn:a', documents: [], elements: {},
      bindings: bindings.map(binding),
      types: Object.fromEntries(types.map((t) => [t.name, t])),
      reachable: { types: types.map((t) => t.name), elements: [] },
    };
    const out = assignIdentifiers(ir, []);
    return { clients: out.bindings.map((b) => b.tsName), types: Object.values(out.types).map((t) => t.tsName) };
  };

  it('names a client after its binding, and the next binding with the same name after its full name', () => {
    // Bindings come sorted by name, so CXF's ServiceSoap12Binding comes before ServiceSoapBinding:
    // the SOAP 1.1 one still takes the plain name (before, the SOAP 1.2 client did).
    expect(clients(['Other', 'ServiceSoap12Binding', 'ServiceSoapBinding'], []).clients).toEqual(['OtherClient', 'ServiceSoap12BindingClient2', 'ServiceClient']);
    // Axis2 names its bindings ServiceSoap11Binding and ServiceSoap12Binding. Before, only the
    // SOAP 1.2 one lost its suffix, so the SOAP 1.2 client took the plain name.
    expect(clients(['ServiceSoap11Binding', 'ServiceSoap12Binding'], []).clients).toEqual(['ServiceClient', 'ServiceSoap12BindingClient2']);
  });

  it('gives way to a schema type named like the client, its options or its headers type; the type keeps its name', () => {
    for (const clash of ['ServiceClient', 'serviceclientoptions', 'ServiceClientHeaders']) {
      expect(clients(['ServiceBinding'], [complex(`{urn:a}${clash}`)])).toEqual({ clients: ['ServiceBindingClient2'], types: [clash] });
    }
    expect(clients(['ServiceBinding'], [complex('{urn:a}ServiceClientele')]).clients).toEqual(['ServiceClient']);
  });
});

describe('splitQName', () => {
  it('splits at the last brace: a namespace may hold one, a local name may not', () => {
    expect(splitQName('{urn:a}b')).toEqual({ namespace: 'urn:a', local: 'b' });
    expect(splitQName('{urn:e${y}z}R')).toEqual({ namespace: 'urn:e${y}z', local: 'R' });
    expect(splitQName('{}R')).toEqual({ namespace: '', local: 'R' });
    expect(splitQName('R')).toEqual({ namespace: '', local: 'R' });
  });
});

describe('propertyName', () => {
  it('renames what every object inherits, so that an absent element does not read as present', () => {
    expect(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'Constructor', 'value'].map(propertyName)).toEqual([
      'constructor_', 'toString_', 'valueOf_', 'hasOwnProperty_', '__proto___', 'Constructor', 'value',
    ]);
  });

  it("covers every member of this engine's Object.prototype (the list is fixed so that output does not depend on the engine)", () => {
    expect(Object.getOwnPropertyNames(Object.prototype).filter((name) => propertyName(name) === name)).toEqual([]);
  });
});
