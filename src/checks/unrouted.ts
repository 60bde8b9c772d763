/**
 * A request whose path has an empty segment (a 0-character path parameter) may never reach the
 * operation: routers, AWS's front end among them, answer such a path as unknown (404 or 405 with
 * an AWS error type) before any constraint is read. That answer is tolerated by every check that
 * would otherwise judge it (the status, the error type, the 400 expected of a broken rule).
 */
import type { AnsweredExchange } from './check';
import { readErrorType } from './read-response';

export function unroutedEmptySegment({ case: c, received }: AnsweredExchange): boolean {
  return (
    (received.status === 404 || received.status === 405) &&
    Object.values(c.pathParams).some((v) => v === '') &&
    readErrorType(received) !== undefined
  );
}
