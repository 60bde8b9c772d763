/**
 * UpdateThemePermissions (seeds/002): applies the grants, then the revokes, per principal. Each
 * principal must end with one of the page's two groupings (user or owner), the theme may hold at
 * most as many principals as the response's Permissions may list, and a Standard edition
 * subscription does not support the operation.
 */

import { themeArn } from '../../fixtures';
import type { ResourcePermission, UpdateThemePermissionsRequest } from '../../generated/quicksight';
import { documentedError } from '../aws-error';
import { failure, type OperationContext, type OperationOutcome, success } from './outcome';

function sameSet(actions: Set<string>, grouping: string[]): boolean {
  return actions.size === grouping.length && grouping.every((a) => actions.has(a));
}

export function updateThemePermissions(ctx: OperationContext): OperationOutcome {
  const { state, op, pathParams } = ctx;
  const body = ctx.body as UpdateThemePermissionsRequest;
  const themeId = pathParams.ThemeId as string;

  if (state.edition === 'STANDARD') {
    return failure(
      documentedError(op, 'UnsupportedUserEditionException', 'UpdateThemePermissions is not supported on a Standard edition subscription.'),
    );
  }
  const current = state.themes.get(themeId);
  if (!current)
    return failure(documentedError(op, 'ResourceNotFoundException', `Theme ${themeId} does not exist in account ${state.accountId}.`));

  const next = new Map([...current].map(([principal, actions]) => [principal, new Set(actions)]));
  for (const grant of body.GrantPermissions ?? []) {
    const actions = next.get(grant.Principal) ?? new Set<string>();
    for (const action of grant.Actions) actions.add(action);
    next.set(grant.Principal, actions);
  }
  for (const revoke of body.RevokePermissions ?? []) {
    const actions = next.get(revoke.Principal);
    if (!actions) continue;
    for (const action of revoke.Actions) actions.delete(action);
    if (actions.size === 0) next.delete(revoke.Principal);
  }

  const groupings = Object.entries(op.validGroupings ?? {});
  for (const [principal, actions] of next) {
    if (!groupings.some(([, grouping]) => sameSet(actions, grouping))) {
      return failure(
        documentedError(
          op,
          'InvalidParameterValueException',
          `Principal ${principal} would hold ${[...actions].join(', ')}, which is none of the valid groupings (${groupings.map(([name]) => name).join(', ')}).`,
        ),
      );
    }
  }
  const limit = op.success.schema?.properties?.Permissions?.maxItems ?? Number.POSITIVE_INFINITY;
  if (next.size > limit) {
    return failure(
      documentedError(
        op,
        'LimitExceededException',
        `Theme ${themeId} would grant permissions to ${next.size} principals; the limit is ${limit}.`,
      ),
    );
  }

  state.themes.set(themeId, next);
  const permissions: ResourcePermission[] = [...next].map(([Principal, actions]) => ({ Principal, Actions: [...actions] }));
  // A theme left with no permission has none to list (Permissions holds 1..64 items).
  return success({ ...(permissions.length > 0 ? { Permissions: permissions } : {}), ThemeArn: themeArn(state, themeId), ThemeId: themeId });
}
