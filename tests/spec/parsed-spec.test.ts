import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SPEC_PATH, loadSpec, PARSED_SPEC_PATH, PROJECT_ROOT, parsedSpecText, parseYaml } from '../../src/spec';

const yamlText = readFileSync(DEFAULT_SPEC_PATH, 'utf8');

test('openapi/quicksight.parsed.json is what the spec parses to today', () => {
  if (readFileSync(PARSED_SPEC_PATH, 'utf8') !== parsedSpecText(yamlText))
    throw new Error('openapi/quicksight.parsed.json is stale: run `npm run generate:spec` and commit the result.');
});

test('the JSON form holds exactly the parsed YAML (no value JSON cannot say)', () => {
  expect((JSON.parse(readFileSync(PARSED_SPEC_PATH, 'utf8')) as { document: unknown }).document).toStrictEqual(parseYaml(yamlText));
});

/** What a fresh process loads for `loadSpec(file)` from the built dist/: the model's version, and whether `yaml` was required. */
function loadInProcess(file: string): { version: string; yaml: boolean } {
  const script = [
    `const model = require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist/spec'))}).loadSpec(${JSON.stringify(file)});`,
    "const yaml = Object.keys(require.cache).some((k) => k.includes(require('node:path').join('node_modules', 'yaml')));",
    'process.stdout.write(JSON.stringify({ version: model.document.info.version, yaml }));',
  ].join('\n');
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { version: string; yaml: boolean };
}

describe('loadSpec', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads the JSON form for the YAML it was made from, without requiring yaml', () => {
    expect(loadInProcess(DEFAULT_SPEC_PATH)).toEqual({ version: '2018-04-01', yaml: false });
  });

  test('parses a YAML whose text the JSON form was not made from: a stale JSON is never the spec', () => {
    const edited = path.join(dir, 'edited.yaml');
    expect(yamlText).toContain("\n  version: '2018-04-01'\n");
    writeFileSync(edited, yamlText.replace("\n  version: '2018-04-01'\n", "\n  version: '2099-01-01'\n"));
    expect(loadInProcess(edited)).toEqual({ version: '2099-01-01', yaml: true });
    expect(loadSpec(edited).document.info.version).toBe('2099-01-01');
  });

  test('the model from the JSON form is the model from the YAML', () => {
    // A comment changes the hash, not the document: this copy is parsed from its YAML.
    const commented = path.join(dir, 'commented.yaml');
    writeFileSync(commented, `${yamlText}# a comment\n`);
    expect(loadInProcess(commented).yaml).toBe(true);
    const [fromYaml, fromJson] = [loadSpec(commented), loadSpec()];
    expect(fromYaml.document).toStrictEqual(fromJson.document);
    expect(fromYaml.operations).toStrictEqual(fromJson.operations);
  });
});
