/**
 * The one shape every command's result takes for its readers: a document of cases (a verify case, a
 * request a client sent, a Pact interaction), each with its findings, plus the sections and the
 * verdict a command has to say. One set of renderers (console.ts, junit.ts) turns any document into
 * text; the --json report is the command's own result, with a schema per command (json.ts).
 */
import type { Finding, Rule, SuppressedCount } from '../findings';
import type { Coverage } from './coverage';

export type CommandName = 'verify' | 'check-client' | 'pact-check' | 'pact-verify' | 'proxy';

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'inconclusive' | 'not-implemented';

export interface ReportCase {
  /** Stable within the run: a verify case id, `#seq` of a request, an interaction's position. */
  id: string;
  /** The group it belongs to: an operation, a Pact file (a JUnit testsuite, a console heading). */
  suite: string;
  /** JUnit's classname. */
  className: string;
  title: string;
  status: CaseStatus;
  findings: Finding[];
  /** Labelled lines under the case: what was sent, what came back, how to reproduce it. */
  details: { label: string; text: string }[];
  /** Free lines said about the case whatever its status (a JUnit system-out). */
  notes: string[];
  /** Why a case was skipped or is not implemented. */
  reason?: string;
  durationMs?: number;
  /** A case for the JUnit report only (check-client's command as a whole: its console verdict says it). */
  junitOnly?: true;
  /**
   * The answer the case got, short (`200 text/html`, `400 InvalidParameterValueException
   * application/json`, `no answer (timeout)`): part of the key that groups findings by cause.
   */
  observed?: string;
  /**
   * The documented rule the case itself aims at (a verify case breaking `Email: maxLength 64`). A
   * finding that cites it is grouped with the findings of the same check on other rules: one cause
   * ("invalid requests are accepted") broken on many constraints, which the group lists.
   */
  caseRule?: string;
}

export interface ReportSection {
  title: string;
  lines: string[];
  tone?: 'plain' | 'warning' | 'dim';
}

/** A table of rows × columns (verify: checks × operations). */
export interface Matrix {
  corner: string;
  columns: string[];
  rows: { label: string; cells: { text: string; state: 'passed' | 'failed' | 'none' | 'not-implemented' }[] }[];
  legend: string;
}

export interface ReportDocument {
  command: CommandName;
  heading: string;
  /** Lines under the heading: what ran, how long, with which seed. */
  facts: string[];
  matrix?: Matrix;
  /** Said before the cases: random-request verdicts, skipped work. */
  sections: ReportSection[];
  /** Said after the cases, before the verdict: a tally, the injected faults. */
  trailer?: ReportSection[];
  cases: ReportCase[];
  /**
   * The console lists every case under its suite (pact-verify), every case in order (check-client:
   * the requests as the mock received them), or the failing ones only (verify, pact-check).
   */
  listing: 'by-suite' | 'in-order' | 'failures';
  /** JUnit names each case `title [id]`, where titles alone may repeat within a suite (verify's). */
  idInNames: boolean;
  verdict: { pass: boolean; line: string; hints: string[] };
  /** The command line that replays the run. */
  replay?: string;
  startedAt: string;
  /** The order of the JUnit testsuites, when not the order the cases first name them in. */
  suiteOrder?: string[];
  /** JUnit testsuite properties, by suite (a `*` entry applies to every suite). */
  properties: Record<string, Record<string, string>>;
  /** What the run exercised of the contract (verify): see coverage.ts. */
  coverage?: Coverage;
  /**
   * A mistake about the whole run (the target speaks TLS on a plain port, every answer is a 404 of
   * a wrong prefix), said as one line before anything else: every renderer leads with it.
   */
  problem?: string;
  /** What to run next, said last (the start output's next steps). */
  nextSteps?: string[];
  /** The random-run seed, for the renderers that show it on its own (HTML, Markdown). */
  seed?: number;
  /** The rule of each check (verify), which a group of findings on many case rules cites. */
  checkRules?: Record<string, Rule>;
  /** `--suppress`: each code whose findings were dropped before the verdict, with how many (suppressed.ts). */
  suppressed?: SuppressedCount[];
}

/**
 * Text a target or a client chose (an error type, a body) as it may be printed: control characters
 * (C0 but tab and newline, DEL, C1) as `\u` escapes, so that an answer cannot move the cursor,
 * clear the screen or retitle the terminal of whoever reads the report.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The findings of a case as lines: code and message, then the rule and its source, expected, actual, where. */
export function findingLines(findings: readonly Finding[]): string[] {
  const cut = (text: string) => printable(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  return findings.flatMap((f) => [
    `${f.severity === 'error' ? '✗' : '!'} [${f.code}] ${printable(f.message)}`,
    `    rule      ${f.rule.text} (${f.rule.source})`,
    ...(f.expected !== undefined ? [`    expected  ${cut(f.expected)}`] : []),
    ...(f.actual !== undefined ? [`    actual    ${cut(f.actual)}`] : []),
    ...(f.pointer ? [`    at        ${f.pointer}`] : []),
  ]);
}
