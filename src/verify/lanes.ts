/**
 * Where each case runs. A case on a resource the fixtures declare (a user, the theme, a profile)
 * runs in that resource's lane, in an order fixed by the plan, so the reference model follows the
 * resource's state and every run sends the same round trips (the same verdict every run). Lanes run
 * side by side. Within a lane, each step says what may go with it (ticker.ts): requests that may
 * not change the resource (a broken rule, an unsigned request: refused by a faithful target) ride
 * along anything but a repeat; requests sent at once have answers the model holds to some order of
 * them. Cases on nothing the fixtures hold (a missing resource, an account that is not the
 * fixtures') change nothing and run in a shared pool.
 */
import type { ConformanceCase } from '../cases';
import type { Fixtures } from '../fixtures';
import { userKey } from '../model';
import type { OperationId } from '../spec';
import { type Company, MAX_CHANGING } from './ticker';

/** A lane's key: the operation and the resource (`UpdateUser user 7:default/alice`). */
export type LaneKey = string;

/** One round trip of a lane's cases: one request, or several sent at once; and what may go with it (src/verify/ticker.ts). */
export type Step = ({ kind: 'single'; case: ConformanceCase } | { kind: 'burst'; cases: ConformanceCase[] }) & { company: Company };

export interface Lane {
  key: LaneKey;
  operationId: OperationId;
  /** The path of the lane's resource, as a case names it. */
  pathParams: Record<string, string>;
  /** The lane's first request: what the resource holds (the preflight's evidence). */
  probe: ConformanceCase;
  /** The cases that may change the resource, in the order they go. */
  steps: Step[];
  /**
   * Steps before this index are whole-resource sequences: a lane's stateful random sequences start
   * beside its cases only from here, so that those run on the state the fixtures declare.
   */
  sharedFrom: number;
  /** The cases a faithful target refuses, outside any sequence: they go beside the steps, a few at a time. */
  quiet: ConformanceCase[];
}

/** Quiet requests of a lane that ride along one round trip: enough to finish them within the lane's steps, few enough for every lane's to fit the default 16 requests in flight. */
export const QUIET_CHUNK = 4;

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
 * What may go with a sequence's steps: nothing, when a step repeats an earlier answer as it is
 * (another change between them would alter it); changes to other parts of the resource, when the
 * sequence says it acts on its own part (`beside`); else only requests that change nothing, since
 * its meaning is in the whole resource (a user, a theme's full list of permissions).
 */
function sequenceCompany(cases: ConformanceCase[]): Company {
  if (cases.some((c) => c.sequence?.sameAs !== undefined)) return 'solo';
  return cases.every((c) => c.sequence?.beside) ? 'shared' : 'exclusive';
}

/**
 * The lanes and the pool of a run's cases. A lane holds its probe; then its whole-resource
 * sequences, one step at a time; then its other cases that change the resource, a few at a time
 * (the model holds their answers to some order of them); then the sequences that act on their own
 * part of it, two side by side where they are on two tracks. Its refused cases go beside them.
 */
export function planLanes(
  cases: ConformanceCase[],
  fixtures: Fixtures,
  probes: ConformanceCase[],
): { lanes: Lane[]; pool: ConformanceCase[] } {
  const lanes = new Map<LaneKey, Lane & { singles: ConformanceCase[]; sequences: Map<string, ConformanceCase[]> }>();
  const pool: ConformanceCase[] = [];
  for (const probe of probes) {
    const key = laneOf(probe, fixtures);
    if (key && !lanes.has(key))
      lanes.set(key, {
        key,
        operationId: probe.operationId,
        pathParams: probe.pathParams,
        probe,
        steps: [],
        sharedFrom: 0,
        quiet: [],
        singles: [],
        sequences: new Map(),
      });
  }
  for (const c of cases) {
    const key = laneOf(c, fixtures);
    const lane = key === undefined ? undefined : lanes.get(key);
    if (!lane) pool.push(c);
    else if (c.sequence) lane.sequences.set(c.sequence.id, [...(lane.sequences.get(c.sequence.id) ?? []), c]);
    else if (refused(c)) lane.quiet.push(c);
    else lane.singles.push(c);
  }
  return {
    lanes: [...lanes.values()].map(({ singles, sequences, ...lane }) => {
      const blocks = [...sequences.values()].map((steps) => {
        const sorted = [...steps].sort((a, b) => (a.sequence?.step ?? 0) - (b.sequence?.step ?? 0));
        return { company: sequenceCompany(sorted), steps: sequenceSteps(sorted) };
      });
      const whole = blocks.filter((b) => b.company !== 'shared').flatMap((b) => b.steps.map((s) => ({ ...s, company: b.company })));
      const beside = blocks.filter((b) => b.company === 'shared').flatMap((b) => b.steps);
      const batches: Step[] = [];
      for (let i = 0; i < singles.length; i += MAX_CHANGING) batches.push(stepOf(singles.slice(i, i + MAX_CHANGING)));
      return { ...lane, steps: [...whole, ...batches, ...pairTracks(beside)], sharedFrom: whole.length };
    }),
    pool,
  };
}

/** A sequence's steps: its burst (the requests it sends at once) as one step, every other step alone, in order. */
function sequenceSteps(sorted: ConformanceCase[]): Step[] {
  const steps: Step[] = [];
  for (const c of sorted) {
    const last = steps[steps.length - 1];
    const previous = last?.kind === 'burst' ? last.cases[0]?.sequence : undefined;
    if (c.sequence?.burst && last?.kind === 'burst' && previous?.step === c.sequence.step) last.cases.push(c);
    else steps.push(c.sequence?.burst ? { kind: 'burst', cases: [c], company: 'shared' } : { kind: 'single', case: c, company: 'shared' });
  }
  return steps;
}

/** A round trip of cases that other changes may go beside: one request alone, several at once. */
const stepOf = (cases: ConformanceCase[]): Step =>
  cases.length === 1
    ? { kind: 'single', case: cases[0] as ConformanceCase, company: 'shared' }
    : { kind: 'burst', cases, company: 'shared' };

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
      out.push(stepOf([...(block[k] ? casesOf(block[k] as Step) : []), ...(next[k] ? casesOf(next[k] as Step) : [])]));
    }
    i += 1;
  }
  return out;
}
