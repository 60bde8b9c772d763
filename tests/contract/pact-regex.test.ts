/**
 * The contract's regex matchers against Pact's own engine (the Rust core of pact-js): for every
 * pattern and enum of the spec, a value the spec accepts under both readings of its pattern
 * (anchored and not, QUICKSIGHT-FACTS.md "Patterns") must match, a value it refuses under both must
 * not, and a value only the unanchored reading accepts must match too (no server is failed for a
 * documented reading). Pact reads patterns anchored and with a Unicode `\w` (found by probing it),
 * so the matchers are rewritten by pactRegex(); this test is what keeps that rewrite honest.
 * Request matching (the mock server) and response matching (the Verifier) gave the same verdicts
 * in that probe; the body members are checked on the request side, the Content-Type on the response side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MatchersV3 as M, PactV4 } from '@pact-foundation/pact';
import { breaksBothReadings, matchesBothReadings, validStringOfLength } from '../../src/cases';
import { JSON_MEDIA_TYPE, pactRegex } from '../../src/contract/matchers';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { readPact } from '../../src/pact-file';
import { verifyPact } from '../../src/pact-verify';
import { acceptedValues, effectiveSchema, type JsonSchema, loadSpec } from '../../src/spec';

const model = loadSpec();
const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-pact-regex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// pact-js logs every mismatch of its mock server through console.log: expected here, and noise in the test log.
beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

/** Every string schema of the spec with a pattern, by pattern (path parameters, request and response members). */
function patterns(): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const schema = node as JsonSchema;
    if (typeof schema.pattern === 'string' && !found.has(schema.pattern)) found.set(schema.pattern, effectiveSchema(schema));
    for (const child of Object.values(node)) walk(child);
  };
  walk(model.document.paths);
  return found;
}

let tag = 0;
/**
 * Whether Pact's mock server matches a request whose body member `v` is `value`, against a regex
 * matcher. Only the mock server's answer decides: a request that never reached it (the native core
 * slow to listen on a loaded machine) is sent again in a new Pact, never read as "does not match".
 * Its 200 is the match, whatever executeTest says after it: the core records a match after
 * answering, and on a loaded machine executeTest may ask first and reject ("expected but not
 * received"; pact-foundation/pact-reference#535, see tests/contract/consumer.test.ts; here a few
 * requests in a thousand with two processes busy).
 */
async function pactMatches(regex: string, example: string, value: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const verdict = await pactVerdict(regex, example, value);
    if (verdict !== 'unreached') return verdict === 'matches';
    if (attempt === 3) throw new Error(`Pact's mock server could not be reached in ${attempt} attempts`);
  }
}

async function pactVerdict(regex: string, example: string, value: string): Promise<'matches' | 'no match' | 'unreached'> {
  tag += 1;
  const pact = new PactV4({ consumer: `regex-c-${tag}`, provider: `regex-p-${tag}`, dir, logLevel: 'error' });
  let status: number | undefined;
  try {
    await pact
      .addInteraction()
      .uponReceiving(`a value for ${regex}`)
      .withRequest('POST', '/v', (b) => b.jsonBody({ v: M.regex(regex, example) }))
      .willRespondWith(200)
      .executeTest(async (server) => {
        const response = await fetch(`${server.url}/v`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ v: value }),
        });
        status = response.status;
        if (response.status !== 200) throw new Error(`mock server answered ${response.status}`);
      });
  } catch {
    // The mock server answers a request that matches no interaction with a 500 of its own; the
    // verdict is that answer's status.
  }
  return status === undefined ? 'unreached' : status === 200 ? 'matches' : 'no match';
}

type Row = [pattern: string, value: string, verdict: 'matches' | 'does not match', why: string];

function rows(): Row[] {
  const out: Row[] = [];
  for (const [pattern, schema] of patterns()) {
    const length = Math.max(schema.minLength ?? 1, 1);
    const valid = validStringOfLength(schema, length);
    if (valid !== undefined) out.push([pattern, valid, 'matches', 'valid under both readings']);
    for (const candidate of ['a', 'abc', 'Zoë Ångström', 'a b', ' !x! ', 'é', '名', '!!!', '123456789012', '1234567890123', '']) {
      const both = matchesBothReadings(pattern, candidate);
      const neither = breaksBothReadings(pattern, candidate);
      if (both) out.push([pattern, candidate, 'matches', 'valid under both readings']);
      else if (neither) out.push([pattern, candidate, 'does not match', 'refused under both readings']);
      else out.push([pattern, candidate, 'matches', 'valid under the unanchored reading only']);
    }
  }
  return out;
}

test.each(rows())('%s on %j: Pact %s (%s)', async (pattern, value, verdict) => {
  const example = validStringOfLength(patterns().get(pattern) ?? {}, 1) ?? 'a';
  expect(await pactMatches(pactRegex(pattern), example, value)).toBe(verdict === 'matches');
});

test("every enum's matcher takes its documented and tolerated values and nothing else", async () => {
  const role = effectiveSchema(model.operation('UpdateUser').body?.schema.properties?.Role ?? {});
  const values = acceptedValues(role) as string[];
  const regex = `^(${values.join('|')})$`;
  for (const value of values) expect(await pactMatches(regex, 'READER', value)).toBe(true);
  for (const value of ['OWNER', 'reader', 'READER ', '']) expect(await pactMatches(regex, 'READER', value)).toBe(false);
});

describe('the Content-Type matcher on the response side (the Verifier, as pact-verify runs it)', () => {
  const ANSWERS: [string, boolean][] = [
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/x-amz-json-1.1', true],
    ['application/problem+json', true],
    ['text/plain', false],
    ['text/html; charset=utf-8', false],
  ];
  let verdicts = new Map<string, string>();
  beforeAll(async () => {
    // One interaction per answer, each at its own path: one verification run, one verdict each.
    const server: Server = createServer((req, res) => {
      const answer = ANSWERS[Number(req.url?.split('/')[2])]?.[0] ?? 'text/plain';
      res.writeHead(200, { 'Content-Type': answer }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      for (const [index, [contentType]] of ANSWERS.entries()) {
        // Each interaction in a Pact of its own, merged into the one pact file: an executeTest that
        // the core's race (see pactVerdict) rejects after a match is run again; a real mismatch fails
        // every try.
        for (let attempt = 1; ; attempt++) {
          const pact = new PactV4({ consumer: 'content-type-c', provider: 'content-type-p', dir, logLevel: 'error' });
          const recorded = await pact
            .addInteraction()
            .uponReceiving(contentType)
            .withRequest('GET', `/v/${index}`)
            .willRespondWith(200, (b) => b.headers({ 'Content-Type': M.regex(JSON_MEDIA_TYPE, 'application/json') }).jsonBody({}))
            .executeTest(async (mock) => {
              await fetch(`${mock.url}/v/${index}`);
            })
            .then(
              () => true,
              (error: unknown) => {
                if (attempt === 3) throw error;
                return false;
              },
            );
          if (recorded) break;
        }
      }
      const pactFile = path.join(dir, 'content-type-c-content-type-p.json');
      const { port } = server.address() as AddressInfo;
      const target = `http://127.0.0.1:${port}`;
      const result = await verifyPact({
        target,
        pactFile,
        pact: readPact(pactFile),
        fixtures: DEFAULT_FIXTURES,
        controlPlane: false,
        timeoutMs: 10_000,
      });
      verdicts = new Map(result.interactions.map((i) => [i.description, i.status]));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test.each(ANSWERS)('%s: %s', (contentType, accepted) => {
    expect(verdicts.get(contentType)).toBe(accepted ? 'passed' : 'failed');
  });
});
