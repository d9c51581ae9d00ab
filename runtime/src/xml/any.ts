import { ValueError } from '../errors';
import { XSI_NS } from '../namespaces';
import { escapeAttr } from './writer';
import { resolveQName, serializeElement, type XmlElement } from './reader';

/** Content of an xs:any (or xs:anyType) position, kept as self-contained XML so it round-trips. */
export interface XmlAnyElement {
  namespace: string;
  localName: string;
  /** The element and its subtree, with every namespace it uses declared on it. */
  xml: string;
}

/** An attribute matched by xs:anyAttribute. */
export interface XmlAnyAttribute {
  namespace: string;
  localName: string;
  value: string;
}

export function toAnyElement(el: XmlElement): XmlAnyElement {
  return { namespace: el.ns, localName: el.local, xml: serializeElement(el) };
}

/** Writes an xs:anyAttribute value; a namespaced one carries its own declaration (prefix `a`). */
export function writeAnyAttribute(a: XmlAnyAttribute): string {
  if (!a.namespace) return ` ${a.localName}="${escapeAttr(a.value)}"`;
  if (a.namespace === 'http://www.w3.org/XML/1998/namespace') return ` xml:${a.localName}="${escapeAttr(a.value)}"`;
  return ` xmlns:a_="${escapeAttr(a.namespace)}" a_:${a.localName}="${escapeAttr(a.value)}"`;
}

/** xsi:nil="true" (or "1") on the element. */
export function isNil(el: XmlElement): boolean {
  for (const a of el.attrs) {
    if (a.local === 'nil' && a.ns === XSI_NS) {
      const v = a.value.trim();
      return v === 'true' || v === '1';
    }
  }
  return false;
}

/** The element's xsi:type in Clark notation (`{namespace}local`), or undefined. */
export function xsiType(el: XmlElement): string | undefined {
  for (const a of el.attrs) {
    if (a.local === 'type' && a.ns === XSI_NS) {
      const q = resolveQName(el, a.value.trim());
      return q.namespace ? `{${q.namespace}}${q.localName}` : q.localName;
    }
  }
  return undefined;
}

/** Items of an xs:list value (XML whitespace separated). */
export function splitList(text: string): string[] {
  const t = text.trim();
  if (t === '') return [];
  const items = t.split(/[ \t\r\n]+/);
  if (items.some((i) => i === '')) throw new ValueError('malformed list');
  return items;
}
