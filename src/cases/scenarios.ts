/**
 * A valid, meaningful request of each operation on the fixtures, and what a provider answers to
 * it: the base from which the Pact interactions and the conformance cases are derived. What makes
 * a request meaningful differs by operation (the fixture it targets, a change whose effect shows in
 * the response), so this part is written per operation; everything else is derived from the spec.
 */
import { customPermissionsArn, type Fixtures, type ProviderState, STATES, themeArn, userArn } from '../fixtures';
import { encodeRfc3986 } from '../protocol';
import type { OperationId, OperationModel } from '../spec';

/** A valid request on an existing fixture, and what a provider answers to it. */
export interface Scenario {
  states: ProviderState[];
  pathParams: Record<string, string>;
  body: Record<string, unknown>;
  successBody: Record<string, unknown>;
  /**
   * The path parameters that name a resource, each with what a missing one is called, its
   * ResourceType, and the provider state that holds no such resource (for the given path).
   */
  resources: { param: string; base: string; resourceType?: string; absent: (pathParams: Record<string, string>) => ProviderState }[];
  /** More valid requests worth a contract of their own (a user name that needs percent-encoding). */
  variants?: {
    description: string;
    states: ProviderState[];
    pathParams: Record<string, string>;
    body: Record<string, unknown>;
    successBody: Record<string, unknown>;
  }[];
  /** A request that makes the provider exceed a documented limit, with the state that sets it up. */
  limit?: { states: ProviderState[]; body: Record<string, unknown> };
  /** Updates whose effect shows only across requests (granted, then revoked), sent in order. */
  sequences?: { id: string; description: string; bodies: Record<string, unknown>[] }[];
}

/** The request id the examples carry. */
export const REQUEST_ID = 'c0ffee00-0000-4000-8000-000000000001';

type ScenarioBuilder = (f: Fixtures, op: OperationModel) => Scenario;

const userKey = (p: Record<string, string>) => ({
  AwsAccountId: p.AwsAccountId as string,
  Namespace: p.Namespace as string,
  UserName: p.UserName as string,
});

/** The most principals a theme's Permissions may list (the response's documented maxItems). */
export function principalLimit(op: OperationModel): number {
  const limit = op.success.schema?.properties?.Permissions?.maxItems;
  if (limit === undefined) throw new Error(`${op.id}: the spec documents no item limit for Permissions`);
  return limit;
}

/** The fixtures lack a resource an operation's cases need: the operation is skipped, not failed. */
export class MissingFixtureError extends Error {
  override readonly name = 'MissingFixtureError';
}

function first<T>(items: T[], what: string): T {
  const item = items[0];
  if (!item) throw new MissingFixtureError(`the fixtures hold no ${what}`);
  return item;
}

const SCENARIOS: Record<OperationId, ScenarioBuilder> = {
  UpdateUser(f) {
    const valid = (user: Fixtures['users'][number]) => {
      const update = {
        Email: `${user.UserName.replace(/[^a-zA-Z0-9._-]/g, '.')}.new@example.com`,
        Role: user.Role === 'AUTHOR' ? 'READER' : 'AUTHOR',
      };
      const pathParams = { AwsAccountId: f.accountId, Namespace: user.Namespace, UserName: user.UserName };
      return {
        states: [{ name: STATES.userExists, params: { ...pathParams, Email: user.Email, Role: user.Role } }],
        pathParams,
        body: update,
        successBody: {
          RequestId: REQUEST_ID,
          User: {
            Arn: userArn(f, user.Namespace, user.UserName),
            UserName: user.UserName,
            ...update,
            IdentityType: user.IdentityType,
            Active: user.Active,
            PrincipalId: user.PrincipalId,
          },
        },
      };
    };
    const needsEncoding = (u: Fixtures['users'][number]) => encodeRfc3986(u.UserName) !== u.UserName;
    const base = valid(
      first(
        f.users.filter((u) => !needsEncoding(u)),
        'user',
      ),
    );
    const profile = f.customPermissions[0];
    return {
      ...base,
      sequences: profile
        ? [
            {
              id: 'apply-then-unapply-profile',
              description: `applies the custom permissions profile ${profile.CustomPermissionsName}, then unapplies it`,
              bodies: [
                { ...base.body, CustomPermissionsName: profile.CustomPermissionsName },
                { ...base.body, UnapplyCustomPermissions: true },
              ],
            },
          ]
        : [],
      variants: f.users.filter(needsEncoding).map((user) => ({
        description: `a valid update of the user ${JSON.stringify(user.UserName)}, whose name is percent-encoded in the path`,
        ...valid(user),
      })),
      resources: [
        {
          param: 'Namespace',
          base: 'absent-namespace',
          resourceType: 'NAMESPACE',
          absent: (p) => ({
            name: STATES.namespaceAbsent,
            params: { AwsAccountId: p.AwsAccountId as string, Namespace: p.Namespace as string },
          }),
        },
        {
          param: 'UserName',
          base: 'absent-user',
          resourceType: 'USER',
          absent: (p) => ({ name: STATES.userAbsent, params: userKey(p) }),
        },
      ],
    };
  },
  UpdateThemePermissions(f, op) {
    const theme = first(f.themes, 'theme');
    const grantee = first(
      f.users.filter((u) => !theme.Permissions.some((p) => p.Principal === userArn(f, u.Namespace, u.UserName))),
      'user without a grant on the theme',
    );
    const userGrouping = op.validGroupings?.user;
    if (!userGrouping) throw new Error('the spec documents no user grouping for theme permissions');
    const grant = { Principal: userArn(f, grantee.Namespace, grantee.UserName), Actions: userGrouping };
    const owner = first(theme.Permissions, 'theme permission');
    const themeParams = { AwsAccountId: f.accountId, ThemeId: theme.ThemeId };
    return {
      states: [{ name: STATES.themeExists, params: { ...themeParams, OwnerPrincipal: owner.Principal } }],
      pathParams: themeParams,
      body: { GrantPermissions: [grant] },
      successBody: { Permissions: [owner, grant], RequestId: REQUEST_ID, ThemeArn: themeArn(f, theme.ThemeId), ThemeId: theme.ThemeId },
      resources: [
        {
          param: 'ThemeId',
          base: 'absent-theme',
          absent: (p) => ({ name: STATES.themeAbsent, params: { AwsAccountId: p.AwsAccountId as string, ThemeId: p.ThemeId as string } }),
        },
      ],
      sequences: [
        {
          id: 'grant-then-revoke',
          description: `grants ${grantee.UserName} the user actions, then revokes them`,
          bodies: [{ GrantPermissions: [grant] }, { RevokePermissions: [grant] }],
        },
      ],
      limit: {
        states: [{ name: STATES.themeAtPrincipalLimit, params: { ...themeParams, Principals: principalLimit(op) } }],
        body: { GrantPermissions: [grant] },
      },
    };
  },
  UpdateCustomPermissions(f) {
    const profile = first(f.customPermissions, 'custom permissions profile');
    const params = { AwsAccountId: f.accountId, CustomPermissionsName: profile.CustomPermissionsName };
    return {
      states: [{ name: STATES.customPermissionsExists, params }],
      pathParams: params,
      body: { Capabilities: { ExportToCsv: 'DENY', ShareDashboards: 'DENY' } },
      successBody: { Arn: customPermissionsArn(f, profile.CustomPermissionsName), RequestId: REQUEST_ID, Status: 200 },
      resources: [
        {
          param: 'CustomPermissionsName',
          base: 'AbsentProfile',
          absent: (p) => ({
            name: STATES.customPermissionsAbsent,
            params: { AwsAccountId: p.AwsAccountId as string, CustomPermissionsName: p.CustomPermissionsName as string },
          }),
        },
      ],
    };
  },
};

/** The names the fixtures hold for a resource parameter. */
export function namesTaken(f: Fixtures, param: string): string[] {
  switch (param) {
    case 'Namespace':
      return f.namespaces;
    case 'UserName':
      return f.users.map((u) => u.UserName);
    case 'ThemeId':
      return f.themes.map((t) => t.ThemeId);
    default:
      return f.customPermissions.map((c) => c.CustomPermissionsName);
  }
}

/** The scenario of an operation on the given fixtures. */
export function validScenario(op: OperationModel, fixtures: Fixtures): Scenario {
  return SCENARIOS[op.id](fixtures, op);
}
