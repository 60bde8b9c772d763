/** check-client: run a client command against the reference mock and judge every request it sends. */

export type { CheckClientOptions } from './check-client';
export { CLIENT_LOG_LIMIT, checkClient } from './check-client';
export type { ClientEnvironment } from './environment';
export { clientEnvironment } from './environment';
export { injectFaults, parseInjection } from './inject';
export type { JudgeContext } from './judge-requests';
export { clientVerdict, describeOutcome, judgeRequests, methodRule, RULES } from './judge-requests';
export type { NearMiss } from './near-miss';
export { nearMiss } from './near-miss';
export type { RunCommandOptions, RunCommandResult } from './run-command';
export { runCommand } from './run-command';
export type * from './types';
