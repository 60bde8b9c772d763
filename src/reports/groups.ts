/**
 * Findings grouped by cause. A target that answers HTML to every request breaks the same rule in
 * forty cases; a reader wants that said once, with a count, the operations it touches and one
 * request that shows it. Two findings share a cause when they have the same code, the same rule and
 * the case got the same answer (status, error type, content type). A rule that is the case's own
 * (the constraint a negative case breaks) does not split a cause: "invalid requests are accepted" is
 * one cause, and its group lists the rules it was seen on. Findings of several codes that always
 * come together (an HTML 500 has no JSON type, no error type, no request id) are one cause too: the
 * same answer on exactly the same cases.
 */
import { codeInfo, type Finding, type FindingCode, type Rule, type Severity } from '../findings';
import type { ReportCase, ReportDocument } from './document';

/** Another code of the same cause: its findings came on exactly the cases of the group, with the same answer. */
export interface GroupPart {
  code: FindingCode;
  title: string;
  rule: Rule;
  findings: number;
}

export interface FindingGroup {
  /** 1-based, in the order the reports list the groups: errors first, the widest cause first. */
  index: number;
  code: FindingCode;
  severity: Severity;
  /** The code's title in the catalogue (src/findings/codes.ts). */
  title: string;
  /** The rule every finding of the group breaks, or the check's own rule when each breaks its case's rule. */
  rule: Rule;
  /** The case rules the group's findings were seen on, when they differ from case to case. */
  caseRules: Rule[];
  /** The answer every case of the group got (absent where the document says none). */
  observed?: string;
  findings: number;
  cases: ReportCase[];
  /** The suites (operations, Pact files) the group touches, in document order. */
  suites: string[];
  /** The first case of the group, and its finding: what the reports show in full. */
  example: { case: ReportCase; finding: Finding };
  /** The other codes of the same cause. */
  also: GroupPart[];
}

/** The cases whose findings are grouped: an operation not implemented is said once, apart from the findings. */
function groupable(c: ReportCase): boolean {
  return c.status !== 'not-implemented' && c.status !== 'skipped' && c.findings.length > 0;
}

export function groupFindings(document: ReportDocument): FindingGroup[] {
  const groups = new Map<string, Omit<FindingGroup, 'index' | 'also'> & { order: number; caseIds: Set<string> }>();
  for (const c of document.cases.filter(groupable)) {
    for (const finding of c.findings) {
      const own = c.caseRule !== undefined && finding.rule.text === c.caseRule;
      const key = [finding.code, own ? `check ${finding.check ?? ''}` : finding.rule.text, c.observed ?? ''].join('\u0000');
      let group = groups.get(key);
      if (!group) {
        const generic = own && finding.check ? document.checkRules?.[finding.check] : undefined;
        group = {
          code: finding.code,
          severity: finding.severity,
          title: codeInfo(finding.code).title,
          rule: generic ?? finding.rule,
          caseRules: [],
          ...(c.observed !== undefined ? { observed: c.observed } : {}),
          findings: 0,
          cases: [],
          suites: [],
          example: { case: c, finding },
          order: groups.size,
          caseIds: new Set(),
        };
        groups.set(key, group);
      }
      group.findings += 1;
      if (!group.caseIds.has(c.id)) {
        group.caseIds.add(c.id);
        group.cases.push(c);
      }
      if (!group.suites.includes(c.suite)) group.suites.push(c.suite);
      if (own && !group.caseRules.some((r) => r.text === finding.rule.text)) group.caseRules.push(finding.rule);
    }
  }
  const merged = new Map<string, Omit<FindingGroup, 'index'> & { order: number }>();
  for (const { caseIds, ...group } of groups.values()) {
    const key = [group.severity, group.observed ?? '', [...caseIds].sort().join('\u0001')].join('\u0000');
    const first = merged.get(key);
    if (!first || group.observed === undefined) merged.set(first ? `${key}#${group.order}` : key, { ...group, also: [] });
    else {
      first.also.push({ code: group.code, title: group.title, rule: group.rule, findings: group.findings });
      first.findings += group.findings;
    }
  }
  return [...merged.values()]
    .sort(
      (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning') || b.cases.length - a.cases.length || a.order - b.order,
    )
    .map(({ order: _order, ...group }, i) => ({ index: i + 1, ...group }));
}

/** The groups a case's findings belong to, by index: what a collapsed listing shows beside the case. */
export function groupsOfCase(groups: readonly FindingGroup[], c: ReportCase): number[] {
  return groups.filter((g) => g.cases.includes(c)).map((g) => g.index);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `29 cases · UpdateUser, UpdateThemePermissions`: how wide a cause is. */
export function groupReach(group: FindingGroup): string {
  const findings = group.findings === group.cases.length ? '' : ` (${plural(group.findings, 'finding')})`;
  return `${plural(group.cases.length, 'case')}${findings} · ${group.suites.join(', ')}`;
}

/** `[response.content-type] an answer without a JSON Content-Type · answered 200 text/html`: the cause in one line. */
export function groupHeadline(group: FindingGroup): string {
  return `[${group.code}] ${group.title}${group.observed ? ` · answered ${group.observed}` : ''}`;
}

/** `[response.body.not-json] a body that is not JSON · [response.error-type.missing] ...`: the other codes of the cause. */
export function alsoLine(group: FindingGroup): string | undefined {
  return group.also.length > 0 ? group.also.map((p) => `[${p.code}] ${p.title}`).join(' · ') : undefined;
}

/** The case rules of a group, short: `Email: maxLength 64, Role: enum …, and 9 more`. */
export function caseRulesLine(group: FindingGroup, shown = 6): string | undefined {
  if (group.caseRules.length === 0) return undefined;
  const names = group.caseRules.slice(0, shown).map((r) => r.text);
  const more = group.caseRules.length > shown ? `, and ${group.caseRules.length - shown} more` : '';
  return `${names.join(' · ')}${more}`;
}
