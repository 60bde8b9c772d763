import * as QS from '@aws-sdk/client-quicksight';
import fc from 'fast-check';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { MAX_BODY_BYTES, type RunningMock, startMock } from '../../src/mock';
import { encodeRfc3986, isControlPath } from '../../src/protocol';
import { loadSpec } from '../../src/spec';
import { sendRaw } from '../support/net';

const SEED = 20261121;
const model = loadSpec();

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => mock?.close());

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const send = (target: string, sent: Sent) => sendRaw(target, sent);

// ------------------------------------------------------------------ arbitraries
const oddSegment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeRfc3986),
  fc.constantFrom('', '%', '%E9', '%C3', '%2F', '..', '.', '%00', '%FF%FE', 'a%2Fb%2F', '%252F', '~', encodeRfc3986('é ñ/?#')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 600 }).map(encodeRfc3986),
);
const documentedPath = fc.constantFrom(...model.operations.map((op) => op.pathTemplate)).chain((template) => {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const values = names.map((name) =>
    fc.oneof(
      { weight: 3, arbitrary: oddSegment },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          DEFAULT_FIXTURES.accountId,
          'default',
          'alice',
          encodeRfc3986('eve/ops'),
          'corporate-theme',
          'ReadOnlyAnalysts',
          name,
        ),
      },
    ),
  );
  return fc.tuple(...values).map((vs) => names.reduce((path, name, i) => path.replace(`{${name}}`, vs[i] as string), template));
});
const anyPath = fc.oneof(
  { weight: 4, arbitrary: documentedPath },
  { weight: 1, arbitrary: fc.array(oddSegment, { maxLength: 8 }).map((segments) => `/${segments.join('/')}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/',
      '/_mock',
      '/_mock/',
      '/_mock/nope',
      '/_mock/faults',
      '/_mock/provider-states',
      '/accounts',
      '//accounts//',
    ),
  },
);
const memberNames = fc.constantFrom(
  'Email',
  'Role',
  'GrantPermissions',
  'RevokePermissions',
  'Capabilities',
  'Principal',
  'Actions',
  'CustomPermissionsName',
  'UnapplyCustomPermissions',
  'ExternalLoginFederationProviderType',
  'CustomFederationProviderUrl',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(memberNames, tie('value'), { maxKeys: 6 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.string({ unit: 'grapheme', maxLength: 3000 }),
  ),
})).value;
/** A value nested `depth` levels (arrays and objects mixed), around a member a request may carry: linear to build. */
const deepBody = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 200, max: 30_000 })),
    open: fc.constantFrom('[', '{"a":[', '{"Email":', '[{"Principal":'),
    member: fc.constantFrom('Email', 'GrantPermissions', 'Capabilities', 'Other', ''),
  })
  .map(({ depth, open, member }) => {
    const close = [...open]
      .filter((c) => c === '[' || c === '{')
      .reverse()
      .map((c) => (c === '[' ? ']' : '}'))
      .join('');
    const value = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return Buffer.from(member ? `{"Role":"READER","${member}":${value}}` : value);
  });
const anyBody = fc.oneof(
  { weight: 5, arbitrary: jsonish.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 2, arbitrary: deepBody },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '{',
        '{"Email":',
        '[1,2',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        'null',
        '0',
        '"x"',
        '\uFEFF{}',
        '{"Capabilities":{"__proto__":{"polluted":true}}}',
      )
      .map((s) => Buffer.from(s)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 * MAX_BODY_BYTES }).map((n) => Buffer.alloc(n, 0x61)) },
);
const anyRequest = fc.record({
  method: fc.constantFrom('PUT', 'PUT', 'PUT', 'POST', 'GET', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: anyPath,
  headers: fc.record({
    'content-type': fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      '',
      'application/json; charset=utf-8',
    ),
  }),
  body: anyBody,
});

const lastLogged = () => mock.handler.log.last();

test('never answers 5xx to thousands of random and malformed requests, logs each, and still serves the fixtures', async () => {
  await fc.assert(
    fc.asyncProperty(anyRequest, async (sent) => {
      const before = lastLogged()?.seq ?? 0;
      const response = await send(mock.url, sent);
      if (response.status >= 500)
        throw new Error(`${sent.method} ${sent.path} answered ${response.status}: ${response.body.slice(0, 300)}`);
      // Every AWS request it answers is in its log, with that answer: check-client judges the log.
      if (!isControlPath(sent.path)) expect(lastLogged()).toMatchObject({ seq: before + 1, status: response.status });
      else expect(lastLogged()?.seq ?? 0).toBe(before);
      if (!sent.path.startsWith('/_mock') && sent.method !== 'HEAD') {
        // Every AWS-path answer is a JSON body with a request id, success or error.
        expect(JSON.parse(response.body)).toHaveProperty('RequestId');
        expect(response.headers['x-amzn-requestid']).toEqual(expect.any(String));
      }
    }),
    { seed: SEED, numRuns: 2500 },
  );

  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  const client = new QS.QuickSightClient({
    endpoint: mock.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  await mock.handler.reset();
  const output = await client.send(
    new QS.UpdateUserCommand({
      AwsAccountId: DEFAULT_FIXTURES.accountId,
      Namespace: 'default',
      UserName: 'eve/ops',
      Email: 'eve@example.com',
      Role: 'READER',
    }),
  );
  expect(output.User?.UserName).toBe('eve/ops');
}, 120_000);

test('answers a body with 200,000 wrong items with a bounded 400, not a 5xx', async () => {
  const body = Buffer.from(JSON.stringify({ GrantPermissions: Array.from({ length: 200_000 }, () => 1) }));
  expect(body.length).toBeLessThan(MAX_BODY_BYTES);
  const response = await send(mock.url, {
    method: 'PUT',
    path: '/accounts/123456789012/themes/corporate-theme/permissions',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(response.status).toBe(400);
  expect(response.headers['x-amzn-errortype']).toBe('InvalidParameterValueException');
  expect(response.body.length).toBeLessThan(10_000);
});

test('refuses a body over 1 MiB with 413 and keeps serving', async () => {
  const response = await send(mock.url, {
    method: 'PUT',
    path: '/accounts/123456789012/themes/corporate-theme/permissions',
    headers: { 'content-type': 'application/json' },
    body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
  });
  expect(response.status).toBe(413);
  expect(response.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
  const health = await fetch(`${mock.url}/_mock/health`);
  expect(health.status).toBe(200);
});

test('50 concurrent grants to distinct principals on one theme all appear in the final permissions', async () => {
  await mock.handler.reset();
  const client = new QS.QuickSightClient({
    endpoint: mock.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  const userGrouping = model.operation('UpdateThemePermissions').validGroupings?.user ?? [];
  const principals = Array.from({ length: 50 }, (_, i) => `arn:aws:quicksight:us-east-1:123456789012:user/default/concurrent-${i}`);
  const outputs = await Promise.all(
    principals.map((Principal) =>
      client.send(
        new QS.UpdateThemePermissionsCommand({
          AwsAccountId: '123456789012',
          ThemeId: 'corporate-theme',
          GrantPermissions: [{ Principal, Actions: userGrouping }],
        }),
      ),
    ),
  );
  expect(outputs.every((o) => o.$metadata.httpStatusCode === 200)).toBe(true);
  const final = await client.send(new QS.UpdateThemePermissionsCommand({ AwsAccountId: '123456789012', ThemeId: 'corporate-theme' }));
  const held = new Set(final.Permissions?.map((p) => p.Principal));
  expect(principals.filter((p) => !held.has(p))).toEqual([]);
  expect(held.size).toBe(51);
});
