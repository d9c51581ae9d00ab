// Public option and result types of the HTTP transport.

export type Auth =
  | { type: 'basic'; username: string; password: string }
  | {
      type: 'bearer';
      /**
       * Called before every HTTP request. `attempt` is the 1-based number of that request among those
       * of the call (a client's call numbers on after an ErrorServerBusy answer), `previousStatus`
       * the status of the previous response in the same send(), if there was one.
       * After a 401 it is called again (previousStatus 401) and the request is re-tried once.
       */
      token: (ctx: { attempt: number; previousStatus?: number }) => string | Promise<string>;
    }
  | {
      type: 'ntlm';
      /** "DOMAIN\\user" is split into domain and user when `domain` is not given. */
      username: string;
      password: string;
      domain?: string;
      workstation?: string;
    };

export interface TlsOptions {
  /** Trusted CA certificates (PEM) replacing the default list. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate chain (PEM). */
  cert?: string | Buffer;
  /** Client private key (PEM). */
  key?: string | Buffer;
  /** Client certificate and key as PKCS#12. */
  pfx?: Buffer;
  passphrase?: string;
  /** Only `true` accepts self-signed/invalid certificates; never the default. */
  insecureSkipVerify?: boolean;
}

export interface RetryOptions {
  /** Default 3, including the first. */
  maxAttempts?: number;
  /** Default 200. */
  baseDelayMs?: number;
  /** Default 10000; also caps Retry-After. */
  maxDelayMs?: number;
}

/**
 * Credentials removed: Authorization, Proxy-Authorization, Cookie and Set-Cookie header values are
 * replaced by '[redacted]'; passwords are never present.
 */
export interface TraceEvent {
  kind: 'request' | 'response' | 'error' | 'retry';
  /** For 'retry': the number of the attempt about to be made. */
  attempt: number;
  url: string;
  soapAction: string;
  status?: number;
  headers: Record<string, string>;
  body?: string;
  error?: string;
  delayMs?: number;
}

export interface TransportOptions {
  url: string;
  auth?: Auth;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Hook to add or alter the headers of each attempt; Authorization is already set for basic and bearer. */
  onRequest?: (headers: Record<string, string>) => void | Promise<void>;
  /** Per attempt; default 100000. 0 disables the timeout. */
  timeoutMs?: number;
  /**
   * Largest response body accepted, in bytes, as received and once decompressed; default 64 MiB
   * (the XML reader's own limit). A larger one fails the call at once, without being read whole.
   */
  maxResponseBytes?: number;
  /**
   * Default true: asks for a gzip or deflate body (`Accept-Encoding: gzip, deflate`), so that a
   * server that compresses sends far fewer bytes (the 2 MB GetImItemList response of the bench
   * gzips to 56 KB). A server that ignores it is read as before. An Accept-Encoding in `headers`
   * overrides it.
   */
  compression?: boolean;
  tls?: TlsOptions;
  /**
   * An HTTP proxy to reach `url` through: `http://proxy:3128`, with `user:password@` for Basic
   * proxy authentication (or `https://` for a proxy spoken to over TLS, checked with `tls.ca`).
   * Each connection is a CONNECT tunnel, so TLS to the endpoint stays end to end. Not with NTLM,
   * which authenticates one connection to the endpoint itself.
   */
  proxy?: string;
  retry?: RetryOptions;
  trace?: (e: TraceEvent) => void;
  /** For tests: replaces the backoff timer. */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: replaces Math.random in the backoff jitter. */
  random?: () => number;
  /** For tests: replaces Date.now when a Retry-After date is converted to a delay. */
  now?: () => number;
}

export interface SendRequest {
  soapAction: string;
  soapVersion: '1.1' | '1.2';
  body: string;
  /** May be sent again after a failure where the server may have processed it. */
  idempotent: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides TransportOptions.timeoutMs for this call. */
  timeoutMs?: number;
  /** Added to (and overriding) TransportOptions.headers for this call. */
  headers?: Record<string, string>;
}

export interface HttpResult {
  status: number;
  /** The number of the HTTP request, within one send(), that this response answered. */
  attempt: number;
  /** Names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}
