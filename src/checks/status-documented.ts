import type { Check } from './check';
import { describe } from './read-response';
import { unroutedEmptySegment } from './unrouted';

/** The status line is one the operation's page documents (the success, or an error's status). */
export const statusDocumented: Check = {
  id: 'status-documented',
  title: 'the status is documented for the operation',
  rule: { text: "the answer's status is one of the operation's documented statuses", source: 'seeds/' },
  applies: (exchange) => !unroutedEmptySegment(exchange),
  run: ({ received }, { operation }) => {
    const documented = operation.responses.map((r) => r.status);
    if (documented.includes(received.status)) return [];
    return [
      {
        code: 'response.status.undocumented',
        message: `answered ${received.status}, which ${operation.id} does not document`,
        expected: `one of ${documented.join(', ')}`,
        actual: describe(received),
      },
    ];
  },
};
