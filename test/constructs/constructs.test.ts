import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorsOf, expectGolden, generateAt } from '../support/generate';

// One small WSDL/XSD per construct; each must generate a package that type-checks
// (the verify stage runs in generate()) and matches its reviewed golden copy. The entry is
// service.wsdl, or service.xsd for a schema given without a WSDL.
const here = __dirname;
const entryOf = (name: string): string | undefined => ['service.wsdl', 'service.xsd'].find((f) => fs.existsSync(path.join(here, name, f)));
const folders = fs
  .readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && entryOf(e.name) !== undefined)
  .map((e) => e.name)
  .sort();

describe('constructs', () => {
  it('has a fixture for every construct the generator promises', () => {
    for (const name of ['sequence-choice-all', 'complex-extension', 'complex-restriction', 'simple-content', 'attributes', 'model-groups', 'element-refs', 'simple-types', 'list-union', 'any', 'substitution-groups', 'abstract-types', 'nillable', 'mixed-content', 'anonymous-types', 'name-collisions', 'builtins', 'chameleon-include', 'redefine', 'import-chain', 'cyclic-include', 'soap12', 'rpc-literal', 'document-bare', 'no-service', 'multiple-bindings', 'one-way', 'recursive-types', 'xsd-entry', 'counted']) {
      expect(folders).toContain(name);
    }
  });

  it.each(folders)('%s generates a strictly typed package equal to its golden', async (name) => {
    const result = await generateAt({ wsdl: path.join('test', 'constructs', name, entryOf(name) ?? ''), out: path.join('test', 'constructs', name, 'golden'), packageName: `construct-${name}` });
    expect(errorsOf(result)).toBe('');
    expect(result.ok).toBe(true);
    expectGolden(path.join(here, name, 'golden'), result.files);
  });
});
