/**
 * Whole-target mistakes, told apart from findings and said in one line each (exit 2): nothing
 * listens; TLS spoken to a plain-HTTP port or the reverse; the target does not hold what --fixtures
 * declares; it refuses every request as unauthenticated; a base URL (a path prefix) where nothing
 * but plain 404s answer. A per-case wall of findings would hide each of these.
 */
import type { ConformanceCase } from '../cases';
import { ToolError } from '../errors';
import { classifyHttpError, httpExchange, probeTarget, readErrorType } from '../protocol';
import type { Exchange, Pacer, WireResponse } from '../runner';

/** Fails fast when nothing listens at the target, or it speaks another protocol than its URL says. */
export async function reachable(url: string, timeoutMs: number, pacer?: Pacer): Promise<void> {
  // Both asked at once: a target's latency is paid once before the run.
  const paced = async () => {
    await pacer?.wait();
    return probeTarget(url, timeoutMs);
  };
  const [probe, tls] = await Promise.all([paced(), tlsMismatch(url, timeoutMs, pacer)]);
  if (!probe.reachable) {
    throw new ToolError(
      'TARGET_UNREACHABLE',
      `cannot reach the target ${url}: ${probe.message}`,
      'Is the server running, and is --target the right URL?',
    );
  }
  if (tls) throw new ToolError('TARGET_UNREACHABLE', `the target ${url} ${tls.what}`, `use --target ${tls.use}`);
}

/** Whether the other scheme is what the port speaks: a plain-HTTP request reset where TLS answers, or the reverse. */
async function tlsMismatch(url: string, timeoutMs: number, pacer?: Pacer): Promise<{ what: string; use: string } | undefined> {
  const parsed = new URL(url);
  const attempt = async (u: string) => {
    await pacer?.wait();
    try {
      await httpExchange(u, { method: 'GET', timeoutMs, maxBytes: 64 * 1024 });
      return 'answered';
    } catch (error) {
      const e = error as { code?: string; message?: string };
      const code = e.code ?? '';
      if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return 'tls';
      if (/SSL|EPROTO|ERR_TLS/.test(code) || /wrong version number|packet length too long/i.test(e.message ?? '')) return 'not-tls';
      return classifyHttpError(error).reason;
    }
  };
  const first = await attempt(url);
  if (parsed.protocol === 'https:' && first === 'not-tls') {
    return { what: 'does not speak TLS on that port (a plain-HTTP server)', use: url.replace(/^https:/, 'http:') };
  }
  if (parsed.protocol === 'http:' && (first === 'reset' || first === 'protocol')) {
    const other = await attempt(url.replace(/^http:/, 'https:'));
    if (other === 'tls' || other === 'answered')
      return { what: 'speaks TLS on that port (an HTTPS server)', use: url.replace(/^http:/, 'https:') };
  }
  return undefined;
}

function typeOf(response: WireResponse) {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  return readErrorType(response.headers['x-amzn-errortype'], body);
}

export interface PreflightContext {
  target: string;
  /** Whether a probe's resource name travels as it is (no percent-encoding). */
  plain: (probe: ConformanceCase) => boolean;
}

/**
 * Reads the probes' answers: a plain-named fixture answered 404 ResourceNotFoundException is not
 * held (an encoded name failing while plain ones pass is a decoding defect: a finding, not this);
 * every probe refused as unauthenticated, or every one a 404 with no AWS error type, is the run's
 * setup, not the target's conformance.
 */
export function preflight(probes: Exchange[], context: PreflightContext): void {
  const answered = probes.flatMap((e) => (e.received.kind === 'response' ? [{ e, r: e.received }] : []));
  if (answered.length === 0) return;
  if (answered.every(({ r }) => r.status === 401 || r.status === 403)) {
    throw new ToolError(
      'TARGET_REFUSES',
      `every request to ${context.target} was refused as unauthenticated (${[...new Set(answered.map(({ r }) => r.status))].join(', ')})`,
      'the target checks signatures: pass --sigv4 --credentials FILE (or credentials in the AWS environment)',
    );
  }
  // A 404 with no AWS type, or one saying there is no such operation (the reference mock's, Smithy's): nothing routes here.
  const unrouted = (r: WireResponse) => r.status === 404 && [undefined, 'UnknownOperationException'].includes(typeOf(r)?.name);
  if (answered.every(({ r }) => unrouted(r))) {
    const how = answered.some(({ r }) => typeOf(r) !== undefined) ? 'as an unknown operation' : 'with no AWS error type';
    throw new ToolError(
      'TARGET_EMPTY',
      `nothing at ${context.target} answers these operations: every request was answered 404 ${how}`,
      'check --target: the base URL (a path prefix?) under which the three operations answer',
    );
  }
  const missing = answered.filter(
    ({ e, r }) => r.status === 404 && typeOf(r)?.name === 'ResourceNotFoundException' && context.plain(e.case),
  );
  if (missing.length > 0) {
    throw new ToolError(
      'FIXTURES_NOT_HELD',
      `the target does not hold ${missing.map(({ e }) => e.case.title.replace(/^holds /, '').replace(/, which the fixtures declare$/, '')).join(', ')}: it answered 404 ResourceNotFoundException`,
      'pass --fixtures FILE naming the users, theme and profile the target holds (see README)',
    );
  }
}
