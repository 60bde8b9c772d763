/** Renderers of a VerifyResult: console text, the `--json` report and JUnit XML. They print nothing themselves. */

export type { Paint } from './console';
export { checkLegend, consoleReport } from './console';
export { jsonReport, REPORT_VERSION } from './json';
export { junitReport } from './junit';
