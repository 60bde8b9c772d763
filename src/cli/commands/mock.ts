import { type Command, Option } from 'commander';
import { ToolError } from '../../errors';
import { DEFAULT_FIXTURES, type Edition } from '../../fixtures';
import { createSigV4Check, startMock } from '../../mock';
import { loadFixturesFile } from '../config-files';
import { describeCredentials, requireCredentials } from '../credentials';
import { type CliIo, type ExitCode, writeLine } from '../io';

interface MockFlags {
  port: string;
  host: string;
  fixtures?: string;
  auth?: 'sigv4';
  credentials?: string;
  controlAuth?: boolean;
  edition?: Edition;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ToolError('USAGE', `--port must be an integer from 0 to 65535 (got ${value})`);
  return port;
}

/** Runs the reference mock until SIGINT or SIGTERM; resolves with the exit code. */
async function runMock(io: CliIo, flags: MockFlags): Promise<number> {
  if (flags.credentials && !flags.auth) throw new ToolError('USAGE', '--credentials is only used with --auth sigv4');
  if (flags.controlAuth && !flags.auth)
    throw new ToolError('USAGE', '--control-auth needs --auth sigv4: control requests are signed with the keys the mock verifies');
  const port = parsePort(flags.port);
  const fixtures = flags.fixtures ? loadFixturesFile(flags.fixtures) : undefined;
  const region = (fixtures ?? DEFAULT_FIXTURES).region;
  const warn = (message: string) => writeLine(io.stderr, `qs-contract mock: ${message}`);
  const found = flags.auth ? await requireCredentials('--auth sigv4', flags.credentials, warn) : undefined;
  const signature = found ? createSigV4Check({ credentials: found.credentials, region }) : undefined;

  const running = await startMock({
    port,
    host: flags.host,
    fixtures,
    edition: flags.edition,
    signature,
    controlAuth: flags.controlAuth === true,
  }).catch((error: NodeJS.ErrnoException) => {
    throw new ToolError(
      'IO',
      `cannot listen on ${flags.host}:${port}: ${error.code === 'EADDRINUSE' ? 'the address is in use' : error.message}`,
    );
  });
  writeLine(io.stdout, `listening on ${running.url}`);
  if (found) writeLine(io.stderr, `qs-contract mock: verifying SigV4 signatures (${region}) with ${describeCredentials(found)}`);
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      writeLine(io.stderr, `qs-contract mock: ${signal}, shutting down`);
      void running.close().then(() => resolve(0));
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

export function registerMock(program: Command, io: CliIo, exit: ExitCode): void {
  program
    .command('mock')
    .description('run the reference QuickSight mock (prints "listening on URL" when ready; control plane under /_mock/)')
    .option('--port <n>', 'the port; 0 picks a free one', '0')
    .option('--host <host>', 'the interface to listen on', '127.0.0.1')
    .option('--fixtures <file>', 'JSON fixtures replacing the default ones (see README)')
    .addOption(new Option('--auth <scheme>', 'verify request signatures').choices(['sigv4']))
    .option(
      '--credentials <file>',
      'with --auth sigv4: JSON {"accessKeyId", "secretAccessKey"[, "sessionToken"]} or an array of them ' +
        '(default: the AWS credential chain)',
    )
    .option('--control-auth', 'with --auth sigv4: the control plane (/_mock/) needs a signed request too')
    .addOption(new Option('--edition <edition>', 'the subscription edition').choices(['ENTERPRISE', 'STANDARD']))
    .action(async (flags: MockFlags) => {
      exit.code = await runMock(io, flags);
    });
}
