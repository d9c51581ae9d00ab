import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AuthenticationError, SoapTransport, type SendRequest, type TraceEvent, type TransportOptions } from '../../../runtime/src';
import { ntlmChallenge } from '../../../runtime/src/transport/ntlm';

// A test double of an NTLM-protected endpoint. It speaks only the message framing (no crypto): it
// answers a Type 1 message with a Type 2 challenge, and accepts a Type 3 message that arrives on the
// same connection as the Type 1 and names the expected user and domain. It cannot check the password.

const NTLMSSP = Buffer.from('NTLMSSP\0', 'latin1');
const FLAGS =
  0x00000001 | // Unicode
  0x00000004 | // request target
  0x00000200 | // NTLM
  0x00080000 | // extended session security
  0x00800000; // target info present

function utf16(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

/** A Type 2 message: header, target name and a target info list holding the domain name. */
function type2Message(domain: string): string {
  const targetName = utf16(domain);
  const name = utf16(domain);
  const targetInfo = Buffer.alloc(4 + name.length + 4);
  targetInfo.writeUInt16LE(2, 0); // MsvAvNbDomainName
  targetInfo.writeUInt16LE(name.length, 2);
  name.copy(targetInfo, 4);
  // MsvAvEOL: the remaining four bytes stay zero.
  const header = Buffer.alloc(56);
  NTLMSSP.copy(header, 0);
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(targetName.length, 12);
  header.writeUInt16LE(targetName.length, 14);
  header.writeUInt32LE(56, 16);
  header.writeUInt32LE(FLAGS >>> 0, 20);
  Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).copy(header, 24); // server challenge
  header.writeUInt16LE(targetInfo.length, 40);
  header.writeUInt16LE(targetInfo.length, 42);
  header.writeUInt32LE(56 + targetName.length, 44);
  return Buffer.concat([header, targetName, targetInfo]).toString('base64');
}

interface Type3Fields {
  domain: string;
  user: string;
  workstation: string;
}

function messageType(token: string): { type: number; bytes: Buffer } | undefined {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(NTLMSSP)) return undefined;
  return { type: bytes.readUInt32LE(8), bytes };
}

/** Reads the domain, user and workstation security buffers of a Type 3 message (Unicode). */
function type3Fields(bytes: Buffer): Type3Fields {
  const field = (at: number): string => {
    const length = bytes.readUInt16LE(at);
    const offset = bytes.readUInt32LE(at + 4);
    return bytes.subarray(offset, offset + length).toString('utf16le');
  };
  return { domain: field(28), user: field(36), workstation: field(44) };
}

interface Seen {
  step: 'type1' | 'type3' | 'authenticated' | 'anonymous';
  socket: number;
  body: string;
  authorization: string | undefined;
  type3?: Type3Fields;
}

interface NtlmServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

const RESPONSE =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PingResponse xmlns="urn:t"/></soap:Body></soap:Envelope>';

const servers: NtlmServer[] = [];
const transports: SoapTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startNtlmServer(expect: { user: string; domain: string }, options: { challenge?: boolean | string; answerAfterMs?: number } = {}): Promise<NtlmServer> {
  const seen: Seen[] = [];
  const ids = new WeakMap<Socket, number>();
  const challenged = new WeakSet<Socket>();
  const authenticated = new WeakSet<Socket>();
  let next = 0;
  const refuse = (res: ServerResponse, header: string): void => {
    res.writeHead(401, { 'WWW-Authenticate': header, 'Content-Type': 'text/plain' });
    res.end('Unauthorized');
  };
  const handle = (req: IncomingMessage, body: string, res: ServerResponse): void => {
    const socket = req.socket;
    let id = ids.get(socket);
    if (id === undefined) ids.set(socket, (id = ++next));
    const authorization = req.headers.authorization;
    const token = /^NTLM (.+)$/.exec(authorization ?? '')?.[1];
    const message = token === undefined ? undefined : messageType(token);
    if (message === undefined) {
      if (authenticated.has(socket)) {
        seen.push({ step: 'authenticated', socket: id, body, authorization });
        setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(RESPONSE), options.answerAfterMs ?? 0);
        return;
      }
      seen.push({ step: 'anonymous', socket: id, body, authorization });
      refuse(res, 'NTLM');
      return;
    }
    if (message.type === 1) {
      seen.push({ step: 'type1', socket: id, body, authorization });
      challenged.add(socket);
      refuse(res, options.challenge === false ? 'Negotiate' : typeof options.challenge === 'string' ? options.challenge : `NTLM ${type2Message(expect.domain)}`);
      return;
    }
    const fields = type3Fields(message.bytes);
    seen.push({ step: 'type3', socket: id, body, authorization, type3: fields });
    if (message.type === 3 && challenged.has(socket) && fields.user === expect.user && fields.domain === expect.domain) {
      authenticated.add(socket);
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(RESPONSE), options.answerAfterMs ?? 0);
      return;
    }
    refuse(res, 'NTLM');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const s: NtlmServer = {
    url: `http://127.0.0.1:${port}/ews/exchange.asmx`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

function transport(options: TransportOptions): SoapTransport {
  const t = new SoapTransport(options);
  transports.push(t);
  return t;
}

const BODY =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Ping xmlns="urn:t"/></soap:Body></soap:Envelope>';
const req: SendRequest = { soapAction: 'urn:t/Ping', soapVersion: '1.1', body: BODY, idempotent: false };

describe('SoapTransport NTLM', () => {
  it('runs Type 1 → challenge → Type 3 on one connection and sends the body with the Type 3', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' });
    const t = transport({
      url: server.url,
      auth: { type: 'ntlm', username: 'alice', password: 'Secret1!', domain: 'contoso', workstation: 'ws01' },
    });
    const result = await t.send(req);
    expect(result).toMatchObject({ status: 200, body: RESPONSE });
    expect(server.seen.map((s) => s.step)).toEqual(['type1', 'type3']);
    const [type1, type3] = server.seen;
    expect(type1?.socket).toBe(type3?.socket);
    expect(type1?.body).toBe('');
    expect(type3?.body).toBe(BODY);
    expect(type3?.type3).toEqual({ user: 'alice', domain: 'CONTOSO', workstation: 'WS01' });
  });

  it('reuses the authenticated connection for the next call', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' });
    const t = transport({ url: server.url, auth: { type: 'ntlm', username: 'alice', password: 'pw', domain: 'CONTOSO' } });
    await t.send(req);
    await t.send(req);
    expect(server.seen.map((s) => s.step)).toEqual(['type1', 'type3', 'authenticated']);
    expect(new Set(server.seen.map((s) => s.socket)).size).toBe(1);
  });

  it('serialises concurrent calls over the single connection', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' });
    const t = transport({ url: server.url, auth: { type: 'ntlm', username: 'alice', password: 'pw', domain: 'CONTOSO' } });
    const results = await Promise.all([t.send(req), t.send(req), t.send(req)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.seen.map((s) => s.step)).toEqual(['type1', 'type3', 'authenticated', 'authenticated']);
  });

  it('starts each call\'s timeout when the connection is its turn, not while it waits behind others', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' }, { answerAfterMs: 250 });
    const t = transport({ url: server.url, auth: { type: 'ntlm', username: 'alice', password: 'pw', domain: 'CONTOSO' }, timeoutMs: 400, retry: { maxAttempts: 1 } });
    // Before, the third call's 400 ms ran out while the first two held the connection (250 ms each): a TimeoutError with requestSent false.
    const results = await Promise.all([t.send(req), t.send(req), t.send(req)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('takes the domain from a DOMAIN\\user name', async () => {
    const server = await startNtlmServer({ user: 'bob', domain: 'FABRIKAM' });
    const t = transport({ url: server.url, auth: { type: 'ntlm', username: 'FABRIKAM\\bob', password: 'pw' } });
    expect((await t.send(req)).status).toBe(200);
    expect(server.seen[1]?.type3).toMatchObject({ user: 'bob', domain: 'FABRIKAM' });
  });

  it('fails with AuthenticationError when the Type 3 message is refused, and redacts the tokens in the trace', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' });
    const events: TraceEvent[] = [];
    const t = transport({
      url: server.url,
      auth: { type: 'ntlm', username: 'mallory', password: 'guess-pw', domain: 'CONTOSO' },
      trace: (e) => events.push(e),
    });
    const error = await t.send(req).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, attempt: 1 });
    expect((error as Error).message).toMatch(/rejected the NTLM credentials/);
    expect(server.seen.map((s) => s.step)).toEqual(['type1', 'type3']);
    const requests = events.filter((e) => e.kind === 'request');
    expect(requests.map((e) => e.headers['Authorization'])).toEqual(['[redacted]', '[redacted]']);
    // Neither the password nor the client's Type 1 / Type 3 messages ("NTLMSSP\0" + type 1 or 3, base64).
    expect(JSON.stringify(events)).not.toMatch(/guess-pw|TlRMTVNTUAAB|TlRMTVNTUAAD/);
  });

  it('fails with AuthenticationError when the server offers no NTLM challenge', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' }, { challenge: false });
    const t = transport({ url: server.url, auth: { type: 'ntlm', username: 'alice', password: 'pw', domain: 'CONTOSO' } });
    const error = await t.send(req).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/no NTLM challenge/);
    expect(server.seen.map((s) => s.step)).toEqual(['type1']);
  });

  it('fails with AuthenticationError when the challenge is too short to be one', async () => {
    const server = await startNtlmServer({ user: 'alice', domain: 'CONTOSO' }, { challenge: 'NTLM AAAA' });
    const t = transport({ url: server.url, auth: { type: 'ntlm', username: 'alice', password: 'pw', domain: 'CONTOSO' } });
    const error = await t.send(req).catch((e: unknown) => e);
    // Before: a TransportError wrapping httpntlm's RangeError ("The value of "offset" is out of range").
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/the NTLM challenge is malformed/);
  });
});

describe('ntlmChallenge', () => {
  it('finds the NTLM token among several challenges', () => {
    expect(ntlmChallenge('NTLM abc+/=')).toBe('abc+/=');
    expect(ntlmChallenge('Negotiate xyz, NTLM TlRMTVNTUAAC')).toBe('TlRMTVNTUAAC');
    expect(ntlmChallenge('NTLM')).toBeUndefined();
    expect(ntlmChallenge('Basic realm="x"')).toBeUndefined();
    expect(ntlmChallenge(undefined)).toBeUndefined();
  });
});
