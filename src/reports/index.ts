/**
 * The reports: each command's result as a document (build/), and one set of renderers for every
 * document (console, JUnit) and every result (JSON). They return strings and print nothing.
 */

export { annotationsOf, renderAnnotations, toolErrorAnnotation } from './annotations';
export { checkClientDocument } from './build/check-client';
export { pactCheckDocument, pactCheckSummary } from './build/pact-check';
export { pactVerifyDocument } from './build/pact-verify';
export { exchangeLine, proxyDocument } from './build/proxy';
export { checkLegend, verifyDocument } from './build/verify';
export { renderConsole } from './console';
export type { Coverage } from './coverage';
export type { CommandName, ReportDocument } from './document';
export { groupFindings } from './groups';
export { renderHtml } from './html';
export { renderJson, renderReportJson } from './json';
export { renderJunit } from './junit';
export { renderMarkdown, toolErrorMarkdown } from './markdown';
export { withSuppressed } from './suppressed';
