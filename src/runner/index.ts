/** The runner: cases to signed requests on the wire, and what came back. It judges nothing. */
export type { Exchange, FailureReason, Received, WireFailure, WireRequest, WireResponse } from './exchange';
export { createSigner, DUMMY_CREDENTIALS, SERVICE } from './sign';
export type { Credentials, Signer } from './sign';
export { send, MAX_RESPONSE_BYTES } from './send';
export { execute, requestOf } from './execute';
export type { Target } from './execute';
export { runCases } from './run-cases';
export { runProperty } from './property';
export type { PropertyOutcome } from './property';
export { curlLine } from './curl';
