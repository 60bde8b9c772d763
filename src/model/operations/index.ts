import type { OperationId } from '../../spec';
import type { Answer, ModelRequest, Read } from '../outcome';
import type { ModelState } from '../state';
import { decideUpdateCustomPermissions } from './update-custom-permissions';
import { decideUpdateThemePermissions } from './update-theme-permissions';
import { decideUpdateUser } from './update-user';

/** Each operation's decision: on a state, for a request, under readings, the answers it allows. */
export const DECISIONS: Record<OperationId, (state: ModelState, req: ModelRequest, read: Read) => Answer[]> = {
  UpdateCustomPermissions: decideUpdateCustomPermissions,
  UpdateThemePermissions: decideUpdateThemePermissions,
  UpdateUser: decideUpdateUser,
};
