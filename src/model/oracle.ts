/**
 * The oracle: the model run in lock-step with a target. It holds every world (a state, and the
 * readings chosen so far) consistent with the target's answers; each answer keeps the worlds that
 * allow it and moves them on, so a target's reading is learnt on its first telling answer and held
 * from then on. An answer no world allows is a finding; the oracle then forgets what it knew of
 * that resource (the next answers teach it again) rather than blame every later answer for it.
 */
import { readErrorType } from '../protocol';
import { compareBody, type Mismatch } from './compare';
import { DECISIONS } from './operations';
import { type Answer, explore, type ModelRequest, type Outcome } from './outcome';
import { describeReadings, type Readings } from './register';
import { cloneState, fingerprint, type ModelState, UNKNOWN, type UserState, userKey } from './state';

/** A target's answer as the model reads it. */
export interface Observed {
  status: number;
  headers: Record<string, string>;
  /** The JSON body, or undefined when it is not JSON. */
  body: unknown;
}

export interface AllowedAnswer {
  /** `200`, `404 ResourceNotFoundException`, `400 InvalidParameterValueException | ValidationException`. */
  answer: string;
  /** The readings under which it is the answer (none: under every reading). */
  under: string[];
  why: string;
}

export interface ModelVerdict {
  /** The answer is one the model allows. */
  matched: boolean;
  /** Its status (and error type, when it names one) is allowed; its body or missing type is what differs. */
  statusMatched: boolean;
  allowed: AllowedAnswer[];
  successAllowed: boolean;
  errorAllowed: boolean;
  /** For an answered success the model allows: what its body shows differently. */
  mismatches: Mismatch[];
  /** Readings the answer settled (every world left agrees on them). */
  settled: string[];
  /** The readings the target has shown so far, this answer included. */
  heldReadings: string[];
  /** For a request sent with others at once: how many, and whether some order of them explains the answers. */
  burst?: { size: number; linearizable: boolean; first?: boolean };
}

interface World {
  state: ModelState;
  readings: Readings;
}

/** A bound on the worlds kept: readings are few and settle quickly, but a target can be adversarial. */
const MAX_WORLDS = 256;
/** The most successes of a burst whose every order is tried (5! = 120 orders). */
const MAX_ORDERED = 5;

const isSuccessStatus = (status: number) => status >= 200 && status < 300;

function describeAnswer(answer: Answer, successStatus: number): string {
  return answer.kind === 'success' ? String(successStatus) : `${answer.status} ${answer.types.join(' | ')}`;
}

function errorMatches(answer: Answer, observed: Observed): 'yes' | 'status' | 'no' {
  if (answer.kind !== 'error' || observed.status !== answer.status) return 'no';
  const type = readErrorType(observed.headers['x-amzn-errortype'], observed.body);
  if (type === undefined) return 'status';
  return answer.types.includes(type.name) ? 'yes' : 'no';
}

export class Oracle {
  private worlds: World[];

  constructor(state: ModelState, readings: Readings = {}) {
    this.worlds = [{ state, readings }];
  }

  /** The readings every world agrees on: what the target has shown so far. */
  get settledReadings(): Readings {
    const [first, ...rest] = this.worlds;
    if (!first) return {};
    return Object.fromEntries(
      Object.entries(first.readings).filter(([id, r]) => rest.every((w) => (w.readings as Record<string, string>)[id] === r)),
    );
  }

  get worldCount(): number {
    return this.worlds.length;
  }

  /** What each world allows for the request, without sending it. */
  private outcomes(req: ModelRequest): { world: World; outcome: Outcome }[] {
    return this.worlds.flatMap((world) =>
      explore((read) => DECISIONS[req.op.id](world.state, req, read), world.readings).map((outcome) => ({ world, outcome })),
    );
  }

  /** Judges one answer to one request, and moves every world that allows it on. */
  step(req: ModelRequest, observed: Observed): ModelVerdict {
    const before = describeReadings(this.settledReadings);
    const candidates = this.outcomes(req);
    const next: World[] = [];
    let statusMatched = false;
    let closest: Mismatch[] | undefined;
    for (const { world, outcome } of candidates) {
      const { answer } = outcome;
      if (answer.kind === 'error') {
        const match = errorMatches(answer, observed);
        if (match !== 'no') {
          statusMatched = true;
          // An error changes nothing: the world goes on as it was, with the readings of this branch.
          if (match === 'yes') next.push({ state: world.state, readings: outcome.readings });
        }
        continue;
      }
      // Any 2xx is read as the success it claims to be (status-documented says a wrong one): its
      // body is still judged, so a 201 is one finding, not a refusal of every valid request.
      if (!isSuccessStatus(observed.status)) continue;
      statusMatched = true;
      const state = cloneState(world.state);
      answer.apply(state);
      const mismatches =
        observed.body !== undefined && typeof observed.body === 'object'
          ? compareBody(answer.body(state), observed.body)
          : [{ pointer: '', expected: 'a JSON object', actual: 'no JSON object', message: 'the success body is not a JSON object' }];
      if (mismatches.length === 0) {
        answer.learn?.(state, observed.body as Record<string, unknown>);
        next.push({ state, readings: outcome.readings });
      } else if (!closest || mismatches.length < closest.length) {
        closest = mismatches;
      }
    }
    const verdict = this.describe(req, candidates, {
      matched: next.length > 0,
      statusMatched,
      mismatches: next.length > 0 ? [] : (closest ?? []),
    });
    if (next.length > 0) this.worlds = dedupe(next);
    else if (statusMatched && !isSuccessStatus(observed.status)) {
      // An error that names no type the model can read: nothing changed (error-type says what is wrong).
    } else this.forget(req);
    const after = describeReadings(this.settledReadings);
    return { ...verdict, settled: after.filter((r) => !before.includes(r)), heldReadings: after };
  }

  /**
   * Answers to requests sent at once: they must be the answers of some serial order of them. The
   * successes are tried in every order (a burst holds at most a few); each error must be allowed at
   * some point of that order, since an error changes nothing. Returns one verdict per request: all
   * matched, or, when no order explains the answers, each judged on the state before the burst.
   */
  burst(steps: { req: ModelRequest; observed: Observed }[]): { linearizable: boolean; verdicts: ModelVerdict[] } {
    const successes = steps.map((s, i) => ({ ...s, i })).filter((s) => s.observed.status >= 200 && s.observed.status < 300);
    const errors = steps.map((s, i) => ({ ...s, i })).filter((s) => !(s.observed.status >= 200 && s.observed.status < 300));
    if (successes.length > MAX_ORDERED) {
      // Too many orders to try: judge each answer on what no answer has shown yet, and learn again.
      for (const s of steps) this.forget(s.req);
      const verdicts = steps.map((s) => this.peek(s.req, s.observed));
      for (const s of steps) this.forget(s.req);
      return { linearizable: true, verdicts };
    }
    const saved = this.worlds;
    // Every order that explains the answers is kept: which one the target took shows only later
    // (two updates answered alike in either order may leave different states).
    let explained: { verdicts: ModelVerdict[]; worlds: World[] } | undefined;
    const ends: World[] = [];
    for (const order of this.explainingOrders(successes, saved)) {
      const verdicts: ModelVerdict[] = new Array(steps.length);
      for (const [i, verdict] of order.verdicts) verdicts[i] = verdict;
      const { snapshots } = order;
      const end = snapshots[snapshots.length - 1] as World[];
      const telling: typeof errors = [];
      for (const e of errors) {
        // An error may have been answered at any point of the order. It changes nothing, so one
        // that no point allows is its own request's finding and says nothing against the order.
        const at = (worlds: World[]) => {
          this.worlds = worlds;
          return this.peek(e.req, e.observed);
        };
        // Judged from the first point on, until a point allows it.
        const judged: ModelVerdict[] = [];
        for (const worlds of snapshots) {
          judged.push(at(worlds));
          if (judged[judged.length - 1]?.matched) break;
        }
        const found = judged.find((v) => v.matched) ?? judged.find((v) => v.statusMatched) ?? judged[judged.length - 1];
        verdicts[e.i] = found as ModelVerdict;
        // Which point it met is not known: it teaches a reading only when every point allows it
        // and settles the same readings (a reading learnt on a state it never met would be wrong).
        const first = judged[0] as ModelVerdict;
        const settles = (v: ModelVerdict) => [...v.settled].sort().join(',');
        const agrees = (worlds: World[]) => {
          const v = at(worlds);
          return v.matched && settles(v) === settles(first);
        };
        if (first.matched && snapshots.slice(1).every(agrees)) telling.push(e);
      }
      // The readings an error shows are held too: stepped on the state the order left.
      this.worlds = end;
      for (const e of telling) {
        const before = this.worlds;
        if (!this.step(e.req, e.observed).matched) this.worlds = before;
      }
      explained ??= { verdicts, worlds: this.worlds };
      ends.push(...this.worlds);
    }
    if (explained) {
      this.worlds = dedupe(ends);
      const verdicts = explained.verdicts.map((v) => ({ ...v, burst: { size: steps.length, linearizable: true } }));
      return { linearizable: true, verdicts };
    }
    // No serial order explains the answers: judge each against the state before the burst, then forget.
    // Only when each answer's status is one the model allows is the order itself at fault (an update
    // lost or half-applied); an answer no order could allow (a 200 to a request that breaks a rule)
    // is its own check's finding, and the burst says nothing more.
    this.worlds = saved;
    const peeked = steps.map((s) => this.peek(s.req, s.observed));
    const linearizable = !peeked.every((v) => v.statusMatched);
    const verdicts = peeked.map((v, i) => ({ ...v, burst: { size: steps.length, linearizable, first: i === 0 } }));
    for (const s of steps) this.forget(s.req);
    return { linearizable, verdicts };
  }

  /**
   * The orders of the successes that explain their answers, first to last in the order of the
   * requests: each with its points (the worlds before the first success and after each) and each
   * success's verdict. Orders that begin alike step their beginning once, and an order is left at
   * its first success no world allows.
   */
  private *explainingOrders(
    successes: { req: ModelRequest; observed: Observed; i: number }[],
    start: World[],
  ): Generator<{ snapshots: World[][]; verdicts: Map<number, ModelVerdict> }> {
    const walk = function* (
      oracle: Oracle,
      remaining: typeof successes,
      snapshots: World[][],
      verdicts: Map<number, ModelVerdict>,
    ): Generator<{ snapshots: World[][]; verdicts: Map<number, ModelVerdict> }> {
      if (remaining.length === 0) {
        yield { snapshots, verdicts };
        return;
      }
      for (const [k, s] of remaining.entries()) {
        oracle.worlds = snapshots[snapshots.length - 1] as World[];
        const verdict = oracle.step(s.req, s.observed);
        if (!verdict.matched) continue;
        const rest = [...remaining.slice(0, k), ...remaining.slice(k + 1)];
        yield* walk(oracle, rest, [...snapshots, oracle.worlds], new Map([...verdicts, [s.i, verdict]]));
      }
    };
    yield* walk(this, successes, [start], new Map());
  }

  /** The verdict of an answer without moving the worlds on. */
  peek(req: ModelRequest, observed: Observed): ModelVerdict {
    const saved = this.worlds;
    try {
      return this.step(req, observed);
    } finally {
      this.worlds = saved;
    }
  }

  /** Forgets what the worlds know of the request's resource: the next answers teach it again. */
  forget(req: ModelRequest): void {
    const p = req.pathParams;
    this.worlds = this.worlds.map((world) => {
      const state = cloneState(world.state);
      if (req.op.id === 'UpdateUser') {
        const key = userKey(p.Namespace as string, p.UserName as string);
        const user = state.users.get(key);
        if (user) state.users.set(key, unknownMembers(user));
      } else if (req.op.id === 'UpdateThemePermissions') {
        if (state.themes.has(p.ThemeId as string)) state.themes.set(p.ThemeId as string, UNKNOWN);
      } else if (state.customPermissions.has(p.CustomPermissionsName as string)) {
        state.customPermissions.set(p.CustomPermissionsName as string, UNKNOWN);
      }
      return { state, readings: world.readings };
    });
    this.worlds = dedupe(this.worlds);
  }

  private describe(
    req: ModelRequest,
    candidates: { outcome: Outcome }[],
    found: Pick<ModelVerdict, 'matched' | 'statusMatched' | 'mismatches'>,
  ): Omit<ModelVerdict, 'settled' | 'heldReadings'> {
    const successStatus = req.op.success.status;
    const byAnswer = new Map<string, AllowedAnswer>();
    for (const { outcome } of candidates) {
      const text = describeAnswer(outcome.answer, successStatus);
      const under = describeReadings(outcome.readings);
      const known = byAnswer.get(text);
      // An answer allowed under several readings is allowed under their common part.
      if (known) known.under = known.under.filter((r) => under.includes(r));
      else byAnswer.set(text, { answer: text, under, why: outcome.answer.why });
    }
    return {
      ...found,
      allowed: [...byAnswer.values()],
      successAllowed: candidates.some((c) => c.outcome.answer.kind === 'success'),
      errorAllowed: candidates.some((c) => c.outcome.answer.kind === 'error'),
    };
  }
}

function unknownMembers(user: UserState): UserState {
  const out = { ...user } as unknown as Record<string, unknown>;
  for (const key of Object.keys(out)) if (key !== 'Namespace' && key !== 'UserName') out[key] = UNKNOWN;
  return out as unknown as UserState;
}

function dedupe(worlds: World[]): World[] {
  // One world (the usual case, once the readings are learnt) has nothing to be told apart from.
  if (worlds.length <= 1) return worlds;
  // Keyed by the state's fingerprint as it is (a remembered string: hashed once), then the readings.
  const seen = new Map<string, Set<string>>();
  const out: World[] = [];
  for (const world of worlds) {
    const state = fingerprint(world.state);
    const readings = readingsKey(world.readings);
    let known = seen.get(state);
    if (!known) {
      known = new Set();
      seen.set(state, known);
    }
    if (known.has(readings)) continue;
    known.add(readings);
    out.push(world);
    if (out.length >= MAX_WORLDS) break;
  }
  return out;
}

const readingsKeys = new WeakMap<Readings, string>();

/** A stable text of a choice of readings (the same object is shared by many worlds: remembered). */
function readingsKey(readings: Readings): string {
  let key = readingsKeys.get(readings);
  if (key === undefined) {
    key = Object.entries(readings).sort().join(',');
    readingsKeys.set(readings, key);
  }
  return key;
}
