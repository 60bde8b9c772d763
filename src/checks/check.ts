/**
 * A check is one property of an exchange, as a pure function: given the request, the response and
 * what the case expects, it returns its findings, and nothing else happens.
 */
import type { FindingDraft, Rule } from '../findings';
import type { Fixtures } from '../fixtures';
import type { ModelVerdict } from '../model';
import type { Exchange, WireResponse } from '../runner/exchange';
import type { OperationModel, Validators } from '../spec';

export type CheckId =
  | 'responds'
  | 'no-server-error'
  | 'status-documented'
  | 'json-content-type'
  | 'response-schema'
  | 'error-type'
  | 'request-id'
  | 'status-in-body'
  | 'negative-rejected'
  | 'positive-accepted'
  | 'missing-resource'
  | 'update-reflected'
  | 'repeat-idempotent'
  | 'state-consistent'
  | 'auth-enforced';

export interface CheckContext {
  operation: OperationModel;
  validators: Validators;
  fixtures: Fixtures;
}

/**
 * An exchange as the checks judge it: what the runner sent and got, with the reference model's
 * verdict on the answer (verify runs the model in lock-step with the target), and whether the
 * answer was still transient after every retry (then no behaviour can be judged from it).
 */
export interface JudgedExchange extends Exchange {
  model?: ModelVerdict;
}

/** An exchange that got an HTTP answer: what most checks look at. */
export interface AnsweredExchange extends JudgedExchange {
  received: WireResponse;
}

/** A check's finding before the registry adds what it knows: the check's own rule when the draft names none. */
export type CheckDraft = FindingDraft extends infer D ? (D extends { rule: Rule } ? Omit<D, 'rule'> & { rule?: Rule } : never) : never;

export interface Check {
  id: CheckId;
  title: string;
  /** The rule the check enforces, when it is one rule for every operation. */
  rule: Rule;
  /** Whether the check has anything to say about this exchange (else it is not counted for it). */
  applies(exchange: AnsweredExchange, ctx: CheckContext): boolean;
  run(exchange: AnsweredExchange, ctx: CheckContext): CheckDraft[];
}
