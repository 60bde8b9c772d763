import { WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { allowedText, divergenceOf } from './divergence';
import { describe } from './read-response';
import { unroutedEmptySegment } from './unrouted';

/**
 * A request that breaks one documented rule is answered with an error the model allows: 400 with an
 * error that reports invalid input (InvalidParameterValueException, ValidationException,
 * ValidationError), or the error of another problem the request has (another account: the
 * check-order reading). A broken path parameter that leaves a segment empty may be answered as an
 * unknown path (see unrouted.ts).
 */
export const negativeRejected: Check = {
  id: 'negative-rejected',
  title: 'a request that breaks a documented rule is answered 400',
  rule: {
    text: 'a request that breaks a length, pattern, enum, range or required-member constraint is answered 400',
    source: WIRE_PROTOCOL,
  },
  applies: ({ case: c, model }) => c.expect === 'rejected' && model !== undefined,
  run: (exchange) => {
    const { case: c, received, model } = exchange;
    if (!model || unroutedEmptySegment(exchange)) return [];
    const rule = c.rule ?? negativeRejected.rule;
    const broken = c.breaks.join(', ') || rule.text;
    const divergence = divergenceOf(exchange);
    if (divergence === 'invalid-accepted') {
      return [
        {
          code: 'behaviour.invalid-accepted',
          message: `accepted a request that breaks ${broken}`,
          expected: allowedText(model),
          actual: describe(received),
          rule,
        },
      ];
    }
    if (divergence === 'invalid-wrong-error') {
      const message = `answered ${received.status} to a request that breaks ${broken}, which no reading allows`;
      return [
        {
          code: received.status === 400 ? 'behaviour.invalid-wrong-error' : 'behaviour.invalid-accepted',
          message,
          expected: allowedText(model),
          actual: describe(received),
          rule,
        },
      ];
    }
    return [];
  },
};
