/**
 * The registry of checks, and `judge`: runs the selected checks on one exchange. An exchange with
 * no HTTP answer (a timeout, a reset, garbage) gets one `responds` finding and no other check.
 */
import { complete, type Finding, type Subject } from '../findings';
import { WIRE_PROTOCOL } from '../protocol';
import type { Exchange } from '../runner';
import { resolveSource } from '../spec';
import { authEnforced } from './auth-enforced';
import type { AnsweredExchange, Check, CheckContext, CheckId, JudgedExchange } from './check';
import { errorType } from './error-type';
import { jsonContentType } from './json-content-type';
import { missingResource } from './missing-resource';
import { negativeRejected } from './negative-rejected';
import { noServerError } from './no-server-error';
import { positiveAccepted } from './positive-accepted';
import { repeatIdempotent } from './repeat-idempotent';
import { requestId } from './request-id';
import { responseSchema } from './response-schema';
import { stateConsistent } from './state-consistent';
import { statusDocumented } from './status-documented';
import { statusInBody } from './status-in-body';
import { updateReflected } from './update-reflected';

export const CHECKS: readonly Check[] = [
  noServerError,
  statusDocumented,
  jsonContentType,
  responseSchema,
  errorType,
  requestId,
  statusInBody,
  negativeRejected,
  positiveAccepted,
  missingResource,
  updateReflected,
  repeatIdempotent,
  stateConsistent,
  authEnforced,
];

/** `responds` is not a Check: it judges the exchanges no other check can read. */
export const RESPONDS = {
  id: 'responds' as const,
  title: 'the target answers in time with HTTP',
  rule: { text: 'every request gets an HTTP answer', source: WIRE_PROTOCOL },
};

export const CHECK_IDS: readonly CheckId[] = [RESPONDS.id, ...CHECKS.map((c) => c.id)];

export function checkTitle(id: CheckId): string {
  return id === RESPONDS.id ? RESPONDS.title : (CHECKS.find((c) => c.id === id)?.title ?? id);
}

export interface Judgement {
  findings: Finding[];
  /** The checks that had something to say about the exchange (passed or not). */
  applied: CheckId[];
}

/** The request an exchange sent, as a finding's subject. */
function subjectOf(exchange: Exchange): Subject {
  const path = exchange.request.url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return { kind: 'case', caseId: exchange.case.id, method: exchange.request.method, path };
}

export function judge(exchange: JudgedExchange, ctx: CheckContext, selected: ReadonlySet<CheckId> = new Set(CHECK_IDS)): Judgement {
  const { operation } = ctx;
  const base = { operationId: operation.id, subject: subjectOf(exchange) };
  if (exchange.received.kind === 'failure') {
    if (!selected.has(RESPONDS.id)) return { findings: [], applied: [] };
    const failure = exchange.received;
    const finding = complete(
      {
        code: 'response.none',
        message: `no answer: ${failure.message}`,
        expected: 'an HTTP answer',
        actual: `${failure.reason} after ${failure.durationMs} ms`,
        rule: RESPONDS.rule,
        reason: failure.reason,
      },
      { ...base, check: RESPONDS.id },
    );
    return { applied: [RESPONDS.id], findings: [finding] };
  }
  const answered = exchange as AnsweredExchange;
  const findings: Finding[] = [];
  const applied: CheckId[] = selected.has(RESPONDS.id) ? [RESPONDS.id] : [];
  for (const check of CHECKS) {
    if (!selected.has(check.id) || !check.applies(answered, ctx)) continue;
    applied.push(check.id);
    for (const draft of check.run(answered, ctx)) {
      const rule = draft.rule ?? check.rule;
      const whole = { ...draft, rule: { text: rule.text, source: resolveSource(rule.source, operation.source) } };
      findings.push(complete(whole as Parameters<typeof complete>[0], { ...base, check: check.id }));
    }
  }
  return { findings, applied };
}

export type { Check, CheckContext, CheckId, JudgedExchange } from './check';
export { parsedBody, readErrorType, releaseParsed } from './read-response';
