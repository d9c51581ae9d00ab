/**
 * An independent XSD validator for the conformance tests: libxml2 (through xmllint-wasm) over
 * the MS-OXWSCOS schema closure.
 *
 * libxml2 does not compile the closure as published: MS-OXWSCEXT-messages.xsd includes itself
 * ("cannot include itself" is an error), and the types namespace is imported from many files
 * while libxml2 keeps only the first import of a namespace and skips the rest. The include graph
 * is also cyclic and the types schemas import the XML namespace without a location. So the
 * closure is first rewritten into a bundle: one generated schema document per target namespace
 * holding every top-level component of that namespace (include and import walked in document
 * order, a visited set ending cycles), a small XML-namespace schema of our own, and a main
 * schema that imports every namespace. The published files are only read, never changed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateXML } from 'xmllint-wasm';
import { canonicalizeElement } from './canonical';
import {
  XML_NS,
  XSD_NS,
  childElements,
  cloneWithBindings,
  parseXmlStrict,
  rootElement,
  serializeXml,
  soapEnvelopeParts,
} from './dom';
import type { Attr, Element } from './dom';
import { EWS_SCHEMA_DIR, WSDL_DIR } from './seeds';

export interface BundleFile {
  readonly fileName: string;
  readonly contents: string;
}

export interface SchemaBundle {
  /** Every file of the bundle, the main schema first. */
  readonly files: BundleFile[];
  readonly mainFileName: string;
  /** What the bundler skipped or chose, one sentence each (missing locations, differing duplicates). */
  readonly warnings: string[];
  /** The source documents in the order they were read (paths relative to the working directory). */
  readonly sources: string[];
}

/** The location key of the XML-namespace schema this module supplies itself. */
const BUILT_IN_XML_SCHEMA = '(built-in)/xml.xsd';

/**
 * The XML namespace (xml:lang, xml:space, xml:base, xml:id), written for this bundle so that
 * nothing is fetched from the network.
 */
const XML_NAMESPACE_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XSD_NS}" targetNamespace="${XML_NS}">
  <xs:attribute name="lang">
    <xs:simpleType>
      <xs:union memberTypes="xs:language">
        <xs:simpleType>
          <xs:restriction base="xs:string">
            <xs:length value="0"/>
          </xs:restriction>
        </xs:simpleType>
      </xs:union>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/>
        <xs:enumeration value="preserve"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
</xs:schema>
`;

/** Attributes of XSD elements whose value is a QName or a list of QNames. */
const QNAME_ATTRIBUTES = new Set(['type', 'base', 'ref', 'itemType', 'memberTypes', 'substitutionGroup', 'refer']);

/** Schema-wide defaults that change the meaning of the components under them. */
const SCHEMA_DEFAULTS = ['elementFormDefault', 'attributeFormDefault', 'blockDefault', 'finalDefault'] as const;

/** Components sharing one symbol space share one key prefix (simple and complex types do). */
const SYMBOL_SPACE: Record<string, string> = {
  element: 'element',
  attribute: 'attribute',
  complexType: 'type',
  simpleType: 'type',
  group: 'group',
  attributeGroup: 'attributeGroup',
  notation: 'notation',
};

interface Component {
  readonly key: string;
  readonly element: Element;
  readonly source: string;
}

interface NamespaceBucket {
  readonly namespace: string;
  readonly components: Component[];
  readonly byKey: Map<string, Component>;
  /** Other namespaces the bucket's documents import. */
  readonly imports: Set<string>;
  readonly defaults: Map<string, { value: string; source: string }>;
  readonly sources: string[];
}

export function buildSchemaBundle(entryXsdPaths: string[], searchPath: string[]): SchemaBundle {
  const warnings: string[] = [];
  const buckets = new Map<string, NamespaceBucket>();
  const visited = new Set<string>();
  const sources: string[] = [];

  const bucketFor = (namespace: string): NamespaceBucket => {
    let bucket = buckets.get(namespace);
    if (bucket === undefined) {
      bucket = { namespace, components: [], byKey: new Map(), imports: new Set(), defaults: new Map(), sources: [] };
      buckets.set(namespace, bucket);
    }
    return bucket;
  };

  const locate = (location: string, from: string): string | undefined => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return undefined; // never the network
    for (const folder of [path.dirname(from), ...searchPath]) {
      const candidate = path.resolve(folder, location);
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    return undefined;
  };

  const visit = (location: string, expectedNamespace: string | undefined, reason: string): void => {
    if (visited.has(location)) return; // cycles and self-includes end here
    visited.add(location);
    const label = location === BUILT_IN_XML_SCHEMA ? location : relative(location);
    sources.push(label);
    const text = location === BUILT_IN_XML_SCHEMA ? XML_NAMESPACE_SCHEMA : fs.readFileSync(location, 'utf8');
    const schema = rootElement(parseXmlStrict(text, label));
    if (schema.namespaceURI !== XSD_NS || schema.localName !== 'schema') {
      throw new Error(`${label}: not an XML Schema document`);
    }
    const namespace = schema.getAttribute('targetNamespace') ?? '';
    if (expectedNamespace !== undefined && namespace !== expectedNamespace) {
      throw new Error(`${label} (${reason}): targetNamespace is "${namespace}", expected "${expectedNamespace}"`);
    }
    const bucket = bucketFor(namespace);
    bucket.sources.push(label);
    for (const name of SCHEMA_DEFAULTS) {
      const value = schema.getAttribute(name) ?? '';
      const earlier = bucket.defaults.get(name);
      if (earlier === undefined) bucket.defaults.set(name, { value, source: label });
      else if (earlier.value !== value) {
        throw new Error(`${label}: ${name}="${value}" differs from "${earlier.value}" in ${earlier.source}; cannot merge`);
      }
    }

    for (const child of childElements(schema)) {
      if (child.namespaceURI !== XSD_NS) continue;
      const kind = child.localName ?? '';
      const schemaLocation = child.getAttribute('schemaLocation');
      if (kind === 'include') {
        if (!schemaLocation) {
          warnings.push(`${label}: an xs:include without schemaLocation was ignored`);
          continue;
        }
        const found = locate(schemaLocation, location);
        if (found === undefined) warnings.push(`${label}: included "${schemaLocation}" was not found; ignored`);
        else visit(found, namespace, `included from ${label}`);
      } else if (kind === 'import') {
        const imported = child.getAttribute('namespace') ?? '';
        if (imported !== namespace) bucket.imports.add(imported);
        if (schemaLocation) {
          const found = locate(schemaLocation, location);
          if (found === undefined) warnings.push(`${label}: imported "${schemaLocation}" was not found; ignored`);
          else visit(found, imported, `imported from ${label}`);
        } else if (imported === XML_NS) {
          visit(BUILT_IN_XML_SCHEMA, XML_NS, `imported from ${label}`);
        }
      } else if (kind === 'redefine' || kind === 'override') {
        throw new Error(`${label}: xs:${kind} is not supported by the bundler`);
      } else if (kind !== 'annotation') {
        const space = SYMBOL_SPACE[kind];
        const name = child.getAttribute('name');
        if (space === undefined || !name) throw new Error(`${label}: unexpected top-level xs:${kind}`);
        addComponent(bucket, { key: `${space} ${name}`, element: child, source: label }, warnings);
      }
    }
  };

  for (const entry of entryXsdPaths) visit(path.resolve(entry), undefined, 'entry');
  for (const bucket of buckets.values()) {
    for (const imported of bucket.imports) {
      if (!buckets.has(imported)) warnings.push(`{${bucket.namespace}} imports "${imported}", for which no schema was found`);
    }
  }
  return writeBundle(buckets, warnings, sources);
}

function addComponent(bucket: NamespaceBucket, component: Component, warnings: string[]): void {
  const earlier = bucket.byKey.get(component.key);
  if (earlier === undefined) {
    bucket.byKey.set(component.key, component);
    bucket.components.push(component);
    return;
  }
  if (fingerprint(earlier.element) !== fingerprint(component.element)) {
    warnings.push(
      `{${bucket.namespace}} ${component.key} is defined differently in ${earlier.source} and ${component.source}; ` +
        `the first definition was kept`,
    );
  }
}

/** A component's meaning: canonical XML with every QName reference resolved, prefixes gone. */
function fingerprint(element: Element): string {
  return canonicalizeElement(element, {
    qnameValued: (attribute: Attr, owner: Element) =>
      attribute.namespaceURI === null && owner.namespaceURI === XSD_NS && QNAME_ATTRIBUTES.has(attribute.localName ?? ''),
  });
}

/** What the root of a generated schema document binds. */
const ROOT_BINDINGS: ReadonlyMap<string, string> = new Map([['xs', XSD_NS]]);

function writeBundle(buckets: Map<string, NamespaceBucket>, warnings: string[], sources: string[]): SchemaBundle {
  const fileNames = new Map<string, string>();
  let index = 0;
  for (const namespace of buckets.keys()) {
    index++;
    const slug = (namespace.replace(/[/#]+$/, '').split(/[/:#]/).pop() ?? '').replace(/[^A-Za-z0-9._]+/g, '_');
    fileNames.set(namespace, `ns${String(index).padStart(2, '0')}-${slug || 'none'}.xsd`);
  }
  const mainFileName = 'bundle-main.xsd';
  const importsOf = (namespaces: Iterable<string>): string[] =>
    [...namespaces]
      .filter((namespace) => fileNames.has(namespace))
      .map((namespace) => `  <xs:import namespace="${escapeAttribute(namespace)}" schemaLocation="${fileNames.get(namespace)}"/>`);

  const files: BundleFile[] = [
    {
      fileName: mainFileName,
      contents: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<xs:schema xmlns:xs="${XSD_NS}">`,
        ...importsOf(buckets.keys()),
        '</xs:schema>',
        '',
      ].join('\n'),
    },
  ];
  for (const bucket of buckets.values()) {
    const defaults = SCHEMA_DEFAULTS.flatMap((name) => {
      const value = bucket.defaults.get(name)?.value;
      return value ? [` ${name}="${escapeAttribute(value)}"`] : [];
    }).join('');
    const targetNamespace = bucket.namespace === '' ? '' : ` targetNamespace="${escapeAttribute(bucket.namespace)}"`;
    files.push({
      fileName: fileNames.get(bucket.namespace) ?? '',
      contents: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<!-- Generated for the conformance tests from: ${bucket.sources.map((source) => path.basename(source)).join(', ')} -->`,
        `<xs:schema xmlns:xs="${XSD_NS}"${targetNamespace}${defaults}>`,
        ...importsOf(bucket.imports),
        // Each component declares the bindings of its source document, so its QName references
        // keep their meaning whatever prefixes the other files use.
        ...bucket.components.map((component) => `  ${serializeXml(cloneWithBindings(component.element, ROOT_BINDINGS))}`),
        '</xs:schema>',
        '',
      ].join('\n'),
    });
  }
  return { files, mainFileName, warnings, sources };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function relative(location: string): string {
  return path.relative(process.cwd(), location).split(path.sep).join('/');
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface ValidationResult {
  readonly valid: boolean;
  /** libxml2's messages for this document, `line N: message`. */
  readonly errors: string[];
}

export interface PartValidation extends ValidationResult {
  readonly section: 'Header' | 'Body';
  /** The part's name in Clark notation, `{namespace}local`. */
  readonly element: string;
}

/** The MS-OXWSCOS closure: the two schemas in wsdl/, the EWS schemas from ../shared/schemas/ews. */
export function defaultSchemaBundle(): SchemaBundle {
  cachedBundle ??= buildSchemaBundle(
    [path.join(WSDL_DIR, 'MS-OXWSCOS-messages.xsd'), path.join(WSDL_DIR, 'MS-OXWSCOS-types.xsd')],
    [EWS_SCHEMA_DIR],
  );
  return cachedBundle;
}
let cachedBundle: SchemaBundle | undefined;

/**
 * Validates documents against a bundle in one libxml2 run (each run compiles the schema again,
 * so batch where you can). Results come back in input order.
 */
export async function validateDocuments(
  documents: readonly string[],
  bundle: SchemaBundle = defaultSchemaBundle(),
): Promise<ValidationResult[]> {
  if (documents.length === 0) return [];
  const names = documents.map((_, i) => `document-${i + 1}.xml`);
  const main = bundle.files.find((file) => file.fileName === bundle.mainFileName);
  if (main === undefined) throw new Error(`the bundle has no ${bundle.mainFileName}`);
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: names[i] ?? '', contents })),
    schema: [main],
    preload: bundle.files.filter((file) => file !== main),
    initialMemoryPages: 64 * 16, // 64 MiB
    maxMemoryPages: 1024 * 16, // 1 GiB
  });
  const verdicts = names.map((name) => verdictFor(name, result.rawOutput));
  const unexplained = result.rawOutput
    .split('\n')
    .filter((line) => line !== '' && !names.some((name) => line.startsWith(`${name}:`) || line.startsWith(`${name} `)));
  if (unexplained.length > 0) {
    // Schema parser warnings (a skipped import, say) mean the bundle is not what it claims to be.
    throw new Error(`libxml2 reported problems outside the validated documents:\n${unexplained.join('\n')}`);
  }
  return verdicts;
}

/**
 * xmllint reports `<file>:<line>: <message>` for each problem and ends each file with
 * `<file> validates` or `<file> fails to validate`.
 */
function verdictFor(fileName: string, rawOutput: string): ValidationResult {
  const errors: string[] = [];
  let verdict: boolean | undefined;
  for (const line of rawOutput.split('\n')) {
    if (line === `${fileName} validates`) verdict = true;
    else if (line === `${fileName} fails to validate`) verdict = false;
    else if (line.startsWith(`${fileName}:`)) {
      const rest = line.slice(fileName.length + 1);
      const colon = rest.indexOf(':');
      errors.push(`line ${rest.slice(0, colon)}: ${rest.slice(colon + 1).trim()}`);
    }
  }
  if (verdict === undefined) throw new Error(`xmllint gave no verdict for ${fileName}:\n${rawOutput}`);
  return { valid: verdict && errors.length === 0, errors };
}

export async function validateXml(xml: string, bundle?: SchemaBundle): Promise<ValidationResult> {
  const [result] = await validateDocuments([xml], bundle);
  if (result === undefined) throw new Error('no validation result');
  return result;
}

/**
 * Each Header child and each Body child of a SOAP 1.1 envelope as a document of its own,
 * carrying every namespace binding in scope in the envelope (QName content may need them).
 */
export function envelopePartDocuments(
  envelopeXml: string,
): Array<{ section: 'Header' | 'Body'; element: string; xml: string }> {
  const { header, body } = soapEnvelopeParts(envelopeXml);
  const standalone = (section: 'Header' | 'Body', part: Element) => ({
    section,
    element: `{${part.namespaceURI ?? ''}}${part.localName ?? ''}`,
    xml: `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(cloneWithBindings(part))}\n`,
  });
  return [...header.map((part) => standalone('Header', part)), ...body.map((part) => standalone('Body', part))];
}

/** Validates several envelopes' parts in one libxml2 run. */
export async function validateEnvelopes(
  envelopes: readonly string[],
  bundle?: SchemaBundle,
): Promise<PartValidation[][]> {
  const parts = envelopes.map(envelopePartDocuments);
  const results = await validateDocuments(parts.flat().map((part) => part.xml), bundle);
  let next = 0;
  return parts.map((list) =>
    list.map((part) => {
      const result = results[next++];
      if (result === undefined) throw new Error('missing validation result');
      return { section: part.section, element: part.element, ...result };
    }),
  );
}

export async function validateEnvelopeParts(envelopeXml: string, bundle?: SchemaBundle): Promise<PartValidation[]> {
  const [parts] = await validateEnvelopes([envelopeXml], bundle);
  return parts ?? [];
}
