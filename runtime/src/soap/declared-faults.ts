import { ValueError, type ReadWarning } from '../errors';
import { ReadContext, type ReadOptions } from '../read-context';
import { XML_EOF, XML_START, XmlCursor } from '../xml/cursor';
import { declareOnRoot, readDocument } from '../xml/document';
import { sourceOf, type XmlElement } from '../xml/reader';
import { SoapFaultError, writeFault, type FaultToWrite, type SoapVersion } from './envelope';

/** A fault an operation declares (wsdl:fault): its name in the WSDL, and the typed content of the SOAP fault's detail. */
export interface DeclaredFault {
  name: string;
  detail: unknown;
}

/** How one declared fault's detail element is read and written. */
export interface FaultDetail<Name extends string, Detail> {
  readonly name: Name;
  /** The detail element (the fault message part's element). */
  readonly local: string;
  readonly ns: string;
  /** Reads the element, the cursor on its start tag. */
  read(r: XmlCursor, ctx: ReadContext): Detail;
  /** The element's XML, its namespace prefixes left for the caller to declare. */
  write(detail: Detail): string;
}

/** One FaultDetail per member of the union F. */
export type FaultDetails<F extends DeclaredFault> = ReadonlyArray<F extends DeclaredFault ? FaultDetail<F['name'], F['detail']> : never>;

/** A declared fault read from a SoapFaultError, with what lenient reading let pass in its detail. */
export type ParsedFault<F extends DeclaredFault> = F & { warnings: ReadWarning[] };

/** A SOAP fault to write around a declared fault's detail. */
export type FaultInit = Omit<FaultToWrite, 'detailXml'>;

/**
 * The declared fault `error` carries: the first entry of its detail that is one of `details`'
 * elements, read. Undefined when `error` is not a SoapFaultError, or carries none of them.
 */
export function readDeclaredFault<F extends DeclaredFault>(error: unknown, details: FaultDetails<F>, options?: ReadOptions): ParsedFault<F> | undefined {
  if (!(error instanceof SoapFaultError) || error.detail === null) return undefined;
  const entries = error.detail.children;
  for (let i = 0; i < entries.length; i++) {
    const el = entries[i]!;
    const d: FaultDetail<string, unknown> | undefined = details.find((x) => x.local === el.local && x.ns === el.ns);
    if (d === undefined) continue;
    const read = (r: XmlCursor, ctx: ReadContext): unknown => d.read(r, ctx);
    const { value, warnings } = readInPlace(el, options, read) ?? readDocument(error.detailEntries[i]!.xml, options, d.local, d.ns, read);
    // name and detail come from the same member of F.
    return { name: d.name, detail: value, warnings } as ParsedFault<F>;
  }
  return undefined;
}

/**
 * Reads `el` where it stands in the message it came from, so that warnings and errors carry the
 * message's lines and its path (/Envelope/Body/Fault/detail/...). Undefined when that message
 * is not known (a SoapFaultError made by hand): the caller reads a copy of the element instead.
 */
function readInPlace<T>(el: XmlElement, options: ReadOptions | undefined, read: (r: XmlCursor, ctx: ReadContext) => T): { value: T; warnings: ReadWarning[] } | undefined {
  const source = sourceOf(el);
  if (source === undefined) return undefined;
  const ctx = new ReadContext(options, source);
  const r = ctx.watch(new XmlCursor(source, ctx.parseOptions));
  for (let k = r.next(); k !== XML_EOF; k = r.next()) {
    if (k === XML_START && r.start === el.start) return { value: read(r, ctx), warnings: ctx.warnings };
  }
  return undefined;
}

/** A complete envelope carrying a SOAP fault whose detail is `fault`'s, for servers and test doubles. */
export function writeDeclaredFault<F extends DeclaredFault>(
  version: SoapVersion,
  namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>,
  details: FaultDetails<F>,
  fault: F,
  init: FaultInit,
): string {
  const d: FaultDetail<string, unknown> | undefined = details.find((x) => x.name === fault.name);
  if (d === undefined) {
    throw new ValueError(`The operation declares no fault named "${fault.name}"; it declares ${details.map((x) => `"${x.name}"`).join(', ') || 'none'}`);
  }
  return writeFault(version, { ...init, detailXml: declareOnRoot(d.write(fault.detail), namespaces) });
}
