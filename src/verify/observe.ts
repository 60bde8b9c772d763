/**
 * A case and its answer as the reference model reads them: the request routed, its body parsed and
 * checked against the documented rules (the validators the mock uses), the answer's status,
 * headers and JSON body.
 */
import type { ConformanceCase } from '../cases';
import { parsedBody } from '../checks';
import type { ModelRequest, Observed } from '../model';
import type { WireResponse } from '../runner';
import type { SpecModel, Validators, Violation } from '../spec';

const JSON_VIOLATION: Violation = {
  location: 'body',
  pointer: '',
  member: 'the body',
  keyword: 'json',
  rule: 'JSON',
  message: 'the body is not JSON',
};

export function modelRequestOf(model: SpecModel, validators: Validators, c: ConformanceCase): ModelRequest {
  const op = model.operation(c.operationId);
  let body: unknown;
  let json = true;
  if (c.body !== undefined && /\S/.test(c.body)) {
    try {
      body = JSON.parse(c.body);
    } catch {
      json = false;
    }
  }
  const violations = json ? validators.operation(op.id).request({ pathParams: c.pathParams, body }) : [JSON_VIOLATION];
  return { op, pathParams: c.pathParams, body, violations };
}

/** The answer as the model reads it, its body parsed once for the model and the checks alike (an answer may be megabytes deep). */
export function observedOf(response: WireResponse): Observed {
  return { status: response.status, headers: response.headers, body: parsedBody(response) };
}
