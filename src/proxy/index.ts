/** The proxy: stands between any client and any upstream, and judges both directions of every exchange. */

export type { Judged } from './follow';
export { RECORDED_CONSUMER } from './record';
export type { ProxyOptions, Recording, RunningProxy } from './server';
export { regionOfHost, startProxy } from './server';
export type * from './types';
