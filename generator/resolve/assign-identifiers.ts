import { CLIENT_MEMBER_NAMES } from '@wsdl-codegen/runtime/names';
import type { AnyParticle, ComplexTypeDef, ElementParticle, IR, Particle, QName } from '../ir';
import { CLIENT_MODULE_IMPORTS, clientNames, identifier, isItemGroup, isRepeated, splitQName, walkParticle } from '../ir';

/**
 * Names are decided here, once. Type names come from the XSD names (anonymous
 * types from the path to them), made valid and unique; property names keep the
 * XML local name wherever it is a usable property name.
 *
 * Rules (deterministic, independent of file order):
 * - characters not allowed in an identifier become `_`; a leading digit gets `_`;
 * - a name that is a TypeScript keyword or a reserved global gets a trailing `_`, and so does a
 *   client method named like a member clients have already (`close_`, `toString_`);
 * - names are unique case-insensitively; on a clash the type of the entry
 *   namespace wins, then named over anonymous, then sort order of the key;
 *   the others get `_2`, `_3`, ...;
 * - generated support names (`reserved`) are never used for schema types;
 * - a binding's client is named after it (`ExchangeServiceBinding` → `ExchangeServiceClient`),
 *   and takes a numbered name when a schema type already has its name, or the name of its
 *   options or headers type (`clientNames`).
 */
export function assignIdentifiers(ir: IR, reserved: readonly string[]): IR {
  // Only the named (emitted) types and the bindings change: copy those, share the rest.
  const types: IR['types'] = { ...ir.types };
  for (const k of ir.reachable.types) if (ir.types[k]) types[k] = structuredClone(ir.types[k]) as IR['types'][string];
  const out: IR = { ...ir, types, bindings: structuredClone(ir.bindings) };
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    taken.add(name.toLowerCase());
    return name;
  };

  const nsRank = (ns: string): number => (ns === out.targetNamespace ? 0 : 1);
  // Only what is emitted is named, so an unused type never pushes a used one to a suffix.
  const keys = out.reachable.types.slice().sort((a, b) => {
    const ta = out.types[a];
    const tb = out.types[b];
    const ra = [ta?.anonymous ? 1 : 0, nsRank(splitQName(a).namespace)];
    const rb = [tb?.anonymous ? 1 : 0, nsRank(splitQName(b).namespace)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  for (const key of keys) {
    const t = out.types[key];
    if (t) t.tsName = unique(typeIdentifier(key, t.anonymous));
  }

  for (const key of out.reachable.types) {
    const t = out.types[key];
    if (t?.kind === 'complex') assignPropertyNames(t);
  }

  // Clients are named after the types, and step aside for them: the client module declares the
  // class, its options and its headers type, and the package index exports them beside the types.
  const imported = new Set<string>(CLIENT_MODULE_IMPORTS);
  const free = (client: string): boolean => clientNames(client).every((n) => !taken.has(n.toLowerCase()) && !imported.has(n));
  // SOAP 1.1 bindings first (the sort is stable): of a pair named alike, the 1.1 client takes the
  // plain name, though ServiceSoap12Binding sorts before ServiceSoapBinding.
  for (const b of [...out.bindings].sort((x, y) => (x.soapVersion === y.soapVersion ? 0 : x.soapVersion === '1.1' ? -1 : 1))) {
    const local = splitQName(b.name).local;
    let name = `${identifier(local.replace(/(Soap(?:1[12])?)?Binding$/i, '')) || 'Service'}Client`;
    for (let i = 2; !free(name); i++) name = `${identifier(local)}Client${i}`;
    for (const n of clientNames(name)) taken.add(n.toLowerCase());
    b.tsName = name;
    const opNames = new Set<string>();
    for (const op of b.operations) {
      let n = lowerFirst(identifier(op.name));
      if (RESERVED_WORDS.has(n) || INHERITED.has(n) || CLIENT_MEMBER_NAMES.has(n)) n += '_';
      for (let i = 2; opNames.has(n); i++) n = `${lowerFirst(identifier(op.name))}${i}`;
      opNames.add(n);
      op.propName = n;
      for (const m of [op.input, op.output]) {
        if (!m) continue;
        const used = new Set<string>();
        for (const h of m.headers) {
          const base = splitQName(h.element).local;
          let n2 = propertyName(base);
          for (let i = 2; used.has(n2); i++) n2 = `${propertyName(base)}_${i}`;
          used.add(n2);
          h.propName = n2;
        }
      }
    }
  }
  return out;
}

/** Property names of one complex type: elements in schema order, then attributes, then `$` support names. */
function assignPropertyNames(t: ComplexTypeDef): void {
  const used = new Set<string>();
  const take = (base: string): string => {
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
    used.add(n);
    return n;
  };
  let choiceCount = 0;
  let sequenceCount = 0;
  let anyCount = 0;
  // A name in alternative branches of a choice is one property; a name that occurs again later
  // in a sequence is a property of its own (`label_2`).
  const byWireName = new Map<QName, string>();
  const positional = repeatedNames(t.particle);
  const sameWildcard = wildcardsAlike(t.particle);
  const named = new Set<Particle>();
  walkParticle(t.particle, (p) => {
    named.add(p);
    if (p.kind === 'element') {
      const existing = byWireName.get(p.name);
      if (existing !== undefined && !positional.has(p)) {
        p.propName = existing;
        return;
      }
      p.propName = take(propertyName(splitQName(p.name).local));
      if (existing === undefined) byWireName.set(p.name, p.propName);
    } else if (p.kind === 'any') {
      const first = sameWildcard.get(p);
      if (first !== undefined) {
        p.propName = first.propName;
        return;
      }
      anyCount++;
      p.propName = take(anyCount === 1 ? '$any' : `$any${anyCount}`);
    } else if (p.kind === 'choice' && isRepeated(p.max) && p.particles.length > 1) {
      choiceCount++;
      p.propName = take(choiceCount === 1 ? '$choice' : `$choice${choiceCount}`);
    } else if (isItemGroup(p)) {
      sequenceCount++;
      p.propName = take(sequenceCount === 1 ? '$sequence' : `$sequence${sequenceCount}`);
    }
  });
  for (const a of t.attributes) {
    const base = propertyName(splitQName(a.name).local);
    a.propName = used.has(base) ? take(`${base}Attribute`) : take(base);
  }
  // Keep the own* copies in step with the effective ones (same objects after structuredClone? no: match by name).
  const attrNames = new Map(t.attributes.map((a) => [a.name, a.propName]));
  for (const a of t.ownAttributes) a.propName = attrNames.get(a.name) ?? take(propertyName(splitQName(a.name).local));
  walkParticle(t.ownParticle, (p) => {
    if (p.kind === 'element' && !named.has(p)) p.propName = byWireName.get(p.name) ?? p.propName;
  });
}

/**
 * The element particles of a content model that repeat the name of an earlier one they can occur
 * together with: in one sequence, not in alternative branches of a choice (those share one
 * property). Each gets a property of its own (`label`, `label_2`), which readers tell apart by
 * position, within an occurrence of a repeated sequence too.
 */
export function repeatedNames(particle: Particle | undefined): Set<ElementParticle> {
  const out = new Set<ElementParticle>();
  const visit = (p: Particle, seen: Map<QName, ElementParticle>): void => {
    if (p.kind === 'element') {
      const first = seen.get(p.name);
      if (first === undefined) seen.set(p.name, p);
      else if (first !== p) out.add(p);
      return;
    }
    if (p.kind === 'any') return;
    if (p.kind === 'choice') {
      // Alternatives exclude each other; afterwards, any of them may have occurred.
      const after = new Map(seen);
      for (const alt of p.particles) {
        const branch = new Map(seen);
        visit(alt, branch);
        for (const [name, q] of branch) if (!after.has(name)) after.set(name, q);
      }
      for (const [name, q] of after) seen.set(name, q);
      return;
    }
    for (const c of p.particles) visit(c, seen);
  };
  if (particle) visit(particle, new Map());
  return out;
}

/**
 * Wildcards in different alternatives of one (single) choice that stand at the same place: the
 * same constraint, right after elements of one name (or first in their alternatives), as XML
 * Signature's PGPData has them. A reader cannot tell which of them a foreign element matched, so
 * the later ones share the first one's property: each maps to that first wildcard.
 */
function wildcardsAlike(particle: Particle | undefined): Map<AnyParticle, AnyParticle> {
  const out = new Map<AnyParticle, AnyParticle>();
  walkParticle(particle, (p) => {
    if (p.kind !== 'choice' || isRepeated(p.max)) return;
    const firsts = new Map<string, AnyParticle>();
    for (const alt of p.particles) {
      const seq = alt.kind === 'sequence' && !isRepeated(alt.max) ? alt.particles : [alt];
      seq.forEach((w, i) => {
        if (w.kind !== 'any') return;
        const before = i === 0 ? undefined : seq[i - 1];
        if (before !== undefined && before.kind !== 'element') return;
        const key = JSON.stringify([w.namespace.kind, 'namespaces' in w.namespace ? [...w.namespace.namespaces].sort() : [], before?.name ?? '']);
        const first = firsts.get(key);
        if (first === undefined) firsts.set(key, w);
        else out.set(w, first);
      });
    }
  });
  return out;
}

/** A property name: the XML local name unless that cannot be a property (then quoted later) or is dangerous. */
export function propertyName(local: string): string {
  // `__proto__` in an object literal sets the prototype instead of a property; the other names
  // every object inherits would read as present (`o.constructor !== undefined`) when absent.
  return INHERITED.has(local) ? `${local}_` : local;
}

/** Object.prototype's members, as of ES2022: fixed here so that output does not depend on the engine. */
const INHERITED = new Set([
  '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
]);

function typeIdentifier(key: QName, anonymous: boolean): string {
  const { local } = splitQName(key);
  let name: string;
  if (anonymous) {
    // `{ns}/Element`, `{ns}Type/Child`, `{ns}/Element/Child/@attr`, `.../~item` → PascalCase path.
    name = local
      .split('/')
      .filter(Boolean)
      .map((seg) => seg.replace(/^[@~]/, '').replace(/~(\d+)$/, '$1'))
      .map((seg) => (seg === 'value' ? 'Value' : upperFirst(identifier(seg))))
      .join('');
  } else {
    name = identifier(local.replace(/~redefined$/, '_Redefined'));
  }
  if (RESERVED_WORDS.has(name) || RESERVED_TYPE_NAMES.has(name)) name += '_';
  return name || '_';
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private ' +
    'protected public static yield any boolean constructor declare get module require number set string symbol type from of unknown never ' +
    'object bigint undefined keyof readonly infer is asserts unique global await async satisfies accessor out abstract override'
  ).split(' '),
);

/** Global names a generated declaration must not shadow. */
const RESERVED_TYPE_NAMES = new Set(
  'Object Function Array String Number Boolean Symbol BigInt Date RegExp Error Map Set Promise Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Uint8Array JSON Math Infinity NaN'.split(' '),
);
