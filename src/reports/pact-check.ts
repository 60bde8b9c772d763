/**
 * Renderers of pact-check results: console text, the `--json` report and JUnit XML (one testsuite
 * per Pact file, one testcase per interaction). They return strings and print nothing.
 */
import junit from 'junit-report-builder';
import type { InteractionVerdict, PactCheckResult, PactFinding } from '../pact/check-pact';
import type { Paint } from './console';

export const PACT_CHECK_REPORT_VERSION = 1;

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

/** One line per finding: `[rule] message`. */
export function pactFindingLine(finding: PactFinding): string {
  return `[${finding.rule}] ${finding.message}`;
}

function requestLine(i: InteractionVerdict): string {
  return `${i.method} ${i.path} → ${i.status}${i.operationId ? ` (${i.operationId})` : ''}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function pactCheckConsoleReport(results: PactCheckResult[], paint: Paint): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(paint('bold', `qs-contract pact-check ${result.file}`));
    lines.push(
      `Pact ${result.specification} · ${result.consumer} → ${result.provider} · ${plural(result.summary.interactions, 'HTTP interaction')}`,
    );
    for (const i of result.interactions.filter((x) => x.findings.length > 0)) {
      lines.push('');
      lines.push(i.compatible ? paint('yellow', `! ${i.description}`) : paint('red', `✗ ${i.description}`));
      lines.push(paint('dim', `    ${requestLine(i)}`));
      for (const f of i.findings) lines.push(`    ${f.severity === 'warning' ? paint('yellow', 'warning ') : ''}${pactFindingLine(f)}`);
    }
    for (const s of result.skipped) lines.push('', paint('dim', `– ${s.description}: not checked, ${s.reason}`));
    lines.push('');
    const { interactions, incompatible, errors, warnings } = result.summary;
    const warned = warnings > 0 ? ` · ${plural(warnings, 'warning')}` : '';
    lines.push(
      incompatible === 0
        ? paint(
            'green',
            `✓ ${interactions === 1 ? 'the one interaction is' : `all ${interactions} interactions are`} compatible with the spec${warned}`,
          )
        : paint(
            'red',
            `✗ ${incompatible} of ${interactions} interactions incompatible with the spec (${plural(errors, 'finding')})${warned}`,
          ),
    );
    lines.push('');
  }
  if (results.length > 1) {
    const s = pactCheckSummary(results);
    const verdict = `${plural(s.files, 'Pact file')}, ${plural(s.interactions, 'interaction')}: ${s.incompatible} incompatible`;
    lines.push(s.incompatible === 0 ? paint('green', `✓ ${verdict}`) : paint('red', `✗ ${verdict}`), '');
  }
  return lines.join('\n');
}

export function pactCheckJsonReport(results: PactCheckResult[], tool: { name: string; version: string }): string {
  const summary = pactCheckSummary(results);
  return `${JSON.stringify({ reportVersion: PACT_CHECK_REPORT_VERSION, tool, compatible: summary.incompatible === 0, summary, files: results }, null, 2)}\n`;
}

export function pactCheckJunitReport(results: PactCheckResult[]): string {
  const builder = junit.newBuilder();
  for (const result of results) {
    const suite = builder
      .testSuite()
      .name(`pact-check ${result.file}`)
      .property('consumer', result.consumer)
      .property('provider', result.provider)
      .property('pactSpecification', result.specification);
    for (const i of result.interactions) {
      const testCase = suite
        .testCase()
        .className(`pact-check.${i.operationId ?? 'unrouted'}`)
        .name(i.description);
      const errors = i.findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) {
        testCase.failure(errors.map(pactFindingLine).join('; '), errors[0]?.rule);
        testCase.stacktrace([requestLine(i), ...i.findings.map(pactFindingLine)].join('\n'));
      } else if (i.findings.length > 0) {
        testCase.standardOutput(i.findings.map((f) => `warning ${pactFindingLine(f)}`).join('\n'));
      }
    }
    for (const s of result.skipped)
      suite.testCase().className('pact-check.not-http').name(s.description).skipped().standardOutput(s.reason);
  }
  return builder.build();
}
