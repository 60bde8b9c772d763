/**
 * A lane's round trips, shared by its tracks: its cases, its stateful sequences, and the requests a
 * faithful target refuses (its rule-breaking cases and random invalid requests). Each track hands
 * the ticker one step at a time and waits for its answers; once every track still running has a
 * step waiting, the ticker sends those that may go together as one burst (the model holds a burst's
 * answers to some serial order of it), and the others wait for the next one. A target's latency
 * then costs the lane its longest track, not the sum of them.
 *
 * Waiting for every track (rather than for a moment) makes what goes together depend only on the
 * plan and the answers, never on timing: the same target gives the same bursts, hence the same
 * verdict, every run. Hand-written: this is the engine's own scheduling rule, not a solved problem
 * a queue library covers.
 */

/** How a step may share its round trip. */
export type Company =
  /** Its requests change nothing on a faithful target: it goes with anything but a `solo` step. */
  | 'quiet'
  /** It may change the resource: it goes with quiet steps and other `shared` steps, within the budget. */
  | 'shared'
  /** It may change the resource and its meaning needs no other change beside it: quiet steps only. */
  | 'exclusive'
  /** Its answer is compared with an earlier one as it is: nothing goes with it. */
  | 'solo';

export interface TickStep<T> {
  items: T[];
  company: Company;
}

/** At most this many requests that may change the resource go at once: every order of their successes is tried (4! = 24). */
export const MAX_CHANGING = 4;

interface Waiting<T, R> {
  track: number;
  step: TickStep<T>;
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

export class Ticker<T, R> {
  private running: number;
  private waiting: Waiting<T, R>[] = [];
  private busy = false;
  private idle: (() => void)[] = [];
  private lock: Promise<void> = Promise.resolve();

  /** `send` sends the items of one round trip (at once when several) and gives one result per item, in order. */
  constructor(
    private readonly send: (items: T[]) => Promise<R[]>,
    tracks: number,
  ) {
    this.running = tracks;
  }

  /** Sends a track's step in the next round trip that may take it. */
  step(track: number, step: TickStep<T>): Promise<R[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ track, step, resolve, reject });
      this.tick();
    });
  }

  /** A track starts: no round trip goes until it too has a step waiting (or leaves). */
  join(): void {
    this.running += 1;
  }

  /** A track has no more steps. */
  leave(): void {
    this.running -= 1;
    this.tick();
  }

  /**
   * The lane to oneself (a property shrinking a failure, whose requests must follow each other with
   * nothing between): resolves, with the function that gives the lane back, once every track has
   * left, the last round trip is over, and whoever had the lane before has given it back.
   */
  async alone(): Promise<() => void> {
    const before = this.lock;
    let release = () => {};
    this.lock = new Promise((resolve) => {
      release = resolve;
    });
    await before;
    await new Promise<void>((resolve) => {
      this.idle.push(resolve);
      this.tick();
    });
    return release;
  }

  private tick(): void {
    if (this.busy) return;
    if (this.waiting.length === 0 || this.waiting.length < this.running) {
      if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    const chosen = choose(this.waiting);
    this.waiting = this.waiting.filter((w) => !chosen.includes(w));
    this.busy = true;
    this.send(chosen.flatMap((w) => w.step.items)).then(
      (results) => {
        let at = 0;
        for (const w of chosen) {
          w.resolve(results.slice(at, at + w.step.items.length));
          at += w.step.items.length;
        }
        this.done();
      },
      (error: unknown) => {
        for (const w of chosen) w.reject(error);
        this.done();
      },
    );
  }

  private done(): void {
    this.busy = false;
    this.tick();
  }
}

/**
 * The steps of the next round trip, by track order (a lane's cases first): a `solo` step alone; else
 * the first step that may change the resource, each other `shared` one its company allows while at
 * most MAX_CHANGING requests may change the resource, and every quiet step.
 */
function choose<T, R>(waiting: Waiting<T, R>[]): Waiting<T, R>[] {
  const byTrack = [...waiting].sort((a, b) => a.track - b.track);
  const solo = byTrack.find((w) => w.step.company === 'solo');
  if (solo) return [solo];
  const chosen: Waiting<T, R>[] = [];
  let changing = 0;
  for (const w of byTrack) {
    const { company, items } = w.step;
    if (company === 'quiet') continue;
    const joins =
      chosen.length === 0 ||
      (company === 'shared' && chosen.every((c) => c.step.company === 'shared') && changing + items.length <= MAX_CHANGING);
    if (!joins) continue;
    chosen.push(w);
    changing += items.length;
  }
  return [...chosen, ...byTrack.filter((w) => w.step.company === 'quiet')];
}
