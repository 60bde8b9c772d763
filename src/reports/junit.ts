/**
 * The JUnit XML of any command's document, through junit-report-builder: one testsuite per suite of
 * the document, one testcase per case. A failed case is a failure whose message lists its error
 * findings by code and whose body holds every finding and the details; a skipped case is
 * `<skipped/>` with its reason; a case of an operation not implemented is a failure of that type.
 */
import junit from 'junit-report-builder';
import { findingLines, type ReportDocument } from './document';

export function renderJunit(document: ReportDocument): string {
  const builder = junit.newBuilder();
  const named = [...new Set(document.cases.map((c) => c.suite))];
  const suites = document.suiteOrder
    ? [...document.suiteOrder.filter((s) => named.includes(s)), ...named.filter((s) => !document.suiteOrder?.includes(s))]
    : named;
  for (const name of suites) {
    const suite = builder.testSuite().name(name).timestamp(document.startedAt);
    const properties = { ...document.properties['*'], ...document.properties[name] };
    for (const [key, value] of Object.entries(properties)) suite.property(key, value);
    for (const c of document.cases.filter((x) => x.suite === name)) {
      const testCase = suite
        .testCase()
        .className(c.className)
        .name(document.idInNames ? `${c.title} [${c.id}]` : c.title)
        .time((c.durationMs ?? 0) / 1000);
      const errors = c.findings.filter((f) => f.severity === 'error');
      const body = [...findingLines(c.findings), ...c.details.map((d) => `${d.label}: ${d.text}`)].join('\n');
      if (c.status === 'not-implemented') {
        testCase.failure(c.reason ?? 'not implemented', 'not-implemented');
      } else if (c.status === 'failed') {
        const message = errors.length > 0 ? errors.map((f) => `[${f.code}] ${f.message}`).join('; ') : (c.reason ?? 'failed');
        testCase.failure(message, errors[0]?.code ?? 'failed');
        testCase.stacktrace(body);
      } else if (c.status === 'skipped' || c.status === 'inconclusive') {
        testCase.skipped();
      }
      const out = [
        ...(c.status === 'skipped' && c.reason ? [c.reason] : []),
        ...c.notes,
        ...(c.status === 'passed' && c.findings.length > 0 ? [body] : []),
      ];
      if (out.length > 0) testCase.standardOutput(out.join('\n'));
    }
  }
  return builder.build();
}
