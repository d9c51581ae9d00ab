import type { AnyParticle, ComplexTypeDef, ElementDecl, ElementParticle, GroupParticle, IR, NamespaceConstraint, Origin, Particle, QName, TypeDef } from '../ir';
import { isBuiltin, isItemGroup, isRepeated, splitQName, walkParticle } from '../ir';
import { propertyName } from '../resolve/assign-identifiers';

/**
 * How each schema type is presented in TypeScript. This is the one place that
 * decides shapes; the type declarations, readers and writers all follow it.
 *
 * - `simple`: a scalar (string, number, bigint, boolean, Uint8Array, literal union, array for xs:list).
 * - `object`: an interface with one property per element/attribute.
 * - `array`: a wrapper type (ArrayOfX: no attributes, one repeated child) presented as the array itself.
 * - `value`: simple content with attributes: `{ $value, ...attributes }`.
 */
export type Shape =
  | { kind: 'simple'; type: QName }
  | {
      kind: 'object';
      type: QName;
      properties: PropertyShape[];
      /**
       * Required choices that became optional properties, each as the names of all its alternatives'
       * properties: one of them must be present (none present is never valid).
       */
      requiredChoices: string[][];
      /**
       * Single choices whose alternatives became optional properties, each as its alternatives'
       * property names (a name that stands for elements elsewhere too is left out): a value may
       * hold names of one alternative only.
       */
      exclusiveChoices: string[][][];
      /** Optional sequences and alternatives of choices with parts they require (see groupsNeeding). */
      groupsNeeding: GroupNeeds[];
      /** Repeated choices kept as one list per alternative whose counts not every value satisfies. */
      countedChoices: CountedChoice[];
    }
  /**
   * `min`: the fewest items the content takes (0 when an occurrence can be empty); `max`: the most,
   * when the schema bounds them (see maxItems).
   */
  | { kind: 'array'; type: QName; item: ItemShape; min: number; max?: number }
  | { kind: 'value'; type: QName; valueType: QName; properties: PropertyShape[] };

/**
 * An optional sequence, or an alternative of a choice, whose properties are optional in the type:
 * a value holding any of `names` holds the group, which then needs one name of each clause.
 */
export interface GroupNeeds {
  names: string[];
  clauses: string[][];
}

/** One alternative of an element position: a wire element name and its declared type. */
export interface ElementAlternative {
  element: QName;
  type: QName;
  nillable: boolean;
  /** The key used in an element-keyed union (`{ ItemId: ... }`). */
  key: string;
  /** The declaration's value constraint: what an empty element means. */
  default?: string;
  fixed?: string;
  /** For a QName type: that value, resolved where the schema wrote it. */
  valueQName?: QName;
  /** For a list of QNames: each item, resolved there. */
  valueQNames?: QName[];
  /** Its declaration's block rules out every derived type: it holds its type alone, no xsi:type. */
  xsiTypeBlocked?: true;
  /** Its declaration's block rules out the derived types that take a step by this method, not all: the dispatcher refuses those. */
  xsiTypeBlock?: 'extension' | 'restriction';
  /**
   * In an item of a repeated choice, an alternative that each occurrence holds a fixed number of
   * times (b{2}): that number, the item holding a list of them.
   */
  count?: number;
}

/** What an element's reader needs to know of its declaration's value constraint. */
export type ValueConstraint = Pick<ElementAlternative, 'element' | 'default' | 'fixed' | 'valueQName' | 'valueQNames' | 'xsiTypeBlocked' | 'xsiTypeBlock'>;

/** The alternative of a particle or a global element declaration, under its own name. */
export function alternative(e: ElementParticle | ElementDecl): ElementAlternative {
  // A key is a property of the item, named as properties are: `'toString' in item` holds for every item.
  const alt: ElementAlternative = { element: e.name, type: e.type, nillable: e.nillable, key: propertyName(splitQName(e.name).local) };
  if (e.default !== undefined) alt.default = e.default;
  if (e.fixed !== undefined) alt.fixed = e.fixed;
  if (typeof e.valueQName === 'string') alt.valueQName = e.valueQName;
  if (Array.isArray(e.valueQNames)) alt.valueQNames = e.valueQNames;
  if (e.xsiTypeBlocked) alt.xsiTypeBlocked = true;
  if (e.xsiTypeBlock !== undefined) alt.xsiTypeBlock = e.xsiTypeBlock;
  return alt;
}

/**
 * What one position of a wrapper array (or a repeated choice property) holds:
 * a single element, or an element-keyed union of alternatives.
 */
export type ItemShape =
  | { kind: 'element'; alt: ElementAlternative }
  /**
   * `any`: a wildcard among the alternatives, whose items are `{ $any: XmlAnyElement }`; `text`:
   * the character data of mixed content between them, as items `{ $text: string }`; `seqs`:
   * sequences of elements among the alternatives, whose items are `{ $sequence: { ... } }`.
   */
  | { kind: 'union'; alts: ElementAlternative[]; any?: NamespaceConstraint; text?: true; seqs?: SequenceAlternative[] };

/**
 * A sequence of plain elements, and of single choices of them, among the alternatives of a
 * repeated choice: one item per occurrence.
 */
export interface SequenceAlternative {
  key: string;
  group: GroupParticle;
  /** Its elements, in order, as properties of the item. */
  properties: PropertyShape[];
  /** For each property, its place in the sequence: the alternatives of a choice share one. */
  places: number[];
  /** Its single choices, each of which an occurrence takes one alternative of. */
  choices: ItemChoice[];
}

/**
 * A single choice in a sequence kept as items (a repeated sequence, a sequence alternative of a
 * repeated choice): each alternative's property names in the item, one element's or a sequence's
 * elements', `needs`, those the alternative requires once it is taken, and `counts`, how many
 * items each of its repeated elements holds once it is taken (min above one, or a bounded max);
 * `required` when an occurrence must take one alternative.
 */
export interface ItemChoice {
  alternatives: Array<{ names: string[]; needs: string[]; counts: Array<{ name: string; local: string; min: number; max?: number }> }>;
  required: boolean;
}

export type PropertyShape =
  | {
      kind: 'element';
      name: string;
      optional: boolean;
      repeated: boolean;
      /** False inside a repeated group or an xs:all, where siblings legitimately come in any order (no order check). */
      ordered: boolean;
      particle: ElementParticle;
      /** More than the declared element may appear (substitution group): an element-keyed union. */
      alternatives?: ElementAlternative[];
      /** 2, 3, …: the element's name occurs earlier in the sequence, which has a property per place. */
      place?: number;
      /** The most items a repeated element's list holds, when its maxOccurs bounds them (see `bound`). */
      max?: number;
    }
  /**
   * `max`: the most items (occurrences of the choice), when the schema bounds them; `min`: the
   * fewest, where a repeated group around the choice multiplies its own (see spanOf). `ordered`
   * as for an element: its items follow what comes before the choice and precede what comes after it.
   */
  | { kind: 'choice'; name: string; optional: boolean; ordered: boolean; group: GroupParticle; item: ItemShape; max?: number; min?: number }
  /**
   * A repeated sequence of several particles: an array of item objects, so that A B A B keeps its pairs. `min` as for a choice.
   * `ordered` as for a choice. `choices`: its single choices of elements and sequences of them, each of which an item takes one alternative of.
   */
  | { kind: 'group'; name: string; optional: boolean; ordered: boolean; group: GroupParticle; properties: PropertyShape[]; choices: ItemChoice[]; max?: number; min?: number }
  /** `min`: the elements a required wildcard takes at least (0 when optional); `max`: the most, when bounded. */
  | { kind: 'any'; name: string; optional: boolean; repeated: boolean; namespace: NamespaceConstraint; min: number; max?: number }
  | { kind: 'attribute'; name: string; optional: boolean; attribute: ComplexTypeDef['attributes'][number] }
  | { kind: 'anyAttribute'; name: string; namespace: NamespaceConstraint }
  /** `into`: mixed content whose character data is kept as items of that ordered choice. */
  | { kind: 'text'; name: string; into?: string }
  | { kind: 'xsiType'; name: string; values: string[] };

export function elementAlternatives(ir: IR, p: ElementParticle | ElementDecl): ElementAlternative[] {
  const alts: ElementAlternative[] = [];
  if (!p.abstract) alts.push(alternative(p));
  for (const s of p.substitutes) {
    const decl = ir.elements[s];
    if (decl) alts.push(alternative(decl));
  }
  return uniqueKeys(alts);
}

/** Keys of an element-keyed union must be distinct: same local name in two namespaces gets a suffix. */
function uniqueKeys(alts: ElementAlternative[]): ElementAlternative[] {
  const seen = new Set<string>();
  return alts.map((a) => {
    let key = a.key;
    for (let i = 2; seen.has(key); i++) key = `${a.key}_${i}`;
    seen.add(key);
    return { ...a, key };
  });
}

/**
 * A repeated choice of elements becomes one ordered union-array property. A choice nested in it
 * adds its alternatives ((a | (b | c)+)* is (a | b | c)*, XHTML's and DocBook's inline and block
 * groups), and so does a sequence whose particles may each be absent ((a | (b*, c?))* is
 * (a | b | c)* too, Java EE's descriptionGroup in web.xml). Another sequence of plain elements is
 * an alternative of its own, items `{ $sequence: { b, c } }`, also where sequences that occur once
 * hold some of them (a named group's) and with single choices of elements. An element that each
 * occurrence holds a fixed number of times gives items `{ b: [x, y] }`. Other groups in a sequence
 * alternative, or another alternative that must occur twice ((a | b{2,3})* cannot hold one b, nor
 * an item one element of any{2}), leave the choice to one property per name.
 */
function choiceItem(ir: IR, g: GroupParticle): ItemShape | undefined {
  if (g.kind !== 'choice' || !isRepeated(g.max) || g.particles.length < 2) return undefined;
  const alts: ElementAlternative[] = [];
  const sequences: GroupParticle[] = [];
  let any: NamespaceConstraint | undefined;
  const add = (particles: readonly Particle[]): boolean =>
    particles.every((p) => {
      // One wildcard alternative (XML Signature's KeyInfo: its elements, or any of another namespace).
      if (p.kind === 'any' && p.min <= 1 && any === undefined) any = p.namespace;
      else if (p.kind === 'choice' && p.min <= 1) return add(p.particles);
      else if (p.kind === 'sequence' && p.min <= 1 && p.particles.every(emptiable)) return add(p.particles);
      else if (p.kind === 'sequence' && p.min <= 1 && flatSequence(p).every((c) => plainElement(c) || (c.kind === 'choice' && c.max === 1 && c.particles.every(plainElement)))) sequences.push(p);
      else if (p.kind === 'element' && p.min <= 1) alts.push(...elementAlternatives(ir, p));
      else if (fixedCount(p)) alts.push({ ...alternative(p), count: p.min });
      else return false;
      return true;
    });
  if (!add(g.particles)) return undefined;
  // A reader tells the alternatives apart by element name: each name must belong to one of them.
  const elements = (c: Particle): ElementParticle[] => (c.kind === 'element' ? [c] : c.kind === 'choice' ? c.particles.flatMap(elements) : []);
  const names = [...alts.map((a) => a.element), ...sequences.flatMap((q) => flatSequence(q).flatMap(elements).map((e) => e.name))];
  if (sequences.length && new Set(names).size < names.length) return undefined;
  const seqs = sequences.map((group, k): SequenceAlternative => {
    const properties: PropertyShape[] = [];
    const places: number[] = [];
    const choices: ItemChoice[] = [];
    flatSequence(group).forEach((c, place) => {
      const before = properties.length;
      collect(ir, c, false, false, properties);
      while (places.length < properties.length) places.push(place);
      const choice = itemChoice(c, properties.slice(before));
      if (choice !== undefined) choices.push(choice);
    });
    return { key: k === 0 ? '$sequence' : `$sequence${k + 1}`, group, properties, places, choices };
  });
  if (!alts.length && !seqs.length && any === undefined) return undefined;
  return { kind: 'union', alts: uniqueKeys(alts), ...(any !== undefined ? { any } : {}), ...(seqs.length ? { seqs } : {}) };
}

/**
 * A single choice in a sequence kept as items, whose alternatives are each an element or a
 * sequence of elements (strike | (spare, bonus)), with `props`, the properties collect made of it:
 * each element its own property, none shared with another. Undefined for any other particle.
 */
function itemChoice(c: Particle, props: readonly PropertyShape[]): ItemChoice | undefined {
  if (c.kind !== 'choice' || c.max !== 1) return undefined;
  const alternatives: ItemChoice['alternatives'] = [];
  for (const a of c.particles) {
    const elements = a.kind === 'element' ? [a] : a.kind === 'sequence' && a.max === 1 ? a.particles : [];
    if (!elements.length || !elements.every((e): e is ElementParticle => e.kind === 'element')) return undefined;
    const counts = elements.flatMap((e) => (isRepeated(e.max) && (e.min > 1 || e.max !== 'unbounded') ? [{ name: e.propName, local: splitQName(e.name).local, min: e.min, ...(e.max !== 'unbounded' ? { max: e.max } : {}) }] : []));
    alternatives.push({ names: elements.map((e) => e.propName), needs: elements.filter((e) => e.min > 0).map((e) => e.propName), counts });
  }
  const names = alternatives.flatMap((a) => a.names);
  if (new Set(names).size < names.length || props.length !== names.length || !props.every((x) => x.kind === 'element' && names.includes(x.name))) return undefined;
  return { alternatives, required: !emptiable(c) };
}

/**
 * The particles of a sequence with the sequences it holds once each (a named group's, say) put in
 * their place: (a, (b, c)) is (a, b, c).
 */
function flatSequence(g: GroupParticle): Particle[] {
  return g.particles.flatMap((c) => (c.kind === 'sequence' && c.min === 1 && c.max === 1 ? flatSequence(c) : [c]));
}

/** An element that each occurrence of its choice holds a fixed number of times, two or more (b{2}). */
function fixedCount(p: Particle): p is ElementParticle {
  return p.kind === 'element' && p.min > 1 && p.min === p.max && plainElement(p);
}

/** An element particle that stands for itself only (no substitution group). */
function plainElement(p: Particle): boolean {
  return p.kind === 'element' && !p.substitutes.length && !p.abstract;
}

/**
 * Where a type's order is not kept. `repeated`: a repeated choice that choiceItem leaves to one
 * property per name (readers and writers keep the elements of each name in order, not the order
 * between names). `crossed`: a single choice whose alternatives order the same names both ways
 * (orderAlternatives), written in the first alternative's order. `text`: mixed content with
 * elements whose character data is one `$text`, written before them (not items of an ordered choice).
 */
export function unkeptOrders(t: TypeDef, shape: Shape): Array<{ origin: Origin; kind: 'repeated' | 'crossed' | 'text' }> {
  const out: Array<{ origin: Origin; kind: 'repeated' | 'crossed' | 'text' }> = [];
  if (t.kind !== 'complex' || t.particle === undefined || shape.kind !== 'object') return out;
  const kept = keptGroups(shape.properties);
  walkParticle(t.particle, (p) => {
    if (p.kind === 'choice' && p.propName !== undefined && !kept.has(p)) out.push({ origin: p.origin, kind: 'repeated' });
    else if (p.kind === 'choice' && crossedChoices.has(p)) out.push({ origin: p.origin, kind: 'crossed' });
  });
  const loose = shape.properties.some((p) => p.kind === 'text' && p.into === undefined);
  if (loose && shape.properties.some((p) => p.kind === 'element' || p.kind === 'choice' || p.kind === 'group' || p.kind === 'any')) out.push({ origin: t.origin, kind: 'text' });
  return out;
}

/** The single choices orderAlternatives could not put in one order, for unkeptOrders. */
const crossedChoices = new WeakSet<GroupParticle>();

/** The groups that properties stand for as a whole (repeated sequences, ordered choices), nested ones included. */
export function keptGroups(props: readonly PropertyShape[], out = new Set<GroupParticle>()): Set<GroupParticle> {
  for (const p of props) {
    if (p.kind === 'group') {
      out.add(p.group);
      keptGroups(p.properties, out);
    } else if (p.kind === 'choice') {
      out.add(p.group);
      for (const q of p.item.kind === 'union' ? (p.item.seqs ?? []) : []) keptGroups(q.properties, out);
    }
  }
  return out;
}

export function shapeOf(ir: IR, t: TypeDef, polymorphic: ReadonlySet<QName>): Shape {
  if (t.kind === 'simple') return { kind: 'simple', type: t.name };
  const props: PropertyShape[] = [];
  const checks: ChoiceChecks = { required: [], counted: [] };
  if (polymorphic.has(t.name)) props.push({ kind: 'xsiType', name: '$type', values: [t.tsName] });

  if (t.content === 'simple') {
    // Text and nothing else (no attributes, no xsi:type): the value itself, not { $value }.
    if (!t.attributes.length && !t.anyAttribute && !polymorphic.has(t.name)) return { kind: 'simple', type: t.name };
    props.push({ kind: 'text', name: '$value' });
  } else if (t.particle) {
    const wrapper = arrayItem(ir, t);
    if (wrapper) {
      const max = maxItems(t.particle);
      return { kind: 'array', type: t.name, item: wrapper, min: minItems(t.particle), ...(max !== undefined ? { max } : {}) };
    }
    collect(ir, t.particle, false, false, props, false, checks);
    if (t.mixed) {
      // Mixed content around one ordered repeated choice (XHTML's and DocBook's inline content):
      // its character data becomes items of that list, so that text and elements keep their order.
      const content = props.filter((p) => p.kind === 'element' || p.kind === 'choice' || p.kind === 'group' || p.kind === 'any');
      const only = content.length === 1 ? content[0] : undefined;
      // Not with sequence alternatives, nor b{2}: text may stand inside one of their occurrences.
      if (only?.kind === 'choice' && only.item.kind === 'union' && only.item.seqs === undefined && !only.item.alts.some((a) => a.count !== undefined)) {
        only.item = { ...only.item, text: true };
        props.push({ kind: 'text', name: '$text', into: only.name });
      } else props.push({ kind: 'text', name: '$text' });
    }
  } else if (t.mixed) {
    props.push({ kind: 'text', name: '$text' });
  }
  for (const a of t.attributes) props.push({ kind: 'attribute', name: a.propName, optional: a.use !== 'required', attribute: a });
  if (t.anyAttribute) props.push({ kind: 'anyAttribute', name: '$anyAttributes', namespace: t.anyAttribute });
  if (t.content === 'simple') return { kind: 'value', type: t.name, valueType: t.simpleType ?? `{http://www.w3.org/2001/XMLSchema}string`, properties: props };
  // An element that never appears (abstract, nothing substitutes for it) has no property: the
  // checks name only properties, and leave out a group that would need such an element.
  const has = (name: string): boolean => props.some((p) => p.name === name);
  const kept = keptGroups(props);
  const uses = t.particle ? propertyUses(t.particle, kept) : new Map<string, number>();
  return {
    kind: 'object',
    type: t.name,
    properties: props,
    requiredChoices: checks.required,
    exclusiveChoices: (t.particle ? exclusiveChoices(t.particle, kept) : [])
      .map((alternatives) => alternatives.map((names) => names.filter(has)).filter((names) => names.length > 0))
      .filter((alternatives) => alternatives.length > 1),
    groupsNeeding: (t.particle ? groupsNeeding(t.particle, kept, uses) : []).filter((g) => g.names.every(has) && g.clauses.every((c) => c.every(has))),
    // A list that elements elsewhere in the content share counts them too: not checked then.
    countedChoices: checks.counted.filter((c) => c.alternatives.every((a) => uses.get(a.name) === 1)),
  };
}

/**
 * The fewest items a repeated particle's value holds: its minOccurs, through the single-child
 * groups arrayItem unwraps; 0 when an occurrence can be empty (an emptiable alternative), which
 * writes nothing.
 */
export function minItems(p: Particle): number {
  const g = listParticle(p);
  if (g.kind === 'element' || g.kind === 'any') return g.min;
  const empty = g.kind === 'choice' ? g.particles.some(emptiable) : g.particles.every(emptiable);
  return empty ? 0 : g.min;
}

/**
 * The most items a repeated particle's value holds, through the single-child groups arrayItem
 * unwraps, when its maxOccurs bounds them; undefined when unbounded, or when one occurrence of a
 * choice can give several items.
 */
export function maxItems(p: Particle): number | undefined {
  const g = listParticle(p);
  if (g.kind === 'choice' && !onePerOccurrence(g.particles)) return undefined;
  return bound(g.max);
}

/**
 * The particle whose occurrences are a list type's items: `p` through the groups of one particle
 * that occur once (<sequence><element maxOccurs="unbounded"/></sequence>).
 */
export function listParticle(p: Particle): Particle {
  let g = p;
  while ((g.kind === 'sequence' || g.kind === 'choice') && g.particles.length === 1 && g.min === 1 && g.max === 1 && g.particles[0] !== undefined) g = g.particles[0];
  return g;
}

/** A maxOccurs that bounds a list: above one and not unbounded. */
function bound(max: number | 'unbounded'): number | undefined {
  return max === 'unbounded' || max <= 1 ? undefined : max;
}

/**
 * Whether each occurrence of a repeated choice with these alternatives gives at most one item of
 * its list (choiceItem): no alternative repeats, and no sequence is spread into its elements.
 */
function onePerOccurrence(particles: readonly Particle[]): boolean {
  return particles.every((p) => {
    if (fixedCount(p)) return true; // one item holds them all
    if (p.max !== 1) return false;
    if (p.kind === 'choice') return onePerOccurrence(p.particles);
    return p.kind !== 'sequence' || !p.particles.every(emptiable);
  });
}

/** ArrayOfX: no attributes, not mixed, not part of a hierarchy, content = one repeated element or repeated choice. */
function arrayItem(ir: IR, t: ComplexTypeDef): ItemShape | undefined {
  if (t.attributes.length || t.anyAttribute || t.mixed || t.base || t.derivedTypes.length || !t.particle) return undefined;
  const g = listParticle(t.particle);
  if (g.kind === 'element') {
    if (!isRepeated(g.max) || g.substitutes.length || g.abstract) return undefined;
    return { kind: 'element', alt: alternative(g) };
  }
  if (g.kind === 'choice' && isRepeated(g.max)) {
    if (g.particles.length === 1) {
      const only = g.particles[0];
      if (only?.kind === 'element' && !only.substitutes.length && !only.abstract && only.max === 1) {
        return { kind: 'element', alt: alternative(only) };
      }
      return undefined;
    }
    return choiceItem(ir, g);
  }
  return undefined;
}

/**
 * A repeated choice whose alternatives are each one element or wildcard, kept as one list per
 * alternative (choiceItem did not take it): the lists' lengths must make a number of occurrences
 * of the choice from `min` to `max`, each occurrence holding an alternative's `min` to `max` items
 * ((a | b{2})+: at least one item, and b's in pairs). `max` undefined: unbounded.
 */
export interface CountedChoice {
  min: number;
  max?: number;
  alternatives: Array<{ name: string; wildcard: boolean; min: number; max?: number }>;
}

/** Where collect records what a value's properties must satisfy together. */
interface ChoiceChecks {
  /** Each required single choice: its alternatives' property names. */
  required: string[][];
  counted: CountedChoice[];
}

/** `anyOrder`: inside an xs:all, whose elements may come in any order (readers do not check it). */
function collect(ir: IR, p: Particle, optional: boolean, many: boolean, out: PropertyShape[], anyOrder = false, checks?: ChoiceChecks): void {
  const opt = optional || p.min === 0;
  const rep = many || isRepeated(p.max);
  switch (p.kind) {
    case 'element': {
      if (shared(out, p.propName, rep)) return; // same element named twice in one model: one property
      const prop: PropertyShape = { kind: 'element', name: p.propName, optional: opt, repeated: rep, ordered: !many && !anyOrder, particle: p };
      // Inside a repeated group, the group's occurrences multiply the element's.
      const max = many ? undefined : bound(p.max);
      if (max !== undefined) prop.max = max;
      if (p.substitutes.length || p.abstract) {
        prop.alternatives = elementAlternatives(ir, p);
        // An abstract element nothing substitutes for never appears (checkElementNames warns).
        if (prop.alternatives.length === 0) return;
      }
      const place = out.filter((x) => x.kind === 'element' && x.particle.name === p.name).length + 1;
      if (place > 1) prop.place = place;
      out.push(prop);
      return;
    }
    case 'any': {
      if (shared(out, p.propName)) return; // wildcards alike in a choice's alternatives: one property
      // A wildcard's property is a list even for one element: maxOccurs="1" bounds it too.
      const max = many || p.max === 'unbounded' ? undefined : p.max;
      out.push({ kind: 'any', name: p.propName, optional: opt, repeated: true, namespace: p.namespace, min: opt ? 0 : p.min, ...(max !== undefined ? { max } : {}) });
      return;
    }
    case 'choice': {
      const item = p.propName ? choiceItem(ir, p) : undefined;
      if (item && p.propName) {
        const max = many || !onePerOccurrence(p.particles) ? undefined : bound(p.max);
        out.push({ kind: 'choice', name: p.propName, optional: opt || p.min === 0, ordered: !anyOrder, group: p, item, ...(max !== undefined ? { max } : {}) });
        return;
      }
      // A single choice, or a repeated one choiceItem did not take: each alternative is an optional
      // property (a list when repeated). When a single choice is required and no alternative can
      // be empty, a value holding none of them is no content of the type.
      const before = out.length;
      const lists: CountedChoice['alternatives'] = [];
      for (const c of p.particles) {
        const at = out.length;
        // A repeated choice's alternatives come in any order among themselves.
        collect(ir, c, true, rep, out, anyOrder || rep, checks);
        const q = out.length === at + 1 ? out[at] : undefined;
        if ((q?.kind === 'element' || q?.kind === 'any') && (c.kind === 'element' || c.kind === 'any')) lists.push({ name: q.name, wildcard: c.kind === 'any', min: c.min, ...(c.max !== 'unbounded' ? { max: c.max } : {}) });
      }
      orderAlternatives(p, out, before);
      // Each alternative its own list: their counts are checked where they can fail (a required
      // choice, a bounded one, an alternative that must occur twice).
      const bounded = p.max !== 'unbounded';
      const needed = p.min > 0 && lists.every((a) => a.min > 0);
      if (checks && !many && rep && lists.length === p.particles.length && (bounded || needed || lists.some((a) => a.min > 1))) {
        checks.counted.push({ min: p.min, ...(bounded ? { max: p.max as number } : {}), alternatives: lists });
      }
      if (checks && !opt && !rep && !p.particles.some(emptiable)) {
        // What each alternative cannot be without: a value holding none of it holds no alternative.
        // Not any of its properties: XML Signature's PGPData ({ $any } alone) holds only what
        // follows the element each alternative requires.
        const kept = new Set(out.map((x) => x.name));
        const needs = p.particles.map((c) => oneOf(c, kept));
        if (needs.every((n) => n.length > 0)) checks.required.push([...new Set(needs.flat())]);
      }
      return;
    }
    case 'sequence':
    case 'all':
      if (p.propName && isItemGroup(p)) {
        const properties: PropertyShape[] = [];
        const choices: ItemChoice[] = [];
        for (const c of p.particles) {
          const before = properties.length;
          collect(ir, c, false, false, properties);
          const choice = itemChoice(c, properties.slice(before));
          if (choice !== undefined) choices.push(choice);
        }
        const max = many ? undefined : bound(p.max);
        out.push({ kind: 'group', name: p.propName, optional: opt, ordered: !anyOrder, group: p, properties, choices, ...(max !== undefined ? { max } : {}) });
        return;
      }
      for (const c of p.particles) collect(ir, c, opt, rep, out, anyOrder || p.kind === 'all', checks);
      if (!many && rep && p.particles.length === 1) spanOf(p, out[out.length - 1]);
      return;
  }
}

/**
 * A repeated sequence of one repeated particle that resolve left nested, as the counts leave gaps
 * (sequence{1,2}(choice{2,2}) holds 2 or 4 occurrences of the choice, not 3): the list of that
 * particle holds from the fewest to the most of the products, which writers and readers check. A
 * count between them (3) is not checked.
 */
function spanOf(g: GroupParticle, p: PropertyShape | undefined): void {
  const inner = g.particles[0];
  if (p === undefined || inner === undefined || !isRepeated(inner.max)) return;
  const most = g.max === 'unbounded' || inner.max === 'unbounded' ? undefined : g.max * inner.max;
  if (p.kind === 'any' && inner.kind === 'any') {
    if (!p.optional) p.min = g.min * inner.min;
    if (most !== undefined) p.max = most;
  } else if ((p.kind === 'choice' || p.kind === 'group') && p.group === inner) {
    p.min = g.min * minItems(inner);
    if (most !== undefined && (p.kind === 'group' || onePerOccurrence(inner.particles))) p.max = most;
  }
}

/**
 * Puts the properties a choice's alternatives added to `out` (from `from` on) in an order each
 * alternative keeps. A name in two alternatives is one property, placed where the first has it:
 * with (fax, phone | pager, phone), writers wrote pager after phone and readers took the second
 * alternative's order for out of order. The order kept is the first one that satisfies every
 * sequence in the choice; where none does (a, b | b, a), the properties stay as they are, and
 * readers do not check their order.
 */
function orderAlternatives(choice: GroupParticle, out: PropertyShape[], from: number): void {
  const own = out.slice(from);
  const index = new Map(own.map((q, i) => [q.name, i]));
  // What stands in the choice for each of its properties: a repeated group with a property of
  // its own is one, whose insides are its own.
  const unit = (q: Particle): string | undefined => (q.kind === 'element' || q.kind === 'any' || q.propName !== undefined ? q.propName : undefined);
  const names = (q: Particle, acc: number[] = []): number[] => {
    const name = unit(q);
    const i = name === undefined ? undefined : index.get(name);
    if (i !== undefined) acc.push(i);
    else if (name === undefined && q.kind !== 'element' && q.kind !== 'any') q.particles.forEach((c) => names(c, acc));
    return acc;
  };
  const all = names(choice);
  if (new Set(all).size === all.length) return; // no name in two places: each alternative's properties are in its order
  const after = own.map(() => new Set<number>());
  const visit = (q: Particle): void => {
    if (unit(q) !== undefined || q.kind === 'element' || q.kind === 'any') return;
    if (q.kind === 'sequence') {
      const parts = q.particles.map((c) => names(c));
      parts.forEach((a, i) => parts.slice(i + 1).forEach((b) => a.forEach((x) => b.forEach((y) => x !== y && after[x]?.add(y)))));
    }
    q.particles.forEach(visit);
  };
  visit(choice);
  // Kahn's sort, taking the earliest ready property each time: unconstrained ones keep their place.
  const waiting = own.map(() => 0);
  after.forEach((next) => next.forEach((y) => (waiting[y] = (waiting[y] ?? 0) + 1)));
  const order: number[] = [];
  const done = new Set<number>();
  while (order.length < own.length) {
    const ready = own.findIndex((_, i) => !done.has(i) && waiting[i] === 0);
    if (ready < 0) {
      // Writers keep the first order, which the other alternative may not; readers must not
      // take that alternative's order for a fault.
      for (const q of own) if ('ordered' in q) q.ordered = false;
      crossedChoices.add(choice);
      return;
    }
    order.push(ready);
    done.add(ready);
    after[ready]?.forEach((y) => (waiting[y] = (waiting[y] ?? 1) - 1));
  }
  out.splice(from, own.length, ...order.map((i) => own[i] as PropertyShape));
}

/**
 * Property names of which every occurrence of a particle that cannot be empty holds one: a
 * required element's or wildcard's own (or its group's, kept as one property), a sequence's first
 * required part's, each alternative's of a choice. Empty when that cannot be said.
 */
function oneOf(p: Particle, kept: ReadonlySet<string>): string[] {
  if (p.propName !== undefined && kept.has(p.propName)) return [p.propName];
  if (p.kind === 'element' || p.kind === 'any') return [];
  if (p.kind !== 'choice') {
    const first = p.particles.find((c) => !emptiable(c));
    return first === undefined ? [] : oneOf(first, kept);
  }
  const alternatives = p.particles.map((c) => oneOf(c, kept));
  return alternatives.every((n) => n.length > 0) ? alternatives.flat() : [];
}

/**
 * Whether `out` has a property of this name already. It then stands for several particles, and no
 * single maxOccurs bounds it; it is a list when one of them repeats (`repeated`: the new one does).
 */
function shared(out: PropertyShape[], name: string, repeated = false): boolean {
  const same = out.find((x) => x.name === name);
  if (same !== undefined && (same.kind === 'element' || same.kind === 'any')) delete same.max;
  if (same?.kind === 'element' && repeated) same.repeated = true;
  return same !== undefined;
}

/**
 * Types whose values may arrive with xsi:type. `bases`: declared types of
 * elements that have derived types in the output (read and written through a
 * dispatcher), but for elements whose block rules out all of those (xsiTypeBlocked);
 * `members`: those and their derived types (they carry `$type`).
 */
export function polymorphicTypes(ir: IR, emitted: ReadonlySet<QName>): { bases: Set<QName>; members: Set<QName> } {
  const out = new Set<QName>();
  const bases = new Set<QName>();
  const declared = new Set<QName>();
  for (const key of emitted) {
    const t = ir.types[key];
    if (t?.kind !== 'complex') continue;
    const visit = (p: Particle | undefined): void => {
      if (!p) return;
      if (p.kind === 'element') {
        if (!p.xsiTypeBlocked) declared.add(p.type);
      } else if (p.kind !== 'any') p.particles.forEach(visit);
    };
    visit(t.particle);
  }
  for (const e of Object.values(ir.elements)) if (emitted.has(e.type) && !e.xsiTypeBlocked) declared.add(e.type);
  // rpc parts are declared by type, and xsi:type may name a type derived from theirs as for an element.
  for (const b of ir.bindings) {
    for (const op of b.operations) {
      for (const m of [op.input, op.output]) for (const part of [...(m?.bodyParts ?? []), ...(m?.headers ?? []).map((h) => h.part)]) if (part.type !== undefined && emitted.has(part.type)) declared.add(part.type);
    }
  }
  for (const key of declared) {
    const t = ir.types[key];
    if (t?.kind !== 'complex' || isBuiltin(key)) continue;
    const derived = t.derivedTypes.filter((d) => emitted.has(d));
    if (!derived.length) continue;
    bases.add(key);
    out.add(key);
    derived.forEach((d) => out.add(d));
  }
  return { bases, members: out };
}

/**
 * The alternatives of each single (not repeated) xs:choice that readers see as optional
 * properties: for each element particle inside one, and each group kept as one property (`kept`:
 * a repeated sequence, an ordered repeated choice), the choices it is in and the branch it takes
 * in each (choices numbered in document order). A choice whose branches share an element name is
 * left out: one property then serves both branches, and its elements cannot tell which they are.
 * The elements of a kept group are properties of its items, which share nothing.
 */
export function choiceBranches(particle: Particle | undefined, kept: ReadonlySet<GroupParticle>): Map<ElementParticle | GroupParticle, Array<[choice: number, branch: number]>> {
  const out = new Map<ElementParticle | GroupParticle, Array<[number, number]>>();
  const shared = new Set<number>();
  let count = 0;
  const visit = (p: Particle, path: Array<[number, number]>): void => {
    if (p.kind === 'element' || (p.kind !== 'any' && kept.has(p))) {
      if (path.length) out.set(p, path);
      return;
    }
    if (p.kind === 'any' || isRepeated(p.max)) return; // repeated groups keep their own order rules
    if (p.kind !== 'choice') {
      for (const c of p.particles) visit(c, path);
      return;
    }
    const id = count++;
    const names = new Map<QName, number>();
    p.particles.forEach((c, k) => {
      for (const e of valueParticles(c, kept)) {
        if (e.kind !== 'element') continue;
        const seen = names.get(e.name);
        if (seen !== undefined && seen !== k) shared.add(id);
        names.set(e.name, k);
      }
      visit(c, [...path, [id, k]]);
    });
  };
  if (particle) visit(particle, []);
  for (const [e, path] of out) {
    const left = path.filter(([id]) => !shared.has(id));
    if (left.length) out.set(e, left);
    else out.delete(e);
  }
  return out;
}

/**
 * Whether a nil element of type `key` may carry attributes worth keeping (a value XmlNil besides
 * null): its type declares some.
 */
export function keepsNilAttributes(ir: IR, key: QName): boolean {
  const t = ir.types[key];
  return t?.kind === 'complex' && (t.attributes.length > 0 || t.anyAttribute !== undefined);
}

/**
 * For each single choice of choiceBranches with two or more alternatives that have properties of
 * their own, the property names of each alternative. A name is left out when an element outside
 * that alternative is kept under it too (the same element later in the sequence, or elsewhere).
 */
function exclusiveChoices(particle: Particle, kept: ReadonlySet<GroupParticle>): string[][][] {
  const branches = choiceBranches(particle, kept);
  const places = new Map<string, string[]>();
  for (const p of valueParticles(particle, kept)) {
    if (p.kind !== 'element') continue;
    const path = (branches.get(p) ?? []).map(([id, k]) => `${id}:${k}`);
    places.set(p.propName, [...(places.get(p.propName) ?? []), path.join(' ')]);
  }
  const byChoice = new Map<number, Map<number, Set<string>>>();
  for (const [e, path] of branches) {
    const name = e.propName;
    if (name === undefined || new Set(places.get(name)).size > 1) continue;
    for (const [id, k] of path) {
      const alternatives = byChoice.get(id) ?? new Map<number, Set<string>>();
      byChoice.set(id, alternatives.set(k, (alternatives.get(k) ?? new Set<string>()).add(name)));
    }
  }
  return [...byChoice.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, alternatives]) => [...alternatives.entries()].sort(([a], [b]) => a - b).map(([, names]) => [...names]))
    .filter((alternatives) => alternatives.length > 1);
}

/**
 * The groups of a content model whose required parts became optional properties: an optional
 * sequence ((street, city)?) and an alternative of a choice (pickupPoint | (street, zip)). Only
 * names that stand for one element particle of the value itself count, and a clause is made only
 * where every valid instance holds one of its names: a valid value is never found incomplete.
 */
/**
 * How many element and wildcard particles of a content model each property name of the value
 * stands for: the particles inside a kept group (`kept`) are its items' properties.
 */
function propertyUses(particle: Particle, kept: ReadonlySet<GroupParticle>): Map<string, number> {
  const uses = new Map<string, number>();
  for (const p of valueParticles(particle, kept)) uses.set(p.propName, (uses.get(p.propName) ?? 0) + 1);
  return uses;
}

/**
 * The element and wildcard particles of `particle` whose properties are the value's own, in
 * document order: not those inside a group kept as one property (`kept`), which are its items'.
 */
function valueParticles(particle: Particle, kept: ReadonlySet<GroupParticle>): Array<ElementParticle | AnyParticle> {
  if (particle.kind === 'element' || particle.kind === 'any') return [particle];
  return kept.has(particle) ? [] : particle.particles.flatMap((c) => valueParticles(c, kept));
}

function groupsNeeding(particle: Particle, keptGroups: ReadonlySet<GroupParticle>, uses: ReadonlyMap<string, number>): GroupNeeds[] {
  // A repeated sequence or an ordered repeated choice is one property of its own.
  const kept = (g: GroupParticle): g is GroupParticle & { propName: string } => g.propName !== undefined && keptGroups.has(g);
  const out: GroupNeeds[] = [];
  // Not when any of the names already satisfies every clause ((a | b) as the whole group).
  const need = (g: GroupNeeds): void => {
    if (g.clauses.length && !g.clauses.every((c) => g.names.every((n) => c.includes(n)))) out.push(g);
  };
  // `within`: inside a repeated group kept per name, whose parts are not tracked.
  const summary = (p: Particle, within: boolean): GroupNeeds => {
    if (p.kind === 'any') return { names: [], clauses: [] };
    if (p.kind === 'element') {
      const own = p.propName !== undefined && uses.get(p.propName) === 1 ? [p.propName] : [];
      return { names: own, clauses: p.min > 0 && own.length ? [own] : [] };
    }
    if (kept(p)) return { names: [p.propName], clauses: p.min > 0 ? [[p.propName]] : [] };
    const inner = within || isRepeated(p.max);
    const parts = p.particles.map((c) => summary(c, inner));
    const names = [...new Set(parts.flatMap((x) => x.names))];
    if (p.kind === 'choice') {
      if (!inner) parts.forEach(need);
      // Some alternative is there: a clause only when each alternative surely holds a name.
      return { names, clauses: p.min > 0 && parts.every((x) => x.clauses.length > 0) ? [names] : [] };
    }
    const clauses = inner ? [] : parts.flatMap((x) => x.clauses);
    if (p.min > 0) return { names, clauses };
    if (!inner) need({ names, clauses });
    return { names, clauses: [] };
  };
  summary(particle, false);
  return out;
}

/** Whether a particle can match no element at all. */
function emptiable(p: Particle): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.kind === 'choice' ? p.particles.some(emptiable) : p.particles.every(emptiable);
}
