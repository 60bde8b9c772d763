/**
 * GitHub Actions annotations of any command's document: one `::error` (or `::warning`) workflow
 * command per cause, not per case, so that a pull request shows the few things to fix; one per
 * operation not implemented; one for a whole-run problem. A cause seen in a file the document names
 * (pact-check's Pact file) is annotated on that file.
 * @see https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */
import { printable, type ReportDocument } from './document';
import { groupFindings, groupHeadline, groupReach } from './groups';

/** GitHub shows at most 10 of each kind per step and 50 per job; past that a line says how many are left. */
const MAX_PER_KIND = 10;

/** The message of a workflow command: `%`, CR and LF escaped (a message may span lines). */
const escapeData = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A property (title, file): also `:` and `,`, which separate properties. */
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

interface Annotation {
  kind: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
}

function workflowCommand(a: Annotation): string {
  const properties = [`title=${escapeProperty(a.title)}`, ...(a.file ? [`file=${escapeProperty(a.file)}`] : [])].join(',');
  // Printed to the CI log: no control character a target chose may reach it (newlines are escaped data).
  return printable(`::${a.kind} ${properties}::${escapeData(a.message)}`);
}

export function annotationsOf(document: ReportDocument): Annotation[] {
  const name = `qs-contract ${document.command}`;
  const out: Annotation[] = [];
  if (document.problem) out.push({ kind: 'error', title: `${name}: the whole run`, message: document.problem });
  const groups = groupFindings(document);
  for (const g of groups) {
    const { case: c, finding } = g.example;
    const reproduce = c.details.find((d) => d.label === 'reproduce')?.text;
    const file = document.properties[c.suite]?.file;
    out.push({
      kind: g.severity,
      title: `${name}: cause ${g.index} of ${groups.length} (${g.cases.length} ${g.cases.length === 1 ? 'case' : 'cases'})`,
      message: [
        groupHeadline(g),
        groupReach(g),
        `rule: ${g.rule.text} (${g.rule.source})`,
        `e.g. ${c.suite} › ${c.title}: ${finding.message}`,
        ...(reproduce ? [`reproduce: ${reproduce}`] : []),
      ].join('\n'),
      ...(file ? { file } : {}),
    });
  }
  const missing = document.cases.filter((c) => c.status === 'not-implemented');
  const suites = [...new Set(missing.map((c) => c.suite))];
  // In the document's suite order (the operations as the run lists them), not the order cases ran.
  const order = document.suiteOrder ?? [];
  suites.sort((a, b) => (order.indexOf(a) + 1 || Number.MAX_SAFE_INTEGER) - (order.indexOf(b) + 1 || Number.MAX_SAFE_INTEGER));
  for (const suite of suites) {
    const first = missing.find((c) => c.suite === suite);
    out.push({ kind: 'error', title: `${name}: ${suite} not implemented`, message: first?.reason ?? `${suite} is not implemented` });
  }
  // A failure no cause explains (a client command that failed, or made no request).
  if (!document.verdict.pass && !out.some((a) => a.kind === 'error'))
    out.push({ kind: 'error', title: name, message: document.verdict.line.replace(/^FAIL\s+/, '') });
  return out;
}

/** The workflow commands, one a line, at most MAX_PER_KIND of each kind. */
export function renderAnnotations(document: ReportDocument): string {
  const all = annotationsOf(document);
  const lines: string[] = [];
  for (const kind of ['error', 'warning'] as const) {
    const mine = all.filter((a) => a.kind === kind);
    lines.push(...mine.slice(0, MAX_PER_KIND).map(workflowCommand));
    if (mine.length > MAX_PER_KIND)
      lines.push(
        workflowCommand({
          kind,
          title: `qs-contract ${document.command}`,
          message: `and ${mine.length - MAX_PER_KIND} more: see the step summary`,
        }),
      );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** A tool error (exit 2) as one annotation: the run could not be made. */
export function toolErrorAnnotation(commandName: string, message: string): string {
  return `${workflowCommand({ kind: 'error', title: `qs-contract ${commandName}: could not run`, message })}\n`;
}
