/**
 * npm run catch-rate — what the conformance gate catches and what it lets pass, with the options a
 * CI job gets by default (`qs-contract verify --target URL`: the default seed, 40 examples, 16
 * requests in flight):
 *
 * 1. every seeded defect (tests/support/defect-catalogue.ts) against one default run: caught when
 *    the run fails and every check the defect names reports it;
 * 2. every conforming variant — the faithful mock, each tolerated difference
 *    (tests/support/tolerated-variants.ts) and the mock switched to each non-reference reading of the
 *    ambiguity register — against CATCH_RATE_RUNS default runs (the same seed: the same verdict every
 *    time, whatever the timing) and CATCH_RATE_RUNS runs with a random seed (`--seed random`; the
 *    seeds are printed, so a false alarm replays): each must pass every time.
 *
 * Prints one line per row and the totals; exit 1 when a defect got through or a variant failed.
 *   CATCH_RATE_RUNS (default 20)   CATCH_RATE_ONLY=defects|variants   CATCH_RATE_VARIANT=text (the variants named so)
 */
import { readFileSync } from 'node:fs';
import { VERIFY_DEFAULTS } from '../../src/cli/commands/verify';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { READINGS, type Readings, registerOf } from '../../src/model';
import { DEFAULT_SPEC_PATH, loadSpec } from '../../src/spec';
import { defaultSeed, type VerifyOptions, type VerifyResult, verify } from '../../src/verify';
import { SIGV4_CREDENTIALS } from './defect-catalogue';
import { firedChecks, judgeCatch } from './defect-verdict';
import { DEFECTS, startDefectiveMock, TOLERATED } from './defective-mock';

const RUNS = Number(process.env.CATCH_RATE_RUNS ?? 20);
const ONLY = process.env.CATCH_RATE_ONLY;
const fixtures = BUILTIN_FIXTURES;
const DEFAULT_SEED = defaultSeed(readFileSync(DEFAULT_SPEC_PATH, 'utf8'), fixtures);
const DEFAULTS: Omit<VerifyOptions, 'target' | 'seed'> = {
  fixtures,
  examples: VERIFY_DEFAULTS.examples,
  concurrency: VERIFY_DEFAULTS.concurrency,
  timeoutMs: VERIFY_DEFAULTS.timeoutMs,
  maxAttempts: VERIFY_DEFAULTS.maxAttempts,
};

interface Target {
  url: string;
  close(): Promise<void>;
}

/** A conforming variant: how to start a fresh target that must pass. */
interface Variant {
  name: string;
  start(): Promise<Target>;
}

/** CATCH_RATE_VARIANT=text: only the variants whose name contains it (to run one again). */
const VARIANT = process.env.CATCH_RATE_VARIANT;

function variants(): Variant[] {
  const register = registerOf(loadSpec());
  const readings = register.flatMap((a) =>
    ((READINGS as Record<string, readonly string[]>)[a.id] ?? [])
      .filter((r) => r !== a.reference)
      .map((r) => ({ name: `reading ${a.id}=${r}`, start: () => startMock({ fixtures, readings: { [a.id]: r } as Readings }) })),
  );
  const all = [
    { name: 'the faithful reference mock', start: () => startMock({ fixtures }) },
    ...Object.keys(TOLERATED).map((name) => ({ name: `tolerated ${name}`, start: () => startDefectiveMock(name) })),
    ...readings,
  ];
  return VARIANT ? all.filter((v) => v.name.includes(VARIANT)) : all;
}

/** A line per defect or variant on stderr as it finishes: the variants take tens of minutes; the figures go to stdout at the end. */
function progress(line: string): void {
  process.stderr.write(`catch-rate: ${line}\n`);
}

async function against(start: () => Promise<Target>, options: Partial<VerifyOptions> & { seed: number }): Promise<VerifyResult> {
  const target = await start();
  try {
    return await verify({ ...DEFAULTS, ...options, target: target.url });
  } finally {
    await target.close();
  }
}

const errorsOf = (r: VerifyResult) =>
  r.cases.flatMap((c) => c.findings.filter((f) => f.severity === 'error').map((f) => `${c.id} [${f.code}] ${f.message.slice(0, 160)}`));

async function defects(lines: string[]): Promise<boolean> {
  const entries = Object.entries(DEFECTS);
  const width = Math.max(...entries.map(([name]) => name.length));
  let caught = 0;
  for (const [name, defect] of entries) {
    const result = await against(() => startDefectiveMock(name), {
      seed: DEFAULT_SEED,
      ...(defect.sigv4 ? { credentials: SIGV4_CREDENTIALS } : {}),
    });
    const verdict = judgeCatch(defect, result);
    if (verdict.caught) caught += 1;
    const silent = verdict.silent.length > 0 ? `; expected but silent: ${verdict.silent.join(', ')}` : '';
    const fired = firedChecks(result).join(', ') || 'none';
    const line = `  ${name.padEnd(width)}  ${verdict.caught ? 'caught' : 'MISSED'}  fired: ${fired}${silent}`;
    lines.push(line);
    progress(`defect ${lines.length} of ${entries.length}: ${line.trim()}`);
  }
  lines.unshift(`seeded defects, one default run each (seed ${DEFAULT_SEED}): caught ${caught} of ${entries.length}`);
  return caught === entries.length;
}

async function conforming(lines: string[]): Promise<boolean> {
  const rows = variants();
  const width = Math.max(...rows.map((v) => v.name.length));
  const out: string[] = [];
  let clean = 0;
  for (const variant of rows) {
    const failures: string[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const result = await against(variant.start, { seed: DEFAULT_SEED });
      if (result.verdict !== 'pass') failures.push(`default run ${i + 1}: ${errorsOf(result)[0] ?? result.verdict}`);
    }
    for (let i = 0; i < RUNS; i += 1) {
      const seed = Math.floor(Math.random() * 0x7fffffff);
      const result = await against(variant.start, { seed });
      if (result.verdict !== 'pass') failures.push(`--seed ${seed}: ${errorsOf(result)[0] ?? result.verdict}`);
    }
    if (failures.length === 0) clean += 1;
    const verdict = failures.length === 0 ? `passed ${2 * RUNS} of ${2 * RUNS}` : `FAILED ${failures.length}`;
    const line = `  ${variant.name.padEnd(width)}  ${verdict}`;
    out.push(line);
    progress(`variant ${rows.indexOf(variant) + 1} of ${rows.length}: ${line.trim()}`);
    for (const f of failures) out.push(`      ${f}`);
  }
  lines.push(
    `conforming variants, ${RUNS} default runs and ${RUNS} with --seed random each: ${clean} of ${rows.length} passed every run`,
    ...out,
  );
  return clean === rows.length;
}

async function main(): Promise<number> {
  const lines: string[] = [];
  const started = Date.now();
  const caughtAll = ONLY === 'variants' ? true : await defects(lines);
  const cleanAll = ONLY === 'defects' ? true : await conforming(lines);
  lines.push(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return caughtAll && cleanAll ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
