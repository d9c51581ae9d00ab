// Random schemas (test/support/random-schema.ts): whatever the input, the generator writes a
// package that type-checks or reports what is wrong with the schema; it never reports a bug of
// its own (GENERATED_CODE_INVALID) nor throws. Each class of generator bug such schemas found is
// also a construct fixture; this test keeps looking along the same lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../../generator';
import { randomSchema } from '../support/random-schema';
import { tempFolders } from '../support/tmp';

const folder = tempFolders('codegen-random-');
const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

describe('random schemas', () => {
  it('generate a package that type-checks, or say what is wrong with the schema', async () => {
    const bugs: string[] = [];
    let generated = 0;
    for (const seed of SEEDS) {
      const dir = folder();
      for (const [name, text] of Object.entries(randomSchema(seed).files)) fs.writeFileSync(path.join(dir, name), text);
      try {
        const result = await generate({ cwd: dir, wsdl: 'entry.xsd', allTypes: true, mode: 'none' });
        if (result.ok) generated++;
        for (const d of result.diagnostics) {
          if (d.code === 'GENERATED_CODE_INVALID') bugs.push(`seed ${seed}: ${d.file}:${d.line}:${d.col} ${d.message}`);
        }
      } catch (e) {
        bugs.push(`seed ${seed}: threw ${(e as Error).stack ?? String(e)}`);
      }
    }
    expect(bugs).toEqual([]);
    // The test must not drift into inputs every generator refuses. Of these 60, 23 generate: 25
    // break Unique Particle Attribution (AMBIGUOUS_CONTENT, as libxml2 finds too), 12 other rules.
    expect(generated).toBeGreaterThanOrEqual(SEEDS.length * 0.35);
  }, 300_000);
});
