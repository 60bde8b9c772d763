/**
 * `pact-check`: is a consumer's Pact file compatible with the spec, as a provider team would check
 * it before accepting it? Every interaction's request must be one a documented operation accepts,
 * and its expected response one the spec makes possible.
 *
 * Two layers:
 * - the generic comparison is PactFlow's openapi-pact-comparator (src/pact/comparator.ts): route
 *   (path and method), request headers and content type, the request body of a success, the
 *   documented status, response headers and the response body against the schema of its status.
 * - the AWS rules it cannot know, here: the error type named the way AWS SDKs read it and
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
import {
  compileValidators,
  createRouter,
  encodeRfc3986,
  loadSpec,
  type OperationId,
  type OperationModel,
  type Router,
  type SpecModel,
  type Validators,
  type Violation,
} from '../spec';
import { type ErrorTypeReading, readAwsErrorType } from '../spec/error-type';
import { type Comparator, type ComparatorResult, createComparator } from './comparator';
import { type PactDocument, PactFileError, type PactHttpInteraction } from './pact-file';

/** The rules pact-check adds; the comparator's own codes (`response.body.incompatible`, ...) are kept as they are. */
export const AWS_RULES = {
  /** A path label not percent-encoded per RFC 3986 (a raw `/`, space, non-ASCII character, a bad `%` escape). */
  pathEncoding: 'request.path.encoding',
  /** A path label that breaks its documented constraint. */
  pathParameter: 'request.path.incompatible',
  /** The request body of an error interaction breaks a documented rule (the comparator checks those of successes). */
  requestBody: 'request.body.incompatible',
  /** The path and method name no documented operation (when the comparator did not say so already). */
  pathOrMethod: 'request.path-or-method.unknown',
  /** An error response that names no error type the way AWS SDKs read it. */
  errorTypeMissing: 'response.error-type.missing',
  /** An error type the operation does not document at all. */
  errorTypeUndocumented: 'response.error-type.undocumented',
  /** An error type the operation documents, but at another status. */
  errorTypeStatus: 'response.error-type.status',
  /** `Status` in a body whose schema does not carry it, or different from the status line. */
  statusInBody: 'response.status-in-body',
} as const;

export type FindingSource = 'openapi-pact-comparator' | 'aws';

export interface PactFinding {
  /** An AWS_RULES value, or the comparator's code. */
  rule: string;
  /** `warning` never makes a Pact incompatible (the comparator's warnings: an unknown request header, ...). */
  severity: 'error' | 'warning';
  source: FindingSource;
  message: string;
}

export interface InteractionVerdict {
  index: number;
  description: string;
  method: string;
  path: string;
  status: number;
  /** The operation the request routes to (restJson1 routing), when it routes to one. */
  operationId?: OperationId;
  compatible: boolean;
  findings: PactFinding[];
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

/**
 * The errors that report invalid input (QUICKSIGHT-FACTS.md: a broken constraint is answered 400 as
 * InvalidParameterValueException or the common ValidationException; ValidationError is the common
 * error of that name). Their contract may send a request that breaks a rule, or one that is
 * schema-valid and refused for a reason no schema states (CUSTOM_OIDC without its URL): neither
 * is held against it.
 */
const INVALID_INPUT_ERRORS = new Set(['InvalidParameterValueException', 'ValidationException', 'ValidationError']);

/**
 * What RFC 3986 allows raw in a path segment (pchar): unreserved, sub-delims, `:`, `@`, and `%HH`.
 * AWS SDKs also encode the sub-delims, but a raw one decodes to itself, so it is not held against a
 * contract; a raw `/` (which splits the label), `?`, `#`, space, `%` without two hex digits or any
 * non-ASCII character is.
 */
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2}/y;

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
    const schema = node as { enum?: unknown[]; 'x-tolerated-values'?: unknown[] };
    if (Array.isArray(schema.enum) && Array.isArray(schema['x-tolerated-values']))
      schema.enum = [...new Set([...schema.enum, ...schema['x-tolerated-values']])];
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

// ---------------------------------------------------------------------------------------------
// The comparator's results

/**
 * A Pact cannot hold a SigV4 signature (it depends on the time and the secret key), so a consumer's
 * Pact never carries `Authorization`: the provider's verification signs each request it replays.
 * The comparator's "Authorization header is missing" is therefore no incompatibility.
 */
const IGNORED_CODES = new Set(['request.authorization.missing']);

/**
 * The comparator closes every response schema (`additionalProperties: false`: a consumer must not
 * expect members the spec does not promise). `__type` and `code` at the top of an error body are
 * the error-type channel AWS SDKs read when there is no x-amzn-ErrorType header: the AWS rules
 * judge them (errorTypeRules), so the comparator's "additional property" on them is dropped.
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

function comparatorFinding(result: ComparatorResult): PactFinding {
  const location = result.mockDetails?.location.replace(/^\[root\]\.interactions\[\d+\]\./, '') ?? '';
  if (notPromised(result)) {
    return {
      rule: result.code,
      severity: 'warning',
      source: 'openapi-pact-comparator',
      message: `${result.message} (at ${location}): the spec does not promise it, so a provider may not send it`,
    };
  }
  let message = result.message;
  if (location && location !== 'request.path' && location !== 'response.status') {
    const value = result.mockDetails?.value;
    message += ` (at ${location}${value !== undefined && typeof value !== 'object' ? `: got ${brief(value)}` : ''})`;
  }
  return { rule: result.code, severity: result.type, source: 'openapi-pact-comparator', message };
}

async function compare(pact: PactDocument, comparator: Comparator): Promise<Map<number, PactFinding[]>> {
  const byPosition = new Map<number, PactFinding[]>();
  try {
    for await (const result of comparator.compare(pact.raw)) {
      if (IGNORED_CODES.has(result.code)) continue;
      // The comparator numbers the HTTP interactions it was given, which are pact.interactions in order.
      const position = Number(/^\[root\]\.interactions\[(\d+)\]/.exec(result.mockDetails?.location ?? '')?.[1] ?? Number.NaN);
      const interaction = pact.interactions[position];
      if (!interaction)
        throw new Error(`openapi-pact-comparator reported on an unknown interaction: ${JSON.stringify(result.mockDetails)}`);
      if (isErrorTypeMember(result, interaction)) continue;
      byPosition.set(position, [...(byPosition.get(position) ?? []), comparatorFinding(result)]);
    }
  } catch (error) {
    if ((error as Error).name === 'ParserError' || (error as Error).message === 'Malformed Pact file') {
      const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors ?? [];
      throw new PactFileError(
        `not a Pact file: ${errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join('; ') || (error as Error).message}`,
      );
    }
    throw error;
  }
  return byPosition;
}

// ---------------------------------------------------------------------------------------------
// The AWS rules

function firstHeader(interaction: PactHttpInteraction, part: 'request' | 'response', name: string): string | undefined {
  return interaction[part].headers[name.toLowerCase()]?.[0];
}

/** The characters of a raw label that RFC 3986 does not allow in a path segment. */
function notPchar(segment: string): string[] {
  const bad: string[] = [];
  let i = 0;
  while (i < segment.length) {
    PCHAR.lastIndex = i;
    if (PCHAR.test(segment)) {
      i = PCHAR.lastIndex;
      continue;
    }
    const char = String.fromCodePoint(segment.codePointAt(i) as number);
    if (!bad.includes(char)) bad.push(char);
    i += char.length;
  }
  return bad;
}

/** The labels of an operation's template, by segment position. */
function labels(operation: OperationModel): { position: number; name: string }[] {
  return operation.pathTemplate.split('/').flatMap((segment, position) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    return name ? [{ position, name }] : [];
  });
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Each label of a routed path sent as RFC 3986 percent-encoded UTF-8, the way AWS SDKs send it. */
function labelEncoding(operation: OperationModel, rawPath: string, fail: (rule: string, message: string) => void): void {
  const segments = rawPath.split('/');
  for (const { position, name } of labels(operation)) {
    const raw = segments[position] ?? '';
    const bad = notPchar(raw);
    const decoded = safeDecode(raw);
    const sdkForm = encodeRfc3986(bad.length > 0 ? raw : (decoded ?? raw));
    if (bad.length > 0) {
      const shown = bad.map((c) => `"${c}"${c === '%' ? ' (not followed by two hex digits)' : ` (${encodeRfc3986(c)})`}`).join(', ');
      fail(
        AWS_RULES.pathEncoding,
        `path label ${name} ${JSON.stringify(raw)} is not percent-encoded per RFC 3986: raw ${shown}; AWS SDKs send ${sdkForm}`,
      );
    } else if (decoded === undefined) {
      fail(
        AWS_RULES.pathEncoding,
        `path label ${name} ${JSON.stringify(raw)} is not valid percent-encoded UTF-8 (RFC 3986 encodes the UTF-8 bytes of each character)`,
      );
    }
  }
}

/**
 * A path that routes nowhere because a label holds a raw `/`: the same path read with that label
 * spanning segments. Only an explanation: the comparator has already said that the path names no
 * documented operation.
 */
function rawSlashLabel(
  model: SpecModel,
  method: string,
  rawPath: string,
): { operation: OperationModel; name: string; value: string } | undefined {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const operation of model.operations) {
    if (operation.method !== method.toUpperCase()) continue;
    for (const spanning of labels(operation)) {
      const pattern = operation.pathTemplate
        .split('/')
        .map((segment) => {
          const name = /^\{(.+)\}$/.exec(segment)?.[1];
          return name === undefined ? escape(segment) : name === spanning.name ? '(.+)' : '[^/]+';
        })
        .join('/');
      const value = new RegExp(`^${pattern}$`).exec(rawPath)?.[1];
      if (value?.includes('/')) return { operation, name: spanning.name, value };
    }
  }
  return undefined;
}

function requestViolation(v: Violation, operation: OperationModel, status: number): string {
  if (status < 400) return `${v.message}: ${operation.id} refuses such a request, so it cannot answer ${status}`;
  return `${v.message}: ${operation.id} refuses a request that breaks a documented rule with 400, so it cannot answer this one ${status}`;
}

function errorTypeRules(
  operation: OperationModel,
  status: number,
  type: ErrorTypeReading | undefined,
  fail: (rule: string, message: string) => void,
): void {
  if (status < 400) return;
  const atStatus = operation.responses.find((r) => r.status === status)?.errorTypes ?? [];
  if (!type) {
    fail(
      AWS_RULES.errorTypeMissing,
      `the ${status} error names no error type the way AWS SDKs read it (an x-amzn-ErrorType header, else __type or code in the JSON body), so the SDK cannot tell which error it got${atStatus.length ? `; ${operation.id} documents ${atStatus.join(', ')} at ${status}` : ''}`,
    );
    return;
  }
  const read = `${type.name} (from ${type.via} ${JSON.stringify(type.raw)})`;
  const documentedAt = operation.errors.filter((e) => e.type === type.name).map((e) => e.status);
  if (documentedAt.length === 0) {
    fail(
      AWS_RULES.errorTypeUndocumented,
      `${operation.id} documents no error ${read}${atStatus.length ? `; at ${status} it documents ${atStatus.join(', ')}` : ''}`,
    );
  } else if (!documentedAt.includes(status)) {
    fail(AWS_RULES.errorTypeStatus, `${operation.id} documents ${type.name} at status ${documentedAt.join(' or ')}, not ${status}`);
  }
}

function statusInBodyRule(
  model: SpecModel,
  operation: OperationModel,
  status: number,
  body: unknown,
  fail: (rule: string, message: string) => void,
): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, 'Status')) return;
  const value = (body as { Status: unknown }).Status;
  const schema = operation.responses.find((r) => r.status === status)?.schema;
  if (schema?.['x-status-in-body'] === true) {
    if (value !== status)
      fail(
        AWS_RULES.statusInBody,
        `${operation.id} carries Status in its ${status} body: it must equal the status line, ${status} (got Status: ${brief(value)})`,
      );
    return;
  }
  const carriers = model.operations.flatMap((op) =>
    op.responses.filter((r) => r.schema?.['x-status-in-body'] === true).map((r) => `${op.id} (${r.status})`),
  );
  fail(
    AWS_RULES.statusInBody,
    `${operation.id} binds Status to the status line: its ${status} body has no Status member (got Status: ${brief(value)}); only ${carriers.join(', ') || 'no operation'} carries Status in its body`,
  );
}

/** The AWS rules for one interaction, and the operation its request routes to. */
function awsRules(
  interaction: PactHttpInteraction,
  deps: PactCheckDeps,
): { operation?: OperationModel; routed: ReturnType<Router>; findings: PactFinding[] } {
  const findings: PactFinding[] = [];
  const fail = (rule: string, message: string) => findings.push({ rule, severity: 'error', source: 'aws', message });
  const { request, response } = interaction;
  // A Pact keeps the query apart from the path, so a `?` or `#` in the path is a label character
  // sent raw: route with it inside its segment, where the encoding rule finds it.
  const routed = deps.route(
    request.method,
    request.path.replace(/[?#]/g, (c) => encodeRfc3986(c)),
  );

  if (routed.kind === 'no-route') {
    const slash = rawSlashLabel(deps.model, request.method, request.path);
    if (slash) {
      fail(
        AWS_RULES.pathEncoding,
        `path label ${slash.name} ${JSON.stringify(slash.value)} holds a raw "/": RFC 3986 percent-encodes it as %2F (AWS SDKs send ${encodeRfc3986(slash.value)}); sent raw, it splits the label and the path matches no ${slash.operation.id} path`,
      );
    }
    return { routed, findings };
  }
  if (routed.kind === 'method-not-allowed') return { routed, findings };

  const operation = routed.operation;
  labelEncoding(operation, request.path, fail);

  const type =
    response.status >= 400 ? readAwsErrorType(firstHeader(interaction, 'response', 'x-amzn-ErrorType'), response.body) : undefined;
  // A 400 that names no type is already a finding; what it was meant to be is anyone's guess.
  const invalidInput = response.status === 400 && (type === undefined || INVALID_INPUT_ERRORS.has(type.name));
  if (routed.kind === 'matched' && !invalidInput) {
    const violations = deps.validators.operation(operation.id).request({ pathParams: routed.pathParams, body: request.body });
    for (const v of violations) {
      if (v.location === 'path') fail(AWS_RULES.pathParameter, requestViolation(v, operation, response.status));
      // The comparator has checked the request body of a success already.
      else if (response.status >= 400) fail(AWS_RULES.requestBody, requestViolation(v, operation, response.status));
    }
  }
  errorTypeRules(operation, response.status, type, fail);
  statusInBodyRule(deps.model, operation, response.status, response.body, fail);
  return { operation, routed, findings };
}

// ---------------------------------------------------------------------------------------------

/** Checks every synchronous HTTP interaction of a Pact against the spec. */
export async function checkPact(pact: PactDocument, deps: PactCheckDeps = pactCheckDeps()): Promise<PactCheckResult> {
  const generic = await compare(pact, deps.comparator);
  const interactions = pact.interactions.map((interaction, position): InteractionVerdict => {
    const aws = awsRules(interaction, deps);
    const fromComparator = (generic.get(position) ?? []).map((f) => {
      if (f.rule !== AWS_RULES.pathOrMethod || aws.routed.kind !== 'method-not-allowed') return f;
      const op = aws.routed.operation;
      return { ...f, message: `${f.message}: the path is ${op.id}'s, whose method is ${op.method}` };
    });
    const findings = [...fromComparator, ...aws.findings];
    // Routing is the comparator's; should the two routers ever disagree, restJson1's verdict is said too.
    if (aws.routed.kind !== 'matched' && aws.routed.kind !== 'bad-encoding' && !findings.some((f) => f.rule === AWS_RULES.pathOrMethod)) {
      findings.unshift({
        rule: AWS_RULES.pathOrMethod,
        severity: 'error',
        source: 'aws',
        message: `${interaction.request.method} ${interaction.request.path} routes to no documented operation (restJson1: split on "/", then percent-decode each segment)`,
      });
    }
    return {
      index: interaction.index,
      description: interaction.description,
      method: interaction.request.method,
      path: interaction.request.path,
      status: interaction.response.status,
      ...(aws.operation ? { operationId: aws.operation.id } : {}),
      compatible: !findings.some((f) => f.severity === 'error'),
      findings,
    };
  });
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
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
    },
  };
}
