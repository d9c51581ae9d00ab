import { ValueError, type ReadWarning } from '../errors';
import type { ReadContext, ReadOptions } from '../read-context';
import type { XmlCursor } from '../xml/cursor';
import { declareOnRoot, readDocument } from '../xml/document';
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
  if (!(error instanceof SoapFaultError)) return undefined;
  for (const entry of error.detailEntries) {
    const d: FaultDetail<string, unknown> | undefined = details.find((x) => x.local === entry.localName && x.ns === entry.namespace);
    if (d === undefined) continue;
    const { value, warnings } = readDocument(entry.xml, options, d.local, d.ns, (r, ctx) => d.read(r, ctx));
    // name and detail come from the same member of F.
    return { name: d.name, detail: value, warnings } as ParsedFault<F>;
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
