/**
 * The oracle on its own: the model in lock-step with answers written here, no server. It allows
 * every reading until an answer chooses one, holds the target to it afterwards, follows the state
 * across answers, and holds answers to requests sent at once to some order of them.
 */

import type { ConformanceCase } from '../../src/cases';
import { DEFAULT_FIXTURES, userArn } from '../../src/fixtures';
import { declaredState, knownState, type Observed, Oracle } from '../../src/model';
import { compileValidators, loadSpec } from '../../src/spec';
import { modelRequestOf } from '../../src/verify/observe';

const model = loadSpec();
const validators = compileValidators(model);
const f = DEFAULT_FIXTURES;
const theme = f.themes[0];
const themePath = { AwsAccountId: f.accountId, ThemeId: theme?.ThemeId as string };
const alicePath = { AwsAccountId: f.accountId, Namespace: 'default', UserName: 'alice' };
const bob = userArn(f, 'default', 'bob');
const eve = userArn(f, 'default', 'eve/ops');
const USER_ACTIONS = model.operation('UpdateThemePermissions').validGroupings?.user ?? [];

function request(operationId: ConformanceCase['operationId'], pathParams: Record<string, string>, body: unknown) {
  const c = { operationId, pathParams, body: body === undefined ? undefined : JSON.stringify(body) } as ConformanceCase;
  return modelRequestOf(model, validators, c);
}
const ok = (body: Record<string, unknown>): Observed => ({ status: 200, headers: {}, body: { RequestId: 'r-1', ...body } });
const error = (status: number, type: string): Observed => ({ status, headers: { 'x-amzn-errortype': type }, body: { Message: 'm' } });
const themeAnswer = (permissions: unknown[]) =>
  ok({
    ThemeId: theme?.ThemeId,
    ThemeArn: `arn:aws:quicksight:${f.region}:${f.accountId}:theme/${theme?.ThemeId}`,
    Permissions: permissions,
  });
const grant = (principal: string) =>
  request('UpdateThemePermissions', themePath, { GrantPermissions: [{ Principal: principal, Actions: USER_ACTIONS }] });
const noChange = request('UpdateThemePermissions', themePath, undefined);

test('a grant adds to what the theme holds: the answer that keeps the earlier permissions matches, one that replaces them does not', () => {
  const oracle = new Oracle(knownState(f));
  const kept = [...(theme?.Permissions ?? []), { Principal: bob, Actions: USER_ACTIONS }];
  expect(oracle.step(grant(bob), themeAnswer(kept)).matched).toBe(true);

  const replacing = new Oracle(knownState(f));
  const verdict = replacing.step(grant(bob), themeAnswer([{ Principal: bob, Actions: USER_ACTIONS }]));
  expect(verdict.matched).toBe(false);
  expect(verdict.statusMatched).toBe(true);
  expect(verdict.mismatches.length).toBeGreaterThan(0);
});

test('state carries across answers: after a grant, a request with no change must still show it', () => {
  const oracle = new Oracle(knownState(f));
  const kept = [...(theme?.Permissions ?? []), { Principal: bob, Actions: USER_ACTIONS }];
  oracle.step(grant(bob), themeAnswer(kept));
  expect(oracle.step(noChange, themeAnswer(kept)).matched).toBe(true);
  expect(oracle.step(noChange, themeAnswer(theme?.Permissions ?? [])).matched).toBe(false);
});

test('a state the fixtures only declare is learnt from the first answer and held from then on', () => {
  const oracle = new Oracle(declaredState(f));
  const shown = [{ Principal: eve, Actions: USER_ACTIONS }];
  expect(oracle.step(noChange, themeAnswer(shown)).matched).toBe(true);
  expect(oracle.step(noChange, themeAnswer(shown)).matched).toBe(true);
  expect(oracle.step(noChange, themeAnswer([{ Principal: bob, Actions: USER_ACTIONS }])).matched).toBe(false);
});

test('every reading is allowed until an answer chooses one; the target is then held to it', () => {
  const profile = f.customPermissions[0]?.CustomPermissionsName as string;
  const both = request('UpdateUser', alicePath, {
    Email: 'alice@example.com',
    Role: 'READER',
    CustomPermissionsName: profile,
    UnapplyCustomPermissions: true,
  });
  const oracle = new Oracle(knownState(f));
  const first = oracle.peek(both, error(400, 'InvalidParameterValueException'));
  expect(first.allowed.map((a) => a.answer)).toEqual(expect.arrayContaining(['200', expect.stringMatching(/^400 /)]));

  const rejected = oracle.step(both, error(400, 'InvalidParameterValueException'));
  expect(rejected.matched).toBe(true);
  expect(rejected.settled).toEqual(['name-and-unapply=rejected']);
  // The same request accepted later is a second reading of one question: no world allows it.
  const flipped = oracle.step(both, ok({ User: {}, Status: 200 }));
  expect(flipped.matched).toBe(false);
  expect(flipped.allowed.map((a) => a.answer)).toEqual([expect.stringMatching(/^400 /)]);
});

test('answers to requests sent at once must come from one order of them', () => {
  const before = theme?.Permissions ?? [];
  const withBob = [...before, { Principal: bob, Actions: USER_ACTIONS }];
  const withBoth = [...withBob, { Principal: eve, Actions: USER_ACTIONS }];
  const eveFirst = [...before, { Principal: eve, Actions: USER_ACTIONS }];

  const ordered = new Oracle(knownState(f)).burst([
    { req: grant(bob), observed: themeAnswer(withBoth) },
    { req: grant(eve), observed: themeAnswer(eveFirst) },
  ]);
  expect(ordered.linearizable).toBe(true);
  expect(ordered.verdicts.every((v) => v.matched)).toBe(true);

  // Each grant answered as if the other never happened: no order of the two explains both.
  const lost = new Oracle(knownState(f)).burst([
    { req: grant(bob), observed: themeAnswer(withBob) },
    { req: grant(eve), observed: themeAnswer(eveFirst) },
  ]);
  expect(lost.linearizable).toBe(false);
});

test('a burst keeps every order that explains its answers: the next answer may show either', () => {
  const profile = f.customPermissions[0]?.CustomPermissionsName as string;
  const alice = f.users.find((u) => u.UserName === 'alice');
  const user = (extra: Record<string, unknown>) =>
    ok({ User: { Arn: userArn(f, 'default', 'alice'), UserName: 'alice', Email: alice?.Email, Role: alice?.Role, ...extra }, Status: 200 });
  const plain = { Email: alice?.Email, Role: alice?.Role };
  const apply = request('UpdateUser', alicePath, { ...plain, CustomPermissionsName: profile });
  const unapply = request('UpdateUser', alicePath, { ...plain, UnapplyCustomPermissions: true });
  // Each answer is its own request's: both orders explain them, and they leave different states.
  const burst = () => {
    const oracle = new Oracle(knownState(f));
    const result = oracle.burst([
      { req: apply, observed: user({ CustomPermissionsName: profile }) },
      { req: unapply, observed: user({}) },
    ]);
    expect(result.linearizable).toBe(true);
    return oracle;
  };
  const next = request('UpdateUser', alicePath, plain);
  expect(burst().step(next, user({ CustomPermissionsName: profile })).matched).toBe(true);
  expect(burst().step(next, user({})).matched).toBe(true);
});

test('a reading an error shows inside a burst is held from then on', () => {
  const profile = f.customPermissions[0]?.CustomPermissionsName as string;
  const plain = { Email: 'alice@example.com', Role: 'READER' };
  const both = request('UpdateUser', alicePath, { ...plain, CustomPermissionsName: profile, UnapplyCustomPermissions: true });
  const oracle = new Oracle(knownState(f));
  const refused = error(400, 'InvalidParameterValueException');
  expect(
    oracle.burst([
      { req: both, observed: refused },
      { req: both, observed: refused },
    ]).linearizable,
  ).toBe(true);
  expect(oracle.settledReadings).toMatchObject({ 'name-and-unapply': 'rejected' });
  expect(oracle.step(both, ok({ User: {}, Status: 200 })).matched).toBe(false);
});

test('an error no point of a burst allows is its own finding: the successes beside it are still held to an order of them', () => {
  const withBob = [...(theme?.Permissions ?? []), { Principal: bob, Actions: USER_ACTIONS }];
  // The no-change answer shows the grant: only the order grant-then-look explains it.
  const result = new Oracle(knownState(f)).burst([
    { req: grant(bob), observed: themeAnswer(withBob) },
    { req: noChange, observed: themeAnswer(withBob) },
    { req: grant(eve), observed: error(404, 'UnknownOperationException') },
  ]);
  expect(result.linearizable).toBe(true);
  expect(result.verdicts.map((v) => v.matched)).toEqual([true, true, false]);
});
