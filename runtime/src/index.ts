// Public entry of @wsdl-codegen/runtime. Generated packages import only from here.

export { XmlError, ReadError, ValueError, UnknownEnumerationError, SerializeError, unknownEnumeration, enumerationKeys, withPath } from './errors';
export type { XmlErrorCode, ReadWarning, ReadWarningCode, ReadErrorCode } from './errors';

export { XML_NS, XMLNS_NS, XSI_NS, XSD_NS, SOAP11_ENV, SOAP12_ENV } from './namespaces';

export {
  parseXml,
  elementPath,
  attributePath,
  serializeElement,
  resolveQName,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ATTRIBUTES,
} from './xml/reader';
export type { XmlAttribute, XmlElement, NamespaceScope, ParseOptions } from './xml/reader';
export { XmlCursor, XML_EOF, XML_START, XML_END, XML_TEXT } from './xml/cursor';
export { abstractType, escapeText, escapeAttr, holdsProperty, noValidInstance, settle, textBesideDefault, writeInParts, writeScanned } from './xml/writer';
export { charsetOf, decodeXml, type Decoded } from './xml/decode';
export { writeUtf8 } from './xml/latin1';
export { isName, isNCName, isNmtoken } from './xml/chars';
export { choiceOccurrences, splitOccurrences } from './xml/occurrences';
export type { ListedAlternative, OccurrencePart } from './xml/occurrences';

export * from './scalars/index';

export { ReadContext } from './read-context';
export type { ReadOptions } from './read-context';

export {
  envelopeNamespace,
  writeEnvelope,
  openEnvelope,
  readFault,
  writeFault,
  SoapFaultError,
} from './soap/envelope';
export type { SoapVersion, OpenedEnvelope, SoapFaultDetailEntry, SoapFaultInit, FaultToWrite } from './soap/envelope';

export { BUILTIN_CODECS, RUNTIME_EXPORTS, RUNTIME_TYPE_ONLY, builtinCodec } from './names';
export type { BuiltinCodec, RuntimeExport } from './names';

export { toAnyElement, anyTypeElement, writeAnyAttribute, isXmlNil, writeNil, xsiType, splitList, joinList } from './xml/any';
export type { XmlAnyElement, XmlAnyAttribute, XmlNil } from './xml/any';
export type { OperationCodec, ParsedMessage } from './soap/operation';
export type { ReadonlyInput } from './input';
export { readDeclaredFault, writeDeclaredFault } from './soap/declared-faults';
export type { DeclaredFault, FaultDetail, FaultDetails, FaultInit, ParsedFault } from './soap/declared-faults';
export { readMessage } from './soap/message';
export type { HeadersReader, BodyReader } from './soap/message';

export {
  SoapTransport,
  TransportError,
  HttpError,
  AuthenticationError,
  TimeoutError,
  AbortError,
  ConnectionError,
  NonXmlResponseError,
} from './transport/index';
export type {
  Auth,
  TlsOptions,
  RetryOptions,
  RetryBudget,
  TraceEvent,
  TransportOptions,
  SendRequest,
  CallOptions,
  HttpResult,
} from './transport/index';
export { SoapClient, ResponseError } from './client';
export type { SoapClientOptions, SoapCallOptions, SoapMeta, WithSoap, ResponseStatus, OperationMeta } from './client';
export { anyXml, outsideWildcard, writeAnyAttributes } from './xml/any';
export { readDocument, writeDocument } from './xml/document';
export type { DocumentCodec, ParsedDocument, SchemaLocations } from './xml/document';
export { checkLength, xsdPattern, checkPattern, checkRange, checkDigits, canonicalDecimal, formatMatching } from './scalars/facets';
export type { RangeFacets } from './scalars/facets';
export { mustUnderstand } from './soap/headers';
