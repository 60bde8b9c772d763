/**
 * `--auth sigv4`: the SDK with the right credentials succeeds (eve%2Fops included, and temporary
 * credentials with their session token); unsigned, wrong secret, unknown key, stale requests and a
 * wrong or missing token get 401 AccessDeniedException saying which, and the log names the defect.
 */

import * as QS from '@aws-sdk/client-quicksight';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSigV4Check, type RunningMock, startMock } from '../../src/mock';

const KEY = { accessKeyId: 'AKIDQSCONTRACT', secretAccessKey: 'the-right-secret' };
const TEMPORARY = { accessKeyId: 'ASIAQSCONTRACTTEMP01', secretAccessKey: 'the-temporary-secret', sessionToken: 'the-session-token' };
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ signature: createSigV4Check({ credentials: [KEY, TEMPORARY], region: 'us-east-1' }) });
});
afterAll(async () => mock?.close());

const client = (
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  more: Partial<QS.QuickSightClientConfig> = {},
) => new QS.QuickSightClient({ endpoint: mock.url, region: 'us-east-1', credentials, maxAttempts: 1, ...more });
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
  ['an unknown access key', { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }, {}, /access key id AKID…NOWN is not known/],
  ['a signature 20 minutes old', KEY, { systemClockOffset: -20 * 60 * 1000 }, /dated \d{8}T\d{6}Z, 20 min \d+ s behind the server's clock/],
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

test('accepts temporary credentials whose session token is sent and signed as X-Amz-Security-Token', async () => {
  const output = await client(TEMPORARY).send(updateEve());
  expect(output.$metadata.httpStatusCode).toBe(200);
  const last = mock.handler.log.entries().at(-1);
  expect(last?.signature).toEqual({
    verified: true,
    accessKeyId: 'ASIA…MP01',
    region: 'us-east-1',
    service: 'quicksight',
    skewMs: expect.any(Number),
  });
});

test.each([
  ['no session token', { ...TEMPORARY, sessionToken: undefined }, /belongs to temporary credentials: their session token must be sent/],
  ['another session token', { ...TEMPORARY, sessionToken: 'a-stolen-token' }, /not the one issued with ASIA…MP01/],
  ['a session token with a long-term key', { ...KEY, sessionToken: 'the-session-token' }, /a long-term key that has none/],
])('refuses %s with 401, logging the token defect and never the token', async (_name, credentials, message) => {
  const error = (await client(credentials)
    .send(updateEve())
    .catch((e: unknown) => e)) as QS.QuickSightServiceException;
  expect([error.name, error.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 401]);
  expect(error.message).toMatch(message);
  const last = mock.handler.log.entries().at(-1);
  expect(last?.signature).toMatchObject({ verified: true, defect: 'token' });
  expect(JSON.stringify(mock.handler.log.entries())).not.toMatch(/the-session-token|a-stolen-token|the-right-secret/);
});

test('logs a refused request whole: its operation and the rules it broke, besides the signature defect', async () => {
  const url = `${mock.url}/accounts/123456789012/namespaces/default/users/alice`;
  const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"Role":"BOSS"}' });
  expect(response.status).toBe(401);
  const last = mock.handler.log.entries().at(-1);
  expect(last).toMatchObject({ operationId: 'UpdateUser', status: 401, signature: { verified: true, defect: 'unsigned' } });
  expect(last?.violations.map((v) => v.member).sort()).toEqual(['Email', 'Role']);
});
