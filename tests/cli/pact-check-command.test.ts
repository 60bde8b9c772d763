/**
 * `qs-contract pact-check` as a user runs it: exit codes 0/1/2, the console report, `--json` and
 * `--junit`, and usage errors said in one line.
 * The built CLI runs (`node dist/cli/main.js pact-check ...`, built by tests/support/global-setup.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTRACTS_DIR, PROJECT_ROOT } from '../../src/spec';
import { type CliRun, runCli } from '../support/cli';

const CONTRACT = path.join(CONTRACTS_DIR, 'aws-sdk-js-v3-quicksight-client-amazon-quicksight.json');
type Json = any; // a Pact file as data
const original: Json = JSON.parse(readFileSync(CONTRACT, 'utf8'));
const INTERACTIONS = original.interactions.length as number;

const run = (...args: string[]): Promise<CliRun> => runCli(['pact-check', ...args]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-pact-check-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, name);

/** The contract with UpdateUser's success carrying `Status` in its body. */
function brokenCopy(name = 'broken.json'): string {
  const copy = structuredClone(original);
  copy.interactions.find((i: Json) => i.description === 'UpdateUser: a valid update of an existing resource').response.body.content.Status =
    200;
  writeFileSync(file(name), JSON.stringify(copy));
  return file(name);
}

describe('exit codes', () => {
  test('0 when every interaction is compatible: the verdict line on stdout, nothing on stderr', async () => {
    const r = await run(CONTRACT);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`qs-contract pact-check ${CONTRACT}\n`);
    expect(r.stdout).toContain(`Pact 4.0 · aws-sdk-js-v3-quicksight-client → amazon-quicksight · ${INTERACTIONS} HTTP interactions\n`);
    expect(r.stdout).toContain(`✓ all ${INTERACTIONS} interactions are compatible with the spec\n`);
    expect(r.stdout).not.toContain('✗');
  });

  test('1 when an interaction is incompatible: its description, its request and each finding as [rule] message', async () => {
    const broken = brokenCopy();
    const r = await run(broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      [
        '✗ UpdateUser: a valid update of an existing resource',
        '    PUT /accounts/123456789012/namespaces/default/users/alice → 200 (UpdateUser)',
        '    warning [response.body.incompatible] Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - Status (at response.body): the spec does not promise it, so a provider may not send it',
        '    [response.status-in-body] UpdateUser binds Status to the status line: its 200 body has no Status member (got Status: 200); only UpdateCustomPermissions (200) carries Status in its body',
      ].join('\n'),
    );
    expect(r.stdout).toContain(`✗ 1 of ${INTERACTIONS} interactions incompatible with the spec (1 finding) · 1 warning\n`);
  });

  test('2 for a file that does not exist: one line on stderr, no stack trace, nothing on stdout', async () => {
    const r = await run(file('missing.json'));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `qs-contract: cannot read ${file('missing.json')}: no such file\n` });
  });

  test('2 for a JSON file that is not a Pact file', async () => {
    const pkg = path.join(PROJECT_ROOT, 'package.json');
    const r = await run(pkg);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `qs-contract: ${pkg}: not a Pact file: no "interactions" array\n` });
  });

  test('2 for a file that is not JSON', async () => {
    writeFileSync(file('notes.txt'), 'interactions: none\n');
    const r = await run(file('notes.txt'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^qs-contract: ${file('notes.txt').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a Pact file: not JSON \\([^\\n]*\\)\\n$`),
    );
  });

  test('2 when any of several files is unusable, before checking the others (nothing on stdout)', async () => {
    const r = await run(CONTRACT, brokenCopy('other.json'), file('missing.json'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('reports', () => {
  test('several files: a block each, then one verdict over all; 1 if any is incompatible', async () => {
    const r = await run(CONTRACT, brokenCopy());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✓ all ${INTERACTIONS} interactions are compatible with the spec\n`);
    expect(r.stdout).toContain(`✗ 1 of ${INTERACTIONS} interactions incompatible with the spec (1 finding) · 1 warning\n`);
    expect(r.stdout).toContain(`✗ 2 Pact files, ${2 * INTERACTIONS} interactions: 1 incompatible\n`);
  });

  test('no colour codes when the output is not a TTY', async () => {
    const r = await run(brokenCopy());
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  test('--json - writes the report as JSON on stdout and moves the console report to stderr', async () => {
    const r = await run(brokenCopy(), '--json', '-');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      reportVersion: 1,
      tool: { name: 'qs-contract' },
      compatible: false,
      summary: { files: 1, interactions: INTERACTIONS, incompatible: 1, errors: 1 },
    });
    const failing = report.files[0].interactions.filter((i: Json) => !i.compatible);
    expect(failing).toEqual([
      expect.objectContaining({
        description: 'UpdateUser: a valid update of an existing resource',
        operationId: 'UpdateUser',
        status: 200,
        findings: [
          expect.objectContaining({ rule: 'response.body.incompatible', source: 'openapi-pact-comparator', severity: 'warning' }),
          expect.objectContaining({ rule: 'response.status-in-body', source: 'aws', severity: 'error' }),
        ],
      }),
    ]);
    expect(r.stderr).toContain('✗ 1 of');
  });

  test('--junit FILE writes one testsuite per Pact file and one testcase per interaction, a failure naming the rule', async () => {
    const r = await run(brokenCopy(), '--junit', file('junit.xml'));
    expect(r.code).toBe(1);
    const xml = readFileSync(file('junit.xml'), 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(INTERACTIONS);
    expect(xml).toMatch(
      /<testcase classname="pact-check\.UpdateUser" name="UpdateUser: a valid update of an existing resource"[^>]*>\s*<failure message="\[response\.status-in-body\][^"]*" type="response\.status-in-body"/,
    );
  });

  test('--json and --junit cannot both be stdout (2)', async () => {
    const r = await run(CONTRACT, '--json', '-', '--junit', '-');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qs-contract: --json - and --junit - cannot both write to stdout\n' });
  });

  test('a V3 Pact file is checked like a V4 one (0)', async () => {
    const v3 = {
      consumer: original.consumer,
      provider: original.provider,
      interactions: original.interactions.map((i: Json) => ({
        description: i.description,
        request: {
          method: i.request.method,
          path: i.request.path,
          headers: { 'Content-Type': 'application/json' },
          ...(i.request.body ? { body: i.request.body.content } : {}),
        },
        response: {
          status: i.response.status,
          headers: Object.fromEntries(Object.entries(i.response.headers).map(([k, v]) => [k, (v as string[])[0]])),
          body: i.response.body.content,
        },
      })),
      metadata: { pactSpecification: { version: '3.0.0' } },
    };
    writeFileSync(file('v3.json'), JSON.stringify(v3));
    const r = await run(file('v3.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Pact 3.0.0 · aws-sdk-js-v3-quicksight-client → amazon-quicksight · ${INTERACTIONS} HTTP interactions\n`);
  });
});
