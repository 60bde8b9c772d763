/**
 * Following an upstream's state from the traffic a proxy sees, with the reference model's oracle.
 * verify knows what its target holds (--fixtures) and sends every request itself; a proxy knows
 * neither: which resources exist, the edition, which profile a user may name, which principals a
 * theme may be granted to. So each resource the traffic touches gets candidate oracles, one per way
 * the unknowns can be (the resource exists or not; a Standard edition or not for a theme; the
 * profile an UpdateUser names exists or not; the users a grant names exist or not), each on a state
 * whose members are unknown until an answer shows them. Whether a principal exists is the
 * account's, not a reading of the upstream: a request that names one the candidates do not model is
 * judged on fresh candidates, so that a reading (unknown principals refused) is never settled by
 * what the proxy merely does not know. Every answer keeps the
 * candidates that allow it and moves them on, so the second request on a resource is judged on
 * what the first answer showed (a grant kept, a profile applied), with the readings the upstream
 * showed held from then on.
 *
 * Where the state cannot be followed, an answer is judged on its own (fresh candidates: what any
 * state allows): the first request on a resource; requests on one resource that overlap in time
 * (their order at the upstream is unknown); after a transient or 5xx answer, or no answer (the
 * request may or may not have been applied); after a request outside the contract that may change
 * anything (DeleteUser, CreateTheme...), which forgets everything.
 */
import type { Fixtures } from '../fixtures';
import { type AllowedAnswer, declaredState, type ModelRequest, type ModelVerdict, type Observed, Oracle, userKey } from '../model';

/** How an answer was judged by the model: on the state earlier answers left, or on its own. */
export type Judged = 'followed' | 'per-exchange';

interface Resource {
  /** Candidates that earlier answers left; none: the next answer is judged on its own. */
  candidates: Oracle[] | undefined;
  /** What the candidates' states model of other resources (a profile, granted users): a request naming another starts afresh. */
  modeled: ReadonlySet<string>;
  inFlight: number;
  /** A request started while another was in flight: their order at the upstream is unknown. */
  overlapped: boolean;
}

/** What one request is, for the follower: its resource, and what the model reads of it. */
export interface Followed {
  key: string;
  req: ModelRequest;
}

export function resourceKey(req: ModelRequest): string {
  const p = req.pathParams;
  const account = p.AwsAccountId ?? '';
  switch (req.op.id) {
    case 'UpdateUser':
      return `${account} user ${userKey(p.Namespace ?? '', p.UserName ?? '')}`;
    case 'UpdateThemePermissions':
      return `${account} theme ${p.ThemeId ?? ''}`;
    case 'UpdateCustomPermissions':
      return `${account} profile ${p.CustomPermissionsName ?? ''}`;
  }
}

/** The profile an UpdateUser names, if any. */
function profileNamed(req: ModelRequest): string | undefined {
  if (req.op.id !== 'UpdateUser') return undefined;
  const body = req.body as { CustomPermissionsName?: unknown } | undefined;
  return typeof body?.CustomPermissionsName === 'string' ? body.CustomPermissionsName : undefined;
}

/** A user's ARN (`arn:aws:quicksight:REGION:ACCOUNT:user/NAMESPACE/NAME`), read. */
const USER_ARN = /^arn:aws:quicksight:([^:]*):(\d{12}):user\/([^/]+)\/(.+)$/;

/** The principals an UpdateThemePermissions grants to. */
function grantedPrincipals(req: ModelRequest): string[] {
  if (req.op.id !== 'UpdateThemePermissions') return [];
  const grants = (req.body as { GrantPermissions?: unknown } | undefined)?.GrantPermissions;
  return Array.isArray(grants)
    ? grants.flatMap((g) =>
        g !== null && typeof g === 'object' && typeof (g as { Principal?: unknown }).Principal === 'string'
          ? [(g as { Principal: string }).Principal]
          : [],
      )
    : [];
}

/** What a request names of other resources, each modeled (exists or not) by the candidates it is judged on. */
function referencesOf(req: ModelRequest): string[] {
  const profile = profileNamed(req);
  return [...(profile === undefined ? [] : [`profile ${profile}`]), ...grantedPrincipals(req).map((p) => `principal ${p}`)];
}

/** The users a state must hold for the principals of a grant to be known (only users of the request's own account and region can be). */
function usersOf(principals: readonly string[], region: string, account: string): Fixtures['users'] {
  return principals.flatMap((arn) => {
    const parts = USER_ARN.exec(arn);
    if (!parts || parts[1] !== region || parts[2] !== account) return [];
    return [
      {
        Namespace: parts[3] as string,
        UserName: parts[4] as string,
        Email: '',
        Role: 'READER',
        IdentityType: 'QUICKSIGHT',
        Active: true,
        PrincipalId: '',
      },
    ];
  });
}

/**
 * One candidate state: the request's own account (a proxy cannot tell the caller's; an answer that
 * refuses the caller is not judged by the model), the resource present or not, members unknown.
 */
interface World {
  exists: boolean;
  standard: boolean;
  /** The profile the request names exists. */
  profile?: string;
  /** The users a grant names exist. */
  principals: readonly string[];
}

function candidateState(req: ModelRequest, region: string, world: World) {
  const p = req.pathParams;
  const fixtures: Fixtures = {
    region,
    accountId: p.AwsAccountId ?? '',
    edition: world.standard ? 'STANDARD' : 'ENTERPRISE',
    namespaces: req.op.id === 'UpdateUser' ? [p.Namespace ?? ''] : [],
    users: usersOf(world.principals, region, p.AwsAccountId ?? ''),
    themes: [],
    customPermissions: world.profile === undefined ? [] : [{ CustomPermissionsName: world.profile, Capabilities: {} }],
  };
  if (world.exists) {
    if (req.op.id === 'UpdateUser') {
      // Only the names are read: declaredState leaves every other member unknown.
      fixtures.users.push({
        Namespace: p.Namespace ?? '',
        UserName: p.UserName ?? '',
        Email: '',
        Role: 'READER',
        IdentityType: 'QUICKSIGHT',
        Active: true,
        PrincipalId: '',
      });
    } else if (req.op.id === 'UpdateThemePermissions') fixtures.themes.push({ ThemeId: p.ThemeId ?? '', Permissions: [] });
    else fixtures.customPermissions.push({ CustomPermissionsName: p.CustomPermissionsName ?? '', Capabilities: {} });
  }
  return declaredState(fixtures);
}

function freshCandidates(req: ModelRequest, region: string): Oracle[] {
  const profile = profileNamed(req);
  const granted = grantedPrincipals(req);
  const out: Oracle[] = [];
  // Every user the grant names exists, or none does: any mix is answered as one of the two (one unknown is enough to refuse).
  for (const exists of [true, false])
    for (const standard of req.op.id === 'UpdateThemePermissions' ? [false, true] : [false])
      for (const named of profile === undefined ? [undefined] : [profile, undefined])
        for (const principals of granted.length === 0 ? [[]] : [granted, []])
          out.push(
            new Oracle(candidateState(req, region, { exists, standard, principals, ...(named === undefined ? {} : { profile: named }) })),
          );
  return out;
}

/** One verdict out of the candidates' verdicts: allowed if any candidate allows it, with every answer any allows. */
function merge(verdicts: ModelVerdict[]): ModelVerdict {
  const matched = verdicts.find((v) => v.matched);
  if (matched) return matched;
  const allowed = new Map<string, AllowedAnswer>();
  for (const v of verdicts) for (const a of v.allowed) if (!allowed.has(a.answer)) allowed.set(a.answer, a);
  const closest = verdicts
    .filter((v) => v.statusMatched && v.mismatches.length > 0)
    .sort((a, b) => a.mismatches.length - b.mismatches.length)[0];
  return {
    matched: false,
    statusMatched: verdicts.some((v) => v.statusMatched),
    allowed: [...allowed.values()],
    successAllowed: verdicts.some((v) => v.successAllowed),
    errorAllowed: verdicts.some((v) => v.errorAllowed),
    mismatches: closest?.mismatches ?? [],
    settled: [],
    heldReadings: verdicts[0]?.heldReadings ?? [],
  };
}

export class Follower {
  private readonly resources = new Map<string, Resource>();

  constructor(private readonly region: string) {}

  private resource(key: string): Resource {
    let r = this.resources.get(key);
    if (!r) {
      r = { candidates: undefined, modeled: new Set(), inFlight: 0, overlapped: false };
      this.resources.set(key, r);
    }
    return r;
  }

  /** A request on the resource is on its way to the upstream. */
  begin(key: string): void {
    const r = this.resource(key);
    if (r.inFlight > 0) r.overlapped = true;
    r.inFlight += 1;
  }

  /**
   * The answer to a request begun earlier: the model's verdict and how it was reached, or none
   * when the model has nothing to say of it (a transient answer, a refused caller, no answer).
   */
  end(
    f: Followed,
    outcome: { observed: Observed; kind: 'judged' | 'peek-then-forget' } | { kind: 'forget' | 'not-judged' },
  ): { verdict: ModelVerdict; judged: Judged } | undefined {
    const r = this.resource(f.key);
    r.inFlight = Math.max(0, r.inFlight - 1);
    const overlapped = r.overlapped;
    if (r.inFlight === 0) r.overlapped = false;
    if (outcome.kind === 'forget' || overlapped) r.candidates = undefined;
    if (!('observed' in outcome)) return undefined;

    const references = referencesOf(f.req);
    const followable = !overlapped && r.candidates !== undefined && references.every((name) => r.modeled.has(name));
    const candidates = followable ? (r.candidates as Oracle[]) : freshCandidates(f.req, this.region);
    const verdicts = candidates.map((oracle) => oracle.step(f.req, outcome.observed));
    const verdict = merge(verdicts);
    const judged: Judged = followable ? 'followed' : 'per-exchange';
    if (overlapped || r.inFlight > 0 || outcome.kind === 'peek-then-forget') {
      r.candidates = undefined;
      return { verdict, judged };
    }
    const kept = candidates.filter((_, i) => verdicts[i]?.matched);
    // No candidate allows the answer: nothing is known of the resource any more; the next answers teach it again.
    r.candidates = kept.length > 0 ? kept : undefined;
    if (!followable) r.modeled = new Set(references);
    return { verdict, judged };
  }

  /** A request outside the contract that may change any resource: nothing followed so far holds. */
  forgetAll(): void {
    for (const r of this.resources.values()) r.candidates = undefined;
  }
}
