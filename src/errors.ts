/**
 * Tool errors: the tool, its input or its environment is unusable (a spec that does not load, a
 * fixtures file that does not parse, a flag that makes no sense). They are kept apart from findings,
 * which say that a target breaks the contract; the CLI maps a ToolError to exit code 2.
 */
export type ToolErrorCode =
  | 'SPEC_INVALID'
  | 'SPEC_UNREADABLE'
  | 'FIXTURES_INVALID'
  | 'USAGE'
  | 'IO'
  /** The target cannot be reached at all (connection refused, unknown host, the other of HTTP and TLS). */
  | 'TARGET_UNREACHABLE'
  /** Every request was refused as unauthenticated: the run needs credentials. */
  | 'TARGET_REFUSES'
  /** Nothing at the target's base URL answers the operations. */
  | 'TARGET_EMPTY'
  /** The target does not hold a resource --fixtures declares. */
  | 'FIXTURES_NOT_HELD'
  /** An operation selected for the run has nothing to check it on. */
  | 'NOTHING_TO_CHECK';

export class ToolError extends Error {
  override readonly name = 'ToolError';

  constructor(
    readonly code: ToolErrorCode,
    message: string,
    /** What the user can do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function isToolError(value: unknown): value is ToolError {
  return value instanceof ToolError;
}
