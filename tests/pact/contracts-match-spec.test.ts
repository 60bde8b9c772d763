import { readdirSync } from 'node:fs';
import path from 'node:path';
import { checkInteraction, type PactInteraction, readPactFile } from '../../src/pact';
import { CONTRACTS_DIR, compileValidators, createRouter, loadSpec } from '../../src/spec';

const model = loadSpec();
const deps = { model, validators: compileValidators(model), route: createRouter(model) };
const files = readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.json'));
const interactions = files.flatMap((f) => readPactFile(path.join(CONTRACTS_DIR, f)).interactions);

test('contracts/ holds a pact', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(interactions.map((i) => [i.description, i] as const))('%s agrees with the spec', (_d, interaction) => {
  expect(checkInteraction(interaction, deps)).toEqual([]);
});

test('every operation has a success and each error of its page in the contracts', () => {
  const coverage = new Map<string, Set<string>>();
  for (const i of interactions) {
    const routed = deps.route(i.request.method, i.request.path);
    if (routed.kind !== 'matched') continue;
    const outcome = i.response.status < 400 ? 'success' : String(i.response.headers?.['x-amzn-ErrorType']?.[0]);
    coverage.set(routed.operation.id, (coverage.get(routed.operation.id) ?? new Set()).add(outcome));
  }
  for (const op of model.operations) {
    const want = ['success', ...op.errors.filter((e) => !e.common).map((e) => e.type)];
    expect([...(coverage.get(op.id) ?? [])].sort()).toEqual(want.sort());
  }
});

// The same check must catch a contract that disagrees with the spec.
const base = interactions.find((i) => i.description === 'UpdateUser: a valid update of an existing resource') as PactInteraction;
const notFound = interactions.find((i) => i.description === 'UpdateUser: UserName names nothing that exists') as PactInteraction;
const invalid = interactions.find((i) => i.description === 'UpdateUser: a request that breaks a documented constraint') as PactInteraction;
const withBody = (i: PactInteraction, part: 'request' | 'response', content: unknown): PactInteraction => ({
  ...i,
  [part]: { ...i[part], body: { content, contentType: 'application/json', encoded: false } },
});

const broken: [string, PactInteraction, string][] = [
  ['a Role outside the documented enum', withBody(base, 'request', { Email: 'a@example.com', Role: 'OWNER' }), 'request.body'],
  [
    'a 13-digit account id',
    { ...base, request: { ...base.request, path: base.request.path.replace('123456789012', '1234567890123') } },
    'request.path',
  ],
  ['an unencoded slash in the user name', { ...base, request: { ...base.request, path: `${base.request.path}/ops` } }, 'request.operation'],
  ['POST instead of PUT', { ...base, request: { ...base.request, method: 'POST' } }, 'request.operation'],
  ['a status the operation does not document', { ...base, response: { ...base.response, status: 409 } }, 'response.status'],
  ['a response member of the wrong type', withBody(base, 'response', { RequestId: 'r', User: { Active: 'yes' } }), 'response.body'],
  [
    'an error type documented for another status',
    { ...notFound, response: { ...notFound.response, headers: { 'x-amzn-ErrorType': ['ThrottlingException'] } } },
    'response.errorType',
  ],
  ['an error with no type', { ...notFound, response: { ...notFound.response, headers: {} } }, 'response.errorType'],
  [
    'an InvalidParameterValueException contract whose request is valid',
    withBody(invalid, 'request', { Email: 'a@example.com', Role: 'READER' }),
    'request.invalid',
  ],
];

test.each(broken)('flags %s', (_name, interaction, rule) => {
  expect(checkInteraction(interaction, deps).map((p) => p.rule)).toContain(rule);
});

test('accepts the `:`-suffixed error type form that AWS SDKs read', () => {
  const suffixed = {
    ...notFound,
    response: {
      ...notFound.response,
      headers: { 'x-amzn-ErrorType': ['ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.quicksight/'] },
    },
  };
  expect(checkInteraction(suffixed, deps)).toEqual([]);
});
