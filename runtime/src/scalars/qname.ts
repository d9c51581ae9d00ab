import { ValueError } from '../errors';
import { isNCName } from '../xml/chars';
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

/** `prefixFor` returns the prefix declared for a namespace, '' for the default namespace. */
export function formatQName(value: XmlQName, prefixFor: (namespace: string) => string): string {
  if (typeof value !== 'object' || value === null || typeof value.localName !== 'string' || typeof value.namespace !== 'string') {
    invalid(value, 'QName', 'an object with namespace and localName');
  }
  if (!isNCName(value.localName)) invalid(value.localName, 'QName', 'a local name without a colon');
  const prefix = prefixFor(value.namespace);
  if (prefix !== '' && !isNCName(prefix)) throw new ValueError(`${show(prefix)} is not a valid namespace prefix`);
  return prefix === '' ? value.localName : `${prefix}:${value.localName}`;
}
