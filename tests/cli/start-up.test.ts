/**
 * What a command's process loads: its own command module and what it uses, never the other commands'
 * (the mock, the proxy, the client runner, Pact) nor what only a flag needs (YAML, the JUnit writer,
 * the AWS credential chain). Start-up time is what BENCHMARKS.md measures; this checks the cause.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';
import { CLI, CLI_ENV } from '../support/cli';

let dir: string;
let preload: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-start-'));
  preload = path.join(dir, 'loaded.js');
  // Prints the modules the process required, as paths from the project (node_modules/<package> for a dependency).
  writeFileSync(
    preload,
    "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadedBy(args: string[]): { code: number | null; modules: string[] } {
  const run = spawnSync(process.execPath, ['-r', preload, CLI, ...args], { cwd: dir, encoding: 'utf8', env: CLI_ENV, timeout: 60_000 });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED ')) ?? 'LOADED []';
  const modules = (JSON.parse(line.slice('LOADED '.length)) as string[])
    .filter((file) => file.startsWith(PROJECT_ROOT))
    .map((file) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/'))
    .map((file) => file.replace(/^(node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, '$1'));
  return { code: run.status, modules: [...new Set(modules)] };
}

test('verify --target builtin loads its own command only, and no YAML, JUnit, credential chain, client runner or proxy', () => {
  const { code, modules } = loadedBy(['verify', '--target', 'builtin', '--examples', '2', '--no-color']);
  expect(code).toBe(0);
  expect(modules.filter((m) => m.startsWith('dist/cli/commands/'))).toEqual(['dist/cli/commands/verify.js']);
  expect(modules).toEqual(expect.arrayContaining(['dist/verify/index.js', 'dist/mock/index.js', 'node_modules/ajv']));
  for (const unused of [
    'node_modules/yaml',
    'node_modules/junit-report-builder',
    'node_modules/@aws-sdk/credential-providers',
    'node_modules/@pactflow/openapi-pact-comparator',
    'dist/client/check-client.js',
    'dist/proxy/index.js',
    'dist/pact-verify/index.js',
  ])
    expect(modules).not.toContain(unused);
});

test('verify --junit loads the JUnit writer it needs', () => {
  const { code, modules } = loadedBy([
    'verify',
    '--target',
    'builtin',
    '--examples',
    '2',
    '--no-color',
    '--junit',
    path.join(dir, 'v.xml'),
  ]);
  expect(code).toBe(0);
  expect(modules).toContain('node_modules/junit-report-builder');
});

test('--help loads every command, to list them', () => {
  const { code, modules } = loadedBy(['--help']);
  expect(code).toBe(0);
  expect(modules.filter((m) => m.startsWith('dist/cli/commands/')).length).toBe(8);
});
