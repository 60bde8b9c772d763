/**
 * The reference mock as a handler: `(request) => Promise<response>`, tested in-process and served
 * by a thin node:http listener (server.ts). Every request goes through the same pipeline:
 * control plane → signature → route → JSON → spec validation → account → injected fault → operation.
 * Every AWS request it answers is logged, whatever the answer: a refusal, a body too large or too
 * deep to judge, even a defect of the mock (check-client judges the log; a request missing from it
 * would pass unseen).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_FIXTURES, type Edition, type Fixtures } from '../fixtures';
import { DECISIONS, explore, type Readings, referenceReadings } from '../model';
import { CONTROL_PREFIX, createRouter, isControlPath, type RouteResult, readSignature } from '../protocol';
import { compileValidators, loadSpec, type SpecModel } from '../spec';
import { type AwsError, bodyTooLarge, documentedError } from './aws-error';
import { browserRefusal, type ControlRefusal, signatureRefusal } from './control-guard';
import { handleControl, problem } from './control-plane';
import { type Examined, examineRequest, header, newLogEntry } from './examine';
import { type RawLogEntry, RequestLog } from './request-log';
import type { SignatureCheck } from './sigv4';
import { createState, type MockState, takeFault } from './state';

export interface MockRequest {
  method: string;
  /** The request-target as received: percent-encoded path and query. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MockOptions {
  fixtures?: Fixtures;
  edition?: Edition;
  /** Verify AWS SigV4 on every AWS request (see sigv4.ts); absent: any or no signature is accepted. */
  signature?: SignatureCheck;
  /** The control plane too must be signed (`--control-auth`); needs `signature`. */
  controlAuth?: boolean;
  /** The host the mock is served at (server.ts passes its own): control requests may name it in Host and Origin. */
  host?: string;
  /** How many requests the log keeps (oldest dropped first). */
  logLimit?: number;
  /**
   * Readings of the ambiguity register to take instead of the reference ones (`x-ambiguities`): a
   * mock that behaves as another faithful server would, which verify must pass all the same.
   */
  readings?: Readings;
  spec?: SpecModel;
}

export interface MockHandler {
  handle(request: MockRequest): Promise<MockResponse>;
  /**
   * The same answer, synchronously when it can be (no signature to check): the listener's hot path,
   * where two promise hops per request cost more than the rest of the pipeline.
   */
  respond(request: MockRequest): MockResponse | Promise<MockResponse>;
  /**
   * The answer to a request whose body is over `limit` bytes, which the listener did not keep
   * whole (`request.body` holds its first bytes): 413, logged as not judged.
   */
  refuseTooLarge(request: MockRequest, info: { limit: number; received: number; complete: boolean }): MockResponse;
  /** The current state (replaced on reset). */
  readonly state: MockState;
  readonly log: RequestLog;
  reset(): void;
}

/** A request being handled: what it is, its id, and the log entry that records it. */
interface Incoming {
  request: MockRequest;
  /** The request-target's path and query. */
  path: string;
  /** The body as text. */
  text: string;
  routed: RouteResult;
  requestId: string;
  entry: RawLogEntry;
}

function errorResponse(error: AwsError, requestId: string): MockResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.type, ...error.headers },
    body: JSON.stringify(
      error.resourceType
        ? { Message: error.message, RequestId: requestId, ResourceType: error.resourceType }
        : { Message: error.message, RequestId: requestId },
    ),
  };
}

function successResponse(status: number, body: Record<string, unknown>, requestId: string): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(Object.assign(body, { RequestId: requestId })),
  };
}

/** A defect of the mock, never the client's doing: say so rather than hang up. */
export function defectResponse(error: unknown, requestId: string): MockResponse {
  return errorResponse(
    { type: 'InternalFailure', status: 500, message: `mock defect: ${(error as Error)?.message ?? String(error)}` },
    requestId,
  );
}

export function createMockHandler(options: MockOptions = {}): MockHandler {
  const model = options.spec ?? loadSpec();
  const validators = compileValidators(model);
  const route = createRouter(model);
  const reference = { ...referenceReadings(model), ...options.readings };
  const fixtures = { ...(options.fixtures ?? DEFAULT_FIXTURES), ...(options.edition ? { edition: options.edition } : {}) };
  const logLimit = options.logLimit ?? 1000;
  const controlSignature = options.controlAuth ? options.signature : undefined;
  if (options.controlAuth && !controlSignature) throw new Error('controlAuth needs a signature check (--auth sigv4)');
  let state = createState(fixtures);
  let seq = 0;
  const log = new RequestLog(logLimit);

  const handler: MockHandler = {
    get state() {
      return state;
    },
    log,
    reset() {
      state = createState(fixtures);
    },
    handle(request) {
      return Promise.resolve(handler.respond(request));
    },
    respond(request) {
      const path = request.url.startsWith('/') ? request.url : safePathOf(request.url);
      if (isControlPath(path)) return control(request, path);
      const requestId = randomUUID();
      const text = request.body.toString('utf8');
      const routed = route(request.method, path);
      const entry = logEntry(request, path, routed, text);
      const incoming: Incoming = { request, path, routed, text, requestId, entry };
      const record = (response: MockResponse): MockResponse => {
        entry.status = response.status;
        entry.errorType = response.headers['x-amzn-errortype'];
        log.add(entry);
        return response;
      };
      // A defect is answered (500) and logged like any answer; the request was not judged.
      const defect = (error: unknown): MockResponse => {
        entry.unjudged = `the mock failed on it (a defect of the mock: ${(error as Error)?.message ?? String(error)})`;
        return defectResponse(error, requestId);
      };
      const attempt = (): MockResponse => {
        try {
          return answer(incoming);
        } catch (error) {
          return defect(error);
        }
      };
      if (!options.signature) {
        // Read, not verified: what AWS would refuse is logged for check-client to warn about.
        entry.signature = readSignature(
          { authorization: header(request, 'authorization'), amzDate: header(request, 'x-amz-date'), now: new Date(entry.receivedAtMs) },
          { region: fixtures.region },
        );
        return record(attempt());
      }
      return options.signature(request, path).then(
        (verdict) => {
          entry.signature = verdict;
          if (!verdict.defect) return record(attempt());
          // Refused, as AWS refuses it, before anything else; the rest of the request is still
          // examined for the log, so that check-client reports every defect of it at once.
          try {
            examine(incoming);
          } catch (error) {
            return record(defect(error));
          }
          const message = verdict.message ?? 'The request signature is not valid.';
          return record(errorResponse({ type: 'AccessDeniedException', status: 401, message }, requestId));
        },
        (error: unknown) => record(defect(error)),
      );
    },
    refuseTooLarge(request, { limit, received, complete }) {
      const path = request.url.startsWith('/') ? request.url : safePathOf(request.url);
      const response = errorResponse(bodyTooLarge(limit), randomUUID());
      if (isControlPath(path)) return response;
      const entry = logEntry(request, path, route(request.method, path), request.body.toString('utf8'));
      const size = complete ? `${received} bytes` : `over ${received} bytes (the mock stopped reading)`;
      entry.unjudged = `the body has ${size}, over the mock's limit of ${limit}: it was not read`;
      entry.status = response.status;
      entry.errorType = response.headers['x-amzn-errortype'];
      log.add(entry);
      return response;
    },
  };

  /** The control plane, behind its guard (control-guard.ts). */
  function control(request: MockRequest, path: string): MockResponse | Promise<MockResponse> {
    const refused = (r: ControlRefusal) => problem(r.status, r.code, r.message);
    const browser = browserRefusal(request, { host: options.host });
    if (browser) return refused(browser);
    if (!controlSignature) return handleControl({ model, handler, log }, request, path);
    return signatureRefusal(request, path, controlSignature).then((r) =>
      r ? refused(r) : handleControl({ model, handler, log }, request, path),
    );
  }

  function logEntry(request: MockRequest, path: string, routed: RouteResult, text: string): RawLogEntry {
    return newLogEntry({ request, path, routed, text, seq: ++seq });
  }

  function examine(incoming: Incoming): Examined {
    return examineRequest(incoming, validators);
  }

  /** Everything after the signature check: examine → fault → the model's answer. */
  function answer(incoming: Incoming): MockResponse {
    const { requestId, entry } = incoming;
    const fail = (error: AwsError) => errorResponse(error, requestId);
    const examined = examine(incoming);
    if (!examined.ok) return fail(examined.error);
    const { op, pathParams, body } = examined;

    // A request with a broken rule or for another account is answered as the model says (which of
    // the two first is the check-order reading's); any other takes an injected fault first.
    const problem = entry.violations.some((v) => !v.tolerated) || pathParams.AwsAccountId !== state.accountId;
    const fault = problem ? undefined : takeFault(state, op.id);
    if (fault) {
      entry.injected = true;
      return fail(documentedError(op, fault.errorType, `${fault.errorType} injected through ${CONTROL_PREFIX}faults.`));
    }

    // The model decides, under the register's reference readings: the first answer it allows is the
    // mock's (a request with several problems gets the first one checked).
    const req = { op, pathParams, body, violations: entry.violations };
    const [outcome] = explore((read) => DECISIONS[op.id](state, req, read), reference);
    if (!outcome) throw new Error(`the model allows no answer to ${op.id}`);
    const { answer } = outcome;
    if (answer.kind === 'error') return fail(documentedError(op, answer.types[0] as string, answer.why, answer.resourceType));
    answer.apply(state);
    return successResponse(op.success.status, answer.body(state), requestId);
  }

  return handler;
}

/** An absolute-form request-target (`http://host/path`), as proxies send, reduced to its path. */
function safePathOf(url: string): string {
  const afterScheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return afterScheme ? url.slice(afterScheme[0].length) || '/' : `/${url}`;
}
