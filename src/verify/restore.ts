/**
 * `--restore`: verify leaves the fixtures as it found them. Its first request on each resource (the
 * probe, probes.ts) shows what the resource holds: UpdateUser answers the whole user, a theme probe
 * sent with no change answers the whole permission list. After the run, each resource is written
 * back to that and the answer is read to tell whether it holds again; the result says, per
 * resource, whether the restore succeeded.
 *
 * What no answer can show is what --fixtures declares: UpdateUser needs Email and Role, so the
 * probe writes the declared ones (a user's first answer shows them, not the values before it), and
 * UpdateCustomPermissions answers no capabilities, so a profile is written back with the declared
 * Capabilities. The README says to declare them as the target holds them.
 */
import type { ConformanceCase } from '../cases';
import type { Fixtures } from '../fixtures';
import { type Exchange, execute, type Target } from '../runner';
import type { OperationId, SpecModel } from '../spec';

export interface RestoredResource {
  /** `user default/alice`, `theme corporate-theme`, `profile ReadOnlyAnalysts`. */
  resource: string;
  operationId: OperationId;
  /**
   * `restored`: written back, and the answer shows it; `unchanged`: the run left it as found;
   * `failed`: a request was refused or the answer shows something else (`detail` says what);
   * `unknown`: its first answer did not show it, so there was nothing to write back.
   */
  status: 'restored' | 'unchanged' | 'failed' | 'unknown';
  requests: number;
  detail?: string;
}

export interface RestoreReport {
  /** Every resource is as verify found it (restored or unchanged). */
  restored: boolean;
  requests: number;
  resources: RestoredResource[];
}

interface UserSnapshot {
  kind: 'user';
  pathParams: Record<string, string>;
  /** The members an update sets, as the first answer showed them (absent ones undefined). */
  user: Record<(typeof USER_MEMBERS)[number], unknown>;
}

interface ThemeSnapshot {
  kind: 'theme';
  pathParams: Record<string, string>;
  permissions: Map<string, Set<string>>;
}

interface ProfileSnapshot {
  kind: 'profile';
  pathParams: Record<string, string>;
  capabilities: Record<string, string>;
}

type Snapshot =
  | UserSnapshot
  | ThemeSnapshot
  | ProfileSnapshot
  | { kind: 'unknown'; operationId: OperationId; resource: string; why: string };

export type Snapshots = Snapshot[];

/** What UpdateUser sets and answers: the members a restore writes back and compares. */
const USER_MEMBERS = [
  'Email',
  'Role',
  'CustomPermissionsName',
  'ExternalLoginFederationProviderType',
  'ExternalLoginFederationProviderUrl',
  'ExternalLoginId',
] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function resourceName(c: Pick<ConformanceCase, 'operationId' | 'pathParams'>): string {
  const p = c.pathParams;
  if (c.operationId === 'UpdateUser') return `user ${p.Namespace}/${p.UserName}`;
  if (c.operationId === 'UpdateThemePermissions') return `theme ${p.ThemeId}`;
  return `profile ${p.CustomPermissionsName}`;
}

function permissionsOf(value: unknown): Map<string, Set<string>> | undefined {
  if (value === undefined) return new Map();
  if (!Array.isArray(value)) return undefined;
  const out = new Map<string, Set<string>>();
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.Principal !== 'string' || !Array.isArray(entry.Actions)) return undefined;
    const actions = out.get(entry.Principal) ?? new Set<string>();
    for (const action of entry.Actions) if (typeof action === 'string') actions.add(action);
    out.set(entry.Principal, actions);
  }
  return out;
}

/** What each resource held, read from the probes' answers (a probe's answer of a fixture verify could not read is `unknown`). */
export function takeSnapshots(probes: readonly Exchange[], fixtures: Fixtures): Snapshots {
  // In the fixtures' order (the probes come back in any), so that a report reads the same every run.
  const rank = (c: ConformanceCase) => {
    const p = c.pathParams;
    if (c.operationId === 'UpdateUser') return fixtures.users.findIndex((u) => u.Namespace === p.Namespace && u.UserName === p.UserName);
    if (c.operationId === 'UpdateThemePermissions') return 1000 + fixtures.themes.findIndex((t) => t.ThemeId === p.ThemeId);
    return 2000 + fixtures.customPermissions.findIndex((x) => x.CustomPermissionsName === p.CustomPermissionsName);
  };
  return [...probes]
    .sort((a, b) => rank(a.case) - rank(b.case))
    .map((exchange): Snapshot => {
      const c = exchange.case;
      const unknown = (why: string): Snapshot => ({ kind: 'unknown', operationId: c.operationId, resource: resourceName(c), why });
      const received = exchange.received;
      if (received.kind !== 'response') return unknown(`its first request got no answer (${received.reason})`);
      if (received.status < 200 || received.status > 299) return unknown(`its first request was answered ${received.status}`);
      if (received.bodyTruncated) return unknown('its first answer was too large to keep');
      const body = parse(received.body);
      if (c.operationId === 'UpdateUser') {
        const user = isObject(body) && isObject(body.User) ? body.User : undefined;
        if (!user) return unknown('its first answer showed no User');
        const sent = parse(c.body ?? '') as Record<string, unknown> | undefined;
        const shown = Object.fromEntries(USER_MEMBERS.map((m) => [m, user[m] ?? (m === 'Email' || m === 'Role' ? sent?.[m] : undefined)]));
        return { kind: 'user', pathParams: c.pathParams, user: shown as UserSnapshot['user'] };
      }
      if (c.operationId === 'UpdateThemePermissions') {
        const permissions = isObject(body) ? permissionsOf(body.Permissions) : undefined;
        if (!permissions) return unknown('its first answer showed no list of permissions');
        return { kind: 'theme', pathParams: c.pathParams, permissions };
      }
      const declared = fixtures.customPermissions.find((p) => p.CustomPermissionsName === c.pathParams.CustomPermissionsName);
      return { kind: 'profile', pathParams: c.pathParams, capabilities: { ...(declared?.Capabilities ?? {}) } as Record<string, string> };
    });
}

/** The request that writes a user back: Email and Role, the profile applied or removed, the external login set or cleared. */
function userBody(user: UserSnapshot['user']): Record<string, unknown> {
  const body: Record<string, unknown> = { Email: user.Email, Role: user.Role };
  if (typeof user.CustomPermissionsName === 'string') body.CustomPermissionsName = user.CustomPermissionsName;
  else body.UnapplyCustomPermissions = true;
  const type = user.ExternalLoginFederationProviderType;
  if (typeof type === 'string') {
    body.ExternalLoginFederationProviderType = type;
    // The page: the URL is given for CUSTOM_OIDC only (COGNITO's is fixed).
    if (type === 'CUSTOM_OIDC' && typeof user.ExternalLoginFederationProviderUrl === 'string')
      body.CustomFederationProviderUrl = user.ExternalLoginFederationProviderUrl;
    if (typeof user.ExternalLoginId === 'string') body.ExternalLoginId = user.ExternalLoginId;
  } else {
    // "NONE: This clears all the previously saved external login information for a user."
    body.ExternalLoginFederationProviderType = 'NONE';
  }
  return body;
}

const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

function userDifferences(want: UserSnapshot['user'], answer: unknown): string[] {
  const user = isObject(answer) && isObject(answer.User) ? answer.User : undefined;
  if (!user) return ['the answer shows no User'];
  return USER_MEMBERS.filter((m) => JSON.stringify(user[m]) !== JSON.stringify(want[m])).map(
    (m) => `${m} is ${show(user[m])}, was ${show(want[m])}`,
  );
}

function permissionDifferences(want: Map<string, Set<string>>, have: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const principal of new Set([...want.keys(), ...have.keys()])) {
    const a = [...(want.get(principal) ?? [])].sort().join(', ');
    const b = [...(have.get(principal) ?? [])].sort().join(', ');
    if (a !== b) out.push(`${principal} holds ${b || 'nothing'}, held ${a || 'nothing'}`);
  }
  return out;
}

interface Context {
  model: SpecModel;
  target: Target;
}

function restoreCase(operationId: OperationId, pathParams: Record<string, string>, body: unknown, step: string): ConformanceCase {
  return {
    id: `${operationId}/restore/${step}`,
    operationId,
    kind: 'probe',
    title: 'restores what the fixture held',
    rule: undefined,
    breaks: [],
    pathParams,
    body: body === undefined ? undefined : JSON.stringify(body),
    expect: 'success',
  };
}

/** Sends one restore request; its answer's body when it succeeded, else why not. */
async function send(ctx: Context, c: ConformanceCase, counter: { requests: number }): Promise<{ body: unknown } | { why: string }> {
  const exchange = await execute(ctx.model, ctx.target, c);
  counter.requests += exchange.attempts;
  const received = exchange.received;
  if (received.kind !== 'response') return { why: `no answer (${received.message})` };
  if (received.status < 200 || received.status > 299) {
    const type = received.headers['x-amzn-errortype']?.split(':')[0];
    return { why: `answered ${received.status}${type ? ` ${type}` : ''}` };
  }
  return { body: parse(received.body) };
}

async function restoreUser(ctx: Context, s: UserSnapshot): Promise<RestoredResource> {
  const counter = { requests: 0 };
  const base = { resource: resourceName({ operationId: 'UpdateUser', pathParams: s.pathParams }), operationId: 'UpdateUser' as const };
  const sent = await send(ctx, restoreCase('UpdateUser', s.pathParams, userBody(s.user), 'write'), counter);
  if ('why' in sent) return { ...base, status: 'failed', requests: counter.requests, detail: `writing it back was ${sent.why}` };
  const left = userDifferences(s.user, sent.body);
  return left.length === 0
    ? { ...base, status: 'restored', requests: counter.requests }
    : { ...base, status: 'failed', requests: counter.requests, detail: left.join('; ') };
}

/**
 * A theme in at most three requests: one with no change reads what it holds now; one revokes what
 * it did not hold (a principal whose actions are neither a subset nor a superset of what it held
 * loses them all); one grants what it held and no longer does. Revokes first, so that the
 * principal count never passes the larger of the two; never a principal in both lists, a
 * combination the page leaves open.
 */
async function restoreTheme(ctx: Context, s: ThemeSnapshot): Promise<RestoredResource> {
  const counter = { requests: 0 };
  const base = {
    resource: resourceName({ operationId: 'UpdateThemePermissions', pathParams: s.pathParams }),
    operationId: 'UpdateThemePermissions' as const,
  };
  const read = await send(ctx, restoreCase('UpdateThemePermissions', s.pathParams, undefined, 'read'), counter);
  if ('why' in read) return { ...base, status: 'failed', requests: counter.requests, detail: `reading it was ${read.why}` };
  let now = isObject(read.body) ? permissionsOf(read.body.Permissions) : undefined;
  if (!now) return { ...base, status: 'failed', requests: counter.requests, detail: 'the answer shows no list of permissions' };
  if (permissionDifferences(s.permissions, now).length === 0) return { ...base, status: 'unchanged', requests: counter.requests };

  const revokes: { Principal: string; Actions: string[] }[] = [];
  const grants: { Principal: string; Actions: string[] }[] = [];
  for (const principal of new Set([...s.permissions.keys(), ...now.keys()])) {
    const want = s.permissions.get(principal) ?? new Set<string>();
    const have = now.get(principal) ?? new Set<string>();
    const extra = [...have].filter((a) => !want.has(a));
    const missing = [...want].filter((a) => !have.has(a));
    if (extra.length > 0 && missing.length > 0) {
      revokes.push({ Principal: principal, Actions: [...have] });
      grants.push({ Principal: principal, Actions: [...want] });
    } else if (extra.length > 0) revokes.push({ Principal: principal, Actions: extra });
    else if (missing.length > 0) grants.push({ Principal: principal, Actions: missing });
  }
  for (const [step, body] of [
    ['revoke', revokes.length > 0 ? { RevokePermissions: revokes } : undefined],
    ['grant', grants.length > 0 ? { GrantPermissions: grants } : undefined],
  ] as const) {
    if (!body) continue;
    const sent = await send(ctx, restoreCase('UpdateThemePermissions', s.pathParams, body, step), counter);
    if ('why' in sent) return { ...base, status: 'failed', requests: counter.requests, detail: `the ${step} was ${sent.why}` };
    now = isObject(sent.body) ? permissionsOf(sent.body.Permissions) : undefined;
    if (!now) return { ...base, status: 'failed', requests: counter.requests, detail: `the ${step}'s answer shows no list of permissions` };
  }
  const left = permissionDifferences(s.permissions, now);
  return left.length === 0
    ? { ...base, status: 'restored', requests: counter.requests }
    : { ...base, status: 'failed', requests: counter.requests, detail: left.join('; ') };
}

async function restoreProfile(ctx: Context, s: ProfileSnapshot): Promise<RestoredResource> {
  const counter = { requests: 0 };
  const base = {
    resource: resourceName({ operationId: 'UpdateCustomPermissions', pathParams: s.pathParams }),
    operationId: 'UpdateCustomPermissions' as const,
  };
  const sent = await send(ctx, restoreCase('UpdateCustomPermissions', s.pathParams, { Capabilities: s.capabilities }, 'write'), counter);
  if ('why' in sent) return { ...base, status: 'failed', requests: counter.requests, detail: `writing it back was ${sent.why}` };
  // The answer holds no capabilities: a success is all that can be seen.
  return {
    ...base,
    status: 'restored',
    requests: counter.requests,
    detail: 'written back with the declared Capabilities; no answer shows them',
  };
}

/** Writes every resource back to what its first answer showed, one resource after another. */
export async function restoreFixtures(snapshots: Snapshots, ctx: Context): Promise<RestoreReport> {
  const resources: RestoredResource[] = [];
  for (const s of snapshots) {
    if (s.kind === 'unknown')
      resources.push({ resource: s.resource, operationId: s.operationId, status: 'unknown', requests: 0, detail: s.why });
    else if (s.kind === 'user') resources.push(await restoreUser(ctx, s));
    else if (s.kind === 'theme') resources.push(await restoreTheme(ctx, s));
    else resources.push(await restoreProfile(ctx, s));
  }
  return {
    restored: resources.every((r) => r.status === 'restored' || r.status === 'unchanged'),
    requests: resources.reduce((n, r) => n + r.requests, 0),
    resources,
  };
}
