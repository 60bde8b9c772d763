import { createMockHandler, RequestLog } from '../../src/mock';
import { loggedBody } from '../../src/mock/request-log';

const entry = (seq: number) => ({
  seq,
  receivedAtMs: Date.UTC(2026, 10, 21, 0, 0, seq),
  method: 'PUT',
  path: `/p/${seq}`,
  contentType: 'application/json',
  operationId: 'UpdateUser',
  pathParams: undefined,
  body: 'x',
  violations: [],
  status: 200,
  errorType: undefined,
  injected: false,
  signature: { verified: false },
  unjudged: undefined,
});

test('keeps the last N entries, oldest first, once full; last() is the newest', () => {
  const log = new RequestLog(3);
  expect(log.last()).toBeUndefined();
  for (let seq = 1; seq <= 5; seq += 1) log.add(entry(seq));
  expect(log.entries().map((e) => e.seq)).toEqual([3, 4, 5]);
  expect(log).toHaveLength(3);
  expect(log.last()).toEqual(log.entries().at(-1));
});

test('formats the time when read', () => {
  const log = new RequestLog(2);
  log.add(entry(7));
  expect(log.entries()[0]?.receivedAt).toBe('2026-11-21T00:00:07.000Z');
});

test('keeps a short body as it is and the first 4 KiB of a long one', () => {
  expect(loggedBody('{"a":1}', Buffer.from('{"a":1}'))).toBe('{"a":1}');
  const long = 'x'.repeat(5000);
  expect(loggedBody(long, Buffer.from(long))).toHaveLength(4096);
});

test('clear empties it, and a limit of 0 keeps nothing', () => {
  const log = new RequestLog(2);
  log.add(entry(1));
  log.clear();
  expect(log.entries()).toEqual([]);
  const none = new RequestLog(0);
  none.add(entry(1));
  expect(none.entries()).toEqual([]);
});

describe('the mock logs every AWS request it answers, whatever the answer', () => {
  const request = {
    method: 'PUT',
    url: '/accounts/123456789012/namespaces/default/users/alice',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from('{"Email":"a@example.com","Role":"READER"}'),
  };

  test('a signature refusal, with the operation the path names', async () => {
    const handler = createMockHandler({ signature: async () => ({ verified: true, defect: 'unsigned', message: 'not signed' }) });
    expect((await handler.handle(request)).status).toBe(401);
    expect(handler.log.entries()).toEqual([
      expect.objectContaining({ operationId: 'UpdateUser', status: 401, errorType: 'AccessDeniedException' }),
    ]);
  });

  test('a defect of the mock (a signature check that throws): 500, logged as not judged', async () => {
    const handler = createMockHandler({ signature: () => Promise.reject(new Error('boom')) });
    expect((await handler.handle(request)).status).toBe(500);
    const [entry] = handler.log.entries();
    expect(entry).toMatchObject({ operationId: 'UpdateUser', status: 500, errorType: 'InternalFailure' });
    expect(entry?.unjudged).toContain('a defect of the mock: boom');
  });
});
