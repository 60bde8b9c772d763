/**
 * Runs the cases: the independent ones concurrently (at most `concurrency` in flight), then each
 * sequence in order, one at a time, so that no other request changes the resource between its
 * steps. Every exchange is reported as it completes, whole, to be judged; the exchanges returned
 * keep a bounded prefix of each body (body.ts), so that a run's memory does not grow with what
 * the target sends.
 */
import pLimit from 'p-limit';
import type { ConformanceCase } from '../cases';
import type { SpecModel } from '../spec';
import { keepReceived } from './body';
import type { Exchange, Received } from './exchange';
import { execute, type Target } from './execute';

export interface RunCasesOptions {
  concurrency: number;
  onExchange?: (exchange: Exchange) => void;
}

export async function runCases(model: SpecModel, target: Target, cases: ConformanceCase[], options: RunCasesOptions): Promise<Exchange[]> {
  const limit = pLimit(Math.max(1, options.concurrency));
  const exchanges: Exchange[] = [];
  const done = (exchange: Exchange) => {
    options.onExchange?.(exchange);
    exchanges.push({ case: exchange.case, request: exchange.request, received: keepReceived(exchange.received) });
    return exchange;
  };

  // Nothing returned from here: the settled promises would hold every whole exchange to the end.
  await Promise.all(
    cases
      .filter((c) => !c.sequence)
      .map((c) =>
        limit(async () => {
          done(await execute(model, target, c));
        }),
      ),
  );

  const sequences = new Map<string, ConformanceCase[]>();
  for (const c of cases) if (c.sequence) sequences.set(c.sequence.id, [...(sequences.get(c.sequence.id) ?? []), c]);
  for (const steps of sequences.values()) {
    const answers = new Map<number, Received>();
    for (const step of steps.sort((a, b) => (a.sequence?.step ?? 0) - (b.sequence?.step ?? 0))) {
      const sameAs = step.sequence?.sameAs;
      const exchange = done(await execute(model, target, step, sameAs === undefined ? undefined : answers.get(sameAs)));
      answers.set(step.sequence?.step ?? 0, exchange.received);
    }
  }
  return exchanges;
}
