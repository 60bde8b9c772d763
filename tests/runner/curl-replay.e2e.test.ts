/**
 * The curl line each case's report carries, replayed by the real curl (npm run test:e2e: a curl
 * process per case) against the reference mock: every case gets the status the runner got, and
 * against a mock that checks SigV4, curl's own signature is accepted. How the line is quoted and
 * what it prints is tests/runner/robustness.test.ts.
 */
import { execFile, spawnSync } from 'node:child_process';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { createSigV4Check, type RunningMock, startMock } from '../../src/mock';
import { type VerifyResult, verify } from '../../src/verify';

const OPTIONS = { fixtures: DEFAULT_FIXTURES, seed: 1, concurrency: 16, timeoutMs: 20_000 };

const mocks: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close(0)));
});

// ------------------------------------------------------------------ the curl line against a real server

const HAS_CURL = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).status === 0;

/** Runs the line in sh (asynchronously: the mock answers from this process) and reads the status of curl -i. */
function statusOfCurl(line: string, env: Record<string, string> = {}): Promise<number | string> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', line],
      { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 10_000 },
      (_error, stdout, stderr) => {
        const match = /^HTTP\/[\d.]+ (\d{3})/.exec(stdout);
        resolve(match ? Number(match[1]) : `no status: ${stderr || stdout.slice(0, 200)}`);
      },
    );
  });
}

async function curlStatuses(
  result: VerifyResult,
  env: Record<string, string> = {},
): Promise<{ id: string; runner: number | string | undefined; curl: number | string }[]> {
  const rows = [];
  // One at a time, in the run's order: the mock is stateful.
  for (const c of result.cases) {
    if (!c.curl) continue;
    rows.push({
      id: c.id,
      runner: c.received?.kind === 'response' ? c.received.status : c.received?.reason,
      curl: await statusOfCurl(c.curl, env),
    });
  }
  return rows;
}

// Required in CI (.ci/run installs curl); skipped on a developer machine without it.
(HAS_CURL || process.env.CI ? describe : describe.skip)('the produced curl line, run by the real curl', () => {
  test('against the reference mock (startMock()), every case replayed with curl gets the status the runner got', async () => {
    const mock = await startMock();
    mocks.push(mock);
    const result = await verify({ ...OPTIONS, examples: 0, target: mock.url });
    expect(result.verdict).toBe('pass');
    const rows = await curlStatuses(result);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.curl !== r.runner)).toEqual([]);
  });

  test(
    "against a mock that checks SigV4, curl's own signature of a base request is accepted and the " +
      'unsigned line refused, as for the runner',
    async () => {
      const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'curl-replay-secret' };
      const mock = await startMock({ signature: createSigV4Check({ credentials: [credentials], region: 'us-east-1' }) });
      mocks.push(mock);
      const result = await verify({ ...OPTIONS, examples: 0, target: mock.url, credentials });
      expect(result.verdict).toBe('pass');
      const picked = { ...result, cases: result.cases.filter((c) => c.id.endsWith('/positive/base') || c.id.endsWith('/auth/unsigned')) };
      expect(picked.cases).toHaveLength(6);
      const rows = await curlStatuses(picked, {
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      });
      expect(rows.filter((r) => r.curl !== r.runner)).toEqual([]);
      expect(rows.map((r) => r.curl)).toEqual(expect.arrayContaining([200, 401]));
    },
  );
});
