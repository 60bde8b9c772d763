/**
 * The engine end to end against real servers on loopback: the stateful property finds a seeded
 * defect that only shows across requests and shrinks it to the shortest failing sequence, a seed replays it, fixtures without a theme skip
 * that operation with the reason, and the auth cases need a target that checks signatures.
 */
import { ToolError } from '../../src/errors';
import { DEFAULT_FIXTURES, type Fixtures } from '../../src/fixtures';
import { createSigV4Check, startMock } from '../../src/mock';
import { verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';

const options = { fixtures: DEFAULT_FIXTURES, seed: 11, examples: 30, concurrency: 4, timeoutMs: 20_000 };

/** The UpdateUser property's shrunk sequence, with the ports of the mock blanked: what a replay must reproduce. */
async function shrunkSequence(
  seed: number,
): Promise<{ status?: string; codes?: string[]; steps?: { step: string; answer: string; body: string }[] }> {
  const mock = await startDefectiveMock('later-update-drops-profile');
  try {
    const result = await verify({ ...options, seed, target: mock.url, operations: ['UpdateUser'] });
    const property = result.cases.find((c) => c.id === 'UpdateUser/property/stateful');
    return {
      status: property?.status,
      codes: property?.findings.map((f) => f.code),
      steps: property?.sequence?.map((s) => ({ step: s.step, answer: s.answer, body: /--data-binary '(.*)'$/.exec(s.curl)?.[1] ?? '' })),
    };
  } finally {
    await mock.close();
  }
}

/** The first run with the seed: the shrinking test reads it, the replay test compares a second run with it. */
let firstRun: ReturnType<typeof shrunkSequence> | undefined;
const firstShrunk = () => {
  firstRun ??= shrunkSequence(options.seed);
  return firstRun;
};

test('the stateful property finds a profile dropped by a later update and shrinks it to the two steps that show it', async () => {
  const shrunk = await firstShrunk();
  expect(shrunk.status).toBe('failed');
  expect(shrunk.codes).toContain('behaviour.update-not-reflected');
  // The shortest sequence that fails: apply the profile, then an update that names none (and does not unapply).
  expect(shrunk.steps?.map((s) => s.step)).toEqual(['1', '2']);
  const [apply, later] = (shrunk.steps ?? []).map((s) => JSON.parse(s.body) as Record<string, unknown>);
  expect(apply?.CustomPermissionsName).toBe('ReadOnlyAnalysts');
  expect(later).not.toHaveProperty('CustomPermissionsName');
  expect(later).not.toHaveProperty('UnapplyCustomPermissions');
  expect(shrunk.steps?.every((s) => s.answer === '200')).toBe(true);
}, 60_000);

test('the same seed replays the same shrunk sequence against a fresh target', async () => {
  const first = await firstShrunk();
  expect(first.steps?.length).toBeGreaterThan(0);
  expect(await shrunkSequence(options.seed)).toEqual(first);
}, 60_000);

test('fixtures with no theme: nothing unchecked passes — the run refuses (exit 2) unless --operations leaves the operation out', async () => {
  const fixtures: Fixtures = { ...DEFAULT_FIXTURES, themes: [] };
  const mock = await startMock({ fixtures });
  try {
    const refused = await verify({ ...options, fixtures, target: mock.url }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ToolError);
    expect(refused).toMatchObject({
      code: 'NOTHING_TO_CHECK',
      message: expect.stringContaining('UpdateThemePermissions (the fixtures hold no theme)'),
    });
    expect((refused as ToolError).hint).toContain('--operations UpdateCustomPermissions,UpdateUser');
    // Which operations run is the point here, not the random requests.
    const result = await verify({
      ...options,
      examples: 0,
      fixtures,
      target: mock.url,
      operations: ['UpdateCustomPermissions', 'UpdateUser'],
    });
    expect(result.cases.filter((c) => c.operationId === 'UpdateThemePermissions')).toEqual([]);
    expect(result.verdict).toBe('pass');
  } finally {
    await mock.close();
  }
});

const credentials = { accessKeyId: 'AKIDQSCONTRACTTEST01', secretAccessKey: 'test-secret' };

const AUTH_CASES = ['unsigned', 'wrong-secret', 'expired', 'body-changed'];

test('with credentials, a mock that checks SigV4 refuses the unsigned, wrongly signed, stale and altered copies, and passes', async () => {
  const mock = await startMock({ signature: createSigV4Check({ credentials: [credentials], region: 'us-east-1' }) });
  try {
    const result = await verify({ ...options, examples: 5, target: mock.url, credentials });
    const auth = result.cases.filter((c) => c.kind === 'auth');
    expect(auth.map((c) => c.id).sort()).toEqual(result.operations.flatMap((op) => AUTH_CASES.map((a) => `${op}/auth/${a}`)).sort());
    expect(auth.every((c) => c.status === 'passed' && c.checks.includes('auth-enforced'))).toBe(true);
    expect(result.verdict).toBe('pass');
  } finally {
    await mock.close();
  }
});

test('with credentials, a mock that accepts anything fails auth-enforced on every operation', async () => {
  const mock = await startMock();
  try {
    const result = await verify({ ...options, examples: 0, target: mock.url, credentials });
    const failed = result.cases.filter((c) => c.findings.some((f) => f.check === 'auth-enforced'));
    expect(failed.map((c) => c.id).sort()).toEqual(result.operations.flatMap((op) => AUTH_CASES.map((a) => `${op}/auth/${a}`)).sort());
    expect(result.verdict).toBe('fail');
  } finally {
    await mock.close();
  }
});

test('with temporary credentials, every request carries the session token, signed, and the report blanks it', async () => {
  const temporary = { ...credentials, accessKeyId: 'ASIAQSCONTRACTTEST02', sessionToken: 'verify-session-token-9b2f' };
  const mock = await startMock({ signature: createSigV4Check({ credentials: [temporary], region: 'us-east-1' }) });
  try {
    const result = await verify({ ...options, examples: 2, target: mock.url, credentials: temporary });
    expect(result.verdict).toBe('pass');
    const signed = mock.handler.log.entries().filter((e) => e.signature.defect === undefined);
    expect(signed.length).toBeGreaterThan(0);
    const text = JSON.stringify(result);
    expect(text).not.toContain(temporary.sessionToken);
    expect(text).not.toContain(temporary.secretAccessKey);
    const withToken = result.cases.filter((c) => c.request?.headers['x-amz-security-token'] !== undefined);
    expect(withToken.length).toBeGreaterThan(0);
    for (const c of withToken) {
      expect(c.request?.headers['x-amz-security-token']).toBe('<redacted>');
      expect(c.curl).toContain('"x-amz-security-token: $AWS_SESSION_TOKEN"');
    }
  } finally {
    await mock.close();
  }
});
