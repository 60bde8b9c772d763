/**
 * The `--json` report: the VerifyResult with a format version, documented by report.schema.json
 * (a test validates every report against it). Bump REPORT_VERSION on any incompatible change.
 */
import type { VerifyResult } from '../verify';

export const REPORT_VERSION = 1;

export function jsonReport(result: VerifyResult, tool: { name: string; version: string }): string {
  return `${JSON.stringify({ reportVersion: REPORT_VERSION, tool, ...result }, null, 2)}\n`;
}
