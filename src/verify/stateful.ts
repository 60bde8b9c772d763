/**
 * Stateful random sequences with fast-check's model-based testing (`fc.commands`): each run is a
 * random sequence of steps on one resource, every answer judged by the lane's oracle as it comes.
 * A run that fails is shrunk by fast-check to the shortest sequence that still fails, re-sent
 * against the live target, and reported step by step. The runs go beside the lane's cases, judged
 * on everything the oracle knows; once one fails, the lane is the shrinking's alone, and each
 * smaller run starts by forgetting what the oracle knew of the resource (its first answer teaches
 * it again), so that the shrunk sequence fails on its own, whatever the runs before it left.
 */
import fc from 'fast-check';
import { type CommandStep, commandSteps } from '../cases/commands';
import type { Fixtures } from '../fixtures';
import type { Exchange } from '../runner';
import type { OperationModel } from '../spec';

/** What the engine does for a step: send its requests (at once when several) and judge each answer. */
export interface StepDriver {
  /** Sends the step; returns each exchange with whether it breaks the contract. */
  run(step: CommandStep): Promise<{ exchange: Exchange; fails: boolean }[]>;
  /** Forgets what the oracle knows of the resource (a shrinking run starts from an unknown state). */
  forget(): void;
  /** Called once, before the first shrinking run: resolves when the lane is the shrinking's alone. */
  shrinking(): Promise<void>;
}

export interface StatefulOutcome {
  /** Runs before the verdict (shrinking not counted). */
  runs: number;
  shrinks: number;
  /** Every request sent, shrinking included. */
  requests: number;
  /** The shortest failing run found: each step's exchanges, the failing one last. */
  counterexample?: { steps: Exchange[][]; failing: Exchange };
}

/** A run holds at most this many steps: long enough for a grant, a change and the answer that shows it lost. */
const MAX_STEPS = 6;
/**
 * Shrinking stops after this many re-sent sequences and reports the shortest failure so far. A
 * count, not a time: the same target and seed give the same shrunk sequence on any machine.
 */
const MAX_SHRINK_RUNS = 50;

class Step implements fc.AsyncCommand<object, Recorder> {
  constructor(readonly step: CommandStep) {}
  check(): boolean {
    return true;
  }
  async run(_model: object, recorder: Recorder): Promise<void> {
    await recorder.play(this.step);
  }
  toString(): string {
    const show = (b: unknown) => (b === undefined ? '(no body)' : JSON.stringify(b));
    return this.step.bodies.length > 1 ? `at once: ${this.step.bodies.map(show).join(' ‖ ')}` : show(this.step.bodies[0]);
  }
}

/** The exchanges of one run, and the first failure in it. */
class Recorder {
  readonly steps: Exchange[][] = [];
  failing: Exchange | undefined;
  constructor(private readonly driver: StepDriver) {}
  async play(step: CommandStep): Promise<void> {
    // A run stops at its first failure: the steps after it would be judged on a state the model lost.
    if (this.failing) return;
    const judged = await this.driver.run(step);
    this.steps.push(judged.map((j) => j.exchange));
    this.failing = judged.find((j) => j.fails)?.exchange;
  }
}

export async function runStateful(
  op: OperationModel,
  target: { fixtures: Fixtures; pathParams: Record<string, string> },
  options: { seed: number; examples: number; driver: StepDriver },
): Promise<StatefulOutcome> {
  const { driver } = options;
  const commands = fc.commands([commandSteps(op, target.fixtures, target.pathParams).map((s) => new Step(s))], { maxCommands: MAX_STEPS });
  let requests = 0;
  let failures = 0;
  let afterFirstFailure = 0;
  let shortest: StatefulOutcome['counterexample'];
  const property = fc.asyncProperty(commands, async (cmds) => {
    // A run of no step would pass having sent nothing (with few runs, every run could be empty):
    // fast-check draws another. Not a filter on fc.commands: fast-check would hand the property a
    // clone of a filtered value, and shrinks only the commands of the original that ran (none).
    fc.pre([...cmds].length > 0);
    if (failures > 0) {
      if (++afterFirstFailure > MAX_SHRINK_RUNS) return true;
      if (afterFirstFailure === 1) await driver.shrinking();
      driver.forget();
    }
    const recorder = new Recorder(driver);
    await fc.asyncModelRun(() => ({ model: {}, real: recorder }), cmds);
    requests += recorder.steps.reduce((n, s) => n + s.length, 0);
    if (!recorder.failing) return true;
    failures += 1;
    // fast-check moves on only to smaller candidates that still fail: the last failure is the shortest.
    shortest = { steps: recorder.steps, failing: recorder.failing };
    return false;
  });
  // About `examples` requests in all: runs of up to MAX_STEPS steps (about half that on average), a burst counting each request.
  const numRuns = Math.max(1, Math.ceil(options.examples / 8));
  const details = await fc.check(property, { seed: options.seed, numRuns });
  return {
    runs: details.numRuns,
    shrinks: details.numShrinks,
    requests,
    ...(details.failed && shortest ? { counterexample: shortest } : {}),
  };
}
