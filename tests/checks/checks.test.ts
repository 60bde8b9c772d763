/**
 * Each check on hand-made exchanges: a must-pass row (no false alarm) and a must-fail row per
 * check, run through `judge` so that the registry's selection and rule resolution are in play.
 */
import { authCases, type ConformanceCase, generateCases } from '../../src/cases';
import { type CheckId, judge } from '../../src/checks';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { declaredState, type ModelVerdict, Oracle } from '../../src/model';
import type { Received, WireResponse } from '../../src/runner';
import { compileValidators, loadSpec } from '../../src/spec';
import { modelRequestOf, observedOf } from '../../src/verify/observe';

const model = loadSpec();
const validators = compileValidators(model);
const generated = generateCases(model, DEFAULT_FIXTURES);
const cases = [...generated, ...authCases(generated)];
const caseOf = (id: string): ConformanceCase => {
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
};

const REQUEST_ID = 'c0ffee00-0000-4000-8000-000000000001';

/**
 * The reference model's verdict on an answer, as verify computes it: the behaviour checks judge by
 * it. The state is the fixtures as declared (nothing about the resources known yet), as on a
 * target's first answer.
 */
function verdictOf(c: ConformanceCase, received: Received): { model?: ModelVerdict } {
  if (received.kind !== 'response') return {};
  const oracle = new Oracle(declaredState(DEFAULT_FIXTURES));
  return { model: oracle.peek(modelRequestOf(model, validators, c), observedOf(received)) };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}): WireResponse => ({
  kind: 'response',
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': REQUEST_ID, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  durationMs: 1,
});
const error = (status: number, type: string, extraHeaders: Record<string, string> = {}, body: Record<string, unknown> = {}) =>
  json(status, { Message: 'm', RequestId: REQUEST_ID, ...body }, { 'x-amzn-errortype': type, ...extraHeaders });
const aliceOk = (user: Record<string, unknown> = {}) =>
  json(200, {
    RequestId: REQUEST_ID,
    User: {
      Arn: 'arn:aws:quicksight:us-east-1:123456789012:user/default/alice',
      UserName: 'alice',
      Email: 'alice.new@example.com',
      Role: 'AUTHOR',
      ...user,
    },
  });

interface Row {
  check: CheckId;
  caseId: string;
  received: Received;
  previous?: Received;
  /** The number of error findings of that check. */
  errors: number;
  /** The number of warnings of that check (not counted unless given). */
  warnings?: number;
}

/** Cases as generated ones with another body (what a random request sends), by id ending in `+`. */
const CUSTOM_CASES: Record<string, ConformanceCase> = {
  'UpdateUser/name-and-unapply+': {
    ...caseOf('UpdateUser/positive/base'),
    id: 'UpdateUser/name-and-unapply+',
    body: JSON.stringify({
      Email: 'alice.new@example.com',
      Role: 'AUTHOR',
      CustomPermissionsName: 'ReadOnlyAnalysts',
      UnapplyCustomPermissions: true,
    }),
  },
  'UpdateThemePermissions/grant-without-actions+': {
    ...caseOf('UpdateThemePermissions/positive/base'),
    id: 'UpdateThemePermissions/grant-without-actions+',
    body: JSON.stringify({
      GrantPermissions: [{ Principal: 'arn:aws:quicksight:us-east-1:123456789012:user/default/bob' }],
      RevokePermissions: 'x',
    }),
  },
};

const rows: [string, Row][] = [
  [
    'no-server-error passes a 400',
    {
      check: 'no-server-error',
      caseId: 'UpdateUser/negative/body:Role/enum',
      received: error(400, 'InvalidParameterValueException'),
      errors: 0,
    },
  ],
  [
    'no-server-error fails a 500 to a malformed body',
    { check: 'no-server-error', caseId: 'UpdateUser/malformed/truncated-json', received: error(500, 'InternalFailure'), errors: 1 },
  ],
  [
    'status-documented passes 404',
    {
      check: 'status-documented',
      caseId: 'UpdateUser/missing-resource/UserName',
      received: error(404, 'ResourceNotFoundException'),
      errors: 0,
    },
  ],
  [
    'status-documented fails 201',
    { check: 'status-documented', caseId: 'UpdateUser/positive/base', received: { ...aliceOk(), status: 201 }, errors: 1 },
  ],
  [
    'json-content-type passes application/json; charset=utf-8',
    {
      check: 'json-content-type',
      caseId: 'UpdateUser/positive/base',
      received: { ...aliceOk(), headers: { 'content-type': 'application/json; charset=utf-8' } },
      errors: 0,
    },
  ],
  [
    'json-content-type passes application/x-amz-json-1.1',
    {
      check: 'json-content-type',
      caseId: 'UpdateUser/positive/base',
      received: { ...aliceOk(), headers: { 'content-type': 'application/x-amz-json-1.1' } },
      errors: 0,
    },
  ],
  [
    'json-content-type fails text/html',
    {
      check: 'json-content-type',
      caseId: 'UpdateUser/positive/base',
      received: { ...aliceOk(), headers: { 'content-type': 'text/html' } },
      errors: 1,
    },
  ],
  [
    'response-schema passes extra members',
    { check: 'response-schema', caseId: 'UpdateUser/positive/base', received: aliceOk({ Extra: 1 }), errors: 0 },
  ],
  [
    'response-schema fails Active as a string',
    { check: 'response-schema', caseId: 'UpdateUser/positive/base', received: aliceOk({ Active: 'true' }), errors: 1 },
  ],
  [
    'response-schema fails a body that is not JSON',
    { check: 'response-schema', caseId: 'UpdateUser/positive/base', received: json(200, '<html>'), errors: 1 },
  ],
  [
    'error-type passes the long-form header',
    {
      check: 'error-type',
      caseId: 'UpdateUser/missing-resource/UserName',
      received: error(404, 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.quicksight/'),
      errors: 0,
    },
  ],
  [
    'error-type passes __type with a # prefix',
    {
      check: 'error-type',
      caseId: 'UpdateUser/missing-resource/UserName',
      received: json(404, { __type: 'com.amazonaws.quicksight#ResourceNotFoundException', Message: 'm' }),
      errors: 0,
    },
  ],
  [
    'error-type passes code in the body',
    {
      check: 'error-type',
      caseId: 'UpdateUser/missing-resource/UserName',
      received: json(404, { code: 'ResourceNotFoundException', Message: 'm' }),
      errors: 0,
    },
  ],
  [
    'error-type fails an error with no type',
    { check: 'error-type', caseId: 'UpdateUser/missing-resource/UserName', received: json(404, { Message: 'm' }), errors: 1 },
  ],
  [
    'error-type fails an undocumented type',
    { check: 'error-type', caseId: 'UpdateUser/missing-resource/UserName', received: error(404, 'NoSuchEntity'), errors: 1 },
  ],
  [
    'error-type fails a documented type at another status',
    { check: 'error-type', caseId: 'UpdateUser/missing-resource/UserName', received: error(400, 'ResourceNotFoundException'), errors: 1 },
  ],
  [
    'request-id passes the header alone',
    { check: 'request-id', caseId: 'UpdateUser/positive/base', received: json(200, { User: {} }), errors: 0 },
  ],
  [
    'request-id fails neither header nor body',
    {
      check: 'request-id',
      caseId: 'UpdateUser/positive/base',
      received: { ...json(200, { User: {} }), headers: { 'content-type': 'application/json' } },
      errors: 1,
    },
  ],
  [
    'status-in-body passes Status 200',
    {
      check: 'status-in-body',
      caseId: 'UpdateCustomPermissions/positive/base',
      received: json(200, { Status: 200, RequestId: REQUEST_ID }),
      errors: 0,
    },
  ],
  [
    'status-in-body passes a missing Status, with a warning (a reading: the pages require no response member)',
    {
      check: 'status-in-body',
      caseId: 'UpdateCustomPermissions/positive/base',
      received: json(200, { RequestId: REQUEST_ID }),
      errors: 0,
      warnings: 1,
    },
  ],
  [
    'status-in-body warns of a Status member in UpdateUser, which binds it to the status line',
    {
      check: 'status-in-body',
      caseId: 'UpdateUser/positive/base',
      received: json(200, { RequestId: REQUEST_ID, User: { UserName: 'alice' }, Status: 200 }),
      errors: 0,
      warnings: 1,
    },
  ],
  [
    'response-schema passes a Role the AWS model also accepts (ADMIN_PRO, x-tolerated-values)',
    { check: 'response-schema', caseId: 'UpdateUser/positive/base', received: aliceOk({ Role: 'ADMIN_PRO' }), errors: 0 },
  ],
  [
    'negative-rejected fails 400 PreconditionNotMetException, which does not report invalid input',
    {
      check: 'negative-rejected',
      caseId: 'UpdateUser/negative/body:Role/enum',
      received: error(400, 'PreconditionNotMetException'),
      errors: 1,
    },
  ],
  [
    'status-in-body fails Status "200"',
    { check: 'status-in-body', caseId: 'UpdateCustomPermissions/positive/base', received: json(200, { Status: '200' }), errors: 1 },
  ],
  [
    'negative-rejected passes 400 ValidationException (a common 400 error)',
    { check: 'negative-rejected', caseId: 'UpdateUser/negative/body:Role/enum', received: error(400, 'ValidationException'), errors: 0 },
  ],
  [
    'negative-rejected fails an accepted invalid Role',
    { check: 'negative-rejected', caseId: 'UpdateUser/negative/body:Role/enum', received: aliceOk(), errors: 1 },
  ],
  [
    'negative-rejected fails 400 with a type documented at another status',
    {
      check: 'negative-rejected',
      caseId: 'UpdateUser/negative/body:Role/enum',
      received: error(400, 'ResourceNotFoundException'),
      errors: 1,
    },
  ],
  [
    'negative-rejected passes an unrouted empty segment (404 with an AWS type)',
    {
      check: 'negative-rejected',
      caseId: 'UpdateUser/negative/path:UserName/minLength',
      received: error(404, 'UnknownOperationException'),
      errors: 0,
    },
  ],
  ['positive-accepted passes 200', { check: 'positive-accepted', caseId: 'UpdateUser/positive/base', received: aliceOk(), errors: 0 }],
  [
    'positive-accepted fails 400 to a valid request',
    { check: 'positive-accepted', caseId: 'UpdateUser/positive/base', received: error(400, 'InvalidParameterValueException'), errors: 1 },
  ],
  [
    'positive-accepted passes a 404 to a 64-character profile no fixture holds',
    {
      check: 'positive-accepted',
      caseId: 'UpdateUser/boundary/CustomPermissionsName-length-64',
      received: error(404, 'ResourceNotFoundException'),
      errors: 0,
    },
  ],
  [
    'missing-resource passes 404 ResourceNotFoundException',
    {
      check: 'missing-resource',
      caseId: 'UpdateUser/missing-resource/Namespace',
      received: error(404, 'ResourceNotFoundException', {}, { ResourceType: 'NAMESPACE' }),
      errors: 0,
    },
  ],
  [
    'missing-resource fails 200',
    { check: 'missing-resource', caseId: 'UpdateUser/missing-resource/Namespace', received: aliceOk(), errors: 1 },
  ],
  [
    'update-reflected judges neither a profile named and unapplied at once (the page gives no precedence)',
    {
      check: 'update-reflected',
      caseId: 'UpdateUser/name-and-unapply+',
      received: aliceOk({ CustomPermissionsName: 'ReadOnlyAnalysts' }),
      errors: 0,
    },
  ],
  [
    'state-consistent reads a malformed grant answered 200 {} without crashing (a lenient target): ' +
      'a success where only refusals are allowed',
    { check: 'state-consistent', caseId: 'UpdateThemePermissions/grant-without-actions+', received: json(200, {}), errors: 1 },
  ],
  [
    'update-reflected passes the new Email and Role',
    { check: 'update-reflected', caseId: 'UpdateUser/positive/base', received: aliceOk(), errors: 0 },
  ],
  [
    'update-reflected fails the old Email',
    { check: 'update-reflected', caseId: 'UpdateUser/positive/base', received: aliceOk({ Email: 'alice@example.com' }), errors: 1 },
  ],
  [
    'update-reflected fails a grant that does not show',
    {
      check: 'update-reflected',
      caseId: 'UpdateThemePermissions/positive/base',
      received: json(200, { ThemeId: 'corporate-theme', Permissions: [] }),
      errors: 1,
    },
  ],
  [
    'repeat-idempotent passes the same body with another RequestId and list order',
    {
      check: 'repeat-idempotent',
      caseId: 'UpdateThemePermissions/semantic/repeat/2',
      previous: json(200, {
        RequestId: 'a',
        ThemeId: 't',
        Permissions: [
          { Principal: 'p', Actions: ['x', 'y'] },
          { Principal: 'q', Actions: ['z'] },
        ],
      }),
      received: json(200, {
        RequestId: 'b',
        Permissions: [
          { Principal: 'q', Actions: ['z'] },
          { Actions: ['y', 'x'], Principal: 'p' },
        ],
        ThemeId: 't',
      }),
      errors: 0,
    },
  ],
  [
    'auth-enforced passes 401 AccessDeniedException to a request signed 20 minutes ago',
    { check: 'auth-enforced', caseId: 'UpdateUser/auth/expired', received: error(401, 'AccessDeniedException'), errors: 0 },
  ],
  [
    'auth-enforced passes the common error 400 RequestExpired to a request signed 20 minutes ago',
    { check: 'auth-enforced', caseId: 'UpdateUser/auth/expired', received: error(400, 'RequestExpired'), errors: 0 },
  ],
  [
    'auth-enforced fails a 200 to a request signed 20 minutes ago',
    { check: 'auth-enforced', caseId: 'UpdateUser/auth/expired', received: aliceOk(), errors: 1 },
  ],
  [
    'auth-enforced passes 403 AccessDeniedException to a request whose body changed after signing',
    { check: 'auth-enforced', caseId: 'UpdateUser/auth/body-changed', received: error(403, 'AccessDeniedException'), errors: 0 },
  ],
  [
    'auth-enforced fails 400 InvalidParameterValueException to a request whose body changed after signing',
    { check: 'auth-enforced', caseId: 'UpdateUser/auth/body-changed', received: error(400, 'InvalidParameterValueException'), errors: 1 },
  ],
  [
    'repeat-idempotent fails another result',
    {
      check: 'repeat-idempotent',
      caseId: 'UpdateUser/semantic/repeat/2',
      previous: aliceOk(),
      received: aliceOk({ Role: 'READER' }),
      errors: 1,
    },
  ],
];

test.each(rows)('%s', (_name, row) => {
  const c = row.caseId.endsWith('+') ? (CUSTOM_CASES[row.caseId] as ConformanceCase) : caseOf(row.caseId);
  const ctx = { operation: model.operation(c.operationId), validators, fixtures: DEFAULT_FIXTURES };
  const exchange = {
    case: c,
    request: { method: 'PUT', url: 'http://127.0.0.1/x', headers: {}, body: c.body },
    received: row.received,
    attempts: 1,
    ...(row.previous ? { previous: row.previous } : {}),
    ...verdictOf(c, row.received),
  };
  const { findings, applied } = judge(exchange, ctx, new Set([row.check]));
  expect(applied).toContain(row.check);
  const errors = findings.filter((f) => f.check === row.check && f.severity === 'error');
  expect(errors).toHaveLength(row.errors);
  if (row.warnings !== undefined)
    expect(findings.filter((f) => f.check === row.check && f.severity === 'warning')).toHaveLength(row.warnings);
  for (const f of errors) {
    expect(f.rule.source).toMatch(/^(seeds\/\d{3}_[0-9a-f]+\.txt|QUICKSIGHT-FACTS\.md#.+)$/);
    expect(f.expected).not.toBe('');
  }
});

test('an exchange with no answer gets one responds finding and no other check', () => {
  const c = caseOf('UpdateUser/positive/base');
  const ctx = { operation: model.operation(c.operationId), validators, fixtures: DEFAULT_FIXTURES };
  const { findings, applied } = judge(
    {
      case: c,
      request: { method: 'PUT', url: 'http://x/', headers: {}, body: c.body },
      received: { kind: 'failure', reason: 'timeout', message: 'no answer', durationMs: 300 },
      attempts: 1,
    },
    ctx,
  );
  expect(applied).toEqual(['responds']);
  expect(findings.map((f) => f.check)).toEqual(['responds']);
});

test('a profile ARN of another form is a warning, not an error (its form is not documented)', () => {
  const c = caseOf('UpdateCustomPermissions/positive/base');
  const ctx = { operation: model.operation(c.operationId), validators, fixtures: DEFAULT_FIXTURES };
  const received = json(200, { Arn: 'arn:other', Status: 200, RequestId: REQUEST_ID });
  const { findings } = judge(
    { case: c, request: { method: 'PUT', url: 'http://x/', headers: {}, body: c.body }, received, attempts: 1, ...verdictOf(c, received) },
    ctx,
  );
  expect(findings.map((f) => [f.check, f.severity])).toEqual([['update-reflected', 'warning']]);
});

test('request-id warns, and does not fail, when the header and the body carry different ids', () => {
  const c = caseOf('UpdateUser/positive/base');
  const ctx = { operation: model.operation(c.operationId), validators, fixtures: DEFAULT_FIXTURES };
  const { findings } = judge(
    {
      case: c,
      request: { method: 'PUT', url: 'http://x/', headers: {}, body: c.body },
      received: { ...aliceOk(), headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'other-id' } },
      attempts: 1,
    },
    ctx,
    new Set(['request-id']),
  );
  expect(findings.map((f) => [f.check, f.severity, f.pointer])).toEqual([['request-id', 'warning', '/RequestId']]);
});
