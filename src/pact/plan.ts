/**
 * Plans the Pact interactions from the spec and the fixtures, without loading Pact itself: for each
 * operation a success and one interaction per documented error of its page, each error provoked the
 * way a real request can provoke it (a missing resource, an invalid value, a foreign account) or,
 * for the service-side ones, through a provider state.
 */
import {
  absentName,
  customPermissionsArn,
  foreignAccountId,
  themeArn,
  userArn,
  type Fixtures,
} from '../fixtures';
import type { JsonSchema, OperationId, OperationModel, SpecModel } from '../spec';
import { buildPath, encodeRfc3986 } from '../spec';
import { STATES, type ProviderState } from './states';

export interface InteractionPlan {
  operationId: OperationId;
  description: string;
  states: ProviderState[];
  request: {
    method: OperationModel['method'];
    pathParams: Record<string, string>;
    /** Percent-encoded, as the SDK sends it. */
    path: string;
    body: Record<string, unknown>;
    /** The request breaks a documented constraint on purpose (the InvalidParameterValueException case). */
    invalid: boolean;
  };
  response: {
    status: number;
    /** The error type for an error response. */
    errorType: string | undefined;
    /** Example values; the Pact layer adds matchers from `schema`. */
    body: Record<string, unknown>;
    schema: JsonSchema;
  };
}

/** A valid request on an existing fixture, and what a provider answers to it. */
interface Scenario {
  states: ProviderState[];
  pathParams: Record<string, string>;
  body: Record<string, unknown>;
  successBody: Record<string, unknown>;
  /** The path parameters that name a resource, each with what a missing one is called and its ResourceType. */
  resources: { param: string; state: ProviderState['name']; base: string; resourceType?: string }[];
  /** More valid requests worth a contract of their own (a user name that needs percent-encoding). */
  variants?: { description: string; states: ProviderState[]; pathParams: Record<string, string>; body: Record<string, unknown>; successBody: Record<string, unknown> }[];
  /** A request that makes the provider exceed a documented limit, with the state that sets it up. */
  limit?: { states: ProviderState[]; body: Record<string, unknown> };
}

const REQUEST_ID = 'c0ffee00-0000-4000-8000-000000000001';

type ScenarioBuilder = (f: Fixtures, op: OperationModel) => Scenario;

/** The most principals a theme's Permissions may list (the response's documented maxItems). */
function principalLimit(op: OperationModel): number {
  const limit = op.success.schema?.properties?.Permissions?.maxItems;
  if (limit === undefined) throw new Error(`${op.id}: the spec documents no item limit for Permissions`);
  return limit;
}

function first<T>(items: T[], what: string): T {
  const item = items[0];
  if (!item) throw new Error(`the fixtures hold no ${what}`);
  return item;
}

/**
 * What makes a valid, meaningful request differs by operation (the fixture it targets, a change
 * whose effect shows in the response), so this part is written per operation; everything else is
 * derived from the spec.
 */
const SCENARIOS: Record<OperationId, ScenarioBuilder> = {
  UpdateUser(f) {
    const valid = (user: Fixtures['users'][number]) => {
      const update = { Email: `${user.UserName.replace(/[^a-zA-Z0-9._-]/g, '.')}.new@example.com`, Role: user.Role === 'AUTHOR' ? 'READER' : 'AUTHOR' };
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
    return {
      ...valid(first(f.users.filter((u) => !needsEncoding(u)), 'user')),
      variants: f.users.filter(needsEncoding).map((user) => ({
        description: `a valid update of the user ${JSON.stringify(user.UserName)}, whose name is percent-encoded in the path`,
        ...valid(user),
      })),
      resources: [
        { param: 'Namespace', state: STATES.namespaceAbsent, base: 'absent-namespace', resourceType: 'NAMESPACE' },
        { param: 'UserName', state: STATES.userAbsent, base: 'absent-user', resourceType: 'USER' },
      ],
    };
  },
  UpdateThemePermissions(f, op) {
    const theme = first(f.themes, 'theme');
    const grantee = first(f.users.filter((u) => !theme.Permissions.some((p) => p.Principal === userArn(f, u.Namespace, u.UserName))), 'user without a grant on the theme');
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
      resources: [{ param: 'ThemeId', state: STATES.themeAbsent, base: 'absent-theme' }],
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
      resources: [{ param: 'CustomPermissionsName', state: STATES.customPermissionsAbsent, base: 'AbsentProfile' }],
    };
  },
};

function namesTaken(f: Fixtures, param: string): string[] {
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

/**
 * A value outside a documented constraint, chosen from the spec: the first body member with an
 * enum gets a value outside the enum and its tolerated values, else the first resource name gets
 * one character more than its maxLength.
 */
function breakOneConstraint(op: OperationModel, scenario: Scenario): { pathParams: Record<string, string>; body: Record<string, unknown> } {
  const enumMember = Object.entries(op.body?.schema.properties ?? {}).find(([, s]) => s.enum);
  if (enumMember) {
    const [name, schema] = enumMember;
    const taken = new Set([...(schema.enum ?? []), ...(schema['x-tolerated-values'] ?? [])].map(String));
    return { pathParams: scenario.pathParams, body: { ...scenario.body, [name]: absentName(taken, 'NOT_A_DOCUMENTED_VALUE') } };
  }
  const param = op.pathParams.find((p) => p.name !== 'AwsAccountId' && p.schema.maxLength !== undefined);
  if (!param) throw new Error(`${op.id}: no constraint to break`);
  return { pathParams: { ...scenario.pathParams, [param.name]: 'a'.repeat((param.schema.maxLength as number) + 1) }, body: scenario.body };
}

function errorBody(description: string, resourceType?: string): Record<string, unknown> {
  return { Message: description, RequestId: REQUEST_ID, ...(resourceType ? { ResourceType: resourceType } : {}) };
}

export function planInteractions(model: SpecModel, fixtures: Fixtures): InteractionPlan[] {
  return model.operations.flatMap((op) => {
    const scenario = SCENARIOS[op.id](fixtures, op);
    const plan = (
      description: string,
      states: ProviderState[],
      request: { pathParams: Record<string, string>; body: Record<string, unknown>; invalid?: boolean },
      status: number,
      body: Record<string, unknown>,
      errorType?: string,
    ): InteractionPlan => {
      const schema = op.responses.find((r) => r.status === status)?.schema;
      if (!schema) throw new Error(`${op.id} documents no body for status ${status}`);
      return {
        operationId: op.id,
        description: `${op.id}: ${description}`,
        states,
        request: { method: op.method, pathParams: request.pathParams, path: buildPath(op, request.pathParams), body: request.body, invalid: request.invalid ?? false },
        response: { status, errorType, body, schema },
      };
    };

    const plans = [
      plan('a valid update of an existing resource', scenario.states, scenario, op.success.status, scenario.successBody),
      ...(scenario.variants ?? []).map((v) => plan(v.description, v.states, v, op.success.status, v.successBody)),
    ];
    for (const error of op.errors.filter((e) => !e.common)) {
      const answer = (description: string, states: ProviderState[], request: Parameters<typeof plan>[2], resourceType?: string) =>
        plans.push(plan(description, states, request, error.status, errorBody(error.description, resourceType), error.type));
      switch (error.type) {
        case 'ResourceNotFoundException':
          for (const resource of scenario.resources) {
            const missing = absentName(namesTaken(fixtures, resource.param), resource.base);
            const pathParams = { ...scenario.pathParams, [resource.param]: missing };
            answer(`${resource.param} names nothing that exists`, [{ name: resource.state, params: pathParams }], { pathParams, body: scenario.body }, resource.resourceType);
          }
          break;
        case 'InvalidParameterValueException':
          answer('a request that breaks a documented constraint', scenario.states, { ...breakOneConstraint(op, scenario), invalid: true });
          break;
        case 'AccessDeniedException': {
          const pathParams = { ...scenario.pathParams, AwsAccountId: foreignAccountId(fixtures) };
          answer('a request for an account that is not the caller’s', [{ name: STATES.accountNotCallers, params: { AwsAccountId: pathParams.AwsAccountId } }], { pathParams, body: scenario.body });
          break;
        }
        case 'UnsupportedUserEditionException':
          answer('a call on a Standard edition subscription', [...scenario.states, { name: STATES.standardEdition, params: { AwsAccountId: fixtures.accountId } }], scenario);
          break;
        case 'LimitExceededException':
          if (!scenario.limit) throw new Error(`${op.id} documents LimitExceededException but its scenario sets up no limit`);
          answer('a grant beyond the maximum number of principals', scenario.limit.states, { pathParams: scenario.pathParams, body: scenario.limit.body });
          break;
        default:
          // Throttling, internal failures, unavailability, conflicts and unmet preconditions are the
          // service's own state, which no request can provoke: the provider is told to answer them.
          answer(
            `the service answers ${error.type}`,
            [...scenario.states, { name: STATES.operationFails, params: { OperationId: op.id, ErrorType: error.type, Status: error.status } }],
            scenario,
          );
      }
    }
    return plans;
  });
}
