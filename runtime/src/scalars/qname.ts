import { ValueError, keepsUnknown } from '../errors';
import { XML_NS, XMLNS_NS } from '../namespaces';
import { isNCName } from '../xml/chars';
import { escapeAttr } from '../xml/writer';
import { invalid, show, trimXml } from './common';

export type XmlQName = { namespace: string; localName: string };

/**
 * `resolve` maps a prefix ('' for none) to its namespace URI. An unprefixed QName with no default
 * namespace is in no namespace.
 */
export function parseQName(text: string, resolve: (prefix: string) => string | undefined): XmlQName {
  const s = trimXml(text);
  const colon = s.indexOf(':');
  const prefix = colon === -1 ? '' : s.slice(0, colon);
  const localName = colon === -1 ? s : s.slice(colon + 1);
  if ((colon !== -1 && !isNCName(prefix)) || !isNCName(localName)) invalid(text, 'QName', 'prefix:localName or localName');
  const namespace = resolve(prefix);
  if (namespace === undefined) {
    if (prefix === '') return { namespace: '', localName };
    throw new ValueError(`The prefix '${prefix}' of QName ${show(s)} is not declared`);
  }
  return { namespace, localName };
}

/** Throws ValueError unless `value` is an XmlQName with a local name that can be written. */
function checkQName(value: XmlQName): void {
  if (typeof value !== 'object' || value === null || typeof value.localName !== 'string' || typeof value.namespace !== 'string') {
    invalid(value, 'QName', 'an object with namespace and localName');
  }
  if (!isNCName(value.localName)) invalid(value.localName, 'QName', 'a local name without a colon');
}

/**
 * `value`, when its expanded name (`{namespace}localName`) is in `allowed`, the enumeration of the
 * QName type `typeName`; else throws ValueError. Prefixes play no part: any prefix bound to the
 * namespace names the same value.
 */
export function checkQNameIn(value: XmlQName, allowed: ReadonlySet<string>, typeName: string): XmlQName {
  checkQName(value);
  if (!allowed.has(`{${value.namespace}}${value.localName}`)) {
    const list = [...allowed];
    const some = list.length <= 8 ? `one of: ${list.join(', ')}` : `one of ${list.length} values such as ${list.slice(0, 5).join(', ')}`;
    const message = `The QName {${value.namespace}}${value.localName} is not a value of ${typeName}; expected ${some}`;
    // A reader told to keep unknown values keeps this one (writers never are).
    if (!keepsUnknown(message)) throw new ValueError(message);
  }
  return value;
}

/** `prefixFor` returns the prefix declared for a namespace, '' for the default namespace. */
export function formatQName(value: XmlQName, prefixFor: (namespace: string) => string): string {
  checkQName(value);
  const prefix = prefixFor(value.namespace);
  if (prefix !== '' && !isNCName(prefix)) throw new ValueError(`${show(prefix)} is not a valid namespace prefix`);
  return prefix === '' ? value.localName : `${prefix}:${value.localName}`;
}

/**
 * A QName value where a message declares `prefixes` (namespace → prefix): its text and, when no
 * prefix is declared for its namespace, the declaration the start tag carrying it must add, with
 * the prefix `wanted` (made longer if the message already uses it). No namespace is an unprefixed
 * name: generated messages never declare a default namespace.
 */
export function qnameInScope(value: XmlQName, prefixes: ReadonlyMap<string, string>, wanted: string): { declaration: string; text: string } {
  return qnamesInScope([value], prefixes, wanted);
}

/**
 * qnameInScope for the items of an xs:list of QNames: their texts separated by spaces, and one
 * declaration per namespace the message lacks (prefixes `wanted`, then `wanted` with 2, 3...
 * after its leading q). `wanted` is 'q' or 'q_' + an attribute's name.
 */
export function qnamesInScope(values: readonly XmlQName[], prefixes: ReadonlyMap<string, string>, wanted: string): { declaration: string; text: string } {
  if (!Array.isArray(values)) invalid(values, 'list of QNames', 'an array of objects with namespace and localName');
  let declaration = '';
  let text = '';
  let added: Map<string, string> | undefined;
  for (const value of values) {
    checkQName(value);
    const { namespace, localName } = value;
    let prefix: string;
    if (namespace === '') prefix = '';
    else if (namespace === XML_NS) prefix = 'xml';
    else if (namespace === XMLNS_NS) throw new ValueError(`A QName cannot be in the namespace ${XMLNS_NS}`);
    else {
      const known = prefixes.get(namespace) ?? added?.get(namespace);
      if (known !== undefined) prefix = known;
      else {
        added ??= new Map();
        const used = new Set([...prefixes.values(), ...added.values()]);
        // The number goes after the leading q: an attribute `of` has q_of, q2_of..., which no
        // attribute `of2` (q_of2) on the same start tag can also declare.
        prefix = added.size === 0 ? wanted : wanted.replace(/^q/, `q${added.size + 1}`);
        while (used.has(prefix)) prefix += '_';
        added.set(namespace, prefix);
        declaration += ` xmlns:${prefix}="${escapeAttr(namespace)}"`;
      }
    }
    text += `${text === '' ? '' : ' '}${prefix === '' ? localName : `${prefix}:${localName}`}`;
  }
  return { declaration, text };
}

/**
 * An element whose content is a QName value (or an xs:list of them), declaring the values'
 * namespaces when the message does not.
 */
export function writeQNameElement(tag: string, value: XmlQName | readonly XmlQName[], prefixes: ReadonlyMap<string, string>): string {
  const q = qnamesInScope(Array.isArray(value) ? value : [value as XmlQName], prefixes, 'q');
  return `<${tag}${q.declaration}>${q.text}</${tag}>`;
}

/**
 * ` name="prefix:local"` for a QName-valued attribute, preceded by the declaration of the value's
 * namespace when the message has none. The prefix is made from the attribute's name, so two such
 * attributes of one element never declare the same prefix.
 */
export function writeQNameAttribute(name: string, value: XmlQName | readonly XmlQName[], prefixes: ReadonlyMap<string, string>): string {
  const q = qnamesInScope(Array.isArray(value) ? value : [value as XmlQName], prefixes, `q_${name.replace(':', '_')}`);
  return `${q.declaration} ${name}="${q.text}"`;
}
