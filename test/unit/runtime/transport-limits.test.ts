import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { SoapTransport, TransportError } from '../../../runtime/src';
import { PING } from '../../support/ping';

// options.maxResponseBytes against real servers on 127.0.0.1: one that never stops sending, and
// one that sends a small gzip body that inflates far past the limit.

const envelope = (filler: string): string =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PingResponse xmlns="urn:t">${filler}</PingResponse></soap:Body></soap:Envelope>`;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return `http://127.0.0.1:${port}/ews`;
}

function transport(url: string, maxResponseBytes?: number): SoapTransport {
  const t = new SoapTransport({ url, retry: { maxAttempts: 1 }, ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }) });
  closers.push(() => t.close());
  return t;
}

describe('SoapTransport: the size of a response', () => {
  it('stops reading a body that grows past the limit, and says so', async () => {
    let sent = 0;
    let closedEarly = false;
    const url = await serve((request, response) => {
      request.resume();
      response.writeHead(200, { 'Content-Type': 'text/xml' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      // Sends until the client goes away: without the limit, the call would never end.
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk)) sent += chunk.length;
        if (!response.destroyed) response.once('drain', pump);
      };
      response.on('close', () => {
        closedEarly = !response.writableFinished;
      });
      pump();
    });
    const error = await transport(url, 256 * 1024).send(PING).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toBe(`The response from ${url} is larger than 262144 bytes as received (options.maxResponseBytes); it was not read`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
    // What the server managed to send before the client closed: far less than unbounded.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a compressed body that inflates past the limit, and reads one that does not', async () => {
    const big = gzipSync(envelope('x'.repeat(8 * 1024 * 1024)));
    const small = gzipSync(envelope('small'));
    expect(big.length).toBeLessThan(64 * 1024);
    let next = big;
    const url = await serve((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'gzip' }).end(next));
    });
    const t = transport(url, 1024 * 1024);
    const error = await t.send(PING).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toBe(`The response from ${url} is larger than 1048576 bytes once decompressed (options.maxResponseBytes); it was not read`);
    next = small;
    expect((await t.send(PING)).body).toBe(envelope('small'));
  });

  it('takes 64 MiB by default: a 9 MiB body is read', async () => {
    const body = envelope('y'.repeat(9 * 1024 * 1024));
    const url = await serve((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'Content-Type': 'text/xml' }).end(body));
    });
    expect((await transport(url).send(PING)).body.length).toBe(body.length);
  });

  it('refuses a limit, timeout or retry setting that is not a number it can use, rather than ignore it', () => {
    const url = 'http://127.0.0.1:1/ews';
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new SoapTransport({ url, maxResponseBytes: bad })).toThrow(/options\.maxResponseBytes must be a positive whole number of bytes, not /);
      expect(() => new SoapTransport({ url, retry: { maxAttempts: bad } })).toThrow(/options\.retry\.maxAttempts must be a whole number/);
    }
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new SoapTransport({ url, timeoutMs: bad })).toThrow(/options\.timeoutMs must be a number of milliseconds, 0 for none/);
      expect(() => new SoapTransport({ url, retry: { baseDelayMs: bad } })).toThrow(/options\.retry\.baseDelayMs/);
      expect(() => new SoapTransport({ url, retry: { maxDelayMs: bad } })).toThrow(/options\.retry\.maxDelayMs/);
    }
    // What they may be.
    expect(() => new SoapTransport({ url, maxResponseBytes: 1, timeoutMs: 0, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } })).not.toThrow();
  });
});
