/**
 * The judge of a client: the reference mock's request log → per-request findings, each naming the
 * documented rule and its source. Pure (no I/O, no clock): table-tested on log entries.
 *
 * The mock has already matched each request to an operation and validated it with the validators
 * compiled from the spec; the judge turns that verdict into findings and adds what the mock does
 * not refuse but the wire protocol requires: a body is JSON sent as `Content-Type: application/json`.
 */
import { complete, type Finding, type FindingDraft, isError, type Rule, type Suppression } from '../findings';
import type { RequestLogEntry } from '../mock';
import { isApplicationJson, isControlPath, SIGNATURE_RULES, type SignatureVerdict, WIRE_PROTOCOL } from '../protocol';
import {
  effectiveSchema,
  type JsonSchema,
  type OperationModel,
  resolveSource,
  type SpecModel,
  unescapeToken,
  type Violation,
} from '../spec';
import { nearMiss } from './near-miss';
import type { CommandOutcome, FailReason, FaultUse, InjectedFault, JudgedRequest } from './types';

export const RULES = {
  path: {
    text: 'a request is one of the documented operations: its method and path as documented; any other path is answered 404',
    source: WIRE_PROTOCOL,
  },
  encoding: {
    text: 'path parameters are percent-encoded as UTF-8 (RFC 3986): "a/b" as a%2Fb, "é" as %C3%A9',
    source: WIRE_PROTOCOL,
  },
  json: { text: 'the body is JSON', source: WIRE_PROTOCOL },
  contentType: { text: 'the body is JSON sent with Content-Type: application/json', source: WIRE_PROTOCOL },
} satisfies Record<string, Rule>;

export function methodRule(op: OperationModel): Rule {
  return { text: `${op.id} is ${op.method} ${op.pathTemplate}; another method is answered 405`, source: op.source };
}

export interface JudgeContext {
  model: SpecModel;
  /** The mock's account: a valid request for another account is answered 401, and conforms. */
  accountId: string;
  /** The faults injected, in the order given: each request the mock logged as injected counts against one. */
  faults: readonly InjectedFault[];
  /** Who did not verify an unverified signature, and who would (the proxy says its own). */
  unverified?: string;
  /** `--suppress`: the findings of these codes are dropped (and counted) before each request's verdict. */
  suppress?: Suppression;
}

const UNVERIFIED = 'this mock did not verify signatures (check-client --auth sigv4 does)';

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

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One of the mock's violations as a finding draft, with the documented rule and where it comes from. */
function violationDraft(op: OperationModel, violation: Violation): FindingDraft {
  const pointer = violation.pointer ? { pointer: violation.pointer } : {};
  if (violation.keyword === 'encoding')
    return { code: 'request.path.encoding', message: violation.message, rule: RULES.encoding, ...pointer };
  if (violation.keyword === 'json') return { code: 'request.body.not-json', message: violation.message, rule: RULES.json };
  const { schema, source } = schemaAt(op, violation);
  const whole = violation.member === 'the body' || violation.member === 'the path';
  const text =
    whole && violation.keyword === 'required'
      ? `${op.id} requires a JSON body`
      : whole
        ? `the ${violation.location === 'body' ? 'body' : 'path'}: ${violation.rule}`
        : `${violation.member}: ${violation.rule}`;
  const rule = { text, source };
  // AWS's own model accepts a few values the document leaves out (ADMIN_PRO, ALLOW): outside the
  // document, so worth saying, but a client sending them works against AWS and the mock alike.
  if (violation.tolerated) {
    const tolerated = (schema?.['x-tolerated-values'] ?? []).map(String);
    return {
      code: 'request.value.tolerated',
      message: `${violation.message}: not a documented value, though the AWS model accepts it (${tolerated.join(', ')})`,
      rule,
      value: violation.value ?? '',
      ...pointer,
    };
  }
  return {
    code: violation.location === 'path' ? 'request.path.parameter' : 'request.body.invalid',
    message: violation.message,
    rule,
    ...pointer,
  };
}

/**
 * The signature's defect as a finding. Verified (`--auth sigv4`), the mock refused the request: an
 * error. Only read, the defect is what AWS would refuse (no signature, another service or region,
 * a stale date): a warning, since the mock accepted the request and the documents are AWS's.
 */
function signatureDraft(signature: SignatureVerdict, unverified = UNVERIFIED): FindingDraft | undefined {
  const { defect } = signature;
  if (!defect) return undefined;
  const message = signature.message ?? `the signature has the defect ${defect}`;
  const common = {
    message: signature.verified ? message : `${message} AWS refuses it; ${unverified}.`,
    rule: SIGNATURE_RULES[defect],
    ...(signature.verified ? {} : { severity: 'warning' as const }),
  };
  if (defect === 'skew') return { ...common, code: 'request.signature.skew', skewMs: signature.skewMs ?? 0 };
  return { ...common, code: `request.signature.${defect}` };
}

/** What the mock's log says of a request, as every judged request reports it. */
function logged(entry: RequestLogEntry, op: OperationModel | undefined): Omit<JudgedRequest, 'verdict' | 'findings' | 'note'> {
  return {
    seq: entry.seq,
    receivedAt: entry.receivedAt,
    method: entry.method,
    path: entry.path,
    contentType: entry.contentType,
    body: entry.body,
    operationId: op?.id,
    pathParams: entry.pathParams,
    response: { status: entry.status, errorType: entry.errorType, injected: entry.injected },
    signature: entry.signature,
  };
}

/** A request the mock answered without judging it (too large, too deep, a defect of the mock): nothing is known of it. */
function unjudged(entry: RequestLogEntry, why: string, context: JudgeContext): JudgedRequest {
  const op = entry.operationId ? context.model.operations.find((o) => o.id === entry.operationId) : undefined;
  return {
    ...logged(entry, op),
    verdict: 'unjudged',
    findings: [],
    note: `not judged: ${why}`,
  };
}

function judgeOne(entry: RequestLogEntry, context: JudgeContext): JudgedRequest {
  if (entry.unjudged !== undefined) return unjudged(entry, entry.unjudged, context);
  const drafts: FindingDraft[] = [];
  const signature = signatureDraft(entry.signature, context.unverified);
  if (signature) drafts.push(signature);
  let note: string | undefined;
  const hasBody = /\S/.test(entry.body);
  const op = entry.operationId ? context.model.operations.find((o) => o.id === entry.operationId) : undefined;

  if (!op) {
    const near = nearMiss(entry.path, context.model.operations);
    drafts.push({
      code: 'request.path.unknown',
      message: `${entry.method} ${entry.path} matches no documented operation (answered ${entry.status})`,
      rule: RULES.path,
    });
    if (near) {
      const body = hasBody ? parseBody(entry.body) : undefined;
      const misplaced = near.missingParams.filter((p) => body !== null && typeof body === 'object' && p in body);
      const where = misplaced.length > 1 ? 'are path parameters' : 'is a path parameter';
      const not = misplaced.length > 1 ? 'body members' : 'a body member';
      note = `${near.explanation}${misplaced.length ? `; ${misplaced.join(', ')} ${where} of ${near.operation.id}, not ${not}` : ''}`;
    }
  } else if (entry.method.toUpperCase() !== op.method) {
    drafts.push({
      code: 'request.method',
      message: `${entry.method} where ${op.id} is ${op.method} (answered ${entry.status})`,
      rule: methodRule(op),
    });
  } else {
    drafts.push(...entry.violations.map((v) => violationDraft(op, v)));
    const refused = entry.violations.some((v) => !v.tolerated);
    if (!refused && entry.pathParams && entry.pathParams.AwsAccountId !== context.accountId) {
      note = `the account ${entry.pathParams.AwsAccountId} is not the mock's (${context.accountId}; --fixtures sets it)`;
    }
  }

  if (hasBody && !isApplicationJson(entry.contentType)) {
    drafts.push({
      code: 'request.content-type',
      message:
        entry.contentType === undefined
          ? 'a body sent without a Content-Type'
          : `a body sent with Content-Type ${entry.contentType}, not application/json`,
      rule: RULES.contentType,
    });
  }

  const subject = { kind: 'request' as const, seq: entry.seq, method: entry.method, path: entry.path };
  const all: Finding[] = drafts.map((d) => complete(d, { ...(op ? { operationId: op.id } : {}), subject }));
  const findings = context.suppress ? context.suppress.keep(all) : all;
  return {
    ...logged(entry, op),
    verdict: !op ? 'unmatched' : findings.some(isError) ? 'violates' : 'conforms',
    findings,
    ...(note ? { note } : {}),
  };
}

/** How many requests each injected fault answered: the mock logs each injected answer; faults queue in order. */
function faultUses(faults: readonly InjectedFault[], requests: readonly JudgedRequest[]): FaultUse[] {
  const uses: FaultUse[] = faults.map((f) => ({ ...f, answered: 0 }));
  for (const r of requests.filter((x) => x.response.injected)) {
    const use = uses.find((u) => u.operationId === r.operationId && u.errorType === r.response.errorType && u.answered < u.count);
    if (use) use.answered += 1;
  }
  return uses;
}

/** Every AWS request in the log (oldest first), judged; the control plane is not. */
export function judgeRequests(
  entries: readonly RequestLogEntry[],
  context: JudgeContext,
): { requests: JudgedRequest[]; faults: FaultUse[] } {
  const requests = entries.filter((e) => !isControlPath(e.path)).map((entry) => judgeOne(entry, context));
  return { requests, faults: faultUses(context.faults, requests) };
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
  // An unmatched request whose request.path.unknown is suppressed (and that breaks nothing else) fails nothing.
  const unmatched = requests.filter((r) => r.verdict === 'unmatched' && r.findings.some(isError)).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (violating > 0) because('violations', `${plural(violating, 'request', 'requests')} of ${requests.length} broke the contract`);
  if (unmatched > 0) because('unmatched', `${plural(unmatched, 'request', 'requests')} of ${requests.length} matched no operation`);
  const notJudged = requests.filter((r) => r.verdict === 'unjudged').length;
  if (notJudged > 0) {
    because(
      'unjudged',
      `${plural(notJudged, 'request', 'requests')} of ${requests.length} could not be judged ` +
        `(a body over 1 MiB or nested too deep; see the note)`,
    );
  }
  if (requests.length === 0 && unchecked === 0) because('no-requests', 'the command made no request to the mock: nothing was checked');
  if (unchecked > 0) {
    because(
      'unchecked',
      `${plural(unchecked, 'earlier request is', 'earlier requests are')} no longer in the mock's log and went unchecked`,
    );
  }
  return { verdict: reasons.length === 0 ? 'pass' : 'fail', reasons };
}
