// Codecs for the XML Schema built-in simple types. A parser takes lexical text and returns the
// TypeScript value or throws ValueError; a formatter takes the value and returns a lexical form
// (canonical where that is cheap and loses nothing) or throws ValueError.
//
// | XSD type                                               | TypeScript  | parse / format                      |
// |--------------------------------------------------------|-------------|-------------------------------------|
// | string, anySimpleType                                  | string      | parseString (identity)              |
// | normalizedString                                       | string      | parseNormalizedString (TAB/LF/CR→sp)|
// | token                                                  | string      | parseToken (collapse)               |
// | language                                               | string      | parseLanguage (collapse, validated) |
// | Name                                                   | string      | parseName                           |
// | NCName, ID, IDREF, ENTITY                              | string      | parseNCName                         |
// | NMTOKEN                                                | string      | parseNMTOKEN                        |
// | NMTOKENS / IDREFS / ENTITIES                           | string[]    | parseNMTOKENS / parseIDREFS / parseENTITIES |
// | anyURI                                                 | string      | parseAnyURI (collapse, % escapes)   |
// | boolean                                                | boolean     | parseBoolean (true/false/1/0)       |
// | int, short, byte                                       | number      | parseInt32, parseInt16, parseInt8   |
// | unsignedInt, unsignedShort, unsignedByte               | number      | parseUInt32, parseUInt16, parseUInt8|
// | integer, long, unsignedLong                            | bigint      | parseInteger, parseLong, parseULong |
// | nonNegativeInteger, positiveInteger                    | bigint      | parseNonNegativeInteger, parsePositiveInteger |
// | nonPositiveInteger, negativeInteger                    | bigint      | parseNonPositiveInteger, parseNegativeInteger |
// | decimal                                                | string      | parseDecimal (lexical form kept)    |
// | double / float                                         | number      | parseDouble / parseFloat32 (INF, -INF, NaN) |
// | dateTime, dateTimeStamp, date, time                    | string      | parseDateTime, parseDateTimeStamp, parseDate, parseTime |
// | duration, dayTimeDuration, yearMonthDuration           | string      | parseDuration, parseDayTimeDuration, parseYearMonthDuration |
// | gYear, gYearMonth, gMonth, gMonthDay, gDay             | string      | parseGYear, parseGYearMonth, parseGMonth, parseGMonthDay, parseGDay |
// | base64Binary / hexBinary                               | Uint8Array  | parseBase64 / parseHex              |
// | QName, NOTATION                                        | XmlQName    | parseQName(text, resolve) / formatQName(value, prefixFor) |
//
// Every parse* has a format* twin with the same suffix. Date and time types stay strings so that
// the timezone (offset, Z or none) survives unchanged. All non-string types apply the XSD
// whitespace collapse, so surrounding whitespace is accepted on read.

export { collapseWhitespace, noUnionMember, replaceWhitespace, sameValue, trimXml } from './common';
export * from './strings';
export * from './boolean';
export * from './integers';
export * from './decimal';
export * from './floats';
export * from './temporal';
export { temporalValue } from './temporal-order';
export * from './binary';
export * from './qname';
