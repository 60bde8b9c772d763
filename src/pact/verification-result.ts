/**
 * The result of a Pact provider verification (`qs-contract pact-verify`), as data: what the reports
 * render (console, JSON, JUnit). One entry per interaction of the pact file, in its order.
 */
import type { PlannedState } from './state-plan';

/** One difference the Pact core found between the contract and the target's answer. */
export interface PactMismatch {
  /** status, header, body, or error (the request could not be made, a state change failed). */
  kind: 'status' | 'header' | 'body' | 'error' | 'other';
  /** Where: a JSONPath for the body, the header name. */
  at?: string;
  message: string;
  expected?: string;
  actual?: string;
}

export interface InteractionResult {
  description: string;
  /** The operation the description names, if any. */
  operationId: string | undefined;
  /** Each provider state and how it was met (`via`), or why not (`reason`). */
  providerStates: PlannedState[];
  /** skipped: a provider state the target cannot be put into; the reason says which and why. */
  status: 'passed' | 'failed' | 'skipped';
  /** For a skipped interaction. */
  reason?: string;
  /** For a failed one: what the Pact core found, as data. */
  mismatches?: PactMismatch[];
  /** For a failed one: the mismatches as text, or the core's own output when it gave no mismatch. */
  mismatch?: string;
  durationMs?: number;
}

export interface PactVerifyResult {
  target: string;
  pactFile: string;
  consumer: string;
  provider: string;
  /** How provider states were set: through the target's control plane, or read from the fixtures. */
  providerStates: 'control-plane' | 'fixtures';
  startedAt: string;
  durationMs: number;
  interactions: InteractionResult[];
  summary: { interactions: number; passed: number; failed: number; skipped: number };
  /** pass: every interaction that ran passed (skipped ones do not fail a run). */
  verdict: 'pass' | 'fail';
}

export function summarize(interactions: InteractionResult[]): Pick<PactVerifyResult, 'summary' | 'verdict'> {
  const count = (status: InteractionResult['status']) => interactions.filter((i) => i.status === status).length;
  const summary = { interactions: interactions.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
  return { summary, verdict: summary.failed === 0 ? 'pass' : 'fail' };
}
