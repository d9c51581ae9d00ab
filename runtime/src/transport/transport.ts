// SoapTransport: POSTs SOAP envelopes over HTTP(S) with authentication, per-attempt timeouts,
// cancellation and bounded retries. It returns the response text; parsing is the caller's job.

import type { ConnectionOptions } from 'node:tls';
import { Agent, Client, ProxyAgent, type Dispatcher } from 'undici';
import { openEnvelope, SoapFaultError } from '../soap/envelope';
import { DEFAULT_MAX_BYTES } from '../xml/cursor';
import { computeBackoff, parseRetryAfter } from './backoff';
import { decodeContent, decodeText, looksLikeXml } from './body';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  HttpError,
  NonXmlResponseError,
  TimeoutError,
  TransportError,
} from './errors';
import { exchange, ExchangeFailure, ResponseTooLarge, type ExchangeRequest, type ExchangeTarget } from './exchange';
import { authSchemes, basicAuthorization, dedupeHeaders, mergeHeaders, redactHeaders, setHeader, soapHeaders } from './headers';
import { NtlmSession } from './ntlm';
import type { CallOptions, HttpResult, SendRequest, TlsOptions, TraceEvent, TransportOptions } from './options';

export const DEFAULT_TIMEOUT_MS = 100_000;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_BASE_DELAY_MS = 200;
export const DEFAULT_MAX_DELAY_MS = 10_000;

/** Characters of a non-XML body kept in NonXmlResponseError.bodyStart. */
const BODY_START_LENGTH = 512;

/** undici error codes that report a misuse or a closed dispatcher rather than a network failure. */
const NOT_NETWORK_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** A certificate the client refuses: retrying cannot help. */
function isCertificateFailure(code: string | undefined): boolean {
  if (code === undefined) return false;
  return code.includes('CERT') || code.startsWith('ERR_TLS_CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}

/** Read through a call so that narrowing from an earlier check does not survive an await. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type TlsConnectOptions = Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized'>;

function tlsConnectOptions(tls: TlsOptions | undefined): TlsConnectOptions {
  const connect: TlsConnectOptions = { rejectUnauthorized: tls?.insecureSkipVerify !== true };
  if (tls === undefined) return connect;
  if (tls.ca !== undefined) connect.ca = tls.ca;
  if (tls.cert !== undefined) connect.cert = tls.cert;
  if (tls.key !== undefined) connect.key = tls.key;
  if (tls.pfx !== undefined) connect.pfx = tls.pfx;
  if (tls.passphrase !== undefined) connect.passphrase = tls.passphrase;
  return connect;
}

function proxyUrl(proxy: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(proxy);
  } catch {
    throw new TypeError('SoapTransport: options.proxy is not a valid absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`SoapTransport: unsupported proxy protocol ${parsed.protocol} (use http: or https:)`);
  }
  return parsed;
}

function tooLarge(url: string, attempt: number, maxBytes: number, how: string, cause: unknown): TransportError {
  return new TransportError(`The response from ${url} is larger than ${maxBytes} bytes ${how} (options.maxResponseBytes); it was not read`, { url, attempt, cause });
}

/** The status a proxy refused a CONNECT tunnel with, from undici's error for it. */
function proxyRefusal(error: unknown): number | undefined {
  const m = error instanceof Error ? /^Proxy response \((\d{3})\) !== 200/.exec(error.message) : null;
  return m === null ? undefined : Number(m[1]);
}

function defaultSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Settles like `promise`, or rejects with the signal's reason when it aborts first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const AUTH_NAMES: Readonly<Record<NonNullable<TransportOptions['auth']>['type'], string>> = { basic: 'Basic', bearer: 'Bearer', ntlm: 'NTLM' };

/** The requests and retries one call has made so far, across the send()s it takes (see send()). */
export interface RetryBudget {
  retries: number;
  /** HTTP requests sent so far: the next one is numbered `attempts + 1` in traces and errors. */
  attempts: number;
}

/** A response with its body decoded to text. */
interface DecodedResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** What one attempt learned while it ran. */
interface AttemptState {
  /** The request carrying the SOAP body was written to a socket: the server may have it. */
  bodyDispatched: boolean;
  timedOut: boolean;
}

interface AttemptOutcome {
  response: DecodedResponse;
  /** Why authentication failed, when known (NTLM). */
  authFailure?: string;
}

export class SoapTransport {
  readonly options: TransportOptions;
  /** The endpoint without user info or fragment: what errors and traces show. */
  readonly #url: string;
  readonly #target: ExchangeTarget;
  readonly #dispatcher: Dispatcher;
  readonly #ntlm: NtlmSession | undefined;
  /** The proxy's origin (no credentials), when there is one. */
  readonly #proxy: string | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: TransportOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new TypeError('SoapTransport: options.url is not a valid absolute URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`SoapTransport: unsupported protocol ${parsed.protocol} (use http: or https:)`);
    }
    // NaN compares false with everything: it would turn a limit off, or retry for ever, unasked.
    const check = (name: string, value: number | undefined, ok: (n: number) => boolean, what: string): void => {
      if (value !== undefined && !ok(value)) throw new TypeError(`SoapTransport: options.${name} must be ${what}, not ${String(value)}`);
    };
    const whole = (least: number) => (n: number): boolean => Number.isSafeInteger(n) && n >= least;
    const nonNegative = (n: number): boolean => Number.isFinite(n) && n >= 0;
    check('maxResponseBytes', options.maxResponseBytes, whole(1), 'a positive whole number of bytes');
    check('timeoutMs', options.timeoutMs, nonNegative, 'a number of milliseconds, 0 for none');
    check('retry.maxAttempts', options.retry?.maxAttempts, whole(1), 'a whole number, at least 1');
    check('retry.baseDelayMs', options.retry?.baseDelayMs, nonNegative, 'a number of milliseconds');
    check('retry.maxDelayMs', options.retry?.maxDelayMs, nonNegative, 'a number of milliseconds');
    this.options = options;
    const shown = new URL(parsed.href);
    shown.username = '';
    shown.password = '';
    shown.hash = '';
    this.#url = shown.href;
    this.#target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    const connect = tlsConnectOptions(options.tls);
    if (options.proxy !== undefined) {
      const proxy = proxyUrl(options.proxy);
      if (options.auth?.type === 'ntlm') {
        throw new TypeError('SoapTransport: NTLM cannot go through options.proxy: it authenticates one connection to the endpoint itself');
      }
      // An origin never holds the credentials.
      this.#proxy = proxy.origin;
      const proxyTls: TlsConnectOptions = { rejectUnauthorized: connect.rejectUnauthorized };
      if (connect.ca !== undefined) proxyTls.ca = connect.ca;
      this.#ntlm = undefined;
      this.#dispatcher = new ProxyAgent({ uri: proxy.href, requestTls: connect, proxyTls, headersTimeout: 0, bodyTimeout: 0 });
    } else if (options.auth?.type === 'ntlm') {
      // NTLM authenticates a connection, so the handshake needs one connection of its own.
      const client = new Client(parsed.origin, { connect, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
      this.#ntlm = new NtlmSession(client, options.auth);
      this.#dispatcher = client;
    } else {
      this.#ntlm = undefined;
      this.#dispatcher = new Agent({ connect, headersTimeout: 0, bodyTimeout: 0 });
    }
  }

  /**
   * Delay in ms before retrying after failed attempt number `attempt` (1-based): full jitter over
   * min(maxDelayMs, baseDelayMs * 2^(attempt-1)); a hint (e.g. a Retry-After) is used instead,
   * clamped to [0, maxDelayMs].
   */
  backoff(attempt: number, hintMs?: number): number {
    const retry = this.options.retry;
    return computeBackoff(
      {
        baseDelayMs: retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
        maxDelayMs: retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
        random: this.options.random ?? Math.random,
      },
      attempt,
      hintMs,
    );
  }

  /**
   * The error for a response that send() returned and its caller cannot take (`why`): a 500 that
   * carries no SOAP fault, a body that is no SOAP response. It keeps the status, headers and body.
   */
  responseError(result: HttpResult, why: string, cause?: unknown): HttpError {
    const init = { url: this.#url, attempt: result.attempt, status: result.status, body: result.body, headers: result.headers };
    return new HttpError(cause === undefined ? init : { ...init, cause }, `HTTP ${result.status} from ${this.#url}: ${why}`);
  }

  /**
   * Waits before re-sending a request that its response asked to be sent again later (Exchange's
   * ErrorServerBusy), as send() waits before its own retries: traced, and cut short by `signal`.
   * `attempt`: the number of the request about to be sent.
   */
  async retryLater(req: SendRequest, attempt: number, delayMs: number, why: string, signal?: AbortSignal): Promise<void> {
    this.#emit({ kind: 'retry', attempt, headers: {}, delayMs, error: why }, req);
    await this.#delay(delayMs, signal, attempt - 1);
  }

  /** Closes the connections once requests in flight have completed. Later sends fail. */
  close(): Promise<void> {
    this.#closing ??= this.#dispatcher.close();
    return this.#closing;
  }

  /**
   * Sends `req`, retrying what may be retried. `budget` counts the retries made so far for one
   * call: a caller that sends again after reading the response (Exchange's ErrorServerBusy) passes
   * the same one each time, so that all the call's requests together stay within
   * `retry.maxAttempts`, and are numbered on from one send() to the next. send() adds its own
   * requests and retries to it.
   */
  async send(req: SendRequest, call: CallOptions = {}, budget: RetryBudget = { retries: 0, attempts: 0 }): Promise<HttpResult> {
    const signal = call.signal;
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxAttempts = Math.max(1, Math.floor(this.options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    let previousStatus: number | undefined;
    let tokenRefreshed = false;
    for (;;) {
      // Numbered on from the call's earlier send()s: the budget is the one count.
      const attempt = ++budget.attempts;
      if (isAborted(signal)) throw new AbortError({ url: this.#url, attempt, cause: signal?.reason });
      if (this.#closing !== undefined) throw new TransportError(`The transport for ${this.#url} is closed`, { url: this.#url, attempt });

      let failure: TransportError;
      try {
        const outcome = await this.#attempt(req, call, attempt, previousStatus, timeoutMs);
        const { status } = outcome.response;
        if (status === 401 && this.options.auth?.type === 'bearer' && !tokenRefreshed) {
          // One re-try with a fresh token, outside the retry budget: the server did not process it.
          tokenRefreshed = true;
          previousStatus = status;
          this.#emit({ kind: 'retry', attempt: attempt + 1, status, headers: {}, delayMs: 0, error: 'HTTP 401: refreshing the bearer token' }, req);
          continue;
        }
        const result = this.#interpret(outcome, attempt);
        if (!(result instanceof TransportError)) return result;
        failure = result;
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        failure = error;
      }

      const status = failure instanceof HttpError || failure instanceof NonXmlResponseError ? failure.status : undefined;
      this.#emit(status === undefined ? { kind: 'error', attempt, headers: {}, error: failure.message } : { kind: 'error', attempt, status, headers: {}, error: failure.message }, req);
      if (!this.#retryable(failure, req) || budget.retries + 1 >= maxAttempts || isAborted(signal)) throw failure;

      budget.retries += 1;
      const retries = budget.retries;
      let hint: number | undefined;
      if (failure instanceof HttpError) hint = parseRetryAfter(failure.headers['retry-after'], (this.options.now ?? Date.now)());
      const delayMs = this.backoff(retries, hint);
      const event: Omit<TraceEvent, 'url' | 'soapAction'> = { kind: 'retry', attempt: attempt + 1, headers: {}, delayMs, error: failure.message };
      if (status !== undefined) event.status = status;
      this.#emit(event, req);
      await this.#delay(delayMs, signal, attempt);
      previousStatus = status;
    }
  }

  /** One attempt: headers, authentication (incl. the NTLM handshake) and the exchange, under the timeout. */
  async #attempt(
    req: SendRequest,
    call: CallOptions,
    attempt: number,
    previousStatus: number | undefined,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const callerSignal = call.signal;
    const controller = new AbortController();
    const state: AttemptState = { bodyDispatched: false, timedOut: false };
    const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startClock = (): void => {
      if (timer !== undefined || !(timeoutMs > 0 && Number.isFinite(timeoutMs))) return;
      timer = setTimeout(() => {
        state.timedOut = true;
        controller.abort(new Error('timeout'));
      }, timeoutMs);
    };
    // With NTLM the attempt starts when the one authenticated connection is this call's: time spent
    // waiting for it behind other calls is not the server's (the caller's signal still ends the wait).
    if (this.#ntlm === undefined) startClock();
    try {
      const headers = await untilAborted(this.#buildHeaders(req, call, attempt, previousStatus), controller.signal);
      const perform = (authorization: string | undefined, withBody: boolean): Promise<DecodedResponse> => {
        const sent = { ...headers };
        if (authorization !== undefined) setHeader(sent, 'Authorization', authorization);
        return this.#perform(req, attempt, sent, withBody ? req.body : '', controller.signal, withBody ? state : undefined);
      };
      if (this.#ntlm !== undefined) {
        const outcome = await this.#ntlm.run(perform, controller.signal, startClock);
        return outcome.failure === undefined ? { response: outcome.response } : { response: outcome.response, authFailure: outcome.failure };
      }
      return { response: await perform(undefined, true) };
    } catch (error) {
      throw this.#failure(error, state, attempt, callerSignal, timeoutMs);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async #buildHeaders(
    req: SendRequest,
    call: CallOptions,
    attempt: number,
    previousStatus: number | undefined,
  ): Promise<Record<string, string>> {
    const headers = soapHeaders(req.soapVersion, req.soapAction);
    if (this.options.compression !== false) headers['Accept-Encoding'] = 'gzip, deflate';
    mergeHeaders(headers, this.options.headers);
    mergeHeaders(headers, call.headers);
    const auth = this.options.auth;
    if (auth?.type === 'basic') {
      setHeader(headers, 'Authorization', basicAuthorization(auth.username, auth.password));
    } else if (auth?.type === 'bearer') {
      let token: string;
      try {
        token = await auth.token(previousStatus === undefined ? { attempt } : { attempt, previousStatus });
      } catch (error) {
        throw new TransportError(`The bearer token provider failed: ${describe(error)}`, { url: this.#url, attempt, cause: error });
      }
      setHeader(headers, 'Authorization', `Bearer ${token}`);
    }
    if (this.options.onRequest !== undefined) {
      try {
        await this.options.onRequest(headers);
      } catch (error) {
        throw new TransportError(`The onRequest hook failed: ${describe(error)}`, { url: this.#url, attempt, cause: error });
      }
    }
    return dedupeHeaders(headers);
  }

  /** One traced HTTP exchange. `state` is given when this request carries the SOAP body. */
  async #perform(
    req: SendRequest,
    attempt: number,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
    state: AttemptState | undefined,
  ): Promise<DecodedResponse> {
    this.#emit({ kind: 'request', attempt, headers: redactHeaders(headers), body }, req);
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
    const request: ExchangeRequest = { headers, body, signal, maxBytes };
    if (state !== undefined) {
      request.onDispatched = () => {
        state.bodyDispatched = true;
      };
    }
    const raw = await exchange(this.#dispatcher, this.#target, request);
    let text: string;
    try {
      text = decodeText(decodeContent(raw.body, raw.headers['content-encoding'], maxBytes), raw.headers['content-type']);
    } catch (error) {
      if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(this.#url, attempt, maxBytes, 'once decompressed', error);
      throw new TransportError(`Could not decode the response body (HTTP ${raw.status}) from ${this.#url}: ${describe(error)}`, {
        url: this.#url,
        attempt,
        cause: error,
      });
    }
    this.#emit({ kind: 'response', attempt, status: raw.status, headers: redactHeaders(raw.headers), body: text }, req);
    return { status: raw.status, statusText: raw.statusText, headers: raw.headers, body: text };
  }

  /**
   * What a 401 asked for against what was sent: the schemes of its WWW-Authenticate (`Negotiate,
   * NTLM`, as Exchange on premises answers), and whether this client can use any of them.
   */
  #challengeRefused(challenge: string | undefined): string | undefined {
    const offered = authSchemes(challenge ?? '');
    if (offered.length === 0) return undefined;
    const auth = this.options.auth;
    const sent = auth === undefined ? 'no credentials were given (options.auth)' : `the ${AUTH_NAMES[auth.type]} credentials were refused`;
    const supported = Object.values(AUTH_NAMES);
    const usable = offered.some((s) => supported.some((n) => n.toLowerCase() === s.toLowerCase()));
    return `the server asks for ${offered.join(', ')}; ${sent}${usable ? '' : `, and this client supports none of them (it has ${supported.join(', ')})`}`;
  }

  /** The result for the caller, or the error the response amounts to (thrown or retried by send). */
  #interpret(outcome: AttemptOutcome, attempt: number): HttpResult | TransportError {
    const { status, statusText, headers, body } = outcome.response;
    const contentType = headers['content-type'] ?? '';
    const result: HttpResult = { status, attempt, headers, body };
    const nonXml = (): NonXmlResponseError =>
      new NonXmlResponseError({ url: this.#url, attempt, status, contentType, bodyStart: body.slice(0, BODY_START_LENGTH), headers });
    if (status >= 200 && status < 300) {
      return body.trim() === '' || looksLikeXml(body, contentType) ? result : nonXml();
    }
    if (status === 500) return looksLikeXml(body, contentType) ? result : nonXml();
    const init = { url: this.#url, attempt, status, statusText, body, headers };
    if (status === 401 || status === 403) {
      const reason = outcome.authFailure ?? (status === 401 ? this.#challengeRefused(headers['www-authenticate']) : undefined);
      return new AuthenticationError(init, `HTTP ${status} from ${this.#url}${reason === undefined ? '' : `: ${reason}`}`);
    }
    // SOAP 1.2 sends Sender faults with 400 and some servers use other codes: a fault is the caller's to read.
    if (status !== 503 && status !== 429 && looksLikeXml(body, contentType) && isSoapFault(body)) return result;
    // A redirect is not followed (a SOAP request is not to be re-sent elsewhere unasked): say where it points.
    const location = headers['location'];
    if (status >= 300 && status < 400 && location !== undefined) {
      let target = location;
      try {
        target = new URL(location, this.#url).href;
      } catch {
        // Shown as sent.
      }
      return new HttpError(init, `HTTP ${status} from ${this.#url} redirects to ${target}: redirects are not followed; set options.url to the endpoint if it moved`);
    }
    return new HttpError(init);
  }

  /** Maps anything an attempt threw to a TransportError. */
  #failure(
    error: unknown,
    state: AttemptState,
    attempt: number,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): TransportError {
    const url = this.#url;
    if (isAborted(callerSignal)) return new AbortError({ url, attempt, cause: callerSignal?.reason });
    if (state.timedOut) return new TimeoutError({ url, attempt, timeoutMs, requestSent: state.bodyDispatched });
    if (error instanceof TransportError) return error;
    if (error instanceof ResponseTooLarge) return tooLarge(url, attempt, error.maxBytes, 'as received', error);
    if (error instanceof ExchangeFailure) {
      const cause: unknown = error.cause;
      const refused = this.#proxy === undefined ? undefined : proxyRefusal(cause);
      if (refused !== undefined) {
        // The proxy answered the CONNECT with this status: the endpoint was never reached.
        const init = { url, attempt, status: refused, body: '', headers: {}, cause };
        const message = `Proxy ${this.#proxy} refused the tunnel to ${url}: HTTP ${refused}`;
        return refused === 407
          ? new AuthenticationError(init, `${message} (proxy authentication required: give its credentials in options.proxy)`)
          : new HttpError(init, message);
      }
      const code = errorCode(cause);
      if (code !== undefined && NOT_NETWORK_CODES.has(code)) {
        return new TransportError(`Request to ${url} failed: ${describe(cause)}`, { url, attempt, cause });
      }
      const init = { url, attempt, cause, requestSent: state.bodyDispatched };
      return new ConnectionError(code === undefined ? init : { ...init, code });
    }
    return new TransportError(`Request to ${url} failed: ${describe(error)}`, { url, attempt, cause: error });
  }

  #retryable(failure: TransportError, req: SendRequest): boolean {
    if (failure instanceof AuthenticationError) return false;
    if (failure instanceof HttpError) return failure.status === 503 || failure.status === 429;
    if (failure instanceof ConnectionError) {
      if (failure.requestSent) return req.idempotent;
      return !isCertificateFailure(failure.code);
    }
    if (failure instanceof TimeoutError) return req.idempotent;
    return false;
  }

  async #delay(ms: number, signal: AbortSignal | undefined, attempt: number): Promise<void> {
    const sleep = this.options.sleep;
    const abortError = (): AbortError => new AbortError({ url: this.#url, attempt, cause: signal?.reason });
    if (sleep === undefined) {
      await defaultSleep(ms, signal);
    } else if (signal === undefined) {
      await sleep(ms);
    } else {
      try {
        await untilAborted(sleep(ms), signal);
      } catch (error) {
        if (signal.aborted) throw abortError();
        throw error;
      }
    }
    if (isAborted(signal)) throw abortError();
  }

  #emit(event: Omit<TraceEvent, 'url' | 'soapAction'>, req: SendRequest): void {
    const trace = this.options.trace;
    if (trace === undefined) return;
    try {
      trace({ ...event, url: this.#url, soapAction: req.soapAction });
    } catch {
      // A failing trace callback must not change the outcome of the call.
    }
  }
}

function isSoapFault(body: string): boolean {
  try {
    openEnvelope(body);
    return false;
  } catch (error) {
    return error instanceof SoapFaultError;
  }
}
