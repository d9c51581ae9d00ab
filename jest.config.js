/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only (tsconfig's isolatedModules): types are checked by `npm run build`,
    // the verify stage and the typecheck test, not once per test file.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@wsdl-codegen/runtime$': '<rootDir>/runtime/src/index.ts',
    '^@wsdl-codegen/runtime/names$': '<rootDir>/runtime/src/names.ts',
    // Generated sources import each other as './types.js' (ES module style); the files are .ts.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 60000,
};
