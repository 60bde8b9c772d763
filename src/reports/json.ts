/**
 * The `--json` report of any command: its result as data, in an envelope naming the report, its
 * format version and the tool. Each command's report has a schema (schemas/<command>.schema.json,
 * the finding shared in schemas/finding.schema.json); a test validates every report it writes.
 * Bump REPORT_VERSION on any incompatible change.
 */
import type { CommandName } from './document';

export const REPORT_VERSION = 2;

export interface Tool {
  name: string;
  version: string;
}

export function renderJson(command: CommandName, result: object, tool: Tool): string {
  return `${JSON.stringify({ reportVersion: REPORT_VERSION, report: command, tool, ...result }, null, 2)}\n`;
}
