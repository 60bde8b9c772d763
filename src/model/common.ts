/**
 * What every operation checks before its own rules: the documented rules of the request (a value
 * AWS tolerates aside), whose account it is, and that the resource exists. Each problem found is
 * kept (not the first only): which of several a target answers is the `check-order` reading's.
 */
import { invalidInputErrors } from '../protocol';
import type { ErrorAnswer, ModelRequest, Read } from './outcome';
import type { ModelState } from './state';

export function invalid(req: ModelRequest, why: string): ErrorAnswer {
  return { kind: 'error', status: 400, types: invalidInputErrors(req.op), why };
}

export function notFound(why: string, resourceType?: string): ErrorAnswer {
  return { kind: 'error', status: 404, types: ['ResourceNotFoundException'], why, ...(resourceType ? { resourceType } : {}) };
}

/** Whether the request is well-formed enough for the operation's own rules to be read (no broken rule but tolerated ones). */
export function wellFormed(req: ModelRequest): boolean {
  return req.violations.every((v) => v.tolerated);
}

/** The problems every operation checks: broken rules, tolerated values, another account. */
export function requestProblems(state: ModelState, req: ModelRequest, read: Read): ErrorAnswer[] {
  const problems: ErrorAnswer[] = [];
  const broken = req.violations.filter((v) => !v.tolerated);
  if (broken.length > 0) problems.push(invalid(req, broken.map((v) => `${v.message} [${v.rule}]`).join('; ')));
  const tolerated = req.violations.filter((v) => v.tolerated);
  if (tolerated.length > 0 && read('tolerated-values') === 'rejected') {
    problems.push(invalid(req, tolerated.map((v) => `${v.message} [${v.rule}]`).join('; ')));
  }
  const account = req.pathParams.AwsAccountId;
  if (account !== undefined && account !== state.accountId) {
    const why = `The caller has no access to account ${account}.`;
    problems.push(
      read('foreign-account') === 'access-denied'
        ? { kind: 'error', status: 401, types: ['AccessDeniedException'], why }
        : notFound(`Account ${account} has no such resource.`),
    );
  }
  return problems;
}

/** The answers of a request with problems: any one of them (check-order), else the success. */
export function answersOf<S>(problems: ErrorAnswer[], read: Read, success: () => S): (ErrorAnswer | S)[] {
  if (problems.length === 0) return [success()];
  if (problems.length > 1) read('check-order');
  return problems;
}
