/**
 * The one catalogue of AWS errors the mock answers. An operation's error takes its status from the
 * spec and must be documented for that operation, so the mock cannot answer an undocumented error
 * by accident; the protocol-level ones (no such operation, a body too large) are listed here.
 */
import type { OperationModel } from '../spec';

export interface AwsError {
  type: string;
  status: number;
  message: string;
  resourceType?: string;
  /** Extra response headers (`allow` on a 405). */
  headers?: Record<string, string>;
}

/** An error documented for the operation (its own page's, or a common one), with the spec's status. */
export function documentedError(op: OperationModel, type: string, message: string, resourceType?: string): AwsError {
  const documented = op.errors.find((e) => e.type === type);
  if (!documented) throw new Error(`${op.id} does not document ${type}; the mock must not answer it`);
  return { type, status: documented.status, message, ...(resourceType ? { resourceType } : {}) };
}

/** What AWS answers for a path or method that is no operation. */
export function unknownOperation(method: string, path: string): AwsError {
  return { type: 'UnknownOperationException', status: 404, message: `no operation is ${method} ${path}` };
}

export function methodNotAllowed(method: string, op: OperationModel): AwsError {
  return {
    type: 'UnknownOperationException',
    status: 405,
    message: `${op.id} is ${op.method} ${op.pathTemplate}, not ${method}`,
    headers: { allow: op.method },
  };
}

export function bodyTooLarge(limit: number): AwsError {
  return { type: 'RequestEntityTooLargeException', status: 413, message: `the request body is over ${limit} bytes` };
}
