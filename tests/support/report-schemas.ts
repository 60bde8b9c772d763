/**
 * Every JSON report a test writes is validated here against its published schema
 * (src/reports/schemas/<report>.schema.json, the finding shared in finding.schema.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { PROJECT_ROOT } from '../../src/spec';

const SCHEMA_DIR = path.join(PROJECT_ROOT, 'src/reports/schemas');

// Formats are documentation here (date-time); the shape is what the tests pin.
const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
export const SCHEMAS: Record<string, { $id: string }> = {};
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
  const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as { $id: string };
  SCHEMAS[file.replace('.schema.json', '')] = schema;
  ajv.addSchema(schema);
}

/** The schema errors of a parsed JSON report (empty when it validates), by the schema its `report` names. */
function reportSchemaErrors(report: unknown): ErrorObject[] | string {
  const name = (report as { report?: unknown } | null)?.report;
  if (typeof name !== 'string' || !SCHEMAS[name] || name === 'finding') return `no schema for report ${JSON.stringify(name)}`;
  const validate = ajv.getSchema(SCHEMAS[name].$id);
  if (!validate) return `schema ${name} did not compile`;
  validate(report);
  return validate.errors ?? [];
}

/** Parses a JSON report and expects it to validate against its schema. */
export function expectValidReport(text: string): unknown {
  const report = JSON.parse(text) as unknown;
  expect(reportSchemaErrors(report)).toEqual([]);
  return report;
}
