/**
 * Requests a faithful target refuses go beside a lane's updates (src/verify/ticker.ts), and a lane's
 * stateful sequences beside its cases. Two conforming variants failed that way once, each a false
 * alarm the model caused: an answer no order allowed made every update beside it be judged on the
 * state before them, and an error beside an update taught a reading from a state it never met.
 */
import { readFileSync } from 'node:fs';
import { VERIFY_DEFAULTS } from '../../src/cli/commands/verify';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { DEFAULT_SPEC_PATH } from '../../src/spec';
import { defaultSeed, verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';

async function verdictOf(variant: string, seed: number) {
  const target = await startDefectiveMock(variant);
  try {
    const result = await verify({ ...VERIFY_DEFAULTS, fixtures: BUILTIN_FIXTURES, seed, target: target.url });
    return { verdict: result.verdict, failed: result.cases.filter((c) => c.status === 'failed').map((c) => c.id) };
  } finally {
    await target.close();
  }
}

test.each([
  // A path with an empty segment answered 404 UnknownOperationException, beside the stateful theme updates.
  ['empty-segment-unknown-path', defaultSeed(readFileSync(DEFAULT_SPEC_PATH, 'utf8'), BUILTIN_FIXTURES)],
  // A refused revoke beside an update, on the seed that once settled revoke-not-held=rejected on the reference mock.
  ['json-charset', 1875342358],
])('passes the conforming variant %s (seed %d) with refused requests beside its updates', async (variant, seed) => {
  expect(await verdictOf(variant, seed)).toEqual({ verdict: 'pass', failed: [] });
});
