/**
 * Which answers are transient: what every AWS SDK's standard retry mode retries, a throttled
 * request (429 ThrottlingException) and a service that is briefly unavailable (502, 503, 504;
 * ServiceUnavailable, ResourceUnavailableException). A throttled answer is part of the contract,
 * not a defect. A 500 InternalFailure is not retried here: a failure on a request is what verify
 * looks for, and a faithful server does not answer one.
 * @see QUICKSIGHT-FACTS.md, "Signatures, retries and credentials": the standard retry mode
 */
import { readErrorType } from './error-type';

const TRANSIENT_TYPES = new Set([
  'ThrottlingException',
  'ServiceUnavailable',
  'ResourceUnavailableException',
  'Throttling',
  'TooManyRequestsException',
]);

export function isTransient(status: number, headers: Record<string, string>, body: string): boolean {
  if (status === 429 || status === 502 || status === 503 || status === 504) return true;
  if (status < 400) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const type = readErrorType(headers['x-amzn-errortype'], parsed);
  return type !== undefined && TRANSIENT_TYPES.has(type.name);
}

/** The standard retry mode's attempts in all (the first included). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * The delay before attempt `attempt` (1 for the first retry): exponential backoff with full jitter,
 * as the SDKs compute it, from a base smaller than theirs (a conformance run retries often and
 * must stay fast; the pattern, not the scale, is what a server sees).
 */
export function backoffMs(attempt: number, random: () => number): number {
  const BASE_MS = 50;
  const CAP_MS = 2000;
  return Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt));
}
