/**
 * `qs-contract proxy --upstream URL`: stands between any client and any upstream (real QuickSight,
 * moto, LocalStack, the reference mock), forwards every exchange unchanged and judges both of its
 * directions. Prints `listening on URL` when ready and a line per exchange; on SIGINT or SIGTERM the
 * report. Exit 0: every exchange of the three operations conformed; 1: one did not, a request
 * matched no operation, or none went through; 2: usage error, or the upstream cannot be reached at start.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ToolError } from '../../errors';
import { type RunningMock, startMock } from '../../mock';
import { isLoopbackUrl } from '../../protocol';
import { type ProxyResult, startProxy } from '../../proxy';
import { exchangeLine, proxyDocument } from '../../reports';
import { reachable } from '../../verify';
import { describeCredentials, requireCredentials } from '../credentials';
import { type CliIo, type ExitCode, writeLine } from '../io';
import {
  BUILTIN_TARGET,
  checkReportFlags,
  colorWanted,
  ensureWritable,
  integer,
  type ReportFlags,
  reportOnStdout,
  reportOptions,
  suppressionOf,
  targetUrl,
  withRunReports,
  writeReports,
} from '../shared-options';
import { toolVersion } from '../version';

interface ProxyFlags extends ReportFlags {
  upstream: string;
  port: string;
  host: string;
  region?: string;
  timeout: string;
  record?: string;
  resign?: boolean;
  credentials?: string;
  color: boolean;
}

/** Resolves with the signal's name at the first SIGINT or SIGTERM. */
function nextSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

function writeRecording(file: string, document: object): void {
  try {
    writeFileSync(path.resolve(file), `${JSON.stringify(document, null, 2)}\n`);
  } catch (error) {
    throw new ToolError('IO', `cannot write the recording ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function runProxy(io: CliIo, flags: ProxyFlags, stopped: () => Promise<string> = nextSignal): Promise<number> {
  const given = targetUrl(flags.upstream, '--upstream');
  const port = integer('--port', flags.port, 0, 65535);
  const timeoutMs = integer('--timeout', flags.timeout, 1, 600_000);
  if (flags.credentials && !flags.resign) throw new ToolError('USAGE', '--credentials is only used with --resign');
  // Whoever reaches a re-signing proxy acts with the user's credentials: it listens on this machine only.
  if (flags.resign && !isLoopbackUrl(`http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}`))
    throw new ToolError(
      'USAGE',
      `--resign signs with your credentials for whoever reaches the proxy: it listens on this machine only, not --host ${flags.host}`,
      'use --host 127.0.0.1 (the default), localhost or ::1',
    );
  checkReportFlags(flags);
  const suppress = suppressionOf(flags);
  ensureWritable('--record', flags.record);
  // A report on stdout moves everything else to stderr, the exchange lines included.
  const lines = reportOnStdout(flags) ? io.stderr : io.stdout;
  const warn = (message: string) => writeLine(io.stderr, `qs-contract proxy: ${message}`);
  const found = flags.resign ? await requireCredentials('--resign', flags.credentials, warn) : undefined;
  const resign = found?.credentials[0];

  let mock: RunningMock | undefined;
  if (given === BUILTIN_TARGET) mock = await startMock();
  const upstream = mock?.url ?? given;
  try {
    await reachable(upstream.replace(/\/+$/, ''), Math.min(timeoutMs, 10_000)).catch((error: unknown) => {
      // verify's words name --target; here it is the upstream.
      if (!(error instanceof ToolError)) throw error;
      throw new ToolError(
        error.code,
        error.message.replace('the target', 'the upstream'),
        error.hint?.replace('--target', '--upstream').replace('the server', 'the upstream'),
      );
    });
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    try {
      proxy = await startProxy({
        upstream,
        port,
        host: flags.host,
        ...(flags.region ? { region: flags.region } : {}),
        ...(found && resign ? { resign: { credentials: resign, label: describeCredentials(found) } } : {}),
        timeoutMs,
        record: flags.record !== undefined,
        version: toolVersion(),
        suppress,
        onExchange: (exchange) => writeLine(lines, exchangeLine(exchange)),
        onWarning: warn,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ToolError(
        'IO',
        `cannot listen on ${flags.host}:${port}: ${code === 'EADDRINUSE' ? 'the address is in use' : (error as Error).message}`,
      );
    }
    // Listening for the signals before saying so: a signal sent on reading the line must find the handler.
    const stop = stopped();
    writeLine(lines, `listening on ${proxy.url}`);
    if (found) warn(`re-signing every request (SigV4, ${proxy.result().region}) with ${describeCredentials(found)}`);
    const signal = await stop;
    warn(`${signal}: stopping; the report follows`);
    const result: ProxyResult = await proxy.close();
    const recording = proxy.recording();
    if (flags.record && recording) {
      writeRecording(flags.record, recording.document);
      result.record = { file: flags.record, interactions: recording.interactions, leftOut: recording.leftOut };
    }
    writeReports(io, flags, { document: proxyDocument(result), result, suppressed: suppress });
    return result.verdict === 'pass' ? 0 : 1;
  } finally {
    await mock?.close();
  }
}

export function registerProxy(program: Command, io: CliIo, exit: ExitCode): void {
  const command = program
    .command('proxy')
    .description('stand between a client and an upstream, judge every exchange both ways; the report on SIGINT or SIGTERM')
    .requiredOption(
      '--upstream <url>',
      `the upstream's base URL (https works), or "${BUILTIN_TARGET}" for the reference mock started in-process`,
    )
    .option('--port <n>', 'the port to listen on; 0 picks a free one', '0')
    .option('--host <host>', 'the interface to listen on', '127.0.0.1')
    .option('--region <region>', "the region signatures are read and made for (default: the upstream host's, else us-east-1)")
    .option('--timeout <ms>', 'deadline of each upstream exchange, in milliseconds', '60000')
    .option('--record <file>', "write the conforming exchanges as a Pact V4 file, with the spec's matchers (pact-check accepts it)")
    .option('--resign', "sign every request again for the upstream's host (--credentials, else the AWS credential chain)")
    .option(
      '--credentials <file>',
      'with --resign: JSON {"accessKeyId", "secretAccessKey"[, "sessionToken"]} (default: the AWS credential chain)',
    );
  reportOptions(command)
    .addHelpText(
      'after',
      '\nExit codes: 0 every exchange of the three operations conformed · 1 one did not, or none went through · ' +
        '2 usage error, or the upstream cannot be reached\n\n' +
        'Examples:\n  qs-contract proxy --upstream http://127.0.0.1:5000 --record recorded.json' +
        '   # then AWS_ENDPOINT_URL=http://127.0.0.1:PORT my-tests\n' +
        '  qs-contract proxy --upstream https://quicksight.us-east-1.amazonaws.com --resign --junit proxy.xml',
    )
    .action(async function (this: Command, flags: ProxyFlags) {
      exit.code = await withRunReports(io, 'proxy', flags, () => runProxy(io, { ...flags, color: colorWanted(this) }));
    });
}
