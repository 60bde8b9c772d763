/**
 * What `proxy` finds: each exchange between a client and the upstream it stood between, the
 * request judged as check-client judges a client's, the answer as verify judges a target's.
 * Plain data: the reports render it and `--json` writes it as is.
 */
import type { Finding } from '../findings';
import type { AllowedAnswer } from '../model';
import type { SignatureVerdict } from '../protocol';
import type { OperationId } from '../spec';
import type { Judged } from './follow';

export type ExchangeVerdict =
  /** One of the three operations: the request and the answer conformed. */
  | 'conforms'
  /** The request or the answer broke a documented rule. */
  | 'violates'
  /** A PUT that looks like one of the three operations but matches none (a raw `/`, a missing segment). */
  | 'unmatched'
  /** Not one of the three operations (DescribeUser, ListThemes...): passed through, not judged. */
  | 'outside'
  /** A body the judge cannot read (over 1 MiB, JSON nested too deep): nothing is known of whether it conforms. */
  | 'unjudged';

export interface ProxiedExchange {
  /** 1 for the first request the proxy received. */
  seq: number;
  receivedAt: string;
  method: string;
  /** The request-target as the client sent it (percent-encoded path and query). */
  path: string;
  operationId?: OperationId;
  verdict: ExchangeVerdict;
  request: {
    contentType?: string;
    /** The body as sent, its first 4 KiB. */
    body: string;
    /** What can be told of the client's own signature without its secret (never the signature itself). */
    signature: SignatureVerdict;
  };
  /** The upstream's answer, as the client got it; absent when none came. */
  response?: {
    status: number;
    errorType?: string;
    contentType?: string;
    /** Its first 4 KiB (decoded when the upstream compressed it). */
    body: string;
    bodyBytes: number;
    durationMs: number;
  };
  /** Why no answer came (the client got 502 from the proxy). */
  failure?: { reason: string; message: string };
  /** The request's findings and the answer's, in that order. */
  findings: Finding[];
  /**
   * How the answer was judged: `followed` (by the model, on the state the earlier answers on its
   * resource left), `per-exchange` (by the model, on what any state allows), `protocol` (status,
   * schema, error type, request id only: a transient answer, a refused caller), `none`.
   */
  judged: Judged | 'protocol' | 'none';
  /** The answers the model allowed, and the upstream's readings of the register so far. */
  model?: { allowed: AllowedAnswer[]; readings: string[] };
  /** Why an answer was not judged in full, or what an unmatched path resembles. */
  note?: string;
}

export interface ProxySummary {
  /** Every exchange the proxy saw, those outside the contract included. */
  exchanges: number;
  conforming: number;
  violating: number;
  unmatched: number;
  unjudged: number;
  outside: number;
  /** Answers judged on the state the earlier answers left, and on their own. */
  followed: number;
  perExchange: number;
  errors: number;
  warnings: number;
  /** Exchanges counted but not kept in the report (past its bound). */
  notKept: number;
}

export interface ProxyResult {
  upstream: string;
  /** Where the proxy listened. */
  url: string;
  /** The region signatures are read and made for. */
  region: string;
  startedAt: string;
  durationMs: number;
  /** Forwarded as the client signed them, or re-signed with the user's credentials (key id masked). */
  signatures: { mode: 'forwarded' | 'resigned'; credentials?: string };
  exchanges: ProxiedExchange[];
  summary: ProxySummary;
  /** `--record`: the Pact file written, and the exchanges left out of it with why. */
  record?: { file: string; interactions: number; leftOut: number };
  verdict: 'pass' | 'fail';
  /** Why the run failed (empty on a pass). */
  reasons: string[];
}
