import { collapseWhitespace, replaceWhitespace } from '@wsdl-codegen/runtime/names';
import { XSD_NS, type QName, type SimpleTypeDef, type TypeDef } from '../ir';

/** The built-in types whose variety is list. */
export const BUILTIN_LISTS: ReadonlySet<string> = new Set(['NMTOKENS', 'IDREFS', 'ENTITIES']);

/** The built-in integer types, all derived from xs:decimal (they take its digit facets). */
export const INTEGER_TYPES: ReadonlySet<string> = new Set([
  'integer', 'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte',
  'nonNegativeInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'positiveInteger',
]);

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

/** A text as whiteSpace `ws` has a reader see it. */
export function withWhiteSpace(ws: WhiteSpace, text: string): string {
  return ws === 'collapse' ? collapseWhitespace(text) : ws === 'replace' ? replaceWhitespace(text) : text;
}
