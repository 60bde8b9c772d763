/**
 * The proxy: a node:http listener between any client and any upstream. Each request is read whole,
 * forwarded as it came (forward.ts; re-signed with --resign), and the upstream's answer handed back
 * as it came; then both are judged (judge.ts) and the exchange is reported through a callback. The
 * judging happens after the client has its answer, so the proxy adds no more than a copy's latency.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { nearMiss } from '../client';
import type { Suppression } from '../findings';
import { DEFAULT_FIXTURES } from '../fixtures';
import { type Examined, examineRequest, listenOn, MAX_BODY_BYTES, type MockRequest, newLogEntry, type RawLogEntry } from '../mock';
import type { ModelRequest, Observed } from '../model';
import {
  type Credentials,
  createRouter,
  isLoopbackUrl,
  isTransient,
  parseAuthorization,
  type RouteResult,
  readErrorType,
  readSignature,
} from '../protocol';
import { bodyFacts, MAX_RESPONSE_BYTES, type Received, type WireRequest } from '../runner';
import { compileValidators, loadSpec, type OperationModel, type SpecModel } from '../spec';
import { type Followed, Follower, resourceKey } from './follow';
import { createForwarder, type Forwarded, HOP_BY_HOP, type Outgoing } from './forward';
import { type JudgeContext, judgeProxied } from './judge';
import { pactDocument, recordInteraction } from './record';
import { createResigner } from './resign';
import type { ProxiedExchange, ProxyResult, ProxySummary } from './types';

export interface ProxyOptions {
  /** The upstream's base URL: scheme, host, port and any path prefix. */
  upstream: string;
  port?: number;
  host?: string;
  /** The region signatures are read (and made) for; default: the upstream host's, else the default fixtures'. */
  region?: string;
  /** `--resign`: sign every request again with these, for the upstream's host. */
  resign?: { credentials: Credentials; label: string };
  /** Deadline of each upstream exchange. */
  timeoutMs?: number;
  /** Keep the conforming exchanges as Pact interactions (`--record`). */
  record?: boolean;
  onExchange?: (exchange: ProxiedExchange) => void;
  /** Said once each: what the user can do about the run (a client signing for the proxy's host...). */
  onWarning?: (message: string) => void;
  spec?: SpecModel;
  /** The tool's version, for the recording's metadata. */
  version?: string;
  /** `--suppress`: the findings of these codes are dropped (and counted) before each exchange's verdict. */
  suppress?: Suppression;
}

export interface Recording {
  document: Record<string, unknown>;
  interactions: number;
  leftOut: number;
}

export interface RunningProxy {
  url: string;
  /** The run so far, as data. */
  result(): ProxyResult;
  /** The recording so far (`record`), as a Pact V4 document. */
  recording(): Recording | undefined;
  /** Stops listening, lets the exchanges in flight finish (up to `graceMs`, default 5 s), and gives the run's result. */
  close(graceMs?: number): Promise<ProxyResult>;
}

/** Exchanges a report lists, of each verdict kind: a proxy may run for hours; its counts go on past them. */
const KEPT_EXCHANGES = 2000;
/** What a request body may hold for the proxy to read it whole and forward it; past it the request is refused (413). */
const MAX_REQUEST_BYTES = 64 * MAX_BODY_BYTES;
const DEFAULT_TIMEOUT_MS = 60_000;
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);
const MISTAKEN_METHODS = new Set(['POST', 'PATCH']);

/** `quicksight.us-west-2.amazonaws.com` (FIPS and China endpoints included) → `us-west-2`. */
function regionOfHost(hostname: string): string | undefined {
  return /^quicksight(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(hostname)?.[1];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** An absolute-form request-target (`http://host/path`), as a client configured with HTTP_PROXY sends, reduced to its path. */
function originForm(url: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return absolute ? url.slice(absolute[0].length) || '/' : url;
}

/** The answer's body as the client's SDK reads it: decompressed when the upstream compressed it (only when asked to). */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body);
      case 'deflate':
        return inflateSync(body);
      case 'br':
        return brotliDecompressSync(body);
      default:
        return body;
    }
  } catch {
    return body;
  }
}

function receivedOf(forwarded: Forwarded): Received {
  if (forwarded.kind === 'failure') return forwarded;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(forwarded.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const bytes = decoded(forwarded.body, headers['content-encoding']);
  if (bytes.length > MAX_RESPONSE_BYTES)
    return {
      kind: 'failure',
      reason: 'too-large',
      message: `the answer is over ${MAX_RESPONSE_BYTES} bytes`,
      durationMs: forwarded.durationMs,
    };
  return {
    kind: 'response',
    status: forwarded.status,
    headers,
    body: bytes.toString('utf8'),
    ...bodyFacts(bytes),
    durationMs: forwarded.durationMs,
  };
}

/** The body whole; `too-large` past what the proxy reads, `aborted` when the client went away mid-request. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('error', () => resolve('aborted'));
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? 'too-large' : Buffer.concat(chunks)));
  });
}

/** What the proxy says itself (no answer came, the body was too large): plain text, marked as the proxy's. */
function ownAnswer(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return;
  const body = Buffer.from(`qs-contract proxy: ${message}\n`);
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(body.length),
    'x-qs-contract-proxy': 'error',
  });
  res.end(body);
}

/** The upstream's answer, as it came: status, headers (but the hop-by-hop ones), body bytes. */
function relay(res: ServerResponse, forwarded: Extract<Forwarded, { kind: 'response' }>, method: string): void {
  // A HEAD's, a 204's or a 304's Content-Length describes a body that is not sent: it goes on as it came.
  const bodiless = method.toUpperCase() === 'HEAD' || forwarded.status === 204 || forwarded.status === 304;
  const headers: string[] = [];
  for (let i = 0; i + 1 < forwarded.rawHeaders.length; i += 2) {
    const name = forwarded.rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || (lower === 'content-length' && !bodiless)) continue;
    headers.push(name, forwarded.rawHeaders[i + 1] as string);
  }
  // The body was read whole: its length is known, whatever framing the upstream used.
  if (!bodiless) headers.push('content-length', String(forwarded.body.length));
  res.writeHead(forwarded.status, headers);
  res.end(forwarded.body);
}

function emptySummary(): ProxySummary {
  return {
    exchanges: 0,
    conforming: 0,
    violating: 0,
    unmatched: 0,
    unjudged: 0,
    outside: 0,
    followed: 0,
    perExchange: 0,
    errors: 0,
    warnings: 0,
    notKept: 0,
  };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const model = options.spec ?? loadSpec();
  const validators = compileValidators(model);
  const route = createRouter(model);
  const upstream = new URL(options.upstream);
  const prefix = upstream.pathname.replace(/\/+$/, '');
  const region = options.region ?? regionOfHost(upstream.hostname) ?? DEFAULT_FIXTURES.region;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const resign = options.resign ? createResigner(options.resign.credentials, region) : undefined;
  const forwarder = createForwarder();
  const follower = new Follower(region);
  const ctx: JudgeContext = { model, validators, region, ...(options.suppress ? { suppress: options.suppress } : {}) };
  const startedAt = new Date();
  const summary = emptySummary();
  const kept: ProxiedExchange[] = [];
  const keptCount = { passing: 0, failing: 0 };
  const interactions: Record<string, unknown>[] = [];
  let leftOut = 0;
  const warned = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  let closedAt: number | undefined;

  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    options.onWarning?.(message);
  };

  function keep(exchange: ProxiedExchange): void {
    summary.exchanges += 1;
    const failing = exchange.verdict === 'violates' || exchange.verdict === 'unmatched' || exchange.verdict === 'unjudged';
    if (exchange.verdict === 'conforms') summary.conforming += 1;
    else if (exchange.verdict === 'violates') summary.violating += 1;
    else if (exchange.verdict === 'unmatched') summary.unmatched += 1;
    else if (exchange.verdict === 'unjudged') summary.unjudged += 1;
    else summary.outside += 1;
    if (exchange.judged === 'followed') summary.followed += 1;
    if (exchange.judged === 'per-exchange') summary.perExchange += 1;
    summary.errors += exchange.findings.filter((f) => f.severity === 'error').length;
    summary.warnings += exchange.findings.filter((f) => f.severity === 'warning').length;
    const room = failing ? keptCount.failing < KEPT_EXCHANGES : keptCount.passing < KEPT_EXCHANGES;
    if (room) {
      kept.push(exchange);
      if (failing) keptCount.failing += 1;
      else keptCount.passing += 1;
    } else summary.notKept += 1;
  }

  /** Which part of the contract a request is: one of the three operations, a near miss of one, or none. */
  function scopeOf(method: string, path: string, routed: RouteResult): 'contract' | 'request-only' | 'outside' {
    if (routed.kind === 'matched' || routed.kind === 'bad-encoding') return 'contract';
    // QuickSight has GET (Describe...) and DELETE on these paths, no POST or PATCH: those are a mistaken update.
    if (routed.kind === 'method-not-allowed') return MISTAKEN_METHODS.has(method.toUpperCase()) ? 'request-only' : 'outside';
    // A PUT that nearly matches one of the three is a client's mistake; anything else is another QuickSight operation.
    if (method.toUpperCase() === 'PUT' && nearMiss(path, model.operations)) return 'request-only';
    return 'outside';
  }

  /** The headers forwarded upstream, and the note on a signature made for another host. */
  function outgoingHeaders(req: IncomingMessage): { headers: Record<string, string | string[]>; signedHost: boolean } {
    const dropped = new Set(HOP_BY_HOP);
    for (const name of (single(req.headers.connection) ?? '').split(',')) dropped.add(name.trim().toLowerCase());
    // The client waited for its own 100 Continue already; the body goes up at once.
    dropped.add('expect');
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !dropped.has(name)) headers[name] = value;
    const authorization = single(req.headers.authorization);
    const signedHost = authorization !== undefined && (parseAuthorization(authorization)?.signedHeaders.includes('host') ?? false);
    // A signature over the Host the client sent stays valid only with that Host; anything else goes to the upstream's name.
    if (!(signedHost && !resign) || headers.host === undefined) headers.host = upstream.host;
    return { headers, signedHost };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = originForm(req.url ?? '/');
    const number = ++seq;
    const body = await readBody(req);
    if (body === 'aborted') return;
    if (body === 'too-large') {
      ownAnswer(res, 413, `the request body is over ${MAX_REQUEST_BYTES} bytes, more than the proxy reads`);
      return;
    }
    const text = body.toString('utf8');
    const request: MockRequest = { method, url: path, headers: req.headers, body };
    const routed = route(method, path);
    const entry: RawLogEntry = newLogEntry({ request, path, routed, text, seq: number });
    let examined: Examined | undefined;
    if (body.length > MAX_BODY_BYTES) {
      entry.operationId = routed.kind === 'no-route' ? undefined : routed.operation.id;
      entry.unjudged = `the body has ${body.length} bytes, over the ${MAX_BODY_BYTES} the judge reads (QuickSight's own limit)`;
    } else if (routed.kind === 'matched' || routed.kind === 'bad-encoding') {
      examined = examineRequest({ request, path, routed, text, entry }, validators);
    }
    entry.signature = readSignature(
      { authorization: single(req.headers.authorization), amzDate: single(req.headers['x-amz-date']), now: new Date(entry.receivedAtMs) },
      { region },
    );
    const scope = scopeOf(method, path, routed);
    const operation: OperationModel | undefined = routed.kind === 'no-route' ? undefined : routed.operation;
    let followed: Followed | undefined;
    if (routed.kind === 'matched' && entry.unjudged === undefined) {
      const modelRequest: ModelRequest = {
        op: routed.operation,
        pathParams: routed.pathParams,
        body: examined?.ok ? examined.body : undefined,
        violations: entry.violations,
      };
      followed = { key: resourceKey(modelRequest), req: modelRequest };
      follower.begin(followed.key);
    }

    const { headers, signedHost } = outgoingHeaders(req);
    let outgoing: Outgoing = { method, origin: upstream, path: `${prefix}${path}`, headers, body };
    let forwarded: Forwarded | undefined;
    try {
      if (resign) outgoing = await resign(outgoing);
    } catch (error) {
      forwarded = { kind: 'failure', reason: 'other', message: `the proxy could not sign it: ${(error as Error).message}`, durationMs: 0 };
    }
    const clientHost = single(req.headers.host);
    if (signedHost && !resign && clientHost !== upstream.host && !isLoopbackUrl(upstream.href)) {
      warnOnce(
        'signed-host',
        `the client signs for ${clientHost}, not for the upstream ${upstream.host}: forwarded with its own Host so that the signature ` +
          'still verifies; an endpoint that routes on Host (AWS) refuses it: pass --resign to sign with your credentials',
      );
    }
    forwarded ??= await forwarder.forward(outgoing, timeoutMs);
    if (forwarded.kind === 'response') relay(res, forwarded, method);
    else ownAnswer(res, 502, `no answer from the upstream ${upstream.origin}: ${forwarded.message}`);

    let ended = false;
    try {
      conclude({
        entry,
        scope,
        operation,
        followed,
        forwarded,
        outgoing,
        text,
        method,
        onEnd: () => {
          ended = true;
        },
      });
    } catch (error) {
      // A defect of the proxy's judging, never the client's or the upstream's doing: the exchange is
      // still counted, as one the proxy could not judge, and what was followed of its resource is dropped.
      if (followed && !ended) follower.end(followed, { kind: 'forget' });
      const exchange: ProxiedExchange = {
        seq: entry.seq,
        receivedAt: new Date(entry.receivedAtMs).toISOString(),
        method,
        path,
        ...(operation ? { operationId: operation.id } : {}),
        verdict: 'unjudged',
        request: { body: entry.body, signature: entry.signature },
        findings: [],
        judged: 'none',
        note: `the proxy could not judge it (a defect of the proxy: ${(error as Error)?.message ?? String(error)})`,
      };
      keep(exchange);
      options.onExchange?.(exchange);
    }
  }

  interface Concluding {
    entry: RawLogEntry;
    scope: ReturnType<typeof scopeOf>;
    operation: OperationModel | undefined;
    followed: Followed | undefined;
    forwarded: Forwarded;
    outgoing: Outgoing;
    text: string;
    method: string;
    onEnd: () => void;
  }

  /** The exchange judged, counted, recorded and told. */
  function conclude({ entry, scope, operation, followed, forwarded, outgoing, text, method, onEnd }: Concluding): void {
    const received = receivedOf(forwarded);
    const transient = received.kind === 'response' && isTransient(received.status, received.headers, received.body);
    let note: string | undefined;
    let verdict: ReturnType<Follower['end']>;
    if (followed) {
      if (received.kind === 'failure' || transient) {
        verdict = follower.end(followed, { kind: 'forget' });
        if (transient) note = 'a transient answer (throttled, unavailable): its behaviour says nothing, and the resource is learnt again';
      } else if (received.status === 401 || received.status === 403) {
        const type = readErrorType(received.headers['x-amzn-errortype'], parseOr(received.body));
        // The edition is the model's; a refused caller (credentials, IAM permissions, a signature) is the upstream's own business.
        if (type?.name === 'UnsupportedUserEditionException')
          verdict = follower.end(followed, { kind: 'judged', observed: observedOf(received) });
        else {
          verdict = follower.end(followed, { kind: 'not-judged' });
          note =
            `the upstream refused the caller (${received.status}${type ? ` ${type.name}` : ''}): ` +
            'credentials, permissions and signatures are its own to judge';
        }
      } else {
        verdict = follower.end(followed, { kind: received.status >= 500 ? 'peek-then-forget' : 'judged', observed: observedOf(received) });
      }
    }
    onEnd();
    if (received.kind === 'response') {
      entry.status = received.status;
      entry.errorType = readErrorType(received.headers['x-amzn-errortype'], parseOr(received.body))?.name;
    }
    if (scope === 'outside' && !READ_ONLY.has(method.toUpperCase())) follower.forgetAll();

    const sent: WireRequest = {
      method,
      url: `${upstream.origin}${outgoing.path}`,
      headers: {},
      body: text,
    };
    const exchange = judgeProxied(
      { entry, operation, scope, sent, received, transient, ...(verdict ? { model: verdict } : {}), ...(note ? { note } : {}) },
      ctx,
    );
    keep(exchange);
    if (options.record && scope === 'contract' && operation && followed && received.kind === 'response') {
      const recorded = recordInteraction({
        exchange,
        op: operation,
        pathParams: followed.req.pathParams,
        body: followed.req.body,
        responseBody: received.body,
        region,
      });
      if (recorded.ok) interactions.push(recorded.interaction);
      else leftOut += 1;
    } else if (options.record && scope !== 'outside') leftOut += 1;
    options.onExchange?.(exchange);
  }

  const server: Server = createServer((req, res) => {
    const done = handle(req, res).catch((error: unknown) => {
      // A defect of the proxy, never the client's or the upstream's doing: say so rather than hang up.
      ownAnswer(res, 500, `internal error: ${(error as Error)?.message ?? String(error)}`);
      options.onWarning?.(`internal error on a request: ${(error as Error)?.stack ?? String(error)}`);
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  const url = await listenOn(server, options.host ?? '127.0.0.1', options.port);

  const result = (): ProxyResult => {
    const reasons: string[] = [];
    const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    const judged = summary.exchanges - summary.outside;
    if (summary.violating > 0) reasons.push(`${plural(summary.violating, 'exchange')} of ${judged} broke the contract`);
    if (summary.unmatched > 0) reasons.push(`${plural(summary.unmatched, 'request')} matched no operation`);
    if (summary.unjudged > 0) reasons.push(`${plural(summary.unjudged, 'request')} could not be judged (see the note)`);
    if (judged === 0)
      reasons.push(
        summary.exchanges === 0
          ? 'no request went through the proxy: nothing was checked'
          : 'no request was one of the three operations: nothing was checked',
      );
    const end = closedAt ?? Date.now();
    return {
      upstream: options.upstream,
      url,
      region,
      startedAt: startedAt.toISOString(),
      durationMs: end - startedAt.getTime(),
      signatures: options.resign ? { mode: 'resigned', credentials: options.resign.label } : { mode: 'forwarded' },
      exchanges: [...kept].sort((a, b) => a.seq - b.seq),
      summary: { ...summary },
      verdict: reasons.length === 0 ? 'pass' : 'fail',
      reasons,
    };
  };

  return {
    url,
    result,
    recording: () =>
      options.record
        ? { document: pactDocument(interactions, options.version ?? '0.0.0'), interactions: interactions.length, leftOut }
        : undefined,
    close: async (graceMs = 5000) => {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      await Promise.allSettled([...inFlight]);
      forwarder.close();
      closedAt ??= Date.now();
      return result();
    },
  };
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function observedOf(received: Extract<Received, { kind: 'response' }>): Observed {
  return { status: received.status, headers: received.headers, body: parseOr(received.body) };
}
