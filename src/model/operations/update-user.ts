/**
 * UpdateUser (seeds/004): replaces Email, Role and the other given members of an existing user and
 * answers the whole user. What the page leaves open is read from the register: a profile named and
 * unapplied at once, a profile that does not exist, the Email format, UnapplyCustomPermissions
 * false, the external-login members (CUSTOM_OIDC and its URL, the COGNITO URL, an id alone).
 * NONE clears the external login: the page says so.
 */
import { userArn } from '../../fixtures';
import { answersOf, invalid, notFound, requestProblems, wellFormed } from '../common';
import type { Answer, ErrorAnswer, ModelRequest, Read, SuccessAnswer } from '../outcome';
import { type ModelState, UNKNOWN, type UserState, userKey } from '../state';

/** The provider URL the page gives for COGNITO. */
export const COGNITO_URL = 'cognito-identity.amazonaws.com';

interface Body {
  Email?: unknown;
  Role?: unknown;
  CustomPermissionsName?: unknown;
  UnapplyCustomPermissions?: unknown;
  ExternalLoginFederationProviderType?: unknown;
  CustomFederationProviderUrl?: unknown;
  ExternalLoginId?: unknown;
}

/** The user as UpdateUser answers it: every member the state knows, UNKNOWN where it does not. */
function publicUser(state: Pick<ModelState, 'region' | 'accountId'>, user: UserState): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    Arn: userArn(state, user.Namespace, user.UserName),
    UserName: user.UserName,
    Email: user.Email,
    Role: user.Role,
    IdentityType: user.IdentityType,
    Active: user.Active,
    PrincipalId: user.PrincipalId,
  };
  // Built member by member rather than by spread: the mock's hot path, and absent members stay absent.
  if (user.CustomPermissionsName !== undefined) answer.CustomPermissionsName = user.CustomPermissionsName;
  if (user.ExternalLoginFederationProviderType !== undefined)
    answer.ExternalLoginFederationProviderType = user.ExternalLoginFederationProviderType;
  if (user.ExternalLoginFederationProviderUrl !== undefined)
    answer.ExternalLoginFederationProviderUrl = user.ExternalLoginFederationProviderUrl;
  if (user.ExternalLoginId !== undefined) answer.ExternalLoginId = user.ExternalLoginId;
  return answer;
}

/** The members an answer describes whenever they are set: absent from an answer, they are absent. */
const DESCRIBED = [
  'CustomPermissionsName',
  'ExternalLoginFederationProviderType',
  'ExternalLoginFederationProviderUrl',
  'ExternalLoginId',
] as const;
/** The members an answer may leave out: absent, they stay unknown. */
const OPTIONAL = ['Email', 'Role', 'IdentityType', 'Active', 'PrincipalId'] as const;

/** Takes from an answer's User what the state does not know yet. */
function learnUser(user: UserState | undefined, actual: unknown): void {
  if (!user || actual === null || typeof actual !== 'object' || Array.isArray(actual)) return;
  const shown = actual as Record<string, unknown>;
  const record = user as unknown as Record<string, unknown>;
  for (const member of [...DESCRIBED, ...OPTIONAL]) {
    if (record[member] !== UNKNOWN) continue;
    if (Object.hasOwn(shown, member)) record[member] = shown[member];
    else if ((DESCRIBED as readonly string[]).includes(member)) record[member] = undefined;
  }
}

type Change = Partial<Omit<UserState, 'Namespace' | 'UserName'>>;

/** The external-login members the request sets, or the problems it has under the readings. */
function externalLogin(req: ModelRequest, body: Body, read: Read, problems: ErrorAnswer[]): Change {
  const change: Change = {};
  const type = typeof body.ExternalLoginFederationProviderType === 'string' ? body.ExternalLoginFederationProviderType : undefined;
  const url = typeof body.CustomFederationProviderUrl === 'string' ? body.CustomFederationProviderUrl : undefined;
  const id = typeof body.ExternalLoginId === 'string' ? body.ExternalLoginId : undefined;
  const documented = (req.op.body?.schema.properties?.ExternalLoginFederationProviderType?.['x-documented-values'] ?? []).map(String);

  if (type !== undefined && !documented.includes(type)) {
    if (read('provider-type-undocumented') === 'rejected') {
      problems.push(
        invalid(req, `ExternalLoginFederationProviderType must be one of ${documented.join(', ')} (got ${JSON.stringify(type)}).`),
      );
    } else {
      change.ExternalLoginFederationProviderType = type;
      change.ExternalLoginFederationProviderUrl = UNKNOWN;
    }
  }
  let urlStored = url !== undefined && type === 'CUSTOM_OIDC';
  if (url !== undefined && type !== 'CUSTOM_OIDC') {
    if (read('provider-url-without-oidc') === 'rejected') {
      problems.push(invalid(req, 'CustomFederationProviderUrl is only used when ExternalLoginFederationProviderType is CUSTOM_OIDC.'));
    }
    urlStored = false;
  }
  if (type === 'CUSTOM_OIDC') {
    if (url === undefined && read('oidc-without-url') === 'rejected') {
      problems.push(invalid(req, 'ExternalLoginFederationProviderType CUSTOM_OIDC needs CustomFederationProviderUrl.'));
    }
    change.ExternalLoginFederationProviderType = 'CUSTOM_OIDC';
    change.ExternalLoginFederationProviderUrl = urlStored ? url : undefined;
  } else if (type === 'COGNITO') {
    change.ExternalLoginFederationProviderType = 'COGNITO';
    change.ExternalLoginFederationProviderUrl = read('cognito-url') === 'cognito-url' ? COGNITO_URL : undefined;
  } else if (type === 'NONE') {
    // "NONE: This clears all the previously saved external login information for a user."
    change.ExternalLoginFederationProviderType = undefined;
    change.ExternalLoginFederationProviderUrl = undefined;
    change.ExternalLoginId = undefined;
    return change;
  }
  if (id !== undefined) {
    if (type !== undefined) change.ExternalLoginId = id;
    else {
      const reading = read('external-id-without-type');
      if (reading === 'rejected') problems.push(invalid(req, 'ExternalLoginId needs ExternalLoginFederationProviderType.'));
      else if (reading === 'stored') change.ExternalLoginId = id;
    }
  }
  return change;
}

/** The custom permissions profile the request applies (a name), removes (undefined), or leaves (no member). */
function profile(state: ModelState, req: ModelRequest, read: Read, problems: ErrorAnswer[]): Change {
  const body = (req.body ?? {}) as Body;
  const name = typeof body.CustomPermissionsName === 'string' ? body.CustomPermissionsName : undefined;
  const unapply = body.UnapplyCustomPermissions;
  if (unapply === false && read('unapply-false') === 'rejected') {
    problems.push(invalid(req, 'UnapplyCustomPermissions accepts no value but true.'));
  }
  if (name !== undefined && !state.customPermissions.has(name)) {
    const why = `Custom permissions profile ${name} does not exist.`;
    const reading = read('profile-missing');
    problems.push(
      reading === 'not-found'
        ? notFound(why)
        : reading === 'precondition'
          ? { kind: 'error', status: 400, types: ['PreconditionNotMetException'], why }
          : invalid(req, why),
    );
  }
  if (name !== undefined && unapply === true) {
    const reading = read('name-and-unapply');
    if (reading === 'rejected') {
      problems.push(invalid(req, 'CustomPermissionsName and UnapplyCustomPermissions cannot be given together.'));
      return {};
    }
    return { CustomPermissionsName: reading === 'profile-wins' ? name : undefined };
  }
  if (name !== undefined) return { CustomPermissionsName: name };
  if (unapply === true) return { CustomPermissionsName: undefined };
  return {};
}

export function decideUpdateUser(state: ModelState, req: ModelRequest, read: Read): Answer[] {
  const problems = requestProblems(state, req, read);
  const namespace = req.pathParams.Namespace as string;
  const userName = req.pathParams.UserName as string;
  const user = state.users.get(userKey(namespace, userName));
  if (!state.namespaces.has(namespace))
    problems.resource.push(notFound(`Namespace ${namespace} does not exist in account ${state.accountId}.`, 'NAMESPACE'));
  else if (!user) problems.resource.push(notFound(`User ${userName} does not exist in namespace ${namespace}.`, 'USER'));

  let change: Change = {};
  if (wellFormed(req)) {
    const body = (req.body ?? {}) as Body;
    if (typeof body.Email === 'string' && !body.Email.includes('@') && read('email-format') === 'address-only') {
      problems.rules.push(invalid(req, `Email ${JSON.stringify(body.Email)} is not an e-mail address.`));
    }
    change = {
      Email: body.Email as string,
      Role: body.Role as string,
      ...profile(state, req, read, problems.rules),
      ...externalLogin(req, body, read, problems.rules),
    };
  }
  return answersOf(problems, read, (): SuccessAnswer => {
    const key = userKey(namespace, userName);
    return {
      kind: 'success',
      why: `the user ${JSON.stringify(userName)} updated: ${Object.keys(change).join(', ')}`,
      apply: (s) => {
        const stored = s.users.get(key);
        if (stored) Object.assign(stored, change);
      },
      body: (s) => {
        const stored = s.users.get(key);
        return stored ? { User: publicUser(s, stored) } : {};
      },
      learn: (s, actual) => learnUser(s.users.get(key), actual.User),
    };
  });
}
