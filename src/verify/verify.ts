/**
 * The conformance engine: spec → cases → lanes → runner → the reference model in lock-step → checks
 * → a VerifyResult. It prints nothing; progress goes to a callback and the result to the reports.
 *
 * Order of a run: the target is probed (reachable; TLS spoken where expected); each lane sends its
 * probe (the fixtures it declares), whose answers either teach the model the target's state or say,
 * in one line, that the target does not hold what --fixtures declares; then every lane sends its
 * cases, its random valid sequences and its random invalid requests on tracks that share its round
 * trips (ticker.ts), each answer judged by the model on the state the earlier answers left, side by
 * side with the other lanes and the pool of cases that touch nothing the fixtures hold.
 */
import fc from 'fast-check';
import pLimit from 'p-limit';
import { authCases, type ConformanceCase, invalidRequests, PROPERTY_TITLES, planCases } from '../cases';
import { STATEFUL_TITLE, stepCases } from '../cases/commands';
import { CHECK_IDS, type CheckContext, type CheckId, type JudgedExchange, judge, readErrorType, releaseParsed } from '../checks';
import { ToolError } from '../errors';
import { isError, type Suppression } from '../findings';
import type { Fixtures } from '../fixtures';
import { declaredState, type ModelVerdict, Oracle } from '../model';
import { type Credentials, DEFAULT_MAX_ATTEMPTS, DUMMY_CREDENTIALS, encodeRfc3986 } from '../protocol';
import { createSigner, curlLine, type Exchange, execute, keepReceived, runProperty, type Target, type WireRequest } from '../runner';
import { createPacer, type Pacer } from '../runner/pace';
import { compileValidators, loadSpec, type OperationId, type SpecModel, type Validators } from '../spec';
import { type Lane, planLanes, QUIET_CHUNK } from './lanes';
import { modelRequestOf, observedOf } from './observe';
import { preflight, reachable } from './preflight';
import { plainName, probesOf } from './probes';
import { restoreFixtures, takeSnapshots } from './restore';
import type { CaseResult, NotImplemented, Skipped, VerifyResult } from './result';
import { seededRandom } from './seed';
import { runStateful } from './stateful';
import { Ticker } from './ticker';

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
  /** `--suppress`: the findings of these codes are dropped (and counted) before any verdict. */
  suppress?: Suppression;
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
  /** Round trips each lane made one after another (a burst counts one): the longest is the run's critical path. */
  trips: Map<Oracle, number>;
}

function trip(engine: Engine, oracle: Oracle): void {
  engine.trips.set(oracle, (engine.trips.get(oracle) ?? 0) + 1);
}

function contextOf(engine: Engine, id: OperationId): CheckContext {
  return { operation: engine.model.operation(id), validators: engine.validators, fixtures: engine.options.fixtures };
}

/** Judges an exchange with the checks (the behaviour ones only on an answer that was not transient). */
function judgeExchange(engine: Engine, exchange: JudgedExchange) {
  const selected = exchange.transient ? new Set([...engine.selected].filter((id) => !BEHAVIOUR.has(id))) : engine.selected;
  return judge(exchange, contextOf(engine, exchange.case.operationId), selected);
}

/**
 * The findings of an exchange, and of each transient answer retried before it (a malformed throttle
 * is still malformed), but those of a suppressed code: the suppression counts them when `count`
 * (a recorded case), not when a property only asks whether an exchange fails.
 */
function judgeWithRetries(engine: Engine, exchange: JudgedExchange, count = false) {
  const judgement = judgeExchange(engine, exchange);
  const earlier = (exchange.retried ?? []).flatMap((received, i) =>
    judgeExchange(engine, { ...exchange, received, transient: true }).findings.map((f) => ({
      ...f,
      message: `attempt ${i + 1} of ${exchange.attempts} (retried): ${f.message}`,
    })),
  );
  const all = [...earlier, ...judgement.findings];
  for (const received of [exchange.received, ...(exchange.retried ?? [])]) if (received.kind === 'response') releaseParsed(received);
  const { suppress } = engine.options;
  const findings = !suppress ? all : count ? suppress.keep(all) : all.filter((f) => !suppress.suppresses(f.code));
  return { findings, applied: judgement.applied };
}

/** The curl line that replays an exchange (secrets blanked as in the report). */
function curlOf(engine: Engine, exchange: Exchange): string {
  const credentials = engine.options.credentials;
  const curlOptions = { region: engine.options.fixtures.region, ...(credentials ? {} : { printableCredentials: DUMMY_CREDENTIALS }) };
  return curlLine(reportable(exchange.request, credentials !== undefined), { ...curlOptions, signing: exchange.case.signing });
}

function record(engine: Engine, exchange: JudgedExchange, property?: CaseResult['property']): CaseResult {
  const { findings, applied } = judgeWithRetries(engine, exchange, true);
  engine.counters.failing += findings.filter(isError).length;
  const c = exchange.case;
  const request = reportable(exchange.request, engine.options.credentials !== undefined);
  const result: CaseResult = {
    id: c.id,
    operationId: c.operationId,
    kind: c.kind,
    title: c.title,
    expect: c.expect,
    rule: c.rule,
    status: findings.some(isError) ? 'failed' : exchange.transient ? 'inconclusive' : 'passed',
    request,
    curl: curlOf(engine, exchange),
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
  const { received } = exchange;
  if (received.kind !== 'response') return undefined;
  const req = modelRequestOf(engine.model, engine.validators, exchange.case);
  const signed = (exchange.case.signing ?? 'signed') === 'signed';
  if (unsettles(exchange)) {
    // An unsigned request accepted (auth-enforced's finding), a throttled or unavailable answer, a
    // server error (no-server-error's, judged on what the model allowed): each may or may not have
    // changed the resource, which the next answers teach again.
    const verdict = signed && !exchange.transient ? oracle.peek(req, observedOf(received)) : undefined;
    oracle.forget(req);
    return verdict;
  }
  // What a target does with a request it must refuse as unauthenticated is auth-enforced's to judge.
  return signed ? oracle.step(req, observedOf(received)) : undefined;
}

/** Whether an answer may have changed the resource in a way no order explains: the model forgets it (stepOracle, sendItems). */
function unsettles(e: Exchange): boolean {
  if (e.received.kind !== 'response') return false;
  if (e.case.signing !== undefined && e.case.signing !== 'signed') return e.received.status < 300;
  return e.transient === true || e.received.status >= 500;
}

/** Whether an exchange of a burst is held to an order of the others: a signed, conclusive, non-5xx answer. */
const ordered = (e: Exchange) =>
  e.received.kind === 'response' && !e.transient && e.received.status < 500 && (e.case.signing ?? 'signed') === 'signed';

/** A request of a round trip, with the answer it must repeat when it repeats an earlier one. */
interface Item {
  case: ConformanceCase;
  previous?: Exchange['received'];
}

const items = (cases: ConformanceCase[]): Item[] => cases.map((c) => ({ case: c }));

/** Sends a round trip's requests (at once when several) and gives each exchange with the model's verdict. */
async function sendItems(engine: Engine, oracle: Oracle, sent: Item[]): Promise<JudgedExchange[]> {
  trip(engine, oracle);
  if (sent.length === 1) {
    const { case: c, previous } = sent[0] as Item;
    const exchange = await send(engine, c, previous);
    const model = stepOracle(engine, oracle, exchange);
    return [{ ...exchange, ...(model ? { model } : {}) } as JudgedExchange];
  }
  const exchanges = await Promise.all(sent.map((item) => send(engine, item.case, item.previous)));
  const judged = exchanges.filter(ordered);
  const apart = new Map(exchanges.filter((x) => !judged.includes(x)).map((e) => [e, stepOracle(engine, oracle, e)] as const));
  const { verdicts } = oracle.burst(
    judged.map((e) => ({ req: modelRequestOf(engine.model, engine.validators, e.case), observed: observedOf(e.received as never) })),
  );
  // What the model cannot order (an unsigned request accepted, a throttled or failed one) may have
  // changed the resource before or after the others were answered: what their answers taught is
  // forgotten too, and the next answers teach it again.
  for (const e of apart.keys()) if (unsettles(e)) oracle.forget(modelRequestOf(engine.model, engine.validators, e.case));
  return exchanges.map((e) => {
    const at = judged.indexOf(e);
    const model = at === -1 ? apart.get(e) : verdicts[at];
    return { ...e, ...(model ? { model } : {}) } as JudgedExchange;
  });
}

/** A lane's round trips, shared by its tracks (src/verify/ticker.ts), with its oracle. */
interface LaneRun {
  lane: Lane;
  oracle: Oracle;
  ticker: Ticker<Item, JudgedExchange>;
}

/** The track numbers of a lane: its cases go first into a round trip, then its stateful sequences, then what changes nothing. */
const TRACK = { cases: 0, stateful: 1, quiet: 2 } as const;

/**
 * The lane's cases that may change its resource, in order; `onShared` is called before the first
 * step that other changes may go beside (the stateful sequences start there).
 */
async function runCaseTrack(engine: Engine, run: LaneRun, onShared: () => void): Promise<void> {
  const { steps, sharedFrom } = run.lane;
  // Only the answers a later step must repeat are held (an answer of any size is judged, then let go).
  const wanted = new Set(
    steps.flatMap((s) =>
      s.kind === 'single' && s.case.sequence?.sameAs !== undefined ? [`${s.case.sequence.id}#${s.case.sequence.sameAs}`] : [],
    ),
  );
  const answers = new Map<string, Exchange['received']>();
  for (const [index, step] of steps.entries()) {
    if (index === sharedFrom) onShared();
    const cases = step.kind === 'single' ? [step.case] : step.cases;
    const sent = cases.map((c): Item => {
      const sameAs = c.sequence?.sameAs;
      const previous = sameAs === undefined ? undefined : answers.get(`${c.sequence?.id}#${sameAs}`);
      return { case: c, ...(previous ? { previous } : {}) };
    });
    for (const exchange of await run.ticker.step(TRACK.cases, { items: sent, company: step.company })) {
      const c = exchange.case;
      const key = c.sequence ? `${c.sequence.id}#${c.sequence.step}` : undefined;
      if (key && wanted.has(key)) answers.set(key, exchange.received);
      record(engine, exchange);
    }
  }
  if (steps.length <= sharedFrom) onShared();
  run.ticker.leave();
}

/**
 * The cases on nothing the fixtures hold, sent side by side a few at a time (off any lane's path);
 * their answers are judged afterwards in the order of the plan, so the readings they show (which
 * check a target makes first) are held from one to the next the same way every run.
 */
async function runPool(engine: Engine, oracle: Oracle, pool: ConformanceCase[]): Promise<void> {
  const exchanges: Exchange[] = [];
  for (let i = 0; i < pool.length; i += POOL_CHUNK) {
    trip(engine, oracle);
    exchanges.push(...(await Promise.all(pool.slice(i, i + POOL_CHUNK).map((c) => send(engine, c)))));
  }
  for (const exchange of exchanges) {
    const model = stepOracle(engine, oracle, exchange);
    record(engine, { ...exchange, ...(model ? { model } : {}) });
  }
}

/** Pool requests in flight at once: what the lanes' round trips leave of the default 16. */
const POOL_CHUNK = 2;

/** The operation's lanes, the one where stateful sequences can start soonest (fewest whole-resource steps before them) first. */
function soonestLanes(lanes: Lane[], operationId: OperationId): Lane[] {
  return lanes.filter((l) => l.operationId === operationId).sort((a, b) => a.sharedFrom - b.sharedFrom || a.steps.length - b.steps.length);
}

/**
 * Where an operation's properties run: the stateful sequences in the lane where they can start
 * soonest, a user whose name is percent-encoded included when the target answered its probe with a
 * success (the fixtures' users are few, and its lane is otherwise all but idle; a target that
 * cannot route the name has that as the encoded cases' finding, and the sequences go to a plain
 * name); the rule-breaking requests in a lane of a plain-named resource other than that one where
 * there is one (a decoding defect is the encoded cases' finding, not 40 random requests').
 */
function propertyLanes(lanes: Lane[], operationId: OperationId, routed: (lane: Lane) => boolean): { stateful?: Lane; invalid?: Lane } {
  const plain = (lane: Lane) => Object.values(lane.pathParams).every((v) => encodeRfc3986(v) === v);
  const [stateful] = soonestLanes(lanes, operationId).filter((l) => plain(l) || routed(l));
  const plainLanes = soonestLanes(lanes, operationId).filter(plain);
  return { stateful, invalid: plainLanes.find((l) => l !== stateful) ?? plainLanes[0] ?? stateful };
}

/** A lane's tracks side by side, sharing its round trips: its cases, its stateful sequences, and what changes nothing. */
async function runLane(
  engine: Engine,
  lane: { lane: Lane; oracle: Oracle },
  seeds: { stateful: number | undefined; invalid: number | undefined },
): Promise<void> {
  const run: LaneRun = {
    ...lane,
    ticker: new Ticker<Item, JudgedExchange>((sent) => sendItems(engine, lane.oracle, sent), 2),
  };
  let start = () => {};
  const shared = new Promise<void>((resolve) => {
    start = resolve;
  });
  const onShared = () => {
    if (seeds.stateful === undefined) return;
    // Joined at once, so that no round trip goes without waiting for its first step.
    run.ticker.join();
    start();
  };
  const statefulSeed = seeds.stateful;
  await Promise.all([
    runCaseTrack(engine, run, onShared),
    runQuietTrack(engine, run, seeds.invalid),
    statefulSeed === undefined ? undefined : shared.then(() => runLaneStateful(engine, run, statefulSeed)),
  ]);
}

const failsIn = (engine: Engine) => (exchange: JudgedExchange) => judgeWithRetries(engine, exchange).findings.some(isError);

/**
 * Random sequences of updates on the lane's resource (src/verify/stateful.ts), beside the lane's
 * cases, each answer judged by the lane's oracle; a failing sequence is shrunk with the lane to
 * itself and reported step by step, as curl lines.
 */
async function runLaneStateful(engine: Engine, run: LaneRun, seed: number): Promise<void> {
  const { lane, oracle, ticker } = run;
  const op = engine.model.operation(lane.operationId);
  const fails = failsIn(engine);
  const probe = { ...lane.probe, body: undefined };
  let release: (() => void) | undefined;
  const outcome = await runStateful(
    op,
    { fixtures: engine.options.fixtures, pathParams: lane.pathParams },
    {
      seed,
      examples: engine.options.examples,
      driver: {
        run: async (step) => {
          const sent = items(stepCases(op, lane.pathParams, step));
          const judged = release
            ? await sendItems(engine, oracle, sent)
            : await ticker.step(TRACK.stateful, { items: sent, company: step.rejected ? 'quiet' : 'shared' });
          return judged.map((e) => ({ exchange: e, fails: fails(e) }));
        },
        forget: () => oracle.forget(modelRequestOf(engine.model, engine.validators, probe)),
        shrinking: async () => {
          ticker.leave();
          release = await ticker.alone();
        },
      },
    },
  );
  if (release) release();
  else ticker.leave();
  const property = { runs: outcome.runs, shrinks: outcome.shrinks, requests: outcome.requests };
  const failed = outcome.counterexample;
  if (!failed) {
    engine.results.push(passedProperty(lane.operationId, 'stateful', property));
    return;
  }
  const result = record(engine, failed.failing as JudgedExchange, property);
  result.sequence = failed.steps.flatMap((exchanges, n) =>
    exchanges.map((e, k) => ({
      step: exchanges.length > 1 ? `${n + 1}.${k + 1}` : String(n + 1),
      curl: curlOf(engine, e),
      answer: answerOf(e),
    })),
  );
}

function answerOf(e: Exchange): string {
  if (e.received.kind !== 'response') return `no answer (${e.received.reason})`;
  const type = readErrorType(e.received);
  return `${e.received.status}${type ? ` ${type.name}` : ''}`;
}

/**
 * The lane's requests that change nothing on a faithful target, a few beside each round trip of the
 * lane: its refused cases, then (`invalidSeed`) random requests that break one documented rule. Only
 * a failure of those is sent again one at a time, with the lane to itself, for fast-check to shrink.
 */
async function runQuietTrack(engine: Engine, run: LaneRun, invalidSeed: number | undefined): Promise<void> {
  const { lane, oracle, ticker } = run;
  const quiet = (cases: ConformanceCase[]) => ticker.step(TRACK.quiet, { items: items(cases), company: 'quiet' });
  for (let i = 0; i < lane.quiet.length; i += QUIET_CHUNK)
    for (const e of await quiet(lane.quiet.slice(i, i + QUIET_CHUNK))) record(engine, e);
  if (invalidSeed === undefined) {
    ticker.leave();
    return;
  }
  const op = engine.model.operation(lane.operationId);
  const arbitrary = invalidRequests(op, engine.options.fixtures, lane.pathParams);
  const fails = failsIn(engine);
  const sampled = fc.sample(arbitrary, { seed: invalidSeed, numRuns: engine.options.examples });
  let failed = false;
  for (let i = 0; i < sampled.length && !failed; i += QUIET_CHUNK) failed = (await quiet(sampled.slice(i, i + QUIET_CHUNK))).some(fails);
  ticker.leave();
  if (!failed) {
    engine.results.push(passedProperty(lane.operationId, 'invalid', { runs: sampled.length, shrinks: 0, requests: sampled.length }));
    return;
  }
  const release = await ticker.alone();
  try {
    const outcome = await runProperty(arbitrary, {
      seed: invalidSeed,
      examples: engine.options.examples,
      execute: async (c: ConformanceCase) => (await sendItems(engine, oracle, [{ case: c }]))[0] as Exchange,
      fails: (exchange) => fails(exchange as JudgedExchange),
      // Each smaller request would wait out the same deadline and say nothing new.
      shrinkable: (exchange) => !(exchange.received.kind === 'failure' && exchange.received.reason === 'timeout'),
    });
    const property = { runs: outcome.runs, shrinks: outcome.shrinks, requests: outcome.sent };
    if (outcome.counterexample) record(engine, outcome.counterexample as JudgedExchange, property);
    else engine.results.push(passedProperty(lane.operationId, 'invalid', property));
  } finally {
    release();
  }
}

/** A passed property is one case with no single exchange to show. */
function passedProperty(operationId: OperationId, kind: 'stateful' | 'invalid', property: NonNullable<CaseResult['property']>): CaseResult {
  return {
    id: `${operationId}/property/${kind}`,
    operationId,
    kind: kind === 'stateful' ? 'stateful' : 'property',
    title: kind === 'stateful' ? STATEFUL_TITLE : PROPERTY_TITLES.invalid,
    expect: kind === 'stateful' ? 'documented' : 'rejected',
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
    trips: new Map(),
  };
  const oracles = new Map(lanes.map((lane) => [lane.key, new Oracle(declaredState(options.fixtures))]));
  const oracleOf = (lane: Lane) => oracles.get(lane.key) as Oracle;
  const poolOracle = new Oracle(declaredState(options.fixtures));

  // The probes first: a target that lacks a declared fixture, or refuses every request, is said in one line.
  await Promise.all(
    lanes.map((lane) => sendItems(engine, oracleOf(lane), [{ case: lane.probe }]).then(([e]) => record(engine, e as JudgedExchange))),
  );
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

  // Each operation's properties in the lanes propertyLanes chooses. Lanes share no state: each goes
  // at its own pace, side by side with the others and with the pool.
  const probed = new Map(engine.exchanges.filter((e) => e.case.kind === 'probe').map((e) => [e.case, e.received] as const));
  const routed = (lane: Lane) => {
    const received = probed.get(lane.probe);
    return received?.kind === 'response' && received.status >= 200 && received.status < 300;
  };
  const stateful = new Map<Lane, number>();
  const invalid = new Map<Lane, number>();
  if (options.examples > 0) {
    operations.forEach((id, index) => {
      const chosen = propertyLanes(lanes, id, routed);
      if (!chosen.stateful || !chosen.invalid) return;
      // One seed per property, derived from the run's, so that each replays on its own.
      const seed = (n: number) => (options.seed + index * 2 + n) | 0;
      stateful.set(chosen.stateful, seed(0));
      invalid.set(chosen.invalid, seed(1));
    });
  }
  await Promise.all([
    ...lanes.map((lane) => runLane(engine, { lane, oracle: oracleOf(lane) }, { stateful: stateful.get(lane), invalid: invalid.get(lane) })),
    runPool(engine, poolOracle, pool),
  ]);

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
    longestLane: Math.max(0, ...engine.trips.values()),
    cases: results,
    notImplemented: missing,
    skipped,
    readings,
    summary,
    verdict: summary.errors === 0 && missing.length === 0 ? 'pass' : 'fail',
    ...(restore ? { restore } : {}),
  };
}
