/**
 * Pact matchers taken from the spec's schemas, so a contract is as strict as the spec and no
 * stricter: a pattern becomes a regex matcher, an enum a regex of its values and its tolerated
 * values, a scalar a type matcher, an array its documented item limits. Object members are kept as
 * the example gives them; Pact already lets a response carry members the contract does not name.
 *
 * The decisions are made once, here, over a matcher factory: the consumer tests hand it Pact's own
 * MatchersV3 (matchers.ts, which loads Pact's native core), and the proxy's recorder the plain
 * factory below, whose values are the same JSON (Pact's consumer DSL), turned into a V4 file's
 * `matchingRules` by toV4() without any Pact runtime.
 *
 * Pact's own regex engine (the Rust core of pact-js 16.4) matches the whole value, as if anchored,
 * and reads `\w` as any Unicode word character, where the spec's patterns are ECMA-262 (ASCII `\w`)
 * and unanchored unless they say `^...$` (QUICKSIGHT-FACTS.md, Patterns). pactRegex() rewrites a
 * pattern so that Pact accepts every value the spec accepts and refuses every value the spec
 * refuses; tests/contract/pact-regex.test.ts runs both readings through Pact's engine.
 */
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

/** The matchers the decisions use, with MatchersV3's signatures (pact-js `v3/matchers`). */
export interface MatcherFactory {
  regex(pattern: string, example: string): unknown;
  string(example: string): unknown;
  boolean(example: boolean): unknown;
  integer(example: number): unknown;
  number(example: number): unknown;
  constrainedArrayLike(template: unknown, min: number, max: number, count?: number): unknown;
  atMostLike(template: unknown, max: number, count?: number): unknown;
  atLeastLike(template: unknown, min: number, count?: number): unknown;
}

const like = (template: unknown, count: number) => Array.from({ length: count }, () => template);

/**
 * MatchersV3's values, as plain JSON: importing Pact's own would load its native core (tens of MB)
 * into a command that only writes a file. tests/contract/rules.test.ts holds the two equal.
 */
export const PLAIN_MATCHERS: MatcherFactory = {
  regex: (regex, value) => ({ 'pact:matcher:type': 'regex', regex, value }),
  string: (value) => ({ 'pact:matcher:type': 'type', value }),
  boolean: (value) => ({ 'pact:matcher:type': 'type', value }),
  integer: (value) => ({ 'pact:matcher:type': 'integer', value }),
  number: (value) => ({ 'pact:matcher:type': 'number', value }),
  constrainedArrayLike: (template, min, max, count) => ({ min, max, 'pact:matcher:type': 'type', value: like(template, count || min) }),
  atMostLike: (template, max, count) => ({ max, 'pact:matcher:type': 'type', value: like(template, count || 1) }),
  atLeastLike: (template, min, count) => ({ min, 'pact:matcher:type': 'type', value: like(template, count || min) }),
};

function arrayMatcher(m: MatcherFactory, schema: JsonSchema, example: unknown[]): unknown {
  const itemSchema = schema.items ?? {};
  const [head, ...rest] = example;
  if (head === undefined) return example;
  const template = buildMatchers(m, itemSchema, head);
  const { minItems: min, maxItems: max } = schema;
  const matcher =
    min !== undefined && max !== undefined
      ? m.constrainedArrayLike(template, min, max, example.length)
      : max !== undefined
        ? m.atMostLike(template, max, example.length)
        : m.atLeastLike(template, min ?? 0, example.length);
  // The first item carries the matchers (they apply to every item); the others stay as their
  // example values, so the contract shows real data without repeating each rule per item.
  return { ...(matcher as object), value: [template, ...rest] };
}

function stringMatcher(m: MatcherFactory, schema: JsonSchema, example: string): unknown {
  const values = acceptedValues(schema);
  if (values) return m.regex(`^(${values.map((v) => escapeRegex(String(v))).join('|')})$`, example);
  if (schema.pattern) return m.regex(pactRegex(schema.pattern), example);
  return m.string(example);
}

/** The example value with a matcher on every member that the schema constrains. */
export function buildMatchers(m: MatcherFactory, schema: JsonSchema, example: unknown, errorType?: string): unknown {
  const effective = effectiveSchema(schema, errorType);
  if (Array.isArray(example)) return arrayMatcher(m, effective, example);
  if (example !== null && typeof example === 'object') {
    return Object.fromEntries(
      Object.entries(example).map(([key, value]) => [key, buildMatchers(m, effective.properties?.[key] ?? {}, value)]),
    );
  }
  switch (typeof example) {
    case 'string':
      return stringMatcher(m, effective, example);
    case 'boolean':
      return m.boolean(example);
    case 'number':
      return effective.type === 'integer' ? m.integer(example) : m.number(example);
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
export function buildResponseHeaderMatchers(
  m: MatcherFactory,
  errorType: string | undefined,
  contentType = 'application/json',
): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'Content-Type': m.regex(JSON_MEDIA_TYPE, contentType) };
  if (errorType) headers['x-amzn-ErrorType'] = m.regex(`^${escapeRegex(errorType)}(:.*)?$`, errorType);
  return headers;
}

/** A V4 file's matcher: `{"match": "regex", "regex": ...}`, `{"match": "type", "min": 1, "max": 20}`. */
export type V4Matcher = Record<string, unknown> & { match: string };
export type V4Rules = Record<string, { combine: 'AND'; matchers: V4Matcher[] }>;

const MATCHER = 'pact:matcher:type';
const isMatcher = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && MATCHER in value;

/** `$.User.Email`, `$.Permissions[*].Actions`; a member that is no identifier as `$['a b']`. */
const memberPath = (base: string, key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}['${key}']`);

/**
 * A value in Pact's consumer DSL as a V4 file holds it: the example content, and a rule per JSON
 * path, as Pact's core writes them (a type-matched array's template under `[*]`). Paths start at
 * `root` (`$` for a body; a header's own name for a header).
 */
export function toV4(value: unknown, root = '$'): { content: unknown; rules: V4Rules } {
  const rules: V4Rules = {};
  const walk = (node: unknown, path: string): unknown => {
    if (isMatcher(node)) {
      const { [MATCHER]: match, value: inner, ...options } = node;
      rules[path] = { combine: 'AND', matchers: [{ match: String(match), ...options }] };
      if (Array.isArray(inner)) {
        // The first item is the template every item is matched against; the others are example data.
        const [template, ...rest] = inner;
        return template === undefined ? [] : [walk(template, `${path}[*]`), ...rest.map((item) => plain(item))];
      }
      return walk(inner, path);
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, member]) => [key, walk(member, memberPath(path, key))]));
    }
    return node;
  };
  const plain = (node: unknown): unknown => toV4(node, '$').content;
  const content = walk(value, root);
  return { content, rules };
}
