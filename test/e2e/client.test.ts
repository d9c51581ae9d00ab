import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { AuthenticationError, ConnectionError, HttpError, NonXmlResponseError, ReadError, ResponseError, SoapFaultError, writeFault, type ReadErrorCode, type ReadWarningCode, type TraceEvent } from '@wsdl-codegen/runtime';
import { ExchangeServiceClient, operations, type ExchangeServiceClientOptions } from '../../generated/src';
import type * as T from '../../generated/src/types';
import { OneWayClient } from '../constructs/one-way/golden/src';

// The generated client against a real HTTP server on 127.0.0.1 whose answers are scripted per test.
// (The full Unified Contact Store server has its own end-to-end tests.)

interface Seen {
  action: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  acceptEncoding: string | undefined;
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse, n: number) => void;

const SERVER_VERSION: T.ServerVersionInfo = { MajorVersion: 15, MinorVersion: 0, MajorBuildNumber: 349, MinorBuildNumber: 0, Version: 'Exchange2013' };

async function withServer(handler: Handler, run: (url: string, seen: Seen[]) => Promise<void>): Promise<void> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const s: Seen = { action: req.headers.soapaction as string | undefined, contentType: req.headers['content-type'], authorization: req.headers.authorization, acceptEncoding: req.headers['accept-encoding'], body };
      seen.push(s);
      handler(s, res, seen.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`, seen);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

const xml = (res: http.ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
};

const group: T.ImGroupType = { DisplayName: 'Friends', GroupType: 'IPM.DistList.MOC.UserGroup', ExchangeStoreId: { Id: 'AAMkAGroup=', ChangeKey: 'EgAAAA==' } };

describe('generated ExchangeServiceClient', () => {
  it('sends a typed request with SOAPAction and default headers, and resolves to the typed body with response headers', async () => {
    await withServer(
      (req, res) => {
        const parsed = operations.AddImGroup.parseRequest(req.body);
        expect(parsed.body).toEqual({ DisplayName: 'Friends' });
        // The client's default Exchange2013 (as in the specification's examples) is the one deviation.
        expect(parsed.warnings.map((w) => w.code)).toEqual(['fixed-value']);
        xml(res, 200, operations.AddImGroup.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: group }, { ServerVersionInfo: SERVER_VERSION }));
      },
      async (url, seen) => {
        const client = new ExchangeServiceClient({ url });
        const result = await client.addImGroup({ DisplayName: 'Friends' });
        expect(result).toEqual({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: group });
        expect(result.$soap.headers.ServerVersionInfo).toEqual(SERVER_VERSION);
        expect(result.$soap.warnings).toEqual([]);
        expect(seen[0]?.action).toBe('"http://schemas.microsoft.com/exchange/services/2006/messages/AddImGroup"');
        expect(seen[0]?.contentType).toBe('text/xml; charset=utf-8');
        const headers = operations.AddImGroup.parseRequest(seen[0]?.body ?? '').headers;
        expect(headers.RequestServerVersion).toEqual({ Version: 'Exchange2013' });
        await client.close();
      },
    );
  });

  it('merges client-wide and per-call SOAP headers, including extra raw headers', async () => {
    await withServer(
      (_req, res) => xml(res, 200, operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImItemList: { Groups: [group], Personas: [] } })),
      async (url, seen) => {
        const client = new ExchangeServiceClient({
          url,
          soapHeaders: {
            ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: 'alice@contoso.com' } },
            MailboxCulture: { $value: 'en-US' },
            $extra: [{ namespace: 'urn:example', localName: 'Trace', xml: '<x:Trace xmlns:x="urn:example">t-1</x:Trace>' }],
          },
        });
        const tz = '<t:TimeZoneContext xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:TimeZoneDefinition Id="Pacific Standard Time"/></t:TimeZoneContext>';
        const result = await client.getImItemList({}, { soapHeaders: { MailboxCulture: { $value: 'fr-FR' }, $extra: [{ namespace: 'http://schemas.microsoft.com/exchange/services/2006/types', localName: 'TimeZoneContext', xml: tz }] } });
        expect(result.ImItemList?.Groups).toEqual([group]);
        const h = operations.GetImItemList.parseRequest(seen[0]?.body ?? '').headers;
        expect(h.ExchangeImpersonation).toEqual({ ConnectingSID: { PrimarySmtpAddress: 'alice@contoso.com' } });
        expect(h.MailboxCulture).toEqual({ $value: 'fr-FR' });
        expect(h.RequestServerVersion).toEqual({ Version: 'Exchange2013' });
        // The client's raw headers and the call's are both sent (before: the call's replaced the client's).
        expect(h.$extra?.map((x) => x.localName)).toEqual(['Trace', 'TimeZoneContext']);
        await client.close();
      },
    );
  });

  it('leaves out the default SOAP headers when told to, for a server that refuses them', async () => {
    await withServer(
      (_req, res) => xml(res, 200, operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImItemList: {} })),
      async (url, seen) => {
        // Before: only { RequestServerVersion: undefined }, which exactOptionalPropertyTypes refuses.
        const bare = new ExchangeServiceClient({ url, defaultSoapHeaders: false });
        // The defaults are one object that every client shares: the type keeps callers from changing it
        // (the @ts-expect-error lines fail test/typecheck.test.ts if it does not; never called).
        const change = (): void => {
          // @ts-expect-error defaultSoapHeaders is readonly, down to its values
          ExchangeServiceClient.defaultSoapHeaders.RequestServerVersion = { Version: 'Exchange2016' };
          const version = ExchangeServiceClient.defaultSoapHeaders.RequestServerVersion;
          // @ts-expect-error defaultSoapHeaders is readonly, down to its values
          if (version !== undefined) version.Version = 'Exchange2016';
        };
        void change;
        await bare.getImItemList();
        expect(operations.GetImItemList.parseRequest(seen[0]?.body ?? '').headers).toEqual({});
        const own = new ExchangeServiceClient({ url, defaultSoapHeaders: false, soapHeaders: { MailboxCulture: { $value: 'en-US' } } });
        await own.getImItemList();
        expect(operations.GetImItemList.parseRequest(seen[1]?.body ?? '').headers).toEqual({ MailboxCulture: { $value: 'en-US' } });
        // Nor did making clients with other headers change them.
        expect(ExchangeServiceClient.defaultSoapHeaders).toEqual({ RequestServerVersion: { Version: 'Exchange2013' } });
        await Promise.all([bare.close(), own.close()]);
      },
    );
  });

  it('asks for a compressed response unless told not to, and reads a gzip body as the same typed result', async () => {
    // Large enough (> 64 KiB) and non-ASCII, so the inflated body takes the large-body decoder too.
    const groups: T.ImGroupType[] = Array.from({ length: 2000 }, (_, i) => ({ ...group, DisplayName: `Grüße ${i}` }));
    const response = operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImItemList: { Groups: groups, Personas: [] } });
    let gzipped = 0;
    await withServer(
      (req, res) => {
        if (req.acceptEncoding?.split(',').some((c) => c.trim() === 'gzip') === true) {
          gzipped++;
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(response));
        } else xml(res, 200, response);
      },
      async (url, seen) => {
        const asking = new ExchangeServiceClient({ url });
        const plain = new ExchangeServiceClient({ url, compression: false });
        const overridden = new ExchangeServiceClient({ url, headers: { 'accept-encoding': 'identity' } });
        const results = [await asking.getImItemList({}), await plain.getImItemList({}), await overridden.getImItemList({})];
        expect(seen.map((s) => s.acceptEncoding)).toEqual(['gzip, deflate', undefined, 'identity']);
        expect(gzipped).toBe(1);
        for (const r of results) expect(r.ImItemList?.Groups).toEqual(groups);
        await Promise.all([asking.close(), plain.close(), overridden.close()]);
      },
    );
  });

  it('keeps concurrent large responses apart while their chunks arrive interleaved', async () => {
    // The client collects and decodes each body on its own: no call may read another's bytes.
    const groupsOf = (n: number): T.ImGroupType[] => Array.from({ length: 800 }, (_, i) => ({ ...group, DisplayName: `Grüße ${n}.${i}` }));
    await withServer(
      (_req, res, n) => {
        const body = Buffer.from(operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImItemList: { Groups: groupsOf(n), Personas: [] } }), 'utf8');
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(body.length) });
        // Slices sent a few milliseconds apart, so that the six responses overlap.
        let at = 0;
        const more = (): void => {
          const end = Math.min(at + 16 * 1024, body.length);
          res.write(body.subarray(at, end));
          at = end;
          if (at < body.length) setTimeout(more, 2);
          else res.end();
        };
        more();
      },
      async (url, seen) => {
        const client = new ExchangeServiceClient({ url });
        const results = await Promise.all(Array.from({ length: 6 }, () => client.getImItemList({})));
        expect(seen).toHaveLength(6);
        // Requests are numbered as the server saw them: each result is one whole response of its own.
        const numbers = results.map((r) => Number(/^Grüße (\d+)\./.exec(r.ImItemList?.Groups?.[0]?.DisplayName ?? '')?.[1]));
        expect([...numbers].sort()).toEqual([1, 2, 3, 4, 5, 6]);
        results.forEach((r, i) => expect(r.ImItemList?.Groups).toEqual(groupsOf(numbers[i] ?? 0)));
        await client.close();
      },
    );
  });

  it('rejects with ResponseError for ResponseClass="Error", surfaces Warning without rejecting', async () => {
    await withServer(
      (_req, res, n) =>
        xml(
          res,
          200,
          n === 1
            ? operations.AddImContactToGroup.serializeResponse({ ResponseClass: 'Error', MessageText: 'The specified Im Contact Id is invalid.', ResponseCode: 'ErrorInvalidImContactId', DescriptiveLinkKey: 0 })
            : operations.AddImContactToGroup.serializeResponse({ ResponseClass: 'Warning', MessageText: 'Partly done.', ResponseCode: 'NoError' }),
        ),
      async (url) => {
        const client = new ExchangeServiceClient({ url });
        const call = client.addImContactToGroup({ ContactId: { Id: 'bad' } });
        await expect(call).rejects.toBeInstanceOf(ResponseError);
        await call.catch((e: ResponseError) => {
          expect([e.responseCode, e.messageText, e.descriptiveLinkKey, e.operation]).toEqual(['ErrorInvalidImContactId', 'The specified Im Contact Id is invalid.', 0, 'AddImContactToGroup']);
        });
        const warned = await client.addImContactToGroup({ ContactId: { Id: 'x' } });
        expect(warned.ResponseClass).toBe('Warning');
        expect(warned.$soap.warnings.map((w) => w.code)).toEqual(['response-warning']);
        await client.close();
      },
    );
  });

  it('reads a ResponseCode that a newer server added when told to keep unknown enumeration values', async () => {
    const newer = operations.AddImContactToGroup.serializeResponse({ ResponseClass: 'Error', MessageText: 'Something new.', ResponseCode: 'ErrorInvalidImContactId' }).replace(
      '>ErrorInvalidImContactId<',
      '>ErrorSomethingNewer<',
    );
    expect(newer).toContain('>ErrorSomethingNewer<');
    await withServer(
      (_req, res) => xml(res, 200, newer),
      async (url) => {
        // By default the whole response is unreadable: the schema does not list the code.
        const strict = new ExchangeServiceClient({ url });
        await expect(strict.addImContactToGroup({ ContactId: { Id: 'x' } })).rejects.toThrow(/"ErrorSomethingNewer" is not a value of ResponseCodeType.*\/AddImContactToGroupResponse\/ResponseCode/);
        // ... and the client's error says how to accept it.
        await expect(strict.addImContactToGroup({ ContactId: { Id: 'x' } })).rejects.toThrow("client option `read: { unknownEnumerations: 'keep' }`");
        // The codec's own ReadError (a server's too, which would send its text back) only flags it.
        let read: unknown;
        try {
          operations.AddImContactToGroup.parseResponse(newer);
        } catch (e) {
          read = e;
        }
        expect(read).toBeInstanceOf(ReadError);
        expect((read as ReadError).unknownEnumeration).toBe(true);
        expect((read as ReadError).message).not.toContain('unknownEnumerations');
        await strict.close();
        // Under strict reading, keeping would be an error too: no such advice.
        const stricter = new ExchangeServiceClient({ url, read: { strict: true } });
        await expect(stricter.addImContactToGroup({ ContactId: { Id: 'x' } })).rejects.toThrow(/^(?![\s\S]*unknownEnumerations)[\s\S]*"ErrorSomethingNewer" is not a value of ResponseCodeType/);
        await stricter.close();
        const lenient = new ExchangeServiceClient({ url, read: { unknownEnumerations: 'keep' } });
        const call = lenient.addImContactToGroup({ ContactId: { Id: 'x' } });
        await expect(call).rejects.toBeInstanceOf(ResponseError);
        await call.catch((e: ResponseError) => expect([e.responseCode, e.messageText]).toEqual(['ErrorSomethingNewer', 'Something new.']));
        await lenient.close();
      },
    );
  });

  it('retries ErrorServerBusy after the BackOffMilliseconds the server asks for', async () => {
    const delays: number[] = [];
    await withServer(
      (_req, res, n) =>
        xml(
          res,
          200,
          n === 1
            ? operations.GetImItemList.serializeResponse({
                ResponseClass: 'Error',
                ResponseCode: 'ErrorServerBusy',
                MessageText: 'The server cannot service this request right now.',
                MessageXml: { $any: [{ namespace: 'http://schemas.microsoft.com/exchange/services/2006/types', localName: 'Value', xml: '<t:Value xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" Name="BackOffMilliseconds">750</t:Value>' }] },
              })
            : operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError' }),
        ),
      async (url, seen) => {
        const client = new ExchangeServiceClient({ url, sleep: async (ms) => void delays.push(ms), retry: { maxAttempts: 3, maxDelayMs: 5000 } });
        const result = await client.getImItemList({});
        expect(result.ResponseCode).toBe('NoError');
        expect(seen).toHaveLength(2);
        expect(delays).toEqual([750]);
        await client.close();
      },
    );
  });

  it('sends a call at most retry.maxAttempts times, however its failures mix 503s and ErrorServerBusy', async () => {
    const busy = operations.GetImItemList.serializeResponse({ ResponseClass: 'Error', ResponseCode: 'ErrorServerBusy', MessageText: 'Busy.' });
    await withServer(
      // 503, 503, busy, 503, 503, busy, ...: before, each busy answer gave the transport a fresh budget (9 requests for 3).
      (_req, res, n) => (n % 3 === 0 ? xml(res, 200, busy) : res.writeHead(503, { 'retry-after': '0' }).end()),
      async (url, seen) => {
        const delays: number[] = [];
        const client = new ExchangeServiceClient({ url, sleep: async (ms) => void delays.push(ms), random: () => 1, retry: { maxAttempts: 3, baseDelayMs: 100 } });
        await expect(client.getImItemList({})).rejects.toBeInstanceOf(ResponseError);
        expect(seen).toHaveLength(3);
        expect(delays).toHaveLength(2);
        const four = new ExchangeServiceClient({ url, sleep: async (ms) => void delays.push(ms), random: () => 1, retry: { maxAttempts: 4, baseDelayMs: 100 } });
        delays.length = 0;
        await expect(four.getImItemList({})).rejects.toBeInstanceOf(HttpError);
        // Requests 4 (503), 5 (503), 6 (busy), 7 (503): the backoff grows across both kinds of retry.
        expect(seen).toHaveLength(7);
        expect(delays).toEqual([0, 0, 400]);
        await client.close();
        await four.close();
      },
    );
  });

  it('numbers the requests of a call on from one send to the next: traces and errors count them all', async () => {
    const busy = operations.GetImItemList.serializeResponse({ ResponseClass: 'Error', ResponseCode: 'ErrorServerBusy', MessageText: 'Busy.' });
    await withServer(
      // 503, busy, 503, 503: the transport's retries, then the client's, then the transport's again.
      (_req, res, n) => (n === 2 ? xml(res, 200, busy) : res.writeHead(503, { 'retry-after': '0' }).end()),
      async (url, seen) => {
        const events: TraceEvent[] = [];
        const client = new ExchangeServiceClient({ url, sleep: async () => undefined, random: () => 0, retry: { maxAttempts: 4 }, trace: (e) => void events.push(e) });
        const error = await client.getImItemList({}).catch((e: unknown) => e);
        expect(seen).toHaveLength(4);
        // Before, the send after the busy answer began again at 1: requests 1, 2, 1, 2, and the error said attempt 2.
        expect(events.filter((e) => e.kind === 'request').map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
        expect(events.filter((e) => e.kind === 'retry').map((e) => e.attempt)).toEqual([2, 3, 4]);
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).attempt).toBe(4);
        await client.close();
      },
    );
  });

  it('retries ErrorServerBusy sent as a SOAP fault; the wait is traced without the password and cut short by the signal', async () => {
    const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
    const busy = (backOff: number): string =>
      writeFault('1.1', {
        code: { namespace: TYPES, localName: 'ErrorServerBusy' },
        faultString: 'The server cannot service this request right now. Try again later.',
        detailXml:
          '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>' +
          `<t:MessageXml xmlns:t="${TYPES}"><t:Value Name="BackOffMilliseconds">${backOff}</t:Value></t:MessageXml>`,
      });
    const events: TraceEvent[] = [];
    await withServer(
      (req, res, n) => (req.body.includes('AddImGroup') || n === 1 ? xml(res, 500, busy(req.body.includes('AddImGroup') ? 60_000 : 40)) : xml(res, 200, operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError' }))),
      async (url, seen) => {
        const withUser = url.replace('http://', 'http://alice:s3cret@');
        const client = new ExchangeServiceClient({ url: withUser, retry: { maxAttempts: 3, maxDelayMs: 60_000 }, trace: (e) => {
          events.push(e);
          if (e.kind === 'retry') throw new Error('a logger that fails');
        } });
        // Before: SoapFaultError at once; only the ResponseClass="Error" form was retried.
        expect((await client.getImItemList({})).ResponseCode).toBe('NoError');
        expect(seen).toHaveLength(2);
        const retry = events.find((e) => e.kind === 'retry');
        expect(retry).toMatchObject({ attempt: 2, delayMs: 40, url: url });
        expect(JSON.stringify(events)).not.toContain('s3cret');
        // Before, the wait ignored the signal: the call ended after the server's 60 s.
        const started = Date.now();
        const aborted = await client.addImGroup({ DisplayName: 'G' }, { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
        expect((aborted as Error).name).toBe('AbortError');
        expect(Date.now() - started).toBeLessThan(10_000);
        await client.close();
      },
    );
  });

  it('says a server failed, with its status, when a response is no SOAP answer: a 500 without a fault, an unreadable body, an empty one', async () => {
    const reply = operations.AddImGroup.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: group });
    const answers: Array<[number, string, string]> = [
      [500, 'text/xml; charset=utf-8', reply],
      [500, 'text/xml', '<error>database unavailable</error>'],
      [200, 'text/xml', ''],
      [502, 'text/xml', '<error>bad gateway</error>'],
    ];
    await withServer(
      (_req, res, n) => {
        const [status, type, body] = answers[n - 1] ?? [200, 'text/xml', reply];
        res.writeHead(status, { 'content-type': type }).end(body);
      },
      async (url) => {
        const client = new ExchangeServiceClient({ url, retry: { maxAttempts: 1 } });
        const errors = [];
        for (let i = 0; i < answers.length; i++) errors.push(await client.addImGroup({ DisplayName: 'G' }).catch((e: unknown) => e));
        // Before: the first resolved as a success, the second and third were a ReadError and an XmlError without the status.
        expect(errors.map((e) => [(e as Error).name, (e as HttpError).status, (e as Error).message])).toEqual([
          ['HttpError', 500, `HTTP 500 from ${url}: the body is a response to AddImGroup, not the SOAP fault such a status requires`],
          ['HttpError', 500, expect.stringMatching(new RegExp(`^HTTP 500 from ${url.replace(/[.]/g, '\\.')}: the body is not a response to AddImGroup: Expected a SOAP 1\\.1 or 1\\.2 Envelope`))],
          ['HttpError', 200, `HTTP 200 from ${url}: the body is empty; AddImGroup expects a response`],
          ['HttpError', 502, `HTTP 502 Bad Gateway from ${url}`],
        ]);
        expect((errors[1] as HttpError).body).toBe('<error>database unavailable</error>');
        await client.close();
      },
    );
  });

  it('decodes a response as its charset or encoding declaration says, and refuses bytes that are not in it', async () => {
    const reply = operations.AddImGroup.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: { ...group, DisplayName: 'Grüße' } });
    const latin1 = Buffer.from(reply.replace('encoding="utf-8"', 'encoding="iso-8859-1"'), 'latin1');
    const answers: Array<[string, Buffer]> = [
      ['text/xml; charset=iso-8859-1', latin1],
      ['text/xml', latin1],
      ['text/xml; charset=utf-16le', Buffer.from(reply, 'utf16le')],
      ['text/xml; charset=utf-8', Buffer.from(reply.replace('Grüße', 'Gr\u00fc\u00dfe'), 'latin1')],
      ['text/xml; charset=x-klingon', Buffer.from(reply)],
    ];
    await withServer(
      (_req, res, n) => {
        const [type, body] = answers[n - 1] ?? ['text/xml', Buffer.from(reply)];
        res.writeHead(200, { 'content-type': type }).end(body);
      },
      async (url) => {
        const client = new ExchangeServiceClient({ url, retry: { maxAttempts: 1 } });
        const names = [];
        for (let i = 0; i < answers.length; i++) names.push(await client.addImGroup({ DisplayName: 'G' }).then((r) => r.ImGroup?.DisplayName, (e: unknown) => (e as Error).message));
        // Before, each was decoded as UTF-8: "Gr��e" without a word, and an XmlError for UTF-16.
        expect(names).toEqual([
          'Grüße',
          'Grüße',
          'Grüße',
          `Could not decode the response body (HTTP 200) from ${url}: the response is not valid utf-8: a byte sequence there is not a character. (line 1, column ${reply.indexOf('Grüße') + 3})`,
          `Could not decode the response body (HTTP 200) from ${url}: the response is in the encoding "x-klingon", which cannot be read here. (line 1, column 1)`,
        ]);
        await client.close();
      },
    );
  });

  it('takes an empty 202 as the answer of a one-way operation, and only of one', async () => {
    await withServer(
      (_req, res) => res.writeHead(202).end(),
      async (url, seen) => {
        const client = new OneWayClient({ url });
        // Before: an XmlError, "no root element", for the answer the operation's documentation promises.
        const answer = await client.logEvent({ level: 'info', message: 'm', at: '2024-01-01T00:00:00Z' });
        expect([answer, answer.$soap.status]).toEqual([{}, 202]);
        expect(seen[0]?.body).toContain('LogEvent');
        await expect(client.flush({})).rejects.toThrow(`HTTP 202 from ${url}: the body is empty; Flush expects a response`);
        await client.close();
      },
    );
  });

  it('turns a SOAP fault into SoapFaultError with Exchange\'s detail', async () => {
    await withServer(
      (_req, res) =>
        xml(
          res,
          500,
          writeFault('1.1', {
            code: { namespace: 'http://schemas.microsoft.com/exchange/services/2006/types', localName: 'ErrorSchemaValidation' },
            faultString: 'The request failed schema validation.',
            detailXml: '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorSchemaValidation</e:ResponseCode>',
          }),
        ),
      async (url) => {
        const client = new ExchangeServiceClient({ url });
        const err = await client.addImGroup({ DisplayName: '~!@#$%^&' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SoapFaultError);
        expect((err as SoapFaultError).code.localName).toBe('ErrorSchemaValidation');
        expect((err as SoapFaultError).detailText('ResponseCode', 'http://schemas.microsoft.com/exchange/services/2006/errors')).toBe('ErrorSchemaValidation');
        expect((err as SoapFaultError).status).toBe(500);
        await client.close();
      },
    );
  });

  it('rejects 401 with AuthenticationError and an HTML error page with NonXmlResponseError', async () => {
    await withServer(
      (_req, res, n) => (n === 1 ? res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end() : res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>proxy says hi')),
      async (url) => {
        const client = new ExchangeServiceClient({ url, auth: { type: 'basic', username: 'u', password: 'p' } });
        await expect(client.getImItemList({})).rejects.toBeInstanceOf(AuthenticationError);
        await expect(client.getImItemList({})).rejects.toBeInstanceOf(NonXmlResponseError);
        await client.close();
      },
    );
  });

  it('never re-sends a contact-list change after the connection drops mid-call, but re-sends a read', async () => {
    await withServer(
      (req, res) => {
        if (req.body.includes('GetImItemList>') && !req.body.includes('retry-ok')) {
          res.socket?.destroy();
          return;
        }
        res.socket?.destroy();
      },
      async (url, seen) => {
        const client = new ExchangeServiceClient({ url, sleep: async () => undefined, retry: { maxAttempts: 3 } });
        const change = await client.removeImGroup({ GroupId: { Id: 'g' } }).catch((e: unknown) => e);
        expect(change).toBeInstanceOf(ConnectionError);
        expect((change as ConnectionError).requestSent).toBe(true);
        expect(seen.filter((s) => s.body.includes('RemoveImGroup'))).toHaveLength(1);
        await expect(client.getImItemList({})).rejects.toBeInstanceOf(ConnectionError);
        expect(seen.filter((s) => s.body.includes('GetImItemList'))).toHaveLength(3);
        await client.close();
      },
    );
  });

  it('re-sends a change the client options list as idempotent, by its WSDL name, which the type checks', async () => {
    await withServer(
      (_req, res) => {
        res.socket?.destroy();
      },
      async (url, seen) => {
        const client = new ExchangeServiceClient({ url, sleep: async () => undefined, retry: { maxAttempts: 2 }, idempotent: ['RemoveImGroup'] });
        await expect(client.removeImGroup({ GroupId: { Id: 'g' } })).rejects.toBeInstanceOf(ConnectionError);
        expect(seen.filter((s) => s.body.includes('RemoveImGroup'))).toHaveLength(2);
        await client.close();
        // A name that is no operation of the client (a typo, or the method's name) would change
        // nothing: the options type takes only the keys of `operations` (test/typecheck.test.ts
        // checks these @ts-expect-error lines), and the constructor refuses it.
        // @ts-expect-error 'RemoveImGroups' is not an operation
        const typo: ExchangeServiceClientOptions = { url, idempotent: ['RemoveImGroups'] };
        // @ts-expect-error the method name is not the WSDL name
        const method: ExchangeServiceClientOptions = { url, idempotent: ['removeImGroup', 'GetImItems'] };
        expect(() => new ExchangeServiceClient(typo)).toThrow(
          new TypeError(
            'SoapClient: options.idempotent names "RemoveImGroups", which is no operation of this client; list operations by their WSDL names (AddDistributionGroupToImList, AddImContactToGroup, AddImGroup, AddNewImContactToGroup, AddNewTelUriContactToGroup, ...)',
          ),
        );
        expect(() => new ExchangeServiceClient(method)).toThrow(/^SoapClient: options\.idempotent names "removeImGroup", which is no operation/);
        // A JavaScript caller's single name.
        expect(() => new ExchangeServiceClient({ url, idempotent: 'GetImItems' } as unknown as ExchangeServiceClientOptions)).toThrow(
          new TypeError('SoapClient: options.idempotent must be an array of operation names, not "GetImItems"'),
        );
      },
    );
  });

  it('tells a JavaScript caller who gives no options, or no object, that it needs the endpoint', () => {
    const needs = new TypeError("SoapClient: options are required, with the endpoint's url at least: { url: 'https://server/path' }");
    for (const options of [undefined, null, 'https://mail.contoso.com/EWS/Exchange.asmx']) {
      expect(() => new ExchangeServiceClient(options as unknown as ExchangeServiceClientOptions)).toThrow(needs);
    }
  });

  it('lets the trace hook see calls without credentials', async () => {
    const events: TraceEvent[] = [];
    await withServer(
      (_req, res) => xml(res, 200, operations.SetImListMigrationCompleted.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError' })),
      async (url, seen) => {
        const client = new ExchangeServiceClient({ url, auth: { type: 'basic', username: 'alice', password: 'pa55word' }, trace: (e) => events.push(e) });
        await client.setImListMigrationCompleted({ ImListMigrationCompleted: true });
        expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('alice:pa55word').toString('base64')}`);
        const text = JSON.stringify(events);
        expect(events.map((e) => e.kind)).toEqual(['request', 'response']);
        expect(text).not.toContain('pa55word');
        expect(text).not.toContain(Buffer.from('alice:pa55word').toString('base64'));
        expect(text).toContain('ImListMigrationCompleted');
        await client.close();
      },
    );
  });
});

describe('reader warnings and errors, by code', () => {
  // The codes are a union, so that a switch over them is checked for exhaustiveness and a typo in a
  // comparison is a compile error. Before they were `string` and this file did not compile.
  const advice = (code: ReadWarningCode): string => {
    switch (code) {
      case 'missing-element':
      case 'missing-attribute':
      case 'choice-conflict':
        return 'the server left something out';
      case 'namespace-mismatch':
      case 'unexpected-element':
      case 'unexpected-attribute':
      case 'unexpected-text':
      case 'out-of-order':
      case 'must-understand':
      case 'unknown-type':
        return 'the server sent more or other than the schema says';
      case 'fixed-value':
      case 'nil-attributes':
      case 'nil-content':
      case 'not-nillable':
      case 'duplicate-id':
      case 'invalid-value':
      case 'unknown-enumeration':
        return 'a value deviates';
      case 'response-warning':
        return 'the operation succeeded with a warning';
      default: {
        const unknown: never = code;
        return unknown;
      }
    }
  };

  it('gives each warning a code of ReadWarningCode, and each ReadError one of ReadErrorCode', () => {
    const xml = operations.GetImItemList.serializeResponse({ ResponseClass: 'Success', ResponseCode: 'NoError' }).replace('<m:ResponseCode>', '<m:Extra/><m:ResponseCode>');
    const { warnings } = operations.GetImItemList.parseResponse(xml);
    expect(warnings.map((w) => [w.code, advice(w.code)])).toEqual([['unexpected-element', 'the server sent more or other than the schema says']]);
    let code: ReadErrorCode | undefined;
    try {
      operations.GetImItemList.parseResponse(xml, { strict: true });
    } catch (e) {
      if (e instanceof ReadError) code = e.code;
    }
    expect(code).toBe('unexpected-element');
  });
});
