/**
 * Puts the mock into a Pact provider state. The names and parameters are the contract's
 * (src/pact/states.ts); each maps to one change of the in-memory state.
 */
import { userArn } from '../fixtures';
import { STATES, type StateName } from '../pact';
import type { OperationId, SpecModel } from '../spec';
import { userKey, type MockState } from './state';

type Params = Record<string, unknown>;
export type StateResult = { ok: true } | { ok: false; message: string };

const str = (params: Params, name: string): string => {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new Error(`parameter ${name} must be a non-empty string`);
  return value;
};

function setup(name: StateName, params: Params, state: MockState, model: SpecModel): void {
  switch (name) {
    case STATES.userExists: {
      const namespace = str(params, 'Namespace');
      const userName = str(params, 'UserName');
      state.namespaces.add(namespace);
      const existing = state.users.get(userKey(namespace, userName));
      state.users.set(userKey(namespace, userName), {
        IdentityType: 'QUICKSIGHT',
        Active: true,
        PrincipalId: `federated/quicksight/${userName}`,
        ...existing,
        Namespace: namespace,
        UserName: userName,
        Email: str(params, 'Email'),
        Role: str(params, 'Role') as never,
      });
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
        const owner = model.operation('UpdateThemePermissions').validGroupings?.owner ?? [];
        state.themes.set(str(params, 'ThemeId'), new Map([[str(params, 'OwnerPrincipal'), new Set(owner)]]));
      }
      return;
    case STATES.themeAbsent:
      state.themes.delete(str(params, 'ThemeId'));
      return;
    case STATES.themeAtPrincipalLimit: {
      const count = Number(params.Principals);
      if (!Number.isInteger(count) || count < 1) throw new Error('parameter Principals must be a positive integer');
      const grouping = model.operation('UpdateThemePermissions').validGroupings?.user ?? [];
      const principals = Array.from({ length: count }, (_, i) => [userArn(state, 'default', `limit-filler-${i + 1}`), new Set(grouping)] as const);
      state.themes.set(str(params, 'ThemeId'), new Map(principals));
      return;
    }
    case STATES.customPermissionsExists:
      if (!state.customPermissions.has(str(params, 'CustomPermissionsName'))) state.customPermissions.set(str(params, 'CustomPermissionsName'), {});
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
    case STATES.operationFails: {
      const operationId = str(params, 'OperationId') as OperationId;
      const errorType = str(params, 'ErrorType');
      if (!model.operation(operationId).errors.some((e) => e.type === errorType)) throw new Error(`${operationId} does not document ${errorType}`);
      state.faults.set(operationId, [...(state.faults.get(operationId) ?? []), { errorType, remaining: 1 }]);
      return;
    }
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
