/** The spec layer: load the one source of truth, and everything compiled from it. */
export { loadSpec } from './load';
export { buildModel, resolveSource } from './model';
export type { ErrorModel, JsonSchema, OperationId, OperationModel, ParameterModel, ResponseModel, SpecModel } from './model';
export { effectiveSchema } from './schema';
export { compileValidators } from './validators';
export type { OperationValidators, Validators, Violation, ViolationLocation } from './validators';
export { buildPath, createRouter, encodeRfc3986 } from './route';
export type { RouteResult, Router } from './route';
export { CONTRACTS_DIR, DEFAULT_SPEC_PATH, PROJECT_ROOT } from './paths';
export { readAwsErrorType } from './error-type';
export type { ErrorTypeReading } from './error-type';
