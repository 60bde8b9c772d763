/** A verify run as a report document: the checks × operations table, each failing case with its curl line. */
import { type CheckId, checkTitle } from '../../checks';
import type { CaseResult, VerifyResult } from '../../verify';
import type { Matrix, ReportCase, ReportDocument, ReportSection } from '../document';

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

function reportCase(c: CaseResult, result: VerifyResult): ReportCase {
  const sent = requestLine(c);
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
      ...(property && c.status === 'failed'
        ? [{ label: 'shrunk', text: `to this request after ${property.runs} random requests and ${property.shrinks} shrinking steps` }]
        : []),
      ...(sent ? [{ label: 'sent', text: sent }] : []),
      ...(c.curl ? [{ label: 'reproduce', text: c.curl }] : []),
    ],
    notes: property ? [`${property.runs} random requests (seed ${result.seed}), ${property.shrinks} shrinking steps`] : [],
    ...(missing ? { reason: `${c.operationId} is not implemented: ${missing.evidence}` } : {}),
    ...(c.status === 'inconclusive' ? { reason: inconclusiveReason(c) } : {}),
    ...(c.received ? { durationMs: c.received.durationMs } : {}),
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
        const verdict =
          c.status === 'passed'
            ? `✓ ${c.property?.runs} passed`
            : `✗ failed after ${c.property?.runs}, shrunk in ${c.property?.shrinks} steps`;
        return `${c.operationId.padEnd(24)} ${(c.expect === 'rejected' ? 'invalid' : 'valid').padEnd(8)} ${verdict}`;
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

function verdict(result: VerifyResult): ReportDocument['verdict'] {
  const { summary } = result;
  if (result.verdict === 'pass') {
    const extra = [
      summary.warnings ? `${summary.warnings} warnings` : '',
      summary.inconclusive ? `${summary.inconclusive} inconclusive` : '',
    ].filter(Boolean);
    return { pass: true, line: `PASS  ${summary.passed} cases passed${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`, hints: [] };
  }
  const parts = [`${summary.errors} findings in ${summary.failed} cases`];
  if (result.notImplemented.length > 0) parts.push(`${result.notImplemented.length} operations not implemented`);
  return { pass: false, line: `FAIL  ${parts.join(', ')}; ${summary.passed} cases passed`, hints: [] };
}

export function verifyDocument(result: VerifyResult, replay: string): ReportDocument {
  const seconds = (result.durationMs / 1000).toFixed(1);
  return {
    command: 'verify',
    heading: `qs-contract verify ${result.target}`,
    facts: [
      `${result.summary.cases} cases, ${result.requests} requests in ${seconds} s · seed ${result.seed} · ${result.examples} random requests per property`,
    ],
    matrix: matrix(result),
    sections: sections(result),
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
    verdict: verdict(result),
    replay,
    startedAt: result.startedAt,
    properties: { '*': { target: result.target, seed: String(result.seed) } },
  };
}

/** The check titles, for --help and the README. */
export function checkLegend(checks: readonly CheckId[]): string {
  return checks.map((c) => `  ${c.padEnd(20)} ${checkTitle(c)}`).join('\n');
}
