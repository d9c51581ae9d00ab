import type { ReadWarning } from './errors';
import type { ReadOptions } from './read-context';
import type { DeclaredFault } from './soap/declared-faults';
import type { OperationCodec } from './soap/operation';
import { SoapTransport, type CallOptions as TransportCallOptions, type TransportOptions } from './transport';
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

export interface SoapClientOptions<Headers> extends TransportOptions {
  /** SOAP headers sent with every call; a call's own headers override these one by one. */
  soapHeaders?: Headers;
  /** Reader options: `strict: true` turns every schema deviation in a response into an error. */
  read?: ReadOptions;
  /** Operations (by WSDL name) that may be sent again after a failure where the server may have processed them. */
  idempotent?: readonly string[];
}

export interface SoapCallOptions<Headers> extends TransportCallOptions {
  soapHeaders?: Headers;
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
    for (const el of this.messageXml) {
      if (el.localName !== 'Value') continue;
      const m = /\sName\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([^<]*)</.exec(el.xml);
      if (m && (m[2] ?? m[3]) === name) return m[4];
    }
    return undefined;
  }
}

export interface OperationMeta<Res> {
  idempotent: boolean;
  /** How to read a status from the body, when the schema has one. */
  status?: (body: Res) => ResponseStatus | undefined;
}

/** Response codes that mean "not processed, try again later". */
const BUSY_CODES = new Set(['ErrorServerBusy']);

export class SoapClient<Headers extends object> {
  readonly transport: SoapTransport;
  protected readonly soapHeaders: Headers | undefined;
  protected readonly readOptions: ReadOptions | undefined;
  private readonly idempotentOps: ReadonlySet<string>;

  constructor(options: SoapClientOptions<Headers>) {
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
    body: Req,
    options: SoapCallOptions<ReqH> | undefined,
    meta: OperationMeta<Res>,
  ): Promise<WithSoap<Res, ResH>> {
    const headers = { ...(this.soapHeaders ?? {}), ...(options?.soapHeaders ?? {}) } as ReqH;
    const xml = op.serializeRequest(body, headers);
    const idempotent = options?.idempotent ?? (meta.idempotent || this.idempotentOps.has(op.name));
    const maxAttempts = Math.max(1, this.transport.options.retry?.maxAttempts ?? 3);
    const call: TransportCallOptions = {};
    if (options?.signal) call.signal = options.signal;
    if (options?.timeoutMs !== undefined) call.timeoutMs = options.timeoutMs;
    if (options?.headers) call.headers = options.headers;
    for (let attempt = 1; ; attempt++) {
      // The transport refuses non-XML bodies; an XML HTTP 500 carries a SOAP fault, which parseResponse throws as SoapFaultError.
      const res = await this.transport.send({ soapAction: op.soapAction, soapVersion: op.soapVersion, body: xml, idempotent }, call);
      const parsed = op.parseResponse(res.body, this.readOptions);
      const status = meta.status?.(parsed.body);
      const warnings = [...parsed.warnings];
      if (status?.responseClass === 'Error') {
        const error = new ResponseError(op.name, status, parsed.body);
        if (BUSY_CODES.has(error.responseCode) && attempt < maxAttempts) {
          const hint = Number(error.value('BackOffMilliseconds'));
          const delay = this.transport.backoff(attempt, Number.isFinite(hint) && hint > 0 ? hint : undefined);
          this.transport.options.trace?.({ kind: 'retry', attempt, url: this.transport.options.url, soapAction: op.soapAction, headers: {}, delayMs: delay });
          await (this.transport.options.sleep ?? defaultSleep)(delay);
          continue;
        }
        throw error;
      }
      if (status?.responseClass === 'Warning') {
        warnings.push({ code: 'response-warning', message: `${status.responseCode ?? ''}${status.messageText ? `: ${status.messageText}` : ''}`, path: '/Envelope/Body', line: 0, col: 0 });
      }
      return withSoap(parsed.body, { headers: parsed.headers, warnings, status: res.status });
    }
  }
}

function withSoap<Body, Headers>(body: Body, meta: SoapMeta<Headers>): WithSoap<Body, Headers> {
  const target = (body !== null && typeof body === 'object' ? body : {}) as Body & { $soap?: SoapMeta<Headers> };
  Object.defineProperty(target, '$soap', { value: meta, enumerable: false });
  return target as WithSoap<Body, Headers>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
