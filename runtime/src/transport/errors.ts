// Errors thrown by SoapTransport. Every one carries the endpoint URL (without user info) and the
// number of the HTTP attempt that failed; none carries a credential.

export interface TransportErrorInit {
  url: string;
  attempt: number;
  cause?: unknown;
}

export class TransportError extends Error {
  override readonly name: string = 'TransportError';
  readonly url: string;
  /** 1-based number of the HTTP request that failed within one send(). */
  readonly attempt: number;

  constructor(message: string, init: TransportErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.url = init.url;
    this.attempt = init.attempt;
  }
}

export interface HttpErrorInit extends TransportErrorInit {
  status: number;
  statusText?: string;
  body: string;
  headers: Record<string, string>;
}

/** A non-2xx response that is neither a returned SOAP fault nor one of the more specific errors. */
export class HttpError extends TransportError {
  override readonly name: string = 'HttpError';
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
  /** Response headers, names in lower case. */
  readonly headers: Record<string, string>;

  constructor(init: HttpErrorInit, message?: string) {
    const text = init.statusText === undefined || init.statusText === '' ? '' : ` ${init.statusText}`;
    super(message ?? `HTTP ${init.status}${text} from ${init.url}`, init);
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.body = init.body;
    this.headers = init.headers;
  }
}

/** 401 (after the bearer token refresh or the NTLM handshake failed) or 403. */
export class AuthenticationError extends HttpError {
  override readonly name: string = 'AuthenticationError';
}

export interface TimeoutErrorInit extends TransportErrorInit {
  timeoutMs: number;
  requestSent: boolean;
}

/** The per-attempt timeout elapsed before the response was complete. */
export class TimeoutError extends TransportError {
  override readonly name: string = 'TimeoutError';
  readonly timeoutMs: number;
  /** True when the request body may have reached the server before the timeout. */
  readonly requestSent: boolean;

  constructor(init: TimeoutErrorInit) {
    super(`No complete response from ${init.url} within ${init.timeoutMs} ms`, init);
    this.timeoutMs = init.timeoutMs;
    this.requestSent = init.requestSent;
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class AbortError extends TransportError {
  override readonly name: string = 'AbortError';

  constructor(init: TransportErrorInit) {
    super(`The request to ${init.url} was aborted`, init);
  }
}

export interface ConnectionErrorInit extends TransportErrorInit {
  requestSent: boolean;
  code?: string;
}

/** DNS failure, refused or reset connection, TLS failure. */
export class ConnectionError extends TransportError {
  override readonly name: string = 'ConnectionError';
  /** True when the request body may have reached the server. */
  readonly requestSent: boolean;
  /** The system or undici error code, e.g. ECONNREFUSED, UND_ERR_SOCKET, DEPTH_ZERO_SELF_SIGNED_CERT. */
  declare readonly code?: string;

  constructor(init: ConnectionErrorInit) {
    const detail = init.cause instanceof Error && init.cause.message !== '' ? `: ${init.cause.message}` : '';
    const code = init.code === undefined ? '' : ` (${init.code})`;
    super(`Connection to ${init.url} failed${code}${detail}`, init);
    this.requestSent = init.requestSent;
    if (init.code !== undefined) this.code = init.code;
  }
}

export interface NonXmlResponseErrorInit extends TransportErrorInit {
  status: number;
  contentType: string;
  bodyStart: string;
  headers: Record<string, string>;
}

/** A 2xx or 500 response whose body is not XML, e.g. an HTML error page from a proxy. */
export class NonXmlResponseError extends TransportError {
  override readonly name: string = 'NonXmlResponseError';
  readonly status: number;
  readonly contentType: string;
  /** The first characters of the decoded body. */
  readonly bodyStart: string;
  readonly headers: Record<string, string>;

  constructor(init: NonXmlResponseErrorInit) {
    const type = init.contentType === '' ? 'no content type' : init.contentType;
    const advice =
      init.status >= 500
        ? "The server, or a proxy before it, failed with a page of its own: its text, or the server's log, says why."
        : 'Something other than the SOAP service answered (a sign-in page, a proxy, a web site): check the endpoint URL, and the credentials if the page asks for them.';
    super(`HTTP ${init.status} from ${init.url} is not XML (${type}): ${beginning(init.bodyStart)}. ${advice}`, init);
    this.status = init.status;
    this.contentType = init.contentType;
    this.bodyStart = init.bodyStart;
    this.headers = init.headers;
  }
}

/** Characters of a non-XML body shown in the message: enough to tell a login page from a proxy's error. */
const SHOWN = 100;

/** How a body begins, for a message: its first characters with whitespace runs as one space, quoted. */
function beginning(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text === '') return 'the body is empty';
  return `it begins ${JSON.stringify(text.length > SHOWN ? `${text.slice(0, SHOWN)}...` : text)}`;
}
