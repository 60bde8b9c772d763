/**
 * The reference mock's control plane, under a prefix no AWS path can start with: the mock serves it,
 * check-client leaves it out of the requests it judges, pact-verify sets provider states through it.
 */
export const CONTROL_PREFIX = '/_mock/';

export const CONTROL_ROUTES = {
  health: '/_mock/health',
  reset: '/_mock/reset',
  providerStates: '/_mock/provider-states',
  faults: '/_mock/faults',
  requests: '/_mock/requests',
} as const;

/** Whether a raw path is the control plane's (the prefix itself included). */
export function isControlPath(rawPath: string): boolean {
  return rawPath === CONTROL_PREFIX.slice(0, -1) || rawPath.startsWith(CONTROL_PREFIX);
}
