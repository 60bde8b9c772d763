/**
 * What the Pact core answers for one interaction, judged: passed, or failed with each mismatch it
 * found as a finding (codes `pact-verify.*`, expected and actual as the core gives them), or its own
 * report when it names none. Pure: table-tested on the core's JSON.
 */
import { stripVTControlCharacters } from 'node:util';
import { complete, type Finding, type FindingDraft } from '../findings';
import type { InteractionResult } from './result';
import type { ResultMessage } from './worker';

interface CoreMismatch {
  type?: string;
  path?: string;
  key?: string;
  parameter?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  message?: string;
}

interface CoreResults {
  result?: boolean;
  output?: string[];
  errors?: { interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: CoreMismatch[] } }[];
  interactionResults?: { description?: string; result?: string }[];
}

const show = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

/** The contract's own rule: what the consumer expects of this interaction's answer. */
const CONTRACT_RULE = { text: "the provider answers the interaction as the consumer's contract expects", source: 'contracts/' };

function draftOf(m: CoreMismatch): FindingDraft {
  const type = m.type ?? '';
  const code =
    type === 'StatusMismatch'
      ? 'pact-verify.status'
      : type === 'HeaderMismatch'
        ? 'pact-verify.header'
        : type.startsWith('Body')
          ? 'pact-verify.body'
          : 'pact-verify.other';
  const at = m.path ?? m.key ?? m.parameter;
  const expected = show(m.expected);
  const actual = show(m.actual);
  const message = stripVTControlCharacters(m.mismatch ?? m.message ?? `expected ${expected ?? '?'}, got ${actual ?? '?'}`);
  return {
    code,
    message: at ? `${at}: ${message}` : message,
    rule: CONTRACT_RULE,
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
    ...(at?.startsWith('$') ? { pointer: at } : {}),
  };
}

/** The core's report, without colours, from its Failures section on when it has one. */
function outputText(lines: string[]): string {
  const text = stripVTControlCharacters(lines.join('\n')).trim();
  const failures = text.indexOf('Failures:');
  return failures === -1 ? text : text.slice(failures).trim();
}

/**
 * pact-js puts a proxy of its own on 127.0.0.1 between the core and the target, and the core names
 * the proxy's URL when a request fails: name the target's instead, and say what such a failure is.
 */
function retarget(message: string, target: string | undefined): string {
  const failed = /^error sending request for url \(http:\/\/127\.0\.0\.1:\d+(\/[^)]*)?\)/.exec(message);
  if (!failed || target === undefined) return message;
  return `no answer from ${target}${failed[1] ?? '/'}: the request timed out or the connection failed${message.slice(failed[0].length)}`;
}

/** The last lines of what the worker printed, without colours: the detail of a verifier that did not finish. */
function tail(stdout: string, lines = 40): string {
  return stripVTControlCharacters(stdout).trim().split('\n').slice(-lines).join('\n');
}

export interface ReplyContext {
  /** What the worker printed while it ran the job. */
  stdout: string;
  /** Why no reply came (the worker ended, the deadline passed). */
  problem?: string;
  /** The target's URL, to name it instead of pact-js' proxy. */
  target?: string;
}

type Judged = Pick<InteractionResult, 'status' | 'findings' | 'reason' | 'output'>;

/**
 * A worker's answer for one interaction, judged. A provider state the control plane refused skips
 * the interaction: its answer says nothing about the contract when its precondition does not hold.
 */
export function judgeReply(reply: ResultMessage | undefined, context: ReplyContext): Judged {
  const { stdout, problem, target } = context;
  if (problem === undefined && reply?.stateErrors?.length) {
    const reason =
      `the target could not be put into its provider state (${reply.stateErrors.join('; ')}); ` +
      `the request was sent, its answer is not judged`;
    return { status: 'skipped', reason, findings: [] };
  }
  const failed = (drafts: FindingDraft[], output?: string): Judged => {
    const detail = output?.trim() ? { output } : {};
    return { status: 'failed', findings: drafts.map((d) => complete(d)), ...detail };
  };
  const error = (message: string): FindingDraft => ({ code: 'pact-verify.error', message, rule: CONTRACT_RULE });
  if (problem !== undefined || reply === undefined) return failed([error(problem ?? 'the verifier gave no result')], tail(stdout));
  if (reply.json === undefined) return failed([error(`the verifier could not run: ${reply.error ?? 'no reason given'}`)], tail(stdout));
  let results: CoreResults;
  try {
    results = JSON.parse(reply.json) as CoreResults;
  } catch {
    return failed([error(`the Pact core's results are not JSON: ${reply.json.slice(0, 300)}`)], tail(stdout));
  }
  const drafts: FindingDraft[] = [];
  for (const e of results.errors ?? []) {
    const detail = e.mismatch;
    if (detail?.mismatches?.length) drafts.push(...detail.mismatches.map(draftOf));
    else if (detail?.message) drafts.push(error(retarget(stripVTControlCharacters(detail.message), target)));
  }
  const passed = results.result === true && (results.errors ?? []).length === 0;
  if (!passed && drafts.length === 0) {
    const output = outputText(results.output ?? []) || tail(stdout);
    return failed(
      [{ code: 'pact-verify.other', message: 'the Pact core reported a failure without naming a mismatch', rule: CONTRACT_RULE }],
      output,
    );
  }
  return drafts.length === 0 ? { status: 'passed', findings: [] } : failed(drafts);
}

/** Each finding of a failed interaction, one line each: what a console or JUnit report shows. */
export function findingText(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.code}: ${f.message}`).join('\n');
}
