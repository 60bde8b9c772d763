/**
 * How a seeded defect is judged, shared by the table test and the catch-rate script: one verify run
 * against a fresh defective mock, and whether the run caught the defect the way its entry says.
 */
import type { CheckId } from '../../src/checks';
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import type { OperationId } from '../../src/spec';
import { type VerifyOptions, type VerifyResult, verify } from '../../src/verify';
import { SIGV4_CREDENTIALS } from './defect-catalogue';
import { DEFECTS, type Defect, type Middleware, startDefectiveMock } from './defective-mock';

/** The run every row gets: small enough for a table of rows, with the properties on; the builtin target's fixtures. */
export const RUN: Omit<VerifyOptions, 'target'> = { fixtures: BUILTIN_FIXTURES, seed: 1, examples: 10, concurrency: 4, timeoutMs: 10_000 };

/**
 * Verifies a fresh mock with the given defect (or variant) and closes it, whatever happens; with
 * `--sigv4` (SIGV4_CREDENTIALS) when the defect's mock checks signatures, or when `sigv4` says so.
 */
export async function verifyMock(defect: string | Middleware, options: { sigv4?: boolean } = {}): Promise<VerifyResult> {
  const sigv4 = options.sigv4 ?? (typeof defect === 'string' && DEFECTS[defect]?.sigv4 === true);
  const mock = await startDefectiveMock(defect);
  try {
    return await verify({ ...RUN, target: mock.url, ...(sigv4 ? { credentials: SIGV4_CREDENTIALS } : {}) });
  } finally {
    await mock.close();
  }
}

/**
 * The checks with an error finding on a counted case. Findings on an operation reported as not
 * implemented are left out, as the engine leaves them out of its verdict.
 */
export function firedChecks(result: VerifyResult): CheckId[] {
  const fired = result.cases
    .filter((c) => c.status === 'failed')
    .flatMap((c) => c.findings.filter((f) => f.severity === 'error').map((f) => f.check as CheckId));
  return [...new Set(fired)].sort();
}

export function notImplementedOperations(result: VerifyResult): OperationId[] {
  return result.notImplemented.map((n) => n.operationId).sort();
}

export interface Catch {
  /** The run failed the mock. */
  failed: boolean;
  /** Expected checks that reported nothing. */
  silent: CheckId[];
  /** Operations that should have been reported as not implemented and were not. */
  unreported: OperationId[];
}

/** What the run did with the defect; caught means failed, with every expected check (and operation) reporting. */
export function judgeCatch(defect: Defect, result: VerifyResult): Catch & { caught: boolean } {
  const fired = new Set(firedChecks(result));
  const missing = new Set(notImplementedOperations(result));
  const silent = defect.expectedChecks.filter((check) => !fired.has(check));
  const unreported = (defect.expectedNotImplemented ?? []).filter((op) => !missing.has(op));
  const failed = result.verdict === 'fail';
  return { failed, silent, unreported, caught: failed && silent.length === 0 && unreported.length === 0 };
}
