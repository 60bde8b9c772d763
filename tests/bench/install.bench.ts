/**
 * npm run bench:install — what a pipeline pays to install quicksight-contract: `npm pack` of this
 * checkout (its prepack builds dist/ afresh), then `npm install <tarball>` into an empty project
 * with npm's cache warm (as CI caches ~/.npm) and cold (`--prefer-online`: every package's metadata
 * fetched again), several rounds each. Prints the tarball's size and files, the packages installed,
 * node_modules' size, install times, and how long `qs-contract --version` and `--help` take in the
 * installed copy. Targets: at most 45 MB and 120 packages.
 *
 *   BENCH_ROUNDS (default 3)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './listening-process';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MAX_MB = 45;
const MAX_PACKAGES = 120;

/** The files' bytes, and what they take on disk (whole blocks, as `du` counts). */
function du(dir: string): { bytes: number; disk: number } {
  const total = { bytes: 0, disk: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const stat = statSync(full);
    total.disk += stat.blocks * 512;
    if (entry.isDirectory()) {
      const inner = du(full);
      total.bytes += inner.bytes;
      total.disk += inner.disk;
    } else if (entry.isFile()) total.bytes += stat.size;
  }
  return total;
}

/** Every installed package: a folder under node_modules (or a scope) holding a package.json, at any depth. */
function packages(modules: string): number {
  let count = 0;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const full = path.join(modules, entry.name);
    if (entry.name.startsWith('@')) {
      count += packages(full);
      continue;
    }
    count += 1;
    const nested = path.join(full, 'node_modules');
    if (readdirSync(full).includes('node_modules')) count += packages(nested);
  }
  return count;
}

function timed(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function install(tarball: string, online: boolean): { ms: number; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-install-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', online ? '--prefer-online' : '--prefer-offline', tarball];
  const ms = timed(() => execFileSync(NPM, args, { cwd: dir, stdio: 'pipe' }));
  return { ms, dir };
}

/** The bench's output: a figure a line, on stdout. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function main(): void {
  const out = mkdtempSync(path.join(tmpdir(), 'qs-contract-pack-'));
  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }))[0] as {
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
  };
  const tarball = path.join(out, packed.filename);
  say(
    `tarball  ${packed.filename}: ${(packed.size / 1e6).toFixed(2)} MB, ` +
      `${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${packed.entryCount} files`,
  );

  const warm: number[] = [];
  const cold: number[] = [];
  let last = '';
  for (let round = 0; round < ROUNDS; round++) {
    for (const [online, times] of [
      [false, warm],
      [true, cold],
    ] as const) {
      const { ms, dir } = install(tarball, online);
      times.push(ms);
      if (last) rmSync(last, { recursive: true, force: true });
      last = dir;
    }
  }
  const modules = path.join(last, 'node_modules');
  const count = packages(modules);
  const size = du(modules);
  const megabytes = size.bytes / 1e6;
  say(`install  ${count} packages, node_modules ${megabytes.toFixed(1)} MB of files (${(size.disk / 1e6).toFixed(1)} MB on disk)`);
  say(
    `time     warm cache ${(median(warm) / 1000).toFixed(1)} s (median of ${ROUNDS}), ` +
      `revalidated online ${(median(cold) / 1000).toFixed(1)} s`,
  );
  const bin = path.join(modules, '.bin', 'qs-contract');
  for (const args of [['--version'], ['--help']]) {
    const ms = median(Array.from({ length: 5 }, () => timed(() => spawnSync(bin, args, { stdio: 'ignore' }))));
    say(`start    qs-contract ${args.join(' ')}: ${Math.round(ms)} ms (median of 5)`);
  }
  const pact = readdirSync(modules).includes('@pact-foundation') ? 'installed' : 'not installed (an optional peer, pact-verify only)';
  say(`pact     @pact-foundation/pact ${pact}`);
  const met = megabytes <= MAX_MB && count <= MAX_PACKAGES;
  say(`target   ≤ ${MAX_MB} MB and ≤ ${MAX_PACKAGES} packages: ${met ? 'met' : 'NOT met'}`);
  rmSync(last, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  if (!met) process.exitCode = 1;
}

main();
