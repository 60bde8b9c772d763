/**
 * The reports: each command's result as a document (build/), and one set of renderers for every
 * document (console, JUnit) and every result (JSON). They return strings and print nothing.
 */

export { annotationsOf, renderAnnotations, toolErrorAnnotation } from './annotations';
export { checkClientDocument, commandLine } from './build/check-client';
export { pactCheckDocument, pactCheckSummary } from './build/pact-check';
export { pactVerifyDocument } from './build/pact-verify';
export { exchangeLine, proxyDocument } from './build/proxy';
export { BUILTIN_NEXT_STEPS, checkLegend, type VerifyDocumentOptions, verifyDocument } from './build/verify';
export { type ConsoleOptions, type Paint, renderConsole } from './console';
export { type Coverage, coverageClause, verifyCoverage } from './coverage';
export type { CommandName, ReportCase, ReportDocument, ReportSection } from './document';
export { findingLines } from './document';
export { type FindingGroup, groupFindings } from './groups';
export { renderHtml } from './html';
export { REPORT_VERSION, renderJson, renderReportJson, type Tool } from './json';
export { renderJunit } from './junit';
export { renderMarkdown, toolErrorMarkdown } from './markdown';
