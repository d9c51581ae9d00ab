import { ReadError, ValueError, keepingUnknown, type ReadErrorCode, type ReadWarning, type ReadWarningCode } from './errors';
import { XML_END, type NamespaceScope, type XmlCursor, type ParseOptions } from './xml/cursor';
import { attributePath, elementAt, elementPaths, parseXml, type XmlElement } from './xml/reader';
import { sameValue, trimXml } from './scalars/common';
import { checkQNameIn, parseQName, type XmlQName } from './scalars/qname';
import { missingAttributes, splitList, xsiType, type XmlAnyAttribute, type XmlNil } from './xml/any';
import { XOP_NS, XSI_NS } from './namespaces';

export interface ReadOptions {
  /** Turn every warning into a ReadError. */
  strict?: boolean;
  /**
   * 'keep': a value of a string enumeration that the schema does not list (a ResponseCode that a
   * newer server added) is kept as read, with an 'unknown-enumeration' warning, instead of failing
   * the whole read. The field then holds a string its TypeScript type does not list. Default
   * 'error'; strict mode makes the warning an error too.
   */
  unknownEnumerations?: 'error' | 'keep';
  maxDepth?: number;
  maxBytes?: number;
}

/** A warning whose location is still a source offset (and attribute name). */
interface Pending {
  code: ReadWarningCode;
  message: string;
  at: number;
  attrNs?: string;
  attrLocal?: string;
}

/**
 * Carries the strictness setting and collects warnings while generated readers map XML to objects.
 *
 * Readers report locations as source offsets (an element's '<'), which cost nothing to keep. Paths
 * like /Envelope/Body/Item[2] and line numbers are worked out only when someone needs them: when a
 * ReadError is thrown, or when the warnings are collected. Then the document is parsed once more
 * into a tree, which also means that a document with a well-formedness error further on reports
 * that error first, as a reader working on a tree would.
 */
export class ReadContext {
  readonly strict: boolean;
  private readonly keepUnknownEnumerations: boolean;
  /** The parser limits from the options. */
  readonly parseOptions: ParseOptions;
  /**
   * Where list readers gather their items: each pushes above whatever is there and takes its own
   * items back (one in an array literal, more with `splice(base)`) in an array of exactly their
   * number, leaving the stack as the reader found it. An array built by push gets room for 17 items
   * at its first push, and most lists of a typed result hold one or two: a GetImItemList response
   * is read with ~40% less allocation (the garbage collector's main cost when parses overlap).
   */
  readonly items: unknown[] = [];
  private readonly pending: Pending[] = [];
  /** The xs:ID values read so far. Only typed values count: IDs inside content kept as XML are not seen. */
  private ids: Set<string> | undefined;
  private resolved: ReadWarning[] | undefined;
  private tree: XmlElement | undefined;
  private pathOf: ((el: XmlElement) => string) | undefined;

  /** `source` is the document the offsets given to warn, fail and value refer to. */
  constructor(
    options?: ReadOptions,
    private readonly source = '',
  ) {
    this.strict = options?.strict === true;
    this.keepUnknownEnumerations = options?.unknownEnumerations === 'keep';
    const limits: ParseOptions = {};
    if (options?.maxDepth !== undefined) limits.maxDepth = options.maxDepth;
    if (options?.maxBytes !== undefined) limits.maxBytes = options.maxBytes;
    this.parseOptions = limits;
  }

  /**
   * `r`, reporting what reading by child() and text() passes over: text between the child elements
   * of element-only content ('unexpected-text'), and an element inside text ('unexpected-element';
   * an MTOM/XOP xop:Include says that its MIME part is not read).
   */
  watch(r: XmlCursor): XmlCursor {
    r.passedOver = (what, at) => {
      if (what === 'text') {
        const text = trimXml(r.value);
        this.warn('unexpected-text', `Text ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} is not allowed here: the element holds elements only; it is ignored`, at);
      } else if (r.local === 'Include' && r.ns === XOP_NS) {
        this.warn('unexpected-element', 'Element xop:Include refers to a MIME part of an MTOM/XOP message, which is not read: the value is read without it', at);
      } else {
        this.warn('unexpected-element', `Element ${r.local} is not allowed here: the element around it holds text only; it is skipped`, at);
      }
    };
    return r;
  }

  /** The warnings so far, located. */
  get warnings(): ReadWarning[] {
    if (this.resolved === undefined || this.resolved.length !== this.pending.length) {
      this.resolved = this.pending.map((p) => ({ code: p.code, message: p.message, ...this.locate(p.at, p.attrNs, p.attrLocal) }));
    }
    return this.resolved;
  }

  /** A deviation the reader can live with, at the element starting at offset `at`: recorded, or thrown in strict mode. */
  warn(code: ReadWarningCode, message: string, at: number): void {
    if (this.strict) this.fail(code, message, at);
    this.pending.push({ code, message, at });
  }

  /** warn, about attribute `i` of the cursor's current element. */
  warnAttr(code: ReadWarningCode, message: string, r: XmlCursor, i: number): void {
    const attrNs = r.attrNs(i);
    const attrLocal = r.attrLocal(i);
    if (this.strict) this.throwAt(code, message, r.start, attrNs, attrLocal);
    this.pending.push({ code, message, at: r.start, attrNs, attrLocal });
  }

  fail(code: ReadErrorCode, message: string, at: number): never {
    this.throwAt(code, message, at);
  }

  /** Reports the cursor's current element and reads past it. */
  skip(r: XmlCursor, code: ReadWarningCode, message: string): void {
    this.warn(code, message, r.start);
    r.skip();
  }

  // The two below are written once here rather than as a message per element in generated readers,
  // where those messages made up a fifth of the code on large schemas.

  /** The cursor's element comes before one it should follow: reported, and read. */
  outOfOrder(r: XmlCursor): void {
    this.warn('out-of-order', `Element ${r.local} is out of schema order`, r.start);
  }

  /** The cursor's element is from another alternative of an xs:choice than one before it: reported, and read. */
  otherAlternative(r: XmlCursor): void {
    this.warn('choice-conflict', `Element ${r.local} is from another alternative of a choice than an element before it`, r.start);
  }

  /** The cursor's element occurs once, and was already read: reported and passed over. */
  again(r: XmlCursor): void {
    this.skip(r, 'unexpected-element', `Element ${r.local} appears more than once; the first is kept`);
  }

  /**
   * Whether the cursor's element is nil (xsi:nil="true"); if so, reads past it, content and all. A
   * nil element may carry attributes (WCF's z:Ref, which points at an object sent earlier), which
   * the null it is read as cannot hold: they are reported.
   */
  nil(r: XmlCursor): boolean {
    // The common case, no xsi:nil, stays one attribute lookup.
    if (r.attribute(XSI_NS, 'nil') === undefined) return false;
    const { start, local } = r;
    this.nillableAt = start;
    const dropped = nilAttributes(r, this);
    if (dropped === undefined) return false;
    if (dropped.length) this.warn('nil-attributes', `Element ${local} is nil (xsi:nil) and its attributes ${dropped.map((a) => a.localName).join(', ')} are not kept`, start);
    return true;
  }

  /** Where the last element that nil() or nilKeep() was asked about starts: that one is nillable. */
  private nillableAt = -1;

  /**
   * The text of an element of a simple type. Such an element carries no attributes but xsi's:
   * others are reported and passed over, as is xsi:nil on an element that is not nillable.
   */
  text(r: XmlCursor): string {
    for (let i = 0; i < r.attrCount; i++) {
      if (r.attrNs(i) === XSI_NS) this.xsi(r, i);
      else this.warnAttr('unexpected-attribute', `Unexpected attribute ${r.attrLocal(i)}`, r, i);
    }
    return r.text();
  }

  /**
   * An xsi attribute of the cursor's element, which its type's reader passes over. xsi:nil, even
   * "false", is allowed only on a nillable element (XML Schema's cvc-elt.3.1), which nil() or
   * nilKeep() sees before the type's reader does; one with a fixed value is read as not nillable.
   * The reader of a complex type that the package derives no type from gives its `type` (Clark
   * notation): an xsi:type naming another type names one the package cannot read here. (A
   * dispatcher calls such a reader only for an xsi:type naming its type.)
   */
  xsi(r: XmlCursor, i: number, type?: string): void {
    const local = r.attrLocal(i);
    if (local === 'nil') {
      if (this.nillableAt !== r.start) this.warnAttr('not-nillable', `Element ${r.local} cannot be nil (it is not nillable, or its value is fixed): xsi:nil is not allowed on it`, r, i);
    } else if (local === 'type' && type !== undefined) {
      const named = this.xsiType(r);
      if (named !== type) {
        // An anonymous type's key is the path of its declaration (`/Order/line`, `Holder/inner`):
        // no type derives from it.
        const own = type.slice(type.indexOf('}') + 1);
        const detail = own.includes('/')
          ? `names a type, but the element's type is anonymous, and no type can derive from it; the element is read by its declaration`
          : `is neither ${own}, the element's type, nor a type derived from it that the package reads; the element is read as ${own}`;
        this.warnAttr('unknown-type', `xsi:type ${named ?? ''} ${detail}`, r, i);
      }
    }
  }

  /**
   * The xsi:type of the cursor's element in Clark notation (`{namespace}local`), or undefined. One
   * that is no QName, or whose prefix is not declared, is reported at the attribute (invalid-value)
   * and returned as written, which names no type.
   */
  xsiType(r: XmlCursor): string | undefined {
    try {
      return xsiType(r);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      for (let i = 0; i < r.attrCount; i++) {
        if (r.attrNs(i) === XSI_NS && r.attrLocal(i) === 'type') this.warnAttr('invalid-value', `xsi:type: ${e.message}`, r, i);
      }
      return r.attribute(XSI_NS, 'type');
    }
  }

  /** What the last nilKeep read: null, or the attributes the nil element carried. */
  nilled: XmlNil | null = null;

  /**
   * nil, for an element whose type has attributes: a nil element's attributes are kept, in
   * `nilled` (null when it has none), instead of being reported. `required`: those its type
   * requires, [namespace, local name], which a nil element must carry too; missing ones are reported.
   */
  nilKeep(r: XmlCursor, required: ReadonlyArray<readonly [string, string]> = []): boolean {
    const at = r.start;
    this.nillableAt = at;
    const kept = nilAttributes(r, this);
    if (kept === undefined) return false;
    for (const local of missingAttributes(kept, required)) {
      this.warn('missing-attribute', `Missing required attribute ${local} (a nil element carries its type's required attributes too)`, at);
    }
    this.nilled = kept.length ? { $nil: true, $anyAttributes: kept } : null;
    return true;
  }

  /** An element the schema does not allow here: reported and passed over. */
  unexpected(r: XmlCursor): void {
    this.skip(r, 'unexpected-element', `Unexpected element ${r.local}`);
  }

  /** Runs a scalar parser on an element's text, reporting a ValueError as 'invalid-value' at the element. */
  value<T>(parse: (text: string) => T, text: string, at: number): T {
    try {
      return parse(text);
    } catch (e) {
      return this.invalid(e, text, at, parse);
    }
  }

  /**
   * The text of an element declared with a fixed value (XML Schema 3.3.4): an empty element holds the
   * fixed value; other text is kept and reported as 'fixed-value'. With `parse` and `format`, values
   * are compared, not texts ("02" is 2 for xs:int).
   */
  fixed<T>(text: string, fixed: string, element: string, parse: ((text: string) => T) | undefined, format: ((value: T) => string) | undefined, at: number): string {
    if (text === '') return fixed;
    if (text !== fixed && (parse === undefined || format === undefined || !sameValue(parse, format, text, fixed))) {
      this.warn('fixed-value', `Element ${element} is fixed to "${fixed}"`, at);
    }
    return text;
  }

  /**
   * `value`, read as an xs:ID of the element at `at`: reported when an element before it in the
   * document had the same ID (XML Schema requires IDs to be unique), and kept either way.
   */
  id(value: string, at: number): string {
    if (this.seenId(value)) this.warn('duplicate-id', `ID "${value}" is already the ID of an element before this one`, at);
    return value;
  }

  /** id() for attribute `i` of the cursor's current element. */
  idAttr(value: string, r: XmlCursor, i: number): string {
    if (this.seenId(value)) this.warnAttr('duplicate-id', `ID "${value}" is already the ID of an element before this one`, r, i);
    return value;
  }

  /** Whether the document showed ID `value` before; remembers it. */
  private seenId(value: string): boolean {
    const ids = (this.ids ??= new Set());
    if (ids.has(value)) return true;
    ids.add(value);
    return false;
  }

  /** value() for attribute `i` of the cursor's current element. */
  attr<T>(parse: (text: string) => T, r: XmlCursor, i: number): T {
    const text = r.attrValue(i);
    try {
      return parse(text);
    } catch (e) {
      return this.invalid(e, text, r.start, parse, r.attrNs(i), r.attrLocal(i));
    }
  }

  /**
   * The current element's QName content, resolved in its scope; reads past the element. `allowed`:
   * the expanded names of the enumeration of `typeName` (see checkQNameIn), when it has one.
   */
  qname(r: XmlCursor, allowed?: ReadonlySet<string>, typeName = ''): XmlQName {
    const at = r.start;
    const scope = r.scope;
    return this.value((text) => qnameOf(text, scope, allowed, typeName), r.text(), at);
  }

  /**
   * qname, for an element declared with a default or fixed QName `declared` (XML Schema 3.3.4): an
   * empty element holds it. `fixed`, the element's name when the value is fixed: another value is
   * kept and reported as 'fixed-value'. Names compare by namespace and local name.
   */
  qnameOr(r: XmlCursor, declared: XmlQName, fixed: string | undefined, allowed?: ReadonlySet<string>, typeName = ''): XmlQName {
    const at = r.start;
    const scope = r.scope;
    const text = r.text();
    if (text === '') return declared;
    const value = this.value((t) => qnameOf(t, scope, allowed, typeName), text, at);
    if (fixed !== undefined && !sameQName(value, declared)) {
      this.warn('fixed-value', `Element ${fixed} is fixed to ${showQName(declared)}`, at);
    }
    return value;
  }

  /** qnameOr for an xs:list of QNames: an empty element holds `declared`; `fixed` as there. */
  qnamesOr(r: XmlCursor, declared: XmlQName[], fixed: string | undefined): XmlQName[] {
    const at = r.start;
    const scope = r.scope;
    const text = r.text();
    if (text === '') return declared;
    const value = this.value(qnameList(scope), text, at);
    if (fixed !== undefined && !sameQNames(value, declared)) this.warn('fixed-value', `Element ${fixed} is fixed to ${showQNames(declared)}`, at);
    return value;
  }

  /** attrQNames, for an attribute declared with the fixed list of QNames `fixed`: another value is kept and reported as 'fixed-value'. */
  attrQNamesFixed(r: XmlCursor, i: number, fixed: XmlQName[]): XmlQName[] {
    const value = this.attrQNames(r, i);
    if (!sameQNames(value, fixed)) this.warnAttr('fixed-value', `Attribute ${r.attrLocal(i)} is fixed to ${showQNames(fixed)}`, r, i);
    return value;
  }

  /** attrQName, for an attribute declared with the fixed QName `fixed`: another value is kept and reported as 'fixed-value'. */
  attrQNameFixed(r: XmlCursor, i: number, fixed: XmlQName, allowed?: ReadonlySet<string>, typeName = ''): XmlQName {
    const value = this.attrQName(r, i, allowed, typeName);
    if (!sameQName(value, fixed)) {
      this.warnAttr('fixed-value', `Attribute ${r.attrLocal(i)} is fixed to ${showQName(fixed)}`, r, i);
    }
    return value;
  }

  /** A QName-valued attribute `i` of the cursor's current element; `allowed` as for qname. */
  attrQName(r: XmlCursor, i: number, allowed?: ReadonlySet<string>, typeName = ''): XmlQName {
    const scope = r.scope;
    return this.attr((text) => qnameOf(text, scope, allowed, typeName), r, i);
  }

  /** The current element's xs:list of QNames, each resolved in its scope; reads past the element. */
  qnames(r: XmlCursor): XmlQName[] {
    const at = r.start;
    return this.value(qnameList(r.scope), r.text(), at);
  }

  /** An attribute `i` holding an xs:list of QNames. */
  attrQNames(r: XmlCursor, i: number): XmlQName[] {
    return this.attr(qnameList(r.scope), r, i);
  }

  /**
   * An element matched by local name whose namespace differs from the schema's
   * (published examples do this): accepted with a warning, refused in strict mode.
   */
  nsMismatch(r: XmlCursor, expected: string): true {
    this.warn('namespace-mismatch', `Element ${r.local} is in namespace "${r.ns}", expected "${expected}"`, r.start);
    return true;
  }

  /**
   * Reads the children of the cursor's current element (a SOAP Body, starting at offset `parent`)
   * expecting one element {ns}local, read by `read` (given its offset); other elements are
   * reported and passed over.
   */
  single<T>(r: XmlCursor, parent: number, local: string, ns: string, read: (at: number) => T): T {
    return this.singleOf(r, parent, [[local, ns]], (_, at) => read(at));
  }

  /**
   * single() for a part whose element heads a substitution group: the one element may be any of
   * `alternatives` ([local name, namespace]); `read` learns which one it is.
   */
  singleOf<T>(r: XmlCursor, parent: number, alternatives: ReadonlyArray<readonly [string, string]>, read: (which: number, at: number) => T): T {
    let found = false;
    let value: T | undefined;
    let first: { local: string; at: number } | undefined;
    while (r.child()) {
      first ??= { local: r.local, at: r.start };
      let which = found ? -1 : alternatives.findIndex(([local, ns]) => r.local === local && r.ns === ns);
      if (which === -1 && !found) {
        which = alternatives.findIndex(([local]) => r.local === local);
        if (which !== -1) this.nsMismatch(r, alternatives[which]?.[1] ?? '');
      }
      if (which !== -1) {
        found = true;
        value = read(which, r.start);
      } else this.unexpected(r);
    }
    if (!found) {
      const expected = alternatives.map(([local, ns]) => `${local} (namespace "${ns}")`).join(' or ');
      return this.fail('wrong-root', `Expected element ${expected}${first ? `, found ${first.local}` : ', found nothing'}`, first?.at ?? parent);
    }
    return value as T;
  }

  /**
   * The error a parser threw, as a ReadError at the element (or attribute); or, for a string
   * enumeration's unknown value when the options say to keep those, that value with a warning.
   * `parse` is the parser the reader asked for the value.
   */
  private invalid<T>(e: unknown, text: string, at: number, parse: (text: string) => T, attrNs?: string, attrLocal?: string): T {
    if (!(e instanceof ValueError)) throw e;
    // Read again, with enumerations keeping what they do not list: a value that then parses is kept.
    const again = this.keepUnknownEnumerations ? keepingUnknown(() => parse(text)) : undefined;
    if (again !== undefined && again.kept.length > 0) {
      const message = `${again.kept.join('; ')}; kept as read`;
      if (this.strict) this.throwAt('unknown-enumeration', message, at, attrNs, attrLocal);
      this.pending.push(attrNs === undefined || attrLocal === undefined ? { code: 'unknown-enumeration', message, at } : { code: 'unknown-enumeration', message, at, attrNs, attrLocal });
      return again.value;
    }
    // An element that is not nillable sent as nil (xsi:nil="true", no content): that is what to
    // report, at the attribute, rather than that nothing is no value of its type.
    const nil = text === '' && attrNs === undefined ? this.pending.find((p) => p.code === 'not-nillable' && p.at === at) : undefined;
    if (nil !== undefined) this.throwAt(nil.code, `${nil.message}, and its empty content is no value of its type`, at, nil.attrNs, nil.attrLocal);
    const quoted = JSON.stringify(text.length > 64 ? text.slice(0, 61) + '...' : text);
    const detail = e.message.includes(quoted) ? e.message : `Invalid value ${quoted}: ${e.message}`;
    // A value only an enumeration refuses may be one a newer server added: a client says how to accept it.
    const unknownEnumeration = !this.keepUnknownEnumerations && !this.strict && keptOnRetry(() => parse(text));
    const { path, line, col } = this.locate(at, attrNs, attrLocal);
    throw new ReadError('invalid-value', detail, path, line, col, unknownEnumeration ? { cause: e, unknownEnumeration } : { cause: e });
  }

  private throwAt(code: ReadErrorCode, message: string, at: number, attrNs?: string, attrLocal?: string): never {
    const { path, line, col } = this.locate(at, attrNs, attrLocal);
    throw new ReadError(code, message, path, line, col);
  }

  /** The tree of the source document (parsed at most once; throws the document's XmlError if it has one). */
  document(): XmlElement {
    this.tree ??= parseXml(this.source, this.parseOptions);
    return this.tree;
  }

  /** Path, line and column of the element starting at `at` (or of its attribute). */
  private locate(at: number, attrNs?: string, attrLocal?: string): { path: string; line: number; col: number } {
    const el = elementAt(this.document(), at);
    if (el === undefined) return { path: '/', line: 1, col: 1 };
    const pathOf = (this.pathOf ??= elementPaths());
    if (attrLocal !== undefined) {
      const a = el.attrs.find((x) => x.local === attrLocal && x.ns === attrNs);
      if (a !== undefined) return { path: attributePath(el, a, pathOf), line: a.line, col: a.col };
    }
    return { path: pathOf(el), line: el.line, col: el.col };
  }
}

/**
 * The attributes other than xsi:* of the cursor's element when it is nil, which it then reads past;
 * undefined when the element is not nil.
 */
function nilAttributes(r: XmlCursor, ctx: ReadContext): XmlAnyAttribute[] | undefined {
  const value = r.attribute(XSI_NS, 'nil');
  if (value === undefined) return undefined;
  const flag = trimXml(value);
  // xsi:nil is an xs:boolean: another value makes the element neither nil nor valid.
  if (flag !== 'true' && flag !== '1') {
    if (flag !== 'false' && flag !== '0') ctx.warn('invalid-value', `xsi:nil="${value}" is not a boolean (true, false, 1 or 0); the element is read as not nil`, r.start);
    return undefined;
  }
  const attributes: XmlAnyAttribute[] = [];
  for (let i = 0; i < r.attrCount; i++) {
    if (r.attrNs(i) !== XSI_NS) attributes.push({ namespace: r.attrNs(i), localName: r.attrLocal(i), value: r.attrValue(i) });
  }
  const { start, local } = r;
  // A nil element has no content at all, not even whitespace (XML Schema's cvc-elt.3.2.1).
  if (r.next() !== XML_END) {
    ctx.warn('nil-content', `Element ${local} is nil (xsi:nil) but has content, which is not kept`, start);
    r.back();
    r.skip();
  }
  return attributes;
}

/** Names compare by namespace and local name; prefixes play no part. */
function sameQNames(a: readonly XmlQName[], b: readonly XmlQName[]): boolean {
  return a.length === b.length && a.every((q, i) => sameQName(q, b[i] as XmlQName));
}

function showQNames(list: readonly XmlQName[]): string {
  return list.length === 0 ? 'an empty list' : list.map(showQName).join(' ');
}

/** A QName as messages name it: `{namespace}localName`. */
function showQName(q: XmlQName): string {
  return `{${q.namespace}}${q.localName}`;
}

function sameQName(a: XmlQName, b: XmlQName): boolean {
  return a.namespace === b.namespace && a.localName === b.localName;
}

function qnameOf(text: string, scope: NamespaceScope, allowed: ReadonlySet<string> | undefined, typeName: string): XmlQName {
  const value = parseQName(text, (p) => scope.lookup(p));
  return allowed === undefined ? value : checkQNameIn(value, allowed, typeName);
}

/** A parser of xs:list text whose items are QNames resolved in `scope`. */
function qnameList(scope: NamespaceScope): (text: string) => XmlQName[] {
  return (text) => splitList(text).map((item) => parseQName(item, (p) => scope.lookup(p)));
}

/** Whether `parse` succeeds once enumerations keep the values they do not list (and keeps one). */
function keptOnRetry(parse: () => unknown): boolean {
  return (keepingUnknown(parse)?.kept.length ?? 0) > 0;
}
