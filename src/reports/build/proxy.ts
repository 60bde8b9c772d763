/**
 * A proxy run as a report document: every exchange in the order the proxy received it, under the
 * operation it was, with the request's findings and the answer's; the exchanges outside the
 * contract (other QuickSight operations) listed as passed through. Also the one line per exchange
 * the command prints as it goes.
 */

import type { ProxiedExchange, ProxyResult } from '../../proxy';
import type { ReportCase, ReportDocument, ReportSection } from '../document';
import { printable } from '../document';

const BODY_SHOWN = 200;
const OUTSIDE = '(outside the contract)';
const NO_OPERATION = '(no operation)';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function answerOf(e: ProxiedExchange): string {
  if (e.response) return `${e.response.status}${e.response.errorType ? ` ${e.response.errorType}` : ''}`;
  return `no answer (${e.failure?.reason ?? 'failure'})`;
}

const JUDGED: Record<ProxiedExchange['judged'], string> = {
  followed: 'judged by the model on the state the earlier answers left',
  'per-exchange': 'judged by the model on its own (the state was not followed)',
  protocol: 'judged on status, schema, error type and request id only',
  none: 'not judged',
};

/** One line per exchange, as the proxy prints it when the exchange is over. */
export function exchangeLine(e: ProxiedExchange): string {
  const head = `#${e.seq} ${e.method} ${printable(e.path)}`;
  if (e.verdict === 'outside') return `  ${head} · ${answerOf(e)} · outside the contract, passed through`;
  const target = e.operationId ? ` → ${e.operationId}` : '';
  const errors = e.findings.filter((f) => f.severity === 'error');
  const warnings = e.findings.length - errors.length;
  if (errors.length === 0) {
    const warned = warnings > 0 ? ` (${plural(warnings, 'warning')})` : '';
    return `✓ ${head}${target} · ${answerOf(e)} · conforms${warned}`;
  }
  const first = errors[0];
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  const message = printable((first?.message ?? '').slice(0, 160));
  return `✗ ${head}${target} · ${answerOf(e)} · [${first?.code}] ${message}${more}`;
}

function bodyLine(e: ProxiedExchange): string {
  const { body, contentType } = e.request;
  if (!/\S/.test(body)) return `(no body)${contentType ? ` · Content-Type ${contentType}` : ''}`;
  const shown = body.length > BODY_SHOWN ? `${body.slice(0, BODY_SHOWN)}…` : body;
  return `${shown} · Content-Type ${contentType ?? '(none)'}`;
}

function exchangeCase(e: ProxiedExchange): ReportCase {
  const suite = e.verdict === 'outside' ? OUTSIDE : (e.operationId ?? NO_OPERATION);
  const answer = e.response
    ? `${answerOf(e)}${e.response.contentType ? ` · ${e.response.contentType}` : ''} · ` +
      (e.response.body.length > BODY_SHOWN ? `${e.response.body.slice(0, BODY_SHOWN)}…` : e.response.body)
    : `no answer: ${e.failure?.message ?? ''}`;
  const allowed = e.model?.allowed.map((a) => `${a.answer}${a.under.length > 0 ? ` (under ${a.under.join(', ')})` : ''}`).join(' · ');
  return {
    id: `#${e.seq}`,
    suite,
    className: suite,
    title: `#${e.seq} ${e.method} ${e.path} → ${e.operationId ?? 'no operation'} · ${answerOf(e)}`,
    status: e.verdict === 'outside' ? 'skipped' : e.verdict === 'conforms' ? 'passed' : 'failed',
    findings: e.findings,
    details: [
      { label: 'sent', text: bodyLine(e) },
      { label: 'answer', text: answer },
      ...(allowed ? [{ label: 'model', text: `allowed ${allowed}` }] : []),
      ...(e.note ? [{ label: 'note', text: e.note }] : []),
    ],
    notes: [`answered ${answerOf(e)}`, JUDGED[e.judged], ...(e.note ? [`note: ${e.note}`] : [])],
    ...(e.verdict === 'outside' ? { reason: 'not one of the three operations: passed through, not judged' } : {}),
    ...(e.response ? { durationMs: e.response.durationMs } : {}),
    observed: e.response ? `${answerOf(e)} ${e.response.contentType ?? ''}`.trim() : answerOf(e),
  };
}

function trailer(result: ProxyResult): ReportSection[] {
  const out: ReportSection[] = [];
  const suites = [...new Set(result.exchanges.map((e) => (e.verdict === 'outside' ? OUTSIDE : (e.operationId ?? NO_OPERATION))))].sort();
  if (suites.length > 0) {
    out.push({
      title: 'Exchanges by operation',
      lines: suites.map((suite) => {
        const mine = result.exchanges.filter((e) => (e.verdict === 'outside' ? OUTSIDE : (e.operationId ?? NO_OPERATION)) === suite);
        if (suite === OUTSIDE) return `${suite}: ${plural(mine.length, 'exchange')}, passed through`;
        return `${suite}: ${plural(mine.length, 'exchange')}, ${mine.filter((e) => e.verdict === 'conforms').length} conformed`;
      }),
    });
  }
  const { summary } = result;
  out.push({
    title: 'How the answers were judged',
    lines: [
      `${summary.followed} on the state the earlier answers on their resource left (the reference model following the upstream)`,
      `${summary.perExchange} on their own ` +
        '(the first on a resource, overlapping requests, after a transient answer or a request outside the contract)',
    ],
    tone: 'dim',
  });
  if (summary.notKept > 0)
    out.push({
      title: 'Not listed',
      lines: [`${plural(summary.notKept, 'exchange')} counted but not listed (the report lists at most 2,000 of each verdict)`],
      tone: 'dim',
    });
  if (result.record)
    out.push({
      title: 'Recorded',
      lines: [
        `${result.record.file}: ${plural(result.record.interactions, 'interaction')} (Pact V4)` +
          (result.record.leftOut > 0
            ? `; ${plural(result.record.leftOut, 'exchange')} left out ` +
              '(not conforming, no answer, or a refusal no provider state reproduces)'
            : ''),
      ],
    });
  return out;
}

function signaturesLine(result: ProxyResult): string {
  return result.signatures.mode === 'resigned'
    ? `requests re-signed (SigV4, ${result.region}) with ${result.signatures.credentials}`
    : 'requests forwarded as the client signed them (--resign signs them again)';
}

export function proxyDocument(result: ProxyResult): ReportDocument {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const { summary } = result;
  const judged = summary.exchanges - summary.outside;
  const verdict: ReportDocument['verdict'] =
    result.verdict === 'pass'
      ? {
          pass: true,
          line:
            `PASS  ${plural(judged, 'exchange')} of the three operations, each conformed` +
            (summary.warnings ? ` (${plural(summary.warnings, 'warning')})` : '') +
            (summary.outside ? `; ${summary.outside} outside the contract passed through` : ''),
          hints: [],
        }
      : {
          pass: false,
          line: `FAIL  ${result.reasons.join('; ')}`,
          hints:
            judged === 0
              ? ['point the client at the proxy: AWS_ENDPOINT_URL (or the SDK\'s endpoint option) set to the "listening on" URL']
              : [],
        };
  return {
    command: 'proxy',
    heading: `qs-contract proxy --upstream ${result.upstream}`,
    facts: [
      `listened on ${result.url} for ${seconds} s · ${plural(summary.exchanges, 'exchange')} ` +
        `(${summary.outside} outside the contract) · region ${result.region}`,
      signaturesLine(result),
    ],
    sections: [],
    trailer: trailer(result),
    cases: result.exchanges.map(exchangeCase),
    // Each exchange had its line as it went: the report lists the failing ones, under their causes.
    listing: 'failures',
    suiteOrder: [
      ...new Set(result.exchanges.map((e): string => (e.verdict === 'outside' ? OUTSIDE : (e.operationId ?? NO_OPERATION)))),
    ].sort(
      (a, b) =>
        Number(a === OUTSIDE) - Number(b === OUTSIDE) || Number(a === NO_OPERATION) - Number(b === NO_OPERATION) || a.localeCompare(b),
    ),
    idInNames: false,
    verdict,
    startedAt: result.startedAt,
    properties: { '*': { upstream: result.upstream, proxy: result.url } },
  };
}
