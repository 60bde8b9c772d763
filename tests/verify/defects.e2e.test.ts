/**
 * The suite tests itself. Each row starts a fresh reference mock with one seeded defect
 * (tests/support/defect-catalogue.ts) and runs the conformance engine against it: the run must
 * fail, and every check the defect names must report it. The faithful mock and each variant that
 * differs only in what the contract tolerates (tests/support/tolerated-variants.ts) must pass
 * with no error finding: a gate that cries wolf is as broken as one that sleeps.
 */
import { startMock } from '../../src/mock';
import { type VerifyResult, verify } from '../../src/verify';
import { firedChecks, notImplementedOperations, RUN, verifyMock } from '../support/defect-verdict';
import { DEFECTS, type Defect, type Middleware, passThrough, startDefectiveMock, TOLERATED } from '../support/defective-mock';

const errorCount = (result: VerifyResult) => result.summary.errors;

// ---------------------------------------------------------------- seeded defects

interface DefectRow {
  name: string;
  description: string;
  checks: string;
  defect: Defect;
}

const defectRows = (): DefectRow[] =>
  Object.entries(DEFECTS).map(([name, defect]) => ({
    name,
    description: defect.description,
    checks: defect.expectedNotImplemented
      ? `${defect.expectedNotImplemented.join(', ')} not implemented`
      : defect.expectedChecks.join(', '),
    defect,
  }));

async function expectCaught({ name, defect }: DefectRow): Promise<void> {
  const result = await verifyMock(name);
  expect({ verdict: result.verdict, fired: firedChecks(result) }).toEqual({
    verdict: 'fail',
    fired: expect.arrayContaining(defect.expectedChecks),
  });
  const missing = defect.expectedNotImplemented;
  if (missing) {
    expect(notImplementedOperations(result)).toEqual(missing);
    // Reported once, as not implemented: none of its cases counts as an ordinary failure.
    expect(errorCount(result)).toBe(0);
    expect(result.cases.filter((c) => missing.includes(c.operationId)).every((c) => c.status === 'not-implemented')).toBe(true);
  }
}

describe('seeded defects', () => {
  test.each(defectRows())('fails a mock that $description ($checks)', expectCaught);
});

// ---------------------------------------------------------------- what must pass

/**
 * What a few requests get back, with request ids blanked: a tolerated variant must actually
 * differ from the faithful mock on the wire, or its passing proves nothing.
 */
async function wireFingerprint(middleware: string | Middleware): Promise<string[]> {
  const mock = await startDefectiveMock(middleware);
  const account = `${mock.url}/accounts/${RUN.fixtures.accountId}`;
  const bob = `arn:aws:quicksight:${RUN.fixtures.region}:${RUN.fixtures.accountId}:user/default/bob`;
  const requests: [string, unknown][] = [
    ['/namespaces/default/users/alice', { Email: 'alice.new@example.com', Role: 'AUTHOR' }],
    ['/namespaces/default/users/absent-user', { Email: 'x@example.com', Role: 'READER' }],
    ['/namespaces/default/users/alice', { Email: 'alice.new@example.com', Role: 'BOSS' }],
    ['/namespaces/default/users/', { Email: 'alice.new@example.com', Role: 'AUTHOR' }],
    [
      '/themes/corporate-theme/permissions',
      {
        GrantPermissions: [
          {
            Principal: bob,
            Actions: [
              'quicksight:DescribeTheme',
              'quicksight:DescribeThemeAlias',
              'quicksight:ListThemeAliases',
              'quicksight:ListThemeVersions',
            ],
          },
        ],
      },
    ],
  ];
  try {
    const prints: string[] = [];
    for (const [path, body] of requests) {
      const sent = performance.now();
      const response = await fetch(`${account}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const raw = await response.text();
      // Framing and pace are part of the wire too: a variant that only changes them must show it here.
      const framing = `${response.headers.get('transfer-encoding') ?? 'length'}/${response.headers.get('connection') ?? 'keep-alive'}`;
      const late = performance.now() - sent >= 60 ? 'late' : 'prompt';
      // Ids are blanked, but whether the header and the body carry the same one is kept.
      const sameId = raw.includes(`"${response.headers.get('x-amzn-requestid')}"`);
      const text = raw.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
      prints.push(
        `${response.status} ${response.headers.get('content-type')} ${response.headers.get('x-amzn-errortype')} same-id:${sameId} ${framing} ${late} ${text}`,
      );
    }
    return prints;
  } finally {
    await mock.close();
  }
}

function expectClean(result: VerifyResult): void {
  const errors = result.cases.flatMap((c) =>
    c.findings.filter((f) => f.severity === 'error').map((f) => `${c.id} ${f.check}: ${f.message}`),
  );
  expect({ verdict: result.verdict, errors, notImplemented: notImplementedOperations(result) }).toEqual({
    verdict: 'pass',
    errors: [],
    notImplemented: [],
  });
}

test('passes the faithful reference mock with no error finding', async () => {
  const mock = await startMock({ fixtures: RUN.fixtures });
  try {
    expectClean(await verify({ ...RUN, target: mock.url }));
  } finally {
    await mock.close();
  }
});

test('passes the reference mock behind a pass-through middleware (the harness adds no defect of its own)', async () => {
  expectClean(await verifyMock(passThrough));
});

const toleratedRows = () => Object.entries(TOLERATED).map(([name, variant]) => ({ name, description: variant.description }));

async function expectTolerated({ name }: { name: string }): Promise<void> {
  expect(await wireFingerprint(name)).not.toEqual(await wireFingerprint(passThrough));
  expectClean(await verifyMock(name));
}

describe('tolerated variants', () => {
  test.each(toleratedRows())('passes a mock that $description', expectTolerated);
});
