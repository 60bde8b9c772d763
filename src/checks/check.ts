/**
 * A check is one property of an exchange, as a pure function: given the request, the response and
 * what the case expects, it returns its findings, and nothing else happens.
 */
import type { Fixtures } from '../fixtures';
import type { Exchange, WireResponse } from '../runner/exchange';
import type { OperationModel, Validators } from '../spec';
import type { CheckId, DocumentedRule, FindingDraft } from './finding';

export interface CheckContext {
  operation: OperationModel;
  validators: Validators;
  fixtures: Fixtures;
}

/** An exchange that got an HTTP answer: what most checks look at. */
export interface AnsweredExchange extends Exchange {
  received: WireResponse;
}

export interface Check {
  id: CheckId;
  title: string;
  /** The rule the check enforces, when it is one rule for every operation. */
  rule: DocumentedRule;
  /** Whether the check has anything to say about this exchange (else it is not counted for it). */
  applies(exchange: AnsweredExchange, ctx: CheckContext): boolean;
  run(exchange: AnsweredExchange, ctx: CheckContext): FindingDraft[];
}

export const WIRE_PROTOCOL = 'QUICKSIGHT-FACTS.md#the-wire-protocol-aws-restjson1';
