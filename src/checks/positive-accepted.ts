import type { Check } from './check';
import { allowedText, divergenceOf } from './divergence';
import { describe } from './read-response';

/**
 * A valid request on an existing resource succeeds, unless a reading of the documents allows the
 * error it got (a profile that does not exist, an e-mail the target refuses...): never a 400 for a
 * value within its documented bounds that no reading refuses.
 */
export const positiveAccepted: Check = {
  id: 'positive-accepted',
  title: 'a valid request is not rejected',
  rule: { text: 'a request within every documented constraint is not answered as invalid', source: 'seeds/' },
  applies: ({ case: c, model }) =>
    (c.expect === 'success' || c.expect === 'not-rejected' || c.expect === 'documented') && model !== undefined,
  run: (exchange) => {
    const { case: c, received, model } = exchange;
    if (!model) return [];
    const divergence = divergenceOf(exchange);
    const rule = c.rule ? { rule: c.rule } : {};
    if (divergence === 'valid-refused') {
      return [
        {
          code: 'behaviour.valid-refused',
          message: `answered ${received.status} to a valid request the target must accept`,
          expected: allowedText(model),
          actual: describe(received),
          ...rule,
        },
      ];
    }
    if (divergence === 'valid-rejected') {
      return [
        {
          code: 'behaviour.valid-rejected',
          message: 'rejected as invalid a request within every documented bound',
          expected: allowedText(model),
          actual: describe(received),
          ...rule,
        },
      ];
    }
    return [];
  },
};
