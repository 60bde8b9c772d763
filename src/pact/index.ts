/**
 * The Pact layer. `plan`, `states` and `contract-file` load no Pact code; `matchers` (and anything
 * that drives Pact) loads the native core, so import it only in the commands and tests that need it.
 */

export type { PactFile, PactInteraction } from './contract-file';
export { bodyContent, CONSUMER, differingInteractions, normalizePact, PACT_FILE_NAME, PROVIDER, readPactFile } from './contract-file';
export type { InteractionPlan } from './plan';
export { planInteractions } from './plan';
export type { ConsistencyProblem } from './spec-consistency';
export { checkInteraction, errorTypeFromHeader } from './spec-consistency';
