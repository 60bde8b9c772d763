/**
 * execute() retries as HTTP clients and the SDKs do: a connection closed before any answer (the
 * kept-alive race of HTTP/1.1) is sent again, up to maxAttempts; a target that closes every
 * connection still gets no answer. Real servers on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planCases } from '../../src/cases';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { createMockHandler } from '../../src/mock';
import { DUMMY_CREDENTIALS } from '../../src/protocol';
import { createSigner, execute, type Target } from '../../src/runner';
import { loadSpec } from '../../src/spec';

const model = loadSpec();
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A mock that drops the connection of the first `drops` requests before answering, then answers as the reference mock. */
async function dropping(drops: number): Promise<{ url: string; requests: () => number }> {
  const handler = createMockHandler({ fixtures: DEFAULT_FIXTURES });
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (requests <= drops) {
        req.socket.destroy();
        return;
      }
      void handler
        .handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) })
        .then((answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

const target = (url: string): Target => ({
  url,
  timeoutMs: 20_000,
  signer: createSigner({ credentials: DUMMY_CREDENTIALS, region: DEFAULT_FIXTURES.region }),
  maxAttempts: 3,
  random: () => 0,
});

const base = () => {
  const found = planCases(model, DEFAULT_FIXTURES).cases.find((c) => c.id === 'UpdateUser/positive/base');
  if (!found) throw new Error('no base case for UpdateUser');
  return found;
};

test('a connection closed before the answer is sent again: the second attempt is the answer', async () => {
  const server = await dropping(1);
  const exchange = await execute(model, target(server.url), base());
  expect(exchange.received).toMatchObject({ kind: 'response', status: 200 });
  expect(exchange.attempts).toBe(2);
  expect(server.requests()).toBe(2);
});

test('a target that closes every connection: maxAttempts attempts, and the failure is the answer', async () => {
  const server = await dropping(Number.MAX_SAFE_INTEGER);
  const exchange = await execute(model, target(server.url), base());
  expect(exchange.received).toMatchObject({ kind: 'failure', reason: 'reset' });
  expect(exchange.attempts).toBe(3);
  expect(server.requests()).toBe(3);
});
