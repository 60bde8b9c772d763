/**
 * pact-check's logic: the project's own contracts pass with no finding; broken copies of them,
 * written as files as a consumer would hand them over, fail with the rule and the message that
 * name what broke (and nothing else); V3 files read like V4 ones.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPact, type PactCheckResult, pactCheckDeps } from '../../src/pact-check';
import { PactFileError, parsePact, readPact } from '../../src/pact-file';
import { CONTRACTS_DIR, loadSpec } from '../../src/spec';

const deps = pactCheckDeps(loadSpec());
const CONTRACT_FILES = readdirSync(CONTRACTS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join(CONTRACTS_DIR, f));
const V4_CONTRACT = CONTRACT_FILES[0] as string;

// The V4 contract as plain JSON, to break copies of it.
// biome-ignore lint/suspicious/noExplicitAny: a Pact file as data, broken on purpose in ways no Pact type allows
type Json = any;
const original: Json = JSON.parse(readFileSync(V4_CONTRACT, 'utf8'));

const UPDATE_USER = 'UpdateUser: a valid update of an existing resource';
const USER_NOT_FOUND = 'UpdateUser: UserName names nothing that exists';
const EVE_OPS = 'UpdateUser: a valid update of the user "eve/ops", whose name is percent-encoded in the path';
const CUSTOM_PERMISSIONS = 'UpdateCustomPermissions: a valid update of an existing resource';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-pact-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the V4 contract with one interaction changed, written to a file and checked from it. */
async function checkBroken(name: string, description: string, change: (interaction: Json) => void): Promise<PactCheckResult> {
  const copy = structuredClone(original);
  const interaction = copy.interactions.find((i: Json) => i.description === description);
  if (!interaction) throw new Error(`no interaction ${description}`);
  change(interaction);
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(copy, null, 2));
  return checkPact(readPact(file), deps);
}

function findingsOf(result: PactCheckResult, description: string) {
  return result.interactions.find((i) => i.description === description)?.findings ?? [];
}

/** The V4 contract's interactions in the V3 shape: bodies are the content itself, headers plain strings. */
function toV3(pact: Json): Json {
  const message = (m: Json) => ({
    ...(m.method ? { method: m.method, path: m.path } : { status: m.status }),
    headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, (v as string[]).join(', ')])),
    ...(m.body ? { body: m.body.content } : {}),
    ...(m.matchingRules ? { matchingRules: m.matchingRules } : {}),
  });
  return {
    consumer: pact.consumer,
    provider: pact.provider,
    interactions: pact.interactions.map((i: Json) => ({
      description: i.description,
      providerStates: i.providerStates,
      request: message(i.request),
      response: message(i.response),
    })),
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

describe("the project's own contracts", () => {
  test('contracts/ holds a V4 pact', () => {
    expect(CONTRACT_FILES.length).toBeGreaterThan(0);
    expect(readPact(V4_CONTRACT).majorVersion).toBe(4);
  });

  test.each(CONTRACT_FILES.map((f) => [path.basename(f), f] as const))('%s is compatible, with zero findings', async (_name, file) => {
    const result = await checkPact(readPact(file), deps);
    expect(result.interactions.filter((i) => i.findings.length > 0)).toEqual([]);
    expect(result.compatible).toBe(true);
    expect(result.summary).toMatchObject({ incompatible: 0, errors: 0, warnings: 0 });
    expect(result.interactions.length).toBe(original.interactions.length);
  });

  test('every interaction routes to its operation (the description names it)', async () => {
    const result = await checkPact(readPact(V4_CONTRACT), deps);
    for (const i of result.interactions) expect(`${i.operationId}: `).toBe(i.description.slice(0, i.description.indexOf(': ') + 2));
  });

  test('a V3 pact file (the V4 interactions in the V3 shape) passes with zero findings', async () => {
    const file = path.join(dir, 'v3.json');
    writeFileSync(file, JSON.stringify(toV3(original)));
    const pact = readPact(file);
    expect(pact.majorVersion).toBe(3);
    const result = await checkPact(pact, deps);
    expect(result.interactions.flatMap((i) => i.findings)).toEqual([]);
    expect(result.summary.interactions).toBe(original.interactions.length);
  });
});

/** What is broken, in which interaction, how; the code and message the copy must fail with, in that interaction only. */
interface Broken {
  name: string;
  description: string;
  change: (i: Json) => void;
  code: string;
  /** A pattern, or the whole message. */
  message: RegExp | string;
}

const BROKEN: Broken[] = [
  {
    name: 'a request body member of the wrong type',
    description: UPDATE_USER,
    change: (i) => {
      i.request.body.content.Email = 42;
    },
    code: 'request.body.invalid',
    message: /Request body is incompatible .*must be string \(at request\.body\.Email: got 42\)/,
  },
  {
    name: 'an undocumented status for the operation',
    description: UPDATE_USER,
    change: (i) => {
      i.response.status = 201;
    },
    code: 'response.status.undocumented',
    message: /Response status code not defined in spec file: 201$/,
  },
  {
    name: 'an error response without any error type',
    description: USER_NOT_FOUND,
    change: (i) => {
      delete i.response.headers['x-amzn-ErrorType'];
      delete i.response.matchingRules.header['x-amzn-ErrorType'];
    },
    code: 'response.error-type.missing',
    message:
      'the 404 error names no type an AWS SDK can read, so the SDK cannot tell which error it got; ' +
      'UpdateUser documents ResourceNotFoundException at 404',
  },
  {
    name: 'an error type documented at another status',
    description: USER_NOT_FOUND,
    change: (i) => {
      i.response.headers['x-amzn-ErrorType'] = ['ThrottlingException'];
    },
    code: 'response.error-type.wrong-status',
    message: /^ThrottlingException came with status 404; UpdateUser documents it with 429$/,
  },
  {
    name: 'an undocumented error type',
    description: USER_NOT_FOUND,
    change: (i) => {
      i.response.headers['x-amzn-ErrorType'] = ['UserNotFoundException'];
    },
    code: 'response.error-type.undocumented',
    message: /^UserNotFoundException is not an error UpdateUser documents; UpdateUser documents ResourceNotFoundException at 404$/,
  },
  {
    name: "Status in UpdateCustomPermissions' body different from the status",
    description: CUSTOM_PERMISSIONS,
    change: (i) => {
      i.response.body = { content: { Status: 201 }, contentType: 'application/json', encoded: false };
    },
    code: 'response.status-in-body.mismatch',
    message: /^Status in the body is 201, the status line 200$/,
  },
  {
    name: 'a raw unencoded / in a user name path',
    description: EVE_OPS,
    change: (i) => {
      i.request.path = i.request.path.replace('eve%2Fops', 'eve/ops');
    },
    code: 'request.path.encoding',
    message:
      'path label UserName "eve/ops" holds a raw "/": RFC 3986 percent-encodes it as %2F (AWS SDKs send eve%2Fops); ' +
      'sent raw, it splits the label and the path matches no UpdateUser path',
  },
  {
    name: 'a raw space and non-ASCII letters in a user name path',
    description: UPDATE_USER,
    change: (i) => {
      i.request.path = i.request.path.replace('alice', 'Zoë Ångström');
    },
    code: 'request.path.encoding',
    message:
      'path label UserName "Zoë Ångström" is not percent-encoded per RFC 3986: ' +
      'raw "ë" (%C3%AB), " " (%20), "Å" (%C3%85), "ö" (%C3%B6); AWS SDKs send Zo%C3%AB%20%C3%85ngstr%C3%B6m',
  },
  {
    name: 'a path matching no operation',
    description: UPDATE_USER,
    change: (i) => {
      i.request.path = '/accounts/123456789012/dashboards/sales';
    },
    code: 'request.path.unknown',
    message: /^Path or method not defined in spec file: PUT \/accounts\/123456789012\/dashboards\/sales$/,
  },
  {
    name: 'a wrong method',
    description: UPDATE_USER,
    change: (i) => {
      i.request.method = 'POST';
    },
    code: 'request.path.unknown',
    message:
      "Path or method not defined in spec file: POST /accounts/123456789012/namespaces/default/users/alice: the path is UpdateUser's, " +
      'whose method is PUT',
  },
  {
    name: 'a response body member of the wrong type',
    description: UPDATE_USER,
    change: (i) => {
      i.response.body.content.User.Active = 'yes';
    },
    code: 'response.body.schema',
    message: /Response body is incompatible .*must be boolean \(at response\.body\.User\.Active: got "yes"\)/,
  },
  {
    name: 'the request of an error interaction breaking a documented rule',
    description: USER_NOT_FOUND,
    change: (i) => {
      i.request.body.content.Role = 'OWNER';
    },
    code: 'request.body.invalid',
    message: new RegExp(
      String.raw`^body member Role must be one of ADMIN, .* \(got "OWNER"\): ` +
        'UpdateUser refuses a request that breaks a documented rule with 400, so it cannot answer this one 404$',
    ),
  },
  {
    name: 'a path label breaking its documented constraint',
    description: UPDATE_USER,
    change: (i) => {
      i.request.path = i.request.path.replace('123456789012', '1234567890123');
    },
    code: 'request.path.parameter',
    message: /^path parameter AwsAccountId must .*: UpdateUser refuses such a request, so it cannot answer 200$/,
  },
];

describe('a broken copy fails with the rule that names what broke', () => {
  test.each(BROKEN)('$name', async ({ name, description, change, code, message }) => {
    const result = await checkBroken(name, description, change);
    expect(result.compatible).toBe(false);
    expect(result.interactions.filter((i) => !i.compatible).map((i) => i.description)).toEqual([description]);
    const findings = findingsOf(result, description);
    const expected = typeof message === 'string' ? message : expect.stringMatching(message);
    expect(findings.filter((f) => f.code === code).map((f) => f.message)).toEqual(expect.arrayContaining([expected]));
  });

  test('a raw "/" also makes the comparator find no operation for the path', async () => {
    const result = await checkBroken('raw-slash-route', EVE_OPS, (i) => {
      i.request.path = i.request.path.replace('eve%2Fops', 'eve/ops');
    });
    const verdict = result.interactions.find((i) => i.description === EVE_OPS);
    expect(verdict?.findings.map((f, n) => [f.code, verdict.sources[n]])).toEqual([
      ['request.path.unknown', 'openapi-pact-comparator'],
      ['request.path.encoding', 'aws'],
    ]);
  });
});

describe('what the contract tolerates is not held against a Pact', () => {
  test('the error type in __type with a namespace prefix, no header', async () => {
    const result = await checkBroken('type-in-body', USER_NOT_FOUND, (i) => {
      delete i.response.headers['x-amzn-ErrorType'];
      delete i.response.matchingRules.header['x-amzn-ErrorType'];
      i.response.body.content.__type = 'com.amazonaws.quicksight#ResourceNotFoundException';
    });
    expect(findingsOf(result, USER_NOT_FOUND)).toEqual([]);
  });

  test('the error type in code, no header', async () => {
    const result = await checkBroken('type-in-code', USER_NOT_FOUND, (i) => {
      delete i.response.headers['x-amzn-ErrorType'];
      i.response.body.content.code = 'ResourceNotFoundException';
    });
    expect(findingsOf(result, USER_NOT_FOUND)).toEqual([]);
  });

  test('the `:`-suffixed x-amzn-ErrorType header', async () => {
    const result = await checkBroken('type-suffixed', USER_NOT_FOUND, (i) => {
      i.response.headers['x-amzn-ErrorType'] = ['ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.quicksight/'];
    });
    expect(findingsOf(result, USER_NOT_FOUND)).toEqual([]);
  });

  test('no Authorization header: a Pact cannot hold a SigV4 signature, the verifier signs', async () => {
    const result = await checkPact(readPact(V4_CONTRACT), deps);
    expect(
      original.interactions.some((i: Json) => Object.keys(i.request.headers ?? {}).some((h) => h.toLowerCase() === 'authorization')),
    ).toBe(false);
    expect(result.interactions.flatMap((i) => i.findings).map((f) => f.actual)).not.toContain(
      'openapi-pact-comparator request.authorization.missing',
    );
  });

  test('an invalid-input 400 may send a schema-valid request (some 400s follow from rules no schema states)', async () => {
    const invalid = 'UpdateUser: a request that breaks a documented constraint';
    const result = await checkBroken('valid-request-400', invalid, (i) => {
      i.request.body.content = { Email: 'a@example.com', Role: 'READER' };
    });
    expect(findingsOf(result, invalid)).toEqual([]);
  });

  test('a raw sub-delimiter in a label decodes to itself (RFC 3986 pchar)', async () => {
    const result = await checkBroken('raw-plus', CUSTOM_PERMISSIONS, (i) => {
      i.request.path = i.request.path.replace('ReadOnlyAnalysts', 'Read+Only=Analysts');
    });
    expect(findingsOf(result, CUSTOM_PERMISSIONS)).toEqual([]);
  });
});

describe('reading Pact files', () => {
  test('a V4 message interaction is set apart, not checked', async () => {
    const copy = structuredClone(original);
    copy.interactions.push({ type: 'Asynchronous/Messages', description: 'a user changed event', contents: { content: {} } });
    const pact = parsePact(JSON.stringify(copy), 'with-message.json');
    expect(pact.skipped).toEqual([
      {
        index: original.interactions.length,
        description: 'a user changed event',
        reason: expect.stringContaining('Asynchronous/Messages'),
      },
    ]);
    expect((await checkPact(pact, deps)).compatible).toBe(true);
  });

  test.each([
    ['a file that does not exist', () => readPact(path.join(dir, 'missing.json')), /^cannot read .*missing\.json: no such file$/],
    ['a directory', () => readPact(dir), /: a directory, not a Pact file$/],
    ['text that is not JSON', () => parsePact('{ nope', 'x.json'), /^not a Pact file: not JSON/],
    [
      'JSON without interactions',
      () => parsePact('{"name": "quicksight-contract"}', 'x.json'),
      /^not a Pact file: no "interactions" array$/,
    ],
    [
      'an interaction without a request',
      () =>
        parsePact(
          '{"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[{"description":"d","response":{"status":200}}]}',
          'x.json',
        ),
      /^not a Pact file: interactions\[0\]\.request is missing$/,
    ],
    [
      'a specification version from the future',
      () =>
        parsePact(
          '{"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[],"metadata":{"pactSpecification":{"version":"5.0"}}}',
          'x.json',
        ),
      /^Pact specification 5\.0 is not supported/,
    ],
  ])('%s is a PactFileError with a one-line message', (_name, read, message) => {
    let error: unknown;
    try {
      read();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PactFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('no false alarms: what the spec allows is not an incompatibility', () => {
  const contract = JSON.parse(readFileSync(V4_CONTRACT, 'utf8')) as {
    interactions: {
      description: string;
      request: { body?: { content: Record<string, unknown> } };
      response: { body?: { content: Record<string, unknown> }; headers?: Record<string, unknown> };
    }[];
  };
  const userSuccess = (copy: typeof contract) =>
    copy.interactions.find((i) => i.description === 'UpdateUser: a valid update of an existing resource');

  test.each([
    [
      'an extra member in a success body (the spec does not close its objects)',
      (c: typeof contract) => {
        (userSuccess(c)?.response.body?.content.User as Record<string, unknown>).Foo = 'x';
      },
    ],
    [
      'Status in the body of UpdateUser (a warning: the member says what the status line says)',
      (c: typeof contract) => {
        const body = userSuccess(c)?.response.body;
        if (body) body.content.Status = 200;
      },
    ],
    [
      'a Role the AWS model also accepts (ADMIN_PRO, x-tolerated-values) in the request and the response',
      (c: typeof contract) => {
        const i = userSuccess(c);
        if (i?.request.body) i.request.body.content.Role = 'ADMIN_PRO';
        if (i?.response.body) (i.response.body.content.User as Record<string, unknown>).Role = 'ADMIN_PRO';
      },
    ],
  ])('%s: compatible, at most a warning', async (_name, edit) => {
    const copy = structuredClone(contract);
    edit(copy);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'qs-pact-check-')), 'copy.json');
    writeFileSync(file, JSON.stringify(copy));
    const result = await checkPact(readPact(file), deps);
    expect(result.interactions.flatMap((i) => i.findings.filter((f) => f.severity === 'error'))).toEqual([]);
  });

  test('a body encoded with an unknown encoding is a Pact file error, not a crash', () => {
    const copy = structuredClone(contract) as unknown as { interactions: { request: { body?: Record<string, unknown> } }[] };
    const first = copy.interactions[0];
    if (first) first.request.body = { content: 'abc', contentType: 'application/json', encoded: 'rot13' };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'qs-pact-check-')), 'copy.json');
    writeFileSync(file, JSON.stringify(copy));
    expect(() => readPact(file)).toThrow(PactFileError);
  });
});
