import { XSD_NS, type QName, type SimpleTypeDef, type TypeDef } from '../ir';

/**
 * XSD 1.0 built-in types and the primitive each one restricts (for derived
 * simple types the root of the chain decides the codec).
 */
export const BUILTIN_TYPES: readonly string[] = [
  'anyType', 'anySimpleType',
  'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS', 'ENTITY', 'ENTITIES', 'NMTOKEN', 'NMTOKENS',
  'anyURI', 'QName', 'NOTATION', 'boolean',
  'decimal', 'integer', 'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte',
  'nonNegativeInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'positiveInteger',
  'float', 'double', 'duration', 'dateTime', 'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth',
  'hexBinary', 'base64Binary',
];

const builtinSet = new Set(BUILTIN_TYPES);

/** The built-in types whose variety is list. */
export const BUILTIN_LISTS: ReadonlySet<string> = new Set(['NMTOKENS', 'IDREFS', 'ENTITIES']);

/** The built-in integer types, all derived from xs:decimal (they take its digit facets). */
export const INTEGER_TYPES: ReadonlySet<string> = new Set([
  'integer', 'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte',
  'nonNegativeInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'positiveInteger',
]);

const XSD_PREFIX = `{${XSD_NS}}`;

export function isBuiltinType(key: string): boolean {
  return key.startsWith(XSD_PREFIX) && builtinSet.has(key.slice(XSD_PREFIX.length));
}

export const ANY_TYPE = `{${XSD_NS}}anyType`;
export const STRING_TYPE = `{${XSD_NS}}string`;

export type WhiteSpace = 'preserve' | 'replace' | 'collapse';

/** A built-in's whiteSpace: string and anySimpleType keep spaces, normalizedString replaces them, the rest collapse. */
export function builtinWhiteSpace(builtin: string): WhiteSpace {
  return builtin === 'string' || builtin === 'anySimpleType' ? 'preserve' : builtin === 'normalizedString' ? 'replace' : 'collapse';
}

/** The whiteSpace facet in force for an atomic type: its own or its simple bases', else its built-in's. */
export function whiteSpaceOf(types: Readonly<Record<QName, TypeDef>>, t: SimpleTypeDef): WhiteSpace {
  const seen = new Set<QName>();
  for (let cur: TypeDef | undefined = t; cur?.kind === 'simple' && !seen.has(cur.name); cur = cur.base === undefined ? undefined : types[cur.base]) {
    seen.add(cur.name);
    if (cur.facets.whiteSpace !== undefined) return cur.facets.whiteSpace;
  }
  return builtinWhiteSpace(t.builtin);
}
