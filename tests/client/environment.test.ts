/** The environment check-client gives a client command, and the --inject syntax. */
import { devNull } from 'node:os';
import { clientEnvironment, parseInjection } from '../../src/client';
import { isToolError } from '../../src/errors';
import { DUMMY_CREDENTIALS } from '../../src/protocol';
import { loadSpec } from '../../src/spec';

const TARGET = { endpoint: 'http://127.0.0.1:4567', region: 'us-east-1' };

test('sends every AWS client to the mock in the fixtures region, with instance metadata off and no pager', () => {
  const { env } = clientEnvironment(
    {
      PATH: '/usr/bin',
      AWS_ENDPOINT_URL_QUICKSIGHT: 'https://elsewhere.example',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
      AWS_REGION: 'eu-west-1',
    },
    TARGET,
  );
  expect(env).toMatchObject({
    PATH: '/usr/bin',
    AWS_ENDPOINT_URL: TARGET.endpoint,
    AWS_ENDPOINT_URL_QUICKSIGHT: TARGET.endpoint,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  });
});

test('sets dummy credentials when the environment has no key pair, and drops a stray session token', () => {
  const result = clientEnvironment({ AWS_ACCESS_KEY_ID: 'AKIDONLY', AWS_SESSION_TOKEN: 'stale' }, TARGET);
  expect(result.dummyCredentials).toBe(true);
  expect(result.env).toMatchObject({
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
  });
  expect(result.env.AWS_SESSION_TOKEN).toBeUndefined();
});

test("keeps the user's own key pair", () => {
  const result = clientEnvironment({ AWS_ACCESS_KEY_ID: 'AKIDMINE', AWS_SECRET_ACCESS_KEY: 'mine', AWS_SESSION_TOKEN: 'tok' }, TARGET);
  expect(result.dummyCredentials).toBe(false);
  expect(result.env).toMatchObject({ AWS_ACCESS_KEY_ID: 'AKIDMINE', AWS_SECRET_ACCESS_KEY: 'mine', AWS_SESSION_TOKEN: 'tok' });
});

test('hides ~/.aws (config, credentials and the profile naming them) unless a shared file is named explicitly', () => {
  const isolated = clientEnvironment({ AWS_PROFILE: 'sso-admin', AWS_DEFAULT_PROFILE: 'x' }, TARGET);
  expect(isolated.sharedFilesIsolated).toBe(true);
  expect(isolated.env).toMatchObject({ AWS_CONFIG_FILE: devNull, AWS_SHARED_CREDENTIALS_FILE: devNull });
  expect(isolated.env.AWS_PROFILE).toBeUndefined();
  expect(isolated.env.AWS_DEFAULT_PROFILE).toBeUndefined();

  const kept = clientEnvironment({ AWS_CONFIG_FILE: '/tmp/retries.ini', AWS_PROFILE: 'retries' }, TARGET);
  expect(kept.sharedFilesIsolated).toBe(false);
  expect(kept.env).toMatchObject({ AWS_CONFIG_FILE: '/tmp/retries.ini', AWS_PROFILE: 'retries' });
  expect(kept.env.AWS_SHARED_CREDENTIALS_FILE).toBeUndefined();
});

test("keeps the user's own AWS_PAGER", () => {
  expect(clientEnvironment({ AWS_PAGER: 'cat' }, TARGET).env.AWS_PAGER).toBe('cat');
});

const model = loadSpec();

test.each([
  ['UpdateUser=ThrottlingException', { operationId: 'UpdateUser', errorType: 'ThrottlingException', count: 1 }],
  ['UpdateUser=ThrottlingException:2', { operationId: 'UpdateUser', errorType: 'ThrottlingException', count: 2 }],
  [
    'UpdateThemePermissions=LimitExceededException:10',
    { operationId: 'UpdateThemePermissions', errorType: 'LimitExceededException', count: 10 },
  ],
])('--inject %s parses', (text, expected) => {
  expect(parseInjection(text, model)).toEqual(expected);
});

test.each([
  ['UpdateUser', /expected OPERATION=ERROR\[:COUNT\]/],
  ['UpdateUser=', /expected OPERATION=ERROR\[:COUNT\]/],
  ['=ThrottlingException', /expected OPERATION=ERROR\[:COUNT\]/],
  ['DeleteUser=ThrottlingException', /no operation DeleteUser; one of UpdateCustomPermissions, UpdateThemePermissions, UpdateUser/],
  ['UpdateUser=ThrottlingException:0', /COUNT must be an integer from 1/],
  ['UpdateUser=ThrottlingException:two', /COUNT must be an integer from 1/],
])('--inject %s is a usage error', (text, message) => {
  let thrown: unknown;
  try {
    parseInjection(text, model);
  } catch (error) {
    thrown = error;
  }
  expect(isToolError(thrown) && thrown.code === 'USAGE').toBe(true);
  expect((thrown as Error).message).toMatch(message);
});

test('with --auth credentials, the client gets exactly those (token included, a stale one dropped) and no profile to prefer', () => {
  const given = { accessKeyId: 'ASIAGIVEN', secretAccessKey: 'given-secret', sessionToken: 'given-token' };
  const result = clientEnvironment(
    {
      AWS_ACCESS_KEY_ID: 'AKIDMINE',
      AWS_SECRET_ACCESS_KEY: 'mine',
      AWS_SECURITY_TOKEN: 'stale',
      AWS_PROFILE: 'ci',
      AWS_CONFIG_FILE: '/etc/aws-config',
    },
    { ...TARGET, credentials: given },
  );
  expect(result.dummyCredentials).toBe(false);
  expect(result.env).toMatchObject({
    AWS_ACCESS_KEY_ID: 'ASIAGIVEN',
    AWS_SECRET_ACCESS_KEY: 'given-secret',
    AWS_SESSION_TOKEN: 'given-token',
  });
  expect([result.env.AWS_SECURITY_TOKEN, result.env.AWS_PROFILE]).toEqual([undefined, undefined]);
  const longTerm = clientEnvironment(
    { AWS_SESSION_TOKEN: 'tok' },
    { ...TARGET, credentials: { accessKeyId: 'AKIDX', secretAccessKey: 's' } },
  );
  expect(longTerm.env.AWS_SESSION_TOKEN).toBeUndefined();
});
