/**
 * verify --sigv4 against mocks that check signatures: the faithful check passes with every auth
 * case refused as it should be, and each seeded signature defect (tests/support/defect-catalogue.ts)
 * fails exactly the auth case that shows it, on every operation, and nothing else.
 */
import { checkingSignatures, DEFECTS } from '../support/defect-catalogue';
import { verifyMock } from '../support/defect-verdict';

const failedCases = (result: Awaited<ReturnType<typeof verifyMock>>) =>
  result.cases
    .filter((c) => c.status === 'failed')
    .map((c) => c.id)
    .sort();

test('passes a mock that verifies signatures faithfully (the base of the signature defects), every auth case refused', async () => {
  const result = await verifyMock(checkingSignatures(), { sigv4: true });
  expect(failedCases(result)).toEqual([]);
  expect(result.verdict).toBe('pass');
  const auth = result.cases.filter((c) => c.kind === 'auth');
  expect(auth).toHaveLength(12);
  expect(new Set(auth.map((c) => c.received?.kind === 'response' && c.received.status))).toEqual(new Set([401]));
});

test.each([
  ['signature-date-ignored', 'expired'],
  ['signature-body-hash-ignored', 'body-changed'],
])('verify --sigv4 fails the seeded defect %s on the %s auth case of every operation, and only there', async (name, signing) => {
  expect(DEFECTS[name]?.sigv4).toBe(true);
  const result = await verifyMock(name);
  expect(result.verdict).toBe('fail');
  expect(failedCases(result)).toEqual(result.operations.map((op) => `${op}/auth/${signing}`).sort());
  for (const c of result.cases.filter((x) => x.status === 'failed'))
    expect(c.findings.map((f) => [f.check, f.code])).toEqual([['auth-enforced', 'behaviour.auth-not-enforced']]);
});
