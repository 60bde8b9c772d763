/**
 * Real clients of other languages through `qs-contract check-client`, each a process of its own
 * (npm run test:e2e): Debian's AWS CLI v2, boto3, and the AWS CLI v1 with --auth sigv4. Each is
 * required in CI (.ci/run installs them) and skipped visibly elsewhere when absent. The JS SDK and
 * hand-signed clients are tests/cli/check-client-command.test.ts and check-client-signatures.e2e.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';
import { CLEAN_ENV } from '../support/aws-env';
import { CLI_ENV, type CliRun, runCli } from '../support/cli';
import { expectValidReport } from '../support/report-schemas';

const CLIENTS = path.join(PROJECT_ROOT, 'tests/client/clients');
const LONG_TERM = { accessKeyId: 'AKIAQSCONTRACTSIG001', secretAccessKey: 'check-client-secret-5d1e8a' };

let dir: string;
let home: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-external-clients-'));
  home = mkdtempSync(path.join(tmpdir(), 'qs-contract-home-'));
  writeFileSync(file('long-term.json'), JSON.stringify(LONG_TERM));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

const run = (...args: string[]): Promise<CliRun> => runCli(['check-client', ...args]);

interface Report {
  requests: {
    method: string;
    verdict: string;
    operationId?: string;
    response: { status: number };
    findings: { code: string; severity: string; message: string }[];
  }[];
}
const readReport = (name: string) => expectValidReport(readFileSync(file(name), 'utf8')) as Report;

/** check-client with a JSON report, in a clean environment; HOME is an empty folder; the secret is never printed. */
async function checkClient(args: string[]): Promise<CliRun & { report: Report }> {
  const name = `report-${Math.random().toString(36).slice(2)}.json`;
  const result = await runCli(['check-client', '--json', file(name), ...args], { env: { ...CLEAN_ENV, HOME: home } });
  const text = readFileSync(file(name), 'utf8');
  expect(`${result.stdout}${result.stderr}${text}`).not.toContain(LONG_TERM.secretAccessKey);
  return { ...result, report: expectValidReport(text) as Report };
}

// ------------------------------------------------------------------ the AWS CLI v2 (Debian's awscli)

/**
 * Debian's package installs /usr/bin/aws; the absolute path keeps a pyenv shim or another `aws`
 * on PATH out of it. Required in CI (.ci/run installs awscli), skipped elsewhere when absent.
 */
const AWS_CLI = '/usr/bin/aws';
const awsInstalled = existsSync(AWS_CLI);
if (!awsInstalled && process.env.CI) {
  test(`${AWS_CLI} is installed (CI installs Debian's awscli package in .ci/run)`, () => {
    expect(existsSync(AWS_CLI)).toBe(true);
  });
}

const awsCli = awsInstalled
  ? (() => {
      const env = { ...CLI_ENV, AWS_PAGER: '' };
      const version = /aws-cli\/(\d+)\.(\d+)\.(\d+)/
        .exec(execFileSync(AWS_CLI, ['--version'], { env, encoding: 'utf8' }))
        ?.slice(1)
        .map(Number) ?? [0, 0, 0];
      const help = execFileSync(AWS_CLI, ['quicksight', 'help'], { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      return {
        version: version.join('.'),
        // AWS_ENDPOINT_URL is read from AWS CLI 2.13 on; an older one needs --endpoint-url.
        readsEndpointVariable: (version[0] ?? 0) > 2 || (version[0] === 2 && (version[1] ?? 0) >= 13),
        knows: (command: string) => new RegExp(`\\b${command}\\b`).test(help),
      };
    })()
  : undefined;

if (!awsCli) test.skip(`the AWS CLI v2 through check-client: ${AWS_CLI} is not installed (apt-get install awscli)`, () => undefined);
else
  describe(`the AWS CLI v2 (${AWS_CLI} ${awsCli.version})`, () => {
    const cli = awsCli;
    const ACCOUNT = ['--aws-account-id', '123456789012'];
    const calls: [string, string, string[]][] = [
      [
        'update-user on alice',
        'update-user',
        [...ACCOUNT, '--namespace', 'default', '--user-name', 'alice', '--email', 'a@example.com', '--role', 'READER'],
      ],
      [
        'update-user on eve/ops',
        'update-user',
        [...ACCOUNT, '--namespace', 'default', '--user-name', 'eve/ops', '--email', 'eve@example.com', '--role', 'AUTHOR'],
      ],
      [
        'update-theme-permissions',
        'update-theme-permissions',
        [
          ...ACCOUNT,
          '--theme-id',
          'corporate-theme',
          '--grant-permissions',
          'Principal=arn:aws:quicksight:us-east-1:123456789012:user/default/bob,Actions=quicksight:DescribeTheme,' +
            'quicksight:DescribeThemeAlias,quicksight:ListThemeAliases,quicksight:ListThemeVersions',
        ],
      ],
      [
        'update-custom-permissions',
        'update-custom-permissions',
        [...ACCOUNT, '--custom-permissions-name', 'ReadOnlyAnalysts', '--capabilities', 'ExportToCsv=DENY'],
      ],
    ];

    /** The aws command line: as is when the CLI reads AWS_ENDPOINT_URL, else through sh with --endpoint-url "$AWS_ENDPOINT_URL". */
    function awsCommand(subcommand: string, args: string[]): string[] {
      if (cli.readsEndpointVariable) return [AWS_CLI, 'quicksight', subcommand, ...args];
      return ['/bin/sh', '-c', `exec ${AWS_CLI} --endpoint-url "$AWS_ENDPOINT_URL" "$@"`, 'aws', 'quicksight', subcommand, ...args];
    }

    // Debian's awscli 2.9 predates update-custom-permissions: a command this CLI lacks is skipped, visibly.
    const known = calls.filter(([, subcommand]) => cli.knows(subcommand));
    for (const [label] of calls.filter((c) => !known.includes(c)))
      test.skip(`check-client -- aws quicksight ${label} (aws ${cli.version} has no such command)`, () => undefined);

    test.each(known)(
      'check-client -- aws quicksight %s: exit 0, the request matched its operation and conformed',
      async (label, subcommand, args) => {
        const name = `aws-${label.replace(/\W+/g, '-')}.json`;
        const { code, stdout } = await run('--json', file(name), '--', ...awsCommand(subcommand, args));
        expect(code).toBe(0);
        expect(stdout).toMatch(/"RequestId": "/);
        const report = readReport(name);
        expect(report.requests).toHaveLength(1);
        expect(report.requests[0]).toMatchObject({ method: 'PUT', verdict: 'conforms', findings: [], response: { status: 200 } });
      },
    );
  });

// ------------------------------------------------------------------ boto3 and the AWS CLI v1, with --auth sigv4

/** An interpreter with boto3: required in CI (.ci/run installs python3-boto3), skipped visibly elsewhere. */
function pythonWithBoto3(): string | undefined {
  try {
    execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return undefined;
  }
}
const python = pythonWithBoto3();
if (!python && !process.env.CI) test.skip('boto3 through check-client --auth sigv4: python3 cannot import boto3', () => undefined);
else
  test('boto3 with --auth sigv4 (botocore signs no payload header): each request conforms, eve/ops included', async () => {
    const { code, report, stderr } = await checkClient([
      '--auth',
      'sigv4',
      '--credentials',
      file('long-term.json'),
      '--',
      python ?? 'python3',
      path.join(CLIENTS, 'boto3-client.py'),
    ]);
    // Debian's boto3 (1.26) predates UpdateCustomPermissions: the client says so and skips it.
    const skipped = /boto3 UpdateCustomPermissions: skipped/.test(stderr);
    expect(report.requests.map((r) => [r.operationId, r.verdict, r.findings])).toEqual([
      ['UpdateUser', 'conforms', []],
      ['UpdateUser', 'conforms', []],
      ['UpdateThemePermissions', 'conforms', []],
      ...(skipped ? [] : [['UpdateCustomPermissions', 'conforms', []]]),
    ]);
    expect(code).toBe(0);
  });

/** The AWS CLI v1 (pip's awscli, botocore inside): the first `aws` on PATH that is version 1. */
function awsCliV1(): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, 'aws');
    try {
      accessSync(candidate, constants.X_OK);
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (/^aws-cli\/1\./.test(version)) return candidate;
    } catch {
      // Not there, not runnable, or not version 1: the next folder.
    }
  }
  return undefined;
}
const awsV1 = awsCliV1();
if (!awsV1) test.skip('the AWS CLI v1 through check-client --auth sigv4: no aws-cli/1.x on PATH (pip install awscli)', () => undefined);
else
  test.each<[string, string[]]>([
    [
      'update-user on eve/ops',
      [
        'update-user',
        '--aws-account-id',
        '123456789012',
        '--namespace',
        'default',
        '--user-name',
        'eve/ops',
        '--email',
        'e@example.com',
        '--role',
        'AUTHOR',
      ],
    ],
    [
      'update-custom-permissions',
      [
        'update-custom-permissions',
        '--aws-account-id',
        '123456789012',
        '--custom-permissions-name',
        'ReadOnlyAnalysts',
        '--capabilities',
        'ExportToCsv=DENY',
      ],
    ],
  ])(`the AWS CLI v1 (${awsV1}) with --auth sigv4: aws quicksight %s conforms`, async (_name, args) => {
    const { code, report } = await checkClient([
      '--auth',
      'sigv4',
      '--credentials',
      file('long-term.json'),
      '--',
      awsV1,
      'quicksight',
      ...args,
    ]);
    expect(report.requests.map((r) => [r.verdict, r.response.status, r.findings])).toEqual([['conforms', 200, []]]);
    expect(code).toBe(0);
  });
