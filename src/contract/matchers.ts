/**
 * Pact matchers taken from the spec's schemas, so a contract is as strict as the spec and no
 * stricter: a pattern becomes a regex matcher, an enum a regex of its values and its tolerated
 * values, a scalar a type matcher, an array its documented item limits. Object members are kept as
 * the example gives them; Pact already lets a response carry members the contract does not name.
 *
 * Pact's own regex engine (the Rust core of pact-js 16.4) matches the whole value, as if anchored,
 * and reads `\w` as any Unicode word character, where the spec's patterns are ECMA-262 (ASCII `\w`)
 * and unanchored unless they say `^...$` (QUICKSIGHT-FACTS.md, Patterns). pactRegex() rewrites a
 * pattern so that Pact accepts every value the spec accepts and refuses every value the spec
 * refuses; tests/contract/pact-regex.test.ts runs both readings through Pact's engine.
 */
import { MatchersV3 as M } from '@pact-foundation/pact';
import { acceptedValues, effectiveSchema, type JsonSchema } from '../spec';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A spec pattern as Pact's engine must read it: `\w` spelt out as ASCII (inside a class or not),
 * and an unanchored pattern wrapped so that a match anywhere in the value is enough.
 */
export function pactRegex(pattern: string): string {
  // Hand-written: no library translates between regex dialects; the patterns are the spec's few.
  let inClass = false;
  let out = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next === 'w') out += inClass ? 'A-Za-z0-9_' : '[A-Za-z0-9_]';
      else if (next === 'W' || next === 'd' || next === 'D' || next === 's' || next === 'S' || next === 'b' || next === 'B') {
        throw new Error(`pactRegex: \\${next} reads differently in Pact's engine; spell it out in the spec's pattern ${pattern}`);
      } else out += c + next;
      i += 1;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  const anchored = pattern.startsWith('^') && pattern.endsWith('$');
  return anchored ? out : `[\\s\\S]*(?:${out})[\\s\\S]*`;
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
  const values = acceptedValues(schema);
  if (values) return M.regex(`^(${values.map((v) => escapeRegex(String(v))).join('|')})$`, example);
  if (schema.pattern) return M.regex(pactRegex(schema.pattern), example);
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

/** A JSON media type as verify's json-content-type check reads one, in Pact's regex dialect (whole value, any case). */
export const JSON_MEDIA_TYPE = '(?i)^application/(?:json|[A-Za-z0-9_.+-]+\\+json|x-amz-json-1\\.[01]) *(?:;.*)?$';

/**
 * The response headers the contract requires: a JSON media type (any an SDK reads), and for an
 * error its type, in the `:`-suffixed form SDKs also read (QUICKSIGHT-FACTS.md, wire protocol).
 * x-amzn-RequestId is not required: the request id may come in the body's RequestId instead. An
 * error type sent only as `__type` in the body is a form Pact cannot express beside the header (a
 * contract holds no alternatives): verify accepts it, pact-verify does not (README).
 */
export function responseHeaderMatchers(errorType: string | undefined): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'Content-Type': M.regex(JSON_MEDIA_TYPE, 'application/json') };
  if (errorType) headers['x-amzn-ErrorType'] = M.regex(`^${escapeRegex(errorType)}(:.*)?$`, errorType);
  return headers;
}
