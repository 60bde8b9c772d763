import type { OperationId } from '../../spec';
import type { OperationContext, OperationOutcome } from './outcome';
import { updateCustomPermissions } from './update-custom-permissions';
import { updateThemePermissions } from './update-theme-permissions';
import { updateUser } from './update-user';

export const OPERATIONS: Record<OperationId, (ctx: OperationContext) => OperationOutcome> = {
  UpdateCustomPermissions: updateCustomPermissions,
  UpdateThemePermissions: updateThemePermissions,
  UpdateUser: updateUser,
};
export type { OperationContext, OperationOutcome } from './outcome';
