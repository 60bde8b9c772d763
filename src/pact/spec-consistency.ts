/**
 * Checks a Pact interaction against the spec: its request must be one of a documented operation
 * (valid, unless it is the contract of an InvalidParameterValueException, which must break a
 * documented rule), and its response must be possible under the spec: a documented status, a body
 * valid for that status, and for an error a type documented for that status, named the way AWS
 * SDKs read it.
 */
import type { Router, SpecModel, Validators } from '../spec';
import { bodyContent, type PactInteraction } from './contract-file';

export interface ConsistencyProblem {
  interaction: string;
  rule: string;
  message: string;
}

function header(headers: PactInteraction['response']['headers'], name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/** The error type as AWS SDKs read it from the header: a `:`-suffix is dropped (QUICKSIGHT-FACTS.md). */
export function errorTypeFromHeader(value: string): string {
  return value.split(':', 1)[0] as string;
}

export function checkInteraction(
  interaction: PactInteraction,
  deps: { model: SpecModel; validators: Validators; route: Router },
): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = [];
  const fail = (rule: string, message: string) => problems.push({ interaction: interaction.description, rule, message });
  const { request, response } = interaction;

  const routed = deps.route(request.method, request.path);
  if (routed.kind !== 'matched') {
    fail('request.operation', `${request.method} ${request.path} is no documented operation (${routed.kind})`);
    return problems;
  }
  const op = routed.operation;
  const documented = op.responses.find((r) => r.status === response.status);
  if (!documented) {
    fail(
      'response.status',
      `${op.id} documents no status ${response.status} (documented: ${op.responses.map((r) => r.status).join(', ')})`,
    );
    return problems;
  }

  const rawType = header(response.headers, 'x-amzn-ErrorType');
  const errorType = rawType === undefined ? undefined : errorTypeFromHeader(rawType);
  const violations = deps.validators.operation(op.id).request({ pathParams: routed.pathParams, body: bodyContent(request.body) });
  if (errorType === 'InvalidParameterValueException') {
    if (violations.length === 0)
      fail(
        'request.invalid',
        'an InvalidParameterValueException contract must send a request that breaks a documented rule; this one breaks none',
      );
  } else {
    for (const v of violations) fail(`request.${v.location}`, v.message);
  }

  for (const v of deps.validators.operation(op.id).response(response.status, bodyContent(response.body))) {
    fail(`response.body`, `status ${response.status}: ${v.message}`);
  }
  if (response.status >= 400) {
    if (errorType === undefined) fail('response.errorType', `an error response must name its type in x-amzn-ErrorType`);
    else if (!documented.errorTypes.includes(errorType)) {
      fail('response.errorType', `${op.id} documents ${documented.errorTypes.join(', ')} for status ${response.status}, not ${errorType}`);
    }
  } else if (errorType !== undefined) {
    fail('response.errorType', `a ${response.status} success must not name an error type (got ${errorType})`);
  }
  return problems;
}
