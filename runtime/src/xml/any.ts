import { ValueError, XmlError } from '../errors';
import { trimXml } from '../scalars/common';
import { XML_NS, XMLNS_NS, XSI_NS } from '../namespaces';
import { isNCName } from './chars';
import { escapeAttr } from './writer';
import { parseXml, serializeElement } from './reader';
import { XML_EOF, XML_START, XmlCursor } from './cursor';

/** Content of an xs:any (or xs:anyType) position, kept as self-contained XML so it round-trips. */
export interface XmlAnyElement {
  namespace: string;
  localName: string;
  /** The element and its subtree, with every namespace it uses declared on it. */
  xml: string;
}

/**
 * A nil element that carries attributes (WCF's `z:Ref="i1" i:nil="true"`, a reference to an object
 * sent earlier): `null` cannot hold them. Declared only where the element's type has attributes.
 */
export interface XmlNil {
  $nil: true;
  $anyAttributes: XmlAnyAttribute[];
}

/** Whether a nillable element's value is an XmlNil rather than a value of its type. */
export function isXmlNil(v: unknown): v is XmlNil {
  return typeof v === 'object' && v !== null && (v as { $nil?: unknown }).$nil === true;
}

/**
 * A nil element `tag`: null, or an XmlNil with its attributes, and xsi:nil (the xsi prefix is the
 * message's). `required`: the attributes its type requires, [namespace, local name], which a nil
 * element must carry too (XML Schema 3.3.4): ValueError when one is missing.
 */
export function writeNil(tag: string, v: XmlNil | null, required: ReadonlyArray<readonly [string, string]> = []): string {
  const attributes = v?.$anyAttributes ?? [];
  const missing = missingAttributes(attributes, required);
  if (missing.length) {
    throw new ValueError(`A nil element needs the attributes its type requires (${missing.join(', ')}): give an XmlNil carrying them, not ${v === null ? 'null' : 'one without'}`);
  }
  // Its xsi:nil uses the message's xsi prefix: so do attributes of that namespace (xsi:schemaLocation).
  return `<${tag}${writeAnyAttributes(attributes, [], true)} xsi:nil="true"/>`;
}

/** The local names of the `required` attributes ([namespace, local name]) that `attributes` lacks. */
export function missingAttributes(attributes: readonly XmlAnyAttribute[], required: ReadonlyArray<readonly [string, string]>): string[] {
  return required.filter(([ns, local]) => !attributes.some((a) => a.namespace === ns && a.localName === local)).map(([, local]) => local);
}

/** An attribute matched by xs:anyAttribute. */
export interface XmlAnyAttribute {
  namespace: string;
  localName: string;
  value: string;
}

/**
 * The cursor's current element as an XmlAnyElement; reads past it. The element is re-parsed
 * inside a wrapper declaring the namespaces in scope around it, so serializeElement sees the
 * same bindings as in the whole document and declares what the element inherits.
 */
export function toAnyElement(r: XmlCursor): XmlAnyElement {
  const { ns, local, start } = r;
  let wrapper = '<w';
  for (const [prefix, uri] of r.parentScope.declarations()) wrapper += `${prefix === '' ? ' xmlns' : ' xmlns:' + prefix}="${escapeAttr(uri)}"`;
  r.skip();
  const el = parseXml(`${wrapper}>${r.source.slice(start, r.end)}</w>`).children[0]!;
  return { namespace: ns, localName: local, xml: serializeElement(el) };
}

/**
 * The XML of an element declared with xs:anyType, whose value is the element itself: it must be
 * that element, or the message would carry another one where the schema names this one.
 */
export function anyTypeElement(v: XmlAnyElement, namespace: string, localName: string): string {
  if (v.namespace !== namespace || v.localName !== localName) {
    throw new ValueError(`Expected the element {${namespace}}${localName} itself (the value of an xs:anyType element), not {${v.namespace}}${v.localName}`);
  }
  return anyXml(v);
}

/**
 * `v.xml`, checked to be what an XmlAnyElement promises before it is pasted into a message: one
 * well-formed element, declaring every prefix it uses, named {v.namespace}v.localName. A value
 * made by hand could otherwise break the message (`<g>`), add elements beside it (`</r><r>`) or
 * carry another element than the one the wildcard's namespace test let through.
 */
export function anyXml(v: XmlAnyElement): string {
  const xml = v.xml;
  const claimed = `{${v.namespace}}${v.localName}`;
  // Content, not a document: no XML declaration, nothing before the element.
  const notOne = (): never => {
    throw new ValueError(`The xml of ${claimed} must be one element, starting with its start tag`);
  };
  if (typeof xml !== 'string' || xml.charCodeAt(0) !== 60 || xml.startsWith('<?xml')) notOne();
  let found: string;
  try {
    const r = new XmlCursor(xml);
    if (r.next() !== XML_START) notOne();
    found = `{${r.ns}}${r.local}`;
    r.skip();
    // Only comments and processing instructions may follow; next() refuses a second element or text.
    while (r.next() !== XML_EOF) {
      /* nothing else can come */
    }
  } catch (e) {
    if (e instanceof XmlError) throw new ValueError(`The xml of ${claimed} is not one well-formed element: ${e.detail}`);
    throw e;
  }
  if (found !== claimed) throw new ValueError(`The xml is element ${found}, but the value says ${claimed}`);
  return xml;
}

/** Throws for a wildcard value (xs:any, xs:anyAttribute) in a namespace the schema does not admit there. */
export function outsideWildcard(what: 'Attribute' | 'Element', item: { namespace: string; localName: string }, admitted: string): never {
  throw new ValueError(`${what} {${item.namespace}}${item.localName} is not allowed here: the schema admits ${admitted}`);
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
 * unprefixed attribute named xmlns, two attributes with the same expanded name, one of the type's
 * own attributes (`declared`, as `{namespace}local`), xsi:type or xsi:nil. With `xsiInScope`, the
 * prefix xsi is bound to the xsi namespace where the element is written (the message's, which
 * generated writers declare and their xsi:type and xsi:nil use): attributes of that namespace take
 * it, not a declaration of their own. Without it (the default, for XML written elsewhere), they
 * are declared like any other namespace.
 */
export function writeAnyAttributes(list: readonly XmlAnyAttribute[] | undefined, declared: readonly string[] = [], xsiInScope = false): string {
  if (list === undefined || list.length === 0) return '';
  let declarations = '';
  let attributes = '';
  let prefixes: Map<string, string> | undefined;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const { namespace, localName } = a;
    if (!isNCName(localName)) throw new ValueError(`Attribute name ${JSON.stringify(localName)} is not an NCName`);
    // The element's own attributes are written from their properties, xsi:type and xsi:nil from
    // $type and null: a second copy would make the start tag not well-formed, or contradict them.
    if (declared.includes(`{${namespace}}${localName}`)) {
      throw new ValueError(`Attribute ${localName} is declared by the type: give it as its property, not in $anyAttributes`);
    }
    if (namespace === XSI_NS && (localName === 'type' || localName === 'nil')) {
      throw new ValueError(`xsi:${localName} is written from the value (${localName === 'type' ? '$type' : 'null'}), not from $anyAttributes`);
    }
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
    } else if (namespace === XSI_NS && xsiInScope) {
      prefix = 'xsi';
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

/** The xsi:type of the cursor's current element in Clark notation (`{namespace}local`), or undefined. */
export function xsiType(r: XmlCursor): string | undefined {
  const v = r.attribute(XSI_NS, 'type');
  if (v === undefined) return undefined;
  const q = r.resolveQName(trimXml(v));
  return q.namespace ? `{${q.namespace}}${q.localName}` : q.localName;
}

/** Items of an xs:list value (XML whitespace separated; other spaces, such as U+00A0, belong to the items). */
export function splitList(text: string): string[] {
  const t = trimXml(text);
  if (t === '') return [];
  const items = t.split(/[ \t\r\n]+/);
  if (items.some((i) => i === '')) throw new ValueError('malformed list');
  return items;
}

/**
 * An xs:list's text from its items' texts. An empty item, or one holding whitespace, would not come
 * back as written (items are separated by whitespace): ValueError rather than a silent change.
 */
export function joinList(items: readonly string[]): string {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    if (item === '' || /[ \t\r\n]/.test(item)) {
      throw new ValueError(`List item ${i + 1} (${JSON.stringify(item)}) ${item === '' ? 'is empty' : 'holds whitespace'}; a list separates its items by whitespace, so it cannot carry that item`);
    }
  }
  return items.join(' ');
}
