/**
 * The vocabulary of the seeded defects: a middleware sits between the wire and the reference mock's
 * handler, and may rewrite the request, the answer, or both. The helpers read and rewrite requests
 * and answers the way the mock's own pipeline does (the spec's router and validators), so that a
 * defect changes exactly one behaviour and leaves the rest faithful.
 */
import { randomUUID } from 'node:crypto';
import type { CheckId } from '../../src/checks';
import type { MockHandler, MockRequest, MockResponse } from '../../src/mock';
import { buildPath, createRouter } from '../../src/protocol';
import { compileValidators, loadSpec, type OperationId, type OperationModel, type SpecModel } from '../../src/spec';

/** Returned instead of an answer: the server drops the connection without a word, as a crashed one does. */
export const HANG_UP = Symbol('hang up');

export type Answer = MockResponse | typeof HANG_UP;

export interface DefectContext {
  /** The wrapped reference mock: a defect may read its state before a request changes it. */
  handler: MockHandler;
  /** Counters a defect keeps across requests; each server starts with none, so rows cannot leak into each other. */
  counters: Map<string, number>;
}

export type Next = (request: MockRequest) => Promise<MockResponse>;

export type Middleware = (request: MockRequest, next: Next, context: DefectContext) => Answer | Promise<Answer>;

export interface Defect {
  /** Completes "fails a mock that …". */
  description: string;
  /** The checks that must each report at least one error finding. */
  expectedChecks: CheckId[];
  /** The operations the engine must report as not implemented (instead of ordinary findings). */
  expectedNotImplemented?: OperationId[];
  /** The mock checks signatures: verify runs with `--sigv4` and SIGV4_CREDENTIALS (defect-catalogue.ts) against it. */
  sigv4?: true;
  middleware: Middleware;
}

export interface Tolerated {
  /** Completes "passes a mock that …". */
  description: string;
  middleware: Middleware;
}

export const passThrough: Middleware = (request, next) => next(request);

// ---------------------------------------------------------------- requests

let spec: { model: SpecModel; route: ReturnType<typeof createRouter>; validators: ReturnType<typeof compileValidators> } | undefined;

/** Loaded on first use: importing the catalogue stays cheap. */
function contract() {
  spec ??= (() => {
    const model = loadSpec();
    return { model, route: createRouter(model), validators: compileValidators(model) };
  })();
  return spec;
}

export interface Routed {
  op: OperationModel;
  pathParams: Record<string, string>;
}

/** The operation and decoded path parameters of a request, as the mock's router reads them. */
export function routeOf(request: MockRequest): Routed | undefined {
  const routed = contract().route(request.method, request.url);
  return routed.kind === 'matched' ? { op: routed.operation, pathParams: routed.pathParams } : undefined;
}

export function isOperation(request: MockRequest, id: OperationId): boolean {
  return routeOf(request)?.op.id === id;
}

/** The request with its path rebuilt from other parameters (each percent-encoded again). */
export function withPathParams(request: MockRequest, routed: Routed, pathParams: Record<string, string>): MockRequest {
  const query = request.url.indexOf('?');
  return { ...request, url: buildPath(routed.op, pathParams) + (query === -1 ? '' : request.url.slice(query)) };
}

/** The request body as a JSON object, or undefined when it is none. */
export function requestJson(request: MockRequest): Record<string, unknown> | undefined {
  const value = parseJson(request.body.toString('utf8'));
  return isObject(value) ? value : undefined;
}

export function withRequestJson(request: MockRequest, body: Record<string, unknown>): MockRequest {
  return { ...request, body: Buffer.from(JSON.stringify(body)) };
}

/** Whether the mock's validators accept the request: a defect that drops a member must not also skip validating it. */
function isValidRequest(request: MockRequest, routed: Routed): boolean {
  const body = parseJson(request.body.toString('utf8'));
  return body !== NOT_JSON && contract().validators.operation(routed.op.id).request({ pathParams: routed.pathParams, body }).length === 0;
}

/**
 * A valid request with one top-level body member removed before the mock sees it: the mock
 * validates the member, then forgets it, which is how "ignored" bugs look from outside.
 */
export function droppingMember(id: OperationId, member: string): Middleware {
  return (request, next) => {
    const routed = routeOf(request);
    const body = requestJson(request);
    if (routed?.op.id !== id || !body || !(member in body) || !isValidRequest(request, routed)) return next(request);
    const { [member]: _dropped, ...rest } = body;
    return next(withRequestJson(request, rest));
  };
}

// ---------------------------------------------------------------- answers

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isMalformedJson(request: MockRequest): boolean {
  return parseJson(request.body.toString('utf8')) === NOT_JSON;
}

export const isSuccess = (response: MockResponse): boolean => response.status >= 200 && response.status <= 299;

export function errorTypeOf(response: MockResponse): string | undefined {
  return response.headers['x-amzn-errortype'];
}

/** The answer with its JSON object body edited in place by `edit` (other bodies pass unchanged). */
export function editJson(response: MockResponse, edit: (body: Record<string, unknown>) => void): MockResponse {
  const body = parseJson(response.body);
  if (!isObject(body)) return response;
  edit(body);
  return { ...response, body: JSON.stringify(body) };
}

/** The answer with its JSON body replaced by `map`'s result (any JSON value). */
export function mapJson(response: MockResponse, map: (body: unknown) => unknown): MockResponse {
  const body = parseJson(response.body);
  return body === NOT_JSON || body === undefined ? response : { ...response, body: JSON.stringify(map(body)) };
}

export function withHeaders(response: MockResponse, headers: Record<string, string | undefined>): MockResponse {
  const merged: Record<string, string> = { ...response.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return { ...response, headers: merged };
}

/** An AWS error as the reference mock writes one: typed, with a request id in the header and the body. */
export function awsError(status: number, type: string, message: string): MockResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': type },
    body: JSON.stringify({ Message: message, RequestId: requestId }),
  };
}

/** Counts a key in the server's counters and returns how many times it has been seen, this one included. */
export function count(context: DefectContext, key: string): number {
  const seen = (context.counters.get(key) ?? 0) + 1;
  context.counters.set(key, seen);
  return seen;
}

/** Applies `edit` to the successful answers of one operation; everything else passes unchanged. */
export function onSuccessOf(id: OperationId, edit: (response: MockResponse, request: MockRequest) => MockResponse): Middleware {
  return async (request, next) => {
    const response = await next(request);
    return isSuccess(response) && isOperation(request, id) ? edit(response, request) : response;
  };
}

/** Applies `edit` to every answer. */
export function onEveryAnswer(edit: (response: MockResponse, request: MockRequest) => MockResponse): Middleware {
  return async (request, next) => edit(await next(request), request);
}
