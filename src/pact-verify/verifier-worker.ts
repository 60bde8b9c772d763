/**
 * The child process that runs pact-js' Verifier, one interaction per job, for src/pact/verifier.ts.
 * Pact's Rust core prints its report and its log on file descriptor 1: here that is a pipe the parent
 * reads (or drops), so the CLI's own report stays clean. Results go back as IPC messages, with the
 * core's JSON results (per interaction: the result, and each mismatch as data).
 *
 * Only ever forked, never imported at run time (the parent imports its types): it is what loads
 * Pact's native core, so `qs-contract --help` and `verify` never do. It imports nothing from the
 * project, so that it also runs from the TypeScript sources (transpiled on the fly) in the tests.
 */
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
// The bytes Pact's proxy forwards (it parses a JSON body and serialises it again): the signature
// must be over exactly those, so the proxy's own function says what they are.
import { parseBody } from '@pact-foundation/pact/src/dsl/verifier/proxy/parseBody';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** One interaction to verify: a pact file that holds only it, and how each of its states is set. */
export interface WorkerJob {
  id: number;
  pactFile: string;
  provider: string;
  target: string;
  timeoutMs: number;
  /** The interaction's provider states: set through the control plane, or already held (a no-op). */
  states: { name: string; via: 'fixtures' | 'control-plane' }[];
  /** The control plane's state-change route, e.g. http://host:port/_mock/provider-states. */
  stateChangeUrl: string;
  /** SigV4 for every request to the target (the control plane's excepted). */
  signing: { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; region: string; service: string };
}

export type WorkerMessage =
  | { type: 'ready' }
  | {
      type: 'result';
      id: number;
      /** The core's JSON results (`pactffi_verifier_json`), when it ran. */
      json?: string;
      /** Why the Verifier could not run, when it did not. */
      error?: string;
      /** Provider states the control plane refused: pact-js logs these and goes on, so they are reported here. */
      stateErrors: string[];
    };

async function changeState(job: WorkerJob, state: string, params: unknown, action: 'setup' | 'teardown'): Promise<void> {
  const response = await fetch(job.stateChangeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state, params: params ?? {}, action }),
    signal: AbortSignal.timeout(job.timeoutMs),
  });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 500);
    throw new Error(`${action} answered ${response.status}${text ? `: ${text}` : ''}`);
  }
}

/** Headers that are the connection's, not the request's: never signed, and a proxy may change them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection']);

/** What the filter reads and changes of an Express request (express's types are not this project's). */
interface ProxiedRequest {
  method: string;
  url?: string;
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}
type RequestFilter = (req: ProxiedRequest, res: unknown, next: (error?: unknown) => void) => void;

/**
 * Signs each request on its way through Pact's proxy to the target: over the target's host (the
 * proxy is told to change the origin) and the bytes the proxy will forward. AWS targets and mocks
 * that check or route on signatures then take the interaction as a real client's.
 */
function signingFilter(job: WorkerJob): RequestFilter {
  const signer = new SignatureV4({ ...job.signing, sha256: Hash.bind(null, 'sha256') });
  const target = new URL(job.target);
  const filter: RequestFilter = (req, _res, next) => {
    const body = parseBody(req as Parameters<typeof parseBody>[0]);
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://placeholder');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || name === 'authorization' || name.startsWith('x-amz-')) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers.host = target.host;
    if (body.length > 0 || headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const previous = query[name];
      query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    signer
      .sign(
        new HttpRequest({
          method: req.method,
          protocol: target.protocol,
          hostname: target.hostname,
          path: url.pathname,
          query,
          headers,
          body,
        }),
      )
      .then((signed) => {
        for (const name of Object.keys(req.headers)) if (name === 'authorization' || name.startsWith('x-amz-')) delete req.headers[name];
        for (const [name, value] of Object.entries(signed.headers)) req.headers[name.toLowerCase()] = String(value);
        next();
      }, next);
  };
  return filter;
}

async function verify(job: WorkerJob): Promise<Extract<WorkerMessage, { type: 'result' }>> {
  const stateErrors: string[] = [];
  const handler = (name: string, via: 'fixtures' | 'control-plane') => {
    // The fixtures say the target already holds the state: nothing to set, nothing to undo.
    if (via === 'fixtures') return { setup: async () => undefined, teardown: async () => undefined };
    const guarded = (action: 'setup' | 'teardown') => async (params?: unknown) => {
      try {
        await changeState(job, name, params, action);
      } catch (error) {
        stateErrors.push(
          `provider state ${JSON.stringify(name)}: ${action} through ${job.stateChangeUrl} failed: ${(error as Error).message}`,
        );
        throw error;
      }
      return undefined;
    };
    return { setup: guarded('setup'), teardown: guarded('teardown') };
  };
  const stateHandlers = Object.fromEntries(job.states.map((s) => [s.name, handler(s.name, s.via)]));
  try {
    const json = await new Verifier({
      provider: job.provider,
      providerBaseUrl: job.target,
      pactUrls: [job.pactFile],
      // pact-js types stateHandlers as HTTP and message handlers at once; these are HTTP ones.
      stateHandlers: stateHandlers as unknown as VerifierOptions['stateHandlers'],
      requestFilter: signingFilter(job) as unknown as VerifierOptions['requestFilter'],
      // The target sees its own host, as the signature says.
      changeOrigin: true,
      timeout: job.timeoutMs,
      logLevel: 'error',
    }).verifyProvider();
    return { type: 'result', id: job.id, json, stateErrors };
  } catch (error) {
    // pact-core rejects a failed verification with the JSON results as the message.
    const message = (error as Error).message ?? String(error);
    return message.trimStart().startsWith('{')
      ? { type: 'result', id: job.id, json: message, stateErrors }
      : { type: 'result', id: job.id, error: message, stateErrors };
  }
}

if (typeof process.send === 'function') {
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on('message', (job: WorkerJob) => {
    verify(job).then(send, (error: unknown) =>
      send({ type: 'result', id: job.id, error: String((error as Error)?.stack ?? error), stateErrors: [] }),
    );
  });
  // The parent is gone or done: nothing more will come.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}
