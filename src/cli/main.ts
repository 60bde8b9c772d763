#!/usr/bin/env node
/**
 * qs-contract: one file per command under commands/, registered here. Exit codes: 0 pass,
 * 1 findings, 2 usage or tool error (said in one line, never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { isToolError } from '../errors';
import { registerCheckClient } from './commands/check-client';
import { registerDocs } from './commands/docs';
import { registerMock } from './commands/mock';
import { registerPactCheck } from './commands/pact-check';
import { registerPactVerify } from './commands/pact-verify';
import { registerProxy } from './commands/proxy';
import { registerSummary } from './commands/summary';
import { registerVerify } from './commands/verify';
import { type CliIo, type ExitCode, processIo, writeLine } from './io';
import { toolVersion } from './shared-options';

export const EXIT = { pass: 0, findings: 1, usage: 2 } as const;

export function buildProgram(io: CliIo, exit: ExitCode): Command {
  const program = new Command('qs-contract')
    .description('Contract tests for Amazon QuickSight UpdateCustomPermissions, UpdateThemePermissions and UpdateUser.')
    .version(toolVersion(), '-V, --version', "print qs-contract's version")
    .option('--no-color', 'never colour the output (colours are used on a TTY only)')
    .showHelpAfterError('(run `qs-contract --help` for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerSummary(program, io, exit);
  registerDocs(program, io, exit);
  registerMock(program, io, exit);
  registerVerify(program, io, exit);
  registerCheckClient(program, io, exit);
  registerPactCheck(program, io, exit);
  registerPactVerify(program, io, exit);
  registerProxy(program, io, exit);
  program.addHelpText(
    'after',
    '\nExit codes: 0 every check passed · 1 the target broke the contract · 2 usage error or the tool could not run',
  );
  return program;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const exit: ExitCode = { code: EXIT.pass };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with code 0.
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    if (isToolError(error)) {
      writeLine(io.stderr, `qs-contract: ${error.message}`);
      if (error.hint) writeLine(io.stderr, error.hint);
      return EXIT.usage;
    }
    throw error;
  }
}

if (require.main === module) {
  // `qs-contract summary | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A defect of the tool itself, not a user mistake: keep the stack for the bug report.
      process.stderr.write(`qs-contract: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
