/**
 * A check-client run as a report document: every request in the order the mock received it, under
 * the operation it matched, with every documented rule it broke; the command itself is one more case.
 */
import type { ClientCheckResult, JudgedRequest } from '../../client';
// Not from the index: that loads the client runner and the mock into every command that renders a report.
import { describeOutcome } from '../../client/judge-requests';
import { isError } from '../../findings';
import type { ReportCase, ReportDocument, ReportSection } from '../document';

const BODY_SHOWN = 200;
const NO_OPERATION = '(no operation)';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `node client.js --flag`: the command as a shell would show it. */
function commandLine(result: Pick<ClientCheckResult, 'command'>): string {
  return result.command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The body as sent, short; with its Content-Type. */
function bodyLine(r: JudgedRequest): string {
  if (!/\S/.test(r.body)) return `(no body)${r.contentType ? ` · Content-Type ${r.contentType}` : ''}`;
  const body = r.body.length > BODY_SHOWN ? `${r.body.slice(0, BODY_SHOWN)}…` : r.body;
  return `${body} · Content-Type ${r.contentType ?? '(none)'}`;
}

function answerOf(r: JudgedRequest): string {
  const errorType = r.response.errorType ? ` ${r.response.errorType}` : '';
  return `${r.response.status}${errorType}${r.response.injected ? ' (injected by --inject)' : ''}`;
}

/** A request that matched no operation and fails nothing: `--suppress request.path.unknown` dropped its finding. */
const suppressedUnmatched = (r: JudgedRequest) => r.verdict === 'unmatched' && !r.findings.some(isError);

function requestCase(r: JudgedRequest): ReportCase {
  const suite = r.operationId ?? NO_OPERATION;
  const note = r.note ? [{ label: 'note', text: r.note }] : [];
  return {
    id: `#${r.seq}`,
    suite,
    className: suite,
    title: `#${r.seq} ${r.method} ${r.path} → ${r.operationId ?? 'no operation'} · ${answerOf(r)}`,
    status: r.verdict === 'conforms' ? 'passed' : suppressedUnmatched(r) ? 'skipped' : 'failed',
    findings: r.findings,
    ...(suppressedUnmatched(r) ? { reason: 'matched no operation; request.path.unknown is suppressed' } : {}),
    details: [{ label: 'sent', text: bodyLine(r) }, ...note],
    notes: [`answered ${answerOf(r)}`, ...(r.note ? [`note: ${r.note}`] : [])],
  };
}

function commandCase(result: ClientCheckResult): ReportCase {
  // The requests' own failures are their cases'; here, what only the command as a whole shows.
  const reasons = result.reasons.filter((r) => r.code === 'command-failed' || r.code === 'no-requests' || r.code === 'unchecked');
  return {
    id: 'command',
    suite: 'command',
    className: 'command',
    title: commandLine(result),
    status: reasons.length > 0 ? 'failed' : 'passed',
    findings: [],
    details: [],
    notes: [`the command ${describeOutcome(result.outcome)}; ${plural(result.summary.requests, 'request')}`],
    ...(reasons.length > 0 ? { reason: reasons.map((r) => r.message).join('; ') } : {}),
    durationMs: result.durationMs,
    junitOnly: true,
  };
}

function sections(result: ClientCheckResult): ReportSection[] {
  const signals = result.forwardedSignals.map((signal, i) =>
    i === 0 ? `${signal} received while the command ran: forwarded to it` : `${signal} received again: the command was killed (SIGKILL)`,
  );
  return signals.length > 0 ? [{ title: 'Signals', lines: signals, tone: 'warning' }] : [];
}

function trailer(result: ClientCheckResult): ReportSection[] {
  const out: ReportSection[] = [];
  const operations = [...new Set(result.requests.map((r) => r.operationId ?? NO_OPERATION))].sort();
  if (operations.length > 0) {
    out.push({
      title: 'Requests by operation',
      lines: operations.map((op) => {
        const mine = result.requests.filter((r) => (r.operationId ?? NO_OPERATION) === op);
        const ok = mine.filter((r) => r.verdict === 'conforms').length;
        return `${op}: ${plural(mine.length, 'request')}, ${ok} conformed`;
      }),
    });
  }
  if (result.faults.length > 0) {
    out.push({
      title: 'Injected faults',
      lines: result.faults.map((f) => `${f.operationId}=${f.errorType}:${f.count} answered ${f.answered} of ${f.count}`),
    });
  }
  return out;
}

/** Said with every verdict: a pass without --auth says nothing of the signatures AWS will check. */
function signaturesLine(result: ClientCheckResult): string {
  return result.signatures.verified
    ? `signatures verified (SigV4, ${result.signatures.credentials})`
    : 'signatures not verified (--auth sigv4 verifies them)';
}

function verdict(result: ClientCheckResult): ReportDocument['verdict'] {
  const { summary } = result;
  if (result.verdict === 'pass') {
    const warned = summary.warnings ? ` (${plural(summary.warnings, 'warning')})` : '';
    return {
      pass: true,
      line:
        `PASS  ${plural(summary.requests, 'request')}, each matched its operation and conformed${warned}; ` +
        `the command ${describeOutcome(result.outcome)}; ${signaturesLine(result)}`,
      hints: [],
    };
  }
  const hints = result.reasons.some((r) => r.code === 'no-requests')
    ? [
        'a client that does not read AWS_ENDPOINT_URL (the AWS CLI before 2.13, SDKs before 2023) ' +
          'needs the endpoint given: --endpoint-url "$AWS_ENDPOINT_URL"',
      ]
    : [];
  if (!result.signatures.verified) hints.push('signatures were not verified: --auth sigv4 verifies them');
  return { pass: false, line: `FAIL  ${result.reasons.map((r) => r.message).join('; ')}`, hints };
}

export function checkClientDocument(result: ClientCheckResult): ReportDocument {
  const seconds = (result.durationMs / 1000).toFixed(1);
  return {
    command: 'check-client',
    heading: `qs-contract check-client -- ${commandLine(result)}`,
    facts: [
      `mock ${result.mockUrl} (account ${result.accountId}, ${result.region}) · ` +
        `the command ${describeOutcome(result.outcome)} after ${seconds} s · ` +
        `${plural(result.summary.requests, 'request')}`,
      signaturesLine(result),
    ],
    sections: sections(result),
    trailer: trailer(result),
    cases: [...result.requests.map(requestCase), commandCase(result)],
    listing: 'in-order',
    // By operation, then the requests that matched none, then the command as a whole.
    suiteOrder: [...new Set(result.requests.map((r): string => r.operationId ?? NO_OPERATION))]
      .sort((a, b) => Number(a === NO_OPERATION) - Number(b === NO_OPERATION) || a.localeCompare(b))
      .concat('command'),
    idInNames: false,
    verdict: verdict(result),
    startedAt: result.startedAt,
    properties: { '*': { mock: result.mockUrl } },
  };
}
