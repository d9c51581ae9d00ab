import { Diagnostics, GenerationError } from '../../../generator/diagnostics';
import type { ComplexTypeDef, ElementDecl, ElementParticle, GroupParticle, IR, SimpleTypeDef } from '../../../generator/ir';
import { MAX_DERIVATION_DEPTH } from '../../../generator/resolve/limits';
import { checkElementNames, checkQNameItems, computeDerivedTypes, computeReachability, expandSubstitutionGroups, flattenExtensions, markXsiTypeBlocked, settleQNameValues } from '../../../generator/resolve/passes';
import { repeatedNames } from '../../../generator/resolve/assign-identifiers';

const NS = 'urn:t';
const q = (l: string): string => `{${NS}}${l}`;
const at = { file: 'hand-built.xsd', line: 1, col: 1 };
const STR = '{http://www.w3.org/2001/XMLSchema}string';

function el(name: string, type = STR, extra: Partial<ElementParticle> = {}): ElementParticle {
  return { kind: 'element', name: q(name), type, nillable: false, min: 1, max: 1, substitutes: [], abstract: false, propName: '', origin: at, ...extra };
}
function seq(...particles: GroupParticle['particles']): GroupParticle {
  return { kind: 'sequence', min: 1, max: 1, particles, origin: at };
}
function complex(name: string, extra: Partial<ComplexTypeDef> = {}): ComplexTypeDef {
  return { kind: 'complex', name: q(name), tsName: '', anonymous: false, origin: at, abstract: false, mixed: false, content: 'elements', ownAttributes: [], prohibitedAttributes: [], attributes: [], derivedTypes: [], ...extra };
}
function decl(name: string, type: string, extra: Partial<ElementDecl> = {}): ElementDecl {
  return { name: q(name), type, nillable: false, abstract: false, substitutes: [], origin: at, ...extra };
}
function ir(types: ComplexTypeDef[], elements: ElementDecl[] = [], bodyElement?: string): IR {
  return {
    irVersion: 3,
    entry: 'hand-built.wsdl',
    targetNamespace: NS,
    types: Object.fromEntries(types.map((t) => [t.name, t])),
    elements: Object.fromEntries(elements.map((e) => [e.name, e])),
    bindings: bodyElement
      ? [{ name: q('B'), tsName: '', portType: q('P'), soapVersion: '1.1', transport: '', endpoints: [], origin: at, operations: [{ name: 'Op', propName: '', soapAction: '', style: 'document', origin: at, input: { message: q('M'), headers: [], bodyParts: [{ name: 'p', element: q(bodyElement), origin: at }] } }] }]
      : [],
    reachable: { types: [], elements: [] },
    documents: [],
  };
}

describe('flattenExtensions', () => {
  it('puts the base content first and lets own attributes override inherited ones', () => {
    const attr = (n: string, use: 'required' | 'optional') => ({ name: n, type: STR, use, propName: '', origin: at });
    const input = ir([
      complex('Derived', { base: q('Base'), derivation: 'extension', ownParticle: seq(el('c')), ownAttributes: [attr('id', 'required')] }),
      complex('Base', { ownParticle: seq(el('a'), el('b')), ownAttributes: [attr('id', 'optional'), attr('lang', 'optional')] }),
    ]);
    const out = flattenExtensions(input, new Diagnostics());
    const d = out.types[q('Derived')] as ComplexTypeDef;
    const names = (g: GroupParticle | undefined): string[] => (g ? g.particles.flatMap((p) => (p.kind === 'element' ? [p.name] : p.kind === 'any' ? [] : names(p))) : []);
    expect(names(d.particle)).toEqual([q('a'), q('b'), q('c')]);
    expect(d.attributes.map((a) => [a.name, a.use])).toEqual([['lang', 'optional'], ['id', 'required']]);
    // The input is not mutated.
    expect((input.types[q('Derived')] as ComplexTypeDef).particle).toBeUndefined();
  });

  it('drops attributes a restriction prohibits and keeps the restriction\'s own particle', () => {
    const out = flattenExtensions(
      ir([
        complex('Base', { ownParticle: seq(el('a'), el('b', STR, { min: 0 })), ownAttributes: [{ name: 'x', type: STR, use: 'optional', propName: '', origin: at }] }),
        complex('Narrow', { base: q('Base'), derivation: 'restriction', ownParticle: seq(el('a')), prohibitedAttributes: ['x'] }),
      ]),
      new Diagnostics(),
    );
    const n = out.types[q('Narrow')] as ComplexTypeDef;
    expect(n.particle?.particles).toHaveLength(1);
    expect(n.attributes).toEqual([]);
  });

  it('an extension admits the attributes its base admits as well; a restriction only those of its own wildcard', () => {
    const only = (...namespaces: string[]) => ({ kind: 'only' as const, namespaces });
    const out = flattenExtensions(
      ir([
        complex('Base', { anyAttribute: only('urn:b') }),
        complex('Wider', { base: q('Base'), derivation: 'extension', anyAttribute: only('urn:w') }),
        complex('Plain', { base: q('Base'), derivation: 'extension' }),
        complex('Narrow', { base: q('Base'), derivation: 'restriction', anyAttribute: only('urn:n') }),
        complex('Closed', { base: q('Base'), derivation: 'restriction' }),
      ]),
      new Diagnostics(),
    );
    const wildcard = (name: string): unknown => (out.types[q(name)] as ComplexTypeDef).anyAttribute;
    expect(wildcard('Wider')).toEqual(only('urn:b', 'urn:w'));
    expect(wildcard('Plain')).toEqual(only('urn:b'));
    expect(wildcard('Narrow')).toEqual(only('urn:n'));
    // XML Schema 1.0 3.4.2: a restriction's attribute wildcard is its own, never its base's.
    expect(wildcard('Closed')).toBeUndefined();
  });

  it(`stops a chain of more than ${MAX_DERIVATION_DEPTH} derivations with an error at the type`, () => {
    const chain = (n: number): ComplexTypeDef[] => Array.from({ length: n + 1 }, (_, i) => complex(`T${i}`, i < n ? { base: q(`T${i + 1}`), derivation: 'extension', ownParticle: seq(el(`e${i}`)) } : {}));
    const fine = new Diagnostics();
    flattenExtensions(ir(chain(MAX_DERIVATION_DEPTH)), fine);
    expect(fine.items).toEqual([]);
    const d = new Diagnostics();
    flattenExtensions(ir(chain(MAX_DERIVATION_DEPTH + 1)), d);
    expect(d.items.map((x) => [x.code, x.message])).toEqual([['DERIVATION_TOO_DEEP', `Type ${q('T0')} derives through more than ${MAX_DERIVATION_DEPTH} base types.`]]);
  });

  it('reports a derivation cycle with its path', () => {
    const d = new Diagnostics();
    flattenExtensions(ir([complex('A', { base: q('B'), derivation: 'extension' }), complex('B', { base: q('A'), derivation: 'extension' })]), d);
    expect(d.items.map((x) => x.code)).toContain('CIRCULAR_EXTENSION');
    expect(() => d.check()).toThrow(GenerationError);
  });
});

describe('expandSubstitutionGroups', () => {
  it('lists non-abstract members transitively, on declarations and on referencing particles', () => {
    const shape = complex('Holder', { particle: seq(el('Shape', q('ShapeType'), { ref: q('Shape'), abstract: true })) });
    const out = expandSubstitutionGroups(
      ir(
        [shape],
        [
          decl('Shape', q('ShapeType'), { abstract: true }),
          decl('Polygon', q('PolygonType'), { substitutionGroup: q('Shape'), abstract: true }),
          decl('Square', q('SquareType'), { substitutionGroup: q('Polygon') }),
          decl('Circle', q('CircleType'), { substitutionGroup: q('Shape') }),
        ],
      ),
    );
    expect(out.elements[q('Shape')]?.substitutes).toEqual([q('Circle'), q('Square')]);
    const p = (out.types[q('Holder')] as ComplexTypeDef).particle?.particles[0] as ElementParticle;
    expect(p.substitutes).toEqual([q('Circle'), q('Square')]);
  });

  it("lists none for a head that blocks substitution, and only the head's own block counts", () => {
    const out = expandSubstitutionGroups(
      ir(
        [],
        [
          decl('Stamp', STR, { blocksSubstitution: true }),
          decl('Sticker', STR, { substitutionGroup: q('Stamp') }),
          decl('Label', STR),
          decl('Tag', STR, { substitutionGroup: q('Label'), blocksSubstitution: true }),
          decl('Badge', STR, { substitutionGroup: q('Tag') }),
        ],
      ),
    );
    expect(out.elements[q('Stamp')]?.substitutes).toEqual([]);
    expect(out.elements[q('Label')]?.substitutes).toEqual([q('Badge'), q('Tag')]);
    expect(out.elements[q('Tag')]?.substitutes).toEqual([]);
  });

  it("leaves out a member whose type derives by a method the head's block or its type's block forbids", () => {
    const out = expandSubstitutionGroups(
      ir(
        [
          complex('Pet'),
          complex('Puppy', { base: q('Pet'), derivation: 'extension' }),
          complex('Guarded', { blocks: ['extension'] }),
          complex('Sentry', { base: q('Guarded'), derivation: 'extension' }),
          complex('Watchdog', { base: q('Sentry'), derivation: 'restriction' }),
        ],
        [
          decl('Animal', q('Pet'), { blocks: ['extension'] }),
          decl('Dog', q('Puppy'), { substitutionGroup: q('Animal') }),
          decl('Cat', q('Pet'), { substitutionGroup: q('Animal') }),
          decl('Guard', q('Guarded')),
          decl('Watch', q('Sentry'), { substitutionGroup: q('Guard') }),
          decl('Night', q('Watchdog'), { substitutionGroup: q('Watch') }),
          decl('Keeper', q('Pet')),
          decl('Pup', q('Puppy'), { substitutionGroup: q('Keeper') }),
        ],
      ),
    );
    // Before: Dog stood in for Animal, and Watch and Night for Guard; libxml2 refuses both.
    expect(out.elements[q('Animal')]?.substitutes).toEqual([q('Cat')]);
    // Night's type steps from Guarded by extension too (through Sentry): every step counts.
    expect(out.elements[q('Guard')]?.substitutes).toEqual([]);
    expect(out.elements[q('Watch')]?.substitutes).toEqual([q('Night')]);
    expect(out.elements[q('Keeper')]?.substitutes).toEqual([q('Pup')]);
  });

  it('lists every member of a 5,000-long chain, each element its own descendants', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => decl(`E${i}`, STR, i === 0 ? {} : { substitutionGroup: q(`E${i - 1}`) }));
    const out = expandSubstitutionGroups(ir([], chain));
    expect(out.elements[q('E0')]?.substitutes).toHaveLength(4999);
    expect(out.elements[q('E4998')]?.substitutes).toEqual([q('E4999')]);
  });
});

describe('computeDerivedTypes', () => {
  it('finds non-abstract descendants at any depth', () => {
    const out = computeDerivedTypes(
      ir([complex('Base', { abstract: true }), complex('Mid', { base: q('Base'), abstract: true }), complex('Leaf', { base: q('Mid') }), complex('Other', { base: q('Base') })]),
    );
    expect((out.types[q('Base')] as ComplexTypeDef).derivedTypes).toEqual([q('Leaf'), q('Other')]);
    expect((out.types[q('Leaf')] as ComplexTypeDef).derivedTypes).toEqual([]);
  });
});

describe('computeDerivedTypes: block', () => {
  it('leaves out a type whose derivation from the base, at any step, the base blocks', () => {
    const out = computeDerivedTypes(
      ir([
        complex('Base', { blocks: ['extension'] }),
        complex('Ext', { base: q('Base'), derivation: 'extension' }),
        complex('Narrow', { base: q('Base'), derivation: 'restriction' }),
        complex('NarrowExt', { base: q('Narrow'), derivation: 'extension' }),
        complex('NarrowNarrow', { base: q('Narrow'), derivation: 'restriction' }),
      ]),
    );
    expect((out.types[q('Base')] as ComplexTypeDef).derivedTypes).toEqual([q('Narrow'), q('NarrowNarrow')]);
    // Only the declared type's own block counts: Narrow blocks nothing.
    expect((out.types[q('Narrow')] as ComplexTypeDef).derivedTypes).toEqual([q('NarrowExt'), q('NarrowNarrow')]);
  });
});

describe('markXsiTypeBlocked', () => {
  it("marks the elements whose own block rules out every derived type, at some step of each; a reference takes the global declaration's", () => {
    const input = computeDerivedTypes(
      ir(
        [
          complex('Base'),
          complex('Ext', { base: q('Base'), derivation: 'extension' }),
          complex('ExtNarrow', { base: q('Ext'), derivation: 'restriction' }),
          complex('Abstract', { abstract: true }),
          complex('Concrete', { base: q('Abstract'), derivation: 'extension' }),
          complex('Holder', { particle: seq(el('local', q('Base'), { blocks: ['extension'] }), el('partly', q('Base'), { blocks: ['restriction'] }), el('G', q('Base'), { ref: q('G'), blocks: ['extension', 'restriction'] }), el('plain', q('Base'))) }),
        ],
        [decl('G', q('Base'), { blocks: ['extension', 'restriction'] }), decl('A', q('Abstract'), { blocks: ['extension'] }), decl('Leaf', q('ExtNarrow'), { blocks: ['extension'] })],
      ),
    );
    const out = markXsiTypeBlocked(input);
    const holder = out.types[q('Holder')] as ComplexTypeDef;
    const particles = (holder.particle as GroupParticle).particles as ElementParticle[];
    // partly: ExtNarrow steps by restriction, but Ext only by extension.
    expect(particles.map((p) => [p.name, p.xsiTypeBlocked ?? false])).toEqual([[q('local'), true], [q('partly'), false], [q('G'), true], [q('plain'), false]]);
    // Only partly blocked: the method that rules out the others (ExtNarrow), for the dispatcher to refuse.
    expect(particles.map((p) => [p.name, p.xsiTypeBlock])).toEqual([[q('local'), undefined], [q('partly'), 'restriction'], [q('G'), undefined], [q('plain'), undefined]]);
    // An abstract type keeps its derived types, those its block rules out marked; a type nothing derives from needs no mark.
    expect(Object.values(out.elements).map((e) => [e.name, e.xsiTypeBlocked ?? false, e.xsiTypeBlock])).toEqual([
      [q('G'), true, undefined],
      [q('A'), false, 'extension'],
      [q('Leaf'), false, undefined],
    ]);
    // The input is not mutated.
    expect(((input.types[q('Holder')] as ComplexTypeDef).particle as GroupParticle).particles.some((p) => p.kind === 'element' && p.xsiTypeBlocked)).toBe(false);
  });

  it('lets computeReachability skip the derived types of an element that blocks them all', () => {
    const types = [complex('Base'), complex('Ext', { base: q('Base'), derivation: 'extension' })];
    const reached = (blocks: ElementDecl['blocks']): string[] => computeReachability(markXsiTypeBlocked(computeDerivedTypes(ir(types, [decl('G', q('Base'), blocks ? { blocks } : {})], 'G'))), false).reachable.types;
    expect(reached(undefined)).toEqual([q('Base'), q('Ext')]);
    expect(reached(['extension'])).toEqual([q('Base')]);
  });
});

describe('computeReachability', () => {
  const types = [
    complex('Req', { particle: seq(el('item', q('ItemBase'))) }),
    complex('ItemBase', { derivedTypes: [q('ItemX')] }),
    complex('ItemX', { base: q('ItemBase') }),
    complex('RequestBase', { derivedTypes: [q('Req'), q('Unrelated')] }),
    complex('Unrelated', { base: q('RequestBase') }),
    complex('Orphan'),
  ];
  types[0] = { ...types[0], base: q('RequestBase') } as ComplexTypeDef;

  it('follows operations, element types, derived types of declared types, but not siblings reached only as a base', () => {
    const out = computeReachability(ir(types, [decl('Req', q('Req'))], 'Req'), false);
    expect(out.reachable.elements).toEqual([q('Req')]);
    expect(out.reachable.types).toEqual([q('ItemBase'), q('ItemX'), q('Req'), q('RequestBase')]);
  });

  it('takes everything with allTypes', () => {
    const out = computeReachability(ir(types, [decl('Req', q('Req'))], 'Req'), true);
    expect(out.reachable.types).toContain(q('Orphan'));
  });
});

describe('checkElementNames', () => {
  const INT = '{http://www.w3.org/2001/XMLSchema}int';
  const line = (n: number) => ({ ...at, line: n });
  const choice = (...particles: GroupParticle['particles']): GroupParticle => ({ kind: 'choice', min: 1, max: 1, particles, origin: at });
  const diagnose = (t: ComplexTypeDef): Diagnostics['items'] => {
    const d = new Diagnostics();
    checkElementNames({ ...ir([t]), reachable: { types: [t.name], elements: [] } }, d);
    return d.items;
  };
  const check = (t: ComplexTypeDef): Array<[string, string, number | undefined]> => diagnose(t).map((x) => [x.severity, x.code, x.line]);

  it('says a type has no valid instance only where it cannot do without an element that never appears', () => {
    const never = (): ElementParticle => el('h', STR, { abstract: true });
    const messages = (t: ComplexTypeDef): string[] => diagnose(t).map((x) => x.message);
    const [required] = messages(complex('T', { particle: seq(el('a'), never()) }));
    expect(required).toContain('which therefore has no valid instance');
    // In an optional group, or beside another alternative, the type has instances without it.
    for (const particle of [seq(el('a'), { ...seq(never()), min: 0 }), seq(choice(never(), el('b')))]) {
      const [message] = messages(complex('T', { particle }));
      expect(message).toContain('cannot appear in');
      expect(message).not.toContain('no valid instance');
    }
  });

  it('refuses one name declared with two types anywhere in a content model', () => {
    const t = complex('T', { particle: seq(el('a', STR, { origin: line(3) }), choice(el('b'), el('a', INT, { origin: line(5) }))) });
    expect(check(t)).toEqual([['error', 'ELEMENT_TYPES_DIFFER', 5]]);
  });

  it('finds a name that occurs again in a sequence, not one in alternatives of a choice, and does not warn of it', () => {
    const [a1, a2] = [el('a', STR, { origin: line(3) }), el('a', STR, { origin: line(5) })];
    const twice = seq(a1, el('b'), a2);
    expect([...repeatedNames(twice)]).toEqual([a2]);
    // Each place gets a property of its own, so there is nothing to warn about.
    expect(check(complex('T', { particle: twice }))).toEqual([]);
    expect(repeatedNames(choice(el('a'), seq(el('a'), el('b')))).size).toBe(0);
    // After a choice that may have held it, the name counts as seen.
    const [c1, c2] = [el('a', STR, { origin: line(3) }), el('a', STR, { origin: line(4) })];
    expect([...repeatedNames(seq(choice(c1, el('b')), c2))]).toEqual([c2]);
    // Within one repeated sequence too: readers tell the places apart by position in the occurrence.
    const [g1, g2] = [el('a', STR, { origin: line(3) }), el('a', STR, { origin: line(6) })];
    const group: GroupParticle = { ...seq(g1, el('b'), g2), max: 'unbounded' };
    expect([...repeatedNames(group)]).toEqual([g2]);
    expect(check(complex('T', { particle: group }))).toEqual([]);
  });
});

describe('settleQNameValues', () => {
  const QNAME = '{http://www.w3.org/2001/XMLSchema}QName';
  it('keeps resolved default and fixed values on QName declarations only, in a copy, and refuses an unresolved one that is reached', () => {
    const attr = (n: string, type: string, valueQName: string | null) => ({ name: n, type, use: 'optional' as const, fixed: 'p:v', valueQName, propName: '', origin: { ...at, line: 7 } });
    const T = complex('T', {
      particle: seq(el('code', QNAME, { default: 'p:a', valueQName: '{urn:p}a' }), el('text', STR, { default: 'p:a', valueQName: '{urn:p}a' })),
      attributes: [attr('kind', QNAME, '{urn:p}v'), attr('label', STR, '{urn:p}v'), attr('bad', QNAME, null)],
    });
    const input: IR = { ...ir([T], [decl('E', STR, { fixed: 'x', valueQName: 'x' })]), reachable: { types: [q('T')], elements: [q('E')] } };
    const d = new Diagnostics();
    const out = settleQNameValues(input, d);
    const t = out.types[q('T')] as ComplexTypeDef;
    const els = (t.particle?.particles ?? []) as ElementParticle[];
    expect(els.map((p) => p.valueQName)).toEqual(['{urn:p}a', undefined]);
    expect(t.attributes.map((a) => a.valueQName)).toEqual(['{urn:p}v', undefined, null]);
    expect(out.elements[q('E')]).not.toHaveProperty('valueQName');
    expect(d.items.map((x) => [x.code, x.line])).toEqual([['INVALID_DECLARATION', 7]]);
    // The input keeps everything.
    expect(((input.types[q('T')] as ComplexTypeDef).particle?.particles[1] as ElementParticle).valueQName).toBe('{urn:p}a');
    expect(input.elements[q('E')]?.valueQName).toBe('x');
  });
});

describe('checkQNameItems', () => {
  const XSD = 'http://www.w3.org/2001/XMLSchema';
  const simple = (name: string, extra: Partial<SimpleTypeDef>): SimpleTypeDef => ({ kind: 'simple', name: q(name), tsName: '', anonymous: false, origin: at, variety: 'atomic', builtin: 'string', facets: {}, ...extra });
  it('refuses a reachable union mixing QName members with others, directly, through a restriction or a list', () => {
    const types = [
      simple('Names', { variety: 'list', itemType: `{${XSD}}QName` }),
      simple('MyQName', { base: `{${XSD}}QName`, builtin: 'QName' }),
      simple('Either', { variety: 'union', memberTypes: [`{${XSD}}int`, q('MyQName')] }),
      simple('OrNames', { variety: 'union', memberTypes: [`{${XSD}}int`, q('Names')] }),
      simple('Fine', { variety: 'list', itemType: `{${XSD}}int` }),
      simple('FineToo', { variety: 'union', memberTypes: [`{${XSD}}int`, q('Fine')] }),
      // QNames only: a QName (WS-Addressing's FaultCodesOpenEnumType).
      simple('AllNames', { variety: 'union', memberTypes: [q('MyQName'), `{${XSD}}QName`] }),
      simple('NamesOrName', { variety: 'union', memberTypes: [q('Names'), `{${XSD}}QName`] }),
    ];
    const input: IR = { ...ir([]), types: Object.fromEntries(types.map((t) => [t.name, t])), reachable: { types: types.map((t) => t.name), elements: [] } };
    const d = new Diagnostics();
    checkQNameItems(input, d);
    expect(d.items.map((x) => [x.code, x.message.split(',')[0]])).toEqual([
      ['UNSUPPORTED_CONSTRUCT', `Type ${q('Either')} is a union of xs:QName with types that are not QNames`],
      ['UNSUPPORTED_CONSTRUCT', `Type ${q('OrNames')} is a union of xs:QName with types that are not QNames`],
      ['UNSUPPORTED_CONSTRUCT', `Type ${q('NamesOrName')} is a union of xs:QName with types that are not QNames`],
    ]);
  });

  it('checks the enumeration of QNames; says their other facets, and those of a list of QNames, are not', () => {
    const types = [
      simple('Names', { variety: 'list', itemType: `{${XSD}}QName` }),
      simple('FewNames', { base: q('Names'), facets: { maxLength: 2 } }),
      simple('Code', { base: `{${XSD}}QName`, builtin: 'QName', enumeration: ['p:a'], enumerationQNames: ['{urn:p}a'] }),
      simple('Plain', { base: `{${XSD}}QName`, builtin: 'QName' }),
      simple('Short', { base: `{${XSD}}QName`, builtin: 'QName', facets: { maxLength: 9 } }),
      simple('Unbound', { base: `{${XSD}}QName`, builtin: 'QName', enumeration: ['p:a', 'x:b'], enumerationQNames: ['{urn:p}a', null] }),
      // Not QNames: the resolved values are dropped, and nothing is said.
      simple('Words', { base: q('Plainer'), enumeration: ['x:y'], enumerationQNames: ['{urn:x}y'] }),
      simple('Plainer', { base: `{${XSD}}string` }),
    ];
    const input: IR = { ...ir([]), types: Object.fromEntries(types.map((t) => [t.name, t])), reachable: { types: types.map((t) => t.name), elements: [] } };
    const d = new Diagnostics();
    checkQNameItems(input, d);
    expect(d.items.map((x) => [x.severity, x.code, x.message.split(' with ')[0]])).toEqual([
      ['warning', 'QNAME_FACETS_NOT_CHECKED', `Type ${q('FewNames')} restricts lists of QNames`],
      ['warning', 'QNAME_FACETS_NOT_CHECKED', `Type ${q('Short')} restricts QNames`],
      ['error', 'INVALID_FACET', `Type ${q('Unbound')} enumerates QNames, and its value "x:b" is no QName whose prefix is declared where the facet stands.`],
    ]);
    // Reports only: what was resolved stays; settleQNameValues decides what to keep.
    expect(input.types[q('Words')]).toHaveProperty('enumerationQNames', ['{urn:x}y']);
    const settled = settleQNameValues(input, new Diagnostics());
    expect(settled.types[q('Words')]).not.toHaveProperty('enumerationQNames');
    expect(settled.types[q('Code')]).toHaveProperty('enumerationQNames', ['{urn:p}a']);
    // A copy: the input keeps its values.
    expect(input.types[q('Words')]).toHaveProperty('enumerationQNames', ['{urn:x}y']);
  });
});
