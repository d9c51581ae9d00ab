import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  HttpError,
  NonXmlResponseError,
  SoapTransport,
  TimeoutError,
  TransportError,
  writeFault,
  type SendRequest,
  type TraceEvent,
  type TransportOptions,
} from '../../../runtime/src';
import { authSchemes } from '../../../runtime/src/transport/headers';

// ---------------------------------------------------------------------------------------------
// A recording HTTP server on 127.0.0.1 with an ephemeral port.

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  socket: number;
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse, index: number) => void;

interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const transports: SoapTransport[] = [];

async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const socketIds = new WeakMap<Socket, number>();
  let nextSocket = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let socket = socketIds.get(req.socket);
      if (socket === undefined) {
        socket = ++nextSocket;
        socketIds.set(req.socket, socket);
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket });
      handler(req, body, res, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const s: TestServer = {
    url: `http://127.0.0.1:${port}/soap/endpoint?x=1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Records the delays asked for and returns at once. */
function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

function transport(options: TransportOptions): SoapTransport {
  const t = new SoapTransport(options);
  transports.push(t);
  return t;
}

const ENVELOPE_11 =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Ping xmlns="urn:t">héllo ✓</Ping></soap:Body></soap:Envelope>';
const ENVELOPE_12 =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><Ping xmlns="urn:t"/></soap:Body></soap:Envelope>';
const RESPONSE =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PingResponse xmlns="urn:t">ünï</PingResponse></soap:Body></soap:Envelope>';

const req11: SendRequest = { soapAction: 'urn:t/Ping', soapVersion: '1.1', body: ENVELOPE_11, idempotent: false };
const req12: SendRequest = { soapAction: 'urn:t/Ping', soapVersion: '1.2', body: ENVELOPE_12, idempotent: false };

function reply(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', ...headers });
  res.end(body);
}

const ok: Handler = (_req, _body, res) => reply(res, 200, RESPONSE);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

// ---------------------------------------------------------------------------------------------

describe('SoapTransport request format', () => {
  it('POSTs SOAP 1.1 with text/xml and a quoted SOAPAction, body as UTF-8', async () => {
    const server = await startServer(ok);
    const result = await transport({ url: server.url }).send(req11);
    expect(result).toEqual({ status: 200, attempt: 1, headers: expect.objectContaining({ 'content-type': 'text/xml; charset=utf-8' }), body: RESPONSE });
    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/soap/endpoint?x=1');
    expect(sent?.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(sent?.headers['soapaction']).toBe('"urn:t/Ping"');
    expect(sent?.body).toBe(ENVELOPE_11);
    expect(sent?.headers['content-length']).toBe(String(Buffer.byteLength(ENVELOPE_11, 'utf8')));
  });

  it('POSTs SOAP 1.2 with application/soap+xml carrying the action, and no SOAPAction header', async () => {
    const server = await startServer(ok);
    await transport({ url: server.url }).send(req12);
    const [sent] = server.requests;
    expect(sent?.headers['content-type']).toBe('application/soap+xml; charset=utf-8; action="urn:t/Ping"');
    expect(sent?.headers['soapaction']).toBeUndefined();
    expect(sent?.body).toBe(ENVELOPE_12);
  });

  it('sends an empty SOAPAction as "" for SOAP 1.1', async () => {
    const server = await startServer(ok);
    await transport({ url: server.url }).send({ ...req11, soapAction: '' });
    expect(server.requests[0]?.headers['soapaction']).toBe('""');
  });

  it('decodes the response as UTF-8, dropping a BOM, and honours a UTF-16 BOM', async () => {
    const bodies = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RESPONSE, 'utf8')]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RESPONSE, 'utf16le')]),
    ];
    const server = await startServer((_req, _body, res, i) => reply(res, 200, bodies[i] ?? ''));
    const t = transport({ url: server.url });
    expect((await t.send(req11)).body).toBe(RESPONSE);
    expect((await t.send(req11)).body).toBe(RESPONSE);
  });

  it('keeps the connection alive between calls', async () => {
    const server = await startServer(ok);
    const t = transport({ url: server.url });
    await t.send(req11);
    // undici hands a kept-alive socket out again one event-loop turn after the response completed.
    await new Promise((resolve) => setImmediate(resolve));
    await t.send(req11);
    expect(server.requests.map((r) => r.socket)).toEqual([1, 1]);
  });

  it('merges transport headers, call headers and the onRequest hook, the later winning', async () => {
    const server = await startServer(ok);
    const seen: Array<Record<string, string>> = [];
    const t = transport({
      url: server.url,
      headers: { 'X-Tenant': 'a', 'X-Both': 'transport' },
      onRequest: async (headers) => {
        seen.push({ ...headers });
        headers['X-Request-Id'] = 'r-1';
        headers['x-both'] = 'hook';
      },
    });
    await t.send(req11, { headers: { 'x-both': 'call', 'X-Call': 'c' } });
    const sent = server.requests[0]?.headers;
    expect(sent?.['x-tenant']).toBe('a');
    expect(sent?.['x-call']).toBe('c');
    expect(sent?.['x-request-id']).toBe('r-1');
    expect(sent?.['x-both']).toBe('hook');
    expect(seen[0]).toMatchObject({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"urn:t/Ping"', 'x-both': 'call' });
  });
});

describe('SoapTransport authentication', () => {
  it('sends Basic credentials', async () => {
    const server = await startServer(ok);
    await transport({ url: server.url, auth: { type: 'basic', username: 'alice', password: 'pä:ss' } }).send(req11);
    const expected = `Basic ${Buffer.from('alice:pä:ss', 'utf8').toString('base64')}`;
    expect(server.requests[0]?.headers.authorization).toBe(expected);
  });

  it('asks the bearer provider again after a 401 and re-tries once with the new token', async () => {
    const server = await startServer((req, _body, res) =>
      req.headers.authorization === 'Bearer fresh' ? reply(res, 200, RESPONSE) : reply(res, 401, '', { 'WWW-Authenticate': 'Bearer' }),
    );
    const calls: Array<{ attempt: number; previousStatus?: number }> = [];
    const tokens = ['stale', 'fresh'];
    const { delays, sleep } = recordingSleep();
    const t = transport({
      url: server.url,
      sleep,
      retry: { maxAttempts: 1 },
      auth: {
        type: 'bearer',
        token: async (ctx) => {
          calls.push(ctx);
          return tokens[calls.length - 1] ?? 'none';
        },
      },
    });
    const result = await t.send(req11);
    expect(result.status).toBe(200);
    expect(calls).toEqual([{ attempt: 1 }, { attempt: 2, previousStatus: 401 }]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(delays).toEqual([]);
  });

  it('gives up with AuthenticationError when the fresh token is refused too', async () => {
    const server = await startServer((_req, _body, res) => reply(res, 401, 'no', { 'Content-Type': 'text/plain' }));
    let n = 0;
    const t = transport({ url: server.url, auth: { type: 'bearer', token: () => `t${++n}` } });
    const error = await rejection(t.send(req11));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: 'no', attempt: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a failing token provider as a TransportError with the cause', async () => {
    const server = await startServer(ok);
    const cause = new Error('vault unavailable');
    const t = transport({ url: server.url, auth: { type: 'bearer', token: () => Promise.reject(cause) } });
    const error = await rejection(t.send(req11));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).cause).toBe(cause);
    expect(server.requests).toHaveLength(0);
  });

  it('says which schemes a 401 asks for, and whether the client has one of them', async () => {
    // Before, the message was "HTTP 401 from <url>" alone, with Exchange's `Negotiate, NTLM` only in error.headers.
    const server = await startServer((_req, _body, res) => {
      res.writeHead(401, { 'WWW-Authenticate': ['Negotiate', 'NTLM'] }).end();
    });
    const none = await rejection(transport({ url: server.url }).send(req11));
    expect((none as Error).message).toBe(`HTTP 401 from ${server.url}: the server asks for Negotiate, NTLM; no credentials were given (options.auth)`);
    const basic = await rejection(transport({ url: server.url, auth: { type: 'basic', username: 'u', password: 'p' } }).send(req11));
    expect((basic as Error).message).toBe(`HTTP 401 from ${server.url}: the server asks for Negotiate, NTLM; the Basic credentials were refused`);
    const kerberos = await startServer((_req, _body, res) => reply(res, 401, '', { 'WWW-Authenticate': 'Negotiate' }));
    const only = await rejection(transport({ url: kerberos.url, auth: { type: 'basic', username: 'u', password: 'p' } }).send(req11));
    expect((only as Error).message).toBe(`HTTP 401 from ${kerberos.url}: the server asks for Negotiate; the Basic credentials were refused, and this client supports none of them (it has Basic, Bearer, NTLM)`);
  });

  it('reads the scheme names of a WWW-Authenticate value, not its parameters', () => {
    expect(authSchemes('Basic realm="Exchange, EU", charset="UTF-8", Bearer error="invalid_token", Negotiate oYH2MIHzoAMKAQ==')).toEqual(['Basic', 'Bearer', 'Negotiate']);
    expect(authSchemes('')).toEqual([]);
  });

  it.each([401, 403])('maps %i to AuthenticationError without retrying', async (status) => {
    const server = await startServer((_req, _body, res) => reply(res, status, 'denied', { 'Content-Type': 'text/plain' }));
    const { delays, sleep } = recordingSleep();
    const t = transport({ url: server.url, sleep, auth: { type: 'basic', username: 'u', password: 'p' } });
    const error = await rejection(t.send({ ...req11, idempotent: true }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status, body: 'denied', attempt: 1 });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('SoapTransport trace', () => {
  it('redacts credentials and cookies, and never contains the password', async () => {
    const server = await startServer((_req, _body, res) => reply(res, 200, RESPONSE, { 'Set-Cookie': 'session=abc' }));
    const events: TraceEvent[] = [];
    const t = transport({
      url: server.url.replace('http://', 'http://user:urlsecret@'),
      auth: { type: 'basic', username: 'alice', password: 's3cret-pw' },
      headers: { Cookie: 'session=xyz', 'Proxy-Authorization': 'Basic Zm9vOmJhcg==' },
      trace: (e) => events.push(e),
    });
    await t.send(req11);
    expect(events.map((e) => e.kind)).toEqual(['request', 'response']);
    const [request, response] = events;
    expect(request?.headers).toMatchObject({ Authorization: '[redacted]', Cookie: '[redacted]', 'Proxy-Authorization': '[redacted]' });
    expect(request?.body).toBe(ENVELOPE_11);
    expect(request?.soapAction).toBe('urn:t/Ping');
    expect(request?.url).toBe(server.url);
    expect(response).toMatchObject({ status: 200, body: RESPONSE, attempt: 1 });
    expect(response?.headers['set-cookie']).toBe('[redacted]');
    const text = JSON.stringify(events);
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain(Buffer.from('alice:s3cret-pw').toString('base64'));
    expect(text).not.toContain('urlsecret');
    // The real request did carry them.
    expect(server.requests[0]?.headers.cookie).toBe('session=xyz');
  });

  it('keeps working when the trace callback throws', async () => {
    const server = await startServer(ok);
    const t = transport({
      url: server.url,
      trace: () => {
        throw new Error('broken logger');
      },
    });
    expect((await t.send(req11)).status).toBe(200);
  });
});

describe('SoapTransport response status', () => {
  it('returns a 500 whose body is a SOAP fault', async () => {
    const fault = writeFault('1.1', { code: { namespace: 'http://schemas.xmlsoap.org/soap/envelope/', localName: 'Server' }, faultString: 'boom' });
    const server = await startServer((_req, _body, res) => reply(res, 500, fault));
    const { delays, sleep } = recordingSleep();
    const result = await transport({ url: server.url, sleep }).send({ ...req11, idempotent: true });
    expect(result.status).toBe(500);
    expect(result.body).toBe(fault);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('returns a SOAP 1.2 Sender fault sent with 400', async () => {
    const fault = writeFault('1.2', { code: { namespace: 'http://www.w3.org/2003/05/soap-envelope', localName: 'Sender' }, faultString: 'bad' });
    const server = await startServer((_req, _body, res) => reply(res, 400, fault, { 'Content-Type': 'application/soap+xml' }));
    const result = await transport({ url: server.url }).send(req12);
    expect(result.status).toBe(400);
    expect(result.body).toBe(fault);
  });

  it('maps a 500 HTML page to NonXmlResponseError', async () => {
    const html = '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>';
    const server = await startServer((_req, _body, res) => reply(res, 500, html, { 'Content-Type': 'text/html; charset=utf-8' }));
    const error = await rejection(transport({ url: server.url }).send(req11));
    expect(error).toBeInstanceOf(NonXmlResponseError);
    expect(error).toMatchObject({ status: 500, contentType: 'text/html; charset=utf-8', bodyStart: html, attempt: 1 });
    expect((error as NonXmlResponseError).message).toBe(
      `HTTP 500 from ${server.url} is not XML (text/html; charset=utf-8): it begins ${JSON.stringify(html)}. The server, or a proxy before it, failed with a page of its own: its text, or the server's log, says why.`,
    );
  });

  it('says so when a 500 that is not XML is empty, and cuts a long body short in the message', async () => {
    const long = `Login required.\n\n   ${'x'.repeat(300)}`;
    const server = await startServer((_req, _body, res, i) => (i === 0 ? reply(res, 500, '', {}) : reply(res, 200, long, { 'Content-Type': 'text/plain' })));
    const t = transport({ url: server.url });
    expect(((await rejection(t.send(req11))) as NonXmlResponseError).message).toMatch(/ is not XML \(text\/xml; charset=utf-8\): the body is empty\. The server, /);
    expect(((await rejection(t.send(req11))) as NonXmlResponseError).message).toBe(
      `HTTP 200 from ${server.url} is not XML (text/plain): it begins "Login required. ${'x'.repeat(84)}...". Something other than the SOAP service answered (a sign-in page, a proxy, a web site): check the endpoint URL, and the credentials if the page asks for them.`,
    );
  });

  it('maps a 200 that is not XML to NonXmlResponseError, and returns an empty 202', async () => {
    const server = await startServer((_req, _body, res, i) =>
      i === 0 ? reply(res, 200, 'Service temporarily moved', { 'Content-Type': 'text/plain' }) : reply(res, 202, ''),
    );
    const t = transport({ url: server.url });
    const error = await rejection(t.send(req11));
    expect(error).toBeInstanceOf(NonXmlResponseError);
    expect(error).toMatchObject({ status: 200, contentType: 'text/plain', bodyStart: 'Service temporarily moved' });
    // The message shows how the body begins: a login page or a proxy's notice tells what to do.
    expect((error as NonXmlResponseError).message).toMatch(/^HTTP 200 from \S+ is not XML \(text\/plain\): it begins "Service temporarily moved"\. Something other than the SOAP service answered /);
    expect(await t.send(req11)).toMatchObject({ status: 202, body: '' });
  });

  it('does not follow a redirect, and says where it points', async () => {
    const server = await startServer((_req, _body, res) => reply(res, 302, '', { Location: '/owa/auth/logon.aspx?replaceCurrent=1', 'Content-Type': 'text/html' }));
    const error = await rejection(transport({ url: server.url }).send({ ...req11, idempotent: true }));
    expect(error).toBeInstanceOf(HttpError);
    const origin = new URL(server.url).origin;
    expect((error as HttpError).message).toBe(
      `HTTP 302 from ${server.url} redirects to ${origin}/owa/auth/logon.aspx?replaceCurrent=1: redirects are not followed; set options.url to the endpoint if it moved`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('maps 404 to HttpError without retrying', async () => {
    const server = await startServer((_req, _body, res) => reply(res, 404, 'Not here', { 'Content-Type': 'text/plain' }));
    const { delays, sleep } = recordingSleep();
    const error = await rejection(transport({ url: server.url, sleep }).send({ ...req11, idempotent: true }));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 404, body: 'Not here', url: server.url, attempt: 1 });
    expect((error as HttpError).headers['content-type']).toBe('text/plain');
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('SoapTransport retries', () => {
  it('retries a 503 after the Retry-After delay, emitting a retry event', async () => {
    const server = await startServer((_req, _body, res, i) =>
      i === 0 ? reply(res, 503, 'busy', { 'Retry-After': '0', 'Content-Type': 'text/plain' }) : reply(res, 200, RESPONSE),
    );
    const { delays, sleep } = recordingSleep();
    const events: TraceEvent[] = [];
    const result = await transport({ url: server.url, sleep, random: () => 0.99, trace: (e) => events.push(e) }).send(req11);
    expect(result.status).toBe(200);
    expect(delays).toEqual([0]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe(ENVELOPE_11);
    const retry = events.find((e) => e.kind === 'retry');
    expect(retry).toMatchObject({ attempt: 2, status: 503, delayMs: 0 });
    expect(events.map((e) => e.kind)).toEqual(['request', 'response', 'error', 'retry', 'request', 'response']);
  });

  it('caps Retry-After at maxDelayMs and understands HTTP dates', async () => {
    const now = Date.UTC(2024, 0, 1, 12, 0, 0);
    const later = new Date(now + 1500).toUTCString();
    const retryAfter = ['120', later];
    const server = await startServer((_req, _body, res, i) => {
      const value = retryAfter[i];
      if (value === undefined) reply(res, 200, RESPONSE);
      else reply(res, 503, '', { 'Retry-After': value });
    });
    const { delays, sleep } = recordingSleep();
    const t = transport({ url: server.url, sleep, now: () => now, retry: { maxAttempts: 3, maxDelayMs: 5000 } });
    expect((await t.send(req11)).status).toBe(200);
    expect(delays).toEqual([5000, 1000]);
  });

  it('retries 429 with exponential backoff and full jitter, then gives up at maxAttempts', async () => {
    const server = await startServer((_req, _body, res) => reply(res, 429, 'slow down', { 'Content-Type': 'text/plain' }));
    const { delays, sleep } = recordingSleep();
    const t = transport({ url: server.url, sleep, random: () => 0.5, retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 500 } });
    const error = await rejection(t.send(req11));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 429, attempt: 4 });
    expect(server.requests).toHaveLength(4);
    // 0.5 * min(500, 200 * 2^(n-1)) for n = 1, 2, 3
    expect(delays).toEqual([100, 200, 250]);
  });

  it('does not resend a non-idempotent request when the connection drops after the body was sent', async () => {
    const server = await startServer((req, _body, res) => {
      res.socket?.destroy();
      void req;
    });
    const { delays, sleep } = recordingSleep();
    const error = await rejection(transport({ url: server.url, sleep }).send({ ...req11, idempotent: false }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ requestSent: true, attempt: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toBe(ENVELOPE_11);
    expect(delays).toEqual([]);
  });

  it('resends an idempotent request when the connection drops after the body was sent', async () => {
    const server = await startServer((_req, _body, res, i) => (i === 0 ? res.socket?.destroy() : reply(res, 200, RESPONSE)));
    const { delays, sleep } = recordingSleep();
    const result = await transport({ url: server.url, sleep, random: () => 0 }).send({ ...req11, idempotent: true });
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([0]);
  });

  it('retries a refused connection, then reports ConnectionError with requestSent false', async () => {
    const server = await startServer(ok);
    const url = server.url;
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const { delays, sleep } = recordingSleep();
    const events: TraceEvent[] = [];
    const t = transport({ url, sleep, random: () => 1, retry: { maxAttempts: 3, baseDelayMs: 10 }, trace: (e) => events.push(e) });
    const error = await rejection(t.send({ ...req11, idempotent: false }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ requestSent: false, code: 'ECONNREFUSED', attempt: 3 });
    expect(delays).toEqual([10, 20]);
    expect(events.filter((e) => e.kind === 'retry').map((e) => e.attempt)).toEqual([2, 3]);
  });

  it('exposes the backoff it uses', () => {
    const t = transport({ url: 'http://127.0.0.1:1/', random: () => 0.5, retry: { baseDelayMs: 100, maxDelayMs: 1000 } });
    expect([1, 2, 3, 4, 5, 6].map((n) => t.backoff(n))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(t.backoff(1, 250)).toBe(250);
    expect(t.backoff(1, 5000)).toBe(1000);
    expect(t.backoff(1, -5)).toBe(0);
    const defaults = transport({ url: 'http://127.0.0.1:1/', random: () => 1 });
    expect([1, 2, 10].map((n) => defaults.backoff(n))).toEqual([200, 400, 10000]);
  });
});

describe('SoapTransport timeouts and cancellation', () => {
  it('fails with TimeoutError when no response arrives in time, without resending a non-idempotent request', async () => {
    const server = await startServer(() => undefined);
    const { delays, sleep } = recordingSleep();
    const error = await rejection(transport({ url: server.url, sleep, timeoutMs: 20 }).send(req11));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20, attempt: 1 });
    expect(delays).toEqual([]);
  });

  it('retries an idempotent request after a timeout; the per-call timeout overrides the transport one', async () => {
    // The server stalls the first attempt only, recognised by a header the hook sets.
    const server = await startServer((req, _body, res) => (req.headers['x-attempt'] === '1' ? undefined : reply(res, 200, RESPONSE)));
    const { delays, sleep } = recordingSleep();
    let attempts = 0;
    const t = transport({
      url: server.url,
      sleep,
      random: () => 0,
      timeoutMs: 100_000,
      onRequest: (headers) => {
        headers['X-Attempt'] = String(++attempts);
      },
    });
    // Long enough for the answered retry even on a loaded machine; the stalled attempt waits it out.
    const result = await t.send({ ...req11, idempotent: true }, { timeoutMs: 500 });
    expect(result.status).toBe(200);
    expect(attempts).toBe(2);
    expect(delays).toEqual([0]);
  });

  it('rejects with AbortError when the caller aborts, and does not retry', async () => {
    const controller = new AbortController();
    const server = await startServer(() => controller.abort(new Error('user cancelled')));
    const { delays, sleep } = recordingSleep();
    const error = await rejection(transport({ url: server.url, sleep }).send({ ...req11, idempotent: true }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error('user cancelled'));
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('does not send when the signal is already aborted', async () => {
    const server = await startServer(ok);
    const error = await rejection(transport({ url: server.url }).send(req11, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('stops retrying when aborted during the backoff', async () => {
    const controller = new AbortController();
    const server = await startServer((_req, _body, res) => reply(res, 503, ''));
    const sleep = async (): Promise<void> => controller.abort();
    const error = await rejection(transport({ url: server.url, sleep }).send(req11, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('SoapTransport lifecycle', () => {
  it('rejects sends after close', async () => {
    const server = await startServer(ok);
    const t = transport({ url: server.url });
    await t.send(req11);
    await t.close();
    await t.close();
    const error = await rejection(t.send(req11));
    expect(error).toBeInstanceOf(TransportError);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a header value undici refuses as a TransportError, without sending or retrying', async () => {
    const server = await startServer(ok);
    const { delays, sleep } = recordingSleep();
    const error = await rejection(transport({ url: server.url, sleep }).send(req11, { headers: { 'X-Bad': 'a\r\nInjected: 1' } }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(0);
    expect(delays).toEqual([]);
  });

  it('rejects URLs it cannot use', () => {
    expect(() => new SoapTransport({ url: 'not a url' })).toThrow(TypeError);
    expect(() => new SoapTransport({ url: 'ftp://127.0.0.1/x' })).toThrow(/unsupported protocol/);
  });
});
