// The Unified Contact Store over HTTP, built on the generated operations: each request is read
// with `operations.<Op>.parseRequest` and every deviation the reader reports is refused as
// Exchange's schema validation refuses it (the strict reader's verdict, except that
// RequestServerVersion may name an older Exchange version); answers are written with
// `operations.<Op>.serializeResponse`.
//
// HTTP behaviour:
// - Only POST to /EWS/Exchange.asmx (the Exchange endpoint path); other paths 404, other methods 405.
// - With `users`, every request needs valid Basic credentials, else 401 with a Basic challenge.
// - The operation is chosen by the SOAPAction header (quoted or not) and, when that is missing or
//   names no operation, by the local name of the Body's first element. A SOAPAction naming one
//   operation over a Body element of another name is an ErrorInvalidRequest fault naming both.
// - The mailbox is the ExchangeImpersonation header's ConnectingSID (PrimarySmtpAddress, SmtpAddress
//   or PrincipalName, in that order), else the Basic user, else "default". With `users`, a mailbox
//   that is not one of the users is ErrorNonExistentMailbox (an error response, HTTP 200).
//   Any authenticated user may impersonate any mailbox (no ApplicationImpersonation role check).
// - Responses are text/xml; charset=utf-8 with a ServerVersionInfo header like the documented
//   examples. Operation errors are response messages with ResponseClass="Error" and HTTP 200; a
//   request that is not well-formed or breaks the schema is a SOAP fault ErrorSchemaValidation with
//   HTTP 500 (AddImGroup page); a SOAP 1.2 envelope is a SOAP 1.1 VersionMismatch fault; a foreign
//   header with mustUnderstand="1" a MustUnderstand fault, a repeated Exchange header an
//   ErrorDuplicateSOAPHeader fault; an unknown operation an
//   ErrorInvalidRequest fault; an unexpected failure an ErrorInternalServerError fault.

import { createHash, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ReadError,
  SOAP11_ENV,
  SoapFaultError,
  XmlError,
  charsetOf,
  decodeXml,
  escapeText,
  openEnvelope,
  writeFault,
  type OpenedEnvelope,
  type OperationCodec,
  type ReadOptions,
  type ReadWarning,
  writeInParts,
  writeUtf8,
} from '@wsdl-codegen/runtime';
import { operations } from '../generated/src';
import type * as T from '../generated/src/types';
import { MailboxStore, UcsError, UcsStore, messageXmlValue } from './store';

export const EWS_PATH = '/EWS/Exchange.asmx';
const MESSAGES_NS = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';
const ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';
const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** What the documented responses report (MS-OXWSCDATA 2.2.3.10). */
export const SERVER_VERSION: Readonly<T.ServerVersionInfo> = {
  MajorVersion: 15,
  MinorVersion: 0,
  MajorBuildNumber: 349,
  MinorBuildNumber: 0,
  Version: 'Exchange2013',
};

export interface UcsServerOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Basic-auth user → password. When given, requests without valid Basic credentials get 401. */
  users?: Record<string, string>;
  /** The store to serve; a new empty one by default. */
  store?: UcsStore;
  /** Larger request bodies get 413. Default 4 MiB. */
  maxRequestBytes?: number;
  /**
   * A request not received whole within this many ms gets 408 and its connection is closed, so a
   * client sending slowly does not hold one for Node's default five minutes. Default 30 s.
   */
  requestTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection stays open. Default 120 s, as IIS (which fronts
   * Exchange) keeps them; Node's own 5 s races clients whose event loop is busy: they send on a
   * connection the server has just closed and get "socket hang up".
   */
  keepAliveTimeoutMs?: number;
}

export interface UcsServer {
  /** The endpoint URL, e.g. http://127.0.0.1:8080/EWS/Exchange.asmx */
  url: string;
  port: number;
  store: UcsStore;
  close(): Promise<void>;
}

/** All operations share these header shapes; the generated per-operation interfaces are identical. */
type RequestHeaders = T.AddImGroupRequestHeaders;
type ResponseHeaders = T.AddImGroupResponseHeaders;

/** Raised while serving a request; becomes a SOAP fault with HTTP 500. */
class Fault extends Error {
  readonly xml: string;

  constructor(xml: string) {
    super('SOAP fault');
    this.xml = xml;
  }
}

function exchangeFault(code: string, faultString: string, message: string, messageXml = ''): Fault {
  const detail =
    `<e:ResponseCode xmlns:e="${ERRORS_NS}">${escapeText(code)}</e:ResponseCode>` +
    `<e:Message xmlns:e="${ERRORS_NS}">${escapeText(message)}</e:Message>` +
    (messageXml === '' ? '' : `<t:MessageXml xmlns:t="${TYPES_NS}">${messageXml}</t:MessageXml>`);
  return new Fault(
    writeFault('1.1', { code: { namespace: TYPES_NS, localName: code }, faultString, lang: 'en-US', detailXml: detail }),
  );
}

/** The fault of the AddImGroup documentation page, for unreadable or schema-invalid requests. */
function schemaFault(problem: string, line?: number, col?: number): Fault {
  const where = line === undefined || col === undefined ? '' : ` Line ${line}, position ${col}.`;
  const violation = `${problem.replace(/\.?$/, '.')}${where}`;
  const position = line === undefined || col === undefined ? '' : `<t:LineNumber>${line}</t:LineNumber><t:LinePosition>${col}</t:LinePosition>`;
  return exchangeFault(
    'ErrorSchemaValidation',
    `The request failed schema validation: ${violation}`,
    'The request failed schema validation.',
    `${position}<t:Violation>${escapeText(violation)}</t:Violation>`,
  );
}

function asSchemaFault(e: unknown): Fault | undefined {
  if (e instanceof XmlError || e instanceof ReadError) return schemaFault(e.detail, e.line, e.col);
  return undefined;
}

function errorResponse(e: UcsError): T.ResponseMessageType {
  const body: T.ResponseMessageType = { ResponseClass: 'Error', MessageText: e.message, ResponseCode: e.code, DescriptiveLinkKey: 0 };
  if (e.messageXml !== undefined) body.MessageXml = { $any: e.messageXml };
  return body;
}

/**
 * The one deviation from the schema that is accepted: RequestServerVersion/@Version is fixed to
 * "Exchange2016" in the published schema, yet every documented request says "Exchange2013" and
 * Exchange serves requests that name an older version. Any other value of ExchangeVersionType is
 * still checked by the generated reader.
 */
function tolerated(w: ReadWarning): boolean {
  return w.code === 'fixed-value' && /\/RequestServerVersion\/@Version$/.test(w.path);
}

interface RequestContext {
  readOptions: ReadOptions;
  mailbox(headers: RequestHeaders): MailboxStore;
}

interface Endpoint {
  name: string;
  soapAction: string;
  /** The response envelope, in pieces (writeInParts). */
  handle(xml: string, ctx: RequestContext): readonly string[];
}

/**
 * One operation: parse with the generated reader, run against the mailbox, answer with the
 * generated writer. `fromError` turns the common error message into this operation's response
 * type (every response type extends ResponseMessageType with optional members only).
 */
function endpoint<Req, Res>(
  codec: OperationCodec<Req, Res, RequestHeaders, ResponseHeaders>,
  run: (mailbox: MailboxStore, request: Req) => Res,
  fromError: (e: T.ResponseMessageType) => Res,
): Endpoint {
  return {
    name: codec.name,
    soapAction: codec.soapAction,
    handle(xml, ctx) {
      let parsed: { body: Req; headers: RequestHeaders; warnings: ReadWarning[] };
      try {
        parsed = codec.parseRequest(xml, ctx.readOptions);
        const violation = parsed.warnings.find((w) => !tolerated(w));
        if (violation !== undefined) throw schemaFault(violation.message, violation.line, violation.col);
      } catch (e) {
        throw asSchemaFault(e) ?? e;
      }
      let body: Res;
      try {
        body = run(ctx.mailbox(parsed.headers), parsed.body);
      } catch (e) {
        if (!(e instanceof UcsError)) throw e;
        body = fromError(errorResponse(e));
      }
      return writeInParts(() => codec.serializeResponse(body, { ServerVersionInfo: { ...SERVER_VERSION } }));
    },
  };
}

const OK = { ResponseClass: 'Success', ResponseCode: 'NoError' } as const;
const asIs = <R>(r: R): R => r;

const ENDPOINTS: readonly Endpoint[] = [
  endpoint(
    operations.AddDistributionGroupToImList,
    (m, r) => ({ ...OK, ImGroup: m.addDistributionGroupToImList(r.SmtpAddress, r.DisplayName) }),
    asIs,
  ),
  endpoint(
    operations.AddImContactToGroup,
    (m, r) => {
      m.addImContactToGroup(r.ContactId, r.GroupId);
      return { ...OK };
    },
    asIs,
  ),
  endpoint(operations.AddImGroup, (m, r) => ({ ...OK, ImGroup: m.addImGroup(r.DisplayName) }), asIs),
  endpoint(
    operations.AddNewImContactToGroup,
    (m, r) => ({ ...OK, Persona: m.addNewImContactToGroup(r.ImAddress, r.DisplayName, r.GroupId) }),
    asIs,
  ),
  endpoint(
    operations.AddNewTelUriContactToGroup,
    (m, r) => ({
      ...OK,
      Persona: m.addNewTelUriContactToGroup(r.TelUriAddress, r.ImContactSipUriAddress, r.ImTelephoneNumber, r.GroupId),
    }),
    asIs,
  ),
  endpoint(operations.GetImItemList, (m, r) => ({ ...OK, ImItemList: m.getImItemList(r.ExtendedProperties) }), asIs),
  endpoint(
    operations.GetImItems,
    (m, r) => ({ ...OK, ImItemList: m.getImItems(r.ContactIds, r.GroupIds, r.ExtendedProperties) }),
    asIs,
  ),
  endpoint(
    operations.RemoveContactFromImList,
    (m, r) => {
      m.removeContactFromImList(r.ContactId);
      return { ...OK };
    },
    asIs,
  ),
  endpoint(
    operations.RemoveDistributionGroupFromImList,
    (m, r) => {
      m.removeDistributionGroupFromImList(r.GroupId);
      return { ...OK };
    },
    asIs,
  ),
  endpoint(
    operations.RemoveImContactFromGroup,
    (m, r) => {
      m.removeImContactFromGroup(r.ContactId, r.GroupId);
      return { ...OK };
    },
    asIs,
  ),
  endpoint(
    operations.RemoveImGroup,
    (m, r) => {
      m.removeImGroup(r.GroupId);
      return { ...OK };
    },
    asIs,
  ),
  endpoint(
    operations.SetImGroup,
    (m, r) => {
      m.setImGroup(r.GroupId, r.NewDisplayName);
      return { ...OK };
    },
    asIs,
  ),
  endpoint(
    operations.SetImListMigrationCompleted,
    (m, r) => {
      m.setImListMigrationCompleted(r.ImListMigrationCompleted);
      return { ...OK };
    },
    asIs,
  ),
];

const BY_ACTION = new Map(ENDPOINTS.map((e) => [e.soapAction, e]));
const BY_NAME = new Map(ENDPOINTS.map((e) => [e.name, e]));

/**
 * Header checks the generated reader does not make:
 * - SOAP 1.1 section 4.2.3: a header block with mustUnderstand="1" that the service does not know
 *   is a MustUnderstand fault. Exchange's own headers (the types namespace) are understood; the
 *   others are ignored unless they demand to be understood.
 * - An Exchange header given twice is ErrorDuplicateSOAPHeader (the generated reader would keep
 *   the last one and drop the others without a word).
 */
function checkHeaders(envelope: OpenedEnvelope): void {
  const seen = new Set<string>();
  for (const h of envelope.headers) {
    if (h.ns === TYPES_NS) {
      if (seen.has(h.local)) {
        throw exchangeFault('ErrorDuplicateSOAPHeader', `The SOAP header ${h.local} is given more than once.`, 'There are duplicate SOAP headers.');
      }
      seen.add(h.local);
    }
    const mu = h.attrs.find((a) => a.local === 'mustUnderstand' && a.ns === SOAP11_ENV);
    if (mu === undefined || h.ns === TYPES_NS) continue;
    const v = mu.value.trim();
    if (v !== '1' && v !== 'true') continue;
    throw new Fault(
      writeFault('1.1', {
        code: { namespace: SOAP11_ENV, localName: 'MustUnderstand' },
        faultString: `The SOAP header {${h.ns}}${h.local} is not understood.`,
        lang: 'en-US',
      }),
    );
  }
}

function soapActionOf(req: http.IncomingMessage): string {
  const raw = req.headers['soapaction'];
  const value = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  // A quoted-string, whose quoted pairs (\" and \\) stand for the character after the backslash.
  const quoted = /^"(.*)"$/.exec(value.trim());
  return quoted === null ? value.trim() : (quoted[1] ?? '').replace(/\\(.)/g, '$1').trim();
}

function pickEndpoint(action: string, envelope: OpenedEnvelope): Endpoint {
  const byAction = BY_ACTION.get(action);
  const first = envelope.bodyElements[0];
  if (byAction !== undefined) {
    // Neither the specification nor the documentation says which one wins; serving either would
    // run an operation the client may not have meant, and "schema validation" would send the
    // client to look for a fault in a body that is valid for its own operation.
    if (first !== undefined && first.local !== byAction.name) {
      throw exchangeFault(
        'ErrorInvalidRequest',
        `The request is invalid: the SOAPAction header names ${action} but the Body holds ${first.local}.`,
        'The request is invalid.',
        [...messageXmlValue('SOAPAction', action), ...messageXmlValue('BodyElement', first.local)].map((v) => v.xml).join(''),
      );
    }
    return byAction;
  }
  const byName = first !== undefined && first.ns === MESSAGES_NS ? BY_NAME.get(first.local) : undefined;
  if (byName !== undefined) return byName;
  const what = action !== '' ? `SOAP action '${action}'` : first !== undefined ? `element '${first.local}'` : 'an empty Body';
  throw exchangeFault('ErrorInvalidRequest', `The request is invalid: no operation matches ${what}.`, 'The request is invalid.');
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

interface Users {
  /** Lower-cased user name → the name as configured and the password's hash. */
  byName: Map<string, { name: string; hash: Buffer }>;
}

function usersFrom(users: Record<string, string> | undefined): Users | undefined {
  if (users === undefined) return undefined;
  const byName = new Map<string, { name: string; hash: Buffer }>();
  for (const [name, password] of Object.entries(users)) byName.set(name.toLowerCase(), { name, hash: sha256(password) });
  return { byName };
}

/** The Basic credentials of a request, if any. */
function basicCredentials(req: http.IncomingMessage): { user: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (m === null || m[1] === undefined) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The authenticated user's configured name, or undefined when the credentials are missing or wrong. */
function authenticate(req: http.IncomingMessage, users: Users): string | undefined {
  const creds = basicCredentials(req);
  if (creds === undefined) return undefined;
  const entry = users.byName.get(creds.user.toLowerCase());
  if (entry === undefined) return undefined;
  return timingSafeEqual(entry.hash, sha256(creds.password)) ? entry.name : undefined;
}

/**
 * The text of a ConnectingSID child. The generator has emitted these simple-content types both as
 * `{ $value: string }` and as plain strings; this accepts either so the server follows regeneration.
 */
function sidText(v: string | { $value: string } | undefined): string | undefined {
  return typeof v === 'object' ? v.$value : v;
}

function mailboxResolver(store: UcsStore, users: Users | undefined, authUser: string | undefined): (headers: RequestHeaders) => MailboxStore {
  return (headers) => {
    let name = authUser ?? 'default';
    const sid = headers.ExchangeImpersonation?.ConnectingSID;
    if (sid !== undefined) {
      const named = sidText(sid.PrimarySmtpAddress) ?? sidText(sid.SmtpAddress) ?? sidText(sid.PrincipalName);
      if (named === undefined) {
        throw new UcsError(
          'ErrorNonExistentMailbox',
          'No mailbox is associated with the specified SID.',
          messageXmlValue('SID', sidText(sid.SID) ?? ''),
        );
      }
      name = named.trim();
    }
    if (users !== undefined) {
      const entry = users.byName.get(name.toLowerCase());
      if (entry === undefined) {
        throw new UcsError('ErrorNonExistentMailbox', 'The SMTP address has no mailbox associated with it.', messageXmlValue('SmtpAddress', name));
      }
      name = entry.name;
    }
    return store.mailbox(name);
  };
}

/** Output buffers of large responses, back from the socket and ready for the next one. */
const spareBuffers: Buffer[] = [];
const LARGE_BODY = 64 * 1024;
const MAX_SPARE_BUFFERS = 8;

function send(res: http.ServerResponse, status: number, body: string | readonly string[], headers: Record<string, string> = {}): void {
  const parts = typeof body === 'string' ? [body] : body;
  let chars = 0;
  for (const part of parts) chars += part.length;
  if (chars < LARGE_BODY) {
    const bytes = Buffer.from(parts.join(''), 'utf8');
    res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(bytes.length), ...headers });
    res.end(bytes);
    return;
  }
  // A fresh 2 MB buffer per response costs as much as the serializing: on this kind of VM each
  // new page faults in at ~10 us. A buffer is reused once 'finish' says the socket has taken it.
  const worst = chars * 3;
  let buffer = spareBuffers.pop();
  if (buffer === undefined || buffer.length < worst) buffer = Buffer.allocUnsafeSlow(worst);
  let length = 0;
  for (const part of parts) length += writeUtf8(buffer, length, part);
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(length), ...headers });
  const taken = buffer;
  res.end(taken.subarray(0, length), () => {
    if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(taken);
  });
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}

/** Reads the request body; undefined when it exceeds the limit. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Starts the server; resolves once it listens. */
export async function startUcsServer(options: UcsServerOptions = {}): Promise<UcsServer> {
  const store = options.store ?? new UcsStore();
  const users = usersFrom(options.users);
  const host = options.host ?? '127.0.0.1';
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  // Requests are read leniently and every warning but the tolerated one is refused, which is the
  // strict reader's verdict with that single exception (the Envelope itself is opened strictly).
  const readOptions: ReadOptions = { maxBytes: maxRequestBytes };

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.toLowerCase() !== EWS_PATH.toLowerCase()) return sendText(res, 404, `Not found. The endpoint is ${EWS_PATH}.\n`);
    if (req.method !== 'POST') return sendText(res, 405, 'Only POST is supported.\n', { Allow: 'POST' });
    let authUser: string | undefined;
    if (users !== undefined) {
      authUser = authenticate(req, users);
      if (authUser === undefined) {
        return sendText(res, 401, 'Unauthorized.\n', { 'WWW-Authenticate': 'Basic realm="Unified Contact Store", charset="UTF-8"' });
      }
    } else {
      authUser = basicCredentials(req)?.user;
    }
    const contentType = req.headers['content-type'];
    if (contentType !== undefined && !/xml/i.test(contentType)) {
      return sendText(res, 415, 'SOAP 1.1 requests are sent as text/xml.\n');
    }
    // A declared length over the limit is answered at once, not after the body has come.
    const tooLarge = (): void => sendText(res, 413, `The request exceeds ${maxRequestBytes} bytes.\n`, { Connection: 'close' });
    if (Number(req.headers['content-length']) > maxRequestBytes) return tooLarge();
    const body = await readBody(req, maxRequestBytes);
    if (body === undefined) return tooLarge();
    try {
      // As XML says: a byte order mark, the charset of the Content-Type, the declaration, else UTF-8.
      const decoded = decodeXml(body, charsetOf(contentType));
      if (!('text' in decoded)) throw schemaFault(decoded.problem, decoded.line, decoded.col);
      const xml = decoded.text;
      let envelope: OpenedEnvelope;
      try {
        envelope = openEnvelope(xml, { strict: true, maxBytes: maxRequestBytes });
      } catch (e) {
        if (e instanceof SoapFaultError) throw exchangeFault('ErrorInvalidRequest', 'The request is invalid: it carries a SOAP Fault.', 'The request is invalid.');
        throw asSchemaFault(e) ?? e;
      }
      if (envelope.version !== '1.1') {
        throw new Fault(
          writeFault('1.1', {
            code: { namespace: SOAP11_ENV, localName: 'VersionMismatch' },
            faultString: 'This service accepts SOAP 1.1 envelopes only.',
            lang: 'en-US',
          }),
        );
      }
      checkHeaders(envelope);
      const ep = pickEndpoint(soapActionOf(req), envelope);
      send(res, 200, ep.handle(xml, { readOptions, mailbox: mailboxResolver(store, users, authUser) }));
    } catch (e) {
      if (e instanceof Fault) return send(res, 500, e.xml);
      const detail = e instanceof Error ? e.message : String(e);
      send(res, 500, exchangeFault('ErrorInternalServerError', `An internal server error occurred. The operation failed. ${detail}`, 'An internal server error occurred. The operation failed.').xml);
    }
  }

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node checks the deadline every connectionsCheckingInterval: a tenth of it, at most 1 s.
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 120_000;
  const server = http.createServer({ requestTimeout, headersTimeout: requestTimeout, keepAliveTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(10, requestTimeout / 10)) }, (req, res) => {
    serve(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${EWS_PATH}`,
    port,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
