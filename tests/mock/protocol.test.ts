/**
 * The mock's protocol edges: method and encoding errors, the absolute request-target proxies send,
 * provider-state parameters it must refuse, and a shutdown that lets a request in flight finish.
 */
import { request } from 'node:http';
import { type RunningMock, startMock } from '../../src/mock';

let mock: RunningMock;
beforeEach(async () => {
  mock = await startMock();
});
afterEach(async () => mock?.close());

const USER_PATH = '/accounts/123456789012/namespaces/default/users/alice';

test('a POST to an operation path is 405 with Allow: PUT and an AWS error body', async () => {
  const response = await fetch(`${mock.url}${USER_PATH}`, { method: 'POST', body: '{}' });
  expect([response.status, response.headers.get('allow'), response.headers.get('x-amzn-errortype')]).toEqual([
    405,
    'PUT',
    'UnknownOperationException',
  ]);
});

test('a badly percent-encoded user name is 400, and the log records the broken rule', async () => {
  const response = await fetch(`${mock.url}/accounts/123456789012/namespaces/default/users/%E9`, {
    method: 'PUT',
    body: '{"Email":"a","Role":"READER"}',
  });
  expect(response.status).toBe(400);
  expect(
    mock.handler.log
      .entries()
      .at(-1)
      ?.violations.map((v) => v.rule),
  ).toEqual(['RFC 3986 percent-encoding']);
});

test('an absolute request-target with a query in its authority does not reach the control plane', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const url = new URL(mock.url);
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: 'http://example.com?/_mock/reset' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(404);
});

test.each([
  [
    'a theme with a billion principals',
    {
      state: 'a theme grants permissions to the maximum number of principals',
      params: { AwsAccountId: '123456789012', ThemeId: 't', Principals: 1e9 },
    },
    /Principals must be an integer from 1 to 64/,
  ],
  [
    'a user with a Role outside the enum',
    {
      state: 'a user exists',
      params: { AwsAccountId: '123456789012', Namespace: 'default', UserName: 'x', Email: 'x@example.com', Role: 'BOSS' },
    },
    /Role must be one of/,
  ],
  [
    'an undocumented fault',
    { state: 'the next call of an operation fails with an error', params: { OperationId: 'UpdateUser', ErrorType: 'ConflictException' } },
    /UpdateUser documents .* not "ConflictException"/,
  ],
  ['an unknown state', { state: 'the moon is full', params: {} }, /unknown provider state/],
])('refuses to set up %s with 400', async (_name, body, message) => {
  const response = await fetch(`${mock.url}/_mock/provider-states`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, action: 'setup' }),
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
});

test('close() lets a request in flight finish before the server stops', async () => {
  const url = new URL(mock.url);
  const body = JSON.stringify({ Email: 'alice@example.com', Role: 'READER' });
  const answered = new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'PUT',
        path: USER_PATH,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    // The request has started; the server is told to stop before the body is complete.
    setTimeout(() => {
      void mock.close();
      setTimeout(() => req.end(body.slice(10)), 100);
    }, 100);
  });
  await expect(answered).resolves.toBe(200);
});
