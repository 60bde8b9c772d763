/**
 * What every operation checks before its own rules: the documented rules of the request (a value
 * AWS tolerates aside), whose account it is, and that the resource exists. Each problem found is
 * kept, in its group: which group a target answers first is the `check-order` reading's, held from
 * its first telling answer on; within the account-and-resource group, and among the operation's own
 * rules, any one may be the answer (the pages give no order there and no answer could tell).
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

/** A request's problems, by the group a check order ranks them in. */
export interface Problems {
  /** Broken documented rules (and tolerated values, where the target refuses them). */
  invalid: ErrorAnswer[];
  /** Another account, a resource that does not exist, an edition without the operation. */
  resource: ErrorAnswer[];
  /** The operation's own rules (an unmet precondition, a limit, a grouping). */
  rules: ErrorAnswer[];
}

/** The problems every operation checks first: broken rules, tolerated values, another account. */
export function requestProblems(state: ModelState, req: ModelRequest, read: Read): Problems {
  const problems: Problems = { invalid: [], resource: [], rules: [] };
  const broken = req.violations.filter((v) => !v.tolerated);
  if (broken.length > 0) problems.invalid.push(invalid(req, broken.map((v) => `${v.message} [${v.rule}]`).join('; ')));
  const tolerated = req.violations.filter((v) => v.tolerated);
  if (tolerated.length > 0 && read('tolerated-values') === 'rejected') {
    problems.invalid.push(invalid(req, tolerated.map((v) => `${v.message} [${v.rule}]`).join('; ')));
  }
  const account = req.pathParams.AwsAccountId;
  if (account !== undefined && account !== state.accountId) {
    const why = `The caller has no access to account ${account}.`;
    problems.resource.push(
      read('foreign-account') === 'access-denied'
        ? { kind: 'error', status: 401, types: ['AccessDeniedException'], why }
        : notFound(`Account ${account} has no such resource.`),
    );
  }
  return problems;
}

/** The answers of a request with problems: the first group's under the check-order reading, else the success. */
export function answersOf<S>(problems: Problems, read: Read, success: () => S): (ErrorAnswer | S)[] {
  const { invalid: broken, resource, rules } = problems;
  if (broken.length === 0 && resource.length === 0 && rules.length === 0) return [success()];
  if (broken.length > 0 && resource.length > 0) return read('check-order') === 'validate-first' ? broken : resource;
  if (broken.length > 0) return broken;
  if (resource.length > 0) return resource;
  return rules;
}
