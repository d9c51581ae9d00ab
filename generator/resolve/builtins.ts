import { XSD_NS } from '../ir';

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
