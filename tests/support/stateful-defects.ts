/**
 * Seeded defects that only show across requests: each answer is one a faithful server could give
 * for the state it claims, but the state itself is wrong (a grant that replaces, an update not
 * stored, two concurrent writes that lose one). Each is made by changing the reference mock's own
 * state around the faithful handler, then answering from that state, so the answers stay
 * self-consistent and only the model, following the requests, can tell.
 */
import type { MockHandler, MockRequest, MockResponse } from '../../src/mock';
import { type UserState, userKey } from '../../src/model';
import { type Defect, editJson, isSuccess, type Next, requestJson, routeOf, withRequestJson } from './middleware';

type Permissions = Map<string, Set<string>>;

function themeOf(handler: MockHandler, themeId: string): Permissions | undefined {
  const permissions = handler.state.themes.get(themeId);
  return permissions instanceof Map ? permissions : undefined;
}

function userOf(handler: MockHandler, pathParams: Record<string, string>): UserState | undefined {
  return handler.state.users.get(userKey(pathParams.Namespace as string, pathParams.UserName as string));
}

const copyPermissions = (p: Permissions): Permissions => new Map([...p].map(([principal, actions]) => [principal, new Set(actions)]));

/** The model replaces a theme's permissions on every change: read them after a request, write them whole. */
function setTheme(handler: MockHandler, themeId: string, permissions: Permissions): void {
  handler.state.themes.set(themeId, copyPermissions(permissions));
}

/** The theme's answer for its present state: the faithful handler's answer to a request that changes nothing. */
function themeAnswer(request: MockRequest, next: Next): Promise<MockResponse> {
  return next({ ...request, body: Buffer.alloc(0) });
}

/** The user's answer for its present state: its own Email and Role sent again, which changes nothing else. */
function userAnswer(request: MockRequest, next: Next, user: UserState): Promise<MockResponse> {
  return next(withRequestJson(request, { Email: user.Email, Role: user.Role }));
}

type Grant = { Principal: string; Actions: string[] };
const grantsOf = (body: Record<string, unknown> | undefined, key: 'GrantPermissions' | 'RevokePermissions'): Grant[] => {
  const list = body?.[key];
  return Array.isArray(list) ? (list as Grant[]).filter((g) => typeof g?.Principal === 'string' && Array.isArray(g.Actions)) : [];
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const STATEFUL_DEFECTS: Record<string, Defect> = {
  'grant-replaces': {
    description: "replaces a principal's actions with the ones granted, instead of adding them",
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const theme = routed?.op.id === 'UpdateThemePermissions' ? themeOf(handler, routed.pathParams.ThemeId as string) : undefined;
      const grants = grantsOf(requestJson(request), 'GrantPermissions');
      if (!theme || grants.length === 0) return next(request);
      const themeId = routed?.pathParams.ThemeId as string;
      const before = copyPermissions(theme);
      const response = await next(request);
      const after = themeOf(handler, themeId);
      if (!isSuccess(response) || !after) return response;
      // What the principal held before is gone: only what this request granted (less its revokes) is left.
      for (const g of grants) {
        const granted = new Set(g.Actions.filter((a) => after.get(g.Principal)?.has(a)));
        if (before.has(g.Principal) && granted.size > 0) after.set(g.Principal, granted);
      }
      return themeAnswer(request, next);
    },
  },

  'revoke-removes-principal': {
    description: 'removes a principal entirely when some of its actions are revoked',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const theme = routed?.op.id === 'UpdateThemePermissions' ? themeOf(handler, routed.pathParams.ThemeId as string) : undefined;
      const revokes = grantsOf(requestJson(request), 'RevokePermissions');
      if (!theme || revokes.length === 0) return next(request);
      const response = await next(request);
      const after = themeOf(handler, routed?.pathParams.ThemeId as string);
      if (!isSuccess(response) || !after) return response;
      for (const r of revokes) after.delete(r.Principal);
      return themeAnswer(request, next);
    },
  },

  'rejected-grant-applied': {
    description: 'applies the grant of an UpdateThemePermissions it refuses for a broken revoke',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next) => {
      const body = requestJson(request);
      const grants = body?.GrantPermissions;
      const response = await next(request);
      if (response.status !== 400 || !Array.isArray(grants) || routeOf(request)?.op.id !== 'UpdateThemePermissions') return response;
      // The grant alone goes through; the 400 is still the answer.
      await next(withRequestJson(request, { GrantPermissions: grants }));
      return response;
    },
  },

  'rejected-user-update-saved': {
    description: 'applies the custom permissions profile of an UpdateUser it refuses for another broken member',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const profile = requestJson(request)?.CustomPermissionsName;
      const response = await next(request);
      if (response.status !== 400 || routed?.op.id !== 'UpdateUser' || typeof profile !== 'string') return response;
      const user = userOf(handler, routed.pathParams);
      if (user && handler.state.customPermissions.has(profile)) user.CustomPermissionsName = profile;
      return response;
    },
  },

  'user-update-not-stored': {
    description: 'answers an UpdateUser with the update applied, but does not store it',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const user = routed?.op.id === 'UpdateUser' ? userOf(handler, routed.pathParams) : undefined;
      if (!user) return next(request);
      const before = { ...user };
      const response = await next(request);
      if (isSuccess(response)) Object.assign(user, before);
      return response;
    },
  },

  'theme-grant-not-stored': {
    description: 'answers an UpdateThemePermissions with the grant applied, but does not store it',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const theme = routed?.op.id === 'UpdateThemePermissions' ? themeOf(handler, routed.pathParams.ThemeId as string) : undefined;
      if (!theme || grantsOf(requestJson(request), 'GrantPermissions').length === 0) return next(request);
      const before = copyPermissions(theme);
      const response = await next(request);
      if (isSuccess(response)) setTheme(handler, routed?.pathParams.ThemeId as string, before);
      return response;
    },
  },

  'concurrent-grants-lost': {
    // Read, modify, write, with the write a moment after the read: the classic lost update.
    description: 'loses one of two UpdateThemePermissions grants sent at once (read, then write the copy back)',
    expectedChecks: ['state-consistent'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const theme = routed?.op.id === 'UpdateThemePermissions' ? themeOf(handler, routed.pathParams.ThemeId as string) : undefined;
      if (!theme || grantsOf(requestJson(request), 'GrantPermissions').length === 0) return next(request);
      const themeId = routed?.pathParams.ThemeId as string;
      const read = copyPermissions(theme);
      await pause(40);
      const current = copyPermissions(themeOf(handler, themeId) ?? theme);
      setTheme(handler, themeId, read);
      const response = await next(request);
      if (!isSuccess(response)) setTheme(handler, themeId, current);
      return response;
    },
  },

  'concurrent-user-updates-mixed': {
    description: 'mixes two UpdateUser calls sent at once: the first answers with the Email of the second',
    expectedChecks: ['state-consistent'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const body = requestJson(request);
      const user = routed?.op.id === 'UpdateUser' ? userOf(handler, routed.pathParams) : undefined;
      if (!user || typeof body?.Email !== 'string' || typeof body.Role !== 'string') return next(request);
      // The Email is written at once, the Role (and the answer) a moment later: an update in between
      // shows through the first one's answer.
      const role = user.Role;
      const response = await next(request);
      if (!isSuccess(response)) return response;
      user.Role = role;
      await pause(40);
      user.Role = body.Role;
      return userAnswer(request, next, user);
    },
  },

  'none-clears-nothing': {
    description: 'keeps the external login of a user sent ExternalLoginFederationProviderType NONE',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const user = routed?.op.id === 'UpdateUser' ? userOf(handler, routed.pathParams) : undefined;
      if (!user || requestJson(request)?.ExternalLoginFederationProviderType !== 'NONE') return next(request);
      const { ExternalLoginFederationProviderType, ExternalLoginFederationProviderUrl, ExternalLoginId } = user;
      const response = await next(request);
      if (!isSuccess(response)) return response;
      Object.assign(user, { ExternalLoginFederationProviderType, ExternalLoginFederationProviderUrl, ExternalLoginId });
      return userAnswer(request, next, user);
    },
  },

  'later-update-drops-profile': {
    description: 'drops the applied custom permissions profile on an UpdateUser that names none',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const body = requestJson(request);
      const user = routed?.op.id === 'UpdateUser' ? userOf(handler, routed.pathParams) : undefined;
      if (!user || !body || 'CustomPermissionsName' in body || 'UnapplyCustomPermissions' in body) return next(request);
      const response = await next(request);
      if (!isSuccess(response) || user.CustomPermissionsName === undefined) return response;
      user.CustomPermissionsName = undefined;
      return userAnswer(request, next, user);
    },
  },

  'unapply-keeps-profile': {
    description: 'answers UnapplyCustomPermissions with the profile gone, but keeps it applied',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const user = routed?.op.id === 'UpdateUser' ? userOf(handler, routed.pathParams) : undefined;
      if (!user || requestJson(request)?.UnapplyCustomPermissions !== true) return next(request);
      const profile = user.CustomPermissionsName;
      const response = await next(request);
      if (isSuccess(response)) user.CustomPermissionsName = profile;
      return response;
    },
  },

  'external-id-dropped': {
    description: 'answers an UpdateUser with its ExternalLoginId, but does not store the id',
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const routed = routeOf(request);
      const user = routed?.op.id === 'UpdateUser' ? userOf(handler, routed.pathParams) : undefined;
      if (!user || typeof requestJson(request)?.ExternalLoginId !== 'string') return next(request);
      const response = await next(request);
      if (isSuccess(response)) user.ExternalLoginId = undefined;
      return response;
    },
  },

  'principal-limit-not-enforced': {
    description: 'answers a grant past the 64-principal limit of a theme with 200, listing every principal',
    expectedChecks: ['state-consistent'],
    middleware: async (request, next, { handler }) => {
      const response = await next(request);
      const routed = routeOf(request);
      if (response.headers['x-amzn-errortype'] !== 'LimitExceededException' || routed?.op.id !== 'UpdateThemePermissions') return response;
      const theme = themeOf(handler, routed.pathParams.ThemeId as string);
      if (!theme) return response;
      const grown = copyPermissions(theme);
      for (const g of grantsOf(requestJson(request), 'GrantPermissions')) {
        const held = grown.get(g.Principal) ?? new Set<string>();
        for (const a of g.Actions) held.add(a);
        grown.set(g.Principal, held);
      }
      // The answer a server that never counts principals gives: the theme as it holds them now, all of them.
      const shown = [...grown].map(([Principal, actions]) => ({ Principal, Actions: [...actions] }));
      return editJson(await themeAnswer(request, next), (body) => {
        body.Permissions = shown;
      });
    },
  },
};
