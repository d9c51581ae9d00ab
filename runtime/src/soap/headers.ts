import { SOAP11_ENV, SOAP12_ENV } from '../namespaces';
import { XmlCursor } from '../xml/cursor';
import type { XmlElement } from '../xml/reader';

/**
 * A header the receiver must process or fault on: soap:mustUnderstand="1" (1.1) or "true" (1.2).
 * Takes a tree element or a cursor on the header's start tag.
 */
export function mustUnderstand(header: XmlElement | XmlCursor): boolean {
  let v: string | undefined;
  if (header instanceof XmlCursor) v = header.attribute(SOAP11_ENV, 'mustUnderstand') ?? header.attribute(SOAP12_ENV, 'mustUnderstand');
  else v = header.attrs.find((a) => a.local === 'mustUnderstand' && (a.ns === SOAP11_ENV || a.ns === SOAP12_ENV))?.value;
  if (v === undefined) return false;
  v = v.trim();
  return v === '1' || v === 'true';
}
