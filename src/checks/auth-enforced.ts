import type { Signing } from '../cases';
import { WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { describe, readErrorType } from './read-response';

/**
 * The documented ways to refuse a request that cannot be authenticated: the page's, and the common
 * ones (RequestExpired for a stale signature: QUICKSIGHT-FACTS.md, "Signatures, retries and credentials").
 */
const AUTH_ERRORS = new Set(['AccessDeniedException', 'IncompleteSignature', 'InvalidClientTokenId', 'NotAuthorized', 'RequestExpired']);

const WHAT: Partial<Record<Signing, string>> = {
  unsigned: 'request with no signature',
  'wrong-secret': 'request signed with the wrong secret',
  expired: 'request signed 20 minutes ago',
  'body-changed': 'request whose body changed after it was signed',
};

/**
 * With `--sigv4`: a copy of a valid request that is unsigned, signed with the wrong secret, dated
 * 20 minutes ago or changed after signing is refused as unauthenticated.
 */
export const authEnforced: Check = {
  id: 'auth-enforced',
  title: 'unsigned, wrongly signed, stale and altered requests are refused',
  rule: {
    text: 'requests are authenticated with AWS Signature Version 4; others get AccessDeniedException or a common auth error',
    source: WIRE_PROTOCOL,
  },
  applies: ({ case: c }) => c.expect === 'auth-refused',
  run: ({ case: c, received }) => {
    const type = readErrorType(received);
    const refused = received.status >= 400 && received.status < 500 && type !== undefined && AUTH_ERRORS.has(type.name);
    if (refused) return [];
    const what = WHAT[c.signing ?? 'signed'] ?? 'badly signed request';
    return [
      {
        code: 'behaviour.auth-not-enforced',
        message: `answered ${received.status}${type ? ` ${type.name}` : ''} to a ${what}`,
        expected: '401/403 AccessDeniedException (or a documented auth error such as RequestExpired)',
        actual: describe(received),
      },
    ];
  },
};
