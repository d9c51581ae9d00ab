import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTemplates, precompileModule, type PrecompiledSet } from '../../../generator/render/templates';
import { tempFolders } from '../../support/tmp';

describe('templates: precompiled at build, compiled when stale', () => {
  const folder = tempFolders('codegen-templates-');

  /** A template folder with one template using a partial and a helper, and its precompiled module. */
  const fixture = (): { dir: string; precompiled: PrecompiledSet } => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'partials'));
    fs.writeFileSync(path.join(dir, 'list.ts.hbs'), "{{#each items}}{{> item}}{{/each}}// {{join names ' & '}}\n");
    fs.writeFileSync(path.join(dir, 'partials', 'item.hbs'), 'export const {{name}} = "<{{value}}>";\n');
    const file = path.join(dir, 'precompiled.js');
    fs.writeFileSync(file, precompileModule(dir));
    return { dir, precompiled: require(file) as PrecompiledSet };
  };
  const view = { items: [{ name: 'a', value: 'x&y' }], names: ['a', 'b'] };
  const expected = 'export const a = "<x&y>";\n// a & b\n';

  it('renders from the precompiled specs without loading the compiler', () => {
    const { dir, precompiled } = fixture();
    let out = '';
    jest.isolateModules(() => {
      jest.doMock('handlebars', () => {
        throw new Error('the Handlebars compiler was loaded');
      });
      jest.doMock('handlebars/runtime', () => {
        throw new Error("the runtime's tree of modules was loaded, not its one-file build");
      });
      const { loadTemplates: load } = require('../../../generator/render/templates') as typeof import('../../../generator/render/templates');
      out = load(dir, precompiled).get('list.ts')?.({ ...view }) ?? '';
    });
    jest.dontMock('handlebars');
    jest.dontMock('handlebars/runtime');
    expect(out).toBe(expected);
  });

  it('compiles the same output when there is no precompiled set', () => {
    const { dir } = fixture();
    expect(loadTemplates(dir, undefined).get('list.ts')?.(view)).toBe(expected);
  });

  it('compiles afresh a template edited after the build, and a partial added since', () => {
    const { dir, precompiled } = fixture();
    fs.writeFileSync(path.join(dir, 'list.ts.hbs'), '{{#each items}}{{> item}}{{/each}}{{> footer}}\n');
    fs.writeFileSync(path.join(dir, 'partials', 'footer.hbs'), '// edited\n');
    expect(loadTemplates(dir, precompiled).get('list.ts')?.(view)).toBe('export const a = "<x&y>";\n// edited\n\n');
  });

  it('is strict: a missing field is an error, not an empty string', () => {
    const { dir, precompiled } = fixture();
    expect(() => loadTemplates(dir, precompiled).get('list.ts')?.({ items: [{ name: 'a' }], names: [] })).toThrow(/value/);
  });
});
