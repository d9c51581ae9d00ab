import { isNameCode } from './chars';
import { parseQName, type XmlQName } from '../scalars/qname';
import { escapeAttr, escapeText } from './writer';
import {
  BASE_SCOPE,
  Scope,
  XML_END,
  XML_START,
  XML_TEXT,
  XmlCursor,
  byPrefix,
  lineEndFrom,
  registerTreeParser,
  type NamespaceScope,
  type ParseOptions,
} from './cursor';

export { DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH } from './cursor';
export type { NamespaceScope, ParseOptions } from './cursor';

export interface XmlAttribute {
  readonly ns: string;
  readonly local: string;
  readonly prefix: string;
  readonly value: string;
  readonly line: number;
  readonly col: number;
}

export interface XmlElement {
  readonly ns: string;
  readonly local: string;
  readonly prefix: string;
  /** Namespace declarations (xmlns, xmlns:p) are not included. */
  readonly attrs: XmlAttribute[];
  readonly children: XmlElement[];
  /** All direct character data concatenated: references decoded, CDATA included, line ends normalised. */
  text: string;
  readonly parent: XmlElement | null;
  /** 1-based position of the '<'. */
  readonly line: number;
  readonly col: number;
  /** [start, end) offsets in the source string covering the whole element. */
  readonly start: number;
  end: number;
  /** In-scope namespaces; shared with the parent when the element declares none. */
  readonly scope: NamespaceScope;
  /** Only with ParseOptions.keepMixed: character data and child elements in document order. */
  mixed?: Array<string | XmlElement>;
}

const LT = 60;
const GT = 62;

/**
 * Shared by every parsed element without attributes or children, so that the many leaves of a
 * large document cost no array each. Frozen: the tree is the parser's output, not a place to build.
 */
const NO_ATTRS = Object.freeze([]) as readonly XmlAttribute[] as XmlAttribute[];
const NO_CHILDREN = Object.freeze([]) as readonly XmlElement[] as XmlElement[];

class Element implements XmlElement {
  readonly attrs: XmlAttribute[];
  /** Set when the element closes, as an array of exactly its children (NO_CHILDREN when none). */
  children: XmlElement[] = NO_CHILDREN;
  text = '';
  end: number;
  declare mixed?: Array<string | XmlElement>;

  constructor(
    readonly ns: string,
    readonly local: string,
    readonly prefix: string,
    attrs: XmlAttribute[],
    readonly parent: Element | null,
    readonly line: number,
    readonly col: number,
    readonly start: number,
    readonly scope: NamespaceScope,
  ) {
    this.attrs = attrs;
    this.end = start;
  }
}

/**
 * The source text of each parsed document, by document element: serializeElement copies subtrees
 * from it. Kept outside the tree so elements carry no extra field and compare as before.
 */
const SOURCES = new WeakMap<XmlElement, string>();

/** The source text of the document `el` was parsed from, when parseXml made it. */
export function sourceOf(el: XmlElement): string | undefined {
  let root = el;
  while (root.parent !== null) root = root.parent;
  return SOURCES.get(root);
}

/**
 * Parses a complete XML document into a tree and returns its document element. Throws XmlError.
 * Typed reading does not need this (generated readers pull from an XmlCursor); it is here for
 * generic XML, faults, and to locate what a reader reports.
 */
export function parseXml(source: string, options?: ParseOptions): XmlElement {
  return new TreeBuilder(new XmlCursor(source, options), options?.keepMixed === true).build();
}

registerTreeParser(parseXml);

class TreeBuilder {
  private root: Element | null = null;
  private current: Element | null = null;
  /**
   * Children of the open elements, each level's after its parent's, up to `childTop`: an element's
   * children array is sliced from here when it closes, so it is exactly as long as needed.
   * `childStarts[d]` is where the children of the open element at depth d begin.
   */
  private readonly childStack: Element[] = [];
  private childTop = 0;
  private readonly childStarts: number[] = [];
  // Line tracking advances monotonically with the positions elements and attributes are created at.
  private lineNo = 1;
  private lineStart: number;
  private nextNewline = -1;
  private readonly hasCR: boolean;

  constructor(
    private readonly r: XmlCursor,
    private readonly keepMixed: boolean,
  ) {
    // Columns count from after the byte order mark.
    this.lineStart = r.source.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.hasCR = r.source.indexOf('\r') !== -1;
    r.errorPath = (pending) => {
      this.fillOpenChildren();
      let path = this.current === null ? '' : elementPath(this.current);
      if (pending !== '') path += '/' + pending;
      return path === '' ? '/' : path;
    };
  }

  build(): XmlElement {
    const r = this.r;
    for (;;) {
      const k = r.next();
      if (k === XML_START) this.open();
      else if (k === XML_END) this.close();
      else if (k === XML_TEXT) this.appendText(this.current!, r.value);
      else break;
    }
    const root = this.root!;
    SOURCES.set(root, r.source);
    return root;
  }

  private open(): void {
    const r = this.r;
    this.advanceTo(r.start);
    const line = this.lineNo;
    const col = r.start - this.lineStart + 1;
    let attrs = NO_ATTRS;
    if (r.attrCount > 0) {
      attrs = [];
      for (let i = 0; i < r.attrCount; i++) {
        const at = r.attrStart(i);
        this.advanceTo(at);
        attrs.push({ ns: r.attrNs(i), local: r.attrLocal(i), prefix: r.attrPrefix(i), value: r.attrValue(i), line: this.lineNo, col: at - this.lineStart + 1 });
      }
    }
    const parent = this.current;
    const el = new Element(r.ns, r.local, r.prefix, attrs, parent, line, col, r.start, r.scope);
    if (this.keepMixed) el.mixed = [];
    if (parent === null) {
      this.root = el;
    } else {
      this.childStack[this.childTop++] = el;
      if (parent.mixed !== undefined) parent.mixed.push(el);
    }
    this.current = el;
    this.childStarts.push(this.childTop);
  }

  private close(): void {
    const cur = this.current!;
    cur.end = this.r.end;
    const from = this.childStarts.pop()!;
    if (this.childTop > from) {
      cur.children = this.childStack.slice(from, this.childTop);
      this.childTop = from;
    }
    this.current = cur.parent;
  }

  private appendText(el: Element, text: string): void {
    el.text += text;
    const mixed = el.mixed;
    if (mixed !== undefined) {
      const last = mixed.length - 1;
      const prev = mixed[last];
      if (typeof prev === 'string') mixed[last] = prev + text;
      else mixed.push(text);
    }
  }

  /** Gives the open elements the children read so far, so that paths in errors count siblings. */
  private fillOpenChildren(): void {
    let end = this.childTop;
    let d = this.childStarts.length - 1;
    for (let e = this.current; e !== null && d >= 0; e = e.parent, d--) {
      const from = this.childStarts[d]!;
      if (end > from) e.children = this.childStack.slice(from, end);
      end = from;
    }
  }

  /** Moves the line tracker to `at`, which must not be before the previous call's position. */
  private advanceTo(at: number): void {
    let nl = this.nextNewline;
    if (nl >= at) return;
    const src = this.r.source;
    if (nl === -1) nl = lineEndFrom(src, 0, this.hasCR);
    while (nl < at) {
      this.lineNo++;
      this.lineStart = nl + 1;
      nl = lineEndFrom(src, nl + 1, this.hasCR);
    }
    this.nextNewline = nl;
  }
}

/**
 * The element of a parsed tree whose start tag begins at source offset `start`, or undefined.
 */
export function elementAt(root: XmlElement, start: number): XmlElement | undefined {
  let el = root;
  for (;;) {
    if (el.start === start) return el;
    const kids = el.children;
    let lo = 0;
    let hi = kids.length - 1;
    let found: XmlElement | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = kids[mid]!;
      if (k.start <= start) {
        found = k;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === undefined || start >= found.end) return undefined;
    el = found;
  }
}

/**
 * The location of an element as "/Envelope/Body/Item[2]": local names, with a 1-based index
 * where the parent has more than one child of the same expanded name.
 */
export function elementPath(el: XmlElement): string {
  return elementPaths()(el);
}

/**
 * elementPath for many elements of one finished tree: each parent's children are counted once, so
 * locating thousands of elements under one parent stays linear.
 */
export function elementPaths(): (el: XmlElement) => string {
  const segments = new WeakMap<XmlElement, string>();
  const key = (c: XmlElement): string => `{${c.ns}}${c.local}`;
  const countChildren = (parent: XmlElement): void => {
    const totals = new Map<string, number>();
    for (const c of parent.children) totals.set(key(c), (totals.get(key(c)) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const c of parent.children) {
      const k = key(c);
      const index = (seen.get(k) ?? 0) + 1;
      seen.set(k, index);
      segments.set(c, (totals.get(k) ?? 0) > 1 ? `/${c.local}[${index}]` : `/${c.local}`);
    }
  };
  return (el) => {
    let path = '';
    for (let e: XmlElement | null = el; e !== null; e = e.parent) {
      // Counting a parent's children names all of them; the root has no siblings to count.
      if (e.parent !== null && !segments.has(e)) countChildren(e.parent);
      path = (segments.get(e) ?? '/' + e.local) + path;
    }
    return path;
  };
}

/** `pathOf` lets a caller locating many attributes of one tree share an elementPaths(). */
export function attributePath(el: XmlElement, attr: XmlAttribute, pathOf: (el: XmlElement) => string = elementPath): string {
  return `${pathOf(el)}/@${attr.local}`;
}

/** Resolves QName-valued content such as "a:ErrorSchemaValidation" against the element's scope. */
export function resolveQName(el: XmlElement, lexical: string): XmlQName {
  return parseQName(lexical, (prefix) => el.scope.lookup(prefix));
}

// ---- serialization of subtrees ----

// What may be a prefix used in a value: a QName (soap:Server), or a QName inside an expression
// (ONVIF's topic `tns1:VideoSource//.`, an XPath filter `//tt:SimpleItem[@Name='x']`). A prefix
// counts only where it is declared, and keeping a declaration nothing uses costs nothing else.
// Not inside a longer name: no name character (of any script) before it.
const PREFIX_USE = /(?<![\p{L}\p{M}\p{N}_.:\u00B7-])([A-Za-z_][\w.-]*):(?=[A-Za-z_])/gu;

function ownDeclarations(el: XmlElement): Array<[string, string]> {
  const parentScope = el.parent === null ? BASE_SCOPE : el.parent.scope;
  if (el.scope === parentScope) return [];
  if (el.scope instanceof Scope && el.scope.parent === parentScope) {
    const out: Array<[string, string]> = [];
    for (const [prefix, uri] of el.scope.own) if (prefix !== 'xml') out.push([prefix, uri]);
    return out.sort(byPrefix);
  }
  const outer = new Map(parentScope.declarations());
  const out: Array<[string, string]> = [];
  for (const [prefix, uri] of el.scope.declarations()) if (outer.get(prefix) !== uri) out.push([prefix, uri]);
  if (el.scope.lookup('') === undefined && parentScope.lookup('') !== undefined) out.push(['', '']);
  return out.sort(byPrefix);
}

function qualified(prefix: string, local: string): string {
  return prefix === '' ? local : `${prefix}:${local}`;
}

function declarationText(prefix: string, uri: string): string {
  return `${prefix === '' ? ' xmlns' : ' xmlns:' + prefix}="${escapeAttr(uri)}"`;
}

/**
 * Self-contained XML text for `el` and its subtree. Namespaces the subtree uses but inherits from
 * outside are declared on the top element (xmlns="" when it relies on having no default namespace),
 * so the text keeps its meaning wherever it is pasted. Prefixes that only appear inside QName-like
 * values ("t:Foo") are declared too when they are in scope.
 *
 * For an element of a tree returned by parseXml the result is the element's own source text,
 * character for character (references, CDATA sections, comments, line ends and the order of text
 * and child elements as written), with only those declarations added to its start tag. It reflects
 * the document as parsed: later changes to the tree's `text` are not seen. Elements built by other
 * means are written from the tree, mixed content in order when `mixed` is present.
 */
export function serializeElement(el: XmlElement): string {
  const inherited = new Map<string, string>();
  collectInherited(el, new Set(ownDeclarations(el).map(([p]) => p)), el.scope, inherited);
  const extra = [...inherited].sort(byPrefix);
  const raw = rawSlice(el, extra);
  if (raw !== undefined) return raw;
  const parts: string[] = [];
  writeElement(el, extra, parts);
  return parts.join('');
}

/** The element's source text with `extra` declared on its start tag, when the source is known. */
function rawSlice(el: XmlElement, extra: ReadonlyArray<readonly [string, string]>): string | undefined {
  const src = sourceOf(el);
  if (src === undefined) return undefined;
  const nameEnd = el.start + 1 + el.prefix.length + (el.prefix === '' ? 0 : 1) + el.local.length;
  if (
    el.end <= nameEnd ||
    el.end > src.length ||
    src.charCodeAt(el.start) !== LT ||
    !src.startsWith(qualified(el.prefix, el.local), el.start + 1) ||
    isNameCode(src.charCodeAt(nameEnd)) ||
    src.charCodeAt(el.end - 1) !== GT
  ) {
    return undefined;
  }
  if (extra.length === 0) return src.slice(el.start, el.end);
  let declarations = '';
  for (const [prefix, uri] of extra) declarations += declarationText(prefix, uri);
  return src.slice(el.start, nameEnd) + declarations + src.slice(nameEnd, el.end);
}

function collectInherited(
  el: XmlElement,
  declaredInside: ReadonlySet<string>,
  rootScope: NamespaceScope,
  out: Map<string, string>,
): void {
  const need = (prefix: string, uri: string | undefined): void => {
    // The xml prefix is bound everywhere; declaring it again is allowed but pointless.
    if (uri !== undefined && prefix !== 'xml' && !declaredInside.has(prefix) && !out.has(prefix)) out.set(prefix, uri);
  };
  need(el.prefix, el.prefix === '' ? el.ns : rootScope.lookup(el.prefix));
  const prefixesIn = (value: string): void => {
    if (value.indexOf(':') === -1) return;
    for (const m of value.matchAll(PREFIX_USE)) if (el.scope.lookup(m[1]!) !== undefined) need(m[1]!, rootScope.lookup(m[1]!));
  };
  for (const a of el.attrs) {
    if (a.prefix !== '') need(a.prefix, rootScope.lookup(a.prefix));
    prefixesIn(a.value);
  }
  prefixesIn(el.text);
  for (const child of el.children) {
    const own = ownDeclarations(child);
    let inside = declaredInside;
    if (own.length > 0) {
      const s = new Set(declaredInside);
      for (const [p] of own) s.add(p);
      inside = s;
    }
    collectInherited(child, inside, rootScope, out);
  }
}

function writeElement(el: XmlElement, extra: ReadonlyArray<readonly [string, string]>, parts: string[]): void {
  const name = qualified(el.prefix, el.local);
  let tag = '<' + name;
  const declared = ownDeclarations(el);
  if (extra.length > 0) {
    for (const [p, u] of extra) declared.push([p, u]);
    declared.sort(byPrefix);
  }
  for (const [prefix, uri] of declared) tag += declarationText(prefix, uri);
  for (const a of el.attrs) tag += ` ${qualified(a.prefix, a.local)}="${escapeAttr(a.value)}"`;
  const mixed = el.mixed;
  if (el.children.length === 0 && el.text === '') {
    parts.push(tag + '/>');
    return;
  }
  parts.push(tag + '>');
  if (mixed !== undefined) {
    for (const item of mixed) {
      if (typeof item === 'string') parts.push(escapeText(item));
      else writeElement(item, [], parts);
    }
  } else {
    if (el.text !== '') parts.push(escapeText(el.text));
    for (const child of el.children) writeElement(child, [], parts);
  }
  parts.push(`</${name}>`);
}
