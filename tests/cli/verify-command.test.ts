/**
 * `qs-contract verify` as a user runs it, in this process through main(argv, io) (runCli): against
 * the builtin mock, a reference mock started here, a defective proxy, nothing at all, and a mock
 * checking SigV4. The built CLI on a pseudo-terminal (colours): tests/cli/verify-tty.e2e.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHECK_IDS } from '../../src/checks';
import { createSigV4Check, type RunningMock, startMock } from '../../src/mock';
import { type CliRun, runCli } from '../support/cli';
import { expectValidReport } from '../support/report-schemas';

const OPERATIONS = ['UpdateCustomPermissions', 'UpdateThemePermissions', 'UpdateUser'];
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'qs-verify-cli-secret-7f3a9c' };
/** Short runs: few random requests, so each test stays a second or two on a loaded machine. */
const QUICK = ['--seed', '7', '--examples', '2'];

/** The user's environment without colour overrides: colour is decided by the TTY alone. */

let dir: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-verify-cli-'));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]): Promise<CliRun> => runCli(args);

const file = (name: string) => path.join(dir, name);
function writeJson(name: string, value: unknown): string {
  writeFileSync(file(name), JSON.stringify(value));
  return file(name);
}

async function mock(options: Parameters<typeof startMock>[0] = {}): Promise<RunningMock> {
  const m = await startMock(options);
  closers.push(() => m.close(0));
  return m;
}

/** The reference mock behind a proxy that turns UpdateUser's 200 into 201 (a status the operation does not document). */
async function createdInsteadOfOk(): Promise<string> {
  const upstream = new URL((await mock()).url);
  const sockets = new Set<Socket>();
  const proxy = createServer((req, res) => {
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const isUpdateUser = /^\/accounts\/[^/]+\/namespaces\/[^/]+\/users\/[^/]+$/.test(req.url ?? '');
        res.writeHead(isUpdateUser && answer.statusCode === 200 ? 201 : (answer.statusCode ?? 502), answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface ReportCase {
  id: string;
  operationId: string;
  kind: string;
  status: string;
  request?: { method: string; url: string; headers: Record<string, string> };
  received?: { kind: string };
  findings: { check: string; severity: string }[];
  checks: string[];
  property?: { runs: number };
}
interface Report {
  reportVersion: number;
  tool: { name: string; version: string };
  target: string;
  seed: number;
  operations: string[];
  checks: string[];
  summary: { cases: number; passed: number; failed: number; notImplemented: number; errors: number; warnings: number };
  cases: ReportCase[];
  verdict: string;
}
const readReport = (name: string) => expectValidReport(readFileSync(file(name), 'utf8')) as Report;

/** The JUnit suites: name, declared counts and the number of testcase and failure elements inside. */
function junitSuites(xml: string): { name: string; tests: number; failures: number; testcases: number; failureElements: number }[] {
  return [...xml.matchAll(/<testsuite\s([^>]*)>([\s\S]*?)<\/testsuite>/g)].map(([, attributes = '', inner = '']) => ({
    name: /\bname="([^"]*)"/.exec(attributes)?.[1] ?? '',
    tests: Number(/\btests="(\d+)"/.exec(attributes)?.[1]),
    failures: Number(/\bfailures="(\d+)"/.exec(attributes)?.[1]),
    testcases: (inner.match(/<testcase[\s>]/g) ?? []).length,
    failureElements: (inner.match(/<failure[\s>]/g) ?? []).length,
  }));
}

/**
 * stderr without the progress lines a long run writes into a log (`qs-contract verify: 40/90 requests
 * after 5 s`): a loaded machine may take long enough for one. What is left must be empty.
 */
const errors = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line !== '' && !/^qs-contract verify: \d+\/\d+ /.test(line))
    .join('\n');

/** The start of every ANSI escape sequence. */
const ANSI = '\u001b[';
const STACK = /\n\s+at /;

// ------------------------------------------------------------------ passing runs and reports

test(
  'verify --target builtin --seed 3 --examples 5 exits 0 with a table of every operation, PASS and a ' + 'replay line with --seed 3',
  async () => {
    const { code, stdout, stderr } = await run('verify', '--target', 'builtin', '--seed', '3', '--examples', '5');
    expect({ code, stderr: errors(stderr) }).toEqual({ code: 0, stderr: '' });
    const header = stdout.split('\n').find((l) => l.startsWith('check '));
    expect(header?.split(/\s+/).filter(Boolean)).toEqual(['check', ...OPERATIONS]);
    for (const check of CHECK_IDS) expect(stdout).toMatch(new RegExp(`^${check}\\s`, 'm'));
    expect(stdout).toMatch(/^PASS {2}\d+ cases passed/m);
    expect(stdout).not.toContain('FAIL');
    expect(stdout).toMatch(/^replay: npx qs-contract verify --target builtin --seed 3 .*--examples 5/m);
  },
);

// ------------------------------------------------------------------ a defective target

test(
  'a target answering UpdateUser with 201 instead of 200: exit 1; FAIL, the case, expected, actual and ' +
    'a reproduce curl line; JUnit <failure> in UpdateUser only',
  async () => {
    const url = await createdInsteadOfOk();
    const { code, stdout } = await run('verify', '--target', url, ...QUICK, '--junit', file('fail.xml'), '--json', file('fail.json'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}\d+ findings in \d+ cases/m);
    // The cause first, once, with an example case; the failing cases one line each under it.
    expect(stdout).toMatch(
      /^ 1\. ✗ \[response\.status\.undocumented\] a status the operation does not document · answered 201 application\/json$/m,
    );
    // The example is the first request that showed it: the probe that each lane starts with.
    expect(stdout).toMatch(
      /^ +e\.g\. {6}UpdateUser › holds the user "alice", which the fixtures declare {2}UpdateUser\/probe\/default:alice$/m,
    );
    expect(stdout).toMatch(/^ +finding {3}answered 201, which UpdateUser does not document/m);
    expect(stdout).toMatch(/^ +expected {2}one of 200, /m);
    expect(stdout).toMatch(/^ +actual {4}201 /m);
    expect(stdout).toMatch(
      /^ {2}✗ UpdateUser › accepts a valid update of an existing resource {2}UpdateUser\/positive\/base {2}→ causes? 1\b/m,
    );
    expect(stdout).toMatch(
      new RegExp(
        `^ +reproduce curl -sS -i -X PUT '${url}/accounts/123456789012/namespaces/default/users/alice' ` +
          ".*--aws-sigv4 'aws:amz:us-east-1:quicksight'",
        'm',
      ),
    );
    expect(stdout).toMatch(/^replay: npx qs-contract verify --target http:\/\/127\.0\.0\.1:\d+ --seed 7/m);

    const report = readReport('fail.json');
    expect(report.verdict).toBe('fail');
    const failed = report.cases.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((c) => c.operationId))).toEqual(new Set(['UpdateUser']));

    const suites = junitSuites(readFileSync(file('fail.xml'), 'utf8'));
    expect(suites.find((s) => s.name === 'UpdateUser')).toMatchObject({ failures: failed.length, failureElements: failed.length });
    for (const other of suites.filter((s) => s.name !== 'UpdateUser')) expect(other.failureElements).toBe(0);
  },
);

// ------------------------------------------------------------------ tool and usage errors

/** Exit 2, nothing on stdout, and on stderr one line (plus at most a hint line) with no stack trace. */
function expectUsageError(result: CliRun, firstLine: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(firstLine);
  expect(result.stderr).not.toMatch(STACK);
}

test('an unreachable target exits 2 with one "qs-contract: cannot reach" line (plus a hint) and no stack trace', async () => {
  const port = await closedPort();
  const result = await run('verify', '--target', `http://127.0.0.1:${port}`, ...QUICK, '--json', file('unreachable.json'));
  expectUsageError(result, new RegExp(`^qs-contract: cannot reach the target http://127\\.0\\.0\\.1:${port}`));
  expect(result.stderr).not.toContain('    at ');
});

test.each<[string, () => string[], RegExp]>([
  ['missing --target', () => [], /^qs-contract: --target is required$/],
  ['--target ftp://x', () => ['--target', 'ftp://x'], /^qs-contract: --target must be an http\(s\) URL \(got ftp:\)/],
  ['--target that is not a URL', () => ['--target', 'localhost:5000'], /^qs-contract: --target must be an http\(s\) URL/],
  ['--checks nope', () => ['--target', 'builtin', '--checks', 'nope'], /^qs-contract: --checks: unknown nope$/],
  ['--operations Nope', () => ['--target', 'builtin', '--operations', 'Nope'], /^qs-contract: --operations: unknown Nope$/],
  [
    '--examples -1',
    () => ['--target', 'builtin', '--examples', '-1'],
    /^qs-contract: --examples must be an integer from 0 to 100000 \(got "-1"\)$/,
  ],
  ['--concurrency 0', () => ['--target', 'builtin', '--concurrency', '0'], /^qs-contract: --concurrency must be an integer from 1 to 256/],
  [
    '--credentials without --sigv4',
    () => ['--target', 'http://127.0.0.1:1', '--credentials', file('creds.json')],
    /^qs-contract: --credentials is only used with --sigv4$/,
  ],
  [
    'a credentials file without a secret',
    () => ['--target', 'http://127.0.0.1:1', '--sigv4', '--credentials', writeJson('half-creds.json', { accessKeyId: 'AKID' })],
    /^qs-contract: the credentials file .*half-creds\.json must hold/,
  ],
  [
    'a fixtures file that does not exist',
    () => ['--target', 'builtin', '--fixtures', file('missing-fixtures.json')],
    /^qs-contract: cannot read the fixtures file .*missing-fixtures\.json: ENOENT$/,
  ],
  [
    'a fixtures file that is not valid',
    () => ['--target', 'builtin', '--fixtures', writeJson('bad-fixtures.json', { edition: 'FREE' })],
    /^qs-contract: the fixtures file .*bad-fixtures\.json: edition must be one of ENTERPRISE, STANDARD$/,
  ],
])('usage error: %s exits 2 with one clear line and no stack trace', async (_name, args, message) => {
  expectUsageError(await run('verify', ...args()), message);
});

// Regression: a --target with credentials sent nothing, exited 1 and printed the password.
test('a --target with user:password in it is a usage error (exit 2) and the password is not printed', async () => {
  const m = await mock();
  const withPassword = m.url.replace('http://', 'http://user:hunter2@');
  const result = await run('verify', '--target', withPassword, '--seed', '1', '--examples', '0', '--operations', 'UpdateUser');
  expect(result.stdout).not.toContain('hunter2');
  expect(result.code).toBe(2);
});

// Regression: `--json -` once appended the JSON after the console report on stdout.
test('--json - writes a parseable JSON report on stdout', async () => {
  const { code, stdout } = await run(
    'verify',
    '--target',
    'builtin',
    '--seed',
    '1',
    '--examples',
    '0',
    '--operations',
    'UpdateUser',
    '--json',
    '-',
  );
  expect(code).toBe(0);
  expect((JSON.parse(stdout) as Report).reportVersion).toBe(2);
});

// ------------------------------------------------------------------ selecting operations and checks

describe('verify --target builtin --operations UpdateUser, its output not a TTY', () => {
  let userOnly: CliRun;
  beforeAll(async () => {
    userOnly = await run(
      'verify',
      '--target',
      'builtin',
      ...QUICK,
      '--operations',
      'UpdateUser',
      '--json',
      file('user-only.json'),
      '--junit',
      file('user-only.xml'),
    );
  });

  test('--operations UpdateUser runs only UpdateUser cases', () => {
    const { code, stdout } = userOnly;
    expect(code).toBe(0);
    const report = readReport('user-only.json');
    expect(report.operations).toEqual(['UpdateUser']);
    expect(report.cases.length).toBeGreaterThan(10);
    expect(new Set(report.cases.map((c) => c.operationId))).toEqual(new Set(['UpdateUser']));
    expect(junitSuites(readFileSync(file('user-only.xml'), 'utf8')).map((s) => s.name)).toEqual(['UpdateUser']);
    expect(stdout).not.toContain('UpdateThemePermissions');
    expect(stdout).toMatch(/^replay: .*--operations UpdateUser/m);
  });

  test('output that is not a TTY has no ANSI escape codes, with or without --no-color', async () => {
    const noColor = await run('verify', '--target', 'builtin', ...QUICK, '--operations', 'UpdateUser', '--no-color');
    for (const { code, stdout, stderr } of [userOnly, noColor]) {
      expect(code).toBe(0);
      expect(stdout).toContain('PASS');
      expect(stdout).not.toContain(ANSI);
      expect(stderr).not.toContain(ANSI);
    }
  });
});

test('--checks status-documented applies only that check (plus responds) to each case', async () => {
  const { code, stdout } = await run(
    'verify',
    '--target',
    'builtin',
    ...QUICK,
    // One operation's cases are enough to show the selection (and more than 50 of them).
    '--operations',
    'UpdateUser',
    '--checks',
    'status-documented',
    '--json',
    file('one-check.json'),
  );
  expect(code).toBe(0);
  const report = readReport('one-check.json');
  expect(report.checks.filter((c) => c !== 'responds')).toEqual(['status-documented']);
  const exchanged = report.cases.filter((c) => c.property === undefined);
  expect(exchanged.length).toBeGreaterThan(50);
  for (const c of exchanged) {
    expect(c.checks).toContain('status-documented');
    expect(c.checks.every((id) => id === 'status-documented' || id === 'responds')).toBe(true);
  }
  // The table has a row for the selected check and none for the others.
  expect(stdout).toMatch(/^status-documented\s/m);
  expect(stdout).not.toMatch(/^(json-content-type|response-schema|error-type|negative-rejected)\s/m);
  expect(stdout).toMatch(/^replay: .*--checks status-documented/m);
});

// Regression: with --checks X a target that answered nothing once passed.
test('--checks status-documented still fails a target that resets every connection (responds always applies)', async () => {
  const sockets = new Set<Socket>();
  const server = createServer((req) => req.socket.destroy());
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const { code } = await run(
    'verify',
    '--target',
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ...QUICK,
    '--operations',
    'UpdateUser',
    '--checks',
    'status-documented',
    '--timeout',
    '500',
  );
  expect(code).toBe(1);
});

// ------------------------------------------------------------------ help

test('verify --help lists every check id and the exit codes', async () => {
  const { code, stdout } = await run('verify', '--help');
  expect(code).toBe(0);
  for (const check of CHECK_IDS) expect(stdout).toMatch(new RegExp(`^ {2}${check}\\s+\\S`, 'm'));
  expect(stdout).toMatch(
    /Exit codes: 0 every check passed · 1 a finding, or an operation not implemented · 2 usage error, .*, or the restore did not succeed/,
  );
  for (const flag of [
    '--target',
    '--fixtures',
    '--checks',
    '--operations',
    '--seed',
    '--examples',
    '--sigv4',
    '--credentials',
    '--json',
    '--junit',
    '--no-color',
  ])
    expect(stdout).toContain(flag);
});

// ------------------------------------------------------------------ SigV4

const AUTH_CASES = ['unsigned', 'wrong-secret', 'expired', 'body-changed'];
const authIds = () => OPERATIONS.flatMap((op) => AUTH_CASES.map((a) => `${op}/auth/${a}`)).sort();

/**
 * One passing run against a reference mock that checks SigV4, signing with --credentials, writing
 * --json and --junit: the reports' shape and the auth cases, read by the tests below.
 */
describe('against a reference mock that checks SigV4, with --sigv4 --credentials, --json and --junit', () => {
  let m: RunningMock;
  let result: CliRun;
  beforeAll(async () => {
    m = await startMock({ signature: createSigV4Check({ credentials: [CREDENTIALS], region: 'us-east-1' }) });
    const credentials = writeJson('creds.json', CREDENTIALS);
    result = await run(
      'verify',
      '--target',
      m.url,
      ...QUICK,
      '--sigv4',
      '--credentials',
      credentials,
      '--json',
      file('sigv4.json'),
      '--junit',
      file('sigv4.xml'),
    );
  });
  afterAll(async () => m?.close(0));

  test(
    'exit 0, a JSON report (version 2, seed, target, summary, cases with request/received/findings) and JUnit XML ' +
      'with one testsuite per operation',
    () => {
      expect({ code: result.code, stderr: errors(result.stderr) }).toEqual({ code: 0, stderr: '' });
      const report = readReport('sigv4.json');
      expect(report).toMatchObject({
        reportVersion: 2,
        tool: { name: 'qs-contract' },
        seed: 7,
        target: m.url,
        operations: OPERATIONS,
        verdict: 'pass',
      });
      const { summary, cases } = report;
      expect(summary).toEqual({
        cases: cases.length,
        passed: cases.length,
        failed: 0,
        inconclusive: 0,
        notImplemented: 0,
        errors: 0,
        warnings: expect.any(Number),
      });
      expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(OPERATIONS));
      const exchanged = cases.filter((c) => c.property === undefined);
      expect(exchanged.length).toBeGreaterThan(50);
      for (const c of exchanged) {
        expect(c).toMatchObject({
          status: 'passed',
          request: { method: 'PUT', url: expect.stringMatching(`^${m.url}/accounts/`) },
          received: { kind: 'response' },
          findings: expect.any(Array),
        });
      }

      const xml = readFileSync(file('sigv4.xml'), 'utf8');
      expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<testsuites[\s>]/);
      expect((xml.match(/<testsuite[\s>]/g) ?? []).length).toBe((xml.match(/<\/testsuite>/g) ?? []).length);
      const suites = junitSuites(xml);
      expect(suites.map((s) => s.name)).toEqual(OPERATIONS);
      for (const suite of suites) {
        expect(suite.testcases).toBe(cases.filter((c) => c.operationId === suite.name).length);
        expect(suite).toMatchObject({ tests: suite.testcases, failures: 0, failureElements: 0 });
      }
    },
  );

  test('the 12 auth cases passed, and the secret is printed nowhere', () => {
    const report = readReport('sigv4.json');
    const auth = report.cases.filter((c) => c.kind === 'auth');
    expect(auth.map((c) => c.id).sort()).toEqual(authIds());
    for (const c of auth) expect(c).toMatchObject({ status: 'passed', findings: [], checks: expect.arrayContaining(['auth-enforced']) });
    expect(result.stdout).toMatch(/^auth-enforced\s+✓ 4\s+✓ 4\s+✓ 4/m);
    for (const text of [result.stdout, readFileSync(file('sigv4.json'), 'utf8'), readFileSync(file('sigv4.xml'), 'utf8')])
      expect(text).not.toContain(CREDENTIALS.secretAccessKey);
    // A signature made with real credentials replays for 15 minutes: the report keeps none.
    const signed = report.cases.filter((c) => c.request?.headers.authorization);
    expect(signed.length).toBeGreaterThan(0);
    for (const c of signed) expect(c.request?.headers.authorization).toMatch(/Signature=<redacted>$/);
  });
});

test(
  '--sigv4 --credentials against a mock that does not check signatures: exit 1 with auth-enforced ' + 'findings on the 12 auth cases',
  async () => {
    const m = await mock();
    const credentials = writeJson('creds.json', CREDENTIALS);
    const { code, stdout } = await run(
      'verify',
      '--target',
      m.url,
      ...QUICK,
      '--sigv4',
      '--credentials',
      credentials,
      '--json',
      file('nosig.json'),
    );
    expect(code).toBe(1);
    const report = readReport('nosig.json');
    const failed = report.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.id).sort()).toEqual(authIds());
    for (const c of failed) expect(c.findings.map((f) => f.check)).toEqual(['auth-enforced']);
    expect(stdout).toMatch(/^auth-enforced\s+✗ 4\/4\s+✗ 4\/4\s+✗ 4\/4/m);
    expect(stdout).toContain('✗ UpdateUser › refuses a valid request signed 20 minutes ago');
    expect(stdout).toContain('✗ UpdateUser › refuses a valid request whose body changed after it was signed');
    expect(stdout).toContain('✗ UpdateUser › refuses a valid request with no signature');
    expect(stdout).not.toContain(CREDENTIALS.secretAccessKey);
  },
);

/** No credentials of the machine: the chain finds only what a test sets. */
const NO_CREDENTIALS: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_SHARED_CREDENTIALS_FILE: path.join(tmpdir(), 'qs-contract-no-such-credentials'),
  AWS_CONFIG_FILE: path.join(tmpdir(), 'qs-contract-no-such-config'),
  AWS_EC2_METADATA_DISABLED: 'true',
};

test(
  '--sigv4 without --credentials signs with the credentials in the environment, session token included, ' + 'and prints neither',
  async () => {
    const temporary = {
      accessKeyId: 'ASIAQSCONTRACTVERIFY',
      secretAccessKey: 'verify-env-secret-31e0',
      sessionToken: 'verify-env-token-c77a',
    };
    const m = await mock({ signature: createSigV4Check({ credentials: [temporary], region: 'us-east-1' }) });
    const { code, stdout } = await runCli(
      ['verify', '--target', m.url, ...QUICK, '--operations', 'UpdateUser', '--sigv4', '--json', file('sigv4-env.json')],
      {
        env: {
          ...NO_CREDENTIALS,
          AWS_ACCESS_KEY_ID: temporary.accessKeyId,
          AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
          AWS_SESSION_TOKEN: temporary.sessionToken,
        },
      },
    );
    expect(code).toBe(0);
    const text = readFileSync(file('sigv4-env.json'), 'utf8');
    expect(readReport('sigv4-env.json').cases.filter((c) => c.kind === 'auth' && c.status === 'passed')).toHaveLength(4);
    for (const secret of [temporary.secretAccessKey, temporary.sessionToken]) expect(`${stdout}${text}`).not.toContain(secret);
  },
);

test('--sigv4 with no credentials anywhere is a usage error that says where they are looked for', async () => {
  const result = await runCli(['verify', '--target', 'http://127.0.0.1:1', '--sigv4'], { env: NO_CREDENTIALS });
  expectUsageError(result, /^qs-contract: --sigv4 found no credentials: give --credentials FILE, or set them as AWS clients find them/);
});

test('--target builtin --sigv4: the builtin mock checks signatures with the same credentials, and every auth case passes', async () => {
  const { code, stdout } = await run(
    'verify',
    '--target',
    'builtin',
    ...QUICK,
    '--sigv4',
    '--credentials',
    writeJson('builtin-creds.json', CREDENTIALS),
    '--json',
    file('builtin-sigv4.json'),
  );
  expect(code).toBe(0);
  expect(readReport('builtin-sigv4.json').cases.filter((c) => c.kind === 'auth' && c.status === 'passed')).toHaveLength(12);
  expect(stdout).toMatch(/^auth-enforced\s+✓ 4\s+✓ 4\s+✓ 4/m);
});
