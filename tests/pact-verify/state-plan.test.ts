/**
 * How pact-verify meets each provider state (src/pact-verify/state-plan.ts): every state through a control
 * plane when the target has one; else from what the fixtures say the target holds, or unmet with
 * the reason, which skips the interaction. Pure: no Pact runtime, no network.
 */
import path from 'node:path';
import { BUILTIN_FIXTURES, type Fixtures, STATES, userArn } from '../../src/fixtures';
import { PACT_FILE_NAME, parsePact, readPact } from '../../src/pact-file';
import { operationOf, planStates, stateMetByFixtures } from '../../src/pact-verify';
import { CONTRACTS_DIR } from '../../src/spec';

const F = BUILTIN_FIXTURES;
const account = F.accountId;
const alice = userArn(F, 'default', 'alice');
const CONTROL_PLANE_ONLY = /^only a control plane \(POST \/_mock\/provider-states\) can set it, and the target has none/;

type Row = [string, Record<string, unknown>, true | RegExp];

const rows: Row[] = [
  // a user exists: that account, namespace and user name in the fixtures
  [STATES.userExists, { AwsAccountId: account, Namespace: 'default', UserName: 'alice', Email: 'alice@example.com', Role: 'READER' }, true],
  [
    STATES.userExists,
    { AwsAccountId: account, Namespace: 'default', UserName: 'Zoë Ångström', Email: 'z@example.com', Role: 'AUTHOR' },
    true,
  ],
  [
    STATES.userExists,
    { AwsAccountId: account, Namespace: 'default', UserName: 'mallory', Email: 'm@example.com', Role: 'READER' },
    /^the fixtures hold no user "mallory" in namespace "default"$/,
  ],
  [
    STATES.userExists,
    { AwsAccountId: account, Namespace: 'team', UserName: 'alice' },
    /^the fixtures hold no user "alice" in namespace "team"$/,
  ],
  [
    STATES.userExists,
    { AwsAccountId: '111122223333', Namespace: 'default', UserName: 'alice' },
    /^account 111122223333 is not the fixtures' account 123456789012$/,
  ],
  [STATES.userExists, { AwsAccountId: account, Namespace: 'default' }, /^parameter UserName is missing or not a non-empty string$/],
  // ... does not exist: the fixtures hold no such name
  [STATES.userAbsent, { AwsAccountId: account, Namespace: 'default', UserName: 'absent-user' }, true],
  [
    STATES.userAbsent,
    { AwsAccountId: account, Namespace: 'default', UserName: 'bob' },
    /^the fixtures hold the user "bob" in namespace "default", which must not exist$/,
  ],
  [STATES.namespaceAbsent, { AwsAccountId: account, Namespace: 'absent-namespace', UserName: 'alice' }, true],
  [
    STATES.namespaceAbsent,
    { AwsAccountId: account, Namespace: 'default', UserName: 'alice' },
    /^the fixtures hold the namespace "default", which must not exist$/,
  ],
  [STATES.themeAbsent, { AwsAccountId: account, ThemeId: 'absent-theme' }, true],
  [
    STATES.themeAbsent,
    { AwsAccountId: account, ThemeId: 'corporate-theme' },
    /^the fixtures hold the theme "corporate-theme", which must not exist$/,
  ],
  [STATES.customPermissionsAbsent, { AwsAccountId: account, CustomPermissionsName: 'AbsentProfile' }, true],
  [
    STATES.customPermissionsAbsent,
    { AwsAccountId: account, CustomPermissionsName: 'ReadOnlyAnalysts' },
    /^the fixtures hold the custom permissions profile "ReadOnlyAnalysts", which must not exist$/,
  ],
  [
    STATES.customPermissionsAbsent,
    { AwsAccountId: '210987654321', CustomPermissionsName: 'AbsentProfile' },
    /^account 210987654321 is not the fixtures' account/,
  ],
  // a theme exists: the theme, with OwnerPrincipal among its permissions
  [STATES.themeExists, { AwsAccountId: account, ThemeId: 'corporate-theme', OwnerPrincipal: alice }, true],
  [
    STATES.themeExists,
    { AwsAccountId: account, ThemeId: 'corporate-theme', OwnerPrincipal: userArn(F, 'default', 'bob') },
    /^the fixtures' theme "corporate-theme" grants nothing to arn:aws:quicksight:us-east-1:123456789012:user\/default\/bob$/,
  ],
  [STATES.themeExists, { AwsAccountId: account, ThemeId: 'brand', OwnerPrincipal: alice }, /^the fixtures hold no theme "brand"$/],
  // a custom permissions profile exists
  [STATES.customPermissionsExists, { AwsAccountId: account, CustomPermissionsName: 'ReadOnlyAnalysts' }, true],
  [
    STATES.customPermissionsExists,
    { AwsAccountId: account, CustomPermissionsName: 'PowerUsers' },
    /^the fixtures hold no custom permissions profile "PowerUsers"$/,
  ],
  // an account is not the caller's: any account but the fixtures' own
  [STATES.accountNotCallers, { AwsAccountId: '210987654321' }, true],
  [STATES.accountNotCallers, { AwsAccountId: account }, /^account 123456789012 is the fixtures' own account$/],
  // only a control plane sets these
  [STATES.standardEdition, { AwsAccountId: account }, CONTROL_PLANE_ONLY],
  [STATES.themeAtPrincipalLimit, { AwsAccountId: account, ThemeId: 'corporate-theme', Principals: 64 }, CONTROL_PLANE_ONLY],
  [STATES.operationFails, { OperationId: 'UpdateUser', ErrorType: 'ThrottlingException', Status: 429 }, CONTROL_PLANE_ONLY],
  ['a unicorn exists', {}, /^unknown provider state; the contract's states are "a user exists", /],
];

test.each(rows)('from the default fixtures: %s %j', (name, params, expected) => {
  const verdict = stateMetByFixtures(name, params, F);
  if (expected === true) expect(verdict).toEqual({ met: true });
  else expect(verdict).toEqual({ met: false, reason: expect.stringMatching(expected) });
});

test('other fixtures meet other states: a team namespace user, a brand theme owned by its owner, another account', () => {
  const other: Fixtures = {
    ...F,
    accountId: '111122223333',
    users: [
      {
        Namespace: 'team',
        UserName: 'Renée',
        Email: 'r@example.com',
        Role: 'AUTHOR',
        IdentityType: 'QUICKSIGHT',
        Active: true,
        PrincipalId: 'p',
      },
    ],
    themes: [
      {
        ThemeId: 'brand',
        Permissions: [
          { Principal: userArn({ region: F.region, accountId: '111122223333' }, 'team', 'Renée'), Actions: ['quicksight:DescribeTheme'] },
        ],
      },
    ],
    customPermissions: [],
  };
  expect(stateMetByFixtures(STATES.userExists, { AwsAccountId: '111122223333', Namespace: 'team', UserName: 'Renée' }, other)).toEqual({
    met: true,
  });
  // the namespace of a fixtures user exists even when `namespaces` does not list it
  expect(
    stateMetByFixtures(STATES.namespaceAbsent, { AwsAccountId: '111122223333', Namespace: 'team' }, { ...other, namespaces: [] }).met,
  ).toBe(false);
  expect(
    stateMetByFixtures(
      STATES.themeExists,
      { AwsAccountId: '111122223333', ThemeId: 'brand', OwnerPrincipal: 'arn:aws:quicksight:us-east-1:111122223333:user/team/Renée' },
      other,
    ),
  ).toEqual({ met: true });
  expect(
    stateMetByFixtures(STATES.customPermissionsExists, { AwsAccountId: '111122223333', CustomPermissionsName: 'ReadOnlyAnalysts' }, other)
      .met,
  ).toBe(false);
  expect(stateMetByFixtures(STATES.accountNotCallers, { AwsAccountId: account }, other)).toEqual({ met: true });
});

describe('planStates over contracts/', () => {
  const pact = readPact(path.join(CONTRACTS_DIR, PACT_FILE_NAME));

  test('with a control plane, every state of every interaction is set through it, and every interaction runs', () => {
    const plan = planStates(pact, F, { controlPlane: true });
    expect(plan).toHaveLength(pact.interactions.length);
    expect(plan.every((p) => p.runnable && p.skipReason === undefined)).toBe(true);
    expect(new Set(plan.flatMap((p) => p.states.map((s) => s.via)))).toEqual(new Set(['control-plane']));
  });

  test(
    'without one, from the default fixtures: Standard edition, the principal limit and injected failures ' +
      'are skipped with the reason; the rest run on the fixtures',
    () => {
      const plan = planStates(pact, F, { controlPlane: false });
      const skipped = plan.filter((p) => !p.runnable);
      expect(skipped.map((p) => p.description).sort()).toEqual(
        pact.interactions
          .filter((i) => /Standard edition|maximum number of principals|the service answers/.test(i.description))
          .map((i) => i.description)
          .sort(),
      );
      expect(skipped).toHaveLength(13);
      const states = [
        'the QuickSight subscription is Standard edition',
        'a theme grants permissions to the maximum number of principals',
        'the next call of an operation fails with an error',
      ];
      const onlyControlPlane = new RegExp(`^provider state "(${states.join('|')})": only a control plane`);
      for (const p of skipped) expect(p.skipReason).toMatch(onlyControlPlane);
      // the states the fixtures do give are still marked so
      const standard = plan.find((p) => p.description.includes('Standard edition'));
      expect(standard?.states.map((s) => s.via)).toEqual(['fixtures', 'unmet']);
      const ran = plan.filter((p) => p.runnable);
      expect(ran).toHaveLength(14);
      expect(new Set(ran.flatMap((p) => p.states.map((s) => s.via)))).toEqual(new Set(['fixtures']));
    },
  );

  test('fixtures that hold no theme and no profile skip the interactions that need them, naming what is missing', () => {
    const plan = planStates(pact, { ...F, themes: [], customPermissions: [] }, { controlPlane: false });
    const valid = (op: string) => plan.find((p) => p.description === `${op}: a valid update of an existing resource`);
    expect(valid('UpdateThemePermissions')).toMatchObject({
      runnable: false,
      skipReason: 'provider state "a theme exists": the fixtures hold no theme "corporate-theme"',
    });
    expect(valid('UpdateCustomPermissions')).toMatchObject({
      runnable: false,
      skipReason:
        'provider state "a custom permissions profile exists": the fixtures hold no custom permissions profile "ReadOnlyAnalysts"',
    });
    expect(valid('UpdateUser')).toMatchObject({ runnable: true });
    // an interaction with two unmet states gives both reasons
    const standard = plan.find((p) => p.description.includes('Standard edition'));
    expect(standard?.skipReason?.split('; ')).toEqual([
      'provider state "a theme exists": the fixtures hold no theme "corporate-theme"',
      expect.stringMatching(/^provider state "the QuickSight subscription is Standard edition": only a control plane/),
    ]);
  });

  test('an interaction with no provider state runs; one that is not HTTP is skipped', () => {
    const pactFile = {
      consumer: { name: 'c' },
      provider: { name: 'p' },
      interactions: [
        { description: 'UpdateUser: no state', request: { method: 'PUT', path: '/' }, response: { status: 200 } },
        { description: 'an event', type: 'Asynchronous/Messages', contents: {} },
      ],
    };
    const plan = planStates(parsePact(JSON.stringify(pactFile), 'x.json'), F, { controlPlane: false });
    expect(plan[0]).toMatchObject({ runnable: true, states: [], operationId: 'UpdateUser' });
    expect(plan[1]).toMatchObject({
      runnable: false,
      skipReason: expect.stringMatching(/^a Asynchronous\/Messages interaction: .*: only HTTP interactions are verified$/),
      operationId: undefined,
    });
  });
});

test.each([
  ['UpdateUser: a valid update of an existing resource', 'UpdateUser'],
  ['UpdateThemePermissions: ThemeId names nothing that exists', 'UpdateThemePermissions'],
  ['a description with no operation', undefined],
  ['lowercase: not an operation', undefined],
])('operationOf(%j) is %j', (description, expected) => {
  expect(operationOf(description)).toBe(expected);
});
