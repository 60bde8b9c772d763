/**
 * The spec as parsed JSON, generated from `openapi/quicksight.yaml` (which stays the one hand-written
 * source) by `npm run generate:spec`. Parsing the YAML costs a command ~130 ms at start-up (requiring
 * `yaml` and its parse); `JSON.parse` of the same document costs about 1 ms. The file records the
 * SHA-256 of the YAML text it was made from, and is used only for a text with that hash: a stale file
 * is never read as the spec.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

export const PARSED_SPEC_PATH = path.join(PROJECT_ROOT, 'openapi', 'quicksight.parsed.json');

interface ParsedSpecFile {
  comment: string;
  sha256: string;
  document: unknown;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** YAML's parse, required on first use only: the commands that find the parsed file never load the library. */
export function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}

/** The text of the parsed-spec file for a YAML text (what `npm run generate:spec` writes). */
export function parsedSpecText(yamlText: string): string {
  const file: ParsedSpecFile = {
    comment:
      'Generated from openapi/quicksight.yaml by `npm run generate:spec`; do not edit. Used only while sha256 is the YAML text hash.',
    sha256: sha256(yamlText),
    document: parseYaml(yamlText),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The parsed document for a YAML text: from the generated file when it was made from this very text, else from the YAML. */
export function parseSpecText(yamlText: string): unknown {
  let parsed: ParsedSpecFile | undefined;
  try {
    parsed = JSON.parse(readFileSync(PARSED_SPEC_PATH, 'utf8')) as ParsedSpecFile;
  } catch {
    // No generated file (or an unreadable one): the YAML is the source either way.
  }
  return parsed?.sha256 === sha256(yamlText) ? parsed.document : parseYaml(yamlText);
}
