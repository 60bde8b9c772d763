/** One finding model for every command: the codes, the type, and suppression by code. */
export {
  ALL_CODES,
  codeInfo,
  FAMILIES,
  FINDING_CODES,
  type FindingCode,
  type FindingFamily,
  type Severity,
  severityOf,
} from './codes';
export { complete, type Finding, type FindingDraft, isError, type PlainCode, type Rule, type Subject } from './finding';
export { closestCode, isFindingCode, type SuppressedCount, Suppression } from './suppress';
