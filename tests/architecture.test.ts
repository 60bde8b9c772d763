/**
 * The layering of ARCHITECTURE.md, enforced: data flows spec → findings/protocol → the commands → reports → cli, and
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
  // The programmatic API: the commands as functions, and the CLI's defaults.
  'index.ts': [
    'cli',
    'client',
    'errors.ts',
    'findings',
    'fixtures',
    'mock',
    'pact-check',
    'pact-file',
    'proxy',
    'reports',
    'spec',
    'verify',
  ],
  generated: [],
  json: [],
  spec: ['generated', 'errors.ts', 'json'],
  findings: ['spec'],
  protocol: ['spec', 'findings', 'json'],
  fixtures: ['generated'],
  cases: ['spec', 'fixtures', 'generated', 'protocol'],
  'pact-file': [],
  contract: ['spec', 'fixtures', 'cases', 'protocol', 'pact-file'],
  'pact-check': ['spec', 'findings', 'protocol', 'pact-file'],
  'pact-verify': ['fixtures', 'findings', 'protocol', 'pact-file'],
  docs: ['spec', 'findings'],
  model: ['spec', 'fixtures', 'generated', 'protocol', 'json'],
  mock: ['spec', 'fixtures', 'generated', 'protocol', 'model', 'json'],
  runner: ['cases', 'spec', 'protocol'],
  checks: ['runner', 'cases', 'spec', 'fixtures', 'protocol', 'findings', 'model', 'json'],
  verify: ['cases', 'checks', 'runner', 'spec', 'fixtures', 'errors.ts', 'protocol', 'findings', 'model'],
  client: ['spec', 'fixtures', 'mock', 'errors.ts', 'protocol', 'findings'],
  proxy: ['spec', 'fixtures', 'protocol', 'findings', 'model', 'mock', 'client', 'cases', 'checks', 'runner', 'contract', 'pact-file'],
  reports: ['verify', 'checks', 'runner', 'pact-check', 'pact-verify', 'client', 'proxy', 'findings', 'spec', 'protocol'],
  cli: [
    'model',
    'spec',
    'docs',
    'errors.ts',
    'fixtures',
    'pact-file',
    'pact-check',
    'pact-verify',
    'mock',
    'checks',
    'reports',
    'verify',
    'client',
    'proxy',
    'protocol',
    'findings',
  ],
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

test('only the contract matchers and the Verifier worker load @pact-foundation/pact, and nothing imports the worker at run time', () => {
  const loaders = imports
    .filter((i) => i.specifiers.some((s) => s.startsWith('@pact-foundation/pact')))
    .map((i) => i.file)
    .sort();
  expect(loaders).toEqual([path.join('contract', 'matchers.ts'), path.join('pact-verify', 'verifier-worker.ts')].sort());
  expect(readFileSync(path.join(SRC, 'contract/index.ts'), 'utf8')).not.toContain('./matchers');
  expect(readFileSync(path.join(SRC, 'pact-verify/index.ts'), 'utf8')).not.toContain('./verifier-worker');
  // The worker is forked by src/pact-verify/worker.ts; only `import type` may name it.
  for (const file of sourceFiles(SRC).filter((f) => !f.endsWith('verifier-worker.ts'))) {
    const rel = path.relative(SRC, file);
    expect(`${rel}: ${/^import\s(?!type\s)[^;]*'\.\/verifier-worker'/m.test(readFileSync(file, 'utf8'))}`).toBe(`${rel}: false`);
  }
});
