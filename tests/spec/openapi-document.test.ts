import SwaggerParser from '@apidevtools/swagger-parser';
import { DEFAULT_SPEC_PATH, type JsonSchema, loadSpec, type OperationModel } from '../../src/spec';

/**
 * Every constraint of the three seed documents (and the facts sheet), listed here from the documents
 * themselves so that the spec cannot lose or change one silently. The rows read like the documents:
 * a reviewer ticks them off against `shared/seeds/`.
 */
type Row = [
  operation: string,
  where: 'path' | 'body' | 'response',
  member: string,
  constraint: Omit<Partial<JsonSchema>, 'required'> & { required?: boolean },
];

const ACCOUNT = { minLength: 12, maxLength: 12, pattern: '^[0-9]{12}$', required: true };
const ROLES = ['ADMIN', 'AUTHOR', 'READER', 'RESTRICTED_AUTHOR', 'RESTRICTED_READER'];

const documented: Row[] = [
  // seeds/000 UpdateCustomPermissions
  ['UpdateCustomPermissions', 'path', 'AwsAccountId', ACCOUNT],
  [
    'UpdateCustomPermissions',
    'path',
    'CustomPermissionsName',
    { minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9+=,.@_-]+$', required: true },
  ],
  ['UpdateCustomPermissions', 'body', 'Capabilities', { type: 'object', required: false }],
  ['UpdateCustomPermissions', 'body', 'Capabilities.ExportToCsv', { enum: ['DENY'] }],
  ['UpdateCustomPermissions', 'response', 'Arn', { type: 'string' }],
  ['UpdateCustomPermissions', 'response', 'RequestId', { type: 'string' }],
  ['UpdateCustomPermissions', 'response', 'Status', { type: 'integer' }],
  // seeds/002 UpdateThemePermissions
  ['UpdateThemePermissions', 'path', 'AwsAccountId', ACCOUNT],
  ['UpdateThemePermissions', 'path', 'ThemeId', { minLength: 1, maxLength: 512, pattern: '[\\w\\-]+', required: true }],
  ['UpdateThemePermissions', 'body', 'GrantPermissions', { type: 'array', maxItems: 100, required: false }],
  ['UpdateThemePermissions', 'body', 'RevokePermissions', { type: 'array', maxItems: 100, required: false }],
  ['UpdateThemePermissions', 'body', 'GrantPermissions[].Principal', { minLength: 1, maxLength: 256, required: true }],
  ['UpdateThemePermissions', 'body', 'GrantPermissions[].Actions', { minItems: 1, maxItems: 20, required: true }],
  ['UpdateThemePermissions', 'response', 'Permissions', { type: 'array', minItems: 1, maxItems: 64 }],
  ['UpdateThemePermissions', 'response', 'ThemeId', { minLength: 1, maxLength: 512, pattern: '[\\w\\-]+' }],
  ['UpdateThemePermissions', 'response', 'ThemeArn', { type: 'string' }],
  // seeds/004 UpdateUser
  ['UpdateUser', 'path', 'AwsAccountId', ACCOUNT],
  ['UpdateUser', 'path', 'Namespace', { maxLength: 64, pattern: '^[a-zA-Z0-9._-]*$', required: true }],
  ['UpdateUser', 'path', 'UserName', { minLength: 1, pattern: '[\\u0020-\\u00FF]+', required: true }],
  ['UpdateUser', 'body', 'Email', { type: 'string', required: true }],
  ['UpdateUser', 'body', 'Role', { enum: ROLES, required: true }],
  ['UpdateUser', 'body', 'CustomFederationProviderUrl', { type: 'string', required: false }],
  ['UpdateUser', 'body', 'CustomPermissionsName', { minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9+=,.@_-]+$', required: false }],
  ['UpdateUser', 'body', 'ExternalLoginFederationProviderType', { type: 'string', required: false }],
  ['UpdateUser', 'body', 'ExternalLoginId', { type: 'string', required: false }],
  ['UpdateUser', 'body', 'UnapplyCustomPermissions', { type: 'boolean', required: false }],
  ['UpdateUser', 'response', 'User.Role', { enum: ROLES }],
  ['UpdateUser', 'response', 'User.IdentityType', { enum: ['IAM', 'QUICKSIGHT', 'IAM_IDENTITY_CENTER'] }],
  ['UpdateUser', 'response', 'User.Active', { type: 'boolean' }],
  ['UpdateUser', 'response', 'User.UserName', { minLength: 1, pattern: '[\\u0020-\\u00FF]+' }],
  ['UpdateUser', 'response', 'User.CustomPermissionsName', { minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9+=,.@_-]+$' }],
];

const documentedErrors: [string, Record<string, number>][] = [
  [
    'UpdateCustomPermissions',
    {
      AccessDeniedException: 401,
      ConflictException: 409,
      InternalFailureException: 500,
      InvalidParameterValueException: 400,
      PreconditionNotMetException: 400,
      ResourceNotFoundException: 404,
      ResourceUnavailableException: 503,
      ThrottlingException: 429,
    },
  ],
  [
    'UpdateThemePermissions',
    {
      AccessDeniedException: 401,
      InternalFailureException: 500,
      InvalidParameterValueException: 400,
      LimitExceededException: 409,
      ResourceNotFoundException: 404,
      ThrottlingException: 429,
      UnsupportedUserEditionException: 403,
    },
  ],
  [
    'UpdateUser',
    {
      AccessDeniedException: 401,
      InternalFailureException: 500,
      InvalidParameterValueException: 400,
      PreconditionNotMetException: 400,
      ResourceNotFoundException: 404,
      ResourceUnavailableException: 503,
      ThrottlingException: 429,
    },
  ],
];

/** Follows a dotted member path (`GrantPermissions[].Principal`) through object and array schemas. */
function memberSchema(root: JsonSchema, member: string): { schema: JsonSchema; required: boolean } {
  let schema = root;
  let required = false;
  for (const part of member.split('.')) {
    const isItem = part.endsWith('[]');
    const name = isItem ? part.slice(0, -2) : part;
    required = (schema.required ?? []).includes(name);
    const next = schema.properties?.[name];
    if (!next) throw new Error(`no member ${name} in ${member}`);
    schema = isItem ? (next.items as JsonSchema) : next;
  }
  return { schema, required };
}

function locate(op: OperationModel, where: Row[1], member: string) {
  if (where === 'path') {
    const param = op.pathParams.find((p) => p.name === member);
    if (!param) throw new Error(`no path parameter ${member}`);
    return { schema: param.schema, required: param.required };
  }
  const root = where === 'body' ? op.body?.schema : op.success.schema;
  if (!root) throw new Error(`${op.id} has no ${where} schema`);
  return memberSchema(root, member);
}

describe('openapi/quicksight.yaml', () => {
  test('is a valid OpenAPI 3.1 document for swagger-parser, and dereferences', async () => {
    const api = (await SwaggerParser.validate(DEFAULT_SPEC_PATH)) as { openapi: string };
    expect(api.openapi).toBe('3.1.0');
    const dereferenced = JSON.stringify(await SwaggerParser.dereference(DEFAULT_SPEC_PATH));
    expect(dereferenced).not.toContain('"$ref"');
  });

  test('documents the three operations with their method, path and operationId', async () => {
    const { operations } = loadSpec();
    expect(operations.map((op) => [op.id, op.method, op.pathTemplate])).toEqual([
      ['UpdateCustomPermissions', 'PUT', '/accounts/{AwsAccountId}/custom-permissions/{CustomPermissionsName}'],
      ['UpdateThemePermissions', 'PUT', '/accounts/{AwsAccountId}/themes/{ThemeId}/permissions'],
      ['UpdateUser', 'PUT', '/accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}'],
    ]);
  });

  test.each(documented)('%s %s member %s carries its documented constraints', async (operation, where, member, want) => {
    const op = loadSpec().operation(operation as OperationModel['id']);
    const { schema, required } = locate(op, where, member);
    const { required: wantRequired, ...constraints } = want;
    expect(schema).toMatchObject(constraints);
    if (wantRequired !== undefined) expect(required).toBe(wantRequired);
  });

  test.each(documentedErrors)('%s documents each error of its page with its status', async (operation, errors) => {
    const op = loadSpec().operation(operation as OperationModel['id']);
    const own = Object.fromEntries(op.errors.filter((e) => !e.common).map((e) => [e.type, e.status]));
    expect(own).toEqual(errors);
  });

  test('every error response documents the x-amzn-ErrorType and x-amzn-RequestId headers', async () => {
    const { document } = loadSpec();
    for (const item of Object.values(document.paths)) {
      const responses = (item.put as unknown as { responses: Record<string, { headers?: Record<string, unknown> }> }).responses;
      for (const [status, response] of Object.entries(responses)) {
        expect(Object.keys(response.headers ?? {})).toEqual(
          Number(status) >= 400 ? ['x-amzn-RequestId', 'x-amzn-ErrorType'] : ['x-amzn-RequestId'],
        );
      }
    }
  });

  test('puts Status in the body of UpdateCustomPermissions only', async () => {
    const { operations } = loadSpec();
    const withStatus = operations.filter((op) => op.success.schema?.properties?.Status).map((op) => op.id);
    expect(withStatus).toEqual(['UpdateCustomPermissions']);
  });

  test('ResourceType appears on exactly the errors the facts sheet names', async () => {
    const { operations } = loadSpec();
    const withType = new Set(
      operations.flatMap((op) => op.errors.filter((e) => JSON.stringify(e.schema).includes('"ResourceType"')).map((e) => e.type)),
    );
    expect([...withType].sort()).toEqual(['LimitExceededException', 'ResourceNotFoundException', 'ResourceUnavailableException']);
  });

  test('request bodies tolerate unknown members and response schemas require nothing undocumented', async () => {
    const { operations } = loadSpec();
    for (const op of operations) {
      expect(op.body?.schema.additionalProperties).toBeUndefined();
      expect(op.success.schema?.required).toBeUndefined();
    }
  });

  test('every operation, parameter and body member has a description and a source', async () => {
    const { operations } = loadSpec();
    for (const op of operations) {
      expect(op.description).not.toHaveLength(0);
      expect(op.source).toMatch(/^seeds\/\d{3}_[0-9a-f]+\.txt$/);
      for (const p of op.pathParams) expect(p.description).not.toHaveLength(0);
      for (const [name, member] of Object.entries(op.body?.schema.properties ?? {})) {
        expect([name, member.description ?? '']).not.toEqual([name, '']);
      }
    }
  });
});

test('Capabilities names exactly the 17 members of the UpdateCustomPermissions request syntax', async () => {
  const op = loadSpec().operation('UpdateCustomPermissions');
  const capabilities = op.body?.schema.properties?.Capabilities?.properties ?? {};
  expect(Object.keys(capabilities).sort()).toEqual(
    [
      'AddOrRunAnomalyDetectionForAnalyses',
      'CreateAndUpdateDashboardEmailReports',
      'CreateAndUpdateDatasets',
      'CreateAndUpdateDataSources',
      'CreateAndUpdateThemes',
      'CreateAndUpdateThresholdAlerts',
      'CreateSharedFolders',
      'CreateSPICEDataset',
      'ExportToCsv',
      'ExportToExcel',
      'RenameSharedFolders',
      'ShareAnalyses',
      'ShareDashboards',
      'ShareDatasets',
      'ShareDataSources',
      'SubscribeDashboardEmailReports',
      'ViewAccountSPICECapacity',
    ].sort(),
  );
});

test('the synchronous loader dereferences to the same document as swagger-parser', async () => {
  const expected = await SwaggerParser.dereference(DEFAULT_SPEC_PATH);
  expect(JSON.parse(JSON.stringify(loadSpec().document))).toEqual(JSON.parse(JSON.stringify(expected)));
});
