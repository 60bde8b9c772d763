import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck` (tsc over src and tests); here SWC only transpiles, several
  // times faster than ts-jest on the 2-core machine.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
    ],
  },
  // Pact's mock server and the Chromium test are heavier than unit tests.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  reporters: ['default', '<rootDir>/tests/support/closing-line-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
