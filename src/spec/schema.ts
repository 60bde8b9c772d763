import type { JsonSchema } from './model';

/**
 * A schema as a reader (or a matcher) sees it: an error response's `anyOf` narrowed to the branch
 * of the given error type (else its first), and `allOf` parts merged under the schema's own
 * keywords, so an error schema keeps its own description and gains the shared body's members.
 */
export function effectiveSchema(schema: JsonSchema, errorType?: string): JsonSchema {
  if (schema.anyOf) {
    const branch = schema.anyOf.find((s) => s['x-aws-error-type'] === errorType) ?? schema.anyOf[0];
    return branch ? effectiveSchema(branch, errorType) : {};
  }
  if (!schema.allOf) return schema;
  const { allOf, ...own } = schema;
  // Object.assign lets the last source win: the schema's own keywords, then the first part, over the later parts.
  const byPriority = [own, ...allOf.map((part) => effectiveSchema(part))].reverse();
  const merged: JsonSchema = Object.assign({}, ...byPriority);
  return { ...merged, properties: Object.assign({}, ...byPriority.map((part) => part.properties)) };
}

/**
 * The values an enum accepts as AWS does: the documented ones, then those the AWS model also
 * accepts (`x-tolerated-values`). Undefined for a schema without an enum.
 */
export function acceptedValues(schema: JsonSchema): unknown[] | undefined {
  if (!schema.enum) return undefined;
  return [...new Set([...schema.enum, ...(schema['x-tolerated-values'] ?? [])])];
}
