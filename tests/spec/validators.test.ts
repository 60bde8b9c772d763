import Ajv2020 from 'ajv/dist/2020';
import { compileValidators, type JsonSchema, loadSpec, type OperationId, type Validators } from '../../src/spec';

let validators: Validators;
beforeAll(async () => {
  validators = compileValidators(loadSpec());
});

const userPath = { AwsAccountId: '123456789012', Namespace: 'default', UserName: 'alice' };
const validUser = { Email: 'alice@example.com', Role: 'READER' };
const themePath = { AwsAccountId: '123456789012', ThemeId: 'corporate-theme' };
const profilePath = { AwsAccountId: '123456789012', CustomPermissionsName: 'ReadOnlyAnalysts' };
const grant = (n: number) => ({
  Principal: `arn:aws:quicksight:us-east-1:123456789012:user/default/u${n}`,
  Actions: ['quicksight:DescribeTheme'],
});

type Row = [name: string, op: OperationId, pathParams: Record<string, string>, body: unknown, rules: string[]];

const rows: Row[] = [
  ['accepts a valid UpdateUser', 'UpdateUser', userPath, validUser, []],
  ['accepts the user eve/ops, decoded', 'UpdateUser', { ...userPath, UserName: 'eve/ops' }, validUser, []],
  ['accepts a UserName with a space and a Latin-1 letter', 'UpdateUser', { ...userPath, UserName: 'José Ñúñez' }, validUser, []],
  ['accepts unknown body members, as AWS ignores them', 'UpdateUser', userPath, { ...validUser, Unknown: 1 }, []],
  ['accepts an empty Namespace (the documented pattern allows it)', 'UpdateUser', { ...userPath, Namespace: '' }, validUser, []],
  [
    'rejects a 13-digit AwsAccountId',
    'UpdateUser',
    { ...userPath, AwsAccountId: '1234567890123' },
    validUser,
    ['maxLength 12', 'pattern ^[0-9]{12}$'],
  ],
  [
    'rejects an 11-digit AwsAccountId',
    'UpdateUser',
    { ...userPath, AwsAccountId: '12345678901' },
    validUser,
    ['minLength 12', 'pattern ^[0-9]{12}$'],
  ],
  ['rejects a 65-character Namespace', 'UpdateUser', { ...userPath, Namespace: 'n'.repeat(65) }, validUser, ['maxLength 64']],
  [
    'rejects a UserName with no character in U+0020..U+00FF',
    'UpdateUser',
    { ...userPath, UserName: '名前' },
    validUser,
    ['pattern [\\u0020-\\u00FF]+'],
  ],
  ['rejects an empty UserName', 'UpdateUser', { ...userPath, UserName: '' }, validUser, ['minLength 1', 'pattern [\\u0020-\\u00FF]+']],
  [
    'rejects a Role outside the documented enum',
    'UpdateUser',
    userPath,
    { ...validUser, Role: 'reader' },
    ['enum ADMIN | AUTHOR | READER | RESTRICTED_AUTHOR | RESTRICTED_READER'],
  ],
  ['rejects a missing Email', 'UpdateUser', userPath, { Role: 'READER' }, ['required']],
  ['rejects a missing body', 'UpdateUser', userPath, undefined, ['required']],
  ['rejects a body that is an array', 'UpdateUser', userPath, [validUser], ['type object']],
  [
    'rejects a string UnapplyCustomPermissions',
    'UpdateUser',
    userPath,
    { ...validUser, UnapplyCustomPermissions: 'true' },
    ['type boolean'],
  ],
  [
    'accepts a 64-character CustomPermissionsName',
    'UpdateCustomPermissions',
    { ...profilePath, CustomPermissionsName: 'a'.repeat(64) },
    {},
    [],
  ],
  [
    'rejects a 65-character CustomPermissionsName with maxLength 64',
    'UpdateCustomPermissions',
    { ...profilePath, CustomPermissionsName: 'a'.repeat(65) },
    {},
    ['maxLength 64'],
  ],
  [
    'rejects a CustomPermissionsName with a space',
    'UpdateCustomPermissions',
    { ...profilePath, CustomPermissionsName: 'Read Only' },
    {},
    ['pattern ^[a-zA-Z0-9+=,.@_-]+$'],
  ],
  ['accepts an UpdateCustomPermissions with no body', 'UpdateCustomPermissions', profilePath, undefined, []],
  ['accepts a capability set to DENY', 'UpdateCustomPermissions', profilePath, { Capabilities: { ExportToCsv: 'DENY' } }, []],
  [
    'rejects a capability set to a boolean',
    'UpdateCustomPermissions',
    profilePath,
    { Capabilities: { ExportToCsv: false } },
    ['type string', 'enum DENY'],
  ],
  ['accepts 100 grants', 'UpdateThemePermissions', themePath, { GrantPermissions: Array.from({ length: 100 }, (_, i) => grant(i)) }, []],
  [
    'rejects 101 grants',
    'UpdateThemePermissions',
    themePath,
    { GrantPermissions: Array.from({ length: 101 }, (_, i) => grant(i)) },
    ['maxItems 100'],
  ],
  [
    'rejects a grant with no Actions',
    'UpdateThemePermissions',
    themePath,
    { GrantPermissions: [{ Principal: 'p', Actions: [] }] },
    ['minItems 1'],
  ],
  [
    'rejects a revoke with a 257-character Principal',
    'UpdateThemePermissions',
    themePath,
    { RevokePermissions: [{ Principal: 'p'.repeat(257), Actions: ['a'] }] },
    ['maxLength 256'],
  ],
  ['rejects a ThemeId with no word character', 'UpdateThemePermissions', { ...themePath, ThemeId: '..' }, {}, ['pattern [\\w\\-]+']],
  [
    'accepts a ThemeId that contains a word character (unanchored pattern)',
    'UpdateThemePermissions',
    { ...themePath, ThemeId: 'a.b' },
    {},
    [],
  ],
];

test.each(rows)('%s', (...row) => {
  const [, op, pathParams, body, rules] = row;
  const violations = validators.operation(op).request({ pathParams, body });
  expect(violations.map((v) => v.rule).sort()).toEqual([...rules].sort());
});

test('a violation names the member, the rule and the value received', () => {
  const [violation] = validators.operation('UpdateUser').request({ pathParams: userPath, body: { ...validUser, Role: 'SUPERUSER' } });
  expect(violation).toEqual({
    location: 'body',
    pointer: '/Role',
    member: 'Role',
    keyword: 'enum',
    rule: 'enum ADMIN | AUTHOR | READER | RESTRICTED_AUTHOR | RESTRICTED_READER',
    message: 'body member Role must be one of ADMIN, AUTHOR, READER, RESTRICTED_AUTHOR, RESTRICTED_READER (got "SUPERUSER")',
    value: 'SUPERUSER',
  });
});

test('a nested violation points into the array item', () => {
  const [violation] = validators
    .operation('UpdateThemePermissions')
    .request({ pathParams: themePath, body: { GrantPermissions: [grant(1), { Principal: '', Actions: ['a'] }] } });
  expect(violation).toMatchObject({
    pointer: '/GrantPermissions/1/Principal',
    member: 'GrantPermissions[1].Principal',
    rule: 'minLength 1',
  });
  expect(violation?.message).toBe('body member GrantPermissions[1].Principal must have at least 1 characters (got 0)');
});

test('validates a response against the schema of its status', () => {
  const responses = validators.operation('UpdateCustomPermissions');
  expect(responses.response(200, { Arn: 'arn', RequestId: 'r', Status: 200 })).toEqual([]);
  expect(responses.response(200, { Status: '200' }).map((v) => v.rule)).toEqual(['type integer']);
  expect(responses.response(404, { Message: 1 }).map((v) => v.member)).toEqual(['Message']);
});

describe('the JSON Schema 2020-12 meta-schema (the validators skip this check at run time, for start-up)', () => {
  const ajv = new Ajv2020({ strict: false });
  const metaErrors = (schema: JsonSchema) => (ajv.validateSchema(schema) ? [] : ajv.errors);

  test('holds every schema of the spec: parameters, bodies, responses and errors', () => {
    const schemas = loadSpec().operations.flatMap((op) => [
      ...op.pathParams.map((p) => p.schema),
      ...(op.body ? [op.body.schema] : []),
      ...op.responses.flatMap((r) => (r.schema ? [r.schema] : [])),
      ...op.errors.map((e) => e.schema),
    ]);
    expect(schemas.length).toBeGreaterThan(20);
    for (const schema of schemas) expect(metaErrors(schema)).toEqual([]);
  });

  test('refuses a malformed schema', () => {
    expect(metaErrors({ type: 'object', properties: { Name: { type: 'string', minLength: -1 } } })).not.toEqual([]);
    expect(metaErrors({ type: 'strin' })).not.toEqual([]);
  });
});
