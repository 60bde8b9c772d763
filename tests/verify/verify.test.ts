/**
 * The engine end to end against real servers on loopback: the property-based part finds a planted
 * defect and shrinks it to a minimal request, a seed replays a run, fixtures without a theme skip
 * that operation with the reason, and the auth cases need a target that checks signatures.
 */
import { ToolError } from '../../src/errors';
import { DEFAULT_FIXTURES, type Fixtures } from '../../src/fixtures';
import { createSigV4Check, startMock } from '../../src/mock';
import { verify } from '../../src/verify';
import { type Middleware, startDefectiveMock } from '../support/defective-mock';

const options = { fixtures: DEFAULT_FIXTURES, seed: 11, examples: 30, concurrency: 4, timeoutMs: 3000 };

/** A planted defect only random inputs reach: a 500 for any UpdateUser Email over 10 characters. */
const longEmailFails: Middleware = (request, next) => {
  let email: unknown;
  try {
    email = (JSON.parse(request.body.toString('utf8')) as { Email?: unknown }).Email;
  } catch {
    // not JSON: left to the mock
  }
  if (!request.url.includes('/users/') || typeof email !== 'string' || email.length <= 10) return next(request);
  return {
    status: 500,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' },
    body: '{"Message":"boom"}',
  };
};

test('the valid-requests property finds a 500 on long Emails and shrinks it to an 11-character Email', async () => {
  const mock = await startDefectiveMock(longEmailFails);
  try {
    const result = await verify({ ...options, target: mock.url, operations: ['UpdateUser'] });
    const property = result.cases.find((c) => c.id === 'UpdateUser/property/valid');
    expect(property?.status).toBe('failed');
    expect(property?.findings.map((f) => f.check)).toContain('no-server-error');
    const sent = JSON.parse(property?.request?.body ?? '{}') as Record<string, unknown>;
    expect(String(sent.Email)).toHaveLength(11);
    expect(property?.property?.shrinks).toBeGreaterThan(0);
  } finally {
    await mock.close();
  }
}, 30_000);

test('the same seed replays the same shrunk request', async () => {
  const mock = await startDefectiveMock(longEmailFails);
  try {
    const bodies = [];
    for (let i = 0; i < 2; i += 1) {
      const result = await verify({ ...options, target: mock.url, operations: ['UpdateUser'], checks: ['no-server-error'] });
      bodies.push(result.cases.find((c) => c.id === 'UpdateUser/property/valid')?.request?.body);
    }
    expect(bodies[0]).toBeDefined();
    expect(bodies[1]).toBe(bodies[0]);
  } finally {
    await mock.close();
  }
}, 30_000);

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
    const result = await verify({ ...options, fixtures, target: mock.url, operations: ['UpdateCustomPermissions', 'UpdateUser'] });
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
