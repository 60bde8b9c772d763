/**
 * The `--junit` report of `check-client`, through junit-report-builder: one testsuite per operation
 * (and one for requests that matched none), one testcase per request; a request that broke a
 * documented rule is a failure listing each rule and its source. A last suite, `command`, holds one
 * testcase for the command itself: it fails when the command failed or made no request.
 */
import junit from 'junit-report-builder';
import { type ClientCheckResult, describeOutcome } from '../client';
import { clientBodyLine, clientFindingLines, commandLine } from './client-console';

export const NO_OPERATION_SUITE = '(no operation)';

export function clientJunitReport(result: ClientCheckResult): string {
  const builder = junit.newBuilder();
  const groups = [...new Set(result.requests.map((r) => r.operationId ?? NO_OPERATION_SUITE))].sort(
    (a, b) => Number(a === NO_OPERATION_SUITE) - Number(b === NO_OPERATION_SUITE) || a.localeCompare(b),
  );
  for (const group of groups) {
    const suite = builder.testSuite().name(group).timestamp(result.startedAt).property('mock', result.mockUrl);
    for (const r of result.requests.filter((x) => (x.operationId ?? NO_OPERATION_SUITE) === group)) {
      const testCase = suite.testCase().className(group).name(`#${r.seq} ${r.method} ${r.path}`);
      const errors = r.findings.filter((f) => f.severity === 'error');
      if (r.verdict !== 'conforms') {
        testCase.failure(errors.map((f) => `${f.message} [${f.rule.text}] (${f.rule.source})`).join('; '), errors[0]?.kind ?? r.verdict);
        testCase.stacktrace([...clientFindingLines(r), `sent: ${clientBodyLine(r)}`, ...(r.note ? [`note: ${r.note}`] : [])].join('\n'));
      }
      const out = [
        `answered ${r.response.status}${r.response.errorType ? ` ${r.response.errorType}` : ''}${r.response.injected ? ', a fault injected by --inject' : ''}`,
        ...r.findings.filter((f) => f.severity === 'warning').map((f) => `warning: ${f.message} [${f.rule.text}] (${f.rule.source})`),
        ...(r.verdict === 'conforms' && r.note ? [`note: ${r.note}`] : []),
      ];
      testCase.standardOutput(out.join('\n'));
    }
  }
  const command = builder.testSuite().name('command').timestamp(result.startedAt).property('mock', result.mockUrl);
  const testCase = command
    .testCase()
    .className('command')
    .name(commandLine(result))
    .time(result.durationMs / 1000);
  // The requests' own failures are their testcases'; here, what only the command as a whole shows.
  const commandReasons = result.reasons.filter((r) => r.code === 'command-failed' || r.code === 'no-requests' || r.code === 'unchecked');
  if (commandReasons.length > 0) testCase.failure(commandReasons.map((r) => r.message).join('; '), commandReasons[0]?.code);
  testCase.standardOutput(`the command ${describeOutcome(result.outcome)}; ${result.summary.requests} requests`);
  return builder.build();
}
