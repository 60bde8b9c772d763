/** A Pact provider verification as a report document: one suite per operation, one case per interaction. */
import type { InteractionResult, PactVerifyResult } from '../../pact-verify';
import type { ReportCase, ReportDocument, ReportSection } from '../document';

/** The description without its `Operation: ` prefix, under its operation's heading. */
function titleOf(interaction: InteractionResult): string {
  return interaction.operationId ? interaction.description.slice(interaction.operationId.length + 2) : interaction.description;
}

const givenLine = (i: InteractionResult) => i.providerStates.map((s) => `${s.name} ${JSON.stringify(s.params)}`).join(' · ');

function interactionCase(result: PactVerifyResult, i: InteractionResult): ReportCase {
  const suite = i.operationId ?? `${result.consumer} → ${result.provider}`;
  return {
    id: `${i.index}`,
    suite,
    className: suite,
    title: titleOf(i),
    status: i.status,
    findings: i.findings,
    details: [
      ...(i.providerStates.length > 0 ? [{ label: 'given', text: givenLine(i) }] : []),
      ...(i.output ? [{ label: 'output', text: i.output }] : []),
    ],
    notes: [],
    ...(i.reason ? { reason: i.reason } : {}),
    ...(i.durationMs !== undefined ? { durationMs: i.durationMs } : {}),
  };
}

function skippedSection(result: PactVerifyResult): ReportSection[] {
  const skipped = result.interactions.filter((i) => i.status === 'skipped');
  if (skipped.length === 0) return [];
  const byReason = new Map<string, InteractionResult[]>();
  for (const i of skipped) byReason.set(i.reason ?? '', [...(byReason.get(i.reason ?? '') ?? []), i]);
  return [
    {
      title: `Skipped: the target cannot be put into these provider states (${skipped.length})`,
      lines: [...byReason].flatMap(([reason, interactions]) => [reason, ...interactions.map((i) => `  – ${i.description}`)]),
    },
  ];
}

export function pactVerifyDocument(result: PactVerifyResult): ReportDocument {
  const { summary } = result;
  const ran = summary.passed + summary.failed;
  const skippedNote = summary.skipped ? `, ${summary.skipped} skipped` : '';
  return {
    command: 'pact-verify',
    heading: `qs-contract pact-verify ${result.target}`,
    facts: [
      `${result.pactFile}: ${summary.interactions} interactions of ${result.consumer} with ${result.provider}, ` +
        `in ${(result.durationMs / 1000).toFixed(1)} s`,
      result.providerStates === 'control-plane'
        ? "provider states: set through the target's control plane (POST /_mock/provider-states), torn down after each interaction"
        : 'provider states: read from the fixtures (the target has no control plane at /_mock/); states they cannot give are skipped',
    ],
    sections: skippedSection(result),
    cases: result.interactions.map((i) => interactionCase(result, i)),
    listing: 'by-suite',
    idInNames: false,
    verdict:
      result.verdict === 'pass'
        ? { pass: true, line: `PASS  ${summary.passed} of ${ran} interactions passed${skippedNote}`, hints: [] }
        : { pass: false, line: `FAIL  ${summary.failed} of ${ran} interactions failed; ${summary.passed} passed${skippedNote}`, hints: [] },
    startedAt: result.startedAt,
    properties: { '*': { target: result.target, pactFile: result.pactFile, providerStates: result.providerStates } },
  };
}
