/**
 * UpdateThemePermissions (seeds/002): applies the grants and the revokes per principal and answers
 * the resulting permissions. Each principal a request touches must end with one of the page's
 * groupings (user or owner, or none); the theme holds at most as many principals as Permissions may
 * list; a Standard edition subscription does not support the operation. What the page leaves open
 * (the order of the two lists, revoking what is not held, duplicates, unknown principals, whether
 * the groupings are the only valid sets, the error past the limit, how an empty list is shown) is
 * read from the register.
 */
import { themeArn } from '../../fixtures';
import { answersOf, invalid, notFound, requestProblems, wellFormed } from '../common';
import type { Answer, ErrorAnswer, ModelRequest, Read, SuccessAnswer } from '../outcome';
import { clonePermissions, isKnown, knownPrincipals, type ModelState, type Permissions, PermissionsAtLeast, UNKNOWN } from '../state';

interface Entry {
  Principal: string;
  Actions: string[];
}

function entries(value: unknown): Entry[] {
  return Array.isArray(value)
    ? value.flatMap((e) =>
        e !== null && typeof e === 'object' && typeof (e as Entry).Principal === 'string' && Array.isArray((e as Entry).Actions)
          ? [{ Principal: (e as Entry).Principal, Actions: (e as Entry).Actions.map(String) }]
          : [],
      )
    : [];
}

function hasDuplicates(list: Entry[]): boolean {
  const principals = list.map((e) => e.Principal);
  return new Set(principals).size !== principals.length || list.some((e) => new Set(e.Actions).size !== e.Actions.length);
}

const sameSet = (actions: Set<string>, grouping: readonly string[]) =>
  actions.size === grouping.length && grouping.every((a) => actions.has(a));

/** The most principals a theme may hold: the answer's Permissions maxItems. */
function principalLimitOf(req: ModelRequest): number {
  return req.op.success.schema?.properties?.Permissions?.maxItems ?? Number.POSITIVE_INFINITY;
}

/** The permissions after the request, on a known base; the problems it has under the readings go to `problems`. */
function nextPermissions(current: Permissions, req: ModelRequest, read: Read, problems: ErrorAnswer[]): Permissions {
  const body = (req.body ?? {}) as { GrantPermissions?: unknown; RevokePermissions?: unknown };
  const grants = entries(body.GrantPermissions);
  const revokes = entries(body.RevokePermissions);
  const next = clonePermissions(current);
  const grant = () => {
    for (const g of grants) {
      const actions = next.get(g.Principal) ?? new Set<string>();
      for (const action of g.Actions) actions.add(action);
      next.set(g.Principal, actions);
    }
  };
  let notHeld = false;
  const revoke = () => {
    for (const r of revokes) {
      const actions = next.get(r.Principal);
      if (!actions || r.Actions.some((a) => !actions.has(a))) notHeld = true;
      if (!actions) continue;
      for (const action of r.Actions) actions.delete(action);
      if (actions.size === 0) next.delete(r.Principal);
    }
  };
  const both = grants.some((g) => revokes.some((r) => r.Principal === g.Principal));
  const order = both ? read('grant-and-revoke') : 'grant-then-revoke';
  if (order === 'rejected') problems.push(invalid(req, 'A principal is both granted and revoked permissions in one request.'));
  if (order === 'revoke-then-grant') {
    revoke();
    grant();
  } else {
    grant();
    revoke();
  }
  if (notHeld && read('revoke-not-held') === 'rejected')
    problems.push(invalid(req, 'A revoke names permissions the principal does not hold.'));
  return next;
}

export function decideUpdateThemePermissions(state: ModelState, req: ModelRequest, read: Read): Answer[] {
  const problems = requestProblems(state, req, read);
  const themeId = req.pathParams.ThemeId as string;
  if (state.edition === 'STANDARD') {
    problems.resource.push({
      kind: 'error',
      status: 403,
      types: ['UnsupportedUserEditionException'],
      why: 'UpdateThemePermissions is not supported on a Standard edition subscription.',
    });
  }
  const current = state.themes.get(themeId);
  if (current === undefined) problems.resource.push(notFound(`Theme ${themeId} does not exist in account ${state.accountId}.`));

  let next: Permissions | undefined;
  let emptyShownAs: 'omitted' | 'empty-list' = 'omitted';
  if (wellFormed(req) && current !== undefined) {
    const body = (req.body ?? {}) as { GrantPermissions?: unknown; RevokePermissions?: unknown };
    const grants = entries(body.GrantPermissions);
    if ((hasDuplicates(grants) || hasDuplicates(entries(body.RevokePermissions))) && read('duplicates') === 'rejected') {
      problems.rules.push(invalid(req, 'A principal or an action is listed twice.'));
    }
    const principals = knownPrincipals(state);
    const unknown = grants.filter((g) => !principals.has(g.Principal));
    if (unknown.length > 0 && read('unknown-principal') === 'rejected') {
      problems.rules.push(invalid(req, `No such principal: ${unknown[0]?.Principal}.`));
    }
    if (isKnown(current)) {
      next = nextPermissions(current, req, read, problems.rules);
      const touched = new Set([...grants, ...entries(body.RevokePermissions)].map((e) => e.Principal));
      const groupings = Object.entries(req.op.validGroupings ?? {});
      const odd = [...touched].filter((p) => next?.has(p) && !groupings.some(([, g]) => sameSet(next?.get(p) as Set<string>, g)));
      if (odd.length > 0 && read('groupings') === 'only-listed') {
        const actions = [...(next.get(odd[0] as string) ?? [])].join(', ');
        problems.rules.push(
          invalid(
            req,
            `Principal ${odd[0]} would hold ${actions}, which is none of the valid groupings (${groupings.map(([name]) => name).join(', ')}).`,
          ),
        );
      }
      const limit = principalLimitOf(req);
      if (next.size > limit) {
        const why = `Theme ${themeId} would grant permissions to ${next.size} principals; the limit is ${limit}.`;
        problems.rules.push(
          read('principal-limit-error') === 'limit-exceeded'
            ? { kind: 'error', status: 409, types: ['LimitExceededException'], why }
            : invalid(req, why),
        );
      }
      if (next.size === 0) emptyShownAs = read('no-permissions-left');
    }
  }
  const success = (): SuccessAnswer => {
    const result = next;
    const body = (req.body ?? {}) as { GrantPermissions?: unknown; RevokePermissions?: unknown };
    // On a theme whose permissions no answer has shown yet: the grants must show, the revokes not.
    const atLeast = new PermissionsAtLeast(entries(body.GrantPermissions), entries(body.RevokePermissions));
    return {
      kind: 'success',
      why: `the permissions of theme ${JSON.stringify(themeId)} updated`,
      apply: (s) => {
        s.themes.set(themeId, result ? clonePermissions(result) : UNKNOWN);
      },
      body: (s) => {
        const held = s.themes.get(themeId);
        // The form of a theme's ARN is given nowhere: the mock answers its own, verify takes the target's.
        const answer: Record<string, unknown> = { ThemeArn: s.reference ? themeArn(s, themeId) : UNKNOWN, ThemeId: themeId };
        if (held === UNKNOWN || held === undefined) answer.Permissions = atLeast;
        else if (held.size > 0) answer.Permissions = [...held].map(([Principal, actions]) => ({ Principal, Actions: [...actions] }));
        else if (emptyShownAs === 'empty-list') answer.Permissions = [];
        return answer;
      },
      learn: (s, actual) => {
        if (s.themes.get(themeId) === UNKNOWN) s.themes.set(themeId, permissionsOf(actual.Permissions));
      },
    };
  };
  // What the request does to permissions no answer has shown yet cannot be told: it may break a
  // grouping or the limit. The first answer shows them; from then on the theme is known.
  const none = problems.invalid.length + problems.resource.length + problems.rules.length === 0;
  if (none && wellFormed(req) && current !== undefined && !isKnown(current)) {
    return [
      success(),
      invalid(req, 'the request may leave a principal with another set of actions'),
      { kind: 'error', status: 409, types: ['LimitExceededException'], why: 'the request may pass the principal limit' },
    ];
  }
  return answersOf(problems, read, success);
}

/** The permissions an answer lists (none when it lists none). */
function permissionsOf(value: unknown): Permissions {
  return new Map(entries(value).map((e) => [e.Principal, new Set(e.Actions)]));
}
