/**
 * The one HTTP client of the checking commands, and how an exchange fails before any answer can be
 * read, as a value: the runner turns it into a `response.none` finding, verify and pact-verify into
 * one line when nothing listens at all.
 *
 * node:http(s) with keep-alive agents rather than fetch: fetch (undici) spent a fifth of a verify
 * run's CPU on the Fetch standard's streams and checks, and loading it cost 30 ms before the first
 * request; the undici package's own `request` takes 65 ms to load.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { CONTROL_ROUTES } from './control-plane';

export type FailureReason = 'timeout' | 'refused' | 'reset' | 'protocol' | 'too-large' | 'other';

/** Headers the client owns: it sets them from the URL and the body. */
const CLIENT_OWNED = new Set(['host', 'content-length', 'connection']);

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  /** The body went past `maxBytes`: `bytes` holds what came before. */
  cut: boolean;
}

/**
 * One exchange: the exact body bytes out, the status, headers and body (up to `maxBytes`) back. The
 * deadline covers the body too: a target that sends headers and then stalls still ends at it.
 * Throws what Node throws (classifyHttpError reads it); a timeout as an AbortError.
 */
export function httpExchange(
  url: string,
  request: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number; maxBytes: number },
): Promise<HttpAnswer> {
  // A plain timer, not AbortSignal.timeout: that one costs a transferable signal per request.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  const timedOut = () => Object.assign(new Error('no complete answer before the timeout'), { name: 'TimeoutError' });
  return new Promise<HttpAnswer>((resolve, reject) => {
    const fail = (error: unknown) => reject(abort.signal.aborted ? timedOut() : error);
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      reject(error);
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => !CLIENT_OWNED.has(name)));
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    // As fetch does: a PUT or POST with no body says so with a length of 0, rather than as an empty chunked body.
    if (body || request.method === 'PUT' || request.method === 'POST') headers['content-length'] = String(body?.length ?? 0);
    const options = { method: request.method, headers, agent: agents[target.protocol as 'http:'], signal: abort.signal };
    const outgoing = client.request(target, options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = (cut: boolean) => ({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks), cut });
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          response.destroy();
          resolve(answer(true));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(answer(false)));
      response.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end(body);
  }).finally(() => clearTimeout(timer));
}

/** What the HTTP client threw, classified (Node's error, or one fetch wrapped in a `cause`). */
export function classifyHttpError(error: unknown): { reason: FailureReason; message: string } {
  const e = error as Error & { code?: string; cause?: NodeJS.ErrnoException & { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { reason: 'timeout', message: 'no complete answer before the timeout' };
  const cause = e.cause ?? (e.code !== undefined ? e : undefined);
  // undici refuses the Fetch standard's blocked ports (6000, 6665-6669, 10080, ...) before connecting.
  if (cause?.message === 'bad port') {
    return {
      reason: 'refused',
      message: 'fetch refuses to use this port (a blocked port of the Fetch standard): run the target on another port',
    };
  }
  const code = cause?.code ?? '';
  const detail = cause?.message ?? code;
  if (code === 'ECONNREFUSED') return { reason: 'refused', message: `connection refused (${detail})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'refused', message: `the host is not known (${code})` };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { reason: 'reset', message: `the connection was closed before a complete answer (${detail})` };
  }
  if (code.startsWith('HPE_') || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { reason: 'protocol', message: `the answer is not valid HTTP (${detail})` };
  }
  return { reason: 'other', message: cause?.message ?? e.message };
}

export type TargetProbe = { reachable: false; message: string } | { reachable: true; controlPlane: boolean };

/**
 * Whether anything listens at the target, and whether it has the reference mock's control plane
 * (`GET /_mock/health` answering `{"status": "ok"}`). Any other answer, a timeout or a reset means
 * no control plane; what is wrong with the target is then the run's to say.
 */
export async function probeTarget(baseUrl: string, timeoutMs: number): Promise<TargetProbe> {
  try {
    const answer = await httpExchange(`${baseUrl.replace(/\/+$/, '')}${CONTROL_ROUTES.health}`, {
      method: 'GET',
      timeoutMs,
      maxBytes: 64 * 1024,
    });
    let body: unknown;
    try {
      body = JSON.parse(answer.bytes.toString('utf8'));
    } catch {
      body = undefined;
    }
    return { reachable: true, controlPlane: answer.status === 200 && (body as { status?: unknown } | undefined)?.status === 'ok' };
  } catch (error) {
    const { reason, message } = classifyHttpError(error);
    return reason === 'refused' ? { reachable: false, message } : { reachable: true, controlPlane: false };
  }
}

/**
 * Whether a URL names this machine (localhost, 127.0.0.0/8, ::1): a target there is the user's own
 * (a mock in a test); anything else may be shared or real, and is treated with care.
 */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}
