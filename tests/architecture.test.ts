/**
 * The layering of ARCHITECTURE.md, enforced: data flows spec → (fixtures) → pact/docs → cli, and
 * Pact's native core is loaded only where a command needs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/spec';

const SRC = path.join(PROJECT_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );
}

const imports = sourceFiles(SRC).map((file) => ({
  file: path.relative(SRC, file),
  layer: path.relative(SRC, file).split(path.sep)[0] as string,
  specifiers: [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s(?:[^'"]*\sfrom\s)?'([^']+)'/gm)].map((m) => m[1] as string),
}));

/** Which src/ folders each folder may import from. */
const ALLOWED: Record<string, string[]> = {
  'errors.ts': [],
  generated: [],
  spec: ['generated', 'errors.ts'],
  fixtures: ['generated'],
  cases: ['spec', 'fixtures', 'generated'],
  pact: ['spec', 'fixtures', 'cases'],
  docs: ['spec'],
  mock: ['spec', 'fixtures', 'generated'],
  runner: ['cases', 'spec'],
  checks: ['runner', 'cases', 'spec', 'fixtures'],
  verify: ['cases', 'checks', 'runner', 'spec', 'fixtures', 'errors.ts'],
  reports: ['verify', 'checks', 'runner', 'pact', 'client'],
  client: ['spec', 'fixtures', 'mock', 'errors.ts'],
  cli: ['spec', 'docs', 'errors.ts', 'fixtures', 'pact', 'mock', 'checks', 'reports', 'verify', 'client'],
};

test.each(imports.map((i) => [i.file, i] as const))('%s imports only from the layers below it', (_file, { file, layer, specifiers }) => {
  const allowed = ALLOWED[layer];
  expect(allowed).toBeDefined();
  for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
    const target = path.relative(SRC, path.resolve(SRC, path.dirname(file), specifier)).split(path.sep)[0] as string;
    const targetLayer = target === 'errors' ? 'errors.ts' : target;
    if (targetLayer !== layer)
      expect(`${file} -> ${targetLayer}`).toBe(allowed?.includes(targetLayer) ? `${file} -> ${targetLayer}` : 'an allowed layer');
  }
});

test('only src/pact/matchers.ts and the Verifier worker load @pact-foundation/pact, and nothing imports the worker at run time', () => {
  const loaders = imports
    .filter((i) => i.specifiers.some((s) => s.startsWith('@pact-foundation/pact')))
    .map((i) => i.file)
    .sort();
  expect(loaders).toEqual([path.join('pact', 'matchers.ts'), path.join('pact', 'verifier-worker.ts')].sort());
  const index = readFileSync(path.join(SRC, 'pact/index.ts'), 'utf8');
  expect(index).not.toContain('./matchers');
  expect(index).not.toContain('./verifier-worker');
  // The worker is forked by src/pact/verifier.ts; only `import type` may name it.
  for (const file of sourceFiles(SRC).filter((f) => !f.endsWith('verifier-worker.ts'))) {
    const rel = path.relative(SRC, file);
    expect(`${rel}: ${/^import\s(?!type\s)[^;]*'\.\/verifier-worker'/m.test(readFileSync(file, 'utf8'))}`).toBe(`${rel}: false`);
  }
});
