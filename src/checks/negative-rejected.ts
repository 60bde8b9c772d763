import { invalidInputErrors, WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { describe, readErrorType } from './read-response';
import { unroutedEmptySegment } from './unrouted';

/**
 * A request that breaks one documented rule is answered 400 with an error that reports invalid
 * input (InvalidParameterValueException, or the common ValidationException or ValidationError: see
 * src/protocol/invalid-input.ts). A broken path parameter that leaves a path segment empty may also
 * be answered as an unknown path (see unrouted.ts). A 400 that names no type is error-type's finding.
 */
export const negativeRejected: Check = {
  id: 'negative-rejected',
  title: 'a request that breaks a documented rule is answered 400',
  rule: {
    text: 'a request that breaks a length, pattern, enum, range or required-member constraint is answered 400',
    source: WIRE_PROTOCOL,
  },
  applies: ({ case: c }) => c.expect === 'rejected',
  run: (exchange, { operation }) => {
    const { case: c, received } = exchange;
    const rule = c.rule ?? negativeRejected.rule;
    if (unroutedEmptySegment(exchange)) return [];
    const expected = `400 ${invalidInputErrors(operation).join(' | ')}`;
    if (received.status !== 400) {
      return [
        {
          code: 'behaviour.invalid-accepted',
          message: `accepted or answered ${received.status} a request that breaks ${c.breaks.join(', ') || rule.text}`,
          expected,
          actual: describe(received),
          rule,
        },
      ];
    }
    const type = readErrorType(received);
    if (type && !invalidInputErrors(operation).includes(type.name)) {
      return [
        {
          code: 'behaviour.invalid-wrong-error',
          message: `answered 400 ${type.name}, which does not report invalid input, to a request that breaks ${c.breaks.join(', ') || rule.text}`,
          expected,
          actual: describe(received),
          rule,
        },
      ];
    }
    return [];
  },
};
