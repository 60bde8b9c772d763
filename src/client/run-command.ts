/**
 * Runs the client command: no shell, its output shown to the user as it comes (the terminal
 * inherited, or its stdout moved to our stderr when our stdout carries a report), SIGINT and
 * SIGTERM forwarded to it while it runs.
 */
import { spawn } from 'node:child_process';
import { ToolError } from '../errors';
import type { CommandOutcome } from './types';

export interface RunCommandOptions {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /**
   * Where the command's output goes: our own stdout and stderr (inherited, so a terminal stays a
   * terminal), or our stderr for both (when stdout carries a machine-readable report), or, when the
   * caller writes somewhere else than this process's streams (a program embedding the CLI, the
   * tests), piped into the streams it gives.
   */
  output: 'inherit' | 'stderr' | { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  /** Called once the command has started. */
  onStart?: () => void;
  /** Called when a signal is forwarded to the command. */
  onSignal?: (signal: NodeJS.Signals, how: 'forwarded' | 'killed') => void;
}

export interface RunCommandResult {
  outcome: CommandOutcome;
  /** The signals received and forwarded while the command ran. */
  forwardedSignals: NodeJS.Signals[];
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

function startError(command: string, error: NodeJS.ErrnoException): ToolError {
  const why =
    error.code === 'ENOENT'
      ? command.includes('/')
        ? 'no such file'
        : 'command not found'
      : error.code === 'EACCES'
        ? 'permission denied'
        : error.message;
  return new ToolError('USAGE', `cannot run ${JSON.stringify(command)}: ${why}${error.code ? ` (${error.code})` : ''}`);
}

function stdioOf(output: RunCommandOptions['output']): ['inherit' | 'pipe' | 2, 'inherit' | 'pipe'] {
  if (output === 'inherit') return ['inherit', 'inherit'];
  if (output === 'stderr') return [2, 'inherit'];
  return ['pipe', 'pipe'];
}

/**
 * Resolves when the command has ended, with how it ended. A command that cannot be started (not
 * found, not executable) rejects with a ToolError (exit 2). On a terminal, Ctrl-C reaches the
 * command directly as well; forwarding it once more is harmless. A second signal while the command
 * still runs kills it (SIGKILL): a command that ignores the first one must not keep the run hanging.
 */
export function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  return new Promise((resolve, reject) => {
    const forwardedSignals: NodeJS.Signals[] = [];
    let settled = false;
    const child = spawn(options.command, options.args, {
      env: options.env,
      shell: false,
      stdio: ['inherit', ...stdioOf(options.output)],
    });
    if (typeof options.output === 'object') {
      child.stdout?.pipe(options.output.stdout, { end: false });
      child.stderr?.pipe(options.output.stderr, { end: false });
    }
    const onSignal = (signal: NodeJS.Signals) => {
      const how = forwardedSignals.length === 0 ? 'forwarded' : 'killed';
      forwardedSignals.push(signal);
      options.onSignal?.(signal, how);
      child.kill(how === 'forwarded' ? signal : 'SIGKILL');
    };
    const listen = () => {
      for (const signal of FORWARDED) process.on(signal, onSignal);
    };
    const unlisten = () => {
      for (const signal of FORWARDED) process.off(signal, onSignal);
    };
    child.once('spawn', () => {
      listen();
      options.onStart?.();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Only a failure to start ends the run here; a failed kill() of a running child also lands here.
      if (settled || child.pid !== undefined) return;
      settled = true;
      unlisten();
      reject(startError(options.command, error));
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      unlisten();
      resolve({ outcome: signal ? { kind: 'killed', signal } : { kind: 'exited', code: code ?? 0 }, forwardedSignals });
    });
  });
}
