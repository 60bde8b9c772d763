/** The conformance engine: `verify` runs the cases and the properties against a target and judges them. */

export { reachable } from './preflight';
export type { CaseResult, VerifyResult } from './result';
export { defaultSeed } from './seed';
export type { Progress, VerifyOptions } from './verify';
export { verify } from './verify';
