/** The reference mock: a faithful, stateful QuickSight for the three operations. */
export { startMock, MAX_BODY_BYTES } from './server';
export type { MockServerOptions, RunningMock } from './server';
export { createMockHandler } from './handler';
export type { MockHandler, MockOptions, MockRequest, MockResponse } from './handler';
export { RequestLog } from './request-log';
export type { RequestLogEntry } from './request-log';
export { CONTROL_PREFIX } from './control-plane';
export { createSigV4Check } from './sigv4';
export type { Credential, SignatureCheck, SigV4Options } from './sigv4';
