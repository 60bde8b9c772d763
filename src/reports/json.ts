/**
 * The `--json` report of any command: its result as data, in an envelope naming the report, its
 * format version and the tool, with the causes (and verify's coverage) the other reports show.
 * Each command's report has a schema (schemas/<command>.schema.json, the finding and the causes
 * shared in schemas/finding.schema.json); a test validates every report it writes. Bump
 * REPORT_VERSION on any incompatible change; a new optional member is a compatible one.
 */
import type { CommandName, ReportDocument } from './document';
import { type FindingGroup, groupFindings } from './groups';

const REPORT_VERSION = 2;

export interface Tool {
  name: string;
  version: string;
}

export function renderJson(command: CommandName, result: object, tool: Tool): string {
  return `${JSON.stringify({ reportVersion: REPORT_VERSION, report: command, tool, ...result }, null, 2)}\n`;
}

/** A cause as data: the cases by id, the example by its case id and message. */
function causeJson(group: FindingGroup): object {
  const { example, cases, ...rest } = group;
  const reproduce = example.case.details.find((d) => d.label === 'reproduce')?.text;
  return {
    ...rest,
    cases: cases.map((c) => c.id),
    example: { caseId: example.case.id, message: example.finding.message, ...(reproduce ? { reproduce } : {}) },
  };
}

/**
 * The --json report the CLI writes: the result, the causes every report lists first, verify's
 * coverage, and what --suppress dropped (empty when nothing was to be).
 */
export function renderReportJson(document: ReportDocument, result: object, tool: Tool): string {
  return renderJson(
    document.command,
    {
      ...result,
      causes: groupFindings(document).map(causeJson),
      ...(document.coverage ? { coverage: document.coverage } : {}),
      suppressed: document.suppressed ?? [],
    },
    tool,
  );
}
