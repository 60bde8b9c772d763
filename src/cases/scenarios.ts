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
  sequences?: Sequence[];
}

type Body = Record<string, unknown>;

/**
 * One step of a sequence: a request (with no body: `body` undefined), one that breaks a documented
 * rule on purpose (`rejected`: the next steps show that it changed nothing), or requests sent at once
 * (`burst`: the steps after show that no update was lost).
 */
export type SequenceStep = { body: Body | undefined; rejected?: true } | { burst: Body[] };

export interface Sequence {
  id: string;
  description: string;
  steps: SequenceStep[];
  /** The resource it runs on, when not the scenario's (UpdateUser's are spread over the fixtures' users). */
  pathParams?: Record<string, string>;
  /**
   * Sequences on two tracks of one resource act on parts of it the other leaves alone (two
   * principals of a theme): one of each track runs beside the other, their steps sent at once.
   */
  track?: number;
  /**
   * It acts on its own part of the resource (its principals of a theme): verify may send other
   * changes beside its steps (the model holds the answers to some order of them). Without it, its
   * meaning is in the whole resource, and only requests that change nothing go beside it.
   */
  beside?: true;
}

const step = (body: Body | undefined): SequenceStep => ({ body });

/**
 * About the round trips verify's stateful random sequences of UpdateUser take with the default 40
 * examples (5 runs of up to 6 steps): the plain user they run on gets that many fewer sequence steps.
 */
const PROPERTY_ROOM = 20;

/** The request id the examples carry. */
export const REQUEST_ID = 'c0ffee00-0000-4000-8000-000000000001';

type ScenarioBuilder = (f: Fixtures, op: OperationModel) => Scenario;

const userKey = (p: Record<string, string>) => ({
  AwsAccountId: p.AwsAccountId as string,
  Namespace: p.Namespace as string,
  UserName: p.UserName as string,
});

/** The most principals a theme's Permissions may list (the response's documented maxItems). */
function principalLimit(op: OperationModel): number {
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

/**
 * Requests that ask what the UpdateUser page leaves open (the register's readings): whatever a target
 * answers, it has chosen a reading, which verify then holds it to. Each restores the user after.
 */
function userReadingSequences(body: Body, profile: string | undefined): Sequence[] {
  const one = (id: string, description: string, request: Body): Sequence => ({ id, description, steps: [step(request), step(body)] });
  return [
    one('tolerated-role', 'sends Role ADMIN_PRO, which the AWS model accepts beyond the page (tolerated-values)', {
      ...body,
      Role: 'ADMIN_PRO',
    }),
    ...(profile
      ? [
          one('name-and-unapply', 'names a profile and sets UnapplyCustomPermissions at once (name-and-unapply)', {
            ...body,
            CustomPermissionsName: profile,
            UnapplyCustomPermissions: true,
          }),
        ]
      : []),
    one('email-not-an-address', 'sends an Email with no "@" (email-format)', { ...body, Email: 'not-an-address' }),
    one('unapply-false', 'sends UnapplyCustomPermissions false (unapply-false)', { ...body, UnapplyCustomPermissions: false }),
    one('oidc-without-url', 'sends CUSTOM_OIDC with no CustomFederationProviderUrl (oidc-without-url)', {
      ...body,
      ExternalLoginFederationProviderType: 'CUSTOM_OIDC',
    }),
    one('external-id-alone', 'sends an ExternalLoginId with no provider type (external-id-without-type)', {
      ...body,
      ExternalLoginId: 'external-id-2',
    }),
    one('provider-type-undocumented', 'sends a provider type the page does not list (provider-type-undocumented)', {
      ...body,
      ExternalLoginFederationProviderType: 'SAML',
    }),
    one('url-without-oidc', 'sends a CustomFederationProviderUrl with no provider type (provider-url-without-oidc)', {
      ...body,
      CustomFederationProviderUrl: 'https://idp.example.com/',
    }),
  ].map((s) => ({
    ...s,
    steps: [...s.steps, step({ ...body, UnapplyCustomPermissions: true, ExternalLoginFederationProviderType: 'NONE' })],
  }));
}

/**
 * Theme updates whose effect only the next answers show, each leaving the theme as it found it: a
 * grant adds actions (it does not replace them), a partial revoke keeps the rest, a refused request
 * changes nothing, an update is stored (a request with no change shows it), concurrent grants are
 * all kept, and a grant past the principal limit is refused.
 */
function themeSequences(f: Fixtures, op: OperationModel, grant: { Principal: string; Actions: string[] }, themeId: string): Sequence[] {
  const user = op.validGroupings?.user ?? [];
  const owner = op.validGroupings?.owner ?? [];
  const extras = owner.filter((a) => !user.includes(a));
  const other = f.users
    .map((u) => userArn(f, u.Namespace, u.UserName))
    .find((p) => p !== grant.Principal && !f.themes.some((t) => t.Permissions.some((x) => x.Principal === p)));
  const noChange = step(undefined);
  const limit = principalLimit(op);
  const newcomers = Array.from({ length: limit }, (_, i) => ({ Principal: userArn(f, 'default', `limit-probe-${i + 1}`), Actions: user }));
  /** What a grant or revoke does to one principal; each leaves the principal as it found it. */
  const onePrincipal = (principal: string): Sequence[] => {
    const to = (actions: string[]) => [{ Principal: principal, Actions: actions }];
    return [
      {
        id: 'grant-then-revoke',
        description: 'grants the user actions, then revokes them',
        steps: [step({ GrantPermissions: to(user) }), step({ RevokePermissions: to(user) })],
      },
      {
        id: 'grant-adds',
        description: 'grants the user actions, then the owner-only ones: the principal holds the owner grouping',
        steps: [step({ GrantPermissions: to(user) }), step({ GrantPermissions: to(extras) }), step({ RevokePermissions: to(owner) })],
      },
      {
        id: 'partial-revoke',
        description: 'grants the owner grouping, then revokes the owner-only actions: the principal keeps the user grouping',
        steps: [step({ GrantPermissions: to(owner) }), step({ RevokePermissions: to(extras) }), step({ RevokePermissions: to(user) })],
      },
      {
        id: 'rejected-changes-nothing',
        description:
          'sends a grant with a revoke that breaks a documented rule (no actions), then no change: the refused grant was not applied',
        steps: [
          { body: { GrantPermissions: to(user), RevokePermissions: [{ Principal: principal, Actions: [] }] }, rejected: true },
          noChange,
        ],
      },
      {
        id: 'stored',
        description: 'grants the user actions, then sends no change: the grant was stored',
        steps: [step({ GrantPermissions: to(user) }), noChange, step({ RevokePermissions: to(user) })],
      },
      {
        id: 'grant-and-revoke-one-principal',
        description: 'grants and revokes the same principal in one request (grant-and-revoke)',
        steps: [step({ GrantPermissions: to(user), RevokePermissions: to(user) }), noChange, step({ RevokePermissions: to(user) })],
      },
      ...(user.length > 1
        ? [
            {
              id: 'other-grouping',
              description: 'grants one action of the user grouping alone, then revokes it (groupings)',
              steps: [step({ GrantPermissions: to(user.slice(0, 1)) }), noChange, step({ RevokePermissions: to(user.slice(0, 1)) })],
            },
          ]
        : []),
    ];
  };
  // Two principals that hold nothing take the one-principal sequences in turn, on two tracks: a
  // sequence of one runs beside a sequence of the other (their steps sent at once), since what one
  // does to its principal leaves the other's as it is; the answers must agree with some order.
  const mine = onePrincipal(grant.Principal);
  const theirs = other ? onePrincipal(other) : undefined;
  const tracked = (
    theirs ? mine.map((sequence, k) => (k % 2 === 0 ? { ...sequence, track: 0 } : { ...(theirs[k] ?? sequence), track: 1 })) : mine
  ).map((sequence): Sequence => ({ ...sequence, beside: true }));
  return [
    ...tracked,
    ...(other
      ? [
          {
            id: 'concurrent-grants',
            description: 'grants two principals at once, then sends no change: neither grant was lost',
            beside: true as const,
            steps: [
              {
                burst: [
                  { GrantPermissions: [{ Principal: grant.Principal, Actions: user }] },
                  { GrantPermissions: [{ Principal: other, Actions: user }] },
                ],
              },
              noChange,
              step({
                RevokePermissions: [
                  { Principal: grant.Principal, Actions: user },
                  { Principal: other, Actions: user },
                ],
              }),
            ],
          },
        ]
      : []),
    {
      id: 'unknown-principal',
      description: 'grants a principal that names no user of the account (unknown-principal)',
      beside: true,
      steps: [
        step({ GrantPermissions: [{ Principal: userArn(f, 'default', 'no-such-user'), Actions: user }] }),
        step({ RevokePermissions: [{ Principal: userArn(f, 'default', 'no-such-user'), Actions: user }] }),
      ],
    },
    ...f.themes
      .filter((t) => t.ThemeId === themeId)
      .flatMap((t) =>
        t.Permissions.length > 0
          ? [
              {
                id: 'no-permissions-left',
                description:
                  'revokes every permission, then grants them back: the theme is left with none in between (no-permissions-left)',
                steps: [step({ RevokePermissions: t.Permissions }), noChange, step({ GrantPermissions: t.Permissions })],
              },
            ]
          : [],
      ),
    {
      id: 'principal-limit',
      description: `grants ${limit} new principals at once, past the ${limit}-principal limit of theme ${themeId}, then sends no change: refused, and nothing was granted`,
      steps: [step({ GrantPermissions: newcomers }), noChange],
    },
  ];
}

/** The UpdateUser sequences on one user, whose own update (`body`) each ends with. */
function userSequences(body: Body, profile: string | undefined): Sequence[] {
  const apply = profile ? { ...body, CustomPermissionsName: profile } : undefined;
  const unapply = { ...body, UnapplyCustomPermissions: true };
  const profileSequences: Sequence[] =
    profile && apply
      ? [
          {
            id: 'apply-then-unapply-profile',
            description: `applies the custom permissions profile ${profile}, then unapplies it`,
            steps: [step(apply), step(unapply)],
          },
          {
            id: 'profile-kept',
            description: `applies ${profile}, then sends an update that names no profile: the profile stays`,
            steps: [step(apply), step(body), step(unapply)],
          },
        ]
      : [];
  return [
    ...profileSequences,
    {
      id: 'external-login-kept',
      description: 'federates the user with COGNITO and an external id, then sends an update that names no provider: the login stays',
      steps: [
        step({ ...body, ExternalLoginFederationProviderType: 'COGNITO', ExternalLoginId: 'external-id-1' }),
        step(body),
        step({ ...body, ExternalLoginFederationProviderType: 'NONE' }),
      ],
    },
    ...(profile
      ? [
          {
            id: 'rejected-changes-nothing',
            description: `names ${profile} in an update that breaks a documented rule (Role), then sends one that names no profile: nothing was applied`,
            steps: [{ body: { ...body, Role: 'NOT_A_ROLE', CustomPermissionsName: profile }, rejected: true as const }, step(body)],
          },
        ]
      : []),
    {
      id: 'external-login-cleared',
      description: 'federates the user with COGNITO and an external id, then sends NONE, which clears all external login information',
      steps: [
        step({ ...body, ExternalLoginFederationProviderType: 'COGNITO', ExternalLoginId: 'external-id-1' }),
        step({ ...body, ExternalLoginFederationProviderType: 'NONE' }),
      ],
    },
    ...userReadingSequences(body, profile),
    {
      id: 'concurrent-updates',
      description: 'sends two updates at once, then another: the answers agree with one order of the two',
      steps: [
        {
          burst: [
            { Email: 'first.concurrent@example.com', Role: 'READER' },
            { Email: 'second.concurrent@example.com', Role: 'AUTHOR' },
          ],
        },
        step(body),
      ],
    },
  ];
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
    // Each sequence restores the user it ran on; spread over the plain-named users, they run side by
    // side (one lane per user) instead of one after another on the first. Each goes to the user with
    // the fewest steps so far. verify's random sequences run on the user with the fewest of them: a
    // user whose name is percent-encoded (who has none) where the fixtures hold one, else the last
    // plain user, who starts with PROPERTY_ROOM steps left for them.
    const plain = f.users.filter((u) => !needsEncoding(u)).map(valid);
    const spread = plain.map((v) => userSequences(v.body, profile?.CustomPermissionsName));
    const room = f.users.some(needsEncoding) ? 0 : PROPERTY_ROOM;
    const load = plain.map((_, i): number => (i > 0 && i === plain.length - 1 ? room : 0));
    const sequences = (spread[0] ?? []).map((sequence, k) => {
      const on = load.indexOf(Math.min(...load));
      const chosen = spread[on]?.[k] ?? sequence;
      load[on] = (load[on] ?? 0) + chosen.steps.length;
      return { ...chosen, pathParams: plain[on]?.pathParams ?? base.pathParams };
    });
    return {
      ...base,
      sequences,
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
      sequences: themeSequences(f, op, grant, theme.ThemeId),
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
