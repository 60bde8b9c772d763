/**
 * One HTTP exchange with a deadline (protocol's httpExchange: node:http with keep-alive agents,
 * exact body bytes), every way it can fail turned into a WireFailure value rather than an
 * exception, so that a broken target becomes a finding and the run goes on.
 */
import { classifyHttpError, httpExchange } from '../protocol';
import { bodyFacts } from './body';
import type { Received, WireRequest } from './exchange';

/** A body larger than this is cut: a conforming answer is small, and garbage must not fill memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export async function send(request: WireRequest, timeoutMs: number): Promise<Received> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const answer = await httpExchange(request.url, { ...request, timeoutMs, maxBytes: MAX_RESPONSE_BYTES });
    if (answer.cut)
      return { kind: 'failure', reason: 'too-large', message: `the answer is over ${MAX_RESPONSE_BYTES} bytes`, durationMs: elapsed() };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const { bytes } = answer;
    return { kind: 'response', status: answer.status, headers, body: bytes.toString('utf8'), ...bodyFacts(bytes), durationMs: elapsed() };
  } catch (error) {
    return { kind: 'failure', ...classifyHttpError(error), durationMs: elapsed() };
  }
}
