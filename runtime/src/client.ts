import { ReadError, type ReadWarning } from './errors';
import type { ReadonlyInput } from './input';
import type { ReadOptions } from './read-context';
import type { DeclaredFault } from './soap/declared-faults';
import { SoapFaultError } from './soap/envelope';
import type { OperationCodec, ParsedMessage } from './soap/operation';
import { SoapTransport, type CallOptions as TransportCallOptions, type HttpResult, type TransportOptions } from './transport';
import type { XmlAnyElement } from './xml/any';

/**
 * What generated clients share: headers merged from client defaults and the call,
 * the envelope written and read by the operation's codec, response statuses checked,
 * "server busy" answers retried. Generated subclasses add one typed method per operation.
 */

/** Response metadata, reachable from every result without being part of its data. */
export interface SoapMeta<Headers> {
  /** The response's SOAP headers (e.g. ServerVersionInfo). */
  readonly headers: Headers;
  /** Deviations the lenient reader accepted (also a ResponseClass="Warning" status). */
  readonly warnings: ReadWarning[];
  readonly status: number;
}

/** The typed response body, with `$soap` (not enumerable: deep equality and JSON ignore it). */
export type WithSoap<Body, Headers> = Body & { readonly $soap: SoapMeta<Headers> };

/** `Operation`: the names of the client's operations, which `idempotent` lists (generated clients narrow it). */
export interface SoapClientOptions<Headers, Operation extends string = string> extends TransportOptions {
  /** SOAP headers sent with every call; a call's own headers override these one by one. */
  soapHeaders?: ReadonlyInput<Headers>;
  /**
   * False: leave out the client class's `defaultSoapHeaders` (from codegen's configuration), for a
   * server that refuses one. Default true; `soapHeaders` replace them one by one either way.
   */
  defaultSoapHeaders?: boolean;
  /** Reader options: `strict: true` turns every schema deviation in a response into an error. */
  read?: ReadOptions;
  /** Operations (by WSDL name) that may be sent again after a failure where the server may have processed them. */
  idempotent?: readonly Operation[];
}

export interface SoapCallOptions<Headers> extends TransportCallOptions {
  soapHeaders?: ReadonlyInput<Headers>;
  /** Allow re-sending this call after a failure where the server may have processed it. */
  idempotent?: boolean;
}

/** A body status in the Exchange style: ResponseClass attribute, ResponseCode element and friends. */
export interface ResponseStatus {
  responseClass?: string;
  responseCode?: string;
  messageText?: string;
  descriptiveLinkKey?: number;
  messageXml?: { $any?: XmlAnyElement[] } | undefined;
}

/** A response whose status says Error (ResponseClass="Error"): the body arrived, the operation failed. */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  readonly operation: string;
  readonly responseClass: string;
  readonly responseCode: string;
  readonly messageText: string;
  readonly descriptiveLinkKey: number | undefined;
  /** MessageXml's elements (e.g. Value Name="BackOffMilliseconds"), as XML. */
  readonly messageXml: XmlAnyElement[];
  readonly body: unknown;

  constructor(operation: string, status: ResponseStatus, body: unknown) {
    super(`${operation} failed: ${status.responseCode ?? 'unknown code'}${status.messageText ? `: ${status.messageText}` : ''}`);
    this.operation = operation;
    this.responseClass = status.responseClass ?? 'Error';
    this.responseCode = status.responseCode ?? '';
    this.messageText = status.messageText ?? '';
    this.descriptiveLinkKey = status.descriptiveLinkKey;
    this.messageXml = status.messageXml?.$any ?? [];
    this.body = body;
  }

  /** A named value from MessageXml (`<t:Value Name="...">`), e.g. BackOffMilliseconds. */
  value(name: string): string | undefined {
    return namedValue(this.messageXml.filter((el) => el.localName === 'Value').map((el) => el.xml), name);
  }
}

/** The text of the first `<Value Name="name">` in these pieces of XML (Exchange's MessageXml). */
function namedValue(xml: readonly string[], name: string): string | undefined {
  for (const text of xml) {
    for (const m of text.matchAll(/<(?:[\w.-]+:)?Value\s[^>]*?\bName\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([^<]*)</g)) {
      if ((m[2] ?? m[3]) === name) return m[4];
    }
  }
  return undefined;
}

/**
 * Exchange's "not processed, try again later" (ErrorServerBusy), as a response's status or as a
 * SOAP fault: the BackOffMilliseconds it names (NaN when none); undefined for anything else.
 */
function busyBackOff(error: unknown): number | undefined {
  if (error instanceof ResponseError) return BUSY_CODES.has(error.responseCode) ? Number(error.value('BackOffMilliseconds')) : undefined;
  if (!(error instanceof SoapFaultError)) return undefined;
  if (!BUSY_CODES.has(error.code.localName) && !BUSY_CODES.has(error.detailText('ResponseCode') ?? '')) return undefined;
  return Number(namedValue(error.detailEntries.map((e) => e.xml), 'BackOffMilliseconds'));
}

export interface OperationMeta<Res> {
  idempotent: boolean;
  /** The operation has no output message: an empty response (HTTP 202, or an empty 200) is its answer. */
  oneWay?: boolean;
  /** How to read a status from the body, when the schema has one. */
  status?: (body: Res) => ResponseStatus | undefined;
}

/** Response codes that mean "not processed, try again later". */
const BUSY_CODES = new Set(['ErrorServerBusy']);

export class SoapClient<Headers extends object> {
  readonly transport: SoapTransport;
  protected readonly soapHeaders: ReadonlyInput<Headers> | undefined;
  protected readonly readOptions: ReadOptions | undefined;
  private readonly idempotentOps: ReadonlySet<string>;

  /**
   * `operations`, the client's operations by WSDL name (generated clients pass theirs): a name in
   * `options.idempotent` that is none of them is refused, where it would silently change nothing
   * (a JavaScript caller, or a cast, gets past the options type).
   */
  constructor(options: SoapClientOptions<Headers>, operations?: Readonly<Record<string, unknown>>) {
    // A JavaScript caller can leave them out, or give the url alone.
    if (typeof options !== 'object' || options === null) {
      throw new TypeError("SoapClient: options are required, with the endpoint's url at least: { url: 'https://server/path' }");
    }
    // new Set('GetImItems') would hold its letters.
    if (options.idempotent !== undefined && !Array.isArray(options.idempotent)) {
      throw new TypeError(`SoapClient: options.idempotent must be an array of operation names, not ${JSON.stringify(options.idempotent)}`);
    }
    const unknown = operations === undefined ? [] : (options.idempotent ?? []).filter((name) => !Object.hasOwn(operations, name));
    if (unknown.length > 0) {
      const names = Object.keys(operations ?? {});
      throw new TypeError(
        `SoapClient: options.idempotent names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} no operation of this client; list operations by their WSDL names (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''})`,
      );
    }
    this.transport = new SoapTransport(options);
    this.soapHeaders = options.soapHeaders;
    this.readOptions = options.read;
    this.idempotentOps = new Set(options.idempotent ?? []);
  }

  /** Releases the connections the client keeps open. */
  close(): Promise<void> {
    return this.transport.close();
  }

  protected async invoke<Req, Res, ReqH, ResH, F extends DeclaredFault>(
    op: OperationCodec<Req, Res, ReqH, ResH, F>,
    body: ReadonlyInput<NoInfer<Req>>,
    options: SoapCallOptions<ReqH> | undefined,
    meta: OperationMeta<Res>,
  ): Promise<WithSoap<Res, ResH>> {
    // A call's headers replace the client's of the same name; the raw $extra ones of both are sent.
    const extra = [...((this.soapHeaders as { $extra?: unknown[] } | undefined)?.$extra ?? []), ...((options?.soapHeaders as { $extra?: unknown[] } | undefined)?.$extra ?? [])];
    const headers = { ...(this.soapHeaders ?? {}), ...(options?.soapHeaders ?? {}), ...(extra.length ? { $extra: extra } : {}) } as ReadonlyInput<ReqH>;
    const xml = op.serializeRequest(body, headers);
    const idempotent = options?.idempotent ?? (meta.idempotent || this.idempotentOps.has(op.name));
    const maxAttempts = Math.max(1, this.transport.options.retry?.maxAttempts ?? 3);
    const call: TransportCallOptions = {};
    if (options?.signal) call.signal = options.signal;
    if (options?.timeoutMs !== undefined) call.timeoutMs = options.timeoutMs;
    if (options?.headers) call.headers = options.headers;
    const request = { soapAction: op.soapAction, soapVersion: op.soapVersion, body: xml, idempotent };
    // One budget for the call: the transport's retries (503, a dropped connection) and ours (busy) share maxAttempts.
    const budget = { retries: 0, attempts: 0 };
    for (;;) {
      // The transport refuses non-XML bodies and returns 2xx and 500 responses, and faults with another status.
      const res = await this.transport.send(request, call, budget);
      let result: WithSoap<Res, ResH>;
      try {
        result = readResponse(this.transport, this.readOptions, op, res, meta);
      } catch (error) {
        const backOff = busyBackOff(error);
        if (backOff === undefined || budget.retries + 1 >= maxAttempts) throw error;
        budget.retries += 1;
        const delay = this.transport.backoff(budget.retries, Number.isFinite(backOff) && backOff > 0 ? backOff : undefined);
        await this.transport.retryLater(request, budget.attempts + 1, delay, (error as Error).message, options?.signal);
        continue;
      }
      return result;
    }
  }
}

/**
 * The typed response of `op` in `res` (a function, not a method: a client's members must leave
 * operation names free). Throws its SOAP fault (with the HTTP status), its ResponseError when its
 * status says Error, and an HttpError with the status and body when a response outside 2xx cannot
 * be read as one, or a 500 carries no fault.
 */
function readResponse<Req, Res, ReqH, ResH, F extends DeclaredFault>(
  transport: SoapTransport,
  readOptions: ReadOptions | undefined,
  op: OperationCodec<Req, Res, ReqH, ResH, F>,
  res: HttpResult,
  meta: OperationMeta<Res>,
): WithSoap<Res, ResH> {
  const ok = res.status >= 200 && res.status < 300;
  if (res.body.trim() === '') {
    if (meta.oneWay === true && ok) return withSoap({} as Res, { headers: {} as ResH, warnings: [], status: res.status });
    throw transport.responseError(res, `the body is empty; ${op.name} expects a response`);
  }
  let parsed: ParsedMessage<Res, ResH>;
  try {
    parsed = op.parseResponse(res.body, readOptions);
  } catch (error) {
    if (error instanceof SoapFaultError) {
      error.status = res.status;
      throw error;
    }
    // A server that failed (a proxy's error page in XML, another SOAP version's fault) says so with its status.
    if (!ok) throw transport.responseError(res, `the body is not a response to ${op.name}: ${(error as Error).message}`, error);
    if (error instanceof ReadError && error.unknownEnumeration) {
      // A value a newer server added (a new ResponseCode): say which option accepts it.
      const detail = `${error.detail} (a value a newer server added is accepted, with an unknown-enumeration warning, by the client option \`read: { unknownEnumerations: 'keep' }\`)`;
      throw new ReadError(error.code, detail, error.path, error.line, error.col, { cause: error.cause, unknownEnumeration: true });
    }
    throw error;
  }
  // SOAP 1.1 (6.2): a 500 carries a fault. One that carries a response did not succeed either.
  if (!ok) throw transport.responseError(res, `the body is a response to ${op.name}, not the SOAP fault such a status requires`);
  const status = meta.status?.(parsed.body);
  if (status?.responseClass === 'Error') throw new ResponseError(op.name, status, parsed.body);
  const warnings = [...parsed.warnings];
  if (status?.responseClass === 'Warning') {
    warnings.push({ code: 'response-warning', message: `${status.responseCode ?? ''}${status.messageText ? `: ${status.messageText}` : ''}`, path: '/Envelope/Body', line: 0, col: 0 });
  }
  return withSoap(parsed.body, { headers: parsed.headers, warnings, status: res.status });
}

function withSoap<Body, Headers>(body: Body, meta: SoapMeta<Headers>): WithSoap<Body, Headers> {
  const target = (body !== null && typeof body === 'object' ? body : {}) as Body & { $soap?: SoapMeta<Headers> };
  Object.defineProperty(target, '$soap', { value: meta, enumerable: false });
  return target as WithSoap<Body, Headers>;
}

