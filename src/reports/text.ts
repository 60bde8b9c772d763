/** Plain-text pieces shared by the console and JUnit reports. */
import type { WireRequest } from '../runner';
import type { CaseResult } from '../verify';

/** `PUT /accounts/…/users/alice {"Email":…}`: what was sent, short. */
export function requestLine(request: WireRequest): string {
  const path = request.url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const body = request.body === undefined ? '(no body)' : request.body.length > 160 ? `${request.body.slice(0, 160)}…` : request.body;
  return `${request.method} ${path} ${body}`;
}

/** Each finding of a case: the check, what is wrong, the rule and its source, expected and actual. */
export function findingLines(c: CaseResult): string[] {
  return c.findings.flatMap((f) => [
    `${f.severity === 'error' ? '✗' : '!'} [${f.check}] ${f.message}`,
    `    rule      ${f.rule.text} (${f.rule.source})`,
    `    expected  ${f.expected}`,
    `    actual    ${f.actual.length > 300 ? `${f.actual.slice(0, 300)}…` : f.actual}`,
    ...(f.pointer ? [`    at        ${f.pointer}`] : []),
  ]);
}
