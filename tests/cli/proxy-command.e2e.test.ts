/**
 * `qs-contract proxy` as a user runs it: it prints its URL when ready and a line per exchange, and
 * on SIGINT or SIGTERM its report, with the exit code of the run; an HTTPS upstream; a recording
 * that pact-check accepts and pact-verify replays against the reference mock; mistakes in one line
 * with exit 2. The built CLI runs in a child process where a real signal or the process's own
 * environment (NODE_EXTRA_CA_CERTS) is part of the test; the other runs are in this process
 * (startCli), where stop() delivers the signal to the command's own handlers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as QS from '@aws-sdk/client-quicksight';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { createSigV4Check, type RunningMock, startMock } from '../../src/mock';
import { loadSpec, PROJECT_ROOT } from '../../src/spec';
import { childEnvWithoutAws, NO_AWS_IN_PROCESS } from '../support/aws-env';
import { CLI, runCli, startCli } from '../support/cli';
import { startDefectiveMock } from '../support/defective-mock';
import { expectValidReport } from '../support/report-schemas';

/** The environment of a proxy process: none of the machine's AWS credentials, colours as the test asks. */
const ENV = childEnvWithoutAws(['NO_COLOR']);

const ACCOUNT = BUILTIN_FIXTURES.accountId;
const USER_GROUPING = loadSpec().operation('UpdateThemePermissions').validGroupings?.user ?? [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-proxy-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  url: string;
  /** Sends the signal and resolves with what the process wrote and its exit code. */
  stop(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startProxyCli(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'proxy', ...args], { cwd: PROJECT_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/m.exec(stdout);
      if (match)
        resolve({
          child,
          url: match[1] as string,
          stop: async (signal) => {
            child.kill(signal);
            const code = await exited;
            return { code, stdout, stderr };
          },
        });
    });
    void exited.then((code) => reject(new Error(`proxy exited ${code} before listening: ${stdout}${stderr}`)));
  });
}

/** `qs-contract proxy ...args` in this process, once it listens. */
async function startProxyInProcess(args: string[]): Promise<Omit<Running, 'child'>> {
  const live = startCli(['proxy', ...args], { env: NO_AWS_IN_PROCESS });
  const [, url] = await live.waitFor(/^listening on (http:\/\/127\.0\.0\.1:\d+)\n/m);
  return { url: url as string, stop: (signal) => live.stop(signal) };
}

async function traffic(url: string): Promise<void> {
  const client = new QS.QuickSightClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDPROXYCLI', secretAccessKey: 'proxy-cli-secret' },
    maxAttempts: 1,
  });
  const commands = [
    new QS.UpdateUserCommand({
      AwsAccountId: ACCOUNT,
      Namespace: 'default',
      UserName: 'alice',
      Email: 'alice@example.org',
      Role: 'AUTHOR',
    }),
    new QS.UpdateUserCommand({
      AwsAccountId: ACCOUNT,
      Namespace: 'default',
      UserName: 'eve/ops',
      Email: 'eve@example.org',
      Role: 'READER',
    }),
    new QS.UpdateThemePermissionsCommand({
      AwsAccountId: ACCOUNT,
      ThemeId: 'corporate-theme',
      GrantPermissions: [{ Principal: `arn:aws:quicksight:us-east-1:${ACCOUNT}:user/default/bob`, Actions: USER_GROUPING }],
    }),
    new QS.UpdateCustomPermissionsCommand({
      AwsAccountId: ACCOUNT,
      CustomPermissionsName: 'ReadOnlyAnalysts',
      Capabilities: { ExportToCsv: 'DENY' },
    }),
    new QS.UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'nobody', Email: 'n@example.org', Role: 'READER' }),
    new QS.DescribeUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' }),
  ];
  for (const command of commands) await client.send(command as never).catch(() => undefined);
  client.destroy();
}

describe('against the reference mock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ fixtures: BUILTIN_FIXTURES });
  });
  afterAll(async () => mock.close());

  test('prints its URL, a line per exchange, on SIGTERM the report; exit 0; the recording passes pact-check and pact-verify', async () => {
    const json = path.join(dir, 'proxy.json');
    const pact = path.join(dir, 'recorded.json');
    const junit = path.join(dir, 'proxy.xml');
    const html = path.join(dir, 'proxy.html');
    const proxy = await startProxyCli([
      '--upstream',
      mock.url,
      '--json',
      json,
      '--junit',
      junit,
      '--html',
      html,
      '--record',
      pact,
      '--no-color',
    ]);
    await traffic(proxy.url);
    const { code, stdout, stderr } = await proxy.stop('SIGTERM');
    expect(stderr).toContain('SIGTERM: stopping; the report follows');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`listening on ${proxy.url}`);
    expect(lines).toContain('✓ #1 PUT /accounts/123456789012/namespaces/default/users/alice → UpdateUser · 200 · conforms');
    expect(lines).toContain(
      '✓ #5 PUT /accounts/123456789012/namespaces/default/users/nobody → UpdateUser · 404 ResourceNotFoundException · conforms',
    );
    expect(
      lines.some((l) =>
        /^ {2}#6 GET \/accounts\/123456789012\/namespaces\/default\/users\/alice · \d+ .*outside the contract, passed through$/.test(l),
      ),
    ).toBe(true);
    expect(stdout).toMatch(/PASS {2}5 exchanges of the three operations, each conformed; 1 outside the contract passed through/);
    expect(stdout).toContain(`${pact}: 5 interactions (Pact V4)`);

    // One testcase per exchange, the one outside the contract skipped with its reason.
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites[^>]* tests="6" failures="0" errors="0" skipped="1"/);
    expect(readFileSync(html, 'utf8')).toContain('qs-contract proxy');
    const report = expectValidReport(readFileSync(json, 'utf8')) as { report: string; summary: { exchanges: number } };
    expect(report).toMatchObject({ report: 'proxy', summary: { exchanges: 6, conforming: 5, outside: 1 }, record: { interactions: 5 } });

    const checked = await runCli(['pact-check', pact]);
    expect(checked.stdout).toContain('5 interactions, all compatible with the spec');
    expect(checked.code).toBe(0);
    const verified = await runCli(['pact-verify', '--target', 'builtin', '--pact', pact]);
    expect(verified.stdout).toContain('PASS  5 of 5 interactions passed');
    expect(verified.code).toBe(0);
  }, 120_000);

  test('a run in which no request goes through ends with exit 1 on SIGINT', async () => {
    const proxy = await startProxyInProcess(['--upstream', mock.url, '--no-color']);
    const { code, stdout } = await proxy.stop('SIGINT');
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL  no request went through the proxy: nothing was checked');
  }, 60_000);
});

test('against a defective upstream: the line says the finding, and the run exits 1', async () => {
  const upstream = await startDefectiveMock('update-not-applied');
  try {
    const proxy = await startProxyInProcess(['--upstream', upstream.url, '--no-color']);
    await traffic(proxy.url);
    const { code, stdout } = await proxy.stop('SIGTERM');
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ #1 PUT \/accounts\/123456789012\/namespaces\/default\/users\/alice → UpdateUser · 200 · \[behaviour\.update-not-reflected\]/,
    );
    expect(stdout).toMatch(/FAIL {2}2 exchanges of 5 broke the contract/);
  } finally {
    await upstream.close();
  }
}, 60_000);

test('an HTTPS upstream: the client talks plain HTTP to the proxy, the proxy TLS to the upstream', async () => {
  // The checked-in throwaway certificate for 127.0.0.1; the proxy process trusts it as Node trusts any extra CA.
  const key = path.join(__dirname, '../support/tls/key.pem');
  const cert = path.join(__dirname, '../support/tls/cert.pem');
  const mock = await startMock({ fixtures: BUILTIN_FIXTURES });
  const tls: Server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void mock.handler
        .handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) })
        .then((answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        });
    });
  });
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  const upstream = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  try {
    const proxy = await startProxyCli(['--upstream', upstream, '--no-color'], { ...ENV, NODE_EXTRA_CA_CERTS: cert });
    await traffic(proxy.url);
    const { code, stdout } = await proxy.stop('SIGTERM');
    expect(stdout).toContain('✓ #1 PUT /accounts/123456789012/namespaces/default/users/alice → UpdateUser · 200 · conforms');
    expect(code).toBe(0);
  } finally {
    tls.closeAllConnections();
    await new Promise((resolve) => tls.close(resolve));
    await mock.close();
  }
}, 60_000);

test('--resign --credentials FILE: an upstream that verifies signatures accepts what a client signed with other keys', async () => {
  const keys = { accessKeyId: 'AKIDRESIGNEXAMPLE', secretAccessKey: 'resign-example-secret' };
  const file = path.join(dir, 'keys.json');
  writeFileSync(file, JSON.stringify(keys));
  const mock = await startMock({ fixtures: BUILTIN_FIXTURES, signature: createSigV4Check({ credentials: [keys], region: 'us-east-1' }) });
  try {
    const proxy = await startProxyInProcess(['--upstream', mock.url, '--resign', '--credentials', file, '--no-color']);
    await traffic(proxy.url);
    const { code, stdout, stderr } = await proxy.stop('SIGTERM');
    expect(stderr).toContain('re-signing every request (SigV4, us-east-1) with AKID…MPLE from --credentials');
    expect(stdout).toContain('requests re-signed (SigV4, us-east-1) with AKID…MPLE from --credentials');
    // The client's PUTs (the unsigned GET at start is the proxy's reachability probe).
    const puts = mock.handler.log.entries().filter((e) => e.method === 'PUT');
    expect(puts).toHaveLength(5);
    expect(puts.every((e) => e.signature.verified && e.signature.defect === undefined)).toBe(true);
    expect(stdout).not.toContain(keys.secretAccessKey);
    expect(code).toBe(0);
  } finally {
    await mock.close();
  }
}, 60_000);

/** A loopback port nothing listens at: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('mistakes are one line and exit 2', () => {
  test('an upstream nothing listens at', async () => {
    const port = await closedPort();
    const result = await runCli(['proxy', '--upstream', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `qs-contract: cannot reach the upstream http://127.0.0.1:${port}: connection refused (connect ECONNREFUSED 127.0.0.1:${port})\n` +
        'Is the upstream running, and is --upstream the right URL?\n',
    );
  });

  test.each([
    [
      '--credentials without --resign',
      ['--upstream', 'builtin', '--credentials', 'keys.json'],
      /^qs-contract: --credentials is only used with --resign$/m,
    ],
    [
      '--resign on an address other machines reach',
      ['--upstream', 'builtin', '--resign', '--host', '0.0.0.0'],
      /^qs-contract: --resign signs with your credentials for whoever reaches the proxy: it listens on this machine only, not --host/m,
    ],
    ['an upstream that is not a URL', ['--upstream', 'quicksight'], /^qs-contract: --upstream must be an http\(s\) URL/],
  ])('%s', async (_name, args, message) => {
    const result = await runCli(['proxy', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
