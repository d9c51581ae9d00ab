/**
 * What the construct packages write is valid against their own schemas, as libxml2 judges
 * (xmllint-wasm): random valid bodies for every operation of each construct's first binding, both
 * ways, each Body part validated as a document of its own. roundtrip.test.ts does the same for
 * MS-OXWSCOS.
 *
 * Left out, each for a reason of the check, not of the package:
 * - builtins: xs:ENTITY values are valid only against a DTD that declares them;
 * - chameleon-include, redefine: the schema bundle cannot merge those documents;
 * - dataset: its schema refers to the schema element of the XML Schema namespace, and the check
 *   has no schema for that namespace (W3C's is not among the test's inputs);
 * - rpc-literal: its Body holds wrappers named after the operation, which no schema declares;
 * - soap12: the envelope reader of the check knows SOAP 1.1 only.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OperationCodec } from '@wsdl-codegen/runtime';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { generate } from '../../generator';
import type { OperationDef } from '../../generator/ir';
import { buildArbitraries } from '../support/arbitraries';
import { tempFolders } from '../support/tmp';
import { buildSchemaBundle, validateEnvelopes } from '../support/xsd-bundle';

const SEED = 20241201;
const SAMPLES = 12;
const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const CONSTRUCTS = path.resolve(__dirname, '..', 'constructs');
const LEFT_OUT = new Set(['builtins', 'chameleon-include', 'dataset', 'redefine', 'rpc-literal', 'soap12']);
const NAMES = fs.readdirSync(CONSTRUCTS).filter((name) => fs.existsSync(path.join(CONSTRUCTS, name, 'service.wsdl')) && !LEFT_OUT.has(name));

type AnyCodec = OperationCodec<unknown, unknown, Record<string, unknown>, Record<string, unknown>>;

/**
 * The schema documents a construct's WSDL uses, as files in `folder`: its .xsd files, and each
 * wsdl:types schema that defines something itself (with the WSDL's namespace declarations, which
 * it may rely on). Returns the entry documents of the bundle.
 */
function schemaFiles(construct: string, folder: string): string[] {
  for (const f of fs.readdirSync(construct)) if (f.endsWith('.xsd')) fs.copyFileSync(path.join(construct, f), path.join(folder, f));
  const entries: string[] = [];
  const visit = (wsdl: string): void => {
    const doc = new DOMParser().parseFromString(fs.readFileSync(wsdl, 'utf8'), 'text/xml');
    const root = doc.documentElement;
    if (root === null) throw new Error(`${wsdl} has no root`);
    const schemas = doc.getElementsByTagNameNS(XS, 'schema');
    for (let i = 0; i < schemas.length; i++) {
      const schema = schemas.item(i);
      if (schema === null) continue;
      const children = Array.from(schema.childNodes).filter((c) => c.nodeType === 1) as unknown as Array<{ localName: string; getAttribute(name: string): string | null }>;
      const references = children.filter((c) => c.localName === 'include' || c.localName === 'import');
      if (children.every((c) => c.localName === 'include' || c.localName === 'import' || c.localName === 'annotation')) {
        // Only a way in: its documents are the entries.
        for (const r of references) {
          const location = r.getAttribute('schemaLocation');
          if (location) entries.push(path.join(folder, location));
        }
        continue;
      }
      for (let j = 0; j < root.attributes.length; j++) {
        const a = root.attributes.item(j);
        if (a !== null && a.name.startsWith('xmlns:') && !schema.hasAttribute(a.name)) schema.setAttributeNS('http://www.w3.org/2000/xmlns/', a.name, a.value);
      }
      const file = path.join(folder, `${path.basename(wsdl, '.wsdl')}-types-${i}.xsd`);
      fs.writeFileSync(file, new XMLSerializer().serializeToString(schema));
      entries.push(file);
    }
    const imports = doc.getElementsByTagNameNS(WSDL, 'import');
    for (let i = 0; i < imports.length; i++) {
      const location = imports.item(i)?.getAttribute('location');
      if (location?.endsWith('.wsdl')) visit(path.join(path.dirname(wsdl), location));
    }
  };
  visit(path.join(construct, 'service.wsdl'));
  return entries;
}

const folder = tempFolders('codegen-constructs-valid-');

describe.each(NAMES)('%s: what the package writes is schema-valid', (name) => {
  it('requests and responses of every operation', async () => {
    const construct = path.join(CONSTRUCTS, name);
    const work = folder();
    const bundle = buildSchemaBundle(schemaFiles(construct, work), [work]);
    const result = await generate({ cwd: construct, wsdl: 'service.wsdl', verify: false, mode: 'none' });
    if (result.ir === undefined) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const operations = (require(path.join(construct, 'golden', 'src')) as { operations: Readonly<Record<string, AnyCodec>> }).operations;
    // No attribute or header the schemas cannot judge (SOAP-envelope attributes, $extra headers).
    const arbs = buildArbitraries(result.ir, { anyAttributes: 'none', extraHeaders: false });
    const envelopes: string[] = [];
    for (const op of result.ir.bindings[0]?.operations ?? ([] as OperationDef[])) {
      const codec = Object.values(operations).find((c) => c.name === op.name); // keys differ for __proto__
      if (codec === undefined) throw new Error(`no codec for ${op.name}`);
      for (const [body, headers] of fc.sample(fc.tuple(arbs.requestBody(op), arbs.requestHeaders(op)), { numRuns: SAMPLES, seed: SEED })) {
        envelopes.push(codec.serializeRequest(body, headers));
      }
      if (op.output === undefined) continue;
      for (const [body, headers] of fc.sample(fc.tuple(arbs.responseBody(op), arbs.responseHeaders(op)), { numRuns: SAMPLES, seed: SEED })) {
        envelopes.push(codec.serializeResponse(body, headers));
      }
    }
    expect(envelopes.length).toBeGreaterThan(0);
    // The check splits envelopes with xmldom, which refuses U+FFFD and turns U+0085 and U+2028
    // into line ends (XML 1.1's rule): those become '?', one character for one.
    const verdicts = await validateEnvelopes(envelopes.map((e) => e.replace(/[\uFFFD\u0085\u2028]/g, '?')), bundle);
    // An xs:ID must be unique in its document, which random values need not be: libxml2 reports a
    // repeated one as "not a valid value of the atomic type 'xs:ID'". Only such errors are set aside.
    const repeatedId = (e: string): boolean => e.includes("of the atomic type 'xs:ID'");
    // libxml2 compares an element's fixed QName as text, prefix included; XML Schema compares the
    // names (namespace and local name), as the readers do and the writers' prefixes need. Set aside
    // only where the local names agree: the prefixes then differ, and the round-trip tests check the
    // namespaces.
    const fixedQNameAsText = (e: string): boolean => /The actual value '[\w.-]+:([\w.-]+)' does not match the fixed value constraint '[\w.-]+:\1'/.test(e);
    const setAside = (e: string): boolean => repeatedId(e) || fixedQNameAsText(e);
    const invalid = verdicts
      .flat()
      .filter((v) => !v.valid && !v.errors.every(setAside))
      .map((v) => `${v.element}: ${v.errors.filter((e) => !setAside(e)).slice(0, 2).join(' | ')}`);
    expect([...new Set(invalid)].slice(0, 5)).toEqual([]);
  }, 60000);
});

describe("an element's block that rules out some derived types (complex-restriction's referral)", () => {
  it('libxml2 refuses the xsi:type it rules out, and the writer refuses to write it; the others are written and valid', async () => {
    const construct = path.join(CONSTRUCTS, 'complex-restriction');
    const bundle = buildSchemaBundle(schemaFiles(construct, folder()), []);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const op = (require(path.join(construct, 'golden', 'src')) as { operations: Readonly<Record<string, AnyCodec>> }).operations['SaveContact'];
    if (op === undefined) throw new Error('no codec for SaveContact');
    const contact = { name: 'Ada', phone: ['1'], rank: 1 };
    const company = { $type: 'CompanyContact', name: 'Cy', company: 'Acme' };
    const allowed = [{ contact, referral: { name: 'Bo' } }, { contact, referral: { $type: 'Contact', name: 'Bo' } }, { contact, referral: { $type: 'PhoneOnlyContact', name: 'Bo', phone: ['2'], rank: 2 } }, { contact, fallback: company }];
    const written = allowed.map((body) => op.serializeRequest(body, {}));
    // What the writer would have written before it refused: fallback (which blocks nothing) renamed.
    const blocked = op.serializeRequest({ contact, fallback: company }, {}).replace(/:fallback\b/g, ':referral');
    const verdicts = (await validateEnvelopes([...written, blocked], bundle)).map((parts) => parts.map((v) => v.valid));
    expect(verdicts).toEqual([[true], [true], [true], [true], [false]]);
    expect(() => op.serializeRequest({ contact, referral: company }, {})).toThrow(/^SaveContact\.referral: \$type CompanyContact is derived from Contact by extension/);
  }, 60000);
});
