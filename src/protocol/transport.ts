/**
 * How an HTTP exchange fails before any answer can be read, as a value: the runner turns it into a
 * `response.none` finding, verify and pact-verify into one line when nothing listens at all.
 */
import { CONTROL_ROUTES } from './control-plane';

export type FailureReason = 'timeout' | 'refused' | 'reset' | 'protocol' | 'too-large' | 'other';

/** What undici threw, classified: fetch wraps the error in a `cause`, undici's `request` throws it as is. */
export function classifyFetchError(error: unknown): { reason: FailureReason; message: string } {
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
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}${CONTROL_ROUTES.health}`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { reachable: true, controlPlane: response.status === 200 && (body as { status?: unknown } | undefined)?.status === 'ok' };
  } catch (error) {
    const { reason, message } = classifyFetchError(error);
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
