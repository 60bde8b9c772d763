/**
 * The conformance engine: spec → cases → runner → checks → a VerifyResult. It prints nothing;
 * progress goes to a callback and the result to the reports.
 */
import { authCases, type ConformanceCase, invalidRequests, PROPERTY_TITLES, planCases, validRequests } from '../cases';
import { CHECK_IDS, type CheckContext, type CheckId, judge, readErrorType } from '../checks';
import { ToolError } from '../errors';
import { type Finding, isError } from '../findings';
import type { Fixtures } from '../fixtures';
import { type Credentials, DUMMY_CREDENTIALS, probeTarget } from '../protocol';
import {
  createSigner,
  curlLine,
  type Exchange,
  execute,
  keepReceived,
  runCases,
  runProperty,
  type Target,
  type WireRequest,
} from '../runner';
import { compileValidators, loadSpec, type OperationId, type SpecModel } from '../spec';
import type { CaseResult, NotImplemented, Skipped, VerifyResult } from './result';

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
  /** Real credentials (`--sigv4 --credentials`): sign with them and run the auth cases. */
  credentials?: Credentials;
  onProgress?: (progress: Progress) => void;
  spec?: SpecModel;
}

export interface Progress {
  phase: 'cases' | 'properties';
  done: number;
  total: number;
  /** Error findings so far. */
  failing: number;
}

/**
 * A request as the reports keep it: with real credentials, the signature (a credential anyone could
 * replay for 15 minutes) is blanked; the curl line re-signs from the environment anyway.
 */
function reportable(request: WireRequest, realCredentials: boolean): WireRequest {
  const authorization = request.headers.authorization;
  if (!realCredentials || authorization === undefined) return request;
  return {
    ...request,
    headers: { ...request.headers, authorization: authorization.replace(/Signature=[0-9a-f]+/, 'Signature=<redacted>') },
  };
}

/** Fails fast, with exit code 2, when nothing listens at the target: every case would say the same. */
async function ensureReachable(url: string, timeoutMs: number): Promise<void> {
  const probe = await probeTarget(url, timeoutMs);
  if (!probe.reachable) {
    throw new ToolError(
      'TARGET_UNREACHABLE',
      `cannot reach the target ${url}: ${probe.message}`,
      'Is the server running, and is --target the right URL?',
    );
  }
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

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const started = Date.now();
  const model = options.spec ?? loadSpec();
  const validators = compileValidators(model);
  const url = options.target.replace(/\/+$/, '');
  // `responds` always applies: a case with no answer must never pass, whatever --checks selects.
  const selected = new Set<CheckId>(options.checks ? ['responds', ...options.checks] : CHECK_IDS);
  const operations = options.operations ?? model.operations.map((op) => op.id);
  const credentials = options.credentials ?? DUMMY_CREDENTIALS;
  const target: Target = { url, timeoutMs: options.timeoutMs, signer: createSigner({ credentials, region: options.fixtures.region }) };
  const contextOf = (id: OperationId): CheckContext => ({ operation: model.operation(id), validators, fixtures: options.fixtures });
  const curlOptions = { region: options.fixtures.region, ...(options.credentials ? {} : { printableCredentials: DUMMY_CREDENTIALS }) };

  await ensureReachable(url, options.timeoutMs);

  const planned = planCases(model, options.fixtures);
  const skipped: Skipped[] = planned.skipped
    .filter((s) => operations.includes(s.operationId))
    .map((s) => ({ what: s.operationId, reason: s.reason }));
  let cases = planned.cases.filter((c) => operations.includes(c.operationId));
  if (options.credentials) cases = [...cases, ...authCases(cases)];
  else if (selected.has('auth-enforced'))
    skipped.push({ what: 'auth-enforced', reason: 'needs real credentials: run with --sigv4 --credentials FILE' });

  const propertyOps = options.examples > 0 ? operations.filter((id) => !planned.skipped.some((s) => s.operationId === id)) : [];
  const total = cases.length + propertyOps.length * 2 * options.examples;
  let done = 0;
  let failing = 0;
  const results: CaseResult[] = [];
  let requests = 0;
  const record = (exchange: Exchange, property?: CaseResult['property']): CaseResult => {
    const { findings, applied } = judge(exchange, contextOf(exchange.case.operationId), selected);
    failing += findings.filter((f) => f.severity === 'error').length;
    const c = exchange.case;
    const result: CaseResult = {
      id: c.id,
      operationId: c.operationId,
      kind: c.kind,
      title: c.title,
      expect: c.expect,
      rule: c.rule,
      status: findings.some((f) => f.severity === 'error') ? 'failed' : 'passed',
      request: reportable(exchange.request, options.credentials !== undefined),
      curl: curlLine(exchange.request, { ...curlOptions, signing: c.signing }),
      // Judged whole; kept as a bounded prefix with the body's size and SHA-256 (src/runner/body.ts).
      received: keepReceived(exchange.received),
      findings,
      checks: applied,
      ...(property ? { property } : {}),
    };
    results.push(result);
    return result;
  };

  const exchanges = await runCases(model, target, cases, {
    concurrency: options.concurrency,
    onExchange: (exchange) => {
      requests += 1;
      record(exchange);
      done += 1;
      options.onProgress?.({ phase: 'cases', done, total, failing });
    },
  });

  // Each property sends one request at a time (shrinking needs order); the properties run side by side.
  const fails = (exchange: Exchange) =>
    judge(exchange, contextOf(exchange.case.operationId), selected).findings.some((f: Finding) => f.severity === 'error');
  const properties = propertyOps.flatMap((id) =>
    (['valid', 'invalid'] as const).map(async (validity, index) => {
      const op = model.operation(id);
      const arbitrary = validity === 'valid' ? validRequests(op, options.fixtures) : invalidRequests(op, options.fixtures);
      const outcome = await runProperty(arbitrary, {
        // One seed per property, derived from the run's, so that each replays on its own.
        seed: (options.seed + operations.indexOf(id) * 2 + index) | 0,
        examples: options.examples,
        execute: async (c: ConformanceCase) => {
          const exchange = await execute(model, target, c);
          requests += 1;
          if (done < total) done += 1;
          options.onProgress?.({ phase: 'properties', done, total, failing });
          return exchange;
        },
        fails,
        // Each smaller request would wait out the same deadline and say nothing new.
        shrinkable: (exchange) => !(exchange.received.kind === 'failure' && exchange.received.reason === 'timeout'),
      });
      return { id, validity, outcome };
    }),
  );
  for (const { id, validity, outcome } of await Promise.all(properties)) {
    const property = { runs: outcome.runs, shrinks: outcome.shrinks, requests: outcome.sent };
    if (outcome.counterexample) {
      record(outcome.counterexample, property);
    } else {
      // A passed property is one case with no single exchange to show.
      results.push({
        id: `${id}/property/${validity}`,
        operationId: id,
        kind: 'property',
        title: PROPERTY_TITLES[validity],
        expect: validity === 'valid' ? 'documented' : 'rejected',
        rule: undefined,
        status: 'passed',
        findings: [],
        checks: [],
        property,
      });
    }
  }

  const missing = operations.map((id) => notImplemented(id, exchanges)).filter((n): n is NotImplemented => n !== undefined);
  for (const result of results) if (missing.some((m) => m.operationId === result.operationId)) result.status = 'not-implemented';

  const counted = results.filter((r) => r.status !== 'not-implemented');
  const findings = counted.flatMap((r) => r.findings);
  const summary = {
    cases: results.length,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    notImplemented: results.filter((r) => r.status === 'not-implemented').length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
  const order = new Map(planned.cases.map((c, i) => [c.id, i]));
  results.sort(
    (a, b) => (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id),
  );
  return {
    target: url,
    seed: options.seed,
    examples: options.examples,
    operations,
    checks: [...selected],
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests,
    cases: results,
    notImplemented: missing,
    skipped,
    summary,
    verdict: summary.errors === 0 && missing.length === 0 ? 'pass' : 'fail',
  };
}
