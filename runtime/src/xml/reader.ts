import { XmlError, type XmlErrorCode } from '../errors';
import { XML_NS, XMLNS_NS } from '../namespaces';
import {
  FORBIDDEN_CHAR,
  describeCodeUnit,
  isNCName,
  isNameCode,
  isNameStartCode,
  isXmlCharCodePoint,
  isXmlWhitespaceCode,
} from './chars';
import { parseQName, type XmlQName } from '../scalars/qname';
import { escapeAttr, escapeText } from './writer';

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

export interface NamespaceScope {
  /** The URI bound to `prefix` ('' for the default namespace), or undefined when unbound. */
  lookup(prefix: string): string | undefined;
  /**
   * Every binding in scope, innermost wins, sorted by prefix. The implicit xml prefix and an
   * undeclared default namespace (xmlns="") are left out.
   */
  declarations(): Array<[prefix: string, uri: string]>;
}

export interface ParseOptions {
  /** Maximum element nesting depth; the document element is depth 1. Default 256. */
  maxDepth?: number;
  /** Maximum source length in UTF-16 code units. Default 64 MiB. */
  maxBytes?: number;
  /** Maximum attributes per element, namespace declarations included. Default 1024. */
  maxAttributes?: number;
  /** Fill XmlElement.mixed. */
  keepMixed?: boolean;
}

export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ATTRIBUTES = 1024;

class Scope implements NamespaceScope {
  constructor(
    readonly parent: Scope | null,
    /** Declarations made at this level; '' as a value records xmlns="". */
    readonly own: ReadonlyMap<string, string>,
  ) {}

  lookup(prefix: string): string | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const uri = s.own.get(prefix);
      if (uri !== undefined) return uri === '' ? undefined : uri;
    }
    return undefined;
  }

  declarations(): Array<[prefix: string, uri: string]> {
    const seen = new Map<string, string>();
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      if (s === BASE_SCOPE) break;
      for (const [prefix, uri] of s.own) if (!seen.has(prefix)) seen.set(prefix, uri);
    }
    const out: Array<[string, string]> = [];
    for (const [prefix, uri] of seen) if (uri !== '' && prefix !== 'xml') out.push([prefix, uri]);
    return out.sort(byPrefix);
  }
}

function byPrefix(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

const BASE_SCOPE = new Scope(null, new Map([['xml', XML_NS]]));

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
 * A qualified name as written, split once per document however often it occurs, so that repeated
 * element and attribute names share their strings. Also remembers the namespace the name last
 * resolved to and in which scope, since most elements share their parent's scope.
 */
class Name {
  readonly colon: number;
  readonly prefix: string;
  readonly local: string;
  /** checkQName has accepted the name. */
  checked = false;
  scope: Scope | null = null;
  ns = '';

  constructor(
    readonly qname: string,
    readonly hash: number,
  ) {
    const colon = qname.indexOf(':');
    this.colon = colon;
    this.prefix = colon === -1 ? '' : qname.slice(0, colon);
    this.local = colon === -1 ? qname : qname.slice(colon + 1);
  }
}

/** Slots of the per-document name table (a power of two), how many names it keeps, and probes per lookup. */
const NAME_SLOTS = 128;
const NAME_LIMIT = 96;
const NAME_PROBES = 8;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;
const SPACE = 32;

const CR_RE = /\r\n?/g;
const ATTR_WS_RE = /\r\n|[\t\n\r]/g;
const S = '[ \\t\\r\\n]';
const quoted = (body: string): string => `(?:"${body}"|'${body}')`;
const XML_DECL_RE = new RegExp(
  `^<\\?xml${S}+version${S}*=${S}*${quoted('1\\.[0-9]+')}` +
    `(?:${S}+encoding${S}*=${S}*${quoted('[A-Za-z][A-Za-z0-9._-]*')})?` +
    `(?:${S}+standalone${S}*=${S}*${quoted('(?:yes|no)')})?${S}*\\?>$`,
);

/**
 * The source text of each parsed document, by document element: serializeElement copies subtrees
 * from it. Kept outside the tree so elements carry no extra field and compare as before.
 */
const SOURCES = new WeakMap<XmlElement, string>();

/** Parses a complete XML document and returns its document element. Throws XmlError. */
export function parseXml(source: string, options?: ParseOptions): XmlElement {
  return new Parser(source, options).parse();
}

class Parser {
  private readonly src: string;
  private readonly len: number;
  private readonly maxDepth: number;
  private readonly maxBytes: number;
  private readonly maxAttributes: number;
  private readonly keepMixed: boolean;

  private root: Element | null = null;
  private current: Element | null = null;
  private depth = 0;
  /** Raw qualified names of the open elements, to match end tags without rebuilding strings. */
  private readonly openNames: string[] = [];
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
  private lineStart = 0;
  private nextNewline = -1;

  // Next occurrences of rarely present characters, so that most text runs skip decoding entirely.
  // A value of `len` means "none left".
  private nextAmp = -1;
  private nextCr = -1;
  private nextCdataEnd = -1;

  /** Open-addressing table of the names seen so far, by a hash of their characters. */
  private readonly nameTable: Array<Name | undefined> = new Array<Name | undefined>(NAME_SLOTS);
  private nameCount = 0;
  /** Hash of the name scanHashedName last read. */
  private nameHash = 0;

  // Attribute scratch space, reused for every start tag.
  private readonly attrNames: Name[] = [];
  private readonly attrValues: string[] = [];
  private readonly attrStarts: number[] = [];

  /** Name of the element whose start tag is being read, for error paths. */
  private pendingName = '';

  constructor(source: string, options: ParseOptions | undefined) {
    this.src = source;
    this.len = source.length;
    this.maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxAttributes = options?.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
    this.keepMixed = options?.keepMixed === true;
  }

  parse(): XmlElement {
    const src = this.src;
    const len = this.len;
    if (len > this.maxBytes) {
      throw new XmlError('too-large', `Document of ${len} characters exceeds the limit of ${this.maxBytes}`, '/', 1, 1);
    }
    this.checkCharacters();
    let pos = 0;
    if (src.charCodeAt(0) === 0xfeff) {
      // Columns count from after the byte order mark.
      pos = 1;
      this.lineStart = 1;
    }
    if (src.startsWith('<?xml', pos) && isXmlWhitespaceCode(src.charCodeAt(pos + 5))) pos = this.xmlDeclaration(pos);
    for (;;) {
      const lt = src.indexOf('<', pos);
      const textEnd = lt === -1 ? len : lt;
      if (textEnd > pos) this.characterData(pos, textEnd);
      if (lt === -1) break;
      const c = src.charCodeAt(lt + 1);
      if (c === SLASH) pos = this.endTag(lt);
      else if (c === BANG) pos = this.markup(lt);
      else if (c === QUESTION) pos = this.processingInstruction(lt);
      else pos = this.startTag(lt);
    }
    const open = this.current;
    if (open !== null) {
      this.fail(
        `Element <${this.openNames[this.depth - 1] ?? open.local}> opened at line ${open.line}:${open.col} is never closed`,
        len,
        'The document may be truncated.',
      );
    }
    if (this.root === null) this.fail('The document has no root element', len);
    SOURCES.set(this.root, src);
    return this.root;
  }

  // ---- errors and positions ----

  private fail(detail: string, at: number, remedy?: string, code: XmlErrorCode = 'not-well-formed'): never {
    const [line, col] = this.lineColAt(at);
    this.fillOpenChildren();
    let path = this.current === null ? '' : elementPath(this.current);
    if (this.pendingName !== '') path += '/' + localOf(this.pendingName);
    throw new XmlError(code, detail, path === '' ? '/' : path, line, col, remedy);
  }

  private lineColAt(at: number): [number, number] {
    const src = this.src;
    let line = 1;
    let lineStart = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let nl = src.indexOf('\n'); nl !== -1 && nl < at; nl = src.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    return [line, at - lineStart + 1];
  }

  /** Gives the open elements the children read so far, so that paths in errors count siblings. */
  private fillOpenChildren(): void {
    let end = this.childTop;
    let d = this.depth - 1;
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
    const src = this.src;
    if (nl === -1) {
      nl = src.indexOf('\n');
      if (nl === -1) nl = this.len;
    }
    while (nl < at) {
      this.lineNo++;
      this.lineStart = nl + 1;
      nl = src.indexOf('\n', nl + 1);
      if (nl === -1) nl = this.len;
    }
    this.nextNewline = nl;
  }

  private checkCharacters(): void {
    const m = FORBIDDEN_CHAR.exec(this.src);
    if (m !== null) {
      const c = this.src.charCodeAt(m.index);
      const what = c >= 0xd800 && c <= 0xdfff ? `Unpaired surrogate ${describeCodeUnit(c)}` : `Character ${describeCodeUnit(c)}`;
      this.fail(
        `${what} is not allowed in XML 1.0`,
        m.index,
        'Such characters cannot appear in XML at all, not even as character references; fix the producer.',
      );
    }
  }

  // ---- prolog, comments, processing instructions ----

  private xmlDeclaration(pos: number): number {
    const end = this.src.indexOf('?>', pos);
    if (end === -1 || !XML_DECL_RE.test(this.src.slice(pos, end + 2))) {
      this.fail('Malformed XML declaration', pos);
    }
    return end + 2;
  }

  private processingInstruction(lt: number): number {
    const src = this.src;
    const nameEnd = this.scanName(lt + 2);
    if (nameEnd === lt + 2) this.fail("Expected a processing instruction target after '<?'", lt + 2);
    const target = src.slice(lt + 2, nameEnd);
    if (target.toLowerCase() === 'xml') {
      this.fail(
        'An XML declaration is allowed only at the very start of the document',
        lt,
        'Remove the declaration or anything before it, including whitespace.',
      );
    }
    const c = src.charCodeAt(nameEnd);
    if (!isXmlWhitespaceCode(c) && !(c === QUESTION && src.charCodeAt(nameEnd + 1) === GT)) {
      this.fail('Malformed processing instruction', nameEnd);
    }
    const end = src.indexOf('?>', nameEnd);
    if (end === -1) this.fail("Processing instruction is not terminated by '?>'", lt);
    return end + 2;
  }

  /** `<!` constructs: comments, CDATA sections, and the refused DOCTYPE. */
  private markup(lt: number): number {
    const src = this.src;
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end === -1) this.fail("Comment is not terminated by '-->'", lt);
      const dashes = src.indexOf('--', lt + 4);
      if (dashes < end) this.fail("'--' is not allowed inside a comment", dashes);
      return end + 3;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const cur = this.current;
      if (cur === null) this.fail('CDATA section outside the root element', lt);
      const start = lt + 9;
      const end = src.indexOf(']]>', start);
      if (end === -1) this.fail("CDATA section is not terminated by ']]>'", lt);
      let text = src.slice(start, end);
      if (text.indexOf('\r') !== -1) text = text.replace(CR_RE, '\n');
      this.appendText(cur, text);
      return end + 3;
    }
    if (src.startsWith('<!DOCTYPE', lt)) {
      this.fail('DOCTYPE declaration found', lt, undefined, 'doctype-forbidden');
    }
    this.fail("Unrecognised markup after '<!'", lt);
  }

  // ---- character data ----

  private characterData(start: number, end: number): void {
    const src = this.src;
    const cur = this.current;
    if (cur === null) {
      for (let i = start; i < end; i++) {
        if (!isXmlWhitespaceCode(src.charCodeAt(i))) {
          this.fail(
            this.root === null ? 'Text before the root element' : 'Text after the root element',
            i,
            'Only whitespace, comments and processing instructions may surround the root element.',
          );
        }
      }
      return;
    }
    if (this.nextCdataEnd < start) this.nextCdataEnd = this.find(']]>', start);
    if (this.nextCdataEnd < end) this.fail("']]>' is not allowed in character data", this.nextCdataEnd, "Escape '>' as &gt;.");
    if (this.nextCr < start) this.nextCr = this.find('\r', start);
    const hasCr = this.nextCr < end;
    if (this.nextAmp < start) this.nextAmp = this.find('&', start);
    let text: string;
    if (this.nextAmp < end) {
      text = this.decode(start, end, hasCr, false);
    } else {
      text = src.slice(start, end);
      if (hasCr) text = text.replace(CR_RE, '\n');
    }
    this.appendText(cur, text);
  }

  private find(needle: string, from: number): number {
    const i = this.src.indexOf(needle, from);
    return i === -1 ? this.len : i;
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

  /** Decodes references in src[start, end) and normalises line ends (attribute values: all whitespace). */
  private decode(start: number, end: number, hasCr: boolean, attribute: boolean): string {
    const src = this.src;
    let out = '';
    let p = start;
    while (p < end) {
      let amp = src.indexOf('&', p);
      if (amp === -1 || amp > end) amp = end;
      if (amp > p) {
        let chunk = src.slice(p, amp);
        if (attribute) chunk = chunk.replace(ATTR_WS_RE, ' ');
        else if (hasCr) chunk = chunk.replace(CR_RE, '\n');
        out += chunk;
      }
      if (amp === end) break;
      const semi = src.indexOf(';', amp + 1);
      if (semi === -1 || semi >= end) {
        this.fail("'&' does not start an entity or character reference", amp, "Escape a literal '&' as &amp;.");
      }
      out += this.reference(amp, semi);
      p = semi + 1;
    }
    return out;
  }

  private reference(amp: number, semi: number): string {
    const name = this.src.slice(amp + 1, semi);
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120; /* x */
      const digits = name.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) {
        this.fail(`Malformed character reference &${name};`, amp);
      }
      const significant = digits.replace(/^0+(?=.)/, '');
      const cp = significant.length > 8 ? -1 : parseInt(significant, hex ? 16 : 10);
      if (!isXmlCharCodePoint(cp)) {
        this.fail(
          `Character reference &${name}; refers to a character XML 1.0 does not allow`,
          amp,
          'Such characters cannot be carried in XML; fix the producer.',
        );
      }
      return String.fromCodePoint(cp);
    }
    if (!isNameStartCode(name.charCodeAt(0))) {
      this.fail("'&' does not start an entity or character reference", amp, "Escape a literal '&' as &amp;.");
    }
    this.fail(
      `Undeclared entity &${name};`,
      amp,
      'Only &lt; &gt; &amp; &quot; &apos; and character references are supported; DTD entities are never expanded.',
    );
  }

  // ---- tags ----

  /** Returns the end of the Name starting at `p` (equal to `p` when there is none). */
  private scanName(p: number): number {
    const src = this.src;
    if (!isNameStartCode(src.charCodeAt(p))) return p;
    let i = p + 1;
    while (isNameCode(src.charCodeAt(i))) i++;
    return i;
  }

  /** scanName that also hashes the name into `nameHash`. */
  private scanHashedName(p: number): number {
    const src = this.src;
    let c = src.charCodeAt(p);
    if (!isNameStartCode(c)) return p;
    let h = c;
    let i = p + 1;
    for (;;) {
      c = src.charCodeAt(i);
      if (!isNameCode(c)) break;
      h = (Math.imul(h, 31) + c) | 0;
      i++;
    }
    // Mix the high bits into the low ones, which pick the slot.
    h ^= h >>> 16;
    h = Math.imul(h, 0x45d9f3b);
    this.nameHash = h ^ (h >>> 16);
    return i;
  }

  /** The Name for src[start, end), which scanHashedName has just read. */
  private name(start: number, end: number): Name {
    const src = this.src;
    const hash = this.nameHash;
    const length = end - start;
    const table = this.nameTable;
    let slot = hash & (NAME_SLOTS - 1);
    for (let probe = 0; probe < NAME_PROBES; probe++) {
      const entry = table[slot];
      if (entry === undefined) {
        const created = new Name(src.slice(start, end), hash);
        if (this.nameCount < NAME_LIMIT) {
          table[slot] = created;
          this.nameCount++;
        }
        return created;
      }
      if (entry.hash === hash && entry.qname.length === length && src.startsWith(entry.qname, start)) return entry;
      slot = (slot + 1) & (NAME_SLOTS - 1);
    }
    return new Name(src.slice(start, end), hash);
  }

  private skipWhitespace(p: number): number {
    const src = this.src;
    while (isXmlWhitespaceCode(src.charCodeAt(p))) p++;
    return p;
  }

  private startTag(lt: number): number {
    const src = this.src;
    const nameEnd = this.scanHashedName(lt + 1);
    if (nameEnd === lt + 1) this.fail("Expected an element name after '<'", lt + 1, "Escape a literal '<' as &lt;.");
    const elName = this.name(lt + 1, nameEnd);
    const qname = elName.qname;
    this.pendingName = qname;
    if (this.current === null && this.root !== null) {
      this.fail('A second root element', lt, 'A document has exactly one root element.');
    }

    const names = this.attrNames;
    const values = this.attrValues;
    const starts = this.attrStarts;
    let count = 0;
    let p = nameEnd;
    let selfClosing = false;
    for (;;) {
      const afterName = p;
      p = this.skipWhitespace(p);
      const c = src.charCodeAt(p);
      if (c === GT) {
        p++;
        break;
      }
      if (c === SLASH && src.charCodeAt(p + 1) === GT) {
        p += 2;
        selfClosing = true;
        break;
      }
      if (p >= this.len) this.fail(`Start tag <${qname}> is not terminated`, lt, 'The document may be truncated.');
      if (p === afterName) this.fail('Expected whitespace, \'>\' or \'/>\' in a start tag', p);
      const an = p;
      p = this.scanHashedName(p);
      if (p === an) this.fail('Expected an attribute name', an);
      const attrEntry = this.name(an, p);
      const attrName = attrEntry.qname;
      p = this.skipWhitespace(p);
      if (src.charCodeAt(p) !== EQ) this.fail(`Expected '=' after attribute name ${attrName}`, p);
      p = this.skipWhitespace(p + 1);
      const quote = src.charCodeAt(p);
      if (quote !== DQUOTE && quote !== SQUOTE) this.fail(`Attribute value of ${attrName} must be quoted`, p);
      const vs = p + 1;
      let v = vs;
      let special = false;
      for (;;) {
        const d = src.charCodeAt(v);
        if (d === quote) break;
        // Written so that NaN (past the end) takes the slow branch too.
        if (!(d >= SPACE) || d === AMP || d === LT) {
          if (d === LT) this.fail(`'<' is not allowed in the value of attribute ${attrName}`, v, "Escape it as &lt;.");
          if (v >= this.len) this.fail(`Attribute value of ${attrName} is not terminated`, vs - 1);
          special = true;
        }
        v++;
      }
      if (count === this.maxAttributes) {
        this.fail(`Element has more than ${this.maxAttributes} attributes`, an, undefined, 'too-many-attributes');
      }
      names[count] = attrEntry;
      values[count] = special ? this.decode(vs, v, false, true) : src.slice(vs, v);
      starts[count] = an;
      count++;
      p = v + 1;
    }

    const parent = this.current;
    let scope: Scope = parent === null ? BASE_SCOPE : (parent.scope as Scope);
    let own: Map<string, string> | null = null;
    let plain = 0;
    for (let i = 0; i < count; i++) {
      const name = names[i]!.qname;
      if (name.charCodeAt(0) !== 120 /* x */ || !name.startsWith('xmlns') || (name.length > 5 && name.charCodeAt(5) !== COLON)) {
        plain++;
        continue;
      }
      own ??= new Map();
      const prefix = name.length === 5 ? '' : name.slice(6);
      if (name.length > 5 && prefix === '') this.fail("'xmlns:' declares an empty prefix", starts[i]!);
      const uri = values[i]!;
      this.checkDeclaration(prefix, uri, starts[i]!);
      if (own.has(prefix)) this.fail(`Duplicate attribute ${name}`, starts[i]!);
      own.set(prefix, uri);
    }
    if (own !== null) scope = new Scope(scope, own);

    const prefix = elName.prefix;
    const local = elName.local;
    let ns = elName.ns;
    // The namespace the name resolved to last time holds while the scope is the same.
    if (elName.scope !== scope) {
      const colon = elName.colon;
      if (colon === -1) {
        ns = scope.lookup('') ?? '';
      } else {
        if (!elName.checked) {
          this.checkQName(qname, colon, lt + 1);
          elName.checked = true;
        }
        const bound = prefix === 'xmlns' ? undefined : scope.lookup(prefix);
        if (bound === undefined) {
          this.fail(`Namespace prefix '${prefix}' of element <${qname}> is not declared`, lt + 1, declareHint(prefix));
        }
        ns = bound;
      }
      elName.scope = scope;
      elName.ns = ns;
    }

    this.advanceTo(lt);
    const line = this.lineNo;
    const col = lt - this.lineStart + 1;

    let attrs = NO_ATTRS;
    if (plain > 0) {
      attrs = [];
      for (let i = 0; i < count; i++) {
        const entry = names[i]!;
        const name = entry.qname;
        if (name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === COLON)) continue;
        const at = starts[i]!;
        const ac = entry.colon;
        const aPrefix = entry.prefix;
        const aLocal = entry.local;
        let aNs = '';
        if (ac !== -1) {
          if (!entry.checked) {
            this.checkQName(name, ac, at);
            entry.checked = true;
          }
          const bound = scope.lookup(aPrefix);
          if (bound === undefined) {
            this.fail(`Namespace prefix '${aPrefix}' of attribute ${name} is not declared`, at, declareHint(aPrefix));
          }
          aNs = bound;
        }
        for (let j = 0; j < attrs.length; j++) {
          const other = attrs[j]!;
          if (other.local === aLocal && other.ns === aNs) {
            this.fail(
              other.prefix === aPrefix
                ? `Duplicate attribute ${name}`
                : `Attributes ${other.prefix}:${other.local} and ${name} have the same expanded name`,
              at,
            );
          }
        }
        this.advanceTo(at);
        const value = values[i]!;
        attrs.push({ ns: aNs, local: aLocal, prefix: aPrefix, value, line: this.lineNo, col: at - this.lineStart + 1 });
      }
    }

    if (this.depth >= this.maxDepth) {
      this.fail(`Element nesting exceeds the limit of ${this.maxDepth}`, lt, undefined, 'too-deep');
    }
    const el = new Element(ns, local, prefix, attrs, parent, line, col, lt, scope);
    if (this.keepMixed) el.mixed = [];
    if (parent === null) {
      this.root = el;
    } else {
      this.childStack[this.childTop++] = el;
      if (parent.mixed !== undefined) parent.mixed.push(el);
    }
    this.pendingName = '';
    if (selfClosing) {
      el.end = p;
    } else {
      this.current = el;
      this.openNames.push(qname);
      this.childStarts.push(this.childTop);
      this.depth++;
    }
    return p;
  }

  private checkQName(qname: string, colon: number, at: number): void {
    const valid =
      colon > 0 &&
      colon < qname.length - 1 &&
      qname.indexOf(':', colon + 1) === -1 &&
      isNameStartCode(qname.charCodeAt(colon + 1));
    if (!valid) {
      this.fail(
        `'${qname}' is not a valid qualified name`,
        at,
        'Names may contain at most one colon, separating a prefix from a local name.',
      );
    }
  }

  private checkDeclaration(prefix: string, uri: string, at: number): void {
    if (prefix === '') {
      if (uri === XML_NS || uri === XMLNS_NS) this.fail(`The namespace ${uri} cannot be the default namespace`, at);
      return;
    }
    if (!isNCName(prefix)) this.fail(`'xmlns:${prefix}' declares an invalid prefix`, at);
    if (prefix === 'xmlns') this.fail("The prefix 'xmlns' cannot be declared", at);
    if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) {
      this.fail(`The prefix 'xml' is bound to ${XML_NS} and nothing else is`, at);
    }
    if (uri === XMLNS_NS) this.fail(`The namespace ${XMLNS_NS} cannot be declared`, at);
    if (uri === '') {
      this.fail(`xmlns:${prefix}="" is not allowed in XML 1.0 namespaces`, at, 'Only the default namespace can be undeclared.');
    }
  }

  private endTag(lt: number): number {
    const src = this.src;
    const cur = this.current;
    const nameStart = lt + 2;
    if (cur === null) {
      const e = this.scanName(nameStart);
      this.fail(`End tag </${src.slice(nameStart, e)}> has no matching start tag`, lt);
    }
    const expected = this.openNames[this.depth - 1]!;
    let p = nameStart + expected.length;
    if (!src.startsWith(expected, nameStart) || isNameCode(src.charCodeAt(p))) {
      const e = this.scanName(nameStart);
      this.fail(
        `End tag </${src.slice(nameStart, e)}> does not match start tag <${expected}> opened at line ${cur.line}:${cur.col}`,
        lt,
        'Check that every start tag has a matching end tag.',
      );
    }
    p = this.skipWhitespace(p);
    if (src.charCodeAt(p) !== GT) this.fail(`Expected '>' to close end tag </${expected}>`, p);
    cur.end = p + 1;
    const from = this.childStarts.pop()!;
    if (this.childTop > from) {
      cur.children = this.childStack.slice(from, this.childTop);
      this.childTop = from;
    }
    this.openNames.pop();
    this.depth--;
    this.current = cur.parent;
    return p + 1;
  }
}

function declareHint(prefix: string): string {
  return `Declare it with xmlns:${prefix}="..." on this element or an ancestor.`;
}

function localOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/**
 * The location of an element as "/Envelope/Body/Item[2]": local names, with a 1-based index
 * where the parent has more than one child of the same expanded name.
 */
export function elementPath(el: XmlElement): string {
  let path = '';
  for (let e: XmlElement | null = el; e !== null; e = e.parent) {
    let segment = '/' + e.local;
    const parent: XmlElement | null = e.parent;
    if (parent !== null && parent.children.length > 1) {
      let index = 0;
      let total = 0;
      for (const sibling of parent.children as readonly XmlElement[]) {
        if (sibling.local === e.local && sibling.ns === e.ns) {
          total++;
          if (sibling === e) index = total;
        }
      }
      if (total > 1) segment += `[${index}]`;
    }
    path = segment + path;
  }
  return path;
}

export function attributePath(el: XmlElement, attr: XmlAttribute): string {
  return `${elementPath(el)}/@${attr.local}`;
}

/** Resolves QName-valued content such as "a:ErrorSchemaValidation" against the element's scope. */
export function resolveQName(el: XmlElement, lexical: string): XmlQName {
  return parseQName(lexical, (prefix) => el.scope.lookup(prefix));
}

// ---- serialization of subtrees ----

const QNAME_LIKE = /^[ \t\r\n]*([A-Za-z_][A-Za-z0-9_.-]*):[A-Za-z_][A-Za-z0-9_.-]*[ \t\r\n]*$/;

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
  let root = el;
  while (root.parent !== null) root = root.parent;
  const src = SOURCES.get(root);
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
  for (const a of el.attrs) {
    if (a.prefix !== '') need(a.prefix, rootScope.lookup(a.prefix));
    const m = QNAME_LIKE.exec(a.value);
    if (m !== null && el.scope.lookup(m[1]!) !== undefined) need(m[1]!, rootScope.lookup(m[1]!));
  }
  const m = QNAME_LIKE.exec(el.text);
  if (m !== null && el.scope.lookup(m[1]!) !== undefined) need(m[1]!, rootScope.lookup(m[1]!));
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
