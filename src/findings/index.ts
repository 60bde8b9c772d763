/** One finding model for every command: the codes, the type, and suppression by code. */
export { ALL_CODES, codeInfo, FINDING_CODES, type FindingCode, type Severity } from './codes';
export { complete, type Finding, type FindingDraft, isError, type PlainCode, type Rule, type Subject } from './finding';
