/** The spec layer: load the one source of truth, and everything compiled from it. */

export type { ErrorTypeReading } from './error-type';
export { readAwsErrorType } from './error-type';
export { loadSpec } from './load';
export type { ErrorModel, JsonSchema, OperationId, OperationModel, ParameterModel, ResponseModel, SpecModel } from './model';
export { buildModel, resolveSource } from './model';
export { CONTRACTS_DIR, DEFAULT_SPEC_PATH, PROJECT_ROOT } from './paths';
export type { RouteResult, Router } from './route';
export { buildPath, createRouter, encodeRfc3986 } from './route';
export { effectiveSchema } from './schema';
export type { OperationValidators, Validators, Violation, ViolationLocation } from './validators';
export { compileValidators } from './validators';
