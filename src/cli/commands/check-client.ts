/**
 * `qs-contract check-client -- COMMAND [ARGS...]`: runs a client command against the reference
 * mock and checks every request it sends. Exit 0: the command exited 0, made requests, and each
 * matched its operation and conformed; 1: a request broke the contract or matched no operation,
 * the command failed, or it made no request; 2: usage error (no command, one that cannot start,
 * a bad --inject), or the mock cannot listen.
 */
import { type Command, Option } from 'commander';
import { type CheckClientOptions, checkClient, parseInjection } from '../../client';
import { ToolError } from '../../errors';
import { DEFAULT_FIXTURES } from '../../fixtures';
import { DUMMY_CREDENTIALS } from '../../protocol';
import { checkClientDocument } from '../../reports';
import { loadSpec } from '../../spec';
import { loadFixturesFile } from '../config-files';
import { findCredentials } from '../credentials';
import { type CliIo, type ExitCode, writeLine } from '../io';
import {
  checkReportFlags,
  colorWanted,
  integer,
  type ReportFlags,
  reportOnStdout,
  reportOptions,
  suppressionOf,
  withRunReports,
  writeReports,
} from '../shared-options';

interface CheckClientFlags extends ReportFlags {
  port: string;
  fixtures?: string;
  inject?: string[];
  auth?: 'sigv4';
  credentials?: string;
  color: boolean;
}

/**
 * Where the command's output goes: this process's own streams are inherited (a terminal stays one);
 * any other CliIo (the CLI embedded in a program, the tests) gets it piped. With a report on stdout,
 * the command's stdout goes to stderr.
 */
function commandOutput(io: CliIo, reportOnStdout: boolean): CheckClientOptions['output'] {
  if (io.stdout === process.stdout && io.stderr === process.stderr) return reportOnStdout ? 'stderr' : 'inherit';
  return { stdout: reportOnStdout ? io.stderr : io.stdout, stderr: io.stderr };
}

async function runCheckClient(io: CliIo, command: string[], flags: CheckClientFlags): Promise<number> {
  if (command.length === 0 || command[0] === '') {
    throw new ToolError('USAGE', 'no command to run: give it after --, e.g. qs-contract check-client -- node my-client.js');
  }
  const model = loadSpec();
  const port = integer('--port', flags.port, 0, 65535);
  const faults = (flags.inject ?? []).map((text) => parseInjection(text, model));
  const fixtures = flags.fixtures ? loadFixturesFile(flags.fixtures) : DEFAULT_FIXTURES;
  if (flags.credentials && !flags.auth) throw new ToolError('USAGE', '--credentials is only used with --auth sigv4');
  checkReportFlags(flags);
  const suppress = suppressionOf(flags);
  // A machine-readable report on stdout moves everything else to stderr, the command's output included.
  const toStdout = reportOnStdout(flags);
  const warn = (message: string) => writeLine(io.stderr, `qs-contract check-client: ${message}`);
  // With --auth and no file: the credentials the user's own AWS clients would find, else the dummy
  // pair; the client is handed the same, so it needs no setup of its own either way.
  const auth = flags.auth
    ? ((await findCredentials(flags.credentials, warn)) ?? { credentials: [DUMMY_CREDENTIALS], source: 'the dummy credentials' })
    : undefined;

  const result = await checkClient({
    command,
    fixtures,
    port,
    faults,
    ...(auth ? { auth } : {}),
    spec: model,
    suppress,
    output: commandOutput(io, toStdout),
    onStart: ({ mockUrl }) =>
      writeLine(io.stderr, `qs-contract check-client: the reference mock listens on ${mockUrl}; running the command`),
    onSignal: (signal, how) =>
      writeLine(
        io.stderr,
        `qs-contract check-client: ${signal}, ${how === 'forwarded' ? 'forwarded to the command' : 'killing the command (SIGKILL)'}`,
      ),
  });
  writeReports(io, flags, { document: checkClientDocument(result), result, suppressed: suppress });
  return result.verdict === 'pass' ? 0 : 1;
}

export function registerCheckClient(program: Command, io: CliIo, exit: ExitCode): void {
  const command = program
    .command('check-client')
    .description('run a client command against the reference mock and check every request it sends')
    .usage('[options] -- COMMAND [ARGS...]')
    .argument('[command...]', 'the client command and its arguments, after --')
    .option('--port <n>', "the mock's port on 127.0.0.1; 0 picks a free one", '0')
    .option('--fixtures <file>', 'JSON fixtures replacing the default ones (see README)')
    .option(
      '--inject <OP=ERROR[:COUNT]>',
      'answer the next COUNT (default 1) calls of OP with the documented error ERROR (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .addOption(new Option('--auth <scheme>', 'the mock verifies every request signature (AWS SigV4)').choices(['sigv4']))
    .option(
      '--credentials <file>',
      'with --auth sigv4: JSON {"accessKeyId", "secretAccessKey"[, "sessionToken"]} or an array of them ' +
        '(default: the AWS credential chain)',
    );
  reportOptions(command, "the console report with the command's output")
    .addHelpText(
      'after',
      [
        '',
        'The command runs without a shell, with AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_QUICKSIGHT set to the mock,',
        "AWS_REGION and AWS_DEFAULT_REGION to the fixtures' region, dummy credentials unless the environment has",
        'its own, and ~/.aws ignored unless AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE is set.',
        'With --auth sigv4 the mock verifies signatures against --credentials FILE, else the credentials the AWS chain',
        'finds (environment, AWS_PROFILE and the shared files, roles), else dummy ones; the command gets the same.',
        'Without it, an unsigned request, or one signed for another service or region, is a warning.',
        '',
        'Exit codes: 0 the command exited 0 and every request conformed · 1 a request broke the contract or matched',
        'no operation, the command failed, or it made no request · 2 usage error, or the command cannot be started',
        '',
        'Examples:',
        '  qs-contract check-client -- node my-client.js',
        '  qs-contract check-client --inject UpdateUser=ThrottlingException:2 --junit client.xml -- npm run test:client',
        '  qs-contract check-client --auth sigv4 -- python3 my_client.py',
        '  qs-contract check-client -- sh -c \'aws --endpoint-url "$AWS_ENDPOINT_URL" quicksight update-user ...\'',
      ].join('\n'),
    )
    .action(async function (this: Command, command: string[], flags: CheckClientFlags) {
      exit.code = await withRunReports(io, 'check-client', flags, () =>
        runCheckClient(io, command, { ...flags, color: colorWanted(this) }),
      );
    });
}
