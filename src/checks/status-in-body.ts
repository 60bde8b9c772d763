import type { Check } from './check';
import { isObject, jsonBody } from './read-response';

/**
 * UpdateCustomPermissions carries `Status` in its JSON body, equal to the status line (its response
 * syntax shows it; the other two operations bind Status to the status line only).
 * @see QUICKSIGHT-FACTS.md, "Status: body or status line"
 */
export const statusInBody: Check = {
  id: 'status-in-body',
  title: 'Status in the body equals the status line (UpdateCustomPermissions)',
  rule: {
    text: 'the success body carries Status, the HTTP status as an integer',
    source: 'QUICKSIGHT-FACTS.md#status-body-or-status-line',
  },
  applies: ({ received }, { operation }) =>
    operation.success.schema?.['x-status-in-body'] === true && received.status === operation.success.status,
  run: ({ received }) => {
    const body = jsonBody(received);
    const status = isObject(body) ? body.Status : undefined;
    if (status === received.status) return [];
    return [
      {
        message:
          status === undefined
            ? 'the body has no Status'
            : `Status in the body is ${JSON.stringify(status)}, the status line ${received.status}`,
        expected: `"Status": ${received.status}`,
        actual: status === undefined ? '(absent)' : JSON.stringify(status),
        pointer: '/Status',
      },
    ];
  },
};
