import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constraintDocs, registerDoc, withRegisterBlock } from '../../src/docs';
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
