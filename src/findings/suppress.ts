/**
 * `--suppress CODE[,CODE...]`: the findings of the codes given are dropped where a command collects
 * them, before any verdict, and counted, so that every report can say what it left out.
 */
import { ALL_CODES, type FindingCode } from './codes';

export interface SuppressedCount {
  code: FindingCode;
  /** How many findings of the code were dropped (0: the code was suppressed and nothing showed it). */
  count: number;
}

export class Suppression {
  private readonly counts: Map<FindingCode, number>;

  constructor(codes: Iterable<FindingCode> = []) {
    this.counts = new Map([...codes].map((code) => [code, 0]));
  }

  /** Whether a code's findings are dropped. */
  suppresses(code: FindingCode): boolean {
    return this.counts.has(code);
  }

  /** The findings kept; each dropped one is counted. */
  keep<F extends { code: FindingCode }>(findings: readonly F[]): F[] {
    if (this.counts.size === 0) return [...findings];
    return findings.filter((f) => {
      const count = this.counts.get(f.code);
      if (count === undefined) return true;
      this.counts.set(f.code, count + 1);
      return false;
    });
  }

  /** Every code given, in the order given, with how many findings it dropped. */
  tally(): SuppressedCount[] {
    return [...this.counts].map(([code, count]) => ({ code, count }));
  }
}

/**
 * The edit distance of two short strings. Hand-written: no runtime dependency of the package has
 * one (leven and js-levenshtein come with dev tools only), and one distance over some sixty short
 * codes, once per mistyped flag, does not warrant a dependency.
 */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * The known code a mistyped one most likely meant: the first one it is the start of (a family, a
 * group) or a part of (`status-in-body`), else the nearest by edit distance.
 */
export function closestCode(text: string): FindingCode {
  const wanted = text.trim().toLowerCase();
  const extended = ALL_CODES.find((code) => code.startsWith(`${wanted}.`)) ?? ALL_CODES.find((code) => wanted && code.includes(wanted));
  if (extended) return extended;
  let best = ALL_CODES[0] as FindingCode;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const code of ALL_CODES) {
    const d = distance(wanted, code);
    if (d < bestDistance) [best, bestDistance] = [code, d];
  }
  return best;
}

export const isFindingCode = (text: string): text is FindingCode => (ALL_CODES as readonly string[]).includes(text);
