import { WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { describe, readErrorType } from './read-response';

/** The documented ways to refuse a request that cannot be authenticated (the page's, and the common ones). */
const AUTH_ERRORS = new Set(['AccessDeniedException', 'IncompleteSignature', 'InvalidClientTokenId', 'NotAuthorized']);

/** With `--sigv4`: an unsigned or wrongly signed copy of a valid request is refused as unauthenticated. */
export const authEnforced: Check = {
  id: 'auth-enforced',
  title: 'unsigned and wrongly signed requests are refused',
  rule: {
    text: 'requests are authenticated with AWS Signature Version 4; others get AccessDeniedException or a common auth error',
    source: WIRE_PROTOCOL,
  },
  applies: ({ case: c }) => c.expect === 'auth-refused',
  run: ({ case: c, received }) => {
    const type = readErrorType(received);
    const refused = received.status >= 400 && received.status < 500 && type !== undefined && AUTH_ERRORS.has(type.name);
    if (refused) return [];
    const what = c.signing === 'unsigned' ? 'request with no signature' : 'request signed with the wrong secret';
    return [
      {
        code: 'behaviour.auth-not-enforced',
        message: `answered ${received.status}${type ? ` ${type.name}` : ''} to a ${what}`,
        expected: '401/403 AccessDeniedException (or a documented auth error)',
        actual: describe(received),
      },
    ];
  },
};
