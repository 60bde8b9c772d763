import { type Check, WIRE_PROTOCOL } from './check';
import { readErrorType } from './read-response';
import { unroutedEmptySegment } from './unrouted';

/**
 * An error names its type the way AWS SDKs read it (header, `__type` or `code`; the `:`-suffix and
 * `#`-prefix forms conform), and the operation documents that type at that status: else the SDK
 * raises a generic error, or the wrong exception class.
 */
export const errorType: Check = {
  id: 'error-type',
  title: 'an error names a type documented for the operation at that status',
  rule: {
    text: 'an error carries x-amzn-ErrorType (or __type / code in the body) naming a documented error of the operation',
    source: WIRE_PROTOCOL,
  },
  applies: (exchange) => exchange.received.status >= 400 && !unroutedEmptySegment(exchange),
  run: ({ received }, { operation }) => {
    const reading = readErrorType(received);
    if (!reading) {
      return [
        {
          message: 'the error names no type an AWS SDK can read',
          expected: 'x-amzn-ErrorType header, or __type / code in the JSON body',
          actual: `status ${received.status}, no error type`,
        },
      ];
    }
    const documented = operation.errors.filter((e) => e.type === reading.name);
    if (documented.length === 0) {
      return [
        {
          message: `${reading.name} is not an error ${operation.id} documents`,
          expected: `one of ${[...new Set(operation.errors.map((e) => e.type))].join(', ')}`,
          actual: `${reading.name} (${reading.via})`,
        },
      ];
    }
    if (!documented.some((e) => e.status === received.status)) {
      return [
        {
          message: `${reading.name} answered with ${received.status}; ${operation.id} documents it with ${documented.map((e) => e.status).join(', ')}`,
          expected: `${reading.name} with status ${documented.map((e) => e.status).join(' or ')}`,
          actual: `${reading.name} with status ${received.status}`,
          rule: { text: `${reading.name}: status ${documented[0]?.status}`, source: documented[0]?.source ?? operation.source },
        },
      ];
    }
    return [];
  },
};
