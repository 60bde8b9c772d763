/**
 * The bounded JSON helpers against the obvious recursive versions on ordinary values (fast-check,
 * seeded), and on the values that broke the recursive ones: deep, wide and long.
 */
import fc from 'fast-check';
import { briefJson, briefText, digestJson, nestsDeeperThan, sameJson } from '../../src/json';

const SEED = 20261129;
const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('briefJson', () => {
  test('is JSON.stringify for any value that fits, and its first max-3 characters and ... for one that does not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 4, max: 300 }), (value, max) => {
        const full = JSON.stringify(value);
        expect(briefJson(value, max)).toBe(full.length <= max ? full : `${full.slice(0, max - 3)}...`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  test.each([
    ['a 300,000-deep array', nested(300_000), `${'['.repeat(77)}...`],
    ['an array of a million items', Array.from({ length: 1_000_000 }, () => 1), `[${'1,'.repeat(38)}...`],
    ['a string of ten million characters', 'x'.repeat(10_000_000), `"${'x'.repeat(76)}...`],
    ['undefined', undefined, 'nothing'],
  ])('%s: 80 characters, no stack overflow', (_name, value, expected) => {
    expect(briefJson(value, 80)).toBe(expected);
  });

  test('briefText says how long a cut text was', () => {
    expect(briefText('abc', 5)).toBe('abc');
    expect(briefText('abcdefgh', 3)).toBe('abc… (8 characters in all)');
  });
});

/** The comparison repeat-idempotent made before issue 11: re-stringifies at every level. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .map(comparable)
      .map((v) => JSON.stringify(v))
      .sort();
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'RequestId')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, comparable(v)]),
    );
  return value;
}

describe('sameJson', () => {
  const options = { ignoreKeys: new Set(['RequestId']), unordered: true };
  const member = fc.constantFrom('a', 'b', 'RequestId', 'Permissions');
  const shapes = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(1, 2, 'x', 'y', null, true),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(member, tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  test('agrees with the old recursive comparison (request ids and list order set aside)', () => {
    fc.assert(
      fc.property(shapes, shapes, (a, b) => {
        expect(sameJson(a, b, options)).toBe(JSON.stringify(comparable(a)) === JSON.stringify(comparable(b)));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  test('a value is the same as its copy with lists reversed and request ids changed; ordered, reversed lists differ', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse).reverse()
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'RequestId' ? 'other' : reverse(x)]))
          : v;
    fc.assert(
      fc.property(shapes, (a) => {
        expect(sameJson(a, reverse(a), options)).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });

  test('30 levels of {"User":[[[...]]]} (1.4 GB for the old comparison) and 100,000 levels: linear, no stack overflow', () => {
    const thirty = { User: nested(30) };
    expect(sameJson(thirty, { User: nested(30) }, options)).toBe(true);
    expect(sameJson(thirty, { User: nested(29) }, options)).toBe(false);
    expect(sameJson(nested(100_000), nested(100_000), options)).toBe(true);
    expect(digestJson(nested(100_000))).not.toBe(digestJson(nested(99_999)));
  });
});

describe('nestsDeeperThan', () => {
  /** The depth of a parsed value, the slow way. */
  const depthOf = (v: unknown): number => (typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

  test('agrees with the depth of the parsed value, strings with brackets and escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(nestsDeeperThan(text, limit)).toBe(depthOf(value) > limit);
      }),
      { seed: SEED, numRuns: 1000 },
    );
    expect(nestsDeeperThan('{"a":"[[[[[[\\"[[[[[["}', 1)).toBe(false);
  });

  test('ends on malformed text, and finds a 300,000-deep one', () => {
    expect(nestsDeeperThan(`"${'['.repeat(500)}`, 10)).toBe(false);
    expect(nestsDeeperThan('['.repeat(300_000), 100)).toBe(true);
    expect(nestsDeeperThan(`${']'.repeat(300)}${'['.repeat(50)}`, 100)).toBe(false);
  });
});
