/**
 * `Status` in the body: UpdateCustomPermissions' success carries it (`x-status-in-body`), equal to
 * the status line; the two other operations bind Status to the status line only. Whether the member
 * must be there is a reading (the facts sheet shows it; the pages require no response member), so
 * its absence is a warning; a value that differs from the status line is an error wherever it is.
 * Another operation's body with a Status member is a warning: unknown response members are ignored
 * by clients, but the member says something the status line already says, perhaps differently.
 * @see QUICKSIGHT-FACTS.md, "Status: body or status line"
 */
import type { FindingDraft } from '../findings';
import { briefJson } from '../json';
import type { OperationModel } from '../spec';
import { STATUS_BODY_OR_LINE } from './sources';

const RULE_CARRIED = { text: 'the success body carries Status, the HTTP status as an integer', source: STATUS_BODY_OR_LINE };
const RULE_LINE = { text: 'Status is the status line, not a body member', source: STATUS_BODY_OR_LINE };

/** A Status of any size or depth, in 80 characters. */
const brief = (value: unknown): string => briefJson(value, 80);

/** Whether the operation's body carries Status at this status. */
function carriesStatus(op: OperationModel, status: number): boolean {
  return op.responses.find((r) => r.status === status)?.schema?.['x-status-in-body'] === true;
}

export function judgeStatusInBody(op: OperationModel, status: number, body: unknown): FindingDraft[] {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const present = isObject && Object.hasOwn(body, 'Status');
  const value = present ? (body as { Status: unknown }).Status : undefined;
  if (carriesStatus(op, status)) {
    if (!present) {
      if (!isObject) return [];
      return [
        {
          code: 'response.status-in-body.missing',
          message: `the ${status} body has no Status`,
          expected: `"Status": ${status}`,
          actual: '(absent)',
          pointer: '/Status',
          rule: RULE_CARRIED,
        },
      ];
    }
    if (value === status) return [];
    return [
      {
        code: 'response.status-in-body.mismatch',
        message: `Status in the body is ${brief(value)}, the status line ${status}`,
        expected: `"Status": ${status}`,
        actual: brief(value),
        pointer: '/Status',
        rule: RULE_CARRIED,
      },
    ];
  }
  if (!present) return [];
  return [
    {
      code: 'response.status-in-body.unexpected',
      message: `${op.id} binds Status to the status line, yet its ${status} body has Status ${brief(value)}`,
      expected: 'no Status member',
      actual: `"Status": ${brief(value)}`,
      pointer: '/Status',
      rule: RULE_LINE,
    },
  ];
}
