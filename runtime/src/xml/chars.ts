// Character classes of XML 1.0 (fifth edition) and Namespaces in XML, on UTF-16 code units.

const NAME_START = 1;
const NAME = 2;

/** Bit flags for ASCII code points: NAME_START, NAME. The colon is included; callers split QNames. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter || c === 58 || c === 95) ASCII[c] = NAME_START | NAME;
  else if ((c >= 48 && c <= 57) || c === 45 || c === 46) ASCII[c] = NAME;
}

/**
 * Non-ASCII NameStartChar. Surrogates are accepted when they could encode U+10000..U+EFFFF; the
 * reader rejects unpaired surrogates for the whole document before it looks at names.
 */
function isWideNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdb7f) ||
    (c >= 0xdc00 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export function isNameStartCode(c: number): boolean {
  return c < 128 ? (ASCII[c]! & NAME_START) !== 0 : isWideNameStart(c);
}

export function isNameCode(c: number): boolean {
  if (c < 128) return (ASCII[c]! & NAME) !== 0;
  return c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040 || isWideNameStart(c);
}

export function isXmlWhitespaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Code points allowed by the XML 1.0 Char production. */
export function isXmlCharCodePoint(cp: number): boolean {
  return cp >= 0x20
    ? cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
    : cp === 9 || cp === 10 || cp === 13;
}

export function isName(s: string): boolean {
  if (s.length === 0 || !isNameStartCode(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isNameCode(s.charCodeAt(i))) return false;
  return true;
}

export function isNCName(s: string): boolean {
  return isName(s) && s.indexOf(':') === -1;
}

export function isNmtoken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isNameCode(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF),
 * and every surrogate: one character class scans several times faster than an expression that
 * pairs surrogates itself (lookarounds make it crawl over two-byte strings).
 */
const SUSPECT_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** A text the decoder has checked already, for the next findForbiddenChar over it. */
let vouched: string | undefined;

/**
 * Tells findForbiddenChar that `s` holds no character XML 1.0 refuses, once: the decoder's SIMD
 * pass has checked it on the way, and the reader is usually next to ask.
 */
export function vouchNoForbiddenChar(s: string): void {
  vouched = s;
}

/** Offset of the first character XML 1.0 cannot carry (unpaired surrogates included), or -1. */
export function findForbiddenChar(s: string): number {
  // Usually the same string (compared in O(1)); equal text has the same answer anyway.
  if (vouched !== undefined && s === vouched) {
    vouched = undefined;
    return -1;
  }
  SUSPECT_CHAR.lastIndex = 0;
  for (let m = SUSPECT_CHAR.exec(s); m !== null; m = SUSPECT_CHAR.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        SUSPECT_CHAR.lastIndex = i + 2;
        continue;
      }
    }
    return i;
  }
  return -1;
}

export function describeCodeUnit(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
