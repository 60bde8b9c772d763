import { ERROR_TYPE_RULE, judgeErrorType } from '../protocol';
import type { Check } from './check';
import { readErrorType } from './read-response';
import { unroutedEmptySegment } from './unrouted';

/**
 * An error names its type the way AWS SDKs read it (header, `__type` or `code`; the `:`-suffix and
 * `#`-prefix forms conform), and the operation documents that type at that status: else the SDK
 * raises a generic error, or the wrong exception class. The rule is src/protocol's.
 */
export const errorType: Check = {
  id: 'error-type',
  title: 'an error names a type documented for the operation at that status',
  rule: ERROR_TYPE_RULE,
  applies: (exchange) => exchange.received.status >= 400 && !unroutedEmptySegment(exchange),
  run: ({ received }, { operation }) => judgeErrorType(operation, received.status, readErrorType(received)),
};
