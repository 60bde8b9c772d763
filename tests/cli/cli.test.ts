/**
 * The built CLI, run as a user runs it: a real child process of `node dist/cli/main.js`
 * (built from the current sources by tests/support/global-setup.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';

const CLI = path.join(PROJECT_ROOT, 'dist/cli/main.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('summary lists the three operations with their paths, constraints and errors, and exits 0', () => {
  const { code, stdout, stderr } = run('summary');
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toContain('UpdateUser  PUT /accounts/{AwsAccountId}/namespaces/{Namespace}/users/{UserName}');
  expect(stdout).toContain('UpdateThemePermissions  PUT /accounts/{AwsAccountId}/themes/{ThemeId}/permissions');
  expect(stdout).toContain('UpdateCustomPermissions  PUT /accounts/{AwsAccountId}/custom-permissions/{CustomPermissionsName}');
  expect(stdout).toMatch(/path\s+CustomPermissionsName\s+string, required, length 1\.\.64, pattern \^\[a-zA-Z0-9\+=,\.@_-\]\+\$/);
  expect(stdout).toContain('403 UnsupportedUserEditionException');
});

test('summary prints no colour codes when stdout is not a TTY', () => {
  expect(run('summary').stdout).not.toContain('\u001b[');
});

test('--help lists the commands and the exit codes', () => {
  const { code, stdout } = run('--help');
  expect(code).toBe(0);
  expect(stdout).toMatch(/summary\s/);
  expect(stdout).toMatch(/docs \[options\]/);
  expect(stdout).toContain('Exit codes: 0');
});

test('an unknown command exits 2 with a suggestion and no stack trace', () => {
  const { code, stderr } = run('summry');
  expect(code).toBe(2);
  expect(stderr).toContain("unknown command 'summry'");
  expect(stderr).toContain('Did you mean summary?');
  expect(stderr).not.toMatch(/\n\s+at /);
});

test('docs writes one constraint table per operation into --out', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-cli-docs-'));
  try {
    const { code } = run('docs', '--out', dir);
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

test('docs into a path that cannot be a folder exits 2 with one clear line', () => {
  const { code, stderr } = run('docs', '--out', path.join(PROJECT_ROOT, 'package.json'));
  expect(code).toBe(2);
  expect(stderr).toMatch(/^qs-contract: cannot write the constraint tables into .*package\.json\/constraints: /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
});
