// Jest compiles TypeScript with swc; the ESM-only @nestjs and friends are compiled to CommonJS too
// (Node 20 cannot require them from Jest's module system otherwise).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': swc,
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uid|load-esm|@apollo|@as-integrations|graphql-ws|@whatwg-node|file-type|strtok3|token-types|@tokenizer|uint8array-extras|cookie)/)',
  ],
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/libs/$1' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
