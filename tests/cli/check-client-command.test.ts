/**
 * `qs-contract check-client` as a user runs it (in this process, through main(argv, io); the
 * signal tests deliver the signal to check-client's own handlers, a real signal to the CLI's
 * process is tests/cli/mock-command.test.ts), running real clients against the reference mock on
 * loopback: the AWS SDK for JavaScript v3 (configured by the environment alone) and small
 * deliberately faulty fetch clients. Debian's AWS CLI: tests/cli/external-clients.e2e.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { methodRule, RULES } from '../../src/client';
import { WIRE_PROTOCOL as WIRE_PROTOCOL_SOURCE } from '../../src/protocol';
import { loadSpec, PROJECT_ROOT } from '../../src/spec';
import { type CliRun, runCli, startCli } from '../support/cli';
import { expectValidReport } from '../support/report-schemas';

const CLIENTS = path.join(PROJECT_ROOT, 'tests/client/clients');
const SDK_CLIENT = path.join(CLIENTS, 'sdk-client.js');
const FAULTY_CLIENT = path.join(CLIENTS, 'faulty-client.js');
const NODE = process.execPath;

const model = loadSpec();
const USER_PAGE = model.operation('UpdateUser').source;
const THEME_PAGE = model.operation('UpdateThemePermissions').source;
const PROFILE_PAGE = model.operation('UpdateCustomPermissions').source;
const DATA_TYPES = 'QUICKSIGHT-FACTS.md#data-types-the-documents-name-but-do-not-define';

/** The user's environment without colour overrides: colour is decided by the TTY alone. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-check-client-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

const run = (...args: string[]): Promise<CliRun> => runCli(['check-client', ...args]);

interface ReportFinding {
  code: string;
  severity: string;
  pointer?: string;
  message: string;
  rule: { text: string; source: string };
}
interface ReportRequest {
  seq: number;
  method: string;
  path: string;
  operationId?: string;
  pathParams?: Record<string, string>;
  response: { status: number; errorType?: string; injected: boolean };
  verdict: string;
  findings: ReportFinding[];
  note?: string;
}
interface Report {
  reportVersion: number;
  report: string;
  tool: { name: string; version: string };
  command: string[];
  mockUrl: string;
  outcome: { kind: string; code?: number; signal?: string };
  forwardedSignals: string[];
  faults: { operationId: string; errorType: string; count: number; answered: number }[];
  requests: ReportRequest[];
  summary: { requests: number; conforming: number; violating: number; unmatched: number; injected: number; warnings: number };
  verdict: string;
  reasons: { code: string; message: string }[];
}
const readReport = (name: string) => expectValidReport(readFileSync(file(name), 'utf8')) as Report;

/** The start of every ANSI escape sequence. */
const ANSI = '\u001b[';
const STACK = /\n\s+at /;

/** Exit 2, nothing on stdout, and on stderr one line with no stack trace. */
function expectUsageError(result: CliRun, line: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(result.stderr).not.toMatch(STACK);
}

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

// ------------------------------------------------------------------ the real AWS SDK client

test(
  'the AWS SDK v3 client, configured by the environment alone, calls all three operations: exit 0, each ' +
    'request matched its operation and conformed; JSON and JUnit reports written',
  async () => {
    const { code, stdout, stderr } = await run('--json', file('sdk.json'), '--junit', file('sdk.xml'), '--', NODE, SDK_CLIENT);
    expect({ code, stderr }).toEqual({
      code: 0,
      stderr: expect.stringMatching(
        /^qs-contract check-client: the reference mock listens on http:\/\/127\.0\.0\.1:\d+; running the command\n$/,
      ),
    });
    // The command's own output reaches the user, before the report.
    expect(stdout).toMatch(/^UpdateUser alice: HTTP 200 after 1 attempt\(s\)$/m);
    expect(stdout.indexOf('UpdateCustomPermissions ReadOnlyAnalysts: HTTP 200')).toBeLessThan(
      stdout.indexOf('qs-contract check-client -- '),
    );
    expect(stdout).toMatch(/^✓ #2 PUT \/accounts\/123456789012\/namespaces\/default\/users\/eve%2Fops → UpdateUser · 200$/m);
    expect(stdout.split('\n')).toContain(
      'PASS  4 requests, each matched its operation and conformed; the command exited with code 0; ' +
        'signatures not verified (--auth sigv4 verifies them)',
    );
    expect(stdout).not.toContain(ANSI);

    const report = readReport('sdk.json');
    expect(report).toMatchObject({
      reportVersion: 2,
      report: 'check-client',
      tool: { name: 'qs-contract' },
      command: [NODE, SDK_CLIENT],
      outcome: { kind: 'exited', code: 0 },
      verdict: 'pass',
      reasons: [],
    });
    expect(report.summary).toEqual({ requests: 4, conforming: 4, violating: 0, unmatched: 0, unjudged: 0, injected: 0, warnings: 0 });
    expect(report.requests.map((r) => [r.method, r.operationId, r.pathParams, r.verdict, r.response.status, r.findings])).toEqual([
      ['PUT', 'UpdateUser', { AwsAccountId: '123456789012', Namespace: 'default', UserName: 'alice' }, 'conforms', 200, []],
      ['PUT', 'UpdateUser', { AwsAccountId: '123456789012', Namespace: 'default', UserName: 'eve/ops' }, 'conforms', 200, []],
      ['PUT', 'UpdateThemePermissions', { AwsAccountId: '123456789012', ThemeId: 'corporate-theme' }, 'conforms', 200, []],
      ['PUT', 'UpdateCustomPermissions', { AwsAccountId: '123456789012', CustomPermissionsName: 'ReadOnlyAnalysts' }, 'conforms', 200, []],
    ]);

    const xml = readFileSync(file('sdk.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<testsuites[\s>]/);
    expect(junitSuites(xml)).toEqual([
      { name: 'UpdateCustomPermissions', tests: 1, failures: 0, testcases: 1, failureElements: 0 },
      { name: 'UpdateThemePermissions', tests: 1, failures: 0, testcases: 1, failureElements: 0 },
      { name: 'UpdateUser', tests: 2, failures: 0, testcases: 2, failureElements: 0 },
      { name: 'command', tests: 1, failures: 0, testcases: 1, failureElements: 0 },
    ]);
  },
);

test(
  '--inject UpdateUser=ThrottlingException:1 with the AWS SDK client: the SDK retries, so the report ' +
    'shows a throttled request, then a successful one; exit 0',
  async () => {
    const { code, stdout } = await run(
      '--inject',
      'UpdateUser=ThrottlingException:1',
      '--json',
      file('inject.json'),
      '--',
      NODE,
      SDK_CLIENT,
      '--only',
      'UpdateUser',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^UpdateUser alice: HTTP 200 after 2 attempt\(s\)$/m);
    expect(stdout).toContain(
      '\n✓ #1 PUT /accounts/123456789012/namespaces/default/users/alice → UpdateUser · 429 ThrottlingException (injected by --inject)\n' +
        '✓ #2 PUT /accounts/123456789012/namespaces/default/users/alice → UpdateUser · 200\n',
    );
    expect(stdout).toMatch(/^ {2}UpdateUser=ThrottlingException:1 answered 1 of 1$/m);
    const report = readReport('inject.json');
    expect(report.requests.map((r) => [r.pathParams?.UserName, r.response, r.verdict])).toEqual([
      ['alice', { status: 429, errorType: 'ThrottlingException', injected: true }, 'conforms'],
      ['alice', { status: 200, injected: false }, 'conforms'],
      ['eve/ops', { status: 200, injected: false }, 'conforms'],
    ]);
    expect(report.faults).toEqual([{ operationId: 'UpdateUser', errorType: 'ThrottlingException', count: 1, answered: 1 }]);
    expect(report.summary.injected).toBe(1);
  },
);

test(
  "--fixtures with another account: the SDK client's request conforms but is refused 401, the client " +
    'fails, and the report says why (exit 1)',
  async () => {
    const fixtures = file('other-account.json');
    writeFileSync(fixtures, JSON.stringify({ accountId: '111122223333' }));
    const { code, stdout } = await run('--fixtures', fixtures, '--', NODE, SDK_CLIENT, '--only', 'UpdateCustomPermissions');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^mock http:\/\/127\.0\.0\.1:\d+ \(account 111122223333, us-east-1\)/m);
    expect(stdout).toMatch(
      /^✓ #1 PUT \/accounts\/123456789012\/custom-permissions\/ReadOnlyAnalysts → UpdateCustomPermissions · 401 AccessDeniedException$/m,
    );
    expect(stdout).toMatch(/^ {4}note {6}the account 123456789012 is not the mock's \(111122223333; --fixtures sets it\)$/m);
    expect(stdout).toMatch(/^FAIL {2}the command failed: it exited with code 1$/m);
  },
);

// ------------------------------------------------------------------ deliberately faulty clients

interface FaultCase {
  fault: string;
  verdict: 'violates' | 'unmatched';
  rules: { text: string; source: string }[];
  note?: RegExp;
}

const FAULTS: [string, FaultCase][] = [
  [
    'flags Role "reader" (wrong case) with the enum rule of the UpdateUser page',
    {
      fault: 'role-case',
      verdict: 'violates',
      rules: [{ text: 'Role: enum ADMIN | AUTHOR | READER | RESTRICTED_AUTHOR | RESTRICTED_READER', source: USER_PAGE }],
    },
  ],
  [
    'flags a missing Email with the required rule of the UpdateUser page',
    { fault: 'missing-email', verdict: 'violates', rules: [{ text: 'Email: required', source: USER_PAGE }] },
  ],
  [
    'flags a POST where UpdateUser is PUT with the 405 rule',
    { fault: 'post', verdict: 'violates', rules: [methodRule(model.operation('UpdateUser'))] },
  ],
  [
    'flags a form-encoded body: not JSON, and not sent as application/json',
    { fault: 'form-body', verdict: 'violates', rules: [RULES.json, RULES.contentType] },
  ],
  [
    'flags a JSON body sent without a Content-Type, which the mock answers 200',
    { fault: 'no-content-type', verdict: 'violates', rules: [RULES.contentType] },
  ],
  [
    'flags eve/ops sent with a raw slash as matching no operation, and says how to encode it',
    {
      fault: 'raw-slash',
      verdict: 'unmatched',
      rules: [RULES.path],
      note: /UserName "eve\/ops" sent with a raw "\/" \(as one segment it is eve%2Fops\)/,
    },
  ],
  [
    'flags a user name encoded as Latin-1 bytes (%EB for ë) with the UTF-8 percent-encoding rule',
    { fault: 'latin1-name', verdict: 'violates', rules: [RULES.encoding] },
  ],
  [
    'flags a 13-digit account id with the length and pattern rules',
    {
      fault: 'long-account',
      verdict: 'violates',
      rules: [
        { text: 'AwsAccountId: maxLength 12', source: USER_PAGE },
        { text: 'AwsAccountId: pattern ^[0-9]{12}$', source: USER_PAGE },
      ],
    },
  ],
  [
    'flags GrantPermissions "x" with the array type rule of the UpdateThemePermissions page',
    { fault: 'grant-string', verdict: 'violates', rules: [{ text: 'GrantPermissions: type array', source: THEME_PAGE }] },
  ],
  [
    'flags ExportToCsv true with the capability-state rules of the facts sheet',
    {
      fault: 'capability-boolean',
      verdict: 'violates',
      rules: [
        { text: 'Capabilities.ExportToCsv: type string', source: DATA_TYPES },
        { text: 'Capabilities.ExportToCsv: enum DENY', source: DATA_TYPES },
      ],
    },
  ],
  [
    'flags a 65-character CustomPermissionsName with the maxLength 64 rule of the UpdateCustomPermissions page',
    { fault: 'long-profile-name', verdict: 'violates', rules: [{ text: 'CustomPermissionsName: maxLength 64', source: PROFILE_PAGE }] },
  ],
  [
    'flags the account id sent in the body, not the path, as matching no operation, and names the missing segment',
    {
      fault: 'account-in-body',
      verdict: 'unmatched',
      rules: [RULES.path],
      note: /without \{AwsAccountId\}; AwsAccountId is a path parameter of UpdateUser, not a body member/,
    },
  ],
];

/**
 * One run for the whole table: the faulty client sends one request per fault, in order, and each
 * request is judged on its own (a process and a mock for all of them, not one per row).
 */
let faultsRun: Promise<CliRun & { report: Report }> | undefined;
function faulty(): Promise<CliRun & { report: Report }> {
  faultsRun ??= run('--json', file('faults.json'), '--', NODE, FAULTY_CLIENT, ...FAULTS.map(([, { fault }]) => fault)).then((r) => ({
    ...r,
    report: readReport('faults.json'),
  }));
  return faultsRun;
}

test.each(FAULTS)('%s (exit 1)', async (_name, { fault, verdict, rules, note }) => {
  const { code, stdout, report } = await faulty();
  expect(code).toBe(1);
  expect(stdout).toMatch(new RegExp(`^faulty-client ${fault}: HTTP \\d+`, 'm'));
  for (const rule of rules) expect(stdout).toContain(`      rule      ${rule.text} (${rule.source})\n`);

  expect(report.verdict).toBe('fail');
  expect(report.requests).toHaveLength(FAULTS.length);
  const request = report.requests[FAULTS.findIndex(([, c]) => c.fault === fault)] as ReportRequest;
  expect(request.verdict).toBe(verdict);
  expect(request.findings.map((f) => f.rule)).toEqual(rules);
  if (note) expect(request.note).toMatch(note);
});

test('a run of broken requests fails with a count of each kind: those that broke the contract, and those that matched none', async () => {
  const { stdout } = await faulty();
  const unmatched = FAULTS.filter(([, c]) => c.verdict === 'unmatched').length;
  const n = FAULTS.length;
  expect(stdout.split('\n')).toContain(
    `FAIL  ${n - unmatched} requests of ${n} broke the contract; ${unmatched} requests of ${n} matched no operation`,
  );
});

test('a client whose requests conform but who exits 3: exit 1, and the report says the command failed with code 3', async () => {
  const { code, stdout } = await run('--', NODE, SDK_CLIENT, '--only', 'UpdateThemePermissions', '--exit-code', '3');
  expect(code).toBe(1);
  expect(stdout).toMatch(/^✓ #1 PUT \/accounts\/123456789012\/themes\/corporate-theme\/permissions → UpdateThemePermissions · 200$/m);
  expect(stdout).toMatch(/^FAIL {2}the command failed: it exited with code 3$/m);
});

test('a command that makes no request: exit 1, because nothing was checked', async () => {
  const { code, stdout } = await run('--junit', file('none.xml'), '--', NODE, '-e', 'console.log("no calls today")');
  expect(code).toBe(1);
  expect(stdout).toMatch(/^no calls today$/m);
  expect(stdout).toMatch(/0 requests$/m);
  expect(stdout).toMatch(/^FAIL {2}the command made no request to the mock: nothing was checked$/m);
  expect(junitSuites(readFileSync(file('none.xml'), 'utf8'))).toEqual([
    { name: 'command', tests: 1, failures: 1, testcases: 1, failureElements: 1 },
  ]);
});

test('--json - writes the JSON report on stdout; the command output and the console report go to stderr', async () => {
  const { code, stdout, stderr } = await run('--json', '-', '--', NODE, SDK_CLIENT, '--only', 'UpdateCustomPermissions');
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as Report;
  expect(report.requests.map((r) => r.operationId)).toEqual(['UpdateCustomPermissions']);
  expect(stderr).toMatch(/^UpdateCustomPermissions ReadOnlyAnalysts: HTTP 200/m);
  expect(stderr).toMatch(/^PASS {2}1 request, each matched its operation and conformed/m);
});

test('a failing run writes JUnit with a failure per broken request, grouped by operation, with each rule and its source', async () => {
  const script = `
    const base = process.env.AWS_ENDPOINT_URL;
    const put = (path, body, method = 'PUT') =>
      fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    (async () => {
      await put('/accounts/123456789012/namespaces/default/users/alice', { Email: 'a@example.com', Role: 'READER' });
      await put('/accounts/123456789012/namespaces/default/users/alice', { Email: 'a@example.com', Role: 'reader' });
      await put('/accounts/123456789012/themes/corporate-theme/permissions', { GrantPermissions: 'x' });
      await put('/nowhere', {});
    })();`;
  const { code } = await run('--junit', file('mixed.xml'), '--json', file('mixed.json'), '--', NODE, '-e', script);
  expect(code).toBe(1);
  const xml = readFileSync(file('mixed.xml'), 'utf8');
  expect(junitSuites(xml)).toEqual([
    { name: 'UpdateThemePermissions', tests: 1, failures: 1, testcases: 1, failureElements: 1 },
    { name: 'UpdateUser', tests: 2, failures: 1, testcases: 2, failureElements: 1 },
    { name: '(no operation)', tests: 1, failures: 1, testcases: 1, failureElements: 1 },
    { name: 'command', tests: 1, failures: 0, testcases: 1, failureElements: 0 },
  ]);
  expect(xml).toContain(`rule      Role: enum ADMIN | AUTHOR | READER | RESTRICTED_AUTHOR | RESTRICTED_READER (${USER_PAGE})`);
  expect(xml).toContain(`rule      GrantPermissions: type array (${THEME_PAGE})`);
  expect(xml).toContain(`(${WIRE_PROTOCOL_SOURCE})`);
  expect(readReport('mixed.json').reasons.map((r) => r.message)).toEqual([
    '2 requests of 4 broke the contract',
    '1 request of 4 matched no operation',
  ]);
});

// ------------------------------------------------------------------ signals

/**
 * Runs check-client (in this process) on a node script and delivers SIGTERM to check-client each
 * time the script's output shows one of `triggers` (each once, in order): check-client's own signal
 * handlers run, as on a real signal, and forward it to the script, a real process. Resolves with
 * the exit code and output.
 */
async function runWithSignals(script: string, triggers: string[]): Promise<CliRun> {
  const live = startCli(['check-client', '--', NODE, '-e', script]);
  for (const trigger of triggers) {
    await live.waitFor(new RegExp(`^${trigger}$`, 'm'));
    void live.stop('SIGTERM');
  }
  return live.done;
}

const SEND_THEN_WAIT = `
  fetch(process.env.AWS_ENDPOINT_URL + '/accounts/123456789012/namespaces/default/users/alice', {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"Email":"a@example.com","Role":"READER"}',
  }).then((r) => { console.log('sent ' + r.status); setInterval(() => undefined, 1000); });`;

test(
  'SIGTERM while the command runs is forwarded to it; the report then shows what was received and that ' +
    'the command was killed (exit 1)',
  async () => {
    const { code, stdout, stderr } = await runWithSignals(SEND_THEN_WAIT, ['sent 200']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^qs-contract check-client: SIGTERM, forwarded to the command$/m);
    expect(stdout).toMatch(/^ {2}SIGTERM received while the command ran: forwarded to it$/m);
    // The unsigned request is a warning (a cause of its own), not a failure of the request.
    expect(stdout).toMatch(/^✓ #1 PUT \/accounts\/123456789012\/namespaces\/default\/users\/alice → UpdateUser · 200( {2}→ cause \d+)?$/m);
    expect(stdout).toMatch(/^FAIL {2}the command failed: it was killed by SIGTERM$/m);
  },
);

test('a second SIGTERM kills a command that ignores the first (SIGKILL), and the report says so', async () => {
  const script = `process.on('SIGTERM', () => console.log('ignoring SIGTERM'));${SEND_THEN_WAIT}`;
  const { code, stdout, stderr } = await runWithSignals(script, ['sent 200', 'ignoring SIGTERM']);
  expect(code).toBe(1);
  expect(stderr).toMatch(/^qs-contract check-client: SIGTERM, killing the command \(SIGKILL\)$/m);
  expect(stdout).toMatch(/^ {2}SIGTERM received again: the command was killed \(SIGKILL\)$/m);
  expect(stdout).toMatch(/^FAIL {2}the command failed: it was killed by SIGKILL$/m);
});

// ------------------------------------------------------------------ usage errors

/** A port something listens on, for the time of the test. */
async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test.each<[string, string[], RegExp]>([
  ['no command at all', [], /^qs-contract: no command to run: give it after --, e\.g\. qs-contract check-client -- node my-client\.js$/],
  ['nothing after --', ['--'], /^qs-contract: no command to run: give it after --/],
  [
    'a command that does not exist',
    ['--', 'qs-contract-no-such-client'],
    /^qs-contract: cannot run "qs-contract-no-such-client": command not found \(ENOENT\)$/,
  ],
  [
    'a command path that does not exist',
    ['--', '/nonexistent/client'],
    /^qs-contract: cannot run "\/nonexistent\/client": no such file \(ENOENT\)$/,
  ],
  [
    '--inject without an error',
    ['--inject', 'UpdateUser', '--', NODE, '-e', ''],
    /^qs-contract: --inject "UpdateUser": expected OPERATION=ERROR\[:COUNT\], e\.g\. UpdateUser=ThrottlingException:2$/,
  ],
  [
    '--inject of an operation that does not exist',
    ['--inject', 'DeleteUser=ThrottlingException', '--', NODE, '-e', ''],
    new RegExp(
      '^qs-contract: --inject DeleteUser=ThrottlingException: no operation DeleteUser; ' +
        'one of UpdateCustomPermissions, UpdateThemePermissions, UpdateUser$',
    ),
  ],
  [
    '--inject of an error the operation does not document',
    ['--inject', 'UpdateUser=LimitExceededException', '--', NODE, '-e', ''],
    new RegExp(
      '^qs-contract: --inject UpdateUser=LimitExceededException: ' +
        'UpdateUser documents InvalidParameterValueException, .*; not "LimitExceededException"$',
    ),
  ],
  [
    '--inject with COUNT 0',
    ['--inject', 'UpdateUser=ThrottlingException:0', '--', NODE, '-e', ''],
    /^qs-contract: --inject UpdateUser=ThrottlingException:0: COUNT must be an integer from 1 to 999999 \(got "0"\)$/,
  ],
  [
    '--port that is not a port',
    ['--port', '70000', '--', NODE, '-e', ''],
    /^qs-contract: --port must be an integer from 0 to 65535 \(got "70000"\)$/,
  ],
])('usage error: %s exits 2 with one line and no stack trace', async (_name, args, line) => {
  expectUsageError(await run(...args), line);
});

test('a --port something already listens on exits 2 with one line', async () => {
  const busy = await busyPort();
  try {
    expectUsageError(
      await run('--port', String(busy.port), '--', NODE, '-e', ''),
      new RegExp(`^qs-contract: cannot listen on 127\\.0\\.0\\.1:${busy.port}: the address is in use$`),
    );
  } finally {
    await busy.close();
  }
});
