/**
 * Renderers of a Pact provider verification (`qs-contract pact-verify`): console text, the `--json`
 * report and JUnit XML (one testsuite per operation, one testcase per interaction; a skipped one is
 * `<skipped/>` with its reason as output). They return strings and print nothing.
 */
import junit from 'junit-report-builder';
import type { InteractionResult, PactVerifyResult } from '../pact/verification-result';
import type { Paint } from './console';

export const PACT_REPORT_VERSION = 1;

/** The testsuite (and console group) of an interaction: its operation, else the pact as a whole. */
function groupOf(result: PactVerifyResult, interaction: InteractionResult): string {
  return interaction.operationId ?? `${result.consumer} → ${result.provider}`;
}

/** The description without its `Operation: ` prefix, under its operation's heading. */
function titleOf(interaction: InteractionResult): string {
  return interaction.operationId ? interaction.description.slice(interaction.operationId.length + 2) : interaction.description;
}

function groups(result: PactVerifyResult): Map<string, InteractionResult[]> {
  const map = new Map<string, InteractionResult[]>();
  for (const i of result.interactions) map.set(groupOf(result, i), [...(map.get(groupOf(result, i)) ?? []), i]);
  return map;
}

const givenLine = (i: InteractionResult) => i.providerStates.map((s) => `${s.name} ${JSON.stringify(s.params)}`).join(' · ');

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');

export function pactConsoleReport(result: PactVerifyResult, paint: Paint): string {
  const lines: string[] = [];
  const { summary } = result;
  lines.push(paint('bold', `qs-contract pact-verify ${result.target}`));
  lines.push(
    `${result.pactFile}: ${summary.interactions} interactions of ${result.consumer} with ${result.provider}, in ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  lines.push(
    result.providerStates === 'control-plane'
      ? "provider states: set through the target's control plane (POST /_mock/provider-states), torn down after each interaction"
      : 'provider states: read from the fixtures (the target has no control plane at /_mock/); states they cannot give are skipped',
  );

  for (const [group, interactions] of groups(result)) {
    lines.push('', paint('bold', group));
    for (const i of interactions) {
      const time = i.durationMs === undefined ? '' : paint('dim', `  ${i.durationMs} ms`);
      if (i.status === 'passed') lines.push(`  ${paint('green', '✓')} ${titleOf(i)}${time}`);
      else if (i.status === 'failed') lines.push(`  ${paint('red', '✗')} ${titleOf(i)}${time}`);
      else lines.push(paint('dim', `  – ${titleOf(i)} (skipped)`));
    }
  }

  const skipped = result.interactions.filter((i) => i.status === 'skipped');
  if (skipped.length > 0) {
    lines.push('', paint('bold', `Skipped: the target cannot be put into these provider states (${skipped.length})`));
    const byReason = new Map<string, InteractionResult[]>();
    for (const i of skipped) byReason.set(i.reason ?? '', [...(byReason.get(i.reason ?? '') ?? []), i]);
    for (const [reason, interactions] of byReason) {
      lines.push(`  ${reason}`);
      for (const i of interactions) lines.push(paint('dim', `    – ${i.description}`));
    }
  }

  const failed = result.interactions.filter((i) => i.status === 'failed');
  if (failed.length > 0) {
    lines.push('', paint('bold', `Failures (${failed.length})`));
    for (const i of failed) {
      lines.push('', paint('red', `✗ ${i.description}`));
      if (i.providerStates.length > 0) lines.push(`    given ${givenLine(i)}`);
      lines.push(indent(i.mismatch ?? '', '    '));
    }
  }

  lines.push('');
  const ran = summary.passed + summary.failed;
  const skippedNote = summary.skipped ? `, ${summary.skipped} skipped` : '';
  if (result.verdict === 'pass') lines.push(paint('green', `PASS  ${summary.passed} of ${ran} interactions passed${skippedNote}`));
  else lines.push(paint('red', `FAIL  ${summary.failed} of ${ran} interactions failed; ${summary.passed} passed${skippedNote}`));
  return `${lines.join('\n')}\n`;
}

export function pactJsonReport(result: PactVerifyResult, tool: { name: string; version: string }): string {
  return `${JSON.stringify({ reportVersion: PACT_REPORT_VERSION, report: 'pact-verify', tool, ...result }, null, 2)}\n`;
}

export function pactJunitReport(result: PactVerifyResult): string {
  const builder = junit.newBuilder();
  for (const [group, interactions] of groups(result)) {
    const suite = builder
      .testSuite()
      .name(group)
      .timestamp(result.startedAt)
      .property('target', result.target)
      .property('pactFile', result.pactFile)
      .property('providerStates', result.providerStates);
    for (const i of interactions) {
      const testCase = suite
        .testCase()
        .className(group)
        .name(titleOf(i))
        .time((i.durationMs ?? 0) / 1000);
      if (i.status === 'skipped') testCase.skipped().standardOutput(i.reason ?? '');
      else if (i.status === 'failed') {
        testCase.failure(i.mismatches?.[0]?.message ?? 'the interaction failed', 'pact-mismatch');
        testCase.stacktrace([...(i.providerStates.length > 0 ? [`given ${givenLine(i)}`] : []), i.mismatch ?? ''].join('\n'));
      }
    }
  }
  return builder.build();
}
