/**
 * The one home of the AWS restJson1 rules this product enforces, called by verify's checks, the
 * check-client judge, pact-check, the mock and the Pact planner alike: routing and decoding a path,
 * reading an error type, which errors an operation documents at which status, Status in the body,
 * the invalid-input errors, JSON media types, SigV4's facts, and how an exchange fails.
 */

export { isApplicationJson, isJsonAnswerType } from './content-type';
export { CONTROL_PREFIX, CONTROL_ROUTES, isControlPath } from './control-plane';
export { ERROR_TYPE_RULE, type ErrorTypeReading, judgeErrorType, readErrorType } from './error-type';
export { invalidInputErrors, reportsInvalidInput } from './invalid-input';
export {
  buildPath,
  decodeSegment,
  encodeRfc3986,
  labelsOf,
  notPchar,
  rawSegments,
  rawSlashLabels,
  type TemplatePart,
  templateParts,
} from './path';
export { createRouter, type RouteResult, type Router } from './route';
export {
  type Credentials,
  DUMMY_CREDENTIALS,
  MAX_SKEW_MS,
  maskKeyId,
  parseAmzDate,
  parseAuthorization,
  readSignature,
  SECURITY_TOKEN_HEADER,
  SIGNATURE_DEFECTS,
  SIGNATURE_RULES,
  SIGNING_SERVICE,
  type SignatureDefect,
  type SignatureVerdict,
} from './sigv4';
export { STATUS_BODY_OR_LINE, WIRE_PROTOCOL } from './sources';
export { judgeStatusInBody } from './status-in-body';
export { backoffMs, DEFAULT_MAX_ATTEMPTS, isTransient } from './transient';
export { classifyHttpError, type FailureReason, httpExchange, isLoopbackUrl, probeTarget } from './transport';
