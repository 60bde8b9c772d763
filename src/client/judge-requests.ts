/**
 * The judge of a client: the reference mock's request log → per-request findings, each naming the
 * documented rule and its source. Pure (no I/O, no clock): table-tested on log entries.
 *
 * The mock has already matched each request to an operation and validated it with the validators
 * compiled from the spec; the judge turns that verdict into findings and adds what the mock does
 * not refuse but the wire protocol requires: a body is JSON sent as `Content-Type: application/json`.
 */
import type { RequestLogEntry } from '../mock';
import { effectiveSchema, type JsonSchema, type OperationModel, resolveSource, type SpecModel, type Violation } from '../spec';
import { unescapeToken } from '../spec/json-pointer';
import { nearMiss } from './near-miss';
import type { ClientFinding, ClientRule, CommandOutcome, FailReason, FaultUse, InjectedFault, JudgedRequest } from './types';

/** The facts sheet's section on the wire protocol (method, path, encoding, JSON bodies). */
export const WIRE_PROTOCOL_SOURCE = 'QUICKSIGHT-FACTS.md#the-wire-protocol-aws-restjson1';
/** The control plane's prefix: never judged (the log does not hold it either). */
const CONTROL_PREFIX = '/_mock/';

export const RULES = {
  path: {
    text: 'a request is one of the documented operations: its method and path as documented; any other path is answered 404',
    source: WIRE_PROTOCOL_SOURCE,
  },
  encoding: {
    text: 'path parameters are percent-encoded as UTF-8 (RFC 3986): "a/b" as a%2Fb, "é" as %C3%A9',
    source: WIRE_PROTOCOL_SOURCE,
  },
  json: { text: 'the body is JSON', source: WIRE_PROTOCOL_SOURCE },
  contentType: { text: 'the body is JSON sent with Content-Type: application/json', source: WIRE_PROTOCOL_SOURCE },
} satisfies Record<string, ClientRule>;

export function methodRule(op: OperationModel): ClientRule {
  return { text: `${op.id} is ${op.method} ${op.pathTemplate}; another method is answered 405`, source: op.source };
}

export interface JudgeContext {
  model: SpecModel;
  /** The mock's account: a valid request for another account is answered 401, and conforms. */
  accountId: string;
  /** The faults injected, in the order given: the judge replays the mock's queue to tell which requests they answered. */
  faults: readonly InjectedFault[];
}

/** The schema of the member a pointer names, and its source (a member without `x-source` takes its parent's). */
function schemaAt(op: OperationModel, violation: Violation): { schema: JsonSchema | undefined; source: string } {
  const tokens = violation.pointer.split('/').slice(1).map(unescapeToken);
  if (violation.location === 'path') {
    const param = op.pathParams.find((p) => p.name === tokens[0]);
    return { schema: param?.schema, source: resolveSource(param?.schema['x-source'], op.source) };
  }
  if (!op.body) return { schema: undefined, source: op.source };
  let schema: JsonSchema | undefined = effectiveSchema(op.body.schema);
  let source = resolveSource(schema['x-source'], op.source);
  for (const token of tokens) {
    const next: JsonSchema | undefined = /^\d+$/.test(token) && schema?.items ? schema.items : schema?.properties?.[token];
    if (!next) return { schema: undefined, source };
    schema = effectiveSchema(next);
    if (schema['x-source'] !== undefined) source = resolveSource(schema['x-source'], op.source);
  }
  return { schema, source };
}

function valueAt(body: unknown, pointer: string): unknown {
  let current = body;
  for (const token of pointer.split('/').slice(1).map(unescapeToken)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The path parameter whose segment is not percent-encoded UTF-8 (the mock names the segment only). */
function badlyEncodedParam(op: OperationModel, rawPath: string): string | undefined {
  const segments = rawPath.split('?', 1)[0]?.split('/') ?? [];
  return op.pathTemplate.split('/').flatMap((part, i) => {
    const param = /^\{(.+)\}$/.exec(part)?.[1];
    if (param === undefined) return [];
    try {
      decodeURIComponent(segments[i] ?? '');
      return [];
    } catch {
      return [param];
    }
  })[0];
}

/** One of the mock's violations as a finding, with the documented rule and where it comes from. */
function violationFinding(op: OperationModel, violation: Violation, body: unknown, rawPath: string): ClientFinding {
  if (violation.keyword === 'encoding') {
    const param = badlyEncodedParam(op, rawPath);
    return {
      kind: 'encoding',
      severity: 'error',
      ...(param ? { member: param } : {}),
      message: param ? `path parameter ${param}: ${violation.message}` : violation.message,
      rule: RULES.encoding,
    };
  }
  if (violation.keyword === 'json') return { kind: 'json', severity: 'error', message: violation.message, rule: RULES.json };
  const { schema, source } = schemaAt(op, violation);
  const whole = violation.member === 'the body' || violation.member === 'the path';
  const text =
    whole && violation.keyword === 'required'
      ? `${op.id} requires a JSON body`
      : whole
        ? `the ${violation.location === 'body' ? 'body' : 'path'}: ${violation.rule}`
        : `${violation.member}: ${violation.rule}`;
  const finding: ClientFinding = {
    kind: violation.location === 'path' ? 'path-parameter' : 'body',
    severity: 'error',
    ...(whole ? {} : { member: violation.member }),
    message: violation.message,
    rule: { text, source },
  };
  // AWS's own model accepts a few values the document leaves out (ADMIN_PRO, ALLOW): outside the
  // document, so worth saying, but a client sending them works against AWS: a warning, not a failure.
  const tolerated = schema?.['x-tolerated-values'];
  if (violation.keyword === 'enum' && tolerated?.includes(violation.value ?? valueAt(body, violation.pointer))) {
    return {
      ...finding,
      severity: 'warning',
      message: `${violation.message}: not a documented value, though the AWS model accepts it (${tolerated.join(', ')})`,
    };
  }
  return finding;
}

/** `application/json`, in any case, with or without parameters (`; charset=utf-8`). */
function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** Replays the mock's fault queues (state.ts takeFault) over the log: which request each fault answered. */
function faultReplay(faults: readonly InjectedFault[]): { take(operationId: string): InjectedFault | undefined; uses(): FaultUse[] } {
  const uses: FaultUse[] = faults.map((f) => ({ ...f, answered: 0 }));
  return {
    take(operationId) {
      const use = uses.find((u) => u.operationId === operationId && u.answered < u.count);
      if (use) use.answered += 1;
      return use;
    },
    uses: () => uses,
  };
}

function judgeOne(entry: RequestLogEntry, context: JudgeContext, faults: ReturnType<typeof faultReplay>): JudgedRequest {
  const findings: ClientFinding[] = [];
  let note: string | undefined;
  const hasBody = /\S/.test(entry.body);
  const op = entry.operationId ? context.model.operations.find((o) => o.id === entry.operationId) : undefined;
  let injected = false;

  if (!op) {
    const near = nearMiss(entry.path, context.model.operations);
    findings.push({
      kind: 'path',
      severity: 'error',
      message: `${entry.method} ${entry.path} matches no documented operation (answered ${entry.status})`,
      rule: RULES.path,
    });
    if (near) {
      const body = hasBody ? parseBody(entry.body) : undefined;
      const misplaced = near.missingParams.filter((p) => body !== null && typeof body === 'object' && p in body);
      note = `${near.explanation}${misplaced.length ? `; ${misplaced.join(', ')} ${misplaced.length > 1 ? 'are path parameters' : 'is a path parameter'} of ${near.operation.id}, not ${misplaced.length > 1 ? 'body members' : 'a body member'}` : ''}`;
    }
  } else if (entry.method.toUpperCase() !== op.method) {
    findings.push({
      kind: 'method',
      severity: 'error',
      message: `${entry.method} where ${op.id} is ${op.method} (answered ${entry.status})`,
      rule: methodRule(op),
    });
  } else {
    const body = hasBody ? parseBody(entry.body) : undefined;
    findings.push(...entry.violations.map((v) => violationFinding(op, v, body, entry.path)));
    // The request reached the fault queue exactly when the mock found nothing wrong with it and it
    // was for the mock's account (handler.ts: validation → account → fault → operation).
    if (entry.violations.length === 0 && entry.pathParams) {
      if (entry.pathParams.AwsAccountId !== context.accountId) {
        note = `the account ${entry.pathParams.AwsAccountId} is not the mock's (${context.accountId}; --fixtures sets it)`;
      } else {
        const fault = faults.take(op.id);
        // The queue and the log cannot disagree unless the log lost entries; then trust the answer.
        injected = fault !== undefined && fault.errorType === entry.errorType;
      }
    }
  }

  if (hasBody && !isJsonContentType(entry.contentType)) {
    findings.push({
      kind: 'content-type',
      severity: 'error',
      message:
        entry.contentType === undefined
          ? 'a body sent without a Content-Type'
          : `a body sent with Content-Type ${entry.contentType}, not application/json`,
      rule: RULES.contentType,
    });
  }

  const errors = findings.some((f) => f.severity === 'error');
  return {
    seq: entry.seq,
    receivedAt: entry.receivedAt,
    method: entry.method,
    path: entry.path,
    contentType: entry.contentType,
    body: entry.body,
    operationId: op?.id,
    pathParams: entry.pathParams,
    response: { status: entry.status, errorType: entry.errorType, injected },
    verdict: !op ? 'unmatched' : errors ? 'violates' : 'conforms',
    findings,
    ...(note ? { note } : {}),
  };
}

/** Every AWS request in the log (oldest first), judged; the control plane is not. */
export function judgeRequests(
  entries: readonly RequestLogEntry[],
  context: JudgeContext,
): { requests: JudgedRequest[]; faults: FaultUse[] } {
  const faults = faultReplay(context.faults);
  const requests = entries
    .filter((e) => !e.path.startsWith(CONTROL_PREFIX) && e.path !== CONTROL_PREFIX.slice(0, -1))
    .map((entry) => judgeOne(entry, context, faults));
  return { requests, faults: faults.uses() };
}

export function describeOutcome(outcome: CommandOutcome): string {
  return outcome.kind === 'exited' ? `exited with code ${outcome.code}` : `was killed by ${outcome.signal}`;
}

/** The run's verdict: pass only when the command succeeded, made requests, and each one conformed. */
export function clientVerdict(input: { outcome: CommandOutcome; requests: readonly JudgedRequest[]; unchecked: number }): {
  verdict: 'pass' | 'fail';
  reasons: FailReason[];
} {
  const { outcome, requests, unchecked } = input;
  const reasons: FailReason[] = [];
  const because = (code: FailReason['code'], message: string) => reasons.push({ code, message });
  if (outcome.kind !== 'exited' || outcome.code !== 0) because('command-failed', `the command failed: it ${describeOutcome(outcome)}`);
  const violating = requests.filter((r) => r.verdict === 'violates').length;
  const unmatched = requests.filter((r) => r.verdict === 'unmatched').length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (violating > 0) because('violations', `${plural(violating, 'request', 'requests')} of ${requests.length} broke the contract`);
  if (unmatched > 0) because('unmatched', `${plural(unmatched, 'request', 'requests')} of ${requests.length} matched no operation`);
  if (requests.length === 0 && unchecked === 0) because('no-requests', 'the command made no request to the mock: nothing was checked');
  if (unchecked > 0)
    because(
      'unchecked',
      `${plural(unchecked, 'earlier request is', 'earlier requests are')} no longer in the mock's log and went unchecked`,
    );
  return { verdict: reasons.length === 0 ? 'pass' : 'fail', reasons };
}
