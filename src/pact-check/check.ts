/**
 * `pact-check`: is a consumer's Pact file compatible with the spec, as a provider team would check
 * it before accepting it? Every interaction's request must be one a documented operation accepts,
 * and its expected response one the spec makes possible.
 *
 * Two layers:
 * - the generic comparison is PactFlow's openapi-pact-comparator (comparator.ts): route
 *   (path and method), request headers and content type, the request body of a success, the
 *   documented status, response headers and the response body against the schema of its status.
 * - the AWS rules it cannot know, from src/protocol: the error type named the way AWS SDKs read it and
 *   documented for the operation at that status; `Status` in the body only where the spec says
 *   so (`x-status-in-body`: UpdateCustomPermissions' success) and then equal to the status; path
 *   labels percent-encoded per RFC 3986 and valid for their documented constraints; and the request
 *   of an error interaction valid too (the comparator checks requests of successes only), unless
 *   the error is the one that reports invalid input.
 *
 * Pact matchers: V3/V4 matching rules say that an example value stands for a class of values (a
 * regex, a type, an array of 1 to 64 such items). What is checked here are the example values,
 * as the comparator does: they are what the consumer's test actually sent and expected, and what
 * the provider will be verified against. The matchers themselves are not widened into the class
 * they describe (a `type` matcher on Role is not read as "any string").
 */
import { complete, type Finding, type FindingDraft, isError, type PlainCode, type Suppression } from '../findings';
import type { PactDocument, PactHttpInteraction } from '../pact-file';
import { PactFileError } from '../pact-file';
import {
  createRouter,
  decodeSegment,
  encodeRfc3986,
  judgeErrorType,
  judgeStatusInBody,
  labelsOf,
  notPchar,
  type RouteResult,
  type Router,
  rawSegments,
  rawSlashLabels,
  readErrorType,
  reportsInvalidInput,
  WIRE_PROTOCOL,
} from '../protocol';
import {
  acceptedValues,
  compileValidators,
  loadSpec,
  type OperationId,
  type OperationModel,
  type SpecModel,
  type Validators,
  type Violation,
} from '../spec';
import { type Comparator, type ComparatorResult, createComparator } from './comparator';

/** Where a finding comes from: the generic comparison, or the AWS rules on top of it. */
export type FindingSource = 'openapi-pact-comparator' | 'aws';

export interface InteractionVerdict {
  index: number;
  description: string;
  method: string;
  path: string;
  status: number;
  /** The operation the request routes to (restJson1 routing), when it routes to one. */
  operationId?: OperationId;
  compatible: boolean;
  findings: Finding[];
  /** For each finding, in order, which layer found it. */
  sources: FindingSource[];
}

export interface PactCheckResult {
  file: string;
  specification: string;
  consumer: string;
  provider: string;
  compatible: boolean;
  interactions: InteractionVerdict[];
  skipped: PactDocument['skipped'];
  summary: { interactions: number; compatible: number; incompatible: number; errors: number; warnings: number };
}

export interface PactCheckDeps {
  model: SpecModel;
  validators: Validators;
  route: Router;
  comparator: Comparator;
}

const cache = new WeakMap<SpecModel, PactCheckDeps>();

/** openapi-pact-comparator 1.7's configuration keys (dist/src/utils/config.d.ts). */
const COMPARATOR_QUIRKS = [
  'cast-objects-in-pact',
  'disable-multipart-formdata',
  'ignore-duplicate-slashes',
  'ignore-trailing-slash',
  'legacy-parser',
  'no-authorization-schema',
  'no-percent-encoding',
  'no-transform-non-nullable-response-schema',
  'no-validate-complex-parameters',
  'no-validate-request-body-unless-application-json',
];

/**
 * The comparator is given a copy of the spec whose path parameters are plain strings: it reports a
 * label that breaks its schema as an unknown path and then stops comparing that interaction, where
 * the label's constraint is checked here, after restJson1 decoding, with the contract of an
 * invalid-input error exempt. Routing (and everything else) is left to it.
 */
function comparatorDocument(model: SpecModel): unknown {
  const document = structuredClone(model.document);
  // The comparator's compatibility quirks (swagger-mock-validator's) default to on when the QUIRKS
  // environment variable is set; the document's `x-opc-config-*` settings pin each one off.
  for (const quirk of COMPARATOR_QUIRKS) (document.info as Record<string, unknown>)[`x-opc-config-${quirk}`] = false;
  // What AWS also accepts (x-tolerated-values) is never an incompatibility: the enums take it in.
  const seen = new Set<object>();
  const widen = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const schema = node as { enum?: unknown[] };
    if (Array.isArray(schema.enum)) schema.enum = acceptedValues(schema as never);
    for (const child of Object.values(node)) widen(child);
  };
  widen(document.paths);
  for (const item of Object.values(document.paths) as Record<string, unknown>[]) {
    for (const holder of [item, ...Object.values(item)]) {
      const parameters = (holder as { parameters?: { in?: string; schema?: unknown }[] } | null)?.parameters;
      if (!Array.isArray(parameters)) continue;
      for (const parameter of parameters) if (parameter.in === 'path') parameter.schema = { type: 'string' };
    }
  }
  return document;
}

/** Everything a check needs, compiled once per spec (the comparator caches its compiled schemas across Pacts). */
export function pactCheckDeps(model: SpecModel = loadSpec()): PactCheckDeps {
  let deps = cache.get(model);
  if (!deps) {
    deps = {
      model,
      validators: compileValidators(model),
      route: createRouter(model),
      comparator: createComparator(comparatorDocument(model)),
    };
    cache.set(model, deps);
  }
  return deps;
}

const brief = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

type Sourced = { draft: FindingDraft; source: FindingSource };

// ---------------------------------------------------------------------------------------------
// The comparator's results

/**
 * A Pact cannot hold a SigV4 signature (it depends on the time and the secret key), so a consumer's
 * Pact never carries `Authorization`: the provider's verification signs each request it replays.
 * The comparator's "Authorization header is missing" is therefore no incompatibility.
 */
const IGNORED_CODES = new Set(['request.authorization.missing']);

/** The comparator's codes as this product's: the same rule has one code whichever command sees it broken. */
const COMPARATOR_CODES: Record<string, PlainCode> = {
  'request.path-or-method.unknown': 'request.path.unknown',
  'request.body.incompatible': 'request.body.invalid',
  'request.body.unknown': 'request.body.invalid',
  'request.content-type.incompatible': 'request.content-type',
  'request.content-type.missing': 'request.content-type',
  'request.content-type.unknown': 'request.content-type',
  'request.accept.incompatible': 'request.header',
  'request.accept.unknown': 'request.header',
  'request.header.incompatible': 'request.header',
  'request.header.unknown': 'request.header',
  'request.query.incompatible': 'request.header',
  'request.query.unknown': 'request.header',
  'response.status.unknown': 'response.status.undocumented',
  'response.status.default': 'response.status.undocumented',
  'response.body.incompatible': 'response.body.schema',
  'response.body.unknown': 'response.body.schema',
  'response.content-type.incompatible': 'response.content-type',
  'response.content-type.unknown': 'response.content-type',
  'response.header.incompatible': 'response.header',
  'response.header.unknown': 'response.body.not-promised',
  'response.header.undefined': 'response.header',
};

const COMPARATOR_RULE = { text: 'the interaction is one the OpenAPI document allows (PactFlow openapi-pact-comparator)', source: 'seeds/' };

/**
 * The comparator closes every response schema (`additionalProperties: false`: a consumer must not
 * expect members the spec does not promise). `__type` and `code` at the top of an error body are
 * the error-type channel AWS SDKs read when there is no x-amzn-ErrorType header: the AWS rules
 * judge them, so the comparator's "additional property" on them is dropped.
 */
function isErrorTypeMember(result: ComparatorResult, interaction: PactHttpInteraction): boolean {
  return (
    interaction.response.status >= 400 &&
    result.code === 'response.body.incompatible' &&
    result.mockDetails?.location.replace(/^\[root\]\.interactions\[\d+\]\./, '') === 'response.body' &&
    /must NOT have additional properties - (__type|code)$/.test(result.message)
  );
}

/**
 * The spec's response schemas do not close their objects: a member or header it does not list may
 * come back, so a Pact expecting one is possible under the spec, only not promised by it. The
 * comparator's closed-schema verdict on a response is therefore a warning, never an incompatibility.
 */
function notPromised(result: ComparatorResult): boolean {
  return (
    (result.code === 'response.body.incompatible' && /must NOT have additional properties/.test(result.message)) ||
    result.code === 'response.header.unknown'
  );
}

function comparatorDraft(result: ComparatorResult): FindingDraft {
  const location = result.mockDetails?.location.replace(/^\[root\]\.interactions\[\d+\]\./, '') ?? '';
  if (notPromised(result)) {
    return {
      code: 'response.body.not-promised',
      severity: 'warning',
      message: `${result.message} (at ${location}): the spec does not promise it, so a provider may not send it`,
      rule: COMPARATOR_RULE,
      actual: result.code,
    };
  }
  let message = result.message;
  if (location && location !== 'request.path' && location !== 'response.status') {
    const value = result.mockDetails?.value;
    message += ` (at ${location}${value !== undefined && typeof value !== 'object' ? `: got ${brief(value)}` : ''})`;
  }
  const code: PlainCode = COMPARATOR_CODES[result.code] ?? 'request.header';
  return {
    code: code as 'request.header',
    severity: result.type,
    message,
    rule: COMPARATOR_RULE,
    actual: `openapi-pact-comparator ${result.code}`,
  };
}

async function compare(pact: PactDocument, comparator: Comparator): Promise<Map<number, Sourced[]>> {
  const byPosition = new Map<number, Sourced[]>();
  try {
    // The comparator reads V4 HTTP interactions only; it numbers those it was given, in order.
    for await (const result of comparator.compare({ ...pact.raw, interactions: pact.interactions.map((i) => i.raw) })) {
      if (IGNORED_CODES.has(result.code)) continue;
      const position = Number(/^\[root\]\.interactions\[(\d+)\]/.exec(result.mockDetails?.location ?? '')?.[1] ?? Number.NaN);
      const interaction = pact.interactions[position];
      if (!interaction)
        throw new Error(`openapi-pact-comparator reported on an unknown interaction: ${JSON.stringify(result.mockDetails)}`);
      if (isErrorTypeMember(result, interaction)) continue;
      byPosition.set(position, [
        ...(byPosition.get(position) ?? []),
        { draft: comparatorDraft(result), source: 'openapi-pact-comparator' },
      ]);
    }
  } catch (error) {
    if ((error as Error).name === 'ParserError' || (error as Error).message === 'Malformed Pact file') {
      const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors ?? [];
      const detail = errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join('; ') || (error as Error).message;
      throw new PactFileError(`not a Pact file: ${detail}`);
    }
    throw error;
  }
  return byPosition;
}

// ---------------------------------------------------------------------------------------------
// The AWS rules, from src/protocol

const ENCODING_RULE = {
  text: 'path parameters are percent-encoded as UTF-8 (RFC 3986): "a/b" as a%2Fb, "é" as %C3%A9',
  source: WIRE_PROTOCOL,
};

function firstHeader(interaction: PactHttpInteraction, part: 'request' | 'response', name: string): string | undefined {
  return interaction[part].headers[name.toLowerCase()]?.[0];
}

/** Each label of a routed path sent as RFC 3986 percent-encoded UTF-8, the way AWS SDKs send it. */
function labelEncoding(operation: OperationModel, rawPath: string): FindingDraft[] {
  const segments = rawPath.split('/');
  return labelsOf(operation).flatMap(({ position, name }): FindingDraft[] => {
    const raw = segments[position] ?? '';
    const bad = notPchar(raw);
    const decoded = decodeSegment(raw);
    if (bad.length > 0) {
      const shown = bad.map((c) => `"${c}"${c === '%' ? ' (not followed by two hex digits)' : ` (${encodeRfc3986(c)})`}`).join(', ');
      const message =
        `path label ${name} ${JSON.stringify(raw)} is not percent-encoded per RFC 3986: ` +
        `raw ${shown}; AWS SDKs send ${encodeRfc3986(raw)}`;
      return [{ code: 'request.path.encoding', message, rule: ENCODING_RULE }];
    }
    if (decoded === undefined) {
      const message =
        `path label ${name} ${JSON.stringify(raw)} is not valid percent-encoded UTF-8 ` +
        `(RFC 3986 encodes the UTF-8 bytes of each character)`;
      return [{ code: 'request.path.encoding', message, rule: ENCODING_RULE }];
    }
    return [];
  });
}

/**
 * A path that routes nowhere because a label holds a raw `/`: only an explanation, the path naming
 * no documented operation is said already.
 */
function rawSlash(model: SpecModel, method: string, rawPath: string): FindingDraft[] {
  const segments = rawSegments(rawPath);
  for (const operation of model.operations.filter((op) => op.method === method.toUpperCase())) {
    const spans = rawSlashLabels(operation, segments);
    if (!spans) continue;
    return spans.map(({ label, value }) => ({
      code: 'request.path.encoding' as const,
      message:
        `path label ${label} ${JSON.stringify(value)} holds a raw "/": ` +
        `RFC 3986 percent-encodes it as %2F (AWS SDKs send ${encodeRfc3986(value)}); ` +
        `sent raw, it splits the label and the path matches no ${operation.id} path`,
      rule: ENCODING_RULE,
    }));
  }
  return [];
}

function requestViolation(v: Violation, operation: OperationModel, status: number): FindingDraft {
  const why =
    status < 400
      ? `${operation.id} refuses such a request, so it cannot answer ${status}`
      : `${operation.id} refuses a request that breaks a documented rule with 400, so it cannot answer this one ${status}`;
  const rule = { text: `${v.member}: ${v.rule}`, source: operation.source };
  return { code: v.location === 'path' ? 'request.path.parameter' : 'request.body.invalid', message: `${v.message}: ${why}`, rule };
}

/** The AWS rules for one interaction, and where its request routes. */
function awsRules(
  interaction: PactHttpInteraction,
  deps: PactCheckDeps,
): { operation?: OperationModel; routed: RouteResult; drafts: FindingDraft[] } {
  const { request, response } = interaction;
  // A Pact keeps the query apart from the path, so a `?` or `#` in the path is a label character
  // sent raw: route with it inside its segment, where the encoding rule finds it.
  const routed = deps.route(
    request.method,
    request.path.replace(/[?#]/g, (c) => encodeRfc3986(c)),
  );
  if (routed.kind === 'no-route') return { routed, drafts: rawSlash(deps.model, request.method, request.path) };
  if (routed.kind === 'method-not-allowed') return { routed, drafts: [] };

  const operation = routed.operation;
  const drafts = labelEncoding(operation, request.path);
  const type = response.status >= 400 ? readErrorType(firstHeader(interaction, 'response', 'x-amzn-ErrorType'), response.body) : undefined;
  // A 400 that names no type is already a finding; what it was meant to be is anyone's guess.
  const invalidInput = response.status === 400 && (type === undefined || reportsInvalidInput(operation, type.name));
  if (routed.kind === 'matched' && !invalidInput) {
    const violations = deps.validators.operation(operation.id).request({ pathParams: routed.pathParams, body: request.body });
    for (const v of violations.filter((x) => !x.tolerated)) {
      // The comparator has checked the request body of a success already.
      if (v.location === 'path' || response.status >= 400) drafts.push(requestViolation(v, operation, response.status));
    }
  }
  drafts.push(...judgeErrorType(operation, response.status, type));
  // A member a Pact leaves out is one the consumer does not rely on, not one the provider omits.
  drafts.push(...judgeStatusInBody(operation, response.status, response.body).filter((d) => d.code !== 'response.status-in-body.missing'));
  return { operation, routed, drafts };
}

// ---------------------------------------------------------------------------------------------

function verdictOf(interaction: PactHttpInteraction, deps: PactCheckDeps, generic: Sourced[], suppress?: Suppression): InteractionVerdict {
  const aws = awsRules(interaction, deps);
  const sourced: Sourced[] = generic.map((g) => {
    if (g.draft.code !== 'request.path.unknown' || aws.routed.kind !== 'method-not-allowed') return g;
    const op = aws.routed.operation;
    return { ...g, draft: { ...g.draft, message: `${g.draft.message}: the path is ${op.id}'s, whose method is ${op.method}` } };
  });
  sourced.push(...aws.drafts.map((draft) => ({ draft, source: 'aws' as const })));
  // Routing is the comparator's; should the two routers ever disagree, restJson1's verdict is said too.
  const routedNowhere = aws.routed.kind !== 'matched' && aws.routed.kind !== 'bad-encoding';
  if (routedNowhere && !sourced.some((s) => s.draft.code === 'request.path.unknown')) {
    const message =
      `${interaction.request.method} ${interaction.request.path} routes to no documented operation ` +
      `(restJson1: split on "/", then percent-decode each segment)`;
    sourced.unshift({
      draft: {
        code: 'request.path.unknown',
        message,
        rule: { text: 'a request is one of the documented operations', source: WIRE_PROTOCOL },
      },
      source: 'aws',
    });
  }
  const subject = {
    kind: 'interaction' as const,
    index: interaction.index,
    description: interaction.description,
    method: interaction.request.method,
    path: interaction.request.path,
  };
  const context = { ...(aws.operation ? { operationId: aws.operation.id } : {}), subject };
  const all = sourced.map((s) => ({ code: s.draft.code, finding: complete(s.draft, context), source: s.source }));
  const kept = suppress ? suppress.keep(all) : all;
  const findings = kept.map((k) => k.finding);
  return {
    index: interaction.index,
    description: interaction.description,
    method: interaction.request.method,
    path: interaction.request.path,
    status: interaction.response.status,
    ...(aws.operation ? { operationId: aws.operation.id } : {}),
    compatible: !findings.some(isError),
    findings,
    sources: kept.map((k) => k.source),
  };
}

export interface PactCheckOptions {
  /** `--suppress`: the findings of these codes are dropped (and counted) before any verdict. */
  suppress?: Suppression;
}

/** Checks every synchronous HTTP interaction of a Pact against the spec. */
export async function checkPact(
  pact: PactDocument,
  deps: PactCheckDeps = pactCheckDeps(),
  options: PactCheckOptions = {},
): Promise<PactCheckResult> {
  const generic = await compare(pact, deps.comparator);
  const interactions = pact.interactions.map((interaction, position) =>
    verdictOf(interaction, deps, generic.get(position) ?? [], options.suppress),
  );
  const all = interactions.flatMap((i) => i.findings);
  const incompatible = interactions.filter((i) => !i.compatible).length;
  return {
    file: pact.file,
    specification: pact.specification,
    consumer: pact.consumer,
    provider: pact.provider,
    compatible: incompatible === 0,
    interactions,
    skipped: pact.skipped,
    summary: {
      interactions: interactions.length,
      compatible: interactions.length - incompatible,
      incompatible,
      errors: all.filter(isError).length,
      warnings: all.filter((f) => f.severity === 'warning').length,
    },
  };
}
