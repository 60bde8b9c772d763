/**
 * The generated cases keep the promise of "no false alarms": a positive case breaks no documented
 * rule, a negative case breaks exactly the rules it declares (as the spec's own validators judge
 * it), pattern values hold under both readings, and no value AWS also accepts is used as invalid.
 * Then every case is sent to the reference mock over HTTP and gets the outcome it expects.
 */
import { breaksBothReadings, type ConformanceCase, generateCases, matchesBothReadings } from '../../src/cases';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { type RunningMock, startMock } from '../../src/mock';
import { buildPath } from '../../src/protocol';
import { compileValidators, loadSpec } from '../../src/spec';

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

test.each([...byKind('positive'), ...byKind('boundary'), ...byKind('semantic')])('valid case %s breaks no documented rule', (_id, c) => {
  expect(validators.operation(c.operationId).request({ pathParams: c.pathParams, body: parsedBody(c) })).toEqual([]);
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
  expect(cases.filter((c) => /unknown|additional/i.test(c.title))).toEqual([]);
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
    mock = await startMock();
  });
  afterAll(async () => mock?.close());

  const outcome: Partial<Record<ConformanceCase['expect'], readonly [number, string | undefined]>> = {
    success: [200, undefined],
    rejected: [400, 'InvalidParameterValueException'],
    'not-found': [404, 'ResourceNotFoundException'],
  };

  // Sequences run in order, as the runner runs them.
  test.each(cases.map((c) => [c.id, c] as const))('%s gets the outcome it expects', async (_id, c) => {
    const op = model.operation(c.operationId);
    const response = await fetch(`${mock.url}${buildPath(op, c.pathParams)}`, {
      method: op.method,
      headers: { 'content-type': 'application/json' },
      ...(c.body === undefined ? {} : { body: c.body }),
    });
    if (c.expect === 'not-rejected') expect(response.status).not.toBe(400);
    else expect([response.status, response.headers.get('x-amzn-errortype') ?? undefined]).toEqual(outcome[c.expect]);
  });
});
