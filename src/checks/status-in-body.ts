import { judgeStatusInBody, STATUS_BODY_OR_LINE } from '../protocol';
import type { Check } from './check';
import { isJson, jsonBody } from './read-response';

/**
 * `Status` in the body: UpdateCustomPermissions' success carries it, equal to the status line; the
 * other operations bind it to the status line. The rule (and which parts are readings) is
 * src/protocol/status-in-body.ts's.
 */
export const statusInBody: Check = {
  id: 'status-in-body',
  title: 'Status in the body equals the status line (UpdateCustomPermissions)',
  rule: {
    text: 'UpdateCustomPermissions carries Status in its success body; the others bind it to the status line',
    source: STATUS_BODY_OR_LINE,
  },
  applies: ({ received }, { operation }) => received.status === operation.success.status && isJson(jsonBody(received)),
  run: ({ received }, { operation }) => judgeStatusInBody(operation, received.status, jsonBody(received)),
};
