/**
 * One request forwarded to the upstream as it came, and its answer as it came back: node:http and
 * node:https rather than fetch, because fetch (undici) adds headers of its own (accept,
 * accept-encoding, user-agent...) and decompresses answers, and a proxy must change nothing in
 * transit. Only the hop-by-hop headers, which belong to each connection, are not forwarded (RFC
 * 9110, 7.6.1). Every way the exchange can fail is a value, never an exception.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FailureReason } from '../protocol';

/** Headers that are the connection's, not the request's (RFC 9110, 7.6.1), with `host`, which names the hop. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** An answer larger than this is forwarded as far as it came and then cut: no QuickSight answer comes near it. */
const MAX_FORWARDED_BYTES = 64 * 1024 * 1024;

export interface Outgoing {
  method: string;
  /** The upstream: scheme, host and port (its path prefix is in `path`). */
  origin: URL;
  /** The upstream's path prefix and the request-target exactly as the client sent it (never re-encoded). */
  path: string;
  /** As they will be sent, names in lower case, `host` included. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type Forwarded =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: Buffer; durationMs: number }
  | { kind: 'failure'; reason: FailureReason; message: string; durationMs: number };

export interface Forwarder {
  forward(outgoing: Outgoing, timeoutMs: number): Promise<Forwarded>;
  close(): void;
}

function classify(error: NodeJS.ErrnoException): { reason: FailureReason; message: string } {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return { reason: 'refused', message: `connection refused (${error.message})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'refused', message: `the host is not known (${code})` };
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return { reason: 'reset', message: `the connection was closed before a complete answer (${code})` };
  if (code.startsWith('HPE_')) return { reason: 'protocol', message: `the answer is not valid HTTP (${code})` };
  return { reason: 'other', message: error.message };
}

export function createForwarder(): Forwarder {
  // Kept-alive connections to the upstream, as a client's own SDK keeps them.
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  return {
    forward: (outgoing, timeoutMs) =>
      new Promise((resolve) => {
        const started = performance.now();
        const elapsed = () => Math.round(performance.now() - started);
        const secure = outgoing.origin.protocol === 'https:';
        let settled = false;
        const settle = (value: Forwarded) => {
          if (settled) return;
          settled = true;
          resolve(value);
        };
        let req: ReturnType<typeof httpRequest>;
        try {
          req = (secure ? httpsRequest : httpRequest)(
            {
              protocol: outgoing.origin.protocol,
              hostname: outgoing.origin.hostname,
              port: outgoing.origin.port || undefined,
              path: outgoing.path,
              method: outgoing.method,
              headers: outgoing.headers,
              agent: secure ? https : http,
              // TLS is checked against the upstream's own name, whatever Host the client signed.
              ...(secure ? { servername: outgoing.origin.hostname } : {}),
            },
            (res) => {
              const chunks: Buffer[] = [];
              let size = 0;
              res.on('data', (chunk: Buffer) => {
                size += chunk.length;
                if (size <= MAX_FORWARDED_BYTES) chunks.push(chunk);
                else res.destroy();
              });
              res.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'failure', ...classify(error), durationMs: elapsed() }));
              res.on('close', () => {
                if (!res.complete && size <= MAX_FORWARDED_BYTES) {
                  settle({
                    kind: 'failure',
                    reason: 'reset',
                    message: 'the upstream closed the connection mid-answer',
                    durationMs: elapsed(),
                  });
                  return;
                }
                settle({
                  kind: 'response',
                  status: res.statusCode ?? 0,
                  headers: res.headers,
                  rawHeaders: res.rawHeaders,
                  body: Buffer.concat(chunks),
                  durationMs: elapsed(),
                });
              });
            },
          );
        } catch (error) {
          // A request-target or header Node will not send (a raw control character): said, not thrown.
          settle({ kind: 'failure', reason: 'other', message: (error as Error).message, durationMs: elapsed() });
          return;
        }
        req.setTimeout(timeoutMs, () => {
          settle({ kind: 'failure', reason: 'timeout', message: `no complete answer in ${timeoutMs} ms`, durationMs: elapsed() });
          req.destroy();
        });
        req.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'failure', ...classify(error), durationMs: elapsed() }));
        req.end(outgoing.body);
      }),
    close: () => {
      http.destroy();
      https.destroy();
    },
  };
}
