import type { Check } from './check';
import { describe, readErrorType } from './read-response';
import { unroutedEmptySegment } from './unrouted';

/**
 * A request that breaks one documented rule is answered 400 with an error the operation documents
 * at 400 (InvalidParameterValueException, or a common one such as ValidationException).
 * A broken path parameter that leaves a path segment empty may also be answered as an unknown path
 * (see unrouted.ts).
 */
export const negativeRejected: Check = {
  id: 'negative-rejected',
  title: 'a request that breaks a documented rule is answered 400',
  rule: {
    text: 'a request that breaks a length, pattern, enum, range or required-member constraint is answered 400',
    source: 'QUICKSIGHT-FACTS.md#the-wire-protocol-aws-restjson1',
  },
  applies: ({ case: c }) => c.expect === 'rejected',
  run: (exchange, { operation }) => {
    const { case: c, received } = exchange;
    const rule = c.rule ?? negativeRejected.rule;
    const type = readErrorType(received);
    const documented400 = operation.errors.filter((e) => e.status === 400).map((e) => e.type);
    if (unroutedEmptySegment(exchange)) return [];
    if (received.status !== 400) {
      return [
        {
          message: `accepted or answered ${received.status} a request that breaks ${c.breaks.join(', ') || rule.text}`,
          expected: '400 with a documented 400 error',
          actual: describe(received),
          rule,
        },
      ];
    }
    if (type && !documented400.includes(type.name)) {
      return [
        {
          message: `answered 400 ${type.name}, which ${operation.id} does not document at 400`,
          expected: `400 ${documented400.join(' | ')}`,
          actual: describe(received),
          rule,
        },
      ];
    }
    return [];
  },
};
