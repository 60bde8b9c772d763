/**
 * UpdateUser (seeds/004): replaces Email, Role and the other given members of an existing user and
 * answers the whole user. The external-login rules are the page's: CUSTOM_OIDC needs
 * CustomFederationProviderUrl, that URL is for CUSTOM_OIDC only, NONE clears the external login.
 */

import { userArn } from '../../fixtures';
import type { UpdateUserRequest } from '../../generated/quicksight';
import { documentedError } from '../aws-error';
import { type StoredUser, userKey } from '../state';
import { failure, type OperationContext, type OperationOutcome, success } from './outcome';

/** The provider URL the page gives for COGNITO. */
const COGNITO_URL = 'cognito-identity.amazonaws.com';

/**
 * The user as UpdateUser answers it. Built member by member rather than by object rest/spread:
 * this is the hot path of the mock, and a fixed shape keeps JSON.stringify on its fast path.
 */
export function publicUser(ctx: Pick<OperationContext, 'state'>, user: StoredUser): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    Arn: userArn(ctx.state, user.Namespace, user.UserName),
    UserName: user.UserName,
    Email: user.Email,
    Role: user.Role,
    IdentityType: user.IdentityType,
    Active: user.Active,
    PrincipalId: user.PrincipalId,
  };
  if (user.CustomPermissionsName !== undefined) answer.CustomPermissionsName = user.CustomPermissionsName;
  if (user.ExternalLoginFederationProviderType !== undefined)
    answer.ExternalLoginFederationProviderType = user.ExternalLoginFederationProviderType;
  if (user.ExternalLoginFederationProviderUrl !== undefined)
    answer.ExternalLoginFederationProviderUrl = user.ExternalLoginFederationProviderUrl;
  if (user.ExternalLoginId !== undefined) answer.ExternalLoginId = user.ExternalLoginId;
  return answer;
}

export function updateUser(ctx: OperationContext): OperationOutcome {
  const { state, op, pathParams } = ctx;
  const body = ctx.body as UpdateUserRequest;
  const invalid = (message: string) => failure(documentedError(op, 'InvalidParameterValueException', message));
  const namespace = pathParams.Namespace as string;
  const userName = pathParams.UserName as string;

  if (!state.namespaces.has(namespace)) {
    return failure(
      documentedError(op, 'ResourceNotFoundException', `Namespace ${namespace} does not exist in account ${state.accountId}.`, 'NAMESPACE'),
    );
  }
  const user = state.users.get(userKey(namespace, userName));
  if (!user) {
    return failure(documentedError(op, 'ResourceNotFoundException', `User ${userName} does not exist in namespace ${namespace}.`, 'USER'));
  }

  if (body.CustomPermissionsName !== undefined && body.UnapplyCustomPermissions === true) {
    return invalid('CustomPermissionsName and UnapplyCustomPermissions cannot be given together.');
  }
  if (body.CustomPermissionsName !== undefined && !state.customPermissions.has(body.CustomPermissionsName)) {
    return failure(
      documentedError(op, 'ResourceNotFoundException', `Custom permissions profile ${body.CustomPermissionsName} does not exist.`),
    );
  }
  const providerType = body.ExternalLoginFederationProviderType;
  if (providerType !== undefined) {
    const providerTypes = (op.body?.schema.properties?.ExternalLoginFederationProviderType?.['x-documented-values'] ?? []).map(String);
    if (!providerTypes.includes(providerType)) {
      return invalid(
        `ExternalLoginFederationProviderType must be one of ${providerTypes.join(', ')} (got ${JSON.stringify(providerType)}).`,
      );
    }
  }
  if (body.CustomFederationProviderUrl !== undefined && providerType !== 'CUSTOM_OIDC') {
    return invalid('CustomFederationProviderUrl is only used when ExternalLoginFederationProviderType is CUSTOM_OIDC.');
  }
  if (providerType === 'CUSTOM_OIDC' && !body.CustomFederationProviderUrl) {
    return invalid('ExternalLoginFederationProviderType CUSTOM_OIDC needs CustomFederationProviderUrl.');
  }

  // Every check has passed: change the stored user in place. A fresh copy on each update would
  // turn the long-lived record into old-generation garbage on every request (the mock's hot path).
  user.Email = body.Email;
  user.Role = body.Role;
  if (body.CustomPermissionsName !== undefined) user.CustomPermissionsName = body.CustomPermissionsName;
  if (body.UnapplyCustomPermissions === true) delete user.CustomPermissionsName;
  if (providerType === 'NONE') {
    delete user.ExternalLoginFederationProviderType;
    delete user.ExternalLoginFederationProviderUrl;
    delete user.ExternalLoginId;
  } else if (providerType !== undefined) {
    user.ExternalLoginFederationProviderType = providerType;
    user.ExternalLoginFederationProviderUrl = providerType === 'COGNITO' ? COGNITO_URL : (body.CustomFederationProviderUrl as string);
  }
  if (body.ExternalLoginId !== undefined && providerType !== 'NONE') user.ExternalLoginId = body.ExternalLoginId;

  return success({ User: publicUser(ctx, user) });
}
