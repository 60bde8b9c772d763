/**
 * What the model says of one request on one state: the answers it allows, each under the readings
 * that lead to it, with the change a success makes. explore() runs an operation's decision once per
 * combination of the readings it consults and has no choice for yet, so the decision code reads like
 * the page (`read('profile-missing') === 'not-found'`) and never enumerates readings itself.
 */
import type { OperationModel, Violation } from '../spec';
import { type AmbiguityId, READINGS, type ReadingOf, type Readings } from './register';
import type { ModelState } from './state';

/** A request as the model reads it: routed, its body parsed, its documented rules checked. */
export interface ModelRequest {
  op: OperationModel;
  pathParams: Record<string, string>;
  /** The parsed JSON body (undefined when none); a body that is not JSON has a `json` violation. */
  body: unknown;
  /** Every documented rule it breaks (src/spec validators); tolerated values are marked so. */
  violations: readonly Violation[];
}

/** An error the model allows: its status, the error types that may name it, and why. */
export interface ErrorAnswer {
  kind: 'error';
  status: number;
  types: string[];
  resourceType?: string;
  /** One sentence, for the mock's Message and verify's finding. */
  why: string;
}

/** A success: the change it makes, and the body it answers (UNKNOWN where the state is unknown). */
export interface SuccessAnswer {
  kind: 'success';
  apply: (state: ModelState) => void;
  /** The body a faithful target answers on the changed state. */
  body: (state: ModelState) => Record<string, unknown>;
  /** What the request asks for, to say what a target's answer failed to show. */
  why: string;
  /** Takes from a target's success body what the state does not know yet (verify learns a target's state so). */
  learn?: (state: ModelState, actual: Record<string, unknown>) => void;
}

export type Answer = ErrorAnswer | SuccessAnswer;

/** One allowed answer and the readings under which it is the answer. */
export interface Outcome {
  readings: Readings;
  answer: Answer;
}

export type Read = <A extends AmbiguityId>(id: A) => ReadingOf<A>;

/** Thrown by `read` for an ambiguity the branch has no reading for yet: explore() then branches. */
const NEEDS = Symbol('needs a reading');

/**
 * The decision run under every combination of the readings it consults: each alternative the
 * decision returns (an error among several problems, or the one success) becomes an outcome with
 * the readings of its branch. `given` readings are held; only the missing ones branch.
 */
export function explore(decide: (read: Read) => Answer[], given: Readings): Outcome[] {
  const outcomes: Outcome[] = [];
  const pending: Readings[] = [given];
  while (pending.length > 0) {
    const assigned = pending.shift() as Readings;
    let missing: AmbiguityId | undefined;
    const read = (<A extends AmbiguityId>(id: A): ReadingOf<A> => {
      const reading = assigned[id];
      if (reading !== undefined) return reading as ReadingOf<A>;
      missing = id;
      throw NEEDS;
    }) as Read;
    try {
      for (const answer of decide(read)) outcomes.push({ readings: assigned, answer });
    } catch (error) {
      if (error !== NEEDS || missing === undefined) throw error;
      for (const reading of READINGS[missing]) pending.push({ ...assigned, [missing]: reading });
    }
  }
  return outcomes;
}
