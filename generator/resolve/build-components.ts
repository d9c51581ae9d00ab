import { lexicalCheck } from '@wsdl-codegen/runtime/names';
import {
  XSD_NS,
  isBuiltin,
  type AttributeUse,
  type ComplexTypeDef,
  type Facets,
  type ElementDecl,
  type GroupParticle,
  type NamespaceConstraint,
  type Origin,
  type Particle,
  type QName,
  type SimpleTypeDef,
  type ValueConstraint,
} from '../ir';
import type { Diagnostics } from '../diagnostics';
import type { RawAttribute, RawParticle, RawSimpleType, SchemaModel } from '../parse/model';
import { intersectionOf } from '../wildcards';
import { ANY_TYPE, BUILTIN_LISTS, INTEGER_TYPES, STRING_TYPE, whiteSpaceOf, withWhiteSpace } from './builtins';
import { MAX_CONTENT_DEPTH } from './limits';
import { unknownReference } from './unknown';

export interface Components {
  types: Record<QName, SimpleTypeDef | ComplexTypeDef>;
  elements: Record<QName, ElementDecl>;
}

/**
 * Turns schema-model components into IR components: references checked,
 * model groups and attribute groups flattened in place (resolveQNames +
 * flattenGroups). Extensions are flattened by the next pass.
 */
export function buildComponents(model: SchemaModel, diagnostics: Diagnostics): Components {
  const types: Components['types'] = {};
  const elements: Components['elements'] = {};

  const typeExists = (key: QName): boolean => isBuiltin(key) || key in model.complexTypes || key in model.simpleTypes;
  const checkType = (key: QName | undefined, at: Origin, fallback: QName): QName => {
    if (key === undefined) return fallback;
    if (typeExists(key)) return key;
    unknownReference(model, diagnostics, 'UNKNOWN_TYPE', key, `Unknown type ${key}.`, 'Check the type name and namespace prefix, or add the schema that defines it (--schema-path).', at);
    return fallback;
  };
  const checkSimpleType = (key: QName | undefined, at: Origin): QName => {
    const t = checkType(key, at, STRING_TYPE);
    if (t in model.complexTypes) {
      const c = model.complexTypes[t];
      if (c && c.content !== 'simpleContent') {
        diagnostics.error('NOT_A_SIMPLE_TYPE', `${t} is a complex type and cannot type an attribute or a list/union member.`, 'Use a simple type.', at);
        return STRING_TYPE;
      }
    }
    return t;
  };

  // ------------------------------------------------------------ simple types
  const builtinRoot = (key: QName, seen: Set<QName>): string => {
    if (isBuiltin(key)) return key.slice(XSD_NS.length + 2);
    const st = model.simpleTypes[key];
    if (st) {
      if (seen.has(key)) return 'string';
      seen.add(key);
      if (st.variety !== 'atomic') return 'string';
      return st.base ? builtinRoot(st.base, seen) : 'string';
    }
    const ct = model.complexTypes[key];
    if (ct && ct.content === 'simpleContent' && ct.base) {
      if (seen.has(key)) return 'string';
      seen.add(key);
      return builtinRoot(ct.base, seen);
    }
    return 'string';
  };

  for (const st of Object.values(model.simpleTypes)) {
    const def: SimpleTypeDef = {
      kind: 'simple',
      name: st.name,
      tsName: '',
      anonymous: st.anonymous,
      origin: st.origin,
      variety: st.variety,
      builtin: 'string',
      facets: st.facets,
    };
    if (st.doc) def.doc = st.doc;
    if (st.variety === 'atomic') {
      def.base = checkSimpleType(st.base, st.baseOrigin ?? st.origin);
      def.builtin = builtinRoot(def.base, new Set([st.name]));
      if (st.enumeration) def.enumeration = st.enumeration;
      if (st.enumerationQNames) def.enumerationQNames = st.enumerationQNames;
      checkFacetValues(def, st, diagnostics);
    } else if (st.variety === 'list') {
      def.itemType = checkSimpleType(st.itemType, st.baseOrigin ?? st.origin);
    } else {
      def.memberTypes = (st.memberTypes ?? []).map((m) => checkSimpleType(m, st.baseOrigin ?? st.origin));
    }
    types[st.name] = def;
  }
  // A list's items are atomic or unions (XML Schema 1.0, cos-st-restricts 2.1): items of a list of
  // lists could not be told apart, both being separated by white space.
  const isList = (key: QName | undefined, seen = new Set<QName>()): boolean => {
    if (key === undefined || seen.has(key)) return false;
    seen.add(key);
    if (key.startsWith(`{${XSD_NS}}`)) return BUILTIN_LISTS.has(key.slice(XSD_NS.length + 2));
    const t = model.simpleTypes[key];
    return t !== undefined && (t.variety === 'list' || (t.variety === 'atomic' && isList(t.base, seen)));
  };
  // A simple type may not be defined in terms of itself, through its base, its item type or its
  // members (XML Schema 1.0 3.14.6, st-props-correct.2, cos-no-circular-unions). Each cycle is
  // reported once, at the first of its types that a walk in document order reaches.
  const inCycle = new Set<QName>();
  const settled = new Set<QName>();
  const findCycle = (key: QName, path: QName[]): QName[] | undefined => {
    const st = model.simpleTypes[key];
    if (st === undefined || settled.has(key)) return undefined;
    const at = path.indexOf(key);
    if (at >= 0) return [...path.slice(at), key];
    const next = st.variety === 'atomic' ? [st.base] : st.variety === 'list' ? [st.itemType] : (st.memberTypes ?? []);
    for (const n of next) {
      const cycle = n === undefined ? undefined : findCycle(n, [...path, key]);
      if (cycle) return cycle;
    }
    settled.add(key);
    return undefined;
  };
  for (const st of Object.values(model.simpleTypes)) {
    if (inCycle.has(st.name)) continue;
    const cycle = findCycle(st.name, []);
    if (cycle === undefined) continue;
    for (const k of cycle) {
      inCycle.add(k);
      settled.add(k);
    }
    const first = model.simpleTypes[cycle[0] ?? st.name] ?? st;
    diagnostics.error('CIRCULAR_SIMPLE_TYPE', `Simple type ${first.name} is defined in terms of itself (${cycle.join(' → ')}).`, 'Break the cycle: a simple type derives, in the end, from a built-in type.', first.origin);
  }
  for (const st of Object.values(model.simpleTypes)) {
    if (inCycle.has(st.name)) continue;
    if (st.variety !== 'list' || !isList(st.itemType)) continue;
    diagnostics.error(
      'INVALID_LIST',
      `The item type ${st.itemType ?? ''} of list type ${st.name} is itself a list: the items of a list must be atomic or unions.`,
      "Make the list of the item type's own items, or use a repeated element.",
      st.origin,
    );
  }

  // ------------------------------------------------------------ particles
  // `depth`: how deep the content model nests so far, group references included (see limits.ts).
  const convertParticle = (p: RawParticle, stack: QName[], depth: number): Particle | undefined => {
    if (depth > MAX_CONTENT_DEPTH && p.kind !== 'element' && p.kind !== 'any') {
      diagnostics.error('CONTENT_TOO_DEEP', `The content model nests more than ${MAX_CONTENT_DEPTH} deep here, counting model group references.`, 'A schema never needs this; flatten the groups or sequences.', p.origin);
      return undefined;
    }
    switch (p.kind) {
      case 'element': {
        let name: QName;
        let type: QName;
        let nillable = p.nillable;
        let abstract = false;
        let doc = p.doc;
        const extra: ValueConstraint & { ref?: QName; blocks?: Array<'extension' | 'restriction'> } = {};
        if (p.ref) {
          const g = model.elements[p.ref];
          if (!g) {
            unknownReference(model, diagnostics, 'UNKNOWN_ELEMENT', p.ref, `Unknown element ${p.ref}.`, 'Check the element name and namespace prefix, or add the schema that declares it.', p.origin);
            return undefined;
          }
          name = p.ref;
          extra.ref = p.ref;
          type = checkType(g.type, g.origin, ANY_TYPE);
          nillable = g.nillable;
          abstract = g.abstract;
          doc ??= g.doc;
          if (g.default !== undefined) extra.default = g.default;
          if (g.fixed !== undefined) extra.fixed = g.fixed;
          if (g.valueQName !== undefined) extra.valueQName = g.valueQName;
          if (g.valueQNames !== undefined) extra.valueQNames = g.valueQNames;
          if (g.blocks) extra.blocks = g.blocks;
        } else {
          name = p.name ?? '';
          type = checkType(p.type, p.origin, ANY_TYPE);
          if (p.blocks) extra.blocks = p.blocks;
        }
        if (p.default !== undefined) extra.default = p.default;
        if (p.fixed !== undefined) extra.fixed = p.fixed;
        if (p.valueQName !== undefined) extra.valueQName = p.valueQName;
        if (p.valueQNames !== undefined) extra.valueQNames = p.valueQNames;
        // An element with a fixed value cannot be nil (XML Schema 1.0 3.3.4, cvc-elt 3.2.3): no null for it.
        if (extra.fixed !== undefined) nillable = false;
        const out: Particle = { kind: 'element', name, type, nillable, min: p.min, max: p.max, substitutes: [], abstract, propName: '', origin: p.origin, ...extra };
        if (doc) out.doc = doc;
        return out;
      }
      case 'sequence':
      case 'choice':
      case 'all': {
        const particles: Particle[] = [];
        for (const c of p.particles) {
          const x = convertParticle(c, stack, depth + 1);
          // maxOccurs="0": the particle is no part of the content model (XML Schema 3.9.1).
          if (x && x.max !== 0) particles.push(x);
        }
        return group({ kind: p.kind, min: p.min, max: p.max, particles, origin: p.origin });
      }
      case 'groupRef': {
        const g = model.groups[p.ref];
        if (!g) {
          unknownReference(model, diagnostics, 'UNKNOWN_GROUP', p.ref, `Unknown model group ${p.ref}.`, 'Check the group name and namespace prefix, or add the schema that defines it.', p.origin);
          return undefined;
        }
        if (stack.includes(p.ref)) {
          diagnostics.error('CIRCULAR_GROUP', `Model group ${p.ref} refers to itself.`, 'Break the cycle.', p.origin);
          return undefined;
        }
        const inner = convertParticle(g.particle, [...stack, p.ref], depth + 1);
        if (!inner) return undefined;
        // The reference's occurrence applies to the group as a whole.
        if (inner.kind === 'element' || inner.kind === 'any') return { kind: 'sequence', min: p.min, max: p.max, particles: [inner], origin: p.origin };
        // The group's own particle occurs once, but what it simplified to need not: a sequence of
        // one repeated choice (MusicXML's music-data) is that choice, whose occurrence the
        // reference's must multiply, not replace. An xs:all stays the content model's top.
        if (inner.kind === 'all') return { ...inner, min: p.min, max: p.max };
        return group({ kind: 'sequence', min: p.min, max: p.max, particles: [inner], origin: p.origin });
      }
      case 'any':
        return { kind: 'any', min: p.min, max: p.max, namespace: p.namespace, processContents: p.processContents, propName: '', origin: p.origin };
    }
  };

  const asGroup = (p: Particle | undefined, at: Origin): GroupParticle | undefined => {
    if (!p || p.max === 0) return undefined;
    if (p.kind === 'sequence' || p.kind === 'choice' || p.kind === 'all') return p;
    return { kind: 'sequence', min: 1, max: 1, particles: [p], origin: at };
  };

  // ------------------------------------------------------------ attributes
  // The attribute wildcards of attribute groups narrow the one of their user: intersection.
  const narrowed = (a: NamespaceConstraint | undefined, b: NamespaceConstraint | undefined): NamespaceConstraint | undefined => (a && b ? intersectionOf(a, b) : a ?? b);
  const convertAttributes = (list: RawAttribute[], stack: QName[]): { attributes: AttributeUse[]; anyAttribute: NamespaceConstraint | undefined; prohibited: QName[] } => {
    const attributes: AttributeUse[] = [];
    const prohibited: QName[] = [];
    let anyAttribute: NamespaceConstraint | undefined;
    for (const a of list) {
      if (a.kind === 'attributeGroupRef') {
        const g = model.attributeGroups[a.ref];
        if (!g) {
          unknownReference(model, diagnostics, 'UNKNOWN_ATTRIBUTE_GROUP', a.ref, `Unknown attribute group ${a.ref}.`, 'Check the name and namespace prefix, or add the schema that defines it.', a.origin);
          continue;
        }
        if (stack.includes(a.ref)) {
          diagnostics.error('CIRCULAR_GROUP', `Attribute group ${a.ref} refers to itself.`, 'Break the cycle.', a.origin);
          continue;
        }
        const inner = convertAttributes(g.attributes, [...stack, a.ref]);
        attributes.push(...inner.attributes);
        prohibited.push(...inner.prohibited);
        anyAttribute = narrowed(anyAttribute, narrowed(g.anyAttribute, inner.anyAttribute));
        continue;
      }
      let name: QName;
      let type: QName | undefined = a.type;
      let doc = a.doc;
      let dflt = a.default;
      let fixed = a.fixed;
      let { valueQName, valueQNames } = a;
      if (a.ref) {
        const g = model.attributes[a.ref];
        if (!g) {
          unknownReference(model, diagnostics, 'UNKNOWN_ATTRIBUTE', a.ref, `Unknown attribute ${a.ref}.`, 'Check the name and namespace prefix, or add the schema that declares it.', a.origin);
          continue;
        }
        name = a.ref;
        type = g.type;
        doc ??= g.doc;
        // A use's own value constraint outranks the declaration's, its resolved QName with it.
        if (dflt === undefined && fixed === undefined) ({ valueQName, valueQNames } = g);
        dflt ??= g.default;
        fixed ??= g.fixed;
      } else {
        name = a.name ?? '';
      }
      if (a.use === 'prohibited') {
        prohibited.push(name);
        continue;
      }
      const use: AttributeUse = { name, type: checkSimpleType(type, a.origin), use: a.use, propName: '', origin: a.origin };
      if (dflt !== undefined) use.default = dflt;
      if (fixed !== undefined) use.fixed = fixed;
      if (valueQName !== undefined) use.valueQName = valueQName;
      if (valueQNames !== undefined) use.valueQNames = valueQNames;
      if (doc) use.doc = doc;
      attributes.push(use);
    }
    return { attributes, anyAttribute, prohibited };
  };

  // ------------------------------------------------------------ complex types
  /**
   * One use per attribute name (XML Schema 3.4.6): a second declaration of a name, own or from an
   * attribute group, is refused at its place; the same declaration reached twice through groups is
   * kept once.
   */
  const distinctAttributes = (list: AttributeUse[], owner: QName): AttributeUse[] => {
    const byName = new Map<QName, AttributeUse>();
    for (const a of list) {
      const first = byName.get(a.name);
      if (first === undefined) byName.set(a.name, a);
      else if (first.origin !== a.origin) {
        diagnostics.error(
          'DUPLICATE_ATTRIBUTE',
          `Attribute ${a.name} is declared twice for ${owner} (first at ${first.origin.file}:${first.origin.line}).`,
          'Remove one of the declarations, or the attribute group that repeats it.',
          a.origin,
        );
      }
    }
    return [...byName.values()];
  };

  for (const ct of Object.values(model.complexTypes)) {
    const converted = convertAttributes(ct.attributes, []);
    const { anyAttribute, prohibited } = converted;
    const attributes = distinctAttributes(converted.attributes, ct.name);
    const def: ComplexTypeDef = {
      kind: 'complex',
      name: ct.name,
      tsName: '',
      anonymous: ct.anonymous,
      origin: ct.origin,
      abstract: ct.abstract,
      mixed: ct.mixed,
      content: ct.content === 'simpleContent' ? 'simple' : 'elements',
      ownAttributes: attributes,
      attributes: [],
      prohibitedAttributes: prohibited,
      derivedTypes: [],
    };
    const wildcard = narrowed(ct.anyAttribute, anyAttribute);
    if (wildcard) def.anyAttribute = wildcard;
    if (ct.doc) def.doc = ct.doc;
    if (ct.blocks) def.blocks = ct.blocks;
    if (ct.base && ct.base !== ANY_TYPE) {
      def.base = checkType(ct.base, ct.baseOrigin ?? ct.origin, ANY_TYPE);
      if (def.base === ANY_TYPE) delete def.base;
    }
    if (def.base && ct.derivation) def.derivation = ct.derivation;
    if (def.content === 'simple') {
      // The text's type: a simple base, or the simple type a complex base carries (resolved in flattenExtensions).
      if (def.base && !(def.base in model.complexTypes)) def.simpleType = def.base;
      // A restriction may give its text a type of its own (an xs:simpleType inside it), which the facets after it restrict further.
      const textBase = ct.contentType ?? def.base ?? STRING_TYPE;
      if (ct.contentType !== undefined) def.simpleType = ct.contentType;
      if (ct.enumeration || (ct.facets && Object.keys(ct.facets).length)) {
        // A simpleContent restriction with facets: its value type is an anonymous simple type.
        const key = `${ct.name}/~value`;
        const valueType: SimpleTypeDef = {
          kind: 'simple',
          name: key,
          tsName: '',
          anonymous: true,
          origin: ct.origin,
          variety: 'atomic',
          base: textBase,
          builtin: builtinRoot(textBase, new Set()),
          facets: ct.facets ?? {},
        };
        if (ct.enumeration) valueType.enumeration = ct.enumeration;
        if (ct.enumerationQNames) valueType.enumerationQNames = ct.enumerationQNames;
        types[key] = valueType;
        def.simpleType = key;
      }
    } else {
      const own = asGroup(ct.particle ? convertParticle(ct.particle, [], 1) : undefined, ct.origin);
      if (ct.base === ANY_TYPE && ct.derivation === 'extension') {
        // Extending xs:anyType keeps its content (XML Schema 3.4.2): any elements, laxly, and text,
        // before what the extension adds; and its attribute wildcard. Typically attributes only.
        const anyContent: Particle = { kind: 'any', min: 0, max: 'unbounded', namespace: { kind: 'any' }, processContents: 'lax', propName: '', origin: ct.origin };
        def.ownParticle = { kind: 'sequence', min: 1, max: 1, particles: own ? [anyContent, own] : [anyContent], origin: ct.origin };
        def.mixed = own ? ct.mixed : true;
        def.anyAttribute = { kind: 'any' };
      } else if (own) def.ownParticle = own;
    }
    types[ct.name] = def;
  }

  // ------------------------------------------------------------ elements
  for (const el of Object.values(model.elements)) {
    const decl: ElementDecl = {
      name: el.name,
      type: checkType(el.type, el.origin, ANY_TYPE),
      // As for particles: one with a fixed value cannot be nil.
      nillable: el.nillable && el.fixed === undefined,
      abstract: el.abstract,
      substitutes: [],
      origin: el.origin,
    };
    if (el.blocksSubstitution) decl.blocksSubstitution = true;
    if (el.blocks) decl.blocks = el.blocks;
    if (el.default !== undefined) decl.default = el.default;
    if (el.fixed !== undefined) decl.fixed = el.fixed;
    if (el.valueQName !== undefined) decl.valueQName = el.valueQName;
    if (el.valueQNames !== undefined) decl.valueQNames = el.valueQNames;
    if (el.substitutionGroup) {
      if (!(el.substitutionGroup in model.elements)) {
        unknownReference(model, diagnostics, 'UNKNOWN_ELEMENT', el.substitutionGroup, `Unknown substitution group head ${el.substitutionGroup}.`, 'Check the element name and namespace prefix.', el.origin);
      } else {
        decl.substitutionGroup = el.substitutionGroup;
        // A member without a type takes the head's type.
        if (el.type === undefined) decl.type = checkType(model.elements[el.substitutionGroup]?.type, el.origin, ANY_TYPE);
      }
    }
    if (el.doc) decl.doc = el.doc;
    elements[el.name] = decl;
  }

  // An enumeration value is a value of its type, so the type's whiteSpace applies to it as it does
  // to the text a reader compares with it: xs:token's "  a  b " is "a b".
  for (const t of Object.values(types)) {
    // QNames are compared as resolved (settleQNameValues), whatever their prefixes and spaces.
    if (t.kind !== 'simple' || t.enumeration === undefined || t.builtin === 'QName' || t.builtin === 'NOTATION') continue;
    const ws = whiteSpaceOf(types, t);
    if (ws !== 'preserve') t.enumeration = [...new Set(t.enumeration.map((v) => withWhiteSpace(ws, v)))];
  }
  return { types, elements };
}

// The date, time and duration built-ins, which take bounds: XML Schema 1.0's, and 1.1's that restrict
// dateTime and duration (whose facets they keep).
const TEMPORAL: ReadonlySet<string> = new Set([
  'dateTime', 'date', 'time', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth', 'duration',
  'dateTimeStamp', 'dayTimeDuration', 'yearMonthDuration',
]);

type FacetName = keyof Facets | 'enumeration';

/** The facets each kind of built-in takes besides pattern and whiteSpace (XML Schema 1.0 Part 2, 4.1.5), and where they apply. */
const LENGTHS: readonly FacetName[] = ['length', 'minLength', 'maxLength', 'enumeration'];
const BOUNDS: readonly FacetName[] = ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'enumeration'];
const DIGITS: readonly FacetName[] = [...BOUNDS, 'totalDigits', 'fractionDigits'];
const WHERE: Readonly<Record<FacetName, string>> = {
  length: 'on strings, binary data and lists', minLength: 'on strings, binary data and lists', maxLength: 'on strings, binary data and lists',
  minInclusive: 'on numbers, dates and durations', maxInclusive: 'on numbers, dates and durations',
  minExclusive: 'on numbers, dates and durations', maxExclusive: 'on numbers, dates and durations',
  totalDigits: 'on decimals and integers', fractionDigits: 'on decimals and integers',
  enumeration: 'on types other than xs:boolean', pattern: 'everywhere', whiteSpace: 'everywhere',
};
const STRING_LIKE = new Set([
  'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS', 'ENTITY', 'ENTITIES',
  'NMTOKEN', 'NMTOKENS', 'anyURI', 'QName', 'NOTATION', 'hexBinary', 'base64Binary',
]);

/** The facets a type derived from built-in `builtin` may have; undefined for one this does not know. */
function applicableFacets(builtin: string): ReadonlySet<FacetName> | undefined {
  let own: readonly FacetName[];
  if (builtin === 'boolean') own = [];
  else if (builtin === 'decimal' || INTEGER_TYPES.has(builtin)) own = DIGITS;
  else if (builtin === 'float' || builtin === 'double' || TEMPORAL.has(builtin)) own = BOUNDS;
  else if (STRING_LIKE.has(builtin)) own = LENGTHS;
  else return undefined;
  return new Set<FacetName>(['pattern', 'whiteSpace', ...own]);
}

/**
 * A facet that does not apply to the type's built-in (enumeration on xs:boolean, length on xs:int)
 * makes the schema invalid, as validators say. A bound or enumeration value that is not a value of
 * a numeric or temporal type would never match: the runtime skips a bound it cannot read, and an
 * enumeration value it cannot parse is dead. A facet that does not apply is the error: its values
 * are not checked as values of the type too.
 */
function checkFacetValues(t: SimpleTypeDef, written: RawSimpleType, diagnostics: Diagnostics): void {
  const applicable = applicableFacets(t.builtin);
  const given: Array<[FacetName, Origin | undefined]> = (Object.keys(t.facets) as Array<keyof Facets>).map((f) => [f, written.facetOrigins?.[f]]);
  if (t.enumeration?.length) given.push(['enumeration', written.enumerationOrigins?.[0]]);
  const applies = (facet: FacetName): boolean => applicable === undefined || applicable.has(facet);
  for (const [facet, origin] of given) {
    if (applies(facet)) continue;
    diagnostics.error(
      'INVALID_FACET',
      `xs:${facet} does not apply to type ${t.name}, derived from xs:${t.builtin}: XML Schema allows it only ${WHERE[facet]}.`,
      facet === 'enumeration' ? 'Remove it; an xs:pattern (say "true|1") restricts the forms a boolean may take.' : 'Remove the facet, or derive the type from a built-in it applies to.',
      origin ?? t.origin,
    );
  }
  const form = lexicalCheck(t.builtin);
  if (form === undefined) return;
  // At the facet itself: a type may list hundreds of values.
  const bad = (what: string, value: string, origin: Origin | undefined): void =>
    diagnostics.error('INVALID_FACET', `${what} "${value}" of type ${t.name} is not a valid xs:${t.builtin}.`, `Write it in the lexical form of xs:${t.builtin}.`, origin ?? t.origin);
  for (const facet of ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'] as const) {
    const value = t.facets[facet];
    if (value !== undefined && applies(facet) && !form(value)) bad(facet, value, written.facetOrigins?.[facet]);
  }
  if (!applies('enumeration')) return;
  (t.enumeration ?? []).forEach((value, i) => {
    if (!form(value)) bad('Enumeration value', value, written.enumerationOrigins?.[i]);
  });
}

/**
 * A sequence or choice of one particle is that particle, its occurrences multiplied: k occurrences
 * of the group around p{min,max} are p{k·min, k·max}, taken when the counts leave no gap. For
 * min ≤ 1 they leave none, nor for one k: choice{2,2}(a) is a{2,2}, sequence{2,2}(a?) a{0,2},
 * sequence{1,2}(choice{1,2}(a, b)) is choice{1,4}(a, b), and writers and readers check those counts
 * (the nested form was checked against the inner group's minOccurs alone). sequence{0,3}(a{2}) holds
 * 0, 2, 4 or 6 a, which no count says: the group stays, a sequence (a choice of one particle is
 * one), whose occurrences are items ({ a: [x, y] }, isItemGroup) for an element.
 * - An element or wildcard stays wrapped in a once-only sequence: content is a group.
 * - A group occurring at most once takes the group's occurrences: choice{0,3}(sequence(key,
 *   value)) is sequence{0,3}(key, value), kept as pairs, and so is choice{0,3}(sequence?(key,
 *   value)); a repeated sequence of one single choice is that choice repeated (XML Signature's
 *   X509Data, <sequence maxOccurs="unbounded"><choice>…</choice></sequence>), whose items keep
 *   their document order wherever it stands.
 * - A once-only group of one group is the inner group: sequence(choice(a, b)) as an alternative of
 *   a repeated choice is a choice, not a nested group.
 */
function group(g: GroupParticle): GroupParticle {
  // maxOccurs="0": no part of the content model, which the caller leaves out by that max. Simplified,
  // it became a sequence occurring once of an element occurring never, and the element a property.
  if (g.max === 0) return g;
  const only = g.particles.length === 1 ? g.particles[0] : undefined;
  if (g.kind === 'all' || only === undefined || only.kind === 'all') return g;
  if (g.min === 1 && g.max === 1) return only.kind === 'element' || only.kind === 'any' ? { ...g, kind: 'sequence' } : only;
  if (only.min > 1 && g.min !== g.max) return { ...g, kind: 'sequence' };
  const [min, max] = [g.min * only.min, times(g.max, only.max)];
  if (only.kind === 'element' || only.kind === 'any') return { kind: 'sequence', min: 1, max: 1, particles: [{ ...only, min, max }], origin: g.origin };
  return group({ ...only, min, max });
}

/** The product of two occurrence bounds. */
function times(x: number | 'unbounded', y: number | 'unbounded'): number | 'unbounded' {
  return x === 0 || y === 0 ? 0 : x === 'unbounded' || y === 'unbounded' ? 'unbounded' : x * y;
}
