import type { Check } from './check';
import { describe } from './read-response';

/**
 * A valid request on an existing resource succeeds; a valid value whose outcome depends on the
 * target's state (a profile name no fixture holds) may be refused for that, but never as invalid (400).
 */
export const positiveAccepted: Check = {
  id: 'positive-accepted',
  title: 'a valid request is not rejected',
  rule: { text: 'a request within every documented constraint is not answered as invalid', source: 'seeds/' },
  applies: ({ case: c }) => c.expect === 'success' || c.expect === 'not-rejected',
  run: ({ case: c, received }, { operation }) => {
    const rule = c.rule ? { rule: c.rule } : {};
    if (c.expect === 'success' && received.status !== operation.success.status) {
      return [
        {
          code: 'behaviour.valid-refused',
          message: `answered ${received.status} to a valid request on an existing resource`,
          expected: `${operation.success.status}`,
          actual: describe(received),
          ...rule,
        },
      ];
    }
    if (c.expect === 'not-rejected' && received.status === 400) {
      return [
        {
          code: 'behaviour.valid-rejected',
          message: 'rejected as invalid a value within its documented bounds',
          expected: 'any answer but 400',
          actual: describe(received),
          ...rule,
        },
      ];
    }
    return [];
  },
};
