/**
 * Values for one constraint at a time. The documents' patterns are ECMA-262 and unanchored unless
 * they say `^...$` (QUICKSIGHT-FACTS.md, Patterns): a value meant to be valid must match anchored
 * (so it matches under both readings), a value meant to break a pattern must not match at all
 * (so it breaks under both), and the suite never depends on which reading a server uses.
 */
import { effectiveSchema, type JsonSchema } from '../spec';

/** Tried in order; ASCII first so that generated values read plainly in reports. */
const CANDIDATES = ['a', '0', 'A', '.', '-', '_', ' ', 'é', '!', '~', '/', 'Ā', '名'];

const compiled = new Map<string, { anchored: RegExp; unanchored: RegExp }>();

function regexes(pattern: string): { anchored: RegExp; unanchored: RegExp } {
  let pair = compiled.get(pattern);
  if (!pair) {
    pair = { anchored: new RegExp(`^(?:${pattern})$`, 'u'), unanchored: new RegExp(pattern, 'u') };
    compiled.set(pattern, pair);
  }
  return pair;
}

/** Valid under both readings: the anchored reading accepts it (the unanchored one then does too). */
export function matchesBothReadings(pattern: string, value: string): boolean {
  return regexes(pattern).anchored.test(value);
}

/** Broken under both readings: not even the unanchored reading finds a match. */
export function breaksBothReadings(pattern: string, value: string): boolean {
  return !regexes(pattern).unanchored.test(value);
}

/** A string of exactly `length` characters that the schema's pattern accepts, if one candidate does. */
export function validStringOfLength(schema: JsonSchema, length: number): string | undefined {
  for (const c of CANDIDATES) {
    const value = c.repeat(length);
    if (!schema.pattern || matchesBothReadings(schema.pattern, value)) return value;
  }
  return undefined;
}

/**
 * A string of `length` characters (outside the length bounds) made of characters the pattern
 * accepts: valid but for its length where the pattern allows that, else the pattern's own
 * characters (`^[0-9]{12}$` gives a 13-digit account id, not `xxxxxxxxxxxxx`), so a server that
 * checks the characters but not the length is still caught.
 */
export function offLengthString(schema: JsonSchema, length: number): string {
  const valid = validStringOfLength(schema, length);
  if (valid !== undefined) return valid;
  const inBounds = Math.max(schema.minLength ?? 1, 1);
  const c = CANDIDATES.find((candidate) => !schema.pattern || matchesBothReadings(schema.pattern, candidate.repeat(inBounds))) ?? 'x';
  return c.repeat(length);
}

/** A string within the length bounds that breaks the pattern under both readings, if one candidate does. */
export function patternBreakingString(schema: JsonSchema, preferredLength: number): string | undefined {
  if (!schema.pattern) return undefined;
  const length = Math.min(Math.max(preferredLength, schema.minLength ?? 0, 1), schema.maxLength ?? Number.POSITIVE_INFINITY);
  for (const c of CANDIDATES) {
    const value = c.repeat(length);
    if (breaksBothReadings(schema.pattern, value)) return value;
  }
  return undefined;
}

/** A value outside the enum and outside what AWS also accepts (`x-tolerated-values`). */
export function outsideEnum(schema: JsonSchema): string {
  const taken = new Set([...(schema.enum ?? []), ...(schema['x-tolerated-values'] ?? [])].map(String));
  let value = 'NOT_A_DOCUMENTED_VALUE';
  while (taken.has(value)) value = `${value}_`;
  return value;
}

/** A small valid value of the schema: its first enum value, a shortest valid string, required members only. */
export function sampleValue(input: JsonSchema): unknown {
  const schema = effectiveSchema(input);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return validStringOfLength(schema, Math.max(schema.minLength ?? 1, 1));
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return 0;
    case 'array': {
      const item = sampleValue(schema.items ?? {});
      return item === undefined ? undefined : Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => item);
    }
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleValue(schema.properties?.[name] ?? {})]));
    default:
      return undefined;
  }
}

/** A JSON value of another type than the schema's, chosen so that it is plainly wrong. */
export function wrongType(schema: JsonSchema): unknown {
  switch (schema.type) {
    case 'string':
      return 42;
    case 'boolean':
      return 'true';
    case 'integer':
    case 'number':
      return '1';
    case 'array':
      return {};
    case 'object':
      return 'not an object';
    default:
      return undefined;
  }
}
