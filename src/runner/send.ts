/**
 * One HTTP exchange with a deadline, through Node's built-in fetch (undici): keep-alive
 * connections, exact body bytes, and every way an exchange can fail turned into a WireFailure
 * value rather than an exception, so that a broken target becomes a finding and the run goes on.
 */
import { classifyFetchError } from '../protocol';
import { bodyFacts } from './body';
import type { Received, WireRequest } from './exchange';

/** A body larger than this is cut: a conforming answer is small, and garbage must not fill memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Headers fetch owns: it sets them from the URL and the body, and refuses them from the caller. */
const FETCH_OWNED = new Set(['host', 'content-length', 'connection']);

async function readCapped(response: Response): Promise<{ bytes: Buffer; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: Buffer.alloc(0), cut: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return { bytes: Buffer.concat(chunks), cut: true };
    }
    chunks.push(value);
  }
  return { bytes: Buffer.concat(chunks), cut: false };
}

export async function send(request: WireRequest, timeoutMs: number): Promise<Received> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !FETCH_OWNED.has(name)));
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'manual',
      // Covers the body too: a target that sends headers and then stalls still ends at the deadline.
      signal: AbortSignal.timeout(timeoutMs),
    });
    const { bytes, cut } = await readCapped(response);
    if (cut)
      return { kind: 'failure', reason: 'too-large', message: `the answer is over ${MAX_RESPONSE_BYTES} bytes`, durationMs: elapsed() };
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      kind: 'response',
      status: response.status,
      headers: responseHeaders,
      body: bytes.toString('utf8'),
      ...bodyFacts(bytes),
      durationMs: elapsed(),
    };
  } catch (error) {
    return { kind: 'failure', ...classifyFetchError(error), durationMs: elapsed() };
  }
}
