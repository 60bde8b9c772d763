// npm run generate:spec: openapi/quicksight.parsed.json from openapi/quicksight.yaml (src/spec/parsed.ts says why), from dist/.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { DEFAULT_SPEC_PATH, PARSED_SPEC_PATH, parsedSpecText } = createRequire(import.meta.url)('../dist/spec');
writeFileSync(PARSED_SPEC_PATH, parsedSpecText(readFileSync(DEFAULT_SPEC_PATH, 'utf8')));
