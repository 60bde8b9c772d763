/**
 * Pact provider verification of a pact file against any target: each runnable interaction (see
 * state-plan.ts) is verified on its own, by pact-js' Verifier in a child process
 * (verifier-worker.ts), from a temporary pact file that holds only it. So each interaction gets its
 * own verdict and its own mismatches, Pact's native core is never loaded into this process, and
 * what the core prints on file descriptor 1 never reaches the CLI's report.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Fixtures } from '../fixtures';
import type { PactFile } from './contract-file';
import { CONTROL_PLANE, type PlannedInteraction, planStates } from './state-plan';
import { type InteractionResult, type PactMismatch, type PactVerifyResult, summarize } from './verification-result';
import type { WorkerJob, WorkerMessage } from './verifier-worker';

type ResultMessage = Extract<WorkerMessage, { type: 'result' }>;

/** The Pact runtime could not be started at all: the tool cannot run here. */
export class PactRuntimeError extends Error {
  override readonly name = 'PactRuntimeError';
}

export type TargetProbe = { reachable: false; message: string } | { reachable: true; controlPlane: boolean };

const baseUrl = (url: string) => url.replace(/\/+$/, '');

/** Why nothing can be reached at all (connection refused, unknown host, a port fetch refuses), else undefined. */
function unreachable(error: unknown): string | undefined {
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  if (cause?.message === 'bad port')
    return 'fetch refuses to use this port (a blocked port of the Fetch standard): run the target on another port';
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return `connection refused (${cause?.message ?? code})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host is not known (${code})`;
  return undefined;
}

/**
 * Whether anything listens at the target, and whether it has a control plane: `GET /_mock/health`
 * answering `{"status": "ok"}`. Any other answer, a timeout or a reset means no control plane; the
 * verification itself then says what is wrong with the target.
 */
export async function probeTarget(target: string, timeoutMs: number): Promise<TargetProbe> {
  try {
    const response = await fetch(`${baseUrl(target)}${CONTROL_PLANE.health}`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { reachable: true, controlPlane: response.status === 200 && (body as { status?: unknown } | undefined)?.status === 'ok' };
  } catch (error) {
    const reason = unreachable(error);
    return reason ? { reachable: false, message: reason } : { reachable: true, controlPlane: false };
  }
}

// ---------------------------------------------------------------- the core's results

interface CoreMismatch {
  type?: string;
  path?: string;
  key?: string;
  parameter?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  message?: string;
}

interface CoreResults {
  result?: boolean;
  output?: string[];
  errors?: { interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: CoreMismatch[] } }[];
  interactionResults?: { description?: string; result?: string }[];
}

const ANSI = /\u001b\[[0-9;]*m/g;
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

const show = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

function mismatchOf(m: CoreMismatch): PactMismatch {
  const type = m.type ?? '';
  const kind: PactMismatch['kind'] =
    type === 'StatusMismatch' ? 'status' : type === 'HeaderMismatch' ? 'header' : type.startsWith('Body') ? 'body' : 'other';
  const at = m.path ?? m.key ?? m.parameter;
  const expected = show(m.expected);
  const actual = show(m.actual);
  const message = m.mismatch ?? m.message ?? `expected ${expected ?? '?'}, got ${actual ?? '?'}`;
  return {
    kind,
    ...(at ? { at } : {}),
    message: stripAnsi(message),
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
  };
}

export function mismatchText(mismatches: PactMismatch[]): string {
  return mismatches.map((m) => `${m.kind}${m.at ? ` ${m.at}` : ''}: ${m.message}`).join('\n');
}

/** The core's report, without colours, from its Failures section on when it has one. */
function outputText(lines: string[]): string {
  const text = stripAnsi(lines.join('\n')).trim();
  const failures = text.indexOf('Failures:');
  return failures === -1 ? text : text.slice(failures).trim();
}

/**
 * pact-js puts a proxy of its own on 127.0.0.1 between the core and the target, and the core names
 * the proxy's URL when a request fails: name the target's instead, and say what such a failure is.
 */
function retarget(message: string, target: string | undefined): string {
  const failed = /^error sending request for url \(http:\/\/127\.0\.0\.1:\d+(\/[^)]*)?\)/.exec(message);
  if (!failed || target === undefined) return message;
  return `no answer from ${target}${failed[1] ?? '/'}: the request timed out or the connection failed${message.slice(failed[0].length)}`;
}

/** The last lines of what the worker printed, without colours: the detail of a verifier that did not finish. */
function tail(stdout: string, lines = 40): string {
  return stripAnsi(stdout).trim().split('\n').slice(-lines).join('\n');
}

/**
 * A worker's answer for one interaction, judged: passed, or failed with what the core found (its
 * mismatches as data and text; its own report when it names none). A provider state the control
 * plane refused fails the interaction even when the core went on and the answer matched.
 */
export function judgeReply(
  reply: ResultMessage | undefined,
  stdout: string,
  problem?: string,
  target?: string,
): Pick<InteractionResult, 'status' | 'mismatches' | 'mismatch' | 'reason'> {
  // A state the target could not be put into is a skip, as the fixtures' unmet states are: the
  // interaction's answer says nothing about the contract when its precondition does not hold.
  if (problem === undefined && reply?.stateErrors?.length) {
    return {
      status: 'skipped',
      reason: `the target could not be put into its provider state (${reply.stateErrors.join('; ')}); the request was sent, its answer is not judged`,
    };
  }
  const mismatches: PactMismatch[] = [];
  const failed = (detail?: string) => {
    const text = mismatchText(mismatches);
    return { status: 'failed' as const, mismatches, mismatch: detail ? `${text}\n\n${detail}` : text };
  };
  if (problem !== undefined || reply === undefined) {
    mismatches.push({ kind: 'error', message: problem ?? 'the verifier gave no result' });
    return failed(tail(stdout) || undefined);
  }
  if (reply.json === undefined) {
    mismatches.push({ kind: 'error', message: `the verifier could not run: ${reply.error ?? 'no reason given'}` });
    return failed(tail(stdout) || undefined);
  }
  let results: CoreResults;
  try {
    results = JSON.parse(reply.json) as CoreResults;
  } catch {
    mismatches.push({ kind: 'error', message: `the Pact core's results are not JSON: ${reply.json.slice(0, 300)}` });
    return failed(tail(stdout) || undefined);
  }
  const before = mismatches.length;
  for (const error of results.errors ?? []) {
    const detail = error.mismatch;
    if (detail?.mismatches?.length) mismatches.push(...detail.mismatches.map(mismatchOf));
    else if (detail?.message) mismatches.push({ kind: 'error', message: retarget(stripAnsi(detail.message), target) });
  }
  const passed = results.result === true && (results.errors ?? []).length === 0;
  if (!passed && mismatches.length === before) {
    mismatches.push({
      kind: 'other',
      message: outputText(results.output ?? []) || tail(stdout) || 'the Pact core reported a failure without details',
    });
  }
  return mismatches.length === 0 ? { status: 'passed' } : failed();
}

// ---------------------------------------------------------------- the worker process

/** The compiled worker next to this module (dist/), else its TypeScript source, transpiled by ts-node on the fly (tests). */
function workerEntry(): { modulePath: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const compiled = path.join(__dirname, 'verifier-worker.js');
  if (existsSync(compiled)) return { modulePath: compiled, execArgv: [], env: process.env };
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

class Worker {
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
          stripAnsi(worker.output)
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

// ---------------------------------------------------------------- the run

export interface PactVerifyOptions {
  target: string;
  /** The path of the pact file, as reported. */
  pactFile: string;
  pact: PactFile;
  fixtures: Fixtures;
  /** From probeTarget: set every state through the target's control plane. */
  controlPlane: boolean;
  /** Deadline of each request (the interaction's, and each state change's). */
  timeoutMs: number;
  onProgress?: (progress: { done: number; total: number; description: string }) => void;
}

/** Verifies the runnable interactions one at a time, in the pact's order; the others are skipped with the reason. */
export async function verifyPact(options: PactVerifyOptions): Promise<PactVerifyResult> {
  const started = Date.now();
  const target = baseUrl(options.target);
  const plan = planStates(options.pact, options.fixtures, { controlPlane: options.controlPlane });
  const runnable = plan.filter((p) => p.runnable);
  const results = new Map<number, InteractionResult>();
  for (const p of plan.filter((x) => !x.runnable)) {
    results.set(p.index, {
      description: p.description,
      operationId: p.operationId,
      providerStates: p.states,
      status: 'skipped',
      reason: p.skipReason ?? '',
    });
  }

  if (runnable.length > 0) {
    const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-pact-verify-'));
    const startDeadline = Math.max(30_000, options.timeoutMs);
    // A state setup, the request and a teardown, each bounded by the timeout, and the core's own start.
    const jobDeadline = options.timeoutMs * 3 + 30_000;
    let worker: Worker | undefined;
    try {
      let done = 0;
      for (const p of runnable) {
        worker = worker?.alive ? worker : await Worker.start(startDeadline);
        const job = jobFor(p, options, target, dir);
        const began = Date.now();
        const outcome = await worker.run(job, jobDeadline);
        rmSync(job.pactFile, { force: true });
        results.set(p.index, {
          description: p.description,
          operationId: p.operationId,
          providerStates: p.states,
          ...judgeReply(outcome.reply, outcome.output, outcome.problem, target),
          durationMs: Date.now() - began,
        });
        done += 1;
        options.onProgress?.({ done, total: runnable.length, description: p.description });
      }
    } finally {
      await worker?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const interactions = plan.map((p) => results.get(p.index) as InteractionResult);
  return {
    target,
    pactFile: options.pactFile,
    consumer: options.pact.consumer.name,
    provider: options.pact.provider.name,
    providerStates: options.controlPlane ? 'control-plane' : 'fixtures',
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    interactions,
    ...summarize(interactions),
  };
}

/** The job of one interaction, with a pact file that holds only it. */
function jobFor(p: PlannedInteraction, options: PactVerifyOptions, target: string, dir: string): WorkerJob {
  const pactFile = path.join(dir, `interaction-${p.index}.json`);
  writeFileSync(pactFile, JSON.stringify({ ...options.pact, interactions: [options.pact.interactions[p.index]] }));
  return {
    id: p.index,
    pactFile,
    provider: options.pact.provider.name,
    target,
    timeoutMs: options.timeoutMs,
    states: p.states.map((s) => ({ name: s.name, via: s.via === 'control-plane' ? 'control-plane' : 'fixtures' })),
    stateChangeUrl: `${target}${CONTROL_PLANE.providerStates}`,
  };
}
