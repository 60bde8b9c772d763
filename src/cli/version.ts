import { readFileSync } from 'node:fs';
import path from 'node:path';
// The paths module, not the spec's index: main reads the version before it knows the command, and the index loads ajv.
import { PROJECT_ROOT } from '../spec/paths';

export function toolVersion(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
