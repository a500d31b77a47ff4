// One run covers unit specs (src/**/*.spec.ts) and e2e specs (test/**/*.e2e-spec.ts).
// Nest 12 ships ES modules only, so swc compiles @nestjs too and tests stay CommonJS.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '(src/.*\\.spec|test/.*\\.e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Packages that ship ES modules only must be compiled too; add one here when Jest says "Must use import".
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@electric-sql|content-disposition|@fastify/cookie|cookie)/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 30000,
};
