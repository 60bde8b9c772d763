/** The spec layer: load the one source of truth, and everything compiled from it. */

export { unescapeToken } from './json-pointer';
export { loadSpec } from './load';
export type { JsonSchema, OperationId, OperationModel, SpecModel } from './model';
export { resolveSource } from './model';
export { PARSED_SPEC_PATH, parsedSpecText, parseYaml } from './parsed';
export { CONTRACTS_DIR, DEFAULT_SPEC_PATH, PROJECT_ROOT } from './paths';
export { acceptedValues, effectiveSchema } from './schema';
export type { Validators, Violation } from './validators';
export { compileValidators } from './validators';
