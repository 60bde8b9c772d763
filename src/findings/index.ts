/** One finding model for every command: the codes, the type, and suppression by code. */
export {
  ALL_CODES,
  type CodeInfo,
  codeInfo,
  FINDING_CODES,
  type FindingCode,
  type FindingFamily,
  type Severity,
  severityOf,
} from './codes';
export {
  complete,
  type Finding,
  type FindingContext,
  type FindingDetails,
  type FindingDraft,
  isError,
  type PlainCode,
  type Rule,
  type Subject,
} from './finding';
