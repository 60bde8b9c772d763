/**
 * The thin HTTP listener around the handler: reads the body, hands the request to the handler,
 * writes the answer. Loopback and a free port by default.
 *
 * A body over MAX_BODY_BYTES is answered 413, but only once it has been read to its end (up to
 * READ_CAP_BYTES, its first bytes kept for the log): answered while the client is still sending,
 * the connection closes under it and Node's own HTTP client sees EPIPE instead of the 413.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockHandler, defectResponse, type MockHandler, type MockOptions, type MockResponse } from './handler';

export const MAX_BODY_BYTES = 1024 * 1024;
/** How much of an oversize body is read (and dropped) before the 413; past it, the 413 goes out at once and the connection closes. */
const READ_CAP_BYTES = 64 * MAX_BODY_BYTES;

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

function serve(handler: MockHandler, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let answered = false;
  const request = () => ({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
  });
  req.on('data', (chunk: Buffer) => {
    if (answered) return;
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (size > READ_CAP_BYTES) {
      answered = true;
      res.setHeader('connection', 'close');
      send(res, handler.refuseTooLarge(request(), { limit: MAX_BODY_BYTES, received: READ_CAP_BYTES, complete: false }));
    }
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (answered) return;
    if (size > MAX_BODY_BYTES)
      return send(res, handler.refuseTooLarge(request(), { limit: MAX_BODY_BYTES, received: size, complete: true }));
    let response: MockResponse | Promise<MockResponse>;
    try {
      response = handler.respond(request());
    } catch (error) {
      response = defectResponse(error, 'mock-defect');
    }
    if (response instanceof Promise)
      response.then(
        (r) => send(res, r),
        (error: unknown) => send(res, defectResponse(error, 'mock-defect')),
      );
    else send(res, response);
  });
}

/**
 * Starts listening (port 0: a free one) and resolves with the server's URL, once it listens; a
 * port taken or a host it cannot bind rejects. Malformed HTTP never reaches the handler: it is
 * answered 400 and closed, as Node does, without crashing. The mock's and the proxy's listener.
 */
export async function listenOn(server: Server, host: string, port = 0): Promise<string> {
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

export async function startMock(options: MockServerOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const handler = createMockHandler({ ...options, host });
  const server: Server = createServer((req, res) => serve(handler, req, res));
  const url = await listenOn(server, host, options.port);
  return {
    url,
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
