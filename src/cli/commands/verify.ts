/**
 * `qs-contract verify`: checks a server against the contract and reports. Exit 0: every check
 * passed; 1: a finding of severity error, or an operation not implemented; 2: usage error or the
 * target cannot be reached at all.
 */
import type { Command } from 'commander';
import { CHECK_IDS, type CheckId } from '../../checks';
import { ToolError } from '../../errors';
import { DEFAULT_FIXTURES } from '../../fixtures';
import { type RunningMock, startMock } from '../../mock';
import { checkLegend, verifyDocument } from '../../reports';
import { loadSpec, type OperationId } from '../../spec';
import { type Progress, verify } from '../../verify';
import { loadCredentialsFile, loadFixturesFile } from '../config-files';
import type { CliIo, ExitCode } from '../io';
import {
  BUILTIN_TARGET,
  checkReportFlags,
  colorWanted,
  integer,
  progressLine,
  reportOptions,
  targetUrl,
  withRunReports,
  writeReports,
} from '../shared-options';

export const VERIFY_DEFAULTS = { examples: 40, concurrency: 8, timeoutMs: 5000 } as const;

interface VerifyFlags {
  target: string;
  fixtures?: string;
  checks?: string;
  operations?: string;
  seed?: string;
  examples: string;
  concurrency: string;
  timeout: string;
  sigv4?: boolean;
  credentials?: string;
  json?: string;
  junit?: string;
  summary?: string;
  html?: string;
  verbose?: boolean;
  color: boolean;
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

export async function runVerify(io: CliIo, flags: VerifyFlags): Promise<number> {
  const model = loadSpec();
  const target = targetUrl(flags.target);
  if (flags.sigv4 && !flags.credentials)
    throw new ToolError('USAGE', '--sigv4 needs --credentials FILE (JSON {"accessKeyId", "secretAccessKey"})');
  if (flags.credentials && !flags.sigv4) throw new ToolError('USAGE', '--credentials is only used with --sigv4');
  if (flags.sigv4 && target === BUILTIN_TARGET)
    throw new ToolError(
      'USAGE',
      `--sigv4 needs a --target URL: the builtin mock does not check signatures (run \`qs-contract mock --auth sigv4\`)`,
    );
  const fixtures = flags.fixtures ? loadFixturesFile(flags.fixtures) : DEFAULT_FIXTURES;
  const credentials = flags.credentials ? loadCredentialsFile(flags.credentials)[0] : undefined;
  const checks = list<CheckId>('--checks', flags.checks, CHECK_IDS);
  const operations = list<OperationId>(
    '--operations',
    flags.operations,
    model.operations.map((op) => op.id),
  );
  const seed = flags.seed === undefined ? Math.floor(Math.random() * 0x7fffffff) : integer('--seed', flags.seed, -0x80000000, 0x7fffffff);
  const examples = integer('--examples', flags.examples, 0, 100_000);
  const concurrency = integer('--concurrency', flags.concurrency, 1, 256);
  const timeoutMs = integer('--timeout', flags.timeout, 1, 600_000);
  checkReportFlags(flags);

  let mock: RunningMock | undefined;
  if (target === BUILTIN_TARGET) mock = await startMock({ fixtures });
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
      credentials,
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
    ].join(' ');
    writeReports(io, flags, { document: verifyDocument(result, replay, { builtin: target === BUILTIN_TARGET, spec: model }), result });
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
    .requiredOption('--target <url>', `the server's base URL, or "${BUILTIN_TARGET}" for the reference mock started in-process`)
    .option('--fixtures <file>', 'JSON naming the resources the target holds (default: the shared default fixtures; see README)')
    .option('--checks <list>', 'comma-separated check ids to run (default: all; see below)')
    .option('--operations <list>', 'comma-separated operations to check (default: all three)')
    .option('--seed <n>', 'seed of the random requests (printed in every report, to replay a run)')
    .option('--examples <n>', 'random valid and random invalid requests per operation (0: none)', String(VERIFY_DEFAULTS.examples))
    .option('--concurrency <n>', 'requests in flight at once', String(VERIFY_DEFAULTS.concurrency))
    .option('--timeout <ms>', 'deadline of each request, in milliseconds', String(VERIFY_DEFAULTS.timeoutMs))
    .option('--sigv4', 'sign with real credentials (--credentials) and check that unsigned and wrongly signed requests are refused')
    .option('--credentials <file>', 'with --sigv4: JSON {"accessKeyId", "secretAccessKey"}');
  reportOptions(command)
    .addHelpText(
      'after',
      `\nChecks:\n${checkLegend(CHECK_IDS)}\n\nExit codes: 0 every check passed · 1 a finding, or an operation not implemented · 2 usage error, or the target cannot be reached\n\nExamples:\n  qs-contract verify --target http://127.0.0.1:5000 --fixtures fixtures.json --junit junit.xml --html report.html\n  qs-contract verify --target builtin --operations UpdateUser --seed 42`,
    )
    .action(async function (this: Command, flags: VerifyFlags) {
      exit.code = await withRunReports(io, 'verify', flags, () => runVerify(io, { ...flags, color: colorWanted(this) }));
    });
}
