/**
 * The generated cases keep the promise of "no false alarms": a positive case breaks no documented
 * rule, a negative case breaks exactly the rules it declares (as the spec's own validators judge
 * it), pattern values hold under both readings, and no value AWS also accepts is used as invalid.
 * Then every case is sent to the reference mock over HTTP, and the reference model allows each answer.
 */
import { breaksBothReadings, type ConformanceCase, generateCases, matchesBothReadings } from '../../src/cases';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { type RunningMock, startMock } from '../../src/mock';
import { compileValidators, loadSpec } from '../../src/spec';
import { verify } from '../../src/verify';

const model = loadSpec();
const validators = compileValidators(model);
const cases = generateCases(model, DEFAULT_FIXTURES);
const byKind = (kind: ConformanceCase['kind']) => cases.filter((c) => c.kind === kind).map((c) => [c.id, c] as const);
const parsedBody = (c: ConformanceCase): unknown => (c.body === undefined ? undefined : JSON.parse(c.body));

test('case ids are unique and every operation has cases of each kind', () => {
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  for (const op of model.operations) {
    const kinds = new Set(cases.filter((c) => c.operationId === op.id).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['boundary', 'malformed', 'missing-resource', 'negative', 'positive', 'semantic']);
  }
});

// A sequence's refused step breaks a rule on purpose (to show the refusal changed nothing); a value AWS tolerates is no broken rule.
const valid = [...byKind('positive'), ...byKind('boundary'), ...byKind('semantic')].filter(([, c]) => c.expect !== 'rejected');
test.each(valid)('valid case %s breaks no documented rule', (_id, c) => {
  const violations = validators.operation(c.operationId).request({ pathParams: c.pathParams, body: parsedBody(c) });
  expect(violations.filter((v) => !v.tolerated)).toEqual([]);
});

test('a sequence step meant to be refused breaks a documented rule', () => {
  const refused = byKind('semantic').filter(([, c]) => c.expect === 'rejected');
  expect(refused.length).toBeGreaterThan(0);
  for (const [, c] of refused)
    expect(validators.operation(c.operationId).request({ pathParams: c.pathParams, body: parsedBody(c) })).not.toEqual([]);
});

test.each(byKind('negative'))('negative %s breaks exactly the rules it declares', (_id, c) => {
  const rules = validators
    .operation(c.operationId)
    .request({ pathParams: c.pathParams, body: parsedBody(c) })
    .map((v) => v.rule);
  expect(rules.sort()).toEqual([...c.breaks].sort());
  expect(c.rule?.source).toMatch(/^(seeds\/\d{3}_[0-9a-f]+\.txt|QUICKSIGHT-FACTS\.md#.+)$/);
});

test('every negative case breaks one documented rule, or one that carries its pattern or enum with it', () => {
  for (const c of cases.filter((x) => x.kind === 'negative')) {
    expect(c.breaks.length === 1 || (c.breaks.length === 2 && /^(pattern|enum) /.test(c.breaks[1] ?? ''))).toBe(true);
  }
});

test('a pattern-breaking value breaks the pattern under both readings', () => {
  const patternCases = cases.filter((c) => c.id.endsWith('/pattern'));
  expect(patternCases.length).toBeGreaterThanOrEqual(6);
  for (const c of patternCases) {
    const pattern = (c.breaks[0] as string).slice('pattern '.length);
    const member = c.id.split(':')[1]?.split('/')[0] as string;
    const value = c.pathParams[member] ?? (parsedBody(c) as Record<string, unknown>)[member];
    expect(breaksBothReadings(pattern, String(value))).toBe(true);
  }
});

test('the positive path values match their patterns under both readings', () => {
  for (const c of cases.filter((x) => x.kind === 'positive')) {
    for (const param of model.operation(c.operationId).pathParams) {
      if (param.schema.pattern) expect(matchesBothReadings(param.schema.pattern, c.pathParams[param.name] as string)).toBe(true);
    }
  }
});

test('no negative case uses a value AWS also accepts (x-tolerated-values)', () => {
  const tolerated = ['ADMIN_PRO', 'AUTHOR_PRO', 'READER_PRO', 'ALLOW'];
  for (const c of cases.filter((x) => x.kind === 'negative')) {
    for (const value of tolerated) expect(c.body ?? '').not.toContain(`"${value}"`);
  }
});

test('unknown body members are never a negative case (AWS ignores them)', () => {
  expect(cases.filter((c) => /unknown (body )?member|additional/i.test(c.title))).toEqual([]);
});

test('a 13-character AwsAccountId negative is 13 digits, so only its length is wrong', () => {
  const c = cases.find((x) => x.id === 'UpdateUser/negative/path:AwsAccountId/maxLength');
  expect(c?.pathParams.AwsAccountId).toMatch(/^[0-9]{13}$/);
});

test('optional members the base request leaves out are broken too (UpdateUser body CustomPermissionsName)', () => {
  expect(cases.map((c) => c.id)).toEqual(
    expect.arrayContaining([
      'UpdateUser/negative/body:CustomPermissionsName/maxLength',
      'UpdateUser/negative/body:CustomPermissionsName/pattern',
      'UpdateThemePermissions/negative/body:RevokePermissions/maxItems',
    ]),
  );
});

describe('against the reference mock over HTTP', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ fixtures: DEFAULT_FIXTURES });
  });
  afterAll(async () => mock?.close());

  // The reference model is the judge: each answer of the mock (which runs the same model) must be
  // one it allows, in the order verify sends the cases (a sequence's meaning is in the steps before).
  test('every case is sent, and every answer is one the reference model allows', async () => {
    const result = await verify({ target: mock.url, fixtures: DEFAULT_FIXTURES, seed: 1, examples: 0, concurrency: 8, timeoutMs: 20_000 });
    const sent = new Set(result.cases.map((c) => c.id));
    expect(cases.filter((c) => !sent.has(c.id)).map((c) => c.id)).toEqual([]);
    const failing = result.cases.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.findings.map((f) => f.message).join('; ')}`);
    expect(failing).toEqual([]);
  });
});
