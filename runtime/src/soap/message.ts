import { ReadError } from '../errors';
import { SOAP11_ENV, SOAP12_ENV } from '../namespaces';
import { ReadContext, type ReadOptions } from '../read-context';
import { XML_EOF, XmlCursor, lineColAt } from '../xml/cursor';
import { elementAt } from '../xml/reader';
import { envelopeDeviation, envelopeNamespace, readFault, type SoapVersion } from './envelope';
import type { ParsedMessage } from './operation';

/** Reads the children of soap:Header; the cursor is on its start tag, or null when there is no Header. */
export type HeadersReader<H> = (r: XmlCursor | null, ctx: ReadContext) => H;
/** Reads the children of soap:Body; the cursor is on its start tag, which begins at offset `at`. */
export type BodyReader<B> = (r: XmlCursor, ctx: ReadContext, at: number) => B;

/**
 * Reads a SOAP message of `operation` straight from its text: the envelope here, Header and
 * Body content by the generated readers, in one pass and without building a tree.
 *
 * Throws XmlError for unacceptable XML, ReadError for a document that is not a `soapVersion`
 * envelope or that breaks the schema beyond what lenient reading accepts, and SoapFaultError when
 * the Body holds a Fault. Envelope content other than one optional Header followed by one Body is
 * reported as 'unexpected-element' (an error in strict mode) and skipped.
 */
export function readMessage<B, H>(
  xml: string,
  options: ReadOptions | undefined,
  soapVersion: SoapVersion,
  operation: string,
  readHeaders: HeadersReader<H>,
  readBody: BodyReader<B>,
): ParsedMessage<B, H> {
  const ctx = new ReadContext(options, xml);
  const r = ctx.watch(new XmlCursor(xml, ctx.parseOptions));
  r.next();
  let version: SoapVersion;
  const root = r.local;
  if (root === 'Envelope' && r.ns === SOAP11_ENV) version = '1.1';
  else if (root === 'Envelope' && r.ns === SOAP12_ENV) version = '1.2';
  else {
    const [line, col] = lineColAt(xml, r.start);
    // Checking the rest of the document first keeps XmlError ahead of ReadError, as everywhere.
    ctx.document();
    throw new ReadError('wrong-root', `Expected a SOAP 1.1 or 1.2 Envelope but the document element is {${r.ns}}${r.local}`, `/${r.local}`, line, col);
  }
  const envelopeAt = r.start;
  if (version !== soapVersion) throw wrongVersion(ctx, version, soapVersion, operation);
  const env = envelopeNamespace(version);
  let headers: H | undefined;
  let body: B | undefined;
  let sawHeader = false;
  let sawBody = false;
  while (r.child()) {
    const local = r.local;
    const isHeader = local === 'Header' && !sawHeader && !sawBody;
    const isBody = local === 'Body' && !sawBody;
    if (r.ns !== env || !(isHeader || isBody)) {
      ctx.skip(r, 'unexpected-element', `Unexpected element {${r.ns}}${local} in the SOAP Envelope${envelopeDeviation(local, r.ns, env, sawBody)}`);
      continue;
    }
    if (isHeader) {
      sawHeader = true;
      headers = readHeaders(r, ctx);
      continue;
    }
    sawBody = true;
    const bodyAt = r.start;
    if (r.child()) {
      const first: string = r.local;
      if (first === 'Fault' && r.ns === env) throw readFault(elementAt(ctx.document(), r.start)!, version);
    }
    r.back();
    body = readBody(r, ctx, bodyAt);
  }
  if (!sawBody) ctx.fail('missing-element', 'The SOAP Envelope has no Body', envelopeAt);
  // Whatever follows the document element must still be checked.
  while (r.next() !== XML_EOF) {
    /* nothing but comments, processing instructions and whitespace: next() throws otherwise */
  }
  headers ??= readHeaders(null, ctx);
  return { body: body as B, headers, warnings: ctx.warnings };
}

/**
 * The error for an envelope of the other SOAP version: what to do, and the Fault it carries, if any,
 * as its cause and in its message. A SOAP 1.2 server commonly answers a SOAP 1.1 request with its
 * own version's fault (a VersionMismatch), whose reason is what the caller needs to see.
 */
function wrongVersion(ctx: ReadContext, version: SoapVersion, soapVersion: SoapVersion, operation: string): ReadError {
  const envelope = ctx.document();
  const env = envelopeNamespace(version);
  const body = envelope.children.find((c) => c.ns === env && c.local === 'Body');
  const first = body?.children[0];
  const fault = first !== undefined && first.ns === env && first.local === 'Fault' ? readFault(first, version) : undefined;
  const detail =
    `The envelope is SOAP ${version}, but ${operation} is bound to SOAP ${soapVersion}: its sender speaks SOAP ${version}. ` +
    // Whether the WSDL has a binding of the other version is not known here.
    `If the WSDL binds the operation to SOAP ${version} too, use that binding's client or operations; if not, use an endpoint that speaks SOAP ${soapVersion}` +
    (fault === undefined ? '' : `. The envelope carries a ${fault.message.replace(/^SOAP fault/, `SOAP ${version} fault`)}`);
  return new ReadError('wrong-soap-version', detail, `/${envelope.local}`, envelope.line, envelope.col, fault === undefined ? undefined : { cause: fault });
}
