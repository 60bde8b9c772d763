/**
 * What `check-client` finds: each request a client sent to the reference mock, the operation it
 * matched (or none) and every documented rule it broke, plus how the client command ended.
 * Plain data: the reports render it and `--json` writes it as is.
 */
import type { Finding } from '../findings';
import type { SignatureVerdict } from '../protocol';
import type { OperationId } from '../spec';

/** `--inject OP=ERROR[:COUNT]`: the next COUNT calls of OP are answered ERROR. */
export interface InjectedFault {
  operationId: OperationId;
  errorType: string;
  count: number;
}

export type RequestVerdict =
  /** Matched an operation and broke no documented rule. */
  | 'conforms'
  /** Matched an operation and broke at least one documented rule. */
  | 'violates'
  /** Matched no operation: a path no operation has. */
  | 'unmatched'
  /** Answered by the mock without judging it: a body over 1 MiB, JSON nested too deep, a defect of the mock (see the note). */
  | 'unjudged';

export interface JudgedRequest {
  /** The mock's sequence number: 1 for the first request it received. */
  seq: number;
  receivedAt: string;
  method: string;
  /** The request-target as received (percent-encoded path and query). */
  path: string;
  contentType: string | undefined;
  /** The body as received, cut at 4 KiB by the mock's log. */
  body: string;
  operationId: OperationId | undefined;
  pathParams: Record<string, string> | undefined;
  /** The mock's verdict on the signature: verified with `--auth sigv4`, else only read (key id masked). */
  signature: SignatureVerdict;
  /** What the mock answered; `injected` when an `--inject` fault answered it. */
  response: { status: number; errorType: string | undefined; injected: boolean };
  verdict: RequestVerdict;
  findings: Finding[];
  /** Why the answer was not a success although the request conforms, or what an unmatched path resembles. */
  note?: string;
}

/** How the client command ended. */
export type CommandOutcome = { kind: 'exited'; code: number } | { kind: 'killed'; signal: string };

export interface FaultUse extends InjectedFault {
  /** How many requests it answered. */
  answered: number;
}

export interface ClientCheckSummary {
  requests: number;
  conforming: number;
  violating: number;
  unmatched: number;
  /** Requests the mock answered without judging them. */
  unjudged: number;
  /** Requests answered by an injected fault. */
  injected: number;
  /** Findings of severity warning. */
  warnings: number;
}

export interface ClientCheckResult {
  /** The command and its arguments, as run. */
  command: string[];
  mockUrl: string;
  region: string;
  accountId: string;
  startedAt: string;
  durationMs: number;
  outcome: CommandOutcome;
  /** Signals received while the command ran and forwarded to it. */
  forwardedSignals: string[];
  faults: FaultUse[];
  /**
   * Whether the mock verified signatures (`--auth sigv4`), and which credentials the client was
   * given (a masked key id and where it came from; never a secret).
   */
  signatures: { verified: boolean; credentials: string };
  requests: JudgedRequest[];
  /** Requests the mock received but no longer holds in its bounded log: they were not checked. */
  unchecked: number;
  summary: ClientCheckSummary;
  verdict: 'pass' | 'fail';
  /** Why the run failed (empty on a pass). */
  reasons: FailReason[];
}

export interface FailReason {
  code: 'command-failed' | 'violations' | 'unmatched' | 'unjudged' | 'no-requests' | 'unchecked';
  /** One sentence. */
  message: string;
}
