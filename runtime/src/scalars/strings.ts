import { isNCName, isName, isNmtoken } from '../xml/chars';
import { collapseWhitespace, expectString, invalid, replaceWhitespace } from './common';

export function parseString(text: string): string {
  return text;
}

export function formatString(value: string): string {
  return expectString(value, 'string');
}

export function parseNormalizedString(text: string): string {
  return replaceWhitespace(text);
}

export function formatNormalizedString(value: string): string {
  return replaceWhitespace(expectString(value, 'normalizedString'));
}

export function parseToken(text: string): string {
  return collapseWhitespace(text);
}

export function formatToken(value: string): string {
  return collapseWhitespace(expectString(value, 'token'));
}

const LANGUAGE = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;

export function parseLanguage(text: string): string {
  const s = collapseWhitespace(text);
  if (!LANGUAGE.test(s)) invalid(text, 'language', 'a language tag such as "en-US"');
  return s;
}

export function formatLanguage(value: string): string {
  return parseLanguage(expectString(value, 'language'));
}

export function parseName(text: string): string {
  const s = collapseWhitespace(text);
  if (!isName(s)) invalid(text, 'Name', 'an XML name');
  return s;
}

export function formatName(value: string): string {
  return parseName(expectString(value, 'Name'));
}

/** Also the codec of xs:ID, xs:IDREF and xs:ENTITY. */
export function parseNCName(text: string): string {
  const s = collapseWhitespace(text);
  if (!isNCName(s)) invalid(text, 'NCName', 'an XML name without a colon');
  return s;
}

export function formatNCName(value: string): string {
  return parseNCName(expectString(value, 'NCName'));
}

export function parseNMTOKEN(text: string): string {
  const s = collapseWhitespace(text);
  if (!isNmtoken(s)) invalid(text, 'NMTOKEN', 'one or more name characters');
  return s;
}

export function formatNMTOKEN(value: string): string {
  return parseNMTOKEN(expectString(value, 'NMTOKEN'));
}

function parseList(text: string, type: string, item: (s: string) => boolean, itemType: string): string[] {
  const s = collapseWhitespace(text);
  if (s === '') invalid(text, type, `at least one ${itemType}`);
  const items = s.split(' ');
  for (const i of items) {
    if (!item(i)) invalid(text, type, `a space-separated list of ${itemType}s; ${JSON.stringify(i)} is not one`);
  }
  return items;
}

function formatList(value: readonly string[], type: string, item: (s: string) => boolean, itemType: string): string {
  if (!Array.isArray(value)) invalid(value, type, 'an array of strings');
  if (value.length === 0) invalid(value, type, `at least one ${itemType}`);
  for (const i of value) if (typeof i !== 'string' || !item(i)) invalid(i, type, `each item to be an ${itemType}`);
  return value.join(' ');
}

export function parseNMTOKENS(text: string): string[] {
  return parseList(text, 'NMTOKENS', isNmtoken, 'NMTOKEN');
}

export function formatNMTOKENS(value: readonly string[]): string {
  return formatList(value, 'NMTOKENS', isNmtoken, 'NMTOKEN');
}

export function parseIDREFS(text: string): string[] {
  return parseList(text, 'IDREFS', isNCName, 'NCName');
}

export function formatIDREFS(value: readonly string[]): string {
  return formatList(value, 'IDREFS', isNCName, 'NCName');
}

export function parseENTITIES(text: string): string[] {
  return parseList(text, 'ENTITIES', isNCName, 'NCName');
}

export function formatENTITIES(value: readonly string[]): string {
  return formatList(value, 'ENTITIES', isNCName, 'NCName');
}

/** A % followed by anything but two hex digits: no escape (RFC 3986 2.1). */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * Whitespace is collapsed. Any other text is taken but a % that starts no escape, as libxml2
 * refuses it (it checks what is left of RFC 2396's syntax once spaces and non-ASCII are escaped).
 */
export function parseAnyURI(text: string): string {
  const s = collapseWhitespace(text);
  if (s.includes('%') && BAD_ESCAPE.test(s)) invalid(text, 'anyURI', 'a URI whose every % starts an escape of two hex digits, as %20');
  return s;
}

export function formatAnyURI(value: string): string {
  return parseAnyURI(expectString(value, 'anyURI'));
}
