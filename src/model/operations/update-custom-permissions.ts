/**
 * UpdateCustomPermissions (seeds/000): sets the profile's Capabilities and answers its Arn, with
 * `Status` in the body as well as on the status line. Whether Capabilities replaces or merges is a
 * reading no answer shows: the mock replaces, verify leaves the capabilities unknown.
 */
import { customPermissionsArn } from '../../fixtures';
import type { Capabilities } from '../../generated/quicksight';
import { answersOf, notFound, requestProblems, wellFormed } from '../common';
import type { Answer, ModelRequest, Read, SuccessAnswer } from '../outcome';
import { isKnown, type ModelState, UNKNOWN } from '../state';

export function decideUpdateCustomPermissions(state: ModelState, req: ModelRequest, read: Read): Answer[] {
  const problems = requestProblems(state, req, read);
  const name = req.pathParams.CustomPermissionsName as string;
  const current = state.customPermissions.get(name);
  if (current === undefined)
    problems.resource.push(notFound(`Custom permissions profile ${name} does not exist in account ${state.accountId}.`));
  const given = wellFormed(req) ? ((req.body as { Capabilities?: Capabilities } | undefined)?.Capabilities ?? {}) : {};
  // Consulted only where the capabilities are known (the mock): elsewhere no answer could tell.
  const merge = current !== undefined && isKnown(current) && read('capabilities-update') === 'merge';
  // Whether Status is in the body is the status-in-body check's to judge (a warning): the mock plays
  // the reading, verify never branches on it.
  const statusCarried = !state.reference || read('status-in-body') === 'carried';
  return answersOf(
    problems,
    read,
    (): SuccessAnswer => ({
      kind: 'success',
      why: `the custom permissions profile ${JSON.stringify(name)} updated`,
      apply: (s) => {
        const held = s.customPermissions.get(name);
        // A spread copies own members only; a `__proto__` member stays a plain member, never a prototype.
        s.customPermissions.set(
          name,
          merge && held !== undefined && isKnown(held) ? { ...held, ...given } : isKnown(current) ? { ...given } : UNKNOWN,
        );
      },
      // The form of a profile's ARN is given nowhere: the mock answers its own, verify takes the target's.
      body: (s) => ({
        Arn: s.reference ? customPermissionsArn(s, name) : UNKNOWN,
        ...(statusCarried ? { Status: req.op.success.status } : {}),
      }),
    }),
  );
}
