/**
 * pact-verify: Pact provider verification of a pact file against any target. The Verifier runs in a
 * forked worker (verifier-worker.ts), which nothing imports at run time: this index re-exports no
 * module that loads Pact.
 */
export { findingText, judgeReply } from './core-results';
export type { InteractionResult, PactVerifyResult } from './result';
export { summarize } from './result';
export { type PactVerifyOptions, verifyPact } from './run';
export type { PlannedInteraction, PlannedState, StateVia } from './state-plan';
export { operationOf, planStates, stateMetByFixtures } from './state-plan';
export { ensurePactInstalled, PACT_PACKAGE, PactRuntimeError } from './worker';
