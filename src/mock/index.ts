/** The reference mock: a faithful, stateful QuickSight for the three operations. */

export { type Examined, examineRequest, newLogEntry } from './examine';
export type { MockHandler, MockRequest, MockResponse } from './handler';
export { createMockHandler } from './handler';
export type { RawLogEntry, RequestLogEntry } from './request-log';
export { formatEntry, RequestLog } from './request-log';
export type { MockServerOptions, RunningMock } from './server';
export { listenOn, MAX_BODY_BYTES, startMock } from './server';
export { createSigV4Check } from './sigv4';
