/**
 * UpdateCustomPermissions (seeds/000): replaces the profile's Capabilities and answers its Arn, with
 * `Status` in the body as well as on the status line.
 */

import { customPermissionsArn } from '../../fixtures';
import type { Capabilities } from '../../generated/quicksight';
import { documentedError } from '../aws-error';
import { failure, type OperationContext, type OperationOutcome, success } from './outcome';

export function updateCustomPermissions(ctx: OperationContext): OperationOutcome {
  const { state, op, pathParams } = ctx;
  const name = pathParams.CustomPermissionsName as string;
  if (!state.customPermissions.has(name)) {
    return failure(
      documentedError(op, 'ResourceNotFoundException', `Custom permissions profile ${name} does not exist in account ${state.accountId}.`),
    );
  }
  // A spread copies own members only; a `__proto__` member stays a plain member, never a prototype.
  state.customPermissions.set(name, { ...((ctx.body.Capabilities as Capabilities | undefined) ?? {}) });
  return success({ Arn: customPermissionsArn(state, name), Status: op.success.status });
}
