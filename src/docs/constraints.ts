/**
 * The constraint tables: every parameter and member of each operation with its type, whether it is
 * required, and its length, pattern, enum and item limits, each with the document it comes from.
 * A reviewer ticks them off against shared/seeds/ and QUICKSIGHT-FACTS.md.
 */
import { effectiveSchema, type JsonSchema, type OperationModel, resolveSource, type SpecModel } from '../spec';

export interface ConstraintRow {
  location: 'path' | 'body' | 'response';
  member: string;
  type: string;
  required: boolean;
  length: string;
  pattern: string;
  enum: string;
  items: string;
  source: string;
  description: string;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min === undefined && max === undefined) return '';
  if (min === max) return `exactly ${min}`;
  if (min === undefined) return `≤ ${max}`;
  if (max === undefined) return `≥ ${min}`;
  return `${min}..${max}`;
}

function typeOf(schema: JsonSchema): string {
  if (schema.type === 'array') return `array of ${typeOf(schema.items ?? {})}`;
  return String(schema.type ?? 'any');
}

/** A member's own source, else the one it inherits from its parent. */
function sourceOf(schema: JsonSchema, inherited: string, operationSource: string): string {
  return schema['x-source'] === undefined ? inherited : resolveSource(schema['x-source'], operationSource);
}

function enumText(schema: JsonSchema): string {
  const prose = schema['x-documented-values'];
  if (prose) return `(listed in the description, not a constraint: ${prose.join(', ')})`;
  if (!schema.enum) return '';
  const tolerated = schema['x-tolerated-values'];
  return schema.enum.join(' \\| ') + (tolerated ? ` (AWS also accepts ${tolerated.join(', ')})` : '');
}

/** A parameter or a member: where it is, its name (a path for a nested member), its schema and what documents it. */
interface Constrained {
  location: ConstraintRow['location'];
  member: string;
  schema: JsonSchema;
  required: boolean;
  source: string;
  description: string;
}

/** One table row: what a schema constrains, for a parameter or a member. */
function row({ location, member, schema, required, source, description }: Constrained): ConstraintRow {
  return {
    location,
    member,
    type: typeOf(schema),
    required,
    length: range(schema.minLength, schema.maxLength),
    pattern: schema.pattern ?? '',
    enum: enumText(schema),
    items: schema.type === 'array' ? range(schema.minItems, schema.maxItems) : '',
    source,
    description: description.split('\n')[0] ?? '',
  };
}

/** The members of an object schema: where it is, the path to it ('' at the top) and the source it inherits. */
interface Members {
  location: ConstraintRow['location'];
  schema: JsonSchema;
  prefix: string;
  inherited: string;
}

function rowsOf(op: OperationModel, { location, schema, prefix, inherited }: Members): ConstraintRow[] {
  const rows: ConstraintRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const member = effectiveSchema(raw);
    const source = sourceOf(member, inherited, op.source);
    const path = prefix ? `${prefix}.${name}` : name;
    rows.push(row({ location, member: path, schema: member, required: required.has(name), source, description: member.description ?? '' }));
    if (member.type === 'array' && member.items?.properties)
      rows.push(
        ...rowsOf(op, { location, schema: member.items, prefix: `${path}[]`, inherited: sourceOf(member.items, source, op.source) }),
      );
    else if (member.properties) rows.push(...rowsOf(op, { location, schema: member, prefix: path, inherited: source }));
  }
  return rows;
}

export function constraintRows(op: OperationModel): ConstraintRow[] {
  const pathRows = op.pathParams.map((p) =>
    row({
      location: 'path',
      member: p.name,
      schema: p.schema,
      required: p.required,
      source: sourceOf(p.schema, op.source, op.source),
      description: p.description,
    }),
  );
  const top = (location: ConstraintRow['location'], schema: JsonSchema) =>
    rowsOf(op, { location, schema, prefix: '', inherited: sourceOf(schema, op.source, op.source) });
  const body = op.body ? top('body', op.body.schema) : [];
  const success = op.success.schema;
  const response = success ? top('response', success) : [];
  return [...pathRows, ...body, ...response];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => (text ? `\`${text}\`` : '');

/** One Markdown page per operation: its constraints, then its documented errors. */
function constraintTableMarkdown(op: OperationModel): string {
  const lines = [
    `# ${op.id} — constraints`,
    '',
    `\`${op.method} ${op.pathTemplate}\` — ${op.summary}`,
    '',
    `Generated from \`openapi/quicksight.yaml\` by \`npm run docs\`; do not edit. Source of the operation: \`${op.source}\`.`,
    '',
    '## Parameters and members',
    '',
    '| in | member | type | required | length | pattern | enum | items | source |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...constraintRows(op).map(
      (r) =>
        `| ${[
          r.location,
          code(r.member),
          r.type,
          r.required ? 'yes' : 'no',
          r.length,
          code(cell(r.pattern)),
          r.enum,
          r.items,
          cell(r.source),
        ].join(' | ')} |`,
    ),
    '',
    `## Responses`,
    '',
    `The success is ${op.success.status}${
      op.success.schema?.['x-status-in-body']
        ? ', and `Status` is also a member of its body'
        : '; `Status` is the status line, not a body member'
    }.`,
    '',
    '| status | error type | common error | source | description |',
    '| --- | --- | --- | --- | --- |',
    ...op.errors
      .slice()
      .sort((a, b) => a.status - b.status || Number(a.common) - Number(b.common) || a.type.localeCompare(b.type))
      .map((e) => `| ${e.status} | \`${e.type}\` | ${e.common ? 'yes' : 'no'} | ${cell(e.source)} | ${cell(e.description)} |`),
    '',
  ];
  return lines.join('\n');
}

export function constraintDocs(model: SpecModel): Map<string, string> {
  return new Map(model.operations.map((op) => [`${op.id}.md`, constraintTableMarkdown(op)]));
}
