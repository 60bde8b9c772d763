import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';
import { ToolError } from '../errors';
import { buildModel, type OpenApiDocument, type SpecModel } from './model';
import { DEFAULT_SPEC_PATH } from './paths';

const cache = new Map<string, Promise<SpecModel>>();

/**
 * Loads and dereferences the spec. Validation against the OpenAPI meta-schema is left to the tests
 * and CI (`tests/spec`), so that every command does not pay for it at start-up.
 */
export function loadSpec(file: string = DEFAULT_SPEC_PATH): Promise<SpecModel> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = readAndBuild(file);
    cache.set(file, loaded);
  }
  return loaded;
}

async function readAndBuild(file: string): Promise<SpecModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ToolError('SPEC_UNREADABLE', `cannot read the spec ${file}: ${(error as Error).message}`);
  }
  try {
    const document = (await SwaggerParser.dereference(parse(text) as never)) as unknown as OpenApiDocument;
    return buildModel(document);
  } catch (error) {
    throw new ToolError('SPEC_INVALID', `the spec ${file} does not load: ${(error as Error).message}`);
  }
}
