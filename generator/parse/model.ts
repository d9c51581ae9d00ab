import type { Facets, NamespaceConstraint, Origin, QName, ValueConstraint } from '../ir';

/**
 * The schema model: XSD components and WSDL definitions as written, merged per
 * target namespace, with every prefix already turned into a qualified name.
 * References are not yet checked; groups and extensions are not yet flattened.
 */

export interface RawOccurs {
  min: number;
  max: number | 'unbounded';
}

export type RawParticle =
  | (RawOccurs & ValueConstraint & {
      kind: 'element';
      /** Local element: wire name (namespace decided by form). */
      name?: QName;
      type?: QName;
      /** Global element reference. */
      ref?: QName;
      nillable: boolean;
      /** A local element's block (or the schema's blockDefault): the derivations xsi:type may not use. */
      blocks?: Array<'extension' | 'restriction'>;
      doc?: string;
      origin: Origin;
    })
  | (RawOccurs & { kind: 'sequence' | 'choice' | 'all'; particles: RawParticle[]; origin: Origin })
  | (RawOccurs & { kind: 'groupRef'; ref: QName; origin: Origin })
  | (RawOccurs & { kind: 'any'; namespace: NamespaceConstraint; processContents: 'strict' | 'lax' | 'skip'; origin: Origin });

export type RawAttribute =
  | ({ kind: 'attribute'; name?: QName; ref?: QName; type?: QName; use: 'required' | 'optional' | 'prohibited'; doc?: string; origin: Origin } & ValueConstraint)
  | { kind: 'attributeGroupRef'; ref: QName; origin: Origin };

export interface RawComplexType {
  name: QName;
  anonymous: boolean;
  abstract: boolean;
  mixed: boolean;
  /** How the content was written. */
  content: 'elements' | 'simpleContent' | 'complexContent';
  base?: QName;
  /** Where the xs:extension or xs:restriction naming `base` is written, for errors about it. */
  baseOrigin?: Origin;
  derivation?: 'extension' | 'restriction';
  /** The derivations its block (or the schema's blockDefault) forbids an xsi:type to use in its place. */
  blocks?: Array<'extension' | 'restriction'>;
  /** The type's own particle (for an extension: only the added part). */
  particle?: RawParticle;
  attributes: RawAttribute[];
  anyAttribute?: NamespaceConstraint;
  /** simpleContent restriction: the xs:simpleType written in it, which its text takes instead of the base's. */
  contentType?: QName;
  /** simpleContent restriction facets / enumerations. */
  facets?: Facets;
  enumeration?: string[];
  enumerationQNames?: Array<QName | null>;
  enumerationOrigins?: Origin[];
  doc?: string;
  origin: Origin;
}

export interface RawSimpleType {
  name: QName;
  anonymous: boolean;
  variety: 'atomic' | 'list' | 'union';
  base?: QName;
  facets: Facets;
  enumeration?: string[];
  enumerationQNames?: Array<QName | null>;
  /** Where each facet (its first, for patterns) and each enumeration value is written, for errors about it. */
  facetOrigins?: Partial<Record<keyof Facets, Origin>>;
  enumerationOrigins?: Origin[];
  itemType?: QName;
  memberTypes?: QName[];
  /** Where the xs:restriction, xs:list or xs:union naming the types above is written. */
  baseOrigin?: Origin;
  doc?: string;
  origin: Origin;
}

export interface RawElement extends ValueConstraint {
  name: QName;
  type?: QName;
  nillable: boolean;
  abstract: boolean;
  substitutionGroup?: QName;
  /** Its block (or the schema's blockDefault) holds substitution or #all: no member may stand in for it. */
  blocksSubstitution?: true;
  /** The derivations its block (or the schema's blockDefault) forbids a member's type to take from its type. */
  blocks?: Array<'extension' | 'restriction'>;
  doc?: string;
  origin: Origin;
}

export interface RawGlobalAttribute extends ValueConstraint {
  name: QName;
  type?: QName;
  doc?: string;
  origin: Origin;
}

export interface RawGroup {
  name: QName;
  particle: RawParticle;
  origin: Origin;
}

export interface RawAttributeGroup {
  name: QName;
  attributes: RawAttribute[];
  anyAttribute?: NamespaceConstraint;
  origin: Origin;
}

export interface RawPart {
  name: string;
  element?: QName;
  type?: QName;
  origin: Origin;
}

export interface RawMessage {
  name: QName;
  parts: RawPart[];
  origin: Origin;
}

export interface RawPortTypeOperation {
  name: string;
  input?: QName;
  output?: QName;
  /** Where its wsdl:input is, when it has one (with a message= or not). */
  inputOrigin?: Origin;
  /** Where its wsdl:output is, when it has one (with a message= or not). */
  outputOrigin?: Origin;
  /** wsdl:fault children: the fault's name and its message. */
  faults: Array<{ name: string; message: QName; origin: Origin }>;
  /** Set for the two transmission primitives that start with the service's message (WSDL 1.1 2.4). */
  serviceFirst?: 'notification' | 'solicit-response';
  doc?: string;
  origin: Origin;
}

export interface RawPortType {
  name: QName;
  operations: RawPortTypeOperation[];
  origin: Origin;
}

export interface RawSoapHeader {
  message: QName;
  part: string;
  use: string;
  namespace?: string;
  origin: Origin;
}

export interface RawSoapBody {
  parts?: string[];
  use: string;
  namespace?: string;
  origin: Origin;
}

export interface RawBindingMessage {
  body?: RawSoapBody;
  headers: RawSoapHeader[];
  /** It binds its parts with MIME (refused at parse), so it has no soap:body of its own. */
  mime?: true;
  /** The binding operation's wsdl:input or wsdl:output. */
  origin: Origin;
}

export interface RawBindingOperation {
  name: string;
  soapAction: string;
  style?: 'document' | 'rpc';
  input?: RawBindingMessage;
  output?: RawBindingMessage;
  /** soap:fault inside each wsdl:fault, by the wsdl:fault's name. */
  faults: Array<{ name: string; use: string; origin: Origin }>;
  origin: Origin;
}

export interface RawBinding {
  name: QName;
  type: QName;
  soapVersion: '1.1' | '1.2' | undefined;
  style: 'document' | 'rpc';
  transport: string;
  /** The soap:binding that names the transport (the wsdl:binding when it has none). */
  transportOrigin: Origin;
  operations: RawBindingOperation[];
  origin: Origin;
}

export interface RawService {
  name: string;
  ports: Array<{ name: string; binding: QName; location: string; origin: Origin }>;
}

export interface SchemaModel {
  entry: string;
  /** Position of the entry document's root element. */
  entryOrigin: Origin;
  documents: string[];
  /** Target namespace of the entry document. */
  targetNamespace: string;
  complexTypes: Record<QName, RawComplexType>;
  simpleTypes: Record<QName, RawSimpleType>;
  elements: Record<QName, RawElement>;
  attributes: Record<QName, RawGlobalAttribute>;
  groups: Record<QName, RawGroup>;
  attributeGroups: Record<QName, RawAttributeGroup>;
  messages: Record<QName, RawMessage>;
  portTypes: Record<QName, RawPortType>;
  bindings: Record<QName, RawBinding>;
  services: RawService[];
  /** Namespaces imported without a location that nothing loaded defines: where each is first imported. */
  unloadedNamespaces: Record<string, Origin>;
}
