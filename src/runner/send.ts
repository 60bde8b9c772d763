/**
 * One HTTP exchange with a deadline, through Node's built-in fetch (undici): keep-alive
 * connections, exact body bytes, and every way an exchange can fail turned into a WireFailure
 * value rather than an exception, so that a broken target becomes a finding and the run goes on.
 */
import type { FailureReason, Received, WireRequest } from './exchange';

/** A body larger than this is cut: a conforming answer is small, and garbage must not fill memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Headers fetch owns: it sets them from the URL and the body, and refuses them from the caller. */
const FETCH_OWNED = new Set(['host', 'content-length', 'connection']);

function classify(error: unknown): { reason: FailureReason; message: string } {
  const e = error as Error & { cause?: NodeJS.ErrnoException & { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { reason: 'timeout', message: 'no complete answer before the timeout' };
  const cause = e.cause;
  // undici refuses the Fetch standard's blocked ports (6000, 6665-6669, 10080, ...) before connecting.
  if (cause?.message === 'bad port')
    return {
      reason: 'refused',
      message: 'fetch refuses to use this port (a blocked port of the Fetch standard): run the target on another port',
    };
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return { reason: 'refused', message: `connection refused (${cause?.message ?? code})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'refused', message: `the host is not known (${code})` };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return { reason: 'reset', message: `the connection was closed before a complete answer (${cause?.message ?? code})` };
  if (code.startsWith('HPE_') || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')
    return { reason: 'protocol', message: `the answer is not valid HTTP (${cause?.message ?? code})` };
  return { reason: 'other', message: cause?.message ?? e.message };
}

async function readCapped(response: Response): Promise<{ text: string; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: '', cut: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString('utf8'), cut: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), cut: false };
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
    const { text, cut } = await readCapped(response);
    if (cut)
      return { kind: 'failure', reason: 'too-large', message: `the answer is over ${MAX_RESPONSE_BYTES} bytes`, durationMs: elapsed() };
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return { kind: 'response', status: response.status, headers: responseHeaders, body: text, durationMs: elapsed() };
  } catch (error) {
    return { kind: 'failure', ...classify(error), durationMs: elapsed() };
  }
}
