/**
 * fast-check arbitraries for the property-based cases, derived from the spec's schemas: random
 * valid requests on the fixtures' resources, and random requests that break one documented rule
 * (a random valid request, then one of its negative cases). fast-check shrinks a failing one to a
 * minimal request. Patterns are generated anchored, so values are valid under both readings.
 */
import fc from 'fast-check';
import type { Fixtures } from '../fixtures';
import { effectiveSchema, type JsonSchema, type OperationModel } from '../spec';
import type { ConformanceCase } from './generate';
import { negativeCases } from './generate';
import { validScenario } from './scenarios';

/** Lists stay short: a property explores shapes, the boundary cases cover the item limits. */
const MAX_GENERATED_ITEMS = 4;
/** Unbounded strings stay readable in reports. */
const MAX_GENERATED_LENGTH = 40;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? MAX_GENERATED_LENGTH, Math.max(minLength, MAX_GENERATED_LENGTH));
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String));
  // 'medium' reaches past fast-check's small default (about 10 characters): lengths over 10 are common bugs.
  if (!schema.pattern) return fc.string({ minLength, maxLength, size: 'medium' });
  return fc
    .stringMatching(new RegExp(`^(?:${schema.pattern})$`, 'u'), { size: 'small' })
    .filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
}

/** A valid value of the schema: required members always, optional ones sometimes. */
export function valueArbitrary(input: JsonSchema): fc.Arbitrary<unknown> {
  const schema = effectiveSchema(input);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: 0, max: 1000 });
    case 'array':
      return fc.array(valueArbitrary(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, Math.max(schema.minItems ?? 0, MAX_GENERATED_ITEMS)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, valueArbitrary(s)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
    }
    default:
      return fc.constant(null);
  }
}

export type Validity = 'valid' | 'invalid';

export const PROPERTY_TITLES: Record<Validity, string> = {
  valid: 'answers random valid requests as documented',
  invalid: 'rejects random requests that break one documented rule with 400',
};

/** A case built from a generated request, ready for the runner. */
function propertyCase(
  op: OperationModel,
  validity: Validity,
  request: { pathParams: Record<string, string>; body: string | undefined },
  broken?: ConformanceCase,
): ConformanceCase {
  const { pathParams, body } = request;
  return {
    id: `${op.id}/property/${validity}`,
    operationId: op.id,
    kind: 'property',
    title: PROPERTY_TITLES[validity],
    rule: broken?.rule,
    breaks: broken?.breaks ?? [],
    pathParams,
    body,
    expect: validity === 'valid' ? 'documented' : 'rejected',
  };
}

/**
 * Random valid requests on the fixtures' resource of the operation. Their outcome may depend on
 * business rules the schemas do not hold (a profile that must exist), so they expect a documented
 * answer, not a success.
 */
export function validRequests(op: OperationModel, fixtures: Fixtures): fc.Arbitrary<ConformanceCase> {
  const { pathParams } = validScenario(op, fixtures);
  const body = op.body ? valueArbitrary(op.body.schema) : fc.constant(undefined);
  return body.map((value) =>
    propertyCase(op, 'valid', { pathParams: pathParams, body: value === undefined ? undefined : JSON.stringify(value) }),
  );
}

/** Random requests that break exactly one documented rule: a random valid one, then one of its negative cases. */
export function invalidRequests(
  op: OperationModel,
  fixtures: Fixtures,
  pathParams: Record<string, string> = validScenario(op, fixtures).pathParams,
): fc.Arbitrary<ConformanceCase> {
  const body = op.body ? valueArbitrary(op.body.schema) : fc.constant({});
  return body.chain((value) => {
    const negatives = negativeCases(op, pathParams, (value ?? {}) as Record<string, unknown>);
    return fc
      .constantFrom(...negatives)
      .map((broken) => propertyCase(op, 'invalid', { pathParams: broken.pathParams, body: broken.body }, broken));
  });
}
