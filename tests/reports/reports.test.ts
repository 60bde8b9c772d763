/**
 * The reports of a real run against the reference mock, and of one against a mock that answers
 * a wrong status: the JSON report validates against its documented schema, the JUnit XML has a
 * suite per operation and a failure per failing case, and the console report says what to do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { CHECK_IDS } from '../../src/checks';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { consoleReport, jsonReport, junitReport } from '../../src/reports';
import { PROJECT_ROOT } from '../../src/spec';
import { type VerifyResult, verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';

const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'src/reports/report.schema.json'), 'utf8')) as object;
// Formats are documentation here (date-time); the shape is what the test pins.
const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
const validate = ajv.compile(schema);
const plain = (_format: unknown, text: string) => text;
const options = { fixtures: DEFAULT_FIXTURES, seed: 5, examples: 5, concurrency: 4, timeoutMs: 3000 };

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
])('the JSON report of %s validates against report.schema.json', (_name, result) => {
  const report = JSON.parse(jsonReport(result(), { name: 'qs-contract', version: '0.0.0' })) as unknown;
  validate(report);
  expect(validate.errors ?? []).toEqual([]);
});

test('the schema names every check id', () => {
  expect((schema as { $defs: { checkId: { enum: string[] } } }).$defs.checkId.enum).toEqual([...CHECK_IDS]);
});

test('a failing run: the console report names the check, the rule, expected and actual, and a curl line', () => {
  expect(failing.verdict).toBe('fail');
  const text = consoleReport(failing, plain, 'qs-contract verify --target X --seed 5');
  expect(text).toMatch(/✗ UpdateUser › accepts a valid update of an existing resource/);
  expect(text).toMatch(/\[status-documented\] answered 201, which UpdateUser does not document/);
  expect(text).toMatch(/rule {6}.*\(seeds\/004_ca0a490043f14d00\.txt\)/);
  expect(text).toMatch(
    /reproduce curl -sS -i -X PUT 'http:\/\/127\.0\.0\.1:\d+\/accounts\/123456789012\/namespaces\/default\/users\/alice'/,
  );
  expect(text).toMatch(/^FAIL {2}\d+ findings in \d+ cases/m);
  expect(text).toContain('replay: qs-contract verify --target X --seed 5');
});

test('a passing run: the console report says PASS and prints no failure', () => {
  const text = consoleReport(passing, plain, 'r');
  expect(text).toMatch(/^PASS {2}\d+ cases passed/m);
  expect(text).not.toContain('Failures');
});

test('the JUnit report has one testsuite per operation, one testcase per case, a failure per failing case', () => {
  const xml = junitReport(failing);
  expect(xml.match(/<testsuite /g)).toHaveLength(3);
  expect(xml.match(/<testcase /g)).toHaveLength(failing.cases.length);
  expect(xml.match(/<failure /g)).toHaveLength(failing.cases.filter((c) => c.status === 'failed').length);
  expect(xml).toContain('name="UpdateUser"');
});
