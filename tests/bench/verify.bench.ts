/**
 * npm run bench:verify — a full default `qs-contract verify` run, timed from process start to exit,
 * several rounds, against three targets: `--target builtin` (what `npm start` does: the mock in the
 * verify process), `qs-contract mock` in its own process, and that mock behind a proxy that holds
 * every answer 60 ms (a target across a network). Prints wall time, requests, the critical path (the
 * most round trips one lane made one after another, times the latency), and the raw request rate of
 * the mock measured by autocannon. Targets: ≤ 1.5 s against the local mock, ≤ 3 s at 60 ms latency.
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
  /** Round trips one after another on the longest lane. */
  serial: number;
  exit: number | null;
}

const LATENCY_MS = 60;

/** One full default run in a fresh process: the clock covers Node's start, the spec load and the report. */
function timedVerify(target: string): Run {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, 'verify', '--target', target, '--no-color'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const match = /(\d+) cases, (\d+) requests in [\d.]+ s \((\d+) one after another\)/.exec(run.stdout);
  if (!match) throw new Error(`unexpected verify output (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { wallMs, cases: Number(match[1]), requests: Number(match[2]), serial: Number(match[3]), exit: run.status };
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
  const slow = await startListening([path.join(__dirname, 'latency-proxy.js'), mock.url, String(LATENCY_MS)]);
  try {
    const rows: { name: string; target: string; latencyMs: number; limitMs: number; runs: Run[] }[] = [
      { name: 'builtin (npm start)', target: 'builtin', latencyMs: 0, limitMs: 1500, runs: [] },
      { name: 'qs-contract mock (own process)', target: mock.url, latencyMs: 0, limitMs: 1500, runs: [] },
      { name: `the mock, ${LATENCY_MS} ms latency`, target: slow.url, latencyMs: LATENCY_MS, limitMs: 3000, runs: [] },
    ];
    // The default seed (no --seed): the run a CI job makes.
    for (let round = 0; round < ROUNDS; round += 1) for (const row of rows) row.runs.push(timedVerify(row.target));
    const raw = await rawRate(mock.url);

    console.log(`qs-contract verify, default options, ${ROUNDS} rounds each (medians; process start to exit)`);
    console.log('| target | wall time | critical path | requests | cases | requests/s | target | exit codes |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) {
      const wall = median(row.runs.map((r) => r.wallMs));
      const requests = median(row.runs.map((r) => r.requests));
      const cases = median(row.runs.map((r) => r.cases));
      const serial = median(row.runs.map((r) => r.serial));
      const path =
        row.latencyMs > 0 ? `${serial} × ${row.latencyMs} ms = ${((serial * row.latencyMs) / 1000).toFixed(2)} s` : `${serial} round trips`;
      const met = wall <= row.limitMs ? 'met' : 'NOT MET';
      const cells = [
        row.name,
        `${(wall / 1000).toFixed(2)} s`,
        path,
        requests,
        cases,
        Math.round(requests / (wall / 1000)),
        `≤ ${(row.limitMs / 1000).toFixed(1)} s: ${met}`,
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
  } finally {
    slow.child.kill('SIGTERM');
    mock.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
