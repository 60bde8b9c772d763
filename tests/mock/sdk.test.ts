/**
 * The reference mock driven by the real AWS SDK client over loopback: every operation succeeds on
 * the fixtures, and every documented error a request can provoke (or a fault injects) reaches the
 * SDK as the right exception class with the right status code.
 */
import * as QS from '@aws-sdk/client-quicksight';
import { DEFAULT_FIXTURES, type Fixtures } from '../../src/fixtures';
import { type RunningMock, startMock } from '../../src/mock';
import { loadSpec } from '../../src/spec';

const ACCOUNT = DEFAULT_FIXTURES.accountId;
const model = loadSpec();
const USER_GROUPING = model.operation('UpdateThemePermissions').validGroupings?.user ?? [];
const OWNER_GROUPING = model.operation('UpdateThemePermissions').validGroupings?.owner ?? [];
const arn = (user: string) => `arn:aws:quicksight:us-east-1:${ACCOUNT}:user/default/${user}`;
const LATIN1_USER = 'Zoë Ångström';

const fixtures: Fixtures = {
  ...DEFAULT_FIXTURES,
  users: [
    ...DEFAULT_FIXTURES.users,
    {
      Namespace: 'default',
      UserName: LATIN1_USER,
      Email: 'zoe@example.com',
      Role: 'READER',
      IdentityType: 'QUICKSIGHT',
      Active: true,
      PrincipalId: 'federated/quicksight/zoe',
    },
  ],
};

let mock: RunningMock;
let client: QS.QuickSightClient;

beforeEach(async () => {
  mock = await startMock({ fixtures });
  client = new QS.QuickSightClient({
    endpoint: mock.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});
afterEach(async () => mock?.close());

const user = (UserName: string, more: Partial<QS.UpdateUserCommandInput> = {}) =>
  new QS.UpdateUserCommand({
    AwsAccountId: ACCOUNT,
    Namespace: 'default',
    UserName,
    Email: `${UserName.length}@example.com`,
    Role: 'AUTHOR',
    ...more,
  });
const theme = (more: Partial<QS.UpdateThemePermissionsCommandInput> = {}) =>
  new QS.UpdateThemePermissionsCommand({ AwsAccountId: ACCOUNT, ThemeId: 'corporate-theme', ...more });
const profile = (more: Partial<QS.UpdateCustomPermissionsCommandInput> = {}) =>
  new QS.UpdateCustomPermissionsCommand({ AwsAccountId: ACCOUNT, CustomPermissionsName: 'ReadOnlyAnalysts', ...more });

async function rejection(command: unknown): Promise<QS.QuickSightServiceException> {
  const error = await client.send(command as never).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof QS.QuickSightServiceException)) throw new Error(`expected a QuickSight error, got ${String(error)}`);
  return error;
}

describe('successes on the fixtures', () => {
  test.each([
    ['alice', 'alice'],
    ['eve/ops (a slash, sent as eve%2Fops)', 'eve/ops'],
    ['a user name with a space and Latin-1 letters', LATIN1_USER],
  ])('UpdateUser replaces Email and Role of %s and answers the whole user', async (_name, userName) => {
    const output = await client.send(user(userName, { Email: 'new@example.com', Role: 'ADMIN' }));
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.RequestId).toEqual(expect.any(String));
    expect(output.User).toEqual({
      Arn: arn(userName),
      UserName: userName,
      Email: 'new@example.com',
      Role: 'ADMIN',
      IdentityType: 'QUICKSIGHT',
      Active: true,
      PrincipalId: expect.any(String),
    });
  });

  test('UpdateUser applies and unapplies a custom permissions profile', async () => {
    expect((await client.send(user('bob', { CustomPermissionsName: 'ReadOnlyAnalysts' }))).User?.CustomPermissionsName).toBe(
      'ReadOnlyAnalysts',
    );
    expect((await client.send(user('bob', { UnapplyCustomPermissions: true }))).User).not.toHaveProperty('CustomPermissionsName');
  });

  test('UpdateUser sets a CUSTOM_OIDC external login, and NONE clears it', async () => {
    const set = await client.send(
      user('bob', {
        ExternalLoginFederationProviderType: 'CUSTOM_OIDC',
        CustomFederationProviderUrl: 'https://idp.example.com',
        ExternalLoginId: 'bob-1',
      }),
    );
    expect(set.User).toMatchObject({
      ExternalLoginFederationProviderType: 'CUSTOM_OIDC',
      ExternalLoginFederationProviderUrl: 'https://idp.example.com',
      ExternalLoginId: 'bob-1',
    });
    const cleared = await client.send(user('bob', { ExternalLoginFederationProviderType: 'NONE' }));
    expect(Object.keys(cleared.User ?? {}).filter((k) => k.startsWith('External'))).toEqual([]);
  });

  test('UpdateThemePermissions grants then revokes, and answers the resulting permissions', async () => {
    const granted = await client.send(theme({ GrantPermissions: [{ Principal: arn('bob'), Actions: USER_GROUPING }] }));
    expect(granted.$metadata.httpStatusCode).toBe(200);
    expect(granted).toMatchObject({
      ThemeId: 'corporate-theme',
      ThemeArn: `arn:aws:quicksight:us-east-1:${ACCOUNT}:theme/corporate-theme`,
    });
    expect(granted.Permissions).toEqual([
      { Principal: arn('alice'), Actions: OWNER_GROUPING },
      { Principal: arn('bob'), Actions: USER_GROUPING },
    ]);
    const revoked = await client.send(theme({ RevokePermissions: [{ Principal: arn('bob'), Actions: USER_GROUPING }] }));
    expect(revoked.Permissions?.map((p) => p.Principal)).toEqual([arn('alice')]);
  });

  test('UpdateThemePermissions can narrow the owner to the user grouping in one call', async () => {
    const ownerOnly = OWNER_GROUPING.filter((a) => !USER_GROUPING.includes(a));
    const output = await client.send(theme({ RevokePermissions: [{ Principal: arn('alice'), Actions: ownerOnly }] }));
    expect(output.Permissions).toEqual([{ Principal: arn('alice'), Actions: USER_GROUPING }]);
  });

  test('UpdateCustomPermissions answers the profile Arn with Status 200 in the body', async () => {
    const output = await client.send(profile({ Capabilities: { ExportToCsv: 'DENY' } }));
    expect(output).toMatchObject({
      Arn: `arn:aws:quicksight:us-east-1:${ACCOUNT}:custompermissions/ReadOnlyAnalysts`,
      Status: 200,
      RequestId: expect.any(String),
    });
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(mock.handler.state.customPermissions.get('ReadOnlyAnalysts')).toEqual({ ExportToCsv: 'DENY' });
  });
});

/** Every row has all five columns: Jest takes a callback parameter beyond a row's length for `done`. */
type ErrorRow = [name: string, type: string, status: number, resourceType: string | undefined, command: () => unknown];

const provoked: ErrorRow[] = [
  ['UpdateUser on a user that does not exist', 'ResourceNotFoundException', 404, 'USER', () => user('nobody')],
  [
    'UpdateUser in a namespace that does not exist',
    'ResourceNotFoundException',
    404,
    'NAMESPACE',
    () =>
      new QS.UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'nowhere', UserName: 'alice', Email: 'a@example.com', Role: 'READER' }),
  ],
  [
    'UpdateUser with a Role outside the enum',
    'InvalidParameterValueException',
    400,
    undefined,
    () => user('alice', { Role: 'OWNER' as QS.UserRole }),
  ],
  [
    'UpdateUser with a 13-digit account id',
    'InvalidParameterValueException',
    400,
    undefined,
    () => new QS.UpdateUserCommand({ AwsAccountId: `${ACCOUNT}0`, Namespace: 'default', UserName: 'alice', Email: 'a', Role: 'READER' }),
  ],
  [
    'UpdateUser for another account',
    'AccessDeniedException',
    401,
    undefined,
    () => new QS.UpdateUserCommand({ AwsAccountId: '210987654321', Namespace: 'default', UserName: 'alice', Email: 'a', Role: 'READER' }),
  ],
  [
    'UpdateUser with a profile that does not exist',
    'ResourceNotFoundException',
    404,
    undefined,
    () => user('alice', { CustomPermissionsName: 'NoSuchProfile' }),
  ],
  [
    'UpdateUser with CUSTOM_OIDC and no provider URL',
    'InvalidParameterValueException',
    400,
    undefined,
    () => user('alice', { ExternalLoginFederationProviderType: 'CUSTOM_OIDC' }),
  ],
  [
    'UpdateUser with a provider URL for COGNITO',
    'InvalidParameterValueException',
    400,
    undefined,
    () => user('alice', { ExternalLoginFederationProviderType: 'COGNITO', CustomFederationProviderUrl: 'https://x' }),
  ],
  [
    'UpdateThemePermissions on a theme that does not exist',
    'ResourceNotFoundException',
    404,
    undefined,
    () => theme({ ThemeId: 'no-such-theme' }),
  ],
  [
    'UpdateThemePermissions leaving a principal outside both groupings',
    'InvalidParameterValueException',
    400,
    undefined,
    () => theme({ GrantPermissions: [{ Principal: arn('bob'), Actions: ['quicksight:DescribeTheme'] }] }),
  ],
  [
    'UpdateThemePermissions with 101 grants',
    'InvalidParameterValueException',
    400,
    undefined,
    () => theme({ GrantPermissions: Array.from({ length: 101 }, (_, i) => ({ Principal: arn(`u${i}`), Actions: USER_GROUPING })) }),
  ],
  [
    'UpdateThemePermissions past 64 principals',
    'LimitExceededException',
    409,
    undefined,
    () => theme({ GrantPermissions: Array.from({ length: 64 }, (_, i) => ({ Principal: arn(`u${i}`), Actions: USER_GROUPING })) }),
  ],
  [
    'UpdateCustomPermissions on a profile that does not exist',
    'ResourceNotFoundException',
    404,
    undefined,
    () => profile({ CustomPermissionsName: 'NoSuchProfile' }),
  ],
  [
    'UpdateCustomPermissions with a 65-character name',
    'InvalidParameterValueException',
    400,
    undefined,
    () => profile({ CustomPermissionsName: 'a'.repeat(65) }),
  ],
];

// A row of the table is one argument: the test's name, then what it expects.
test.each(provoked)('%s raises %s (%i)', async (...row) => {
  const [, type, status, resourceType, command] = row;
  const error = await rejection(command());
  expect(error).toBeInstanceOf((QS as unknown as Record<string, new () => Error>)[type]);
  expect([error.name, error.$metadata.httpStatusCode]).toEqual([type, status]);
  expect((error as unknown as { ResourceType?: string }).ResourceType).toBe(resourceType);
  expect(error.message).not.toBe('');
});

test('a rejected request changes nothing', async () => {
  const before = structuredClone([...mock.handler.state.themes]);
  await rejection(
    theme({
      GrantPermissions: [
        { Principal: arn('bob'), Actions: USER_GROUPING },
        { Principal: arn('carol'), Actions: ['quicksight:DescribeTheme'] },
      ],
    }),
  );
  expect([...mock.handler.state.themes]).toEqual(before);
});

test('a Standard edition mock answers UpdateThemePermissions with UnsupportedUserEditionException (403)', async () => {
  await mock.close();
  mock = await startMock({ edition: 'STANDARD' });
  client = new QS.QuickSightClient({
    endpoint: mock.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  const error = await rejection(theme({ GrantPermissions: [{ Principal: arn('bob'), Actions: USER_GROUPING }] }));
  expect([error.name, error.$metadata.httpStatusCode]).toEqual(['UnsupportedUserEditionException', 403]);
});

const injectable = model.operations.flatMap((op) =>
  op.errors
    .filter(
      (e) =>
        !e.common &&
        [
          'ThrottlingException',
          'InternalFailureException',
          'ResourceUnavailableException',
          'ConflictException',
          'PreconditionNotMetException',
        ].includes(e.type),
    )
    .map((e) => [op.id, e.type, e.status] as const),
);

test.each(injectable)('%s with an injected %s raises it (%i), once', async (operationId, type, status) => {
  const fault = await fetch(`${mock.url}/_mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operation: operationId, errorType: type, count: 1 }),
  });
  expect(fault.status).toBe(200);
  const command = { UpdateUser: () => user('alice'), UpdateThemePermissions: () => theme(), UpdateCustomPermissions: () => profile() }[
    operationId
  ];
  const error = await rejection(command());
  expect(error).toBeInstanceOf((QS as unknown as Record<string, new () => Error>)[type]);
  expect(error.$metadata.httpStatusCode).toBe(status);
  await expect(client.send(command() as never)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
});

test('the control plane refuses a fault the operation does not document', async () => {
  const response = await fetch(`${mock.url}/_mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operation: 'UpdateUser', errorType: 'ConflictException' }),
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: { code: 'BAD_FAULT' } });
});

test('the request log records each request with its operation and verdict', async () => {
  await rejection(user('alice', { Role: 'OWNER' as QS.UserRole }));
  await client.send(user('eve/ops'));
  const { requests } = (await (await fetch(`${mock.url}/_mock/requests`)).json()) as {
    requests: { operationId: string; path: string; status: number; violations: { rule: string }[] }[];
  };
  expect(requests.map((r) => [r.operationId, r.status, r.violations.map((v) => v.rule)])).toEqual([
    ['UpdateUser', 400, ['enum ADMIN | AUTHOR | READER | RESTRICTED_AUTHOR | RESTRICTED_READER']],
    ['UpdateUser', 200, []],
  ]);
  expect(requests[1]?.path).toBe(`/accounts/${ACCOUNT}/namespaces/default/users/eve%2Fops`);
});

test('the request log keeps the body of a request that matches no operation', async () => {
  await fetch(`${mock.url}/accounts/${ACCOUNT}/users/alice`, { method: 'PUT', body: '{"Email":"a@example.com"}' });
  const { requests } = (await (await fetch(`${mock.url}/_mock/requests`)).json()) as {
    requests: { operationId?: string; status: number; body: string }[];
  };
  expect(requests.at(-1)).toMatchObject({ status: 404, body: '{"Email":"a@example.com"}' });
  expect(requests.at(-1)?.operationId).toBeUndefined();
});
