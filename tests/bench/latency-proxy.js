/**
 * A reverse proxy that holds every answer DELAY_MS before passing it on (default 60): a target with
 * a network between it and the suite, for `npm run bench:verify`. Plain JavaScript with node:http,
 * so the benchmark starts it as is. Usage: node latency-proxy.js UPSTREAM_URL [DELAY_MS]
 * Prints `listening on URL` when ready.
 */
const http = require('node:http');

const upstream = new URL(process.argv[2]);
const delayMs = Number(process.argv[3] ?? 60);
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        const body = [];
        answer.on('data', (chunk) => body.push(chunk));
        answer.on('end', () =>
          setTimeout(() => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          }, delayMs),
        );
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    forward.end(Buffer.concat(chunks));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
