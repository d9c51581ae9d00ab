// Public surface of the HTTP transport.

export { SoapTransport, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS } from './transport';
export type { RetryBudget } from './transport';
export {
  TransportError,
  HttpError,
  AuthenticationError,
  TimeoutError,
  AbortError,
  ConnectionError,
  NonXmlResponseError,
} from './errors';
export type {
  TransportErrorInit,
  HttpErrorInit,
  TimeoutErrorInit,
  ConnectionErrorInit,
  NonXmlResponseErrorInit,
} from './errors';
export type { Auth, TlsOptions, RetryOptions, TraceEvent, TransportOptions, SendRequest, CallOptions, HttpResult } from './options';
export { computeBackoff, parseRetryAfter } from './backoff';
export type { BackoffSettings } from './backoff';
