import { ValueError } from '../errors';
import { XML_NS, XMLNS_NS, XSI_NS } from '../namespaces';
import { isNCName } from './chars';
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

/** Writes one xs:anyAttribute value; a namespaced one carries its own declaration. */
export function writeAnyAttribute(a: XmlAnyAttribute): string {
  return writeAnyAttributes([a]);
}

/**
 * Writes the xs:anyAttribute values of one element. Each distinct namespace is declared once, with
 * the prefixes a_1, a_2, ... in order of first use; the XML namespace uses its reserved prefix xml
 * and an attribute without namespace is written unprefixed. Throws ValueError for what cannot be
 * written as well-formed XML: a local name that is not an NCName, the xmlns namespace, an
 * unprefixed attribute named xmlns, or two attributes with the same expanded name.
 */
export function writeAnyAttributes(list: readonly XmlAnyAttribute[] | undefined): string {
  if (list === undefined || list.length === 0) return '';
  let declarations = '';
  let attributes = '';
  let prefixes: Map<string, string> | undefined;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const { namespace, localName } = a;
    if (!isNCName(localName)) throw new ValueError(`Attribute name ${JSON.stringify(localName)} is not an NCName`);
    for (let j = 0; j < i; j++) {
      const b = list[j]!;
      if (b.localName === localName && b.namespace === namespace) {
        throw new ValueError(`Attribute {${namespace}}${localName} is given twice`);
      }
    }
    let prefix: string;
    if (namespace === '') {
      if (localName === 'xmlns') throw new ValueError('An attribute named xmlns would be a namespace declaration');
      prefix = '';
    } else if (namespace === XML_NS) {
      prefix = 'xml';
    } else if (namespace === XMLNS_NS) {
      throw new ValueError(`Attributes in the namespace ${XMLNS_NS} are namespace declarations and cannot be written`);
    } else {
      prefixes ??= new Map();
      let p = prefixes.get(namespace);
      if (p === undefined) {
        p = `a_${prefixes.size + 1}`;
        prefixes.set(namespace, p);
        declarations += ` xmlns:${p}="${escapeAttr(namespace)}"`;
      }
      prefix = p;
    }
    attributes += ` ${prefix === '' ? localName : `${prefix}:${localName}`}="${escapeAttr(a.value)}"`;
  }
  return declarations + attributes;
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
