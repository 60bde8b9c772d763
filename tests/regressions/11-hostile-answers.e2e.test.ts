/**
 * Issue 11, the answers side at full size (npm run test:e2e): verify against a lenient target
 * answering every shape, and against deep or large answers, the CLI in a child process with a
 * small heap, so that "small memory" is a hard bound, not a timing. The rest of the issue's
 * regressions (the mock, pact-check, the control plane) are tests/regressions/11-hostile-input.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answering, closeAnswering, nested } from '../support/answering';
import { CLI_ENV, runCli, spawnCli } from '../support/cli';
import { expectValidReport } from '../support/report-schemas';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-issue-11-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  await closeAnswering();
});

/**
 * The built CLI with a small heap: a run that needs more memory than a report of bounded bodies
 * dies (exit code not 0 or 1) instead of passing slowly. 256 MB is twice what a full default run
 * against the reference mock needs.
 */
const SMALL_HEAP: NodeJS.ProcessEnv = { ...CLI_ENV, NODE_OPTIONS: '--max-old-space-size=256' };

// ------------------------------------------------------------------ 1. an answer of any shape

describe('1. verify never crashes on an answer of any shape', () => {
  const deep = nested(12_000);
  test.each([
    ['200 {} to everything', 200, '{}'],
    ['200 [] to everything', 200, '[]'],
    ['200 null to everything', 200, 'null'],
    ['200 with members of the wrong type', 200, '{"User":1,"Permissions":{"a":1},"Status":[],"Arn":{},"ThemeId":[]}'],
    ['200 with a grant whose Actions is no list', 200, '{"Permissions":[{"Principal":"p","Actions":7},null,1]}'],
    ['200 with a 12,000-deep Email', 200, `{"User":{"Email":${deep},"Role":${deep}}}`],
    ['200 with a 12,000-deep Status and Arn', 200, `{"Status":${deep},"Arn":${deep},"ThemeId":${deep}}`],
    ['400 with a 12,000-deep __type and RequestId', 400, `{"__type":${deep},"code":${deep},"RequestId":${deep}}`],
    ['200 that is not JSON', 200, 'hello'],
  ])('%s: a finished report, exit 1, no internal error', async (_name, status, body) => {
    const target = await answering(status, body);
    const run = await runCli(['verify', '--target', target, '--seed', '1', '--examples', '1', '--json', '-']);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(1);
    expect(expectValidReport(run.stdout)).toMatchObject({ verdict: 'fail' });
  });
});

// ------------------------------------------------------------------ 2. deep answers

describe('2. deep answers: comparisons and descriptions are linear and any depth is safe', () => {
  test.each([
    ['a 69-byte {"User":[[[...30 levels...]]]}', `{"User":${nested(30)}}`],
    ['a 10,000-deep answer', `{"User":${nested(10_000)}}`],
    ['a 100,000-deep answer', nested(100_000)],
  ])(
    '%s gives a finished report with a small heap',
    async (_name, body) => {
      const target = await answering(200, body);
      const json = path.join(dir, 'deep.json');
      const run = await spawnCli(['verify', '--target', target, '--seed', '1', '--json', json], 120_000, SMALL_HEAP);
      expect(run.stderr).not.toContain('internal error');
      expect(run.code).toBe(1);
      const report = expectValidReport(readFileSync(json, 'utf8')) as { cases: { findings: { check: string }[] }[] };
      expect(report.cases.flatMap((c) => c.findings.map((f) => f.check))).toEqual(expect.arrayContaining(['response-schema']));
    },
    150_000,
  );
});

// ------------------------------------------------------------------ 3. large answers

describe('3. reports keep a bounded prefix of each body, with its full size and SHA-256', () => {
  /** A JSON answer of about `kb` kilobytes: a user with a long list of short strings (many characters JSON escapes). */
  const large = (kb: number) => JSON.stringify({ User: { UserName: 'alice', Tags: Array.from({ length: (kb * 1000) / 4 }, () => 'a') } });

  test.each([600, 700])(
    '%i KB answers: the JSON report is written, small, and names each body by size and hash',
    async (kb) => {
      const body = large(kb);
      const target = await answering(200, body);
      const json = path.join(dir, `large-${kb}.json`);
      const run = await spawnCli(['verify', '--target', target, '--seed', '1', '--json', json], 120_000, SMALL_HEAP);
      expect(run.stderr).not.toContain('internal error');
      expect(run.code).toBe(1);
      // 374 answers of 600 KB each were a 505 MB report; a 64 KiB prefix each is under 40 MB whatever they hold.
      expect(statSync(json).size).toBeLessThan(40 * 1024 * 1024);
      const report = expectValidReport(readFileSync(json, 'utf8')) as {
        cases: { received?: { body: string; bodyBytes: number; bodySha256: string; bodyTruncated: boolean } }[];
      };
      const received = report.cases.flatMap((c) => (c.received ? [c.received] : []));
      expect(received.length).toBeGreaterThan(100);
      const sha256 = createHash('sha256').update(body).digest('hex');
      for (const r of received) {
        expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(64 * 1024);
        expect(body.startsWith(r.body)).toBe(true);
        expect(r).toMatchObject({ bodyBytes: Buffer.byteLength(body), bodySha256: sha256, bodyTruncated: true });
      }
      // The console shows less still: a few hundred characters of a body at most.
      expect(run.stdout.length).toBeLessThan(kb * 1000);
      expect(run.stdout).not.toContain('"a",'.repeat(100));
    },
    150_000,
  );
});
