/**
 * The child process that runs pact-js' Verifier (verifier-worker.ts), driven one job at a time: it
 * is forked, never imported, so Pact's native core is never loaded into the CLI's process, and what
 * the core prints on file descriptor 1 reaches a pipe this side reads (bounded), not the report.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { WorkerJob, WorkerMessage } from './verifier-worker';

export type ResultMessage = Extract<WorkerMessage, { type: 'result' }>;

/** The Pact runtime could not be started at all: the tool cannot run here. */
export class PactRuntimeError extends Error {
  override readonly name = 'PactRuntimeError';
}

/** pact-js, which the worker loads. */
const PACT_PACKAGE = '@pact-foundation/pact';

/**
 * pact-js (and its native core) is an optional peer dependency: most of an install's weight, for
 * one command. Without it, pact-verify says in one line how to add it, before any work.
 */
export function ensurePactInstalled(resolve: (id: string) => string = require.resolve): void {
  try {
    resolve(PACT_PACKAGE);
  } catch {
    throw new PactRuntimeError(
      `pact-verify needs ${PACT_PACKAGE}, an optional peer dependency of quicksight-contract: ` +
        `npm install --save-dev ${PACT_PACKAGE}@~16.4.0`,
    );
  }
}

/**
 * The compiled worker next to this module (dist/), else the built one of this checkout (the tests
 * run the sources, and build dist/ first), else its TypeScript source, transpiled by ts-node on the fly.
 */
function workerEntry(): { modulePath: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const compiled = [
    path.join(__dirname, 'verifier-worker.js'),
    path.resolve(__dirname, '..', '..', 'dist', 'pact-verify', 'verifier-worker.js'),
  ].find((file) => existsSync(file));
  if (compiled) return { modulePath: compiled, execArgv: [], env: process.env };
  const source = path.join(__dirname, 'verifier-worker.ts');
  let register: string;
  try {
    register = require.resolve('ts-node/register/transpile-only');
  } catch {
    throw new PactRuntimeError(`cannot run ${source}: ts-node is not installed (build the CLI with \`npm run build\` and run dist/)`);
  }
  const project = path.resolve(__dirname, '..', '..', 'tsconfig.json');
  return {
    modulePath: source,
    execArgv: ['--require', register],
    env: { ...process.env, ...(existsSync(project) ? { TS_NODE_PROJECT: project } : {}) },
  };
}

/** The last bytes of what a worker printed: enough for a failure's detail, bounded whatever the core prints. */
const OUTPUT_LIMIT = 64 * 1024;

export class Worker {
  private output = '';
  private waiting: ((outcome: { reply?: ResultMessage; problem?: string }) => void) | undefined;
  private exited: string | undefined;

  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    // Read both pipes whatever happens: a full pipe would block the core mid-report.
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'result') this.settle({ reply: message });
    });
    child.on('exit', (code, signal) => {
      this.exited = `the verifier process ended (${signal ?? `exit code ${code}`})`;
      this.settle({ problem: this.exited });
    });
  }

  private settle(outcome: { reply?: ResultMessage; problem?: string }): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(outcome);
  }

  static start(timeoutMs: number): Promise<Worker> {
    const entry = workerEntry();
    const child = fork(entry.modulePath, [], { silent: true, execArgv: entry.execArgv, env: entry.env, serialization: 'json' });
    const worker = new Worker(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.stop();
        reject(new PactRuntimeError(`the Pact verifier did not start within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      child.on('message', (message: WorkerMessage) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(worker);
      });
      child.on('exit', () => {
        clearTimeout(timer);
        const printed =
          stripVTControlCharacters(worker.output)
            .trim()
            .split('\n')
            .find((line) => line.trim() !== '') ?? '';
        reject(new PactRuntimeError(`the Pact verifier could not start${printed ? `: ${printed}` : ''}`));
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new PactRuntimeError(`the Pact verifier could not start: ${error.message}`));
      });
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Runs one job; a worker that ends or overruns the deadline gives a problem instead of a reply (and is stopped). */
  run(job: WorkerJob, deadlineMs: number): Promise<{ reply?: ResultMessage; problem?: string; output: string }> {
    this.output = '';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.stop();
        this.settle({ problem: `no verification result within ${Math.round(deadlineMs / 1000)} s: the verifier was stopped` });
      }, deadlineMs);
      this.waiting = (outcome) => {
        clearTimeout(timer);
        resolve({ ...outcome, output: this.output });
      };
      if (this.exited) this.settle({ problem: this.exited });
      else this.child.send(job);
    });
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Lets the worker end on its own (it exits on disconnect), then makes sure it has. */
  async close(): Promise<void> {
    if (!this.alive) return;
    const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.stop(), 2000);
    await ended;
    clearTimeout(timer);
  }
}
