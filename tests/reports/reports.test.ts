/**
 * The reports of a real run against the reference mock, and of one against a mock that answers
 * a wrong status: the JSON report validates against its documented schema, the JUnit XML has a
 * suite per operation and a failure per failing case, and the console report says what to do.
 */

import { CHECK_IDS } from '../../src/checks';
import { ALL_CODES } from '../../src/findings';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { renderConsole, renderJson, renderJunit, verifyDocument } from '../../src/reports';
import { type VerifyResult, verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';
import { expectValidReport, SCHEMAS } from '../support/report-schemas';

const plain = (_format: unknown, text: string) => text;
const options = { fixtures: DEFAULT_FIXTURES, seed: 5, examples: 5, concurrency: 4, timeoutMs: 10_000 };
const TOOL = { name: 'qs-contract', version: '0.0.0' };

let passing: VerifyResult;
let failing: VerifyResult;
beforeAll(async () => {
  const mock = await startMock();
  // The reference mock, except that a successful UpdateUser answers 201.
  const broken = await startDefectiveMock('created-201');
  try {
    passing = await verify({ ...options, target: mock.url });
    failing = await verify({ ...options, target: broken.url });
  } finally {
    await mock.close();
    await broken.close();
  }
});

test.each([
  ['a passing run', () => passing],
  ['a failing run', () => failing],
])('the JSON report of %s validates against verify.schema.json', (_name, result) => {
  expectValidReport(renderJson('verify', result(), TOOL));
});

test('the schemas name every check id and every finding code', () => {
  const verifySchema = SCHEMAS.verify as unknown as { $defs: { checkId: { enum: string[] } } };
  expect(verifySchema.$defs.checkId.enum).toEqual([...CHECK_IDS]);
  const findingSchema = SCHEMAS.finding as unknown as { $defs: { code: { enum: string[] } } };
  expect(findingSchema.$defs.code.enum).toEqual([...ALL_CODES]);
});

test('a failing run: the console report names the code, the rule, expected and actual, and a curl line', () => {
  expect(failing.verdict).toBe('fail');
  const text = renderConsole(verifyDocument(failing, 'qs-contract verify --target X --seed 5'), plain, { verbose: true });
  expect(text).toMatch(/✗ UpdateUser › accepts a valid update of an existing resource/);
  expect(text).toMatch(/\[response\.status\.undocumented\] answered 201, which UpdateUser does not document/);
  expect(text).toMatch(/rule {6}.*\(seeds\/004_ca0a490043f14d00\.txt\)/);
  expect(text).toMatch(
    /reproduce curl -sS -i -X PUT 'http:\/\/127\.0\.0\.1:\d+\/accounts\/123456789012\/namespaces\/default\/users\/alice'/,
  );
  expect(text).toMatch(/^FAIL {2}\d+ findings in \d+ cases/m);
  expect(text).toContain('replay: qs-contract verify --target X --seed 5');
});

test('a passing run: the console report says PASS and prints no failure', () => {
  const text = renderConsole(verifyDocument(passing, 'r'), plain);
  expect(text).toMatch(/^PASS {2}\d+ cases passed/m);
  expect(text).not.toContain('Failures');
});

test('the JUnit report has one testsuite per operation, one testcase per case, a failure per failing case', () => {
  const xml = renderJunit(verifyDocument(failing, 'r'));
  expect(xml.match(/<testsuite /g)).toHaveLength(3);
  expect(xml.match(/<testcase /g)).toHaveLength(failing.cases.length);
  expect(xml.match(/<failure /g)).toHaveLength(failing.cases.filter((c) => c.status === 'failed').length);
  expect(xml).toContain('name="UpdateUser"');
  expect(xml).toContain('type="response.status.undocumented"');
});
