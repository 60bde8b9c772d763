/** Targets on loopback that answer every request alike, for the tests of hostile answers. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const servers: Server[] = [];

/** A target on loopback that answers every request with the same status and body. */
export async function answering(status: number, body: string | Buffer): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes every target answering() started, their open connections too (for an afterEach). */
export async function closeAnswering(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections();
          s.close(resolve);
        }),
    ),
  );
}

/** `[[[...]]]` nested `depth` levels: linear in size, no recursion to build. */
export const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
