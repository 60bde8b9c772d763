import { readFileSync } from 'node:fs';
import { ToolError } from '../errors';
import { dereferenceLocal } from './dereference';
import { buildModel, type OpenApiDocument, type SpecModel } from './model';
import { parseSpecText } from './parsed';
import { DEFAULT_SPEC_PATH } from './paths';

const cache = new Map<string, SpecModel>();

/**
 * Loads and dereferences the spec, once per file. Validation against the OpenAPI meta-schema is
 * left to the tests and CI (`tests/spec`), so that no command pays for it at start-up; for the same
 * reason the document comes from its generated JSON form when that was made from this text (`./parsed`).
 */
export function loadSpec(file: string = DEFAULT_SPEC_PATH): SpecModel {
  let model = cache.get(file);
  if (!model) {
    model = readAndBuild(file);
    cache.set(file, model);
  }
  return model;
}

function readAndBuild(file: string): SpecModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolError('SPEC_UNREADABLE', `cannot read the spec ${file}: ${(error as Error).message}`);
  }
  try {
    return buildModel(dereferenceLocal(parseSpecText(text) as OpenApiDocument));
  } catch (error) {
    throw new ToolError('SPEC_INVALID', `the spec ${file} does not load: ${(error as Error).message}`);
  }
}
