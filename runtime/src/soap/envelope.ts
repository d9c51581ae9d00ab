import { ReadError, ValueError } from '../errors';
import { SOAP11_ENV, SOAP12_ENV, XML_NS, XSI_NS } from '../namespaces';
import type { ReadContext, ReadOptions } from '../read-context';
import { formatQName, type XmlQName } from '../scalars/qname';
import { elementPath, parseXml, resolveQName, serializeElement, type ParseOptions, type XmlElement } from '../xml/reader';
import { XML_DECLARATION, bindsXsi, escapeAttr, escapeText, namespaceDeclarations, usesXsi, writeScanned } from '../xml/writer';

export { SOAP11_ENV, SOAP12_ENV, XML_NS, XSD_NS, XSI_NS } from '../namespaces';

export type SoapVersion = '1.1' | '1.2';

export function envelopeNamespace(version: SoapVersion): string {
  return version === '1.1' ? SOAP11_ENV : SOAP12_ENV;
}

/**
 * A complete SOAP message. The envelope uses the prefix "soap"; `namespaces` are declared on the
 * Envelope so header and body content can use their prefixes without redeclaring them. So is xsi,
 * which the content's xsi:nil and xsi:type use, where the content uses it and `namespaces` leaves
 * it out; ValueError where `namespaces` binds soap or xsi to another namespace than theirs.
 */
export function writeEnvelope(
  version: SoapVersion,
  namespaces: ReadonlyArray<readonly [string, string]>,
  headerXml: string,
  bodyXml: string,
): string {
  const { text, xsi } = envelopeDeclarations(version, namespaces);
  const declarations = xsi || !(usesXsi(bodyXml) || usesXsi(headerXml)) ? text : text + XSI_DECLARATION;
  const header = headerXml === '' ? '' : `<soap:Header>${headerXml}</soap:Header>`;
  return `${XML_DECLARATION}<soap:Envelope${declarations}>${header}<soap:Body>${bodyXml}</soap:Body></soap:Envelope>`;
}

// The declarations last written, for the namespaces they were written from: a package writes its
// one list into every message, and checking its prefixes and URIs each time was a tenth of a small
// message's writing. Compared string by string, so a list changed in place is written anew.
// `xsi`: whether they bind the prefix xsi.
interface Declarations {
  version: SoapVersion;
  namespaces: ReadonlyArray<readonly [string, string]>;
  flat: string[];
  text: string;
  xsi: boolean;
}
let declared: Declarations | undefined;

const XSI_DECLARATION = ` xmlns:xsi="${XSI_NS}"`;

function envelopeDeclarations(version: SoapVersion, namespaces: ReadonlyArray<readonly [string, string]>): Declarations {
  if (declared !== undefined && declared.version === version && declared.namespaces === namespaces && sameNamespaces(declared.flat, namespaces)) return declared;
  const env = envelopeNamespace(version);
  let others = namespaces;
  if (namespaces.some(([prefix]) => prefix === 'soap')) {
    for (const [prefix, uri] of namespaces) {
      if (prefix === 'soap' && uri !== env) throw new ValueError(`The prefix 'soap' is reserved for the SOAP ${version} envelope namespace ${env}`);
    }
    others = namespaces.filter(([prefix]) => prefix !== 'soap');
  }
  // Checked before it is kept: inside another writeScanned this one checks value by value at once,
  // where the other would check only after this text was kept.
  const xsi = bindsXsi(namespaces);
  const text = writeScanned(() => ` xmlns:soap="${env}"${namespaceDeclarations(others)}`);
  declared = { version, namespaces, flat: namespaces.flatMap(([prefix, uri]) => [prefix, uri]), text, xsi };
  return declared;
}

function sameNamespaces(flat: readonly string[], namespaces: ReadonlyArray<readonly [string, string]>): boolean {
  if (flat.length !== 2 * namespaces.length) return false;
  for (let i = 0; i < namespaces.length; i++) {
    const pair = namespaces[i];
    if (pair === undefined || pair[0] !== flat[2 * i] || pair[1] !== flat[2 * i + 1]) return false;
  }
  return true;
}

export interface OpenedEnvelope {
  version: SoapVersion;
  envelope: XmlElement;
  /** Children of soap:Header, empty when there is no Header. */
  headers: XmlElement[];
  body: XmlElement;
  bodyElements: XmlElement[];
}

/**
 * Parses a SOAP 1.1 or 1.2 message with the parser's safety limits and locates Header and Body by
 * namespace. Throws SoapFaultError when the Body carries a Fault, ReadError when the document is not
 * an envelope, XmlError when it is not acceptable XML.
 *
 * Envelope content other than one optional Header followed by one Body (an unknown element, a
 * second Header or Body, a Header after the Body) is refused with 'unexpected-element' when
 * `options.strict` is set. Otherwise it is skipped, and reported through `ctx.warn` when a
 * ReadContext is given (one made from the same options, so its own strictness agrees).
 */
export function openEnvelope(xml: string, options?: ReadOptions, ctx?: ReadContext): OpenedEnvelope {
  const limits: ParseOptions = {};
  if (options?.maxDepth !== undefined) limits.maxDepth = options.maxDepth;
  if (options?.maxBytes !== undefined) limits.maxBytes = options.maxBytes;
  const envelope = parseXml(xml, limits);
  let version: SoapVersion;
  if (envelope.local === 'Envelope' && envelope.ns === SOAP11_ENV) version = '1.1';
  else if (envelope.local === 'Envelope' && envelope.ns === SOAP12_ENV) version = '1.2';
  else {
    throw new ReadError(
      'wrong-root',
      `Expected a SOAP 1.1 or 1.2 Envelope but the document element is {${envelope.ns}}${envelope.local}`,
      elementPath(envelope),
      envelope.line,
      envelope.col,
    );
  }
  const env = envelopeNamespace(version);
  let header: XmlElement | null = null;
  let body: XmlElement | null = null;
  for (const child of envelope.children) {
    const isHeader = child.local === 'Header' && header === null && body === null;
    const isBody = child.local === 'Body' && body === null;
    if (child.ns !== env || !(isHeader || isBody)) {
      const detail = `Unexpected element {${child.ns}}${child.local} in the SOAP Envelope${envelopeDeviation(child.local, child.ns, env, body !== null)}`;
      if (options?.strict === true) {
        throw new ReadError('unexpected-element', detail, elementPath(child), child.line, child.col);
      }
      ctx?.warn('unexpected-element', detail, child.start);
      continue;
    }
    if (child.local === 'Header') header = child;
    else body = child;
  }
  if (body === null) {
    throw new ReadError('missing-element', 'The SOAP Envelope has no Body', elementPath(envelope), envelope.line, envelope.col);
  }
  const bodyElements = body.children;
  for (const el of bodyElements) {
    if (el.local === 'Fault' && el.ns === env) throw readFault(el, version);
  }
  return { version, envelope, headers: header === null ? [] : header.children, body, bodyElements };
}

/** Why an Envelope child in the envelope namespace is out of place, for the warning text. */
export function envelopeDeviation(local: string, ns: string, env: string, bodySeen: boolean): string {
  if (ns !== env) return '';
  if (local === 'Body') return ' (a second Body; only the first is read)';
  if (local === 'Header') return bodySeen ? ' (a Header after the Body is ignored)' : ' (a second Header; only the first is read)';
  return '';
}

export interface SoapFaultDetailEntry {
  namespace: string;
  localName: string;
  /** The entry's own character data. */
  text: string;
  /** The entry as self-contained XML. */
  xml: string;
}

export interface SoapFaultInit {
  version: SoapVersion;
  code: XmlQName;
  subcodes?: XmlQName[];
  faultString: string;
  lang?: string;
  actor?: string;
  node?: string;
  detail?: XmlElement | null;
}

export class SoapFaultError extends Error {
  override readonly name = 'SoapFaultError';
  readonly version: SoapVersion;
  /** SOAP 1.1 faultcode, or SOAP 1.2 Code/Value. */
  readonly code: XmlQName;
  /** SOAP 1.2 Subcode/Value chain, outermost first; empty for SOAP 1.1. */
  readonly subcodes: XmlQName[];
  readonly faultString: string;
  declare readonly lang?: string;
  /** SOAP 1.1 faultactor, or SOAP 1.2 Role. */
  declare readonly actor?: string;
  /** SOAP 1.2 Node. */
  declare readonly node?: string;
  readonly detail: XmlElement | null;
  readonly detailEntries: SoapFaultDetailEntry[];
  /** The HTTP status of the response that carried the fault, when a client received it. */
  status?: number;

  constructor(init: SoapFaultInit) {
    const subcodes = init.subcodes ?? [];
    const codes = [init.code, ...subcodes].map((q) => q.localName).join('/');
    super(`SOAP fault ${codes}: ${init.faultString}`);
    this.version = init.version;
    this.code = init.code;
    this.subcodes = subcodes;
    this.faultString = init.faultString;
    if (init.lang !== undefined) this.lang = init.lang;
    if (init.actor !== undefined) this.actor = init.actor;
    if (init.node !== undefined) this.node = init.node;
    this.detail = init.detail ?? null;
    this.detailEntries =
      this.detail === null
        ? []
        : this.detail.children.map((c) => ({ namespace: c.ns, localName: c.local, text: c.text, xml: serializeElement(c) }));
  }

  /** Text of the first detail entry with this local name (and namespace, when given). */
  detailText(localName: string, namespace?: string): string | undefined {
    for (const e of this.detailEntries) {
      if (e.localName === localName && (namespace === undefined || e.namespace === namespace)) return e.text;
    }
    return undefined;
  }
}

function faultChild(parent: XmlElement, local: string, ns: string, alsoUnqualified: boolean): XmlElement | undefined {
  for (const c of parent.children) {
    if (c.local === local && (c.ns === ns || (alsoUnqualified && c.ns === ''))) return c;
  }
  return undefined;
}

function lenientQName(el: XmlElement | undefined): XmlQName {
  if (el === undefined) return { namespace: '', localName: '' };
  try {
    return resolveQName(el, el.text);
  } catch {
    return { namespace: '', localName: el.text.trim() };
  }
}

function langOf(el: XmlElement): string | undefined {
  for (const a of el.attrs) if (a.local === 'lang' && a.ns === XML_NS) return a.value;
  return undefined;
}

/** Reads a soap:Fault element. Lenient: missing parts become empty values rather than errors. */
export function readFault(fault: XmlElement, version: SoapVersion): SoapFaultError {
  const env = envelopeNamespace(version);
  const init: SoapFaultInit = { version, code: { namespace: '', localName: '' }, faultString: '' };
  // Some stacks write one version's Fault vocabulary inside the other's envelope (node-soap turns a
  // thrown Error into Code/Reason inside a SOAP 1.1 envelope): read it rather than lose the reason.
  const [primary, other] = version === '1.1' ? [readFault11, readFault12] : [readFault12, readFault11];
  primary(fault, env, init);
  if (init.code.localName === '' && init.faultString === '') other(fault, env, init);
  return new SoapFaultError(init);
}

/** The fault's text and its xml:lang, from faultstring (1.1) or Reason/Text (1.2). */
function setReason(init: SoapFaultInit, reason: XmlElement | undefined): void {
  if (reason === undefined) return;
  init.faultString = reason.text;
  const lang = langOf(reason);
  if (lang !== undefined) init.lang = lang;
}

function readFault11(fault: XmlElement, env: string, init: SoapFaultInit): void {
  // The children are unqualified by the SOAP 1.1 schema; some stacks qualify them anyway.
  init.code = lenientQName(faultChild(fault, 'faultcode', env, true));
  setReason(init, faultChild(fault, 'faultstring', env, true));
  const actor = faultChild(fault, 'faultactor', env, true);
  if (actor !== undefined) init.actor = actor.text;
  init.detail = faultChild(fault, 'detail', env, true) ?? null;
}

function readFault12(fault: XmlElement, env: string, init: SoapFaultInit): void {
  const code = faultChild(fault, 'Code', env, false);
  if (code !== undefined) {
    init.code = lenientQName(faultChild(code, 'Value', env, false));
    const subcodes: XmlQName[] = [];
    for (let sub = faultChild(code, 'Subcode', env, false); sub !== undefined; sub = faultChild(sub, 'Subcode', env, false)) {
      subcodes.push(lenientQName(faultChild(sub, 'Value', env, false)));
    }
    init.subcodes = subcodes;
  }
  const reason = faultChild(fault, 'Reason', env, false);
  setReason(init, reason === undefined ? undefined : faultChild(reason, 'Text', env, false));
  const node = faultChild(fault, 'Node', env, false);
  if (node !== undefined) init.node = node.text;
  const role = faultChild(fault, 'Role', env, false);
  if (role !== undefined) init.actor = role.text;
  init.detail = faultChild(fault, 'Detail', env, false) ?? null;
}

export interface FaultToWrite {
  code: XmlQName;
  /** SOAP 1.2 only: written as nested Subcode elements. */
  subcodes?: XmlQName[];
  faultString: string;
  /** Defaults to "en" in SOAP 1.2, where xml:lang is required. */
  lang?: string;
  actor?: string;
  /** SOAP 1.2 only. */
  node?: string;
  /** Raw XML placed inside detail / Detail. */
  detailXml?: string;
}

/** A QName-valued element: the prefix is declared on the element itself so it is always in scope. */
function qnameElement(tag: string, q: XmlQName, env: string): string {
  let declaration = '';
  const text = formatQName(q, (ns) => {
    if (ns === env) return 'soap';
    if (ns === '') return '';
    declaration = ` xmlns:q="${escapeAttr(ns)}"`;
    return 'q';
  });
  return `<${tag}${declaration}>${text}</${tag}>`;
}

/** A complete envelope carrying a Fault, for servers and test doubles. */
export function writeFault(version: SoapVersion, fault: FaultToWrite): string {
  const env = envelopeNamespace(version);
  let xml = '<soap:Fault>';
  if (version === '1.1') {
    xml += qnameElement('faultcode', fault.code, env);
    const lang = fault.lang === undefined ? '' : ` xml:lang="${escapeAttr(fault.lang)}"`;
    xml += `<faultstring${lang}>${escapeText(fault.faultString)}</faultstring>`;
    if (fault.actor !== undefined) xml += `<faultactor>${escapeText(fault.actor)}</faultactor>`;
    if (fault.detailXml !== undefined) xml += `<detail>${fault.detailXml}</detail>`;
  } else {
    let code = qnameElement('soap:Value', fault.code, env);
    const subcodes = fault.subcodes ?? [];
    let close = '';
    for (const sub of subcodes) {
      code += `<soap:Subcode>${qnameElement('soap:Value', sub, env)}`;
      close += '</soap:Subcode>';
    }
    xml += `<soap:Code>${code}${close}</soap:Code>`;
    const lang = escapeAttr(fault.lang ?? 'en');
    xml += `<soap:Reason><soap:Text xml:lang="${lang}">${escapeText(fault.faultString)}</soap:Text></soap:Reason>`;
    if (fault.node !== undefined) xml += `<soap:Node>${escapeText(fault.node)}</soap:Node>`;
    if (fault.actor !== undefined) xml += `<soap:Role>${escapeText(fault.actor)}</soap:Role>`;
    if (fault.detailXml !== undefined) xml += `<soap:Detail>${fault.detailXml}</soap:Detail>`;
  }
  xml += '</soap:Fault>';
  return writeEnvelope(version, [], '', xml);
}
