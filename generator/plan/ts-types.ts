import { BUILTIN_CODECS } from '@wsdl-codegen/runtime/names';
import type { IR, QName } from '../ir';
import { isBuiltin, isIdentifier, splitQName } from '../ir';
import { keepsNilAttributes, type ElementAlternative, type ItemShape, type PropertyShape } from './shapes';

/** TypeScript type expressions for schema types. Formatting only: the shapes are decided in shapes.ts. */
export class TsTypes {
  /** Runtime type names the declarations use (imported by the types file). */
  readonly runtimeTypes = new Set<string>();

  constructor(
    private readonly ir: IR,
    private readonly polymorphic: ReadonlySet<QName>,
    private readonly emitted: ReadonlySet<QName>,
  ) {}

  /** The type of a value declared with `key`; a polymorphic base admits its derived types, unless `exact` (xsiTypeBlocked). */
  ref(key: QName, exact = false): string {
    if (isBuiltin(key)) return this.builtin(splitQName(key).local);
    const t = this.ir.types[key];
    if (!t) return 'string';
    if (t.kind === 'complex' && !exact && this.polymorphic.has(key)) {
      const members = this.members(key).map((m) => this.ir.types[m]?.tsName ?? 'never');
      return members.length === 1 ? (members[0] ?? 'never') : members.join(' | ');
    }
    return t.tsName;
  }

  /** The types a value of the polymorphic base `key` may be, as `ref` names them: the base unless abstract, and its emitted derived types. */
  members(key: QName): QName[] {
    const t = this.ir.types[key];
    if (t?.kind !== 'complex') return [];
    return [...(t.abstract ? [] : [key]), ...t.derivedTypes.filter((d) => this.emitted.has(d))];
  }

  /** The scalar type of a simple type or of a complex type's simple content. */
  valueRef(key: QName): string {
    const t = this.ir.types[key];
    if (t?.kind === 'complex') return this.valueRef(t.simpleType ?? '{http://www.w3.org/2001/XMLSchema}string');
    return this.ref(key);
  }

  builtin(local: string): string {
    if (local === 'anyType') {
      this.runtimeTypes.add('XmlAnyElement');
      return 'XmlAnyElement';
    }
    const codec = BUILTIN_CODECS[local];
    const ts = codec?.ts ?? 'string';
    if (ts === 'XmlQName') this.runtimeTypes.add('XmlQName');
    return ts;
  }

  /** Right-hand side of a simple type's alias. */
  simple(key: QName): string {
    return this.simpleMembers(key).map((m) => ('literal' in m ? literal(m.literal) : m.type)).join(' | ');
  }

  /** The members of a simple type's alias: a union's members flattened, each once, first occurrence first. */
  private simpleMembers(key: QName): AliasMember[] {
    const t = this.ir.types[key];
    if (t?.kind === 'complex') return [{ type: this.valueRef(key) }];
    if (!t || t.kind !== 'simple') return [{ type: this.ref(key) }];
    if (t.variety === 'list') return [{ type: arrayOf(this.ref(t.itemType ?? '')) }];
    if (t.variety === 'union') return uniqueMembers((t.memberTypes ?? []).flatMap((m) => this.simpleMembers(m)));
    // Enumerations of strings become literal unions; of numbers etc. they keep the base type (checked when read).
    if (t.enumeration?.length && this.isStringValued(t.base)) return uniqueMembers(t.enumeration.map((v) => ({ literal: v })));
    return [{ type: this.valueRef(t.base ?? '') }];
  }

  /** Whether values of `key` are strings: a built-in read as one, or atomic restrictions of it (named or not). */
  isStringValued(key: QName | undefined): boolean {
    for (let k = key, i = 0; k !== undefined && i < 64; i++) {
      if (isBuiltin(k)) return this.valueRef(k) === 'string';
      const t = this.ir.types[k];
      if (t?.kind !== 'simple' || t.variety !== 'atomic') return false;
      k = t.base;
    }
    return false;
  }

  alternative(a: ElementAlternative): string {
    const value = `${this.ref(a.type, a.xsiTypeBlocked)}${this.nilSuffix(a.type, a.nillable)}`;
    return `{ ${propertyKey(a.key)}: ${a.count !== undefined ? arrayOf(value) : value} }`;
  }

  /**
   * What a nillable element's value adds to its type: null, and XmlNil where the type has
   * attributes, which a nil element may carry.
   */
  nilSuffix(type: QName, nillable: boolean): string {
    if (!nillable) return '';
    if (!keepsNilAttributes(this.ir, type)) return ' | null';
    this.runtimeTypes.add('XmlNil');
    return ' | null | XmlNil';
  }

  item(item: ItemShape): string {
    if (item.kind === 'element') return `${this.ref(item.alt.type, item.alt.xsiTypeBlocked)}${this.nilSuffix(item.alt.type, item.alt.nillable)}`;
    const alts = item.alts.map((a) => this.alternative(a));
    if (item.any !== undefined) {
      this.runtimeTypes.add('XmlAnyElement');
      alts.push('{ $any: XmlAnyElement }');
    }
    if (item.text) alts.push('{ $text: string }');
    for (const q of item.seqs ?? []) alts.push(`{ ${q.key}: ${this.object(q.properties)} }`);
    return alts.join(' | ');
  }

  /** An object type holding these properties (an item of a repeated sequence). */
  object(properties: PropertyShape[]): string {
    return `{ ${properties.map((x) => `${propertyKey(x.name)}${'optional' in x && x.optional ? '?' : ''}: ${this.property(x)}`).join('; ')} }`;
  }

  property(p: PropertyShape): string {
    switch (p.kind) {
      case 'element': {
        const base = p.alternatives ? p.alternatives.map((a) => this.alternative(a)).join(' | ') : `${this.ref(p.particle.type, p.particle.xsiTypeBlocked)}${this.nilSuffix(p.particle.type, p.particle.nillable)}`;
        return p.repeated ? arrayOf(base) : base;
      }
      case 'choice':
        return arrayOf(this.item(p.item));
      case 'group':
        return arrayOf(this.object(p.properties));
      case 'any':
        this.runtimeTypes.add('XmlAnyElement');
        return 'XmlAnyElement[]';
      case 'attribute':
        return this.simpleRef(p.attribute.type);
      case 'anyAttribute':
        this.runtimeTypes.add('XmlAnyAttribute');
        return 'XmlAnyAttribute[]';
      case 'text':
        return 'string';
      case 'xsiType':
        return p.values.map(literal).join(' | ');
    }
  }

  /** A simple type used by reference (attribute, $value). */
  simpleRef(key: QName): string {
    return this.valueRef(key);
  }
}

export function arrayOf(t: string): string {
  return /^[A-Za-z0-9_$.]+$/.test(t) ? `${t}[]` : `Array<${t}>`;
}

export function literal(s: string): string {
  return JSON.stringify(s).replace(/'/g, "\\'").replace(/^"|"$/g, "'").replace(/\\"/g, '"');
}

/**
 * Hands out names not yet taken, case-insensitively (generated type names share one file with the
 * schema types): `base`, else `base2`, `base3`...
 */
export function uniqueNames(taken: Iterable<string>): (base: string) => string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  return (base) => {
    let n = base;
    for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base}${i}`;
    used.add(n.toLowerCase());
    return n;
  };
}

export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : literal(name);
}

/**
 * A wire name (operation, message part, document element) as the name of an own property:
 * `__proto__` as an object literal's key, or assigned with `o[key] =`, would set the object's
 * prototype instead, so it is `__proto___`, as properties of schema types are (assign-identifiers).
 */
export function ownName(name: string): string {
  return name === '__proto__' ? '__proto___' : name;
}

/** One member of a simple type's alias: a string literal (an enumeration value) or a type. */
type AliasMember = { literal: string } | { type: string };

function uniqueMembers(list: AliasMember[]): AliasMember[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = 'literal' in m ? `literal ${m.literal}` : `type ${m.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Text from the input for a `/* *\/` comment: a `*\/` in it (a namespace, a URL, documentation) cannot end the comment early. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** TSDoc lines: the schema's documentation first, then a note; `*\/` cannot end the comment early. */
export function docComment(doc: string | undefined, note?: string): string[] {
  const lines: string[] = [];
  if (doc) lines.push(...doc.split('\n'));
  if (doc && note) lines.push('');
  if (note) lines.push(...note.split('\n'));
  return lines.map((l) => commentText(l).trimEnd());
}
