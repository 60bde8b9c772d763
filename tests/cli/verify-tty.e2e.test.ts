/**
 * `qs-contract verify` on a terminal: the built CLI (`node dist/cli/main.js`, built from the current
 * sources by tests/support/global-setup.ts) in a child process on a pseudo-terminal (util-linux
 * `script`), where Node itself decides whether colours reach the screen. Skipped, saying so, where
 * `script` is absent.
 */
import { execFile, spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { PROJECT_ROOT } from '../../src/spec';
import { CLI, CLI_ENV } from '../support/cli';

const QUICK = ['--seed', '7', '--examples', '2'];
const HAS_SCRIPT = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A terminal as a developer has one: Node reads a bare CI=true as "no colours", even on a TTY. */
const TTY_ENV: NodeJS.ProcessEnv = { ...CLI_ENV, TERM: 'xterm-256color' };
delete TTY_ENV.CI;

/** stdout of the CLI on a pseudo-terminal; stderr (progress) is dropped. */
function runOnTty(...args: string[]): Promise<string> {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  return new Promise((resolve) => {
    execFile(
      'script',
      ['-qec', `${command} 2>/dev/null`, '/dev/null'],
      { cwd: PROJECT_ROOT, env: TTY_ENV, encoding: 'utf8', timeout: 60_000 },
      (_error, stdout) => resolve(stdout),
    );
  });
}

(HAS_SCRIPT ? test : test.skip)('on a TTY the table is coloured (the harness sees colours when there are some)', async () => {
  const stdout = await runOnTty('verify', '--target', 'builtin', ...QUICK, '--operations', 'UpdateUser');
  expect(stdout).toContain('PASS');
  expect(stripVTControlCharacters(stdout)).not.toBe(stdout);
});

// Regression: the program-level --no-color once took the flag away from verify.
(HAS_SCRIPT ? test : test.skip)('verify --no-color on a TTY prints no colour codes', async () => {
  const stdout = await runOnTty('verify', '--target', 'builtin', ...QUICK, '--operations', 'UpdateUser', '--no-color');
  expect(stdout).toContain('PASS');
  expect(stripVTControlCharacters(stdout)).toBe(stdout);
});
