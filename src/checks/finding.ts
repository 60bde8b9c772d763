/**
 * Findings are data: a target broke a documented rule (severity error) or did something the
 * documents do not forbid but a careful reader would want to know (warning, never fails a run).
 */
import type { OperationId } from '../spec';

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
  | 'auth-enforced';

export type Severity = 'error' | 'warning';

export interface DocumentedRule {
  text: string;
  /** The seed or facts-sheet section the rule comes from. */
  source: string;
}

export interface Finding {
  check: CheckId;
  severity: Severity;
  operationId: OperationId;
  caseId: string;
  /** One line: what is wrong. */
  message: string;
  expected: string;
  actual: string;
  rule: DocumentedRule;
  /** A JSON Pointer into the response body, when the finding is about one member. */
  pointer?: string;
}

/** What a check returns: the finding without what the registry knows already. */
export type FindingDraft = Pick<Finding, 'message' | 'expected' | 'actual'> & Partial<Pick<Finding, 'severity' | 'pointer' | 'rule'>>;
