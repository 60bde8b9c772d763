/**
 * The console report of any command's document: the heading and facts, a whole-run problem in one
 * line, the matrix when there is one, the sections, then the causes (findings grouped, each shown
 * once with one example request), the cases (one line each, in full with --verbose), what the run
 * covered, the verdict, the line that replays the run and the next steps. It returns a string;
 * colours come from the style the CLI passes.
 */
import { type Coverage, coverageClause, outcomeLabel } from './coverage';
import { findingLines, printable, type ReportCase, type ReportDocument, type ReportSection } from './document';
import { alsoLine, caseRulesLine, type FindingGroup, groupFindings, groupHeadline, groupReach, groupsOfCase } from './groups';

export type Paint = (format: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string) => string;

export interface ConsoleOptions {
  /** Every case in full (its findings, request, answer and curl line), not one line each. */
  verbose?: boolean;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function matrixLines(document: ReportDocument, paint: Paint): string[] {
  const matrix = document.matrix;
  if (!matrix) return [];
  const first = Math.max(...matrix.rows.map((r) => r.label.length), matrix.corner.length) + 2;
  const widths = matrix.columns.map((c) => Math.max(c.length, 9) + 2);
  const lines = [paint('bold', pad(matrix.corner, first) + matrix.columns.map((c, i) => pad(c, widths[i] as number)).join(''))];
  for (const row of matrix.rows) {
    const cells = row.cells.map((cell, i) => {
      const text = pad(cell.text, widths[i] as number);
      return cell.state === 'failed'
        ? paint('red', text)
        : cell.state === 'passed'
          ? paint('green', text)
          : cell.state === 'not-implemented'
            ? paint('yellow', text)
            : paint('dim', text);
    });
    lines.push(pad(row.label, first) + cells.join(''));
  }
  lines.push(paint('dim', matrix.legend));
  return lines;
}

function paintFinding(line: string, paint: Paint): string {
  return line.startsWith('✗') ? paint('red', line) : line.startsWith('!') ? paint('yellow', line) : line;
}

function caseBlock(c: ReportCase, paint: Paint, indent: string): string[] {
  const lines = findingLines(c.findings).map((line) => `${indent}${paintFinding(line, paint)}`);
  const shown = c.status === 'passed' ? c.details.filter((d) => d.label === 'note') : c.details;
  for (const d of shown) lines.push(`${indent}  ${pad(d.label, 9)} ${printable(d.text)}`);
  if (c.status === 'skipped' && c.reason) lines.push(paint('dim', `${indent}  skipped   ${c.reason}`));
  return lines;
}

function sectionLines(sections: readonly ReportSection[], paint: Paint): string[] {
  return sections.flatMap((section) => [
    '',
    paint('bold', section.title),
    ...section.lines.map((line) =>
      section.tone === 'warning' ? paint('yellow', `  ${line}`) : section.tone === 'dim' ? paint('dim', `  ${line}`) : `  ${line}`,
    ),
  ]);
}

/** Each cause once: its code and answer, how wide it is, the rule, and the first case that shows it in full. */
function groupLines(groups: readonly FindingGroup[], paint: Paint): string[] {
  if (groups.length === 0) return [];
  const findings = groups.reduce((n, g) => n + g.findings, 0);
  const cases = new Set(groups.flatMap((g) => g.cases)).size;
  const lines = [
    '',
    paint('bold', `Causes (${plural(groups.length, 'cause')} of ${plural(findings, 'finding')} in ${plural(cases, 'case')})`),
  ];
  for (const g of groups) {
    const mark = g.severity === 'error' ? '✗' : '!';
    const tone = g.severity === 'error' ? 'red' : 'yellow';
    const { case: c, finding } = g.example;
    const rules = caseRulesLine(g);
    const also = alsoLine(g);
    lines.push(
      '',
      paint(tone, `${String(g.index).padStart(2)}. ${mark} ${printable(groupHeadline(g))}`),
      `      ${paint('dim', groupReach(g))}`,
      ...(also ? [`      ${pad('also', 9)} ${printable(also)}`] : []),
      `      ${pad('rule', 9)} ${g.rule.text} (${g.rule.source})`,
      ...(rules ? [`      ${pad('seen on', 9)} ${rules}`] : []),
      `      ${pad('e.g.', 9)} ${c.suite} › ${printable(c.title)}${paint('dim', `  ${c.id}`)}`,
      `      ${pad('finding', 9)} ${cut(finding.message)}`,
      ...(finding.expected !== undefined ? [`      ${pad('expected', 9)} ${cut(finding.expected)}`] : []),
      ...(finding.actual !== undefined ? [`      ${pad('actual', 9)} ${cut(finding.actual)}`] : []),
      // The curl line says what was sent; the finding's actual, what came back.
      ...c.details
        .filter((d) => !(d.label === 'sent' && c.details.some((x) => x.label === 'reproduce')))
        .filter((d) => d.label !== 'answer' || finding.actual === undefined)
        .map((d) => `      ${pad(d.label, 9)} ${printable(d.text)}`),
    );
  }
  return lines;
}

/** A target's text, short and with no control character reaching the terminal. */
const cut = (text: string) => printable(text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** Per operation: what was exercised, and what was not with what it would take. */
function coverageLines(coverage: Coverage, paint: Paint, verbose: boolean): string[] {
  const constraints = `${coverage.constraints.broken} of ${coverage.constraints.total} request constraints broken by a case`;
  const lines = ['', paint('bold', `Coverage: ${coverageClause(coverage)} · ${constraints}`)];
  for (const op of coverage.operations) {
    const exercised = op.outcomes.filter((o) => o.state !== 'not-exercised');
    const provoked = exercised.filter((o) => o.state === 'provoked').map(outcomeLabel);
    const seen = exercised.filter((o) => o.state === 'seen').map(outcomeLabel);
    const broken = op.constraints.filter((c) => c.broken).length;
    lines.push(
      `  ${op.operationId}: ${exercised.length} of ${op.outcomes.length} outcomes · ${broken} of ${op.constraints.length} constraints`,
    );
    if (op.unchecked) {
      lines.push(paint('yellow', `    ${op.unchecked}`));
      continue;
    }
    if (provoked.length > 0) lines.push(`    provoked      ${provoked.join(' · ')}`);
    if (seen.length > 0) lines.push(`    also seen     ${seen.join(' · ')}`);
    if (op.undocumented.length > 0)
      lines.push(
        paint('red', `    undocumented  ${printable(op.undocumented.map((u) => `${u.answer} (${plural(u.cases, 'case')})`).join(' · '))}`),
      );
    const missing = op.outcomes.filter((o) => o.state === 'not-exercised');
    if (verbose) {
      const byReason = new Map<string, string[]>();
      for (const o of missing) byReason.set(o.reason ?? '', [...(byReason.get(o.reason ?? '') ?? []), outcomeLabel(o)]);
      for (const [reason, labels] of byReason) lines.push(paint('dim', `    not seen      ${labels.join(' · ')}: ${reason}`));
    } else if (missing.length > 0) {
      // What it would take, short (`needs a fault 5`); --verbose names each outcome and says it in full.
      const short = new Map<string, number>();
      for (const o of missing) {
        const label = (o.reason ?? '').split(/[:(;]/)[0]?.trim() ?? '';
        short.set(label, (short.get(label) ?? 0) + 1);
      }
      const counts = [...short].map(([label, n]) => `${label} ${n}`).join(' · ');
      lines.push(paint('dim', `    not seen      ${missing.length}: ${counts} (--verbose: which, and why)`));
    }
    const unbroken = op.constraints.filter((c) => !c.broken);
    if (unbroken.length > 0) {
      const names = unbroken.map((c) => `${c.member} ${c.rule}`);
      const shown = verbose || names.length <= 4 ? names.join(' · ') : `${names.slice(0, 4).join(' · ')} and ${names.length - 4} more`;
      lines.push(paint('dim', `    not broken    ${shown}`));
    }
  }
  return lines;
}

const MARK: Record<ReportCase['status'], string> = { passed: '✓', failed: '✗', skipped: '–', inconclusive: '?', 'not-implemented': 'n/i' };

export function renderConsole(document: ReportDocument, paint: Paint, options: ConsoleOptions = {}): string {
  const verbose = options.verbose === true;
  const lines: string[] = [paint('bold', document.heading), ...document.facts];
  if (document.problem) lines.push('', paint('red', `✗ ${printable(document.problem)}`));
  const matrix = matrixLines(document, paint);
  if (matrix.length > 0) lines.push('', ...matrix);
  lines.push(...sectionLines(document.sections, paint));

  const groups = groupFindings(document);
  lines.push(...groupLines(groups, paint));
  const causes = (c: ReportCase) => {
    const of = groupsOfCase(groups, c);
    return of.length > 0 ? paint('dim', `  → ${of.length === 1 ? 'cause' : 'causes'} ${of.join(', ')}`) : '';
  };

  const listed = document.cases.filter((c) => !c.junitOnly);
  const line = (c: ReportCase, indent: string) => {
    const tone = c.status === 'passed' ? 'green' : c.status === 'failed' ? 'red' : 'dim';
    const time = c.durationMs === undefined ? '' : paint('dim', `  ${c.durationMs} ms`);
    const block = verbose || groupsOfCase(groups, c).length === 0 ? caseBlock(c, paint, `${indent}  `) : [];
    return [`${indent}${paint(tone, MARK[c.status])} ${c.title}${time}${verbose ? '' : causes(c)}`, ...block];
  };
  if (document.listing === 'in-order') {
    if (listed.length > 0) lines.push('');
    for (const c of listed) lines.push(...line(c, ''));
  } else if (document.listing === 'by-suite') {
    for (const suite of [...new Set(listed.map((c) => c.suite))]) {
      lines.push('', paint('bold', suite));
      for (const c of listed.filter((x) => x.suite === suite)) lines.push(...line(c, '  '));
    }
  } else {
    const failed = document.cases.filter((c) => c.status === 'failed');
    if (failed.length > 0 && verbose) {
      lines.push('', paint('bold', `Failures (${plural(failed.length, 'case')})`));
      for (const c of failed) {
        lines.push('', paint('red', `✗ ${c.suite} › ${printable(c.title)}`) + paint('dim', `  ${c.id}`));
        lines.push(...caseBlock(c, paint, '  '));
      }
    } else if (failed.length > 0) {
      lines.push('', paint('bold', `Failing cases (${failed.length}; each in full with --verbose)`));
      for (const c of failed) lines.push(`  ${paint('red', '✗')} ${c.suite} › ${c.title}${paint('dim', `  ${c.id}`)}${causes(c)}`);
    }
    const warned = document.cases.filter((c) => c.status !== 'failed' && c.findings.some((f) => f.severity === 'warning'));
    if (warned.length > 0 && verbose) {
      lines.push('', paint('bold', 'Warnings (not failures: the documents do not promise these)'));
      for (const c of warned) {
        for (const f of c.findings)
          lines.push(paint('yellow', `  ! ${c.suite} › ${printable(c.title)}: [${f.code}] ${printable(f.message)}`));
      }
    }
  }

  if (document.coverage) lines.push(...coverageLines(document.coverage, paint, verbose));
  lines.push(...sectionLines(document.trailer ?? [], paint));
  lines.push('', paint(document.verdict.pass ? 'green' : 'red', document.verdict.line));
  for (const hint of document.verdict.hints) lines.push(paint('dim', `      ${hint}`));
  if (document.replay) lines.push(paint('dim', `replay: ${document.replay}`));
  if (document.nextSteps && document.nextSteps.length > 0) {
    lines.push('', paint('bold', 'Next steps'), ...document.nextSteps.map((step) => `  ${step}`));
  }
  return `${lines.join('\n')}\n`;
}
