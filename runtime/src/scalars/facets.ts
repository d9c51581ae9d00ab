// Constraining facets of XSD simple-type restrictions, called by generated scalar parsers and
// formatters after the built-in codec has accepted the lexical form. Every check throws ValueError
// with a message naming the type and the facet; the caller adds the location.

import { ValueError } from '../errors';
import { show, trimXml } from './common';
import { parseDecimal } from './decimal';
import { floatingValue } from './floats';
import { compareTemporal } from './temporal-order';

function violation(value: string | number | bigint, type: string, detail: string): never {
  throw new ValueError(`${typeof value === 'bigint' ? value.toString() : show(value)} is not a valid ${type}: ${detail}`);
}

// ---- length, minLength, maxLength ----

/** Length in characters (Unicode code points), as XSD counts it: a surrogate pair is one. */
function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * The length facets of a string-valued type, counted in characters (code points, not UTF-16 units).
 * For `length` pass the same number as min and max. (For list types the facets count items and for
 * hexBinary/base64Binary octets; callers check those themselves.)
 */
export function checkLength(text: string, min: number | undefined, max: number | undefined, type: string): void {
  // Fast path: the UTF-16 length bounds the code point length from above and, halved, from below.
  const units = text.length;
  if ((min === undefined || units >= 2 * min) && (max === undefined || units <= max)) return;
  const n = codePointLength(text);
  const what = n === 1 ? '1 character' : `${n} characters`;
  if (min !== undefined && min === max) {
    if (n !== min) violation(text, type, `it has ${what}, facet length requires exactly ${min}`);
    return;
  }
  if (min !== undefined && n < min) violation(text, type, `it has ${what}, fewer than facet minLength ${min}`);
  if (max !== undefined && n > max) violation(text, type, `it has ${what}, more than facet maxLength ${max}`);
}

// ---- pattern ----

/** XML 1.0 (fifth edition) NameStartChar, the class of `\i`, as RegExp class content. */
const NAME_START_CLASS =
  ':A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}' +
  '\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
/** XML 1.0 (fifth edition) NameChar, the class of `\c`. */
const NAME_CLASS = NAME_START_CLASS + '\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}';
/** XSD `\s`: space, tab, line feed, carriage return (narrower than the RegExp `\s`). */
const SPACE_CLASS = ' \\t\\n\\r';

/** General categories XSD names in `\p{..}`; the RegExp `u` flag knows each of them. */
const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe',
  'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

/**
 * The Unicode blocks XML Schema 1.0 names for `\p{IsX}`, as [first, last] code points (PrivateUse
 * also covers planes 15 and 16). Looked up with spaces, hyphens, underscores and case ignored.
 */
const BLOCKS: ReadonlyArray<readonly [string, ...number[]]> = [
  ['BasicLatin', 0x0000, 0x007f],
  ['Latin-1Supplement', 0x0080, 0x00ff],
  ['LatinExtended-A', 0x0100, 0x017f],
  ['LatinExtended-B', 0x0180, 0x024f],
  ['IPAExtensions', 0x0250, 0x02af],
  ['SpacingModifierLetters', 0x02b0, 0x02ff],
  ['CombiningDiacriticalMarks', 0x0300, 0x036f],
  ['Greek', 0x0370, 0x03ff],
  ['GreekandCoptic', 0x0370, 0x03ff],
  ['Cyrillic', 0x0400, 0x04ff],
  ['Armenian', 0x0530, 0x058f],
  ['Hebrew', 0x0590, 0x05ff],
  ['Arabic', 0x0600, 0x06ff],
  ['Syriac', 0x0700, 0x074f],
  ['Thaana', 0x0780, 0x07bf],
  ['Devanagari', 0x0900, 0x097f],
  ['Bengali', 0x0980, 0x09ff],
  ['Gurmukhi', 0x0a00, 0x0a7f],
  ['Gujarati', 0x0a80, 0x0aff],
  ['Oriya', 0x0b00, 0x0b7f],
  ['Tamil', 0x0b80, 0x0bff],
  ['Telugu', 0x0c00, 0x0c7f],
  ['Kannada', 0x0c80, 0x0cff],
  ['Malayalam', 0x0d00, 0x0d7f],
  ['Sinhala', 0x0d80, 0x0dff],
  ['Thai', 0x0e00, 0x0e7f],
  ['Lao', 0x0e80, 0x0eff],
  ['Tibetan', 0x0f00, 0x0fff],
  ['Myanmar', 0x1000, 0x109f],
  ['Georgian', 0x10a0, 0x10ff],
  ['HangulJamo', 0x1100, 0x11ff],
  ['Ethiopic', 0x1200, 0x137f],
  ['Cherokee', 0x13a0, 0x13ff],
  ['UnifiedCanadianAboriginalSyllabics', 0x1400, 0x167f],
  ['Ogham', 0x1680, 0x169f],
  ['Runic', 0x16a0, 0x16ff],
  ['Khmer', 0x1780, 0x17ff],
  ['Mongolian', 0x1800, 0x18af],
  ['LatinExtendedAdditional', 0x1e00, 0x1eff],
  ['GreekExtended', 0x1f00, 0x1fff],
  ['GeneralPunctuation', 0x2000, 0x206f],
  ['SuperscriptsandSubscripts', 0x2070, 0x209f],
  ['CurrencySymbols', 0x20a0, 0x20cf],
  ['CombiningMarksforSymbols', 0x20d0, 0x20ff],
  ['LetterlikeSymbols', 0x2100, 0x214f],
  ['NumberForms', 0x2150, 0x218f],
  ['Arrows', 0x2190, 0x21ff],
  ['MathematicalOperators', 0x2200, 0x22ff],
  ['MiscellaneousTechnical', 0x2300, 0x23ff],
  ['ControlPictures', 0x2400, 0x243f],
  ['OpticalCharacterRecognition', 0x2440, 0x245f],
  ['EnclosedAlphanumerics', 0x2460, 0x24ff],
  ['BoxDrawing', 0x2500, 0x257f],
  ['BlockElements', 0x2580, 0x259f],
  ['GeometricShapes', 0x25a0, 0x25ff],
  ['MiscellaneousSymbols', 0x2600, 0x26ff],
  ['Dingbats', 0x2700, 0x27bf],
  ['BraillePatterns', 0x2800, 0x28ff],
  ['CJKRadicalsSupplement', 0x2e80, 0x2eff],
  ['KangxiRadicals', 0x2f00, 0x2fdf],
  ['IdeographicDescriptionCharacters', 0x2ff0, 0x2fff],
  ['CJKSymbolsandPunctuation', 0x3000, 0x303f],
  ['Hiragana', 0x3040, 0x309f],
  ['Katakana', 0x30a0, 0x30ff],
  ['Bopomofo', 0x3100, 0x312f],
  ['HangulCompatibilityJamo', 0x3130, 0x318f],
  ['Kanbun', 0x3190, 0x319f],
  ['BopomofoExtended', 0x31a0, 0x31bf],
  ['EnclosedCJKLettersandMonths', 0x3200, 0x32ff],
  ['CJKCompatibility', 0x3300, 0x33ff],
  ['CJKUnifiedIdeographsExtensionA', 0x3400, 0x4dbf],
  ['CJKUnifiedIdeographs', 0x4e00, 0x9fff],
  ['YiSyllables', 0xa000, 0xa48f],
  ['YiRadicals', 0xa490, 0xa4cf],
  ['HangulSyllables', 0xac00, 0xd7af],
  ['HighSurrogates', 0xd800, 0xdb7f],
  ['HighPrivateUseSurrogates', 0xdb80, 0xdbff],
  ['LowSurrogates', 0xdc00, 0xdfff],
  ['PrivateUse', 0xe000, 0xf8ff, 0xf0000, 0xffffd, 0x100000, 0x10fffd],
  ['PrivateUseArea', 0xe000, 0xf8ff],
  ['CJKCompatibilityIdeographs', 0xf900, 0xfaff],
  ['AlphabeticPresentationForms', 0xfb00, 0xfb4f],
  ['ArabicPresentationForms-A', 0xfb50, 0xfdff],
  ['CombiningHalfMarks', 0xfe20, 0xfe2f],
  ['CJKCompatibilityForms', 0xfe30, 0xfe4f],
  ['SmallFormVariants', 0xfe50, 0xfe6f],
  ['ArabicPresentationForms-B', 0xfe70, 0xfeff],
  ['HalfwidthandFullwidthForms', 0xff00, 0xffef],
  ['Specials', 0xfff0, 0xffff],
  ['OldItalic', 0x10300, 0x1032f],
  ['Gothic', 0x10330, 0x1034f],
  ['Deseret', 0x10400, 0x1044f],
  ['ByzantineMusicalSymbols', 0x1d000, 0x1d0ff],
  ['MusicalSymbols', 0x1d100, 0x1d1ff],
  ['MathematicalAlphanumericSymbols', 0x1d400, 0x1d7ff],
  ['CJKUnifiedIdeographsExtensionB', 0x20000, 0x2a6df],
  ['CJKCompatibilityIdeographsSupplement', 0x2f800, 0x2fa1f],
  ['Tags', 0xe0000, 0xe007f],
];

const blockKey = (name: string): string => name.replace(/[\s_-]/g, '').toLowerCase();

let blockClasses: Map<string, string> | undefined;

/** RegExp class content for a block named in `\p{IsName}`, or undefined when unknown. */
function blockClass(name: string): string | undefined {
  if (blockClasses === undefined) {
    blockClasses = new Map();
    for (const [blockName, ...bounds] of BLOCKS) {
      let content = '';
      for (let i = 0; i + 1 < bounds.length; i += 2) content += `${codePointEscape(bounds[i]!)}-${codePointEscape(bounds[i + 1]!)}`;
      blockClasses.set(blockKey(blockName), content);
    }
  }
  return blockClasses.get(blockKey(name));
}

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

/**
 * A set of characters being translated: `content` goes inside RegExp brackets; `alternatives` are
 * stand-alone one-character RegExps for parts that cannot (complements such as `\I`).
 */
interface CharSet {
  content: string;
  alternatives: string[];
}

/** One character, for use inside RegExp brackets. */
function classChar(cp: number): string {
  if (cp === 0x5c || cp === 0x5d || cp === 0x5b || cp === 0x5e || cp === 0x2d) return '\\' + String.fromCharCode(cp);
  return cp >= 0x20 && cp < 0x7f ? String.fromCharCode(cp) : codePointEscape(cp);
}

/** One character, for use outside brackets. */
function literalChar(cp: number): string {
  if (cp < 0x7f && '^$\\.*+?()[]{}|/'.includes(String.fromCharCode(cp))) return '\\' + String.fromCharCode(cp);
  return cp >= 0x20 && cp < 0x7f ? String.fromCharCode(cp) : codePointEscape(cp);
}

function setRegExp(set: CharSet, negated: boolean): string {
  if (!negated) {
    if (set.alternatives.length === 0) return `[${set.content}]`;
    const parts = set.content === '' ? set.alternatives : [`[${set.content}]`, ...set.alternatives];
    return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
  }
  if (set.alternatives.length === 0) return `[^${set.content}]`;
  return `(?:(?!${setRegExp(set, false)})[^])`;
}

/**
 * Thrown inside the translator for what it cannot translate faithfully although it may be a valid
 * XML Schema regular expression: a block name it does not know, or a hyphen inside a character
 * group where XML Schema 1.0 allows it only at the group's start or end (XML Schema 1.1 and
 * libxml2 take more).
 */
class Untranslatable extends Error {}

/** Thrown inside the translator for what no XML Schema regular expression is: the message says why. */
class InvalidPattern extends Error {}

const SINGLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 0x0a, r: 0x0d, t: 0x09, '\\': 0x5c, '|': 0x7c, '.': 0x2e, '?': 0x3f, '*': 0x2a, '+': 0x2b, '(': 0x28,
  ')': 0x29, '{': 0x7b, '}': 0x7d, '-': 0x2d, '[': 0x5b, ']': 0x5d, '^': 0x5e,
};

/** Translates XML Schema regular expression syntax (XSD 1.0 Appendix F) to RegExp source. */
class PatternTranslator {
  private pos = 0;

  constructor(private readonly src: string) {}

  translate(): string {
    const out = this.regExp();
    if (this.pos !== this.src.length) this.invalid('a ")" closes no group');
    return out;
  }

  /** Refuses the pattern: `what` is wrong at the current position (or `at`, 0-based). */
  private invalid(what: string, at = this.pos): never {
    throw new InvalidPattern(`${what} (character ${at + 1})`);
  }

  private peek(): number {
    return this.pos < this.src.length ? this.src.codePointAt(this.pos)! : -1;
  }

  /** The next character; `inside`: what the end of the pattern would leave open. */
  private next(inside = 'a group'): number {
    const cp = this.peek();
    if (cp === -1) this.invalid(`the pattern ends inside ${inside}`);
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private regExp(): string {
    let out = this.branch();
    while (this.peek() === 0x7c /* | */) {
      this.pos++;
      out += '|' + this.branch();
    }
    return out;
  }

  private branch(): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === -1 || c === 0x7c /* | */ || c === 0x29 /* ) */) return out;
      out += this.atom() + this.quantifier();
    }
  }

  private quantifier(): string {
    const c = this.peek();
    if (c === 0x3f || c === 0x2a || c === 0x2b) {
      this.pos++;
      return String.fromCharCode(c);
    }
    if (c !== 0x7b /* { */) return '';
    const m = /^\{([0-9]+)(,([0-9]*))?\}/.exec(this.src.slice(this.pos));
    if (m === null) this.invalid('a "{" starts no quantifier {n}, {n,} or {n,m}');
    if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1])) this.invalid(`the quantifier ${m[0]} has its maximum below its minimum`);
    this.pos += m[0].length;
    return m[0];
  }

  private atom(): string {
    const at = this.pos;
    const c = this.next();
    switch (c) {
      case 0x28 /* ( */: {
        const inner = this.regExp();
        // regExp() stops at ')' or at the end.
        this.next('a group "("');
        return `(?:${inner})`;
      }
      case 0x5b /* [ */:
        return this.classExpr();
      case 0x2e /* . */:
        return '[^\\n\\r]';
      case 0x5c /* \ */: {
        const single = this.singleEscape();
        if (single !== undefined) return literalChar(single);
        const set = this.multiEscape();
        return setRegExp(set, false);
      }
      case 0x3f: // ?
      case 0x2a: // *
      case 0x2b: // +
      case 0x7b: // {
        // A piece is an atom and at most one quantifier: x{2}{3} and a** are not patterns.
        return this.invalid(`"${String.fromCharCode(c)}" quantifies nothing (a quantifier follows an atom, once; escape it as \\${String.fromCharCode(c)} to mean the character)`, at);
      case 0x7d: // }
      case 0x5d: // ]
        return this.invalid(`"${String.fromCharCode(c)}" must be escaped (\\${String.fromCharCode(c)}) outside a character group`, at);
      default:
        return literalChar(c);
    }
  }

  /** After a backslash: the character of a single-character escape, or undefined (nothing consumed). */
  private singleEscape(): number | undefined {
    const c = this.peek();
    if (c === -1) this.invalid('the pattern ends with a lone "\\"');
    const cp = SINGLE_ESCAPES[String.fromCodePoint(c)];
    if (cp !== undefined) this.pos++;
    return cp;
  }

  /** After a backslash: a multi-character or category escape. */
  private multiEscape(): CharSet {
    const at = this.pos - 1;
    const c = String.fromCodePoint(this.next());
    switch (c) {
      case 's':
        return { content: SPACE_CLASS, alternatives: [] };
      case 'S':
        return { content: '', alternatives: [`[^${SPACE_CLASS}]`] };
      case 'd':
        return { content: '\\p{Nd}', alternatives: [] };
      case 'D':
        return { content: '\\P{Nd}', alternatives: [] };
      case 'w':
        return { content: '', alternatives: ['[^\\p{P}\\p{Z}\\p{C}]'] };
      case 'W':
        return { content: '\\p{P}\\p{Z}\\p{C}', alternatives: [] };
      case 'i':
        return { content: NAME_START_CLASS, alternatives: [] };
      case 'I':
        return { content: '', alternatives: [`[^${NAME_START_CLASS}]`] };
      case 'c':
        return { content: NAME_CLASS, alternatives: [] };
      case 'C':
        return { content: '', alternatives: [`[^${NAME_CLASS}]`] };
      case 'p':
      case 'P': {
        const m = /^\{([A-Za-z0-9-]+)\}/.exec(this.src.slice(this.pos));
        if (m === null) this.invalid(`\\${c} is not followed by a {name}`, at);
        this.pos += m[0].length;
        const name = m[1]!;
        const complement = c === 'P';
        if (CATEGORIES.has(name)) return { content: `\\${c}{${name}}`, alternatives: [] };
        if (!name.startsWith('Is') || name.length === 2) this.invalid(`\\${c}{${name}} names neither a Unicode category (Lu, Nd, ...) nor a block (IsBasicLatin, ...)`, at);
        const block = blockClass(name.slice(2));
        // A block name this generator does not know may still be one: not checked, not refused.
        if (block === undefined) throw new Untranslatable();
        return complement ? { content: '', alternatives: [`[^${block}]`] } : { content: block, alternatives: [] };
      }
      default:
        return this.invalid(`\\${c} is no escape of XML Schema's (\\n, \\d, \\p{...}, \\. and the like)`, at);
    }
  }

  /** A character class expression, after its '['; consumes the closing ']'. */
  private classExpr(): string {
    const at = this.pos - 1;
    let negated = false;
    if (this.peek() === 0x5e /* ^ */) {
      negated = true;
      this.pos++;
    }
    const set: CharSet = { content: '', alternatives: [] };
    let items = 0;
    let subtracted: string | undefined;
    for (;;) {
      const c = this.peek();
      if (c === -1) this.invalid('the pattern ends inside a character group "["', at);
      if (c === 0x5d /* ] */) {
        this.pos++;
        break;
      }
      if (c === 0x2d /* - */) {
        const after = this.src.charCodeAt(this.pos + 1);
        if (after === 0x5b /* [ */) {
          // Subtraction: must come last, after at least one item.
          if (items === 0) throw new Untranslatable();
          this.pos += 2;
          subtracted = this.classExpr();
          if (this.next('a character group "["') !== 0x5d) this.invalid('a subtraction -[...] must end its character group', this.pos - 1);
          break;
        }
        // A literal '-' only as the first or the last character of the group.
        if (items !== 0 && after !== 0x5d) throw new Untranslatable();
        this.pos++;
        set.content += '\\-';
        items++;
        continue;
      }
      if (c === 0x5b /* [ */) this.invalid('"[" must be escaped (\\[) inside a character group');
      this.pos += c > 0xffff ? 2 : 1;
      let first: number;
      if (c === 0x5c /* \ */) {
        const single = this.singleEscape();
        if (single === undefined) {
          const escape = this.multiEscape();
          set.content += escape.content;
          set.alternatives.push(...escape.alternatives);
          items++;
          if (this.peek() === 0x2d && !this.src.startsWith('-[', this.pos) && !this.src.startsWith('-]', this.pos)) {
            throw new Untranslatable();
          }
          continue;
        }
        first = single;
      } else {
        first = c;
      }
      items++;
      // A range first-last, unless the '-' ends the group or starts a subtraction.
      if (this.peek() === 0x2d && !this.src.startsWith('-[', this.pos) && !this.src.startsWith('-]', this.pos)) {
        this.pos++;
        const lastAt = this.pos;
        let last = this.next('a character group "["');
        if (last === 0x5c) {
          const single = this.singleEscape();
          if (single === undefined) this.invalid('a range ends at one character, not a class escape', lastAt);
          last = single;
        } else if (last === 0x5b || last === 0x5d || last === 0x2d) {
          throw new Untranslatable();
        }
        if (last < first) this.invalid(`the range ${String.fromCodePoint(first)}-${String.fromCodePoint(last)} ends before it starts`, lastAt);
        set.content += `${classChar(first)}-${classChar(last)}`;
      } else {
        set.content += classChar(first);
      }
    }
    if (items === 0) this.invalid('a character group holds no character', at);
    const base = setRegExp(set, negated);
    return subtracted === undefined ? base : `(?:(?!${subtracted})${base})`;
  }
}

/**
 * Converts an XML Schema regular expression (a pattern facet value) to an equivalent RegExp: anchored
 * at both ends, as XSD patterns implicitly are, with the `u` flag so it works on characters.
 * `^` and `$` are ordinary characters; `.` excludes only LF and CR; `\s`, `\d`, `\w` have their XSD
 * meanings (`\d` is \p{Nd}); `\i` and `\c` are the XML 1.0 fifth-edition name character classes;
 * `\p{IsBlock}` covers the blocks XML Schema 1.0 lists; subtraction `[a-z-[aeiou]]` becomes a
 * lookahead. Returns undefined for anything it cannot translate faithfully (invalid syntax, unknown
 * blocks or escapes); the caller then skips the check.
 */
export function xsdPattern(source: string): RegExp | undefined {
  let translated: string;
  try {
    translated = new PatternTranslator(source).translate();
  } catch (e) {
    if (e instanceof Untranslatable || e instanceof InvalidPattern) return undefined;
    throw e;
  }
  try {
    return new RegExp(`^(?:${translated})$`, 'u');
  } catch {
    return undefined;
  }
}

/**
 * Why `source` is not an XML Schema regular expression (XSD 1.0 Appendix F), with the character
 * where that shows; undefined when it is one, whether or not xsdPattern can translate it. Hyphens
 * inside a character group that XML Schema 1.1 and libxml2 accept, and block names this module
 * does not know, are not refused here.
 */
export function xsdPatternProblem(source: string): string | undefined {
  try {
    new PatternTranslator(source).translate();
  } catch (e) {
    if (e instanceof InvalidPattern) return e.message;
    if (e instanceof Untranslatable) return undefined;
    throw e;
  }
  return undefined;
}

/**
 * The pattern facets of one restriction step: the value must match at least one of them (XSD ORs
 * the patterns given on one step; patterns from different derivation steps are separate calls).
 * `sources` are the XSD patterns as written, for the message.
 */
export function checkPattern(text: string, patterns: readonly RegExp[], sources: readonly string[], type: string): void {
  if (patterns.length === 0 || matchesPattern(text, patterns)) return;
  const list = sources.map((s) => JSON.stringify(s)).join(' or ');
  violation(text, type, `it does not match facet pattern ${list}`);
}

/** Longest run of leading zeros, and of trailing fraction zeros, tried by formatMatching. */
const MAX_PADDING = 24;

/**
 * `text`, the canonical form of a number or of hexBinary data, or the first other form of the same
 * value that one of `patterns` admits: a code typed xs:int with pattern \d{5} is written 01234,
 * hexBinary restricted to lower case in lower case, a price with \d+\.\d{2} as 1.50. When none
 * does, `text`, for the pattern check to refuse. (Readers take any form; writers must too.)
 */
export function formatMatching(text: string, patterns: readonly RegExp[]): string {
  if (matchesPattern(text, patterns)) return text;
  for (const form of otherForms(text)) if (matchesPattern(form, patterns)) return form;
  return text;
}

function* otherForms(text: string): Generator<string> {
  if (/^[0-9A-F]+$/.test(text) && /[A-F]/.test(text)) yield text.toLowerCase();
  // A float or double in exponent form, as positional decimals of the same value.
  const decimals = /^[+-]?[0-9.]+E[+-]?[0-9]+$/.test(text) ? positional(text) : [text];
  for (const d of decimals) {
    const m = /^([+-]?)([0-9]+)(?:\.([0-9]+))?$/.exec(d);
    if (m === null) continue;
    const [, sign = '', whole = '', fraction] = m;
    const signs = sign === '' ? ['', '+'] : [sign];
    for (let zeros = 0; zeros <= MAX_PADDING; zeros++) {
      for (let extra = fraction === undefined ? -1 : 0; extra <= MAX_PADDING; extra++) {
        const tail = extra < 0 ? '' : `.${fraction ?? ''}${'0'.repeat(extra)}`;
        if (tail === '.') continue;
        for (const s of signs) yield `${s}${'0'.repeat(zeros)}${whole}${tail}`;
      }
    }
  }
}

/** Positional decimals that read as the same double as `text` (fewest fraction digits first). */
function positional(text: string): string[] {
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return [];
  const out: string[] = [];
  for (let digits = 0; digits <= 20; digits++) {
    const form = value.toFixed(digits);
    if (Number(form) === value) out.push(form);
  }
  return out;
}

/** Whether `text` matches one of `patterns` (a step's patterns are ORed). */
export function matchesPattern(text: string, patterns: readonly RegExp[]): boolean {
  for (const p of patterns) {
    p.lastIndex = 0;
    if (p.test(text)) return true;
  }
  return false;
}

// ---- minInclusive, maxInclusive, minExclusive, maxExclusive ----

const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

interface Decimal {
  negative: boolean;
  /** Without leading zeros. */
  int: string;
  /** Without trailing zeros. */
  frac: string;
}

function splitDecimal(text: string): Decimal {
  let s = text;
  let negative = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    negative = true;
    s = s.slice(1);
  } else if (s.charCodeAt(0) === 43 /* + */) {
    s = s.slice(1);
  }
  const dot = s.indexOf('.');
  let int = dot === -1 ? s : s.slice(0, dot);
  let frac = dot === -1 ? '' : s.slice(dot + 1);
  let i = 0;
  while (i < int.length && int.charCodeAt(i) === 48) i++;
  int = int.slice(i);
  let j = frac.length;
  while (j > 0 && frac.charCodeAt(j - 1) === 48) j--;
  frac = frac.slice(0, j);
  return { negative: negative && (int !== '' || frac !== ''), int, frac };
}

/**
 * The canonical form of a decimal ("+01.50" → "1.5", "-0.0" → "0"), for comparing xs:decimal
 * values, which the runtime keeps as their text. Throws ValueError when it is not a decimal.
 */
export function canonicalDecimal(text: string): string {
  const { negative, int, frac } = splitDecimal(parseDecimal(text));
  return `${negative ? '-' : ''}${int === '' ? '0' : int}${frac === '' ? '' : `.${frac}`}`;
}

/** Compares two decimal lexical forms exactly: -1, 0 or 1. */
function compareDecimals(a: string, b: string): number {
  const x = splitDecimal(a);
  const y = splitDecimal(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.int.length !== y.int.length) return x.int.length < y.int.length ? -sign : sign;
  if (x.int !== y.int) return x.int < y.int ? -sign : sign;
  const n = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(n, '0');
  const fy = y.frac.padEnd(n, '0');
  return fx === fy ? 0 : fx < fy ? -sign : sign;
}

/**
 * value compared with the bound: -1, 0, 1, NaN when incomparable (NaN involved), undefined when
 * this function does not compare such values (the facet is then skipped).
 */
function compareWithBound(value: number | bigint | string, bound: string, float32: boolean): number | undefined {
  const b = trimXml(bound);
  if (typeof value === 'number') {
    let n = floatingValue(b);
    if (n === undefined) return undefined;
    if (float32) n = Math.fround(n);
    if (value !== value || n !== n) return NaN;
    return value < n ? -1 : value > n ? 1 : 0;
  }
  if (typeof value === 'bigint') {
    if (!DECIMAL.test(b)) return undefined;
    return compareDecimals(value.toString(), b);
  }
  const v = trimXml(value);
  if (DECIMAL.test(v)) return DECIMAL.test(b) ? compareDecimals(v, b) : undefined;
  return compareTemporal(v, b);
}

export interface RangeFacets {
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
}

/**
 * The range facets, bounds given as written in the schema.
 * - number (float, double, the small integer types): compared as numbers; INF, -INF and NaN bounds
 *   are understood and NaN satisfies no bound. Pass `float32` for xs:float so that the bounds are
 *   rounded to single precision like the value.
 * - bigint, and strings holding a decimal (xs:decimal values): compared exactly as decimals, never
 *   through floating point.
 * - other strings (dates and times of one form, durations): compared as XML Schema orders them,
 *   time zones taken into account, durations at its four reference dateTimes (compareTemporal). A
 *   value without a zone and a bound with one (or the reverse) within fourteen hours of each
 *   other, and durations whose order depends on the length of months, are not ordered: as
 *   XML Schema's order is partial, no bound holds for them (as libxml2 judges too).
 */
export function checkRange(value: number | bigint | string, facets: RangeFacets, type: string, float32 = false): void {
  const { minInclusive, maxInclusive, minExclusive, maxExclusive } = facets;
  // NaN: no order between the two (XML Schema's order is partial), so no bound holds.
  const refuse = (c: number, facet: string, bound: string, otherwise: string): never =>
    violation(value, type, c !== c ? `it has no order against facet ${facet} ${bound}` : otherwise);
  let c: number | undefined;
  if (minInclusive !== undefined && (c = compareWithBound(value, minInclusive, float32)) !== undefined && !(c >= 0)) {
    refuse(c, 'minInclusive', minInclusive, `it is less than facet minInclusive ${minInclusive}`);
  }
  if (minExclusive !== undefined && (c = compareWithBound(value, minExclusive, float32)) !== undefined && !(c > 0)) {
    refuse(c, 'minExclusive', minExclusive, `it is not greater than facet minExclusive ${minExclusive}`);
  }
  if (maxInclusive !== undefined && (c = compareWithBound(value, maxInclusive, float32)) !== undefined && !(c <= 0)) {
    refuse(c, 'maxInclusive', maxInclusive, `it is greater than facet maxInclusive ${maxInclusive}`);
  }
  if (maxExclusive !== undefined && (c = compareWithBound(value, maxExclusive, float32)) !== undefined && !(c < 0)) {
    refuse(c, 'maxExclusive', maxExclusive, `it is not less than facet maxExclusive ${maxExclusive}`);
  }
}

// ---- totalDigits, fractionDigits ----

/**
 * The digit facets of a decimal-derived type, on its lexical form (for bigint values pass
 * `value.toString()`). Leading zeros of the integer part and trailing zeros of the fraction do not
 * count; zeros between the point and the first significant digit do (0.0012 needs totalDigits 4).
 */
export function checkDigits(decimalText: string, totalDigits: number | undefined, fractionDigits: number | undefined, type: string): void {
  const s = trimXml(decimalText);
  if (!DECIMAL.test(s)) violation(decimalText, type, 'it is not a decimal number');
  const { int, frac } = splitDecimal(s);
  if (fractionDigits !== undefined && frac.length > fractionDigits) {
    violation(decimalText, type, `it has ${frac.length} fraction digits, more than facet fractionDigits ${fractionDigits}`);
  }
  const total = int.length + frac.length;
  if (totalDigits !== undefined && total > totalDigits) {
    violation(decimalText, type, `it has ${total} digits, more than facet totalDigits ${totalDigits}`);
  }
}
