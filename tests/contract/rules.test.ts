/**
 * The spec's matchers are decided once (src/contract/rules.ts) and made two ways: with Pact's own
 * MatchersV3 for the consumer tests, and as plain JSON for the proxy's recorder, which writes a V4
 * file itself (toV4). Both are held to Pact's: the plain factory gives MatchersV3's values, and
 * toV4 gives the content and matching rules Pact's core wrote into contracts/ for the same plan.
 */
import path from 'node:path';
import { MatchersV3 } from '@pact-foundation/pact';
import { buildMatchers, buildResponseHeaderMatchers, PLAIN_MATCHERS, planInteractions, toV4 } from '../../src/contract';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { PACT_FILE_NAME, readPact } from '../../src/pact-file';
import { CONTRACTS_DIR, loadSpec } from '../../src/spec';

const model = loadSpec();
const plans = planInteractions(model, DEFAULT_FIXTURES);
const committed = new Map(
  (readPact(path.join(CONTRACTS_DIR, PACT_FILE_NAME)).raw.interactions as { description: string; [k: string]: unknown }[]).map((i) => [
    i.description,
    i as Record<string, Record<string, unknown>>,
  ]),
);

const rows = plans.map((plan) => [plan.description, plan] as const);

describe.each(rows)('%s', (description, plan) => {
  const op = model.operation(plan.operationId);
  const requestDsl = (m: typeof PLAIN_MATCHERS) =>
    plan.request.invalid || !op.body ? plan.request.body : buildMatchers(m, op.body.schema, plan.request.body);
  const responseDsl = (m: typeof PLAIN_MATCHERS) => buildMatchers(m, plan.response.schema, plan.response.promised, plan.response.errorType);

  test('the plain matchers are the JSON of MatchersV3', () => {
    expect(requestDsl(PLAIN_MATCHERS)).toEqual(requestDsl(MatchersV3));
    expect(responseDsl(PLAIN_MATCHERS)).toEqual(responseDsl(MatchersV3));
    expect(buildResponseHeaderMatchers(PLAIN_MATCHERS, plan.response.errorType)).toEqual(
      buildResponseHeaderMatchers(MatchersV3, plan.response.errorType),
    );
  });

  test("toV4 writes the content and the rules Pact's core wrote into contracts/", () => {
    const written = committed.get(description);
    expect(written).toBeDefined();
    const request = written?.request as { body?: { content: unknown }; matchingRules?: { body?: unknown } };
    const response = written?.response as { body?: { content: unknown }; matchingRules?: { body?: unknown; header?: unknown } };
    const req = toV4(requestDsl(PLAIN_MATCHERS));
    expect(req.content).toEqual(request.body?.content);
    expect(req.rules).toEqual(request.matchingRules?.body ?? {});
    const res = toV4(responseDsl(PLAIN_MATCHERS));
    expect(res.content).toEqual(response.body?.content);
    expect(res.rules).toEqual(response.matchingRules?.body ?? {});
    const headers = Object.entries(buildResponseHeaderMatchers(PLAIN_MATCHERS, plan.response.errorType)).map(([name, dsl]) => ({
      name,
      ...toV4(dsl, name),
    }));
    expect(Object.assign({}, ...headers.map((h) => h.rules))).toEqual(response.matchingRules?.header);
  });
});
