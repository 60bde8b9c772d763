/** pact-check results as a report document: one suite per Pact file, one case per interaction. */
import path from 'node:path';
import { isError } from '../../findings';
import type { InteractionVerdict, PactCheckResult } from '../../pact-check';
import type { ReportCase, ReportDocument } from '../document';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface PactCheckSummary {
  files: number;
  interactions: number;
  compatible: number;
  incompatible: number;
  errors: number;
  warnings: number;
}

export function pactCheckSummary(results: PactCheckResult[]): PactCheckSummary {
  const sum = (key: keyof PactCheckResult['summary']) => results.reduce((n, r) => n + r.summary[key], 0);
  return {
    files: results.length,
    interactions: sum('interactions'),
    compatible: sum('compatible'),
    incompatible: sum('incompatible'),
    errors: sum('errors'),
    warnings: sum('warnings'),
  };
}

function interactionCase(result: PactCheckResult, i: InteractionVerdict): ReportCase {
  return {
    id: `${i.index}`,
    suite: path.basename(result.file),
    className: `pact-check.${i.operationId ?? 'unrouted'}`,
    title: i.description,
    status: i.findings.some(isError) ? 'failed' : 'passed',
    findings: i.findings,
    details: [{ label: 'request', text: `${i.method} ${i.path} → ${i.status}${i.operationId ? ` (${i.operationId})` : ''}` }],
    notes: [],
  };
}

export function pactCheckDocument(results: PactCheckResult[]): ReportDocument {
  const summary = pactCheckSummary(results);
  const facts = results.map(
    (r) =>
      `${r.file}: Pact ${r.specification} · ${r.consumer} → ${r.provider} · ` +
      `${plural(r.summary.interactions, 'HTTP interaction')}, ${r.summary.incompatible} incompatible`,
  );
  const skipped = results.flatMap((r) =>
    r.skipped.map(
      (s): ReportCase => ({
        id: `${s.index}`,
        suite: path.basename(r.file),
        className: 'pact-check.not-http',
        title: s.description,
        status: 'skipped',
        findings: [],
        details: [],
        notes: [],
        reason: `not checked, ${s.reason}`,
      }),
    ),
  );
  const warned = summary.warnings > 0 ? ` · ${plural(summary.warnings, 'warning')}` : '';
  const files = plural(summary.files, 'Pact file');
  return {
    command: 'pact-check',
    heading: `qs-contract pact-check ${results.map((r) => r.file).join(' ')}`,
    facts,
    sections: skipped.length > 0 ? [{ title: 'Not checked', tone: 'dim', lines: skipped.map((s) => `– ${s.title}: ${s.reason}`) }] : [],
    cases: [...results.flatMap((r) => r.interactions.map((i) => interactionCase(r, i))), ...skipped],
    listing: 'failures',
    idInNames: false,
    verdict:
      summary.incompatible === 0
        ? {
            pass: true,
            line: `PASS  ${files}, ${plural(summary.interactions, 'interaction')}, all compatible with the spec${warned}`,
            hints: [],
          }
        : {
            pass: false,
            line:
              `FAIL  ${summary.incompatible} of ${plural(summary.interactions, 'interaction')} incompatible with the spec ` +
              `(${plural(summary.errors, 'finding')})${warned}`,
            hints: [],
          },
    startedAt: new Date().toISOString(),
    properties: Object.fromEntries(
      results.map((r) => [
        path.basename(r.file),
        { file: r.file, consumer: r.consumer, provider: r.provider, pactSpecification: r.specification },
      ]),
    ),
  };
}
