/**
 * How pact-verify reads what its Verifier worker answers for one interaction (src/pact/verifier.ts
 * judgeReply), on the Pact core's JSON results as core 19 writes them: pure, no Pact runtime. The
 * real Verifier runs in tests/cli/pact-verify-command.test.ts.
 */
import { judgeReply, stripAnsi } from '../../src/pact/verifier';

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
  expect(judgeReply(reply(passedJson), 'core log')).toEqual({ status: 'passed' });
});

test('mismatches become data and one line each: status, body with its path, header with its name', () => {
  const judged = judgeReply(reply(bodyMismatch), '');
  expect(judged.status).toBe('failed');
  expect(judged.mismatches).toEqual([
    { kind: 'status', message: 'expected 200 but was 500', expected: '200', actual: '500' },
    { kind: 'body', at: '$.User', message: 'Actual map is missing the following keys: Email', expected: '["Email"]', actual: '[]' },
    {
      kind: 'header',
      at: 'Content-Type',
      message: "Mismatch with header 'Content-Type'",
      expected: 'application/json',
      actual: 'text/html',
    },
  ]);
  expect(judged.mismatch).toBe(
    "status: expected 200 but was 500\nbody $.User: Actual map is missing the following keys: Email\nheader Content-Type: Mismatch with header 'Content-Type'",
  );
});

test('a provider state the control plane refused skips the interaction, with the reason, even when the answer matched', () => {
  const judged = judgeReply(
    reply(passedJson, ['provider state "a user exists": setup through http://x/_mock/provider-states failed: setup answered 400']),
    '',
  );
  expect(judged).toEqual({
    status: 'skipped',
    reason:
      'the target could not be put into its provider state (provider state "a user exists": setup through http://x/_mock/provider-states failed: setup answered 400); the request was sent, its answer is not judged',
  });
});

test("a request that got no answer names the target, not pact-js' proxy", () => {
  const json = {
    result: false,
    errors: [{ mismatch: { type: 'error', message: 'error sending request for url (http://127.0.0.1:40001/accounts/1/users/alice)' } }],
  };
  expect(judgeReply(reply(json), '', undefined, 'http://target:8080').mismatch).toBe(
    'error: no answer from http://target:8080/accounts/1/users/alice: the request timed out or the connection failed',
  );
});

test("a failure the core gives no mismatch for is described by the core's own report, from its Failures section, without colours", () => {
  const json = {
    result: false,
    errors: [],
    output: ['\nVerifying a pact', '  d (\u001b[31mFAILED\u001b[0m)', '\nFailures:\n', '1) d', '    1.1) something'],
  };
  expect(judgeReply(reply(json), '').mismatch).toBe('other: Failures:\n\n1) d\n    1.1) something');
});

test('a worker that ended, overran or could not run the Verifier: failed, with the end of what it printed', () => {
  const printed = `${Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n')}\n\u001b[31mpanic\u001b[0m`;
  const crashed = judgeReply(undefined, printed, 'the verifier process ended (SIGKILL)');
  expect(crashed.status).toBe('failed');
  expect(crashed.mismatch?.split('\n')[0]).toBe('error: the verifier process ended (SIGKILL)');
  expect(crashed.mismatch).toMatch(/line 59\npanic$/);
  expect(crashed.mismatch).not.toContain('line 10\n');
  expect(judgeReply({ type: 'result', id: 0, error: 'Verification was unable to run', stateErrors: [] }, '').mismatch).toBe(
    'error: the verifier could not run: Verification was unable to run',
  );
  expect(judgeReply({ type: 'result', id: 0, json: 'not json', stateErrors: [] }, '').mismatch).toMatch(
    /^error: the Pact core's results are not JSON: not json/,
  );
});

test('stripAnsi removes colour codes only', () => {
  expect(stripAnsi('\u001b[1m$.User\u001b[0m -> missing: \u001b[31mEmail\u001b[0m')).toBe('$.User -> missing: Email');
});
