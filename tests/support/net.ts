/** Loopback plumbing for tests: exact bytes on the wire with Node's own client, and a free port. */
import { createServer, request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Sends the exact bytes (no client-side encoding or JSON handling) and reads the whole answer. */
export function sendRaw(
  url: string,
  sent: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: sent.method ?? 'PUT',
        path: sent.path,
        headers: { ...sent.headers, 'content-length': sent.body?.length ?? 0 },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(sent.body);
  });
}

/** A port nothing listens on now (bound, then released): for a process that must be given one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
