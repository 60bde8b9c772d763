/**
 * The thin HTTP listener around the handler: reads the body (refusing more than 1 MiB with 413),
 * hands the request to the handler, writes the answer. Loopback and a free port by default.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyTooLarge } from './aws-error';
import { createMockHandler, errorResponse, type MockHandler, type MockOptions, type MockResponse } from './handler';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface MockServerOptions extends MockOptions {
  port?: number;
  host?: string;
}

export interface RunningMock {
  url: string;
  handler: MockHandler;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`, default 2 s), then closes. */
  close(graceMs?: number): Promise<void>;
}

function send(res: ServerResponse, response: MockResponse): void {
  if (res.headersSent) return;
  const body = Buffer.from(response.body);
  // One flat [name, value, ...] list: Node takes it as is, where an object is walked and merged.
  const headers: string[] = ['content-length', String(body.length)];
  for (const name in response.headers) headers.push(name, response.headers[name] as string);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** A defect of the mock, never the client's doing: say so rather than hang up. */
function defect(error: unknown): MockResponse {
  return errorResponse({ type: 'InternalFailure', status: 500, message: `mock defect: ${(error as Error).message}` }, 'mock-defect');
}

function serve(handler: MockHandler, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      res.setHeader('connection', 'close');
      send(res, errorResponse(bodyTooLarge(MAX_BODY_BYTES), 'refused-before-handling'));
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (refused) return;
    let response: MockResponse | Promise<MockResponse>;
    try {
      response = handler.respond({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
      });
    } catch (error) {
      response = defect(error);
    }
    if (response instanceof Promise)
      response.then(
        (r) => send(res, r),
        (error: unknown) => send(res, defect(error)),
      );
    else send(res, response);
  });
}

export async function startMock(options: MockServerOptions = {}): Promise<RunningMock> {
  const handler = createMockHandler(options);
  const server: Server = createServer((req, res) => serve(handler, req, res));
  // Malformed HTTP never reaches the handler: answer 400 and close, as Node does, without crashing.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    handler,
    close: (graceMs = 2000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
