/**
 * One finding type for every command: a target (a server, a client, a Pact file) broke a documented
 * rule (severity error) or did something the documents do not forbid but a careful reader wants to
 * know (warning, never fails a run). A discriminated union on the stable `code`; the codes that
 * carry more than the common members say what in FindingDetails.
 */
import type { OperationId } from '../spec';
import { type FindingCode, type Severity, severityOf } from './codes';

/** A documented rule and where it is written: a seed page or a QUICKSIGHT-FACTS.md section. */
export interface Rule {
  text: string;
  source: string;
}

/** The request that showed a finding: a verify case, a request a client sent, a Pact interaction. */
export type Subject =
  | { kind: 'case'; caseId: string; method: string; path: string }
  | { kind: 'request'; seq: number; method: string; path: string }
  | { kind: 'interaction'; index: number; description: string; method: string; path: string };

/** Members only some codes carry. */
export interface FindingDetails {
  /** How the exchange failed: timeout, refused, reset, protocol, too-large, other. */
  'response.none': { reason: string };
  /** The tolerated value the request used. */
  'request.value.tolerated': { value: string };
  /** The signing date minus the server's clock, in milliseconds (negative: in the past). */
  'request.signature.skew': { skewMs: number };
}

/** The codes whose findings carry nothing but the common members. */
export type PlainCode = Exclude<FindingCode, keyof FindingDetails>;

type Details<C extends FindingCode> = C extends keyof FindingDetails ? FindingDetails[C] : unknown;

interface Common<C extends FindingCode> {
  code: C;
  severity: Severity;
  /** One line: what is wrong. */
  message: string;
  rule: Rule;
  /** What the rule asks for, and what came instead. */
  expected?: string;
  actual?: string;
  /** A JSON Pointer into the body the finding is about (the request's or the answer's). */
  pointer?: string;
  operationId?: OperationId;
  subject?: Subject;
  /** The verify check that found it (verify only: its report is a table of checks). */
  check?: string;
}

export type Finding = { [C in FindingCode]: Common<C> & Details<C> }[FindingCode];

/** A finding as a rule produces it: the command adds the operation and the subject, the code the severity. */
export type FindingDraft = {
  [C in FindingCode]: Omit<Common<C>, 'severity' | 'operationId' | 'subject' | 'check'> & { severity?: Severity } & Details<C>;
}[FindingCode];

/** What a finding's producer knows that the rule does not: where it was seen. */
export type FindingContext = Pick<Common<FindingCode>, 'operationId' | 'subject' | 'check'>;

/**
 * The most characters a finding's message, expected or actual keeps. Their text often quotes what a
 * target sent (an error type, a member, a body), and a report must stay small whatever it sent.
 */
const MAX_FINDING_TEXT = 4000;

const bounded = (text: string | undefined) =>
  text === undefined || text.length <= MAX_FINDING_TEXT ? text : `${text.slice(0, MAX_FINDING_TEXT)}… (${text.length} characters in all)`;

/** A draft made whole: the code's severity unless the draft says otherwise; its texts bounded. */
export function complete(draft: FindingDraft, context: FindingContext = {}): Finding {
  const texts = {
    message: bounded(draft.message) as string,
    ...(draft.expected === undefined ? {} : { expected: bounded(draft.expected) }),
    ...(draft.actual === undefined ? {} : { actual: bounded(draft.actual) }),
  };
  return { ...draft, ...texts, severity: draft.severity ?? severityOf(draft.code), ...context } as Finding;
}

export const isError = (finding: { severity: Severity }): boolean => finding.severity === 'error';
