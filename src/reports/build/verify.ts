/**
 * A verify run as a report document: the checks × operations table, what the run covered, each
 * failing case with the answer it got and its curl line.
 */
import { CHECKS, type CheckId, checkTitle, RESPONDS, readErrorType } from '../../checks';
import type { Rule } from '../../findings';
import { loadSpec, type SpecModel } from '../../spec';
import type { CaseResult, VerifyResult } from '../../verify';
import { coverageClause, verifyCoverage } from '../coverage';
import type { Matrix, ReportCase, ReportDocument, ReportSection } from '../document';
import { restoreTrailer } from './restore';

function cell(results: CaseResult[], check: CheckId): Matrix['rows'][number]['cells'][number] {
  const applied = results.filter((r) => r.checks.includes(check));
  if (applied.length === 0) return { text: '–', state: 'none' };
  const failed = applied.filter((r) => r.findings.some((f) => f.check === check && f.severity === 'error')).length;
  return failed > 0 ? { text: `✗ ${failed}/${applied.length}`, state: 'failed' } : { text: `✓ ${applied.length}`, state: 'passed' };
}

function matrix(result: VerifyResult): Matrix {
  return {
    corner: 'check',
    columns: result.operations,
    rows: result.checks.map((check) => ({
      label: check,
      cells: result.operations.map((op) =>
        result.notImplemented.some((n) => n.operationId === op)
          ? { text: 'n/i', state: 'not-implemented' as const }
          : cell(
              result.cases.filter((r) => r.operationId === op),
              check,
            ),
      ),
    })),
    legend: '✓ n: passed on n cases · ✗ f/n: failed on f of n · –: not applicable to any case · n/i: not implemented',
  };
}

/** `PUT /accounts/…/users/alice {"Email":…}`: what was sent, short. */
function requestLine(c: CaseResult): string | undefined {
  if (!c.request) return undefined;
  const path = c.request.url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const body =
    c.request.body === undefined ? '(no body)' : c.request.body.length > 160 ? `${c.request.body.slice(0, 160)}…` : c.request.body;
  return `${c.request.method} ${path} ${body}`;
}

/** The answer, short, as the key of a cause: status, error type, media type (`200 text/html`). */
function observedOf(c: CaseResult): string | undefined {
  const r = c.received;
  if (!r) return undefined;
  if (r.kind === 'failure') return `no answer (${r.reason})`;
  const type = r.status >= 300 ? readErrorType(r)?.name : undefined;
  const media = r.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || 'no Content-Type';
  return [String(r.status), type, media].filter(Boolean).join(' ');
}

/** What came back, for a reader: the status, the content type and the start of the body. */
function answerLine(c: CaseResult): string | undefined {
  const r = c.received;
  if (!r) return undefined;
  if (r.kind === 'failure') return `no answer: ${r.message}`;
  const body = r.body.length > 200 ? `${r.body.slice(0, 200)}…` : r.body;
  return `${r.status} · ${r.headers['content-type'] ?? 'no Content-Type'} · ${body ? JSON.stringify(body) : '(no body)'}`;
}

function shrunkLine(c: CaseResult, property: NonNullable<CaseResult['property']>): string {
  if (!c.sequence) return `to this request after ${property.runs} random requests and ${property.shrinks} shrinking steps`;
  const steps = new Set(c.sequence.map((s) => s.step.split('.')[0])).size;
  return `to these ${steps} steps (the last one fails) after ${property.runs} random sequences and ${property.shrinks} shrinking steps`;
}

function reportCase(c: CaseResult, result: VerifyResult): ReportCase {
  const sent = requestLine(c);
  const answer = c.status === 'passed' ? undefined : answerLine(c);
  const observed = observedOf(c);
  const missing = result.notImplemented.find((n) => n.operationId === c.operationId);
  const property = c.property;
  return {
    id: c.id,
    suite: c.operationId,
    className: `${c.operationId}.${c.kind}`,
    title: c.title,
    status: c.status,
    findings: c.findings,
    details: [
      ...(property && c.status === 'failed' ? [{ label: 'shrunk', text: shrunkLine(c, property) }] : []),
      ...(sent ? [{ label: 'sent', text: sent }] : []),
      ...(answer ? [{ label: 'answer', text: answer }] : []),
      // A failed sequence replays step by step; its failing request is the last step.
      ...(c.sequence
        ? c.sequence.map((s) => ({ label: `step ${s.step}`, text: `${s.curl}   # → ${s.answer}` }))
        : c.curl
          ? [{ label: 'reproduce', text: c.curl }]
          : []),
    ],
    notes: property
      ? [
          `${property.runs} random ${c.kind === 'stateful' ? 'sequences' : 'requests'} (seed ${result.seed}), ` +
            `${property.shrinks} shrinking steps`,
        ]
      : [],
    ...(missing ? { reason: `${c.operationId} is not implemented: ${missing.evidence}` } : {}),
    ...(c.status === 'inconclusive' ? { reason: inconclusiveReason(c) } : {}),
    ...(c.received ? { durationMs: c.received.durationMs } : {}),
    ...(observed ? { observed } : {}),
    ...(c.rule ? { caseRule: c.rule.text } : {}),
  };
}

function inconclusiveReason(c: CaseResult): string {
  const received = c.received?.kind === 'response' ? `${c.received.status}` : 'no answer';
  return `still a transient answer (${received}) after ${c.attempts ?? 1} attempts: its behaviour was not judged`;
}

function sections(result: VerifyResult): ReportSection[] {
  const out: ReportSection[] = [];
  if (result.readings.length > 0) {
    out.push({
      title: "The target's readings of what the documents leave open (README: the ambiguity register)",
      tone: 'dim',
      lines: [result.readings.join(' · ')],
    });
  }
  const properties = result.cases.filter((c) => c.property);
  if (properties.length > 0) {
    out.push({
      title: `Random requests (fast-check, seed ${result.seed})`,
      lines: properties.map((c) => {
        const sequences = c.kind === 'stateful';
        const runs = `${c.property?.runs} ${sequences ? 'sequences' : 'requests'}`;
        const verdict =
          c.status === 'passed'
            ? `✓ ${runs} passed${sequences ? ` (${c.property?.requests} requests)` : ''}`
            : `✗ failed after ${runs}, shrunk in ${c.property?.shrinks} steps`;
        const what = sequences ? 'sequences' : c.expect === 'rejected' ? 'invalid' : 'valid';
        return `${c.operationId.padEnd(24)} ${what.padEnd(10)} ${verdict}`;
      }),
    });
  }
  if (result.skipped.length > 0) out.push({ title: 'Skipped', lines: result.skipped.map((s) => `– ${s.what}: ${s.reason}`) });
  const inconclusive = result.cases.filter((c) => c.status === 'inconclusive');
  if (inconclusive.length > 0) {
    out.push({
      title: `Inconclusive (${inconclusive.length}): throttled or unavailable after every retry, not failures`,
      tone: 'warning',
      lines: inconclusive.map((c) => `? ${c.operationId} › ${c.title}: ${inconclusiveReason(c)}`),
    });
  }
  if (result.notImplemented.length > 0) {
    out.push({
      title: 'Not implemented',
      tone: 'warning',
      lines: result.notImplemented.flatMap((n) => [
        `${n.operationId}: ${n.evidence}`,
        '  (exclude it with --operations if the target is not meant to implement it)',
      ]),
    });
  }
  return out;
}

/**
 * One answer to every request is a mistake about the whole target (a wrong path prefix, TLS spoken
 * to a plain port, a proxy's error page), not a hundred defects: said once, before the rest.
 */
function wholeTargetProblem(result: VerifyResult): string | undefined {
  const answered = result.cases.filter((c) => c.received !== undefined);
  if (result.verdict === 'pass' || answered.length < 10) return undefined;
  const answers = new Set(answered.map(observedOf));
  const [only] = answers;
  if (answers.size !== 1 || only === undefined) return undefined;
  return (
    `every one of the ${answered.length} cases got the same answer, ${only}: ` +
    `is --target the server's base URL (scheme, host, port and path prefix)?`
  );
}

function verdict(result: VerifyResult, covered: string): ReportDocument['verdict'] {
  const { summary } = result;
  if (result.verdict === 'pass') {
    const extra = [
      summary.warnings ? `${summary.warnings} warnings` : '',
      summary.inconclusive ? `${summary.inconclusive} inconclusive` : '',
    ].filter(Boolean);
    return {
      pass: true,
      line: `PASS  ${summary.passed} cases passed${extra.length > 0 ? `, ${extra.join(', ')}` : ''} · ${covered}`,
      hints: [],
    };
  }
  const parts = [`${summary.errors} findings in ${summary.failed} cases`];
  if (result.notImplemented.length > 0) parts.push(`${result.notImplemented.length} operations not implemented`);
  return { pass: false, line: `FAIL  ${parts.join(', ')}; ${summary.passed} cases passed · ${covered}`, hints: [] };
}

/** The next steps after a run against the builtin mock (`npm start`): each works as printed, URL and file aside. */
const BUILTIN_NEXT_STEPS = [
  'npx qs-contract verify --target URL --fixtures FILE     # your server; ' +
    'FILE names the users, themes and profiles it holds (README: fixtures)',
  'npx qs-contract mock --port 5000                        # the reference mock, for your client (AWS_ENDPOINT_URL=http://127.0.0.1:5000)',
  'npx qs-contract check-client -- node your-client.js     # your client against the reference mock, every request judged',
];

export interface VerifyDocumentOptions {
  /** The run was against `--target builtin`: the next steps say how to check a real server. */
  builtin?: boolean;
  spec?: SpecModel;
}

export function verifyDocument(result: VerifyResult, replay: string, options: VerifyDocumentOptions = {}): ReportDocument {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const coverage = verifyCoverage(result, options.spec ?? loadSpec());
  const checkRules: Record<string, Rule> = Object.fromEntries([RESPONDS, ...CHECKS].map((c) => [c.id, c.rule]));
  const problem = wholeTargetProblem(result);
  return {
    command: 'verify',
    heading: `qs-contract verify ${result.target}`,
    facts: [
      `${result.summary.cases} cases, ${result.requests} requests in ${seconds} s (${result.longestLane} one after another) · ` +
        `seed ${result.seed} · ${result.examples} random requests per property`,
    ],
    matrix: matrix(result),
    sections: sections(result),
    trailer: restoreTrailer(result),
    cases: [
      ...result.skipped
        .filter((s) => result.operations.includes(s.what as never))
        .map(
          (s): ReportCase => ({
            id: `${s.what}/skipped`,
            suite: s.what,
            className: s.what,
            title: 'all cases',
            status: 'skipped',
            findings: [],
            details: [],
            notes: [],
            reason: s.reason,
          }),
        ),
      ...result.cases.map((c) => reportCase(c, result)),
    ],
    listing: 'failures',
    idInNames: true,
    suiteOrder: result.operations,
    verdict: verdict(result, coverageClause(coverage)),
    replay,
    startedAt: result.startedAt,
    properties: { '*': { target: result.target, seed: String(result.seed) } },
    coverage,
    checkRules,
    seed: result.seed,
    ...(options.builtin ? { nextSteps: BUILTIN_NEXT_STEPS } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** The check titles, for --help and the README. */
export function checkLegend(checks: readonly CheckId[]): string {
  return checks.map((c) => `  ${c.padEnd(20)} ${checkTitle(c)}`).join('\n');
}
