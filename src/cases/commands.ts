/**
 * The steps of verify's stateful random sequences (fast-check model-based testing): what a team's
 * own traffic does to a resource, drawn at random. Each step is one request, or a few sent at once
 * (a burst, whose answers must agree with some serial order of them). The requests are written per
 * operation from the fixtures and the spec, because what makes a sequence telling is the domain:
 * grants and partial revokes across the two groupings, profiles applied and unapplied, external
 * logins set and cleared, requests that break a rule (a refusal must change nothing) interleaved.
 * Schema-random valid bodies are drawn too: they reach what the pages leave open, which the model
 * then holds the target to.
 */
import fc from 'fast-check';
import { type Fixtures, userArn } from '../fixtures';
import { effectiveSchema, type OperationModel } from '../spec';
import { valueArbitrary } from './arbitraries';
import type { ConformanceCase } from './generate';
import { negativeCases } from './generate';

type Body = Record<string, unknown>;

export const STATEFUL_TITLE = 'answers random sequences of updates, some sent at once, as the model allows';

/** One step: the bodies sent at once (one: a single request), and whether a faithful target refuses them. */
export interface CommandStep {
  bodies: (Body | undefined)[];
  rejected: boolean;
  /** For a refused step: the rules it breaks and the rule that says so. */
  broken?: Pick<ConformanceCase, 'breaks' | 'rule'>;
}

/** At most this many requests go out at once in a step: every order of their successes is tried. */
const MAX_BURST = 3;

function userSteps(op: OperationModel, fixtures: Fixtures, pathParams: Record<string, string>): fc.Arbitrary<Body> {
  const roles = (effectiveSchema(op.body?.schema.properties?.Role ?? {}).enum ?? ['READER']).map(String);
  const name = String(pathParams.UserName).replace(/[^a-zA-Z0-9._-]/g, '.');
  const plain = fc.record({
    Email: fc.constantFrom(`${name}@example.com`, `${name}.other@example.com`, `${name}+qs@example.org`),
    Role: fc.constantFrom(...roles),
  });
  const profile = fixtures.customPermissions[0]?.CustomPermissionsName;
  const externalId = fc.constantFrom('external-1', 'external-2');
  const choices: fc.Arbitrary<Body>[] = [
    plain,
    plain.map((b) => ({ ...b, UnapplyCustomPermissions: true })),
    fc.tuple(plain, externalId).map(([b, id]) => ({ ...b, ExternalLoginFederationProviderType: 'COGNITO', ExternalLoginId: id })),
    fc.tuple(plain, externalId).map(([b, id]) => ({
      ...b,
      ExternalLoginFederationProviderType: 'CUSTOM_OIDC',
      CustomFederationProviderUrl: 'https://idp.example.com/oidc',
      ExternalLoginId: id,
    })),
    plain.map((b) => ({ ...b, ExternalLoginFederationProviderType: 'NONE' })),
    ...(profile ? [plain.map((b) => ({ ...b, CustomPermissionsName: profile }))] : []),
  ];
  return fc.oneof(...choices);
}

function themeSteps(op: OperationModel, fixtures: Fixtures): fc.Arbitrary<Body | undefined> {
  const user = op.validGroupings?.user ?? [];
  const owner = op.validGroupings?.owner ?? user;
  const principals = fixtures.users.map((u) => userArn(fixtures, u.Namespace, u.UserName));
  if (principals.length === 0 || owner.length === 0) return fc.constant(undefined);
  // Principals that already hold actions are drawn more often: what a grant or revoke does to a
  // holding (add, not replace; keep the rest) is what goes wrong.
  const holders = [...new Set(fixtures.themes.flatMap((t) => t.Permissions.map((p) => p.Principal)))];
  const principal =
    holders.length > 0
      ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...holders) }, { weight: 3, arbitrary: fc.constantFrom(...principals) })
      : fc.constantFrom(...principals);
  const grouping = fc.constantFrom(user, owner).filter((g) => g.length > 0);
  const one = (key: 'GrantPermissions' | 'RevokePermissions', actions: fc.Arbitrary<string[]>) =>
    fc.tuple(principal, actions).map(([Principal, Actions]) => ({ [key]: [{ Principal, Actions }] }));
  return fc.oneof(
    { weight: 3, arbitrary: one('GrantPermissions', grouping) },
    { weight: 2, arbitrary: one('RevokePermissions', fc.subarray(owner, { minLength: 1 })) },
    { weight: 1, arbitrary: one('RevokePermissions', grouping) },
    // No change: the answer shows what the theme holds.
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** The valid requests of a step on the resource the path names. */
function validBodies(op: OperationModel, fixtures: Fixtures, pathParams: Record<string, string>): fc.Arbitrary<Body | undefined> {
  const random = op.body ? (valueArbitrary(op.body.schema) as fc.Arbitrary<Body>) : fc.constant(undefined);
  switch (op.id) {
    case 'UpdateUser':
      return fc.oneof({ weight: 4, arbitrary: userSteps(op, fixtures, pathParams) }, { weight: 1, arbitrary: random });
    case 'UpdateThemePermissions':
      return themeSteps(op, fixtures);
    default:
      return random;
  }
}

/** A step of a stateful sequence: a valid request, a burst of them, or a request that breaks one documented rule. */
export function commandSteps(op: OperationModel, fixtures: Fixtures, pathParams: Record<string, string>): fc.Arbitrary<CommandStep> {
  const valid = validBodies(op, fixtures, pathParams);
  // The valid bodies are drawn from few choices: each one's rule-breaking variants are made once.
  const made = new Map<string, ConformanceCase[]>();
  const samePath = JSON.stringify(pathParams);
  const brokenOf = (body: Body | undefined) => {
    const key = JSON.stringify(body ?? {});
    let negatives = made.get(key);
    if (!negatives) {
      negatives = negativeCases(op, pathParams, body ?? {}).filter((c) => JSON.stringify(c.pathParams) === samePath);
      made.set(key, negatives);
    }
    return negatives;
  };
  const broken = valid.chain((body) => {
    const negatives = brokenOf(body);
    return negatives.length > 0 ? fc.constantFrom(...negatives) : fc.constant(undefined);
  });
  // Cross-shrinking lets a refused request shrink to a valid one when that still fails; a burst
  // shrinks by dropping requests, down to a single one (a burst of one is a plain request).
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: valid.map((body): CommandStep => ({ bodies: [body], rejected: false })) },
    {
      weight: 2,
      arbitrary: fc.array(valid, { minLength: 1, maxLength: MAX_BURST }).map((bodies): CommandStep => ({ bodies, rejected: false })),
    },
    {
      weight: 1,
      arbitrary: broken.map(
        (c): CommandStep =>
          c
            ? { bodies: [parse(c.body)], rejected: true, broken: { breaks: c.breaks, rule: c.rule } }
            : { bodies: [undefined], rejected: false },
      ),
    },
  );
}

function parse(text: string | undefined): Body | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Body;
  } catch {
    return undefined;
  }
}

/** The cases of a step, ready for the runner: one per request, in the order they go out. */
export function stepCases(op: OperationModel, pathParams: Record<string, string>, step: CommandStep): ConformanceCase[] {
  return step.bodies.map((body) => ({
    id: `${op.id}/property/stateful`,
    operationId: op.id,
    kind: 'stateful',
    title: STATEFUL_TITLE,
    rule: step.broken?.rule,
    breaks: step.broken?.breaks ?? [],
    pathParams,
    body: body === undefined ? undefined : JSON.stringify(body),
    expect: step.rejected ? 'rejected' : 'documented',
  }));
}
