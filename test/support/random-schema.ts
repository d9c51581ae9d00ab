/**
 * Random XML Schemas for the generator's robustness test: content models nested and repeated at
 * random, wildcards, groups and attribute groups, derivations, substitution groups, value
 * constraints, a second namespace by import, and names that collide with what JavaScript objects
 * and the generated code already have. Most are valid; the test only asks that the generator
 * either writes a package that type-checks or says what is wrong with the schema.
 */

/** Element, attribute and type names that other names, JavaScript or the generated code already use. */
const NAMES = [
  'constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'class', 'default', 'delete', 'Fault', 'ReadContext', 'Array',
  'Promise', 'Object', 'string', 'T', 'xml', 'NS0', 'PREFIXES', 'prefixFor', 'settle', 'escapeText', 'item', 'value', 'operations',
  'Date', 'Error', 'type', 'any', 'a-b', 'a.b', 'ñame', 'Über', '_x', 'o', 'v', 's', 'r', 'ctx', 'el', 'at', 'tag', 'g0', 'it', 'q',
  'text', 'last', 'c', 'i', 'base', 'empty', 'fixed',
];

const BUILTINS: ReadonlyArray<{ name: string; values: string[] }> = [
  { name: 'xs:string', values: ['x', 'two words', ''] },
  { name: 'xs:int', values: ['5', '-3'] },
  { name: 'xs:decimal', values: ['1.50', '2'] },
  { name: 'xs:boolean', values: ['true', '0'] },
  { name: 'xs:dateTime', values: ['2024-01-02T03:04:05Z'] },
  { name: 'xs:date', values: ['2024-01-02'] },
  { name: 'xs:QName', values: ['t:A', 'xs:string'] },
  { name: 'xs:base64Binary', values: ['AQID'] },
  { name: 'xs:hexBinary', values: ['0A0B'] },
  { name: 'xs:token', values: ['a b'] },
  { name: 'xs:long', values: ['7'] },
  { name: 'xs:double', values: ['1E3', 'INF'] },
  { name: 'xs:anyURI', values: ['urn:x'] },
  { name: 'xs:unsignedByte', values: ['200'] },
  { name: 'xs:NMTOKENS', values: ['a b'] },
];

interface SimpleRef {
  ref: string;
  values: string[];
}

interface ComplexRef {
  name: string;
  simpleContent: boolean;
  /** An xs:all or mixed content: XML Schema 1.0 allows no extension that adds elements or changes mixedness. */
  closed?: boolean;
  /** The content model, for a restriction that repeats it (a valid restriction). */
  body?: string;
  base?: string;
  values?: string[];
}

export interface RandomSchema {
  /** File name → text; the entry document is `entry.xsd`, which imports `other.xsd`. */
  files: Record<string, string>;
}

export interface RandomSchemaOptions {
  /**
   * Only content models that satisfy Unique Particle Attribution, so that a reader can place every
   * element the way the writer meant it (libxml2 compiles some that break it): no element name
   * twice in a schema (a restriction repeats its base's), no substitution groups, no element
   * references, each model group referenced once, and wildcards only for urn:zz, exactly once,
   * outside any optional or repeated group, one per content model.
   */
  unambiguous?: boolean;
}

export function randomSchema(seed: number, options: RandomSchemaOptions = {}): RandomSchema {
  const strict = options.unambiguous === true;
  let state = (seed * 2654435761) >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const between = (a: number, b: number): number => a + Math.floor(random() * (b - a + 1));
  const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const occurs = (): string => pick(['', '', ' minOccurs="0"', ' maxOccurs="unbounded"', ' minOccurs="0" maxOccurs="3"', ' minOccurs="2" maxOccurs="2"']);

  const decls: string[] = [];
  const taken = new Set<string>();
  const typeName = (): string => {
    let n = chance(0.5) ? pick(NAMES).replace(/^[^A-Za-z_]+/, 'N').replace(/[^\w.-]/g, '_') : `T${between(0, 30)}`;
    while (taken.has(n)) n += '2';
    taken.add(n);
    return n;
  };

  // Simple types.
  const simple: SimpleRef[] = [];
  for (let i = between(0, 4); i > 0; i--) {
    const name = typeName();
    const kind = pick(['enum', 'enum', 'range', 'list', 'union']);
    if (kind === 'enum') {
      const values = [...new Set([pick(NAMES), pick(NAMES), 'two words', ''])];
      decls.push(`<xs:simpleType name="${name}"><xs:restriction base="xs:string">${values.map((v) => `<xs:enumeration value="${attr(v)}"/>`).join('')}</xs:restriction></xs:simpleType>`);
      simple.push({ ref: `t:${name}`, values });
    } else if (kind === 'range') {
      decls.push(`<xs:simpleType name="${name}"><xs:restriction base="xs:int"><xs:minInclusive value="-5"/><xs:maxInclusive value="250"/></xs:restriction></xs:simpleType>`);
      simple.push({ ref: `t:${name}`, values: ['5', '-3'] });
    } else if (kind === 'list') {
      const item = pick(['xs:int', 'xs:QName', 'xs:date', ...simple.map((s) => s.ref)]);
      decls.push(`<xs:simpleType name="${name}"><xs:list itemType="${item}"/></xs:simpleType>`);
      simple.push({ ref: `t:${name}`, values: [] });
    } else {
      decls.push(`<xs:simpleType name="${name}"><xs:union memberTypes="xs:int ${pick(['xs:boolean', 'xs:date', 'xs:QName'])}"/></xs:simpleType>`);
      simple.push({ ref: `t:${name}`, values: ['5'] });
    }
  }
  const simpleType = (): SimpleRef => {
    if (simple.length && chance(0.35)) return pick(simple);
    const b = pick(BUILTINS);
    return { ref: b.name, values: b.values };
  };
  const valueConstraint = (s: SimpleRef): string => {
    if (!s.values.length || !chance(0.25)) return '';
    return ` ${chance(0.5) ? 'default' : 'fixed'}="${attr(pick(s.values))}"`;
  };

  // Attributes and attribute groups.
  const attributeGroups: string[] = [];
  const usedAttributeGroups = new Set<string>();
  /** `groupRef`: whether an attribute group reference may close the list. */
  const attributes = (groupRef = true): string => {
    let out = '';
    const names = new Set<string>();
    for (let i = between(0, 3); i > 0; i--) {
      const name = pick(NAMES).replace(/^[^A-Za-z_]+/, 'n');
      if (names.has(name)) continue;
      names.add(name);
      const s = simpleType();
      const required = chance(0.25);
      out += `<xs:attribute name="${name}" type="${s.ref}"${required ? ' use="required"' : valueConstraint(s)}/>`;
    }
    if (attributeGroups.length && chance(0.3)) {
      // Unambiguous: each group once (libxml2 calls an attribute a base and its extension both get
      // from one group a duplicate; XML Schema counts it once).
      const group = pick(attributeGroups);
      if (!strict || (groupRef && !usedAttributeGroups.has(group))) out += `<xs:attributeGroup ref="t:${group}"/>`;
      usedAttributeGroups.add(group);
    }
    if (chance(0.15)) out += `<xs:anyAttribute namespace="${pick(['##other', '##any'])}" processContents="lax"/>`;
    return out;
  };
  for (let i = between(0, 2); i > 0; i--) {
    const name = typeName();
    // Unambiguous: no group inside a group, whose names might meet its own (libxml2 refuses that).
    decls.push(`<xs:attributeGroup name="${name}">${attributes(false)}</xs:attributeGroup>`);
    attributeGroups.push(name);
  }

  // Content models. One type per element name (Element Declarations Consistent).
  const complex: ComplexRef[] = [];
  const globals: Array<{ name: string; type: string; head?: string }> = [];
  const groups: string[] = [];
  const typeOf = new Map<string, { ref: string; values: string[] }>();
  let anonymous = 0;
  /** Element names used so far, global and local (unambiguous schemas use each once). */
  const elementNames = new Set<string>();
  const freshName = (name: string): string => {
    let n = name;
    for (let i = 2; elementNames.has(n); i++) n = `${name}${i}`;
    elementNames.add(n);
    return n;
  };
  /** Whether a wildcard may stand here (unambiguous: none yet in this content model, no optional or repeated group around it). */
  let wildcardTaken = false;
  /** `once`: inside a repeated group of an unambiguous schema, where anything optional or repeated would make iterations impossible to tell apart. */
  const element = (depth: number, once = false): string => {
    const count = (): string => (once ? '' : occurs());
    if (depth < 2 && chance(0.15)) {
      return `<xs:element name="inline${anonymous++}"${count()}><xs:complexType${chance(0.2) ? ' mixed="true"' : ''}>${sequence(depth + 1)}${attributes()}</xs:complexType></xs:element>`;
    }
    const name = strict ? freshName(pick(NAMES)) : pick(NAMES);
    let type = typeOf.get(name);
    if (type === undefined) {
      if (complex.length && chance(0.4)) {
        const c = pick(complex);
        type = { ref: `t:${c.name}`, values: c.simpleContent ? (c.values ?? []) : [] };
      } else type = chance(0.08) ? { ref: 'o:Other', values: [] } : simpleType();
      typeOf.set(name, type);
    }
    return `<xs:element name="${name}" type="${type.ref}"${chance(0.15) ? ' nillable="true"' : ''}${count()}${valueConstraint(type)}/>`;
  };
  const unusedGroups = (): string[] => groups.filter((g) => !usedGroups.has(g));
  const usedGroups = new Set<string>();
  /** `fixedCount`: every group around this particle occurs exactly once. */
  const particle = (depth: number, fixedCount = true, once = false): string => {
    const kind = depth > 2 ? 'element' : pick(['element', 'element', 'element', 'sequence', 'choice', 'group', 'any', 'ref']);
    if (kind === 'any' && !strict) return `<xs:any namespace="${pick(['##other', '##any', '##local', 'urn:other', 'urn:zz'])}" processContents="${pick(['lax', 'skip'])}"${occurs()}/>`;
    if (kind === 'any' && fixedCount && !wildcardTaken) {
      wildcardTaken = true;
      return `<xs:any namespace="urn:zz" processContents="${pick(['lax', 'skip'])}"/>`;
    }
    if (kind === 'group' && !strict && groups.length) return `<xs:group ref="t:${pick(groups)}"${occurs()}/>`;
    if (kind === 'group' && strict && unusedGroups().length) {
      const g = pick(unusedGroups());
      usedGroups.add(g);
      return `<xs:group ref="t:${g}"${once ? '' : occurs()}/>`;
    }
    if (kind === 'ref' && !strict && globals.length) return `<xs:element ref="t:${pick(globals).name}"${occurs()}/>`;
    if (kind !== 'sequence' && kind !== 'choice') return element(depth, once);
    // Without the option, random numbers are drawn in the order they always were (parts, then the
    // group's occurrences), so that each seed gives the schema it gave before.
    if (!strict) {
      const parts = Array.from({ length: between(1, 3) }, () => particle(depth + 1)).join('');
      return `<xs:${kind}${occurs()}>${parts}</xs:${kind}>`;
    }
    const count = once ? '' : occurs();
    const repeated = /maxOccurs="(?!1")/.test(count);
    const parts = Array.from({ length: between(1, 3) }, () => particle(depth + 1, fixedCount && count === '' && kind === 'sequence', once || repeated)).join('');
    return `<xs:${kind}${count}>${parts}</xs:${kind}>`;
  };
  /** A content model's sequence: a new model, so a wildcard may stand in it again. */
  const sequence = (depth: number): string => {
    const outer = wildcardTaken;
    wildcardTaken = false;
    const body = `<xs:sequence>${Array.from({ length: between(1, 3) }, () => particle(depth)).join('')}</xs:sequence>`;
    wildcardTaken = outer;
    return body;
  };

  for (let i = between(0, 2); i > 0; i--) {
    const name = typeName();
    const kind = pick(['sequence', 'choice']);
    // Unambiguous: a reference to it may be repeated.
    decls.push(`<xs:group name="${name}"><xs:${kind}>${element(2, strict)}${element(2, strict)}</xs:${kind}></xs:group>`);
    groups.push(name);
  }
  for (let i = between(1, 6); i > 0; i--) {
    const name = typeName();
    // Unambiguous schemas are for round trips: an abstract type may have nothing to write.
    const abstract = chance(0.12) && !strict ? ' abstract="true"' : '';
    const plain = complex.filter((c) => !c.simpleContent && !(strict && c.closed));
    const form = pick(['plain', 'plain', 'plain', 'all', 'simpleContent', 'extension', 'restriction']);
    if (form === 'extension' && plain.length) {
      const base = pick(plain);
      // Unambiguous: no attributes of its own, which might be named like one of the base's (XML
      // Schema refuses that, and the generator with it: the round trip would lose the schema).
      // Drawn in the order they always were, with or without the option (see particle()).
      const content = chance(0.7) ? sequence(1) : '';
      const own = attributes();
      decls.push(`<xs:complexType name="${name}"${abstract}><xs:complexContent><xs:extension base="t:${base.name}">${content}${strict ? '' : own}</xs:extension></xs:complexContent></xs:complexType>`);
      complex.push({ name, simpleContent: false, base: base.name });
    } else if (form === 'restriction' && plain.some((c) => c.body !== undefined)) {
      const base = pick(plain.filter((c) => c.body !== undefined));
      decls.push(`<xs:complexType name="${name}"${abstract}><xs:complexContent><xs:restriction base="t:${base.name}">${base.body ?? ''}</xs:restriction></xs:complexContent></xs:complexType>`);
      complex.push({ name, simpleContent: false, base: base.name, ...(base.body !== undefined ? { body: base.body } : {}) });
    } else if (form === 'simpleContent') {
      const s = simpleType();
      decls.push(`<xs:complexType name="${name}"${abstract}><xs:simpleContent><xs:extension base="${s.ref}">${attributes()}</xs:extension></xs:simpleContent></xs:complexType>`);
      complex.push({ name, simpleContent: true, values: s.values });
    } else if (form === 'all') {
      const parts = Array.from({ length: between(1, 3) }, (_, k) => {
        const s = simpleType();
        return `<xs:element name="x${k}" type="${s.ref}"${chance(0.5) ? ' minOccurs="0"' : ''}${valueConstraint(s)}/>`;
      }).join('');
      decls.push(`<xs:complexType name="${name}"${abstract}><xs:all${chance(0.3) ? ' minOccurs="0"' : ''}>${parts}</xs:all>${attributes()}</xs:complexType>`);
      complex.push({ name, simpleContent: false, closed: true });
    } else {
      const body = sequence(1);
      const mixed = chance(0.15);
      decls.push(`<xs:complexType name="${name}"${abstract}${mixed ? ' mixed="true"' : ''}>${body}${attributes()}</xs:complexType>`);
      complex.push({ name, simpleContent: false, body, closed: mixed });
    }
    if (chance(0.5)) {
      const c = complex[complex.length - 1] as ComplexRef;
      const elementName = typeName();
      const head = globals.find((g) => g.type === c.base && g.head === undefined);
      const member = !strict && head !== undefined && chance(0.7);
      if (strict) elementNames.add(elementName);
      decls.push(`<xs:element name="${elementName}" type="t:${c.name}"${member ? ` substitutionGroup="t:${head.name}"` : chance(0.15) && !strict ? ' abstract="true"' : ''}/>`);
      globals.push({ name: elementName, type: c.name, ...(member ? { head: head.name } : {}) });
    }
  }
  const uses = [...complex.map((c, k) => `<xs:element name="use${k}" type="t:${c.name}" minOccurs="0"/>`), ...globals.map((g) => `<xs:element ref="t:${g.name}" minOccurs="0"/>`)].join('');
  decls.push(`<xs:element name="Root"><xs:complexType><xs:sequence>${particle(0)}${particle(0)}${uses}</xs:sequence>${attributes()}</xs:complexType></xs:element>`);

  const form = chance(0.7) ? ' elementFormDefault="qualified"' : '';
  const entry = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:f" xmlns:o="urn:other" targetNamespace="urn:f"${form}>
<xs:import namespace="urn:other" schemaLocation="other.xsd"/>
${decls.join('\n')}
</xs:schema>
`;
  const other = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other" elementFormDefault="qualified">
<xs:complexType name="Other"><xs:sequence><xs:element name="v" type="xs:string" minOccurs="0"/></xs:sequence><xs:attribute name="k" type="xs:int"/></xs:complexType>
</xs:schema>
`;
  return { files: { 'entry.xsd': entry, 'other.xsd': other } };
}
