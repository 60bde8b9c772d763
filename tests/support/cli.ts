/**
 * Runs the built CLI (`node dist/cli/main.js`, built once by tests/support/global-setup.ts) as a
 * user would, asynchronously: a mock the test runs in-process keeps answering while the CLI waits.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';

export const CLI = path.join(PROJECT_ROOT, 'dist/cli/main.js');

/** The test's environment without the colour switches of the developer's shell. */
export const CLI_ENV: NodeJS.ProcessEnv = { ...process.env };
delete CLI_ENV.NO_COLOR;
delete CLI_ENV.FORCE_COLOR;

export interface CliRun {
  /** The exit code; null when killed by a signal or the timeout. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: PROJECT_ROOT, env: CLI_ENV, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}
