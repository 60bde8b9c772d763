/** pact-check: a consumer's Pact file against the spec, with no Pact runtime (a Pact file is JSON). */
export type { InteractionVerdict, PactCheckResult } from './check';
export { checkPact, pactCheckDeps } from './check';
