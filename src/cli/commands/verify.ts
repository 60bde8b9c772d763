/**
 * `qs-contract verify`: checks a server against the contract and reports. Exit 0: every check
 * passed; 1: a finding of severity error, or an operation not implemented; 2: usage error or the
 * target cannot be reached at all.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CHECK_IDS, type CheckId } from '../../checks';
import { ToolError } from '../../errors';
import { BUILTIN_FIXTURES, DEFAULT_FIXTURES } from '../../fixtures';
import { createSigV4Check, type RunningMock, startMock } from '../../mock';
import { DEFAULT_MAX_ATTEMPTS, isLoopbackUrl } from '../../protocol';
import { checkLegend, verifyDocument } from '../../reports';
import { DEFAULT_SPEC_PATH, loadSpec, type OperationId } from '../../spec';
import { defaultSeed, type Progress, verify } from '../../verify';
import { CONFIG_NAMES, findConfig, withConfig } from '../config';
import { loadFixturesFile } from '../config-files';
import { requireCredentials } from '../credentials';
import { type CliIo, type ExitCode, writeLine } from '../io';
import {
  BUILTIN_TARGET,
  checkReportFlags,
  colorWanted,
  integer,
  positiveNumber,
  progressLine,
  type ReportFlags,
  reportOptions,
  suppressionOf,
  targetUrl,
  withRunReports,
  writeReports,
} from '../shared-options';

export const VERIFY_DEFAULTS = { examples: 40, concurrency: 16, timeoutMs: 5000, maxAttempts: DEFAULT_MAX_ATTEMPTS } as const;

interface VerifyFlags extends ReportFlags {
  target?: string;
  fixtures?: string;
  checks?: string;
  operations?: string;
  seed?: string;
  examples: string;
  concurrency: string;
  timeout: string;
  maxAttempts: string;
  sigv4?: boolean;
  credentials?: string;
  color: boolean;
  // --- issue 14: a target you do not own (src/cli/config.ts)
  config?: string;
  rate?: string;
  restore?: boolean;
}

function list<T extends string>(flag: string, value: string | undefined, known: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((i) => !known.includes(i as T));
  if (unknown.length > 0 || items.length === 0)
    throw new ToolError('USAGE', `${flag}: unknown ${unknown.length ? unknown.join(', ') : '(empty list)'}`, `known: ${known.join(', ')}`);
  return items as T[];
}

async function runVerify(io: CliIo, flags: VerifyFlags): Promise<number> {
  const model = loadSpec();
  // --- issue 14: the target may come from the config file; the restore is on for a target that is not this machine's
  if (flags.target === undefined)
    throw new ToolError('USAGE', '--target is required', `give --target URL, or "target" in ${CONFIG_NAMES[0]} (or .yaml)`);
  const target = targetUrl(flags.target);
  const rate = flags.rate === undefined ? undefined : positiveNumber('--rate', flags.rate, 10_000);
  const restore = flags.restore ?? (target !== BUILTIN_TARGET && !isLoopbackUrl(target));
  if (flags.credentials && !flags.sigv4) throw new ToolError('USAGE', '--credentials is only used with --sigv4');
  // The builtin mock holds what it is started with: the defaults and a user whose name exercises the encoding.
  const fixtures = flags.fixtures ? loadFixturesFile(flags.fixtures) : target === BUILTIN_TARGET ? BUILTIN_FIXTURES : DEFAULT_FIXTURES;
  const warn = (message: string) => writeLine(io.stderr, `qs-contract verify: ${message}`);
  const found = flags.sigv4 ? await requireCredentials('--sigv4', flags.credentials, warn) : undefined;
  const credentials = found?.credentials[0];
  const checks = list<CheckId>('--checks', flags.checks, CHECK_IDS);
  const operations = list<OperationId>(
    '--operations',
    flags.operations,
    model.operations.map((op) => op.id),
  );
  // The same verdict every run unless the user asks to explore: the default seed is the spec's and the fixtures'.
  const seed =
    flags.seed === undefined
      ? defaultSeed(readFileSync(DEFAULT_SPEC_PATH, 'utf8'), fixtures)
      : flags.seed === 'random'
        ? Math.floor(Math.random() * 0x7fffffff)
        : integer('--seed', flags.seed, -0x80000000, 0x7fffffff);
  const maxAttempts = integer('--max-attempts', flags.maxAttempts, 1, 10);
  const examples = integer('--examples', flags.examples, 0, 100_000);
  const concurrency = integer('--concurrency', flags.concurrency, 1, 256);
  const timeoutMs = integer('--timeout', flags.timeout, 1, 600_000);
  checkReportFlags(flags);
  const suppress = suppressionOf(flags);

  let mock: RunningMock | undefined;
  // The builtin mock checks signatures when verify signs with real ones: the auth cases then have a target that refuses.
  if (target === BUILTIN_TARGET)
    mock = await startMock({
      fixtures,
      ...(found ? { signature: createSigV4Check({ credentials: found.credentials, region: fixtures.region }) } : {}),
    });
  const progress = progressLine(io, 'verify', 'requests');
  try {
    const result = await verify({
      target: mock?.url ?? target,
      fixtures,
      checks,
      operations,
      seed,
      examples,
      concurrency,
      timeoutMs,
      maxAttempts,
      credentials,
      rate,
      restore,
      suppress,
      onProgress: (p: Progress) => progress.update(p.done, p.total, p.failing ? `${p.failing} findings` : undefined),
      spec: model,
    });
    progress.end();
    const replay = [
      'npx qs-contract verify',
      `--target ${target}`,
      `--seed ${seed}`,
      ...(flags.fixtures ? [`--fixtures ${flags.fixtures}`] : []),
      ...(examples !== VERIFY_DEFAULTS.examples ? [`--examples ${examples}`] : []),
      ...(operations ? [`--operations ${operations.join(',')}`] : []),
      ...(checks ? [`--checks ${checks.join(',')}`] : []),
      ...(suppress.tally().length > 0
        ? [
            `--suppress ${suppress
              .tally()
              .map((t) => t.code)
              .join(',')}`,
          ]
        : []),
      ...(flags.sigv4 ? ['--sigv4', ...(flags.credentials ? [`--credentials ${flags.credentials}`] : [])] : []),
      ...(flags.config ? [`--config ${flags.config}`] : []),
    ].join(' ');
    const document = verifyDocument(result, replay, { builtin: target === BUILTIN_TARGET, spec: model });
    writeReports(io, flags, { document, result, suppressed: suppress });
    // --- issue 14: a target left changed is the tool's failure to keep its word, whatever the verdict
    if (result.restore && !result.restore.restored) {
      const left = result.restore.resources.filter((r) => r.status === 'failed' || r.status === 'unknown').map((r) => r.resource);
      writeLine(io.stderr, `qs-contract verify: the restore did not succeed: ${left.join(', ')} left changed (the report says how)`);
      return 2;
    }
    return result.verdict === 'pass' ? 0 : 1;
  } finally {
    progress.end();
    await mock?.close();
  }
}

export function registerVerify(program: Command, io: CliIo, exit: ExitCode): void {
  const command = program
    .command('verify')
    .description('check a server against the contract of the three operations')
    .option('--target <url>', `the server's base URL, or "${BUILTIN_TARGET}" for the reference mock started in-process`)
    .option('--fixtures <file>', 'JSON naming the resources the target holds (default: the shared default fixtures; see README)')
    .option('--checks <list>', 'comma-separated check ids to run (default: all; see below)')
    .option('--operations <list>', 'comma-separated operations to check (default: all three)')
    .option(
      '--seed <n|random>',
      'seed of the random requests (default: derived from the spec and the fixtures, the same every run; "random" explores)',
    )
    .option('--examples <n>', 'random valid and random invalid requests per operation (0: none)', String(VERIFY_DEFAULTS.examples))
    .option('--concurrency <n>', 'requests in flight at once', String(VERIFY_DEFAULTS.concurrency))
    .option('--timeout <ms>', 'deadline of each request, in milliseconds', String(VERIFY_DEFAULTS.timeoutMs))
    .option(
      '--max-attempts <n>',
      'attempts in all for a throttled or unavailable answer, as the SDKs retry (1: no retry)',
      String(VERIFY_DEFAULTS.maxAttempts),
    )
    .option(
      '--sigv4',
      'sign with real credentials (--credentials, else the AWS credential chain) and check that badly signed requests are refused',
    )
    .option(
      '--credentials <file>',
      'with --sigv4: JSON {"accessKeyId", "secretAccessKey"[, "sessionToken"]} (default: the AWS credential chain)',
    )
    // --- issue 14: a target you do not own
    .option('--restore', 'write each fixture back to what verify found, after the run (default: on when the target is not this machine)')
    .option('--no-restore', 'leave the fixtures as the run left them')
    .option('--rate <n>', 'at most N requests per second, in every phase (default: no limit)')
    .option('--config <file>', `a config file (default: ${CONFIG_NAMES.join(' or ')} in the working directory); flags override it`);
  reportOptions(command)
    .addHelpText(
      'after',
      [
        '',
        'Checks:',
        checkLegend(CHECK_IDS),
        '',
        'Exit codes: 0 every check passed · 1 a finding, or an operation not implemented · ' +
          '2 usage error, the target cannot be reached, or the restore did not succeed',
        '',
        'Examples:',
        '  qs-contract verify --target http://127.0.0.1:5000 --fixtures fixtures.json --junit junit.xml --html report.html',
        '  qs-contract verify --target builtin --operations UpdateUser --seed 42',
      ].join('\n'),
    )
    .action(async function (this: Command, given: VerifyFlags) {
      const flags = withConfig(this, given, findConfig(given.config));
      exit.code = await withRunReports(io, 'verify', flags, () => runVerify(io, { ...flags, color: colorWanted(this) }));
    });
}
