/**
 * How an answer departs from what the reference model allows, as the behaviour checks name it. Each
 * answer the model does not allow is one divergence, claimed by exactly one check: the one of the
 * case's kind (a broken rule, a missing resource, a valid request), or `state-consistent` for what
 * only the earlier answers make wrong. An answer whose status fits but that names no error type is
 * error-type's to report; a transient answer says nothing of behaviour.
 */
import type { AllowedAnswer, ModelVerdict } from '../model';
import type { AnsweredExchange } from './check';

export type Divergence =
  | 'invalid-accepted'
  | 'invalid-wrong-error'
  | 'missing-resource'
  | 'not-reflected'
  | 'valid-refused'
  | 'valid-rejected'
  | 'unexpected-success'
  | 'unexpected-error';

export function divergenceOf(exchange: AnsweredExchange): Divergence | undefined {
  const verdict = exchange.model;
  if (!verdict || verdict.matched || exchange.transient || exchange.case.expect === 'auth-refused') return undefined;
  const status = exchange.received.status;
  // Any 2xx claims success (a wrong one is status-documented's finding); so the model reads it too.
  const success = status >= 200 && status < 300;
  if (!success && verdict.statusMatched) return undefined;
  switch (exchange.case.expect) {
    case 'rejected':
      return success ? 'invalid-accepted' : 'invalid-wrong-error';
    case 'not-found':
      return 'missing-resource';
    default:
      if (success) return verdict.successAllowed ? 'not-reflected' : 'unexpected-success';
      if (verdict.successAllowed && !verdict.errorAllowed) return status === 400 ? 'valid-rejected' : 'valid-refused';
      return 'unexpected-error';
  }
}

/** The answers the model allowed, one per line part: `404 ResourceNotFoundException (under profile-missing=not-found)`. */
export function allowedText(verdict: ModelVerdict): string {
  const one = (a: AllowedAnswer) => `${a.answer}${a.under.length > 0 ? ` (under ${a.under.join(', ')})` : ''}`;
  return verdict.allowed.map(one).join(' · ') || '(no answer: the earlier answers contradict each other)';
}

/** Why the model allowed what it allowed: the first reason, for a finding's message. */
export function reasonOf(verdict: ModelVerdict, success: boolean): string {
  const allowed = verdict.allowed.find((a) => (success ? /^2/.test(a.answer) : !/^2/.test(a.answer))) ?? verdict.allowed[0];
  return allowed?.why ?? '';
}
