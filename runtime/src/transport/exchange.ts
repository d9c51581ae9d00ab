// One HTTP request/response over an undici dispatcher, with the one fact the retry rules need:
// whether the request was handed to a connected socket (after which the server may have it).

import type { Dispatcher } from 'undici';
import { flattenResponseHeaders } from './headers';

export interface ExchangeTarget {
  origin: string;
  path: string;
}

export interface RawResponse {
  status: number;
  statusText: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  /** As the socket delivered it: the decoder copies the pieces once, where it needs them. */
  body: Buffer[];
}

/** The exchange failed; `dispatched` tells whether the request had been written to a socket. */
export class ExchangeFailure extends Error {
  override readonly name = 'ExchangeFailure';
  readonly dispatched: boolean;

  constructor(cause: unknown, dispatched: boolean) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.dispatched = dispatched;
  }
}

/** The response body grew past ExchangeRequest.maxBytes; the exchange was abandoned. */
export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(readonly maxBytes: number) {
    super(`the response body exceeds ${maxBytes} bytes`);
  }
}

export interface ExchangeRequest {
  headers: Record<string, string>;
  body: string;
  /** Largest response body accepted, in bytes as received. */
  maxBytes: number;
  /** Aborting it fails the exchange at once with the signal's reason, even while still connecting. */
  signal: AbortSignal;
  /** Called when the request is about to be written to a connected socket. */
  onDispatched?: () => void;
}

/** POSTs `request.body` and collects the whole response. */
export function exchange(dispatcher: Dispatcher, target: ExchangeTarget, request: ExchangeRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const { signal } = request;
    let settled = false;
    let dispatched = false;
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let statusText = '';
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let received = 0;

    const finish = (error: unknown, response?: RawResponse): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response !== undefined) resolve(response);
      else reject(error);
    };
    const onAbort = (): void => {
      const reason: unknown = signal.reason;
      finish(reason);
      // Before the request reaches a socket there is no controller yet; onRequestStart aborts it then.
      controller?.abort(reason instanceof Error ? reason : new Error('aborted'));
    };

    if (signal.aborted) {
      finish(signal.reason);
      return;
    }
    signal.addEventListener('abort', onAbort);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (settled) {
          c.abort(new Error('aborted'));
          return;
        }
        dispatched = true;
        request.onDispatched?.();
      },
      onResponseStart(_c, statusCode, responseHeaders, statusMessage) {
        if (statusCode < 200) return;
        status = statusCode;
        statusText = statusMessage ?? '';
        headers = flattenResponseHeaders(responseHeaders);
      },
      onResponseData(c, chunk) {
        received += chunk.length;
        if (received > request.maxBytes) {
          // Stop reading now rather than hold the rest in memory.
          const tooLarge = new ResponseTooLarge(request.maxBytes);
          finish(tooLarge);
          c.abort(tooLarge);
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        finish(undefined, { status, statusText, headers, body: chunks });
      },
      onResponseError(_c, error) {
        finish(new ExchangeFailure(error, dispatched));
      },
    };

    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: 'POST',
          headers: request.headers,
          body: request.body,
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        handler,
      );
    } catch (error) {
      finish(new ExchangeFailure(error, dispatched));
    }
  });
}
