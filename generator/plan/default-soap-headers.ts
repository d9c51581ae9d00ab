import { BUILTIN_CODECS } from '@wsdl-codegen/runtime/names';
import type { IR, QName } from '../ir';
import { isBuiltin, isIdentifier, splitQName } from '../ir';
import type { HeaderValue } from './operations';
import { keepsNilAttributes, type PropertyShape, type Shape } from './shapes';
import type { TsTypes } from './ts-types';

/** A configured default SOAP header's value that its header's type does not take: where in it, and why. */
export interface MistypedSoapHeader {
  /** The header and the way into its value: `Auth.token`, `Items[2]`. */
  path: string;
  problem: string;
}

/**
 * What the type check would refuse in the configured default SOAP headers, found without it, so
 * that a run with --no-verify does not write a package that does not compile: each value's JSON
 * kind (string, number, boolean, null, array, object), a string of an enumeration, and an
 * object's property names, required and unknown, against its header's type, as the generated
 * declarations give it. Only what is certain: a value whose type is a union, a polymorphic base,
 * a substitution group or a wildcard is left (in that part) to the type check. Values are never
 * quoted: a header may hold a credential.
 */
export class DefaultSoapHeaderCheck {
  constructor(
    private readonly ir: IR,
    private readonly ts: TsTypes,
    private readonly shapes: ReadonlyMap<QName, Shape>,
    private readonly polymorphic: ReadonlySet<QName>,
  ) {}

  /** The first problem of each configured header that `declared` (a client's named header properties) types. */
  check(defaults: Record<string, unknown>, declared: readonly HeaderValue[]): MistypedSoapHeader[] {
    const problems: MistypedSoapHeader[] = [];
    for (const [key, value] of Object.entries(defaults)) {
      const header = declared.find((h) => h.key === key);
      if (header === undefined) continue;
      const problem = this.element(value, header.type, header.nillable, header.exact, key);
      if (problem !== undefined) problems.push(problem);
    }
    return problems;
  }

  /** A value of an element of type `type`. */
  private element(value: unknown, type: QName, nillable: boolean, exact: boolean, at: string): MistypedSoapHeader | undefined {
    if (value === null) return nillable ? undefined : { path: at, problem: `is null, where its type (${this.expected(type)}) takes no null: the element is not nillable` };
    // A nil element that keeps its attributes (XmlNil): not checked further.
    if (nillable && keepsNilAttributes(this.ir, type) && isObject(value) && '$nil' in value) return undefined;
    const t = this.ir.types[type];
    if (isBuiltin(type) || t?.kind === 'simple') return this.simple(value, type, at);
    if (t === undefined || (!exact && this.polymorphic.has(type))) return undefined;
    const shape = this.shapes.get(type);
    if (shape === undefined || shape.kind === 'simple') return undefined;
    if (shape.kind === 'array') {
      if (!Array.isArray(value)) return mismatch(at, value, `an array (${t.tsName})`);
      if (shape.item.kind !== 'element') return undefined;
      const { alt } = shape.item;
      return first(value, (item, i) => this.element(item, alt.type, alt.nillable, alt.xsiTypeBlocked === true, `${at}[${i}]`));
    }
    if (!isObject(value)) return mismatch(at, value, `an object (${t.tsName})`);
    return this.properties(value, shape.kind === 'value' ? shape.valueType : undefined, shape.properties, t.tsName, at);
  }

  /** An object's properties: none unknown, the required ones there, each of its property's type. */
  private properties(value: Record<string, unknown>, valueType: QName | undefined, properties: readonly PropertyShape[], tsName: string, at: string): MistypedSoapHeader | undefined {
    const own = properties.filter((p) => !(p.kind === 'text' && p.into !== undefined));
    const names = own.map((p) => p.name);
    const unknown = Object.keys(value).find((k) => !names.includes(k));
    if (unknown !== undefined) return { path: at, problem: `has ${unknown}, which its type (${tsName}) does not have (it has: ${names.join(', ') || 'no properties'})` };
    for (const p of own) {
      const v = value[p.name];
      // As the declarations say: text is required in a value of simple content, optional in mixed content.
      const optional = p.kind === 'text' ? valueType === undefined : 'optional' in p ? p.optional : true;
      if (v === undefined) {
        if (!optional) return { path: at, problem: `lacks ${p.name}, which its type (${tsName}) requires` };
        continue;
      }
      const problem = this.property(v, p, valueType, `${at}${member(p.name)}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  private property(v: unknown, p: PropertyShape, valueType: QName | undefined, at: string): MistypedSoapHeader | undefined {
    switch (p.kind) {
      case 'element': {
        if (p.alternatives) return undefined;
        const { type, nillable, xsiTypeBlocked } = p.particle;
        if (!p.repeated) return this.element(v, type, nillable, xsiTypeBlocked === true, at);
        if (!Array.isArray(v)) return mismatch(at, v, 'an array');
        return first(v, (item, i) => this.element(item, type, nillable, xsiTypeBlocked === true, `${at}[${i}]`));
      }
      case 'attribute':
        return this.simple(v, p.attribute.type, at);
      case 'text':
        return valueType === undefined ? (typeof v === 'string' ? undefined : mismatch(at, v, 'a string')) : this.simple(v, valueType, at);
      case 'xsiType':
        return typeof v === 'string' && p.values.includes(v) ? undefined : mismatch(at, v, oneOf(p.values));
      case 'choice':
      case 'group':
      case 'any':
      case 'anyAttribute':
        return Array.isArray(v) ? undefined : mismatch(at, v, 'an array');
    }
  }

  /** A value of a simple type, or of a complex type's simple content. */
  private simple(v: unknown, type: QName, at: string, depth = 0): MistypedSoapHeader | undefined {
    if (depth > 64) return undefined;
    if (isBuiltin(type)) {
      const ts = BUILTIN_CODECS[splitQName(type).local]?.ts;
      if (ts === 'string' || ts === 'number' || ts === 'boolean') return typeof v === ts ? undefined : mismatch(at, v, ts === 'boolean' ? 'true or false' : `a ${ts}`);
      if (ts === 'string[]') return Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : mismatch(at, v, 'an array of strings');
      if (ts === 'bigint' || ts === 'Uint8Array') return { path: at, problem: `is ${kind(v)}, where its type takes a ${ts}, which a JSON file cannot hold: give this header in code, in the client's soapHeaders option` };
      return undefined;
    }
    const t = this.ir.types[type];
    if (t?.kind === 'complex') return this.simple(v, t.simpleType ?? '{http://www.w3.org/2001/XMLSchema}string', at, depth + 1);
    if (t?.kind !== 'simple') return undefined;
    if (t.variety === 'list') {
      if (!Array.isArray(v)) return mismatch(at, v, `an array (${t.tsName})`);
      const item = t.itemType;
      return item === undefined ? undefined : first(v, (x, i) => this.simple(x, item, `${at}[${i}]`, depth + 1));
    }
    if (t.variety !== 'atomic') return undefined;
    if (t.enumeration?.length && this.ts.isStringValued(t.base)) return typeof v === 'string' && t.enumeration.includes(v) ? undefined : mismatch(at, v, `${oneOf(t.enumeration)} (${t.tsName})`);
    return t.base === undefined ? undefined : this.simple(v, t.base, at, depth + 1);
  }

  /** What a value of `type` is, for the message about a null. */
  private expected(type: QName): string {
    return isBuiltin(type) ? splitQName(type).local : (this.ir.types[type]?.tsName ?? type);
  }
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

function mismatch(path: string, v: unknown, expected: string): MistypedSoapHeader {
  // A string outside an enumeration is not quoted either: it may be a secret put in the wrong place.
  if (typeof v === 'string') return { path, problem: `is a string that its type does not take: it takes ${expected}` };
  return { path, problem: `is ${kind(v)}, where its type takes ${expected}` };
}

function oneOf(values: readonly string[]): string {
  const shown = values.slice(0, 8).map((v) => JSON.stringify(v));
  return `one of the strings ${shown.join(', ')}${values.length > shown.length ? ', …' : ''}`;
}

function member(name: string): string {
  return isIdentifier(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function first<T>(items: readonly unknown[], check: (item: unknown, i: number) => T | undefined): T | undefined {
  for (const [i, item] of items.entries()) {
    const problem = check(item, i);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
