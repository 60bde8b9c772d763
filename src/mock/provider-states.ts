/**
 * Puts the mock into a Pact provider state. The names and parameters are the contract's
 * (src/fixtures/provider-states.ts); each maps to one change of the in-memory state.
 */
import { completeUser, STATES, type StateName, userArn } from '../fixtures';
import type { OperationId, SpecModel } from '../spec';
import { addFault, type MockState, userKey } from './state';

type Params = Record<string, unknown>;
export type StateResult = { ok: true } | { ok: false; message: string };

const str = (params: Params, name: string): string => {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new Error(`parameter ${name} must be a non-empty string`);
  return value;
};

function grouping(model: SpecModel, name: 'user' | 'owner'): string[] {
  const actions = model.operation('UpdateThemePermissions').validGroupings?.[name];
  if (!actions) throw new Error(`the spec documents no ${name} grouping for theme permissions`);
  return actions;
}

function setup(name: StateName, params: Params, state: MockState, model: SpecModel): void {
  switch (name) {
    case STATES.userExists: {
      const namespace = str(params, 'Namespace');
      const userName = str(params, 'UserName');
      const role = str(params, 'Role');
      const roles = model.operation('UpdateUser').body?.schema.properties?.Role;
      if (![...(roles?.enum ?? []), ...(roles?.['x-tolerated-values'] ?? [])].includes(role))
        throw new Error(`parameter Role must be one of ${(roles?.enum ?? []).join(', ')}`);
      state.namespaces.add(namespace);
      const existing = state.users.get(userKey(namespace, userName));
      state.users.set(
        userKey(namespace, userName),
        completeUser({ ...existing, Namespace: namespace, UserName: userName, Email: str(params, 'Email'), Role: role as never }),
      );
      return;
    }
    case STATES.userAbsent:
      state.users.delete(userKey(str(params, 'Namespace'), str(params, 'UserName')));
      return;
    case STATES.namespaceAbsent:
      state.namespaces.delete(str(params, 'Namespace'));
      return;
    case STATES.themeExists:
      if (!state.themes.has(str(params, 'ThemeId'))) {
        state.themes.set(str(params, 'ThemeId'), new Map([[str(params, 'OwnerPrincipal'), new Set(grouping(model, 'owner'))]]));
      }
      return;
    case STATES.themeAbsent:
      state.themes.delete(str(params, 'ThemeId'));
      return;
    case STATES.themeAtPrincipalLimit: {
      const count = Number(params.Principals);
      const limit = model.operation('UpdateThemePermissions').success.schema?.properties?.Permissions?.maxItems;
      if (!Number.isInteger(count) || count < 1 || count > (limit ?? 0))
        throw new Error(`parameter Principals must be an integer from 1 to ${limit}`);
      const user = grouping(model, 'user');
      const principals = Array.from(
        { length: count },
        (_, i) => [userArn(state, 'default', `limit-filler-${i + 1}`), new Set(user)] as const,
      );
      state.themes.set(str(params, 'ThemeId'), new Map(principals));
      return;
    }
    case STATES.customPermissionsExists:
      if (!state.customPermissions.has(str(params, 'CustomPermissionsName')))
        state.customPermissions.set(str(params, 'CustomPermissionsName'), {});
      return;
    case STATES.customPermissionsAbsent:
      state.customPermissions.delete(str(params, 'CustomPermissionsName'));
      return;
    case STATES.accountNotCallers:
      if (str(params, 'AwsAccountId') === state.accountId) throw new Error(`account ${state.accountId} is the mock's own account`);
      return;
    case STATES.standardEdition:
      state.edition = 'STANDARD';
      return;
    case STATES.operationFails:
      addFault(state, model.operation(str(params, 'OperationId') as OperationId), str(params, 'ErrorType'), 1);
      return;
  }
}

const KNOWN = new Set<string>(Object.values(STATES));

export function applyProviderState(name: string, params: Params, state: MockState, model: SpecModel): StateResult {
  if (!KNOWN.has(name)) return { ok: false, message: `unknown provider state ${JSON.stringify(name)}; known: ${[...KNOWN].join(' · ')}` };
  try {
    setup(name as StateName, params, state, model);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `provider state ${JSON.stringify(name)}: ${(error as Error).message}` };
  }
}
