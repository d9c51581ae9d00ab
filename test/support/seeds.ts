/**
 * The printed SOAP envelopes of the project's seed documents (../shared/seeds): the
 * MS-OXWSCOS specification and four Exchange documentation pages. The envelopes are
 * cut from the text exactly as printed, then classified (operation, kind) from their
 * own Body, or from the prose before them when the Body says nothing (SOAP faults).
 */
import * as fs from 'fs';
import * as path from 'path';
import { SOAP11_ENV_NS, childElements, parseXmlStrict, rootElement, soapEnvelopeParts } from './dom';
import type { Element } from './dom';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED_DIR = path.resolve(__dirname, '../../..', 'shared');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');
export const EWS_SCHEMA_DIR = path.join(SHARED_DIR, 'schemas', 'ews');
export const WSDL_DIR = path.join(REPO_ROOT, 'wsdl');
export const WSDL_FILE = path.join(WSDL_DIR, 'MS-OXWSCOS.wsdl');

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

export type EnvelopeKind = 'request' | 'response' | 'error-response' | 'fault';

/** One envelope as printed: its text from `<?xml` (when printed) to the closing Envelope tag. */
export interface PrintedEnvelope {
  /** Seed file name, e.g. `004_cd7588dbe66443e2.txt`. */
  readonly seed: string;
  /** 1-based line of the seed where the envelope starts. */
  readonly line: number;
  readonly text: string;
  /** The prose between the previous envelope (or the start of the seed) and this one. */
  readonly precedingProse: string;
}

export interface ClassifiedEnvelope extends PrintedEnvelope {
  /** 1-based position in document order across all seeds. */
  readonly number: number;
  readonly operation: string;
  readonly kind: EnvelopeKind;
  /** The committed file name: `<NN>-<Operation>-<kind>.xml`. */
  readonly file: string;
}

/**
 * An optional XML declaration, then an Envelope element with any (or no) prefix, up to the
 * first matching end tag. Envelopes never nest, so the lazy match is exact.
 */
const ENVELOPE_PATTERN = /(?:<\?xml[^>]*\?>\s*)?<((?:[A-Za-z_][\w.-]*:)?)Envelope\b[\s\S]*?<\/\1Envelope\s*>/g;

export function extractEnvelopes(seedText: string): Array<{ text: string; line: number; precedingProse: string }> {
  const found: Array<{ text: string; line: number; precedingProse: string }> = [];
  let previousEnd = 0;
  for (const match of seedText.matchAll(ENVELOPE_PATTERN)) {
    const start = match.index;
    found.push({
      text: match[0],
      line: seedText.slice(0, start).split('\n').length,
      precedingProse: seedText.slice(previousEnd, start),
    });
    previousEnd = start + match[0].length;
  }
  return found;
}

/** The seed documents in name order (their names start with a sequence number). */
export function listSeeds(): string[] {
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function loadPrintedEnvelopes(): PrintedEnvelope[] {
  return listSeeds().flatMap((seed) =>
    extractEnvelopes(fs.readFileSync(path.join(SEEDS_DIR, seed), 'utf8')).map((envelope) => ({ seed, ...envelope })),
  );
}

/** What the WSDL's SOAP 1.1 binding says about one operation. */
export interface BoundOperation {
  readonly soapAction: string;
  /** Header elements declared for the input and for the output, as Clark names (`{namespace}local`). */
  readonly inputHeaders: readonly string[];
  readonly outputHeaders: readonly string[];
}

/** Operation name → its binding, in the binding's order. */
export function readBinding(wsdlText = fs.readFileSync(WSDL_FILE, 'utf8')): Map<string, BoundOperation> {
  const definitions = rootElement(parseXmlStrict(wsdlText, 'MS-OXWSCOS.wsdl'));
  const wsdlChildren = (parent: Element, localName: string): Element[] =>
    childElements(parent).filter((child) => child.namespaceURI === WSDL_NS && child.localName === localName);
  const soapChildren = (parent: Element, localName: string): Element[] =>
    childElements(parent).filter((child) => child.namespaceURI === WSDL_SOAP11_NS && child.localName === localName);

  const partElements = new Map<string, string>();
  for (const message of wsdlChildren(definitions, 'message')) {
    for (const part of wsdlChildren(message, 'part')) {
      const element = part.getAttribute('element');
      if (element) partElements.set(`${message.getAttribute('name')}#${part.getAttribute('name')}`, clarkName(part, element));
    }
  }
  const headersOf = (direction: Element | undefined): string[] =>
    direction === undefined
      ? []
      : soapChildren(direction, 'header').map((header) => {
          const key = `${localPart(header.getAttribute('message') ?? '')}#${header.getAttribute('part')}`;
          const element = partElements.get(key);
          if (element === undefined) throw new Error(`MS-OXWSCOS.wsdl: soap:header names the unknown part ${key}`);
          return element;
        });

  const operations = new Map<string, BoundOperation>();
  for (const binding of wsdlChildren(definitions, 'binding')) {
    for (const operation of wsdlChildren(binding, 'operation')) {
      const soapAction = soapChildren(operation, 'operation')[0]?.getAttribute('soapAction');
      if (!soapAction) continue; // not a SOAP 1.1 binding
      operations.set(operation.getAttribute('name') ?? '', {
        soapAction,
        inputHeaders: headersOf(wsdlChildren(operation, 'input')[0]),
        outputHeaders: headersOf(wsdlChildren(operation, 'output')[0]),
      });
    }
  }
  return operations;
}

function localPart(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function clarkName(context: Element, qname: string): string {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? null : qname.slice(0, colon);
  return `{${context.lookupNamespaceURI(prefix) ?? ''}}${qname.slice(colon + 1)}`;
}

/**
 * Names the operation and kind of each printed envelope. The Body's first element decides
 * (`X` is a request, `XResponse` a response or, with ResponseClass="Error", an error response;
 * `soap:Fault` a fault). A fault names no operation, so the operation of the WSDL that the
 * preceding prose mentions last is taken. An envelope that is not well-formed cannot be
 * classified: that throws, for a person to look at.
 */
export function classifyEnvelopes(
  envelopes: readonly PrintedEnvelope[],
  operations: readonly string[] = [...readBinding().keys()],
): ClassifiedEnvelope[] {
  return envelopes.map((envelope, index) => {
    const where = `${envelope.seed}:${envelope.line}`;
    const first = soapEnvelopeParts(envelope.text, where).body[0];
    if (first === undefined) throw new Error(`${where}: the envelope has an empty Body`);
    const name = first.localName ?? '';
    let operation: string | undefined = name;
    let kind: EnvelopeKind = 'request';
    if (first.namespaceURI === SOAP11_ENV_NS && name === 'Fault') {
      kind = 'fault';
      operation = lastOperationMentioned(envelope.precedingProse, operations);
      if (operation === undefined) throw new Error(`${where}: the prose before this fault names no operation`);
    } else if (name.endsWith('Response')) {
      operation = name.slice(0, -'Response'.length);
      kind = first.getAttribute('ResponseClass') === 'Error' ? 'error-response' : 'response';
    }
    const number = index + 1;
    const file = `${String(number).padStart(2, '0')}-${operation}-${kind}.xml`;
    return { ...envelope, number, operation, kind, file };
  });
}

function lastOperationMentioned(prose: string, operations: readonly string[]): string | undefined {
  let best: { at: number; operation: string } | undefined;
  for (const operation of operations) {
    const pattern = new RegExp(`\\b${operation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
    for (const match of prose.matchAll(pattern)) {
      if (best === undefined || match.index > best.at || (match.index === best.at && operation.length > best.operation.length)) {
        best = { at: match.index, operation };
      }
    }
  }
  return best?.operation;
}

/** The committed form of an envelope: the printed text plus a final newline. */
export function committedText(envelope: PrintedEnvelope): string {
  return `${envelope.text}\n`;
}
