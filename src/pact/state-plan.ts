/**
 * How a Pact provider verification puts a target into each provider state of the contract, without
 * loading Pact: through the target's control plane when it has one (`POST /_mock/provider-states`,
 * Pact's own state-change body), else from what the fixtures say the target already holds. A state
 * neither can meet is *unmet*, with the reason, and its interaction is skipped rather than failed.
 */
import { type Fixtures, STATES, type StateName } from '../fixtures';
import type { PactFile } from './contract-file';

/** The control-plane route a target answers `{"status": "ok"}` on, and the one that sets provider states. */
export const CONTROL_PLANE = { health: '/_mock/health', providerStates: '/_mock/provider-states' } as const;

/** The V4 type of a request/response interaction (a V3 pact names no type). */
export const HTTP_INTERACTION = 'Synchronous/HTTP';

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

const KNOWN = new Set<string>(Object.values(STATES));
const CONTROL_PLANE_ONLY = `only a control plane (POST ${CONTROL_PLANE.providerStates}) can set it, and the target has none (GET ${CONTROL_PLANE.health} does not answer {"status": "ok"})`;

type Met = { met: true } | { met: false; reason: string };
const met: Met = { met: true };
const unmet = (reason: string): Met => ({ met: false, reason });

/** A named string parameter, or the reason it cannot be read. */
function param(params: Record<string, unknown>, name: string): string | Met {
  const value = params[name];
  if (typeof value === 'string' && value !== '') return value;
  return unmet(`parameter ${name} is missing or not a non-empty string`);
}

/** Reads the named parameters, or answers why one is unusable. */
function read<K extends string>(params: Record<string, unknown>, names: readonly K[]): Record<K, string> | Met {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = param(params, name);
    if (typeof value !== 'string') return value;
    values[name] = value;
  }
  return values;
}

const isMet = (value: unknown): value is Met => typeof value === 'object' && value !== null && 'met' in value;

/** A resource of another account than the fixtures' is not in the target the fixtures describe. */
function sameAccount(fixtures: Fixtures, accountId: string): Met {
  return accountId === fixtures.accountId ? met : unmet(`account ${accountId} is not the fixtures' account ${fixtures.accountId}`);
}

const quoted = (value: string) => JSON.stringify(value);

/**
 * Whether the target, as the fixtures describe it, is already in the state. Pure: the fixtures are
 * a description of the target, nothing here talks to it.
 */
export function stateMetByFixtures(name: string, params: Record<string, unknown>, fixtures: Fixtures): Met {
  if (!KNOWN.has(name)) return unmet(`unknown provider state; the contract's states are ${[...KNOWN].map(quoted).join(', ')}`);
  switch (name as StateName) {
    case STATES.userExists: {
      const p = read(params, ['AwsAccountId', 'Namespace', 'UserName'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      return fixtures.users.some((u) => u.Namespace === p.Namespace && u.UserName === p.UserName)
        ? met
        : unmet(`the fixtures hold no user ${quoted(p.UserName)} in namespace ${quoted(p.Namespace)}`);
    }
    case STATES.userAbsent: {
      const p = read(params, ['AwsAccountId', 'Namespace', 'UserName'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      return fixtures.users.some((u) => u.Namespace === p.Namespace && u.UserName === p.UserName)
        ? unmet(`the fixtures hold the user ${quoted(p.UserName)} in namespace ${quoted(p.Namespace)}, which must not exist`)
        : met;
    }
    case STATES.namespaceAbsent: {
      const p = read(params, ['AwsAccountId', 'Namespace'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      return fixtures.namespaces.includes(p.Namespace) || fixtures.users.some((u) => u.Namespace === p.Namespace)
        ? unmet(`the fixtures hold the namespace ${quoted(p.Namespace)}, which must not exist`)
        : met;
    }
    case STATES.themeExists: {
      const p = read(params, ['AwsAccountId', 'ThemeId', 'OwnerPrincipal'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      const theme = fixtures.themes.find((t) => t.ThemeId === p.ThemeId);
      if (!theme) return unmet(`the fixtures hold no theme ${quoted(p.ThemeId)}`);
      return theme.Permissions.some((permission) => permission.Principal === p.OwnerPrincipal)
        ? met
        : unmet(`the fixtures' theme ${quoted(p.ThemeId)} grants nothing to ${p.OwnerPrincipal}`);
    }
    case STATES.themeAbsent: {
      const p = read(params, ['AwsAccountId', 'ThemeId'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      return fixtures.themes.some((t) => t.ThemeId === p.ThemeId)
        ? unmet(`the fixtures hold the theme ${quoted(p.ThemeId)}, which must not exist`)
        : met;
    }
    case STATES.themeAtPrincipalLimit: {
      // A fixtures file could describe such a theme, but the contract's other theme interactions
      // grant on the same theme and would then hit the limit: only a control plane sets it per interaction.
      return unmet(CONTROL_PLANE_ONLY);
    }
    case STATES.customPermissionsExists: {
      const p = read(params, ['AwsAccountId', 'CustomPermissionsName'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      return fixtures.customPermissions.some((c) => c.CustomPermissionsName === p.CustomPermissionsName)
        ? met
        : unmet(`the fixtures hold no custom permissions profile ${quoted(p.CustomPermissionsName)}`);
    }
    case STATES.customPermissionsAbsent: {
      const p = read(params, ['AwsAccountId', 'CustomPermissionsName'] as const);
      if (isMet(p)) return p;
      const account = sameAccount(fixtures, p.AwsAccountId);
      if (!account.met) return account;
      return fixtures.customPermissions.some((c) => c.CustomPermissionsName === p.CustomPermissionsName)
        ? unmet(`the fixtures hold the custom permissions profile ${quoted(p.CustomPermissionsName)}, which must not exist`)
        : met;
    }
    case STATES.accountNotCallers: {
      const p = read(params, ['AwsAccountId'] as const);
      if (isMet(p)) return p;
      return p.AwsAccountId === fixtures.accountId ? unmet(`account ${p.AwsAccountId} is the fixtures' own account`) : met;
    }
    case STATES.standardEdition:
      // The contract's other interactions need Enterprise edition (UpdateThemePermissions succeeds):
      // a Standard edition target described by its fixtures could not pass them, so only a control plane sets it.
      return unmet(CONTROL_PLANE_ONLY);
    case STATES.operationFails:
      return unmet(CONTROL_PLANE_ONLY);
  }
}

/** `UpdateUser` of `UpdateUser: a valid update …`; undefined when the description names no operation. */
export function operationOf(description: string): string | undefined {
  return /^([A-Z][A-Za-z0-9]*): /.exec(description)?.[1];
}

/**
 * Decides, for every interaction of the pact, how each of its provider states is met: all through
 * the control plane when the target has one (each set up before the interaction, torn down after),
 * else each from the fixtures or unmet.
 */
export function planStates(
  pact: Pick<PactFile, 'interactions'>,
  fixtures: Fixtures,
  target: { controlPlane: boolean },
): PlannedInteraction[] {
  return pact.interactions.map((interaction, index) => {
    if (interaction.type !== undefined && interaction.type !== HTTP_INTERACTION) {
      const reason = `an interaction of type ${interaction.type}: only HTTP interactions are verified`;
      return {
        index,
        description: interaction.description,
        operationId: operationOf(interaction.description),
        states: [],
        runnable: false,
        skipReason: reason,
      };
    }
    const states: PlannedState[] = (interaction.providerStates ?? []).map((state) => {
      const params = state.params ?? {};
      if (target.controlPlane) return { name: state.name, params, via: 'control-plane' };
      const verdict = stateMetByFixtures(state.name, params, fixtures);
      return verdict.met
        ? { name: state.name, params, via: 'fixtures' }
        : { name: state.name, params, via: 'unmet', reason: verdict.reason };
    });
    const unmetStates = states.filter((s) => s.via === 'unmet');
    return {
      index,
      description: interaction.description,
      operationId: operationOf(interaction.description),
      states,
      runnable: unmetStates.length === 0,
      skipReason: unmetStates.length === 0 ? undefined : unmetStates.map((s) => `provider state ${quoted(s.name)}: ${s.reason}`).join('; '),
    };
  });
}
