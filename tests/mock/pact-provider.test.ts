/**
 * Pact provider verification of every interaction in contracts/ against the reference mock on
 * loopback, with each provider state set through the mock's control plane over HTTP, as any team
 * verifying their own provider would.
 */
import path from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { STATES } from '../../src/fixtures';
import { type RunningMock, startMock } from '../../src/mock';
import { PACT_FILE_NAME, PROVIDER, readPactFile } from '../../src/pact';
import { CONTRACTS_DIR } from '../../src/spec';

const pactFile = path.join(CONTRACTS_DIR, PACT_FILE_NAME);
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => mock?.close());

async function control(route: string, body: unknown): Promise<undefined> {
  const response = await fetch(`${mock.url}/_mock/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control plane ${route}: ${response.status} ${await response.text()}`);
  return undefined;
}

test('the reference mock honours every interaction of contracts/', async () => {
  const stateHandlers = Object.fromEntries(
    Object.values(STATES).map((state) => [
      state,
      {
        setup: async (params?: unknown) => control('provider-states', { state, params, action: 'setup' }),
        teardown: async () => control('provider-states', { state, action: 'teardown' }),
      },
    ]),
  );
  const output = await new Verifier({
    provider: PROVIDER,
    providerBaseUrl: mock.url,
    pactUrls: [pactFile],
    // pact-js types stateHandlers as HTTP and message handlers at once; these are HTTP ones.
    stateHandlers: stateHandlers as unknown as VerifierOptions['stateHandlers'],
    logLevel: 'error',
  }).verifyProvider();
  expect(output).toBeDefined();

  // Every interaction reached the mock, and only the invalid-parameter ones broke a documented rule.
  const interactions = readPactFile(pactFile).interactions;
  const log = mock.handler.log.entries();
  expect(log).toHaveLength(interactions.length);
  const broke = log.filter((entry) => entry.violations.length > 0).map((entry) => entry.errorType);
  expect(broke).toEqual(
    interactions.filter((i) => i.description.includes('breaks a documented constraint')).map(() => 'InvalidParameterValueException'),
  );
});
