/**
 * The first request of each lane: one that leaves the resource as the fixtures declare it, so its
 * answer shows what the target holds (the model learns the user, the theme's permissions) and tells
 * a target that lacks a declared fixture from one that is wrong. A user is set to the Email and Role
 * the fixtures give, a theme is sent no change, a profile its declared capabilities.
 */
import type { ConformanceCase } from '../cases';
import type { Fixtures } from '../fixtures';
import { encodeRfc3986 } from '../protocol';
import type { OperationId } from '../spec';

const PROBE_RULE = { text: 'the target holds the resources the fixtures declare (--fixtures)', source: 'seeds/' };

function probe(operationId: OperationId, name: string, pathParams: Record<string, string>, body: unknown): ConformanceCase {
  // The id names the resource as the path does (`default:alice`, `corporate-theme`), without quotes.
  const key =
    operationId === 'UpdateUser'
      ? `${pathParams.Namespace}:${pathParams.UserName}`
      : (pathParams.ThemeId ?? pathParams.CustomPermissionsName);
  return {
    id: `${operationId}/probe/${key}`,
    operationId,
    kind: 'probe',
    title: `holds ${name}, which the fixtures declare`,
    rule: PROBE_RULE,
    breaks: [],
    pathParams,
    body: body === undefined ? undefined : JSON.stringify(body),
    expect: 'success',
  };
}

export function probesOf(fixtures: Fixtures, operations: readonly OperationId[]): ConformanceCase[] {
  const out: ConformanceCase[] = [];
  const account = fixtures.accountId;
  if (operations.includes('UpdateUser')) {
    for (const u of fixtures.users) {
      out.push(
        probe(
          'UpdateUser',
          `the user ${JSON.stringify(u.UserName)}`,
          { AwsAccountId: account, Namespace: u.Namespace, UserName: u.UserName },
          { Email: u.Email, Role: u.Role },
        ),
      );
    }
  }
  if (operations.includes('UpdateThemePermissions')) {
    for (const t of fixtures.themes)
      out.push(
        probe('UpdateThemePermissions', `the theme ${JSON.stringify(t.ThemeId)}`, { AwsAccountId: account, ThemeId: t.ThemeId }, undefined),
      );
  }
  if (operations.includes('UpdateCustomPermissions')) {
    for (const c of fixtures.customPermissions) {
      out.push(
        probe(
          'UpdateCustomPermissions',
          `the custom permissions profile ${JSON.stringify(c.CustomPermissionsName)}`,
          { AwsAccountId: account, CustomPermissionsName: c.CustomPermissionsName },
          { Capabilities: c.Capabilities },
        ),
      );
    }
  }
  return out;
}

/** A name that travels as it is in a path: a probe of it failing says the fixture is missing, not that decoding is broken. */
export function plainName(probe: ConformanceCase): boolean {
  return Object.values(probe.pathParams).every((v) => encodeRfc3986(v) === v);
}
