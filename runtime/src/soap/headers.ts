import { SOAP11_ENV, SOAP12_ENV } from '../namespaces';
import type { XmlElement } from '../xml/reader';

/** A header the receiver must process or fault on: soap:mustUnderstand="1" (1.1) or "true" (1.2). */
export function mustUnderstand(header: XmlElement): boolean {
  for (const a of header.attrs) {
    if (a.local !== 'mustUnderstand' || (a.ns !== SOAP11_ENV && a.ns !== SOAP12_ENV)) continue;
    const v = a.value.trim();
    return v === '1' || v === 'true';
  }
  return false;
}
