/**
 * The reports: each command's result as a document (build/), and one set of renderers for every
 * document (console, JUnit) and every result (JSON). They return strings and print nothing.
 */
export { checkClientDocument, commandLine } from './build/check-client';
export { pactCheckDocument, pactCheckSummary } from './build/pact-check';
export { pactVerifyDocument } from './build/pact-verify';
export { checkLegend, verifyDocument } from './build/verify';
export { type Paint, renderConsole } from './console';
export type { CommandName, ReportCase, ReportDocument, ReportSection } from './document';
export { findingLines } from './document';
export { REPORT_VERSION, renderJson, type Tool } from './json';
export { renderJunit } from './junit';
