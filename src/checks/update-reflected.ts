/**
 * A successful update shows its effect in the response: UpdateUser answers the user with the new
 * Email and Role (and the profile applied or unapplied), UpdateThemePermissions the permissions
 * with the grants in and the revokes out, and both name the resource of the path. The checks are
 * per operation because what "reflected" means is each page's own; UpdateCustomPermissions'
 * page promises only an Arn, whose form it does not give, so a mismatch there is a warning.
 */
import { customPermissionsArn, userArn } from '../fixtures';
import type { OperationId } from '../spec';
import type { AnsweredExchange, Check, CheckContext } from './check';
import type { FindingDraft } from './finding';
import { isObject, jsonBody } from './read-response';

type Body = Record<string, unknown>;
type Reflection = (request: Body, response: Body, pathParams: Record<string, string>, ctx: CheckContext) => FindingDraft[];

function member(pointer: string, expected: unknown, actual: unknown, what: string): FindingDraft[] {
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [
        {
          message: `${what}: the response shows ${JSON.stringify(actual) ?? 'nothing'}`,
          expected: JSON.stringify(expected),
          actual: JSON.stringify(actual) ?? '(absent)',
          pointer,
        },
      ];
}

function actionsOf(response: Body): Map<string, Set<string>> {
  const permissions = Array.isArray(response.Permissions) ? response.Permissions : [];
  return new Map(
    permissions.filter(isObject).map((p) => [String(p.Principal), new Set(Array.isArray(p.Actions) ? p.Actions.map(String) : [])]),
  );
}

const REFLECTIONS: Record<OperationId, Reflection> = {
  UpdateUser(request, response, path, { fixtures }) {
    const user = isObject(response.User) ? response.User : undefined;
    if (!user)
      return [{ message: 'the response has no User', expected: 'User with the updated members', actual: '(absent)', pointer: '/User' }];
    const findings = [
      ...member('/User/Email', request.Email, user.Email, 'the new Email'),
      ...member('/User/Role', request.Role, user.Role, 'the new Role'),
      ...member('/User/UserName', path.UserName, user.UserName, 'the user of the path'),
      ...(user.Arn === undefined
        ? []
        : member(
            '/User/Arn',
            userArn(fixtures, path.Namespace as string, path.UserName as string),
            user.Arn,
            'the user ARN (arn:aws:quicksight:<region>:<account>:user/<namespace>/<user-name>)',
          )),
    ];
    if (typeof request.CustomPermissionsName === 'string')
      findings.push(
        ...member(
          '/User/CustomPermissionsName',
          request.CustomPermissionsName,
          user.CustomPermissionsName,
          'the applied custom permissions profile',
        ),
      );
    if (request.UnapplyCustomPermissions === true && user.CustomPermissionsName !== undefined) {
      findings.push({
        message: 'UnapplyCustomPermissions was sent, yet the user still shows a profile',
        expected: 'no CustomPermissionsName',
        actual: JSON.stringify(user.CustomPermissionsName),
        pointer: '/User/CustomPermissionsName',
      });
    }
    return findings;
  },
  UpdateThemePermissions(request, response, path) {
    const findings = member('/ThemeId', path.ThemeId, response.ThemeId, 'the theme of the path');
    const held = actionsOf(response);
    const listed = (key: string) => (Array.isArray(request[key]) ? (request[key] as unknown[]).filter(isObject) : []);
    const grants = listed('GrantPermissions');
    const revokes = listed('RevokePermissions');
    const revoked = new Set(revokes.map((r) => String(r.Principal)));
    const granted = new Set(grants.map((g) => String(g.Principal)));
    // A principal in both lists depends on an order the page does not give: judged by neither.
    for (const grant of grants.filter((g) => !revoked.has(String(g.Principal)))) {
      const actions = held.get(String(grant.Principal));
      const missing = (grant.Actions as unknown[]).map(String).filter((a) => !actions?.has(a));
      if (missing.length > 0)
        findings.push({
          message: `the grant to ${String(grant.Principal)} does not show in Permissions`,
          expected: `Permissions holding ${String(grant.Principal)} with ${missing.join(', ')}`,
          actual: actions ? [...actions].join(', ') : '(principal absent)',
          pointer: '/Permissions',
        });
    }
    for (const revoke of revokes.filter((r) => !granted.has(String(r.Principal)))) {
      const actions = held.get(String(revoke.Principal));
      const kept = (revoke.Actions as unknown[]).map(String).filter((a) => actions?.has(a));
      if (kept.length > 0)
        findings.push({
          message: `the revoke from ${String(revoke.Principal)} does not show in Permissions`,
          expected: `${String(revoke.Principal)} without ${kept.join(', ')}`,
          actual: [...(actions ?? [])].join(', '),
          pointer: '/Permissions',
        });
    }
    return findings;
  },
  UpdateCustomPermissions(_request, response, path, { fixtures }) {
    if (response.Arn === undefined) return [];
    return member('/Arn', customPermissionsArn(fixtures, path.CustomPermissionsName as string), response.Arn, 'the profile ARN').map(
      (f) => ({ ...f, severity: 'warning' as const }),
    );
  },
};

export const updateReflected: Check = {
  id: 'update-reflected',
  title: 'a successful update shows its effect in the response',
  rule: { text: 'the response describes the resource as updated', source: 'seeds/' },
  applies: ({ case: c, received }: AnsweredExchange, { operation }) =>
    received.status === operation.success.status && c.body !== undefined && isObject(safeParse(c.body)),
  run: ({ case: c, received }, ctx) => {
    const response = jsonBody(received);
    if (!isObject(response)) return [];
    return REFLECTIONS[ctx.operation.id](safeParse(c.body as string) as Body, response, c.pathParams, ctx);
  },
};

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
