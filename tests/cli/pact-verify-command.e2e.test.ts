/**
 * `qs-contract pact-verify` with the real parts: pact-js' Verifier (in its child process, from the
 * TypeScript source here and from dist/ in the last tests) against the reference mock on loopback
 * with its control plane, the same mock with its control plane hidden, a defective mock, and
 * nothing at all. `runPactVerify` runs in-process with captured streams; a ToolError is what
 * src/cli/main.ts turns into one line on stderr and exit code 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type PactVerifyFlags, runPactVerify } from '../../src/cli/commands/pact-verify';
import type { CliIo } from '../../src/cli/io';
import { isToolError } from '../../src/errors';
import { createSigV4Check, type MockResponse, type RunningMock, startMock } from '../../src/mock';
import { PACT_FILE_NAME, readPact } from '../../src/pact-file';
import type { PactVerifyResult } from '../../src/pact-verify';
import { CONTRACTS_DIR, PROJECT_ROOT } from '../../src/spec';
import { spawnCli } from '../support/cli';
import { type Middleware, startDefectiveMock } from '../support/defective-mock';
import { editJson, onSuccessOf } from '../support/middleware';
import { freePort } from '../support/net';

const PACT = path.join(CONTRACTS_DIR, PACT_FILE_NAME);
const interactions = readPact(PACT).interactions;
const TEMP_PREFIX = 'qs-contract-pact-verify-';
const tempDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(TEMP_PREFIX));
const tempBefore = new Set(tempDirs());

let dir: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-pvtest-'));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, name);

function captured(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { stream: Object.assign(stream, { isTTY: false }) as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
  };
  const out = sink();
  const err = sink();
  return { io: { stdout: out.stream, stderr: err.stream }, stdout: out.text, stderr: err.text };
}

/** Progress lines, which a log gets every 5 s of a long run (a loaded machine makes any run long). */
const PROGRESS = /^qs-contract pact-verify: \d+\/\d+ interactions after \d+ s\n/gm;

async function pactVerify(flags: PactVerifyFlags) {
  const { io, stdout, stderr } = captured();
  const code = await runPactVerify(io, flags);
  // stderr: anything but progress lines.
  return { code, stdout: stdout(), stderr: stderr().replace(PROGRESS, '') };
}

/** The ToolError a run rejects with, as main.ts prints it: `qs-contract: <message>` (and the hint, if any). */
async function toolError(flags: PactVerifyFlags): Promise<{ code: string; lines: string[] }> {
  const error = await pactVerify(flags).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isToolError(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return { code: error.code, lines: [`qs-contract: ${error.message}`, ...(error.hint ? [error.hint] : [])] };
}

async function defective(middleware: Middleware): Promise<string> {
  const m = await startDefectiveMock(middleware);
  closers.push(() => m.close());
  return m.url;
}

/** The reference mock with its control plane hidden, as a target that has none: /_mock/ answers 404. */
const noControlPlane: Middleware = (request, next) =>
  request.url.startsWith('/_mock/') ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' } : next(request);

const readJson = (name: string) =>
  JSON.parse(readFileSync(file(name), 'utf8')) as PactVerifyResult & { reportVersion: number; report: string; tool: { name: string } };

/** The testcases of a JUnit report: suite, name, and whether it is skipped or failed, with the text inside. */
function junitCases(xml: string): { suite: string; name: string; skipped: boolean; failed: boolean; body: string }[] {
  const cases: { suite: string; name: string; skipped: boolean; failed: boolean; body: string }[] = [];
  for (const suite of xml.matchAll(/<testsuite name="([^"]*)"[^>]*>([\s\S]*?)<\/testsuite>/g)) {
    for (const c of (suite[2] as string).matchAll(/<testcase classname="[^"]*" name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const body = c[2] ?? '';
      cases.push({
        suite: suite[1] as string,
        name: c[1] as string,
        skipped: body.includes('<skipped/>'),
        failed: body.includes('<failure'),
        body,
      });
    }
  }
  return cases;
}

/**
 * One run of every interaction of contracts/ against the reference mock with its control plane,
 * signing with temporary credentials the mock verifies, writing --json and --junit: the tests
 * below read it (a run takes seconds: each interaction is a Verifier run of its own).
 */
describe('against the reference mock, with its control plane, verifying signatures (--sigv4 --credentials)', () => {
  const temporary = {
    accessKeyId: 'ASIAQSCONTRACTPACT01',
    secretAccessKey: 'pact-verify-secret-e4c1',
    sessionToken: 'pact-verify-token-0b7d',
  };
  let mock: RunningMock;
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    mock = await startMock({ signature: createSigV4Check({ credentials: [temporary], region: 'us-east-1' }) });
    writeFileSync(file('temporary.json'), JSON.stringify(temporary));
    run = await pactVerify({
      target: mock.url,
      sigv4: true,
      credentials: file('temporary.json'),
      json: file('cp.json'),
      junit: file('cp.xml'),
    });
  });
  afterAll(async () => mock?.close(0));

  test('every interaction of contracts/ passes, exit 0, and --json/--junit are written', () => {
    const { code, stdout, stderr } = run;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain("provider states: set through the target's control plane");
    expect(stdout).toContain(`PASS  ${interactions.length} of ${interactions.length} interactions passed`);
    // The core's own report stays in the worker's pipe.
    expect(stdout).not.toContain('Verifying a pact between');

    const json = readJson('cp.json');
    expect(json).toMatchObject({
      reportVersion: 2,
      report: 'pact-verify',
      tool: { name: 'qs-contract' },
      target: mock.url,
      pactFile: PACT,
      providerStates: 'control-plane',
      verdict: 'pass',
    });
    expect(json.summary).toEqual({ interactions: interactions.length, passed: interactions.length, failed: 0, skipped: 0 });
    expect(json.interactions.map((i) => i.description)).toEqual(interactions.map((i) => i.description));

    const cases = junitCases(readFileSync(file('cp.xml'), 'utf8'));
    expect(cases).toHaveLength(interactions.length);
    expect(new Set(cases.map((c) => c.suite))).toEqual(new Set(['UpdateCustomPermissions', 'UpdateThemePermissions', 'UpdateUser']));
    expect(cases.filter((c) => c.skipped || c.failed)).toEqual([]);
  });

  test('each interaction reached the mock once, and only the invalid-parameter ones broke a documented rule', () => {
    const log = mock.handler.log.entries();
    expect(log).toHaveLength(interactions.length);
    expect(log.filter((entry) => entry.violations.length > 0).map((entry) => entry.errorType)).toEqual(
      interactions.filter((i) => i.description.includes('breaks a documented constraint')).map(() => 'InvalidParameterValueException'),
    );
  });

  test('every request is signed (SigV4) and the mock verified each signature; the token is never printed', () => {
    const verdicts = mock.handler.log.entries().map((e) => e.signature);
    expect(verdicts).toHaveLength(interactions.length);
    expect(verdicts.filter((v) => !v.verified || v.defect)).toEqual([]);
    for (const text of [run.stdout, readFileSync(file('cp.json'), 'utf8'), readFileSync(file('cp.xml'), 'utf8')]) {
      expect(text).not.toContain(temporary.sessionToken);
      expect(text).not.toContain(temporary.secretAccessKey);
    }
  });
});

test(
  'against a target with no control plane, on the default fixtures: the states only a control plane ' +
    'sets are skipped with the reason, the rest pass, exit 0',
  async () => {
    const url = await defective(noControlPlane);
    const { code, stdout, stderr } = await pactVerify({ target: url, json: file('nocp.json'), junit: file('nocp.xml') });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    const json = readJson('nocp.json');
    expect(json.providerStates).toBe('fixtures');
    const skipped = json.interactions.filter((i) => i.status === 'skipped');
    expect(skipped.map((i) => i.description).sort()).toEqual(
      interactions
        .map((i) => i.description)
        .filter((d) =>
          /a call on a Standard edition subscription|a grant beyond the maximum number of principals|the service answers /.test(d),
        )
        .sort(),
    );
    for (const i of skipped)
      expect(i.reason).toMatch(
        /^provider state "[^"]+": only a control plane \(POST \/_mock\/provider-states\) can set it, and the target has none/,
      );
    expect(json.interactions.filter((i) => i.status !== 'skipped').every((i) => i.status === 'passed')).toBe(true);
    expect(json.summary).toEqual({ interactions: 27, passed: 14, failed: 0, skipped: 13 });

    expect(stdout).toContain('provider states: read from the fixtures');
    expect(stdout).toContain('Skipped: the target cannot be put into these provider states (13)');
    expect(stdout).toContain('provider state "the QuickSight subscription is Standard edition": only a control plane');
    expect(stdout).toContain('    – UpdateThemePermissions: a call on a Standard edition subscription');
    expect(stdout).toContain('PASS  14 of 14 interactions passed, 13 skipped');

    const cases = junitCases(readFileSync(file('nocp.xml'), 'utf8'));
    const standard = cases.find((c) => c.name === 'a call on a Standard edition subscription');
    expect(standard).toMatchObject({ suite: 'UpdateThemePermissions', skipped: true, failed: false });
    expect(standard?.body).toMatch(/<system-out>[\s\S]*the QuickSight subscription is Standard edition[\s\S]*only a control plane/);
    expect(cases.filter((c) => c.skipped)).toHaveLength(13);
  },
);

test('--fixtures that hold no custom permissions profile: its interactions are skipped, naming the missing profile', async () => {
  const url = await defective(noControlPlane);
  writeFileSync(file('no-profile.json'), JSON.stringify({ customPermissions: [] }));
  const { code, stdout } = await pactVerify({
    target: url,
    fixtures: file('no-profile.json'),
    pact: filteredPact('UpdateCustomPermissions'),
  });
  expect(code).toBe(0);
  expect(stdout).toContain(
    'provider state "a custom permissions profile exists": the fixtures hold no custom permissions profile "ReadOnlyAnalysts"',
  );
  expect(stdout).toContain('    – UpdateCustomPermissions: a valid update of an existing resource');
  // The profile the fixtures do not hold cannot be absent from the target: those interactions still run.
  expect(stdout).toMatch(/✓ CustomPermissionsName names nothing that exists/);
  expect(stdout).toContain('PASS  2 of 2 interactions passed, 7 skipped');
});

/** A pact file with the interactions of one operation only (a shorter run), as --pact FILE. */
function filteredPact(operationId: string): string {
  const pact = readPact(PACT).raw as { interactions: { description: string }[] };
  const name = file(`${operationId}.json`);
  writeFileSync(
    name,
    JSON.stringify({ ...pact, interactions: pact.interactions.filter((i) => i.description.startsWith(`${operationId}: `)) }),
  );
  return name;
}

test(
  'against a mock whose UpdateUser success answer drops User: those interactions fail with the ' + 'mismatch, the rest pass, exit 1',
  async () => {
    const dropUser = onSuccessOf('UpdateUser', (response: MockResponse) =>
      editJson(response, (body) => {
        delete body.User;
      }),
    );
    const url = await defective(dropUser);
    const pact = filteredPact('UpdateUser');
    const { code, stdout, stderr } = await pactVerify({ target: url, pact, json: file('defect.json'), junit: file('defect.xml') });
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });

    const json = readJson('defect.json');
    expect(json.verdict).toBe('fail');
    const failed = json.interactions.filter((i) => i.status === 'failed');
    expect(failed.map((i) => i.description)).toEqual([
      'UpdateUser: a valid update of an existing resource',
      'UpdateUser: a valid update of the user "eve/ops", whose name is percent-encoded in the path',
    ]);
    for (const i of failed) {
      expect(i.findings).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'pact-verify.body', message: expect.stringContaining('User') })]),
      );
    }
    expect(json.summary).toEqual({ interactions: 10, passed: 8, failed: 2, skipped: 0 });

    expect(stdout).toContain('  ✗ a valid update of an existing resource');
    expect(stdout).toMatch(/ {6}given {5}a user exists \{"AwsAccountId":"123456789012"/);
    // One cause for the two interactions, its finding shown once.
    expect(stdout).toMatch(/^ 1\. ✗ \[pact-verify\.body\] the provider's body does not match the contract's matchers$/m);
    expect(stdout).toMatch(/^ +2 cases · UpdateUser$/m);
    expect(stdout).toMatch(/^ +finding {3}\$[^\n]*User/m);
    expect(stdout).toMatch(/^ {2}✗ a valid update of an existing resource {2}\d+ ms {2}→ cause 1$/m);
    expect(stdout).toContain('FAIL  2 of 10 interactions failed; 8 passed');

    const cases = junitCases(readFileSync(file('defect.xml'), 'utf8'));
    expect(cases.filter((c) => c.failed).map((c) => c.name)).toEqual([
      'a valid update of an existing resource',
      'a valid update of the user &quot;eve/ops&quot;, whose name is percent-encoded in the path',
    ]);
    // The same message on each case of the cause; each body names its own mismatch.
    const failures = cases.filter((c) => c.failed);
    for (const c of failures) {
      expect(c.body).toMatch(/<failure message="cause 1: \[pact-verify\.body\][^"]*\(2 cases\)" type="pact-verify\.body"/);
      expect(c.body).toMatch(/✗ \[pact-verify\.body\] \$: [^\n]*User/);
    }
  },
);

test('an unreachable target: ToolError TARGET_UNREACHABLE, one line (exit 2 through main.ts)', async () => {
  const port = await freePort();
  const { code, lines } = await toolError({ target: `http://127.0.0.1:${port}`, json: file('never.json') });
  expect(code).toBe('TARGET_UNREACHABLE');
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^qs-contract: cannot reach the target http://127\\.0\\.0\\.1:${port}: connection refused`)),
  ]);
  expect(() => readFileSync(file('never.json'))).toThrow();
});

test.each<[string, PactVerifyFlags, RegExp]>([
  ['a target that is not a URL', { target: 'localhost' }, /^qs-contract: --target must be an http\(s\) URL or "builtin"/],
  [
    'a --timeout that is not a number',
    { target: 'http://127.0.0.1:1', timeout: 'soon' },
    /^qs-contract: --timeout must be an integer from 1 to 600000/,
  ],
  [
    'a --pact file that does not exist',
    { target: 'http://127.0.0.1:1', pact: '/nonexistent/pact.json' },
    /^qs-contract: --pact cannot read \/nonexistent\/pact\.json: no such file$/,
  ],
  [
    'a --pact file that is not a pact',
    { target: 'http://127.0.0.1:1', pact: path.join(PROJECT_ROOT, 'package.json') },
    /^qs-contract: --pact .*package\.json: not a Pact file: no "interactions" array$/,
  ],
  ['--json - and --junit - together', { target: 'http://127.0.0.1:1', json: '-', junit: '-' }, /cannot both write to stdout/],
  [
    'a --junit path under a file, not a folder',
    { target: 'http://127.0.0.1:1', junit: path.join(PROJECT_ROOT, 'package.json', 'dir', 'junit.xml') },
    /^qs-contract: --junit .*package\.json\/dir\/junit\.xml: cannot write there \(ENOTDIR\)$/,
  ],
])('a usage error: %s is one line, before any request', async (_name, flags, message) => {
  const { lines } = await toolError(flags);
  expect(lines).toEqual([expect.stringMatching(message)]);
});

/** The built command module (dist/, as `node dist/cli/main.js` loads it), in a child process. */
function node(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', script],
      { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

const FROM_DIST =
  'the built CLI (dist/, in a child process): loading the command does not load Pact; pact-verify --target builtin uses ' +
  "the compiled worker, passes every interaction it is given (exit 0), and the console report stays clean of the core's output";
test(FROM_DIST, async () => {
  const loaded = await node(
    "require('./dist/cli/commands/pact-verify.js');\n" +
      "process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('@pact-foundation'))));",
  );
  expect(loaded).toEqual({ code: 0, stdout: 'false', stderr: '' });

  // One operation's interactions: every interaction of contracts/ passes in the tests above.
  const run = await spawnCli(
    ['pact-verify', '--target', 'builtin', '--pact', filteredPact('UpdateThemePermissions'), '--no-color'],
    120_000,
  );
  expect({ code: run.code, stderr: run.stderr.replace(PROGRESS, '') }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toContain('PASS  8 of 8 interactions passed');
  expect(run.stdout).not.toMatch(/Verifying a pact between|pact-core/);
  expect(run.stdout).not.toContain('\u001b[');
}, 120_000);

test('the temporary pact files are removed', () => {
  expect(tempDirs().filter((name) => !tempBefore.has(name))).toEqual([]);
});
