import { ValueError } from '../errors';

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Strips leading and trailing XML whitespace (space, TAB, LF, CR). */
export function trimXml(s: string): string {
  const n = s.length;
  if (n === 0 || (!isWs(s.charCodeAt(0)) && !isWs(s.charCodeAt(n - 1)))) return s;
  let i = 0;
  let j = n;
  while (i < j && isWs(s.charCodeAt(i))) i++;
  while (j > i && isWs(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

const NEEDS_COLLAPSE = /[\t\n\r]| {2}|^ | $/;
const WS_RUN = /[ \t\n\r]+/g;
const WS_CHAR = /[\t\n\r]/g;

/** The XSD whiteSpace="collapse" rule: runs become one space, ends are trimmed. */
export function collapseWhitespace(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? trimXml(s.replace(WS_RUN, ' ')) : s;
}

/** The XSD whiteSpace="replace" rule: TAB, LF and CR become spaces. */
export function replaceWhitespace(s: string): string {
  return s.replace(WS_CHAR, ' ');
}

/**
 * Whether two lexical forms stand for one value of a type (a fixed value, say: "01" and "1" for
 * xs:int, " true" and "1" for xs:boolean): equal once parsed and formatted again. A form the type
 * cannot read is equal only to itself.
 */
export function sameValue<T>(parse: (text: string) => T, format: (value: T) => string, a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return format(parse(a)) === format(parse(b));
  } catch {
    return false;
  }
}

/** Quotes a lexical value for an error message, shortening long ones. */
export function show(value: unknown): string {
  return showAt(value, 0);
}

/**
 * show() at array depth `depth`: an array's first items are shown, and an array inside one as
 * `[...]`, so that a deeply nested or self-containing array gives a short message, not a stack overflow.
 */
function showAt(value: unknown, depth: number): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 64 ? value.slice(0, 61) + '...' : value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) {
    if (depth > 0) return '[...]';
    // Array.from, not map: a hole is shown as the undefined it reads as, not left out.
    const items = Array.from(value.slice(0, 4), (item: unknown) => showAt(item, depth + 1));
    return `[${items.join(', ')}${value.length > 4 ? ', ...' : ''}]`;
  }
  return `a value of type ${typeof value}`;
}

/** Thrown by a union's formatter when none of its members takes `value`. */
export function noUnionMember(value: unknown, union: string): never {
  throw new ValueError(`${show(value)} is not a value of any member of the union ${union}`);
}

export function invalid(value: unknown, type: string, expected?: string): never {
  throw new ValueError(`${show(value)} is not a valid xs:${type}${expected === undefined ? '' : ` (expected ${expected})`}`);
}

export function expectString(value: unknown, type: string): string {
  if (typeof value !== 'string') invalid(value, type, 'a string');
  return value;
}
