/**
 * The console report: a table of checks × operations (cases passed, failed, or not applied), the
 * operations not implemented, then each failing case in detail with a curl line to reproduce it,
 * and the line that replays the run.
 */
import { type CheckId, checkTitle } from '../checks';
import type { CaseResult, VerifyResult } from '../verify';
import { findingLines, requestLine } from './text';

export type Paint = (format: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string) => string;

function cell(results: CaseResult[], check: CheckId): { text: string; state: 'passed' | 'failed' | 'none' } {
  const applied = results.filter((r) => r.checks.includes(check));
  if (applied.length === 0) return { text: '–', state: 'none' };
  const failed = applied.filter((r) => r.findings.some((f) => f.check === check && f.severity === 'error')).length;
  return failed > 0 ? { text: `✗ ${failed}/${applied.length}`, state: 'failed' } : { text: `✓ ${applied.length}`, state: 'passed' };
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function consoleReport(result: VerifyResult, paint: Paint, replay: string): string {
  const lines: string[] = [];
  const seconds = (result.durationMs / 1000).toFixed(1);
  lines.push(paint('bold', `qs-contract verify ${result.target}`));
  lines.push(
    `${result.summary.cases} cases, ${result.requests} requests in ${seconds} s · seed ${result.seed} · ${result.examples} random requests per property`,
  );
  lines.push('');

  const firstWidth = Math.max(...result.checks.map((c) => c.length), 'check'.length) + 2;
  const widths = result.operations.map((op) => Math.max(op.length, 9) + 2);
  lines.push(paint('bold', pad('check', firstWidth) + result.operations.map((op, i) => pad(op, widths[i] as number)).join('')));
  for (const check of result.checks) {
    const row = result.operations.map((op, i) => {
      if (result.notImplemented.some((n) => n.operationId === op)) return paint('yellow', pad('n/i', widths[i] as number));
      const c = cell(
        result.cases.filter((r) => r.operationId === op),
        check,
      );
      const text = pad(c.text, widths[i] as number);
      return c.state === 'failed' ? paint('red', text) : c.state === 'passed' ? paint('green', text) : paint('dim', text);
    });
    lines.push(pad(check, firstWidth) + row.join(''));
  }
  lines.push(paint('dim', '✓ n: passed on n cases · ✗ f/n: failed on f of n · –: not applicable to any case · n/i: not implemented'));
  const properties = result.cases.filter((c) => c.property);
  if (properties.length > 0) {
    lines.push('');
    lines.push(`random requests (fast-check, seed ${result.seed}):`);
    for (const c of properties) {
      const verdict =
        c.status === 'passed'
          ? paint('green', `✓ ${c.property?.runs} passed`)
          : paint('red', `✗ failed after ${c.property?.runs}, shrunk in ${c.property?.shrinks} steps`);
      lines.push(`  ${pad(c.operationId, 24)} ${pad(c.expect === 'rejected' ? 'invalid' : 'valid', 8)} ${verdict}`);
    }
  }

  if (result.skipped.length > 0) {
    lines.push('', paint('bold', 'Skipped'));
    for (const s of result.skipped) lines.push(`  – ${s.what}: ${s.reason}`);
  }
  if (result.notImplemented.length > 0) {
    lines.push('', paint('bold', 'Not implemented'));
    for (const n of result.notImplemented)
      lines.push(
        paint('yellow', `  ${n.operationId}: ${n.evidence}`),
        '    (exclude it with --operations if the target is not meant to implement it)',
      );
  }

  const failed = result.cases.filter((c) => c.status === 'failed');
  if (failed.length > 0) {
    lines.push('', paint('bold', `Failures (${failed.length} cases)`));
    for (const c of failed) {
      lines.push('', paint('red', `✗ ${c.operationId} › ${c.title}`) + paint('dim', `  ${c.id}`));
      if (c.property)
        lines.push(`    shrunk to this request after ${c.property.runs} random requests and ${c.property.shrinks} shrinking steps`);
      lines.push(...findingLines(c).map((l) => `  ${l}`));
      if (c.request) lines.push(`    sent      ${requestLine(c.request)}`);
      if (c.curl) lines.push(`    reproduce ${c.curl}`);
    }
  }
  const warned = result.cases.filter((c) => c.status !== 'failed' && c.findings.some((f) => f.severity === 'warning'));
  if (warned.length > 0) {
    lines.push('', paint('bold', 'Warnings (not failures: the documents do not promise these)'));
    for (const c of warned)
      for (const f of c.findings) lines.push(paint('yellow', `  ! ${c.operationId} › ${c.title}: [${f.check}] ${f.message}`));
  }

  lines.push('');
  const { summary } = result;
  if (result.verdict === 'pass') {
    lines.push(paint('green', `PASS  ${summary.passed} cases passed${summary.warnings ? `, ${summary.warnings} warnings` : ''}`));
  } else {
    const parts = [`${summary.errors} findings in ${summary.failed} cases`];
    if (result.notImplemented.length > 0) parts.push(`${result.notImplemented.length} operations not implemented`);
    lines.push(paint('red', `FAIL  ${parts.join(', ')}; ${summary.passed} cases passed`));
  }
  lines.push(paint('dim', `replay: ${replay}`));
  return `${lines.join('\n')}\n`;
}

/** The check titles, for --help and the README. */
export function checkLegend(checks: readonly CheckId[]): string {
  return checks.map((c) => `  ${pad(c, 20)} ${checkTitle(c)}`).join('\n');
}
