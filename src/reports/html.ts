/**
 * The HTML report of any command's document (`--html FILE`): one self-contained file, no script, no
 * request to any network (styles inline, no fonts or images to fetch), to attach to a CI run as an
 * artifact. It shows the verdict and the seed, the checks × operations matrix as a coloured grid, the
 * causes (each with one example: request, answer, rule, source and curl line), every failing case
 * folded with the same, the other sections, what the run covered, and the replay line.
 */
import { type Coverage, coverageClause, outcomeLabel } from './coverage';
import { findingLines, type ReportCase, type ReportDocument, type ReportSection } from './document';
import { alsoLine, caseRulesLine, type FindingGroup, groupFindings, groupHeadline, groupReach } from './groups';

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A table cell; `html` is escaped by the caller. */
const td = (html: string | number, className?: string) => `<td${className ? ` class="${className}"` : ''}>${html}</td>`;
const tr = (...cells: string[]) => `<tr>${cells.join('')}</tr>`;

const STYLE = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --dim: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0; color: #1f2328; background: #f6f8fa;
}
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 16px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre {
  background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap;
  word-break: break-all; margin: 6px 0;
}
.verdict { border-radius: 8px; padding: 12px 16px; margin: 12px 0; font-weight: 600; color: #fff; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); }
.facts { color: var(--dim); margin: 0; padding-left: 18px; }
.seed { display: inline-block; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1px 10px; margin-top: 6px; }
.problem { background: #ffebe9; border: 1px solid var(--fail); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eaeef2; }
table.grid td.cell { text-align: center; font-weight: 600; min-width: 120px; }
td.passed { background: #dafbe1; color: var(--pass); } td.failed { background: #ffebe9; color: var(--fail); }
td.not-implemented { background: #fff8c5; color: var(--warn); } td.none { color: var(--dim); }
.legend { color: var(--dim); font-size: 12px; margin: 4px 0; }
.cause {
  background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 6px;
  padding: 10px 14px; margin: 10px 0;
}
.cause.warning { border-left-color: var(--warn); }
.cause h3 { font-size: 14px; margin: 0 0 4px; }
.reach { color: var(--dim); }
dl { display: grid; grid-template-columns: 110px 1fr; gap: 2px 10px; margin: 8px 0 0; }
dt { color: var(--dim); } dd { margin: 0; min-width: 0; }
details.case { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 6px 10px; }
details.case > summary { cursor: pointer; }
.mark-failed { color: var(--fail); font-weight: 700; } .mark-passed { color: var(--pass); font-weight: 700; }
.mark-skipped, .mark-not-implemented { color: var(--warn); font-weight: 700; }
.dim { color: var(--dim); }
.state-provoked { color: var(--pass); font-weight: 600; } .state-seen { color: var(--pass); } .state-not-exercised { color: var(--dim); }
section.plain li, section.warning li { margin: 2px 0; }
section.warning li { color: var(--warn); }
footer { color: var(--dim); font-size: 12px; margin-top: 32px; }
`;

function dl(rows: [string, string | undefined, 'pre'?][]): string {
  const items = rows
    .filter((r): r is [string, string, 'pre'?] => r[1] !== undefined)
    .map(([term, value, pre]) => `<dt>${escapeHtml(term)}</dt><dd>${pre ? `<pre>${escapeHtml(value)}</pre>` : escapeHtml(value)}</dd>`);
  return `<dl>${items.join('')}</dl>`;
}

function matrix(document: ReportDocument): string {
  const m = document.matrix;
  if (!m) return '';
  const head = `<tr><th>${escapeHtml(m.corner)}</th>${m.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = m.rows
    .map((row) => tr(`<th class="mono">${escapeHtml(row.label)}</th>`, ...row.cells.map((c) => td(escapeHtml(c.text), `cell ${c.state}`))))
    .join('');
  const table = `<table class="grid" aria-label="checks by operations">${head}${rows}</table>`;
  return `<h2>Checks × operations</h2>${table}<p class="legend">${escapeHtml(m.legend)}</p>`;
}

function detail(c: ReportCase, label: string): string | undefined {
  return c.details.find((d) => d.label === label)?.text;
}

function cause(g: FindingGroup): string {
  const { case: c, finding } = g.example;
  return `<article class="cause ${g.severity}" id="cause-${g.index}">
<h3>${g.index}. ${escapeHtml(groupHeadline(g))}</h3>
<div class="reach">${escapeHtml(groupReach(g))}</div>
${dl([
  ['also', alsoLine(g)],
  ['rule', `${g.rule.text} (${g.rule.source})`],
  ['seen on', caseRulesLine(g, 12)],
  ['example', `${c.suite} › ${c.title} [${c.id}]`],
  ['finding', finding.message],
  ['expected', finding.expected],
  ['actual', finding.actual],
  ['request', detail(c, 'sent'), 'pre'],
  ['answer', detail(c, 'answer'), 'pre'],
  ['reproduce', detail(c, 'reproduce'), 'pre'],
])}
</article>`;
}

const MARK: Record<ReportCase['status'], string> = { passed: '✓', failed: '✗', skipped: '–', inconclusive: '?', 'not-implemented': 'n/i' };

function caseDetails(c: ReportCase, groups: readonly FindingGroup[]): string {
  const causes = groups.filter((g) => g.cases.includes(c)).map((g) => `<a href="#cause-${g.index}">${g.index}</a>`);
  const body = [
    ...(c.findings.length > 0 ? [`<pre>${escapeHtml(findingLines(c.findings).join('\n'))}</pre>`] : []),
    dl(c.details.map((d) => [d.label, d.text, d.label === 'note' ? undefined : 'pre'] as [string, string, 'pre'?])),
    ...(c.reason ? [`<p class="dim">${escapeHtml(c.reason)}</p>`] : []),
    ...(c.notes.length > 0 ? [`<p class="dim">${escapeHtml(c.notes.join(' · '))}</p>`] : []),
  ].join('');
  const summary = [
    `<span class="mark-${c.status}">${MARK[c.status]}</span>`,
    escapeHtml(`${c.suite} › ${c.title}`),
    `<span class="dim mono">${escapeHtml(c.id)}</span>`,
    ...(causes.length ? [`<span class="dim">→ cause ${causes.join(', ')}</span>`] : []),
  ].join(' ');
  return `<details class="case"><summary>${summary}</summary>${body}</details>`;
}

function cases(document: ReportDocument, groups: readonly FindingGroup[]): string {
  const listed = document.cases.filter((c) => !c.junitOnly);
  const shown =
    document.listing === 'failures'
      ? listed.filter((c) => c.status === 'failed' || c.findings.some((f) => f.severity === 'warning'))
      : listed;
  if (shown.length === 0) return '';
  const title = document.listing === 'failures' ? `Failing cases (${shown.filter((c) => c.status === 'failed').length})` : 'Cases';
  return `<h2>${escapeHtml(title)}</h2>${shown.map((c) => caseDetails(c, groups)).join('\n')}`;
}

function sections(list: readonly ReportSection[]): string {
  return list
    .map(
      (s) =>
        `<section class="${s.tone ?? 'plain'}"><h2>${escapeHtml(s.title)}</h2>` +
        `<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></section>`,
    )
    .join('\n');
}

function coverage(c: Coverage): string {
  const ops = c.operations
    .map((op) => {
      const outcomes = op.outcomes
        .map((o) =>
          tr(
            td(escapeHtml(outcomeLabel(o)), 'mono'),
            td(escapeHtml(o.state.replace('-', ' ')), `state-${o.state}`),
            td(o.cases || ''),
            td(escapeHtml(o.reason ?? '')),
          ),
        )
        .join('');
      const constraints = op.constraints
        .map((k) =>
          tr(
            td(escapeHtml(`${k.where} ${k.member}`), 'mono'),
            td(escapeHtml(k.rule), 'mono'),
            td(escapeHtml(k.broken ? `${k.broken.at}: ${k.broken.refused ? 'refused' : 'not refused'}` : 'no case broke it')),
            td(escapeHtml(k.held ? `${k.held.at}: ${k.held.accepted ? 'taken as valid' : 'refused'}` : '')),
          ),
        )
        .join('');
      const undocumented = op.undocumented.map((u) => `${u.answer} (${u.cases})`).join(' · ');
      const unchecked = op.unchecked ? `<p class="dim">${escapeHtml(op.unchecked)}</p>` : '';
      const broken = op.constraints.filter((k) => k.broken).length;
      const answers = undocumented ? `<p>Undocumented answers: ${escapeHtml(undocumented)}</p>` : '';
      return `<h3>${escapeHtml(op.operationId)}</h3>${unchecked}${answers}
<table><tr><th>documented outcome</th><th>state</th><th>cases</th><th>why not</th></tr>${outcomes}</table>
<details><summary>${broken} of ${op.constraints.length} request constraints broken by a case</summary>
<table><tr><th>member</th><th>constraint</th><th>broken at</th><th>held at the bound</th></tr>${constraints}</table></details>`;
    })
    .join('\n');
  return `<h2>Coverage: ${escapeHtml(coverageClause(c))}</h2>${ops}`;
}

export function renderHtml(document: ReportDocument): string {
  const groups = groupFindings(document);
  const title = `${document.heading}: ${document.verdict.pass ? 'PASS' : 'FAIL'}`;
  const body = [
    `<h1>${escapeHtml(document.heading)}</h1>`,
    `<ul class="facts">${document.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    ...(document.seed !== undefined ? [`<span class="seed">seed <b class="mono">${document.seed}</b></span>`] : []),
    `<div class="verdict ${document.verdict.pass ? 'pass' : 'fail'}" role="status">${escapeHtml(document.verdict.line)}</div>`,
    ...document.verdict.hints.map((h) => `<p class="dim">${escapeHtml(h)}</p>`),
    ...(document.problem ? [`<div class="problem" role="alert">${escapeHtml(document.problem)}</div>`] : []),
    matrix(document),
    groups.length > 0
      ? `<h2>Causes: ${groups.length} for ${groups.reduce((n, g) => n + g.findings, 0)} findings</h2>${groups.map(cause).join('\n')}`
      : '',
    cases(document, groups),
    sections(document.sections),
    sections(document.trailer ?? []),
    document.coverage ? coverage(document.coverage) : '',
    ...(document.replay ? [`<h2>Replay</h2><pre>${escapeHtml(document.replay)}</pre>`] : []),
    ...(document.nextSteps?.length ? [`<h2>Next steps</h2><pre>${escapeHtml(document.nextSteps.join('\n'))}</pre>`] : []),
    `<footer>qs-contract ${escapeHtml(document.command)} · started ${escapeHtml(document.startedAt)}</footer>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body.filter(Boolean).join('\n')}
</main></body>
</html>
`;
}
