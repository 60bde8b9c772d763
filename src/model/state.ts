/**
 * The state the model holds of a QuickSight account: the reference mock's in-memory state (every
 * member known), and verify's picture of a target (which resources exist, from the fixtures; their
 * members UNKNOWN until an answer shows them, then held). Every change happens synchronously.
 */

import { type Edition, type Fixtures, userArn } from '../fixtures';
import type { Capabilities } from '../generated/quicksight';

/** A member no answer has shown yet: anything the target shows is taken, then held. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;
export type Maybe<T> = T | Unknown;

export const isKnown = <T>(value: Maybe<T>): value is T => value !== UNKNOWN;

/** A user; `undefined` is a member known to be absent (no profile applied, no external login). */
export interface UserState {
  Namespace: string;
  UserName: string;
  Email: Maybe<string>;
  Role: Maybe<string>;
  IdentityType: Maybe<string>;
  Active: Maybe<boolean>;
  PrincipalId: Maybe<string>;
  CustomPermissionsName: Maybe<string | undefined>;
  ExternalLoginFederationProviderType: Maybe<string | undefined>;
  ExternalLoginFederationProviderUrl: Maybe<string | undefined>;
  ExternalLoginId: Maybe<string | undefined>;
}

/** Principal → actions, in the order they were granted; UNKNOWN until an answer lists them. */
export type Permissions = Map<string, Set<string>>;

export interface ModelState {
  /**
   * The reference mock's own state (true), or verify's picture of a target (false): what the
   * documents do not fix (the form of a theme's or a profile's ARN) is the mock's choice, and
   * the target's own.
   */
  reference: boolean;
  region: string;
  accountId: string;
  edition: Edition;
  namespaces: Set<string>;
  /** Keyed by userKey(): length-prefixed, so a `/` in a name cannot make two keys collide. */
  users: Map<string, UserState>;
  themes: Map<string, Maybe<Permissions>>;
  customPermissions: Map<string, Maybe<Capabilities>>;
}

export function userKey(namespace: string, userName: string): string {
  return `${namespace.length}:${namespace}/${userName}`;
}

/** The reference mock's state: the fixtures, every member known. */
export function knownState(fixtures: Fixtures): ModelState {
  return {
    reference: true,
    region: fixtures.region,
    accountId: fixtures.accountId,
    edition: fixtures.edition,
    namespaces: new Set(fixtures.namespaces),
    users: new Map(
      fixtures.users.map((u) => [
        userKey(u.Namespace, u.UserName),
        {
          ...u,
          CustomPermissionsName: undefined,
          ExternalLoginFederationProviderType: undefined,
          ExternalLoginFederationProviderUrl: undefined,
          ExternalLoginId: undefined,
        },
      ]),
    ),
    themes: new Map(fixtures.themes.map((t) => [t.ThemeId, new Map(t.Permissions.map((p) => [p.Principal, new Set(p.Actions)]))])),
    customPermissions: new Map(fixtures.customPermissions.map((c) => [c.CustomPermissionsName, { ...c.Capabilities }])),
  };
}

/**
 * A target as the fixtures describe it: which resources exist is declared; what they hold is not
 * (a target's users have their own principal ids, its theme may hold more grants), so every member
 * is UNKNOWN until an answer shows it.
 */
export function declaredState(fixtures: Fixtures): ModelState {
  const unknownUser = (namespace: string, userName: string): UserState => ({
    Namespace: namespace,
    UserName: userName,
    Email: UNKNOWN,
    Role: UNKNOWN,
    IdentityType: UNKNOWN,
    Active: UNKNOWN,
    PrincipalId: UNKNOWN,
    CustomPermissionsName: UNKNOWN,
    ExternalLoginFederationProviderType: UNKNOWN,
    ExternalLoginFederationProviderUrl: UNKNOWN,
    ExternalLoginId: UNKNOWN,
  });
  return {
    reference: false,
    region: fixtures.region,
    accountId: fixtures.accountId,
    edition: fixtures.edition,
    namespaces: new Set([...fixtures.namespaces, ...fixtures.users.map((u) => u.Namespace)]),
    users: new Map(fixtures.users.map((u) => [userKey(u.Namespace, u.UserName), unknownUser(u.Namespace, u.UserName)])),
    themes: new Map(fixtures.themes.map((t) => [t.ThemeId, UNKNOWN])),
    customPermissions: new Map(fixtures.customPermissions.map((c) => [c.CustomPermissionsName, UNKNOWN])),
  };
}

/**
 * A copy that shares nothing the operations change in place with the original: a world that
 * branches gets its own. A theme's permissions and a profile's capabilities are replaced, never
 * changed in place (nextPermissions works on a copy), so the copy shares them; a user is changed in
 * place (an update assigns its members), so each gets its own.
 */
export function cloneState(state: ModelState): ModelState {
  return {
    ...state,
    namespaces: new Set(state.namespaces),
    users: new Map([...state.users].map(([key, user]) => [key, { ...user }])),
    themes: new Map(state.themes),
    customPermissions: new Map(state.customPermissions),
  };
}

export function clonePermissions(permissions: Permissions): Permissions {
  return new Map([...permissions].map(([principal, actions]) => [principal, new Set(actions)]));
}

/** The principals the account holds, as ARNs: its users (a grant to another is the unknown-principal reading's). */
export function knownPrincipals(state: ModelState): Set<string> {
  const principals = new Set([...state.users.values()].map((u) => userArn(state, u.Namespace, u.UserName)));
  for (const namespace of state.namespaces) principals.add(`arn:aws:quicksight:${state.region}:${state.accountId}:namespace/${namespace}`);
  return principals;
}

/** Fingerprints already taken: a world's state is not changed once made (a step or a forget makes a new one). */
const fingerprints = new WeakMap<ModelState, string>();

/** A stable text of a state, to tell two worlds apart (or find them the same). */
export function fingerprint(state: ModelState): string {
  let text = fingerprints.get(state);
  if (text === undefined) {
    text = computeFingerprint(state);
    fingerprints.set(state, text);
  }
  return text;
}

function computeFingerprint(state: ModelState): string {
  const members = (value: unknown) => (value === UNKNOWN ? '?' : (JSON.stringify(value) ?? 'absent'));
  const users = [...state.users].map(([key, u]) => `${key}:${Object.values(u).map(members).join(',')}`);
  const themes = [...state.themes].map(([id, p]) =>
    isKnown(p)
      ? `${id}:${[...p]
          .map(([principal, actions]) => `${principal}=${[...actions].sort().join('+')}`)
          .sort()
          .join(';')}`
      : `${id}:?`,
  );
  return [
    state.edition,
    [...state.namespaces].sort().join(','),
    ...users.sort(),
    ...themes.sort(),
    [...state.customPermissions.keys()].sort().join(','),
  ].join('|');
}

/**
 * The expected Permissions of a theme no answer has shown yet: whatever it lists, the grants of the
 * request must be among it and its revokes not (a principal in both lists is judged by neither).
 */
export class PermissionsAtLeast {
  constructor(
    readonly grants: readonly { Principal: string; Actions: readonly string[] }[],
    readonly revokes: readonly { Principal: string; Actions: readonly string[] }[],
  ) {}
}
