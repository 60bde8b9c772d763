/**
 * How pact-verify reads what its Verifier worker answers for one interaction (judgeReply in
 * src/pact-verify/core-results.ts), on the Pact core's JSON results as core 19 writes them: pure,
 * no Pact runtime. The real Verifier runs in tests/cli/pact-verify-command.e2e.test.ts.
 */
import { findingText, judgeReply } from '../../src/pact-verify';

const reply = (json: unknown, stateErrors: string[] = []) => ({ type: 'result' as const, id: 0, json: JSON.stringify(json), stateErrors });

const passedJson = {
  result: true,
  errors: [],
  output: ['\nVerifying a pact between \u001b[1mc\u001b[0m and \u001b[1mp\u001b[0m'],
  interactionResults: [{ description: 'd', result: 'Ok' }],
};
const bodyMismatch = {
  result: false,
  errors: [
    {
      interaction: 'Verifying a pact between c and p Given a user exists - UpdateUser: a valid update',
      mismatch: {
        type: 'mismatches',
        mismatches: [
          { type: 'StatusMismatch', expected: 200, actual: 500, mismatch: 'expected 200 but was 500' },
          {
            type: 'BodyMismatch',
            path: '$.User',
            expected: '["Email"]',
            actual: '[]',
            mismatch: 'Actual map is missing the following keys: Email',
          },
          {
            type: 'HeaderMismatch',
            key: 'Content-Type',
            expected: 'application/json',
            actual: 'text/html',
            mismatch: "Mismatch with header 'Content-Type'",
          },
        ],
      },
    },
  ],
  output: ['\u001b[31mFAILED\u001b[0m'],
};

test('a passed interaction: the core says so and no state change failed', () => {
  expect(judgeReply(reply(passedJson), { stdout: 'core log' })).toEqual({ status: 'passed', findings: [] });
});

test('mismatches become findings, one each: status, body with its path, header with its name', () => {
  const judged = judgeReply(reply(bodyMismatch), { stdout: '' });
  expect(judged.status).toBe('failed');
  expect(
    judged.findings.map((f) => ({ code: f.code, message: f.message, expected: f.expected, actual: f.actual, pointer: f.pointer })),
  ).toEqual([
    { code: 'pact-verify.status', message: 'expected 200 but was 500', expected: '200', actual: '500', pointer: undefined },
    {
      code: 'pact-verify.body',
      message: '$.User: Actual map is missing the following keys: Email',
      expected: '["Email"]',
      actual: '[]',
      pointer: '$.User',
    },
    {
      code: 'pact-verify.header',
      message: "Content-Type: Mismatch with header 'Content-Type'",
      expected: 'application/json',
      actual: 'text/html',
      pointer: undefined,
    },
  ]);
  expect(findingText(judged.findings)).toBe(
    [
      'pact-verify.status: expected 200 but was 500',
      'pact-verify.body: $.User: Actual map is missing the following keys: Email',
      "pact-verify.header: Content-Type: Mismatch with header 'Content-Type'",
    ].join('\n'),
  );
});

test('a provider state the control plane refused skips the interaction, with the reason, even when the answer matched', () => {
  const judged = judgeReply(
    reply(passedJson, ['provider state "a user exists": setup through http://x/_mock/provider-states failed: setup answered 400']),
    { stdout: '' },
  );
  expect(judged).toEqual({
    status: 'skipped',
    findings: [],
    reason:
      'the target could not be put into its provider state (provider state "a user exists": ' +
      'setup through http://x/_mock/provider-states failed: setup answered 400); ' +
      'the request was sent, its answer is not judged',
  });
});

test("a request that got no answer names the target, not pact-js' proxy", () => {
  const json = {
    result: false,
    errors: [{ mismatch: { type: 'error', message: 'error sending request for url (http://127.0.0.1:40001/accounts/1/users/alice)' } }],
  };
  expect(findingText(judgeReply(reply(json), { stdout: '', target: 'http://target:8080' }).findings)).toBe(
    'pact-verify.error: no answer from http://target:8080/accounts/1/users/alice: the request timed out or the connection failed',
  );
});

test("a failure the core gives no mismatch for is described by the core's own report, from its Failures section, without colours", () => {
  const json = {
    result: false,
    errors: [],
    output: ['\nVerifying a pact', '  d (\u001b[31mFAILED\u001b[0m)', '\nFailures:\n', '1) d', '    1.1) something'],
  };
  const judged = judgeReply(reply(json), { stdout: '' });
  expect(judged.findings.map((f) => f.code)).toEqual(['pact-verify.other']);
  expect(judged.output).toBe('Failures:\n\n1) d\n    1.1) something');
});

test('a worker that ended, overran or could not run the Verifier: failed, with the end of what it printed', () => {
  const printed = `${Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n')}\n\u001b[31mpanic\u001b[0m`;
  const crashed = judgeReply(undefined, { stdout: printed, problem: 'the verifier process ended (SIGKILL)' });
  expect(crashed.status).toBe('failed');
  expect(findingText(crashed.findings)).toBe('pact-verify.error: the verifier process ended (SIGKILL)');
  expect(crashed.output).toMatch(/line 59\npanic$/);
  expect(crashed.output).not.toContain('line 10\n');
  expect(
    findingText(judgeReply({ type: 'result', id: 0, error: 'Verification was unable to run', stateErrors: [] }, { stdout: '' }).findings),
  ).toBe('pact-verify.error: the verifier could not run: Verification was unable to run');
  expect(findingText(judgeReply({ type: 'result', id: 0, json: 'not json', stateErrors: [] }, { stdout: '' }).findings)).toMatch(
    /^pact-verify.error: the Pact core's results are not JSON: not json/,
  );
});

test("colour codes in the core's mismatch texts are removed, nothing else", () => {
  const coloured = {
    ...bodyMismatch,
    errors: [
      {
        mismatch: {
          type: 'mismatches',
          mismatches: [{ type: 'BodyMismatch', mismatch: '\u001b[1m$.User\u001b[0m -> missing: \u001b[31mEmail\u001b[0m' }],
        },
      },
    ],
  };
  expect(judgeReply(reply(coloured), { stdout: '' }).findings.map((f) => f.message)).toEqual(['$.User -> missing: Email']);
});
