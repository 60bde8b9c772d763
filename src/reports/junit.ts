/**
 * The `--junit` report, through junit-report-builder: one testsuite per operation, one testcase per
 * case; a case with error findings is a failure whose text holds the findings and the curl line,
 * and the cases of an operation reported as not implemented are failures of that kind.
 */
import junit from 'junit-report-builder';
import type { VerifyResult } from '../verify';
import { findingLines } from './text';

export function junitReport(result: VerifyResult): string {
  const builder = junit.newBuilder();
  for (const operationId of result.operations) {
    const suite = builder
      .testSuite()
      .name(operationId)
      .timestamp(result.startedAt)
      .property('target', result.target)
      .property('seed', String(result.seed));
    const skipped = result.skipped.find((s) => s.what === operationId);
    if (skipped) suite.testCase().className(operationId).name('all cases').skipped().standardOutput(skipped.reason);
    const missing = result.notImplemented.find((n) => n.operationId === operationId);
    for (const c of result.cases.filter((x) => x.operationId === operationId)) {
      const testCase = suite
        .testCase()
        .className(`${operationId}.${c.kind}`)
        .name(`${c.title} [${c.id}]`)
        .time((c.received?.durationMs ?? 0) / 1000);
      const errors = c.findings.filter((f) => f.severity === 'error');
      if (c.status === 'not-implemented') {
        testCase.failure(`${operationId} is not implemented: ${missing?.evidence ?? ''}`, 'not-implemented');
      } else if (errors.length > 0) {
        testCase.failure(errors.map((f) => `[${f.check}] ${f.message}`).join('; '), errors[0]?.check);
        testCase.stacktrace([...findingLines(c), ...(c.curl ? [`reproduce: ${c.curl}`] : [])].join('\n'));
      }
      if (c.property)
        testCase.standardOutput(`${c.property.runs} random requests (seed ${result.seed}), ${c.property.shrinks} shrinking steps`);
    }
  }
  return builder.build();
}
