/**
 * `--suppress CODE[,CODE...]`, as a user runs it: against a seeded defect verify fails with the
 * defect's code, and the same run with that code suppressed passes, saying what it dropped; a
 * mistyped code is a usage error of one line naming the closest code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Suppression } from '../../src/findings';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { PACT_FILE_NAME } from '../../src/pact-file';
import { startProxy } from '../../src/proxy';
import { CONTRACTS_DIR, PROJECT_ROOT } from '../../src/spec';
import { runCli } from '../support/cli';
import { type DefectiveMock, startDefectiveMock } from '../support/defective-mock';
import { expectValidReport } from '../support/report-schemas';

let dir: string;
let mock: DefectiveMock;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-suppress-'));
  mock = await startDefectiveMock('no-request-id');
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const QUICK = ['--seed', '7', '--examples', '0', '--operations', 'UpdateCustomPermissions', '--no-color'];
const CODE = 'response.request-id.missing';

interface Report {
  verdict?: string;
  suppressed: { code: string; count: number }[];
  cases?: { findings: { code: string }[] }[];
  requests?: { findings: { code: string }[] }[];
}

test('verify fails a target with no request id, with the code', async () => {
  const run = await runCli(['verify', '--target', mock.url, ...QUICK]);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`[${CODE}]`);
  expect(run.stdout).not.toContain('suppressed:');
});

test('verify --suppress of that code passes the same run, and every report says what it dropped', async () => {
  const json = path.join(dir, 'verify.json');
  const run = await runCli(['verify', '--target', mock.url, ...QUICK, '--suppress', CODE, '--json', json]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain(`[${CODE}]`);
  const line = run.stdout.split('\n').find((l) => l.startsWith('suppressed: '));
  expect(line).toMatch(new RegExp(`^suppressed: (\\d+) findings \\(${CODE.replace(/\./g, '\\.')} ×\\1\\)$`));
  expect(run.stdout).toContain(`--suppress ${CODE}`);
  const report = expectValidReport(readFileSync(json, 'utf8')) as Report;
  expect(report.verdict).toBe('pass');
  expect(report.suppressed).toEqual([{ code: CODE, count: Number(/(\d+)/.exec(line as string)?.[1]) }]);
  expect(report.suppressed[0]?.count).toBeGreaterThan(0);
  expect(report.cases?.flatMap((c) => c.findings.map((f) => f.code))).not.toContain(CODE);
});

test('a report with nothing to suppress has an empty suppressed', async () => {
  const json = path.join(dir, 'plain.json');
  const run = await runCli(['verify', '--target', 'builtin', ...QUICK, '--json', json]);
  expect(run.code).toBe(0);
  expect((expectValidReport(readFileSync(json, 'utf8')) as Report).suppressed).toEqual([]);
});

test("the config file's suppress does the same", async () => {
  const config = path.join(dir, 'qs-contract.config.json');
  writeFileSync(
    config,
    JSON.stringify({ target: mock.url, examples: 0, seed: 7, operations: ['UpdateCustomPermissions'], suppress: [CODE] }),
  );
  const run = await runCli(['verify', '--config', config, '--no-color']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`^suppressed: \\d+ findings \\(${CODE.replace(/\./g, '\\.')} ×\\d+\\)$`, 'm'));
});

describe('check-client: a client that sends JSON with no Content-Type', () => {
  const client = [process.execPath, path.join(PROJECT_ROOT, 'tests/client/clients/faulty-client.js'), 'no-content-type'];

  test('fails with request.content-type', async () => {
    const run = await runCli(['check-client', '--no-color', '--', ...client]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[request.content-type]');
  });

  test('passes with --suppress request.content-type, and says so', async () => {
    const json = path.join(dir, 'client.json');
    const run = await runCli(['check-client', '--no-color', '--suppress', 'request.content-type', '--json', json, '--', ...client]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('[request.content-type]');
    expect(run.stdout).toMatch(/^suppressed: 1 finding \(request\.content-type ×1\)$/m);
    const report = expectValidReport(readFileSync(json, 'utf8')) as Report;
    expect(report.verdict).toBe('pass');
    expect(report.suppressed).toEqual([{ code: 'request.content-type', count: 1 }]);
    expect(report.requests?.flatMap((r) => r.findings)).toEqual([]);
  });
});

test('pact-check: an error type at another status fails, and passes with its code suppressed', async () => {
  const pact = JSON.parse(readFileSync(path.join(CONTRACTS_DIR, PACT_FILE_NAME), 'utf8'));
  const notFound = pact.interactions.find(
    (i: { description: string }) => i.description === 'UpdateUser: UserName names nothing that exists',
  );
  notFound.response.headers['x-amzn-ErrorType'] = ['ThrottlingException'];
  delete notFound.response.matchingRules.header['x-amzn-ErrorType'];
  const file = path.join(dir, 'broken.json');
  writeFileSync(file, JSON.stringify(pact));
  const failed = await runCli(['pact-check', file, '--no-color']);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toContain('[response.error-type.wrong-status]');
  const json = path.join(dir, 'pact-check.json');
  const run = await runCli(['pact-check', file, '--no-color', '--suppress', 'response.error-type.wrong-status', '--json', json]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^suppressed: 1 finding \(response\.error-type\.wrong-status ×1\)$/m);
  expect((expectValidReport(readFileSync(json, 'utf8')) as Report).suppressed).toEqual([
    { code: 'response.error-type.wrong-status', count: 1 },
  ]);
});

test('pact-verify: a provider that answers 201 where the contract says 200 passes with pact-verify.status suppressed', async () => {
  const target = await startDefectiveMock('created-201');
  try {
    const pact = JSON.parse(readFileSync(path.join(CONTRACTS_DIR, PACT_FILE_NAME), 'utf8'));
    pact.interactions = pact.interactions.filter(
      (i: { description: string }) => i.description === 'UpdateUser: a valid update of an existing resource',
    );
    const file = path.join(dir, 'one-interaction.json');
    writeFileSync(file, JSON.stringify(pact));
    const json = path.join(dir, 'pact-verify.json');
    const args = ['--target', target.url, '--pact', file, '--no-color', '--suppress', 'pact-verify.status', '--json', json];
    const run = await runCli(['pact-verify', ...args]);
    expect(run.code).toBe(0);
    // One finding dropped: without the flag the run fails on it.
    expect(run.stdout).toMatch(/^suppressed: 1 finding \(pact-verify\.status ×1\)$/m);
    const report = expectValidReport(readFileSync(json, 'utf8')) as Report;
    expect(report.verdict).toBe('pass');
    expect(report.suppressed).toEqual([{ code: 'pact-verify.status', count: 1 }]);
  } finally {
    await target.close();
  }
});

test.each([false, true])('proxy: an answer with no request id (suppressed: %s)', async (suppressed) => {
  const suppress = new Suppression(suppressed ? [CODE] : []);
  const proxy = await startProxy({ upstream: mock.url, suppress });
  try {
    const answer = await fetch(`${proxy.url}/accounts/${BUILTIN_FIXTURES.accountId}/custom-permissions/ReadOnlyAnalysts`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"Capabilities":{"ExportToCsv":"DENY"}}',
    });
    expect(answer.status).toBe(200);
    const result = await proxy.close();
    expect(result.exchanges.flatMap((e) => e.findings.map((f) => f.code)).includes(CODE)).toBe(!suppressed);
    expect(result.verdict).toBe(suppressed ? 'pass' : 'fail');
    expect(suppress.tally()).toEqual(suppressed ? [{ code: CODE, count: 1 }] : []);
  } finally {
    await proxy.close();
  }
});

describe('an unknown code is a usage error of one line naming the closest code', () => {
  test.each([
    ['verify', ['verify', '--target', 'builtin', ...QUICK], 'response.request-id', CODE],
    ['verify, mistyped', ['verify', '--target', 'builtin', ...QUICK], 'respnse.request-id.mising', CODE],
    ['check-client', ['check-client', '--no-color'], 'request.content-typ', 'request.content-type'],
    ['pact-check', ['pact-check', path.join(PROJECT_ROOT, 'contracts', 'x.json')], 'status-in-body', 'response.status-in-body.mismatch'],
  ])('%s', async (_name, args, given, closest) => {
    const tail = args[0] === 'check-client' ? ['--', process.execPath, '-e', ''] : [];
    const run = await runCli([...args, '--suppress', `${CODE},${given}`, ...tail]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `qs-contract: --suppress: "${given}" is no finding code; the closest is ${closest} (the README lists them all)`,
    ]);
  });
});
