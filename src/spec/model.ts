/**
 * The operation model: the parts of the OpenAPI document that the rest of the product reads,
 * flattened once so that no module walks the raw document itself.
 */
import type { operations } from '../generated/quicksight';

export type OperationId = keyof operations;

/** A JSON Schema (OpenAPI 3.1 dialect) as it stands in the dereferenced document. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  'x-source'?: string;
  'x-aws-error-type'?: string;
  'x-common-error'?: boolean;
  'x-tolerated-values'?: unknown[];
  /** A keyword a reading of the ambiguity register allows a response to break (`{ id, keyword }`). */
  'x-ambiguity'?: { id: string; keyword: string };
  'x-documented-values'?: unknown[];
  'x-facts-differ'?: string;
  'x-status-in-body'?: boolean;
  'x-reports-invalid-input'?: boolean;
  [keyword: string]: unknown;
}

export interface ParameterModel {
  name: string;
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/** One documented error of one operation. */
export interface ErrorModel {
  type: string;
  status: number;
  /** One of the errors common to all actions ("see Common Errors"), from the facts sheet. */
  common: boolean;
  description: string;
  source: string;
  schema: JsonSchema;
}

export interface ResponseModel {
  status: number;
  description: string;
  schema: JsonSchema | undefined;
  /** The response headers documented for this status (`x-amzn-RequestId`, `x-amzn-ErrorType`). */
  headers: string[];
  /** The error types documented for this status (empty for a success). */
  errorTypes: string[];
}

export interface OperationModel {
  id: OperationId;
  method: 'PUT';
  /** The documented path, with `{Name}` placeholders. */
  pathTemplate: string;
  summary: string;
  description: string;
  source: string;
  tag: string;
  pathParams: ParameterModel[];
  body: { required: boolean; schema: JsonSchema } | undefined;
  success: ResponseModel;
  responses: ResponseModel[];
  errors: ErrorModel[];
  /** UpdateThemePermissions' documented permission groupings (`x-valid-groupings`). */
  validGroupings: Record<string, string[]> | undefined;
}

export interface SpecModel {
  /** The dereferenced OpenAPI document. */
  document: OpenApiDocument;
  operations: OperationModel[];
  operation(id: OperationId): OperationModel;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, RawOperation>>;
  [key: string]: unknown;
}

interface RawOperation {
  operationId: string;
  summary: string;
  description: string;
  tags?: string[];
  'x-source': string;
  'x-valid-groupings'?: Record<string, string[]>;
  parameters?: { name: string; in: string; required?: boolean; description: string; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }>;
}

const JSON_MEDIA_TYPE = 'application/json';

/**
 * Where a fact of an operation comes from: a schema's own `x-source`, where `seeds/` (on a schema
 * the three pages share) means the operation's own page, else the operation's page.
 */
export function resolveSource(xSource: string | undefined, operationSource: string): string {
  return xSource === undefined || xSource === 'seeds/' ? operationSource : xSource;
}

/** The error schemas a response schema names: itself, or each branch of its `anyOf`. */
function errorSchemas(schema: JsonSchema | undefined): JsonSchema[] {
  if (!schema) return [];
  if (schema['x-aws-error-type']) return [schema];
  return (schema.anyOf ?? []).filter((branch) => branch['x-aws-error-type']);
}

function buildOperation(pathTemplate: string, method: string, raw: RawOperation): OperationModel {
  const responses: ResponseModel[] = Object.entries(raw.responses).map(([status, response]) => {
    const schema = response.content?.[JSON_MEDIA_TYPE]?.schema;
    return {
      status: Number(status),
      description: response.description,
      schema,
      headers: Object.keys(response.headers ?? {}),
      errorTypes: errorSchemas(schema).map((s) => s['x-aws-error-type'] as string),
    };
  });
  const errors: ErrorModel[] = responses.flatMap((response) =>
    errorSchemas(response.schema).map((schema) => ({
      type: schema['x-aws-error-type'] as string,
      status: response.status,
      common: schema['x-common-error'] === true,
      description: schema.description ?? '',
      source: resolveSource(schema['x-source'], raw['x-source']),
      schema,
    })),
  );
  const success = responses.find((r) => r.status >= 200 && r.status < 300);
  if (!success) throw new Error(`${raw.operationId} documents no success response`);
  const bodySchema = raw.requestBody?.content[JSON_MEDIA_TYPE]?.schema;
  return {
    id: raw.operationId as OperationId,
    method: method.toUpperCase() as 'PUT',
    pathTemplate,
    summary: raw.summary,
    description: raw.description,
    source: raw['x-source'],
    tag: raw.tags?.[0] ?? '',
    pathParams: (raw.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => ({ name: p.name, required: p.required === true, description: p.description, schema: p.schema })),
    body: bodySchema ? { required: raw.requestBody?.required === true, schema: bodySchema } : undefined,
    success,
    responses,
    errors,
    validGroupings: raw['x-valid-groupings'],
  };
}

export function buildModel(document: OpenApiDocument): SpecModel {
  const operations = Object.entries(document.paths).flatMap(([pathTemplate, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, raw]) => buildOperation(pathTemplate, method, raw)),
  );
  const byId = new Map(operations.map((op) => [op.id, op]));
  return {
    document,
    operations,
    operation(id) {
      const op = byId.get(id);
      if (!op) throw new Error(`no operation ${id} in the spec`);
      return op;
    },
  };
}
