/**
 * Error types as AWS SDKs read them, and whether an operation documents the type at the status it
 * came with: the one home of that rule for verify (a live answer), pact-check (a Pact's expected
 * response) and the mock (which never answers an error it does not document).
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)": how AWS SDKs find the error type
 */
import type { FindingDraft } from '../findings';
import { briefJson, briefText } from '../json';
import type { OperationModel } from '../spec';
import { WIRE_PROTOCOL } from './sources';

export interface ErrorTypeReading {
  /** The error type name, as the SDK matches it to an exception class. */
  name: string;
  via: 'x-amzn-ErrorType header' | '__type' | 'code';
  /** The value as it stands on the wire. */
  raw: string;
}

/**
 * The `x-amzn-ErrorType` header first (a suffix after `:` dropped), else `__type`, else `code` in
 * the JSON body (a namespace prefix ending in `#` dropped).
 * @param header the header's value, if any (an empty value counts as absent)
 * @param body the parsed JSON body; anything that is not an object has no type to read
 */
export function readErrorType(header: string | undefined, body: unknown): ErrorTypeReading | undefined {
  if (header) return { name: (header.split(':')[0] as string).trim(), via: 'x-amzn-ErrorType header', raw: header };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  for (const via of ['__type', 'code'] as const) {
    const value = (body as Record<string, unknown>)[via];
    if (typeof value === 'string' && value) return { name: value.slice(value.lastIndexOf('#') + 1), via, raw: value };
  }
  return undefined;
}

export const ERROR_TYPE_RULE = {
  text: 'an error carries x-amzn-ErrorType (or __type / code in the body) naming an error the operation documents at that status',
  source: WIRE_PROTOCOL,
};

/** The error types an operation documents at a status. */
function documentedAt(op: OperationModel, status: number): string[] {
  return op.responses.find((r) => r.status === status)?.errorTypes ?? [];
}

/** The rule for an error answer (status 400 and over); nothing to say below 400. */
export function judgeErrorType(op: OperationModel, status: number, reading: ErrorTypeReading | undefined): FindingDraft[] {
  if (status < 400) return [];
  const atStatus = documentedAt(op, status);
  const there = atStatus.length > 0 ? `; ${op.id} documents ${atStatus.join(', ')} at ${status}` : '';
  if (!reading) {
    return [
      {
        code: 'response.error-type.missing',
        message: `the ${status} error names no type an AWS SDK can read, so the SDK cannot tell which error it got${there}`,
        expected: 'x-amzn-ErrorType header, or __type / code in the JSON body',
        actual: `status ${status}, no error type`,
        rule: ERROR_TYPE_RULE,
      },
    ];
  }
  // The name comes from the answer: a 1 MiB `__type` stays a line.
  const name = briefText(reading.name, 100);
  const read = `${name} (from ${reading.via} ${briefJson(reading.raw, 200)})`;
  const documented = op.errors.filter((e) => e.type === reading.name);
  if (documented.length === 0) {
    return [
      {
        code: 'response.error-type.undocumented',
        message: `${name} is not an error ${op.id} documents${there}`,
        expected: `one of ${[...new Set(op.errors.map((e) => e.type))].join(', ')}`,
        actual: read,
        rule: ERROR_TYPE_RULE,
      },
    ];
  }
  if (!documented.some((e) => e.status === status)) {
    const statuses = documented.map((e) => e.status).join(' or ');
    return [
      {
        code: 'response.error-type.wrong-status',
        message: `${reading.name} came with status ${status}; ${op.id} documents it with ${statuses}`,
        expected: `${reading.name} with status ${statuses}`,
        actual: `${reading.name} with status ${status}`,
        rule: { text: `${reading.name}: status ${statuses}`, source: documented[0]?.source ?? op.source },
      },
    ];
  }
  return [];
}
