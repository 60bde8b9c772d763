/**
 * npm run bench:mock — UpdateUser against the reference mock (validation on, the built CLI in its
 * own process) and against a bare node:http server answering a fixed JSON body, each driven over
 * loopback by autocannon from this process. Prints requests/s, p99 latency and peak RSS of both,
 * and the ratio mock/bare. Targets: ratio ≥ 0.5, mock peak RSS < 150 MB after 100k requests.
 *
 *   BENCH_REQUESTS (default 100000)   BENCH_CONNECTIONS (default 16)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

const ROOT = path.resolve(__dirname, '..', '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PATH = '/accounts/123456789012/namespaces/default/users/alice';
const BODY = JSON.stringify({ Email: 'alice@example.com', Role: 'READER' });

const BARE_SERVER = `
const http = require('node:http');
const body = JSON.stringify({ RequestId: 'r', User: { Arn: 'arn:aws:quicksight:us-east-1:123456789012:user/default/alice', UserName: 'alice', Email: 'alice@example.com', Role: 'READER' } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Peak resident set size of a process, from Linux's /proc (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

interface Figures {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  peakRssMb: number;
  non2xx: number;
  errors: number;
}

async function measure(name: string, args: string[]): Promise<Figures> {
  const { child, url } = await start(args);
  try {
    // A short warm-up so the JIT has compiled the hot path before the measured run.
    await autocannon({ url: url + PATH, method: 'PUT', headers: { 'content-type': 'application/json' }, body: BODY, connections: CONNECTIONS, amount: 5000 });
    const result = await autocannon({ url: url + PATH, method: 'PUT', headers: { 'content-type': 'application/json' }, body: BODY, connections: CONNECTIONS, amount: REQUESTS });
    return {
      name,
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      peakRssMb: peakRssMb(child.pid as number),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  process.stdout.write(`bench:mock — ${REQUESTS} UpdateUser requests per server, ${CONNECTIONS} connections, loopback, node ${process.version}\n`);
  const mock = await measure('reference mock (validation on)', [path.join(ROOT, 'dist/cli/main.js'), 'mock', '--port', '0']);
  const bare = await measure('bare node:http (fixed body)', ['-e', BARE_SERVER]);
  const rows = [mock, bare].map((f) => `${f.name.padEnd(32)} ${f.requestsPerSecond.toFixed(0).padStart(8)} req/s   p99 ${String(f.p99Ms).padStart(4)} ms   peak RSS ${f.peakRssMb.toFixed(1).padStart(6)} MB   non-2xx ${f.non2xx}   errors ${f.errors}`);
  process.stdout.write(`${rows.join('\n')}\n`);
  const ratio = mock.requestsPerSecond / bare.requestsPerSecond;
  process.stdout.write(`ratio mock/bare ${ratio.toFixed(2)} (target ≥ 0.50) · mock peak RSS ${mock.peakRssMb.toFixed(1)} MB after ${REQUESTS + 5000} requests (target < 150 MB)\n`);
  if (mock.non2xx > 0 || mock.errors > 0) {
    process.stdout.write('the mock answered some requests with an error: the figures are not valid\n');
    process.exitCode = 1;
  }
}

void main();
