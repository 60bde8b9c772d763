/**
 * Setup mistakes are one line and exit 2, before any case runs, never a wall of findings: a fixture
 * the target does not hold, a target that refuses every request as unauthenticated, TLS spoken to a
 * plain-HTTP port or the reverse, a base URL under which nothing answers but 404s. A faithful target
 * that holds what the fixtures declare is not stopped by any of them.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { type RunningMock, startMock } from '../../src/mock';
import { type CliRun, runCli } from '../support/cli';

const servers: (Server | RunningMock)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    if ('url' in s) await s.close();
    else await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const answering =
  (status: number, headers: Record<string, string>, body: string): RequestListener =>
  (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, headers);
      res.end(body);
    });
  };

/** Exit 2, nothing on stdout, and on stderr the line (plus at most a hint) with no stack trace. */
function expectOneLine(run: CliRun, line: RegExp, hint?: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(line);
  if (hint) expect(lines[1]).toMatch(hint);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const verifyArgs = (target: string) => ['verify', '--target', target, '--examples', '0', '--timeout', '10000'];

test('a fixture the target does not hold: which one, and to pass --fixtures', async () => {
  const mock = await startMock({ fixtures: { ...DEFAULT_FIXTURES, users: DEFAULT_FIXTURES.users.filter((u) => u.UserName !== 'bob') } });
  servers.push(mock);
  expectOneLine(
    await runCli(verifyArgs(mock.url)),
    /^qs-contract: the target does not hold the user "bob": it answered 404 ResourceNotFoundException$/,
    /--fixtures FILE/,
  );
});

test('every request refused as unauthenticated: to sign with --sigv4', async () => {
  const port = await listen(
    createHttpServer(
      answering(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, '{"Message":"no"}'),
    ),
  );
  expectOneLine(
    await runCli(verifyArgs(`http://127.0.0.1:${port}`)),
    /every request to .* was refused as unauthenticated \(403\)/,
    /--sigv4/,
  );
});

test('a base URL under which nothing but 404s answer (a wrong path prefix)', async () => {
  const mock = await startMock();
  servers.push(mock);
  expectOneLine(
    await runCli(verifyArgs(`${mock.url}/quicksight`)),
    /^qs-contract: nothing at .*\/quicksight answers these operations: every request was answered 404 as an unknown operation$/,
    /path prefix/,
  );
});

test('https:// to a plain-HTTP port: use http://', async () => {
  const mock = await startMock();
  servers.push(mock);
  const https = mock.url.replace(/^http:/, 'https:');
  expectOneLine(
    await runCli(verifyArgs(https)),
    /does not speak TLS on that port \(a plain-HTTP server\)/,
    new RegExp(`use --target ${mock.url}`),
  );
});

test('http:// to an HTTPS port: use https://', async () => {
  const tls = path.join(__dirname, '..', 'support', 'tls');
  const port = await listen(
    createHttpsServer(
      { key: readFileSync(path.join(tls, 'key.pem')), cert: readFileSync(path.join(tls, 'cert.pem')) },
      answering(200, { 'content-type': 'application/json' }, '{}'),
    ) as unknown as Server,
  );
  expectOneLine(
    await runCli(verifyArgs(`http://127.0.0.1:${port}`)),
    /speaks TLS on that port \(an HTTPS server\)/,
    new RegExp(`use --target https://127.0.0.1:${port}`),
  );
});

test('a target that holds every fixture passes the preflight (the faithful mock, the same command)', async () => {
  const mock = await startMock();
  servers.push(mock);
  const run = await runCli(verifyArgs(mock.url));
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
});
