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
import { expectValidReport } from '../support/report-schemas';

const CONTRACT = path.join(CONTRACTS_DIR, 'aws-sdk-js-v3-quicksight-client-amazon-quicksight.json');
// biome-ignore lint/suspicious/noExplicitAny: a Pact file as data, broken on purpose in ways no Pact type allows
type Json = any;
const original: Json = JSON.parse(readFileSync(CONTRACT, 'utf8'));
const INTERACTIONS = original.interactions.length as number;

const run = (...args: string[]): Promise<CliRun> => runCli(['pact-check', ...args]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-pact-check-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, name);

const NOT_FOUND = 'UpdateUser: UserName names nothing that exists';
const SUCCESS = 'UpdateUser: a valid update of an existing resource';

/**
 * The contract with UpdateUser's not-found answer naming ThrottlingException (an error it documents
 * at 429, not 404), and its success carrying Status in the body (a warning: not forbidden).
 */
function brokenCopy(name = 'broken.json'): string {
  const copy = structuredClone(original);
  const notFound = copy.interactions.find((i: Json) => i.description === NOT_FOUND);
  notFound.response.headers['x-amzn-ErrorType'] = ['ThrottlingException'];
  delete notFound.response.matchingRules.header['x-amzn-ErrorType'];
  copy.interactions.find((i: Json) => i.description === SUCCESS).response.body.content.Status = 200;
  writeFileSync(file(name), JSON.stringify(copy));
  return file(name);
}

describe('exit codes', () => {
  test('0 when every interaction is compatible: the verdict line on stdout, nothing on stderr', async () => {
    const r = await run(CONTRACT);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`qs-contract pact-check ${CONTRACT}\n`);
    expect(r.stdout).toContain(
      `: Pact 4.0 · aws-sdk-js-v3-quicksight-client → amazon-quicksight · ${INTERACTIONS} HTTP interactions, 0 incompatible\n`,
    );
    expect(r.stdout).toContain(`PASS  1 Pact file, ${INTERACTIONS} interactions, all compatible with the spec\n`);
    expect(r.stdout).not.toContain('✗');
  });

  test(
    '1 when an interaction is incompatible: its description, each finding as [code] message with its ' + 'rule, and its request',
    async () => {
      const broken = brokenCopy();
      // By default each cause once, with its example; --verbose lists every case in full.
      const collapsed = await run(broken);
      expect(collapsed.code).toBe(1);
      expect(collapsed.stdout).toMatch(/^ 1\. ✗ \[response\.error-type\.wrong-status\] an error type documented at another status$/m);
      expect(collapsed.stdout).toContain(`  ✗ broken.json › ${NOT_FOUND}  18  → cause 1\n`);
      const r = await run(broken, '--verbose');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(
        [
          `✗ broken.json › ${NOT_FOUND}  18`,
          '  ✗ [response.error-type.wrong-status] ThrottlingException came with status 404; UpdateUser documents it with 429',
          '      rule      ThrottlingException: status 429 (seeds/004_ca0a490043f14d00.txt)',
          '      expected  ThrottlingException with status 429',
          '      actual    ThrottlingException with status 404',
          '    request   PUT /accounts/123456789012/namespaces/default/users/absent-user → 404 (UpdateUser)',
        ].join('\n'),
      );
      expect(r.stdout).toContain(
        `! broken.json › ${SUCCESS}: [response.status-in-body.unexpected] UpdateUser binds Status to the status line`,
      );
      expect(r.stdout).toContain(`FAIL  1 of ${INTERACTIONS} interactions incompatible with the spec (1 finding) · 2 warnings\n`);
    },
  );

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
    expect(r.stdout).toContain(
      `: Pact 4.0 · aws-sdk-js-v3-quicksight-client → amazon-quicksight · ${INTERACTIONS} HTTP interactions, 0 incompatible\n`,
    );
    expect(r.stdout).toContain(
      `: Pact 4.0 · aws-sdk-js-v3-quicksight-client → amazon-quicksight · ${INTERACTIONS} HTTP interactions, 1 incompatible\n`,
    );
    expect(r.stdout).toContain(`FAIL  1 of ${2 * INTERACTIONS} interactions incompatible with the spec (1 finding) · 2 warnings\n`);
  });

  test('no colour codes when the output is not a TTY', async () => {
    const r = await run(brokenCopy());
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('--json - writes the report as JSON on stdout and moves the console report to stderr', async () => {
    const r = await run(brokenCopy(), '--json', '-');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expectValidReport(r.stdout);
    expect(report).toMatchObject({
      reportVersion: 2,
      report: 'pact-check',
      tool: { name: 'qs-contract' },
      compatible: false,
      summary: { files: 1, interactions: INTERACTIONS, incompatible: 1, errors: 1, warnings: 2 },
    });
    const failing = report.files[0].interactions.filter((i: Json) => !i.compatible);
    expect(failing).toEqual([
      expect.objectContaining({
        description: NOT_FOUND,
        operationId: 'UpdateUser',
        status: 404,
        findings: [
          expect.objectContaining({
            code: 'response.error-type.wrong-status',
            severity: 'error',
            subject: expect.objectContaining({ kind: 'interaction' }),
          }),
        ],
        sources: ['aws'],
      }),
    ]);
    expect(r.stderr).toContain('FAIL  1 of');
  });

  test('--junit FILE writes one testsuite per Pact file and one testcase per interaction, a failure naming the rule', async () => {
    const r = await run(brokenCopy(), '--junit', file('junit.xml'));
    expect(r.code).toBe(1);
    const xml = readFileSync(file('junit.xml'), 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(INTERACTIONS);
    expect(xml).toMatch(
      new RegExp(
        String.raw`<testcase classname="pact-check\.UpdateUser" name="UpdateUser: UserName names nothing that exists"[^>]*>\s*` +
          String.raw`<failure message="cause 1: \[response\.error-type\.wrong-status\][^"]*" type="response\.error-type\.wrong-status"`,
      ),
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
          ...(i.response.body ? { body: i.response.body.content } : {}),
        },
      })),
      metadata: { pactSpecification: { version: '3.0.0' } },
    };
    writeFileSync(file('v3.json'), JSON.stringify(v3));
    const r = await run(file('v3.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `: Pact 3.0.0 · aws-sdk-js-v3-quicksight-client → amazon-quicksight · ${INTERACTIONS} HTTP interactions, 0 incompatible\n`,
    );
  });
});
