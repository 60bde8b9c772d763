/**
 * The registry of checks, and `judge`: runs the selected checks on one exchange. An exchange with
 * no HTTP answer (a timeout, a reset, garbage) gets one `responds` finding and no other check.
 */

import type { Exchange } from '../runner';
import { resolveSource } from '../spec';
import { authEnforced } from './auth-enforced';
import { type AnsweredExchange, type Check, type CheckContext, WIRE_PROTOCOL } from './check';
import { errorType } from './error-type';
import type { CheckId, Finding } from './finding';
import { jsonContentType } from './json-content-type';
import { missingResource } from './missing-resource';
import { negativeRejected } from './negative-rejected';
import { noServerError } from './no-server-error';
import { positiveAccepted } from './positive-accepted';
import { repeatIdempotent } from './repeat-idempotent';
import { requestId } from './request-id';
import { responseSchema } from './response-schema';
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

export function judge(exchange: Exchange, ctx: CheckContext, selected: ReadonlySet<CheckId> = new Set(CHECK_IDS)): Judgement {
  const { operation } = ctx;
  const base = { operationId: operation.id, caseId: exchange.case.id };
  if (exchange.received.kind === 'failure') {
    if (!selected.has(RESPONDS.id)) return { findings: [], applied: [] };
    const failure = exchange.received;
    return {
      applied: [RESPONDS.id],
      findings: [
        {
          ...base,
          check: RESPONDS.id,
          severity: 'error',
          message: `no answer: ${failure.message}`,
          expected: 'an HTTP answer',
          actual: `${failure.reason} after ${failure.durationMs} ms`,
          rule: RESPONDS.rule,
        },
      ],
    };
  }
  const answered = exchange as AnsweredExchange;
  const findings: Finding[] = [];
  const applied: CheckId[] = selected.has(RESPONDS.id) ? [RESPONDS.id] : [];
  for (const check of CHECKS) {
    if (!selected.has(check.id) || !check.applies(answered, ctx)) continue;
    applied.push(check.id);
    for (const draft of check.run(answered, ctx)) {
      const rule = draft.rule ?? check.rule;
      findings.push({
        ...base,
        check: check.id,
        severity: draft.severity ?? 'error',
        ...draft,
        rule: { text: rule.text, source: resolveSource(rule.source, operation.source) },
      });
    }
  }
  return { findings, applied };
}

export type { Check, CheckContext } from './check';
export type { CheckId, DocumentedRule, Finding, Severity } from './finding';
export { isObject, jsonBody, readErrorType } from './read-response';
