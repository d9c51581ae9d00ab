import { BUILTIN_CODECS } from '@wsdl-codegen/runtime/names';
import type { IR, QName } from '../ir';
import { isBuiltin, isIdentifier, splitQName } from '../ir';
import { STRING_TYPE } from '../resolve/builtins';
import type { HeaderValue } from './operations';
import { keepsNilAttributes, type ElementAlternative, type ItemShape, type PropertyShape, type Shape } from './shapes';
import type { TsTypes } from './ts-types';

/** A configured default SOAP header's value that its header's type does not take: where in it, and why. */
export interface MistypedSoapHeader {
  /** The header and the way into its value: `Auth.token`, `Items[2]`. */
  path: string;
  problem: string;
}

/** What the check found in the configured default SOAP headers. */
export interface SoapHeaderFindings {
  /** Values their type certainly does not take: the type check would refuse them too. */
  mistyped: MistypedSoapHeader[];
  /** Values whose acceptance only the type check can decide (where it is skipped, they are refused). */
  unchecked: MistypedSoapHeader[];
}

/** A problem found, and whether it is certain, or only what the type check alone could decide. */
interface Finding extends MistypedSoapHeader {
  certain: boolean;
}

/** One alternative of an element-keyed union (`{ key: value }`): its key and the check of its value. */
interface KeyedAlternative {
  key: string;
  check: (v: unknown, at: string) => Finding | undefined;
}

/**
 * What the type check would refuse in the configured default SOAP headers, found without it, so
 * that a run with --no-verify does not write a package that does not compile: each value against
 * its header's type as the generated declarations give it: JSON kinds (string, number, boolean,
 * null, array, object), enumeration strings, required and unknown property names, a union's
 * members, the derived types of a polymorphic base (by its `$type`), the alternatives of a
 * substitution group or a repeated choice (one key each), wildcards (XmlAnyElement,
 * XmlAnyAttribute) and QNames (XmlQName). Where TypeScript's rules for a union of object types
 * decide (an object holding keys of several alternatives, a polymorphic value without `$type`
 * that no member takes exactly), only the type check can: that is `unchecked`, refused where the
 * type check is skipped. Values are never quoted: a header may hold a credential.
 */
export class DefaultSoapHeaderCheck {
  constructor(
    private readonly ir: IR,
    private readonly ts: TsTypes,
    private readonly shapes: ReadonlyMap<QName, Shape>,
    private readonly polymorphic: ReadonlySet<QName>,
  ) {}

  /** The first problem of each configured header that `declared` (a client's named header properties) types. */
  check(defaults: Record<string, unknown>, declared: readonly HeaderValue[]): SoapHeaderFindings {
    const findings: SoapHeaderFindings = { mistyped: [], unchecked: [] };
    for (const [key, value] of Object.entries(defaults)) {
      const header = declared.find((h) => h.key === key);
      if (header === undefined) continue;
      const found = this.element(value, header.type, header.nillable, header.exact, key);
      if (found !== undefined) (found.certain ? findings.mistyped : findings.unchecked).push({ path: found.path, problem: found.problem });
    }
    return findings;
  }

  /** A value of an element of type `type`. */
  private element(value: unknown, type: QName, nillable: boolean, exact: boolean, at: string): Finding | undefined {
    if (value === null) return nillable ? undefined : certain(at, `is null, where its type (${this.expected(type)}) takes no null: the element is not nillable`);
    // A nil element that keeps its attributes: XmlNil, or the type's value (the union's other member).
    if (nillable && keepsNilAttributes(this.ir, type) && isObject(value) && '$nil' in value) {
      return this.record(value, 'XmlNil', at, { $nil: (v, p) => (v === true ? undefined : mismatch(p, v, 'true')), $anyAttributes: (v, p) => this.anyAttributes(v, p) }) === undefined
        ? undefined
        : uncertain(at, 'holds $nil, where its type takes an XmlNil or a value of its own type, a union of objects');
    }
    if (isBuiltin(type)) return this.simple(value, type, at);
    const t = this.ir.types[type];
    if (t?.kind === 'simple') return this.simple(value, type, at);
    if (t === undefined) return undefined;
    if (!exact && this.polymorphic.has(type)) return this.polymorphicValue(value, type, at);
    const shape = this.shapes.get(type);
    if (shape === undefined) return undefined;
    if (shape.kind === 'simple') return this.simple(value, type, at);
    if (shape.kind === 'array') {
      if (!Array.isArray(value)) return mismatch(at, value, `an array (${t.tsName})`);
      const { item } = shape;
      return first(value, (x, i) => this.item(x, item, `${at}[${i}]`));
    }
    if (!isObject(value)) return mismatch(at, value, `an object (${t.tsName})`);
    return this.properties(value, shape.kind === 'value' ? shape.valueType : undefined, shape.properties, t.tsName, at);
  }

  /**
   * A value of a polymorphic base: one of its types (TypeScript's union of them). Its `$type`
   * picks the one; without it, a type that takes the value as it is will do.
   */
  private polymorphicValue(value: unknown, type: QName, at: string): Finding | undefined {
    const members = this.ts.members(type);
    const names = members.map((m) => this.ir.types[m]?.tsName ?? m).join(' | ');
    const exactly = (m: QName): Finding | undefined => this.element(value, m, false, true, at);
    if (members.length === 1) return exactly(members[0] ?? type);
    if (members.length === 0) return uncertain(at, `is of a type with no member (${this.ir.types[type]?.tsName ?? type})`);
    if (!isObject(value)) return mismatch(at, value, `an object (${names})`);
    const xsiTypes = new Map(members.map((m) => [m, this.xsiType(m)]));
    const keys = new Set([...xsiTypes.values()].map((x) => x?.name));
    const key = keys.size === 1 ? [...keys][0] : undefined;
    if (key !== undefined && value[key] !== undefined) {
      const picked = value[key];
      const all = [...xsiTypes.values()].flatMap((x) => x?.values ?? []);
      const matching = members.filter((m) => typeof picked === 'string' && xsiTypes.get(m)?.values.includes(picked) === true);
      if (matching.length === 0) return mismatch(`${at}${member(key)}`, picked, `${oneOf(all)} (${names})`);
      return some(matching.map((m) => () => exactly(m)), () => uncertain(at, `names a type that more than one of its types (${names}) is`));
    }
    const found = members.map((m) => exactly(m));
    if (found.some((f) => f === undefined)) return undefined;
    const unknown = Object.keys(value).find((k) => members.every((m) => !this.propertyNames(m).includes(k)));
    if (unknown !== undefined) return certain(at, `has ${unknown}, which none of its types (${names}) has`);
    return uncertain(at, `has no ${key ?? '$type'} and none of its types (${names}) takes it as it is: whether their union does is TypeScript's to say`);
  }

  /** The xsiType property of a complex type's shape: its name and values. */
  private xsiType(type: QName): { name: string; values: string[] } | undefined {
    const shape = this.shapes.get(type);
    if (shape === undefined || (shape.kind !== 'object' && shape.kind !== 'value')) return undefined;
    for (const p of shape.properties) if (p.kind === 'xsiType') return { name: p.name, values: p.values };
    return undefined;
  }

  private propertyNames(type: QName): string[] {
    const shape = this.shapes.get(type);
    return shape === undefined || (shape.kind !== 'object' && shape.kind !== 'value') ? [] : shape.properties.map((p) => p.name);
  }

  /**
   * An object's properties: none unknown, the required ones there, each of its property's type.
   * `item`: an item object of a repeated group or sequence, whose properties are optional only where they say so.
   */
  private properties(value: Record<string, unknown>, valueType: QName | undefined, properties: readonly PropertyShape[], tsName: string, at: string, item = false): Finding | undefined {
    const own = item ? properties : properties.filter((p) => !(p.kind === 'text' && p.into !== undefined));
    const names = own.map((p) => p.name);
    const unknown = Object.keys(value).find((k) => !names.includes(k));
    if (unknown !== undefined) return certain(at, `has ${unknown}, which its type (${tsName}) does not have (it has: ${names.join(', ') || 'no properties'})`);
    return first(own, (p) => {
      const v = value[p.name];
      // As the declarations say: text is required in a value of simple content, optional in mixed content.
      const optional = item ? 'optional' in p && p.optional : p.kind === 'text' ? valueType === undefined : 'optional' in p ? p.optional : true;
      if (v === undefined) return optional ? undefined : certain(at, `lacks ${p.name}, which its type (${tsName}) requires`);
      return this.property(v, p, valueType, `${at}${member(p.name)}`);
    });
  }

  private property(v: unknown, p: PropertyShape, valueType: QName | undefined, at: string): Finding | undefined {
    switch (p.kind) {
      case 'element': {
        const { type, nillable, xsiTypeBlocked } = p.particle;
        const one = (x: unknown, where: string): Finding | undefined =>
          p.alternatives ? this.keyed(x, p.alternatives.map((a) => this.alternative(a)), where) : this.element(x, type, nillable, xsiTypeBlocked === true, where);
        if (!p.repeated) return one(v, at);
        if (!Array.isArray(v)) return mismatch(at, v, 'an array');
        return first(v, (item, i) => one(item, `${at}[${i}]`));
      }
      case 'attribute':
        return this.simple(v, p.attribute.type, at);
      case 'text':
        return valueType === undefined ? (typeof v === 'string' ? undefined : mismatch(at, v, 'a string')) : this.simple(v, valueType, at);
      case 'xsiType':
        return typeof v === 'string' && p.values.includes(v) ? undefined : mismatch(at, v, oneOf(p.values));
      case 'choice': {
        if (!Array.isArray(v)) return mismatch(at, v, 'an array');
        const { item } = p;
        return first(v, (x, i) => this.item(x, item, `${at}[${i}]`));
      }
      case 'group': {
        if (!Array.isArray(v)) return mismatch(at, v, 'an array');
        const { properties } = p;
        return first(v, (x, i) => (isObject(x) ? this.properties(x, undefined, properties, 'an item of a repeated group', `${at}[${i}]`, true) : mismatch(`${at}[${i}]`, x, 'an object')));
      }
      case 'any':
        return this.anyElements(v, at);
      case 'anyAttribute':
        return this.anyAttributes(v, at);
    }
  }

  /** An item of a repeated choice: an element's value, or an object with one key of its alternatives. */
  private item(v: unknown, item: ItemShape, at: string): Finding | undefined {
    if (item.kind === 'element') return this.element(v, item.alt.type, item.alt.nillable, item.alt.xsiTypeBlocked === true, at);
    const alternatives = item.alts.map((a) => this.alternative(a));
    if (item.any !== undefined) alternatives.push({ key: '$any', check: (x, p) => this.anyElement(x, p) });
    if (item.text) alternatives.push({ key: '$text', check: (x, p) => (typeof x === 'string' ? undefined : mismatch(p, x, 'a string')) });
    for (const q of item.seqs ?? []) {
      alternatives.push({ key: q.key, check: (x, p) => (isObject(x) ? this.properties(x, undefined, q.properties, 'a sequence of the choice', p, true) : mismatch(p, x, 'an object')) });
    }
    return this.keyed(v, alternatives, at);
  }

  private alternative(a: ElementAlternative): KeyedAlternative {
    const one = (x: unknown, p: string): Finding | undefined => this.element(x, a.type, a.nillable, a.xsiTypeBlocked === true, p);
    if (a.count === undefined) return { key: a.key, check: one };
    return { key: a.key, check: (x, p) => (Array.isArray(x) ? first(x, (y, i) => one(y, `${p}[${i}]`)) : mismatch(p, x, 'an array')) };
  }

  /**
   * A value of an element-keyed union (`{ a: A } | { b: B }`): an object with one of the keys. One
   * with several TypeScript may take (each key is known to the union): only the type check can say.
   */
  private keyed(v: unknown, alternatives: readonly KeyedAlternative[], at: string): Finding | undefined {
    const keys = alternatives.map((a) => a.key);
    const takes = `an object with one of the keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
    if (!isObject(v)) return mismatch(at, v, takes);
    const held = Object.keys(v);
    const unknown = held.find((k) => !keys.includes(k));
    if (unknown !== undefined) return certain(at, `has ${unknown}, where its type takes ${takes}`);
    if (held.length === 0) return certain(at, `is an empty object, where its type takes ${takes}`);
    if (held.length > 1) return uncertain(at, `has ${held.join(', ')}, where its type takes ${takes}: whether TypeScript takes more than one is its type check's to say`);
    const key = held[0] ?? '';
    const alternative = alternatives.find((a) => a.key === key);
    return alternative?.check(v[key], `${at}${member(key)}`);
  }

  private anyElements(v: unknown, at: string): Finding | undefined {
    return Array.isArray(v) ? first(v, (x, i) => this.anyElement(x, `${at}[${i}]`)) : mismatch(at, v, 'an array (XmlAnyElement[])');
  }

  private anyElement(v: unknown, at: string): Finding | undefined {
    return this.record(v, 'XmlAnyElement', at, { namespace: string, localName: string, xml: string });
  }

  private anyAttributes(v: unknown, at: string): Finding | undefined {
    return Array.isArray(v) ? first(v, (x, i) => this.record(x, 'XmlAnyAttribute', `${at}[${i}]`, { namespace: string, localName: string, value: string })) : mismatch(at, v, 'an array (XmlAnyAttribute[])');
  }

  /** An object of a runtime type whose properties are all required: `fields`, each with its check. */
  private record(v: unknown, tsName: string, at: string, fields: Record<string, (x: unknown, at: string) => Finding | undefined>): Finding | undefined {
    if (!isObject(v)) return mismatch(at, v, `an object (${tsName})`);
    const names = Object.keys(fields);
    const unknown = Object.keys(v).find((k) => !names.includes(k));
    if (unknown !== undefined) return certain(at, `has ${unknown}, which its type (${tsName}) does not have (it has: ${names.join(', ')})`);
    return first(names, (name) => {
      const x = v[name];
      if (x === undefined) return certain(at, `lacks ${name}, which its type (${tsName}) requires`);
      return fields[name]?.(x, `${at}${member(name)}`);
    });
  }

  /** A value of a simple type, or of a complex type's simple content. */
  private simple(v: unknown, type: QName, at: string, depth = 0): Finding | undefined {
    if (depth > 64) return uncertain(at, 'is of a type nested too deep to follow');
    if (isBuiltin(type)) {
      const local = splitQName(type).local;
      if (local === 'anyType') return this.anyElement(v, at);
      // As TsTypes.builtin: a built-in without a codec is a string.
      const ts = BUILTIN_CODECS[local]?.ts ?? 'string';
      if (ts === 'string' || ts === 'number' || ts === 'boolean') return typeof v === ts ? undefined : mismatch(at, v, ts === 'boolean' ? 'true or false' : `a ${ts}`);
      if (ts === 'string[]') return Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : mismatch(at, v, 'an array of strings');
      if (ts === 'XmlQName') return this.record(v, 'XmlQName', at, { namespace: string, localName: string });
      return certain(at, `is ${kind(v)}, where its type takes a ${ts}, which a JSON file cannot hold: give this header in code, in the client's soapHeaders option`);
    }
    const t = this.ir.types[type];
    if (t?.kind === 'complex') return this.simple(v, t.simpleType ?? STRING_TYPE, at, depth + 1);
    if (t?.kind !== 'simple') return undefined;
    if (t.variety === 'list') {
      if (!Array.isArray(v)) return mismatch(at, v, `an array (${t.tsName})`);
      const item = t.itemType;
      return item === undefined ? undefined : first(v, (x, i) => this.simple(x, item, `${at}[${i}]`, depth + 1));
    }
    if (t.variety === 'union') {
      // Its declaration is the union of its members' (flattened): a value of one of them is one of it.
      const members = t.memberTypes ?? [];
      if (members.length === 0) return undefined;
      return some(
        members.map((m) => () => this.simple(v, m, at, depth + 1)),
        (found) => (found.every((f) => f.certain) ? mismatch(at, v, `a value of one of its union's members (${t.tsName})`) : uncertain(at, `is of a union (${t.tsName}) a member of which only the type check can judge`)),
      );
    }
    if (t.enumeration?.length && this.ts.isStringValued(t.base)) return typeof v === 'string' && t.enumeration.includes(v) ? undefined : mismatch(at, v, `${oneOf(t.enumeration)} (${t.tsName})`);
    return t.base === undefined ? undefined : this.simple(v, t.base, at, depth + 1);
  }

  /** What a value of `type` is, for the message about a null. */
  private expected(type: QName): string {
    return isBuiltin(type) ? splitQName(type).local : (this.ir.types[type]?.tsName ?? type);
  }
}

const string = (v: unknown, at: string): Finding | undefined => (typeof v === 'string' ? undefined : mismatch(at, v, 'a string'));

function certain(path: string, problem: string): Finding {
  return { path, problem, certain: true };
}

/** What only the type check can decide: refused where it is skipped. */
function uncertain(path: string, problem: string): Finding {
  return { path, problem, certain: false };
}

/** Taken when one of `checks` takes it; otherwise `none` of what they found. */
function some(checks: ReadonlyArray<() => Finding | undefined>, none: (found: Finding[]) => Finding | undefined): Finding | undefined {
  const found: Finding[] = [];
  for (const check of checks) {
    const f = check();
    if (f === undefined) return undefined;
    found.push(f);
  }
  return found.length === 1 ? found[0] : none(found);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON kind of a value, not the value (which may be a credential). */
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'boolean' ? 'true or false' : `a ${typeof v}`;
}

function mismatch(path: string, v: unknown, expected: string): Finding {
  // A string outside an enumeration is not quoted either: it may be a secret put in the wrong place.
  if (typeof v === 'string') return certain(path, `is a string that its type does not take: it takes ${expected}`);
  return certain(path, `is ${kind(v)}, where its type takes ${expected}`);
}

function oneOf(values: readonly string[]): string {
  const shown = values.slice(0, 8).map((v) => JSON.stringify(v));
  return `one of the strings ${shown.join(', ')}${values.length > shown.length ? ', …' : ''}`;
}

function member(name: string): string {
  return isIdentifier(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The first certain problem of the items, else the first that only the type check can decide. */
function first<T>(items: readonly T[], check: (item: T, i: number) => Finding | undefined): Finding | undefined {
  let open: Finding | undefined;
  for (const [i, item] of items.entries()) {
    const found = check(item, i);
    if (found?.certain === true) return found;
    open ??= found;
  }
  return open;
}
