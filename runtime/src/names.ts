// The generator learns the runtime's export names from this module. Every name is checked against
// the public entry, so renaming a runtime export breaks the generator's build, not generated code.
// It is published as '@wsdl-codegen/runtime/names' and imports no values beyond the scalar codecs, the facet code and
// the decoder, so the generator does not load the transport (undici and 100-odd modules) when it starts.

import type {
  BodyReader,
  DeclaredFault,
  DocumentCodec,
  FaultDetails,
  HeadersReader,
  NamespaceScope,
  OperationCodec,
  ParseOptions,
  ParsedDocument,
  ReadOptions,
  ReadWarning,
  ReadonlyInput,
  ResponseStatus,
  SchemaLocations,
  SoapCallOptions,
  SoapClientOptions,
  SoapVersion,
  WithSoap,
  XmlAnyAttribute,
  XmlAnyElement,
  XmlAttribute,
  XmlElement,
  XmlNil,
  XmlQName,
} from './index';
import * as binary from './scalars/binary';
import * as boolean from './scalars/boolean';
import * as decimal from './scalars/decimal';
import * as floats from './scalars/floats';
import * as integers from './scalars/integers';
import * as strings from './scalars/strings';
import * as temporal from './scalars/temporal';

// The generator checks xs:pattern facets with the same translation generated code uses.
export { xsdPattern, xsdPatternProblem } from './scalars/facets';
// And QName and name-typed enumeration values with the same name rules as the readers.
export { isName, isNCName, isNmtoken } from './xml/chars';

// Facet and enumeration values are whitespace-processed as the text readers compare with them.
export { collapseWhitespace, replaceWhitespace } from './scalars/common';

// Schemas are decoded as messages are: by byte order mark, charset, declaration, else UTF-8.
export { charsetOf, decodeXml } from './xml/decode';

// The parts of a repeated sequence that readers split again, as the generator describes them.
export type { OccurrencePart } from './xml/occurrences';

export type RuntimeExport = keyof typeof import('./index');

export interface BuiltinCodec {
  /** TypeScript type text of the value. */
  ts: 'string' | 'number' | 'bigint' | 'boolean' | 'Uint8Array' | 'string[]' | 'XmlQName';
  parse: RuntimeExport;
  format: RuntimeExport;
}

const codec = (ts: BuiltinCodec['ts'], parse: RuntimeExport, format: RuntimeExport): BuiltinCodec => ({ ts, parse, format });

const STRING = codec('string', 'parseString', 'formatString');
const NCNAME = codec('string', 'parseNCName', 'formatNCName');
const QNAME = codec('XmlQName', 'parseQName', 'formatQName');

/**
 * Codecs by XSD built-in local name (anyType excluded: it is complex). For XmlQName the parser
 * takes a prefix resolver and the formatter a prefix chooser as second argument.
 */
export const BUILTIN_CODECS: Readonly<Record<string, BuiltinCodec>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, BuiltinCodec>, {
    anySimpleType: STRING,
    string: STRING,
    normalizedString: codec('string', 'parseNormalizedString', 'formatNormalizedString'),
    token: codec('string', 'parseToken', 'formatToken'),
    language: codec('string', 'parseLanguage', 'formatLanguage'),
    Name: codec('string', 'parseName', 'formatName'),
    NCName: NCNAME,
    ID: NCNAME,
    IDREF: NCNAME,
    ENTITY: NCNAME,
    NMTOKEN: codec('string', 'parseNMTOKEN', 'formatNMTOKEN'),
    NMTOKENS: codec('string[]', 'parseNMTOKENS', 'formatNMTOKENS'),
    IDREFS: codec('string[]', 'parseIDREFS', 'formatIDREFS'),
    ENTITIES: codec('string[]', 'parseENTITIES', 'formatENTITIES'),
    anyURI: codec('string', 'parseAnyURI', 'formatAnyURI'),
    QName: QNAME,
    NOTATION: QNAME,
    boolean: codec('boolean', 'parseBoolean', 'formatBoolean'),
    decimal: codec('string', 'parseDecimal', 'formatDecimal'),
    float: codec('number', 'parseFloat32', 'formatFloat32'),
    double: codec('number', 'parseDouble', 'formatDouble'),
    integer: codec('bigint', 'parseInteger', 'formatInteger'),
    nonPositiveInteger: codec('bigint', 'parseNonPositiveInteger', 'formatNonPositiveInteger'),
    negativeInteger: codec('bigint', 'parseNegativeInteger', 'formatNegativeInteger'),
    nonNegativeInteger: codec('bigint', 'parseNonNegativeInteger', 'formatNonNegativeInteger'),
    positiveInteger: codec('bigint', 'parsePositiveInteger', 'formatPositiveInteger'),
    long: codec('bigint', 'parseLong', 'formatLong'),
    unsignedLong: codec('bigint', 'parseULong', 'formatULong'),
    int: codec('number', 'parseInt32', 'formatInt32'),
    short: codec('number', 'parseInt16', 'formatInt16'),
    byte: codec('number', 'parseInt8', 'formatInt8'),
    unsignedInt: codec('number', 'parseUInt32', 'formatUInt32'),
    unsignedShort: codec('number', 'parseUInt16', 'formatUInt16'),
    unsignedByte: codec('number', 'parseUInt8', 'formatUInt8'),
    dateTime: codec('string', 'parseDateTime', 'formatDateTime'),
    dateTimeStamp: codec('string', 'parseDateTimeStamp', 'formatDateTimeStamp'),
    date: codec('string', 'parseDate', 'formatDate'),
    time: codec('string', 'parseTime', 'formatTime'),
    duration: codec('string', 'parseDuration', 'formatDuration'),
    dayTimeDuration: codec('string', 'parseDayTimeDuration', 'formatDayTimeDuration'),
    yearMonthDuration: codec('string', 'parseYearMonthDuration', 'formatYearMonthDuration'),
    gYear: codec('string', 'parseGYear', 'formatGYear'),
    gYearMonth: codec('string', 'parseGYearMonth', 'formatGYearMonth'),
    gMonth: codec('string', 'parseGMonth', 'formatGMonth'),
    gMonthDay: codec('string', 'parseGMonthDay', 'formatGMonthDay'),
    gDay: codec('string', 'parseGDay', 'formatGDay'),
    base64Binary: codec('Uint8Array', 'parseBase64', 'formatBase64'),
    hexBinary: codec('Uint8Array', 'parseHex', 'formatHex'),
  }),
);

/** Looks up a built-in by local name without touching Object.prototype. */
export function builtinCodec(localName: string): BuiltinCodec | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_CODECS, localName) ? BUILTIN_CODECS[localName] : undefined;
}

/** The parsers that take the text alone, by export name (not qname.ts's, which resolve a prefix). */
const TEXT_PARSERS: Readonly<Record<string, unknown>> = { ...binary, ...boolean, ...decimal, ...floats, ...integers, ...strings, ...temporal };

/**
 * Whether a text is a value of built-in `localName` as its reader takes it, by its parser: the
 * generator checks default, fixed and facet values with it, so that it takes what generated code
 * reads, and no copy of these forms drifts from them. Undefined for QName and NOTATION, whose
 * parsers resolve a prefix, and for a name that is no built-in.
 */
export function lexicalCheck(localName: string): ((text: string) => boolean) | undefined {
  const codec = builtinCodec(localName);
  const parse = codec === undefined ? undefined : TEXT_PARSERS[codec.parse];
  if (!isTextParser(parse)) return undefined;
  return (text) => {
    try {
      parse(text);
      return true;
    } catch {
      return false;
    }
  };
}

function isTextParser(v: unknown): v is (text: string) => unknown {
  return typeof v === 'function';
}

/** Value exports that generated code uses besides the scalar codecs. */
export const RUNTIME_EXPORTS = {
  parseXml: 'parseXml',
  elementPath: 'elementPath',
  attributePath: 'attributePath',
  serializeElement: 'serializeElement',
  resolveQName: 'resolveQName',
  checkQNameIn: 'checkQNameIn',
  escapeText: 'escapeText',
  escapeAttr: 'escapeAttr',
  settle: 'settle',
  withPath: 'withPath',
  ReadContext: 'ReadContext',
  ReadError: 'ReadError',
  XmlError: 'XmlError',
  ValueError: 'ValueError',
  unknownEnumeration: 'unknownEnumeration',
  SerializeError: 'SerializeError',
  writeEnvelope: 'writeEnvelope',
  openEnvelope: 'openEnvelope',
  readMessage: 'readMessage',
  writeFault: 'writeFault',
  readFault: 'readFault',
  SoapFaultError: 'SoapFaultError',
  SOAP11_ENV: 'SOAP11_ENV',
  SOAP12_ENV: 'SOAP12_ENV',
  XSI_NS: 'XSI_NS',
  XSD_NS: 'XSD_NS',
  XML_NS: 'XML_NS',
  SoapTransport: 'SoapTransport',
  TransportError: 'TransportError',
  HttpError: 'HttpError',
  AuthenticationError: 'AuthenticationError',
  TimeoutError: 'TimeoutError',
  AbortError: 'AbortError',
  ConnectionError: 'ConnectionError',
  NonXmlResponseError: 'NonXmlResponseError',
} as const satisfies Readonly<Record<string, RuntimeExport>>;

type TypeExports = {
  BodyReader: BodyReader<unknown>;
  DeclaredFault: DeclaredFault;
  DocumentCodec: DocumentCodec<unknown>;
  FaultDetails: FaultDetails<DeclaredFault>;
  HeadersReader: HeadersReader<unknown>;
  NamespaceScope: NamespaceScope;
  OperationCodec: OperationCodec<unknown, unknown, unknown, unknown>;
  ParseOptions: ParseOptions;
  ParsedDocument: ParsedDocument<unknown>;
  ReadOptions: ReadOptions;
  ReadWarning: ReadWarning;
  ReadonlyInput: ReadonlyInput<unknown>;
  ResponseStatus: ResponseStatus;
  SchemaLocations: SchemaLocations;
  SoapCallOptions: SoapCallOptions<unknown>;
  SoapClientOptions: SoapClientOptions<unknown>;
  SoapVersion: SoapVersion;
  WithSoap: WithSoap<unknown, unknown>;
  XmlAnyAttribute: XmlAnyAttribute;
  XmlAnyElement: XmlAnyElement;
  XmlAttribute: XmlAttribute;
  XmlElement: XmlElement;
  XmlNil: XmlNil;
  XmlQName: XmlQName;
};

/** The public entry's type-only exports, by name. */
export type RuntimeTypeExport = keyof TypeExports;

/** Any name the public entry exports, a value or a type: what generated code may import. */
export type RuntimeName = RuntimeExport | RuntimeTypeExport;

/**
 * Exports of the public entry that are types only: generated code imports them with `type`, so
 * that it compiles where imports are kept as written (verbatimModuleSyntax, isolated transpilers).
 * The map above fails to compile if one is renamed; a unit test checks that none is a value.
 */
export const RUNTIME_TYPE_ONLY: ReadonlySet<string> = new Set<RuntimeTypeExport>([
  'BodyReader',
  'DeclaredFault',
  'DocumentCodec',
  'FaultDetails',
  'HeadersReader',
  'NamespaceScope',
  'OperationCodec',
  'ParseOptions',
  'ParsedDocument',
  'ReadOptions',
  'ReadWarning',
  'ReadonlyInput',
  'ResponseStatus',
  'SchemaLocations',
  'SoapCallOptions',
  'SoapClientOptions',
  'SoapVersion',
  'WithSoap',
  'XmlAnyAttribute',
  'XmlAnyElement',
  'XmlAttribute',
  'XmlElement',
  'XmlNil',
  'XmlQName',
]);

/**
 * Names a generated client's methods do not take (an operation named Close becomes `close_`):
 * SoapClient's own members, and `then`, which would make a client a thenable that `await` calls.
 * (Object.prototype's members are avoided too, from the generator's fixed list.) A unit test
 * checks the list against SoapClient as it is.
 */
export const CLIENT_MEMBER_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  'transport',
  'soapHeaders',
  'readOptions',
  'idempotentOps',
  'close',
  'invoke',
  'then',
]);

/**
 * Runtime exports named like a type's codecs (read…, write…, parse…, format… + a name): a schema
 * type named Fault or DateTime must not have its codecs take these names. A unit test checks the
 * list against the public entry.
 */
export const RUNTIME_CODEC_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(BUILTIN_CODECS).flatMap((c) => [c.parse, c.format]),
  'parseXml',
  'readFault',
  'writeFault',
  'readMessage',
  'writeEnvelope',
  'readDocument',
  'writeDocument',
  'writeInParts',
  'writeScanned',
  'writeUtf8',
  'readDeclaredFault',
  'writeDeclaredFault',
  'writeAnyAttribute',
  'writeAnyAttributes',
  'writeQNameElement',
  'writeQNameAttribute',
  'formatBooleanMatching',
  'formatMatching',
  'writeNil',
]);
