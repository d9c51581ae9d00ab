/**
 * Small typed helpers around node-soap (the `soap` package) for the interoperability tests.
 *
 * node-soap's own declarations are loose (`any` results, `[method: string]: any` on the client), so
 * everything it hands back is typed `unknown` here and read through the narrowing helpers below.
 *
 * node-soap cannot use the published MS-OXWSCOS.wsdl as it stands: the WSDL has no wsdl:service
 * (so node-soap defines no client method) and its includes live in two folders (wsdl/ and the EWS
 * schema search path) while node-soap resolves every schemaLocation against the including file's
 * own folder only. `prepareSchemaFolder` therefore copies the schema closure, flat, into a
 * temporary folder outside the repository, and `writeDerivedWsdl` writes WSDL copies with a
 * service/port into it. The published files are only read.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as soap from 'soap';
import { XSD_NS, parseXmlStrict } from './dom';
import { EWS_SCHEMA_DIR, WSDL_FILE } from './seeds';

export const MESSAGES_NS = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';

/** The names Exchange's own Services.wsdl uses for the service and port of this binding. */
export const SERVICE_NAME = 'ExchangeServices';
export const PORT_NAME = 'ExchangeServicePort';
export const EWS_PATH = '/EWS/Exchange.asmx';

// ---------------------------------------------------------------------------------------------
// JSON as node-soap reads and writes it

/** A value in node-soap's object model: attributes under `attributes`, text under `$value`. */
export type NsValue = string | number | boolean | Date | null | NsObject | NsValue[];
export interface NsObject {
  [key: string]: NsValue;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The object at `key` of `value`, or a thrown error naming `what`. */
export function objectAt(value: unknown, key: string, what = key): Record<string, unknown> {
  const v = isObject(value) ? value[key] : undefined;
  if (!isObject(v)) throw new Error(`${what}: expected an object, got ${JSON.stringify(v)}`);
  return v;
}

/** The string at `key` of `value`, or a thrown error naming `what`. */
export function stringAt(value: unknown, key: string, what = key): string {
  const v = isObject(value) ? value[key] : undefined;
  if (typeof v !== 'string') throw new Error(`${what}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}

/** node-soap's `attributes` of an element object, as strings. */
export function attributesOf(value: unknown, what = 'element'): Record<string, string> {
  const attrs = objectAt(value, 'attributes', `${what}/attributes`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v !== 'string') throw new Error(`${what}/@${k}: expected a string, got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The WSDL and its schema closure in a temporary folder

export interface SchemaFolder {
  /** The temporary folder (outside the repository). */
  dir: string;
  /** Base names of the files copied into it, in the order they were reached. */
  files: string[];
  /** Removes the folder. */
  remove(): void;
}

/** Where the generator looks for an include: the including file's folder, then the search path. */
function resolveLocation(location: string, fromDir: string): string {
  for (const dir of [fromDir, EWS_SCHEMA_DIR]) {
    const candidate = path.resolve(dir, location);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`schemaLocation ${location} (from ${fromDir}) found neither there nor on the schema search path`);
}

/**
 * Copies MS-OXWSCOS.wsdl and every schema it reaches through xs:include/xs:import schemaLocation
 * (found as the generator finds them) into one new temporary folder, under their own names.
 */
export function prepareSchemaFolder(): SchemaFolder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucs-node-soap-'));
  const files: string[] = [];
  const copied = new Map<string, string>(); // base name -> source path
  const queue = [WSDL_FILE];
  while (queue.length > 0) {
    const source = queue.shift() as string;
    const base = path.basename(source);
    const already = copied.get(base);
    if (already !== undefined) {
      if (already !== source) throw new Error(`two schema files are both named ${base}: ${already} and ${source}`);
      continue;
    }
    copied.set(base, source);
    files.push(base);
    const text = fs.readFileSync(source, 'utf8');
    fs.writeFileSync(path.join(dir, base), text);
    const doc = parseXmlStrict(text, base);
    for (const local of ['include', 'import', 'redefine']) {
      const found = doc.getElementsByTagNameNS(XSD_NS, local);
      for (let i = 0; i < found.length; i++) {
        const location = found.item(i)?.getAttribute('schemaLocation');
        // xs:import of the XML namespace names no location: node-soap does not need it either.
        if (location === null || location === undefined || location === '') continue;
        if (path.basename(location) !== location) throw new Error(`${base}: schemaLocation ${location} is not a plain file name`);
        queue.push(resolveLocation(location, path.dirname(source)));
      }
    }
  }
  return { dir, files, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface DerivedWsdl {
  /** The derived WSDL file in the schema folder (its include is relative, as published). */
  file: string;
  /** Its text. */
  text: string;
  /** The same WSDL with the include's schemaLocation made absolute, for loading from a string. */
  textWithAbsoluteInclude: string;
}

const PUBLISHED_INCLUDE = 'schemaLocation="MS-OXWSCOS-messages.xsd"';

/**
 * Writes `<name>.wsdl` into the schema folder: the published WSDL, unchanged but for a
 * wsdl:service with one port on ExchangeServiceBinding whose soap:address is `endpoint`.
 */
export function writeDerivedWsdl(folder: SchemaFolder, name: string, endpoint: string): DerivedWsdl {
  const published = fs.readFileSync(path.join(folder.dir, path.basename(WSDL_FILE)), 'utf8');
  if (/<wsdl:service\b/.test(published)) throw new Error('the published WSDL already has a wsdl:service');
  if (published.split(PUBLISHED_INCLUDE).length !== 2) throw new Error(`expected one ${PUBLISHED_INCLUDE} in the published WSDL`);
  const service =
    `  <wsdl:service name="${SERVICE_NAME}">\n` +
    `    <wsdl:port name="${PORT_NAME}" binding="tns:ExchangeServiceBinding">\n` +
    `      <soap:address location="${endpoint}"/>\n` +
    `    </wsdl:port>\n` +
    `  </wsdl:service>\n`;
  const text = published.replace(/<\/wsdl:definitions>\s*$/, `${service}</wsdl:definitions>\n`);
  if (text === published) throw new Error('the published WSDL does not end with </wsdl:definitions>');
  const file = path.join(folder.dir, `${name}.wsdl`);
  fs.writeFileSync(file, text);
  const absolute = path.join(folder.dir, 'MS-OXWSCOS-messages.xsd');
  return { file, text, textWithAbsoluteInclude: text.replace(PUBLISHED_INCLUDE, `schemaLocation="${absolute}"`) };
}

// ---------------------------------------------------------------------------------------------
// node-soap as a client

export interface NodeSoapResult {
  /** The response body as node-soap's object. */
  result: unknown;
  rawResponse: string;
  /** The response SOAP headers as node-soap's object. */
  soapHeader: unknown;
  rawRequest: string;
}

type AsyncMethod = (args: NsObject) => Promise<unknown>;

/** The failure of a node-soap call: its message, the parsed envelope of a fault and the HTTP status. */
export interface NodeSoapFailure {
  message: string;
  /** node-soap's object of the whole response envelope (`root.Envelope.Body.Fault`), when it was a fault. */
  root: unknown;
  status: number | undefined;
}

export class NodeSoapClient {
  private constructor(private readonly client: soap.Client) {}

  /** Loads the WSDL from a file (includes resolved against its folder). `endpoint` overrides soap:address. */
  static async load(wsdlFile: string, endpoint?: string): Promise<NodeSoapClient> {
    const client = await soap.createClientAsync(wsdlFile, { disableCache: true }, endpoint);
    return new NodeSoapClient(client);
  }

  /** The operations node-soap defined a promise method for (`<Name>Async`), sorted. */
  operationNames(): string[] {
    const names: string[] = [];
    for (const key of Object.keys(this.client)) {
      const m: unknown = this.client[key];
      if (key.endsWith('Async') && typeof m === 'function') names.push(key.slice(0, -'Async'.length));
    }
    return names.sort();
  }

  /** node-soap's description of services → ports → operations. */
  describe(): unknown {
    const d: unknown = this.client.describe();
    return d;
  }

  /**
   * Adds a SOAP header to every later call: an object (written in `namespaceUri` with `prefix`)
   * or raw XML (whose prefixes must be declared by the envelope).
   */
  addSoapHeader(header: NsObject | string, prefix?: string, namespaceUri?: string): void {
    if (typeof header === 'string') this.client.addSoapHeader(header);
    else this.client.addSoapHeader(header, '', prefix, namespaceUri);
  }

  async call(operation: string, args: NsObject): Promise<NodeSoapResult> {
    const m: unknown = this.client[`${operation}Async`];
    if (typeof m !== 'function') throw new Error(`node-soap defined no method ${operation}Async`);
    const out = await (m as AsyncMethod).call(this.client, args);
    if (!Array.isArray(out)) throw new Error(`${operation}Async did not resolve to an array`);
    const [result, rawResponse, soapHeader, rawRequest] = out as unknown[];
    if (typeof rawResponse !== 'string' || typeof rawRequest !== 'string') throw new Error(`${operation}Async: no raw request/response`);
    return { result, rawResponse, soapHeader, rawRequest };
  }

  /** Runs a call that must fail and returns how it failed. */
  async failure(operation: string, args: NsObject): Promise<NodeSoapFailure> {
    try {
      await this.call(operation, args);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      const extra = e as Error & { root?: unknown; response?: unknown };
      const status = isObject(extra.response) && typeof extra.response['status'] === 'number' ? extra.response['status'] : undefined;
      return { message: e.message, root: extra.root, status };
    }
    throw new Error(`${operation} succeeded, a failure was expected`);
  }

  get lastRequest(): string | undefined {
    return this.client.lastRequest;
  }

  get lastEndpoint(): string | undefined {
    return this.client.lastEndpoint;
  }

  /** The HTTP request headers of the last call. */
  lastRequestHeaders(): Record<string, string> {
    const h: unknown = this.client.lastRequestHeaders;
    const out: Record<string, string> = {};
    if (isObject(h)) for (const [k, v] of Object.entries(h)) out[k] = String(v);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// node-soap as a server

/** A service operation: node-soap's parsed body and headers in, the response body object out. */
export type NsHandler = (args: unknown, headers: unknown) => NsObject;

export interface Received {
  operation: string;
  args: unknown;
  headers: unknown;
}

export interface NodeSoapServer {
  url: string;
  server: soap.Server;
  /** What node-soap handed to the handlers, in order. */
  received: Received[];
  close(): Promise<void>;
}

export interface ListenOptions {
  /** WSDL text. */
  wsdl: string;
  /**
   * Without `uri`, the four-argument `soap.listen(server, path, services, wsdl, callback)` is used,
   * which resolves the WSDL's includes against the process's working directory. With `uri`, the
   * options form is used and includes are resolved against `uri`'s folder.
   */
  uri?: string;
  handlers: Record<string, NsHandler>;
}

/** An Error node-soap turns into a SOAP 1.1 Fault (it looks for a `Fault` property on what is thrown). */
export function soapFault(fault: { faultcode: string; faultstring: string; detail?: NsObject; statusCode?: number }): Error {
  return Object.assign(new Error(fault.faultstring), { Fault: fault });
}

async function closeHttp(server: http.Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

/** A node-soap server on 127.0.0.1 (free port) at /EWS/Exchange.asmx; rejects when node-soap cannot load the WSDL. */
export async function listenNodeSoap(options: ListenOptions): Promise<NodeSoapServer> {
  const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const received: Received[] = [];
  const port: soap.IServicePort = {};
  for (const [operation, handler] of Object.entries(options.handlers)) {
    port[operation] = (args: unknown, _callback?: unknown, headers?: unknown): NsObject => {
      received.push({ operation, args, headers });
      return handler(args, headers);
    };
  }
  const services: soap.IServices = { [SERVICE_NAME]: { [PORT_NAME]: port } };
  let settle: (err: unknown) => void = () => undefined;
  const loaded = new Promise<void>((resolve, reject) => {
    // Rejected with node-soap's error as is (an fs error keeps its code and path).
    settle = (err) => (err ? reject(err) : resolve());
  });
  // node-soap reports the outcome of loading the WSDL (and its includes) through the callback, later.
  const callback = (err: unknown): void => settle(err);
  const server =
    options.uri === undefined
      ? soap.listen(httpServer, EWS_PATH, services, options.wsdl, callback)
      : soap.listen(httpServer, { path: EWS_PATH, services, xml: options.wsdl, uri: options.uri, callback });
  try {
    await loaded;
  } catch (e) {
    await closeHttp(httpServer);
    throw e;
  }
  const address = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}${EWS_PATH}`, server, received, close: () => closeHttp(httpServer) };
}
