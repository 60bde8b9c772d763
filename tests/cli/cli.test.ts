/**
 * The CLI as a user runs it: in this process through main(argv, io) (runCli), and the built CLI
 * (`node dist/cli/main.js`, built from the current sources by tests/support/global-setup.ts) in a
 * child process for what only a process shows: its exit code and what reaches its stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';
import { runCli, spawnCli } from '../support/cli';

const run = (...args: string[]) => runCli(args);

test('summary lists the three operations with their paths, constraints and errors, and exits 0', async () => {
  const { code, stdout, stderr } = await run('summary');
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toContain('UpdateUser  PUT /accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}');
  expect(stdout).toContain('UpdateThemePermissions  PUT /accounts/{AwsAccountId}/themes/{ThemeId}/permissions');
  expect(stdout).toContain('UpdateCustomPermissions  PUT /accounts/{AwsAccountId}/custom-permissions/{CustomPermissionsName}');
  expect(stdout).toMatch(/path\s+CustomPermissionsName\s+string, required, length 1\.\.64, pattern \^\[a-zA-Z0-9\+=,\.@_-\]\+\$/);
  expect(stdout).toContain('403 UnsupportedUserEditionException');
});

test('summary prints no colour codes when stdout is not a TTY', async () => {
  expect((await run('summary')).stdout).not.toContain('\u001b[');
});

test('--help lists the commands and the exit codes', async () => {
  const { code, stdout } = await run('--help');
  expect(code).toBe(0);
  expect(stdout).toMatch(/summary\s/);
  expect(stdout).toMatch(/docs \[options\]/);
  expect(stdout).toContain('Exit codes: 0');
});

test('the built CLI: an unknown command exits 2 with a suggestion and no stack trace', async () => {
  const { code, stderr } = await spawnCli(['summry']);
  expect(code).toBe(2);
  expect(stderr).toContain("unknown command 'summry'");
  expect(stderr).toContain('Did you mean summary?');
  expect(stderr).not.toMatch(/\n\s+at /);
});

test('docs writes one constraint table per operation into --out', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-cli-docs-'));
  try {
    const { code } = await run('docs', '--out', dir);
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, 'constraints')).sort()).toEqual([
      'UpdateCustomPermissions.md',
      'UpdateThemePermissions.md',
      'UpdateUser.md',
    ]);
    expect(readFileSync(path.join(dir, 'constraints/UpdateUser.md'), 'utf8')).toContain(
      '| path | `UserName` | string | yes | ≥ 1 | `[\\u0020-\\u00FF]+` |',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('docs into a path that cannot be a folder exits 2 with one clear line', async () => {
  const { code, stderr } = await run('docs', '--out', path.join(PROJECT_ROOT, 'package.json'));
  expect(code).toBe(2);
  expect(stderr).toMatch(/^qs-contract: cannot write the constraint tables into .*package\.json\/constraints: /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
});
