#!/usr/bin/env node
/**
 * qs-contract: one file per command under commands/, registered here. Exit codes: 0 pass,
 * 1 findings, 2 usage or tool error (said in one line, never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { isToolError } from '../errors';
import { type CliIo, type ExitCode, processIo, writeLine } from './io';
import { toolVersion } from './version';

export const EXIT = { pass: 0, findings: 1, usage: 2 } as const;

type Register = (program: Command, io: CliIo, exit: ExitCode) => void;

/**
 * Every command, in the order --help lists them. A command's module (and what it imports: the mock,
 * the proxy, the client runner, Pact, ...) is required only when that command may run: requiring all
 * of them cost every start ~200 ms. Plain requires: `import()` would make the start asynchronous.
 */
const COMMANDS: Record<string, () => Register> = {
  summary: () => {
    const { registerSummary }: typeof import('./commands/summary') = require('./commands/summary');
    return registerSummary;
  },
  docs: () => {
    const { registerDocs }: typeof import('./commands/docs') = require('./commands/docs');
    return registerDocs;
  },
  mock: () => {
    const { registerMock }: typeof import('./commands/mock') = require('./commands/mock');
    return registerMock;
  },
  verify: () => {
    const { registerVerify }: typeof import('./commands/verify') = require('./commands/verify');
    return registerVerify;
  },
  'check-client': () => {
    const { registerCheckClient }: typeof import('./commands/check-client') = require('./commands/check-client');
    return registerCheckClient;
  },
  'pact-check': () => {
    const { registerPactCheck }: typeof import('./commands/pact-check') = require('./commands/pact-check');
    return registerPactCheck;
  },
  'pact-verify': () => {
    const { registerPactVerify }: typeof import('./commands/pact-verify') = require('./commands/pact-verify');
    return registerPactVerify;
  },
  proxy: () => {
    const { registerProxy }: typeof import('./commands/proxy') = require('./commands/proxy');
    return registerProxy;
  },
};

/**
 * The command argv names: its first word, as no global option takes a value. Undefined when no known
 * command is named (--help, `help verify`, a typo, `--`): then every command is registered, for the
 * listing, the help of the one named, or the suggestion.
 */
function commandOf(argv: readonly string[]): string | undefined {
  const word = argv.find((arg) => arg === '--' || !arg.startsWith('-'));
  return word !== undefined && Object.hasOwn(COMMANDS, word) ? word : undefined;
}

function buildProgram(argv: readonly string[], io: CliIo, exit: ExitCode): Command {
  const program = new Command('qs-contract')
    .description('Contract tests for Amazon QuickSight UpdateCustomPermissions, UpdateThemePermissions and UpdateUser.')
    .version(toolVersion(), '-V, --version', "print qs-contract's version")
    .option('--no-color', 'never colour the output (colours are used on a TTY only)')
    .showHelpAfterError('(run `qs-contract --help` for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const named = commandOf(argv);
  for (const [name, load] of Object.entries(COMMANDS)) if (named === undefined || name === named) load()(program, io, exit);
  program.addHelpText(
    'after',
    '\nExit codes: 0 every check passed · 1 the target broke the contract · 2 usage error or the tool could not run',
  );
  return program;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const exit: ExitCode = { code: EXIT.pass };
  const program = buildProgram(argv, io, exit);
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
