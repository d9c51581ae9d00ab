import type { ReadWarning } from '../errors';
import type { ReadonlyInput } from '../input';
import type { ReadOptions } from '../read-context';
import type { DeclaredFault, FaultInit, ParsedFault } from './declared-faults';
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
 * parseResponse throws SoapFaultError when the body holds a SOAP Fault; parseFault reads the
 * faults the operation declares (wsdl:fault) from it. `Fault` is their union, never without any.
 */
export interface OperationCodec<Req, Res, ReqHeaders, ResHeaders, Fault extends DeclaredFault = never> {
  readonly name: string;
  readonly soapAction: string;
  readonly soapVersion: SoapVersion;
  /** Writers never change what they write: a body or headers holding readonly arrays (`as const`) are taken as they are. */
  serializeRequest(body: ReadonlyInput<Req>, headers?: ReadonlyInput<ReqHeaders>): string;
  parseRequest(xml: string, options?: ReadOptions): ParsedMessage<Req, ReqHeaders>;
  serializeResponse(body: ReadonlyInput<Res>, headers?: ReadonlyInput<ResHeaders>): string;
  parseResponse(xml: string, options?: ReadOptions): ParsedMessage<Res, ResHeaders>;
  /**
   * The declared fault a call failed with, its detail typed: for a SoapFaultError whose detail
   * holds one of the operation's fault elements. Undefined for any other error or fault.
   */
  parseFault(error: unknown, options?: ReadOptions): ParsedFault<Fault> | undefined;
  /** A response envelope carrying a SOAP fault with `fault`'s detail. */
  serializeFault(fault: Fault, init: FaultInit): string;
}
