/**
 * Where each case runs. A case on a resource the fixtures declare (a user, the theme, a profile)
 * runs in that resource's lane: one request after another, so the reference model follows the
 * resource's state exactly and every run sends them in the same order (the same verdict every run).
 * Lanes run side by side; requests that may not change a resource (a broken rule, an unsigned
 * request: refused by a faithful target) go out together as a burst, whose answers the model holds
 * to some order of them. Cases on nothing the fixtures hold (a missing resource, an account that is
 * not the fixtures') change nothing and run in a shared pool.
 */
import type { ConformanceCase } from '../cases';
import type { Fixtures } from '../fixtures';
import { userKey } from '../model';
import type { OperationId } from '../spec';

/** A lane's key: the operation and the resource (`UpdateUser user 7:default/alice`). */
export type LaneKey = string;

export type Step = { kind: 'single'; case: ConformanceCase } | { kind: 'burst'; cases: ConformanceCase[] };

export interface Lane {
  key: LaneKey;
  operationId: OperationId;
  /** The path of the lane's resource, as a case names it. */
  pathParams: Record<string, string>;
  steps: Step[];
}

/** Requests a burst of refused cases holds at most: the default concurrency, one round trip for all (a faithful target answers each with an error, so no order needs trying). */
export const BURST_SIZE = 16;

/** The lane of a case, or undefined for one on nothing the fixtures hold. */
function laneOf(c: ConformanceCase, fixtures: Fixtures): LaneKey | undefined {
  const p = c.pathParams;
  if (p.AwsAccountId !== fixtures.accountId) return undefined;
  switch (c.operationId) {
    case 'UpdateUser':
      return fixtures.users.some((u) => u.Namespace === p.Namespace && u.UserName === p.UserName)
        ? `UpdateUser user ${userKey(p.Namespace as string, p.UserName as string)}`
        : undefined;
    case 'UpdateThemePermissions':
      return fixtures.themes.some((t) => t.ThemeId === p.ThemeId) ? `UpdateThemePermissions theme ${p.ThemeId}` : undefined;
    case 'UpdateCustomPermissions':
      return fixtures.customPermissions.some((x) => x.CustomPermissionsName === p.CustomPermissionsName)
        ? `UpdateCustomPermissions profile ${p.CustomPermissionsName}`
        : undefined;
  }
}

/** Whether a faithful target refuses the case, so that it may go out with others at once. */
const refused = (c: ConformanceCase) => c.expect === 'rejected' || c.expect === 'auth-refused';

/**
 * The lanes and the pool of a run's cases, in the order the cases come: within a lane, the cases
 * that change the resource one at a time, each run of refused ones as bursts, a sequence's steps in
 * order; a lane starts with its probe.
 */
export function planLanes(
  cases: ConformanceCase[],
  fixtures: Fixtures,
  probes: ConformanceCase[],
): { lanes: Lane[]; pool: ConformanceCase[] } {
  const lanes = new Map<LaneKey, Lane>();
  const pool: ConformanceCase[] = [];
  const laneFor = (c: ConformanceCase, key: LaneKey): Lane => {
    let lane = lanes.get(key);
    if (!lane) {
      lane = { key, operationId: c.operationId, pathParams: c.pathParams, steps: [] };
      lanes.set(key, lane);
    }
    return lane;
  };
  for (const probe of probes) {
    const key = laneOf(probe, fixtures);
    if (key) laneFor(probe, key).steps.push({ kind: 'single', case: probe });
  }
  // A sequence's steps stay together, in order: its meaning is in what the steps before left.
  const sequenceIds = [...new Set(cases.flatMap((c) => (c.sequence ? [c.sequence.id] : [])))];
  const sequences = sequenceIds.flatMap((id) =>
    cases.filter((c) => c.sequence?.id === id).sort((a, b) => (a.sequence?.step ?? 0) - (b.sequence?.step ?? 0)),
  );
  for (const c of [...cases.filter((x) => !x.sequence), ...sequences]) {
    const key = laneOf(c, fixtures);
    if (!key) {
      pool.push(c);
      continue;
    }
    const lane = laneFor(c, key);
    const last = lane.steps[lane.steps.length - 1];
    if (c.sequence) {
      // A sequence's burst is its requests sent at once; every other step of it goes alone, in order.
      const previous = last?.kind === 'burst' ? last.cases[0]?.sequence : undefined;
      if (c.sequence.burst && last?.kind === 'burst' && previous?.id === c.sequence.id && previous.step === c.sequence.step)
        last.cases.push(c);
      else lane.steps.push(c.sequence.burst ? { kind: 'burst', cases: [c] } : { kind: 'single', case: c });
    } else if (refused(c) && last?.kind === 'burst' && !last.cases[0]?.sequence && last.cases.length < BURST_SIZE) last.cases.push(c);
    else lane.steps.push(refused(c) ? { kind: 'burst', cases: [c] } : { kind: 'single', case: c });
  }
  for (const lane of lanes.values()) lane.steps = pairTracks(lane.steps);
  return { lanes: [...lanes.values()], pool };
}

const sequenceOf = (step: Step) => (step.kind === 'single' ? step.case : step.cases[0])?.sequence;
const casesOf = (step: Step) => (step.kind === 'single' ? [step.case] : step.cases);

/**
 * Sequences on two tracks (two principals of a theme: src/cases/scenarios.ts) run side by side, a
 * sequence of one track beside the next of the other: their steps at the same position go out at
 * once, as a burst, whose answers the model holds to some order of them. The lane's round trips,
 * which a target's latency multiplies, shrink by the shorter sequence of each pair.
 */
function pairTracks(steps: Step[]): Step[] {
  const blocks: Step[][] = [];
  for (const step of steps) {
    const last = blocks[blocks.length - 1];
    const id = sequenceOf(step)?.id;
    if (last && id !== undefined && sequenceOf(last[0] as Step)?.id === id) last.push(step);
    else blocks.push([step]);
  }
  const out: Step[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as Step[];
    const next = blocks[i + 1];
    const track = sequenceOf(block[0] as Step)?.track;
    const nextTrack = next ? sequenceOf(next[0] as Step)?.track : undefined;
    if (track === undefined || nextTrack === undefined || nextTrack === track || !next) {
      out.push(...block);
      continue;
    }
    for (let k = 0; k < Math.max(block.length, next.length); k += 1) {
      const together = [...(block[k] ? casesOf(block[k] as Step) : []), ...(next[k] ? casesOf(next[k] as Step) : [])];
      out.push(together.length === 1 ? { kind: 'single', case: together[0] as ConformanceCase } : { kind: 'burst', cases: together });
    }
    i += 1;
  }
  return out;
}
