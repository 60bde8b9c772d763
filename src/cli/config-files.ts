/**
 * The files a user hands the CLI (fixtures, credentials), validated at the edge with ajv so a
 * mistake is one clear line naming the member, not a crash later.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { ToolError } from '../errors';
import { completeUser, DEFAULT_FIXTURES, type Fixtures } from '../fixtures';
import type { Credentials } from '../protocol';
import { loadSpec } from '../spec';

// Made on the first file given: a run with neither --fixtures nor --credentials pays nothing for ajv here.
let ajv: Ajv2020 | undefined;
const validator = () => (ajv ??= new Ajv2020({ allErrors: false, strict: false }));

function readJson(file: string, what: string, code: 'FIXTURES_INVALID' | 'USAGE'): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolError(code, `cannot read the ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ToolError(code, `the ${what} file ${file} is not JSON: ${(error as Error).message}`);
  }
}

function explain(error: ErrorObject | undefined): string {
  if (!error) return 'is not valid';
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the file';
  const detail =
    error.keyword === 'enum'
      ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
      : (error.message ?? 'is not valid');
  return `${where} ${detail}`;
}

const fixturesSchema = () => {
  const spec = loadSpec().document as unknown as { components: { schemas: Record<string, object> } };
  const name = { type: 'string', minLength: 1 };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      region: name,
      accountId: spec.components.schemas.AwsAccountId,
      edition: { enum: ['ENTERPRISE', 'STANDARD'] },
      namespaces: { type: 'array', items: name },
      users: {
        type: 'array',
        items: {
          type: 'object',
          required: ['Namespace', 'UserName', 'Email', 'Role'],
          properties: {
            Namespace: name,
            UserName: name,
            Email: { type: 'string' },
            Role: spec.components.schemas.Role,
            IdentityType: spec.components.schemas.IdentityType,
            Active: { type: 'boolean' },
            PrincipalId: name,
          },
        },
      },
      themes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['ThemeId'],
          properties: { ThemeId: name, Permissions: { type: 'array', items: spec.components.schemas.ResourcePermission } },
        },
      },
      customPermissions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['CustomPermissionsName'],
          properties: { CustomPermissionsName: name, Capabilities: { type: 'object' } },
        },
      },
    },
  };
};

/**
 * A fixtures file: any of the default fixtures' members, each replacing the default one. Users
 * need Namespace, UserName, Email and Role; the other user members have defaults.
 */
export function loadFixturesFile(file: string): Fixtures {
  const value = readJson(file, 'fixtures', 'FIXTURES_INVALID');
  const validate = validator().compile(fixturesSchema());
  if (!validate(value)) throw new ToolError('FIXTURES_INVALID', `the fixtures file ${file}: ${explain(validate.errors?.[0])}`);
  type Given = Partial<Omit<Fixtures, 'users' | 'themes' | 'customPermissions'>> & {
    users?: (Pick<Fixtures['users'][number], 'Namespace' | 'UserName' | 'Email' | 'Role'> & Partial<Fixtures['users'][number]>)[];
    themes?: (Pick<Fixtures['themes'][number], 'ThemeId'> & Partial<Fixtures['themes'][number]>)[];
    customPermissions?: (Pick<Fixtures['customPermissions'][number], 'CustomPermissionsName'> &
      Partial<Fixtures['customPermissions'][number]>)[];
  };
  const given = value as Given;
  const users: Fixtures['users'] = (given.users ?? DEFAULT_FIXTURES.users).map(completeUser);
  return {
    ...DEFAULT_FIXTURES,
    ...given,
    namespaces: given.namespaces ?? [...new Set([...DEFAULT_FIXTURES.namespaces, ...users.map((u) => u.Namespace)])],
    users,
    themes: (given.themes ?? DEFAULT_FIXTURES.themes).map((t) => ({ ...t, Permissions: t.Permissions ?? [] })),
    customPermissions: (given.customPermissions ?? DEFAULT_FIXTURES.customPermissions).map((c) => ({
      ...c,
      Capabilities: c.Capabilities ?? {},
    })),
  };
}

const credential = {
  type: 'object',
  required: ['accessKeyId', 'secretAccessKey'],
  properties: {
    accessKeyId: { type: 'string', minLength: 1 },
    secretAccessKey: { type: 'string', minLength: 1 },
    sessionToken: { type: 'string', minLength: 1 },
  },
};
const credentialsSchema = { oneOf: [credential, { type: 'array', minItems: 1, items: credential }] };

/** A credentials file: `{"accessKeyId", "secretAccessKey"[, "sessionToken"]}`, or an array of them. */
export function loadCredentialsFile(file: string): Credentials[] {
  const value = readJson(file, 'credentials', 'USAGE');
  // ajv caches a compiled schema by the schema object: a second file compiles nothing.
  if (!validator().compile(credentialsSchema)(value)) {
    throw new ToolError(
      'USAGE',
      `the credentials file ${file} must hold ` +
        `{"accessKeyId": "...", "secretAccessKey": "..."[, "sessionToken": "..."]} or an array of them`,
    );
  }
  // Only the known members: nothing else from the file travels on.
  return ((Array.isArray(value) ? value : [value]) as Credentials[]).map((c) => ({
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
  }));
}
