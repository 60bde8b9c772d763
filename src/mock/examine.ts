/**
 * The first half of the mock's pipeline, shared with the proxy (src/proxy), which judges a request
 * exactly as the mock would without answering it: a log entry for the request, then route → JSON →
 * spec validation, noting in the entry what is found. Nothing here changes any state.
 */
import type { RouteResult, SignatureVerdict } from '../protocol';
import type { OperationModel, Validators, Violation } from '../spec';
import { type AwsError, documentedError, methodNotAllowed, unknownOperation } from './aws-error';
import type { MockRequest } from './handler';
import { parseJsonBody } from './json-body';
import { loggedBody, type RawLogEntry } from './request-log';

/** Before any check: a log entry's signature member is always replaced. */
const NOT_READ: SignatureVerdict = Object.freeze({ verified: false });

/** Shared by every conforming request's log entry, so the hot path allocates no array for it. */
const NO_VIOLATIONS: Violation[] = Object.freeze([]) as unknown as Violation[];

export function header(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function violationMessage(violations: Violation[]): string {
  return violations.map((v) => `${v.message} [${v.rule}]`).join('; ');
}

export interface ExamineInput {
  request: MockRequest;
  /** The request-target's path and query. */
  path: string;
  routed: RouteResult;
  /** The body as text. */
  text: string;
}

/** A fresh log entry for a request: what it is, before anything is judged. */
export function newLogEntry(input: ExamineInput & { seq: number }): RawLogEntry {
  const { request, path, routed, text, seq } = input;
  return {
    seq,
    receivedAtMs: Date.now(),
    method: request.method,
    path,
    contentType: header(request, 'content-type'),
    operationId: routed.kind === 'no-route' ? undefined : routed.operation.id,
    pathParams: undefined,
    body: loggedBody(text, request.body),
    violations: NO_VIOLATIONS,
    status: 0,
    errorType: undefined,
    injected: false,
    signature: NOT_READ,
    unjudged: undefined,
  };
}

export type Examined = { ok: false; error: AwsError } | { ok: true; op: OperationModel; pathParams: Record<string, string>; body: unknown };

/** Route → JSON → spec validation, noting in the log entry what it finds; changes nothing. */
export function examineRequest(
  { request, path, routed, text, entry }: ExamineInput & { entry: RawLogEntry },
  validators: Validators,
): Examined {
  if (routed.kind === 'no-route') return { ok: false, error: unknownOperation(request.method, path) };
  const op: OperationModel = routed.operation;
  entry.operationId = op.id;
  if (routed.kind === 'method-not-allowed') return { ok: false, error: methodNotAllowed(request.method, op) };
  const invalid = (message: string): Examined => ({ ok: false, error: documentedError(op, 'InvalidParameterValueException', message) });
  if (routed.kind === 'bad-encoding') {
    const message = `path parameter ${routed.label}: the segment ${routed.segment} is not percent-encoded UTF-8`;
    entry.violations = [
      {
        location: 'path',
        pointer: `/${routed.label}`,
        member: routed.label,
        keyword: 'encoding',
        rule: 'RFC 3986 percent-encoding',
        message,
      },
    ];
    return invalid(message);
  }
  entry.pathParams = routed.pathParams;

  const parsed = parseJsonBody(text);
  if (!parsed.ok && parsed.tooDeep) {
    entry.unjudged = parsed.message;
    return invalid(parsed.message);
  }
  if (!parsed.ok) {
    entry.violations = [{ location: 'body', pointer: '', member: 'the body', keyword: 'json', rule: 'JSON', message: parsed.message }];
    return invalid(violationMessage(entry.violations));
  }
  const body = parsed.value;
  const violations = validators.operation(op.id).request({ pathParams: routed.pathParams, body });
  if (violations.length > 0) entry.violations = violations;
  return { ok: true, op, pathParams: routed.pathParams, body };
}
