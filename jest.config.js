/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only: type errors are caught by `npm run build` and by the typecheck test.
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@wsdl-codegen/runtime$': '<rootDir>/runtime/src/index.ts',
  },
  testTimeout: 60000,
};
