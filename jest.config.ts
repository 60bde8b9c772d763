import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck` (tsc over src and tests); here ts-jest only transpiles,
  // which keeps a full run within the CI budget of the 2-core machine.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Pact's mock server and the Chromium test are heavier than unit tests.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  reporters: ['default', '<rootDir>/tests/support/closing-line-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
