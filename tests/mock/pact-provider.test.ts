/**
 * Pact provider verification of every interaction in contracts/ against the reference mock on
 * loopback, through pact-verify's own verifier (pact-js' Verifier in a forked worker, so the Pact
 * core's report stays out of the test log), with each provider state set through the mock's control
 * plane over HTTP, as any team verifying their own provider would.
 */
import path from 'node:path';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { type RunningMock, startMock } from '../../src/mock';
import { PACT_FILE_NAME, readPact } from '../../src/pact-file';
import { verifyPact } from '../../src/pact-verify';
import { CONTRACTS_DIR } from '../../src/spec';

const pactFile = path.join(CONTRACTS_DIR, PACT_FILE_NAME);
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => mock?.close());

test('the reference mock honours every interaction of contracts/', async () => {
  const pact = readPact(pactFile);
  const result = await verifyPact({ target: mock.url, pactFile, pact, fixtures: DEFAULT_FIXTURES, controlPlane: true, timeoutMs: 30_000 });
  expect(result.interactions.filter((i) => i.status !== 'passed').map((i) => [i.description, i.findings.map((f) => f.message)])).toEqual(
    [],
  );

  // Every interaction reached the mock, and only the invalid-parameter ones broke a documented rule.
  const log = mock.handler.log.entries();
  expect(log).toHaveLength(pact.interactions.length);
  const broke = log.filter((entry) => entry.violations.length > 0).map((entry) => entry.errorType);
  expect(broke).toEqual(
    pact.interactions.filter((i) => i.description.includes('breaks a documented constraint')).map(() => 'InvalidParameterValueException'),
  );
});
