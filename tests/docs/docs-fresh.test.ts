import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constraintDocs, findingCodesDoc, registerDoc, withFindingCodesBlock, withRegisterBlock } from '../../src/docs';
import { ALL_CODES } from '../../src/findings';
import { loadSpec, PROJECT_ROOT } from '../../src/spec';

const stale = (file: string) => `${file} is stale: run \`npm run docs\` and commit the result.`;

test.each([...constraintDocs(loadSpec())])('docs/constraints/%s is fresh', (file, markdown) => {
  const committed = readFileSync(path.join(PROJECT_ROOT, 'docs/constraints', file), 'utf8');
  if (committed !== markdown) throw new Error(stale(`docs/constraints/${file}`));
});

test("docs/ambiguity-register.md and the README's register block are what the spec gives today", () => {
  const model = loadSpec();
  if (readFileSync(path.join(PROJECT_ROOT, 'docs/ambiguity-register.md'), 'utf8') !== registerDoc(model))
    throw new Error(stale('docs/ambiguity-register.md'));
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const regenerated = withRegisterBlock(readme, model);
  expect(regenerated).toBeDefined();
  if (regenerated !== readme) throw new Error(stale("README.md's ambiguity-register block"));
});

test("docs/finding-codes.md and the README's finding-codes block are what src/findings/codes.ts gives today", () => {
  if (readFileSync(path.join(PROJECT_ROOT, 'docs/finding-codes.md'), 'utf8') !== findingCodesDoc())
    throw new Error(stale('docs/finding-codes.md'));
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const regenerated = withFindingCodesBlock(readme);
  expect(regenerated).toBeDefined();
  if (regenerated !== readme) throw new Error(stale("README.md's finding-codes block"));
  for (const code of ALL_CODES) expect(readme).toContain(`| \`${code}\` |`);
});

test('a finding-codes block that lacks a code of the catalogue is rewritten with it', () => {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('| `response.request-id.missing` |')) as string;
  expect(row).toBeDefined();
  const stale = readme.replace(`${row}\n`, '');
  expect(withFindingCodesBlock(stale)).toBe(readme);
});

test('docs/quicksight.html is what Redocly renders from the spec today', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-docs-'));
  try {
    const fresh = path.join(dir, 'quicksight.html');
    execFileSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'node_modules/@redocly/cli/bin/cli.js'),
        'build-docs',
        'openapi/quicksight.yaml',
        '--inlineBundle',
        '--output',
        fresh,
      ],
      { cwd: PROJECT_ROOT, stdio: 'pipe', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    );
    if (!readFileSync(fresh).equals(readFileSync(path.join(PROJECT_ROOT, 'docs/quicksight.html'))))
      throw new Error(stale('docs/quicksight.html'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every constraint table row names its source document', () => {
  for (const markdown of constraintDocs(loadSpec()).values()) {
    const rows = markdown.split('\n').filter((line) => /^\| (path|body|response) \|/.test(line));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/\| (seeds\/\d{3}_[0-9a-f]+\.txt|QUICKSIGHT-FACTS\.md#[a-z0-9-]+) \|$/);
  }
});
