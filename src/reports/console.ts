/**
 * The console report of any command's document: the heading and facts, the matrix when there is one,
 * the sections, the cases (every one, or the failing ones), the warnings, the verdict and the line
 * that replays the run. It returns a string; colours come from the style the CLI passes.
 */
import { findingLines, printable, type ReportCase, type ReportDocument, type ReportSection } from './document';

export type Paint = (format: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string) => string;

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

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

function caseBlock(c: ReportCase, paint: Paint, indent: string): string[] {
  const lines: string[] = [];
  for (const line of findingLines(c.findings)) {
    const painted = line.startsWith('✗') ? paint('red', line) : line.startsWith('!') ? paint('yellow', line) : line;
    lines.push(`${indent}${painted}`);
  }
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

const MARK: Record<ReportCase['status'], string> = { passed: '✓', failed: '✗', skipped: '–', inconclusive: '?', 'not-implemented': 'n/i' };

export function renderConsole(document: ReportDocument, paint: Paint): string {
  const lines: string[] = [paint('bold', document.heading), ...document.facts];
  const matrix = matrixLines(document, paint);
  if (matrix.length > 0) lines.push('', ...matrix);
  lines.push(...sectionLines(document.sections, paint));

  const listed = document.cases.filter((c) => !c.junitOnly);
  const line = (c: ReportCase, indent: string) => {
    const tone = c.status === 'passed' ? 'green' : c.status === 'failed' ? 'red' : 'dim';
    const time = c.durationMs === undefined ? '' : paint('dim', `  ${c.durationMs} ms`);
    return [`${indent}${paint(tone, MARK[c.status])} ${printable(c.title)}${time}`, ...caseBlock(c, paint, `${indent}  `)];
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
    if (failed.length > 0) {
      lines.push('', paint('bold', `Failures (${failed.length} ${failed.length === 1 ? 'case' : 'cases'})`));
      for (const c of failed) {
        lines.push('', paint('red', `✗ ${c.suite} › ${printable(c.title)}`) + paint('dim', `  ${c.id}`));
        lines.push(...caseBlock(c, paint, '  '));
      }
    }
    const warned = document.cases.filter((c) => c.status !== 'failed' && c.findings.some((f) => f.severity === 'warning'));
    if (warned.length > 0) {
      lines.push('', paint('bold', 'Warnings (not failures: the documents do not promise these)'));
      for (const c of warned) {
        for (const f of c.findings)
          lines.push(paint('yellow', `  ! ${c.suite} › ${printable(c.title)}: [${f.code}] ${printable(f.message)}`));
      }
    }
  }

  lines.push(...sectionLines(document.trailer ?? [], paint));
  lines.push('', paint(document.verdict.pass ? 'green' : 'red', document.verdict.line));
  for (const hint of document.verdict.hints) lines.push(paint('dim', `      ${hint}`));
  if (document.replay) lines.push(paint('dim', `replay: ${document.replay}`));
  return `${lines.join('\n')}\n`;
}
