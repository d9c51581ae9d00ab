import { place, type Diagnostics } from '../diagnostics';
import { forEachParticle, isBuiltin, qnameValues, requiredNeverAppearing, walkParticle, type ComplexTypeDef, type ElementParticle, type IR, type Origin, type Particle, type QName, type TypeDef, type ValueConstraint } from '../ir';
import { unionOf } from '../wildcards';
import { MAX_DERIVATION_DEPTH } from './limits';

/**
 * The small IR-to-IR passes of the resolve stage. Each takes the IR and
 * returns a new one (inputs are never mutated), so each can be tested on a
 * hand-built IR.
 */

const clone = <T>(v: T): T => structuredClone(v);

/** Effective particle and attributes of every complex type: base content first, then the type's own. */
export function flattenExtensions(ir: IR, diagnostics: Diagnostics): IR {
  // Complex types are copied one level deep: the fields this pass sets are replaced, never edited in place.
  const types: IR['types'] = {};
  for (const [k, t] of Object.entries(ir.types)) types[k] = t.kind === 'complex' ? { ...t } : t;
  const out: IR = { ...ir, types };
  const done = new Set<QName>();
  const visiting: QName[] = [];

  const visit = (t: ComplexTypeDef): void => {
    if (done.has(t.name)) return;
    if (visiting.includes(t.name)) {
      diagnostics.error('CIRCULAR_EXTENSION', `Type ${t.name} derives from itself (${[...visiting.slice(visiting.indexOf(t.name)), t.name].join(' → ')}).`, 'Break the derivation cycle.', t.origin);
      done.add(t.name);
      return;
    }
    visiting.push(t.name);
    const base = t.base ? out.types[t.base] : undefined;
    if (base?.kind === 'complex') visit(base);
    visiting.pop();
    done.add(t.name);

    let attributes = [...t.ownAttributes];
    let particle = t.ownParticle;
    if (base?.kind === 'complex') {
      // Own attributes override inherited ones of the same name; prohibited ones go. An extension
      // may not declare an attribute of its base again (XML Schema 1.0 3.4.6, ct-props-correct.4);
      // the same declaration reached through one attribute group is one attribute.
      if (t.derivation === 'extension') {
        for (const a of t.ownAttributes) {
          const inherited = base.attributes.find((b) => b.name === a.name);
          if (inherited === undefined || place(inherited.origin) === place(a.origin)) continue;
          diagnostics.error(
            'DUPLICATE_ATTRIBUTE',
            `Attribute ${a.name} of ${t.name} is also an attribute of its base ${base.name} (at ${place(inherited.origin)}); an extension cannot declare it again.`,
            'Remove it from the extension; to change it, derive by restriction.',
            a.origin,
          );
        }
      }
      const own = new Set(t.ownAttributes.map((a) => a.name));
      const prohibited = new Set(t.prohibitedAttributes);
      attributes = [...base.attributes.filter((a) => !own.has(a.name) && !prohibited.has(a.name)), ...t.ownAttributes];
      // An extension admits the attributes its base admits as well; a restriction only those its
      // own wildcard admits (XML Schema 1.0 3.4.2: the base's is not inherited).
      const wildcard =
        t.derivation !== 'extension' ? t.anyAttribute : t.anyAttribute && base.anyAttribute ? unionOf(t.anyAttribute, base.anyAttribute) : (t.anyAttribute ?? base.anyAttribute);
      if (wildcard) t.anyAttribute = wildcard;
      if (t.content === 'simple') {
        if (!t.simpleType && base.simpleType) t.simpleType = base.simpleType;
        // A restriction's facets (its `~value` type) restrict the base's text type, not the base: a
        // list's length facets count the list's items, and its whiteSpace is the list's.
        const value = t.simpleType === undefined ? undefined : types[t.simpleType];
        if (value?.kind === 'simple' && value.anonymous && value.base === base.name && base.simpleType !== undefined) {
          types[value.name] = { ...value, base: base.simpleType };
        }
      } else if (t.derivation === 'extension') {
        if (base.content === 'simple') {
          // complexContent extending a simple-content type: keep the text.
          t.content = 'simple';
          if (!t.simpleType && base.simpleType) t.simpleType = base.simpleType;
        } else if (t.mixed !== base.mixed && (t.ownParticle !== undefined || t.mixed) && (base.particle !== undefined || base.mixed)) {
          // An extension keeps its base's kind of content: text between the elements or none (XML
          // Schema 1.0 3.4.6, cos-ct-extends 1.4.3.2.2.1). One that adds nothing takes the base's.
          const [mixed, other] = t.mixed ? [t, base] : [base, t];
          diagnostics.error(
            'INVALID_EXTENSION',
            `Type ${t.name} extends ${base.name}, and ${mixed.name} is mixed (text between its elements) while ${other.name} is not; an extension keeps the kind of content of its base.`,
            `Say mixed="${String(base.mixed)}" on both, or derive ${t.name} from another base.`,
            t.origin,
          );
        } else if (base.particle && t.ownParticle) {
          // xs:all stands only as a whole content model (XML Schema 1.0 3.8.6, cos-all-limited):
          // extending one with more elements would nest it in a sequence.
          if (base.particle.kind === 'all' || t.ownParticle.kind === 'all') {
            diagnostics.error(
              'INVALID_EXTENSION',
              `Type ${t.name} extends ${base.name} with more elements, and ${base.particle.kind === 'all' ? 'the base' : 'the extension'} has an xs:all content model, which can only be a type's whole content.`,
              'Use xs:sequence in the base or the extension, or add the elements to the xs:all of one type.',
              t.origin,
            );
          }
          particle = { kind: 'sequence', min: 1, max: 1, particles: [base.particle, t.ownParticle], origin: t.origin };
        } else {
          particle = base.particle ?? t.ownParticle;
        }
        t.mixed ||= base.mixed;
      }
      // A restriction restates its content: the own particle is the effective one.
    }
    t.attributes = attributes;
    if (particle) t.particle = particle;
    else delete t.particle;
  };

  // visit() recurses along each chain of base types: first make sure no chain is too long for it.
  // The error goes to the one type whose chain just passes the limit (chains ending in a cycle are
  // left to visit(), which reports the cycle).
  const chainLength = (t: ComplexTypeDef): number => {
    // Base types above t, counted up to one past the limit; -1 when the chain runs into a cycle.
    const seen = new Set([t.name]);
    let n = 0;
    for (let b = t.base; b !== undefined && n <= MAX_DERIVATION_DEPTH + 1; n++) {
      if (seen.has(b)) return -1;
      seen.add(b);
      const base: TypeDef | undefined = out.types[b];
      b = base?.kind === 'complex' ? base.base : undefined;
    }
    return n;
  };
  let tooDeep = false;
  for (const key of Object.keys(out.types).sort()) {
    const t = out.types[key];
    if (t?.kind !== 'complex' || chainLength(t) !== MAX_DERIVATION_DEPTH + 1) continue;
    diagnostics.error('DERIVATION_TOO_DEEP', `Type ${t.name} derives through more than ${MAX_DERIVATION_DEPTH} base types.`, 'A schema never needs this; shorten the chain of extensions and restrictions.', t.origin);
    tooDeep = true;
  }
  if (tooDeep) return out;

  for (const key of Object.keys(out.types).sort()) {
    const t = out.types[key];
    if (t?.kind === 'complex') visit(t);
  }
  return out;
}

/** Every element's non-abstract substitution group members, transitively, on declarations and particles. */
export function expandSubstitutionGroups(ir: IR): IR {
  const types: IR['types'] = {};
  for (const [k, t] of Object.entries(ir.types)) {
    let refs = false;
    if (t.kind === 'complex') {
      walkParticle(t.ownParticle, (p) => (refs ||= p.kind === 'element' && p.ref !== undefined));
      walkParticle(t.particle, (p) => (refs ||= p.kind === 'element' && p.ref !== undefined));
    }
    types[k] = refs && t.kind === 'complex' ? withParticlesCopied(t) : t;
  }
  const elements: IR['elements'] = {};
  for (const [k, e] of Object.entries(ir.elements)) elements[k] = { ...e };
  const out: IR = { ...ir, types, elements };
  const members = new Map<QName, QName[]>();
  for (const el of Object.values(out.elements)) {
    if (!el.substitutionGroup) continue;
    const list = members.get(el.substitutionGroup) ?? [];
    list.push(el.name);
    members.set(el.substitutionGroup, list);
  }
  // Members of members too, walked with a list rather than recursion: a chain may be long.
  const collect = (head: QName): QName[] => {
    const result: QName[] = [];
    const h = out.elements[head];
    // Only the head's own block counts: a member that blocks still lets its members stand in for the head.
    if (h === undefined || h.blocksSubstitution) return result;
    // A member's type may not step from the head's type by a method the head or its type blocks.
    const headType = out.types[h.type];
    const blocking = [...(h.blocks ?? []), ...(headType?.kind === 'complex' ? (headType.blocks ?? []) : [])];
    const allowed = (m: QName): boolean => blocking.length === 0 || !derivationSteps(out, out.elements[m]?.type ?? '', h.type).methods.some((x) => blocking.includes(x));
    const seen = new Set([head]);
    const todo = [head];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      for (const m of members.get(next) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        if (!out.elements[m]?.abstract && allowed(m)) result.push(m);
        todo.push(m);
      }
    }
    return result.sort();
  };
  for (const el of Object.values(out.elements)) el.substitutes = collect(el.name);
  forEachParticle(out, (p) => {
    if (p.kind === 'element' && p.ref) p.substitutes = [...(out.elements[p.ref]?.substitutes ?? [])];
  });
  return out;
}

/**
 * `t` with its content models copied, particle by particle: what expandSubstitutionGroups sets.
 * A particle the effective and the own model share stays one object in the copy. (structuredClone
 * of the whole type did the same and took 16 ms of a cold run on the EWS closure.)
 */
function withParticlesCopied(t: ComplexTypeDef): ComplexTypeDef {
  const copies = new Map<Particle, Particle>();
  const copy = <P extends Particle>(p: P): P => {
    let c = copies.get(p);
    if (c === undefined) {
      c = p.kind === 'element' || p.kind === 'any' ? { ...p } : { ...p, particles: p.particles.map(copy) };
      copies.set(p, c);
    }
    return c as P;
  };
  const out: ComplexTypeDef = { ...t };
  if (t.particle) out.particle = copy(t.particle);
  if (t.ownParticle) out.ownParticle = copy(t.ownParticle);
  return out;
}

/** For each complex type, the non-abstract types derived from it, transitively, that its block allows (for xsi:type). */
export function computeDerivedTypes(ir: IR): IR {
  const children = new Map<QName, QName[]>();
  for (const t of Object.values(ir.types)) {
    if (t.kind !== 'complex' || !t.base) continue;
    const list = children.get(t.base) ?? [];
    list.push(t.name);
    children.set(t.base, list);
  }
  const types: IR['types'] = {};
  for (const [k, t] of Object.entries(ir.types)) {
    if (t.kind !== 'complex') {
      types[k] = t;
      continue;
    }
    const derived: QName[] = [];
    const seen = new Set<QName>([k]);
    const stack = [...(children.get(k) ?? [])];
    while (stack.length) {
      const d = stack.pop() as QName;
      if (seen.has(d)) continue;
      seen.add(d);
      const dt = ir.types[d];
      // A step by a method the type blocks rules out the types derived past it too (XML Schema's
      // Type Derivation OK (Complex) applies the type's block to every step).
      if (dt?.kind === 'complex' && dt.derivation !== undefined && t.blocks?.includes(dt.derivation)) continue;
      // An anonymous type (a substitution group member's own, say) has no name an xsi:type could give.
      if (dt?.kind === 'complex' && !dt.abstract && !dt.anonymous) derived.push(d);
      stack.push(...(children.get(d) ?? []));
    }
    types[k] = { ...t, derivedTypes: derived.sort() };
  }
  return { ...ir, types };
}

/**
 * Marks the element declarations and particles whose own block rules out every type derived from
 * their type, each through at least one step by a blocked method (as computeDerivedTypes walks a
 * type's own block): they are read and written as their type alone. When only some derived types
 * are blocked (the block names one method, and some type derives without a step by it), the
 * element keeps all of them, and carries that method (xsiTypeBlock): the shared xsi:type dispatcher
 * of its type then refuses the ones it rules out for this element. An abstract type keeps them too:
 * without a derived type, no value of it is valid.
 */
export function markXsiTypeBlocked(ir: IR): IR {
  type Marks = Pick<ElementParticle, 'xsiTypeBlocked' | 'xsiTypeBlock'>;
  const marks = (e: { type: QName; blocks?: Array<'extension' | 'restriction'> }): Marks | undefined => {
    const t = ir.types[e.type];
    const blocks = e.blocks;
    if (blocks === undefined || t?.kind !== 'complex' || t.derivedTypes.length === 0) return undefined;
    const blocked = t.derivedTypes.filter((d) => derivationSteps(ir, d, e.type).methods.some((m) => blocks.includes(m)));
    if (blocked.length === 0) return undefined;
    if (blocked.length === t.derivedTypes.length && !t.abstract) return { xsiTypeBlocked: true };
    // Both methods rule out every derived type: an abstract type's element then has no valid value, left as it was.
    const [only, other] = blocks;
    return only !== undefined && other === undefined ? { xsiTypeBlock: only } : undefined;
  };
  const types: IR['types'] = {};
  for (const [k, t] of Object.entries(ir.types)) {
    let marked = false;
    if (t.kind === 'complex') {
      walkParticle(t.ownParticle, (p) => (marked ||= p.kind === 'element' && marks(p) !== undefined));
      walkParticle(t.particle, (p) => (marked ||= p.kind === 'element' && marks(p) !== undefined));
    }
    types[k] = marked && t.kind === 'complex' ? withParticlesCopied(t) : t;
  }
  const elements: IR['elements'] = {};
  for (const [k, e] of Object.entries(ir.elements)) {
    const m = marks(e);
    elements[k] = m === undefined ? e : { ...e, ...m };
  }
  const out: IR = { ...ir, types, elements };
  // Only the copies hold such particles.
  forEachParticle(out, (p) => {
    const m = p.kind === 'element' ? marks(p) : undefined;
    if (p.kind === 'element' && m !== undefined) Object.assign(p, m);
  });
  return out;
}

/**
 * What the bindings' operations reach, transitively (or everything with allTypes).
 * A type reached as the declared type of an element brings its derived types
 * (they may arrive through xsi:type); a type reached only as a base does not.
 */
export function computeReachability(ir: IR, allTypes: boolean): IR {
  // Reads the IR and sets only `reachable`.
  const out: IR = { ...ir };
  // A schema given without a WSDL has no operations to start from: all of it is wanted.
  if (allTypes || ir.bindings.length === 0) {
    out.reachable = { types: Object.keys(out.types).sort(), elements: Object.keys(out.elements).sort() };
    return out;
  }
  const types = new Set<QName>();
  const elements = new Set<QName>();
  const typeQueue: Array<{ key: QName; polymorphic: boolean }> = [];
  const polymorphicDone = new Set<QName>();

  const reachType = (key: QName, polymorphic: boolean): void => {
    if (isBuiltin(key)) return;
    if (polymorphic) {
      if (polymorphicDone.has(key)) return;
      polymorphicDone.add(key);
    } else if (types.has(key)) return;
    typeQueue.push({ key, polymorphic });
  };
  const reachElement = (key: QName): void => {
    if (elements.has(key)) return;
    const el = out.elements[key];
    if (!el) return;
    elements.add(key);
    reachType(el.type, el.xsiTypeBlocked !== true);
    el.substitutes.forEach(reachElement);
  };

  for (const b of out.bindings) {
    for (const op of b.operations) {
      for (const m of [op.input, op.output]) {
        if (!m) continue;
        for (const part of [...m.bodyParts, ...m.headers.map((h) => h.part)]) {
          if (part.element) reachElement(part.element);
          if (part.type) reachType(part.type, true);
        }
      }
      op.faults?.forEach((f) => reachElement(f.element));
    }
  }

  while (typeQueue.length) {
    const { key, polymorphic } = typeQueue.shift() as { key: QName; polymorphic: boolean };
    const t = out.types[key];
    if (!t) continue;
    types.add(key);
    if (t.kind === 'simple') {
      if (t.base) reachType(t.base, false);
      if (t.itemType) reachType(t.itemType, false);
      t.memberTypes?.forEach((m) => reachType(m, false));
      continue;
    }
    if (t.base) reachType(t.base, false);
    if (t.simpleType) reachType(t.simpleType, false);
    if (polymorphic) t.derivedTypes.forEach((d) => reachType(d, true));
    t.attributes.forEach((a) => reachType(a.type, false));
    walkParticle(t.particle, (p) => {
      if (p.kind !== 'element') return;
      reachType(p.type, p.xsiTypeBlocked !== true);
      if (p.ref) reachElement(p.ref);
      p.substitutes.forEach(reachElement);
    });
  }
  out.reachable = { types: [...types].sort(), elements: [...elements].sort() };
  return out;
}

/**
 * Element names a content model uses twice. Two declarations of one name must have one type (XML
 * Schema's Element Declarations Consistent); the second is refused rather than read with the first
 * one's type. (A name twice in one sequence is legal: see repeatedNames in assign-identifiers.ts.)
 * An abstract element that nothing substitutes for can never appear, and has no property: also
 * told, as is an element whose type is abstract with nothing concrete derived from it. Reads the
 * IR; reports only.
 */
export function checkElementNames(ir: IR, diagnostics: Diagnostics): IR {
  const neverAppears = new Set<ElementParticle>();
  const notDerived = new Set<QName>();
  for (const key of ir.reachable.types) {
    const t = ir.types[key];
    if (t?.kind !== 'complex' || !t.particle) continue;
    const required = new Set(requiredNeverAppearing(t.particle));
    const declared = new Map<QName, ElementParticle>();
    walkParticle(t.particle, (p) => {
      if (p.kind !== 'element') return;
      const first = declared.get(p.name);
      if (first === undefined) declared.set(p.name, p);
      else if (first.type !== p.type) {
        diagnostics.error(
          'ELEMENT_TYPES_DIFFER',
          `Element ${p.name} is declared twice in the content of ${key}, with types ${first.type} and ${p.type} (first at ${first.origin.file}:${first.origin.line}).`,
          'Give both declarations the same type, or rename one: XML Schema requires it (Element Declarations Consistent).',
          p.origin,
        );
      }
    });
    walkParticle(t.particle, (p) => {
      if (p.kind !== 'element' || neverAppears.has(p)) return;
      // An abstract type nothing concrete derives from (SAML's BaseIDAbstractType, an extension
      // point for other specifications): no value of it is valid without a type from elsewhere.
      const type = ir.types[p.type];
      if (!p.abstract && type?.kind === 'complex' && type.abstract && type.derivedTypes.length === 0) {
        // Once per element: a global one is referred to from many places.
        if (notDerived.has(p.name)) return;
        notDerived.add(p.name);
        // Or every one that does is ruled out by the type's block (computeDerivedTypes left them out).
        const blocked = type.blocks === undefined ? [] : concreteDescendants(ir, p.type);
        if (blocked.length > 0) {
          diagnostics.warn(
            'ABSTRACT_TYPE_NOT_DERIVED',
            `Element ${p.name} has the abstract type ${p.type}, whose block rules out every concrete type derived from it (${blocked.join(', ')}): no value of it is valid, which readers take as ${p.type} and writers cannot write.`,
            `Leave the element out of what you send, or check the block attribute of ${p.type}.`,
            p.origin,
          );
          return;
        }
        diagnostics.warn(
          'ABSTRACT_TYPE_NOT_DERIVED',
          `Element ${p.name} has the abstract type ${p.type}, and no schema loaded derives a concrete type from it: it is valid only with an xsi:type from another schema, which readers take as ${p.type} and writers cannot write.`,
          'Add the schema that derives from it (--schema-path), or leave the element out of what you send.',
          p.origin,
        );
        return;
      }
      // A derived type shares its base's particles: one warning per declaration.
      if (!p.abstract || p.substitutes.length > 0) return;
      neverAppears.add(p);
      diagnostics.warn(
        'ELEMENT_NEVER_APPEARS',
        `Element ${p.name} is abstract and no element substitutes for it, so it cannot appear in ${key}${required.has(p) ? ', which therefore has no valid instance (writers refuse one)' : ''}; the generated type leaves it out.`,
        'Declare the elements that substitute for it (substitutionGroup), or drop the reference.',
        p.origin,
      );
    });
  }
  return ir;
}

/** The named concrete types derived from `key` at any depth, blocked or not, sorted. */
function concreteDescendants(ir: IR, key: QName): QName[] {
  return Object.values(ir.types)
    .filter((t) => t.kind === 'complex' && !t.abstract && !t.anonymous && t.name !== key && derivationSteps(ir, t.name, key).reaches)
    .map((t) => t.name)
    .sort();
}

/**
 * The derivation methods of the steps from type `from` up its bases to type `to`, or to where the
 * chain leaves the IR (a built-in), and whether it reaches `to`. Each type on the way is a step: a
 * simple type's, and a complex type's without a base (of anyType), a restriction.
 */
export function derivationSteps(ir: IR, from: QName, to: QName): { methods: Array<'extension' | 'restriction'>; reaches: boolean } {
  const methods: Array<'extension' | 'restriction'> = [];
  const seen = new Set<QName>();
  let key: QName | undefined = from;
  while (key !== undefined && key !== to && !seen.has(key)) {
    const t: TypeDef | undefined = ir.types[key];
    if (t === undefined) break;
    seen.add(key);
    methods.push(t.kind === 'complex' ? (t.derivation ?? 'restriction') : 'restriction');
    key = t.base;
  }
  return { methods, reaches: key === to };
}

/**
 * The QName values the parse stage resolved where the schema wrote them (enumeration values, and
 * the default or fixed values of declarations) are kept only where the type's values are QNames,
 * and dropped elsewhere, where the same text is a string or a number. A default or fixed value of
 * a QName declaration that is no QName there (its prefix undeclared) is an error. Copies what it
 * changes; the rest is shared.
 */
export function settleQNameValues(ir: IR, diagnostics: Diagnostics): IR {
  const isQNames = (type: QName | undefined): boolean => qnameValues(ir, type) === 'one';
  // An element's value: its simple type's, or its simple-content complex type's text (a QName
  // with attributes beside it). 'one', 'list' (of QNames) or neither.
  const valueKind = (type: QName): 'one' | 'list' | undefined => {
    const t = ir.types[type];
    return qnameValues(ir, t?.kind === 'complex' && t.content === 'simple' ? t.simpleType : type);
  };
  const reachable = new Set(ir.reachable.types);
  const reachableElements = new Set(ir.reachable.elements);
  // A base's declarations also stand in its derived types' content: one error per place.
  const reported = new Set<string>();
  type Declaration = ValueConstraint & { type: QName; origin: Origin };
  type Kind = 'one' | 'list' | undefined;
  /** Reports a value of `d` that is no QName (list) where written, when its type's kind takes one. */
  const check = (d: Declaration, kind: Kind, what: string, report: boolean): void => {
    const field = kind === 'one' ? 'valueQName' : kind === 'list' ? 'valueQNames' : undefined;
    const where = place(d.origin);
    if (field !== undefined && d[field] === null && report && !reported.has(where)) {
      reported.add(where);
      diagnostics.error(
        'INVALID_DECLARATION',
        `${what} has a ${kind === 'one' ? 'QName type' : 'type that is a list of QNames'}, and its ${d.fixed !== undefined ? 'fixed' : 'default'} value "${d.fixed ?? d.default ?? ''}" is no ${kind === 'one' ? 'QName whose prefix is' : 'list of QNames whose prefixes are'} declared where it is written.`,
        'Write prefix:localName with a prefix declared on the declaration or an ancestor, or localName for the default namespace.',
        d.origin,
      );
    }
  };
  /** Whether `d` holds a resolved value its type's kind does not take. */
  const foreign = (d: ValueConstraint, kind: Kind): boolean => (d.valueQName !== undefined && kind !== 'one') || (d.valueQNames !== undefined && kind !== 'list');
  /** Deletes from `d` the resolved values its type's kind does not take. */
  const drop = (d: ValueConstraint, kind: Kind): void => {
    if (kind !== 'one') delete d.valueQName;
    if (kind !== 'list') delete d.valueQNames;
  };
  /** `d` without them: a copy, or `d` itself when it holds none. */
  const settled = <D extends ValueConstraint>(d: D, kind: Kind): D => {
    if (!foreign(d, kind)) return d;
    const copy = { ...d };
    drop(copy, kind);
    return copy;
  };
  /** check, and whether `d` must be settled. */
  const checked = (d: Declaration, kind: Kind, what: string, report: boolean): boolean => {
    check(d, kind, what, report);
    return foreign(d, kind);
  };
  const types: IR['types'] = {};
  for (const [key, t] of Object.entries(ir.types)) {
    if (t.kind === 'simple') {
      if (t.enumerationQNames === undefined || isQNames(key)) types[key] = t;
      else {
        const copy = { ...t };
        delete copy.enumerationQNames;
        types[key] = copy;
      }
      continue;
    }
    const report = reachable.has(key);
    let changed = false;
    const particles = (p: Particle | undefined): void =>
      walkParticle(p, (x) => {
        if (x.kind === 'element' && checked(x, valueKind(x.type), `Element ${x.name}`, report)) changed = true;
      });
    particles(t.particle);
    particles(t.ownParticle);
    for (const a of [...t.attributes, ...t.ownAttributes]) if (checked(a, qnameValues(ir, a.type), `Attribute ${a.name}`, report)) changed = true;
    if (!changed) {
      types[key] = t;
      continue;
    }
    const copy = clone(t);
    const settle = (p: Particle | undefined): void =>
      walkParticle(p, (x) => {
        if (x.kind === 'element') drop(x, valueKind(x.type));
      });
    settle(copy.particle);
    settle(copy.ownParticle);
    copy.attributes = copy.attributes.map((a) => settled(a, qnameValues(ir, a.type)));
    copy.ownAttributes = copy.ownAttributes.map((a) => settled(a, qnameValues(ir, a.type)));
    types[key] = copy;
  }
  const elements: IR['elements'] = {};
  for (const [key, e] of Object.entries(ir.elements)) {
    check(e, valueKind(e.type), `Element ${key}`, reachableElements.has(key));
    elements[key] = settled(e, valueKind(e.type));
  }
  return { ...ir, types, elements };
}

/**
 * QName-valued simple types. An enumeration value that is no QName where its facet stands, or
 * whose prefix is not declared there, is an error. Other facets of such types (pattern, length)
 * and enumerations of lists of QNames are reported as not checked. A union mixing QName members
 * with others is refused: which member a value is would depend on the namespaces in scope where
 * it is read. Reads the IR; reports only.
 */
export function checkQNameItems(ir: IR, diagnostics: Diagnostics, enumerationOrigins?: ReadonlyMap<QName, readonly Origin[]>): IR {
  for (const key of ir.reachable.types) {
    const t = ir.types[key];
    if (t?.kind !== 'simple') continue;
    const { pattern, length, minLength, maxLength } = t.facets;
    const kind = qnameValues(ir, key);
    const qnames = kind === 'one' ? 'QNames' : kind === 'list' ? 'lists of QNames' : undefined;
    (t.enumerationQNames ?? []).forEach((v, i) => {
      if (v !== null) return;
      diagnostics.error(
        'INVALID_FACET',
        `Type ${key} enumerates QNames, and its value "${t.enumeration?.[i] ?? ''}" is no QName whose prefix is declared where the facet stands.`,
        'Write prefix:localName with a prefix declared on the facet or an ancestor, or localName for the default namespace.',
        enumerationOrigins?.get(key)?.[i] ?? t.origin,
      );
    });
    const unchecked = pattern?.length || length !== undefined || minLength !== undefined || maxLength !== undefined || (kind === 'list' && t.enumeration?.length);
    if (qnames !== undefined && unchecked) {
      diagnostics.warn(
        'QNAME_FACETS_NOT_CHECKED',
        `Type ${key} restricts ${qnames} with ${kind === 'one' ? 'a pattern or length' : 'facets'}, which the generated code does not check: its values are read and written as any ${qnames === 'QNames' ? 'QName' : 'list of QNames'}${kind === 'one' ? ' its enumeration admits' : ''}.`,
        'Such a facet applies to the text as written, prefixes included, which depend on the message; check the values yourself where they matter.',
        t.origin,
      );
    }
    if (t.variety === 'union' && kind === undefined && (t.memberTypes ?? []).some((m) => qnameValues(ir, m) !== undefined)) {
      diagnostics.error(
        'UNSUPPORTED_CONSTRUCT',
        `Type ${key} is a union of xs:QName with types that are not QNames, which is not supported: which member a value belongs to would depend on the namespaces in scope where it stands.`,
        'Use xs:QName for a single value (or a union of QName types only), or a union of strings and resolve the prefixes yourself.',
        t.origin,
      );
    }
  }
  return ir;
}
