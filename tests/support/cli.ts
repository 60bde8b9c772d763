/**
 * Runs the CLI as a user would. runCli() calls main(argv, io) in this process, with streams that
 * collect what it writes: the commands run exactly as from a shell, without a Node start-up per run.
 * spawnCli() runs the built CLI (`node dist/cli/main.js`, built once by global-setup.ts) in a child
 * process, for what only a process shows: signals, exit codes of the process, a crash's stack trace.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
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

/** A stream that collects what is written to it; a TTY when asked, for the colour tests. */
function collector(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  Object.assign(stream, { isTTY: tty, columns: 100 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export interface InProcessOptions {
  /** stdout and stderr say they are a terminal. */
  tty?: boolean;
  /** Variables set (a string) or removed (undefined) for the run, restored after it. */
  env?: Record<string, string | undefined>;
}

/** The CLI in this process: `main(args, io)`, as `qs-contract ...args` runs it. */
export function runCli(args: string[], options: InProcessOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** A command running in this process (mock, proxy: they run until a signal), with its output so far. */
export interface LiveCli {
  stdout(): string;
  stderr(): string;
  /** The first match of `pattern` in stdout, as soon as it is written; rejects if the command ends first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /**
   * The signal as the command receives it: process.emit() runs the handlers it installed, and no
   * signal reaches the test runner's process. Resolves when the command is done.
   */
  stop(signal: 'SIGINT' | 'SIGTERM'): Promise<CliRun>;
  done: Promise<CliRun>;
}

/** Starts the CLI in this process (as runCli does) and hands it back while it runs. */
export function startCli(args: string[], options: InProcessOptions = {}): LiveCli {
  const out = collector(options.tty === true);
  const err = collector(options.tty === true);
  const names = ['NO_COLOR', 'FORCE_COLOR', ...Object.keys(options.env ?? {})];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  setEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env });
  const done = (async (): Promise<CliRun> => {
    try {
      const code = await main(args, { stdout: out.stream, stderr: err.stream });
      await new Promise((resolve) => setImmediate(resolve));
      return { code, stdout: out.text(), stderr: err.text() };
    } catch (error) {
      // What the CLI entry point prints for a defect of the tool itself (exit 2).
      return {
        code: 2,
        stdout: out.text(),
        stderr: `${err.text()}qs-contract: internal error: ${(error as Error).stack ?? String(error)}\n`,
      };
    } finally {
      setEnv(saved);
    }
  })();
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(out.text());
        if (!match) return false;
        out.stream.off('data', look);
        resolve(match);
        return true;
      };
      if (look()) return;
      out.stream.on('data', look);
      void done.then((run) => {
        if (!look()) reject(new Error(`the command ended (exit ${run.code}) before writing ${pattern}: ${run.stdout}${run.stderr}`));
      });
    });
  return {
    stdout: out.text,
    stderr: err.text,
    waitFor,
    stop: (signal) => {
      process.emit(signal, signal);
      return done;
    },
    done,
  };
}

/** The built CLI in a child process, asynchronously: a mock the test runs in-process keeps answering while it waits. */
export function spawnCli(args: string[], timeoutMs = 60_000, env: NodeJS.ProcessEnv = CLI_ENV): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}
