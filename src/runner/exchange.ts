/**
 * What the runner sends and what comes back, as data: the request exactly as it went on the wire,
 * and either a response or the way the exchange failed (no answer in time, a reset, garbage).
 */
import type { ConformanceCase } from '../cases';
import type { FailureReason } from '../protocol';

export interface WireRequest {
  method: string;
  /** The full URL, path percent-encoded as sent. */
  url: string;
  /** Header names in lower case, signature headers included. */
  headers: Record<string, string>;
  /** The exact body bytes (UTF-8 text), or none. */
  body: string | undefined;
}

export interface WireResponse {
  kind: 'response';
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /**
   * The body as UTF-8 text: whole while the exchange is judged; once kept (body.ts, keepReceived),
   * a prefix of at most BODY_PREFIX_BYTES when `bodyTruncated`.
   */
  body: string;
  /**
   * The size of the whole body in bytes, and its SHA-256 in hex: send() and keepReceived() always
   * set them (optional so that a response made by hand, in a test, needs only what a check reads).
   */
  bodyBytes?: number;
  bodySha256?: string;
  /** `body` is a prefix of the body, cut for the results and reports (set by keepReceived). */
  bodyTruncated?: boolean;
  durationMs: number;
}

/** The target gave no HTTP answer the runner could read. */
export interface WireFailure {
  kind: 'failure';
  reason: FailureReason;
  message: string;
  durationMs: number;
}

export type Received = WireResponse | WireFailure;

/** One case as it ran: the case, the request sent and what came back (and, for a repeat, what came back the first time). */
export interface Exchange {
  case: ConformanceCase;
  request: WireRequest;
  received: Received;
  /** The answer of the step this case must repeat (`sequence.sameAs`). */
  previous?: Received;
  /** How many times the request was sent: more than once when a transient answer was retried. */
  attempts: number;
  /** The last answer was still transient (throttled, unavailable) after every attempt: nothing can be said of the case. */
  transient?: true;
  /** The transient answers that were retried, first to last: each is still judged as an answer. */
  retried?: WireResponse[];
}
