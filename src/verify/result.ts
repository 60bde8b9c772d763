/**
 * The result of a verify run, as data: what the reports render (console, JSON, JUnit). Its JSON
 * form is the `--json` report, whose schema is documented in report.schema.json.
 */
import type { CaseKind, Expectation } from '../cases';
import type { CheckId } from '../checks';
import type { Finding, Rule } from '../findings';
import type { AllowedAnswer } from '../model';
import type { Received, WireRequest } from '../runner';
import type { OperationId } from '../spec';
import type { RestoreReport } from './restore';

export interface CaseResult {
  id: string;
  operationId: OperationId;
  kind: CaseKind;
  title: string;
  expect: Expectation;
  rule: Rule | undefined;
  /**
   * `passed`: no error finding; `inconclusive`: the answer stayed transient (throttled, unavailable)
   * after every retry, so its behaviour was not judged (protocol checks still were); `not-implemented`:
   * the operation is reported as not implemented.
   */
  status: 'passed' | 'failed' | 'inconclusive' | 'not-implemented';
  /** What was sent and what came back; absent for a passed property (many requests, none to single out). */
  request?: WireRequest;
  curl?: string;
  received?: Received;
  findings: Finding[];
  /** The checks that applied to this case. */
  checks: CheckId[];
  /** How many times the request was sent, when a transient answer was retried. */
  attempts?: number;
  /** The answers the reference model allowed, and the target's readings of the register so far. */
  model?: { allowed: AllowedAnswer[]; readings: string[] };
  /** For a property-based case: how many random requests ran, and how many shrinking steps. */
  property?: { runs: number; shrinks: number; requests: number };
  /**
   * For a failed stateful sequence: its shrunk steps, in order, the failing one last (`2.1`, `2.2`:
   * requests of step 2 sent at once), each with the curl line that replays it and what came back.
   */
  sequence?: { step: string; curl: string; answer: string }[];
}

export interface NotImplemented {
  operationId: OperationId;
  /** What the target answered to the operation's valid requests. */
  evidence: string;
}

export interface Skipped {
  /** An operation, or a check, that did not run. */
  what: string;
  reason: string;
}

export interface VerifyResult {
  target: string;
  seed: number;
  examples: number;
  operations: OperationId[];
  checks: CheckId[];
  startedAt: string;
  durationMs: number;
  requests: number;
  /**
   * The most round trips one lane made one after another (a burst counting one): the run's critical
   * path, which a target's latency multiplies.
   */
  longestLane: number;
  cases: CaseResult[];
  notImplemented: NotImplemented[];
  skipped: Skipped[];
  /** The readings of the ambiguity register the target showed (`name-and-unapply=rejected`). */
  readings: string[];
  summary: {
    cases: number;
    passed: number;
    failed: number;
    inconclusive: number;
    notImplemented: number;
    errors: number;
    warnings: number;
  };
  /** pass: every check passed and every operation is implemented. */
  verdict: 'pass' | 'fail';
  /** `--restore`: each fixture written back to what its first answer showed, and whether it holds it again. */
  restore?: RestoreReport;
}
