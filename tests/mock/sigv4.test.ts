/**
 * `--auth sigv4`: the SDK with the right credentials succeeds (eve%2Fops included); unsigned, wrong
 * secret, unknown key and stale requests get 401 AccessDeniedException saying which.
 */

import * as QS from '@aws-sdk/client-quicksight';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSigV4Check, type RunningMock, startMock } from '../../src/mock';

const KEY = { accessKeyId: 'AKIDQSCONTRACT', secretAccessKey: 'the-right-secret' };
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ signature: createSigV4Check({ credentials: [KEY], region: 'us-east-1' }) });
});
afterAll(async () => mock?.close());

const client = (credentials: typeof KEY, more: Partial<QS.QuickSightClientConfig> = {}) =>
  new QS.QuickSightClient({ endpoint: mock.url, region: 'us-east-1', credentials, maxAttempts: 1, ...more });
const updateEve = () =>
  new QS.UpdateUserCommand({
    AwsAccountId: '123456789012',
    Namespace: 'default',
    UserName: 'eve/ops',
    Email: 'eve@example.com',
    Role: 'READER',
  });

test('accepts the SDK signing with the right credentials, on a percent-encoded path', async () => {
  const output = await client(KEY).send(updateEve());
  expect(output.$metadata.httpStatusCode).toBe(200);
});

test.each([
  ['a wrong secret', { ...KEY, secretAccessKey: 'not-the-secret' }, {}, /signature does not match/],
  ['an unknown access key', { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }, {}, /access key id AKIDUNKNOWN is not known/],
  ['a signature 20 minutes old', KEY, { systemClockOffset: -20 * 60 * 1000 }, /expired: signed at .*, 20 minutes/],
])('refuses %s with 401 AccessDeniedException saying which', async (_name, credentials, more, message) => {
  const error = (await client(credentials, more)
    .send(updateEve())
    .catch((e: unknown) => e)) as QS.QuickSightServiceException;
  expect(error).toBeInstanceOf(QS.AccessDeniedException);
  expect(error.$metadata.httpStatusCode).toBe(401);
  expect(error.message).toMatch(message);
});

test('refuses a request signed for another region', async () => {
  const error = (await client(KEY, { region: 'eu-west-1' })
    .send(updateEve())
    .catch((e: unknown) => e)) as QS.QuickSightServiceException;
  expect([error.name, error.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 401]);
  expect(error.message).toMatch(/signed for the region eu-west-1, not us-east-1/);
});

/** Signs as botocore and curl do for non-S3 services: no X-Amz-Content-Sha256 header. */
async function signWithoutPayloadHeader(body: string, extraHeaders: Record<string, string> = {}) {
  const url = new URL(`${mock.url}/accounts/123456789012/namespaces/default/users/alice`);
  const signer = new SignatureV4({
    credentials: KEY,
    region: 'us-east-1',
    service: 'quicksight',
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json', ...extraHeaders },
      body,
    }),
  );
  return { url, headers: signed.headers as Record<string, string> };
}

test('accepts a client that does not sign X-Amz-Content-Sha256, and still catches a changed body', async () => {
  const body = JSON.stringify({ Email: 'a@example.com', Role: 'READER' });
  const { url, headers } = await signWithoutPayloadHeader(body);
  expect(Object.keys(headers)).not.toContain('x-amz-content-sha256');
  expect((await fetch(url, { method: 'PUT', headers, body })).status).toBe(200);
  expect((await fetch(url, { method: 'PUT', headers, body: body.replace('READER', 'ADMIN') })).status).toBe(401);
});

test('refuses, without a 5xx, a signature that claims to sign a header named constructor', async () => {
  const body = JSON.stringify({ Email: 'a@example.com', Role: 'READER' });
  const { url, headers } = await signWithoutPayloadHeader(body);
  const forged = {
    ...headers,
    authorization: headers.authorization?.replace(/SignedHeaders=([^,]+)/, 'SignedHeaders=$1;constructor') ?? '',
  };
  const response = await fetch(url, { method: 'PUT', headers: forged, body });
  expect(response.status).toBe(401);
  expect(((await response.json()) as { Message: string }).Message).toMatch(/signed header constructor is missing/);
});

test('refuses an unsigned request with 401 AccessDeniedException', async () => {
  const response = await fetch(`${mock.url}/accounts/123456789012/namespaces/default/users/alice`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Email: 'a@example.com', Role: 'READER' }),
  });
  expect(response.status).toBe(401);
  expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
  expect(((await response.json()) as { Message: string }).Message).toMatch(/not signed/);
});

test('refuses a signed request whose body was changed after signing', async () => {
  const url = new URL(`${mock.url}/accounts/123456789012/namespaces/default/users/alice`);
  const body = JSON.stringify({ Email: 'a@example.com', Role: 'READER' });
  const signer = new SignatureV4({ credentials: KEY, region: 'us-east-1', service: 'quicksight', sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    }),
  );
  const send = (sentBody: string) => fetch(url, { method: 'PUT', headers: signed.headers, body: sentBody });
  expect((await send(body)).status).toBe(200);
  const tampered = await send(body.replace('READER', 'ADMIN'));
  expect([tampered.status, tampered.headers.get('x-amzn-errortype')]).toEqual([401, 'AccessDeniedException']);
});
