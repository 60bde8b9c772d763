/**
 * Turns a case into a request on the wire and sends it: the path built from the spec's template
 * (each parameter percent-encoded as RFC 3986 asks), the exact body bytes, SigV4 over both.
 */
import type { ConformanceCase } from '../cases';
import { backoffMs, buildPath, isTransient } from '../protocol';
import type { SpecModel } from '../spec';
import type { Exchange, Received, WireRequest, WireResponse } from './exchange';
import type { Pacer } from './pace';
import { send } from './send';
import type { Signer } from './sign';

export interface Target {
  /** The base URL, without a trailing slash. */
  url: string;
  timeoutMs: number;
  signer: Signer;
  /** Attempts in all for a request answered with a transient error (the SDKs' standard mode: 3). */
  maxAttempts: number;
  /** Draws the jitter of the backoff: seeded, so a run waits the same every time. */
  random: () => number;
  /** `--rate`: every request, each retry included, waits for its turn. */
  pacer?: Pacer;
}

function requestOf(model: SpecModel, target: Pick<Target, 'url'>, c: ConformanceCase): WireRequest {
  const op = model.operation(c.operationId);
  return {
    method: op.method,
    url: `${target.url}${buildPath(op, c.pathParams)}`,
    headers: c.body === undefined ? {} : { 'content-type': 'application/json' },
    body: c.body,
  };
}

/**
 * Sends the case's request, retrying a transient answer (throttled, unavailable) as the SDKs'
 * standard retry mode does: up to `maxAttempts` in all, with jittered exponential backoff. A
 * connection closed before any answer is retried the same way: a kept-alive connection the server
 * closes as a request goes out on it is a race of HTTP/1.1 itself, which clients meet by sending an
 * idempotent request again (RFC 9112 §9.3.1; the SDKs retry ECONNRESET too). The three operations
 * are PUTs that set what they name. A target that closes every connection still fails: the last
 * attempt's failure is the answer.
 */
export async function execute(model: SpecModel, target: Target, c: ConformanceCase, previous?: Received): Promise<Exchange> {
  // Its turn first, then the signature: a request that waited long is still signed within the allowed skew.
  await target.pacer?.wait();
  const request = await target.signer(requestOf(model, target, c), c.signing);
  let received = await send(request, target.timeoutMs);
  let attempts = 1;
  const retried: WireResponse[] = [];
  const transient = () => received.kind === 'response' && isTransient(received.status, received.headers, received.body);
  const closed = () => received.kind === 'failure' && received.reason === 'reset';
  while ((transient() || closed()) && attempts < target.maxAttempts) {
    if (received.kind === 'response') retried.push(received);
    await new Promise((resolve) => setTimeout(resolve, backoffMs(attempts, target.random)));
    await target.pacer?.wait();
    received = await send(request, target.timeoutMs);
    attempts += 1;
  }
  return {
    case: c,
    request,
    received,
    attempts,
    ...(previous ? { previous } : {}),
    ...(transient() ? { transient: true as const } : {}),
    ...(retried.length > 0 ? { retried } : {}),
  };
}
