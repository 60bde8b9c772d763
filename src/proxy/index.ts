/** The proxy: stands between any client and any upstream, and judges both directions of every exchange. */

export type { ProxyOptions, RunningProxy } from './server';
export { startProxy } from './server';
export type * from './types';
