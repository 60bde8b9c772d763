/**
 * Signatures end to end through `qs-contract check-client`: a client that signs by hand
 * (tests/client/clients/hand-signer.js, never the library the mock verifies with) drives each
 * signature defect through `--auth sigv4`, each named by its own code; both signing styles, a
 * lower-case percent-encoded path and a charset pass; the real JS SDK v3 passes clean (boto3 and
 * the AWS CLI v1: tests/cli/external-clients.e2e.test.ts). Without --auth, what AWS would refuse
 * and can be seen without the secret is a warning. Credentials come from --credentials FILE, the
 * environment, a profile, or else dummy ones, and no secret or token is ever printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_CODES } from '../../src/findings';
import { DUMMY_CREDENTIALS, SIGNATURE_DEFECTS } from '../../src/protocol';
import { PROJECT_ROOT } from '../../src/spec';
import { CLEAN_ENV } from '../support/aws-env';
import { type CliRun, runCli } from '../support/cli';
import { expectValidReport, SCHEMAS } from '../support/report-schemas';

const CLIENTS = path.join(PROJECT_ROOT, 'tests/client/clients');
const SIGNING_CLIENT = path.join(CLIENTS, 'signing-client.js');
const NODE = process.execPath;

const LONG_TERM = { accessKeyId: 'AKIAQSCONTRACTSIG001', secretAccessKey: 'check-client-secret-5d1e8a' };
const TEMPORARY = {
  accessKeyId: 'ASIAQSCONTRACTSIG002',
  secretAccessKey: 'check-client-temporary-secret-77c0',
  sessionToken: 'check-client-session-token-FQoGZXIvYXdzEJr',
};
const SECRETS = [LONG_TERM.secretAccessKey, TEMPORARY.secretAccessKey, TEMPORARY.sessionToken];

let dir: string;
let home: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-signatures-'));
  home = mkdtempSync(path.join(tmpdir(), 'qs-contract-home-'));
  writeFileSync(file('long-term.json'), JSON.stringify(LONG_TERM));
  writeFileSync(file('temporary.json'), JSON.stringify(TEMPORARY));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

interface ReportFinding {
  code: string;
  severity: string;
  message: string;
  rule: { text: string; source: string };
  skewMs?: number;
}
interface Report {
  signatures: { verified: boolean; credentials: string };
  requests: { verdict: string; response: { status: number; errorType?: string }; operationId?: string; findings: ReportFinding[] }[];
  summary: { requests: number; warnings: number };
  verdict: string;
}

/** check-client with a JSON report, in a clean environment (plus `env`); HOME is an empty folder. */
async function checkClient(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun & { report: Report }> {
  const name = `report-${Math.random().toString(36).slice(2)}.json`;
  const result = await runCli(['check-client', '--json', file(name), ...args], { env: { ...CLEAN_ENV, HOME: home, ...env } });
  const text = readFileSync(file(name), 'utf8');
  for (const secret of SECRETS) expect(`${result.stdout}${result.stderr}${text}`).not.toContain(secret);
  return { ...result, report: expectValidReport(text) as Report };
}

const signingClient = (...args: string[]) => ['--', NODE, SIGNING_CLIENT, ...args];

/**
 * One run of check-client for many requests: the signing client sends one request per group of
 * arguments, in order, and each request is judged on its own, so the tests of a table share the
 * run (a process and a mock each, not one per row).
 */
function batched(groups: string[][]): string[] {
  return signingClient(...groups.flatMap((group, i) => (i === 0 ? group : ['+', ...group])));
}

// ------------------------------------------------------------------ each defect, refused and named

const SIGNATURES_SOURCE = 'QUICKSIGHT-FACTS.md#signatures-retries-and-credentials-what-real-clients-and-endpoints-do';
const WIRE_SOURCE = 'QUICKSIGHT-FACTS.md#the-wire-protocol-aws-restjson1';

interface DefectRow {
  name: string;
  /** The signing client's arguments. */
  args: string[];
  code: string;
  message: RegExp;
  source: string;
  key: 'long-term' | 'temporary';
}

/** A defect row; token defects sign with the temporary credentials. */
function row(name: string, args: string[], expected: { code: string; message: RegExp; source?: string }): DefectRow {
  return { name, args, source: WIRE_SOURCE, ...expected, key: name.startsWith('token') ? 'temporary' : 'long-term' };
}

const DEFECT_ROWS: DefectRow[] = [
  row('unsigned', ['unsigned'], { code: 'request.signature.unsigned', message: /not signed: it has no Authorization header/ }),
  row('malformed', ['malformed'], { code: 'request.signature.malformed', message: /not an AWS Signature Version 4 header/ }),
  row('unknown-key', ['unknown-key'], {
    code: 'request.signature.unknown-key',
    message: /access key id AKIA…0000 is not known .*it knows AKIA…G001/,
  }),
  row('wrong-secret', ['wrong-secret'], {
    code: 'request.signature.mismatch',
    message: /does not match the one computed with the secret key of AKIA…G001/,
  }),
  row('wrong-service', ['wrong-service'], {
    code: 'request.signature.scope',
    message: /signed for the service execute-api, not quicksight/,
  }),
  row('wrong-region', ['wrong-region'], { code: 'request.signature.scope', message: /signed for the region eu-west-1, not us-east-1/ }),
  row('stale', ['stale'], {
    code: 'request.signature.skew',
    message: /20 min \d+ s behind the server's clock \(at most 15 minutes allowed\)/,
    source: SIGNATURES_SOURCE,
  }),
  row('body-changed, X-Amz-Content-Sha256 signed (JS SDK style)', ['body-changed', '--style', 'js'], {
    code: 'request.signature.payload-hash',
    message: /body does not match its signed X-Amz-Content-Sha256/,
    source: SIGNATURES_SOURCE,
  }),
  row('body-changed, no payload header (botocore style)', ['body-changed', '--style', 'botocore'], {
    code: 'request.signature.mismatch',
    message: /or a signed part of the request .* changed after it was signed/,
  }),
  row('header-missing', ['header-missing'], {
    code: 'request.signature.signed-header',
    message: /signed header x-client-trace is missing/,
  }),
  row('header-altered', ['header-altered'], { code: 'request.signature.mismatch', message: /changed after it was signed/ }),
  row('host-unsigned', ['host-unsigned'], {
    code: 'request.signature.signed-header',
    message: /host header is not among the signed headers/,
  }),
  row('token-missing', ['token-missing'], {
    code: 'request.signature.token',
    message: /ASIA…G002 belongs to temporary credentials/,
    source: SIGNATURES_SOURCE,
  }),
  row('token-wrong', ['token-wrong'], {
    code: 'request.signature.token',
    message: /not the one issued with ASIA…G002/,
    source: SIGNATURES_SOURCE,
  }),
  row('token-unsigned', ['token-unsigned'], {
    code: 'request.signature.signed-header',
    message: /X-Amz-Security-Token header is sent but not signed/,
  }),
];

type Key = 'long-term' | 'temporary';
type Run = CliRun & { report: Report };

/**
 * Two runs of `check-client --auth sigv4 --credentials KEY.json` for the rows of a table, made by
 * the first test that asks: the rows that sign with long-term credentials, and those with temporary ones.
 */
function runsByKey<Row extends { args: string[]; key: Key }>(rows: Row[]): () => Promise<Record<Key, Run>> {
  let runs: Promise<Record<Key, Run>> | undefined;
  const run = (key: Key) =>
    checkClient([
      '--auth',
      'sigv4',
      '--credentials',
      file(`${key}.json`),
      ...batched(rows.filter((r) => r.key === key).map((r) => r.args)),
    ]);
  return () => {
    runs ??= (async () => ({ 'long-term': await run('long-term'), temporary: await run('temporary') }))();
    return runs;
  };
}

/** The request a row sent in its run. */
function requestOf<Row extends { key: Key }>(rows: Row[], row: Row, report: Report): Report['requests'][number] | undefined {
  const ofKey = rows.filter((r) => r.key === row.key);
  expect(report.requests).toHaveLength(ofKey.length);
  return report.requests[ofKey.indexOf(row)];
}

const refused = runsByKey(DEFECT_ROWS);

test.each<DefectRow>(DEFECT_ROWS)(
  '--auth sigv4 refuses a client that signs with the defect $name: exit 1, 401, finding $code',
  async (row) => {
    const { code, message, source, key } = row;
    const { code: exit, report } = (await refused())[key];
    expect(exit).toBe(1);
    expect(report.signatures.verified).toBe(true);
    const request = requestOf(DEFECT_ROWS, row, report);
    // The request is judged whole: it matched UpdateUser, and its only fault is the signature.
    expect(request).toMatchObject({
      verdict: 'violates',
      operationId: 'UpdateUser',
      response: { status: 401, errorType: 'AccessDeniedException' },
    });
    expect(request?.findings.map((f) => [f.code, f.severity, f.rule.source])).toEqual([[code, 'error', source]]);
    expect(request?.findings[0]?.message).toMatch(message);
    if (code === 'request.signature.skew') expect(request?.findings[0]?.skewMs).toBeLessThan(-19 * 60 * 1000);
  },
);

// ------------------------------------------------------------------ both signing styles pass

const ACCEPTED: { name: string; args: string[]; key: Key }[] = [
  { name: 'botocore style (no X-Amz-Content-Sha256)', args: ['--style', 'botocore'], key: 'long-term' },
  { name: 'JS SDK style (X-Amz-Content-Sha256 signed)', args: ['--style', 'js'], key: 'long-term' },
  { name: 'a lower-case percent-encoded path (eve%2fops)', args: ['--lower-case-path'], key: 'long-term' },
  { name: 'a charset on the content type', args: ['--charset', '--style', 'js'], key: 'long-term' },
  { name: 'temporary credentials, the session token signed', args: ['--style', 'js'], key: 'temporary' },
];
const accepted = runsByKey(ACCEPTED);

test.each(ACCEPTED)('--auth sigv4 accepts a hand-signed client with $name: exit 0, no finding', async (row) => {
  const { key } = row;
  const { code, report, stdout } = (await accepted())[key];
  const request = requestOf(ACCEPTED, row, report);
  expect([request?.verdict, request?.response.status, request?.findings]).toEqual(['conforms', 200, []]);
  expect(code).toBe(0);
  const keyId = key === 'temporary' ? 'ASIA…G002' : 'AKIA…G001';
  expect(report.signatures).toEqual({ verified: true, credentials: `${keyId} from --credentials ${file(`${key}.json`)}` });
  expect(stdout).toMatch(new RegExp(`^PASS .*; signatures verified \\(SigV4, ${keyId} from --credentials`, 'm'));
});

// ------------------------------------------------------------------ without --auth: warnings, never silence

const UNVERIFIED: [string, string][] = [
  ['unsigned', 'request.signature.unsigned'],
  ['wrong-region', 'request.signature.scope'],
  ['wrong-service', 'request.signature.scope'],
  ['stale', 'request.signature.skew'],
  // Only the secret shows these: without --auth they cannot be seen, and the summary says so.
  ['wrong-secret', 'no finding'],
];
let unverifiedRun: Promise<Run> | undefined;
/** One run without --auth, every defect of the table a request of it. */
function unverified(): Promise<Run> {
  unverifiedRun ??= checkClient(batched(UNVERIFIED.map(([defect]) => [defect])));
  return unverifiedRun;
}

test.each(UNVERIFIED)(
  'without --auth, a client with the defect %s passes (%s), and the summary says signatures were not verified',
  async (defect, code) => {
    const { code: exit, report, stdout } = await unverified();
    expect(exit).toBe(0);
    expect(report.signatures.verified).toBe(false);
    expect(report.requests).toHaveLength(UNVERIFIED.length);
    const request = report.requests[UNVERIFIED.findIndex(([d]) => d === defect)];
    expect(request).toMatchObject({ verdict: 'conforms', response: { status: 200 } });
    const warned = code !== 'no finding';
    expect(request?.findings.map((f) => [f.code, f.severity])).toEqual(warned ? [[code, 'warning']] : []);
    if (warned) expect(request?.findings[0]?.message).toMatch(/AWS refuses it; this mock did not verify signatures/);
    expect(stdout).toMatch(/^PASS .*; signatures not verified \(--auth sigv4 verifies them\)$/m);
  },
);

// ------------------------------------------------------------------ credentials the AWS way

test('--auth sigv4 without --credentials verifies with the credentials in the environment, and hands the client the same', async () => {
  const { code, report } = await checkClient(['--auth', 'sigv4', ...signingClient('--style', 'js')], {
    AWS_ACCESS_KEY_ID: TEMPORARY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEMPORARY.secretAccessKey,
    AWS_SESSION_TOKEN: TEMPORARY.sessionToken,
  });
  expect([code, report.requests.map((r) => r.findings)]).toEqual([0, [[]]]);
  expect(report.signatures).toEqual({ verified: true, credentials: 'ASIA…G002 from the AWS credential chain' });
});

test('--auth sigv4 without --credentials reads a profile of the shared credentials file, session token included', async () => {
  const credentialsFile = file('aws-credentials');
  writeFileSync(
    credentialsFile,
    [
      '[default]',
      'aws_access_key_id = AKIAQSCONTRACTNOTTHIS',
      'aws_secret_access_key = not-this-one',
      '[ci]',
      `aws_access_key_id = ${TEMPORARY.accessKeyId}`,
      `aws_secret_access_key = ${TEMPORARY.secretAccessKey}`,
      `aws_session_token = ${TEMPORARY.sessionToken}`,
      '',
    ].join('\n'),
  );
  const { code, report } = await checkClient(['--auth', 'sigv4', ...signingClient()], {
    AWS_PROFILE: 'ci',
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: file('no-such-config'),
  });
  expect([code, report.requests.map((r) => r.findings)]).toEqual([0, [[]]]);
  expect(report.signatures.credentials).toBe('ASIA…G002 from the AWS credential chain');
});

test('--auth sigv4 with no credentials anywhere verifies with the dummy credentials the client is given', async () => {
  const { code, report } = await checkClient(['--auth', 'sigv4', ...signingClient()], {
    AWS_SHARED_CREDENTIALS_FILE: file('absent-credentials'),
    AWS_CONFIG_FILE: file('absent-config'),
  });
  expect([code, report.requests.map((r) => r.findings)]).toEqual([0, [[]]]);
  expect(report.signatures.credentials).toBe(`AKIA…MMY0 from the dummy credentials`);
  expect(DUMMY_CREDENTIALS.accessKeyId.slice(-4)).toBe('MMY0');
});

test('--credentials without --auth is a usage error', async () => {
  const result = await runCli(['check-client', '--credentials', file('long-term.json'), '--', NODE, SIGNING_CLIENT]);
  expect([result.code, result.stderr.trim()]).toEqual([2, 'qs-contract: --credentials is only used with --auth sigv4']);
});

// ------------------------------------------------------------------ real clients, each clean with --auth sigv4

test('the AWS SDK for JavaScript v3 with --auth sigv4 and temporary credentials: 4 requests, each conforming', async () => {
  const { code, report } = await checkClient([
    '--auth',
    'sigv4',
    '--credentials',
    file('temporary.json'),
    '--',
    NODE,
    path.join(CLIENTS, 'sdk-client.js'),
  ]);
  expect(report.requests.map((r) => [r.operationId, r.verdict, r.findings])).toEqual([
    ['UpdateUser', 'conforms', []],
    ['UpdateUser', 'conforms', []],
    ['UpdateThemePermissions', 'conforms', []],
    ['UpdateCustomPermissions', 'conforms', []],
  ]);
  expect(code).toBe(0);
});

test('the check-client report schema names every signature defect, and each has a finding code', () => {
  const schema = SCHEMAS['check-client'] as unknown as {
    $defs: { request: { properties: { signature: { properties: { defect: { enum: string[] } } } } } };
  };
  expect(schema.$defs.request.properties.signature.properties.defect.enum).toEqual([...SIGNATURE_DEFECTS]);
  for (const defect of SIGNATURE_DEFECTS) expect(ALL_CODES).toContain(`request.signature.${defect}`);
});
