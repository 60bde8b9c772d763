/**
 * A target's success body against the body the model expects: each member the model knows must be
 * shown with its value (an optional one only when shown), a member the model knows to be absent
 * must not be shown, a member it does not know yet is taken as shown. Lists of permissions compare
 * as sets. Members the model says nothing of are the target's own (extra members are allowed).
 * Bounded: it walks the expected body, whose shape is the spec's, never the target's.
 */
import { briefJson, sameJson } from '../json';
import { PermissionsAtLeast, UNKNOWN } from './state';

export interface Mismatch {
  /** JSON Pointer into the answer's body. */
  pointer: string;
  expected: string;
  actual: string;
  message: string;
}

/** Members an answer may leave out even when the model knows them: compared only when shown. */
const OPTIONAL = new Set([
  '/RequestId',
  '/Arn',
  '/Status',
  '/ThemeArn',
  '/User/Arn',
  '/User/IdentityType',
  '/User/Active',
  '/User/PrincipalId',
]);
/** Members whose absence from the expected body means "known to be absent": shown, they are wrong. */
const DESCRIBED = new Set([
  '/User/CustomPermissionsName',
  '/User/ExternalLoginFederationProviderType',
  '/User/ExternalLoginFederationProviderUrl',
  '/User/ExternalLoginId',
  '/Permissions',
]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value of any size or depth a target sent, short (bounded and iterative: see src/json). */
const brief = (value: unknown): string => (value === undefined ? '(absent)' : briefJson(value, 200));

type Held = Map<string, Set<string>>;

function permissionMap(value: unknown): Held | undefined {
  if (!Array.isArray(value)) return undefined;
  const map: Held = new Map();
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.Principal !== 'string' || !Array.isArray(entry.Actions)) return undefined;
    const actions = map.get(entry.Principal) ?? new Set<string>();
    for (const action of entry.Actions) actions.add(typeof action === 'string' ? action : brief(action));
    map.set(entry.Principal, actions);
  }
  return map;
}

const showHeld = (held: Held, principal: string) => [...(held.get(principal) ?? [])].sort().join(', ') || '(none)';

function comparePermissions(expected: unknown, actual: unknown, pointer: string): Mismatch[] {
  const shown = actual === undefined ? new Map() : permissionMap(actual);
  if (!shown)
    return [
      { pointer, expected: 'a list of {Principal, Actions}', actual: brief(actual), message: 'Permissions is not a list of permissions' },
    ];
  if (expected instanceof PermissionsAtLeast) {
    const revoked = new Set(expected.revokes.map((r) => r.Principal));
    const granted = new Set(expected.grants.map((g) => g.Principal));
    const out: Mismatch[] = [];
    for (const g of expected.grants.filter((x) => !revoked.has(x.Principal))) {
      const missing = g.Actions.filter((a) => !shown.get(g.Principal)?.has(a));
      if (missing.length > 0) {
        out.push({
          pointer,
          expected: `${g.Principal} holding ${missing.join(', ')}`,
          actual: showHeld(shown, g.Principal),
          message: `the grant to ${g.Principal} does not show`,
        });
      }
    }
    for (const r of expected.revokes.filter((x) => !granted.has(x.Principal))) {
      const kept = r.Actions.filter((a) => shown.get(r.Principal)?.has(a));
      if (kept.length > 0) {
        out.push({
          pointer,
          expected: `${r.Principal} without ${kept.join(', ')}`,
          actual: showHeld(shown, r.Principal),
          message: `the revoke from ${r.Principal} does not show`,
        });
      }
    }
    return out;
  }
  const want = permissionMap(expected) ?? new Map();
  const out: Mismatch[] = [];
  for (const principal of new Set([...want.keys(), ...shown.keys()])) {
    const a = [...(want.get(principal) ?? [])].sort().join(', ');
    const b = [...(shown.get(principal) ?? [])].sort().join(', ');
    if (a === b) continue;
    const message = !want.has(principal)
      ? `Permissions lists ${principal}, which holds nothing`
      : !shown.has(principal)
        ? `Permissions leaves out ${principal}`
        : `${principal} holds other actions than the requests so far leave it with`;
    out.push({
      pointer,
      expected: a ? `${principal}: ${a}` : `no ${principal}`,
      actual: b ? `${principal}: ${b}` : `no ${principal}`,
      message,
    });
  }
  return out;
}

/** The mismatches of a success body against the expected one. */
export function compareBody(expected: Record<string, unknown>, actual: unknown): Mismatch[] {
  const out: Mismatch[] = [];
  const walk = (want: Record<string, unknown>, got: unknown, base: string): void => {
    const shown = isObject(got) ? got : {};
    if (!isObject(got)) {
      out.push({ pointer: base || '/', expected: 'an object', actual: brief(got), message: `${base || 'the body'} is not an object` });
      return;
    }
    for (const [member, value] of Object.entries(want)) {
      const pointer = `${base}/${member}`;
      if (value === UNKNOWN) continue;
      const present = Object.hasOwn(shown, member);
      if (member === 'Permissions') {
        if (!present && value instanceof PermissionsAtLeast) out.push(...comparePermissions(value, [], pointer));
        else if (present || permissionMap(value)?.size) out.push(...comparePermissions(value, shown[member], pointer));
        continue;
      }
      if (!present) {
        if (!OPTIONAL.has(pointer))
          out.push({
            pointer,
            expected: brief(value),
            actual: '(absent)',
            message: `the answer does not show ${pointer.slice(1).replace(/\//g, '.')}`,
          });
        continue;
      }
      if (isObject(value)) {
        walk(value, shown[member], pointer);
        continue;
      }
      if (!sameJson(value, shown[member])) {
        out.push({
          pointer,
          expected: brief(value),
          actual: brief(shown[member]),
          message: `${pointer.slice(1).replace(/\//g, '.')} is ${brief(shown[member])}, not ${brief(value)}`,
        });
      }
    }
    for (const member of Object.keys(shown)) {
      const pointer = `${base}/${member}`;
      if (DESCRIBED.has(pointer) && !Object.hasOwn(want, member)) {
        out.push({
          pointer,
          expected: '(absent)',
          actual: brief(shown[member]),
          message: `the answer shows ${pointer.slice(1).replace(/\//g, '.')}, which the requests so far leave absent`,
        });
      }
    }
  };
  walk(expected, actual, '');
  return out;
}
