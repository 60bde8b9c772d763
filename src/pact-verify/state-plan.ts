/**
 * How a Pact provider verification puts a target into each provider state of the contract, without
 * loading Pact: through the target's control plane when it has one (`POST /_mock/provider-states`,
 * Pact's own state-change body), else from what the fixtures say the target already holds. A state
 * neither can meet is *unmet*, with the reason, and its interaction is skipped rather than failed.
 */
import { type Fixtures, type ProviderState, parseProviderState, STATE_NAMES, STATES } from '../fixtures';
import type { PactDocument } from '../pact-file';
import { CONTROL_ROUTES } from '../protocol';

export type StateVia = 'fixtures' | 'control-plane' | 'unmet';

export interface PlannedState {
  name: string;
  params: Record<string, unknown>;
  via: StateVia;
  /** For an unmet state: why the target cannot be put into it. */
  reason?: string;
}

export interface PlannedInteraction {
  /** The interaction's position in the pact file. */
  index: number;
  description: string;
  /** The operation the description names (`UpdateUser: …`), if it names one. */
  operationId: string | undefined;
  states: PlannedState[];
  /** Every state is met: the interaction is verified. */
  runnable: boolean;
  /** For an interaction that is not runnable: one line per unmet state. */
  skipReason: string | undefined;
}

const CONTROL_PLANE_ONLY =
  `only a control plane (POST ${CONTROL_ROUTES.providerStates}) can set it, ` +
  `and the target has none (GET ${CONTROL_ROUTES.health} does not answer {"status": "ok"})`;

type Met = { met: true } | { met: false; reason: string };
const met: Met = { met: true };
const unmet = (reason: string): Met => ({ met: false, reason });

const quoted = (value: string) => JSON.stringify(value);

/** A resource of another account than the fixtures' is not in the target the fixtures describe. */
function sameAccount(fixtures: Fixtures, accountId: string): Met {
  return accountId === fixtures.accountId ? met : unmet(`account ${accountId} is not the fixtures' account ${fixtures.accountId}`);
}

/** A resource a state names: its account, whether the fixtures hold it, whether they must (held) or must not, and what it is. */
interface Named {
  accountId: string;
  found: boolean;
  held: boolean;
  what: string;
}

/** Whether the fixtures hold the resource a state names as the state asks. */
function holds(fixtures: Fixtures, { accountId, found, held, what }: Named): Met {
  const account = sameAccount(fixtures, accountId);
  if (!account.met) return account;
  if (found === held) return met;
  return unmet(held ? `the fixtures hold no ${what}` : `the fixtures hold the ${what}, which must not exist`);
}

function metByFixtures(state: ProviderState, fixtures: Fixtures): Met {
  switch (state.name) {
    case STATES.userExists:
    case STATES.userAbsent: {
      const { AwsAccountId, Namespace, UserName } = state.params;
      const found = fixtures.users.some((u) => u.Namespace === Namespace && u.UserName === UserName);
      const what = `user ${quoted(UserName)} in namespace ${quoted(Namespace)}`;
      return holds(fixtures, { accountId: AwsAccountId, found, held: state.name === STATES.userExists, what });
    }
    case STATES.namespaceAbsent: {
      const { AwsAccountId, Namespace } = state.params;
      const found = fixtures.namespaces.includes(Namespace) || fixtures.users.some((u) => u.Namespace === Namespace);
      return holds(fixtures, { accountId: AwsAccountId, found, held: false, what: `namespace ${quoted(Namespace)}` });
    }
    case STATES.themeExists: {
      const { AwsAccountId, ThemeId, OwnerPrincipal } = state.params;
      const theme = fixtures.themes.find((t) => t.ThemeId === ThemeId);
      const held = holds(fixtures, { accountId: AwsAccountId, found: theme !== undefined, held: true, what: `theme ${quoted(ThemeId)}` });
      if (!held.met || !theme) return held;
      return theme.Permissions.some((permission) => permission.Principal === OwnerPrincipal)
        ? met
        : unmet(`the fixtures' theme ${quoted(ThemeId)} grants nothing to ${OwnerPrincipal}`);
    }
    case STATES.themeAbsent: {
      const { AwsAccountId, ThemeId } = state.params;
      const found = fixtures.themes.some((t) => t.ThemeId === ThemeId);
      return holds(fixtures, { accountId: AwsAccountId, found, held: false, what: `theme ${quoted(ThemeId)}` });
    }
    case STATES.customPermissionsExists:
    case STATES.customPermissionsAbsent: {
      const { AwsAccountId, CustomPermissionsName } = state.params;
      const found = fixtures.customPermissions.some((c) => c.CustomPermissionsName === CustomPermissionsName);
      const what = `custom permissions profile ${quoted(CustomPermissionsName)}`;
      return holds(fixtures, { accountId: AwsAccountId, found, held: state.name === STATES.customPermissionsExists, what });
    }
    case STATES.accountNotCallers:
      return state.params.AwsAccountId === fixtures.accountId
        ? unmet(`account ${state.params.AwsAccountId} is the fixtures' own account`)
        : met;
    // A fixtures file could describe a theme at the limit, but the contract's other theme
    // interactions grant on the same theme and would then hit it; the contract's other interactions
    // need Enterprise edition; a failure is the next call's only: only a control plane sets these.
    case STATES.themeAtPrincipalLimit:
    case STATES.standardEdition:
    case STATES.operationFails:
      return unmet(CONTROL_PLANE_ONLY);
  }
}

/**
 * Whether the target, as the fixtures describe it, is already in the state. Pure: the fixtures are
 * a description of the target, nothing here talks to it.
 */
export function stateMetByFixtures(name: string, params: Record<string, unknown>, fixtures: Fixtures): Met {
  const parsed = parseProviderState(name, params);
  if (!parsed.ok) {
    if (!(STATE_NAMES as string[]).includes(name))
      return unmet(`unknown provider state; the contract's states are ${STATE_NAMES.map(quoted).join(', ')}`);
    return unmet(parsed.message);
  }
  return metByFixtures(parsed.state, fixtures);
}

/** `UpdateUser` of `UpdateUser: a valid update …`; undefined when the description names no operation. */
export function operationOf(description: string): string | undefined {
  return /^([A-Z][A-Za-z0-9]*): /.exec(description)?.[1];
}

/**
 * Decides, for every interaction of the pact, how each of its provider states is met: all through
 * the control plane when the target has one (each set up before the interaction, torn down after),
 * else each from the fixtures or unmet. Interactions that are not HTTP are not verified.
 */
export function planStates(
  pact: Pick<PactDocument, 'interactions' | 'skipped'>,
  fixtures: Fixtures,
  target: { controlPlane: boolean },
): PlannedInteraction[] {
  const skipped: PlannedInteraction[] = pact.skipped.map((s) => ({
    index: s.index,
    description: s.description,
    operationId: operationOf(s.description),
    states: [],
    runnable: false,
    skipReason: `${s.reason}: only HTTP interactions are verified`,
  }));
  const http: PlannedInteraction[] = pact.interactions.map((interaction) => {
    const states: PlannedState[] = interaction.providerStates.map(({ name, params }) => {
      if (target.controlPlane) return { name, params, via: 'control-plane' };
      const verdict = stateMetByFixtures(name, params, fixtures);
      return verdict.met ? { name, params, via: 'fixtures' } : { name, params, via: 'unmet', reason: verdict.reason };
    });
    const unmetStates = states.filter((s) => s.via === 'unmet');
    return {
      index: interaction.index,
      description: interaction.description,
      operationId: operationOf(interaction.description),
      states,
      runnable: unmetStates.length === 0,
      skipReason: unmetStates.length === 0 ? undefined : unmetStates.map((s) => `provider state ${quoted(s.name)}: ${s.reason}`).join('; '),
    };
  });
  return [...http, ...skipped].sort((a, b) => a.index - b.index);
}
