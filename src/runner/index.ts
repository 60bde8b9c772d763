/** The runner: cases to signed requests on the wire, and what came back. It judges nothing. */

export { BODY_PREFIX_BYTES, bodyFacts, keepReceived } from './body';
export { curlLine } from './curl';
export type { Exchange, Received, WireRequest, WireResponse } from './exchange';
export type { Target } from './execute';
export { execute } from './execute';
export { createPacer, type Pacer } from './pace';
export { runProperty } from './property';
export { MAX_RESPONSE_BYTES, send } from './send';
export { createSigner } from './sign';
