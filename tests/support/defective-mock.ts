/**
 * The reference mock with one seeded defect (or one tolerated difference): a node:http listener on
 * 127.0.0.1 and a free port, each request read whole, handed to a middleware that wraps a fresh
 * handler of the reference mock, and its answer written back. A fresh handler per server keeps
 * one row's state from leaking into the next.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { createMockHandler, type MockRequest, type MockResponse } from '../../src/mock';
import { DEFECTS } from './defect-catalogue';
import { type Answer, type DefectContext, HANG_UP, type Middleware } from './middleware';
import { TOLERATED } from './tolerated-variants';

export { DEFECTS } from './defect-catalogue';
export type { Defect, Middleware } from './middleware';
export { passThrough } from './middleware';
export { TOLERATED } from './tolerated-variants';

export interface DefectiveMock {
  url: string;
  close(): Promise<void>;
}

function middlewareNamed(name: string): Middleware {
  const entry = DEFECTS[name] ?? TOLERATED[name];
  if (!entry) throw new Error(`no seeded defect or tolerated variant is called ${JSON.stringify(name)}`);
  return entry.middleware;
}

function write(res: ServerResponse, answer: Answer): void {
  if (answer === HANG_UP) {
    res.socket?.destroy();
    return;
  }
  const body = Buffer.from(answer.body);
  if (answer.headers['transfer-encoding'] === 'chunked') {
    // Node writes the chunked framing itself: the body goes out in two chunks, then the connection closes.
    const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
    res.writeHead(answer.status, headers);
    res.write(body.subarray(0, body.length >> 1));
    res.end(body.subarray(body.length >> 1));
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** A middleware that throws is a bug of this harness, not a defect under test: say so loudly in the answer. */
function harnessBug(error: unknown): MockResponse {
  return {
    status: 599,
    headers: { 'content-type': 'text/plain' },
    body: `defective-mock harness bug: ${(error as Error).stack ?? String(error)}`,
  };
}

export async function startDefectiveMock(defect: string | Middleware): Promise<DefectiveMock> {
  const middleware = typeof defect === 'string' ? middlewareNamed(defect) : defect;
  const handler = createMockHandler({ fixtures: BUILTIN_FIXTURES });
  const context: DefectContext = { handler, counters: new Map() };
  const next = (request: MockRequest) => Promise.resolve(handler.respond(request));

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const request: MockRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      Promise.resolve()
        .then(() => middleware(request, next, context))
        .then(
          (answer) => write(res, answer),
          (error: unknown) => write(res, harnessBug(error)),
        );
    });
  };

  const server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // The run is over when close() is called: keep-alive connections are dropped, not waited for.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
