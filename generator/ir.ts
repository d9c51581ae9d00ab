/**
 * The intermediate representation: what every stage after `resolve` reads.
 *
 * Plain JSON-serialisable data (no classes, no Maps, no object pointers).
 * Components are keyed by qualified name in Clark notation, `{namespace}local`;
 * references are such keys. It describes schema meaning, not TypeScript syntax:
 * the only TypeScript-facing fields are the `tsName`/`propName` identifiers that
 * the naming pass fills in, kept beside the wire names they stand for.
 */
import type { RuntimeName } from '@wsdl-codegen/runtime/names';

/** Clark notation: `{namespace}local`, or `local` for no namespace. */
export type QName = string;

export interface Origin {
  /** Path relative to the working directory (or the URL for remote documents). */
  file: string;
  line: number;
  col: number;
}

export type Unbounded = 'unbounded';

export interface Occurs {
  min: number;
  max: number | Unbounded;
}

/** A declaration's value constraint (XML Schema's default= or fixed=), as written. */
export interface ValueConstraint {
  default?: string;
  fixed?: string;
  /**
   * That value as a QName key, resolved where the schema wrote it: kept only where the type's
   * values are QNames (null: it is no QName there).
   */
  valueQName?: QName | null;
  /** The same for a list of QNames: each item resolved there (null: an item is no QName). */
  valueQNames?: QName[] | null;
}

export interface ElementParticle extends Occurs, ValueConstraint {
  kind: 'element';
  /** Wire name: namespace ('' when unqualified) + local name. */
  name: QName;
  /** Resolved type key: a built-in (`{http://www.w3.org/2001/XMLSchema}string`) or a key of `IR.types`. */
  type: QName;
  nillable: boolean;
  /** Set when the particle is a reference to a global element. */
  ref?: QName;
  /**
   * Global elements that may appear in place of this one (substitution group
   * members, transitively, excluding abstract ones). Empty when none.
   */
  substitutes: QName[];
  /** The head element itself is abstract: only a substitute may appear. */
  abstract: boolean;
  /** The derivations its block (or the schema's blockDefault; a reference's: the global declaration's) forbids an xsi:type to take from its type. */
  blocks?: Array<'extension' | 'restriction'>;
  /** Its blocks rule out every type derived from its type: no xsi:type may name another (markXsiTypeBlocked). */
  xsiTypeBlocked?: true;
  /**
   * Its block rules out some of the types derived from its type, not all: those derived by this
   * method at some step, which no xsi:type may name (markXsiTypeBlocked).
   */
  xsiTypeBlock?: 'extension' | 'restriction';
  /** TypeScript property name (naming pass). */
  propName: string;
  doc?: string;
  origin: Origin;
}

export interface GroupParticle extends Occurs {
  kind: 'sequence' | 'choice' | 'all';
  particles: Particle[];
  /** Property name for a repeated choice of several elements, kept in document order. */
  propName?: string;
  origin: Origin;
}

/**
 * The namespaces a wildcard (xs:any, xs:anyAttribute) admits, '' standing for no namespace:
 * `##any`; a list (`##targetNamespace` and `##local` resolved); or `##other` as `not` the target
 * namespace and no namespace. Lists are sorted.
 */
export type NamespaceConstraint = { kind: 'any' } | { kind: 'only'; namespaces: string[] } | { kind: 'not'; namespaces: string[] };

export interface AnyParticle extends Occurs {
  kind: 'any';
  namespace: NamespaceConstraint;
  processContents: 'strict' | 'lax' | 'skip';
  propName: string;
  origin: Origin;
}

export type Particle = ElementParticle | GroupParticle | AnyParticle;

export interface AttributeUse extends ValueConstraint {
  /** Wire name: namespace ('' when unqualified) + local name. */
  name: QName;
  /** Simple type key. */
  type: QName;
  use: 'required' | 'optional';
  propName: string;
  doc?: string;
  origin: Origin;
}

export interface Facets {
  length?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string[];
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
  whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

export interface SimpleTypeDef {
  kind: 'simple';
  name: QName;
  tsName: string;
  /** Synthesised name for an anonymous type (key contains '/'). */
  anonymous: boolean;
  doc?: string;
  origin: Origin;
  variety: 'atomic' | 'list' | 'union';
  /** Direct base (atomic restriction). */
  base?: QName;
  /** The XSD built-in at the root of the derivation chain (atomic), by local name, e.g. `int`. */
  builtin: string;
  /** Enumeration values, lexical form, schema order (atomic only). */
  enumeration?: string[];
  /**
   * For a type whose values are QNames: each enumeration value resolved where its facet stands,
   * as a key (`{namespace}local`), or null when it is no QName or its prefix is not declared there.
   */
  enumerationQNames?: Array<QName | null>;
  facets: Facets;
  /** List item type. */
  itemType?: QName;
  /** Union member types. */
  memberTypes?: QName[];
}

export interface ComplexTypeDef {
  kind: 'complex';
  name: QName;
  tsName: string;
  anonymous: boolean;
  doc?: string;
  origin: Origin;
  abstract: boolean;
  mixed: boolean;
  base?: QName;
  derivation?: 'extension' | 'restriction';
  /**
   * `simple`: the element holds text of `simpleType` (plus attributes);
   * `elements`: a particle (possibly absent = empty content).
   */
  content: 'simple' | 'elements';
  simpleType?: QName;
  /** The content this type declares itself (for an extension: only the added part). */
  ownParticle?: GroupParticle;
  ownAttributes: AttributeUse[];
  /** Attributes a restriction removes (use="prohibited"). */
  prohibitedAttributes: QName[];
  /** Effective content model, base content first for extensions (flattenExtensions). */
  particle?: GroupParticle;
  /** Effective attributes (inherited ones first), attribute groups flattened (flattenExtensions). */
  attributes: AttributeUse[];
  /** The attribute wildcard (xs:anyAttribute), attribute groups and base types included; absent when there is none. */
  anyAttribute?: NamespaceConstraint;
  /** The derivations its block (or the schema's blockDefault) forbids an xsi:type to use in its place. */
  blocks?: Array<'extension' | 'restriction'>;
  /**
   * Non-abstract named types derived from this one, transitively, sorted (for xsi:type, which
   * cannot name an anonymous type), leaving out those derived by a method it blocks at any step.
   */
  derivedTypes: QName[];
}

export type TypeDef = SimpleTypeDef | ComplexTypeDef;

export interface ElementDecl extends ValueConstraint {
  name: QName;
  type: QName;
  nillable: boolean;
  abstract: boolean;
  substitutionGroup?: QName;
  /** Its block (or the schema's blockDefault) holds substitution or #all: no member may stand in for it. */
  blocksSubstitution?: true;
  /** The derivations its block (or the schema's blockDefault) forbids a member's type to take from its type. */
  blocks?: Array<'extension' | 'restriction'>;
  /** Its blocks rule out every type derived from its type: no xsi:type may name another (markXsiTypeBlocked). */
  xsiTypeBlocked?: true;
  /**
   * Its block rules out some of the types derived from its type, not all: those derived by this
   * method at some step, which no xsi:type may name (markXsiTypeBlocked).
   */
  xsiTypeBlock?: 'extension' | 'restriction';
  /** All non-abstract members of this element's substitution group, transitively. */
  substitutes: QName[];
  doc?: string;
  origin: Origin;
}

export interface MessagePart {
  /** wsdl:part name. */
  name: string;
  /** Exactly one of element/type (document style uses element, rpc uses type). */
  element?: QName;
  type?: QName;
  origin: Origin;
}

export interface HeaderBinding {
  part: MessagePart;
  /**
   * The header entry's name: the part's element, or for a part with type= the part's name,
   * qualified as SOAP 1.1 requires of header entries (soap:header's namespace, else the message's).
   */
  element: QName;
  /** The message the header part comes from (may differ from the operation's message). */
  message: QName;
  /** Optional in practice: SOAP headers are never required by the generated API. */
  propName: string;
}

export interface MessageBinding {
  /** Wire name of the message (rpc: the wrapper element's name is the operation/response name). */
  message: QName;
  bodyParts: MessagePart[];
  headers: HeaderBinding[];
  /** rpc: namespace attribute of soap:body. */
  namespace?: string;
}

/** A fault an operation declares (wsdl:fault), carried as its element in the SOAP fault's detail. */
export interface FaultDef {
  name: string;
  element: QName;
  origin: Origin;
}

export interface OperationDef {
  name: string;
  propName: string;
  soapAction: string;
  style: 'document' | 'rpc';
  input?: MessageBinding;
  output?: MessageBinding;
  /** Declared faults with an element to read, in WSDL order; absent when there are none. */
  faults?: FaultDef[];
  doc?: string;
  origin: Origin;
}

export interface BindingDef {
  name: QName;
  tsName: string;
  portType: QName;
  soapVersion: '1.1' | '1.2';
  transport: string;
  operations: OperationDef[];
  /** Endpoints from wsdl:service ports bound to this binding (may be empty: the URL is given at run time). */
  endpoints: Array<{ service: string; port: string; location: string }>;
  origin: Origin;
}

export interface IR {
  irVersion: 3;
  /** Entry document, relative to the working directory. */
  entry: string;
  /** Target namespaces of the entry WSDL/XSD (first) and every other namespace in use, sorted after it. */
  targetNamespace: string;
  types: Record<QName, TypeDef>;
  elements: Record<QName, ElementDecl>;
  bindings: BindingDef[];
  /** Keys of types and elements the bindings reach (or everything, with allTypes). Sorted. */
  reachable: { types: QName[]; elements: QName[] };
  /** Documents read, relative paths in load order. */
  documents: string[];
}

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
/** The namespaces of the 1999 and 2000 drafts of XML Schema, which old WSDLs still use; not read. */
export const DRAFT_XSD_NAMESPACES: readonly string[] = ['http://www.w3.org/1999/XMLSchema', 'http://www.w3.org/2000/10/XMLSchema'];
/** What to do about a schema, or a reference, in a draft's namespace. */
export const DRAFT_XSD_HINT = 'Declare the prefix (or default namespace) as http://www.w3.org/2001/XMLSchema, XML Schema 1.0; rename what the drafts named otherwise (timeInstant is dateTime, timeDuration duration, uriReference anyURI, binary base64Binary or hexBinary).';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
export const WSDL_MIME_NS = 'http://schemas.xmlsoap.org/wsdl/mime/';

export function qname(namespace: string, local: string): QName {
  return namespace ? `{${namespace}}${local}` : local;
}

export function splitQName(key: QName): { namespace: string; local: string } {
  if (key.startsWith('{')) {
    // The last brace: a namespace is any string, a local name never holds one.
    const end = key.lastIndexOf('}');
    return { namespace: key.slice(1, end), local: key.slice(end + 1) };
  }
  return { namespace: '', local: key };
}

/** Runtime names the client module imports (the last two only when a client reads a status); no client takes one. */
export const CLIENT_MODULE_IMPORTS = ['SoapClient', 'SoapCallOptions', 'SoapClientOptions', 'WithSoap', 'ReadonlyInput', 'ResponseStatus', 'XmlAnyElement'] as const satisfies readonly RuntimeName[];

/** What the client module declares for a binding whose client class is `clientName`: the class, its options type, its headers type. */
export function clientNames(clientName: string): readonly [className: string, optionsName: string, headersName: string] {
  return [clientName, `${clientName}Options`, `${clientName}Headers`];
}

// ECMAScript identifiers are Unicode: a schema's `Größe` stays `Größe` in the generated code.
const IDENTIFIER = /^[\p{ID_Start}_$][\p{ID_Continue}$\u200C\u200D]*$/u;

/** Whether `s` can stand as it is where TypeScript expects an identifier or a property name. */
export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

// XML names also allow '-', '.' and a leading digit-like character, which become '_'.
const NOT_IDENTIFIER_PART = /[^\p{ID_Continue}$\u200C\u200D]+/gu;

/** `s` made an identifier: characters it cannot hold become '_', and '_' goes before a leading digit. */
export function identifier(s: string): string {
  // Most names are identifiers already; the negated Unicode class costs milliseconds to compile.
  if (isIdentifier(s)) return s;
  let id = s.replace(NOT_IDENTIFIER_PART, '_');
  if (id !== '' && !isIdentifier(id)) id = `_${id}`;
  return id;
}

/** Whether a particle's maxOccurs lets it occur more than once. */
export function isRepeated(max: number | 'unbounded'): boolean {
  return max === 'unbounded' || max > 1;
}

/**
 * A repeated sequence whose occurrences are items (`$sequence`): of several particles, or of one
 * element that must occur several times in each, which no single count can stand for
 * (sequence{0,3}(a{2}) holds 0, 2, 4 or 6 a; resolve's group() folds the others into the element).
 */
export function isItemGroup(p: Particle): p is GroupParticle {
  return p.kind === 'sequence' && isRepeated(p.max) && (p.particles.length > 1 || p.particles[0]?.kind === 'element');
}

/** XSD's built-in types. */
export const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  'anyType', 'anySimpleType',
  'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS', 'ENTITY', 'ENTITIES', 'NMTOKEN', 'NMTOKENS',
  'anyURI', 'QName', 'NOTATION', 'boolean',
  'decimal', 'integer', 'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte',
  'nonNegativeInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'positiveInteger',
  'float', 'double', 'duration', 'dateTime', 'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth',
  'hexBinary', 'base64Binary',
  // XSD 1.1's, which schemas otherwise 1.0 use, and the runtime reads and writes.
  'dateTimeStamp', 'dayTimeDuration', 'yearMonthDuration',
]);

// Built once: these are asked for every type reference of every stage.
const XSD_PREFIX = `{${XSD_NS}}`;
const XSD_QNAME = `${XSD_PREFIX}QName`;
const XSD_NOTATION = `${XSD_PREFIX}NOTATION`;

/**
 * Whether a type is one of XSD's built-ins. Not every name in the XML Schema namespace is: the
 * schema for schemas, given as a schema, defines the rest (xs:annotated, an attribute's anonymous
 * type).
 */
export function isBuiltin(key: QName): boolean {
  return key.startsWith(XSD_PREFIX) && BUILTIN_TYPES.has(key.slice(XSD_PREFIX.length));
}

/** Calls `fn` on `p` and every particle inside it, depth first, in document order. */
export function walkParticle(p: Particle | undefined, fn: (p: Particle) => void): void {
  if (!p) return;
  fn(p);
  if (p.kind === 'sequence' || p.kind === 'choice' || p.kind === 'all') p.particles.forEach((c) => walkParticle(c, fn));
}

/**
 * The abstract elements nothing substitutes for that content model `p` cannot do without: none
 * can appear, so no instance of the model is valid. Empty when it can do without them (an
 * optional particle, a choice with another alternative).
 */
export function requiredNeverAppearing(p: Particle | undefined): ElementParticle[] {
  if (p === undefined || p.min === 0 || p.kind === 'any') return [];
  if (p.kind === 'element') return p.abstract && p.substitutes.length === 0 ? [p] : [];
  const each = p.particles.map(requiredNeverAppearing);
  if (p.kind === 'choice') return each.every((e) => e.length > 0) ? each.flat() : [];
  return each.flat();
}

/** walkParticle over the own and the effective content model of every complex type. */
export function forEachParticle(ir: IR, fn: (p: Particle, owner: TypeDef) => void): void {
  for (const t of Object.values(ir.types)) {
    if (t.kind !== 'complex') continue;
    walkParticle(t.ownParticle, (p) => fn(p, t));
    walkParticle(t.particle, (p) => fn(p, t));
  }
}

/**
 * What the values of simple type `key` are in QName terms: 'one' for xs:QName, xs:NOTATION, an
 * atomic restriction of either, or a union of such types only; 'list' for an xs:list of those, or
 * a restriction of such a list (a list still); undefined for anything else. Such values need the
 * namespaces in scope.
 */
export function qnameValues(ir: IR, key: QName | undefined, depth = 0): 'one' | 'list' | undefined {
  for (let k = key, i = 0; k !== undefined && i < 64 && depth < 64; i++) {
    if (k === XSD_QNAME || k === XSD_NOTATION) return 'one';
    const t = ir.types[k];
    // The base of a simpleContent restriction's value type is the complex type it restricts.
    if (t?.kind === 'complex' && i > 0) {
      k = t.simpleType;
      continue;
    }
    if (t?.kind !== 'simple') return undefined;
    if (t.variety === 'list') return qnameValues(ir, t.itemType, depth + 1) === 'one' ? 'list' : undefined;
    if (t.variety === 'union') {
      const members = t.memberTypes ?? [];
      return members.length > 0 && members.every((m) => qnameValues(ir, m, depth + 1) === 'one') ? 'one' : undefined;
    }
    k = t.base;
  }
  return undefined;
}

/**
 * The values a QName-valued type admits by enumeration, as expanded names (`{namespace}local`):
 * along a restriction chain, those every enumeration on it lists; for a union, those of its
 * members. Undefined when any QName is admitted (no enumeration, or a member without one).
 */
export function qnameEnumeration(ir: IR, key: QName | undefined, depth = 0): Set<string> | undefined {
  if (key === undefined || depth > 64) return undefined;
  const t = ir.types[key];
  if (t?.kind === 'complex' && depth > 0) return qnameEnumeration(ir, t.simpleType, depth + 1);
  if (t?.kind !== 'simple') return undefined;
  if (t.variety === 'union') {
    const out = new Set<string>();
    for (const m of t.memberTypes ?? []) {
      const values = qnameEnumeration(ir, m, depth + 1);
      if (values === undefined) return undefined;
      for (const v of values) out.add(v);
    }
    return out;
  }
  if (t.variety !== 'atomic') return undefined;
  const base = qnameEnumeration(ir, t.base, depth + 1);
  if (!t.enumerationQNames?.length) return base;
  // Expanded as braces and local name even in no namespace, as checkQNameIn compares them.
  const own = t.enumerationQNames.filter((v): v is string => v !== null).map((v) => (v.startsWith('{') ? v : `{}${v}`));
  return new Set(base === undefined ? own : own.filter((v) => base.has(v)));
}

export function localOf(key: QName): string {
  return splitQName(key).local;
}
