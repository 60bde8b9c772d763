import { WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { describe } from './read-response';

/** A generated request, valid or not, is never a reason for a server error. */
export const noServerError: Check = {
  id: 'no-server-error',
  title: 'no 5xx on any generated input',
  rule: { text: 'a request the client can send is answered, valid or not, without a server error', source: WIRE_PROTOCOL },
  applies: () => true,
  run: ({ received }) =>
    received.status >= 500
      ? [
          {
            code: 'response.server-error',
            message: `answered ${received.status}, a server error`,
            expected: 'a status below 500',
            actual: describe(received),
          },
        ]
      : [],
};
