/**
 * Turns a case into a request on the wire and sends it: the path built from the spec's template
 * (each parameter percent-encoded as RFC 3986 asks), the exact body bytes, SigV4 over both.
 */
import type { ConformanceCase } from '../cases';
import { buildPath } from '../protocol';
import type { SpecModel } from '../spec';
import type { Exchange, Received, WireRequest } from './exchange';
import { send } from './send';
import type { Signer } from './sign';

export interface Target {
  /** The base URL, without a trailing slash. */
  url: string;
  timeoutMs: number;
  signer: Signer;
}

export function requestOf(model: SpecModel, target: Pick<Target, 'url'>, c: ConformanceCase): WireRequest {
  const op = model.operation(c.operationId);
  return {
    method: op.method,
    url: `${target.url}${buildPath(op, c.pathParams)}`,
    headers: c.body === undefined ? {} : { 'content-type': 'application/json' },
    body: c.body,
  };
}

export async function execute(model: SpecModel, target: Target, c: ConformanceCase, previous?: Received): Promise<Exchange> {
  const request = await target.signer(requestOf(model, target, c), c.signing);
  const received = await send(request, target.timeoutMs);
  return { case: c, request, received, ...(previous ? { previous } : {}) };
}
