/** The runner: cases to signed requests on the wire, and what came back. It judges nothing. */

export { BODY_PREFIX_BYTES, bodyFacts, keepReceived } from './body';
export { curlLine } from './curl';
export type { Exchange, Received, WireFailure, WireRequest, WireResponse } from './exchange';
export type { Target } from './execute';
export { execute, requestOf } from './execute';
export { createPacer, type Pacer, type PacerOptions } from './pace';
export type { PropertyOutcome } from './property';
export { runProperty } from './property';
export { MAX_RESPONSE_BYTES, send } from './send';
export type { Signer } from './sign';
export { createSigner } from './sign';
