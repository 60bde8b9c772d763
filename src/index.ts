/**
 * The programmatic API of quicksight-contract (`require('quicksight-contract')`), what the CLI's
 * commands do as functions that return data and print nothing:
 * - `verify({ target })`: check a server against the contract → a VerifyResult;
 * - `startMock()`: the reference mock on a free loopback port → `{ url, handler, close() }`;
 * - `checkClient({ command })`: run a client command against the reference mock, judge its requests;
 * - `checkPact(fileOrDocument)`: a consumer's Pact file against the spec;
 * - `startProxy({ upstream })`: a judging proxy between a client and any upstream → `{ url, result(), close() }`.
 * The report renderers turn a result into what the CLI writes (console text, JUnit, Markdown, HTML).
 * Options left out take the CLI's defaults; a ToolError (`isToolError`) means the run could not be made.
 */
import { VERIFY_DEFAULTS } from './cli/commands/verify';
import { type CheckClientOptions, checkClient as runClientCheck } from './client';
import { DEFAULT_FIXTURES, type Fixtures } from './fixtures';
import { checkPact as checkPactDocument, type PactCheckResult, pactCheckDeps } from './pact-check';
import { type PactDocument, readPact } from './pact-file';
import { loadSpec } from './spec';
import { verify as runVerify, type VerifyOptions, type VerifyResult } from './verify';

export type { ClientCheckResult, InjectedFault } from './client';
export { isToolError, ToolError } from './errors';
export type { Finding, FindingCode } from './findings';
export { ALL_CODES, FINDING_CODES, Suppression } from './findings';
export { DEFAULT_FIXTURES, type Fixtures } from './fixtures';
export { type MockServerOptions, type RunningMock, startMock } from './mock';
export type { PactCheckResult } from './pact-check';
export type { PactDocument } from './pact-file';
export { type ProxyOptions, type ProxyResult, type RunningProxy, startProxy } from './proxy';
export {
  checkClientDocument,
  pactCheckDocument,
  pactVerifyDocument,
  proxyDocument,
  type ReportDocument,
  renderConsole,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderReportJson,
  verifyDocument,
} from './reports';
export type { CaseResult, VerifyResult } from './verify';

/** The CLI's defaults for `verify`: one home, the command's. */
export { VERIFY_DEFAULTS };

export type VerifyApiOptions = Pick<VerifyOptions, 'target'> &
  Partial<Omit<VerifyOptions, 'target' | 'spec' | 'fixtures'>> & {
    /** The resources the target holds (default: the shared default fixtures, as the CLI's). */
    fixtures?: Partial<Fixtures>;
  };

/** Checks a server at `target` (a base URL); the seed is random unless given, and is in the result. */
export function verify(options: VerifyApiOptions): Promise<VerifyResult> {
  return runVerify({
    ...VERIFY_DEFAULTS,
    seed: Math.floor(Math.random() * 0x7fffffff),
    ...options,
    fixtures: { ...DEFAULT_FIXTURES, ...options.fixtures },
  });
}

export type CheckClientApiOptions = Omit<CheckClientOptions, 'fixtures' | 'spec'> & { fixtures?: Partial<Fixtures> };

/**
 * Runs `command` against the reference mock and judges every request it made; its output is piped
 * to this process's unless `output` says otherwise.
 */
export function checkClient(options: CheckClientApiOptions): ReturnType<typeof runClientCheck> {
  return runClientCheck({ ...options, fixtures: { ...DEFAULT_FIXTURES, ...options.fixtures } });
}

/** Checks a Pact file (a path, or a document read by `readPact`) against the spec. */
export function checkPact(pact: string | PactDocument): Promise<PactCheckResult> {
  return checkPactDocument(typeof pact === 'string' ? readPact(pact) : pact, pactCheckDeps(loadSpec()));
}

export { readPact };
