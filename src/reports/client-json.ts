/**
 * The `--json` report of `check-client`: the ClientCheckResult with a format version. Bump
 * CLIENT_REPORT_VERSION on any incompatible change.
 */
import type { ClientCheckResult } from '../client';

export const CLIENT_REPORT_VERSION = 1;

export function clientJsonReport(result: ClientCheckResult, tool: { name: string; version: string }): string {
  return `${JSON.stringify({ reportVersion: CLIENT_REPORT_VERSION, report: 'check-client', tool, ...result }, null, 2)}\n`;
}
