import { XmlError, type XmlErrorCode } from '../errors';
import { XML_NS, XMLNS_NS } from '../namespaces';
import {
  describeCodeUnit,
  findForbiddenChar,
  isNCName,
  isNameCode,
  isNameStartCode,
  isXmlCharCodePoint,
  isXmlWhitespaceCode,
} from './chars';
import { parseQName, type XmlQName } from '../scalars/qname';

// A pull tokenizer over a complete XML document. Generated readers walk it directly, so typed
// reading builds no element tree; the tree (parseXml) is built on top of it for the rare users
// that need one, and to describe where a problem is.
//
// Every well-formedness and namespace rule is checked here, on every token, whether or not the
// consumer looks at it. Positions are source offsets; lines and columns are only computed for
// errors.

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
  /** Fill XmlElement.mixed (tree only). */
  keepMixed?: boolean;
}

export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ATTRIBUTES = 1024;

/** Token kinds returned by XmlCursor.next(). */
export const XML_EOF = 0;
export const XML_START = 1;
export const XML_END = 2;
export const XML_TEXT = 3;

export class Scope implements NamespaceScope {
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

export function byPrefix(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export const BASE_SCOPE = new Scope(null, new Map([['xml', XML_NS]]));

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
  /** The name of the start tag that followed this one last time: usually the next one too. */
  follow: Name | null = null;

  readonly qname: string;
  /** Its last character: a cheap first test of a predicted name. */
  readonly last: number;

  constructor(
    written: string,
    readonly hash: number,
  ) {
    // A slice of the document would be compared through an indirection on every tag.
    const qname = internalized(written);
    this.qname = qname;
    this.last = qname.charCodeAt(qname.length - 1);
    const colon = qname.indexOf(':');
    this.colon = colon;
    this.prefix = colon === -1 ? '' : qname.slice(0, colon);
    this.local = colon === -1 ? qname : internalized(qname.slice(colon + 1));
  }
}

/**
 * The engine's unique copy of `s`. Generated readers switch on local names; comparing two such
 * copies is a pointer comparison, where a sliced string would be compared character by character.
 */
function internalized(s: string): string {
  const key: Record<string, true> = {};
  key[s] = true;
  return Object.keys(key)[0] ?? s;
}

/** Slots of the per-document name table (a power of two), how many names it keeps, and probes per lookup. */
const NAME_SLOTS = 512;
const NAME_LIMIT = 384;
const NAME_PROBES = 8;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;

const NOT_WHITESPACE = /[^ \t\r\n]/;
const CR_RE = /\r\n?/g;
const ATTR_WS_RE = /\r\n|[\t\n\r]/g;
const S = '[ \\t\\r\\n]';
const quoted = (body: string): string => `(?:"${body}"|'${body}')`;
const XML_DECL_RE = new RegExp(
  `^<\\?xml${S}+version${S}*=${S}*${quoted('1\\.[0-9]+')}` +
    `(?:${S}+encoding${S}*=${S}*${quoted('[A-Za-z][A-Za-z0-9._-]*')})?` +
    `(?:${S}+standalone${S}*=${S}*${quoted('(?:yes|no)')})?${S}*\\?>$`,
);

/** 1-based line and column of a source offset (columns count UTF-16 code units, after a BOM). */
export function lineColAt(src: string, at: number): [number, number] {
  let line = 1;
  let lineStart = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const hasCR = src.indexOf('\r') !== -1;
  for (let nl = lineEndFrom(src, 0, hasCR); nl < at; nl = lineEndFrom(src, nl + 1, hasCR)) {
    line++;
    lineStart = nl + 1;
  }
  return [line, at - lineStart + 1];
}

// XML 1.0 2.11: CR LF, a CR alone and LF each end a line.
const LINE_END = /\r\n?|\n/g;

/**
 * The offset of the last character of the first line end at or after `from` (the LF of CR LF), or
 * the source's length when there is none. `hasCR`: whether the source holds a CR at all; without
 * one this is indexOf('\n').
 */
export function lineEndFrom(src: string, from: number, hasCR: boolean): number {
  if (!hasCR) {
    const nl = src.indexOf('\n', from);
    return nl === -1 ? src.length : nl;
  }
  LINE_END.lastIndex = from;
  const m = LINE_END.exec(src);
  return m === null ? src.length : m.index + m[0].length - 1;
}

/**
 * Describes where the cursor failed, as an element path. The tree builder supplies it; without
 * one, the cursor rebuilds the document as a tree, which fails at the same place and says where.
 */
export type ErrorPath = (pendingElement: string) => string;

export class XmlCursor {
  readonly source: string;

  // ---- the current token ----
  /** Expanded name of the element whose start tag was read last. */
  ns = '';
  local = '';
  prefix = '';
  /** Its name as written. */
  qname = '';
  /** Offset of its '<'. */
  start = 0;
  /** Its namespace scope (its own declarations included). */
  scope: NamespaceScope = BASE_SCOPE;
  /** Offset just past the end tag (or '/>') read last. */
  end = 0;
  /** The character data of a text token (references decoded, CDATA included, line ends normalised). */
  value = '';
  /** Open elements, the current one included. */
  depth = 0;
  /** Attributes of the current start tag, namespace declarations excluded. */
  attrCount = 0;
  /** Set by the tree builder to name error locations. */
  errorPath: ErrorPath | null = null;
  /**
   * Told of what child() and text() pass over, while the cursor is on it: character data other
   * than whitespace between child elements ('text'), and an element inside text ('element').
   * `at` is where it stands: the element holding the text, or the element itself. Readers set it
   * to report them; left unset, they are passed over silently.
   */
  passedOver: ((what: 'text' | 'element', at: number) => void) | undefined = undefined;

  private readonly len: number;
  private readonly options: ParseOptions | undefined;
  private readonly maxDepth: number;
  private readonly maxAttributes: number;
  private pos = 0;
  private rootSeen = false;
  /** A self-closing tag was read: its END comes next. */
  private selfClosed = false;
  /** The token kind next() returns again (back()), or -1. */
  private replay = -1;
  private last = XML_EOF;
  private started = false;

  // Open elements: raw names (to match end tags), start offsets (for messages), scopes.
  private readonly openNames: string[] = [];
  private readonly openStarts: number[] = [];
  private readonly scopes: Scope[] = [];

  // Next occurrences of characters at or after some earlier position, a value of `len` meaning "none
  // left". '&', CR and ']]>' are rare, so most text runs skip decoding entirely; attribute values
  // also look up the next '<', LF and TAB. That costs short values in pretty-printed documents two
  // short searches per start tag (about 5-10% of tokenising such a document), and halves the cost
  // of long ones (ids, base64), which the responses this runtime reads are full of.
  private nextAmp = -1;
  private nextCr = -1;
  private nextCdataEnd = -1;
  private nextLt = -1;
  private nextLf = -1;
  private nextTab = -1;

  /** Open-addressing table of the names seen so far, by a hash of their characters. */
  private readonly nameTable: Array<Name | undefined> = new Array<Name | undefined>(NAME_SLOTS);
  private nameCount = 0;
  /** Hash of the name scanHashedName last read. */
  private nameHash = 0;
  /** Characters nameAt may still search past on misses; see there. */
  private searchBudget: number;

  // Attribute scratch space, reused for every start tag: raw names and values as written...
  private readonly rawNames: Name[] = [];
  private readonly rawValues: string[] = [];
  private readonly rawStarts: number[] = [];
  // ...and the resolved attributes of the current element.
  private readonly aNs: string[] = [];
  private readonly aLocal: string[] = [];
  private readonly aPrefix: string[] = [];
  private readonly aValue: string[] = [];
  private readonly aStart: number[] = [];

  /** Name of the element whose start tag is being read, for error paths. */
  private pendingName = '';
  /** Name of the start tag read last. */
  private prevStart: Name | null = null;

  constructor(source: string, options?: ParseOptions) {
    this.source = source;
    this.len = source.length;
    this.searchBudget = source.length;
    this.options = options;
    this.maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxAttributes = options?.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
    const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
    if (this.len > maxBytes) {
      throw new XmlError('too-large', `Document of ${this.len} characters exceeds the limit of ${maxBytes}`, '/', 1, 1);
    }
    this.checkCharacters();
    let pos = 0;
    if (source.charCodeAt(0) === 0xfeff) pos = 1;
    if (source.startsWith('<?xml', pos) && isXmlWhitespaceCode(source.charCodeAt(pos + 5))) pos = this.xmlDeclaration(pos);
    this.pos = pos;
  }

  // ---- pulling tokens ----

  /** The next token: XML_START, XML_END, XML_TEXT, or XML_EOF once the document is complete. */
  next(): number {
    if (this.replay !== -1) {
      const k = this.replay;
      this.replay = -1;
      return k;
    }
    this.last = this.step();
    return this.last;
  }

  /** Makes next() return the last token again (its state is unchanged). */
  back(): void {
    this.replay = this.last;
  }

  /**
   * Moves to the next child element of the current element and returns true, or consumes the
   * current element's end tag and returns false. Character data in between is passed over.
   */
  child(): boolean {
    for (;;) {
      const k = this.next();
      if (k === XML_START) return true;
      if (k !== XML_TEXT) return false;
      if (this.passedOver !== undefined && NOT_WHITESPACE.test(this.value)) this.passedOver('text', this.openStarts[this.depth - 1]!);
    }
  }

  /**
   * The current element's own character data, up to and including its end tag. Child elements
   * are read (and checked) but their text is not included.
   */
  text(): string {
    let k = this.next();
    if (k === XML_END) return '';
    if (k === XML_TEXT) {
      const first = this.value;
      k = this.next();
      if (k === XML_END) return first;
      this.back();
      return first + this.textRest();
    }
    this.back();
    return this.textRest();
  }

  private textRest(): string {
    let out = '';
    let nested = 0;
    for (;;) {
      const k = this.next();
      if (k === XML_TEXT) {
        if (nested === 0) out += this.value;
      } else if (k === XML_START) {
        if (nested === 0 && this.passedOver !== undefined) this.passedOver('element', this.start);
        nested++;
      } else if (nested === 0) {
        return out;
      } else {
        nested--;
      }
    }
  }

  /** Reads past the current element's end tag; `end` is then the offset just after it. */
  skip(): void {
    let nested = 0;
    for (;;) {
      const k = this.next();
      if (k === XML_START) nested++;
      else if (k === XML_END) {
        if (nested === 0) return;
        nested--;
      }
    }
  }

  // ---- attributes of the current start tag ----

  attrNs(i: number): string {
    return this.aNs[i]!;
  }

  attrLocal(i: number): string {
    return this.aLocal[i]!;
  }

  attrPrefix(i: number): string {
    return this.aPrefix[i]!;
  }

  attrValue(i: number): string {
    return this.aValue[i]!;
  }

  attrStart(i: number): number {
    return this.aStart[i]!;
  }

  /** The value of attribute {ns}local on the current element, or undefined. */
  attribute(ns: string, local: string): string | undefined {
    for (let i = 0; i < this.attrCount; i++) {
      if (this.aLocal[i] === local && this.aNs[i] === ns) return this.aValue[i];
    }
    return undefined;
  }

  /** Scope of the current element's parent. */
  get parentScope(): NamespaceScope {
    return this.depth >= 2 ? this.scopes[this.depth - 2]! : BASE_SCOPE;
  }

  /** Resolves a QName value such as "t:Foo" against the current element's scope. */
  resolveQName(lexical: string): XmlQName {
    const scope = this.scope;
    return parseQName(lexical, (prefix) => scope.lookup(prefix));
  }

  // ---- errors ----

  private fail(detail: string, at: number, remedy?: string, code: XmlErrorCode = 'not-well-formed'): never {
    const describe = this.errorPath;
    // Let the tree builder meet the same problem: it knows the path. It cannot get past the
    // place where this cursor failed, since it reads the same text with the same limits.
    // (Problems the constructor finds are located by offset alone.)
    if (describe === null && this.started && treeParser !== null) treeParser(this.source, this.options);
    const [line, col] = lineColAt(this.source, at);
    const path = describe === null ? '/' : describe(this.pendingName === '' ? '' : localOf(this.pendingName));
    throw new XmlError(code, detail, path, line, col, remedy);
  }

  private checkCharacters(): void {
    const at = findForbiddenChar(this.source);
    if (at !== -1) {
      const c = this.source.charCodeAt(at);
      const what = c >= 0xd800 && c <= 0xdfff ? `Unpaired surrogate ${describeCodeUnit(c)}` : `Character ${describeCodeUnit(c)}`;
      this.fail(
        `${what} is not allowed in XML 1.0`,
        at,
        'Such characters cannot appear in XML at all, not even as character references; fix the producer.',
      );
    }
  }

  // ---- tokens ----

  private step(): number {
    this.started = true;
    if (this.selfClosed) {
      this.selfClosed = false;
      this.depth--;
      return XML_END;
    }
    const src = this.source;
    let pos = this.pos;
    for (;;) {
      // Tags usually follow one another directly (`</a><b>`): no search for those.
      const lt = src.charCodeAt(pos) === LT ? pos : src.indexOf('<', pos);
      const textEnd = lt === -1 ? this.len : lt;
      if (textEnd > pos) {
        if (this.depth > 0) {
          this.value = this.characterData(pos, textEnd);
          this.pos = textEnd;
          return XML_TEXT;
        }
        this.outsideText(pos, textEnd);
      }
      if (lt === -1) {
        this.pos = this.len;
        if (this.depth > 0) {
          const [line, col] = lineColAt(src, this.openStarts[this.depth - 1]!);
          this.fail(
            `Element <${this.openNames[this.depth - 1]}> opened at line ${line}:${col} is never closed`,
            this.len,
            'The document may be truncated.',
          );
        }
        if (!this.rootSeen) this.fail('The document has no root element', this.len);
        return XML_EOF;
      }
      const c = src.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.pos = this.endTag(lt);
        return XML_END;
      }
      if (c === BANG) {
        if (src.startsWith('<![CDATA[', lt)) {
          this.pos = this.cdata(lt);
          return XML_TEXT;
        }
        pos = this.markup(lt);
        continue;
      }
      if (c === QUESTION) {
        pos = this.processingInstruction(lt);
        continue;
      }
      this.pos = this.startTag(lt);
      return XML_START;
    }
  }

  private xmlDeclaration(pos: number): number {
    const end = this.source.indexOf('?>', pos);
    if (end === -1 || !XML_DECL_RE.test(this.source.slice(pos, end + 2))) {
      this.fail('Malformed XML declaration', pos);
    }
    return end + 2;
  }

  private processingInstruction(lt: number): number {
    const src = this.source;
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

  /** `<!` constructs other than CDATA: comments, and the refused DOCTYPE. */
  private markup(lt: number): number {
    const src = this.source;
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end === -1) this.fail("Comment is not terminated by '-->'", lt);
      const dashes = src.indexOf('--', lt + 4);
      if (dashes < end) this.fail("'--' is not allowed inside a comment", dashes);
      return end + 3;
    }
    if (src.startsWith('<!DOCTYPE', lt)) {
      this.fail('DOCTYPE declaration found', lt, undefined, 'doctype-forbidden');
    }
    this.fail("Unrecognised markup after '<!'", lt);
  }

  private cdata(lt: number): number {
    if (this.depth === 0) this.fail('CDATA section outside the root element', lt);
    const start = lt + 9;
    const end = this.source.indexOf(']]>', start);
    if (end === -1) this.fail("CDATA section is not terminated by ']]>'", lt);
    let text = this.source.slice(start, end);
    if (text.indexOf('\r') !== -1) text = text.replace(CR_RE, '\n');
    this.value = text;
    return end + 3;
  }

  /** Text before or after the root element: only whitespace is allowed. */
  private outsideText(start: number, end: number): void {
    const src = this.source;
    for (let i = start; i < end; i++) {
      if (!isXmlWhitespaceCode(src.charCodeAt(i))) {
        this.fail(
          this.rootSeen ? 'Text after the root element' : 'Text before the root element',
          i,
          'Only whitespace, comments and processing instructions may surround the root element.',
        );
      }
    }
  }

  private characterData(start: number, end: number): string {
    if (this.nextCdataEnd < start) this.nextCdataEnd = this.find(']]>', start);
    if (this.nextCdataEnd < end) this.fail("']]>' is not allowed in character data", this.nextCdataEnd, "Escape '>' as &gt;.");
    if (this.nextCr < start) this.nextCr = this.find('\r', start);
    const hasCr = this.nextCr < end;
    if (this.nextAmp < start) this.nextAmp = this.find('&', start);
    if (this.nextAmp < end) return this.decode(start, end, hasCr, false);
    const text = this.source.slice(start, end);
    return hasCr ? text.replace(CR_RE, '\n') : text;
  }

  private find(needle: string, from: number): number {
    const i = this.source.indexOf(needle, from);
    return i === -1 ? this.len : i;
  }

  /** Decodes references in src[start, end) and normalises line ends (attribute values: all whitespace). */
  private decode(start: number, end: number, hasCr: boolean, attribute: boolean): string {
    const src = this.source;
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
    const name = this.source.slice(amp + 1, semi);
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

  /** Returns the end of the Name starting at `p` (equal to `p` when there is none). */
  private scanName(p: number): number {
    const src = this.source;
    if (!isNameStartCode(src.charCodeAt(p))) return p;
    let i = p + 1;
    while (isNameCode(src.charCodeAt(i))) i++;
    return i;
  }

  /** scanName that also hashes the name into `nameHash`. */
  private scanHashedName(p: number): number {
    const src = this.source;
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
    const src = this.source;
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
      if (entry.hash === hash && entry.qname.length === length && this.nameAt(entry.qname, start)) return entry;
      slot = (slot + 1) & (NAME_SLOTS - 1);
    }
    return new Name(src.slice(start, end), hash);
  }

  /**
   * Whether `name` is written at `p`. indexOf takes half the time of startsWith on a match, but on
   * a miss it searches on: callers test cheap signs of a miss first, and once the searches past
   * misses add up to the document's length (only a document built to defeat the name prediction
   * gets there), startsWith does the rest, so reading stays linear.
   */
  private nameAt(name: string, p: number): boolean {
    if (this.searchBudget > 0) {
      const i = this.source.indexOf(name, p);
      if (i === p) return true;
      this.searchBudget -= (i === -1 ? this.len : i) - p;
      return false;
    }
    return this.source.startsWith(name, p);
  }

  private skipWhitespace(p: number): number {
    const src = this.source;
    while (isXmlWhitespaceCode(src.charCodeAt(p))) p++;
    return p;
  }

  private startTag(lt: number): number {
    const src = this.source;
    // Data-centric documents repeat their sequences of names: try the predicted one first.
    let elName = this.prevStart === null ? null : this.prevStart.follow;
    let nameEnd = elName === null ? 0 : lt + 1 + elName.qname.length;
    if (elName === null || isNameCode(src.charCodeAt(nameEnd)) || src.charCodeAt(nameEnd - 1) !== elName.last || !this.nameAt(elName.qname, lt + 1)) {
      nameEnd = this.scanHashedName(lt + 1);
      if (nameEnd === lt + 1) this.fail("Expected an element name after '<'", lt + 1, "Escape a literal '<' as &lt;.");
      elName = this.name(lt + 1, nameEnd);
      if (this.prevStart !== null) this.prevStart.follow = elName;
    }
    this.prevStart = elName;
    const qname = elName.qname;
    this.pendingName = qname;
    if (this.depth === 0 && this.rootSeen) {
      this.fail('A second root element', lt, 'A document has exactly one root element.');
    }

    const names = this.rawNames;
    const values = this.rawValues;
    const starts = this.rawStarts;
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
      // Native searches instead of a loop over the characters: ids and base64 values are long.
      // The positions found are remembered, so each search covers a stretch of the document once.
      let v = src.indexOf(quote === DQUOTE ? '"' : "'", vs);
      if (v === -1) v = this.len;
      if (this.nextLt < vs) this.nextLt = this.find('<', vs);
      if (this.nextLt < v) this.fail(`'<' is not allowed in the value of attribute ${attrName}`, this.nextLt, "Escape it as &lt;.");
      if (v === this.len) this.fail(`Attribute value of ${attrName} is not terminated`, vs - 1);
      // References are decoded and TAB, LF and CR become spaces; checkCharacters has refused
      // every other character below U+0020 already.
      if (this.nextAmp < vs) this.nextAmp = this.find('&', vs);
      if (this.nextLf < vs) this.nextLf = this.find('\n', vs);
      if (this.nextCr < vs) this.nextCr = this.find('\r', vs);
      if (this.nextTab < vs) this.nextTab = this.find('\t', vs);
      const special = this.nextAmp < v || this.nextLf < v || this.nextCr < v || this.nextTab < v;
      if (count === this.maxAttributes) {
        this.fail(`Element has more than ${this.maxAttributes} attributes`, an, undefined, 'too-many-attributes');
      }
      names[count] = attrEntry;
      values[count] = special ? this.decode(vs, v, false, true) : src.slice(vs, v);
      starts[count] = an;
      count++;
      p = v + 1;
    }

    const depth = this.depth;
    let scope: Scope = depth === 0 ? BASE_SCOPE : this.scopes[depth - 1]!;
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
        const prefix = elName.prefix;
        const bound = prefix === 'xmlns' ? undefined : scope.lookup(prefix);
        if (bound === undefined) {
          this.fail(`Namespace prefix '${prefix}' of element <${qname}> is not declared`, lt + 1, declareHint(prefix));
        }
        ns = bound;
      }
      elName.scope = scope;
      elName.ns = ns;
    }

    let n = 0;
    if (plain > 0) {
      const aNs = this.aNs;
      const aLocal = this.aLocal;
      const aPrefix = this.aPrefix;
      for (let i = 0; i < count; i++) {
        const entry = names[i]!;
        const name = entry.qname;
        if (name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === COLON)) continue;
        const at = starts[i]!;
        const ac = entry.colon;
        const local = entry.local;
        const prefix = entry.prefix;
        let attrNs = '';
        if (ac !== -1) {
          if (!entry.checked) {
            this.checkQName(name, ac, at);
            entry.checked = true;
          }
          const bound = scope.lookup(prefix);
          if (bound === undefined) {
            this.fail(`Namespace prefix '${prefix}' of attribute ${name} is not declared`, at, declareHint(prefix));
          }
          attrNs = bound;
        }
        for (let j = 0; j < n; j++) {
          if (aLocal[j] === local && aNs[j] === attrNs) {
            this.fail(
              aPrefix[j] === prefix
                ? `Duplicate attribute ${name}`
                : `Attributes ${aPrefix[j]}:${local} and ${name} have the same expanded name`,
              at,
            );
          }
        }
        aNs[n] = attrNs;
        aLocal[n] = local;
        aPrefix[n] = prefix;
        this.aValue[n] = values[i]!;
        this.aStart[n] = at;
        n++;
      }
    }

    if (depth >= this.maxDepth) {
      this.fail(`Element nesting exceeds the limit of ${this.maxDepth}`, lt, undefined, 'too-deep');
    }
    this.pendingName = '';
    this.rootSeen = true;
    this.ns = ns;
    this.local = elName.local;
    this.prefix = elName.prefix;
    this.qname = qname;
    this.start = lt;
    this.scope = scope;
    this.attrCount = n;
    this.openNames[depth] = qname;
    this.openStarts[depth] = lt;
    this.scopes[depth] = scope;
    this.depth = depth + 1;
    if (selfClosing) {
      this.selfClosed = true;
      this.end = p;
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
    const src = this.source;
    const nameStart = lt + 2;
    if (this.depth === 0) {
      const e = this.scanName(nameStart);
      this.fail(`End tag </${src.slice(nameStart, e)}> has no matching start tag`, lt);
    }
    const expected = this.openNames[this.depth - 1]!;
    let p = nameStart + expected.length;
    // indexOf is faster than startsWith here, and a miss is an error anyway.
    if (src.indexOf(expected, nameStart) !== nameStart || isNameCode(src.charCodeAt(p))) {
      const e = this.scanName(nameStart);
      const [line, col] = lineColAt(src, this.openStarts[this.depth - 1]!);
      this.fail(
        `End tag </${src.slice(nameStart, e)}> does not match start tag <${expected}> opened at line ${line}:${col}`,
        lt,
        'Check that every start tag has a matching end tag.',
      );
    }
    p = this.skipWhitespace(p);
    if (src.charCodeAt(p) !== GT) this.fail(`Expected '>' to close end tag </${expected}>`, p);
    this.end = p + 1;
    this.depth--;
    return p + 1;
  }
}

function declareHint(prefix: string): string {
  return `Declare it with xmlns:${prefix}="..." on this element or an ancestor.`;
}

export function localOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/**
 * The tree parser (reader.ts) registers itself here, so that a cursor without an error path can
 * have it name the failing element, without a circular import.
 */
let treeParser: ((source: string, options: ParseOptions | undefined) => unknown) | null = null;

export function registerTreeParser(parse: (source: string, options: ParseOptions | undefined) => unknown): void {
  treeParser = parse;
}
