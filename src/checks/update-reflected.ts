/**
 * A successful update shows its effect in the response: UpdateUser answers the user with the new
 * Email and Role (and the profile applied or unapplied), UpdateThemePermissions the permissions
 * with the grants in and the revokes out, and both name the resource of the path. The checks are
 * per operation because what "reflected" means is each page's own; UpdateCustomPermissions'
 * page promises only an Arn, whose form it does not give, so a mismatch there is a warning.
 * Every member is read through a type guard: an answer of any shape is a finding, never a crash.
 */
import { customPermissionsArn, userArn } from '../fixtures';
import { briefJson, sameJson } from '../json';
import type { OperationId } from '../spec';
import type { AnsweredExchange, Check, CheckContext, CheckDraft } from './check';
import { isObject, jsonBody } from './read-response';

type Body = Record<string, unknown>;
type Reflection = (request: Body, response: Body, pathParams: Record<string, string>, ctx: CheckContext) => CheckDraft[];

/** A response member of any size or depth, short (bounded and iterative: see src/json). */
const show = (value: unknown) => (value === undefined ? '(absent)' : briefJson(value, 200));

function member(pointer: string, expected: unknown, actual: unknown, what: string): CheckDraft[] {
  if (sameJson(expected, actual)) return [];
  return [
    {
      code: 'behaviour.update-not-reflected',
      message: `${what}: the response shows ${briefJson(actual, 200)}`,
      expected: JSON.stringify(expected),
      actual: show(actual),
      pointer,
    },
  ];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function actionsOf(response: Body): Map<string, Set<string>> {
  const permissions = Array.isArray(response.Permissions) ? response.Permissions : [];
  return new Map(
    permissions
      .filter(isObject)
      .flatMap((p) => (typeof p.Principal === 'string' ? [[p.Principal, new Set(strings(p.Actions))] as const] : [])),
  );
}

/** The well-formed ResourcePermission items of a request list (a malformed one says nothing to reflect). */
function permissionList(request: Body, key: string): { Principal: string; Actions: string[] }[] {
  const list = Array.isArray(request[key]) ? (request[key] as unknown[]) : [];
  return list
    .filter(isObject)
    .flatMap((p) => (typeof p.Principal === 'string' ? [{ Principal: p.Principal, Actions: strings(p.Actions) }] : []));
}

const REFLECTIONS: Record<OperationId, Reflection> = {
  UpdateUser(request, response, path, { fixtures }) {
    const user = isObject(response.User) ? response.User : undefined;
    if (!user) {
      return [
        {
          code: 'behaviour.update-not-reflected',
          message: 'the response has no User',
          expected: 'User with the updated members',
          actual: '(absent)',
          pointer: '/User',
        },
      ];
    }
    const findings = [
      ...member('/User/Email', request.Email, user.Email, 'the new Email'),
      ...member('/User/Role', request.Role, user.Role, 'the new Role'),
      ...member('/User/UserName', path.UserName, user.UserName, 'the user of the path'),
    ];
    if (user.Arn !== undefined) {
      const arn = userArn(fixtures, path.Namespace as string, path.UserName as string);
      findings.push(
        ...member('/User/Arn', arn, user.Arn, 'the user ARN (arn:aws:quicksight:<region>:<account>:user/<namespace>/<user-name>)'),
      );
    }
    // A profile named and unapplied at once has no precedence on the page: judged by neither.
    const both = typeof request.CustomPermissionsName === 'string' && request.UnapplyCustomPermissions === true;
    if (typeof request.CustomPermissionsName === 'string' && !both) {
      findings.push(
        ...member(
          '/User/CustomPermissionsName',
          request.CustomPermissionsName,
          user.CustomPermissionsName,
          'the applied custom permissions profile',
        ),
      );
    }
    if (request.UnapplyCustomPermissions === true && !both && user.CustomPermissionsName !== undefined) {
      findings.push({
        code: 'behaviour.update-not-reflected',
        message: 'UnapplyCustomPermissions was sent, yet the user still shows a profile',
        expected: 'no CustomPermissionsName',
        actual: show(user.CustomPermissionsName),
        pointer: '/User/CustomPermissionsName',
      });
    }
    return findings;
  },
  UpdateThemePermissions(request, response, path) {
    const findings = member('/ThemeId', path.ThemeId, response.ThemeId, 'the theme of the path');
    const held = actionsOf(response);
    const grants = permissionList(request, 'GrantPermissions');
    const revokes = permissionList(request, 'RevokePermissions');
    const revoked = new Set(revokes.map((r) => r.Principal));
    const granted = new Set(grants.map((g) => g.Principal));
    // A principal in both lists depends on an order the page does not give: judged by neither.
    for (const grant of grants.filter((g) => !revoked.has(g.Principal))) {
      const actions = held.get(grant.Principal);
      const missing = grant.Actions.filter((a) => !actions?.has(a));
      if (missing.length === 0) continue;
      findings.push({
        code: 'behaviour.update-not-reflected',
        message: `the grant to ${grant.Principal} does not show in Permissions`,
        expected: `Permissions holding ${grant.Principal} with ${missing.join(', ')}`,
        actual: actions ? [...actions].join(', ') : '(principal absent)',
        pointer: '/Permissions',
      });
    }
    for (const revoke of revokes.filter((r) => !granted.has(r.Principal))) {
      const actions = held.get(revoke.Principal);
      const kept = revoke.Actions.filter((a) => actions?.has(a));
      if (kept.length === 0) continue;
      findings.push({
        code: 'behaviour.update-not-reflected',
        message: `the revoke from ${revoke.Principal} does not show in Permissions`,
        expected: `${revoke.Principal} without ${kept.join(', ')}`,
        actual: [...(actions ?? [])].join(', '),
        pointer: '/Permissions',
      });
    }
    return findings;
  },
  UpdateCustomPermissions(_request, response, path, { fixtures }) {
    if (response.Arn === undefined) return [];
    const arn = customPermissionsArn(fixtures, path.CustomPermissionsName as string);
    return member('/Arn', arn, response.Arn, 'the profile ARN').map((f) => ({ ...f, code: 'response.arn-form' as const }));
  },
};

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const updateReflected: Check = {
  id: 'update-reflected',
  title: 'a successful update shows its effect in the response',
  rule: { text: 'the response describes the resource as updated', source: 'seeds/' },
  applies: ({ case: c, received }: AnsweredExchange, { operation }) =>
    received.status === operation.success.status && c.expect !== 'rejected' && c.body !== undefined && isObject(safeParse(c.body)),
  run: ({ case: c, received }, ctx) => {
    const response = jsonBody(received);
    if (!isObject(response)) return [];
    return REFLECTIONS[ctx.operation.id](safeParse(c.body as string) as Body, response, c.pathParams, ctx);
  },
};
