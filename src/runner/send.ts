/**
 * One HTTP exchange with a deadline, through undici's `request` (the HTTP client of Node's own
 * fetch, without the Fetch standard's streams and checks: a fraction of fetch's CPU per request,
 * which a run of hundreds of requests on two cores feels): keep-alive connections, exact body bytes,
 * and every way an exchange can fail turned into a WireFailure value rather than an exception, so
 * that a broken target becomes a finding and the run goes on.
 */
import { request as undiciRequest } from 'undici';
import { classifyFetchError } from '../protocol';
import { bodyFacts } from './body';
import type { Received, WireRequest } from './exchange';

/** A body larger than this is cut: a conforming answer is small, and garbage must not fill memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Headers the client owns: it sets them from the URL and the body, and refuses them from the caller. */
const CLIENT_OWNED = new Set(['host', 'content-length', 'connection']);

type Body = Awaited<ReturnType<typeof undiciRequest>>['body'];

async function readCapped(body: Body): Promise<{ bytes: Buffer; cut: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      return { bytes: Buffer.concat(chunks), cut: true };
    }
    chunks.push(bytes);
  }
  return { bytes: Buffer.concat(chunks), cut: false };
}

export async function send(request: WireRequest, timeoutMs: number): Promise<Received> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !CLIENT_OWNED.has(name)));
  // The deadline covers the body too: a target that sends headers and then stalls still ends at it.
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await undiciRequest(request.url, {
      method: request.method as 'PUT',
      headers,
      body: request.body,
      signal: abort.signal,
    });
    const { bytes, cut } = await readCapped(response.body);
    if (cut)
      return { kind: 'failure', reason: 'too-large', message: `the answer is over ${MAX_RESPONSE_BYTES} bytes`, durationMs: elapsed() };
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
      kind: 'response',
      status: response.statusCode,
      headers: responseHeaders,
      body: bytes.toString('utf8'),
      ...bodyFacts(bytes),
      durationMs: elapsed(),
    };
  } catch (error) {
    if (abort.signal.aborted)
      return { kind: 'failure', reason: 'timeout', message: 'no complete answer before the timeout', durationMs: elapsed() };
    return { kind: 'failure', ...classifyFetchError(error), durationMs: elapsed() };
  } finally {
    clearTimeout(deadline);
  }
}
