/**
 * The same verdict every run: with the default seed (derived from the spec and the fixtures) and
 * the default options, two runs against two fresh copies of a target send the same requests in the
 * same lanes and reach the same verdict, case by case, finding by finding, whatever the timing.
 */
import { readFileSync } from 'node:fs';
import { VERIFY_DEFAULTS } from '../../src/cli/commands/verify';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { DEFAULT_SPEC_PATH } from '../../src/spec';
import { defaultSeed, type VerifyResult, verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';

const seed = defaultSeed(readFileSync(DEFAULT_SPEC_PATH, 'utf8'), BUILTIN_FIXTURES);
const options = { fixtures: BUILTIN_FIXTURES, seed, ...VERIFY_DEFAULTS };

/** A run as its verdict: each case's request (the port blanked), status and finding codes, and the readings. */
function verdictOf(result: VerifyResult) {
  return {
    verdict: result.verdict,
    readings: result.readings,
    cases: result.cases.map((c) => ({
      id: c.id,
      status: c.status,
      sent: c.request ? `${c.request.method} ${c.request.url.replace(/^https?:\/\/[^/]+/, '')} ${c.request.body ?? ''}` : undefined,
      findings: c.findings.map((f) => f.code),
      sequence: c.sequence?.map((s) => s.curl.replace(/http:\/\/127\.0\.0\.1:\d+/, 'URL')),
    })),
  };
}

async function twice(start: () => Promise<{ url: string; close(): Promise<void> }>) {
  const verdicts = [];
  for (let run = 0; run < 2; run += 1) {
    const target = await start();
    try {
      verdicts.push(verdictOf(await verify({ ...options, target: target.url })));
    } finally {
      await target.close();
    }
  }
  return verdicts;
}

test('two default runs against the faithful mock: the same requests, the same passing verdict', async () => {
  const [first, second] = await twice(() => startMock({ fixtures: BUILTIN_FIXTURES }));
  expect(first?.verdict).toBe('pass');
  expect(second).toEqual(first);
}, 60_000);

test('two default runs against a defect that only shows across requests: the same failing cases and findings', async () => {
  const [first, second] = await twice(() => startDefectiveMock('later-update-drops-profile'));
  expect(first?.verdict).toBe('fail');
  expect(second).toEqual(first);
}, 60_000);
