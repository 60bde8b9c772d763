/**
 * npm run bench:mock — UpdateUser against the reference mock (validation on, the built CLI in its
 * own process) and against a bare node:http server answering a fixed JSON body, each driven over
 * loopback by autocannon from this process for the same time. Prints requests/s, p99 latency and
 * peak RSS of both, and the ratio mock/bare. Targets: ratio ≥ 0.5, mock peak RSS < 150 MB after
 * 100k requests (the run fails its figures if the mock saw fewer).
 *
 * Runs last a fixed time: autocannon ends an `amount` run on its 1-second tick, which would round
 * every rate to requests/whole seconds. Mock and bare alternate over several rounds, each in a
 * fresh process, and the medians are compared: on a shared 2-core machine one run of either can
 * be off by a quarter, and alternating cancels that drift.
 *
 *   BENCH_SECONDS (default 10)   BENCH_ROUNDS (default 3)   BENCH_CONNECTIONS (default 16)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, startListening } from './listening-process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PATH = '/accounts/123456789012/namespaces/default/users/alice';
const BODY = JSON.stringify({ Email: 'alice@example.com', Role: 'READER' });

const BARE_SERVER = `
const http = require('node:http');
const user = {
  Arn: 'arn:aws:quicksight:us-east-1:123456789012:user/default/alice', UserName: 'alice', Email: 'alice@example.com', Role: 'READER',
};
const body = JSON.stringify({ RequestId: 'r', User: user });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

/** Peak resident set size of a process, from Linux's /proc (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

interface Figures {
  name: string;
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
  peakRssMb: number;
  non2xx: number;
  errors: number;
}

async function measure(name: string, args: string[]): Promise<Figures> {
  const { child, url } = await startListening(args);
  try {
    // A short warm-up so the JIT has compiled the hot path before the measured run.
    await autocannon({
      url: url + PATH,
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: CONNECTIONS,
      amount: 5000,
    });
    const started = process.hrtime.bigint();
    const result = await autocannon({
      url: url + PATH,
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      name,
      requests: result.requests.total + 5000,
      requestsPerSecond: result.requests.total / seconds,
      p99Ms: result.latency.p99,
      peakRssMb: peakRssMb(child.pid as number),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function row(f: Figures): string {
  return [
    `${f.name.padEnd(32)} ${f.requestsPerSecond.toFixed(0).padStart(8)} req/s`,
    `p99 ${String(f.p99Ms).padStart(4)} ms`,
    `peak RSS ${f.peakRssMb.toFixed(1).padStart(6)} MB after ${f.requests} requests`,
    `non-2xx ${f.non2xx}`,
    `errors ${f.errors}`,
  ].join('   ');
}

async function main(): Promise<void> {
  process.stdout.write(
    `bench:mock — UpdateUser, ${ROUNDS} alternating rounds of ${SECONDS} s per server after a 5000-request warm-up, ` +
      `${CONNECTIONS} connections, loopback, node ${process.version}\n`,
  );
  const mocks: Figures[] = [];
  const bares: Figures[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    mocks.push(await measure('reference mock (validation on)', [path.join(ROOT, 'dist/cli/main.js'), 'mock', '--port', '0']));
    bares.push(await measure('bare node:http (fixed body)', ['-e', BARE_SERVER]));
    process.stdout.write(`round ${round}\n  ${row(mocks[round - 1] as Figures)}\n  ${row(bares[round - 1] as Figures)}\n`);
  }
  const mockRate = median(mocks.map((f) => f.requestsPerSecond));
  const bareRate = median(bares.map((f) => f.requestsPerSecond));
  const peakRss = Math.max(...mocks.map((f) => f.peakRssMb));
  const fewest = Math.min(...mocks.map((f) => f.requests));
  process.stdout.write(
    `median: mock ${mockRate.toFixed(0)} req/s (p99 ${median(mocks.map((f) => f.p99Ms))} ms), ` +
      `bare ${bareRate.toFixed(0)} req/s (p99 ${median(bares.map((f) => f.p99Ms))} ms)\n` +
      `ratio mock/bare ${(mockRate / bareRate).toFixed(2)} (target ≥ 0.50) · mock peak RSS ${peakRss.toFixed(1)} MB, ` +
      `each round after at least ${fewest} requests (target < 150 MB after 100k)\n`,
  );
  if (mocks.some((f) => f.non2xx > 0 || f.errors > 0) || fewest < 100_000) {
    process.stdout.write('the mock answered errors or a round saw fewer than 100k requests: the figures are not valid\n');
    process.exitCode = 1;
  }
}

void main();
