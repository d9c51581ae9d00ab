import type { ReadWarning } from '../errors';
import type { ReadOptions } from '../read-context';
import type { SoapVersion } from './envelope';

/** What parsing a request or response gives: the typed body, the typed SOAP headers, and the reader's warnings. */
export interface ParsedMessage<Body, Headers> {
  body: Body;
  headers: Headers;
  /** Deviations from the schema that were accepted (lenient mode); empty in strict mode. */
  warnings: ReadWarning[];
}

/**
 * One WSDL operation as generated code exposes it. The request side is what a
 * client needs; the response side is what a server or a test double needs.
 * parseResponse throws SoapFaultError when the body holds a SOAP Fault.
 */
export interface OperationCodec<Req, Res, ReqHeaders, ResHeaders> {
  readonly name: string;
  readonly soapAction: string;
  readonly soapVersion: SoapVersion;
  serializeRequest(body: Req, headers?: ReqHeaders): string;
  parseRequest(xml: string, options?: ReadOptions): ParsedMessage<Req, ReqHeaders>;
  serializeResponse(body: Res, headers?: ResHeaders): string;
  parseResponse(xml: string, options?: ReadOptions): ParsedMessage<Res, ResHeaders>;
}
