/**
 * The result of a Pact provider verification (`qs-contract pact-verify`), as data: what the reports
 * render (console, JSON, JUnit). One entry per interaction of the pact file, in its order.
 */
import type { Finding } from '../findings';
import type { PlannedState } from './state-plan';

export interface InteractionResult {
  /** The interaction's position in the pact file. */
  index: number;
  description: string;
  /** The operation the description names, if any. */
  operationId: string | undefined;
  /** Each provider state and how it was met (`via`), or why not (`reason`). */
  providerStates: PlannedState[];
  /** skipped: a provider state the target cannot be put into; the reason says which and why. */
  status: 'passed' | 'failed' | 'skipped';
  /** For a skipped interaction. */
  reason?: string;
  /** For a failed one: what the Pact core found (codes pact-verify.*), each with expected and actual. */
  findings: Finding[];
  /** For a failed one whose core named no mismatch: the core's own output, as it printed it. */
  output?: string;
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
