/**
 * Property-based runs with fast-check: `examples` random requests, seeded so that a run can be
 * replayed, and a failing request shrunk to a minimal one (fast-check re-sends smaller candidates
 * and keeps the smallest that still fails).
 */
import fc from 'fast-check';
import type { ConformanceCase } from '../cases';
import type { Exchange } from './exchange';

export interface PropertyOutcome {
  /** How many generated requests ran before the verdict (shrinking not counted). */
  runs: number;
  /** How many smaller requests shrinking tried. */
  shrinks: number;
  /** The shrunk failing exchange, when the property failed. */
  counterexample: Exchange | undefined;
  /** Every request sent, shrinking included. */
  sent: number;
}

export interface PropertyOptions {
  seed: number;
  examples: number;
  /** Sends the case and returns its exchange. */
  execute: (c: ConformanceCase) => Promise<Exchange>;
  /** Whether the exchange breaks the contract. */
  fails: (exchange: Exchange) => boolean;
  /** Whether shrinking a failure is worth its requests (not for a target that answers nothing in time). */
  shrinkable?: (exchange: Exchange) => boolean;
  /**
   * Shrinking stops after this many re-sent candidates and reports the smallest request so far: a
   * count, not a time, so that the same target and seed shrink to the same request on any machine.
   */
  maxShrinkRuns?: number;
}

export async function runProperty(arbitrary: fc.Arbitrary<ConformanceCase>, options: PropertyOptions): Promise<PropertyOutcome> {
  let counterexample: Exchange | undefined;
  let sent = 0;
  let shrinkRuns: number | undefined;
  const budget = options.maxShrinkRuns ?? 100;
  const property = fc.asyncProperty(arbitrary, async (c) => {
    // Past the shrinking budget the remaining candidates count as passing, so shrinking ends with
    // the smallest failure so far; the examples before the first failure all run.
    if (shrinkRuns !== undefined && ++shrinkRuns > budget) return true;
    const exchange = await options.execute(c);
    sent += 1;
    if (!options.fails(exchange)) return true;
    shrinkRuns ??= options.shrinkable?.(exchange) === false ? budget : 0;
    // The last failure seen is the smallest: fast-check only moves on to shrinks that still fail.
    counterexample = exchange;
    return false;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.examples,
  });
  return { runs: details.numRuns, shrinks: details.numShrinks, counterexample: details.failed ? counterexample : undefined, sent };
}
