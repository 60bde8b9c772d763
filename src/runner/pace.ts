/**
 * `--rate N`: at most N requests start per second, evenly spaced, whatever the concurrency: a
 * target you do not own (a shared mock, a real account with its own throttling) sees a steady
 * trickle rather than bursts. Every request the runner sends waits for its turn here, retries
 * included. Hand-written: p-throttle is ESM-only since v5 (this package is CommonJS) and Bottleneck
 * has had no release since 2019; what is needed is a schedule of start times, a few lines.
 */

export interface Pacer {
  /** Resolves when the next request may start. */
  wait(): Promise<void>;
}

export interface PacerOptions {
  /** Requests per second (> 0; 0.5 is one every two seconds). */
  rate: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createPacer(options: PacerOptions): Pacer {
  const interval = 1000 / options.rate;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let next = Number.NEGATIVE_INFINITY;
  return {
    wait() {
      // Each caller takes the next free start time at once, so callers waiting together keep their order.
      const at = Math.max(now(), next);
      next = at + interval;
      const delay = at - now();
      return delay > 0 ? sleep(delay) : Promise.resolve();
    },
  };
}
