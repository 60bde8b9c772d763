/**
 * The engine against deliberately broken targets on loopback (a hang, resets, bytes that are not
 * HTTP, a text body, a slow answer, a huge answer, nothing listening): it always finishes and
 * reports what the target did, as `responds` findings or ordinary findings, never as a crash.
 * Then the two runner pieces underneath: `send()` on each way an exchange fails, and `curlLine()`
 * (shell quoting checked by a real POSIX shell, credentials never printed). The line replayed by
 * the real curl against the reference mock is tests/runner/curl-replay.e2e.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { type ConformanceCase, validRequests } from '../../src/cases';
import { ToolError } from '../../src/errors';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { createMockHandler } from '../../src/mock';
import { DUMMY_CREDENTIALS, type FailureReason } from '../../src/protocol';
import {
  BODY_PREFIX_BYTES,
  createSigner,
  curlLine,
  type Exchange,
  keepReceived,
  MAX_RESPONSE_BYTES,
  runProperty,
  send,
  type WireRequest,
  type WireResponse,
} from '../../src/runner';
import { loadSpec } from '../../src/spec';
import { type VerifyResult, verify } from '../../src/verify';

/**
 * A deadline no test here measures unless it says so: generous, so a loaded machine never turns an
 * expected reset or garbage answer into a timeout. The tests about deadlines pass SHORT_DEADLINE.
 */
const OPTIONS = { fixtures: DEFAULT_FIXTURES, seed: 1, examples: 2, concurrency: 16, timeoutMs: 20_000 };
/** For targets that never answer in time: then the deadline is what the test is about. */
const SHORT_DEADLINE = { timeoutMs: 50 };
/** How a broken connection is reported does not depend on the operation: one is enough, and keeps the runs short. */
const ONE_OPERATION = { operations: ['UpdateUser' as const], examples: 1 };
/**
 * A run against a target that never answers waits out every deadline: about (cases / concurrency +
 * sequence steps) x 50 ms. Jest's limit for those tests, with room for a loaded machine.
 */
const SLOW_RUN_MS = 60_000;

// ------------------------------------------------------------------ broken servers

interface Broken {
  url: string;
  port: number;
  close(): Promise<void>;
}

const open: Broken[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Listens on 127.0.0.1 and a free port; close() drops every connection (a hung one included) and stops listening. */
async function listen(server: Server, onClose: () => void = () => undefined): Promise<Broken> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const broken: Broken = {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        onClose();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.push(broken);
  return broken;
}

/** Raw TCP: `onSocket` decides what (if anything) goes back. */
const tcp = (onSocket: (socket: Socket) => void) => listen(createNetServer(onSocket));
/** HTTP whose handler reads the whole request first. */
const http = (answer: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void, onClose?: () => void) =>
  listen(
    createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => answer(req, res, Buffer.concat(chunks)));
    }),
    onClose,
  );

const hang = () => tcp(() => undefined);
const resetOnConnect = () => tcp((socket) => socket.destroy());
const resetOnFirstData = () => tcp((socket) => socket.once('data', () => socket.destroy()));
const garbageOnConnect = () => tcp((socket) => socket.end('hello\r\n\r\n'));
const garbageOnFirstData = () => tcp((socket) => socket.once('data', () => socket.end('hello\r\n\r\n')));
const plainText = () => http((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('all good, not JSON'));
/** Over the runner's cap by one byte: a JSON string of MAX_RESPONSE_BYTES - 1 characters plus its quotes. */
const HUGE_BODY = Buffer.from(`"${'x'.repeat(MAX_RESPONSE_BYTES - 1)}"`);
const huge = () => http((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(HUGE_BODY));

/** The reference mock's own answer, correct in every way but late. */
function slow(delayMs: number) {
  const handler = createMockHandler();
  const timers = new Set<NodeJS.Timeout>();
  return http(
    (req, res, body) => {
      const timer = setTimeout(async () => {
        timers.delete(timer);
        const answer = await handler.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
        if (!res.destroyed) res.writeHead(answer.status, answer.headers).end(answer.body);
      }, delayMs);
      timers.add(timer);
    },
    () => timers.forEach(clearTimeout),
  );
}

/** A port where nothing listens: one that was free a moment ago. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ------------------------------------------------------------------ assertions

/** One readable line per case that does not end the way `ok` expects, so that a failure names them. */
function casesNotMatching(result: VerifyResult, ok: (c: VerifyResult['cases'][number]) => boolean): string[] {
  return result.cases
    .filter((c) => !ok(c))
    .map((c) => `${c.id} [${c.status}] ${c.findings.map((f) => `${f.check}: ${f.actual}`).join('; ') || 'no findings'}`);
}

/** Every case (the failed properties' counterexamples included) ends with exactly one `responds` finding of one of `reasons`. */
function expectEveryCaseUnanswered(result: VerifyResult, reasons: FailureReason[]): void {
  expect(result.verdict).toBe('fail');
  expect(new Set(result.cases.map((c) => c.operationId))).toEqual(new Set(result.operations));
  expect(result.cases.some((c) => c.kind === 'property')).toBe(true);
  const pattern = new RegExp(`^(${reasons.join('|')}) after \\d+ ms$`);
  expect(
    casesNotMatching(
      result,
      (c) =>
        c.status === 'failed' &&
        c.received?.kind === 'failure' &&
        reasons.includes(c.received.reason) &&
        c.findings.length === 1 &&
        c.findings[0]?.check === 'responds' &&
        c.findings[0].severity === 'error' &&
        c.findings[0].expected === 'an HTTP answer' &&
        pattern.test(c.findings[0].actual ?? ''),
    ),
  ).toEqual([]);
  expect(result.summary).toMatchObject({
    cases: result.cases.length,
    passed: 0,
    failed: result.cases.length,
    notImplemented: 0,
    errors: result.cases.length,
  });
  // A target that gives no answer is broken, not "missing an operation".
  expect(result.notImplemented).toEqual([]);
}

// ------------------------------------------------------------------ verify() against broken targets

/**
 * The runs against the two targets that never answer in time wait out their deadlines one after
 * another (lanes, sequences, the shrinking of their properties), on timers, not the CPU: they start
 * before the first test and run while the others do; two tests at the end of the file read them. Their
 * servers outlive the tests around them, so they are closed after the file, not after each test.
 */
const untilEnd: Broken[] = [];
afterAll(async () => {
  await Promise.all(untilEnd.splice(0).map((s) => s.close()));
});
const keptOpen = (broken: Broken): Broken => {
  open.splice(open.indexOf(broken), 1);
  untilEnd.push(broken);
  return broken;
};
let neverInTime: Promise<[VerifyResult, VerifyResult]>;
beforeAll(async () => {
  // Node 20's fetch waits out its whole deadline on the first request of a process when the server
  // resets that connection on accept (later requests see the reset at once): one answered request
  // first, so that no test here depends on coming after another one's fetch.
  const answering = await http((_req, res) => res.end());
  await (await fetch(answering.url)).text();
  neverInTime = (async () => {
    // Answers 100 times later than the deadline: only an event loop stalled for 5 s would see it.
    const [hangs, slowly] = (await Promise.all([hang(), slow(5000)])).map(keptOpen);
    return Promise.all([
      verify({ ...OPTIONS, ...SHORT_DEADLINE, ...ONE_OPERATION, target: (hangs as Broken).url }),
      verify({ ...OPTIONS, ...SHORT_DEADLINE, ...ONE_OPERATION, target: (slowly as Broken).url }),
    ]);
  })();
  // Read (and any failure reported) by the tests that await it.
  neverInTime.catch(() => undefined);
});

describe('verify() against a broken target finishes and reports what it did', () => {
  test.each([
    ['on connect', resetOnConnect],
    ['on the first bytes of the request', resetOnFirstData],
  ])('a server that resets each connection %s: every case has a `responds` reset finding', async (_when, start) => {
    const target = await start();
    // One attempt: a closed connection is sent again up to maxAttempts times (execute-retry.test.ts
    // pins that the last failure is the answer); here only the findings are the point.
    expectEveryCaseUnanswered(await verify({ ...OPTIONS, ...ONE_OPERATION, maxAttempts: 1, target: target.url }), ['reset']);
  });

  test.each([
    ['as soon as it accepts', garbageOnConnect],
    ['when the request arrives', garbageOnFirstData],
  ])('a server that answers "hello\\r\\n\\r\\n" (not HTTP) %s and closes: `responds` protocol or reset findings', async (_when, start) => {
    const target = await start();
    expectEveryCaseUnanswered(await verify({ ...OPTIONS, ...ONE_OPERATION, target: target.url }), ['protocol', 'reset']);
  });

  test(
    'a server that answers 200 text/plain with a body that is not JSON: json-content-type and ' +
      'response-schema findings on every case, no crash',
    async () => {
      const target = await plainText();
      const result = await verify({ ...OPTIONS, target: target.url });
      expect(result.verdict).toBe('fail');
      expect(result.cases.length).toBeGreaterThan(0);
      expect(
        casesNotMatching(result, (c) => {
          const checks = c.findings.map((f) => f.check);
          const schema = c.findings.find((f) => f.check === 'response-schema');
          return (
            c.status === 'failed' &&
            c.received?.kind === 'response' &&
            !checks.includes('responds') &&
            c.findings.some((f) => f.check === 'json-content-type' && f.actual === 'text/plain') &&
            schema?.message === 'the body is not JSON' &&
            schema.actual === JSON.stringify('all good, not JSON')
          );
        }),
      ).toEqual([]);
      // 200 is a success: the operations are there, just broken.
      expect(result.notImplemented).toEqual([]);
    },
  );

  test(
    `a server that answers a body over MAX_RESPONSE_BYTES (${MAX_RESPONSE_BYTES} bytes): \`responds\` too-large findings`,
    async () => {
      const target = await huge();
      const result = await verify({ ...OPTIONS, ...ONE_OPERATION, concurrency: 4, target: target.url });
      expectEveryCaseUnanswered(result, ['too-large']);
      // The cut answer is not kept in the result: a report must not hold a megabyte per case.
      for (const c of result.cases) expect(JSON.stringify(c.received).length).toBeLessThan(1000);
    },
    SLOW_RUN_MS,
  );

  test(
    'an unreachable target (nothing listens on the port): verify rejects with ToolError ' + 'TARGET_UNREACHABLE before running any case',
    async () => {
      const port = await closedPort();
      const error = await verify({ ...OPTIONS, target: `http://127.0.0.1:${port}` }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ToolError);
      expect(error).toMatchObject({
        code: 'TARGET_UNREACHABLE',
        message: expect.stringContaining(`cannot reach the target http://127.0.0.1:${port}`),
      });
      expect((error as ToolError).hint).toBeTruthy();
    },
  );

  // Regression: fetch refuses the Fetch standard's blocked ports without sending anything; that is
  // an unreachable target (exit 2), not a finding per case.
  test('a target on a port fetch refuses to use (10080) is a tool error, not 90 findings', async () => {
    await expect(verify({ ...OPTIONS, examples: 0, operations: ['UpdateUser'], target: 'http://127.0.0.1:10080' })).rejects.toBeInstanceOf(
      ToolError,
    );
  });
});

// ------------------------------------------------------------------ send()

describe('send() turns each way an exchange fails into a WireFailure value', () => {
  const request = (url: string, body = '{"a":1}'): WireRequest => ({
    method: 'PUT',
    url: `${url}/accounts/1/x`,
    headers: { 'content-type': 'application/json' },
    body,
  });

  test('an answer: status, lower-case headers and the exact body; the request goes out with its exact bytes', async () => {
    let seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: Buffer } | undefined;
    const target = await http((req, res, body) => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      res.writeHead(409, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'ConflictException' }).end('{"Message":"déjà"}');
    });
    const body = '{"Email":"zoë@example.com"}';
    // A signed request carries host and content-length; fetch owns them and must not choke on them.
    const received = await send(
      {
        ...request(target.url, body),
        url: `${target.url}/users/Zo%C3%AB%20%C3%85`,
        headers: { 'content-type': 'application/json', host: 'not-this-host', 'content-length': '1' },
      },
      2000,
    );
    expect(received).toMatchObject({ kind: 'response', status: 409, body: '{"Message":"déjà"}' });
    expect(received.kind === 'response' && received.headers).toMatchObject({
      'content-type': 'application/json',
      'x-amzn-errortype': 'ConflictException',
    });
    expect(seen?.method).toBe('PUT');
    expect(seen?.url).toBe('/users/Zo%C3%AB%20%C3%85');
    expect(seen?.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen?.headers.host).toBe(new URL(target.url).host);
  });

  test('no answer at all: timeout, at the deadline', async () => {
    const target = await hang();
    const received = await send(request(target.url), 200);
    expect(received).toMatchObject({ kind: 'failure', reason: 'timeout' });
    expect(received.durationMs).toBeGreaterThanOrEqual(190);
    expect(received.durationMs).toBeLessThan(3000);
  });

  test('headers and then a stalled body: timeout (the deadline covers the body too)', async () => {
    const target = await tcp((socket) =>
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a"')),
    );
    expect(await send(request(target.url), 300)).toMatchObject({ kind: 'failure', reason: 'timeout' });
  });

  test('nothing listens: refused', async () => {
    const port = await closedPort();
    expect(await send(request(`http://127.0.0.1:${port}`), 2000)).toMatchObject({
      kind: 'failure',
      reason: 'refused',
      message: expect.stringContaining('connection refused'),
    });
  });

  test.each([
    ['on connect', resetOnConnect],
    ['on the first bytes', resetOnFirstData],
    [
      'after a partial answer',
      () => tcp((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"a"'))),
    ],
  ])('a connection closed %s: reset', async (_when, start) => {
    const target = await start();
    expect(await send(request(target.url), 2000)).toMatchObject({ kind: 'failure', reason: 'reset' });
  });

  test.each([
    ['"hello\\r\\n\\r\\n"', 'hello\r\n\r\n'],
    ['a status line with a non-numeric status', 'HTTP/1.1 abc OK\r\n\r\n'],
  ])('bytes that are not HTTP (%s): protocol', async (_name, bytes) => {
    const target = await tcp((socket) => socket.once('data', () => socket.end(bytes)));
    expect(await send(request(target.url), 2000)).toMatchObject({
      kind: 'failure',
      reason: 'protocol',
      message: expect.stringContaining('not valid HTTP'),
    });
  });

  test('a body over MAX_RESPONSE_BYTES: too-large, and the body exactly at the cap is still an answer', async () => {
    const over = await huge();
    expect(await send(request(over.url), 5000)).toMatchObject({ kind: 'failure', reason: 'too-large' });
    const exact = await http((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(HUGE_BODY.subarray(1)));
    const received = await send(request(exact.url), 5000);
    expect(received.kind === 'response' && received.body.length).toBe(MAX_RESPONSE_BYTES);
  });

  test('an endless chunked body: too-large, not an out-of-memory', async () => {
    const target = await tcp((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
        const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
        const pump = () => {
          while (!socket.destroyed && socket.write(chunk));
          if (!socket.destroyed) socket.once('drain', pump);
        };
        pump();
      }),
    );
    expect(await send(request(target.url), 5000)).toMatchObject({ kind: 'failure', reason: 'too-large' });
  });

  test('a URL fetch cannot parse: a failure value, never a thrown error', async () => {
    await expect(send(request('http://[::1'), 1000)).resolves.toMatchObject({ kind: 'failure' });
  });
});

// ------------------------------------------------------------------ keepReceived()

describe('keepReceived() keeps a bounded prefix of a body with its size and SHA-256', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const answer = (body: string): WireResponse => ({ kind: 'response', status: 200, headers: {}, body, durationMs: 1 });

  test('a body up to 64 KiB is kept whole, with its size in bytes and its hash', () => {
    const body = `{"Email":"zoë"}${' '.repeat(BODY_PREFIX_BYTES - 16)}`;
    expect(Buffer.byteLength(body)).toBe(BODY_PREFIX_BYTES);
    expect(keepReceived(answer(body))).toEqual({
      ...answer(body),
      bodyBytes: BODY_PREFIX_BYTES,
      bodySha256: sha256(body),
      bodyTruncated: false,
    });
  });

  test('a longer one is cut to 64 KiB between characters (a 2-byte "ë" straddling the limit is left out whole)', () => {
    const body = `${'x'.repeat(BODY_PREFIX_BYTES - 1)}ë${'y'.repeat(1000)}`;
    const kept = keepReceived(answer(body)) as WireResponse;
    expect(kept).toMatchObject({ bodyBytes: Buffer.byteLength(body), bodySha256: sha256(body), bodyTruncated: true });
    expect(kept.body).toBe('x'.repeat(BODY_PREFIX_BYTES - 1));
    expect(keepReceived(kept)).toBe(kept);
  });

  test('send() takes the size and hash from the bytes as received; a failure is kept as it is', async () => {
    const target = await http((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":"é"}'));
    const received = await send({ method: 'PUT', url: `${target.url}/x`, headers: {}, body: undefined }, 5000);
    expect(received).toMatchObject({ kind: 'response', bodyBytes: 10, bodySha256: sha256('{"a":"é"}') });
    const failure = { kind: 'failure' as const, reason: 'timeout' as const, message: 'm', durationMs: 1 };
    expect(keepReceived(failure)).toBe(failure);
  });
});

// ------------------------------------------------------------------ curlLine()

/** The words a POSIX shell (sh) makes of the line: `curl` is replaced by a function printing its arguments, NUL-separated. */
function shellWords(line: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync('sh', ['-c', `curl() { for a in "$@"; do printf '%s\\000' "$a"; done; }\n${line}`], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

const SIGNED_HEADERS = ['authorization', 'x-amz-date', 'x-amz-content-sha256', 'host'];

describe('curlLine() replays a request in a POSIX shell', () => {
  const nasty = `{"Email":"o'brien@example.com","Note":"$HOME \`id\` \\\\ \\" !x * ; & | \n newline"}`;
  const userUrl = 'http://127.0.0.1:5000/accounts/123456789012/namespaces/default/users/O%27Brien%20%24x';

  test('single quotes, $, backquotes, backslashes and newlines round-trip through sh: the words are exactly the request', () => {
    const request: WireRequest = { method: 'PUT', url: userUrl, headers: { 'content-type': "application/json; x='1'" }, body: nasty };
    const line = curlLine(request, { region: 'us-east-1', printableCredentials: DUMMY_CREDENTIALS });
    expect(shellWords(line)).toEqual([
      '-sS',
      '-i',
      '-X',
      'PUT',
      userUrl,
      '-H',
      "content-type: application/json; x='1'",
      '--aws-sigv4',
      'aws:amz:us-east-1:quicksight',
      '--user',
      `${DUMMY_CREDENTIALS.accessKeyId}:${DUMMY_CREDENTIALS.secretAccessKey}`,
      '--data-binary',
      nasty,
    ]);
  });

  test("uses --aws-sigv4 'aws:amz:REGION:quicksight' (curl signs itself) and drops the request's own signature headers", async () => {
    const signer = createSigner({ credentials: DUMMY_CREDENTIALS, region: 'eu-west-1' });
    const signed = await signer({ method: 'PUT', url: userUrl, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(Object.keys(signed.headers)).toEqual(expect.arrayContaining(SIGNED_HEADERS));
    const line = curlLine(signed, { region: 'eu-west-1', printableCredentials: DUMMY_CREDENTIALS });
    expect(line).toContain(` --aws-sigv4 'aws:amz:eu-west-1:quicksight' `);
    expect(line).not.toMatch(/authorization|x-amz-date|x-amz-content-sha256|AWS4-HMAC-SHA256|host:/i);
    expect(shellWords(line).filter((_word, i, all) => all[i - 1] === '-H')).toEqual(['content-type: application/json']);
  });

  test(
    'user-given credentials are never printed: with printableCredentials undefined the line reads ' +
      '$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY',
    async () => {
      const real = { accessKeyId: 'AKIAREALUSERKEY12345', secretAccessKey: 'real/Secret+Key=do-not-print' };
      const signed = await createSigner({ credentials: real, region: 'us-east-1' })({
        method: 'PUT',
        url: userUrl,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const line = curlLine(signed, { region: 'us-east-1' });
      expect(line).toContain(`--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
      expect(line).not.toContain(real.secretAccessKey);
      expect(line).not.toContain(real.accessKeyId);
      const words = shellWords(line, { AWS_ACCESS_KEY_ID: 'FROM_ENV', AWS_SECRET_ACCESS_KEY: 'env secret' });
      expect(words[words.indexOf('--user') + 1]).toBe('FROM_ENV:env secret');
    },
  );

  test('an unsigned case gets no --aws-sigv4 and no --user; a bodiless request no --data-binary', () => {
    const line = curlLine(
      { method: 'PUT', url: userUrl, headers: {}, body: undefined },
      { region: 'us-east-1', printableCredentials: DUMMY_CREDENTIALS, signing: 'unsigned' },
    );
    expect(shellWords(line)).toEqual(['-sS', '-i', '-X', 'PUT', userUrl]);
  });

  test('a wrong-secret case with printable (dummy) credentials prints the wrong secret the runner signed with', () => {
    const line = curlLine(
      { method: 'PUT', url: userUrl, headers: {}, body: '{}' },
      { region: 'us-east-1', printableCredentials: DUMMY_CREDENTIALS, signing: 'wrong-secret' },
    );
    const words = shellWords(line);
    expect(words[words.indexOf('--user') + 1]).toBe(`${DUMMY_CREDENTIALS.accessKeyId}:${DUMMY_CREDENTIALS.secretAccessKey}-wrong`);
  });

  // Regression: the wrong-secret line once signed with the right secret and did not reproduce the case.
  test('a wrong-secret case with user-given credentials replays with a wrong secret (not the correct one)', () => {
    const request: WireRequest = { method: 'PUT', url: userUrl, headers: {}, body: '{}' };
    const wrong = curlLine(request, { region: 'us-east-1', signing: 'wrong-secret' });
    expect(wrong).not.toBe(curlLine(request, { region: 'us-east-1', signing: 'signed' }));
    const words = shellWords(wrong, { AWS_ACCESS_KEY_ID: 'K', AWS_SECRET_ACCESS_KEY: 'S' });
    expect(words[words.indexOf('--user') + 1]).not.toBe('K:S');
  });

  test(
    'an expired or body-changed case, which curl cannot sign, replays with the signature headers as sent ' + 'and the body as sent',
    async () => {
      const signer = createSigner({ credentials: DUMMY_CREDENTIALS, region: 'us-east-1' });
      const request: WireRequest = {
        method: 'PUT',
        url: userUrl,
        headers: { 'content-type': 'application/json' },
        body: '{"Role":"READER"}',
      };
      const expired = await signer(request, 'expired');
      const date = expired.headers['x-amz-date'] ?? '';
      expect(Date.now() - Date.parse(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'))).toBeGreaterThan(
        19 * 60_000,
      );
      const changed = await signer(request, 'body-changed');
      expect(changed.body).toBe('{\n  "Role": "READER"\n}');
      for (const [signing, sent] of [['expired', expired] as const, ['body-changed', changed] as const]) {
        const words = shellWords(curlLine(sent, { region: 'us-east-1', printableCredentials: DUMMY_CREDENTIALS, signing }));
        expect(words).not.toContain('--aws-sigv4');
        expect(words).toContain(`authorization: ${sent.headers.authorization}`);
        expect(words).toContain(`x-amz-date: ${sent.headers['x-amz-date']}`);
        expect(words[words.indexOf('--data-binary') + 1]).toBe(sent.body);
      }
    },
  );

  test('a session token is signed as X-Amz-Security-Token, and the line reads it from $AWS_SESSION_TOKEN, never printing it', async () => {
    const temporary = { accessKeyId: 'ASIAREALUSERKEY12345', secretAccessKey: 'real-secret', sessionToken: 'real/session+token=' };
    const signed = await createSigner({ credentials: temporary, region: 'us-east-1' })({
      method: 'PUT',
      url: userUrl,
      headers: {},
      body: '{}',
    });
    expect(signed.headers['x-amz-security-token']).toBe(temporary.sessionToken);
    expect(signed.headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
    const line = curlLine(signed, { region: 'us-east-1' });
    expect(line).not.toContain(temporary.sessionToken);
    const words = shellWords(line, { AWS_SESSION_TOKEN: 'from-env' });
    expect(words.filter((_w, i, all) => all[i - 1] === '-H')).toEqual(['x-amz-security-token: from-env']);
  });
});

// ------------------------------------------------------------------ runProperty's shrinking budget

const answered = (c: ConformanceCase, status: number): Exchange => ({
  case: c,
  request: { method: 'PUT', url: 'http://x/', headers: {}, body: c.body },
  received: { kind: 'response', status, headers: {}, body: '{}', durationMs: 1 },
  attempts: 1,
});

// Regression: the shrinking budget once bounded the whole property, so a slow target ran fewer
// examples than asked and the cut-off counted as a pass.
test('runProperty runs every example a slow target needs; the budget only bounds shrinking', async () => {
  const model = loadSpec();
  const arbitrary = validRequests(model.operation('UpdateUser'), DEFAULT_FIXTURES);
  const outcome = await runProperty(arbitrary, {
    seed: 1,
    examples: 20,
    maxShrinkRuns: 1,
    execute: async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return answered(c, 200);
    },
    fails: () => false,
  });
  expect(outcome.runs).toBe(20);
});

// A time budget gave a loaded machine a less shrunk request than an idle one: the budget is a count.
test('runProperty shrinks to the same request whatever each candidate takes', async () => {
  const model = loadSpec();
  const arbitrary = validRequests(model.operation('UpdateUser'), DEFAULT_FIXTURES);
  const shrunk = async (delayMs: number) =>
    (
      await runProperty(arbitrary, {
        seed: 3,
        examples: 30,
        maxShrinkRuns: 25,
        execute: async (c) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          const email = String((JSON.parse(c.body ?? '{}') as { Email?: unknown }).Email ?? '');
          return answered(c, email.length > 3 ? 500 : 200);
        },
        fails: (e) => e.received.kind === 'response' && e.received.status === 500,
      })
    ).counterexample?.request.body;
  const fast = await shrunk(0);
  expect(fast).toBeDefined();
  expect(await shrunk(15)).toBe(fast);
});

// The runs started before the first test (see neverInTime), read last: the rest of the file ran meanwhile.
describe('verify() against a target that never answers within the 50 ms deadline finishes and reports what it did', () => {
  let hung: VerifyResult;
  let late: VerifyResult;
  beforeAll(async () => {
    [hung, late] = await neverInTime;
  }, SLOW_RUN_MS);

  test('a server that accepts connections and never answers: every case has a `responds` timeout finding, verdict fail', () => {
    expectEveryCaseUnanswered(hung, ['timeout']);
    // Each request ended at its own deadline (never before it), not at some default of the HTTP client.
    for (const c of hung.cases) {
      expect(c.received?.durationMs).toBeGreaterThanOrEqual(SHORT_DEADLINE.timeoutMs - 10);
      expect(c.received?.durationMs).toBeLessThan(SHORT_DEADLINE.timeoutMs + 10_000);
    }
  });

  test('a server that answers correctly but after 5 s, with a 50 ms deadline: `responds` timeout findings', () => {
    expectEveryCaseUnanswered(late, ['timeout']);
  });
});
