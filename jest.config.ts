/**
 * @jest-config-loader ts-node
 * @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"module": "CommonJS", "moduleResolution": "Node10"}}
 */
// ts-node type-checks by default: 3 s of CPU before the first test. `npm run typecheck` covers this file.
import type { Config } from 'jest';

type Project = Exclude<NonNullable<Config['projects']>[number], string>;

const common: Project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  // Type checking is `npm run typecheck` (tsc over src and tests); here SWC only transpiles, several
  // times faster than ts-jest on the 2-core machine.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
    ],
  },
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
};

/**
 * The end-to-end suites, `npm run test:e2e`: the packed tarball installed, Chromium, moto, the
 * seeded defect catalogue, hostile answers and random requests at full size, check-client with the
 * AWS CLI, boto3 and hand-signed SigV4 clients, verify under every reading of the register (directly
 * and through the proxy), two default runs compared case by case (determinism), Pact's own verifier
 * (pact-verify), and the CLI where a run is a process or a whole session: proxy, verify on a target
 * one does not own (--restore, --rate, --config), the CI reports, a terminal. `npm test` runs
 * everything else, in at most 45 s on two cores. A file joins them by its name, `*.e2e.test.ts`.
 */
const E2E = ['\\.e2e\\.test\\.ts$'];

const config: Config = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', ...E2E] },
    { ...common, displayName: 'e2e', testRegex: E2E },
  ],
  // Builds dist/ for the tests that run the CLI in a child process.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  reporters: ['default', '<rootDir>/tests/support/closing-line-reporter.js'],
  maxWorkers: 2,
  // A global option: Jest reads no testTimeout from a project.
  testTimeout: 60_000,
};

export default config;
