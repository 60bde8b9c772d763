/**
 * One exchange as the proxy judges it: the request with check-client's judge (the same log entry
 * the reference mock would have written for it), the answer with verify's checks, the reference
 * model's verdict among them when the follower has one. Pure: the proxy's server does the I/O.
 */
import type { ConformanceCase } from '../cases';
import { CHECK_IDS, type CheckId, judge } from '../checks';
import { judgeRequests } from '../client';
import { type Finding, isError, type Suppression } from '../findings';
import type { Fixtures } from '../fixtures';
import { formatEntry, type RawLogEntry } from '../mock';
import type { ModelVerdict } from '../model';
import type { Received, WireRequest } from '../runner';
import type { OperationModel, SpecModel, Validators } from '../spec';
import type { Judged } from './follow';
import type { ExchangeVerdict, ProxiedExchange } from './types';

/** Checks that need what a proxy does not have: a repeat of the same request, a case made to be refused or missing. */
const NOT_FOR_TRAFFIC: ReadonlySet<CheckId> = new Set(['auth-enforced', 'repeat-idempotent', 'missing-resource']);

/** The checks that judge behaviour: none applies to a transient answer, a refused caller, or what the model did not judge. */
const BEHAVIOUR: ReadonlySet<CheckId> = new Set([
  'no-server-error',
  'negative-rejected',
  'positive-accepted',
  'update-reflected',
  'state-consistent',
]);

const KEPT_BODY = 4096;

export interface ProxiedInput {
  entry: RawLogEntry;
  /** The operation the request matched (method and path); undefined outside the three. */
  operation: OperationModel | undefined;
  /**
   * `contract`: one of the three operations; `request-only`: a mistaken attempt at one (a near-miss
   * path, a POST where the operation is PUT), whose request is judged; `outside`: another operation.
   */
  scope: 'contract' | 'request-only' | 'outside';
  /** The request as it went upstream (URL and method; the checks read nothing else of it). */
  sent: WireRequest;
  received: Received;
  /** The answer stayed transient (throttled, unavailable): its behaviour says nothing. */
  transient: boolean;
  model?: { verdict: ModelVerdict; judged: Judged };
  /** Why the model did not judge the answer, when it did not. */
  note?: string;
}

export interface JudgeContext {
  model: SpecModel;
  validators: Validators;
  region: string;
  /** `--suppress`: the findings of these codes are dropped (and counted) before each exchange's verdict. */
  suppress?: Suppression;
}

/** A case made of what the client sent, for verify's checks: refused if it breaks a documented rule, else any documented answer. */
function caseOf(input: ProxiedInput, op: OperationModel): ConformanceCase {
  const { entry } = input;
  const broken = entry.violations.filter((v) => !v.tolerated);
  return {
    id: `#${entry.seq}`,
    operationId: op.id,
    kind: broken.length > 0 ? 'negative' : 'positive',
    title: `${entry.method} ${entry.path}`,
    rule: undefined,
    breaks: broken.map((v) => `${v.member}: ${v.rule}`),
    pathParams: entry.pathParams ?? {},
    body: entry.body,
    expect: broken.length > 0 ? 'rejected' : 'documented',
  };
}

function answerFindings(input: ProxiedInput, op: OperationModel, ctx: JudgeContext): Finding[] {
  const { entry } = input;
  const account = entry.pathParams?.AwsAccountId ?? '';
  // What update-reflected reads of the fixtures: the region and the account of the ARNs it expects.
  const fixtures: Fixtures = {
    region: ctx.region,
    accountId: account,
    edition: 'ENTERPRISE',
    namespaces: [],
    users: [],
    themes: [],
    customPermissions: [],
  };
  const selected = new Set(
    CHECK_IDS.filter(
      (id) => !NOT_FOR_TRAFFIC.has(id) && (input.model !== undefined || !BEHAVIOUR.has(id)) && !(input.transient && BEHAVIOUR.has(id)),
    ),
  );
  const judged = judge(
    {
      case: caseOf(input, op),
      request: input.sent,
      received: input.received,
      attempts: 1,
      ...(input.transient ? { transient: true as const } : {}),
      ...(input.model ? { model: input.model.verdict } : {}),
    },
    { operation: op, validators: ctx.validators, fixtures },
    selected,
  );
  // The subject is the request as the client sent it, numbered as the proxy received it.
  const subject = { kind: 'request' as const, seq: entry.seq, method: entry.method, path: entry.path };
  return judged.findings.map((f) => ({ ...f, subject }));
}

function responseOf(received: Received): Pick<ProxiedExchange, 'response' | 'failure'> {
  if (received.kind === 'failure') return { failure: { reason: received.reason, message: received.message } };
  const type = received.headers['x-amzn-errortype'];
  const contentType = received.headers['content-type'];
  return {
    response: {
      status: received.status,
      ...(type ? { errorType: type.split(':')[0] } : {}),
      ...(contentType ? { contentType } : {}),
      body: received.body.length > KEPT_BODY ? received.body.slice(0, KEPT_BODY) : received.body,
      bodyBytes: received.bodyBytes ?? Buffer.byteLength(received.body),
      durationMs: received.durationMs,
    },
  };
}

export function judgeProxied(input: ProxiedInput, ctx: JudgeContext): ProxiedExchange {
  const { entry, received } = input;
  const base = {
    seq: entry.seq,
    receivedAt: new Date(entry.receivedAtMs).toISOString(),
    method: entry.method,
    path: entry.path,
    ...(input.operation ? { operationId: input.operation.id } : {}),
    request: {
      ...(entry.contentType ? { contentType: entry.contentType } : {}),
      body: entry.body,
      signature: entry.signature,
    },
    ...responseOf(received),
  };
  if (input.scope === 'outside') return { ...base, verdict: 'outside', findings: [], judged: 'none' };

  const [judgedRequest] = judgeRequests([formatEntry(entry)], {
    model: ctx.model,
    accountId: entry.pathParams?.AwsAccountId ?? '',
    faults: [],
    unverified: 'the proxy only reads signatures (the upstream verifies them)',
  }).requests;
  const judgedFindings = judgedRequest?.findings ?? [];
  const requestFindings = ctx.suppress ? ctx.suppress.keep(judgedFindings) : judgedFindings;
  const requestNote = judgedRequest?.note;
  if (input.scope === 'request-only' || !input.operation || judgedRequest?.verdict === 'unjudged') {
    // A wrong method or a path that nearly names an operation: the answer is to another request than the operation's.
    let verdict: ExchangeVerdict = judgedRequest?.verdict === 'conforms' ? 'violates' : (judgedRequest?.verdict ?? 'unmatched');
    // Its every error suppressed (request.path.unknown, request.method): left out, as a request outside the three.
    if (verdict !== 'unjudged' && requestFindings.length < judgedFindings.length && !requestFindings.some(isError)) verdict = 'outside';
    return { ...base, verdict, findings: requestFindings, judged: 'none', ...(requestNote ? { note: requestNote } : {}) };
  }
  const answered = answerFindings(input, input.operation, ctx);
  const findings = [...requestFindings, ...(ctx.suppress ? ctx.suppress.keep(answered) : answered)];
  const note = [requestNote, input.note].filter(Boolean).join('; ');
  return {
    ...base,
    verdict: findings.some(isError) ? 'violates' : 'conforms',
    findings,
    judged: input.model?.judged ?? (received.kind === 'response' ? 'protocol' : 'none'),
    ...(input.model ? { model: { allowed: input.model.verdict.allowed, readings: input.model.verdict.heldReadings } } : {}),
    ...(note ? { note } : {}),
  };
}
