/**
 * `--record FILE`: the exchanges a proxy saw, as a Pact V4 file a provider team can verify. Each
 * conforming exchange of the three operations becomes an interaction, with the spec's matchers
 * (src/contract: the same decisions as the committed contract's) and the provider states that make
 * a provider answer the same way: the resource exists (or not), a profile the request applied
 * exists, the edition is Standard, a service error is to be answered. The response promises what
 * the request itself decides (the user's new Email and Role, the theme and its permissions' shape),
 * never what only the upstream's earlier state made it, so the file replays on any provider that
 * holds the resources. Written as JSON without Pact's runtime (toV4 writes what Pact's core does).
 */
import { buildMatchers, buildResponseHeaderMatchers, PLAIN_MATCHERS, promisedOf, toV4, type V4Rules } from '../contract';
import { type ProviderState, STATES, userArn } from '../fixtures';
import { PROVIDER } from '../pact-file';
import type { OperationModel } from '../spec';
import type { ProxiedExchange } from './types';

/** The consumer a recording names: the traffic's client, whoever it was. */
const RECORDED_CONSUMER = 'recorded-client';

export interface RecordInput {
  exchange: ProxiedExchange;
  op: OperationModel;
  pathParams: Record<string, string>;
  /** The request body as parsed (undefined when none). */
  body: unknown;
  /** The whole answer body, as text (decoded). */
  responseBody: string;
  region: string;
}

export type Recorded = { ok: true; interaction: Record<string, unknown> } | { ok: false; why: string };

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The principal a theme's owner state names: one that holds the owner grouping and the request leaves alone. */
function ownerOf(input: RecordInput, owner: readonly string[]): string {
  const body = isObject(input.body) ? input.body : {};
  const touched = new Set(
    [body.GrantPermissions, body.RevokePermissions].flatMap((list) =>
      Array.isArray(list) ? list.flatMap((e) => (isObject(e) && typeof e.Principal === 'string' ? [e.Principal] : [])) : [],
    ),
  );
  const answer = parse(input.responseBody);
  const listed = isObject(answer) && Array.isArray(answer.Permissions) ? answer.Permissions : [];
  for (const p of listed) {
    if (!isObject(p) || typeof p.Principal !== 'string' || touched.has(p.Principal) || !Array.isArray(p.Actions)) continue;
    if (owner.every((a) => (p.Actions as unknown[]).includes(a))) return p.Principal;
  }
  let name = 'theme-owner';
  while (touched.has(userArn({ region: input.region, accountId: input.pathParams.AwsAccountId ?? '' }, 'default', name))) name += '-1';
  return userArn({ region: input.region, accountId: input.pathParams.AwsAccountId ?? '' }, 'default', name);
}

/** The state in which the resource of the path exists. */
function existsState(input: RecordInput): ProviderState[] {
  const p = { ...input.pathParams } as Record<string, string>;
  const body = isObject(input.body) ? input.body : {};
  switch (input.op.id) {
    case 'UpdateUser': {
      const named = { AwsAccountId: p.AwsAccountId ?? '', Namespace: p.Namespace ?? '', UserName: p.UserName ?? '' };
      const made = {
        ...(typeof body.Email === 'string' ? { Email: body.Email } : {}),
        ...(typeof body.Role === 'string' ? { Role: body.Role } : {}),
      };
      return [{ name: STATES.userExists, params: { ...named, ...made } }];
    }
    case 'UpdateThemePermissions':
      return [
        {
          name: STATES.themeExists,
          params: {
            AwsAccountId: p.AwsAccountId ?? '',
            ThemeId: p.ThemeId ?? '',
            OwnerPrincipal: ownerOf(input, input.op.validGroupings?.owner ?? []),
          },
        },
      ];
    case 'UpdateCustomPermissions':
      return [
        {
          name: STATES.customPermissionsExists,
          params: { AwsAccountId: p.AwsAccountId ?? '', CustomPermissionsName: p.CustomPermissionsName ?? '' },
        },
      ];
  }
}

function absentState(input: RecordInput): ProviderState {
  const p = input.pathParams;
  const account = p.AwsAccountId ?? '';
  switch (input.op.id) {
    case 'UpdateUser':
      return { name: STATES.userAbsent, params: { AwsAccountId: account, Namespace: p.Namespace ?? '', UserName: p.UserName ?? '' } };
    case 'UpdateThemePermissions':
      return { name: STATES.themeAbsent, params: { AwsAccountId: account, ThemeId: p.ThemeId ?? '' } };
    case 'UpdateCustomPermissions':
      return {
        name: STATES.customPermissionsAbsent,
        params: { AwsAccountId: account, CustomPermissionsName: p.CustomPermissionsName ?? '' },
      };
  }
}

/** The provider states that make a provider answer what the upstream answered; undefined when none can. */
function statesOf(input: RecordInput, status: number, errorType: string | undefined): ProviderState[] | string {
  const exists = existsState(input);
  const account = input.pathParams.AwsAccountId ?? '';
  if (status >= 200 && status < 300) {
    const body = isObject(input.body) ? input.body : {};
    const profile = input.op.id === 'UpdateUser' && typeof body.CustomPermissionsName === 'string' ? body.CustomPermissionsName : undefined;
    return profile === undefined
      ? exists
      : [...exists, { name: STATES.customPermissionsExists, params: { AwsAccountId: account, CustomPermissionsName: profile } }];
  }
  if (status === 401 || status === 403) {
    if (errorType === 'UnsupportedUserEditionException')
      return [...exists, { name: STATES.standardEdition, params: { AwsAccountId: account } }];
    return 'a refusal of the caller (credentials, IAM permissions or the signature): no provider state reproduces it';
  }
  if (status === 404) return [absentState(input)];
  if (errorType === 'LimitExceededException' && input.op.id === 'UpdateThemePermissions') {
    const limit = input.op.success.schema?.properties?.Permissions?.maxItems ?? 64;
    return [
      { name: STATES.themeAtPrincipalLimit, params: { AwsAccountId: account, ThemeId: input.pathParams.ThemeId ?? '', Principals: limit } },
    ];
  }
  if (status === 400) return exists;
  if (!errorType) return 'an error that names no type';
  // The service's own state (throttled, unavailable, a conflict): the provider is told to answer it.
  return [...exists, { name: STATES.operationFails, params: { OperationId: input.op.id, ErrorType: errorType, Status: status } }];
}

export function recordInteraction(input: RecordInput): Recorded {
  const { exchange, op } = input;
  const response = exchange.response;
  if (!response) return { ok: false, why: 'no answer' };
  if (exchange.verdict !== 'conforms') return { ok: false, why: 'it did not conform' };
  const states = statesOf(input, response.status, response.errorType);
  if (typeof states === 'string') return { ok: false, why: states };
  const schema = op.responses.find((r) => r.status === response.status)?.schema;
  if (!schema) return { ok: false, why: `${op.id} documents no body for status ${response.status}` };

  const rawPath = exchange.path.split('?')[0] as string;
  const query = exchange.path.includes('?') ? exchange.path.slice(exchange.path.indexOf('?') + 1) : '';
  const invalid = exchange.findings.some((f) => f.code.startsWith('request.'));
  const requestDsl =
    input.body === undefined ? undefined : invalid || !op.body ? input.body : buildMatchers(PLAIN_MATCHERS, op.body.schema, input.body);
  const request = requestDsl === undefined ? undefined : toV4(requestDsl);

  const success = response.status === op.success.status;
  const answer = parse(input.responseBody);
  const promised = success && isObject(answer) ? promisedOf(op.id, answer) : {};
  const body = toV4(buildMatchers(PLAIN_MATCHERS, schema, promised, response.errorType));
  const headerDsl = buildResponseHeaderMatchers(PLAIN_MATCHERS, success ? undefined : response.errorType, response.contentType);
  const headers: Record<string, string[]> = {};
  const headerRules: V4Rules = {};
  for (const [name, dsl] of Object.entries(headerDsl)) {
    const { content, rules } = toV4(dsl, name);
    headers[name] = [String(content)];
    Object.assign(headerRules, rules);
  }
  return {
    ok: true,
    interaction: {
      type: 'Synchronous/HTTP',
      description:
        `${op.id}: #${exchange.seq} ${exchange.method} ${rawPath} answered ${response.status}` +
        (response.errorType && !success ? ` ${response.errorType}` : ''),
      pending: false,
      providerStates: states,
      request: {
        method: exchange.method,
        path: rawPath,
        ...(query ? { query: Object.fromEntries([...new URLSearchParams(query)].map(([k, v]) => [k, [v]])) } : {}),
        ...(request
          ? {
              headers: { 'Content-Type': [exchange.request.contentType ?? 'application/json'] },
              body: { content: request.content, contentType: 'application/json', encoded: false },
              ...(Object.keys(request.rules).length > 0 ? { matchingRules: { body: request.rules } } : {}),
            }
          : {}),
      },
      response: {
        status: response.status,
        headers,
        body: { content: body.content, contentType: 'application/json', encoded: false },
        matchingRules: { ...(Object.keys(body.rules).length > 0 ? { body: body.rules } : {}), header: headerRules },
      },
    },
  };
}

/** The Pact V4 document of the interactions recorded. */
export function pactDocument(interactions: Record<string, unknown>[], version: string): Record<string, unknown> {
  return {
    consumer: { name: RECORDED_CONSUMER },
    provider: { name: PROVIDER },
    interactions,
    metadata: { pactSpecification: { version: '4.0' }, 'qs-contract': { version, recordedBy: 'qs-contract proxy --record' } },
  };
}
