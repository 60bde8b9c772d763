/**
 * Pact matchers taken from the spec's schemas, so a contract is as strict as the spec and no
 * stricter: a pattern becomes a regex matcher (copied verbatim, anchored only where the document
 * anchors it), an enum a regex of its values and its tolerated values, a scalar a type matcher,
 * an array its documented item limits. Object members are kept as the example gives them; Pact
 * already lets a response carry members the contract does not name.
 */
import { MatchersV3 as M } from '@pact-foundation/pact';
import { effectiveSchema, type JsonSchema } from '../spec';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function arrayMatcher(schema: JsonSchema, example: unknown[]): unknown {
  const itemSchema = schema.items ?? {};
  const [head, ...rest] = example;
  if (head === undefined) return example;
  const template = withMatchers(itemSchema, head);
  const { minItems: min, maxItems: max } = schema;
  const matcher =
    min !== undefined && max !== undefined
      ? M.constrainedArrayLike(template, min, max, example.length)
      : max !== undefined
        ? M.atMostLike(template, max, example.length)
        : M.atLeastLike(template, min ?? 0, example.length);
  // The first item carries the matchers (they apply to every item); the others stay as their
  // example values, so the contract shows real data without repeating each rule per item.
  return { ...matcher, value: [template, ...rest] };
}

function stringMatcher(schema: JsonSchema, example: string): unknown {
  if (schema.enum) {
    const values = [...schema.enum, ...(schema['x-tolerated-values'] ?? [])].map((v) => escapeRegex(String(v)));
    return M.regex(`^(${values.join('|')})$`, example);
  }
  if (schema.pattern) return M.regex(schema.pattern, example);
  return M.string(example);
}

/** The example value with a matcher on every member that the schema constrains. */
export function withMatchers(schema: JsonSchema, example: unknown, errorType?: string): unknown {
  const effective = effectiveSchema(schema, errorType);
  if (Array.isArray(example)) return arrayMatcher(effective, example);
  if (example !== null && typeof example === 'object') {
    return Object.fromEntries(Object.entries(example).map(([key, value]) => [key, withMatchers(effective.properties?.[key] ?? {}, value)]));
  }
  switch (typeof example) {
    case 'string':
      return stringMatcher(effective, example);
    case 'boolean':
      return M.boolean(example);
    case 'number':
      return effective.type === 'integer' ? M.integer(example) : M.number(example);
    default:
      return example;
  }
}
