import { BUILTIN_CODECS, RUNTIME_CODEC_NAMES, xsdPattern, type OccurrencePart, type RuntimeName } from '@wsdl-codegen/runtime/names';
import type { ElementDecl, IR, NamespaceConstraint, QName, SimpleTypeDef } from '../ir';
import { XML_NS, XSD_NS, forEachParticle, isBuiltin, qnameEnumeration, qnameValues, requiredNeverAppearing, splitQName, walkParticle } from '../ir';
import { admits as admitsNamespace, describeConstraint, overlaps, unionOf, within } from '../wildcards';
import { alternative, choiceBranches, keepsNilAttributes, keptGroups, minItems, type CountedChoice, type ElementAlternative, type GroupNeeds, type ItemShape, type ItemChoice, type PropertyShape, type SequenceAlternative, type Shape, type ValueConstraint } from './shapes';
import { BUILTIN_LISTS, INTEGER_TYPES, builtinWhiteSpace, whiteSpaceOf, type WhiteSpace } from '../resolve/builtins';
import { derivationSteps } from '../resolve/passes';

/** Built-ins one of whose values is the empty text. */
const EMPTY_CAPABLE: ReadonlySet<string> = new Set(['string', 'normalizedString', 'token', 'anyURI', 'anySimpleType', 'hexBinary', 'base64Binary']);

/** Built-ins with other lexical forms of a value than the one their formatter writes (runtime formatMatching). */
const LEXICAL_FORMS: ReadonlySet<string> = new Set([...INTEGER_TYPES, 'decimal', 'float', 'double', 'hexBinary']);
import { literal, type TsTypes } from './ts-types';

/** The built-in date, time and duration types, whose values have many lexical forms. */
const TEMPORAL = new Set(['dateTime', 'dateTimeStamp', 'date', 'time', 'gYearMonth', 'gYear', 'gMonthDay', 'gMonth', 'gDay', 'duration', 'dayTimeDuration', 'yearMonthDuration']);

/**
 * Straight-line XML readers and writers per type. This module decides the
 * statements; the template only lays them out. Generated code uses these
 * local names: `r` (the XmlCursor readers pull from), `el`/`c` (source
 * offsets of the element being read and of its current child, for reports),
 * `i` (attribute index), `ctx` (ReadContext), `o` (object being read),
 * `v` (value being written), `s` (output string).
 */

export interface NamespaceConst {
  name: string;
  uri: string;
  prefix: string;
}

export interface ReaderView {
  fn: string;
  type: string;
  /** Statements of the reader body (without the function frame). */
  body: string[];
  /** A third parameter, after r and ctx. */
  extra?: string;
  /** Functions holding the checks on what the reader read, when they are too many for one (checkParts). */
  parts?: Array<{ fn: string; body: string[] }>;
}

export interface WriterView {
  fn: string;
  type: string;
  body: string[];
  /**
   * The functions a writer too large for one is split into, called in order by `body` (which then
   * catches nothing): each appends to `s`, taken and returned, with `at` first holding `at`.
   */
  parts?: Array<{ fn: string; at: string; body: string[] }>;
  /** A parameter after `tag`, of a dispatcher (writeAs...) only: the method an element's block rules out. */
  extra?: string;
}

/** How many segments (an attribute, a check, a property) and lines a writer or a part of one holds at most (splitWriter). */
const WRITER_CHUNK = { segments: 200, lines: 800 };

export interface ScalarView {
  parseFn: string;
  formatFn: string;
  type: string;
  parseBody: string[];
  formatBody: string[];
}

/**
 * How an element is written: `repeated`, one item of a repeated element (a large item with element
 * content is flattened as it is written, runtime `settle`); `defaulted`, it has a default value, which
 * an empty element would read as; `exact`, its declaration blocks every derived type (xsiTypeBlocked);
 * `block`, the method by which its declaration blocks some of them (xsiTypeBlock).
 */
interface ElementWriting {
  repeated?: boolean;
  defaulted?: boolean;
  exact?: boolean | undefined;
  block?: DerivationMethod | undefined;
}

type DerivationMethod = 'extension' | 'restriction';

/** What declaration `d` says of how its element is written: its default value, and what its block rules out. */
function declaredWriting(d: Pick<ElementAlternative, 'default' | 'xsiTypeBlocked' | 'xsiTypeBlock'>): ElementWriting {
  return { defaulted: d.default !== undefined, exact: d.xsiTypeBlocked, block: d.xsiTypeBlock };
}

export class CodecPlanner {
  readonly namespaces = new Map<string, NamespaceConst>();
  readonly runtimeValues = new Set<RuntimeName>();
  readonly scalars = new Map<QName, ScalarView>();
  private readonly scalarQueue: QName[] = [];
  private readonly usedPrefixes = new Set<string>(['xsi', 'xml', 'soap', 'xmlns']);

  constructor(
    private readonly ir: IR,
    private readonly ts: TsTypes,
    private readonly shapes: ReadonlyMap<QName, Shape>,
    private readonly polymorphic: ReadonlySet<QName>,
    private readonly emitted: ReadonlySet<QName>,
    preferredPrefixes: ReadonlyMap<string, string>,
  ) {
    this.preferred = preferredPrefixes;
    // Simple-content types some element declaration gives a default or fixed value: their readers
    // take the text an empty element stands for (XML Schema 3.3.4), as simple types' reads do.
    // A type others derive from is read through its dispatcher (readAs...), which passes it on.
    const constrained = (e: { type: QName; default?: string; fixed?: string }): void => {
      if ((e.default ?? e.fixed) === undefined || shapes.get(e.type)?.kind !== 'value') return;
      // A fixed value is also compared with what a non-empty element holds (fixedText).
      const sets = e.fixed !== undefined ? [this.emptyText, this.fixedText] : [this.emptyText];
      const t = ir.types[e.type];
      const keys = [e.type, ...(polymorphic.has(e.type) && t?.kind === 'complex' ? t.derivedTypes.filter((d) => shapes.get(d)?.kind === 'value') : [])];
      for (const set of sets) for (const k of keys) set.add(k);
    };
    Object.values(ir.elements).forEach(constrained);
    forEachParticle(ir, (p) => {
      if (p.kind === 'element') constrained(p);
    });
    // The methods by which elements of a polymorphic type block some of its derived types, where
    // one the package has is among them: its dispatchers take the element's as a last argument.
    const partlyBlocked = (e: { type: QName; xsiTypeBlock?: DerivationMethod }): void => {
      const t = ir.types[e.type];
      const block = e.xsiTypeBlock;
      if (block === undefined || t?.kind !== 'complex' || !polymorphic.has(e.type)) return;
      if (!t.derivedTypes.some((d) => emitted.has(d) && derivationSteps(ir, d, e.type).methods.includes(block))) return;
      this.blockedBy.set(e.type, [...new Set([...(this.blockedBy.get(e.type) ?? []), block])].sort());
    };
    Object.values(ir.elements).forEach(partlyBlocked);
    forEachParticle(ir, (p) => {
      if (p.kind === 'element') partlyBlocked(p);
    });
    // Codecs are named after their type (readFoo, writeFoo, parseFoo, formatFoo, and readAsFoo,
    // writeAsFoo for a type others derive from), but not like a runtime function (a type named
    // Fault would shadow readFault) or another type's codec (AsFoo's readAsFoo): those add `_`.
    const taken = new Set(RUNTIME_CODEC_NAMES);
    const names = (base: string): string[] => ['read', 'write', 'parse', 'format', 'readAs', 'writeAs'].map((p) => p + base);
    for (const key of [...emitted].sort()) {
      const tsName = ir.types[key]?.tsName;
      if (tsName === undefined) continue;
      let base = tsName;
      while (names(base).some((n) => taken.has(n))) base += '_';
      for (const n of names(base)) taken.add(n);
      this.codecBases.set(key, base);
    }
  }

  private readonly codecBases = new Map<QName, string>();
  /** For a polymorphic type: the methods (sorted) by which some element of it blocks some of its derived types. */
  private readonly blockedBy = new Map<QName, DerivationMethod[]>();

  /** The argument naming `block` for `key`'s dispatchers, or undefined where they take none. */
  private blockArg(key: QName, block: DerivationMethod | undefined): string | undefined {
    return block !== undefined && this.blockedBy.get(key)?.includes(block) ? literal(block) : undefined;
  }
  private readonly emptyText = new Set<QName>();
  private readonly fixedText = new Set<QName>();

  /** What a type's codec names are made of: its TypeScript name, unless that would clash. */
  private codecBase(key: QName): string {
    return this.codecBases.get(key) ?? this.ir.types[key]?.tsName ?? 'Unknown';
  }

  private readonly preferred: ReadonlyMap<string, string>;

  /** The constant holding a namespace URI in generated code, with its fixed prefix for writing. */
  ns(uri: string): NamespaceConst {
    let c = this.namespaces.get(uri);
    if (!c && uri === XML_NS) {
      // Bound to `xml` in every document, and to no other prefix: never declared (xml:lang).
      c = { name: `NS${this.namespaces.size}`, uri, prefix: 'xml' };
      this.namespaces.set(uri, c);
    }
    if (!c) {
      let prefix = this.preferred.get(uri) ?? `ns${this.namespaces.size + 1}`;
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(prefix) || this.usedPrefixes.has(prefix)) prefix = `ns${this.namespaces.size + 1}`;
      for (let i = 2; this.usedPrefixes.has(prefix); i++) prefix = `ns${this.namespaces.size + i}`;
      this.usedPrefixes.add(prefix);
      c = { name: `NS${this.namespaces.size}`, uri, prefix };
      this.namespaces.set(uri, c);
    }
    return c;
  }

  /** Tag text for writing an element: `t:Name`, or `Name` when unqualified. */
  tag(element: QName): string {
    const { namespace, local } = splitQName(element);
    return namespace ? `${this.ns(namespace).prefix}:${local}` : local;
  }

  /** A runtime export's name, imported by the module being planned; typed so that renaming the export breaks this build. */
  runtime(name: RuntimeName): string {
    this.runtimeValues.add(name);
    return name;
  }

  /** The call that checks the list lengths of counted choice `c` in `obj` (undefined when they fit). */
  private choiceOccurrences(obj: string, c: CountedChoice): string {
    const counts = c.alternatives.map((a) => `(${obj}[${literal(a.name)}]?.length ?? 0)`).join(', ');
    const alternatives = c.alternatives
      .map((a) => `{ name: ${literal(a.name)}, ${a.wildcard ? 'wildcard: true, ' : ''}min: ${a.min}${a.max !== undefined ? `, max: ${a.max}` : ''} }`)
      .join(', ');
    return `${this.runtime('choiceOccurrences')}([${counts}], [${alternatives}], ${c.min}${c.max !== undefined ? `, ${c.max}` : ''})`;
  }

  /** The expression for a namespace in generated code: its constant, or '' for none. */
  nsExpr(uri: string): string {
    return uri ? this.ns(uri).name : "''";
  }

  /**
   * One global element read and written whole (a document's root, a fault's detail): the type of
   * its value, a reader body (the cursor on its start tag) and a statement appending it to `s`.
   */
  wholeElement(decl: ElementDecl, value: string): { valueType: string; readBody: string[]; writeStmt: string } {
    return {
      valueType: `${this.ts.ref(decl.type, decl.xsiTypeBlocked)}${this.ts.nilSuffix(decl.type, decl.nillable)}`,
      readBody: withOffsets(['const c = r.start;', `return ${this.readElementExpr(decl.type, decl.nillable, alternative(decl))};`]),
      writeStmt: this.namedElementStmt(value, decl.name, decl.type, decl.nillable, declaredWriting(decl)),
    };
  }

  /**
   * writeElementStmt for an element written outside any type's writer (a document's root, a message
   * part, a SOAP header): its errors are SerializeErrors that name it. A type's writer names its
   * element itself; a value written inline is named here.
   */
  namedElementStmt(value: string, element: QName, key: QName, nillable: boolean, how: Omit<ElementWriting, 'repeated'> = {}): string {
    const stmt = this.writeElementStmt(value, element, key, nillable, how);
    return this.hasElementContent(key) ? stmt : `try { ${stmt} } catch (e) { ${this.runtime('withPath')}(e, ${literal(splitQName(element).local)}); }`;
  }

  /**
   * A condition on the namespace expression `ns` that holds where the constraint admits it ('true'
   * for any namespace). Namespaces are written as literals: an NS constant would also be declared
   * on every message the package writes.
   */
  private admits(c: NamespaceConstraint, ns: string): string {
    if (c.kind === 'any') return 'true';
    if (c.kind === 'only') return c.namespaces.length ? c.namespaces.map((u) => `${ns} === ${literal(u)}`).join(' || ') : 'false';
    return c.namespaces.length ? c.namespaces.map((u) => `${ns} !== ${literal(u)}`).join(' && ') : 'true';
  }

  // ------------------------------------------------------------------ scalars

  /** Parse/format functions of a simple type (built-in: runtime codec; user type: a generated pair). */
  scalar(key: QName): { parse: string; format: string } {
    if (isBuiltin(key)) {
      const local = splitQName(key).local;
      if (local === 'QName') return { parse: '', format: '' };
      const codec = BUILTIN_CODECS[local] ?? BUILTIN_CODECS.string;
      if (!codec) throw new Error('runtime has no string codec');
      return { parse: this.runtime(codec.parse), format: this.runtime(codec.format) };
    }
    const t = this.ir.types[key];
    if (t?.kind === 'complex') return this.scalar(t.simpleType ?? '{http://www.w3.org/2001/XMLSchema}string');
    if (!t) return this.scalar('{http://www.w3.org/2001/XMLSchema}string');
    const name = this.codecBase(key);
    if (!this.scalars.has(key)) {
      this.scalars.set(key, { parseFn: `parse${name}`, formatFn: `format${name}`, type: `T.${t.tsName}`, parseBody: [], formatBody: [] });
      this.scalarQueue.push(key);
    }
    return { parse: `parse${name}`, format: `format${name}` };
  }

  /** Fills in the bodies of every scalar asked for so far (and those they need). */
  finishScalars(): void {
    while (this.scalarQueue.length) {
      const key = this.scalarQueue.shift() as QName;
      const t = this.ir.types[key] as SimpleTypeDef;
      const view = this.scalars.get(key) as ScalarView;
      const tsType = view.type;
      if (t.variety === 'list') {
        const item = this.scalar(t.itemType ?? '');
        view.parseBody = [`return ${this.runtime('splitList')}(text).map(${item.parse}) as ${tsType};`];
        view.formatBody = [`return ${this.runtime('joinList')}(v.map(${item.format}));`];
      } else if (t.variety === 'union') {
        const members = (t.memberTypes ?? []).map((m) => this.scalar(m));
        view.parseBody = [
          ...members.map((m) => `try { return ${m.parse}(text); } catch { /* next member */ }`),
          `throw new ${this.runtime('ValueError')}(\`"\${text}" matches no member of the union ${t.tsName}\`);`,
        ];
        // The first member that takes the value writes it, as the reader takes the first that reads
        // it: each member checks its own values (a list joins its items with spaces, an enumeration
        // refuses what it does not list), which String(v) did not.
        view.formatBody = [
          // (A QName member is refused before planning: checkQNameItems.)
          ...members.map((m) => `try { return ${m.format}(v as never); } catch { /* next member */ }`),
          `return ${this.runtime('noUnionMember')}(v, ${literal(t.tsName)});`,
        ];
      } else {
        const base = this.scalar(t.base ?? '{http://www.w3.org/2001/XMLSchema}string');
        const baseTs = this.ts.valueRef(t.base ?? '');
        // Through aliases: a restriction of a user type restricting xs:decimal is kept as text too.
        const stringValued = baseTs === 'string' || this.ts.isStringValued(t.base);
        // Checks on the lexical form (text) and on the value (v / the parsed value), in that order.
        const isList = isListType(this.ir, t.base);
        // The length facets count a list's items and binary data's octets (XSD 4.3.1), other values' characters.
        const counted = isList ? 'item' : t.builtin === 'hexBinary' || t.builtin === 'base64Binary' ? 'octet' : undefined;
        const textChecks = this.facetTextChecks(t, counted !== undefined);
        const valueChecks = [...this.facetValueChecks(t), ...(counted !== undefined ? this.itemCountChecks(t, counted) : [])];
        // A string enumeration's parser hands a value it does not list to the runtime's
        // unknownEnumeration, which refuses it unless a reader told to keep such values
        // (ReadOptions.unknownEnumerations) reads it again. Its formatter, and other enumerations, refuse them.
        let unknownCheck: string[] | undefined;
        // What a kept string enumeration's reader returns: the text, or the listed spelling of its value.
        let kept = 'text';
        let keyOf = (v: string): string => v;
        if (t.enumeration?.length) {
          const setName = `ENUM_${t.tsName}`;
          const message = `\`"\${text}" is not a value of ${t.tsName}\${hint(${setName})}\``;
          const refuse = `throw new ${this.runtime('ValueError')}(${message});`;
          // An enumeration lists values, whatever their spelling: "01" and "1" are one xs:int, and
          // 1.5 one xs:decimal with 1.50. Such values are looked up by their canonical form.
          const key = this.enumerationKey(t);
          // ENUM_X_KEYS, made by the runtime's enumerationKeys, holds the listed values by that form.
          this.enumSets.push({ name: setName, values: t.enumeration.map(literal), key: key === undefined ? '' : key.of('s') });
          if (key !== undefined) this.runtime('enumerationKeys');
          if (key === undefined) {
            textChecks.unshift(`if (!${setName}.has(text)) ${refuse}`);
            if (stringValued) unknownCheck = [`if (!${setName}.has(text)) return ${this.runtime('unknownEnumeration')}(${message}, text, ${view.parseFn}) as ${tsType};`];
          } else if (!stringValued) {
            // $KEY: the value's canonical form; a formatter's text is that form, unless a pattern picks another.
            valueChecks.unshift(`if (!${setName}_KEYS.has($KEY)) ${refuse}`);
            keyOf = key.ofValue;
          } else {
            // A decimal or a date kept as its text: read as the spelling the schema lists.
            textChecks.unshift(`if (!${setName}_KEYS.has(${key.of('text')})) ${refuse}`);
            unknownCheck = [
              `const listed = ${setName}_KEYS.get(${key.of('text')});`,
              `if (listed === undefined) return ${this.runtime('unknownEnumeration')}(${message}, text, ${view.parseFn}) as ${tsType};`,
            ];
            kept = 'listed';
          }
        }
        // Facets apply to the value after whiteSpace processing (XSD 4.3.6): collapse or replace
        // the text before checking it, unless the checks are none and the base's parser does it.
        // A list's whiteSpace is collapse, whatever its items' (XSD 4.3.6).
        const ws = isList ? 'collapse' : whiteSpaceOf(this.ir.types, t);
        const normalize = ws === 'collapse' ? this.runtime('collapseWhitespace') : ws === 'replace' ? this.runtime('replaceWhitespace') : undefined;
        // Writing needs it only where the base's formatter does less: a string type given the facet.
        const normalizeOutput = normalize !== undefined && stringValued && this.whiteSpaceOfKey(t.base) !== ws ? normalize : undefined;
        const output = (call: string): string => (normalizeOutput === undefined ? call : `${normalizeOutput}(${call})`);
        const normalizeText = normalize !== undefined && textChecks.length ? [`text = ${normalize}(text);`] : [];
        if (unknownCheck !== undefined) {
          view.parseBody = [...normalizeText, ...unknownCheck, ...textChecks.slice(1), `return ${kept} as ${tsType};`];
          view.formatBody = [`const text: string = v;`, ...textChecks, 'return text;'];
        } else if (!textChecks.length && !valueChecks.length) {
          // A string type's own parser keeps whitespace; a facet may say otherwise.
          view.parseBody = [`return ${output(`${base.parse}(text)`)};`];
          view.formatBody = [`return ${output(`${base.format}(v)`)};`];
        } else {
          view.parseBody = [...normalizeText, ...textChecks, `const value = ${base.parse}(text);`, ...valueChecks.map((c) => c.replace(/\$VALUE/g, 'value').replace(/\$KEY/g, keyOf('value'))), `return value${baseTs === tsType ? '' : ` as ${tsType}`};`];
          // A boolean restricted by a pattern is written in the form the pattern admits (SOAP 1.1's
          // mustUnderstand takes only "0" and "1"), as a reader accepts either form.
          // So are numbers and hexBinary data, in another form of the value where the canonical one does not match.
          const patterns = t.builtin === 'boolean' || LEXICAL_FORMS.has(t.builtin ?? '') ? this.patternConst(t) : undefined;
          const formatted =
            patterns === undefined
              ? output(`${base.format}(v)`)
              : t.builtin === 'boolean'
                ? `${this.runtime('formatBooleanMatching')}(v, ${patterns})`
                : `${this.runtime('formatMatching')}(${base.format}(v), ${patterns})`;
          const key = patterns === undefined ? 'text' : keyOf('v');
          view.formatBody = [`const text = ${formatted};`, ...textChecks, ...valueChecks.map((c) => c.replace(/\$VALUE/g, 'v').replace(/\$KEY/g, key)), 'return text;'];
        }
      }
    }
  }

  /**
   * For an enumeration whose values have several spellings (numbers, booleans, binary, decimals,
   * dates): the canonical form of a listed spelling `s` (`of`), and of a value of the type
   * (`ofValue`). Undefined where the text is the value (strings, tokens), and for QNames.
   */
  private enumerationKey(t: SimpleTypeDef): { of: (s: string) => string; ofValue: (v: string) => string } | undefined {
    if (t.variety !== 'atomic' || t.builtin === undefined) return undefined;
    // A restriction of a list or a union: "01 2" is the list (1, 2), and "01" the union's xs:int 1.
    // Its value is read and written by that type, whose text is canonical item by item (member by member).
    const composite = this.listOrUnionBase(t.base);
    if (composite !== undefined) {
      if (this.holdsQName(composite)) return undefined;
      const c = this.scalar(composite);
      return { of: (s) => `${c.format}(${c.parse}(${s}))`, ofValue: (v) => `${c.format}(${v})` };
    }
    const builtin = t.builtin;
    if (builtin === 'QName' || builtin === 'NOTATION') return undefined;
    if (builtin === 'decimal' || TEMPORAL.has(builtin)) {
      const cmp = this.fixedComparison(`{http://www.w3.org/2001/XMLSchema}${builtin}`);
      if (cmp === undefined) return undefined;
      const of = (s: string): string => `${cmp.format}(${cmp.parse}(${s}))`;
      return { of, ofValue: of };
    }
    if (this.ts.valueRef(`{http://www.w3.org/2001/XMLSchema}${builtin}`) === 'string') return undefined;
    const c = this.scalar(`{http://www.w3.org/2001/XMLSchema}${builtin}`);
    return { of: (s) => `${c.format}(${c.parse}(${s}))`, ofValue: (v) => `${c.format}(${v})` };
  }

  /** Parse and format functions to compare fixed values with, or undefined where the text is the value. */
  private fixedComparison(type: QName): { parse: string; format: string } | undefined {
    const t = this.ir.types[type];
    const builtin = isBuiltin(type) ? splitQName(type).local : t?.kind === 'simple' && t.variety === 'atomic' ? t.builtin : undefined;
    if (builtin === undefined || builtin === 'QName' || (builtin === 'string' && this.whiteSpaceOfKey(type) === 'preserve')) return undefined;
    // A decimal value is kept as its text: "1.5" and "1.50" are one value only in canonical form.
    if (builtin === 'decimal') return { parse: this.runtime('canonicalDecimal'), format: this.runtime('formatDecimal') };
    // A date, time or duration is one value in many forms: T03:00:00Z is T04:00:00+01:00, P1D is PT24H.
    if (TEMPORAL.has(builtin)) return { parse: this.runtime('temporalValue'), format: 'String' };
    const c = this.scalar(type);
    return c.parse === '' ? undefined : c;
  }

  /** whiteSpaceOf for a type key: a built-in's rule, a user type's, or preserve for none. */
  private whiteSpaceOfKey(key: QName | undefined): WhiteSpace {
    if (key === undefined) return 'preserve';
    if (isBuiltin(key)) return builtinWhiteSpace(splitQName(key).local);
    const t = this.ir.types[key];
    return t?.kind === 'simple' ? whiteSpaceOf(this.ir.types, t) : 'preserve';
  }

  /** Facets checked on the lexical form: length family, patterns, digits. */
  private facetTextChecks(t: SimpleTypeDef, countedOnValue: boolean): string[] {
    const f = t.facets;
    const out: string[] = [];
    const name = literal(t.tsName);
    if (countedOnValue) {
      // Items and octets are counted on the value.
    } else if (f.length !== undefined) out.push(`${this.runtime('checkLength')}(text, ${f.length}, ${f.length}, ${name});`);
    else if (f.minLength !== undefined || f.maxLength !== undefined) out.push(`${this.runtime('checkLength')}(text, ${f.minLength ?? 'undefined'}, ${f.maxLength ?? 'undefined'}, ${name});`);
    const constName = this.patternConst(t);
    if (constName !== undefined) out.push(`${this.runtime('checkPattern')}(text, ${constName}, ${constName}_SOURCES, ${name});`);
    if ((f.totalDigits !== undefined || f.fractionDigits !== undefined) && (t.builtin === 'decimal' || INTEGER_TYPES.has(t.builtin))) {
      out.push(`${this.runtime('checkDigits')}(text, ${f.totalDigits ?? 'undefined'}, ${f.fractionDigits ?? 'undefined'}, ${name});`);
    }
    return out;
  }

  /**
   * The constant holding the type's own pattern facets as RegExps, declared on first use; undefined
   * when it has none, or one JS cannot express (not checked: the parse stage warns PATTERN_NOT_CHECKED).
   */
  private patternConst(t: SimpleTypeDef): string | undefined {
    const f = t.facets;
    if (!f.pattern?.length) return undefined;
    const name = `PATTERN_${t.tsName}`;
    if (this.patternSets.some((p) => p.name === name)) return name;
    const regexps = f.pattern.map((p) => xsdPattern(p));
    if (!regexps.every((r) => r !== undefined)) return undefined;
    this.patternSets.push({ name, regexps: regexps.map((r) => `new RegExp(${literal(r?.source ?? '')}, 'u')`), sources: f.pattern.map(literal) });
    return name;
  }

  /** Facets checked on the value: bounds. `$VALUE` stands for the value expression. */
  private facetValueChecks(t: SimpleTypeDef): string[] {
    const f = t.facets;
    const bounds = (['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'] as const).filter((k) => f[k] !== undefined);
    // By the built-in at the root of the derivation: the base may be a user type (B restricts A
    // restricts xs:int), whose alias names no scalar type, and whose own parser checks its own bounds only.
    const primitive = BUILTIN_CODECS[t.builtin]?.ts;
    if (!bounds.length || primitive === undefined || !['number', 'bigint', 'string'].includes(primitive)) return [];
    const obj = `{ ${bounds.map((k) => `${k}: ${literal(f[k] ?? '')}`).join(', ')} }`;
    return [`${this.runtime('checkRange')}($VALUE, ${obj}, ${literal(t.tsName)}${t.builtin === 'float' ? ', true' : ''});`];
  }

  /** Whether a value of simple type `key` may be written as no text at all (a string, binary data, a list). */
  private mayBeEmpty(key: QName): boolean {
    if (isListType(this.ir, key) || this.listOrUnionBase(key) !== undefined) return true;
    const t = isBuiltin(key) ? undefined : this.ir.types[key];
    const builtin = isBuiltin(key) ? splitQName(key).local : t?.kind === 'simple' ? t.builtin : undefined;
    return builtin !== undefined && EMPTY_CAPABLE.has(builtin);
  }

  /** The list or union type that `key` is, or restricts (through other restrictions), if any. */
  private listOrUnionBase(key: QName | undefined): QName | undefined {
    for (let k = key, i = 0; k !== undefined && i < 64; i++) {
      const t = isBuiltin(k) ? undefined : this.ir.types[k];
      if (t?.kind !== 'simple') return undefined;
      if (t.variety !== 'atomic') return k;
      k = t.base;
    }
    return undefined;
  }

  /** Whether values of a simple type may hold a QName (or NOTATION), whose text depends on prefixes in scope. */
  private holdsQName(key: QName, seen = new Set<QName>()): boolean {
    if (seen.has(key)) return false;
    seen.add(key);
    if (isBuiltin(key)) return ['QName', 'NOTATION'].includes(splitQName(key).local);
    const t = this.ir.types[key];
    if (t?.kind !== 'simple') return false;
    if (t.builtin === 'QName' || t.builtin === 'NOTATION') return true;
    const parts = t.variety === 'list' ? [t.itemType] : t.variety === 'union' ? (t.memberTypes ?? []) : [t.base];
    return parts.some((p) => p !== undefined && this.holdsQName(p, seen));
  }

  /** The length facets of a list (`item`) or of binary data (`octet`), on the value's length. */
  private itemCountChecks(t: SimpleTypeDef, unit: 'item' | 'octet'): string[] {
    const f = t.facets;
    const min = f.length ?? f.minLength;
    const max = f.length ?? f.maxLength;
    const out: string[] = [];
    if (min !== undefined) out.push(`if ($VALUE.length < ${min}) throw new ${this.runtime('ValueError')}(\`a ${t.tsName} needs at least ${min} ${unit}(s), found \${$VALUE.length}\`);`);
    if (max !== undefined) out.push(`if ($VALUE.length > ${max}) throw new ${this.runtime('ValueError')}(\`a ${t.tsName} holds at most ${max} ${unit}(s), found \${$VALUE.length}\`);`);
    return out;
  }

  readonly patternSets: Array<{ name: string; regexps: string[]; sources: string[] }> = [];
  /** `key`: where values compare by their canonical form, that form of listed spelling `s` ('' otherwise). */
  readonly enumSets: Array<{ name: string; values: string[]; key: string }> = [];
  /** The expanded names each enumerated QName type admits (see qnameCheck). */
  readonly qnameSets: Array<{ name: string; values: string[] }> = [];
  private readonly qnameChecks = new Map<QName, { set: string; typeName: string } | undefined>();

  /**
   * The set and type name a QName value of type `key` is checked against, when an enumeration
   * restricts it (the type, its bases or, for a union, every member); undefined when any QName goes.
   */
  private qnameCheck(key: QName): { set: string; typeName: string } | undefined {
    if (this.qnameChecks.has(key)) return this.qnameChecks.get(key);
    const values = qnameEnumeration(this.ir, key);
    let check: { set: string; typeName: string } | undefined;
    if (values !== undefined) {
      // Type names are unique in a package, and so are these sets' names.
      const typeName = this.ir.types[key]?.tsName ?? 'QName';
      const set = `QNAMES_${typeName}`;
      this.qnameSets.push({ name: set, values: [...values].map(literal) });
      check = { set, typeName };
    }
    this.qnameChecks.set(key, check);
    return check;
  }

  /** An XmlQName literal of the QName key `key`. */
  private qnameLiteral(key: QName): string {
    const { namespace, local } = splitQName(key);
    return `{ namespace: ${literal(namespace)}, localName: ${literal(local)} }`;
  }

  /** The extra arguments of ctx.qname/ctx.attrQName for type `key`: its enumeration, if any. */
  private qnameArgs(key: QName): string {
    const c = this.qnameCheck(key);
    return c === undefined ? '' : `, ${c.set}, ${literal(c.typeName)}`;
  }

  /** `x` as written by a QName writer: checked against the enumeration of type `key`, if any. */
  private checkedQName(x: string, key: QName): string {
    const c = this.qnameCheck(key);
    return c === undefined ? x : `${this.runtime('checkQNameIn')}(${x}, ${c.set}, ${literal(c.typeName)})`;
  }

  // ------------------------------------------------------------------ readers

  readerName(key: QName): string {
    return `read${this.codecBase(key)}`;
  }

  writerName(key: QName): string {
    return `write${this.codecBase(key)}`;
  }

  /**
   * Expression reading the cursor's current element, declared with type `key`, up to and including
   * its end tag (polymorphic types dispatch on xsi:type). `c` is its start offset.
   */
  readElementExpr(key: QName, nillable: boolean, decl?: ValueConstraint): string {
    const inner = this.readValueExpr(key, decl);
    if (!nillable) return inner;
    const required = this.requiredAttributes(key);
    return keepsNilAttributes(this.ir, key) ? `(ctx.nilKeep(r${required === undefined ? '' : `, ${required}`}) ? ctx.nilled : ${inner})` : `(ctx.nil(r) ? null : ${inner})`;
  }

  private readValueExpr(key: QName, decl?: ValueConstraint): string {
    const declared = this.declaredQNames(qnameValues(this.ir, key), decl);
    if (decl !== undefined && declared !== undefined) {
      // An empty element holds the declared QName(s); a fixed one compares the value read with it.
      const fixed = decl.fixed === undefined ? 'undefined' : literal(splitQName(decl.element).local);
      return declared.list ? `ctx.qnamesOr(r, ${declared.literal}, ${fixed})` : `ctx.qnameOr(r, ${declared.literal}, ${fixed}${this.qnameArgs(key)})`;
    }
    const qnames = this.qnameRead(key);
    if (qnames !== undefined) return qnames;
    if (isBuiltin(key)) {
      const local = splitQName(key).local;
      if (local === 'anyType') return `${this.runtime('toAnyElement')}(r)`;
      if (local === 'string' || local === 'anySimpleType') return this.textExpr(key, decl);
      return this.idRead(key, `ctx.value(${this.scalar(key).parse}, ${this.textExpr(key, decl)}, c)`, 'c');
    }
    const t = this.ir.types[key];
    if (!t) return 'ctx.text(r)';
    if (t.kind === 'complex' && this.shapes.get(key)?.kind === 'simple') return this.readValueExpr(t.simpleType ?? STRING, decl);
    if (t.kind === 'simple') return this.idRead(key, `ctx.value(${this.scalar(key).parse}, ${this.textExpr(key, decl)}, c)`, 'c');
    const args = this.constraintArgs(key, decl);
    if (this.polymorphic.has(key) && decl?.xsiTypeBlocked !== true) {
      const block = this.blockArg(key, decl?.xsiTypeBlock);
      if (block === undefined) return `readAs${this.codecBase(key)}(${args})`;
      // After the dispatcher's optional parameters for an empty element's value, given or not.
      const given = this.constraintArgList(key, decl);
      const extra = this.emptyText.has(key) ? this.extraParams(key).length : 0;
      return `readAs${this.codecBase(key)}(${[...given, ...Array<string>(2 + extra - given.length).fill('undefined'), block].join(', ')})`;
    }
    return `${this.readerName(key)}(${args})`;
  }

  /**
   * The text of an element of simple type `key`, under its declaration's value constraint: an empty
   * element holds the default or fixed value (XML Schema 3.3.4), and fixed is checked.
   */
  private textExpr(key: QName, decl: ValueConstraint | undefined): string {
    if (decl?.fixed !== undefined) {
      const codec = this.fixedComparison(key);
      // `c` last: withOffsets keeps the offset only where a call takes it as its last argument.
      const compare = codec === undefined ? 'undefined, undefined' : `${codec.parse}, ${codec.format}`;
      return `ctx.fixed(ctx.text(r), ${literal(decl.fixed)}, ${literal(splitQName(decl.element).local)}, ${compare}, c)`;
    }
    return decl?.default === undefined ? 'ctx.text(r)' : `(ctx.text(r) || ${literal(decl.default)})`;
  }

  /**
   * Statements writing value expression `x` as element `element` declared with type `key`, as
   * ElementWriting says.
   */
  writeElementStmt(x: string, element: QName, key: QName, nillable: boolean, { repeated = false, defaulted = false, exact = false, block }: ElementWriting = {}): string {
    const tag = this.tag(element);
    const { namespace, local } = splitQName(element);
    const value = isAnyType(key) ? `${this.runtime('anyTypeElement')}(${x}, ${literal(namespace)}, ${literal(local)})` : this.writeValueExpr(x, tag, key, defaulted, exact, block);
    const inner = repeated && this.hasElementContent(key) ? `${this.runtime('settle')}(${value})` : value;
    // A nil element is still an element of its type: one of an abstract type nothing derives from is refused, nil or not.
    if (!nillable || this.abstractLeaf(key)) return `s += ${inner};`;
    // A nil element of a type with attributes may be an XmlNil, which carries them; it must carry
    // those the type requires, so null is refused then.
    const required = this.requiredAttributes(key);
    // An abstract type's nil element names a concrete type in xsi:type (WCF leaves it out, which validators refuse).
    const nilTag = `${tag}${this.nilType(key, block)}`;
    const nil = required === undefined ? `'<${nilTag} xsi:nil="true"/>'` : `${this.runtime('writeNil')}('${nilTag}', null, ${required})`;
    const notNull = keepsNilAttributes(this.ir, key) ? `${this.runtime('isXmlNil')}(${x}) ? ${this.runtime('writeNil')}('${nilTag}', ${x}${required === undefined ? '' : `, ${required}`}) : ${inner}` : inner;
    return `s += ${x} === null ? ${nil} : ${notNull};`;
  }

  /**
   * The arguments of the reader of simple-content type `key` for an element declared with `decl`:
   * the text an empty element stands for, and whether it is fixed; for a QName, that value
   * resolved where the schema wrote it, and the element's name when it is fixed (extraParams).
   */
  private constraintArgs(key: QName, decl: ValueConstraint | undefined): string {
    return this.constraintArgList(key, decl).join(', ');
  }

  /** constraintArgs, one argument an item. */
  private constraintArgList(key: QName, decl: ValueConstraint | undefined): string[] {
    const empty = decl?.default ?? decl?.fixed;
    if (decl === undefined || empty === undefined || !this.emptyText.has(key)) return ['r', 'ctx'];
    const declared = this.declaredQNames(this.qnameValueKind(key), decl);
    if (declared !== undefined) return ['r', 'ctx', declared.literal, ...(decl.fixed !== undefined ? [literal(splitQName(decl.element).local)] : [])];
    return decl.fixed !== undefined ? ['r', 'ctx', literal(empty), 'true'] : ['r', 'ctx', literal(empty)];
  }

  /**
   * For a nil element of abstract type `key` with derived types: the xsi:type attribute naming the
   * first concrete one that requires no attributes (nil elements carry those too) and that the
   * element's block (`block`, xsiTypeBlock) does not rule out; '' otherwise.
   */
  private nilType(key: QName, block?: DerivationMethod): string {
    const t = this.ir.types[key];
    if (t?.kind !== 'complex' || !t.abstract || !this.polymorphic.has(key)) return '';
    const concrete = [...t.derivedTypes].sort().find((d) => {
      const dt = this.ir.types[d];
      if (block !== undefined && derivationSteps(this.ir, d, key).methods.includes(block)) return false;
      return this.emitted.has(d) && dt?.kind === 'complex' && !dt.abstract && this.requiredAttributes(d) === undefined;
    });
    if (concrete === undefined) return '';
    const { namespace, local } = splitQName(concrete);
    return ` xsi:type="${namespace ? `${this.ns(namespace).prefix}:` : ''}${local}"`;
  }

  /** The attributes type `key` requires, as a literal of [namespace, local name] pairs; undefined for none. */
  private requiredAttributes(key: QName): string | undefined {
    const t = this.ir.types[key];
    const pairs = t?.kind === 'complex' ? t.attributes.filter((a) => a.use === 'required').map((a) => splitQName(a.name)) : [];
    return pairs.length ? `[${pairs.map(({ namespace, local }) => `[${literal(namespace)}, ${literal(local)}]`).join(', ')}]` : undefined;
  }

  /** `defaulted`: the element has a default value, which an empty element would read as. */
  private writeValueExpr(x: string, tag: string, key: QName, defaulted = false, exact = false, block?: DerivationMethod): string {
    const open = `'<${tag}>'`;
    const close = `'</${tag}>'`;
    const text = (escaped: string): string =>
      defaulted && this.mayBeEmpty(key) ? `${this.runtime('textBesideDefault')}(${escaped}, ${String(isListType(this.ir, key) || this.whiteSpaceOfKey(key) === 'collapse')})` : escaped;
    // Before the value: an abstract simple-content type without attributes is presented as its value.
    if (this.abstractLeaf(key)) return `${this.runtime('abstractType')}(${x}, ${literal(key)})`;
    if (qnameValues(this.ir, key) !== undefined) return `${this.runtime('writeQNameElement')}('${tag}', ${this.checkedQName(x, key)}, PREFIXES)`;
    if (isBuiltin(key)) {
      const local = splitQName(key).local;
      if (local === 'string' || local === 'anySimpleType') return `${open} + ${text(`${this.runtime('escapeText')}(${x})`)} + ${close}`;
      return `${open} + ${text(`${this.runtime('escapeText')}(${this.scalar(key).format}(${x}))`)} + ${close}`;
    }
    const t = this.ir.types[key];
    if (t?.kind === 'complex' && this.shapes.get(key)?.kind === 'simple') return this.writeValueExpr(x, tag, t.simpleType ?? STRING, defaulted);
    if (!t || t.kind === 'simple') return `${open} + ${text(`${this.runtime('escapeText')}(${this.scalar(key).format}(${x}))`)} + ${close}`;
    if (this.polymorphic.has(key) && !exact) {
      const arg = this.blockArg(key, block);
      return `writeAs${this.codecBase(key)}(${x}, '${tag}'${arg === undefined ? '' : `, ${arg}`})`;
    }
    const missing = this.neverValid(key);
    if (missing !== undefined) return `${this.runtime('noValidInstance')}(${x}, ${literal(key)}, ${literal(missing)})`;
    return `${this.writerName(key)}(${x}, '${tag}', '')`;
  }

  /** Dispatchers for polymorphic declared types: read by xsi:type, write with xsi:type. */
  polymorphicViews(): { readers: ReaderView[]; writers: WriterView[] } {
    const readers: ReaderView[] = [];
    const writers: WriterView[] = [];
    const declared = [...this.polymorphic].filter((k) => {
      const t = this.ir.types[k];
      return t?.kind === 'complex' && t.derivedTypes.some((d) => this.emitted.has(d));
    });
    for (const key of declared.sort()) {
      const t = this.ir.types[key];
      if (t?.kind !== 'complex') continue;
      const members = [...(t.abstract ? [] : [key]), ...t.derivedTypes.filter((d) => this.emitted.has(d))];
      const union = this.ts.ref(key).split(' | ').map((n) => `T.${n}`).join(' | ');
      const rbody: string[] = ['const xt = ctx.xsiType(r);', 'switch (xt) {'];
      const empty = this.emptyText.has(key);
      const fixed = this.fixedText.has(key);
      const args = (m: QName): string =>
        !empty || !this.emptyText.has(m) ? 'r, ctx' : (fixed && this.fixedText.has(m)) || this.qnameValueKind(m) !== undefined ? 'r, ctx, empty, fixed' : 'r, ctx, empty';
      // The methods some element of this type blocks, and for each member those among its steps.
      const blockable = this.blockedBy.get(key) ?? [];
      const blocked = new Map(
        members.map((m): [QName, DerivationMethod[]] => {
          const steps = m === key || blockable.length === 0 ? [] : derivationSteps(this.ir, m, key).methods;
          return [m, blockable.filter((b) => steps.includes(b))];
        }),
      );
      const blockedBy = (m: QName): DerivationMethod[] => blocked.get(m) ?? [];
      for (const m of members) {
        const mt = this.ir.types[m];
        if (!mt) continue;
        const read = `return { ...${this.readerName(m)}(${args(m)}), $type: ${literal(mt.tsName)} };`;
        const blocks = blockedBy(m);
        if (blocks.length === 0) {
          rbody.push(`  case ${literal(m)}: ${read}`);
          continue;
        }
        rbody.push(`  case ${literal(m)}:`);
        for (const b of blocks) {
          const message = `xsi:type ${m} names a type derived from ${t.tsName} by ${b}, which the element's block rules out; it is read as ${mt.tsName}`;
          rbody.push(`    if (block === '${b}') ctx.warn('unknown-type', ${literal(message)}, r.start);`);
        }
        rbody.push(`    ${read}`);
      }
      rbody.push('  case undefined:');
      if (t.abstract) rbody.push(`    return ctx.fail('unknown-type', 'The element has abstract type ${t.tsName} and no xsi:type naming a concrete type', r.start);`);
      else rbody.push(`    return ${this.readerName(key)}(${args(key)});`);
      rbody.push('  default:');
      rbody.push(`    ctx.warn('unknown-type', \`xsi:type \${xt} is not a type derived from ${t.tsName}\`, r.start);`);
      rbody.push(t.abstract ? `    return ctx.fail('unknown-type', 'No concrete type to read', r.start);` : `    return ${this.readerName(key)}(${args(key)});`);
      rbody.push('}');
      // An element that blocks some derived types names the method: a last, optional parameter.
      const blockParam = blockable.length === 0 ? undefined : `block?: ${blockable.map((b) => `'${b}'`).join(' | ')}`;
      const extra = [...(empty ? this.extraParams(key) : []), ...(blockParam === undefined ? [] : [blockParam])].join(', ');
      readers.push({ fn: `readAs${this.codecBase(key)}`, type: union, body: rbody, ...(extra !== '' ? { extra } : {}) });

      const wbody: string[] = ['switch (v.$type) {'];
      // For each method some element blocks: what a value it rules out should be written as instead.
      const remedies = new Map(
        blockable.map((b) => {
          const allowed = members.filter((o) => !blockedBy(o).includes(b)).flatMap((o) => this.ir.types[o]?.tsName ?? []);
          const names = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1] ?? ''}` : (allowed[0] ?? '');
          const instead = [...(allowed.length > 0 ? [`set $type to ${names}`] : []), ...(t.abstract ? [] : [`leave it out to write a ${t.tsName}`])];
          return [b, instead.length > 0 ? instead.join(', or ') : 'the element can hold no value'];
        }),
      );
      // Thrown before the element's writer runs, these errors name the element themselves.
      const refuse = (message: string): string => `throw new ${this.runtime('SerializeError')}(${message}, [tag.slice(tag.indexOf(':') + 1)]);`;
      for (const m of members) {
        const mt = this.ir.types[m];
        if (!mt) continue;
        const { namespace, local } = splitQName(m);
        // An explicit $type is always written, even when it names the declared type, so it reads back.
        const xsi = `' xsi:type="${namespace ? `${this.ns(namespace).prefix}:` : ''}${local}"'`;
        const write = `return ${this.writerName(m)}(v, tag, ${xsi});`;
        const blocks = blockedBy(m);
        if (blocks.length === 0) {
          wbody.push(`  case ${literal(mt.tsName)}: ${write}`);
          continue;
        }
        wbody.push(`  case ${literal(mt.tsName)}:`);
        for (const b of blocks) {
          wbody.push(`    if (block === '${b}') ${refuse(literal(`$type ${mt.tsName} is derived from ${t.tsName} by ${b}, which the element's block rules out: ${remedies.get(b) ?? ''}`))}`);
        }
        wbody.push(`    ${write}`);
      }
      if (t.abstract) {
        wbody.push('  default:');
        wbody.push(`    ${refuse(`\`$type must name a concrete type derived from ${t.tsName}\``)}`);
      } else {
        // Without $type the value is written as the declared type: a property only a derived type
        // has would be dropped without a word, so it is refused instead.
        // The checks call the runtime's holdsProperty rather than narrow `v` each: TypeScript
        // follows narrowings back one by one, and past about 2,000 (Salesforce's Metadata has
        // 1,869 such properties) gives up on the function ("too large for control flow analysis").
        wbody.push('  case undefined:');
        for (const [prop, owners] of this.derivedOnly(key, members)) {
          const set = owners.length === 1 ? `set $type: '${owners[0]}'` : 'set $type to the one it is';
          const message = `${prop} is a property of ${owners.join(', ')}, not of ${t.tsName}: ${set} to write it`;
          wbody.push(`    if (${this.runtime('holdsProperty')}(v, ${literal(prop)})) ${refuse(literal(message))}`);
        }
        wbody.push(`    return ${this.writerName(key)}(v as T.${t.tsName}, tag, '');`);
        wbody.push('  default:');
        const names = members.flatMap((m) => this.ir.types[m]?.tsName ?? []);
        wbody.push(`    ${refuse(`\`$type \${String((v as { $type: unknown }).$type)} is none of: ${names.join(', ')}\``)}`);
      }
      wbody.push('}');
      writers.push({ fn: `writeAs${this.codecBase(key)}`, type: union, body: wbody, ...(blockParam === undefined ? {} : { extra: blockParam }) });
    }
    return { readers, writers };
  }

  /** Whether `{}` is a value of the type: an object whose properties are all optional, no choice required. */
  admitsEmptyObject(type: QName): boolean {
    const shape = this.shapes.get(type);
    if (shape?.kind !== 'object' || shape.requiredChoices.length > 0 || this.polymorphic.has(type)) return false;
    return shape.properties.every((p) => p.kind === 'anyAttribute' || p.kind === 'xsiType' || (p.kind !== 'text' && p.optional));
  }

  /** Properties of derived object types that the declared type lacks, each with the types that have it. */
  private derivedOnly(key: QName, members: QName[]): Map<string, string[]> {
    const base = this.shapes.get(key);
    const hasProperties = (x: Shape | undefined): x is Extract<Shape, { properties: PropertyShape[] }> => x?.kind === 'object' || x?.kind === 'value';
    const own = new Set(hasProperties(base) ? base.properties.map((p) => p.name) : []);
    const out = new Map<string, string[]>();
    for (const m of members) {
      const shape = this.shapes.get(m);
      const name = this.ir.types[m]?.tsName;
      if (m === key || !hasProperties(shape) || name === undefined) continue;
      for (const p of shape.properties) if (!own.has(p.name)) out.set(p.name, [...(out.get(p.name) ?? []), name]);
    }
    return out;
  }

  /** Reader of one emitted complex type (object, value or array shape). */
  reader(shape: Shape): ReaderView | undefined {
    const t = this.ir.types[shape.type];
    if (!t || shape.kind === 'simple') return undefined;
    const type = `T.${t.tsName}`;
    const body: string[] = [];
    if (shape.kind === 'array') {
      // Items gather on the context's stack, which hands them back at their exact number (ReadContext.items).
      body.push(`const o = ctx.items as ${type};`);
      body.push('const base = o.length;');
      const seqDecls: string[] = [];
      const itemCases = this.itemCases(shape.item, 'o.push', '  ', seqDecls);
      body.push(...seqDecls);
      body.push('while (r.child()) {');
      body.push('  const c = r.start;');
      body.push(...itemCases);
      // A wildcard alternative takes what no element alternative named; what it does not admit is unexpected.
      const any = shape.item.kind === 'union' ? shape.item.any : undefined;
      const admitted = any === undefined ? 'false' : this.admits(any, 'r.ns');
      const keep = `o.push({ $any: ${this.runtime('toAnyElement')}(r) });`;
      if (admitted === 'true') body.push(`  ${keep}`);
      else {
        if (admitted !== 'false') body.push(`  if (${admitted}) { ${keep} continue; }`);
        body.push('  ctx.unexpected(r);');
      }
      body.push('}');
      // The items are taken off the stack first when checks look at them (no copy to look at).
      const itemChecks = [
        ...this.occurrenceChecks('items', shape.item.kind === 'union' ? (shape.item.seqs ?? []) : [], ''),
        ...this.countedChecks('items', shape.item),
      ];
      const spliced = itemChecks.length > 0;
      // One item comes back in an array literal: V8 gives each literal its own allocation site, and
      // allocates a site's arrays in the old generation once most of them outlive the parse (a
      // result held by its call's promise); splice's arrays are always young, copied by scavenges.
      const taken = `o.length - base === 1 ? ([o.pop()] as ${type}) : o.splice(base)`;
      if (spliced) body.push(`const items = ${taken};`, ...itemChecks);
      const count = spliced ? 'items.length' : 'o.length - base';
      if (shape.min > 0) body.push(`if (${count} < ${shape.min}) ctx.warn('missing-element', ${literal(tooFew(shape.item, shape.min))}, el);`);
      if (shape.max !== undefined) body.push(`if (${count} > ${shape.max}) ctx.warn('unexpected-element', ${literal(tooMany(shape.item, shape.max))}, el);`);
      body.push(spliced ? 'return items;' : `return ${taken};`);
      return { fn: this.readerName(shape.type), type, body: withOffsets(body) };
    }
    // A cast, not an annotation: a schema property named `constructor` clashes with Object.prototype's.
    // Checks on what was read, after the loop, one list each: past READER_CHECKS they move to functions (checkParts).
    const checks: string[][] = [];
    const check = (...lines: string[]): void => {
      if (lines.length) checks.push(lines);
    };
    body.push(`const o = {} as Partial<${type}> & Record<string, unknown>;`);
    const props = shape.properties;
    // Attributes: those of the start tag the cursor is on, read before anything moves it.
    const attrs = props.filter((p): p is Extract<PropertyShape, { kind: 'attribute' }> => p.kind === 'attribute');
    const anyAttr = props.find((p) => p.kind === 'anyAttribute');
    body.push('for (let i = 0; i < r.attrCount; i++) {');
    if (attrs.length) {
      body.push('  switch (r.attrLocal(i)) {');
      const byLocal = groupBy(attrs, (p) => splitQName(p.attribute.name).local);
      for (const [local, list] of byLocal) {
        body.push(`    case ${literal(local)}:`);
        for (const p of list) {
          const ns = splitQName(p.attribute.name).namespace;
          const fixed = p.attribute.fixed;
          const fixedQNames = fixed === undefined ? undefined : this.declaredQNames(qnameValues(this.ir, p.attribute.type), p.attribute);
          if (fixedQNames !== undefined) {
            // A QName is compared by namespace and local name: the prefixes are the documents'.
            const read = fixedQNames.list ? `ctx.attrQNamesFixed(r, i, ${fixedQNames.literal})` : `ctx.attrQNameFixed(r, i, ${fixedQNames.literal}${this.qnameArgs(p.attribute.type)})`;
            body.push(`      if (r.attrNs(i) === ${this.nsExpr(ns)}) { o[${literal(p.name)}] = ${read}; continue; }`);
            continue;
          }
          // A fixed value is one value, whatever its lexical form ("01" is 1 for xs:int).
          const codec = fixed === undefined ? undefined : this.fixedComparison(p.attribute.type);
          const differs = codec === undefined ? `r.attrValue(i) !== ${literal(fixed ?? '')}` : `!${this.runtime('sameValue')}(${codec.parse}, ${codec.format}, r.attrValue(i), ${literal(fixed ?? '')})`;
          const check = fixed === undefined ? '' : `if (${differs}) ctx.warnAttr('fixed-value', ${literal(`Attribute ${local} is fixed to "${fixed}"`)}, r, i); `;
          body.push(`      if (r.attrNs(i) === ${this.nsExpr(ns)}) { ${check}o[${literal(p.name)}] = ${this.readAttrExpr(p.attribute.type)}; continue; }`);
        }
        body.push('      break;');
      }
      body.push('  }');
    }
    // The type's reader checks an xsi:type against the type itself only where the package reads no
    // type derived from it: elsewhere a dispatcher chooses the reader by it (and calls this one for
    // this type's own name only).
    const own = this.ir.types[shape.type];
    const checksXsiType = own?.kind === 'complex' && !own.derivedTypes.some((d) => this.emitted.has(d));
    body.push(`  if (r.attrNs(i) === ${this.runtime('XSI_NS')}) { ctx.xsi(r, i${checksXsiType ? `, ${literal(shape.type)}` : ''}); continue; }`);
    const keep = `(o.$anyAttributes ??= []).push({ namespace: r.attrNs(i), localName: r.attrLocal(i), value: r.attrValue(i) });`;
    const admitted = anyAttr === undefined ? 'false' : this.admits(anyAttr.namespace, 'r.attrNs(i)');
    if (admitted === 'true') body.push(`  ${keep}`);
    else {
      if (admitted !== 'false') body.push(`  if (${admitted}) { ${keep} continue; }`);
      body.push(`  ctx.warnAttr('unexpected-attribute', \`Unexpected attribute \${r.attrLocal(i)}\`, r, i);`);
    }
    body.push('}');

    // Content, up to and including the end tag.
    if (shape.kind === 'value') {
      body.push(`o.$value = ${this.readTextExpr(shape.valueType, this.emptyText.has(shape.type), this.fixedText.has(shape.type))};`);
    } else {
      const elementProps = props.filter((p) => p.kind === 'element' || p.kind === 'choice' || p.kind === 'group');
      // Wildcards in content order: the type's own, and those inside a repeated sequence, which
      // keep what they take in the sequence's current item. `upTo`: the last element position
      // (`last`) at which the wildcard can still take an element.
      // `at`: where the wildcard stands among the element positions (`last`), for one of the type's own.
      // `own`: a wildcard of the type itself, not one inside a repeated group or choice.
      const anyProps: Array<{ namespace: NamespaceConstraint; keep: string; upTo: number; full?: string; at?: number; own?: true }> = [];
      const stays: Array<{ namespace: NamespaceConstraint; when: string; keep: string }> = [];
      // What makes `v` the current item of repeated sequence `g` (items in `owner`'s list) at its
      // position `at`: a new item when `again` holds, in which the nested sequences start afresh.
      type Group = Extract<PropertyShape, { kind: 'group' }>;
      const itemAt = (g: Group, owner: string, v: string, again: string, at: number): string => {
        const fresh = g.properties.flatMap((inner, k) => (inner.kind === 'group' ? [`${v}_${k} = undefined; `] : [])).join('');
        return `if (${v} === undefined || ${again}) { ${v} = {}; ((${owner}[${literal(g.name)}] ??= []) as unknown[]).push(${v}); ${fresh}} ${v}At = ${at}; `;
      };
      // The wildcards of repeated sequence `g` and of those nested in it (`enter`: what first puts
      // the reader in the enclosing items); the element goes to the current item, or starts one.
      const groupWildcards = (g: Group, owner: string, v: string, enter: string, upTo: number): void => {
        const inners = g.properties.flatMap((inner, at) => (inner.kind === 'any' ? [{ inner, at }] : []));
        for (const { inner, at } of inners) {
          const push = `((${v}[${literal(inner.name)}] ??= []) as unknown[]).push(${this.runtime('toAnyElement')}(r));`;
          // Several wildcards in a type's own sequence: one the current item has not passed keeps the element.
          if (inners.length > 1 && enter === '') stays.push({ namespace: inner.namespace, when: `${v} !== undefined && ${v}At <= ${at}`, keep: `${v}At = ${at}; ${push}` });
          // A wildcard that holds all its maxOccurs allows begins the next occurrence, as an element does.
          const full = fullAt(at, `${v}At`, v, inner.name, inner.max);
          // It moves the reader to the group's place, as the group's elements do.
          anyProps.push({ namespace: inner.namespace, keep: enter + itemAt(g, owner, v, `${at} < ${v}At${full}`, at) + push, upTo, at: upTo });
        }
        g.properties.forEach((inner, at) => {
          if (inner.kind === 'group') groupWildcards(inner, v, `${v}_${at}`, enter + itemAt(g, owner, v, `${at} < ${v}At`, at), upTo);
        });
      };
      let before = 0;
      for (const p of props) {
        if (p.kind === 'any') {
          // `full`: a bounded wildcard has taken all it may, which the next one at its place then takes.
          const full = p.max === undefined ? undefined : `(o[${literal(p.name)}]?.length ?? 0) < ${p.max}`;
          anyProps.push({ namespace: p.namespace, keep: `((o[${literal(p.name)}] ??= []) as unknown[]).push(${this.runtime('toAnyElement')}(r));`, upTo: before - 1, at: before - 0.5, own: true, ...(full ? { full } : {}) });
        }
        if (p.kind === 'element' || p.kind === 'choice' || p.kind === 'group') before++;
        // A repeated choice with a wildcard alternative: the element is its next item.
        if (p.kind === 'choice' && p.item.kind === 'union' && p.item.any !== undefined) {
          anyProps.push({ namespace: p.item.any, keep: `((o[${literal(p.name)}] ??= []) as unknown[]).push({ $any: ${this.runtime('toAnyElement')}(r) });`, upTo: before - 1, at: before - 1 });
        }
        if (p.kind === 'group') groupWildcards(p, 'o', `g${elementProps.indexOf(p)}`, '', before - 1);
      }
      // Wildcards at different places of the sequence (Symfony's `any*, (imports, any*)?, ...`):
      // an element goes to the first one the reader has not passed, so that it is written back
      // where it was read.
      const placedWildcards = new Set(anyProps.map((a) => a.upTo)).size > 1;
      // A bounded wildcard followed by one that admits some of the same namespaces (any{2}, then
      // any; or any, optional elements, any): the first takes elements until it is full, the next
      // then. Elsewhere a full wildcard's extra elements are kept.
      const guards = anyProps.map((a, i) => (a.full !== undefined && anyProps.slice(i + 1).some((b) => overlaps(a.namespace, b.namespace)) ? a.full : 'true'));
      const text = props.find((p) => p.kind === 'text');
      if (elementProps.length || anyProps.length) {
        // `open`: whether a place of a repeated name can still take the element (not yet filled).
        // `filled`: whether a place of an element that occurs once holds it already.
        const cases: Array<{ local: string; ns: string; pos: number; ordered: boolean; open: string; stmt: string; filled?: string }> = [];
        // The state of the ordered choices with sequence alternatives (the item being filled).
        const seqDecls: string[] = [];
        // Each single xs:choice remembers the alternative its first element took (-1: none yet).
        const branches = choiceBranches(t.kind === 'complex' ? t.particle : undefined, keptGroups(props));
        const choices = new Set<number>();
        const pathOf = (p: PropertyShape): Array<[number, number]> => (p.kind === 'element' ? branches.get(p.particle) : p.kind === 'choice' || p.kind === 'group' ? branches.get(p.group) : undefined) ?? [];
        const choiceCheck = (p: PropertyShape): string => {
          const path = pathOf(p);
          for (const [id] of path) choices.add(id);
          return path.map(([id, k]) => `if (choice${id} !== ${k}) { if (choice${id} !== -1) ctx.otherAlternative(r); choice${id} = ${k}; } `).join('');
        };
        // In an alternative of a single choice, a place is open while the choice has taken no other
        // alternative (choice(a | b), then (a | b)*: a b is the second place's b).
        const choiceOpen = (p: PropertyShape, room: string): string => pathOf(p).reduce((cond, [id, k]) => and(cond, `(choice${id} === -1 || choice${id} === ${k})`), room);
        // The elements of repeated sequence `g`, whose items go to `owner`'s list and whose current
        // item is `v` (`${v}At`: the position reached in it). `enter`: what first puts the reader in
        // the enclosing sequences' items. A repeated sequence in it keeps its items in the current
        // item (`${v}_${at}`), and starts afresh in the next.
        // Whether a particle after position `pos` can move the reader past it (`last`).
        const followed = (pos: number): boolean => pos < elementProps.length - 1 || anyProps.some((a) => (a.at ?? a.upTo) > pos);
        const groupCases = (g: Group, owner: string, v: string, enter: string, pos: number, ordered: boolean): void => {
          // A particle before the last one seen starts the next occurrence of the sequence; so does
          // the last one again, unless it repeats and its list in this occurrence is not full.
          const places = g.properties.map((inner, at) => {
            if (inner.kind === 'group') return [];
            // An alternative of a single choice: an item past the choice's place, or holding another
            // of its alternatives, is done (strike, then spare: two occurrences). An element further
            // in a sequence alternative is past where it stands or after an earlier alternative
            // ((strike | (foul?, spare))+: a strike, then a spare, is two occurrences too).
            const index = (n: string): number => g.properties.findIndex((x) => x.name === n);
            const choice = g.choices.find((c) => c.alternatives.some((a) => a.names.includes(inner.name)));
            const alt = choice?.alternatives.find((a) => a.names.includes(inner.name));
            const first = choice === undefined ? at : Math.min(...choice.alternatives.flatMap((a) => a.names).map(index));
            const own = Math.min(...(alt?.names ?? [inner.name]).map(index));
            // An element of an alternative that no occurrence can begin with (one after a required
            // element: (frame, (strike | (spare, bonus{2,3})))+) begins none: it stays in the current
            // item once its list there is full (the item's check reports the items too many), and
            // after an element of another alternative.
            const bound = enter === '' && choice !== undefined && !beginsOccurrence(g.properties, choice, inner.name);
            if (bound && alt !== undefined) {
              // It stays in the current item unless that item is past the choice, or past it in its
              // own alternative; in an item that took another alternative it is reported as it is read
              // (choice-conflict: (strike, bonus) holds one alternative's element and another's).
              const last = Math.max(...choice.alternatives.flatMap((a) => a.names).map(index));
              const end = Math.max(...alt.names.map(index));
              const again = (repeats: boolean): string => {
                const reached = `${at} ${repeats ? '<' : '<='} ${v}At`;
                if (end === last) return reached;
                const inside = at < end ? `(${reached} && ${v}At <= ${end})` : repeats ? '' : `${v}At === ${at}`;
                return `${last} < ${v}At${inside === '' ? '' : ` || ${inside}`}`;
              };
              const others = [...(first < own ? [`${first} <= ${v}At && ${v}At < ${own}`] : []), ...(end < last ? [`${end} < ${v}At && ${v}At <= ${last}`] : [])];
              const other = others.length > 1 ? others.map((x) => `(${x})`).join(' || ') : (others[0] ?? '');
              return this.elementCases(inner, v, seqDecls).map((c) => ({ ...c, again: again(c.repeats), conflict: other }));
            }
            const max = (inner.kind === 'element' && inner.repeated) || (inner.kind === 'choice' && oneElementEach(inner.item)) ? inner.max : undefined;
            const full = fullAt(at, `${v}At`, v, inner.name, max);
            const earlier = first < own ? ` || (${first} <= ${v}At && ${v}At < ${own})` : '';
            const passed = own < at ? `${at} < ${v}At${earlier}` : first === at ? `${at} < ${v}At` : `(${first} <= ${v}At && ${v}At !== ${at})`;
            const again = own < at ? `${at} <= ${v}At${earlier}` : `${first} <= ${v}At`;
            return this.elementCases(inner, v, seqDecls).map((c) => ({ ...c, again: c.repeats ? `${passed}${full}` : again, conflict: '' }));
          });
          const within = (again: string): string => `${v} !== undefined && !(${again})`;
          g.properties.forEach((inner, at) => {
            if (inner.kind === 'group') {
              groupCases(inner, v, `${v}_${at}`, enter + itemAt(g, owner, v, `${at} < ${v}At`, at), pos, ordered);
              return;
            }
            // An element after a required one cannot start an occurrence: where its name has a later
            // place too, this place takes it only inside an occurrence that can still hold it. One
            // that can start an occurrence does so only while the sequence has fewer than its
            // maxOccurs (then the name's later place takes it), and leaves the element to a later
            // place of its name in this sequence while the current occurrence can still hold it
            // there (lap, split, lap).
            const starts = enter !== '' || g.properties.slice(0, at).every((q) => 'optional' in q && q.optional);
            const roomFor = enter !== '' ? 'true' : choiceOpen(g, g.max !== undefined ? `(${owner}[${literal(g.name)}]?.length ?? 0) < ${g.max}` : 'true');
            for (const c of places[at] ?? []) {
              const later = places.slice(at + 1).flatMap((l) => l.filter((d) => d.local === c.local && d.ns === c.ns).map((d) => within(d.again)));
              const begins = and(roomFor, later.length === 0 ? 'true' : `!(${later.join(' || ')})`);
              const open = !starts ? within(c.again) : begins === 'true' ? 'true' : `((${within(c.again)}) || ${begins})`;
              const conflict = c.conflict === '' ? '' : `if (${c.conflict}) ctx.otherAlternative(r); `;
              cases.push({ local: c.local, ns: c.ns, pos, ordered, open, stmt: (enter === '' ? choiceCheck(g) : '') + enter + conflict + itemAt(g, owner, v, c.again, at) + c.stmt });
            }
          });
        };
        elementProps.forEach((p, pos) => {
          if (p.kind === 'group') {
            // Its elements follow one another in any order its occurrences allow, but not what follows it.
            groupCases(p, 'o', `g${pos}`, '', pos, p.ordered && followed(pos));
            return;
          }
          // A place is open until it holds what its maxOccurs allows (a{2}, then a?: the third a is the
          // second place's), and while its choice allows (choiceOpen).
          const room =
            p.kind !== 'element' ? 'true' : !p.repeated ? `o[${literal(p.name)}] === undefined` : p.max !== undefined ? `(o[${literal(p.name)}]?.length ?? 0) < ${p.max}` : 'true';
          const open = choiceOpen(p, room);
          const check = choiceCheck(p);
          const filled = p.kind === 'element' && !p.repeated ? `o[${literal(p.name)}] !== undefined` : undefined;
          for (const c of this.elementCases(p, 'o', seqDecls)) {
            cases.push({ local: c.local, ns: c.ns, pos, ordered: p.ordered && followed(pos), open, stmt: check + c.stmt, ...(filled ? { filled } : {}) });
          }
        });
        // A name that occurs again later in the sequence (`label`, then `label_2`): the reader
        // tells its places apart by the position reached, so it tracks order.
        const positional = new Set(cases.map((c) => `${c.ns} ${c.local}`)).size < cases.length;
        const tracksOrder = positional || placedWildcards || cases.some((c) => c.ordered);
        if (tracksOrder) body.push('let last = -1;');
        for (const id of [...choices].sort((a, b) => a - b)) body.push(`let choice${id} = -1;`);
        // Each repeated sequence keeps its current item and the position reached in it.
        const groupState = (g: Group, v: string): void => {
          body.push(`let ${v}: Record<string, unknown> | undefined;`, `let ${v}At = -1;`);
          g.properties.forEach((inner, at) => {
            if (inner.kind === 'group') groupState(inner, `${v}_${at}`);
          });
        };
        elementProps.forEach((p, pos) => {
          if (p.kind === 'group') groupState(p, `g${pos}`);
        });
        body.push(...seqDecls);
        if (text) {
          // Mixed content: character data between the children is kept too.
          body.push(`let text = '';`);
          body.push(`for (let k = r.next(); k !== ${this.runtime('XML_END')}; k = r.next()) {`);
          body.push(`  if (k === ${this.runtime('XML_TEXT')}) { text += r.value; continue; }`);
          // Text kept in order: what came before this element is the list's next item.
          if (text.into !== undefined) body.push(`  if (text !== '') { ((o[${literal(text.into)}] ??= []) as unknown[]).push({ $text: text }); text = ''; }`);
        } else {
          body.push('while (r.child()) {');
        }
        body.push('  const c = r.start;');
        if (elementProps.length) {
          body.push('  switch (r.local) {');
          // An element in an unexpected namespace is taken for the one of its name (with a warning),
          // unless a wildcard of the type admits that namespace: then it is the wildcard's.
          // One test for all of them (separate ones could test what TypeScript knows they took).
          const admitted = anyProps.reduce<NamespaceConstraint | undefined>((all, a) => (all === undefined ? a.namespace : unionOf(all, a.namespace)), undefined);
          const wildcard = admitted === undefined ? 'false' : this.admits(admitted, 'r.ns');
          const mismatch = (ns: string): string =>
            wildcard === 'true' ? '' : ` || ${wildcard === 'false' ? '' : `!(${wildcard}) && `}ctx.nsMismatch(r, ${this.nsExpr(ns)})`;
          for (const [local, list] of groupBy(cases, (c) => c.local)) {
            body.push(`    case ${literal(local)}:`);
            const byNs = groupBy(list, (c) => c.ns);
            for (const [ns, places] of byNs) {
              body.push(`      if (r.ns === ${this.nsExpr(ns)}${byNs.size === 1 ? mismatch(ns) : ''}) {`);
              places.forEach((cs, k) => {
                // Each earlier place takes the element while it is open and the reader has not passed it.
                const final = k === places.length - 1;
                const pad = final ? '        ' : '          ';
                if (!final) body.push(`        if (${and(cs.open, `last <= ${cs.pos}`)}) {`);
                // Its name again, where a wildcard after it admits the name, is the wildcard's
                // (Salesforce's sObject: Id, then any ##targetNamespace, which sends Id twice).
                if (final && cs.filled !== undefined && anyProps.some((w) => w.own && (w.at ?? w.upTo) > cs.pos && admitsNamespace(w.namespace, cs.ns))) {
                  // (Not one of another namespace taken for it, which the wildcard does not admit.)
                  const own = byNs.size === 1 && mismatch(ns) !== '' ? ` && r.ns === ${this.nsExpr(cs.ns)}` : '';
                  body.push(`${pad}if (${cs.filled}${own}) break;`);
                }
                if (cs.ordered && final) body.push(`${pad}if (${cs.pos} < last) ctx.outOfOrder(r);`);
                if (tracksOrder) body.push(`${pad}last = ${cs.pos};`);
                body.push(`${pad}${cs.stmt}`);
                body.push(`${pad}continue;`);
                if (!final) body.push('        }');
              });
              body.push('      }');
            }
            body.push('      break;');
          }
          body.push('  }');
        }
        // Elements no particle names go to the first wildcard that admits their namespace. Placed
        // wildcards: to the first the reader has not passed; past them all, to the nearest behind.
        // A wildcard of the type's own that takes an element moves the reader past what stands
        // before it: the same name later is the later place's (any, a?, then a: not the first a).
        // Past its place (any*, then Imaging, then a foreign element: only the wildcard admits it,
        // and it stands before), the element is out of order, as a named one would be; not in an
        // xs:all (XML Schema 1.1 admits a wildcard there), whose content has no order.
        let unordered = false;
        walkParticle(t?.kind === 'complex' ? t.particle : undefined, (q) => (unordered ||= q.kind === 'all'));
        const moved = (a: (typeof anyProps)[number], behind = false): string =>
          tracksOrder && a.at !== undefined ? `if (last < ${a.at}) last = ${a.at};${behind && !unordered ? ` else if (${a.at} < last) ctx.outOfOrder(r);` : ''} ` : '';
        const placed = placedWildcards ? anyProps.slice(0, -1).map((a, i) => ({ ...a, when: and(`last <= ${a.at ?? a.upTo}`, guards[i] ?? 'true') })) : [];
        for (const a of stays) body.push(`  if (${and(this.admits(a.namespace, 'r.ns'), a.when)}) { ${a.keep} continue; }`);
        for (const a of placed) body.push(`  if (${and(this.admits(a.namespace, 'r.ns'), a.when)}) { ${moved(a)}${a.keep} continue; }`);
        let caught = false;
        // What the tests so far take whatever their state: a wildcard admitting only that is never
        // reached (nor can TypeScript, narrowing r.ns, accept its test).
        let taken: NamespaceConstraint | undefined;
        const ordered = anyProps.map((a, i) => ({ ...a, guard: guards[i] ?? 'true' }));
        for (const a of placedWildcards ? ordered.reverse() : ordered) {
          const { namespace, guard } = a;
          if (taken !== undefined && within(namespace, taken)) continue;
          if (guard === 'true') taken = taken === undefined ? namespace : unionOf(taken, namespace);
          const admitted = and(this.admits(namespace, 'r.ns'), guard);
          // The last resort: the reader may have passed the wildcard's place.
          const keep = moved(a, true) + a.keep;
          if (admitted === 'true') {
            body.push(`  ${keep}`);
            caught = true;
            break;
          }
          body.push(`  if (${admitted}) { ${keep} continue; }`);
        }
        if (!caught) body.push('  ctx.unexpected(r);');
        body.push('}');
        // Only XML's whitespace is insignificant: String.prototype.trim would also drop U+00A0.
        if (text?.into !== undefined) body.push(`if (text !== '') ((o[${literal(text.into)}] ??= []) as unknown[]).push({ $text: text });`);
        else if (text) body.push(`if (/[^ \\t\\r\\n]/.test(text)) o.$text = text;`);
      } else if (text) {
        // Mixed content without element particles: the character data; children are passed over.
        body.push('const text = r.text();');
        body.push(`if (/[^ \\t\\r\\n]/.test(text)) o.$text = text;`);
      } else {
        body.push('while (r.child()) ctx.unexpected(r);');
      }
      // Repeated sequences whose greedy reading may leave an occurrence short where another split
      // fits: split again before the checks (splitOccurrences).
      const splits = new Map(elementProps.map((p) => [p, p.kind === 'group' ? occurrenceSplit(p) : undefined]));
      for (const [p, split] of splits) {
        if (split === undefined) continue;
        const list = `o[${literal(p.name)}]`;
        const parts = split.parts.map((x) => `{ key: ${literal(x.key)}, list: ${x.list}, min: ${x.min}${x.max !== undefined ? `, max: ${x.max}` : ''} }`).join(', ');
        body.push(`if (${list} !== undefined) ${list} = ${this.runtime('splitOccurrences')}(${list}, [${parts}], ${split.min}${split.max !== undefined ? `, ${split.max}` : ''});`);
      }
      for (const p of props) {
        // Required lists: as many items as the writers require, with their message. A required
        // element wanted once is reported below, by its place.
        const need = listMinimum(p);
        if (need !== undefined && !(p.kind === 'element' && need.min === 1)) {
          check(`if (${fewer(`o[${literal(p.name)}]`, need.min, need.text, true)}) ctx.warn('missing-element', ${literal(need.message)}, el);`);
        }
        // All items are kept: a list longer than its maxOccurs loses nothing.
        const most = listMaximum(p);
        if (most !== undefined) check(`if (${more(`o[${literal(p.name)}]`, most.max, most.text, true)}) ctx.warn('unexpected-element', ${literal(most.message)}, el);`);
        if (p.kind !== 'element' || p.optional || (need !== undefined && need.min !== 1)) continue;
        const what = p.alternatives ? p.alternatives.map((a) => a.key).join(' or ') : elementLabel(p);
        check(`if (o[${literal(p.name)}] === undefined) ctx.warn('missing-element', 'Missing required element ${what}', el);`);
      }
      for (const p of elementProps) {
        const groups = p.kind === 'group' ? [{ properties: p.properties, choices: p.choices, split: splits.get(p) !== undefined, keeps: true }] : p.kind === 'choice' && p.item.kind === 'union' ? (p.item.seqs ?? []) : [];
        check(...this.occurrenceChecks(`(o[${literal(p.name)}] ?? [])`, groups, p.name));
        if (p.kind === 'choice') check(...this.countedChecks(`(o[${literal(p.name)}] ?? [])`, p.item));
        // A required repeated group whose content may be empty: no element of it is still an
        // occurrence, and the type's array is there.
        if ((p.kind === 'group' || p.kind === 'choice') && !p.optional && listMinimum(p) === undefined) check(`o[${literal(p.name)}] ??= [];`);
      }
      // Part of an alternative says more than "none of them": first, as writers refuse it.
      for (const g of shape.kind === 'object' ? shape.groupsNeeding : []) {
        // One check per clause, so that the message names what is missing, not all the group needs.
        check(...partOfGroup(someOf('o', g.names), g.clauses.map((c) => [someOf('o', c), `ctx.warn('missing-element', ${literal(incompleteGroup(g, c))}, el);`])));
      }
      for (const names of shape.kind === 'object' ? shape.requiredChoices : []) {
        check(`if (${noneOf('o', names)}) ctx.warn('missing-element', ${literal(missingChoice(names))}, el);`);
      }
      for (const c of shape.kind === 'object' ? shape.countedChoices : []) {
        check(`{ const c = ${this.choiceOccurrences('o', c)}; if (c !== undefined) ctx.warn(c.few ? 'missing-element' : 'unexpected-element', c.message, el); }`);
      }
    }
    for (const p of attrs) {
      if (p.optional) continue;
      check(`if (o[${literal(p.name)}] === undefined) ctx.warn('missing-attribute', 'Missing required attribute ${splitQName(p.attribute.name).local}', el);`);
    }
    const fn = this.readerName(shape.type);
    const parts = checkParts(fn, checks);
    if (parts === undefined) body.push(...checks.flat());
    else body.push(...parts.map((p) => `${p.fn}(o, ctx, el);`));
    body.push(`return o as ${type};`);
    return { fn, type, body: withOffsets(body), ...(parts !== undefined ? { parts } : {}), ...(this.emptyText.has(shape.type) ? { extra: this.extraParams(shape.type).join(', ') } : {}) };
  }

  /**
   * Reader `case` bodies for one element or repeated-choice property, assigning into `target`;
   * the declarations they need go to `decls`.
   */
  private elementCases(p: PropertyShape, target: string, decls: string[]): Array<{ local: string; ns: string; repeats: boolean; stmt: string }> {
    const out: Array<{ local: string; ns: string; repeats: boolean; stmt: string }> = [];
    const push = (value: string): string => `((${target}[${literal(p.name)}] ??= []) as unknown[]).push(${value});`;
    if (p.kind === 'element') {
      const alts: ElementAlternative[] = p.alternatives ?? [alternative(p.particle)];
      for (const alt of alts) {
        const read = this.readElementExpr(alt.type, alt.nillable, alt);
        const value = p.alternatives ? `{ ${literal(alt.key)}: ${read} }` : read;
        const once = `if (${target}[${literal(p.name)}] !== undefined) ctx.again(r); else ${target}[${literal(p.name)}] = ${value};`;
        out.push({ ...splitLocal(alt.element), repeats: p.repeated, stmt: p.repeated ? push(value) : once });
      }
    } else if (p.kind === 'choice') {
      const list = `(${target}[${literal(p.name)}] ??= []) as unknown[]`;
      itemAlternatives(p.item).forEach((alt, k) => {
        const read = this.readElementExpr(alt.type, alt.nillable, alt);
        const stmt = alt.count === undefined ? push(`{ ${literal(alt.key)}: ${read} }`) : this.countedRead(alt, alt.count, read, list, `${target}${p.name}_${k}`, decls);
        out.push({ ...splitLocal(alt.element), repeats: true, stmt });
      });
      for (const c of this.sequenceCases(p.item, list, `${target}${p.name}`, decls)) out.push({ ...c, repeats: true });
    }
    return out;
  }

  private itemCases(item: ItemShape, push: string, indent: string, decls: string[]): string[] {
    const out: string[] = [`${indent}switch (r.local) {`];
    const alts = itemAlternatives(item).map((alt, k) => {
      const read = this.readElementExpr(alt.type, alt.nillable, alt);
      if (alt.count !== undefined) return { ...splitLocal(alt.element), stmt: this.countedRead(alt, alt.count, read, 'o as unknown[]', `items_${k}`, decls) };
      return { ...splitLocal(alt.element), stmt: `${push}(${item.kind === 'union' ? `{ ${literal(alt.key)}: ${read} }` : read});` };
    });
    alts.push(...this.sequenceCases(item, 'o as unknown[]', 'items', decls));
    for (const [local, list] of groupBy(alts, (a) => a.local)) {
      out.push(`${indent}  case ${literal(local)}:`);
      for (const alt of list) {
        const wildcard = item.kind === 'union' && item.any !== undefined ? this.admits(item.any, 'r.ns') : 'false';
        const mismatch = list.length !== 1 || wildcard === 'true' ? '' : ` || ${wildcard === 'false' ? '' : `!(${wildcard}) && `}ctx.nsMismatch(r, ${this.nsExpr(alt.ns)})`;
        out.push(`${indent}    if (r.ns === ${this.nsExpr(alt.ns)}${mismatch}) { ${alt.stmt} continue; }`);
      }
      out.push(`${indent}    break;`);
    }
    out.push(`${indent}}`);
    return out;
  }

  /**
   * The read of an alternative that each occurrence holds `count` times (b{2}), into items of
   * `list`: the last item takes the element while it is this alternative's and not full;
   * otherwise a new item does. The state's declarations go to `decls`.
   */
  private countedRead(alt: ElementAlternative, count: number, read: string, list: string, owner: string, decls: string[]): string {
    const items = `n_${owner.replace(/[^A-Za-z0-9_$]/g, '_')}`;
    const item = `${items}Item`;
    // None at first: the first element starts an item whatever the list ends with.
    decls.push(`let ${items}: unknown[] | undefined;`, `let ${item}: unknown;`);
    return `{ const l = ${list}; if (${items} === undefined || ${items}.length >= ${count} || l[l.length - 1] !== ${item}) { ${items} = []; ${item} = { ${literal(alt.key)}: ${items} }; l.push(${item}); } ${items}.push(${read}); }`;
  }

  /** Warnings for items of alternatives that each occurrence holds a fixed number of times, with fewer. */
  private countedChecks(list: string, item: ItemShape): string[] {
    return (item.kind === 'union' ? item.alts : []).flatMap((alt) =>
      alt.count === undefined
        ? []
        : [`for (const it of ${list} as Array<Record<string, unknown[] | undefined>>) if ((it[${literal(alt.key)}]?.length ?? ${alt.count}) < ${alt.count}) ctx.warn('missing-element', ${literal(countedMessage(alt, alt.count))}, el);`],
    );
  }

  /**
   * Warnings for occurrences of a sequence kept as items (a repeated sequence's, or a sequence
   * alternative's `{ $sequence }`) that lack an element the sequence requires, or the items a list
   * requires (a repeated choice, a wildcard, a repeated sequence). An occurrence takes all a list
   * may hold before the next begins, which may leave the next too few ((a | b){2,3} twice: four
   * read as three and one): a list that must hold several is checked for that count only where it
   * is fixed ((a | b){2}) or where the reader splits the occurrences again (`split`), and otherwise
   * for one.
   */
  private occurrenceChecks(list: string, groups: Array<{ key?: string; properties: PropertyShape[]; choices?: ItemChoice[]; split?: boolean; keeps?: boolean }>, name: string, depth = 0, outer?: string): string[] {
    const out: string[] = [];
    // Nested loops name their variables apart.
    const [q, k, all] = depth === 0 ? ['q', 'k', 'all'] : [`q${depth}`, `k${depth}`, `all${depth}`];
    for (const g of groups) {
      // The occurrence a report is about, named as writers name it, from 0: `$sequence[1]` in a
      // type that is a list, `$choice[1].$sequence` in a list property, `heats[1]` for a group's.
      const open = name === '' ? `${g.key ?? ''}[` : `${name}[`;
      const close = name !== '' && g.key !== undefined ? `].${g.key}` : ']';
      // `before` the path, as one expression: literal text next to literal text is one literal.
      const path = (before: string): string =>
        [...(outer === undefined ? [literal(`${before}${open}`)] : [...(before === '' ? [] : [literal(before)]), outer, literal(`.${open}`)]), k, literal(close)].join(' + ');
      const where = path('');
      const warn = (message: string, code = 'missing-element'): string => `ctx.warn('${code}', ${path(`${message} in `)}, el);`;
      const required = g.properties.filter((x): x is Extract<PropertyShape, { kind: 'element' }> => x.kind === 'element' && !x.optional);
      const nested = g.properties.flatMap((x) => (x.kind === 'group' ? this.occurrenceChecks(`(${q}[${literal(x.name)}] ?? [])`, [{ properties: x.properties, choices: x.choices }], x.name, depth + 1, where) : []));
      // What each choice of an occurrence lacks, one report per choice. Not two alternatives: the
      // reader begins the next occurrence at an element of another one, or, where no occurrence can
      // begin with it, reports it as it reads it (choice-conflict).
      const choices = (g.choices ?? []).map((c) =>
        itemChoiceRules(c).flatMap((x) => {
          if (x.kind === 'conflict') return [];
          // An alternative's repeated element is counted in an item where the reader keeps all of its
          // elements there (those no occurrence can begin with): elsewhere a full list begins the next
          // occurrence, and a short one may be a split that another would make fit (bonus{2,3}: four
          // read as three and one). Too many is reported as unexpected, as for a list of the type's own.
          if ((x.kind === 'many' || x.kind === 'few') && (g.keeps !== true || beginsOccurrence(g.properties, c, x.name))) return [];
          if (x.kind === 'many') return [`if (((${q}[${literal(x.name)}] as unknown[] | undefined)?.length ?? 0) > ${x.max}) ${warn(x.message, 'unexpected-element')}`];
          const fails =
            x.kind === 'missing'
              ? noneOf(q, x.names)
              : x.kind === 'few'
                ? `${q}[${literal(x.name)}] !== undefined && (${q}[${literal(x.name)}] as unknown[]).length < ${x.min}`
                : `(${someOf(q, x.names)}) && ${q}[${literal(x.need)}] === undefined`;
          return [`if (${fails}) ${warn(x.message)}`];
        }),
      ).filter((c) => c.length > 0);
      const lists = g.properties.flatMap((x) => {
        if (x.kind !== 'choice' && x.kind !== 'group' && x.kind !== 'any') return [];
        const need = listMinimum(x)?.min ?? 0;
        // Wildcards and choices of one element per item begin the next occurrence once full.
        const fixed = x.max === need && (x.kind === 'any' || (x.kind === 'choice' && oneElementEach(x.item)));
        // Where the reader splits the occurrences again where they do not fit (occurrenceSplit), items
        // that remain short fit no split: the count is checked.
        const min = need > 1 && !fixed && g.split !== true ? 1 : need;
        const message = x.kind === 'choice' ? tooFew(x.item, min) : x.kind === 'group' ? tooFewOccurrences(x.name, min) : missingForeign(x.name, x.namespace, min);
        return min > 0 ? [{ name: x.name, min, message }] : [];
      });
      if (!required.length && !nested.length && !choices.length && !lists.length) continue;
      // An index loop: entries() made an iterator and a pair per occurrence.
      out.push(`for (let ${k} = 0, ${all} = ${list} as Array<Record<string, unknown>>; ${k} < ${all}.length; ${k}++) {`);
      const item = `${all}[${k}] as Record<string, unknown>`;
      out.push(g.key === undefined ? `  const ${q} = ${item};` : `  const ${q} = (${item})[${literal(g.key)}] as Record<string, unknown> | undefined;`);
      if (g.key !== undefined) out.push(`  if (${q} === undefined) continue;`);
      for (const x of required) {
        // An element each occurrence holds several times: that many (a full list starts the next one).
        const min = x.repeated ? x.particle.min : 1;
        const message = min > 1 ? tooFew(elementItem(x), min) : `Missing required element ${elementLabel(x)}`;
        const missing = min > 1 ? fewer(`(${q}[${literal(x.name)}] as unknown[] | undefined)`, min, false, true) : `${q}[${literal(x.name)}] === undefined`;
        out.push(`  if (${missing}) ${warn(message)}`);
      }
      for (const c of choices) out.push(...c.map((l, i) => `  ${i > 0 ? 'else ' : ''}${l}`));
      // Readers make no empty lists.
      for (const l of lists) {
        const missing = l.min > 1 ? fewer(`(${q}[${literal(l.name)}] as unknown[] | undefined)`, l.min, false, true) : `${q}[${literal(l.name)}] === undefined`;
        out.push(`  if (${missing}) ${warn(l.message)}`);
      }
      out.push(...nested.map((l) => `  ${l}`));
      out.push('}');
    }
    return out;
  }

  /**
   * The reader's state and cases for the sequence alternatives of an ordered choice whose items
   * are kept in `list`: an element continues the last item when that item is the same sequence's
   * and the element comes after the last one read there; otherwise it starts a new item. The
   * state's declarations go to `decls`.
   */
  private sequenceCases(item: ItemShape, list: string, owner: string, decls: string[]): Array<{ local: string; ns: string; stmt: string }> {
    const cases: Array<{ local: string; ns: string; stmt: string }> = [];
    if (item.kind !== 'union') return cases;
    (item.seqs ?? []).forEach((q, k) => {
      const base = `q_${owner.replace(/[^A-Za-z0-9_$]/g, '_')}_${k}`;
      const [obj, wrap, at] = [base, `${base}Item`, `${base}At`];
      // Past every position at first: the first element starts an item even in an empty list.
      decls.push(`let ${obj}: Record<string, unknown> = {};`, `let ${wrap}: unknown;`, `let ${at} = Infinity;`);
      q.properties.forEach((prop, k) => {
        if (prop.kind !== 'element') return;
        // The alternatives of a choice share a place: after one, another begins the next item.
        const pos = q.places[k] ?? k;
        const alt = alternative(prop.particle);
        const read = this.readElementExpr(alt.type, alt.nillable, alt);
        const assign = prop.repeated ? `((${obj}[${literal(prop.name)}] ??= []) as unknown[]).push(${read});` : `${obj}[${literal(prop.name)}] = ${read};`;
        // A repeated element begins the next item once this one holds all its maxOccurs allows.
        const full = fullAt(pos, at, obj, prop.name, prop.repeated ? prop.max : undefined);
        const fresh = `${pos} ${prop.repeated ? '<' : '<='} ${at}${full}`;
        const start = `if (l[l.length - 1] !== ${wrap} || ${fresh}) { ${obj} = {}; ${wrap} = { ${literal(q.key)}: ${obj} }; l.push(${wrap}); }`;
        cases.push({ ...splitLocal(alt.element), stmt: `{ const l = ${list}; ${start} ${at} = ${pos}; ${assign} }` });
      });
    });
    return cases;
  }

  /** The read of an element of a QName-valued type, resolved in the element's scope; undefined for other types. */
  private qnameRead(key: QName): string | undefined {
    const qnames = qnameValues(this.ir, key);
    return qnames === undefined ? undefined : qnames === 'one' ? `ctx.qname(r${this.qnameArgs(key)})` : 'ctx.qnames(r)';
  }

  private readAttrExpr(type: QName): string {
    const qnames = qnameValues(this.ir, type);
    if (qnames !== undefined) return qnames === 'one' ? `ctx.attrQName(r, i${this.qnameArgs(type)})` : 'ctx.attrQNames(r, i)';
    if (isBuiltin(type)) {
      const local = splitQName(type).local;
      if (local === 'string' || local === 'anySimpleType') return 'r.attrValue(i)';
    }
    const read = `ctx.attr(${this.scalar(type).parse}, r, i)`;
    return this.isId(type) ? `ctx.idAttr(${read}, r, i)` : read;
  }

  /** Whether values of simple type `key` are xs:IDs, which readers check are unique in the document. */
  private isId(key: QName): boolean {
    const t = this.ir.types[key];
    return key === `{${XSD_NS}}ID` || (t?.kind === 'simple' && t.variety === 'atomic' && t.builtin === 'ID');
  }

  /** `read`, the read of a value of simple type `key` at offset `at`, checked as an ID if it is one. */
  private idRead(key: QName, read: string, at: string): string {
    return this.isId(key) ? `ctx.id(${read}, ${at})` : read;
  }

  /**
   * The parameters after r and ctx of a simple-content type's reader that takes the declaration's
   * value. For a QName, that value as resolved where the schema wrote it, and the element's name
   * when it is fixed (as ctx.qnameOr takes them).
   */
  private extraParams(key: QName): string[] {
    const kind = this.qnameValueKind(key);
    if (kind !== undefined) return [`empty?: ${this.runtime('XmlQName')}${kind === 'list' ? '[]' : ''}`, 'fixed?: string'];
    return this.fixedText.has(key) ? ['empty?: string', 'fixed?: true'] : ['empty?: string'];
  }

  /** Whether `key` is a simple-content complex type whose text is one QName or a list of them. */
  private qnameValueKind(key: QName): 'one' | 'list' | undefined {
    const shape = this.shapes.get(key);
    return shape?.kind === 'value' ? qnameValues(this.ir, shape.valueType) : undefined;
  }

  /** The declaration's value as resolved where the schema wrote it, as a literal of what a value of `kind` is. */
  private declaredQNames(kind: 'one' | 'list' | undefined, decl: { valueQName?: QName | null; valueQNames?: QName[] | null } | undefined): { literal: string; list: boolean } | undefined {
    if (kind === 'one' && typeof decl?.valueQName === 'string') return { literal: this.qnameLiteral(decl.valueQName), list: false };
    if (kind === 'list' && Array.isArray(decl?.valueQNames)) return { literal: `[${decl.valueQNames.map((q) => this.qnameLiteral(q)).join(', ')}]`, list: true };
    return undefined;
  }

  /**
   * `empty`: the reader has a parameter `empty`, the text an empty element stands for; `fixed`:
   * also a parameter `fixed`, set when that text is the declaration's fixed value, which a
   * non-empty element's text is compared with.
   */
  private readTextExpr(type: QName, empty = false, fixed = false): string {
    // The element's own text, resolved in its scope (the reader has read only its attributes).
    const qnames = this.qnameRead(type);
    if (qnames !== undefined && empty) {
      const or = qnameValues(this.ir, type) === 'one' ? `ctx.qnameOr(r, empty, fixed${this.qnameArgs(type)})` : 'ctx.qnamesOr(r, empty, fixed)';
      return `(empty === undefined ? ${qnames} : ${or})`;
    }
    if (qnames !== undefined) return qnames;
    let text = empty ? "(r.text() || empty || '')" : 'r.text()';
    if (fixed) {
      const codec = this.fixedComparison(type);
      const compare = codec === undefined ? 'undefined, undefined' : `${codec.parse}, ${codec.format}`;
      text = `(fixed && empty !== undefined ? ctx.fixed(r.text(), empty, r.local, ${compare}, el) : ${text})`;
    }
    if (isBuiltin(type)) {
      const local = splitQName(type).local;
      if (local === 'string' || local === 'anySimpleType') return text;
    }
    return this.idRead(type, `ctx.value(${this.scalar(type).parse}, ${text}, el)`, 'el');
  }

  // ------------------------------------------------------------------ writers

  writer(shape: Shape): WriterView | undefined {
    const t = this.ir.types[shape.type];
    if (!t || shape.kind === 'simple') return undefined;
    const type = `T.${t.tsName}`;
    const body: string[] = [];
    if (shape.kind === 'array') {
      // An empty array would be written as an element without the content the type requires.
      if (shape.min > 0) body.push(`if (${fewer('v', shape.min, false, false)}) throw new ${this.runtime('SerializeError')}(${literal(tooFew(shape.item, shape.min))});`);
      if (shape.max !== undefined) body.push(`if (${more('v', shape.max, false, false)}) throw new ${this.runtime('SerializeError')}(${literal(tooMany(shape.item, shape.max))});`);
      body.push(`let s = '<' + tag + xsiType + '>';`);
      // An element item written inline is named here; the index marks it (withPath).
      const item = shape.item.kind === 'element' && this.writtenInline(shape.item.alt.type, shape.item.alt.nillable) ? splitQName(shape.item.alt.element).local : '';
      if (item) body.push(`at = ${literal(item)};`);
      body.push('for (const item of v) {');
      body.push('  i++;');
      body.push(...this.itemWrite(shape.item, 'item', '  '));
      body.push('}');
      body.push(`return s + '</' + tag + '>';`);
      return { fn: this.writerName(shape.type), type, body };
    }
    // The statements between the start tag's opening and the end tag, one list per attribute,
    // check or property: a writer too large for one function is split between them (splitWriter).
    const segments: string[][] = [];
    const segment = (...lines: string[]): void => {
      if (lines.length) segments.push(lines);
    };
    for (const p of shape.properties) {
      if (p.kind === 'attribute') {
        const name = this.attrName(p.attribute.name);
        const x = `v[${literal(p.name)}]`;
        // A QName value may need its namespace declared: the runtime writes declaration and attribute.
        const write =
          qnameValues(this.ir, p.attribute.type) !== undefined
            ? `${this.runtime('writeQNameAttribute')}('${name}', ${this.checkedQName(x, p.attribute.type)}, PREFIXES)`
            : `' ${name}="' + ${this.formatAttrExpr(x, p.attribute.type)} + '"'`;
        const at = `at = ${literal(`@${splitQName(p.attribute.name).local}`)};`;
        if (p.optional) segment(at, `if (${x} !== undefined) s += ${write};`);
        else {
          // A reader only warns of a missing one (missing-attribute): such a value is not written.
          segment(at, `if (${x} === undefined) throw new ${this.runtime('SerializeError')}(${literal(`Missing required attribute ${splitQName(p.attribute.name).local}`)});`, `s += ${write};`);
        }
      } else if (p.kind === 'anyAttribute') {
        const admitted = this.admits(p.namespace, 'a.namespace');
        const lines: string[] = [];
        if (admitted !== 'true') {
          lines.push(`at = '';`);
          lines.push(`for (const a of v.$anyAttributes ?? []) if (!(${admitted})) ${this.runtime('outsideWildcard')}('Attribute', a, ${literal(describeConstraint(p.namespace))});`);
        }
        // The type's own attributes, as `{namespace}local`: a wildcard attribute may not repeat one.
        const declared = shape.properties.flatMap((a) => (a.kind === 'attribute' ? [splitQName(a.attribute.name)] : [])).map(({ namespace, local }) => literal(`{${namespace ?? ''}}${local}`));
        // A refusal names the element, not the declared attribute written last.
        if (admitted === 'true' && declared.length) lines.push(`at = '';`);
        // Guarded: the list of declared names is not built for every value written without wildcard attributes.
        // `true`: xsi is bound where the element is written (NAMESPACES, declared on the envelope or
        // the document's root, starts with it; xsi:type and xsi:nil use it), so an attribute of that
        // namespace (xsi:schemaLocation) takes it rather than declaring the namespace again.
        lines.push(`if (v.$anyAttributes !== undefined) s += ${this.runtime('writeAnyAttributes')}(v.$anyAttributes, [${declared.join(', ')}], true);`);
        segment(...lines);
      }
    }
    const hasContent = shape.kind === 'value' || shape.properties.some((p) => p.kind !== 'attribute' && p.kind !== 'anyAttribute' && p.kind !== 'xsiType');
    if (!hasContent) {
      // Attributes only (ids, references): an empty-element tag.
      return this.splitWriter(shape.type, type, segments, `return s + '/>';`);
    }
    const qnames = shape.kind === 'value' ? qnameValues(this.ir, shape.valueType) : undefined;
    if (qnames !== undefined) {
      // The value's namespaces may need declaring on this start tag.
      const inScope = qnames === 'list' ? 'qnamesInScope' : 'qnameInScope';
      const value = qnames === 'one' && shape.kind === 'value' ? this.checkedQName('v.$value', shape.valueType) : 'v.$value';
      segment(`at = '';`, `const q = ${this.runtime(inScope)}(${value}, PREFIXES, 'q');`, `s += q.declaration + '>' + q.text;`);
    } else {
      segment(`s += '>';`);
      if (shape.kind === 'value') segment(`at = '';`, `s += ${this.formatTextExpr('v.$value', shape.valueType)};`);
    }
    if (shape.kind === 'object' && shape.properties.some((p) => p.kind === 'text' && p.into === undefined)) {
      segment(`if (v.$text !== undefined) s += ${this.runtime('escapeText')}(v.$text);`);
    }
    if (shape.kind === 'object' && (shape.requiredChoices.length || shape.exclusiveChoices.length || shape.groupsNeeding.length || shape.countedChoices.length)) {
      segment(`at = '';`);
      // Whether the value holds a property that writes something: an empty array writes nothing.
      const holds = (names: string[]): string => holdsAny('v', names, shape.properties);
      // Part of an alternative without what it requires, before "none of the alternatives", which it is too.
      for (const g of shape.groupsNeeding) {
        segment(...partOfGroup(holds(g.names), g.clauses.map((c) => [holds(c), `throw new ${this.runtime('SerializeError')}(${literal(incompleteGroup(g, c))});`])));
      }
      for (const names of shape.requiredChoices) segment(`if (!(${holds(names)})) throw new ${this.runtime('SerializeError')}(${literal(missingChoice(names))});`);
      for (const c of shape.countedChoices) segment(`{ const c = ${this.choiceOccurrences('v', c)}; if (c !== undefined) throw new ${this.runtime('SerializeError')}(c.message); }`);
      // Readers warn of such a value's elements (choice-conflict); writers refuse to make one.
      for (const alternatives of shape.exclusiveChoices) {
        const given = alternatives.map((names) => `+(${holds(names)})`).join(' + ');
        const message = onlyOneAlternative(alternatives);
        segment(`if (${given} > 1) throw new ${this.runtime('SerializeError')}(${literal(message)});`);
      }
    }
    segments.push(...this.contentSegments(shape.properties, 'v', 'i'));
    return this.splitWriter(shape.type, type, segments, `return s + '</' + tag + '>';`);
  }

  /**
   * A writer of an object or value type: the start tag's opening, `segments`, then `close`. One of
   * more than WRITER_CHUNK segments or lines (Salesforce's sObjects have 700 optional elements and
   * more) is split into parts of at most that many, each a function with the writer's frame that
   * appends its segments to `s`, which the writer calls in order: TypeScript follows a property's
   * narrowing back through every `if` before it, and past about 2,000 gives up on the function
   * ("too large for control flow analysis", TS2563). Between segments, `i` is -1 (each list puts
   * it back) and `at` holds the last name a segment set on its top level, which a part starts with.
   */
  private splitWriter(key: QName, type: string, segments: string[][], close: string): WriterView {
    const fn = this.writerName(key);
    const open = `let s = '<' + tag + xsiType;`;
    const groups = chunks(segments);
    if (groups.length <= 1) return { fn, type, body: [open, ...segments.flat(), close] };
    let at = "''";
    const parts = groups.map((group, n) => {
      const part = { fn: `${fn}$${n + 1}`, at, body: group.flat() };
      for (const l of part.body) at = /^at = ('(?:[^'\\]|\\.)*');/.exec(l)?.[1] ?? at;
      return part;
    });
    return { fn, type, body: [open, ...parts.map((p) => `s = ${p.fn}(v, tag, s);`), close], parts };
  }

  private isScalar(key: QName): boolean {
    if (isBuiltin(key)) return splitQName(key).local !== 'anyType';
    const t = this.ir.types[key];
    return !t || t.kind === 'simple' || this.shapes.get(key)?.kind === 'simple';
  }

  /**
   * An abstract type with nothing derived from it in the package (ABSTRACT_TYPE_NOT_DERIVED): no
   * element of it is valid, so writers refuse one, as the dispatcher of an abstract type with
   * derived ones refuses a value without a concrete $type.
   */
  private abstractLeaf(key: QName): boolean {
    const t = this.ir.types[key];
    return t?.kind === 'complex' && t.abstract && !this.polymorphic.has(key);
  }

  /** The element that type `key` requires and that cannot appear, when it has one (no instance of `key` is valid). */
  private neverValid(key: QName): QName | undefined {
    const t = this.ir.types[key];
    return t?.kind === 'complex' ? requiredNeverAppearing(t.particle)[0]?.name : undefined;
  }

  /** A schema type written by its own writer function (xs:anyType, also not scalar, is raw XML), which names its element in error paths. */
  hasElementContent(key: QName): boolean {
    return !isBuiltin(key) && !this.isScalar(key);
  }

  /**
   * Writer statements for the element content of `obj` (an object expression), in schema order.
   * `counter` counts the items of its lists for error paths (withPath's index): the writer's `i`,
   * or a variable of the repeated group or sequence alternative that `obj` is an item of.
   */
  private contentWrite(props: PropertyShape[], obj: string, counter: string): string[] {
    return this.contentSegments(props, obj, counter).flat();
  }

  /** contentWrite's statements, one list per property (a writer too large for one function is split between them). */
  private contentSegments(props: PropertyShape[], obj: string, counter: string): string[][] {
    const body: string[] = [];
    const starts: number[] = [];
    for (const p of props) {
      starts.push(body.length);
      const x = `${obj}[${literal(p.name)}]`;
      const need = listMinimum(p);
      const most = listMaximum(p);
      // A list with too few or too many items: refused before anything of it is written (`at` names it, as below).
      const countChecks = [
        ...(need === undefined ? [] : [`if (${x} === undefined || ${fewer(x, need.min, need.text, false)}) throw new ${this.runtime('SerializeError')}(${literal(need.message)});`]),
        ...(most === undefined ? [] : [`if (${more(x, most.max, most.text, true)}) throw new ${this.runtime('SerializeError')}(${literal(most.message)});`]),
      ];
      if (p.kind === 'element') {
        // Scalars and xs:anyType values are written inline, and some values are refused before a
        // writer of theirs runs (an abstract type, a nil element's attributes): name the property
        // for the error path. Complex values name themselves.
        const inline = !p.alternatives && this.writtenInline(p.particle.type, p.particle.nillable);
        // A counted list of alternatives names its property: an item's index marks that list.
        const named = p.alternatives !== undefined && p.repeated;
        body.push(`at = ${literal(inline ? splitQName(p.particle.name).local : named ? p.name : '')};`);
        const stmtFor = (val: string): string[] => {
          if (!p.alternatives) return [this.writeElementStmt(val, p.particle.name, p.particle.type, p.particle.nillable, { repeated: p.repeated, ...declaredWriting(p.particle) })];
          return this.alternativesWrite(p.alternatives, val, p.repeated);
        };
        if (p.repeated) {
          body.push(...countChecks);
          body.push(`for (const x of ${x}${p.optional ? ' ?? []' : ''}) {`);
          // The item's index joins the error path.
          body.push(`  ${counter}++;`);
          body.push(...stmtFor('x').map((l) => `  ${l}`));
          body.push('}');
          body.push(`${counter} = -1;`);
        } else if (p.optional) {
          body.push(`if (${x} !== undefined) {`);
          body.push(...stmtFor(x).map((l) => `  ${l}`));
          body.push('}');
        } else {
          body.push(`if (${x} === undefined) throw new ${this.runtime('SerializeError')}(${literal(`Missing required element ${elementLabel(p)}`)});`);
          body.push(...stmtFor(x));
        }
      } else if (p.kind === 'choice') {
        // Not the attribute or element written before: items name themselves.
        body.push(`at = '';`);
        body.push(...countChecks);
        // In an item, the list's name and the item's index join the error path (see withPath).
        body.push(`at = ${literal(p.name)};`);
        body.push(`for (const item of ${x}${p.optional ? ' ?? []' : ''}) {`);
        body.push(`  ${counter}++;`);
        body.push(...this.itemWrite(p.item, 'item', '  '));
        body.push('}');
        body.push(`at = ''; ${counter} = -1;`);
      } else if (p.kind === 'group') {
        // Unique in nested groups: an inner loop variable named like its list would shadow the outer one.
        const g = obj === 'v' ? `g${body.length}` : `${obj}_${body.length}`;
        body.push(`at = '';`);
        body.push(...countChecks);
        // Each item catches its own errors, as a sequence alternative does, to put the group's
        // name and the item's index before the path within the item.
        body.push(`let ${g}n = -1;`);
        body.push(`for (const ${g} of ${x}${p.optional ? ' ?? []' : ''}) {`);
        body.push(`  ${g}n++;`);
        const content = [...this.itemChoiceChecks(g, p.choices, p.properties), ...this.contentWrite(p.properties, g, `${g}i`)];
        body.push(...this.itemCatching(content, g, `${literal(p.name + '[')} + ${g}n + ']'`).map((l) => `  ${l}`));
        body.push('}');
      } else if (p.kind === 'any') {
        const admitted = this.admits(p.namespace, 'x.namespace');
        // What is refused here is the element's own content, not the property written before.
        if (countChecks.length || admitted !== 'true') body.push(`at = '';`);
        body.push(...countChecks);
        const xml = `${this.runtime('anyXml')}(x)`;
        if (admitted === 'true') body.push(`for (const x of ${x} ?? []) s += ${xml};`);
        else body.push(`for (const x of ${x} ?? []) s += (${admitted}) ? ${xml} : ${this.runtime('outsideWildcard')}('Element', x, ${literal(describeConstraint(p.namespace))});`);
      }
    }
    return starts.map((start, k) => body.slice(start, starts[k + 1] ?? body.length)).filter((lines) => lines.length > 0);
  }

  alternativesWrite(alts: ElementAlternative[], value: string, repeated: boolean, any?: NamespaceConstraint, text?: true, seqs?: SequenceAlternative[]): string[] {
    const out: string[] = [];
    // The chain reads the value through `alt`, typed with every alternative's key optional (each member
    // of the union is assignable to it, no cast): testing `'k' in value` at each step instead made
    // the checker narrow the whole union again, and 216 alternatives took 38 s to type-check, 1 s so.
    // A key given the value undefined is absent, here and in the count of alternatives below.
    const x = 'alt';
    const holds = (key: string): string => `${x}[${literal(key)}] !== undefined`;
    alts.forEach((alt, i) => {
      const key = literal(alt.key);
      const test = `${i === 0 ? '' : 'else '}if (${holds(alt.key)})`;
      if (alt.count === undefined) out.push(`${test} ${this.writeElementStmt(`${x}[${key}]`, alt.element, alt.type, alt.nillable, { repeated, ...declaredWriting(alt) })}`);
      else {
        const refuse = `if (${x}[${key}].length !== ${alt.count}) throw new ${this.runtime('SerializeError')}(${literal(countedMessage(alt, alt.count))});`;
        out.push(`${test} { ${refuse} for (const one of ${x}[${key}]) ${this.writeElementStmt('one', alt.element, alt.type, alt.nillable, { repeated, ...declaredWriting(alt) })} }`);
      }
    });
    const keys = alts.map((a) => a.key);
    if (any !== undefined) {
      const admitted = this.admits(any, `${x}.$any.namespace`);
      const xml = `${this.runtime('anyXml')}(${x}.$any)`;
      const write = admitted === 'true' ? xml : `(${admitted}) ? ${xml} : ${this.runtime('outsideWildcard')}('Element', ${x}.$any, ${literal(describeConstraint(any))})`;
      out.push(`${alts.length ? 'else ' : ''}if (${holds('$any')}) s += ${write};`);
      keys.push('$any');
    }
    if (text) {
      out.push(`${out.length ? 'else ' : ''}if (${holds('$text')}) s += ${this.runtime('escapeText')}(${x}.$text);`);
      keys.push('$text');
    }
    for (const q of seqs ?? []) {
      const v = `${value}Seq`;
      const checks = this.itemChoiceChecks(v, q.choices, q.properties);
      // The sequence names its elements in `at`: its own catch puts them after its key and gives `at`
      // back the list's name, so the writer's catch adds that name and the item's index before them.
      const content = [...(checks.length ? [`at = '';`, ...checks] : []), ...this.contentWrite(q.properties, v, `${v}i`)];
      out.push(
        `${out.length ? 'else ' : ''}if (${holds(q.key)}) {`,
        `  const ${v} = ${x}[${literal(q.key)}];`,
        ...this.itemCatching(content, v, literal(q.key)).map((l) => `  ${l}`),
        '}',
      );
      keys.push(q.key);
    }
    out.push(`else throw new ${this.runtime('SerializeError')}('The value holds none of: ${keys.join(', ')}');`);
    // The chain writes the first alternative it finds: a value holding two would lose the second.
    if (keys.length > 1) out.unshift(`if (${keys.map((k) => `+(${holds(k)})`).join(' + ')} > 1) throw new ${this.runtime('SerializeError')}(${literal(onlyOneAlternative(keys.map((k) => [k])))});`);
    const view = keys.map((k) => `${literal(k)}?: Extract<typeof ${value}, { ${literal(k)}: unknown }>[${literal(k)}]`).join('; ');
    return ['{', `  const ${x}: { ${view} } = ${value};`, ...out.map((l) => `  ${l}`), '}'];
  }

  /** For each choice of an item `v`, what itemChoiceRules asks of it. */
  private itemChoiceChecks(v: string, choices: ItemChoice[], properties: PropertyShape[]): string[] {
    const holds = (names: string[]): string => holdsAny(v, names, properties);
    return choices.flatMap((c) =>
      itemChoiceRules(c).flatMap((x) => {
        // More items than the maxOccurs: refused where the list is written, which names it.
        if (x.kind === 'many') return [];
        const list = x.kind === 'few' ? `${v}[${literal(x.name)}]` : '';
        const fails =
          x.kind === 'missing'
            ? `!(${holds(x.names)})`
            : x.kind === 'conflict'
              ? `${x.alternatives.map((n) => `+(${holds(n)})`).join(' + ')} > 1`
              : x.kind === 'few'
                ? `${list} !== undefined && ${list}.length > 0 && ${list}.length < ${x.min}`
                : `(${holds(x.names)}) && !(${holds([x.need])})`;
        return [`if (${fails}) throw new ${this.runtime('SerializeError')}(${literal(x.message)});`];
      }),
    );
  }

  /**
   * Whether an element of this type is written without a writer that names it in the error path
   * (scalars, xs:anyType, values refused before a writer runs): the caller names it in `at`.
   */
  private writtenInline(type: QName, nillable: boolean): boolean {
    return this.isScalar(type) || isAnyType(type) || this.abstractLeaf(type) || this.neverValid(type) !== undefined || (nillable && this.requiredAttributes(type) !== undefined);
  }

  /**
   * `content`, the statements writing an item that has no element of its own (of a repeated group,
   * a sequence alternative), in a try whose catch puts `segment` (an expression) before the names in
   * `at` and the index in `${base}i` (declared when `content` counts). `at` is then what it was
   * before the item, the list's name or '', as it is after an item written without error: the
   * writer's catch adds what is around the item, and later items of the list are named after it.
   */
  private itemCatching(content: string[], base: string, segment: string): string[] {
    const counter = `${base}i`;
    const counts = content.some((l) => l.includes(`${counter}++`));
    return [
      `const ${base}At = at;`,
      ...(counts ? [`let ${counter} = -1;`] : []),
      'try {',
      ...content.map((l) => `  ${l}`),
      `  at = ${base}At;`,
      '} catch (e) {',
      '  const inner = at;',
      `  at = ${base}At;`,
      `  ${this.runtime('withPath')}(e, ${segment}, inner${counts ? `, ${counter}` : ''});`,
      '}',
    ];
  }

  /** Statements writing one item of a repeated element or choice. */
  private itemWrite(item: ItemShape, x: string, indent: string): string[] {
    if (item.kind === 'element') return [`${indent}${this.writeElementStmt(x, item.alt.element, item.alt.type, item.alt.nillable, { repeated: true, ...declaredWriting(item.alt) })}`];
    return this.alternativesWrite(item.alts, x, true, item.any, item.text, item.seqs).map((l) => `${indent}${l}`);
  }

  private attrName(name: QName): string {
    const { namespace, local } = splitQName(name);
    if (!namespace) return local;
    if (namespace === 'http://www.w3.org/XML/1998/namespace') return `xml:${local}`;
    return `${this.ns(namespace).prefix}:${local}`;
  }

  private formatAttrExpr(x: string, type: QName): string {
    if (isBuiltin(type)) {
      const local = splitQName(type).local;
      if (local === 'string' || local === 'anySimpleType') return `${this.runtime('escapeAttr')}(${x})`;
      if (local === 'QName') return `${this.runtime('escapeAttr')}(${this.runtime('formatQName')}(${x}, prefixFor))`;
    }
    return `${this.runtime('escapeAttr')}(${this.scalar(type).format}(${x}))`;
  }

  private formatTextExpr(x: string, type: QName): string {
    if (isBuiltin(type)) {
      const local = splitQName(type).local;
      if (local === 'string' || local === 'anySimpleType') return `${this.runtime('escapeText')}(${x})`;
    }
    return `${this.runtime('escapeText')}(${this.scalar(type).format}(${x}))`;
  }
}

const STRING = '{http://www.w3.org/2001/XMLSchema}string';

function itemAlternatives(item: ItemShape): ElementAlternative[] {
  return item.kind === 'element' ? [item.alt] : item.alts;
}

/**
 * The parts of repeated sequence `g` for splitOccurrences, where reading it greedily (each
 * occurrence takes all its lists may hold before the next begins) may refuse a split that fits:
 * a list that must hold several and may hold more ((card{2,3}){0,2}: four cards are two and two,
 * not three and one), or a sequence that must occur several times of which one occurrence can be
 * cut in two ((toss?, (serve | volley){1,2}){2,3}: two serves are two occurrences). Undefined
 * elsewhere, where greedy reading fits whenever a split does, and for sequences holding other than
 * elements, choices of one element per item and wildcards, each its own property.
 */
export function occurrenceSplit(g: Extract<PropertyShape, { kind: 'group' }>): { parts: OccurrencePart[]; min: number; max?: number } | undefined {
  if (g.group.kind !== 'sequence' || g.group.particles.length !== g.properties.length) return undefined;
  const parts: OccurrencePart[] = [];
  for (const [i, x] of g.properties.entries()) {
    const particle = g.group.particles[i];
    const max = (m: number | undefined): { max?: number } => (m !== undefined ? { max: m } : {});
    if (x.kind === 'element' && particle?.kind === 'element') {
      parts.push(x.repeated ? { key: x.name, list: true, min: x.optional ? 0 : x.particle.min, ...max(x.max) } : { key: x.name, list: false, min: x.optional ? 0 : 1, max: 1 });
    } else if (x.kind === 'choice' && particle?.kind === 'choice' && oneElementEach(x.item) && !(x.item.kind === 'union' && x.item.text)) {
      parts.push({ key: x.name, list: true, min: listMinimum(x)?.min ?? 0, ...max(x.max) });
    } else if (x.kind === 'any' && particle?.kind === 'any') {
      parts.push({ key: x.name, list: true, min: x.optional ? 0 : x.min, ...max(x.max) });
    } else {
      return undefined;
    }
  }
  const min = listMinimum(g)?.min ?? 0;
  const short = parts.some((p) => p.min >= 2 && (p.max === undefined || p.max > p.min));
  const cut = min >= 2 && parts.some((p, i) => parts.every((q, k) => k === i || q.min === 0) && (p.max === undefined || p.max >= 2 * Math.max(p.min, 1)));
  return short || cut ? { parts, min, ...(g.max !== undefined ? { max: g.max } : {}) } : undefined;
}

/** Whether each element read is an item of its own: no wildcard, sequence or counted (b{2}) alternative. */
function oneElementEach(item: ItemShape): boolean {
  return item.kind === 'element' ? item.alt.count === undefined : item.any === undefined && item.seqs === undefined && item.alts.every((a) => a.count === undefined);
}

function splitLocal(element: QName): { local: string; ns: string } {
  const { namespace, local } = splitQName(element);
  return { local, ns: namespace };
}

/**
 * The checks a reader makes on the object it read (required elements, choices, groups), when there
 * are more than WRITER_CHUNK allows in one function, as functions of that size taking the object,
 * the context and the element's offset, called in order: one `if` each, past about 2,000
 * TypeScript gives up on the reader (TS2563), as on a writer (splitWriter). Undefined when they fit.
 */
function checkParts(fn: string, checks: string[][]): Array<{ fn: string; body: string[] }> | undefined {
  const groups = chunks(checks);
  return groups.length > 1 ? groups.map((group, n) => ({ fn: `${fn}$${n + 1}`, body: group.flat() })) : undefined;
}

/** `lists` in order, in groups of at most WRITER_CHUNK lists and lines; a list is never divided. */
function chunks(lists: string[][]): string[][][] {
  const groups: string[][][] = [];
  let lines = 0;
  for (const list of lists) {
    const group = groups[groups.length - 1];
    if (group === undefined || group.length >= WRITER_CHUNK.segments || lines + list.length > WRITER_CHUNK.lines) {
      groups.push([list]);
      lines = list.length;
    } else {
      group.push(list);
      lines += list.length;
    }
  }
  return groups;
}

/**
 * Declares `el`, the start offset of the element being read, when the statements report at it,
 * and drops the child loop's `c` when nothing reports at the child.
 */
export function withOffsets(body: string[]): string[] {
  const uses = (name: string, except: string): boolean => body.some((l) => l !== except && takesOffset(l, name));
  const out = body.filter((l) => l.trim() !== 'const c = r.start;' || uses('c', l));
  return uses('el', '') ? ['const el = r.start;', ...out] : out;
}

// String literals in generated code: '...' (literal()), "..." and `...` (messages).
const STRING_LITERALS = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;

/**
 * Whether generated code passes offset `name` (`c`, `el`) to a call. Offsets are only ever a
 * call's last argument; text inside string literals (a default value of ", c)") is not code.
 */
export function takesOffset(code: string, name: string): boolean {
  return code.replace(STRING_LITERALS, "''").includes(`, ${name})`);
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** `cond && rest` in generated code, without a condition that always holds. */
function and(cond: string, rest: string): string {
  return cond === 'true' ? rest : rest === 'true' ? cond : `${cond} && ${rest}`;
}

/** A condition that object `obj` holds one of the properties `names` (readers make no empty arrays). */
function someOf(obj: string, names: string[]): string {
  return names.map((n) => `${obj}[${literal(n)}] !== undefined`).join(' || ');
}

/** A condition that object `obj` holds none of the properties `names`. */
function noneOf(obj: string, names: string[]): string {
  return names.map((n) => `${obj}[${literal(n)}] === undefined`).join(' && ');
}

/**
 * For a value holding part of a group (condition `some`): each required part's statement, run
 * when its condition fails. `some` is tested once, however many parts the group requires.
 */
function partOfGroup(some: string, parts: Array<[holds: string, stmt: string]>): string[] {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined) return [`if ((${some}) && !(${only[0]})) ${only[1]}`];
  return [`if (${some}) {`, ...parts.map(([holds, stmt]) => `  if (!(${holds})) ${stmt}`), '}'];
}

/**
 * What an occurrence of a sequence must satisfy for one of its single choices, in the order writers
 * check and readers report it: an alternative where the choice is required (an element, or the
 * first a sequence alternative requires), no more than one, and, once part of a sequence
 * alternative is there, each element it requires ((spare, bonus): a spare alone is incomplete).
 */
function itemChoiceRules(c: ItemChoice): Array<
  | { kind: 'missing'; names: string[]; message: string }
  | { kind: 'conflict'; alternatives: string[][]; message: string }
  | { kind: 'incomplete'; names: string[]; need: string; message: string }
  | { kind: 'few'; name: string; min: number; message: string }
  | { kind: 'many'; name: string; max: number; message: string }
> {
  const firsts = c.alternatives.flatMap((a) => a.needs.slice(0, 1));
  const alternatives = c.alternatives.map((a) => a.names);
  return [
    ...(c.required ? [{ kind: 'missing' as const, names: firsts, message: missingChoice(firsts) }] : []),
    ...(alternatives.length > 1 ? [{ kind: 'conflict' as const, alternatives, message: onlyOneAlternative(alternatives) }] : []),
    // Where the choice is required, an alternative without its first element is one of the two above.
    ...c.alternatives
      .filter((a) => a.names.length > 1)
      .flatMap((a) => a.needs.slice(c.required ? 1 : 0).map((need) => ({ kind: 'incomplete' as const, names: a.names, need, message: incompleteGroup({ names: a.names, clauses: [] }, [need]) }))),
    // A repeated element of an alternative that is there holds its minOccurs and its maxOccurs
    // (bonus{2,3}: one bonus is too few, four too many).
    ...c.alternatives.flatMap((a) =>
      a.counts.flatMap((n) => [
        ...(n.min > 1 ? [{ kind: 'few' as const, name: n.name, min: n.min, message: `Element ${n.local} must occur at least ${n.min} times` }] : []),
        ...(n.max !== undefined ? [{ kind: 'many' as const, name: n.name, max: n.max, message: `Element ${n.local} may occur at most ${n.max} times` }] : []),
      ]),
    ),
  ];
}

/**
 * Whether an occurrence of a sequence kept as items, of properties `properties`, can begin with
 * property `name` of an alternative of its single choice `c`: nothing before the choice is
 * required, nor anything before it in its alternative ((frame, (strike | (spare, bonus)))+ begins
 * with none of them; (lane?, (strike | (foul?, spare)))+ with any).
 */
function beginsOccurrence(properties: readonly PropertyShape[], c: ItemChoice, name: string): boolean {
  const alt = c.alternatives.find((a) => a.names.includes(name));
  const first = Math.min(...c.alternatives.flatMap((a) => a.names).map((n) => properties.findIndex((x) => x.name === n)));
  const before = properties.slice(0, first).every((q) => 'optional' in q && q.optional);
  return before && !(alt?.names ?? []).slice(0, alt?.names.indexOf(name)).some((n) => alt?.needs.includes(n));
}

/** The message for a value holding part of group `g` without its required part `clause`. */
function incompleteGroup(g: GroupNeeds, clause: string[]): string {
  return `Incomplete group (${g.names.join(', ')}): it needs ${clause.length === 1 ? clause[0] : `one of ${clause.join(', ')}`}`;
}

/**
 * The condition, ` || …` to append, under which a list at place `place` of the current item `obj`
 * (its place reached in `reached`) holds all `max` allows, so that the next element of its name
 * begins the next item; '' for an unbounded list.
 */
function fullAt(place: number, reached: string, obj: string, name: string, max: number | undefined): string {
  return max === undefined ? '' : ` || (${place} === ${reached} && ((${obj}[${literal(name)}] as unknown[] | undefined)?.length ?? 0) >= ${max})`;
}

/**
 * Whether `obj` holds a property of `names` that writes something (`properties`: its shape's):
 * an empty array writes nothing.
 */
function holdsAny(obj: string, names: string[], properties: readonly PropertyShape[]): string {
  return names
    .map((n) => {
      const p = properties.find((x) => x.name === n);
      const array = p !== undefined && (p.kind === 'any' || p.kind === 'choice' || p.kind === 'group' || (p.kind === 'element' && p.repeated));
      return array ? `(${obj}[${literal(n)}] !== undefined && ${obj}[${literal(n)}].length > 0)` : `${obj}[${literal(n)}] !== undefined`;
    })
    .join(' || ');
}

/** A writer's refusal of a value holding several alternatives of a choice, each given as its names. */
function onlyOneAlternative(alternatives: string[][]): string {
  return `Give only one alternative of the choice: ${alternatives.map((names) => (names.length > 1 ? `(${names.join(', ')})` : names[0])).join(', or ')}`;
}

/** Whether a simple type is a list, directly or by restriction (NMTOKENS, IDREFS and ENTITIES are lists too). */
export function isListType(ir: IR, key: QName | undefined): boolean {
  for (let k = key, i = 0; k && i < 64; i++) {
    if (isBuiltin(k)) return BUILTIN_LISTS.has(splitQName(k).local);
    const t = ir.types[k];
    if (t?.kind !== 'simple') return false;
    if (t.variety === 'list') return true;
    k = t.base;
  }
  return false;
}

/** What an item of an alternative that each occurrence holds `count` times must hold. */
function countedMessage(alt: ElementAlternative, count: number): string {
  return `Element ${splitQName(alt.element).local} must occur ${count} times in each item of its choice`;
}

/** The message for a required choice of which a value holds no alternative. */
function missingChoice(names: string[]): string {
  return `Missing the required choice: one of ${names.join(', ')}`;
}

/**
 * What a required list property must hold at least, as writers refuse and readers report it, and
 * whether mixed content's text items (no occurrence) are among its items; undefined for a
 * property that is no list, is optional, or whose occurrences may be empty.
 */
function listMinimum(p: PropertyShape): { min: number; message: string; text: boolean } | undefined {
  if (!('optional' in p) || p.optional) return undefined;
  let need: { min: number; message: string; text: boolean } | undefined;
  if (p.kind === 'element' && p.repeated) {
    // An enclosing repeated group asks no fewer than the particle's minOccurs.
    need = { min: p.particle.min, message: tooFew(elementItem(p), p.particle.min), text: false };
  } else if (p.kind === 'choice') {
    const min = p.min ?? minItems(p.group);
    need = { min, message: tooFew(p.item, min), text: p.item.kind === 'union' && p.item.text === true };
  } else if (p.kind === 'group') {
    const min = p.min ?? minItems(p.group);
    need = { min, message: tooFewOccurrences(p.name, min), text: false };
  } else if (p.kind === 'any') {
    need = { min: p.min, message: missingForeign(p.name, p.namespace, p.min), text: false };
  }
  return need !== undefined && need.min > 0 ? need : undefined;
}

/**
 * What a list property holds at most, when the schema bounds it, as writers refuse and readers
 * report it (see listMinimum for `text`).
 */
function listMaximum(p: PropertyShape): { max: number; message: string; text: boolean } | undefined {
  if (!('max' in p) || p.max === undefined) return undefined;
  if (p.kind === 'element') return { max: p.max, message: tooMany(elementItem(p), p.max), text: false };
  if (p.kind === 'choice') return { max: p.max, message: tooMany(p.item, p.max), text: p.item.kind === 'union' && p.item.text === true };
  if (p.kind === 'group') return { max: p.max, message: `${p.name} allows at most ${p.max} occurrences of its sequence`, text: false };
  return { max: p.max, message: `At most ${p.max === 1 ? 'one element' : `${p.max} elements`} of ${describeConstraint(p.namespace)} ${p.max === 1 ? 'is' : 'are'} allowed (${p.name})`, text: false };
}

/** The condition that array expression `list` (undefined too, with `mayBeAbsent`) holds more than `max` items (see fewer). */
function more(list: string, max: number, text: boolean, mayBeAbsent: boolean): string {
  if (text) return `(${mayBeAbsent ? `(${list} ?? [])` : list} as object[]).filter((i) => !('$text' in i)).length > ${max}`;
  return mayBeAbsent ? `(${list}?.length ?? 0) > ${max}` : `${list}.length > ${max}`;
}

/**
 * The condition that array expression `list` (undefined too, with `mayBeAbsent`) holds fewer than
 * `min` items. With `text`, items `{ $text }` are no occurrence; for one, `some` finds an element
 * without building a filtered copy.
 */
function fewer(list: string, min: number, text: boolean, mayBeAbsent: boolean): string {
  if (text) {
    const items = `(${mayBeAbsent ? `(${list} ?? [])` : list} as object[])`;
    return min === 1 ? `!${items}.some((i) => !('$text' in i))` : `${items}.filter((i) => !('$text' in i)).length < ${min}`;
  }
  return mayBeAbsent ? `(${list}?.length ?? 0) < ${min}` : `${list}.length < ${min}`;
}

/** The complaint about a required wildcard with fewer than `min` elements. */
function missingForeign(name: string, namespace: NamespaceConstraint, min: number): string {
  return `Missing required content: ${min === 1 ? 'an element' : `${min} elements`} of ${describeConstraint(namespace)} (${name})`;
}

/** The complaint about a repeated sequence (`$sequence` property `name`) with fewer than `min` occurrences. */
function tooFewOccurrences(name: string, min: number): string {
  return `${name} needs at least ${min} occurrence${min === 1 ? '' : 's'} of its sequence`;
}

/** An element property as messages name it: where its name occurs earlier in the sequence, with its place. */
function elementLabel(p: Extract<PropertyShape, { kind: 'element' }>): string {
  return `${splitQName(p.particle.name).local}${p.place ? ` (place ${p.place} of that name)` : ''}`;
}

/** The items of a repeated element property: its element, or the element-keyed union of its substitutes. */
function elementItem(p: Extract<PropertyShape, { kind: 'element' }>): ItemShape {
  return p.alternatives ? { kind: 'union', alts: p.alternatives } : { kind: 'element', alt: alternative(p.particle) };
}

/** The keys of a union item's alternatives, as messages name them. */
function itemKeys(item: Extract<ItemShape, { kind: 'union' }>): string[] {
  return [...item.alts.map((a) => a.key), ...(item.any !== undefined ? ['$any'] : []), ...(item.seqs ?? []).map((q) => q.key)];
}

/** The complaint about fewer than `min` items of a list whose items are `item`. */
function tooFew(item: ItemShape, min: number): string {
  if (item.kind === 'element') {
    const local = splitQName(item.alt.element).local;
    return min === 1 ? `Missing required element ${local}` : `Element ${local} must occur at least ${min} times`;
  }
  return min === 1 ? missingChoice(itemKeys(item)) : `The choice of ${itemKeys(item).join(', ')} must occur at least ${min} times`;
}

/** The complaint about more than `max` items of a list whose items are `item`. */
function tooMany(item: ItemShape, max: number): string {
  if (item.kind === 'element') return `Element ${splitQName(item.alt.element).local} may occur at most ${max} times`;
  return `The choice of ${itemKeys(item).join(', ')} may occur at most ${max} times`;
}

/** xs:anyType, whose value is the element itself (XmlAnyElement). */
function isAnyType(key: QName): boolean {
  return isBuiltin(key) && splitQName(key).local === 'anyType';
}
