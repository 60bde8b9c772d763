/**
 * verify on a target one does not own, against real servers on loopback: --restore leaves every
 * fixture as verify found it (a user with a profile and an external login, the theme's grants, the
 * profile) and says when it cannot; --rate holds every request of every phase, retries and the
 * restore included; a target under a path prefix gets every request, signature and curl line there.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { createMockHandler, createSigV4Check, type MockHandler, type RunningMock, startMock } from '../../src/mock';
import { COGNITO_URL, userKey } from '../../src/model';
import type { Pacer } from '../../src/runner';
import { verify } from '../../src/verify';
import { type Middleware, startDefectiveMock } from '../support/defective-mock';

const options = { fixtures: BUILTIN_FIXTURES, seed: 7, examples: 25, concurrency: 8, timeoutMs: 20_000 };

/** What the fixtures hold on the mock, as plain data to compare. */
function held(handler: MockHandler): unknown {
  const { state } = handler;
  return {
    users: [...state.users.entries()].map(([key, u]) => [key, { ...u }]),
    themes: [...state.themes.entries()].map(([id, p]) => [
      id,
      p instanceof Map ? [...p].map(([principal, a]) => [principal, [...a].sort()]) : p,
    ]),
    profiles: [...state.customPermissions.entries()],
  };
}

/** A fixture user that holds more than Email and Role: a profile and a Cognito login. */
function giveAliceMore(handler: MockHandler): void {
  const alice = handler.state.users.get(userKey('default', 'alice'));
  if (!alice) throw new Error('no alice');
  Object.assign(alice, {
    CustomPermissionsName: 'ReadOnlyAnalysts',
    ExternalLoginFederationProviderType: 'COGNITO',
    ExternalLoginFederationProviderUrl: COGNITO_URL,
    ExternalLoginId: 'alice-cognito-id',
  });
}

describe('--restore', () => {
  let mock: RunningMock;
  beforeEach(async () => {
    mock = await startMock({ fixtures: BUILTIN_FIXTURES });
    giveAliceMore(mock.handler);
  });
  afterEach(async () => mock.close());

  test('without it, the run leaves the fixtures changed (what --restore is for)', async () => {
    const before = held(mock.handler);
    const result = await verify({ ...options, target: mock.url });
    expect(result.restore).toBeUndefined();
    expect(held(mock.handler)).not.toEqual(before);
  }, 60_000);

  test('with it, every fixture holds again what verify found, and the result says so resource by resource', async () => {
    const before = held(mock.handler);
    const result = await verify({ ...options, target: mock.url, restore: true });
    expect(result.verdict).toBe('pass');
    expect(held(mock.handler)).toEqual(before);
    expect(result.restore?.restored).toBe(true);
    expect(result.restore?.resources.map((r) => [r.resource, r.status])).toEqual([
      ['user default/alice', 'restored'],
      ['user default/bob', 'restored'],
      ['user default/eve/ops', 'restored'],
      ['user default/Zoë Ångström', 'restored'],
      ['theme corporate-theme', expect.stringMatching(/^(restored|unchanged)$/)],
      ['profile ReadOnlyAnalysts', 'restored'],
    ]);
    expect(result.restore?.requests).toBeGreaterThanOrEqual(6);
  }, 60_000);
});

test('--restore: a write-back the target refuses is reported as failed, with the answer', async () => {
  const refuses: Middleware = (request, next) =>
    request.body.includes('"ExternalLoginFederationProviderType":"NONE"') && request.body.includes('"UnapplyCustomPermissions":true')
      ? { status: 500, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' }, body: '{"Message":"no"}' }
      : next(request);
  const upstream = await startDefectiveMock(refuses);
  try {
    const result = await verify({ ...options, examples: 0, target: upstream.url, restore: true, operations: ['UpdateUser'] });
    expect(result.restore?.restored).toBe(false);
    expect(result.restore?.resources[0]).toMatchObject({
      resource: 'user default/alice',
      status: 'failed',
      detail: 'writing it back was answered 500 InternalFailure',
    });
  } finally {
    await upstream.close();
  }
}, 60_000);

/** Counts the requests a server receives; with `throttleEvery`, every so many AWS requests get 429 ThrottlingException. */
function counting(handler: MockHandler, prefix = '', throttleEvery = 0): { server: Server; seen: { url: string; verdict?: string }[] } {
  const seen: { url: string; verdict?: string }[] = [];
  const signature = createSigV4Check({
    credentials: [{ accessKeyId: 'AKIAQSCONTRACTDUMMY0', secretAccessKey: 'qs-contract-dummy-secret-access-key-0000' }],
    region: 'us-east-1',
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = req.url ?? '/';
      const body = Buffer.concat(chunks);
      const entry: { url: string; verdict?: string } = { url };
      seen.push(entry);
      if (!url.startsWith(`${prefix}/`)) {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not Found</h1>');
        return;
      }
      if (throttleEvery > 0 && !url.includes('/_mock/') && seen.length % throttleEvery === 0) {
        res.writeHead(429, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'ThrottlingException',
          'x-amzn-requestid': 'throttled',
        });
        res.end('{"Message":"Rate exceeded"}');
        return;
      }
      const request = { method: req.method ?? 'GET', url: url.slice(prefix.length), headers: req.headers, body };
      // The signature is checked where it arrives: over the path as sent, prefix included.
      if (req.headers.authorization) entry.verdict = (await signature({ ...request, url }, url)).defect ?? 'valid';
      const answer = await handler.handle(request);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  return { server, seen };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('--rate: every request of every phase waits for its turn — the preflight, the cases, the retries, the properties, the restore', async () => {
  const handler = createMockHandler({ fixtures: BUILTIN_FIXTURES });
  // Every 7th request throttled: the SDKs' retries go out again, and wait for their turn too.
  const { server, seen } = counting(handler, '', 7);
  const url = await listen(server);
  let turns = 0;
  const pacer: Pacer = {
    wait: async () => {
      turns += 1;
    },
  };
  try {
    const result = await verify({ ...options, examples: 10, target: url, restore: true, pacer });
    expect(result.verdict).toBe('pass');
    expect(result.cases.some((c) => (c.attempts ?? 1) > 1)).toBe(true);
    expect(result.restore?.restored).toBe(true);
    expect(seen.length).toBeGreaterThan(100);
    expect(turns).toBe(seen.length);
  } finally {
    server.close();
  }
}, 60_000);

test('a target under a path prefix: every request goes there, each signature is made over the prefixed path, the curl lines name it', async () => {
  const handler = createMockHandler({ fixtures: BUILTIN_FIXTURES });
  const { server, seen } = counting(handler, '/quicksight/v1');
  const base = await listen(server);
  try {
    const result = await verify({ ...options, target: `${base}/quicksight/v1`, restore: true });
    expect(result.verdict).toBe('pass');
    // The TLS check reads the base URL itself; every other request is under it.
    expect(seen.filter((s) => !s.url.startsWith('/quicksight/v1/')).map((s) => s.url)).toEqual(['/quicksight/v1']);
    const signed = seen.filter((s) => s.verdict !== undefined);
    expect(signed.length).toBeGreaterThan(100);
    expect(signed.filter((s) => s.verdict !== 'valid')).toEqual([]);
    const curls = result.cases.flatMap((c) => (c.curl ? [c.curl] : []));
    expect(curls.length).toBeGreaterThan(50);
    expect(curls.every((line) => line.includes(`'${base}/quicksight/v1/accounts/`))).toBe(true);
  } finally {
    server.close();
  }
}, 60_000);
