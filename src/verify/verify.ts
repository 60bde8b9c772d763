/**
 * The conformance engine: spec → cases → lanes → runner → the reference model in lock-step → checks
 * → a VerifyResult. It prints nothing; progress goes to a callback and the result to the reports.
 *
 * Order of a run: the target is probed (reachable; TLS spoken where expected); each lane sends its
 * probe (the fixtures it declares), whose answers either teach the model the target's state or say,
 * in one line, that the target does not hold what --fixtures declares; then every lane sends its
 * cases, its random invalid requests (bursts) and its random valid ones (one at a time, judged by
 * the model on the state the earlier answers left), side by side with the pool of cases that touch
 * nothing the fixtures hold.
 */
import fc from 'fast-check';
import pLimit from 'p-limit';
import { authCases, type ConformanceCase, invalidRequests, PROPERTY_TITLES, planCases, validRequests } from '../cases';
import { CHECK_IDS, type CheckContext, type CheckId, type JudgedExchange, judge, readErrorType } from '../checks';
import { ToolError } from '../errors';
import { isError } from '../findings';
import type { Fixtures } from '../fixtures';
import { declaredState, type ModelVerdict, Oracle } from '../model';
import { type Credentials, DEFAULT_MAX_ATTEMPTS, DUMMY_CREDENTIALS } from '../protocol';
import { createSigner, curlLine, type Exchange, execute, keepReceived, runProperty, type Target, type WireRequest } from '../runner';
import { createPacer, type Pacer } from '../runner/pace';
import { compileValidators, loadSpec, type OperationId, type SpecModel, type Validators } from '../spec';
import { BURST_SIZE, type Lane, planLanes } from './lanes';
import { modelRequestOf, observedOf } from './observe';
import { preflight, reachable } from './preflight';
import { plainName, probesOf } from './probes';
import { restoreFixtures, takeSnapshots } from './restore';
import type { CaseResult, NotImplemented, Skipped, VerifyResult } from './result';
import { seededRandom } from './seed';

export interface VerifyOptions {
  target: string;
  fixtures: Fixtures;
  /** Default: every check. */
  checks?: CheckId[];
  /** Default: every operation. */
  operations?: OperationId[];
  seed: number;
  /** Random requests per operation, valid and invalid each; 0 runs no property. */
  examples: number;
  concurrency: number;
  timeoutMs: number;
  /** Attempts in all for a transient answer (throttled, unavailable); default 3, as the SDKs' standard mode. */
  maxAttempts?: number;
  /** Real credentials (`--sigv4 --credentials`): sign with them and run the auth cases. */
  credentials?: Credentials;
  onProgress?: (progress: Progress) => void;
  spec?: SpecModel;
  // --- issue 14 (a target you do not own): restore.ts, src/runner/pace.ts
  /** Write each fixture back to what its first answer showed, after the run (`--restore`). */
  restore?: boolean;
  /** At most this many requests start per second, in every phase (`--rate`). */
  rate?: number;
  /** A pacer of one's own (a test's); `rate` makes one. */
  pacer?: Pacer;
}

export interface Progress {
  phase: 'cases' | 'properties';
  done: number;
  total: number;
  /** Error findings so far. */
  failing: number;
}

/** The checks that judge behaviour: none applies to an answer that stayed transient after every retry. */
const BEHAVIOUR: ReadonlySet<CheckId> = new Set([
  'no-server-error',
  'negative-rejected',
  'positive-accepted',
  'missing-resource',
  'update-reflected',
  'repeat-idempotent',
  'state-consistent',
  'auth-enforced',
]);

/**
 * A request as the reports keep it: with real credentials, the signature (a credential anyone could
 * replay for 15 minutes) and the session token (a credential for hours) are blanked; the curl line
 * re-signs from the environment anyway.
 */
function reportable(request: WireRequest, realCredentials: boolean): WireRequest {
  if (!realCredentials) return request;
  const headers = { ...request.headers };
  if (headers.authorization !== undefined)
    headers.authorization = headers.authorization.replace(/Signature=[0-9a-f]+/, 'Signature=<redacted>');
  if (headers['x-amz-security-token'] !== undefined) headers['x-amz-security-token'] = '<redacted>';
  return { ...request, headers };
}

/** Valid requests answered with something that is not an AWS error at all: the operation is not there. */
function notImplemented(operationId: OperationId, exchanges: Exchange[]): NotImplemented | undefined {
  const valid = exchanges.filter((e) => e.case.operationId === operationId && e.case.expect === 'success' && e.case.kind !== 'auth');
  if (valid.length === 0) return undefined;
  const foreign = valid.filter(
    (e) => e.received.kind === 'response' && (e.received.status < 200 || e.received.status > 299) && !readErrorType(e.received),
  );
  if (foreign.length !== valid.length) return undefined;
  const first = foreign[0]?.received;
  const sample =
    first?.kind === 'response'
      ? `${first.status} ${first.headers['content-type'] ?? 'no content type'} ${JSON.stringify(first.body.slice(0, 80))}`
      : '';
  return { operationId, evidence: `all ${valid.length} valid requests were answered with no AWS error type, e.g. ${sample}` };
}

interface Engine {
  model: SpecModel;
  validators: Validators;
  target: Target;
  options: VerifyOptions;
  selected: ReadonlySet<CheckId>;
  limit: ReturnType<typeof pLimit>;
  results: CaseResult[];
  exchanges: Exchange[];
  counters: { requests: number; done: number; total: number; failing: number };
}

function contextOf(engine: Engine, id: OperationId): CheckContext {
  return { operation: engine.model.operation(id), validators: engine.validators, fixtures: engine.options.fixtures };
}

/** Judges an exchange with the checks (the behaviour ones only on an answer that was not transient). */
function judgeExchange(engine: Engine, exchange: JudgedExchange) {
  const selected = exchange.transient ? new Set([...engine.selected].filter((id) => !BEHAVIOUR.has(id))) : engine.selected;
  return judge(exchange, contextOf(engine, exchange.case.operationId), selected);
}

/** The findings of an exchange, and of each transient answer retried before it (a malformed throttle is still malformed). */
function judgeWithRetries(engine: Engine, exchange: JudgedExchange) {
  const judgement = judgeExchange(engine, exchange);
  const earlier = (exchange.retried ?? []).flatMap((received, i) =>
    judgeExchange(engine, { ...exchange, received, transient: true }).findings.map((f) => ({
      ...f,
      message: `attempt ${i + 1} of ${exchange.attempts} (retried): ${f.message}`,
    })),
  );
  return { findings: [...earlier, ...judgement.findings], applied: judgement.applied };
}

function record(engine: Engine, exchange: JudgedExchange, property?: CaseResult['property']): CaseResult {
  const { findings, applied } = judgeWithRetries(engine, exchange);
  engine.counters.failing += findings.filter(isError).length;
  const c = exchange.case;
  const credentials = engine.options.credentials;
  const curlOptions = { region: engine.options.fixtures.region, ...(credentials ? {} : { printableCredentials: DUMMY_CREDENTIALS }) };
  const request = reportable(exchange.request, credentials !== undefined);
  const result: CaseResult = {
    id: c.id,
    operationId: c.operationId,
    kind: c.kind,
    title: c.title,
    expect: c.expect,
    rule: c.rule,
    status: findings.some(isError) ? 'failed' : exchange.transient ? 'inconclusive' : 'passed',
    request,
    curl: curlLine(request, { ...curlOptions, signing: c.signing }),
    // Judged whole; kept as a bounded prefix with the body's size and SHA-256 (src/runner/body.ts).
    received: keepReceived(exchange.received),
    findings,
    checks: applied,
    ...(exchange.attempts > 1 ? { attempts: exchange.attempts } : {}),
    ...(exchange.model ? { model: { allowed: exchange.model.allowed, readings: exchange.model.heldReadings } } : {}),
    ...(property ? { property } : {}),
  };
  engine.results.push(result);
  return result;
}

async function send(engine: Engine, c: ConformanceCase, previous?: Exchange['received']): Promise<Exchange> {
  const exchange = await engine.limit(() => execute(engine.model, engine.target, c, previous));
  engine.counters.requests += exchange.attempts;
  // Kept for the run's verdicts (preflight, not implemented) with bounded bodies: a run's memory stays bounded whatever the target sends.
  engine.exchanges.push({ ...exchange, received: keepReceived(exchange.received) });
  engine.counters.done = Math.min(engine.counters.done + 1, engine.counters.total);
  engine.options.onProgress?.({
    phase: 'cases',
    done: engine.counters.done,
    total: engine.counters.total,
    failing: engine.counters.failing,
  });
  return exchange;
}

/** The model's verdict on one exchange of a lane, moving the lane's oracle on (an auth case or a failure leaves it alone). */
function stepOracle(engine: Engine, oracle: Oracle, exchange: Exchange): ModelVerdict | undefined {
  if (exchange.received.kind !== 'response') return undefined;
  const req = modelRequestOf(engine.model, engine.validators, exchange.case);
  if (exchange.case.signing !== undefined && exchange.case.signing !== 'signed') {
    // What a target does with a request it must refuse as unauthenticated is auth-enforced's; a success changed the resource.
    if (exchange.received.status < 300) oracle.forget(req);
    return undefined;
  }
  if (exchange.transient) {
    // Throttled, or unavailable: it may or may not have been applied.
    oracle.forget(req);
    return undefined;
  }
  if (exchange.received.status >= 500) {
    // A server error is no-server-error's finding, and may or may not have changed the resource:
    // judged on what the model allowed, then the resource is learnt again from the next answers.
    const verdict = oracle.peek(req, observedOf(exchange.received));
    oracle.forget(req);
    return verdict;
  }
  return oracle.step(req, observedOf(exchange.received));
}

/** Whether an exchange of a burst is held to an order of the others: a signed, conclusive, non-5xx answer. */
const ordered = (e: Exchange) =>
  e.received.kind === 'response' && !e.transient && e.received.status < 500 && (e.case.signing ?? 'signed') === 'signed';

async function runLaneSteps(engine: Engine, lane: Lane, oracle: Oracle, steps: Lane['steps']): Promise<void> {
  // Only the answers a later step must repeat are held (an answer of any size is judged, then let go).
  const wanted = new Set(
    steps.flatMap((s) =>
      s.kind === 'single' && s.case.sequence?.sameAs !== undefined ? [`${s.case.sequence.id}#${s.case.sequence.sameAs}`] : [],
    ),
  );
  const answers = new Map<string, Exchange['received']>();
  for (const step of steps) {
    if (step.kind === 'single') {
      const c = step.case;
      const sameAs = c.sequence?.sameAs;
      const previous = sameAs === undefined ? undefined : answers.get(`${c.sequence?.id}#${sameAs}`);
      const exchange = await send(engine, c, previous);
      const key = c.sequence ? `${c.sequence.id}#${c.sequence.step}` : undefined;
      if (key && wanted.has(key)) answers.set(key, exchange.received);
      const model = stepOracle(engine, oracle, exchange);
      record(engine, { ...exchange, ...(model ? { model } : {}) });
      continue;
    }
    const exchanges = await Promise.all(step.cases.map((c) => send(engine, c)));
    const judged = exchanges.filter(ordered);
    const apart = new Map(exchanges.filter((x) => !judged.includes(x)).map((e) => [e, stepOracle(engine, oracle, e)] as const));
    const { verdicts } = oracle.burst(
      judged.map((e) => ({ req: modelRequestOf(engine.model, engine.validators, e.case), observed: observedOf(e.received as never) })),
    );
    for (const e of exchanges) {
      const at = judged.indexOf(e);
      const model = at === -1 ? apart.get(e) : verdicts[at];
      record(engine, { ...e, ...(model ? { model } : {}) });
    }
  }
  void lane;
}

/**
 * The cases on nothing the fixtures hold, sent side by side; their answers are judged afterwards in
 * the order of the plan, so the readings they show (which check a target makes first) are held from
 * one to the next the same way every run.
 */
async function runPool(engine: Engine, oracle: Oracle, pool: ConformanceCase[]): Promise<void> {
  const exchanges = await Promise.all(pool.map((c) => send(engine, c)));
  for (const exchange of exchanges) {
    const model = stepOracle(engine, oracle, exchange);
    record(engine, { ...exchange, ...(model ? { model } : {}) });
  }
}

/** The lane whose resource a property's requests name: the scenario's (the first user, the theme, the profile). */
function propertyLane(lanes: Lane[], operationId: OperationId, sample: ConformanceCase): Lane | undefined {
  return lanes.find((l) => l.operationId === operationId && JSON.stringify(l.pathParams) === JSON.stringify(sample.pathParams));
}

/**
 * A property's random requests, in its lane, judged by the lane's oracle; a failing one is shrunk
 * to a minimal request (fast-check re-sends smaller ones, each judged on the state then).
 */
async function runLaneProperty(
  engine: Engine,
  oracle: Oracle,
  operationId: OperationId,
  validity: 'valid' | 'invalid',
  seed: number,
): Promise<void> {
  const op = engine.model.operation(operationId);
  const arbitrary = validity === 'valid' ? validRequests(op, engine.options.fixtures) : invalidRequests(op, engine.options.fixtures);
  const fails = (exchange: Exchange) => judgeExchange(engine, exchange as JudgedExchange).findings.some(isError);
  if (validity === 'invalid') {
    // Requests a faithful target refuses change nothing: they go out as bursts, and only a failure is
    // sent again one at a time, for fast-check to shrink.
    const sampled = fc.sample(arbitrary, { seed, numRuns: engine.options.examples });
    let failed = false;
    for (let i = 0; i < sampled.length && !failed; i += BURST_SIZE) {
      const burst = sampled.slice(i, i + BURST_SIZE);
      const exchanges = await Promise.all(burst.map((c) => send(engine, c)));
      const judged = exchanges.filter(ordered);
      const apart = new Map(exchanges.filter((x) => !judged.includes(x)).map((e) => [e, stepOracle(engine, oracle, e)] as const));
      const { verdicts } = oracle.burst(
        judged.map((e) => ({ req: modelRequestOf(engine.model, engine.validators, e.case), observed: observedOf(e.received as never) })),
      );
      failed =
        judged.some((e, n) => fails({ ...e, model: verdicts[n] } as JudgedExchange)) ||
        exchanges.some((e) => !judged.includes(e) && fails({ ...e, ...(apart.get(e) ? { model: apart.get(e) } : {}) }));
    }
    if (!failed) {
      engine.results.push(passedProperty(operationId, validity, { runs: sampled.length, shrinks: 0, requests: sampled.length }));
      return;
    }
  }
  const outcome = await runProperty(arbitrary, {
    seed,
    examples: engine.options.examples,
    execute: async (c: ConformanceCase) => {
      const exchange = await send(engine, c);
      const model = stepOracle(engine, oracle, exchange);
      return { ...exchange, ...(model ? { model } : {}) } as JudgedExchange;
    },
    fails: (exchange) => judgeWithRetries(engine, exchange as JudgedExchange).findings.some(isError),
    // Each smaller request would wait out the same deadline and say nothing new.
    shrinkable: (exchange) => !(exchange.received.kind === 'failure' && exchange.received.reason === 'timeout'),
  });
  const property = { runs: outcome.runs, shrinks: outcome.shrinks, requests: outcome.sent };
  if (outcome.counterexample) record(engine, outcome.counterexample as JudgedExchange, property);
  else engine.results.push(passedProperty(operationId, validity, property));
}

/** A passed property is one case with no single exchange to show. */
function passedProperty(
  operationId: OperationId,
  validity: 'valid' | 'invalid',
  property: NonNullable<CaseResult['property']>,
): CaseResult {
  return {
    id: `${operationId}/property/${validity}`,
    operationId,
    kind: 'property',
    title: PROPERTY_TITLES[validity],
    expect: validity === 'valid' ? 'documented' : 'rejected',
    rule: undefined,
    status: 'passed',
    findings: [],
    checks: [],
    property,
  };
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const started = Date.now();
  const model = options.spec ?? loadSpec();
  const validators = compileValidators(model);
  const url = options.target.replace(/\/+$/, '');
  // `responds` always applies: a case with no answer must never pass, whatever --checks selects.
  const selected = new Set<CheckId>(options.checks ? ['responds', ...options.checks] : CHECK_IDS);
  const operations = options.operations ?? model.operations.map((op) => op.id);
  const credentials = options.credentials ?? DUMMY_CREDENTIALS;
  const target: Target = {
    url,
    timeoutMs: options.timeoutMs,
    signer: createSigner({ credentials, region: options.fixtures.region }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    random: seededRandom(options.seed),
    // --- issue 14: every request waits for its turn (--rate)
    pacer: options.pacer ?? (options.rate ? createPacer({ rate: options.rate }) : undefined),
  };

  await reachable(url, options.timeoutMs, target.pacer);

  const planned = planCases(model, options.fixtures);
  const unusable = planned.skipped.filter((s) => operations.includes(s.operationId));
  if (unusable.length > 0) {
    throw new ToolError(
      'NOTHING_TO_CHECK',
      `cannot check ${unusable.map((s) => `${s.operationId} (${s.reason})`).join(', ')}: nothing unchecked passes`,
      `name what the target holds with --fixtures, or leave ${unusable.length > 1 ? 'them' : 'it'} out with --operations ${operations.filter((id) => !unusable.some((s) => s.operationId === id)).join(',') || '...'}`,
    );
  }
  const skipped: Skipped[] = [];
  let cases = planned.cases.filter((c) => operations.includes(c.operationId));
  if (options.credentials) cases = [...cases, ...authCases(cases)];
  else if (selected.has('auth-enforced'))
    skipped.push({
      what: 'auth-enforced',
      reason:
        'needs credentials to sign with: add --sigv4 with --credentials FILE or AWS credentials in the environment (the builtin mock then checks signatures)',
    });

  const probes = probesOf(options.fixtures, operations);
  const { lanes, pool } = planLanes(cases, options.fixtures, probes);
  const engine: Engine = {
    model,
    validators,
    target,
    options,
    selected,
    limit: pLimit(Math.max(1, options.concurrency)),
    results: [],
    exchanges: [],
    counters: { requests: 0, done: 0, total: probes.length + cases.length + operations.length * 2 * options.examples, failing: 0 },
  };
  const oracles = new Map(lanes.map((lane) => [lane.key, new Oracle(declaredState(options.fixtures))]));
  const oracleOf = (lane: Lane) => oracles.get(lane.key) as Oracle;
  const poolOracle = new Oracle(declaredState(options.fixtures));

  // The probes first: a target that lacks a declared fixture, or refuses every request, is said in one line.
  await Promise.all(lanes.map((lane) => runLaneSteps(engine, lane, oracleOf(lane), lane.steps.slice(0, 1))));
  preflight(
    engine.exchanges.filter((e) => e.case.kind === 'probe'),
    { target: url, plain: plainName },
  );
  // --- issue 14: what each fixture held, from its first answer (--restore)
  const snapshots = options.restore
    ? takeSnapshots(
        engine.exchanges.filter((e) => e.case.kind === 'probe'),
        options.fixtures,
      )
    : undefined;

  await Promise.all([
    ...lanes.map((lane) => runLaneSteps(engine, lane, oracleOf(lane), lane.steps.slice(1))),
    runPool(engine, poolOracle, pool),
  ]);
  // The properties last, each in the lane of its resource, side by side across lanes.
  if (options.examples > 0) {
    const byLane = new Map<Lane, { operationId: OperationId; validity: 'valid' | 'invalid'; seed: number }[]>();
    operations.forEach((id, index) => {
      const sample = fc.sample(validRequests(model.operation(id), options.fixtures), { seed: options.seed, numRuns: 1 })[0];
      const lane = sample && propertyLane(lanes, id, sample);
      if (!lane) return;
      // One seed per property, derived from the run's, so that each replays on its own.
      for (const [n, validity] of (['valid', 'invalid'] as const).entries()) {
        byLane.set(lane, [...(byLane.get(lane) ?? []), { operationId: id, validity, seed: (options.seed + index * 2 + n) | 0 }]);
      }
    });
    await Promise.all(
      [...byLane].map(async ([lane, properties]) => {
        for (const p of properties) await runLaneProperty(engine, oracleOf(lane), p.operationId, p.validity, p.seed);
      }),
    );
  }

  // --- issue 14: each fixture written back to what it held (--restore)
  const restore = snapshots ? await restoreFixtures(snapshots, { model, target }) : undefined;

  const missing = operations.map((id) => notImplemented(id, engine.exchanges)).filter((n): n is NotImplemented => n !== undefined);
  const results = engine.results;
  for (const result of results) if (missing.some((m) => m.operationId === result.operationId)) result.status = 'not-implemented';

  const counted = results.filter((r) => r.status !== 'not-implemented');
  const findings = counted.flatMap((r) => r.findings);
  const summary = {
    cases: results.length,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    inconclusive: results.filter((r) => r.status === 'inconclusive').length,
    notImplemented: results.filter((r) => r.status === 'not-implemented').length,
    errors: findings.filter(isError).length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
  const order = new Map([...probes, ...planned.cases].map((c, i) => [c.id, i]));
  results.sort(
    (a, b) => (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id),
  );
  const readings = [
    ...new Set([...oracles.values(), poolOracle].flatMap((o) => Object.entries(o.settledReadings).map(([id, r]) => `${id}=${r}`))),
  ].sort();
  return {
    target: url,
    seed: options.seed,
    examples: options.examples,
    operations,
    checks: [...selected],
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: engine.counters.requests,
    cases: results,
    notImplemented: missing,
    skipped,
    readings,
    summary,
    verdict: summary.errors === 0 && missing.length === 0 ? 'pass' : 'fail',
    ...(restore ? { restore } : {}),
  };
}
