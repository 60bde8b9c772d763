/**
 * The console report of `check-client`: each request in the order the mock received it, with the
 * operation it matched and every documented rule it broke, then the injected faults and the verdict.
 */
import { type ClientCheckResult, describeOutcome, type JudgedRequest } from '../client';
import type { Paint } from './console';

const BODY_SHOWN = 200;

/** `PUT /accounts/…/users/alice → UpdateUser · 200`: the request line, what it matched and the answer. */
export function clientRequestLine(r: JudgedRequest): string {
  const answer = `${r.response.status}${r.response.errorType ? ` ${r.response.errorType}` : ''}${r.response.injected ? ' (injected by --inject)' : ''}`;
  return `${r.method} ${r.path} → ${r.operationId ?? 'no operation'} · ${answer}`;
}

/** The body as sent, short; with its Content-Type. */
export function clientBodyLine(r: JudgedRequest): string {
  if (!/\S/.test(r.body)) return `(no body)${r.contentType ? ` · Content-Type ${r.contentType}` : ''}`;
  const body = r.body.length > BODY_SHOWN ? `${r.body.slice(0, BODY_SHOWN)}…` : r.body;
  return `${body} · Content-Type ${r.contentType ?? '(none)'}`;
}

/** Each finding of a request: what it did, then the documented rule and its source. */
export function clientFindingLines(r: JudgedRequest): string[] {
  return r.findings.flatMap((f) => [
    `${f.severity === 'error' ? '✗' : '!'} ${f.message}`,
    `    rule    ${f.rule.text}`,
    `    source  ${f.rule.source}`,
  ]);
}

/** `node client.js --flag`: the command as a shell would show it. */
export function commandLine(result: Pick<ClientCheckResult, 'command'>): string {
  return result.command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function clientConsoleReport(result: ClientCheckResult, paint: Paint): string {
  const lines: string[] = [];
  const seconds = (result.durationMs / 1000).toFixed(1);
  const { summary } = result;
  lines.push(paint('bold', `qs-contract check-client -- ${commandLine(result)}`));
  lines.push(
    `mock ${result.mockUrl} (account ${result.accountId}, ${result.region}) · the command ${describeOutcome(result.outcome)} after ${seconds} s · ${summary.requests} ${summary.requests === 1 ? 'request' : 'requests'}`,
  );
  result.forwardedSignals.forEach((signal, i) =>
    lines.push(
      paint(
        'yellow',
        i === 0
          ? `${signal} received while the command ran: forwarded to it`
          : `${signal} received again: the command was killed (SIGKILL)`,
      ),
    ),
  );

  if (result.requests.length > 0) lines.push('');
  for (const r of result.requests) {
    const mark = r.verdict === 'conforms' ? paint('green', '✓') : paint('red', '✗');
    lines.push(`${mark} #${r.seq} ${clientRequestLine(r)}`);
    for (const line of clientFindingLines(r))
      lines.push(`    ${line.startsWith('✗') ? paint('red', line) : line.startsWith('!') ? paint('yellow', line) : paint('dim', line)}`);
    if (r.verdict !== 'conforms') lines.push(paint('dim', `    sent    ${clientBodyLine(r)}`));
    if (r.note) lines.push(`    note    ${r.note}`);
  }

  const operations = [...new Set(result.requests.map((r) => r.operationId ?? 'no operation'))].sort();
  if (operations.length > 0) {
    lines.push('');
    for (const op of operations) {
      const mine = result.requests.filter((r) => (r.operationId ?? 'no operation') === op);
      const ok = mine.filter((r) => r.verdict === 'conforms').length;
      const text = `  ${op}: ${mine.length} ${mine.length === 1 ? 'request' : 'requests'}, ${ok} conformed`;
      lines.push(ok === mine.length ? text : paint('red', text));
    }
  }
  if (result.faults.length > 0) {
    lines.push('', paint('bold', 'Injected faults'));
    for (const f of result.faults) lines.push(`  ${f.operationId}=${f.errorType}:${f.count} answered ${f.answered} of ${f.count}`);
  }

  lines.push('');
  if (result.verdict === 'pass') {
    lines.push(
      paint(
        'green',
        `PASS  ${summary.requests} ${summary.requests === 1 ? 'request' : 'requests'}, each matched its operation and conformed${summary.warnings ? ` (${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'})` : ''}; the command ${describeOutcome(result.outcome)}`,
      ),
    );
  } else {
    lines.push(paint('red', `FAIL  ${result.reasons.map((r) => r.message).join('; ')}`));
    if (result.reasons.some((r) => r.code === 'no-requests')) {
      lines.push(
        paint(
          'dim',
          '      a client that does not read AWS_ENDPOINT_URL (the AWS CLI before 2.13, SDKs before 2023) needs the endpoint given: --endpoint-url "$AWS_ENDPOINT_URL"',
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
