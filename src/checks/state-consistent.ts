import type { Check } from './check';
import { allowedText, divergenceOf } from './divergence';
import { describe } from './read-response';

/**
 * What only the earlier answers make wrong: a success where the state they leave allows only
 * refusals (a grant past the principal limit, a grouping the target refused before), an error no
 * reading allows on that state (a user it answered a moment ago now missing), concurrent answers no
 * serial order of their requests explains.
 */
export const stateConsistent: Check = {
  id: 'state-consistent',
  title: 'answers agree with the state the earlier answers left',
  rule: { text: 'each update acts on the state the earlier updates left, and a refused request changes nothing', source: 'seeds/' },
  applies: ({ model }) => model !== undefined,
  run: (exchange) => {
    const { received, model } = exchange;
    if (!model) return [];
    const expected = allowedText(model);
    const settled = model.heldReadings.length > 0 ? ` (the target's readings so far: ${model.heldReadings.join(', ')})` : '';
    if (model.burst && !model.burst.linearizable) {
      if (!model.burst.first) return [];
      return [
        {
          code: 'behaviour.not-linearizable',
          message:
            `this answer and the ${model.burst.size - 1} others to requests sent at once agree with no order of them: ` +
            `an update was lost or half-applied`,
          expected: `the answers of some order of the ${model.burst.size} requests`,
          actual: describe(received),
        },
      ];
    }
    const divergence = divergenceOf(exchange);
    if (divergence === 'unexpected-success') {
      return [
        {
          code: 'behaviour.unexpected-success',
          message: `answered ${received.status} where the state the earlier answers left allows only ${expected}${settled}`,
          expected,
          actual: describe(received),
        },
      ];
    }
    if (divergence === 'unexpected-error') {
      return [
        {
          code: 'behaviour.unexpected-error',
          message: `answered ${received.status}, an answer no reading allows on the state the earlier answers left${settled}`,
          expected,
          actual: describe(received),
        },
      ];
    }
    return [];
  },
};
