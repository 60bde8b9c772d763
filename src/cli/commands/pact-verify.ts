/**
 * `qs-contract pact-verify`: Pact provider verification of contracts/ against any target, each
 * provider state set through the target's control plane when it has one, else read from the
 * fixtures; an interaction whose state the target cannot be put into is skipped, with the reason.
 * Exit 0: every interaction that ran passed (skips do not fail); 1: one failed; 2: usage error or
 * the target cannot be reached at all.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ToolError } from '../../errors';
import { DEFAULT_FIXTURES } from '../../fixtures';
import { type RunningMock, startMock } from '../../mock';
import { PACT_FILE_NAME, type PactDocument, PactFileError, readPact } from '../../pact-file';
import { ensurePactInstalled, PactRuntimeError, type PactVerifyResult, verifyPact } from '../../pact-verify';
import { probeTarget } from '../../protocol';
import { pactVerifyDocument } from '../../reports';
import { CONTRACTS_DIR } from '../../spec';
import { loadFixturesFile } from '../config-files';
import { requireCredentials } from '../credentials';
import { type CliIo, type ExitCode, writeLine } from '../io';
import {
  BUILTIN_TARGET,
  checkReportFlags,
  colorWanted,
  integer,
  progressLine,
  type ReportFlags,
  reportOptions,
  suppressionOf,
  targetUrl,
  withRunReports,
  writeReports,
} from '../shared-options';

const PACT_VERIFY_DEFAULTS = { pact: path.join(CONTRACTS_DIR, PACT_FILE_NAME), timeoutMs: 5000 } as const;

export interface PactVerifyFlags extends ReportFlags {
  target: string;
  fixtures?: string;
  pact?: string;
  timeout?: string;
  sigv4?: boolean;
  credentials?: string;
}

/** The pact file, read by the one Pact reader: a file it cannot read is a usage error, said in one line. */
function readPactFile(file: string): PactDocument {
  let pact: PactDocument;
  try {
    pact = readPact(file);
  } catch (error) {
    if (error instanceof PactFileError) throw new ToolError('USAGE', `--pact ${error.message}`);
    throw error;
  }
  if (pact.interactions.length === 0) throw new ToolError('USAGE', `--pact ${file} holds no HTTP interactions`);
  return pact;
}

export async function runPactVerify(io: CliIo, flags: PactVerifyFlags): Promise<number> {
  try {
    ensurePactInstalled();
  } catch (error) {
    if (error instanceof PactRuntimeError) throw new ToolError('USAGE', error.message);
    throw error;
  }
  const target = targetUrl(flags.target);
  const fixtures = flags.fixtures ? loadFixturesFile(flags.fixtures) : DEFAULT_FIXTURES;
  const pactFile = flags.pact ?? PACT_VERIFY_DEFAULTS.pact;
  const pact = readPactFile(pactFile);
  const timeoutMs = integer('--timeout', flags.timeout ?? String(PACT_VERIFY_DEFAULTS.timeoutMs), 1, 600_000);
  if (flags.credentials && !flags.sigv4) throw new ToolError('USAGE', '--credentials is only used with --sigv4');
  checkReportFlags(flags);
  const suppress = suppressionOf(flags);
  const warn = (message: string) => writeLine(io.stderr, `qs-contract pact-verify: ${message}`);
  const credentials = flags.sigv4 ? (await requireCredentials('--sigv4', flags.credentials, warn)).credentials[0] : undefined;

  let mock: RunningMock | undefined;
  if (target === BUILTIN_TARGET) mock = await startMock({ fixtures });
  const progress = progressLine(io, 'pact-verify', 'interactions');
  try {
    const url = mock?.url ?? target;
    const probe = await probeTarget(url, timeoutMs);
    if (!probe.reachable) throw new ToolError('TARGET_UNREACHABLE', `cannot reach the target ${url}: ${probe.message}`);
    let result: PactVerifyResult;
    try {
      result = await verifyPact({
        target: url,
        pactFile,
        pact,
        fixtures,
        controlPlane: probe.controlPlane,
        timeoutMs,
        suppress,
        ...(credentials ? { credentials } : {}),
        onProgress: (p) => progress.update(p.done, p.total),
      });
    } catch (error) {
      if (error instanceof PactRuntimeError) throw new ToolError('IO', error.message);
      throw error;
    }
    progress.end();
    writeReports(io, flags, { document: pactVerifyDocument(result), result, suppressed: suppress });
    return result.verdict === 'pass' ? 0 : 1;
  } finally {
    progress.end();
    await mock?.close();
  }
}

export function registerPactVerify(program: Command, io: CliIo, exit: ExitCode): void {
  const command = program
    .command('pact-verify')
    .description('Pact provider verification of contracts/ against a server, provider states mapped to its control plane or the fixtures')
    .requiredOption('--target <url>', `the server's base URL, or "${BUILTIN_TARGET}" for the reference mock started in-process`)
    .option(
      '--fixtures <file>',
      'JSON naming the resources the target holds, for a target with no control plane (default: the shared default fixtures; see README)',
    )
    .option('--pact <file>', `the pact file to verify (default: contracts/${PACT_FILE_NAME})`)
    .option('--timeout <ms>', 'deadline of each request and state change, in milliseconds', String(PACT_VERIFY_DEFAULTS.timeoutMs))
    .option('--sigv4', 'sign every request with real credentials (--credentials, else the AWS credential chain); default: dummy ones')
    .option('--credentials <file>', 'with --sigv4: JSON {"accessKeyId", "secretAccessKey"[, "sessionToken"]}');
  reportOptions(command)
    .addHelpText(
      'after',
      [
        '',
        'Provider states: a target that answers GET /_mock/health with {"status": "ok"} has each state set',
        'through POST /_mock/provider-states ({"state", "params", "action"}), torn down after its interaction.',
        'Any other target is taken to hold what --fixtures says; an interaction whose state the fixtures do',
        'not give, or that only a control plane can set (Standard edition, the principal limit, an injected',
        'failure), is skipped, with the reason.',
        '',
        'Exit codes: 0 every interaction that ran passed (skipped ones do not fail) · 1 an interaction failed · ' +
          '2 usage error, or the target cannot be reached',
        '',
        'Examples:',
        '  qs-contract pact-verify --target http://127.0.0.1:5000 --json pact.json --junit pact.xml',
        '  qs-contract pact-verify --target http://localhost:4566 --fixtures fixtures.json',
      ].join('\n'),
    )
    .action(async function (this: Command, flags: PactVerifyFlags) {
      exit.code = await withRunReports(io, 'pact-verify', flags, () => runPactVerify(io, { ...flags, color: colorWanted(this) }));
    });
}
