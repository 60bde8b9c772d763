/**
 * The pure judge of check-client, table-tested on real log entries: each request goes through the
 * reference mock's handler in-process (the same pipeline as on the wire), and the judge reads the
 * entry the mock logged. A few entries the mock cannot produce on demand are written by hand.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { clientVerdict, type InjectedFault, type JudgedRequest, judgeRequests, methodRule, RULES } from '../../src/client';
import type { Finding } from '../../src/findings';
import { BUILTIN_FIXTURES, DEFAULT_FIXTURES } from '../../src/fixtures';
import { createMockHandler, type RequestLogEntry } from '../../src/mock';
import { addFault } from '../../src/mock/state';
import { DUMMY_CREDENTIALS, WIRE_PROTOCOL as WIRE_PROTOCOL_SOURCE } from '../../src/protocol';
import { loadSpec } from '../../src/spec';

const model = loadSpec();
const SIGNER = new SignatureV4({
  credentials: DUMMY_CREDENTIALS,
  region: 'us-east-1',
  service: 'quicksight',
  sha256: Hash.bind(null, 'sha256'),
});
const ACCOUNT = DEFAULT_FIXTURES.accountId;
const USER_PAGE = model.operation('UpdateUser').source;
const THEME_PAGE = model.operation('UpdateThemePermissions').source;
const PROFILE_PAGE = model.operation('UpdateCustomPermissions').source;
const DATA_TYPES = 'QUICKSIGHT-FACTS.md#data-types-the-documents-name-but-do-not-define';

const USER = `/accounts/${ACCOUNT}/namespaces/default/users/alice`;
const THEME = `/accounts/${ACCOUNT}/themes/corporate-theme/permissions`;
const PROFILE = `/accounts/${ACCOUNT}/custom-permissions/ReadOnlyAnalysts`;
const VALID_USER = { Email: 'alice@example.org', Role: 'AUTHOR' };
const GRANT = {
  Principal: `arn:aws:quicksight:us-east-1:${ACCOUNT}:user/default/bob`,
  Actions: ['quicksight:DescribeTheme', 'quicksight:DescribeThemeAlias', 'quicksight:ListThemeAliases', 'quicksight:ListThemeVersions'],
};

interface Sent {
  method?: string;
  path: string;
  /** An object is sent as JSON; a string as it is; undefined: no body. */
  body?: unknown;
  /** null: no Content-Type header. Default: application/json. */
  contentType?: string | null;
}

/** Sends each request through a fresh reference mock and returns what it logged. */
async function logOf(requests: Sent[], faults: InjectedFault[] = []): Promise<RequestLogEntry[]> {
  const handler = createMockHandler({ spec: model, fixtures: BUILTIN_FIXTURES });
  for (const f of faults) addFault(handler.state, model.operation(f.operationId), f.errorType, f.count);
  for (const r of requests) {
    const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const contentType = r.contentType === undefined ? 'application/json' : r.contentType;
    const method = r.method ?? 'PUT';
    // Signed as a client signs (the signature's own verdicts are judge-signatures.test.ts'): the
    // mock reads it, and a request with none would carry a warning here.
    const [path, query] = r.path.split('?') as [string, string?];
    const signed = await SIGNER.sign(
      new HttpRequest({
        method,
        protocol: 'http:',
        hostname: 'mock.test',
        path,
        query: Object.fromEntries(new URLSearchParams(query ?? '')),
        headers: { host: 'mock.test', ...(contentType === null ? {} : { 'content-type': contentType }) },
        body: text,
      }),
    );
    await handler.handle({ method, url: r.path, headers: signed.headers, body: Buffer.from(text) });
  }
  return handler.log.entries();
}

async function judgeOne(sent: Sent): Promise<JudgedRequest> {
  const { requests } = judgeRequests(await logOf([sent]), { model, accountId: ACCOUNT, faults: [] });
  expect(requests).toHaveLength(1);
  return requests[0] as JudgedRequest;
}

/** The parts of a finding a reader checks: code, where, rule and source. */
const brief = (f: Finding) => ({ code: f.code, severity: f.severity, pointer: f.pointer, rule: f.rule.text, source: f.rule.source });

// ------------------------------------------------------------------ conforming requests

test.each<[string, Sent, string, Record<string, string>]>([
  [
    'UpdateUser on alice',
    { path: USER, body: VALID_USER },
    'UpdateUser',
    { AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' },
  ],
  [
    'UpdateUser on eve/ops sent as eve%2Fops',
    { path: `/accounts/${ACCOUNT}/namespaces/default/users/eve%2Fops`, body: VALID_USER },
    'UpdateUser',
    { AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'eve/ops' },
  ],
  [
    'UpdateUser on Zoë Ångström as UTF-8',
    { path: `/accounts/${ACCOUNT}/namespaces/default/users/Zo%C3%AB%20%C3%85ngstr%C3%B6m`, body: VALID_USER },
    'UpdateUser',
    { AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'Zoë Ångström' },
  ],
  [
    'UpdateThemePermissions with a grant',
    { path: THEME, body: { GrantPermissions: [GRANT] } },
    'UpdateThemePermissions',
    { AwsAccountId: ACCOUNT, ThemeId: 'corporate-theme' },
  ],
  [
    'UpdateThemePermissions with no body and no Content-Type',
    { path: THEME, contentType: null },
    'UpdateThemePermissions',
    { AwsAccountId: ACCOUNT, ThemeId: 'corporate-theme' },
  ],
  [
    'UpdateCustomPermissions with a capability denied',
    { path: PROFILE, body: { Capabilities: { ExportToCsv: 'DENY' } } },
    'UpdateCustomPermissions',
    { AwsAccountId: ACCOUNT, CustomPermissionsName: 'ReadOnlyAnalysts' },
  ],
  [
    'a JSON body with a charset parameter',
    { path: USER, body: VALID_USER, contentType: 'application/json; charset=utf-8' },
    'UpdateUser',
    { AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' },
  ],
  [
    'a JSON body with the media type in capitals',
    { path: USER, body: VALID_USER, contentType: 'Application/JSON' },
    'UpdateUser',
    { AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' },
  ],
  [
    'unknown body members (AWS ignores them)',
    { path: USER, body: { ...VALID_USER, Nickname: 'al' } },
    'UpdateUser',
    { AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice' },
  ],
])('conforms: %s', async (_name, sent, operationId, pathParams) => {
  const judged = await judgeOne(sent);
  expect(judged).toMatchObject({ verdict: 'conforms', operationId, pathParams, findings: [], response: { status: 200, injected: false } });
});

test('a valid request on a user no fixture holds conforms, answered 404 ResourceNotFoundException', async () => {
  const judged = await judgeOne({ path: `/accounts/${ACCOUNT}/namespaces/default/users/nobody`, body: VALID_USER });
  expect(judged).toMatchObject({ verdict: 'conforms', findings: [], response: { status: 404, errorType: 'ResourceNotFoundException' } });
});

test("a valid request for another account conforms, answered 401, with a note naming the mock's account", async () => {
  const judged = await judgeOne({ path: '/accounts/210987654321/namespaces/default/users/alice', body: VALID_USER });
  expect(judged).toMatchObject({ verdict: 'conforms', findings: [], response: { status: 401, errorType: 'AccessDeniedException' } });
  expect(judged.note).toBe(`the account 210987654321 is not the mock's (${ACCOUNT}; --fixtures sets it)`);
});

// ------------------------------------------------------------------ broken rules, each named with its source

test.each<[string, Sent, ReturnType<typeof brief>[]]>([
  [
    'flags Role "reader" with the enum rule of the UpdateUser page',
    { path: USER, body: { Email: 'a@example.com', Role: 'reader' } },
    [
      {
        code: 'request.body.invalid',
        severity: 'error',
        pointer: '/Role',
        rule: 'Role: enum ADMIN | AUTHOR | READER | RESTRICTED_AUTHOR | RESTRICTED_READER',
        source: USER_PAGE,
      },
    ],
  ],
  [
    'flags a missing Email with the required rule of the UpdateUser page',
    { path: USER, body: { Role: 'READER' } },
    [{ code: 'request.body.invalid', severity: 'error', pointer: '/Email', rule: 'Email: required', source: USER_PAGE }],
  ],
  [
    'flags UpdateUser with no body: the body is required',
    { path: USER, contentType: null },
    [{ code: 'request.body.invalid', severity: 'error', pointer: undefined, rule: 'UpdateUser requires a JSON body', source: USER_PAGE }],
  ],
  [
    'flags a JSON array body with the type rule',
    { path: USER, body: [VALID_USER] },
    [{ code: 'request.body.invalid', severity: 'error', pointer: undefined, rule: 'the body: type object', source: USER_PAGE }],
  ],
  [
    'flags a body that is not JSON with the wire-protocol rule',
    { path: USER, body: '{"Email": "a@example.com",' },
    [{ code: 'request.body.not-json', severity: 'error', pointer: undefined, rule: RULES.json.text, source: WIRE_PROTOCOL_SOURCE }],
  ],
  [
    'flags a form-encoded body twice: not JSON, and not sent as application/json',
    { path: USER, body: 'Email=a%40example.com&Role=READER', contentType: 'application/x-www-form-urlencoded' },
    [
      { code: 'request.body.not-json', severity: 'error', pointer: undefined, rule: RULES.json.text, source: WIRE_PROTOCOL_SOURCE },
      { code: 'request.content-type', severity: 'error', pointer: undefined, rule: RULES.contentType.text, source: WIRE_PROTOCOL_SOURCE },
    ],
  ],
  [
    'flags a valid JSON body sent without a Content-Type, which the mock itself accepts',
    { path: USER, body: VALID_USER, contentType: null },
    [{ code: 'request.content-type', severity: 'error', pointer: undefined, rule: RULES.contentType.text, source: WIRE_PROTOCOL_SOURCE }],
  ],
  [
    'flags a valid JSON body sent as text/plain',
    { path: USER, body: VALID_USER, contentType: 'text/plain;charset=UTF-8' },
    [{ code: 'request.content-type', severity: 'error', pointer: undefined, rule: RULES.contentType.text, source: WIRE_PROTOCOL_SOURCE }],
  ],
  [
    'flags a 13-digit account id with the length and pattern rules',
    { path: `/accounts/1234567890123/namespaces/default/users/alice`, body: VALID_USER },
    [
      {
        code: 'request.path.parameter',
        severity: 'error',
        pointer: '/AwsAccountId',
        rule: 'AwsAccountId: maxLength 12',
        source: USER_PAGE,
      },
      {
        code: 'request.path.parameter',
        severity: 'error',
        pointer: '/AwsAccountId',
        rule: 'AwsAccountId: pattern ^[0-9]{12}$',
        source: USER_PAGE,
      },
    ],
  ],
  [
    'flags a user name percent-encoded as Latin-1 (%EB for ë) with the UTF-8 encoding rule',
    { path: `/accounts/${ACCOUNT}/namespaces/default/users/Zo%EB%20%C5ngstr%F6m`, body: VALID_USER },
    [{ code: 'request.path.encoding', severity: 'error', pointer: '/UserName', rule: RULES.encoding.text, source: WIRE_PROTOCOL_SOURCE }],
  ],
  [
    'flags GrantPermissions "x" with the type rule of the UpdateThemePermissions page',
    { path: THEME, body: { GrantPermissions: 'x' } },
    [
      {
        code: 'request.body.invalid',
        severity: 'error',
        pointer: '/GrantPermissions',
        rule: 'GrantPermissions: type array',
        source: THEME_PAGE,
      },
    ],
  ],
  [
    'flags an empty Principal and no Actions with the ResourcePermission rules of the facts sheet',
    { path: THEME, body: { GrantPermissions: [{ Principal: '', Actions: [] }] } },
    [
      {
        code: 'request.body.invalid',
        severity: 'error',
        pointer: '/GrantPermissions/0/Principal',
        rule: 'GrantPermissions[0].Principal: minLength 1',
        source: DATA_TYPES,
      },
      {
        code: 'request.body.invalid',
        severity: 'error',
        pointer: '/GrantPermissions/0/Actions',
        rule: 'GrantPermissions[0].Actions: minItems 1',
        source: DATA_TYPES,
      },
    ],
  ],
  [
    'flags ExportToCsv true with the capability-state rules of the facts sheet',
    { path: PROFILE, body: { Capabilities: { ExportToCsv: true } } },
    [
      {
        code: 'request.body.invalid',
        severity: 'error',
        pointer: '/Capabilities/ExportToCsv',
        rule: 'Capabilities.ExportToCsv: type string',
        source: DATA_TYPES,
      },
      {
        code: 'request.body.invalid',
        severity: 'error',
        pointer: '/Capabilities/ExportToCsv',
        rule: 'Capabilities.ExportToCsv: enum DENY',
        source: DATA_TYPES,
      },
    ],
  ],
  [
    'flags a 65-character CustomPermissionsName with the length rule of the UpdateCustomPermissions page',
    { path: `/accounts/${ACCOUNT}/custom-permissions/${'p'.repeat(65)}`, body: { Capabilities: { ExportToCsv: 'DENY' } } },
    [
      {
        code: 'request.path.parameter',
        severity: 'error',
        pointer: '/CustomPermissionsName',
        rule: 'CustomPermissionsName: maxLength 64',
        source: PROFILE_PAGE,
      },
    ],
  ],
  [
    'flags a POST where UpdateUser is PUT with the 405 rule',
    { method: 'POST', path: USER, body: VALID_USER },
    [
      {
        code: 'request.method',
        severity: 'error',
        pointer: undefined,
        rule: methodRule(model.operation('UpdateUser')).text,
        source: USER_PAGE,
      },
    ],
  ],
])('%s', async (_name, sent, expected) => {
  const judged = await judgeOne(sent);
  expect(judged.verdict).toBe('violates');
  expect(judged.operationId).toBeDefined();
  expect(judged.findings.map(brief)).toEqual(expected);
  for (const f of judged.findings) expect(f.message).not.toBe('');
});

test('the 405 rule names the documented method and path', () => {
  expect(methodRule(model.operation('UpdateUser')).text).toBe(
    'UpdateUser is PUT /accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}; another method is answered 405',
  );
});

// ------------------------------------------------------------------ requests that match no operation

test.each<[string, Sent, string | undefined]>([
  [
    'flags eve/ops sent with a raw slash as matching no operation, and says how to encode it',
    { path: `/accounts/${ACCOUNT}/namespaces/default/users/eve/ops`, body: VALID_USER },
    'looks like UpdateUser (PUT /accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}) ' +
      'with UserName "eve/ops" sent with a raw "/" (as one segment it is eve%2Fops)',
  ],
  [
    'flags the account id in the body instead of the path as matching no operation, and names the missing segment',
    { path: '/accounts/namespaces/default/users/alice', body: { AwsAccountId: ACCOUNT, ...VALID_USER } },
    'looks like UpdateUser (PUT /accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}) ' +
      'without {AwsAccountId}; AwsAccountId is a path parameter of UpdateUser, not a body member',
  ],
  [
    'flags a misspelt literal segment as matching no operation',
    { path: `/accounts/${ACCOUNT}/namespaces/default/user/alice`, body: VALID_USER },
    'looks like UpdateUser (PUT /accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}) with "user" where the path has "users"',
  ],
  ['flags a path like no operation at all', { method: 'GET', path: '/health' }, undefined],
])('%s', async (_name, sent, note) => {
  const judged = await judgeOne(sent);
  expect(judged).toMatchObject({
    verdict: 'unmatched',
    operationId: undefined,
    response: { status: 404, errorType: 'UnknownOperationException' },
  });
  expect(judged.findings.map(brief)).toEqual([
    { code: 'request.path.unknown', severity: 'error', pointer: undefined, rule: RULES.path.text, source: WIRE_PROTOCOL_SOURCE },
  ]);
  expect(judged.note).toBe(note);
});

// ------------------------------------------------------------------ values AWS tolerates

test.each<[string, Sent, string]>([
  ['Role ADMIN_PRO', { path: USER, body: { Email: 'a@example.com', Role: 'ADMIN_PRO' } }, '/Role'],
  ['a capability ALLOW', { path: PROFILE, body: { Capabilities: { ExportToCsv: 'ALLOW' } } }, '/Capabilities/ExportToCsv'],
  // Past the 4 KiB of body the mock's log keeps: the violation carries the value itself.
  [
    'Role ADMIN_PRO in a body of over 4 KiB',
    { path: USER, body: { Email: 'a@example.com', Role: 'ADMIN_PRO', Pad: 'x'.repeat(5000) } },
    '/Role',
  ],
])('%s is a warning, not a failure: outside the document, but the AWS model (and the mock) accepts it', async (_name, sent, pointer) => {
  const judged = await judgeOne(sent);
  expect(judged.verdict).toBe('conforms');
  expect(judged.response.status).toBe(200);
  expect(judged.findings.map(brief)).toEqual([expect.objectContaining({ code: 'request.value.tolerated', severity: 'warning', pointer })]);
  expect(judged.findings[0]?.message).toMatch(/the AWS model accepts it/);
});

// ------------------------------------------------------------------ injected faults

test(
  'marks exactly the requests the mock logged as answered by an injected fault: invalid and ' + 'foreign-account requests do not take one',
  async () => {
    const faults: InjectedFault[] = [{ operationId: 'UpdateUser', errorType: 'ThrottlingException', count: 2 }];
    const entries = await logOf(
      [
        { path: USER, body: { Role: 'READER' } }, // invalid: rejected before the fault queue
        { path: '/accounts/210987654321/namespaces/default/users/alice', body: VALID_USER }, // another account: 401 first
        { path: THEME, body: { GrantPermissions: [GRANT] } }, // another operation
        { path: USER, body: VALID_USER }, // fault 1
        { path: USER, body: VALID_USER }, // fault 2
        { path: USER, body: VALID_USER }, // through
      ],
      faults,
    );
    const { requests, faults: uses } = judgeRequests(entries, { model, accountId: ACCOUNT, faults });
    expect(requests.map((r) => [r.response.status, r.response.errorType ?? null, r.response.injected, r.verdict])).toEqual([
      [400, 'InvalidParameterValueException', false, 'violates'],
      [401, 'AccessDeniedException', false, 'conforms'],
      [200, null, false, 'conforms'],
      [429, 'ThrottlingException', true, 'conforms'],
      [429, 'ThrottlingException', true, 'conforms'],
      [200, null, false, 'conforms'],
    ]);
    expect(uses).toEqual([{ ...faults[0], answered: 2 }]);
  },
);

test('faults of one operation queue in the order given, each for its count', async () => {
  const faults: InjectedFault[] = [
    { operationId: 'UpdateUser', errorType: 'ThrottlingException', count: 1 },
    { operationId: 'UpdateUser', errorType: 'InternalFailureException', count: 1 },
  ];
  const entries = await logOf(
    [
      { path: USER, body: VALID_USER },
      { path: USER, body: VALID_USER },
      { path: USER, body: VALID_USER },
    ],
    faults,
  );
  const { requests, faults: uses } = judgeRequests(entries, { model, accountId: ACCOUNT, faults });
  expect(requests.map((r) => [r.response.status, r.response.errorType ?? null, r.response.injected])).toEqual([
    [429, 'ThrottlingException', true],
    [500, 'InternalFailureException', true],
    [200, null, false],
  ]);
  expect(uses.map((u) => u.answered)).toEqual([1, 1]);
});

// ------------------------------------------------------------------ what is not judged

test('requests to the control plane are never judged', () => {
  const entry = (seq: number, path: string): RequestLogEntry => ({
    seq,
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'GET',
    path,
    contentType: undefined,
    operationId: undefined,
    pathParams: undefined,
    body: '',
    violations: [],
    injected: false,
    signature: { verified: false },
    status: 200,
    errorType: undefined,
  });
  const { requests } = judgeRequests([entry(1, '/_mock/requests'), entry(2, '/_mock'), entry(3, '/nothing')], {
    model,
    accountId: ACCOUNT,
    faults: [],
  });
  expect(requests.map((r) => r.path)).toEqual(['/nothing']);
});

// ------------------------------------------------------------------ requests the mock did not judge

test('a body nested deeper than the mock reads is not judged: verdict unjudged, the reason in the note, no finding', async () => {
  const deep = `{"Email":"a@example.org","Role":"READER","Other":${'['.repeat(200)}${']'.repeat(200)}}`;
  const judged = await judgeOne({ path: USER, body: deep, contentType: 'text/plain' });
  expect(judged).toMatchObject({
    operationId: 'UpdateUser',
    verdict: 'unjudged',
    findings: [],
    response: { status: 400, errorType: 'InvalidParameterValueException' },
    note: "not judged: the body is JSON nested deeper than 100 levels, the mock's limit",
  });
});

test('a body over 1 MiB, refused by the listener, is logged and not judged', () => {
  const handler = createMockHandler({ spec: model });
  handler.refuseTooLarge(
    { method: 'PUT', url: USER, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"Email":') },
    { limit: 1024 * 1024, received: 2_000_000, complete: true },
  );
  const { requests } = judgeRequests(handler.log.entries(), { model, accountId: ACCOUNT, faults: [] });
  expect(requests).toEqual([
    expect.objectContaining({
      operationId: 'UpdateUser',
      body: '{"Email":',
      verdict: 'unjudged',
      response: { status: 413, errorType: 'RequestEntityTooLargeException', injected: false },
      note: "not judged: the body has 2000000 bytes, over the mock's limit of 1048576: it was not read",
    }),
  ]);
});

// ------------------------------------------------------------------ the run's verdict

const conforming = { verdict: 'conforms' } as JudgedRequest;
const violating = { verdict: 'violates' } as JudgedRequest;
const unmatched = { verdict: 'unmatched', findings: [{ code: 'request.path.unknown', severity: 'error' }] } as JudgedRequest;
/** `--suppress request.path.unknown` dropped its one finding. */
const unmatchedSuppressed = { verdict: 'unmatched', findings: [] as JudgedRequest['findings'] } as JudgedRequest;
const notJudged = { verdict: 'unjudged' } as JudgedRequest;

test.each<[string, Parameters<typeof clientVerdict>[0], string[]]>([
  [
    'passes when the command exited 0 and every request conformed',
    { outcome: { kind: 'exited', code: 0 }, requests: [conforming, conforming], unchecked: 0 },
    [],
  ],
  [
    'fails a command that exited 3 after conforming requests, saying so',
    { outcome: { kind: 'exited', code: 3 }, requests: [conforming], unchecked: 0 },
    ['command-failed: the command failed: it exited with code 3'],
  ],
  [
    'fails a command killed by a signal, naming it',
    { outcome: { kind: 'killed', signal: 'SIGTERM' }, requests: [conforming], unchecked: 0 },
    ['command-failed: the command failed: it was killed by SIGTERM'],
  ],
  [
    'fails a command that made no request: nothing was checked',
    { outcome: { kind: 'exited', code: 0 }, requests: [], unchecked: 0 },
    ['no-requests: the command made no request to the mock: nothing was checked'],
  ],
  [
    'fails a request that broke the contract',
    { outcome: { kind: 'exited', code: 0 }, requests: [conforming, violating], unchecked: 0 },
    ['violations: 1 request of 2 broke the contract'],
  ],
  [
    'fails a request that matched no operation',
    { outcome: { kind: 'exited', code: 0 }, requests: [unmatched, unmatched, conforming], unchecked: 0 },
    ['unmatched: 2 requests of 3 matched no operation'],
  ],
  [
    'passes a request that matched no operation when request.path.unknown is suppressed',
    { outcome: { kind: 'exited', code: 0 }, requests: [unmatchedSuppressed, conforming], unchecked: 0 },
    [],
  ],
  [
    'fails a request the mock could not judge',
    { outcome: { kind: 'exited', code: 0 }, requests: [conforming, notJudged], unchecked: 0 },
    ['unjudged: 1 request of 2 could not be judged (a body over 1 MiB or nested too deep; see the note)'],
  ],
  [
    'fails requests the log no longer holds',
    { outcome: { kind: 'exited', code: 0 }, requests: [conforming], unchecked: 5 },
    ["unchecked: 5 earlier requests are no longer in the mock's log and went unchecked"],
  ],
])('%s', (_name, input, reasons) => {
  const result = clientVerdict(input);
  expect(result.reasons.map((r) => `${r.code}: ${r.message}`)).toEqual(reasons);
  expect(result.verdict).toBe(reasons.length === 0 ? 'pass' : 'fail');
});
