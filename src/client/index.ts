/** check-client: run a client command against the reference mock and judge every request it sends. */
export { checkClient, CLIENT_LOG_LIMIT } from './check-client';
export type { CheckClientOptions } from './check-client';
export { clientEnvironment, DUMMY_CREDENTIALS } from './environment';
export type { ClientEnvironment } from './environment';
export { injectFaults, parseInjection } from './inject';
export { clientVerdict, describeOutcome, judgeRequests, methodRule, RULES, WIRE_PROTOCOL_SOURCE } from './judge-requests';
export type { JudgeContext } from './judge-requests';
export { nearMiss } from './near-miss';
export type { NearMiss } from './near-miss';
export { runCommand } from './run-command';
export type { RunCommandOptions, RunCommandResult } from './run-command';
export type * from './types';
