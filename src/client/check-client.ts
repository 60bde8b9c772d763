/**
 * `check-client` as a function: start the reference mock, queue the injected faults, run the
 * client command against it, then judge every request the mock received.
 */
import { ToolError } from '../errors';
import type { Suppression } from '../findings';
import type { Fixtures } from '../fixtures';
import { createSigV4Check, type RunningMock, startMock } from '../mock';
import { type Credentials, maskKeyId } from '../protocol';
import { loadSpec, type SpecModel } from '../spec';
import { type ClientEnvironment, clientEnvironment } from './environment';
import { injectFaults } from './inject';
import { clientVerdict, judgeRequests } from './judge-requests';
import { type RunCommandOptions, runCommand } from './run-command';
import type { ClientCheckResult, InjectedFault } from './types';

/**
 * How many requests the mock's log keeps for one run: far more than a client test sends, and a
 * bound on memory (each entry holds at most 4 KiB of body). Older ones are reported as unchecked.
 */
const CLIENT_LOG_LIMIT = 20_000;

export interface CheckClientOptions {
  /** The command and its arguments. */
  command: readonly string[];
  fixtures: Fixtures;
  /** The mock's port on 127.0.0.1 (0: a free one). */
  port?: number;
  faults?: readonly InjectedFault[];
  /**
   * `--auth sigv4`: the mock verifies every signature against these credentials (each accepted),
   * and the client is handed the first; `source` says where they came from, for the report.
   */
  auth?: { credentials: Credentials[]; source: string };
  /** The environment the client's own is built on (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Where the command's output goes (see run-command.ts; default: inherited). */
  output?: RunCommandOptions['output'];
  spec?: SpecModel;
  /** Called once the command runs, with the mock's URL and the environment it was given. */
  onStart?: (info: { mockUrl: string; environment: ClientEnvironment }) => void;
  onSignal?: (signal: NodeJS.Signals, how: 'forwarded' | 'killed') => void;
  /** `--suppress`: the findings of these codes are dropped (and counted) before any verdict. */
  suppress?: Suppression;
}

async function listen(options: CheckClientOptions, model: SpecModel): Promise<RunningMock> {
  const port = options.port ?? 0;
  try {
    const signature = options.auth
      ? createSigV4Check({ credentials: options.auth.credentials, region: options.fixtures.region })
      : undefined;
    return await startMock({ port, host: '127.0.0.1', fixtures: options.fixtures, logLimit: CLIENT_LOG_LIMIT, spec: model, signature });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolError(
      'IO',
      `cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the address is in use' : (error as Error).message}`,
    );
  }
}

export async function checkClient(options: CheckClientOptions): Promise<ClientCheckResult> {
  const [command, ...args] = options.command;
  if (command === undefined || command === '')
    throw new ToolError('USAGE', 'no command to run: give it after --, e.g. qs-contract check-client -- node my-client.js');
  const model = options.spec ?? loadSpec();
  const faults = options.faults ?? [];
  const mock = await listen(options, model);
  let closed: Promise<void> | undefined;
  const close = (graceMs: number) => (closed ??= mock.close(graceMs));
  try {
    injectFaults(mock, model, faults);
    const given = options.auth?.credentials[0];
    const environment = clientEnvironment(options.env ?? process.env, {
      endpoint: mock.url,
      region: options.fixtures.region,
      ...(given ? { credentials: given } : {}),
    });
    const startedAt = new Date();
    const run = await runCommand({
      command,
      args,
      env: environment.env,
      output: options.output ?? 'inherit',
      onStart: () => options.onStart?.({ mockUrl: mock.url, environment }),
      onSignal: options.onSignal,
    });
    const durationMs = Date.now() - startedAt.getTime();
    // Requests still in flight (a child's child, a request cut off by a kill) finish before the log is read.
    await close(1000);
    const entries = mock.handler.log.entries();
    const unchecked = entries.length > 0 ? (entries[0]?.seq ?? 1) - 1 : 0;
    const { requests, faults: faultUses } = judgeRequests(entries, {
      model,
      accountId: options.fixtures.accountId,
      faults,
      ...(options.suppress ? { suppress: options.suppress } : {}),
    });
    const { verdict, reasons } = clientVerdict({ outcome: run.outcome, requests, unchecked });
    const findings = requests.flatMap((r) => r.findings);
    return {
      command: [...options.command],
      mockUrl: mock.url,
      region: options.fixtures.region,
      accountId: options.fixtures.accountId,
      startedAt: startedAt.toISOString(),
      durationMs,
      outcome: run.outcome,
      forwardedSignals: run.forwardedSignals,
      faults: faultUses,
      signatures: given
        ? { verified: true, credentials: `${maskKeyId(given.accessKeyId)} from ${options.auth?.source}` }
        : { verified: false, credentials: environment.dummyCredentials ? 'the dummy credentials' : "the environment's own" },
      requests,
      unchecked,
      summary: {
        requests: requests.length,
        conforming: requests.filter((r) => r.verdict === 'conforms').length,
        violating: requests.filter((r) => r.verdict === 'violates').length,
        unmatched: requests.filter((r) => r.verdict === 'unmatched').length,
        unjudged: requests.filter((r) => r.verdict === 'unjudged').length,
        injected: requests.filter((r) => r.response.injected).length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      },
      verdict,
      reasons,
    };
  } finally {
    await close(0);
  }
}
