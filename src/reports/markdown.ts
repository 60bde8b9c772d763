/**
 * The Markdown summary of any command's document, as GitHub renders a job's step summary
 * ($GITHUB_STEP_SUMMARY) and as `--summary FILE` writes it for any other CI (GitLab and Jenkins show
 * Markdown artifacts too): the verdict, the checks × operations table, the causes (each with one
 * example request and its curl line, folded), the failing cases, what was not checked and what the
 * run covered, and the replay line. GitHub refuses a step summary over 1 MiB, so long lists are cut
 * with a count of what is left out.
 */
import { type Coverage, coverageClause, outcomeLabel } from './coverage';
import type { ReportDocument } from './document';
import { alsoLine, caseRulesLine, type FindingGroup, groupFindings } from './groups';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** At most this many causes and failing cases are listed; the rest are counted. */
const MAX_CAUSES = 30;
const MAX_CASES = 100;

/** Text for a table cell or a paragraph: no HTML (an HTML answer body is data, not markup), no row break. */
function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that holds any text: a fence longer than any run of backticks inside it. */
function code(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
  return `${fence}${padded.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}${fence}`;
}

function block(value: string, language = ''): string[] {
  const longest = Math.max(2, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, value, fence];
}

/** A row of a Markdown table; its cells are already escaped. */
const tableRow = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

const CELL: Record<string, string> = { passed: '✅', failed: '❌', 'not-implemented': '⚠️', none: '' };

function matrixLines(document: ReportDocument): string[] {
  const matrix = document.matrix;
  if (!matrix) return [];
  return [
    `### Checks × operations`,
    '',
    `| ${matrix.corner} | ${matrix.columns.join(' | ')} |`,
    `| --- | ${matrix.columns.map(() => '---').join(' | ')} |`,
    ...matrix.rows.map(
      // The cell's own ✓ or ✗ becomes the emoji GitHub colours.
      (row) =>
        tableRow([
          `\`${row.label}\``,
          ...row.cells.map((c) => `${CELL[c.state] ? `${CELL[c.state]} ` : ''}${text(c.text.replace(/^[✓✗]\s*/, ''))}`),
        ]),
    ),
    '',
    `<sub>${text(matrix.legend)}</sub>`,
    '',
  ];
}

function groupLines(groups: readonly FindingGroup[]): string[] {
  if (groups.length === 0) return [];
  const findings = groups.reduce((n, g) => n + g.findings, 0);
  const cases = new Set(groups.flatMap((g) => g.cases)).size;
  const lines = [
    `### Causes: ${groups.length} for ${plural(findings, 'finding')} in ${plural(cases, 'case')}`,
    '',
    '| # | | cause | answered | cases | where |',
    '| ---: | --- | --- | --- | ---: | --- |',
    ...groups
      .slice(0, MAX_CAUSES)
      .map((g) =>
        tableRow([
          String(g.index),
          g.severity === 'error' ? '❌' : '⚠️',
          `\`${g.code}\` ${text(g.title)}${g.also.length ? ` (+${g.also.length} more)` : ''}`,
          g.observed ? text(g.observed) : '',
          String(g.cases.length),
          text(g.suites.join(', ')),
        ]),
      ),
    ...(groups.length > MAX_CAUSES ? [`| | | and ${groups.length - MAX_CAUSES} more causes | | | |`] : []),
    '',
  ];
  for (const g of groups.slice(0, MAX_CAUSES)) {
    const { case: c, finding } = g.example;
    const reproduce = c.details.find((d) => d.label === 'reproduce');
    const rules = caseRulesLine(g);
    const also = alsoLine(g);
    lines.push(
      `<details><summary>${g.index}. <code>${text(g.code)}</code> ${text(g.title)}: ${text(`${c.suite} › ${c.title}`)}</summary>`,
      '',
      `- rule: ${text(g.rule.text)} (${code(g.rule.source)})`,
      ...(also ? [`- also: ${text(also)}`] : []),
      ...(rules ? [`- seen on: ${text(rules)}`] : []),
      `- finding: ${text(finding.message)}`,
      ...(finding.expected !== undefined ? [`- expected: ${code(cut(finding.expected))}`] : []),
      ...(finding.actual !== undefined ? [`- actual: ${code(cut(finding.actual))}`] : []),
      ...c.details.filter((d) => d.label !== 'reproduce').map((d) => `- ${d.label}: ${code(cut(d.text))}`),
      ...(reproduce ? ['', ...block(reproduce.text, 'sh')] : []),
      '',
      '</details>',
      '',
    );
  }
  return lines;
}

const cut = (value: string) => (value.length > 400 ? `${value.slice(0, 400)}…` : value);

function failingLines(document: ReportDocument, groups: readonly FindingGroup[]): string[] {
  const failed = document.cases.filter((c) => c.status === 'failed' && !c.junitOnly);
  if (failed.length === 0) return [];
  return [
    `<details><summary>Failing cases (${failed.length})</summary>`,
    '',
    ...failed.slice(0, MAX_CASES).map((c) => {
      const causes = groups.filter((g) => g.cases.includes(c)).map((g) => g.index);
      const reference = causes.length ? ` → ${causes.length === 1 ? 'cause' : 'causes'} ${causes.join(', ')}` : '';
      return `- ${text(`${c.suite} › ${c.title}`)} ${code(c.id)}${reference}`;
    }),
    ...(failed.length > MAX_CASES ? [`- and ${failed.length - MAX_CASES} more (the JUnit and HTML reports list them all)`] : []),
    '',
    '</details>',
    '',
  ];
}

function coverageLines(coverage: Coverage): string[] {
  const lines = [
    `### Coverage: ${coverageClause(coverage)}`,
    '',
    '| operation | outcomes exercised | provoked | also seen | not seen, and why | constraints broken |',
    '| --- | ---: | --- | --- | --- | ---: |',
  ];
  for (const op of coverage.operations) {
    const exercised = op.outcomes.filter((o) => o.state !== 'not-exercised').length;
    const broken = op.constraints.filter((c) => c.broken).length;
    const byReason = new Map<string, string[]>();
    for (const o of op.outcomes.filter((x) => x.state === 'not-exercised'))
      byReason.set(o.reason ?? '', [...(byReason.get(o.reason ?? '') ?? []), outcomeLabel(o)]);
    const notSeen = op.unchecked
      ? text(op.unchecked)
      : [...byReason].map(([reason, labels]) => `${text(labels.join(', '))}: ${text(reason)}`).join('<br>');
    const list = (state: string) =>
      text(
        op.outcomes
          .filter((o) => o.state === state)
          .map(outcomeLabel)
          .join(', '),
      );
    lines.push(
      tableRow([
        op.operationId,
        `${exercised} of ${op.outcomes.length}`,
        list('provoked'),
        list('seen'),
        notSeen,
        `${broken} of ${op.constraints.length}`,
      ]),
    );
  }
  lines.push('');
  return lines;
}

export function renderMarkdown(document: ReportDocument): string {
  const groups = groupFindings(document);
  const mark = document.verdict.pass ? '✅' : '❌';
  const lines = [
    `## ${mark} ${text(document.heading)}`,
    '',
    `**${text(document.verdict.line)}**`,
    '',
    ...document.facts.map((f) => `${text(f)}  `),
    '',
    ...(document.problem ? [`> [!CAUTION]`, `> ${text(document.problem)}`, ''] : []),
    ...document.verdict.hints.map((h) => `> ${text(h)}`),
    ...(document.verdict.hints.length ? [''] : []),
    ...matrixLines(document),
    ...groupLines(groups),
    ...failingLines(document, groups),
  ];
  const notChecked = [...document.sections, ...(document.trailer ?? [])];
  for (const section of notChecked) lines.push(`### ${text(section.title)}`, '', ...section.lines.map((l) => `- ${text(l.trim())}`), '');
  if (document.coverage) lines.push(...coverageLines(document.coverage));
  if (document.replay) lines.push(`Replay: ${code(document.replay)}`, '');
  return `${lines.join('\n')}\n`;
}

/** A run that could not be made (exit 2), as a step summary: one line, and the hint. */
export function toolErrorMarkdown(command: string, message: string, hint?: string): string {
  return [`## ⛔ qs-contract ${command}: could not run`, '', `> ${text(message)}`, ...(hint ? ['', text(hint)] : []), '', ''].join('\n');
}
