/**
 * The mock's in-memory state: the fixtures, as the operations change them, plus the faults to
 * inject. Every change happens synchronously inside one request's handling, so concurrent
 * requests never interleave half-applied updates.
 */

import type { Edition, Fixtures, UserFixture } from '../fixtures';
import type { Capabilities } from '../generated/quicksight';
import type { OperationId, OperationModel } from '../spec';

export interface StoredUser extends UserFixture {
  CustomPermissionsName?: string;
  ExternalLoginFederationProviderType?: string;
  ExternalLoginFederationProviderUrl?: string;
  ExternalLoginId?: string;
}

export interface Fault {
  errorType: string;
  remaining: number;
}

export interface MockState {
  region: string;
  accountId: string;
  edition: Edition;
  namespaces: Set<string>;
  /** Keyed by userKey(): length-prefixed, so a `/` in a name cannot make two keys collide. */
  users: Map<string, StoredUser>;
  /** ThemeId → principal → actions, in insertion order. */
  themes: Map<string, Map<string, Set<string>>>;
  customPermissions: Map<string, Capabilities>;
  faults: Map<OperationId, Fault[]>;
}

export function userKey(namespace: string, userName: string): string {
  return `${namespace.length}:${namespace}/${userName}`;
}

export function createState(fixtures: Fixtures): MockState {
  return {
    region: fixtures.region,
    accountId: fixtures.accountId,
    edition: fixtures.edition,
    namespaces: new Set(fixtures.namespaces),
    users: new Map(fixtures.users.map((u) => [userKey(u.Namespace, u.UserName), { ...u }])),
    themes: new Map(fixtures.themes.map((t) => [t.ThemeId, new Map(t.Permissions.map((p) => [p.Principal, new Set(p.Actions)]))])),
    customPermissions: new Map(fixtures.customPermissions.map((c) => [c.CustomPermissionsName, { ...c.Capabilities }])),
    faults: new Map(),
  };
}

/**
 * Queues an injected fault: the next `count` calls of the operation answer the error. Throws when
 * the operation does not document that error, as the mock must never answer one it does not.
 */
export function addFault(state: MockState, op: OperationModel, errorType: string, count: number): void {
  if (!op.errors.some((e) => e.type === errorType)) {
    throw new Error(`${op.id} documents ${op.errors.map((e) => e.type).join(', ')}; not ${JSON.stringify(errorType)}`);
  }
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  state.faults.set(op.id, [...(state.faults.get(op.id) ?? []), { errorType, remaining: count }]);
}

/** Takes the next injected fault of an operation, if any, counting it down. */
export function takeFault(state: MockState, operationId: OperationId): Fault | undefined {
  const queue = state.faults.get(operationId);
  const fault = queue?.[0];
  if (!queue || !fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) queue.shift();
  return fault;
}
