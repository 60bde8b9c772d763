/**
 * `qs-contract mock` as a user runs it: it prints its URL when ready, serves the real SDK, honours
 * --fixtures, and stops cleanly on SIGTERM; mistakes are one line and exit 2. The first test runs
 * the built CLI in a child process (a real signal, the process's exit code); the others run it in
 * this process (runCli, startCli), where stop() delivers the signal to the command's own handlers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as QS from '@aws-sdk/client-quicksight';
import { PROJECT_ROOT } from '../../src/spec';
import { childEnvWithoutAws, NO_AWS_IN_PROCESS } from '../support/aws-env';
import { type LiveCli, runCli, startCli } from '../support/cli';

const CLI = path.join(PROJECT_ROOT, 'dist/cli/main.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-mock-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `qs-contract mock ...args` in a child process, once it listens. */
function spawnMock(...args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'mock', ...args], { cwd: PROJECT_ROOT, env: childEnvWithoutAws() });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.on('exit', (code) => reject(new Error(`mock exited ${code} before listening: ${out}`)));
  });
}

/** `qs-contract mock ...args` in this process, once it listens. */
async function startInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<{ live: LiveCli; url: string }> {
  const live = startCli(['mock', ...args], { env: { ...NO_AWS_IN_PROCESS, ...env } });
  const [, url] = await live.waitFor(/^listening on (http:\/\/127\.0\.0\.1:\d+)\n/m);
  return { live, url: url as string };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

test('prints "listening on URL" with the real port, serves the SDK, and exits 0 on SIGTERM', async () => {
  const { child, url } = await spawnMock('--port', '0');
  const client = new QS.QuickSightClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  const output = await client.send(
    new QS.UpdateUserCommand({
      AwsAccountId: '123456789012',
      Namespace: 'default',
      UserName: 'eve/ops',
      Email: 'e@example.com',
      Role: 'READER',
    }),
  );
  expect(output.User?.UserName).toBe('eve/ops');
  const code = exited(child);
  child.kill('SIGTERM');
  await expect(code).resolves.toBe(0);
});

test('--fixtures replaces the default fixtures', async () => {
  const file = path.join(dir, 'fixtures.json');
  writeFileSync(
    file,
    JSON.stringify({
      accountId: '111122223333',
      users: [{ Namespace: 'team', UserName: 'Renée', Email: 'r@example.com', Role: 'AUTHOR' }],
    }),
  );
  const { live, url } = await startInProcess(['--fixtures', file]);
  try {
    const client = new QS.QuickSightClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const output = await client.send(
      new QS.UpdateUserCommand({
        AwsAccountId: '111122223333',
        Namespace: 'team',
        UserName: 'Renée',
        Email: 'r2@example.com',
        Role: 'READER',
      }),
    );
    expect(output.User).toMatchObject({ UserName: 'Renée', Arn: 'arn:aws:quicksight:us-east-1:111122223333:user/team/Renée' });
    const gone = await client
      .send(
        new QS.UpdateUserCommand({
          AwsAccountId: '111122223333',
          Namespace: 'default',
          UserName: 'alice',
          Email: 'a@example.com',
          Role: 'READER',
        }),
      )
      .catch((e: Error) => e);
    expect((gone as Error).name).toBe('ResourceNotFoundException');
  } finally {
    expect((await live.stop('SIGTERM')).code).toBe(0);
  }
});

test('--auth sigv4 --control-auth: an unsigned control request is refused (401), the health check included', async () => {
  const credentials = writeJson('control-credentials.json', { accessKeyId: 'AKIDCONTROL', secretAccessKey: 's' });
  const { live, url } = await startInProcess(['--auth', 'sigv4', '--credentials', credentials, '--control-auth']);
  try {
    const health = await fetch(`${url}/_mock/health`);
    expect(health.status).toBe(401);
    expect(((await health.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  } finally {
    expect((await live.stop('SIGTERM')).code).toBe(0);
  }
});

test.each([
  [
    'a fixtures file with a user missing Namespace',
    () => writeJson('bad-fixtures.json', { users: [{ UserName: 'x', Email: 'x', Role: 'READER' }] }),
    ['--fixtures'],
    /fixtures file .*bad-fixtures\.json: users\.0 must have required property 'Namespace'/,
  ],
  [
    'a fixtures file with a Role outside the enum',
    () => writeJson('bad-role.json', { users: [{ Namespace: 'default', UserName: 'x', Email: 'x', Role: 'BOSS' }] }),
    ['--fixtures'],
    /users\.0\.Role must be one of ADMIN, AUTHOR/,
  ],
  ['a fixtures file that is not JSON', () => writeText('broken.json', '{users:'), ['--fixtures'], /is not JSON/],
  [
    'a fixtures file that does not exist',
    () => path.join(dir, 'missing.json'),
    ['--fixtures'],
    /cannot read the fixtures file .*missing\.json: ENOENT/,
  ],
  [
    '--auth sigv4 with no credentials anywhere',
    () => undefined,
    ['--auth', 'sigv4'],
    /--auth sigv4 found no credentials: give --credentials FILE/,
  ],
  ['--control-auth without --auth sigv4', () => undefined, ['--control-auth'], /--control-auth needs --auth sigv4/],
  ['a port out of range', () => '70000', ['--port'], /--port must be an integer from 0 to 65535/],
])('%s exits 2 with one line and no stack trace', async (_name, make, flags, message) => {
  const value = make();
  const result = await runCli(['mock', ...flags, ...(value === undefined ? [] : [value])], { env: NO_AWS_IN_PROCESS });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
});

function writeJson(name: string, value: unknown): string {
  return writeText(name, JSON.stringify(value));
}
function writeText(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test(
  '--auth sigv4 without --credentials verifies with the credentials of the environment: the SDK with ' +
    'them (and their token) passes, others do not',
  async () => {
    const temporary = { accessKeyId: 'ASIAQSCONTRACTMOCK01', secretAccessKey: 'mock-env-secret-0a9d', sessionToken: 'mock-env-token-51fe' };
    const { live, url } = await startInProcess(['--auth', 'sigv4'], {
      AWS_ACCESS_KEY_ID: temporary.accessKeyId,
      AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
      AWS_SESSION_TOKEN: temporary.sessionToken,
    });
    let stderr = '';
    try {
      const update = new QS.UpdateUserCommand({
        AwsAccountId: '123456789012',
        Namespace: 'default',
        UserName: 'alice',
        Email: 'a@example.com',
        Role: 'READER',
      });
      const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
        new QS.QuickSightClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
      expect((await client(temporary).send(update)).$metadata.httpStatusCode).toBe(200);
      const refused = (await client({ accessKeyId: temporary.accessKeyId, secretAccessKey: temporary.secretAccessKey })
        .send(update)
        .catch((e: Error) => e)) as QS.QuickSightServiceException;
      expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 401]);
    } finally {
      const run = await live.stop('SIGTERM');
      stderr = run.stderr;
      expect(run.code).toBe(0);
    }
    expect(stderr).toContain(
      'verifying SigV4 signatures (us-east-1) with ASIA…CK01 (temporary, with a session token) from the AWS credential chain',
    );
    expect(stderr).not.toContain(temporary.secretAccessKey);
    expect(stderr).not.toContain(temporary.sessionToken);
  },
);
