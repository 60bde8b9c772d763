import { RequestLog } from '../../src/mock';
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
});

test('keeps the last N entries, oldest first, once full', () => {
  const log = new RequestLog(3);
  for (let seq = 1; seq <= 5; seq += 1) log.add(entry(seq));
  expect(log.entries().map((e) => e.seq)).toEqual([3, 4, 5]);
  expect(log).toHaveLength(3);
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
