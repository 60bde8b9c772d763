/**
 * contracts/ agrees with the spec: checked by pact-check itself (the check a provider team runs on a
 * consumer's Pact), with no finding at all, not even a warning; it covers each operation's success
 * and each error its page documents; and the invalid-parameter interactions really send a request
 * that breaks a documented rule (pact-check exempts those requests; here they must break one).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { checkPact, pactCheckDeps } from '../../src/pact-check';
import { readPact } from '../../src/pact-file';
import { createRouter, readErrorType } from '../../src/protocol';
import { CONTRACTS_DIR, compileValidators, loadSpec } from '../../src/spec';

const model = loadSpec();
const route = createRouter(model);
const validators = compileValidators(model);
const files = readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.json'));
const pacts = files.map((f) => readPact(path.join(CONTRACTS_DIR, f)));
const interactions = pacts.flatMap((p) => p.interactions);

test('contracts/ holds a pact, every interaction of it HTTP', () => {
  expect(files.length).toBeGreaterThan(0);
  expect(pacts.flatMap((p) => p.skipped)).toEqual([]);
});

test.each(files.map((f, i) => [f, pacts[i]] as const))('pact-check finds nothing in %s', async (_file, pact) => {
  const result = await checkPact(pact as NonNullable<typeof pact>, pactCheckDeps(model));
  expect(
    result.interactions.filter((i) => i.findings.length > 0).map((i) => [i.description, i.findings.map((f) => `${f.code}: ${f.message}`)]),
  ).toEqual([]);
});

test('every operation has a success and each error of its page in the contracts', () => {
  const coverage = new Map<string, Set<string>>();
  for (const i of interactions) {
    const routed = route(i.request.method, i.request.path);
    if (routed.kind !== 'matched') continue;
    const outcome =
      i.response.status < 400 ? 'success' : String(readErrorType(i.response.headers['x-amzn-errortype']?.[0], i.response.body)?.name);
    coverage.set(routed.operation.id, (coverage.get(routed.operation.id) ?? new Set()).add(outcome));
  }
  for (const op of model.operations) {
    const want = ['success', ...op.errors.filter((e) => !e.common).map((e) => e.type)];
    expect([...(coverage.get(op.id) ?? [])].sort()).toEqual(want.sort());
  }
});

test.each(interactions.filter((i) => i.description.includes('breaks a documented constraint')).map((i) => [i.description, i] as const))(
  '%s sends a request that breaks a documented rule',
  (_d, interaction) => {
    const routed = route(interaction.request.method, interaction.request.path);
    const violations =
      routed.kind === 'matched'
        ? validators.operation(routed.operation.id).request({ pathParams: routed.pathParams, body: interaction.request.body })
        : [];
    expect(violations.filter((v) => !v.tolerated).length).toBeGreaterThan(0);
  },
);
