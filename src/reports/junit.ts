/**
 * The JUnit XML of any command's document, through junit-report-builder: one testsuite per suite of
 * the document, one testcase per case. A failed case is a failure whose message names its causes
 * (the same message on every case of a cause, so a CI view can fold them); the cause's rule,
 * expected and actual are written once, in the body of the cause's first case, and every other case
 * says which case that is and carries only its own request and curl line. A skipped case is
 * `<skipped/>` with its reason; the cases of an operation not implemented are failures of that type
 * whose evidence is written once.
 */
import { findingLines, type ReportCase, type ReportDocument } from './document';
import { type FindingGroup, groupFindings, groupHeadline } from './groups';

function failureMessage(c: ReportCase, groups: readonly FindingGroup[]): string {
  const mine = groups.filter((g) => g.severity === 'error' && g.cases.includes(c));
  if (mine.length === 0) return c.reason ?? 'failed';
  return mine.map((g) => `cause ${g.index}: ${groupHeadline(g)} (${g.cases.length} ${g.cases.length === 1 ? 'case' : 'cases'})`).join('; ');
}

function failureBody(c: ReportCase, groups: readonly FindingGroup[]): string {
  const mine = groups.filter((g) => g.cases.includes(c));
  const shown = mine.filter((g) => g.example.case === c);
  const elsewhere = mine.filter((g) => g.example.case !== c);
  const own = c.findings.filter((f) => !shown.some((g) => g.example.finding === f));
  return [
    // In full once per cause: on the cause's first case.
    ...findingLines(shown.map((g) => g.example.finding)),
    ...elsewhere.map(
      (g) => `cause ${g.index} is shown in full on ${g.example.case.suite} › ${g.example.case.title} [${g.example.case.id}]`,
    ),
    ...own.map((f) => `${f.severity === 'error' ? '✗' : '!'} [${f.code}] ${f.message}`),
    ...c.details.map((d) => `${d.label}: ${d.text}`),
  ].join('\n');
}

export function renderJunit(document: ReportDocument): string {
  // Required here, not at the top: only a run asked for --junit pays the ~40 ms of loading it.
  const builder = (require('junit-report-builder') as typeof import('junit-report-builder').default).newBuilder();
  const groups = groupFindings(document);
  const named = [...new Set(document.cases.map((c) => c.suite))];
  const suites = document.suiteOrder
    ? [...document.suiteOrder.filter((s) => named.includes(s)), ...named.filter((s) => !document.suiteOrder?.includes(s))]
    : named;
  for (const name of suites) {
    const suite = builder.testSuite().name(name).timestamp(document.startedAt);
    const properties = { ...document.properties['*'], ...document.properties[name] };
    for (const [key, value] of Object.entries(properties)) suite.property(key, value);
    let firstMissing: ReportCase | undefined;
    for (const c of document.cases.filter((x) => x.suite === name)) {
      const testCase = suite
        .testCase()
        .className(c.className)
        .name(document.idInNames ? `${c.title} [${c.id}]` : c.title)
        .time((c.durationMs ?? 0) / 1000);
      if (c.status === 'not-implemented') {
        testCase.failure(`${c.suite} is not implemented`, 'not-implemented');
        if (!firstMissing) {
          firstMissing = c;
          testCase.stacktrace(c.reason ?? 'not implemented');
        } else testCase.stacktrace(`the evidence is on ${firstMissing.title} [${firstMissing.id}]`);
      } else if (c.status === 'failed') {
        const errors = c.findings.filter((f) => f.severity === 'error');
        testCase.failure(failureMessage(c, groups), errors[0]?.code ?? 'failed');
        testCase.stacktrace(failureBody(c, groups));
      } else if (c.status === 'skipped' || c.status === 'inconclusive') {
        testCase.skipped();
      }
      const out = [
        ...(c.status === 'skipped' && c.reason ? [c.reason] : []),
        ...c.notes,
        ...(c.status === 'passed' && c.findings.length > 0
          ? [[...findingLines(c.findings), ...c.details.map((d) => `${d.label}: ${d.text}`)].join('\n')]
          : []),
      ];
      if (out.length > 0) testCase.standardOutput(out.join('\n'));
    }
  }
  return builder.build();
}
