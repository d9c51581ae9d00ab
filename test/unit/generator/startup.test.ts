// Cold start is part of the generation budget (0.5 s for the MS-OXWSCOS closure without the type
// check): the generator takes its name table from '@wsdl-codegen/runtime/names', never the runtime's
// public entry, which loads the HTTP transport (undici alone is some 110 modules).
describe('generator startup', () => {
  it('loads neither the transport nor its dependencies', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const name of ['undici', 'httpntlm', '@wsdl-codegen/runtime']) {
        jest.doMock(name, () => {
          loaded.push(name);
          return {};
        });
      }
      // The API and the CLI, with every stage module they import.
      require('../../../generator/index');
      require('../../../generator/cli');
    });
    expect(loaded).toEqual([]);
  });
});
