/**
 * The seed of a run's random requests. By default it is derived from the spec and the fixtures, so a
 * CI gate gives the same verdict every run against the same target; `--seed random` (or a number)
 * explores. The same seed draws the retries' jitter.
 */
import { createHash } from 'node:crypto';
import type { Fixtures } from '../fixtures';

/** A seed from what defines the run: the spec's text and the fixtures. */
export function defaultSeed(specText: string, fixtures: Fixtures): number {
  const digest = createHash('sha256').update(specText).update(JSON.stringify(fixtures)).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}

/**
 * A seeded generator of numbers in [0, 1) (mulberry32: small, fast, good enough for jitter; no
 * library offers a seeded Math.random on its own, and fast-check's generators are its own business).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
