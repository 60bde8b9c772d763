/** The conformance engine: `verify` runs the cases and the properties against a target and judges them. */
export { verify } from './verify';
export type { Progress, VerifyOptions } from './verify';
export type { CaseResult, NotImplemented, Skipped, VerifyResult } from './result';
