/**
 * Provider states: fixed names with parameters, so a provider maps each name to one setup function
 * and reads the resource names from the parameters (pact-js `examples/http` keys states the same way).
 */
export const STATES = {
  userExists: 'a user exists',
  userAbsent: 'a user does not exist',
  namespaceAbsent: 'a namespace does not exist',
  themeExists: 'a theme exists',
  themeAbsent: 'a theme does not exist',
  themeAtPrincipalLimit: 'a theme grants permissions to the maximum number of principals',
  customPermissionsExists: 'a custom permissions profile exists',
  customPermissionsAbsent: 'a custom permissions profile does not exist',
  accountNotCallers: 'an account is not the caller’s',
  standardEdition: 'the QuickSight subscription is Standard edition',
  operationFails: 'the next call of an operation fails with an error',
} as const;

export type StateName = (typeof STATES)[keyof typeof STATES];

export interface ProviderState {
  name: StateName;
  params: Record<string, string | number | boolean>;
}
