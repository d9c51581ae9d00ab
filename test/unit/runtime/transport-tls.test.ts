import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { ConnectionError, SoapTransport, type TransportOptions } from '../../../runtime/src';
import { PING, PING_RESPONSE } from '../../support/ping';

interface Pems {
  cert: string;
  key: string;
  clientCert: string;
  clientKey: string;
}

let pems: Pems;
let other: Pems;

async function certificates(cn: string): Promise<Pems> {
  const p = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    algorithm: 'sha256',
    clientCertificate: { cn: 'soap-client' },
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  if (p.clientcert === undefined || p.clientprivate === undefined) throw new Error('selfsigned made no client certificate');
  return { cert: p.cert, key: p.private, clientCert: p.clientcert, clientKey: p.clientprivate };
}

beforeAll(async () => {
  [pems, other] = await Promise.all([certificates('localhost'), certificates('someone-else')]);
});


const servers: Server[] = [];
const transports: SoapTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** An HTTPS server answering every request with PING_RESPONSE; records the client certificate's CN. */
async function startHttps(options: ServerOptions): Promise<{ url: string; clients: string[] }> {
  const clients: string[] = [];
  const server = createServer(options, (request, response) => {
    request.resume();
    request.on('end', () => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      clients.push(typeof peer.subject?.CN === 'string' ? peer.subject.CN : '');
      response.writeHead(200, { 'Content-Type': 'text/xml' });
      response.end(PING_RESPONSE);
    });
  });
  // A failed handshake is expected in some tests; keep it from surfacing as an unhandled error.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/soap`, clients };
}

function transport(options: TransportOptions): SoapTransport {
  const t = new SoapTransport(options);
  transports.push(t);
  return t;
}

/** Records the delays asked for and returns at once. */
function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

describe('SoapTransport TLS', () => {
  it('rejects a self-signed server certificate by default, without retrying', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key });
    const { delays, sleep } = recordingSleep();
    const error = await transport({ url: server.url, sleep }).send(PING).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ requestSent: false, code: expect.stringMatching(/SELF_SIGNED|CERT/) });
    expect(delays).toEqual([]);
    expect(server.clients).toEqual([]);
  });

  it('rejects it when insecureSkipVerify is anything but true', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key });
    const error = await transport({ url: server.url, tls: { insecureSkipVerify: false }, retry: { maxAttempts: 1 } })
      .send(PING)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('accepts it when tls.ca is that certificate', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key });
    const result = await transport({ url: server.url, tls: { ca: pems.cert } }).send(PING);
    expect(result).toMatchObject({ status: 200, body: PING_RESPONSE });
  });

  it('rejects it when tls.ca is a different certificate', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key });
    const error = await transport({ url: server.url, tls: { ca: [other.cert] }, retry: { maxAttempts: 1 } })
      .send(PING)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('accepts it with insecureSkipVerify: true', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key });
    const result = await transport({ url: server.url, tls: { insecureSkipVerify: true } }).send(PING);
    expect(result.status).toBe(200);
  });

  it('presents a client certificate the server requires', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key, ca: pems.cert, requestCert: true, rejectUnauthorized: true });
    const result = await transport({
      url: server.url,
      tls: { ca: pems.cert, cert: pems.clientCert, key: pems.clientKey },
    }).send(PING);
    expect(result.status).toBe(200);
    expect(server.clients).toEqual(['soap-client']);
  });

  it('fails when the server requires a client certificate and none is configured', async () => {
    const server = await startHttps({ cert: pems.cert, key: pems.key, ca: pems.cert, requestCert: true, rejectUnauthorized: true });
    const error = await transport({ url: server.url, tls: { ca: pems.cert }, retry: { maxAttempts: 1 } })
      .send(PING)
      .catch((e: unknown) => e);
    // With TLS 1.3 the server refuses after the client considers the handshake complete.
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.clients).toEqual([]);
  });
});
