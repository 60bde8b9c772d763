/**
 * pact-verify: Pact provider verification of a pact file against any target. The Verifier runs in a
 * forked worker (verifier-worker.ts), which nothing imports at run time: this index re-exports no
 * module that loads Pact.
 */
export { findingText, judgeReply } from './core-results';
export type { InteractionResult, PactVerifyResult } from './result';
export { verifyPact } from './run';
export { operationOf, planStates, stateMetByFixtures } from './state-plan';
export { ensurePactInstalled, PactRuntimeError } from './worker';
