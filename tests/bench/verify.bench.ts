/**
 * npm run bench:verify — a full default `qs-contract verify` run against the reference mock, timed
 * from process start to exit, several rounds; and, in the same run, the raw request rate of the
 * same target measured by autocannon. Prints wall time, requests, cases/s and requests/s of the
 * suite, the raw rate, and the ratio suite/raw. Target: a full default run under 5 s.
 *
 * Two runs are timed: `--target builtin` (what `npm start` does: the mock in the verify process)
 * and `--target URL` against `qs-contract mock` in its own process, the target autocannon measures.
 *
 *   BENCH_ROUNDS (default 5)   BENCH_SECONDS (autocannon, default 5)   BENCH_CONNECTIONS (default 8)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, startListening } from './listening-process';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

interface Run {
  wallMs: number;
  cases: number;
  requests: number;
  exit: number | null;
}

/** One full default run in a fresh process: the clock covers Node's start, the spec load and the report. */
function timedVerify(target: string, seed: number): Run {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, 'verify', '--target', target, '--seed', String(seed), '--no-color'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const match = /(\d+) cases, (\d+) requests/.exec(run.stdout);
  if (!match) throw new Error(`unexpected verify output (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { wallMs, cases: Number(match[1]), requests: Number(match[2]), exit: run.status };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function rawRate(url: string): Promise<number> {
  const result = await autocannon({
    url: `${url}/accounts/123456789012/namespaces/default/users/alice`,
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Email: 'alice@example.com', Role: 'READER' }),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result.requests.total / SECONDS;
}

async function main(): Promise<void> {
  const mock = await startListening([CLI, 'mock']);
  try {
    const rows: { target: string; runs: Run[] }[] = [
      { target: 'builtin', runs: [] },
      { target: mock.url, runs: [] },
    ];
    for (let round = 0; round < ROUNDS; round += 1) for (const row of rows) row.runs.push(timedVerify(row.target, 1000 + round));
    const raw = await rawRate(mock.url);

    console.log(`qs-contract verify, default options, ${ROUNDS} rounds each (medians; process start to exit)`);
    console.log('| target | wall time | requests | cases | cases/s | requests/s | exit codes |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) {
      const wall = median(row.runs.map((r) => r.wallMs));
      const requests = median(row.runs.map((r) => r.requests));
      const cases = median(row.runs.map((r) => r.cases));
      const seconds = wall / 1000;
      const cells = [
        row.target === 'builtin' ? 'builtin (npm start)' : 'qs-contract mock (own process)',
        `${seconds.toFixed(2)} s`,
        requests,
        cases,
        Math.round(cases / seconds),
        Math.round(requests / seconds),
        [...new Set(row.runs.map((r) => r.exit))].join(','),
      ];
      console.log(`| ${cells.join(' | ')} |`);
    }
    const external = rows[1] as { runs: Run[] };
    const suiteRate = median(external.runs.map((r) => r.requests / (r.wallMs / 1000)));
    console.log('');
    console.log(
      `raw rate of the same mock (autocannon, ${CONNECTIONS} connections, ${SECONDS} s, valid UpdateUser): ${Math.round(raw)} req/s`,
    );
    console.log(
      `ratio suite/raw: ${(suiteRate / raw).toFixed(3)} (the suite signs, judges and reports every request, and starts a process)`,
    );
    const worst = Math.max(...rows.flatMap((r) => r.runs.map((x) => x.wallMs)));
    console.log(`target: a full default run under 5 s — slowest run ${(worst / 1000).toFixed(2)} s: ${worst < 5000 ? 'met' : 'NOT MET'}`);
  } finally {
    mock.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
