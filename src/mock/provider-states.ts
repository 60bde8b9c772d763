/**
 * Puts the mock into a Pact provider state. The names and parameters are the contract's, read by
 * src/fixtures/provider-states.ts; each maps to one change of the in-memory state.
 */
import { completeUser, type ProviderState, parseProviderState, STATES, userArn } from '../fixtures';
import { userKey } from '../model';
import { acceptedValues, type OperationId, type SpecModel } from '../spec';
import { addFault, type MockState } from './state';

export type StateResult = { ok: true } | { ok: false; message: string };

function grouping(model: SpecModel, name: 'user' | 'owner'): string[] {
  const actions = model.operation('UpdateThemePermissions').validGroupings?.[name];
  if (!actions) throw new Error(`the spec documents no ${name} grouping for theme permissions`);
  return actions;
}

function setup(state: MockState, given: ProviderState, model: SpecModel): void {
  switch (given.name) {
    case STATES.userExists: {
      const { Namespace, UserName, Email, Role } = given.params;
      // The mock creates the user, so it needs what a user is made of.
      if (Email === undefined || Role === undefined) throw new Error('parameters Email and Role are needed to create the user');
      const roles = acceptedValues(model.operation('UpdateUser').body?.schema.properties?.Role ?? {}) ?? [];
      if (!roles.includes(Role)) throw new Error(`parameter Role must be one of ${roles.join(', ')}`);
      state.namespaces.add(Namespace);
      const existing = state.users.get(userKey(Namespace, UserName));
      const user = completeUser({ Namespace, UserName, Email, Role: Role as never });
      state.users.set(userKey(Namespace, UserName), {
        CustomPermissionsName: undefined,
        ExternalLoginFederationProviderType: undefined,
        ExternalLoginFederationProviderUrl: undefined,
        ExternalLoginId: undefined,
        ...existing,
        ...user,
      });
      return;
    }
    case STATES.userAbsent:
      state.users.delete(userKey(given.params.Namespace, given.params.UserName));
      return;
    case STATES.namespaceAbsent:
      state.namespaces.delete(given.params.Namespace);
      return;
    case STATES.themeExists:
      if (!state.themes.has(given.params.ThemeId)) {
        state.themes.set(given.params.ThemeId, new Map([[given.params.OwnerPrincipal, new Set(grouping(model, 'owner'))]]));
      }
      return;
    case STATES.themeAbsent:
      state.themes.delete(given.params.ThemeId);
      return;
    case STATES.themeAtPrincipalLimit: {
      const count = given.params.Principals;
      const limit = model.operation('UpdateThemePermissions').success.schema?.properties?.Permissions?.maxItems ?? 0;
      if (count < 1 || count > limit) throw new Error(`parameter Principals must be an integer from 1 to ${limit}`);
      const user = grouping(model, 'user');
      const principals = Array.from(
        { length: count },
        (_, i) => [userArn(state, 'default', `limit-filler-${i + 1}`), new Set(user)] as const,
      );
      state.themes.set(given.params.ThemeId, new Map(principals));
      return;
    }
    case STATES.customPermissionsExists:
      if (!state.customPermissions.has(given.params.CustomPermissionsName))
        state.customPermissions.set(given.params.CustomPermissionsName, {});
      return;
    case STATES.customPermissionsAbsent:
      state.customPermissions.delete(given.params.CustomPermissionsName);
      return;
    case STATES.accountNotCallers:
      if (given.params.AwsAccountId === state.accountId) throw new Error(`account ${state.accountId} is the mock's own account`);
      return;
    case STATES.standardEdition:
      state.edition = 'STANDARD';
      return;
    case STATES.operationFails:
      addFault(state, model.operation(given.params.OperationId as OperationId), given.params.ErrorType, 1);
      return;
  }
}

/** Puts the state in the named provider state; the name and parameters come untyped, as a control-plane request gives them. */
export function applyProviderState(name: unknown, params: unknown, state: MockState, model: SpecModel): StateResult {
  const parsed = parseProviderState(name, params);
  if (!parsed.ok)
    return { ok: false, message: typeof name === 'string' ? `provider state ${JSON.stringify(name)}: ${parsed.message}` : parsed.message };
  try {
    setup(state, parsed.state, model);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `provider state ${JSON.stringify(name)}: ${(error as Error).message}` };
  }
}
