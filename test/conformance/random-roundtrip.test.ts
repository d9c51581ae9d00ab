// Random schemas (test/support/random-schema.ts): for every global element of each, random values
// of its type (test/support/arbitraries.ts) are written as a document by the generated package,
// read back unchanged and without a warning, and the documents written are valid for libxml2.
// The construct fixtures cover each construct on its own; these mix them.
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../../generator';
import { splitQName } from '../../generator/ir';
import { buildArbitraries } from '../support/arbitraries';
import { randomSchema, type RandomSchemaOptions } from '../support/random-schema';
import { tempFolders } from '../support/tmp';
import { validateDocuments, type SchemaBundle } from '../support/xsd-bundle';

const folder = tempFolders('codegen-random-rt-');
const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);
const RUNS = 12;

interface DocumentCodec {
  parse(xml: string, options?: { strict?: boolean }): { value: unknown; warnings: unknown[] };
  serialize(value: never): string;
}

interface Outcome {
  failures: string[];
  /** Schemas the generator took, and global elements round-tripped. */
  schemas: number;
  elements: number;
  orderNotKept: number;
}

async function roundTrips(options: RandomSchemaOptions): Promise<Outcome> {
  const out: Outcome = { failures: [], schemas: 0, elements: 0, orderNotKept: 0 };
  for (const seed of SEEDS) {
    const dir = folder();
    const { files } = randomSchema(seed, options);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    // Schemas XML Schema refuses (two particles for one element, say) are refused with their reason.
    const result = await generate({ cwd: dir, wsdl: 'entry.xsd', allTypes: true, out: 'out', mode: 'write', verify: false });
    if (!result.ok || result.ir === undefined) continue;
    // Where the generator says it cannot keep an order, a round trip cannot hold (README).
    if (result.diagnostics.some((d) => d.code === 'CHOICE_ORDER_NOT_KEPT')) {
      out.orderNotKept++;
      continue;
    }
    out.schemas++;
    const ir = result.ir;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { documents } = require(path.join(dir, 'out', 'src')) as { documents: Record<string, DocumentCodec> };
    const arbitraries = buildArbitraries(ir, { anyAttributes: 'none', anyMixedContent: true, maxRepeat: 2, maxDepth: 3 });
    const written: string[] = [];
    for (const key of ir.reachable.elements) {
      const decl = ir.elements[key];
      const local = splitQName(key).local;
      // Keyed as properties are named: `__proto__` is `__proto___`, and never an inherited member.
      const codec = [local, `${local}_`].filter((k) => Object.hasOwn(documents, k)).map((k) => documents[k])[0];
      if (decl === undefined || decl.abstract || codec === undefined) continue;
      out.elements++;
      const run = fc.check(
        fc.property(arbitraries.elementValue(decl.type, decl.nillable), (value) => {
          const xml = codec.serialize(value as never);
          const back = codec.parse(xml);
          expect(back.warnings).toEqual([]);
          expect(back.value).toStrictEqual(value);
          if (written.length < 40) written.push(xml);
        }),
        { numRuns: RUNS, seed },
      );
      const message = String((run.errorInstance as Error | undefined)?.message);
      // A required element whose type is abstract with nothing derived from it has no valid value
      // (ABSTRACT_TYPE_NOT_DERIVED), nor one whose type requires an element that cannot appear
      // (ELEMENT_NEVER_APPEARS): writers refuse one, rightly.
      if (run.failed && /is abstract, and the package knows no type derived from it|has no valid instance/.test(message)) continue;
      if (run.failed) out.failures.push(`seed ${seed}, ${key}: ${message.slice(0, 800)}\n  value: ${fc.stringify(run.counterexample).slice(0, 400)}`);
    }
    const bundle: SchemaBundle = { files: Object.entries(files).map(([fileName, contents]) => ({ fileName, contents })), mainFileName: 'entry.xsd', warnings: [], sources: [] };
    let verdicts: Awaited<ReturnType<typeof validateDocuments>> = [];
    try {
      verdicts = await validateDocuments(written, bundle);
    } catch (e) {
      // libxml2 refuses some content models that only counting makes deterministic (c{2}, d?, c?),
      // which XML Schema allows: no verdict then.
      if (!/The content model is not determinist/.test(String(e))) out.failures.push(`seed ${seed}: libxml2 could not compile the schema: ${String(e).slice(0, 600)}`);
    }
    verdicts.forEach((v, i) => {
      // libxml2 compares some fixed values as text (a prefixed QName, 1E3 against 1000): the
      // readers compare them as values, and the round trip above requires no fixed-value warning.
      const errors = v.errors.filter((e) => !/does not match the fixed value constraint/.test(e));
      if (errors.length > 0) out.failures.push(`seed ${seed}: libxml2 refuses what the package wrote: ${errors.join(' | ')}\n  ${written[i]?.slice(0, 600)}`);
    });
  }
  return out;
}

describe('random schemas', () => {
  it('unambiguous ones write documents that read back unchanged and that libxml2 finds valid', async () => {
    const { failures, schemas, elements, orderNotKept } = await roundTrips({ unambiguous: true });
    expect(failures).toEqual([]);
    expect(orderNotKept).toBeLessThanOrEqual(SEEDS.length * 0.2);
    // The test must keep testing: most random schemas generate, with documents to write.
    expect(schemas).toBeGreaterThanOrEqual(SEEDS.length * 0.6);
    expect(elements).toBeGreaterThanOrEqual(schemas * 2);
  }, 600_000);

  // Element references, substitution groups, shared model groups and wildcards of every kind:
  // most such schemas break Unique Particle Attribution, which the generator refuses, as
  // validators do; the others must round-trip as well. Beyond these seeds, runs find what
  // README lists as not kept: lists XML cannot tell apart, and counted groups around wildcards.
  it('unrestricted ones the generator takes do so too', async () => {
    const { failures, schemas, elements } = await roundTrips({});
    expect(failures).toEqual([]);
    expect(schemas).toBeGreaterThanOrEqual(SEEDS.length * 0.25);
    expect(elements).toBeGreaterThanOrEqual(schemas * 2);
  }, 600_000);
});
