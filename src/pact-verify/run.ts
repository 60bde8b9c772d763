/**
 * Pact provider verification of a pact file against any target: each runnable interaction (see
 * state-plan.ts) is verified on its own, by a Verifier worker (worker.ts), from a temporary pact
 * file that holds only it, so each interaction gets its own verdict and its own findings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isError, type Suppression } from '../findings';
import type { Fixtures } from '../fixtures';
import type { PactDocument } from '../pact-file';
import { CONTROL_ROUTES, type Credentials, DUMMY_CREDENTIALS, SIGNING_SERVICE } from '../protocol';
import { judgeReply } from './core-results';
import { type InteractionResult, type PactVerifyResult, summarize } from './result';
import { type PlannedInteraction, planStates } from './state-plan';
import type { WorkerJob } from './verifier-worker';
import { Worker } from './worker';

const baseUrl = (url: string) => url.replace(/\/+$/, '');

export interface PactVerifyOptions {
  target: string;
  /** The path of the pact file, as reported. */
  pactFile: string;
  pact: PactDocument;
  fixtures: Fixtures;
  /** From probeTarget: set every state through the target's control plane. */
  controlPlane: boolean;
  /** Deadline of each request (the interaction's, and each state change's). */
  timeoutMs: number;
  /** Every request is signed with SigV4 (the fixtures' region): with these, else the dummy credentials. */
  credentials?: Credentials;
  onProgress?: (progress: { done: number; total: number; description: string }) => void;
  /** `--suppress`: the findings of these codes are dropped (and counted) before any verdict. */
  suppress?: Suppression;
}

/** A judged interaction without the findings of a suppressed code: one left with no error passes. */
function suppressed(judged: ReturnType<typeof judgeReply>, suppress: Suppression | undefined): ReturnType<typeof judgeReply> {
  if (!suppress || judged.status !== 'failed') return judged;
  const findings = suppress.keep(judged.findings);
  if (findings.some(isError)) return { ...judged, findings };
  const { output: _output, ...rest } = judged;
  return { ...rest, status: 'passed', findings };
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
      index: p.index,
      description: p.description,
      operationId: p.operationId,
      providerStates: p.states,
      findings: [],
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
          index: p.index,
          description: p.description,
          operationId: p.operationId,
          providerStates: p.states,
          ...suppressed(
            judgeReply(outcome.reply, { stdout: outcome.output, target, ...(outcome.problem ? { problem: outcome.problem } : {}) }),
            options.suppress,
          ),
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
    consumer: options.pact.consumer,
    provider: options.pact.provider,
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
  writeFileSync(pactFile, JSON.stringify({ ...options.pact.raw, interactions: [options.pact.raw.interactions[p.index]] }));
  return {
    id: p.index,
    pactFile,
    provider: options.pact.provider,
    target,
    timeoutMs: options.timeoutMs,
    states: p.states.map((s) => ({ name: s.name, via: s.via === 'control-plane' ? 'control-plane' : 'fixtures' })),
    stateChangeUrl: `${target}${CONTROL_ROUTES.providerStates}`,
    signing: { credentials: options.credentials ?? DUMMY_CREDENTIALS, region: options.fixtures.region, service: SIGNING_SERVICE },
  };
}
