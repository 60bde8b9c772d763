/**
 * `qs-contract pact-check PACT_FILE...`: checks consumers' Pact files (V3 or V4; V1/V2 read too)
 * against the spec, as a provider team would before accepting them. Exit 0: every interaction is
 * compatible; 1: at least one is not; 2: usage error (a file that cannot be read or is not a Pact
 * file, said in one line). No Pact runtime is loaded: a Pact file is JSON.
 */
import type { Command } from 'commander';
import { ToolError } from '../../errors';
import { checkPact, type PactCheckResult, pactCheckDeps } from '../../pact-check';
import { type PactDocument, PactFileError, readPact } from '../../pact-file';
import { pactCheckDocument, pactCheckSummary } from '../../reports';
import { loadSpec } from '../../spec';
import type { CliIo, ExitCode } from '../io';
import {
  checkReportFlags,
  colorWanted,
  type ReportFlags,
  reportOptions,
  suppressionOf,
  withRunReports,
  writeReports,
} from '../shared-options';

export interface PactCheckFlags extends ReportFlags {
  color: boolean;
}

function usage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PactFileError) throw new ToolError('USAGE', error.message);
    throw error;
  }
}

async function runPactCheck(io: CliIo, files: string[], flags: PactCheckFlags): Promise<number> {
  if (files.length === 0) throw new ToolError('USAGE', 'pact-check needs at least one Pact file');
  checkReportFlags(flags);
  const suppress = suppressionOf(flags);
  // Every file is read before any is checked: a usage error reports nothing else.
  const pacts: PactDocument[] = files.map((file) => usage(() => readPact(file)));
  const deps = pactCheckDeps(loadSpec());
  const results: PactCheckResult[] = [];
  for (const pact of pacts) {
    try {
      results.push(await checkPact(pact, deps, { suppress }));
    } catch (error) {
      if (error instanceof PactFileError) throw new ToolError('USAGE', `${pact.file}: ${error.message}`);
      throw error;
    }
  }
  const summary = pactCheckSummary(results);
  writeReports(io, flags, {
    document: pactCheckDocument(results),
    result: { compatible: summary.incompatible === 0, summary, files: results },
    suppressed: suppress,
  });
  return results.every((r) => r.compatible) ? 0 : 1;
}

const RULES_HELP = [
  '',
  'Each finding names its code (the README lists them all; --suppress takes them): the generic comparison',
  "is PactFlow's openapi-pact-comparator, the AWS rules on top are src/protocol's: a path label not",
  'percent-encoded per RFC 3986 (request.path.encoding), a label or an error request that breaks a',
  'documented rule (request.path.parameter, request.body.invalid), an error type read as AWS SDKs read it',
  'and documented at its status (response.error-type.*), Status in the body (response.status-in-body.*).',
  "Example values are checked: they are what the consumer's test sent and expected.",
].join('\n');

export function registerPactCheck(program: Command, io: CliIo, exit: ExitCode): void {
  const command = program
    .command('pact-check')
    .description("check consumers' Pact files (V3 or V4) against the spec, as the provider would before accepting them")
    .argument('<pact-files...>', 'Pact files (JSON) to check');
  reportOptions(command)
    .addHelpText(
      'after',
      [
        RULES_HELP,
        '',
        'Exit codes: 0 every interaction compatible · 1 an incompatible interaction · ' +
          '2 usage error (a file that cannot be read or is not a Pact file)',
        '',
        'Example:',
        '  qs-contract pact-check pacts/my-client-amazon-quicksight.json --junit pact-check.xml',
      ].join('\n'),
    )
    .action(async function (this: Command, files: string[], flags: PactCheckFlags) {
      exit.code = await withRunReports(io, 'pact-check', flags, () => runPactCheck(io, files, { ...flags, color: colorWanted(this) }));
    });
}
