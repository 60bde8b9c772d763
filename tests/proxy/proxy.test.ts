/**
 * The proxy on real parts: the real AWS SDK for JavaScript v3 → the proxy → the reference mock (or
 * a seeded defect of it, or a variant the contract tolerates) over loopback; the faulty clients of
 * check-client's tests through it; signatures forwarded and re-signed to a mock that verifies them.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import * as QS from '@aws-sdk/client-quicksight';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { createSigV4Check, type RunningMock, startMock } from '../../src/mock';
import { type ProxiedExchange, type RunningProxy, startProxy } from '../../src/proxy';
import { loadSpec } from '../../src/spec';
import { startDefectiveMock, TOLERATED } from '../support/defective-mock';
import { HANG_UP } from '../support/middleware';

const run = promisify(execFile);
const model = loadSpec();
const ACCOUNT = BUILTIN_FIXTURES.accountId;
const USER_GROUPING = model.operation('UpdateThemePermissions').validGroupings?.user ?? [];
const bob = `arn:aws:quicksight:us-east-1:${ACCOUNT}:user/default/bob`;
const KEYS = { accessKeyId: 'AKIDPROXYEXAMPLE', secretAccessKey: 'proxy-example-secret' };

function sdk(url: string, credentials = KEYS): QS.QuickSightClient {
  return new QS.QuickSightClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** What a client of the three operations does in a day: updates, a grant and its revoke, a profile, a user that is not there. */
const TRAFFIC = [
  new QS.UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice', Email: 'alice@example.org', Role: 'AUTHOR' }),
  new QS.UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice', Email: 'alice@example.org', Role: 'AUTHOR' }),
  new QS.UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'eve/ops', Email: 'eve@example.org', Role: 'READER' }),
  new QS.UpdateThemePermissionsCommand({
    AwsAccountId: ACCOUNT,
    ThemeId: 'corporate-theme',
    GrantPermissions: [{ Principal: bob, Actions: USER_GROUPING }],
  }),
  new QS.UpdateThemePermissionsCommand({
    AwsAccountId: ACCOUNT,
    ThemeId: 'corporate-theme',
    RevokePermissions: [{ Principal: bob, Actions: USER_GROUPING }],
  }),
  new QS.UpdateCustomPermissionsCommand({
    AwsAccountId: ACCOUNT,
    CustomPermissionsName: 'ReadOnlyAnalysts',
    Capabilities: { ExportToCsv: 'DENY' },
  }),
  new QS.UpdateUserCommand({
    AwsAccountId: ACCOUNT,
    Namespace: 'default',
    UserName: 'alice',
    Email: 'alice@example.org',
    Role: 'READER',
    CustomPermissionsName: 'ReadOnlyAnalysts',
  }),
  new QS.UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'nobody', Email: 'n@example.org', Role: 'READER' }),
];

async function drive(url: string, credentials = KEYS): Promise<unknown[]> {
  const client = sdk(url, credentials);
  const outcomes: unknown[] = [];
  for (const command of TRAFFIC) outcomes.push(await client.send(command as never).catch((error: unknown) => error));
  client.destroy();
  return outcomes;
}

const codes = (exchanges: ProxiedExchange[]) =>
  exchanges.flatMap((e) => e.findings.filter((f) => f.severity === 'error').map((f) => f.code));

describe('the SDK through the proxy to the reference mock', () => {
  let mock: RunningMock;
  let proxy: RunningProxy;
  beforeEach(async () => {
    mock = await startMock({ fixtures: BUILTIN_FIXTURES });
    proxy = await startProxy({ upstream: mock.url });
  });
  afterEach(async () => {
    await proxy.close();
    await mock.close();
  });

  test('every exchange conforms, and the later ones on a resource are judged on the state the earlier answers left', async () => {
    await drive(proxy.url);
    const result = await proxy.close();
    expect(codes(result.exchanges)).toEqual([]);
    expect(result.verdict).toBe('pass');
    expect(result.exchanges.map((e) => [e.seq, e.operationId, e.response?.status, e.judged])).toEqual([
      [1, 'UpdateUser', 200, 'per-exchange'],
      [2, 'UpdateUser', 200, 'followed'],
      [3, 'UpdateUser', 200, 'per-exchange'],
      [4, 'UpdateThemePermissions', 200, 'per-exchange'],
      [5, 'UpdateThemePermissions', 200, 'followed'],
      [6, 'UpdateCustomPermissions', 200, 'per-exchange'],
      // A profile the earlier answers on alice did not model: judged on its own again.
      [7, 'UpdateUser', 200, 'per-exchange'],
      [8, 'UpdateUser', 404, 'per-exchange'],
    ]);
    expect(result.summary).toMatchObject({ exchanges: 8, conforming: 8, followed: 2, perExchange: 6, errors: 0 });
  });

  test('nothing changes in transit: the mock receives what the SDK sent, and the SDK reads what the mock answered', async () => {
    const outcomes = await drive(proxy.url);
    const log = mock.handler.log.entries();
    const result = await proxy.close();
    expect(log.map((e) => [e.method, e.path, e.body, e.contentType])).toEqual(
      result.exchanges.map((e) => [e.method, e.path, e.request.body, e.request.contentType]),
    );
    // The SDK signed for the proxy's address and the mock saw that signature, Host included.
    expect(log.every((e) => e.signature.defect === undefined && e.signature.accessKeyId === 'AKID…MPLE')).toBe(true);
    const first = outcomes[0] as QS.UpdateUserCommandOutput;
    expect(first.User).toMatchObject({ UserName: 'alice', Email: 'alice@example.org', Role: 'AUTHOR' });
    expect(first.RequestId).toBe(JSON.parse(result.exchanges[0]?.response?.body ?? '{}').RequestId);
    expect(outcomes[7]).toBeInstanceOf(QS.ResourceNotFoundException);
  });

  test('requests outside the three operations pass through unjudged; one that may change anything forgets what was followed', async () => {
    const client = sdk(proxy.url);
    await client.send(TRAFFIC[0] as never);
    // DescribeUser and DeleteUser share UpdateUser's path; the mock knows neither, the proxy passes both on.
    await client
      .send(new QS.DescribeUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' }))
      .catch(() => undefined);
    await client.send(new QS.DeleteUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' })).catch(() => undefined);
    await client.send(TRAFFIC[1] as never);
    client.destroy();
    const result = await proxy.close();
    expect(result.exchanges.map((e) => [e.method, e.verdict, e.judged])).toEqual([
      ['PUT', 'conforms', 'per-exchange'],
      ['GET', 'outside', 'none'],
      ['DELETE', 'outside', 'none'],
      ['PUT', 'conforms', 'per-exchange'],
    ]);
    expect(result.summary).toMatchObject({ outside: 2, conforming: 2 });
    expect(result.verdict).toBe('pass');
  });

  test('requests on one resource that overlap in time are each judged on their own', async () => {
    const client = sdk(proxy.url);
    await client.send(TRAFFIC[0] as never);
    await Promise.all([client.send(TRAFFIC[0] as never), client.send(TRAFFIC[1] as never), client.send(TRAFFIC[0] as never)]);
    client.destroy();
    const result = await proxy.close();
    expect(codes(result.exchanges)).toEqual([]);
    expect(result.exchanges.slice(1).filter((e) => e.judged === 'per-exchange').length).toBeGreaterThanOrEqual(2);
  });

  test('no request through the proxy is a failed run: nothing was checked', async () => {
    const result = await proxy.close();
    expect(result.verdict).toBe('fail');
    expect(result.reasons).toEqual(['no request went through the proxy: nothing was checked']);
  });
});

describe('the SDK through the proxy to a defective upstream', () => {
  test.each<[string, string, { seq: number; judged?: ProxiedExchange['judged'] }]>([
    ['update-not-applied', 'behaviour.update-not-reflected', { seq: 1 }],
    // Only the state the grant left shows that the revoke was ignored.
    ['theme-revokes-ignored', 'behaviour.update-not-reflected', { seq: 5, judged: 'followed' }],
    ['repeat-not-idempotent', 'behaviour.update-not-reflected', { seq: 2, judged: 'followed' }],
    ['created-201', 'response.status.undocumented', { seq: 1 }],
    ['no-request-id', 'response.request-id.missing', { seq: 1 }],
    ['status-in-body-differs', 'response.status-in-body.mismatch', { seq: 6 }],
    ['not-found-as-400', 'response.error-type.wrong-status', { seq: 8 }],
    ['error-without-type', 'response.error-type.missing', { seq: 8 }],
    ['active-as-string', 'response.body.schema', { seq: 1 }],
  ])('%s: %s', async (defect, code, at) => {
    const upstream = await startDefectiveMock(defect);
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      await drive(proxy.url);
      const result = await proxy.close();
      expect(result.verdict).toBe('fail');
      const exchange = result.exchanges.find((e) => e.seq === at.seq);
      expect(codes(exchange ? [exchange] : [])).toContain(code);
      if (at.judged) expect(exchange?.judged).toBe(at.judged);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  test.each(Object.keys(TOLERATED).filter((name) => name !== 'empty-segment-unknown-path'))(
    'a variant the contract tolerates passes: %s',
    async (variant) => {
      const upstream = await startDefectiveMock(variant);
      const proxy = await startProxy({ upstream: upstream.url });
      try {
        await drive(proxy.url);
        const result = await proxy.close();
        expect(codes(result.exchanges)).toEqual([]);
        expect(result.verdict).toBe('pass');
      } finally {
        await proxy.close();
        await upstream.close();
      }
    },
  );
});

/**
 * Each fault is a request of its own (the client sends them in order, one process for all of them);
 * a faulty request changes nothing upstream, so each exchange is judged as if it came alone.
 */
describe('a faulty client through the proxy', () => {
  const FAULTY = path.join(__dirname, '../client/clients/faulty-client.js');
  const FAULTS: [string, string[], ProxiedExchange['verdict']][] = [
    ['role-case', ['request.body.invalid'], 'violates'],
    ['missing-email', ['request.body.invalid'], 'violates'],
    ['post', ['request.method'], 'violates'],
    ['form-body', ['request.body.not-json', 'request.content-type'], 'violates'],
    ['raw-slash', ['request.path.unknown'], 'unmatched'],
    ['long-account', ['request.path.parameter'], 'violates'],
    ['capability-boolean', ['request.body.invalid'], 'violates'],
  ];
  let result: Awaited<ReturnType<RunningProxy['close']>>;
  beforeAll(async () => {
    const mock = await startMock({ fixtures: BUILTIN_FIXTURES });
    const proxy = await startProxy({ upstream: mock.url });
    try {
      await run(process.execPath, [FAULTY, ...FAULTS.map(([fault]) => fault)], {
        env: {
          ...process.env,
          AWS_ENDPOINT_URL: proxy.url,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
        },
        timeout: 30_000,
      });
      result = await proxy.close();
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  test('one exchange per faulty request, and the run fails', () => {
    expect(result.exchanges).toHaveLength(FAULTS.length);
    expect(result.verdict).toBe('fail');
  });

  test.each(FAULTS.map((row, index) => [...row, index] as const))('%s', (_fault, expected, verdict, index) => {
    const exchange = result.exchanges[index];
    expect(exchange?.verdict).toBe(verdict);
    const found = codes(exchange ? [exchange] : []);
    for (const code of expected) expect(found).toContain(code);
    // The request's own findings come first, each about the request as the client sent it.
    expect(exchange?.findings[0]?.subject).toMatchObject({ kind: 'request', seq: index + 1 });
  });
});

describe('signatures', () => {
  const VERIFIED = { accessKeyId: 'AKIDVERIFIEDEXAMPLE', secretAccessKey: 'verified-secret' };
  let mock: RunningMock;
  beforeEach(async () => {
    mock = await startMock({ fixtures: BUILTIN_FIXTURES, signature: createSigV4Check({ credentials: [VERIFIED], region: 'us-east-1' }) });
  });
  afterEach(async () => mock.close());

  test("a client's signature for the proxy's address is preserved: the upstream verifies it", async () => {
    const proxy = await startProxy({ upstream: mock.url });
    const outcomes = await drive(proxy.url, VERIFIED);
    const result = await proxy.close();
    expect(outcomes.slice(0, 7).every((o) => !(o instanceof Error))).toBe(true);
    expect(mock.handler.log.entries().every((e) => e.signature.verified && e.signature.defect === undefined)).toBe(true);
    expect(result.verdict).toBe('pass');
  });

  test("--resign signs again with the given credentials; without it the upstream refuses the client's keys, unjudged", async () => {
    const plain = await startProxy({ upstream: mock.url });
    await drive(plain.url);
    const refused = await plain.close();
    expect(refused.exchanges.every((e) => e.response?.status === 401 && e.judged === 'protocol')).toBe(true);
    expect(refused.exchanges[0]?.note).toMatch(/refused the caller \(401 AccessDeniedException\)/);

    mock.handler.log.clear();
    const resigning = await startProxy({ upstream: mock.url, resign: { credentials: VERIFIED, label: 'AKID…MPLE from a test' } });
    await drive(resigning.url);
    const result = await resigning.close();
    expect(mock.handler.log.entries().every((e) => e.signature.verified && e.signature.defect === undefined)).toBe(true);
    expect(codes(result.exchanges)).toEqual([]);
    expect(result.signatures).toEqual({ mode: 'resigned', credentials: 'AKID…MPLE from a test' });
  });
});

describe('hostile answers and requests', () => {
  test('an upstream that hangs up: the client gets 502 from the proxy, the exchange is a response.none finding', async () => {
    const upstream = await startDefectiveMock(() => HANG_UP);
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      const answer = await fetch(`${proxy.url}/accounts/${ACCOUNT}/custom-permissions/ReadOnlyAnalysts`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"Capabilities":{"ExportToCsv":"DENY"}}',
      });
      expect(answer.status).toBe(502);
      expect(answer.headers.get('x-qs-contract-proxy')).toBe('error');
      const result = await proxy.close();
      expect(result.exchanges[0]?.failure?.reason).toBe('reset');
      expect(codes(result.exchanges)).toEqual(['response.none']);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  test('an answer nested 100,000 deep reaches the client byte for byte and is judged, never a crash', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const upstream = await startDefectiveMock(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: deep }));
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      const answer = await fetch(`${proxy.url}/accounts/${ACCOUNT}/themes/corporate-theme/permissions`, { method: 'PUT' });
      expect(await answer.text()).toBe(deep);
      const result = await proxy.close();
      expect(result.exchanges[0]?.verdict).toBe('violates');
      expect(codes(result.exchanges)).toContain('response.body.schema');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  test('a request body nested 100,000 deep is forwarded as it came and reported as not judged', async () => {
    const mock = await startMock({ fixtures: BUILTIN_FIXTURES });
    const proxy = await startProxy({ upstream: mock.url });
    try {
      const deep = `{"Capabilities":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const answer = await fetch(`${proxy.url}/accounts/${ACCOUNT}/custom-permissions/ReadOnlyAnalysts`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: deep,
      });
      expect(answer.status).toBe(400);
      expect(mock.handler.log.entries()[0]?.unjudged).toMatch(/nested deeper than 100 levels/);
      const result = await proxy.close();
      expect(result.exchanges[0]).toMatchObject({ verdict: 'unjudged', note: expect.stringMatching(/nested deeper than 100 levels/) });
      expect(result.verdict).toBe('fail');
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
});
