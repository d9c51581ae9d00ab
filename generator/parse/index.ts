import { isNCName, xsdPattern, xsdPatternProblem } from '@wsdl-codegen/runtime/names';
import { Diagnostics, place } from '../diagnostics';
import { DRAFT_XSD_HINT, DRAFT_XSD_NAMESPACES, WSDL_MIME_NS, WSDL_NS, WSDL_SOAP11_NS, WSDL_SOAP12_NS, XSD_NS, isBuiltin, qname, type Facets, type NamespaceConstraint, type Origin, type QName, type ValueConstraint } from '../ir';
import { type SourceDocument, type SourceSet, type XElement } from '../load';
import { namespaceConstraint } from '../wildcards';
import type {
  RawAttribute,
  RawBinding,
  RawBindingMessage,
  RawComplexType,
  RawOccurs,
  RawParticle,
  RawSimpleType,
  RawSoapHeader,
  SchemaModel,
} from './model';

export type { SchemaModel } from './model';

interface SchemaContext {
  doc: SourceDocument;
  tns: string;
  /** A schema without targetNamespace included into one with a namespace. */
  chameleon: boolean;
  elementFormQualified: boolean;
  attributeFormQualified: boolean;
}

type Component = { name: QName; origin: Origin };

/** An xs:nonNegativeInteger as written (whitespace already collapsed). */
const COUNT = /^\+?[0-9]+$/;
/** The facets of XML Schema 1.0, enumeration aside. */
const FACET_NAMES: Readonly<Record<keyof Facets, true>> = {
  length: true, minLength: true, maxLength: true, pattern: true, minInclusive: true, maxInclusive: true,
  minExclusive: true, maxExclusive: true, totalDigits: true, fractionDigits: true, whiteSpace: true,
};

/** Every facet's name in XML Schema 1.0, and those 1.1 adds (which uncheckedConstructs reports). */
const FACETS = [...Object.keys(FACET_NAMES), 'enumeration'];
const XSD11_FACETS = ['assertion', 'explicitTimezone'];
/** The facets, as a hint lists them. */
const FACET_LIST = `${FACETS.slice(0, -1).map((f) => `xs:${f}`).join(', ')} and xs:enumeration (XML Schema 1.1 adds ${XSD11_FACETS.map((f) => `xs:${f}`).join(' and ')})`;

/** The number a COUNT stands for, or undefined when it is not one or exceeds 2^53 - 1. */
function count(text: string): number | undefined {
  return COUNT.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

/** Stage 2: from the source set to the schema model (all documents of a namespace merged). */
export function parse(sources: SourceSet, diagnostics: Diagnostics): SchemaModel {
  const model: SchemaModel = {
    entry: '',
    entryOrigin: { file: '', line: 1, col: 1 },
    documents: sources.documents.map((d) => d.display),
    targetNamespace: '',
    complexTypes: {},
    simpleTypes: {},
    elements: {},
    attributes: {},
    groups: {},
    attributeGroups: {},
    messages: {},
    portTypes: {},
    bindings: {},
    services: [],
    unloadedNamespaces: sources.unloadedNamespaces,
  };
  const docs = new Map(sources.documents.map((d) => [d.location, d]));
  // An import without a location can be answered by several schemas of the search path.
  const edgeTargets = new Map<XElement, string[]>();
  for (const e of sources.edges) edgeTargets.set(e.at, [...(edgeTargets.get(e.at) ?? []), e.to]);
  const visited = new Set<string>();
  const entry = docs.get(sources.entry);
  if (!entry) throw new Error('entry document missing from the source set');
  model.entry = entry.display;
  model.targetNamespace = entry.root.attribute('targetNamespace') ?? '';

  const origin = (el: XElement, doc: SourceDocument): Origin => ({ file: doc.display, line: el.lineNumber, col: el.columnNumber });
  model.entryOrigin = origin(entry.root, entry);

  // Keyword attributes of XML Schema and WSDL, whitespace collapsed as XML Schema says. A value
  // outside the allowed ones is reported at its element, and the default is used so that parsing
  // goes on.
  function keywordOf<const T extends string>(el: XElement, name: string, allowed: readonly T[], fallback: NoInfer<T>, doc: SourceDocument): T {
    const written = el.attribute(name);
    if (written === undefined) return fallback;
    const value = written.trim();
    const found = allowed.find((a) => a === value);
    if (found !== undefined) return found;
    diagnostics.error(
      'INVALID_ATTRIBUTE_VALUE',
      `${name}="${written}" is not one of ${allowed.map((a) => `"${a}"`).join(', ')}.`,
      'Write one of them: these keywords are case-sensitive.',
      origin(el, doc),
    );
    return fallback;
  }

  /** Registers a component; an identical re-definition (same file read twice) is harmless. */
  function register<T extends Component>(table: Record<QName, T>, what: string, c: T): void {
    const existing = table[c.name];
    if (!existing) {
      table[c.name] = c;
      return;
    }
    if (fingerprint(existing) === fingerprint(c)) return;
    diagnostics.error(
      'DUPLICATE_DEFINITION',
      `${what} ${c.name} is defined twice with different content (first at ${place(existing.origin)}).`,
      'Remove or rename one of the definitions.',
      c.origin,
    );
  }

  const resolveQName = (el: XElement, value: string, ctx: { doc: SourceDocument; chameleon: boolean; tns: string }): QName => {
    const v = value.trim();
    const colon = v.indexOf(':');
    const prefix = colon < 0 ? '' : v.slice(0, colon);
    const local = colon < 0 ? v : v.slice(colon + 1);
    let ns = el.lookupNamespaceURI(prefix === '' ? null : prefix);
    if (ns === null) {
      if (prefix === '') ns = '';
      else {
        diagnostics.error('UNKNOWN_PREFIX', `The prefix "${prefix}" in "${v}" is not declared.`, `Declare xmlns:${prefix} on this element or an ancestor.`, origin(el, ctx.doc));
        return qname('', local);
      }
    }
    if (ns === '' && ctx.chameleon) ns = ctx.tns;
    return qname(ns, local);
  };

  // ---------------------------------------------------------------- XSD

  /** XML Schema 1.1's parts of complex content, which uncheckedConstructs reports. */
  const XSD11_CONTENT = new Set(['openContent', 'assert']);
  /** The attribute declarations of a complex type or of its derivation. */
  const ATTRIBUTE_PARTS = new Set(['attribute', 'attributeGroup', 'anyAttribute']);
  /** The particles of element content. */
  const CONTENT_PARTS = new Set(['sequence', 'choice', 'all', 'group', 'element', 'any']);
  /** XML Schema's other elements (1.0 and 1.1): misplaced in a restriction, not misspelt facets. */
  const OTHER_XSD_ELEMENTS = new Set([
    'alternative', 'annotation', 'appinfo', 'assert', 'complexContent', 'complexType', 'defaultOpenContent', 'documentation', 'extension', 'field', 'import', 'include',
    'key', 'keyref', 'list', 'notation', 'openContent', 'override', 'redefine', 'restriction', 'schema', 'selector', 'simpleContent', 'simpleType', 'union', 'unique',
  ]);

  // Constructs the packages do not check: XML Schema 1.1's, read as 1.0 would (not at all), and
  // identity constraints. Said once per schema.
  const constructsChecked = new Set<XElement>();
  function uncheckedConstructs(schemaEl: XElement, doc: SourceDocument): void {
    if (constructsChecked.has(schemaEl)) return;
    constructsChecked.add(schemaEl);
    const walk = (el: XElement): void => {
      for (const c of el.children) {
        if (c.namespaceURI !== XSD_NS) continue;
        const name = c.localName ?? '';
        const where = origin(c, doc);
        if (name === 'override') {
          diagnostics.error('UNSUPPORTED_CONSTRUCT', 'xs:override (XML Schema 1.1) is not supported: the components it replaces would be read as they were.', 'Apply the override to a copy of the schema, or use xs:redefine.', where);
        } else if (name === 'assert' || name === 'assertion') {
          diagnostics.warn('XSD11_IGNORED', `xs:${name} (XML Schema 1.1) is not checked: readers and writers take values it would refuse.`, 'Check the condition in your own code where it matters.', where);
        } else if (name === 'alternative') {
          diagnostics.warn('XSD11_IGNORED', 'xs:alternative (XML Schema 1.1) is ignored: the element keeps its declared type.', 'Send xsi:type where another type is meant.', where);
        } else if (name === 'openContent' || name === 'defaultOpenContent') {
          diagnostics.warn('XSD11_IGNORED', `xs:${name} (XML Schema 1.1) is ignored: readers report the extra elements it admits as unexpected.`, 'Read leniently (the default) to keep going past them.', where);
        } else if (name === 'unique' || name === 'key' || name === 'keyref') {
          const what = name === 'keyref' ? 'that each reference names an existing key' : `that the values it selects are ${name === 'key' ? 'present and ' : ''}unique`;
          const named = c.attribute('name');
          diagnostics.warn('IDENTITY_CONSTRAINT_NOT_CHECKED', `xs:${name}${named === undefined ? '' : ` "${named}"`} is not checked: readers and writers do not verify ${what}.`, 'Check it in your own code where it matters.', where);
        }
        if (name !== 'annotation') walk(c);
      }
    };
    walk(schemaEl);
  }

  function schema(schemaEl: XElement, doc: SourceDocument, inheritedTns: string | undefined): void {
    const own = schemaEl.attribute('targetNamespace');
    const tns = own ?? inheritedTns ?? '';
    const key = `${doc.location}#${schemaEl.lineNumber}:${schemaEl.columnNumber}|${tns}`;
    if (visited.has(key)) return;
    visited.add(key);
    uncheckedConstructs(schemaEl, doc);
    const at = (el: XElement): Origin => origin(el, doc);
    const keyword = <const T extends string>(el: XElement, name: string, allowed: readonly T[], fallback: NoInfer<T>): T =>
      keywordOf(el, name, allowed, fallback, doc);
    const flag = (el: XElement, name: string): boolean => {
      const value = keyword(el, name, ['true', 'false', '1', '0'], 'false');
      return value === 'true' || value === '1';
    };
    const form = (el: XElement, name: string): 'qualified' | 'unqualified' | undefined =>
      el.attribute(name) === undefined ? undefined : keyword(el, name, ['qualified', 'unqualified'], 'unqualified');
    const ctx: SchemaContext = {
      doc,
      tns,
      chameleon: own === undefined && tns !== '',
      elementFormQualified: form(schemaEl, 'elementFormDefault') === 'qualified',
      attributeFormQualified: form(schemaEl, 'attributeFormDefault') === 'qualified',
    };
    const q = (el: XElement, v: string): QName => resolveQName(el, v, ctx);
    const anonCounter = new Map<string, number>();
    const anonKey = (context: QName, segment: string): QName => {
      const base = `${context}/${segment}`;
      const n = (anonCounter.get(base) ?? 0) + 1;
      anonCounter.set(base, n);
      return n === 1 ? base : `${base}~${n}`;
    };

    const docOf = (el: XElement): string | undefined => {
      const texts: string[] = [];
      for (const a of el.children) {
        if (a.namespaceURI !== XSD_NS || a.localName !== 'annotation') continue;
        for (const d of a.children) if (d.localName === 'documentation') texts.push((d.textContent ?? '').trim());
      }
      const text = texts.filter(Boolean).join('\n\n');
      return text ? text.replace(/[ \t]*\r?\n[ \t]*/g, '\n') : undefined;
    };

    // minOccurs is a nonNegativeInteger, maxOccurs one or "unbounded" (whitespace collapsed), and
    // min may not exceed max. A bad value is reported and read as 1.
    const occurs = (el: XElement): RawOccurs => {
      const value = (name: 'minOccurs' | 'maxOccurs'): number | 'unbounded' => {
        const written = el.attribute(name);
        const text = written?.trim();
        if (text === undefined) return 1;
        if (name === 'maxOccurs' && text === 'unbounded') return 'unbounded';
        const n = count(text);
        if (n !== undefined) return n;
        // Beyond 2^53 - 1: no document could reach such a bound.
        if (name === 'maxOccurs' && COUNT.test(text)) return 'unbounded';
        diagnostics.error(
          'INVALID_OCCURS',
          `${name}="${written}" is not ${name === 'maxOccurs' ? 'a non-negative integer or "unbounded"' : 'a non-negative integer'}.`,
          `Write a whole number such as 0 or 1${name === 'maxOccurs' ? ', or "unbounded"' : ''}.`,
          at(el),
        );
        return 1;
      };
      const min = value('minOccurs');
      const max = value('maxOccurs');
      if (max !== 'unbounded' && typeof min === 'number' && min > max) {
        diagnostics.error('INVALID_OCCURS', `minOccurs (${min}) is greater than maxOccurs (${max}).`, 'Lower minOccurs or raise maxOccurs.', at(el));
      }
      return { min: typeof min === 'number' ? min : 1, max };
    };

    const xsdChildren = (el: XElement): XElement[] => el.children.filter((c) => c.namespaceURI === XSD_NS && c.localName !== 'annotation');

    const unsupported = (el: XElement, what: string): void => {
      diagnostics.error('UNSUPPORTED_CONSTRUCT', `${what} is not supported.`, 'Rewrite the schema without it, or open an issue with the schema attached.', at(el));
    };
    const invalid = (el: XElement, problem: string, hint: string): void => {
      diagnostics.error('INVALID_DECLARATION', problem, hint, at(el));
    };
    /**
     * The rules of XML Schema (3.2.3, 3.3.3) that decide what an element or attribute declaration
     * means: which of name and ref, which type, which value constraint. Broken, the generator would
     * have to pick one reading, or make a property with no name.
     */
    const checkDeclaration = (el: XElement, local: boolean): void => {
      const what = `xs:${el.localName ?? ''}`;
      const name = el.attribute('name');
      const ref = el.attribute('ref');
      const inline = xsdChildren(el).some((c) => c.localName === 'complexType' || c.localName === 'simpleType');
      if (!local && name === undefined) invalid(el, `A global ${what} has no name.`, 'Give it a name= attribute.');
      else if (local && name === undefined && ref === undefined) invalid(el, `An ${what} declaration has neither name nor ref.`, 'Give it a name, or ref= a global declaration.');
      else if (local && name !== undefined && ref !== undefined) invalid(el, `An ${what} declaration has both name="${name}" and ref="${ref}".`, 'Keep one: ref= refers to a global declaration, name= declares a local one.');
      else if (ref !== undefined && (el.attribute('type') !== undefined || inline)) invalid(el, `${what} ref="${ref}" also gives a type.`, 'The referenced declaration has the type: remove type= or the anonymous type.');
      else if (el.attribute('type') !== undefined && inline) invalid(el, `${what} name="${name ?? ''}" has both type= and an anonymous type.`, 'Keep one of them.');
      if (el.attribute('default') !== undefined && el.attribute('fixed') !== undefined) invalid(el, `${what} has both default= and fixed=.`, 'Keep one of them.');
      const use = el.attribute('use')?.trim();
      if (el.localName === 'attribute' && (use === 'required' || use === 'prohibited') && el.attribute('default') !== undefined) {
        invalid(el, `A ${use} attribute has a default.`, 'A default applies only to an optional attribute: remove one of them.');
      }
    };

    // Whether a restriction's values may be QNames, whose enumeration values are resolved with the
    // namespace declarations where each facet stands (known only here), as are the default and
    // fixed values of declarations. A base in another namespace than XML Schema's may derive from
    // xs:QName; which ones do (and which declarations have QName types) is settled once all types
    // are read.
    const mayBeQNames = (restriction: XElement): boolean => {
      const base = restriction.attribute('base')?.trim();
      if (base === undefined) return true;
      // Looked up, not resolved with q(): that reports an undeclared prefix, which the caller does.
      const colon = base.indexOf(':');
      const local = base.slice(colon + 1);
      return restriction.lookupNamespaceURI(colon < 0 ? null : base.slice(0, colon)) !== XSD_NS || local === 'QName' || local === 'NOTATION';
    };
    const qnameValueAt = (f: XElement, value: string): QName | null => {
      const v = value.trim();
      const colon = v.indexOf(':');
      const prefix = colon < 0 ? '' : v.slice(0, colon);
      const local = v.slice(colon + 1);
      if ((colon >= 0 && !isNCName(prefix)) || !isNCName(local)) return null;
      const ns = f.lookupNamespaceURI(prefix === '' ? null : prefix);
      if (ns === null && prefix !== '') return null;
      return qname(ns ?? '', local);
    };
    /** A declaration's default or fixed value, and that value read as a QName where it is written. */
    const valueConstraint = (el: XElement): ValueConstraint => {
      const dflt = el.attribute('default');
      const fixed = el.attribute('fixed');
      const value = fixed ?? dflt;
      if (value === undefined) return {};
      const items = value.split(/[ \t\r\n]+/).filter((v) => v !== '').map((v) => qnameValueAt(el, v));
      const valueQNames = items.every((v): v is QName => v !== null) ? items : null;
      return { ...(dflt !== undefined ? { default: dflt } : {}), ...(fixed !== undefined ? { fixed } : {}), valueQName: qnameValueAt(el, value), valueQNames };
    };

    const facetsOf = (
      restriction: XElement,
    ): { facets: Facets; enumeration?: string[]; enumerationQNames?: Array<QName | null>; facetOrigins: NonNullable<RawSimpleType['facetOrigins']>; enumerationOrigins: Origin[] } => {
      const facets: Facets = {};
      const facetOrigins: NonNullable<RawSimpleType['facetOrigins']> = {};
      const enumerationOrigins: Origin[] = [];
      const enumeration: string[] = [];
      const qnames: Array<QName | null> | undefined = mayBeQNames(restriction) ? [] : undefined;
      for (const f of xsdChildren(restriction)) {
        const v = f.attribute('value') ?? '';
        if (Object.hasOwn(FACET_NAMES, f.localName)) facetOrigins[f.localName as keyof Facets] ??= at(f);
        switch (f.localName) {
          case 'enumeration': enumeration.push(v); enumerationOrigins.push(at(f)); qnames?.push(qnameValueAt(f, v)); break;
          case 'pattern':
            (facets.pattern ??= []).push(v);
            if (xsdPattern(v) === undefined) {
              // Not an XML Schema regular expression: the schema is invalid, and what it means a guess.
              const problem = xsdPatternProblem(v);
              if (problem !== undefined) {
                diagnostics.error(
                  'INVALID_FACET',
                  `Pattern "${v}" is not an XML Schema regular expression: ${problem}.`,
                  'Correct the pattern (XML Schema Part 2, Appendix F): escape a character that has a meaning (\\{, \\[, \\*), close each group, and give each atom at most one quantifier.',
                  at(f),
                );
              } else {
                diagnostics.warn(
                  'PATTERN_NOT_CHECKED',
                  `Pattern "${v}" is not a regular expression this generator can translate (such as one naming a block it does not know, or with a hyphen inside a character group, which XML Schema 1.0 allows only at its start or end); values are not checked against it.`,
                  'The generated code accepts any value this facet would refuse. A hyphen inside a character group can be escaped (\\-) to have the pattern checked.',
                  at(f),
                );
              }
            }
            break;
          case 'length': case 'minLength': case 'maxLength': case 'totalDigits': case 'fractionDigits': {
            const n = count(v.trim());
            const least = f.localName === 'totalDigits' ? 1 : 0;
            if (n !== undefined && n >= least) facets[f.localName as 'length'] = n;
            else diagnostics.error('INVALID_FACET', `xs:${f.localName} value="${v}" is not ${least ? 'a positive' : 'a non-negative'} integer.`, 'Write a whole number.', at(f));
            break;
          }
          case 'minInclusive': case 'maxInclusive': case 'minExclusive': case 'maxExclusive':
            facets[f.localName as 'minInclusive'] = v;
            break;
          case 'whiteSpace': facets.whiteSpace = keyword(f, 'value', ['preserve', 'replace', 'collapse'], 'preserve'); break;
          default: break;
        }
      }
      if (!enumeration.length) return { facets, facetOrigins, enumerationOrigins };
      return { facets, enumeration, ...(qnames === undefined ? {} : { enumerationQNames: qnames }), facetOrigins, enumerationOrigins };
    };

    /** Parses an xs:simpleType element (named or anonymous) into the model and returns its key. */
    function simpleType(el: XElement, key: QName, anonymous: boolean): QName {
      const def: RawSimpleType = { name: key, anonymous, variety: 'atomic', facets: {}, origin: at(el) };
      const d = docOf(el);
      if (d) def.doc = d;
      const body = xsdChildren(el)[0];
      if (!body) {
        unsupported(el, 'A simpleType without restriction, list or union');
        return key;
      }
      def.baseOrigin = at(body);
      if (body.localName === 'restriction') {
        const base = body.attribute('base');
        const inline = xsdChildren(body).find((c) => c.localName === 'simpleType');
        if (base) def.base = q(body, base);
        else if (inline) def.base = simpleType(inline, anonKey(key, '~base'), true);
        for (const c of xsdChildren(body)) if (!isRestrictionPart(c.localName ?? '')) notFacet(c);
        const { facets, enumeration, enumerationQNames, facetOrigins, enumerationOrigins } = facetsOf(body);
        def.facets = facets;
        if (enumeration) def.enumeration = enumeration;
        if (enumerationQNames) def.enumerationQNames = enumerationQNames;
        def.facetOrigins = facetOrigins;
        def.enumerationOrigins = enumerationOrigins;
      } else if (body.localName === 'list') {
        def.variety = 'list';
        const item = body.attribute('itemType');
        const inline = xsdChildren(body).find((c) => c.localName === 'simpleType');
        if (item) def.itemType = q(body, item);
        else if (inline) def.itemType = simpleType(inline, anonKey(key, '~item'), true);
      } else if (body.localName === 'union') {
        def.variety = 'union';
        const members = (body.attribute('memberTypes') ?? '').split(/\s+/).filter(Boolean).map((m) => q(body, m));
        xsdChildren(body)
          .filter((c) => c.localName === 'simpleType')
          .forEach((c) => members.push(simpleType(c, anonKey(key, '~member'), true)));
        def.memberTypes = members;
      } else {
        unsupported(body, `xs:${body.localName} inside xs:simpleType`);
      }
      // The schema for schemas defines the built-ins too: the built-in is the one used.
      if (!isBuiltin(key)) register(model.simpleTypes, 'Simple type', def);
      return key;
    }

    function attributes(parent: XElement, owner: QName): { list: RawAttribute[]; anyAttribute: NamespaceConstraint | undefined } {
      const list: RawAttribute[] = [];
      let anyAttribute: NamespaceConstraint | undefined;
      for (const a of xsdChildren(parent)) {
        if (a.localName === 'attribute') {
          list.push(localAttribute(a, owner));
        } else if (a.localName === 'attributeGroup') {
          const ref = a.attribute('ref');
          if (ref) list.push({ kind: 'attributeGroupRef', ref: q(a, ref), origin: at(a) });
        } else if (a.localName === 'anyAttribute') {
          anyAttribute = namespaceConstraint(a.attribute('namespace'), tns);
        }
      }
      return { list, anyAttribute };
    }

    function localAttribute(a: XElement, owner: QName, local = true): RawAttribute {
      checkDeclaration(a, local);
      const use = keyword(a, 'use', ['optional', 'required', 'prohibited'], 'optional');
      const out: RawAttribute = { kind: 'attribute', use, origin: at(a) };
      const ref = a.attribute('ref');
      const name = a.attribute('name');
      if (ref) out.ref = q(a, ref);
      if (name) {
        const written = form(a, 'form');
        const qualified = written ? written === 'qualified' : ctx.attributeFormQualified;
        out.name = qname(qualified ? tns : '', name);
      }
      const type = a.attribute('type');
      const inline = xsdChildren(a).find((c) => c.localName === 'simpleType');
      if (type) out.type = q(a, type);
      else if (inline) out.type = simpleType(inline, anonKey(owner, `@${name ?? 'attribute'}`), true);
      Object.assign(out, valueConstraint(a));
      const d = docOf(a);
      if (d) out.doc = d;
      return out;
    }

    function particle(el: XElement, owner: QName): RawParticle | undefined {
      const o = at(el);
      switch (el.localName) {
        case 'element': {
          checkDeclaration(el, true);
          const p: RawParticle = { kind: 'element', ...occurs(el), nillable: flag(el, 'nillable'), origin: o };
          const ref = el.attribute('ref');
          if (ref) {
            p.ref = q(el, ref);
          } else {
            const name = el.attribute('name') ?? '';
            const written = form(el, 'form');
            const qualified = written ? written === 'qualified' : ctx.elementFormQualified;
            p.name = qname(qualified ? tns : '', name);
            const type = elementType(el, anonKey(owner, name));
            if (type) p.type = type;
            const blocks = blocked(el, ['extension', 'restriction'] as const);
            if (blocks.length) p.blocks = blocks;
          }
          Object.assign(p, valueConstraint(el));
          const d = docOf(el);
          if (d) p.doc = d;
          return p;
        }
        case 'sequence':
        case 'choice':
        case 'all': {
          const particles: RawParticle[] = [];
          for (const c of xsdChildren(el)) {
            const p = particle(c, owner);
            if (p) particles.push(p);
            else if (c.localName !== 'group') notAllowed(c, el);
          }
          return { kind: el.localName, ...occurs(el), particles, origin: o };
        }
        case 'group': {
          const ref = el.attribute('ref');
          if (!ref) {
            unsupported(el, 'A local xs:group without ref');
            return undefined;
          }
          return { kind: 'groupRef', ...occurs(el), ref: q(el, ref), origin: o };
        }
        case 'any': {
          const processContents = keyword(el, 'processContents', ['strict', 'lax', 'skip'], 'strict');
          return { kind: 'any', ...occurs(el), namespace: namespaceConstraint(el.attribute('namespace'), tns), processContents, origin: o };
        }
        default:
          return undefined;
      }
    }

    /**
     * What XML Schema allows in a complex type without simple or complex content, or in the
     * extension or restriction of complex content (3.4.2): one model group, then the attributes.
     * Anything else would be dropped, or guessed at (an xs:element straight in xs:complexType).
     * XML Schema 1.1's additions are said by uncheckedConstructs.
     */
    function checkComplexContent(parent: XElement): void {
      let group: XElement | undefined;
      let attribute: XElement | undefined;
      for (const c of xsdChildren(parent)) {
        const name = c.localName ?? '';
        if (name === 'sequence' || name === 'choice' || name === 'all' || name === 'group') {
          if (group !== undefined) invalid(c, `xs:${parent.localName} has a second model group, xs:${name}: XML Schema allows one.`, 'Put both in one xs:sequence (or xs:choice).');
          else if (attribute !== undefined) invalid(c, `xs:${name} comes after the attributes of xs:${parent.localName}: XML Schema puts the model group first.`, 'Move it before the attribute declarations.');
          group = c;
        } else if (name === 'attribute' || name === 'attributeGroup' || name === 'anyAttribute') {
          attribute = c;
        } else if (!XSD11_CONTENT.has(name)) {
          notAllowed(c, parent);
        }
      }
    }

    /**
     * xs:simpleContent and xs:complexContent stand alone in their xs:complexType, beside
     * xs:annotation, and hold one xs:extension or xs:restriction (3.4.2). A model group or an
     * attribute beside them, or a second derivation, would otherwise be dropped without a word.
     */
    function checkContentAlone(complex: XElement, content: XElement): void {
      const kind = content.localName ?? '';
      for (const c of xsdChildren(complex)) {
        if (c === content) continue;
        const name = c.localName ?? '';
        if (XSD11_CONTENT.has(name)) continue;
        const inside = name === 'simpleContent' || name === 'complexContent' ? 'Keep one of them.' : `Move it into the xs:extension (or xs:restriction) of xs:${kind}${kind === 'simpleContent' && !ATTRIBUTE_PARTS.has(name) ? ', or use xs:complexContent for a type with elements' : ''}.`;
        invalid(c, `xs:complexType holds xs:${kind}, which XML Schema allows nothing beside but xs:annotation: xs:${name} would be ignored.`, inside);
      }
      for (const extra of xsdChildren(content).slice(1)) {
        invalid(extra, `xs:${kind} holds one xs:extension or xs:restriction; this xs:${extra.localName ?? ''} after the first would be ignored.`, 'Merge it into the first, or remove it.');
      }
    }

    /**
     * What XML Schema allows in the extension or restriction of simple content (3.4.2): in a
     * restriction an xs:simpleType and facets, then the attributes. A model group or an element
     * there has no place in text content, and would be dropped.
     */
    function checkSimpleContent(derivation: XElement): void {
      for (const c of xsdChildren(derivation)) {
        const name = c.localName ?? '';
        if (ATTRIBUTE_PARTS.has(name) || XSD11_CONTENT.has(name)) continue;
        if (derivation.localName === 'restriction' && isRestrictionPart(name)) continue;
        if (CONTENT_PARTS.has(name)) {
          invalid(c, `XML Schema does not allow xs:${name} in the xs:${derivation.localName ?? ''} of xs:simpleContent: a type with simple content holds text, not elements.`, 'Use xs:complexContent for a type with elements (mixed="true" for text among them).');
        } else if (derivation.localName === 'restriction') {
          notFacet(c, 'xs:simpleContent');
        } else {
          notAllowed(c, derivation);
        }
      }
    }

    /** What a restriction of a simple type (or of simple content) holds besides attributes. */
    function isRestrictionPart(name: string): boolean {
      return name === 'simpleType' || name === 'enumeration' || Object.hasOwn(FACET_NAMES, name) || XSD11_FACETS.includes(name);
    }

    /**
     * Error for `c` in the restriction of a simple type, which holds an xs:simpleType and facets only,
     * or of `simpleContent` (where attributes and model groups are checked before).
     */
    function notFacet(c: XElement, simpleContent?: string): void {
      const name = c.localName ?? '';
      // A facet's name in another case (xs:maxlength): read as written, the restriction would go
      // without that facet and let through the values it was meant to refuse.
      const meant = [...FACETS, ...XSD11_FACETS].find((f) => f.toLowerCase() === name.toLowerCase());
      if (meant !== undefined) {
        invalid(c, `xs:${name} is not a facet of XML Schema: the restriction would be read without it, and let through the values it was meant to refuse.`, `Names are case-sensitive: write xs:${meant}.`);
        return;
      }
      if (OTHER_XSD_ELEMENTS.has(name)) {
        invalid(
          c,
          `XML Schema does not allow xs:${name} in the xs:restriction of ${simpleContent ?? 'a simple type'}, which holds ${simpleContent === undefined ? 'an xs:simpleType and facets' : 'an xs:simpleType, facets and attributes'} only: the restriction would be read without it.`,
          `Remove it, or move it where XML Schema allows xs:${name}. The facets are ${FACET_LIST}.`,
        );
        return;
      }
      if (ATTRIBUTE_PARTS.has(name) || CONTENT_PARTS.has(name)) {
        invalid(
          c,
          `XML Schema does not allow xs:${name} in the xs:restriction of a simple type, whose values are text alone.`,
          ATTRIBUTE_PARTS.has(name)
            ? 'For attributes beside the text, declare a complex type with xs:simpleContent and an xs:extension of this simple type.'
            : 'For elements, declare a complex type with a model group (mixed="true" for text among them).',
        );
        return;
      }
      invalid(c, `xs:${name} is not a facet of XML Schema: the restriction would be read without it.`, `Check the spelling; the facets are ${FACET_LIST}.`);
    }

    /** Error for `c`, an XML Schema element that `parent` cannot hold. */
    function notAllowed(c: XElement, parent: XElement): void {
      const name = c.localName ?? '';
      const hint =
        name === 'element' || name === 'any'
          ? `Wrap it in an xs:sequence${parent.localName === 'complexType' ? '' : ' or xs:choice'}.`
          : name === 'extension' || name === 'restriction'
            ? 'Wrap it in xs:complexContent, or xs:simpleContent for a type whose content is text.'
            : name === 'attribute' || name === 'attributeGroup' || name === 'anyAttribute'
              ? 'Declare attributes in the xs:complexType (or its extension or restriction), after the model group.'
              : `Remove it, or move it where XML Schema allows xs:${name}.`;
      invalid(c, `XML Schema does not allow xs:${name} in xs:${parent.localName ?? ''}.`, hint);
    }

    /** The type of an element declaration: its type attribute, an inline type, or anyType. */
    function elementType(el: XElement, anonymousKey: QName): QName | undefined {
      const type = el.attribute('type');
      if (type) return q(el, type);
      const inline = xsdChildren(el).find((c) => c.localName === 'complexType' || c.localName === 'simpleType');
      if (!inline) return undefined;
      const key = inline.localName === 'complexType' ? complexType(inline, anonymousKey, true) : simpleType(inline, anonymousKey, true);
      // An anonymous type belongs to its element: without documentation of its own, it takes the element's.
      const def = inline.localName === 'complexType' ? model.complexTypes[key] : model.simpleTypes[key];
      const d = docOf(el);
      if (def !== undefined && def.doc === undefined && d) def.doc = d;
      return key;
    }

    /** Which of `kinds` the block of `el`, or else the schema's blockDefault, names (#all: every one). */
    function blocked<K extends string>(el: XElement, kinds: readonly K[]): K[] {
      const tokens = (el.attribute('block') ?? schemaEl.attribute('blockDefault') ?? '').trim().split(/\s+/);
      return kinds.filter((k) => tokens.includes(k) || tokens.includes('#all'));
    }

    function complexType(el: XElement, key: QName, anonymous: boolean): QName {
      const def: RawComplexType = {
        name: key,
        anonymous,
        abstract: flag(el, 'abstract'),
        mixed: flag(el, 'mixed'),
        content: 'elements',
        attributes: [],
        origin: at(el),
      };
      const blocks = blocked(el, ['extension', 'restriction'] as const);
      if (blocks.length) def.blocks = blocks;
      const d = docOf(el);
      if (d) def.doc = d;
      const children = xsdChildren(el);
      const content = children.find((c) => c.localName === 'simpleContent' || c.localName === 'complexContent');
      if (content) {
        def.content = content.localName === 'simpleContent' ? 'simpleContent' : 'complexContent';
        checkContentAlone(el, content);
        // complexContent's own mixed= wins over the complexType's (XML Schema 1.0 3.4.2).
        if (content.attribute('mixed') !== undefined) def.mixed = flag(content, 'mixed');
        const derivation = xsdChildren(content)[0];
        if (!derivation || (derivation.localName !== 'extension' && derivation.localName !== 'restriction')) {
          unsupported(content, `xs:${content.localName} without extension or restriction`);
        } else {
          def.derivation = derivation.localName;
          const base = derivation.attribute('base');
          def.baseOrigin = at(derivation);
          if (base) def.base = q(derivation, base);
          else invalid(derivation, `xs:${derivation.localName} has no base.`, 'Name the type it derives from with base=.');
          if (def.content === 'complexContent') checkComplexContent(derivation);
          else checkSimpleContent(derivation);
          for (const c of xsdChildren(derivation)) {
            const p = particle(c, key);
            if (p) def.particle = p;
          }
          const a = attributes(derivation, key);
          def.attributes = a.list;
          if (a.anyAttribute) def.anyAttribute = a.anyAttribute;
          if (def.content === 'simpleContent' && derivation.localName === 'restriction') {
            const inline = xsdChildren(derivation).find((c) => c.localName === 'simpleType');
            if (inline) def.contentType = simpleType(inline, anonKey(key, '~content'), true);
            const { facets, enumeration, enumerationQNames, enumerationOrigins } = facetsOf(derivation);
            def.facets = facets;
            if (enumeration) def.enumeration = enumeration;
            if (enumerationQNames) def.enumerationQNames = enumerationQNames;
            def.enumerationOrigins = enumerationOrigins;
          }
        }
      } else {
        checkComplexContent(el);
        for (const c of children) {
          const p = particle(c, key);
          if (p) def.particle = p;
        }
        const a = attributes(el, key);
        def.attributes = a.list;
        if (a.anyAttribute) def.anyAttribute = a.anyAttribute;
      }
      if (!isBuiltin(key)) register(model.complexTypes, 'Complex type', def);
      return key;
    }

    // Includes, imports and redefines first (they may be anywhere before the components).
    for (const c of schemaEl.children) {
      if (c.namespaceURI !== XSD_NS) continue;
      if (c.localName !== 'include' && c.localName !== 'import' && c.localName !== 'redefine') continue;
      for (const target of edgeTargets.get(c) ?? []) {
        const targetDoc = docs.get(target);
        if (!targetDoc) continue;
        if (targetDoc.kind !== 'xsd') {
          diagnostics.error('NOT_WSDL_OR_XSD', `${targetDoc.display} is not an XML Schema.`, 'xs:include and xs:import must point at .xsd documents.', at(c));
          continue;
        }
        const targetTns = targetDoc.root.attribute('targetNamespace');
        if (c.localName === 'import') {
          // An import names the namespace it brings in; a document of another one (or of none)
          // would leave every reference into that namespace unknown, with a misleading hint.
          const imported = c.attribute('namespace')?.trim();
          if (imported !== undefined && imported !== (targetTns ?? '').trim()) {
            diagnostics.error(
              'NAMESPACE_MISMATCH',
              `${targetDoc.display} ${targetTns === undefined ? 'has no targetNamespace' : `has targetNamespace "${targetTns}"`} but is imported for namespace "${imported}".`,
              `Point schemaLocation at the schema of namespace "${imported}", or set namespace= to the document's ${targetTns === undefined ? 'namespace (it has none: include it instead, into a schema of the namespace it should take)' : `"${targetTns}"`}.`,
              at(c),
            );
            continue;
          }
          schema(targetDoc.root, targetDoc, undefined);
          continue;
        }
        if (targetTns !== undefined && targetTns !== tns) {
          diagnostics.error(
            'NAMESPACE_MISMATCH',
            `${targetDoc.display} has targetNamespace "${targetTns}" but is included into "${tns}".`,
            'Use xs:import for a schema of another namespace.',
            at(c),
          );
          continue;
        }
        schema(targetDoc.root, targetDoc, tns);
        if (c.localName === 'redefine') redefine(c);
      }
    }

    /** xs:redefine: the redefined component keeps the name; the original moves aside and the self-reference points at it. */
    function redefine(el: XElement): void {
      for (const c of xsdChildren(el)) {
        const name = c.attribute('name');
        if (!name) continue;
        const key = qname(tns, name);
        const origKey = `${key}~redefined`;
        const table = c.localName === 'complexType' ? model.complexTypes : c.localName === 'simpleType' ? model.simpleTypes : c.localName === 'group' ? model.groups : c.localName === 'attributeGroup' ? model.attributeGroups : undefined;
        if (!table) continue;
        const original = table[key];
        if (!original) {
          diagnostics.error('UNKNOWN_TYPE', `xs:redefine names ${key}, which the redefined schema does not define.`, 'Redefine only components of the included schema.', at(c));
          continue;
        }
        delete table[key];
        table[origKey] = { ...original, name: origKey };
        topLevel(c);
        const redefined: object | undefined = table[key];
        if (redefined) rewriteSelfReference(redefined, key, origKey);
      }
    }

    function topLevel(c: XElement): void {
      const name = c.attribute('name') ?? '';
      const key = qname(tns, name);
      if (name === '' && ['complexType', 'simpleType', 'group', 'attributeGroup'].includes(c.localName ?? '')) {
        invalid(c, `A global xs:${c.localName ?? ''} has no name.`, 'Give it a name= attribute.');
      }
      switch (c.localName) {
        case 'complexType':
          complexType(c, key, false);
          break;
        case 'simpleType':
          simpleType(c, key, false);
          break;
        case 'element': {
          checkDeclaration(c, false);
          const def = {
            name: key,
            nillable: flag(c, 'nillable'),
            abstract: flag(c, 'abstract'),
            origin: at(c),
          } as SchemaModel['elements'][string];
          const type = elementType(c, `${tns ? `{${tns}}` : ''}/${name}`);
          if (type) def.type = type;
          const sg = c.attribute('substitutionGroup');
          if (sg) def.substitutionGroup = q(c, sg);
          const blocks = blocked(c, ['substitution', 'extension', 'restriction'] as const);
          if (blocks.includes('substitution')) def.blocksSubstitution = true;
          const derivations = blocks.filter((b) => b !== 'substitution');
          if (derivations.length) def.blocks = derivations;
          Object.assign(def, valueConstraint(c));
          const d = docOf(c);
          if (d) def.doc = d;
          register(model.elements, 'Element', def);
          break;
        }
        case 'attribute': {
          const a = localAttribute(c, `${tns ? `{${tns}}` : ''}/`, false);
          const def = { name: qname(tns, name), origin: at(c) } as SchemaModel['attributes'][string];
          if (a.kind === 'attribute') {
            if (a.type) def.type = a.type;
            if (a.default !== undefined) def.default = a.default;
            if (a.fixed !== undefined) def.fixed = a.fixed;
            if (a.valueQName !== undefined) def.valueQName = a.valueQName;
            if (a.valueQNames !== undefined) def.valueQNames = a.valueQNames;
            if (a.doc) def.doc = a.doc;
          }
          register(model.attributes, 'Attribute', def);
          break;
        }
        case 'group': {
          const body = xsdChildren(c)[0];
          const p = body ? particle(body, key) : undefined;
          if (!p) break;
          const def = { name: key, particle: p, origin: at(c) };
          register(model.groups, 'Group', def);
          break;
        }
        case 'attributeGroup': {
          const a = attributes(c, key);
          const def: SchemaModel['attributeGroups'][string] = { name: key, attributes: a.list, origin: at(c) };
          if (a.anyAttribute) def.anyAttribute = a.anyAttribute;
          register(model.attributeGroups, 'Attribute group', def);
          break;
        }
        case 'notation':
        case 'override': // reported by uncheckedConstructs
        case 'defaultOpenContent':
          break;
        default:
          // Not an XML Schema component (a misspelt xs:complextype, say): nothing can refer to it.
          diagnostics.warn('UNKNOWN_SCHEMA_ELEMENT', `xs:${c.localName ?? ''} is not an XML Schema top-level element; it is ignored.`, 'Check its spelling: names are case-sensitive (xs:complexType).', at(c));
          break;
      }
    }

    for (const c of schemaEl.children) {
      if (c.namespaceURI !== XSD_NS) continue;
      if (['include', 'import', 'redefine', 'annotation'].includes(c.localName ?? '')) continue;
      topLevel(c);
    }
  }

  // ---------------------------------------------------------------- WSDL

  function wsdl(doc: SourceDocument): void {
    const key = `${doc.location}|wsdl`;
    if (visited.has(key)) return;
    visited.add(key);
    const root = doc.root;
    const tns = root.attribute('targetNamespace') ?? '';
    const ctx = { doc, chameleon: false, tns };
    const q = (el: XElement, v: string): QName => resolveQName(el, v, ctx);
    const at = (el: XElement): Origin => origin(el, doc);
    const use = (el: XElement): 'literal' | 'encoded' => keywordOf(el, 'use', ['literal', 'encoded'], 'literal', doc);
    // Operations are looked up by name: a second one of the same name (WSDL 1.1 overloading) would
    // be ignored without a word.
    const overloaded = (operations: ReadonlyArray<{ name: string; origin: Origin }>, where: string): void => {
      const seen = new Set<string>();
      for (const o of operations) {
        if (seen.has(o.name)) {
          diagnostics.error('DUPLICATE_OPERATION', `Operation "${o.name}" is declared twice in ${where}.`, 'Give each operation its own name: overloading is not supported (WS-I Basic Profile R2304).', o.origin);
        }
        seen.add(o.name);
      }
    };
    const wsdlChildren = (el: XElement, local: string): XElement[] => el.children.filter((c) => c.namespaceURI === WSDL_NS && c.localName === local);
    const docText = (el: XElement): string | undefined => {
      const d = wsdlChildren(el, 'documentation')[0];
      const t = d?.textContent?.trim();
      return t ? t : undefined;
    };

    for (const c of root.children) {
      if (c.namespaceURI !== WSDL_NS) continue;
      if (c.localName === 'import') {
        for (const target of edgeTargets.get(c) ?? []) {
          const targetDoc = docs.get(target);
          if (!targetDoc) continue;
          if (targetDoc.kind === 'wsdl') wsdl(targetDoc);
          else schema(targetDoc.root, targetDoc, undefined);
        }
      } else if (c.localName === 'types') {
        for (const s of c.children) {
          if (s.namespaceURI === XSD_NS && s.localName === 'schema') schema(s, doc, undefined);
          else if (s.localName === 'schema' && DRAFT_XSD_NAMESPACES.includes(s.namespaceURI ?? '')) {
            // Silently passed over, its declarations were reported as unknown where they are used.
            diagnostics.error('DRAFT_XML_SCHEMA', `This schema is in namespace ${s.namespaceURI ?? ''}, a draft of XML Schema that XML Schema 1.0 (${XSD_NS}) replaced; it is not read.`, DRAFT_XSD_HINT, at(s));
          }
        }
      }
    }

    for (const m of wsdlChildren(root, 'message')) {
      const name = qname(tns, m.attribute('name') ?? '');
      const partNames = new Set<string>();
      const parts = wsdlChildren(m, 'part').map((p) => {
        const part: SchemaModel['messages'][string]['parts'][number] = { name: p.attribute('name') ?? '', origin: at(p) };
        const element = p.attribute('element');
        const type = p.attribute('type');
        // Parts become properties named after them, typed by the one of element= and type=.
        if (partNames.has(part.name)) {
          diagnostics.error('INVALID_DECLARATION', `Message ${name} has two parts named "${part.name}".`, 'Give each part its own name.', at(p));
        }
        partNames.add(part.name);
        if (element && type) diagnostics.error('INVALID_DECLARATION', `Part "${part.name}" has both element= and type=.`, 'Keep one: element= for document style, type= for rpc.', at(p));
        if (element) part.element = q(p, element);
        else if (type) part.type = q(p, type);
        return part;
      });
      if (model.messages[name]) diagnostics.error('DUPLICATE_DEFINITION', `Message ${name} is defined twice.`, 'Remove or rename one of them.', at(m));
      model.messages[name] = { name, parts, origin: at(m) };
    }

    for (const pt of wsdlChildren(root, 'portType')) {
      const name = qname(tns, pt.attribute('name') ?? '');
      const operations = wsdlChildren(pt, 'operation').map((op) => {
        const o: SchemaModel['portTypes'][string]['operations'][number] = { name: op.attribute('name') ?? '', faults: [], origin: at(op) };
        const input = wsdlChildren(op, 'input')[0];
        const output = wsdlChildren(op, 'output')[0];
        if (output && !input) o.serviceFirst = 'notification';
        else if (output && input && op.children.indexOf(output) < op.children.indexOf(input)) o.serviceFirst = 'solicit-response';
        const inMsg = input ? input.attribute('message') : undefined;
        const outMsg = output ? output.attribute('message') : undefined;
        // The origins say where each is declared, with a message= or (wrongly) without.
        if (input) o.inputOrigin = at(input);
        if (output) o.outputOrigin = at(output);
        if (input && inMsg) o.input = q(input, inMsg);
        if (output && outMsg) o.output = q(output, outMsg);
        for (const f of wsdlChildren(op, 'fault')) o.faults.push({ name: f.attribute('name') ?? '', message: q(f, f.attribute('message') ?? ''), origin: at(f) });
        const d = docText(op);
        if (d) o.doc = d;
        return o;
      });
      overloaded(operations, `portType ${name}`);
      model.portTypes[name] = { name, operations, origin: at(pt) };
    }

    for (const b of wsdlChildren(root, 'binding')) {
      const name = qname(tns, b.attribute('name') ?? '');
      const soapBinding = b.children.find((c) => (c.namespaceURI === WSDL_SOAP11_NS || c.namespaceURI === WSDL_SOAP12_NS) && c.localName === 'binding');
      const soapNs = soapBinding?.namespaceURI;
      const binding: RawBinding = {
        name,
        type: q(b, b.attribute('type') ?? ''),
        soapVersion: soapNs === WSDL_SOAP11_NS ? '1.1' : soapNs === WSDL_SOAP12_NS ? '1.2' : undefined,
        style: soapBinding ? keywordOf(soapBinding, 'style', ['document', 'rpc'], 'document', doc) : 'document',
        transport: (soapBinding && soapBinding.attribute('transport')) ?? '',
        transportOrigin: at(soapBinding ?? b),
        operations: [],
        origin: at(b),
      };
      const soapChild = (el: XElement, local: string): XElement[] => el.children.filter((c) => c.namespaceURI === soapNs && c.localName === local);
      const bindingMessage = (el: XElement | undefined): RawBindingMessage | undefined => {
        if (!el) return undefined;
        const out: RawBindingMessage = { headers: [], origin: at(el) };
        // (HTTP GET/POST bindings use MIME too; they are skipped with a warning later.)
        const mime = soapNs === undefined ? undefined : el.children.find((c) => c.namespaceURI === WSDL_MIME_NS);
        if (mime !== undefined) {
          // Its parts would be read as body parts, which they are not.
          diagnostics.error(
            'UNSUPPORTED_CONSTRUCT',
            `MIME bindings (mime:${mime.localName ?? ''}, SOAP with Attachments) are not supported.`,
            'Only plain SOAP bodies can be generated: binary content sent inline as xs:base64Binary works.',
            at(mime),
          );
          out.mime = true;
          return out;
        }
        const body = soapChild(el, 'body')[0];
        if (body) {
          out.body = { use: use(body), origin: at(body) };
          const parts = body.attribute('parts');
          if (parts !== undefined) out.body.parts = parts.split(/\s+/).filter(Boolean);
          const ns = body.attribute('namespace');
          if (ns !== undefined) out.body.namespace = ns;
        }
        for (const h of soapChild(el, 'header')) {
          const header: RawSoapHeader = { message: q(h, h.attribute('message') ?? ''), part: h.attribute('part') ?? '', use: use(h), origin: at(h) };
          const ns = h.attribute('namespace');
          if (ns !== undefined) header.namespace = ns;
          out.headers.push(header);
        }
        return out;
      };
      for (const op of wsdlChildren(b, 'operation')) {
        const soapOp = soapChild(op, 'operation')[0];
        const style = soapOp?.attribute('style') === undefined ? undefined : keywordOf(soapOp, 'style', ['document', 'rpc'], 'document', doc);
        const o: RawBinding['operations'][number] = {
          name: op.attribute('name') ?? '',
          soapAction: (soapOp && soapOp.attribute('soapAction')) ?? '',
          faults: [],
          origin: at(op),
        };
        if (style !== undefined) o.style = style;
        const input = bindingMessage(wsdlChildren(op, 'input')[0]);
        const output = bindingMessage(wsdlChildren(op, 'output')[0]);
        if (input) o.input = input;
        if (output) o.output = output;
        for (const f of wsdlChildren(op, 'fault')) {
          const soapFault = soapChild(f, 'fault')[0];
          o.faults.push({ name: f.attribute('name') ?? '', use: soapFault ? use(soapFault) : 'literal', origin: at(soapFault ?? f) });
        }
        binding.operations.push(o);
      }
      overloaded(binding.operations, `binding ${name}`);
      model.bindings[name] = binding;
    }

    for (const s of wsdlChildren(root, 'service')) {
      const ports = wsdlChildren(s, 'port').map((p) => {
        const address = p.children.find((c) => c.localName === 'address');
        return { name: p.attribute('name') ?? '', binding: q(p, p.attribute('binding') ?? ''), location: (address && address.attribute('location')) ?? '', origin: at(p) };
      });
      model.services.push({ name: s.attribute('name') ?? '', ports });
    }
  }

  if (entry.kind === 'wsdl') wsdl(entry);
  else schema(entry.root, entry, undefined);
  diagnostics.check();
  return model;
}

/** A stable text of a component's content, positions left out. */
/** Canonical text of a component, to tell a harmless re-definition from a real duplicate. */
function fingerprint(value: object): string {
  return JSON.stringify(value, (k, v: unknown) => (k === 'origin' || k === 'doc' ? undefined : v));
}

function rewriteSelfReference(component: object, from: QName, to: QName): void {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of ['base', 'ref', 'type']) if (o[k] === from) o[k] = to;
      for (const [k, child] of Object.entries(o)) if (k !== 'origin') walk(child);
    }
  };
  walk(component);
}
