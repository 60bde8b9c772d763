/**
 * Compiled validators for requests and responses, straight from the spec's schemas (ajv, JSON
 * Schema 2020-12 as OpenAPI 3.1 uses it). Nothing here copies a constraint by hand: a constraint
 * changes in `openapi/quicksight.yaml` and every user of these validators follows.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { briefJson } from '../json';
import { unescapeToken } from './json-pointer';
import type { JsonSchema, OperationModel, SpecModel } from './model';

/** Where in a request or response a violation sits. */
export type ViolationLocation = 'path' | 'body';

/** One broken documented rule. */
export interface Violation {
  location: ViolationLocation;
  /** JSON Pointer into the path parameters or the body (`/GrantPermissions/0/Principal`). */
  pointer: string;
  /** The member in the dotted form people write (`GrantPermissions[0].Principal`). */
  member: string;
  /** The JSON Schema keyword that failed (`maxLength`, `pattern`, `enum`, `required`, `type`, ...). */
  keyword: string;
  /** The documented rule, as a constraint table states it (`maxLength 64`). */
  rule: string;
  /** A sentence naming the member, the rule and what was received. */
  message: string;
  /** For an enum violation, the string received (up to 256 characters). */
  value?: string;
  /**
   * A value outside the documented enum that the AWS model accepts (`x-tolerated-values`): outside
   * the document, so worth saying, but never a reason to refuse a request or fail an answer.
   */
  tolerated?: true;
}

/** The annotation keywords the spec uses on schemas; registered so that ajv's strict mode still catches typos. */
const ANNOTATIONS = [
  'example',
  'x-source',
  'x-aws-error-type',
  'x-common-error',
  'x-tolerated-values',
  'x-documented-values',
  'x-facts-differ',
  'x-status-in-body',
  'x-reports-invalid-input',
  'x-ambiguity',
];

/** At most this many violations are reported for one request or response. */
const MAX_VIOLATIONS = 20;
/** anyOf reports each branch's errors; read enough of them to find MAX_VIOLATIONS distinct ones. */
const MAX_ERRORS_READ = MAX_VIOLATIONS * 20;

export interface OperationValidators {
  /** Path parameters as decoded strings; `body` is the parsed JSON body, `undefined` when absent. */
  request(input: { pathParams: Record<string, string>; body: unknown }): Violation[];
  /** A response body against the schema documented for its status (no schema: nothing to check). */
  response(status: number, body: unknown): Violation[];
}

export interface Validators {
  operation(id: OperationModel['id']): OperationValidators;
}

function pointerToMember(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(unescapeToken)
    .reduce((member, token) => (/^\d+$/.test(token) ? `${member}[${token}]` : member ? `${member}.${token}` : token), '');
}

/** At most 80 characters, whatever the value's size or depth (the value of a `required` error is the whole body). */
function describeValue(value: unknown): string {
  return briefJson(value, 80);
}

function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const token of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[unescapeToken(token)];
  }
  return current;
}

function lengthOf(value: unknown): number | undefined {
  return typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined;
}

/**
 * An enum error whose value the schema lists among its tolerated values, or an error of the keyword
 * a reading of the ambiguity register allows to break (`x-ambiguity`: a theme left with no
 * permissions may answer `Permissions: []` despite the page's minimum of one item).
 */
function isTolerated(error: ErrorObject): boolean {
  const schema = error.parentSchema as JsonSchema | undefined;
  const tolerated = schema?.['x-tolerated-values'];
  if (error.keyword === 'enum' && Array.isArray(tolerated) && tolerated.includes(error.data)) return true;
  return schema?.['x-ambiguity']?.keyword === error.keyword;
}

/** Turns one ajv error into a violation that says which documented rule broke and what came instead. */
function toViolation(location: ViolationLocation, error: ErrorObject, data: unknown): Violation {
  const params = error.params as Record<string, unknown>;
  const pointer = error.keyword === 'required' ? `${error.instancePath}/${String(params.missingProperty)}` : error.instancePath;
  const member = pointerToMember(pointer) || (location === 'body' ? 'the body' : 'the path');
  const value = valueAt(data, error.instancePath);
  const where = location === 'path' ? `path parameter ${member}` : member === 'the body' ? 'the body' : `body member ${member}`;
  const got = `got ${describeValue(value)}`;
  let rule: string;
  let message: string;
  switch (error.keyword) {
    case 'required':
      rule = 'required';
      message = `${where} is required but missing`;
      break;
    case 'type':
      rule = `type ${String(params.type)}`;
      message = `${where} must be of type ${String(params.type)} (${got})`;
      break;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      rule = `enum ${allowed.join(' | ')}`;
      message = `${where} must be one of ${allowed.join(', ')} (${got})`;
      break;
    }
    case 'pattern':
      rule = `pattern ${String(params.pattern)}`;
      message = `${where} must match the pattern ${String(params.pattern)} (${got})`;
      break;
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems': {
      const unit = error.keyword.endsWith('Length') ? 'characters' : 'items';
      const bound = error.keyword.startsWith('min') ? 'at least' : 'at most';
      rule = `${error.keyword} ${String(params.limit)}`;
      message = `${where} must have ${bound} ${String(params.limit)} ${unit} (got ${String(lengthOf(value))})`;
      break;
    }
    default:
      rule = error.keyword;
      message = `${where} ${error.message ?? 'is not valid'} (${got})`;
  }
  return {
    location,
    pointer,
    member,
    keyword: error.keyword,
    rule,
    message,
    ...(isTolerated(error) ? { tolerated: true as const } : {}),
    ...(error.keyword === 'enum' && typeof value === 'string' && value.length <= 256 ? { value } : {}),
  };
}

/**
 * anyOf over error bodies reports every branch; the branches share one shape, so keep one report
 * per pointer and keyword and drop the anyOf summary itself.
 */
function dedupe(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.location}${v.pointer}:${v.keyword}:${v.rule}`;
    if (v.keyword === 'anyOf' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Compiling the schemas takes about a quarter of a second; every verify run, mock and pact-check
 * of a process asks for the same model's validators (loadSpec caches the model), and compiled
 * validators hold no state of a run, so they are compiled once per model.
 */
const compiledByModel = new WeakMap<SpecModel, Validators>();

export function compileValidators(model: SpecModel): Validators {
  let validators = compiledByModel.get(model);
  if (!validators) {
    validators = compile(model);
    compiledByModel.set(model, validators);
  }
  return validators;
}

function compile(model: SpecModel): Validators {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    keywords: ANNOTATIONS,
    // Errors carry their schema and data: an enum error tells a tolerated value by its parent schema.
    verbose: true,
    // Checking each schema against the 2020-12 meta-schema first compiles that meta-schema: ~200 ms of
    // every process that validates. The only spec compiled is the shipped one, and tests/spec checks
    // all its schemas against the meta-schema instead.
    validateSchema: false,
  });
  const compiled = new Map<string, OperationValidators>();

  // A body of 200,000 wrong items yields as many ajv errors: report the first ones only, so the
  // message, the response and the mock's log stay small (and no spread meets the argument limit).
  const run = (fn: ValidateFunction, location: ViolationLocation, data: unknown): Violation[] =>
    fn(data) ? [] : dedupe((fn.errors ?? []).slice(0, MAX_ERRORS_READ).map((e) => toViolation(location, e, data))).slice(0, MAX_VIOLATIONS);

  function compileOperation(op: OperationModel): OperationValidators {
    const pathSchema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(op.pathParams.map((p) => [p.name, p.schema])),
      required: op.pathParams.filter((p) => p.required).map((p) => p.name),
    };
    const pathFn = ajv.compile(pathSchema);
    const bodyFn = op.body ? ajv.compile(op.body.schema) : undefined;
    // A response's schema compiles when a response of its status first comes: most runs meet few of the documented errors.
    const responseFns = new Map<number, ValidateFunction | undefined>();
    const responseFn = (status: number): ValidateFunction | undefined => {
      if (!responseFns.has(status)) {
        const schema = op.responses.find((r) => r.status === status)?.schema;
        responseFns.set(status, schema ? ajv.compile(schema) : undefined);
      }
      return responseFns.get(status);
    };
    return {
      request({ pathParams, body }) {
        const violations = run(pathFn, 'path', pathParams);
        if (body === undefined) {
          if (op.body?.required) {
            violations.push({
              location: 'body',
              pointer: '',
              member: 'the body',
              keyword: 'required',
              rule: 'required',
              message: 'the JSON body is required but missing',
            });
          }
        } else if (bodyFn) {
          return violations.concat(run(bodyFn, 'body', body)).slice(0, MAX_VIOLATIONS);
        }
        return violations;
      },
      response(status, body) {
        const fn = responseFn(status);
        return fn ? run(fn, 'body', body) : [];
      },
    };
  }

  return {
    operation(id) {
      let validators = compiled.get(id);
      if (!validators) {
        validators = compileOperation(model.operation(id));
        compiled.set(id, validators);
      }
      return validators;
    },
  };
}
