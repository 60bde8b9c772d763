/** check-client: run a client command against the reference mock and judge every request it sends. */

export type { CheckClientOptions } from './check-client';
export { checkClient } from './check-client';
export { clientEnvironment } from './environment';
export { parseInjection } from './inject';
export { clientVerdict, judgeRequests, methodRule, RULES } from './judge-requests';
export { nearMiss } from './near-miss';
export type * from './types';
