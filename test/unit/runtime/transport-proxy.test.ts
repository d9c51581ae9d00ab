import * as http from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { AuthenticationError, ConnectionError, HttpError, SoapTransport, type TransportOptions } from '../../../runtime/src';
import { PING, PING_RESPONSE } from '../../support/ping';

// SoapTransport through an HTTP proxy: a real CONNECT proxy on 127.0.0.1, in front of real HTTP
// and HTTPS endpoints.


const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function listen(server: http.Server): Promise<number> {
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function transport(options: TransportOptions): SoapTransport {
  const t = new SoapTransport(options);
  closers.push(() => t.close());
  return t;
}

/** An endpoint answering every POST with PING_RESPONSE; counts the requests it gets, and the proxy credentials it sees. */
async function endpoint(): Promise<{ url: string; requests: () => number; proxyCredentialsSeen: () => number }> {
  let requests = 0;
  let proxyCredentialsSeen = 0;
  const port = await listen(
    http.createServer((request, response) => {
      requests++;
      if (request.headers['proxy-authorization'] !== undefined) proxyCredentialsSeen++;
      request.resume();
      request.on('end', () => response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(PING_RESPONSE));
    }),
  );
  return { url: `http://127.0.0.1:${port}/ews`, requests: () => requests, proxyCredentialsSeen: () => proxyCredentialsSeen };
}

/**
 * A CONNECT proxy. With `credentials`, a tunnel needs `Proxy-Authorization: Basic <credentials>`
 * and is otherwise refused with 407. Records each CONNECT's target and whether it was let through.
 */
async function proxy(credentials?: string): Promise<{ url: string; connects: Array<{ target: string; allowed: boolean }> }> {
  const connects: Array<{ target: string; allowed: boolean }> = [];
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? '';
    const given = request.headers['proxy-authorization'];
    const allowed = credentials === undefined || given === `Basic ${Buffer.from(credentials).toString('base64')}`;
    connects.push({ target, allowed });
    if (!allowed) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="p"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = target.split(':');
    const upstream = net.connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = (): void => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, connects };
}

describe('SoapTransport through a proxy', () => {
  it('tunnels each connection through the proxy with CONNECT, and keeps tunnels open for later requests', async () => {
    const [target, p] = await Promise.all([endpoint(), proxy()]);
    const t = transport({ url: target.url, proxy: p.url });
    for (let i = 0; i < 5; i++) expect((await t.send(PING)).body).toBe(PING_RESPONSE);
    expect(target.requests()).toBe(5);
    expect(p.connects.length).toBeGreaterThan(0);
    expect(p.connects.length).toBeLessThan(5);
    for (const c of p.connects) expect(c).toEqual({ target: new URL(target.url).host, allowed: true });
  });

  it('sends the credentials of the proxy URL, and only to the proxy', async () => {
    const [target, p] = await Promise.all([endpoint(), proxy('alice:s3cret p@ss')]);
    const proxyUrl = new URL(p.url);
    proxyUrl.username = 'alice';
    proxyUrl.password = encodeURIComponent('s3cret p@ss');
    const t = transport({ url: target.url, proxy: proxyUrl.href });
    expect((await t.send(PING)).status).toBe(200);
    expect(p.connects).toEqual([{ target: new URL(target.url).host, allowed: true }]);
    expect([target.requests(), target.proxyCredentialsSeen()]).toEqual([1, 0]);
  });

  it('a 407 from the proxy is an AuthenticationError naming the proxy, and is not retried', async () => {
    const [target, p] = await Promise.all([endpoint(), proxy('alice:secret')]);
    const t = transport({ url: target.url, proxy: p.url, retry: { maxAttempts: 3 }, sleep: async () => undefined });
    const error = await t.send(PING).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    const e = error as AuthenticationError;
    expect(e.status).toBe(407);
    expect(e.message).toBe(`Proxy ${p.url} refused the tunnel to ${target.url}: HTTP 407 (proxy authentication required: give its credentials in options.proxy)`);
    expect(p.connects).toHaveLength(1);
    expect(target.requests()).toBe(0);
  });

  it('another refusal is an HttpError with the proxy status; a proxy that is down is a ConnectionError', async () => {
    const target = await endpoint();
    const refusing = http.createServer();
    refusing.on('connect', (_request: http.IncomingMessage, client: net.Socket) => client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'));
    const port = await listen(refusing);
    const forbidden = await transport({ url: target.url, proxy: `http://127.0.0.1:${port}`, retry: { maxAttempts: 1 } }).send(PING).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(HttpError);
    expect((forbidden as HttpError).status).toBe(403);
    expect((forbidden as HttpError).message).toMatch(/^Proxy http:\/\/127\.0\.0\.1:\d+ refused the tunnel to .*: HTTP 403$/);

    const closed = net.createServer();
    const closedPort = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await transport({ url: target.url, proxy: `http://127.0.0.1:${closedPort}`, retry: { maxAttempts: 1 } }).send(PING).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ConnectionError);
    expect(target.requests()).toBe(0);
  });

  it('keeps TLS to an HTTPS endpoint end to end: the proxy relays bytes it cannot read', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const https = createHttpsServer({ cert: pems.cert, key: pems.private }, (request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'Content-Type': 'text/xml' }).end(PING_RESPONSE));
    });
    const port = await listen(https);
    const p = await proxy();
    const url = `https://127.0.0.1:${port}/ews`;
    expect((await transport({ url, proxy: p.url, tls: { ca: pems.cert } }).send(PING)).body).toBe(PING_RESPONSE);
    // Without the CA, the endpoint's certificate is refused through the tunnel as it would be directly.
    const refused = await transport({ url, proxy: p.url, retry: { maxAttempts: 1 } }).send(PING).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(p.connects.map((c) => c.target)).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
  });

  it('refuses a proxy URL it cannot use, and NTLM through a proxy', () => {
    expect(() => new SoapTransport({ url: 'http://127.0.0.1/ews', proxy: 'not a url' })).toThrow('options.proxy is not a valid absolute URL');
    expect(() => new SoapTransport({ url: 'http://127.0.0.1/ews', proxy: 'socks5://127.0.0.1:1080' })).toThrow('unsupported proxy protocol socks5:');
    expect(() => new SoapTransport({ url: 'http://127.0.0.1/ews', proxy: 'http://127.0.0.1:3128', auth: { type: 'ntlm', username: 'u', password: 'p' } })).toThrow(
      'NTLM cannot go through options.proxy',
    );
  });
});
