/**
 * What the commands share: the --target and integer flags, the report flags (--json, --junit,
 * --summary, --html, "-" for stdout, --verbose, --no-color), --suppress, and what GitHub Actions gets
 * (annotations, the step summary), the tool's version for reports, and the progress line. One home,
 * so that every command answers a mistake with the same words.
 */
import { accessSync, appendFileSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { isToolError, ToolError } from '../errors';
import { closestCode, isFindingCode, Suppression } from '../findings';
import {
  type CommandName,
  type ReportDocument,
  renderAnnotations,
  renderConsole,
  renderHtml,
  renderJunit,
  renderMarkdown,
  renderReportJson,
  toolErrorAnnotation,
  toolErrorMarkdown,
  withSuppressed,
} from '../reports';
import { type CliIo, writeLine } from './io';
import { makeStyle } from './style';
import { toolVersion } from './version';

/** `--target builtin`: the reference mock, started in-process on a free loopback port. */
export const BUILTIN_TARGET = 'builtin';

export function targetUrl(value: string, flag = '--target'): string {
  if (value === BUILTIN_TARGET) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ToolError('USAGE', `${flag} must be an http(s) URL or "${BUILTIN_TARGET}" (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ToolError('USAGE', `${flag} must be an http(s) URL (got ${url.protocol})`);
  // fetch refuses credentials in a URL, and the operation paths are appended to the base path.
  if (url.username || url.password)
    throw new ToolError('USAGE', `${flag} must not hold a user name or password (requests are signed with --sigv4 --credentials FILE)`);
  if (url.search || url.hash)
    throw new ToolError('USAGE', `${flag} must be a base URL with no query or fragment (the operation paths are appended to it)`);
  return value;
}

export function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
    throw new ToolError('USAGE', `${flag} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

/** A number above 0 and at most `max` (`--rate 0.5`). */
export function positiveNumber(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > max)
    throw new ToolError('USAGE', `${flag} must be a number above 0 and at most ${max} (got ${JSON.stringify(value)})`);
  return n;
}

/**
 * Fails before the run, not after it, when a report cannot be written where asked. A folder that
 * does not exist yet is made when the report is written (`--junit reports/verify.xml` in a fresh CI
 * checkout), so what must be writable is the nearest folder that does exist.
 */
export function ensureWritable(flag: string, file: string | undefined): void {
  if (file === undefined || file === '-') return;
  let dir = path.dirname(path.resolve(file));
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new ToolError('IO', `${flag} ${file}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/**
 * The report flags every checking command takes: `--json FILE`, `--junit FILE`, `--summary FILE`
 * (Markdown), `--html FILE` ("-" for stdout), `--verbose`, `--no-color`; and `--suppress CODES`.
 */
export interface ReportFlags {
  json?: string;
  junit?: string;
  summary?: string;
  html?: string;
  verbose?: boolean;
  color?: boolean;
  /** Comma-separated finding codes whose findings are dropped before the verdict. */
  suppress?: string;
}

const REPORT_FILES = ['json', 'junit', 'summary', 'html'] as const;

/**
 * Declares the report flags on a command; `output` names what else moves to stderr when a report
 * takes stdout (check-client: the command's own output).
 */
export function reportOptions(command: Command, output = 'the console report'): Command {
  const stdout = `("-": stdout, and ${output} goes to stderr)`;
  return command
    .addOption(new Option('--json <file>', `also write the JSON report ${stdout}`))
    .addOption(new Option('--junit <file>', `also write a JUnit XML report ${stdout}`))
    .addOption(new Option('--summary <file>', `also write a Markdown summary: verdict, table, causes, coverage ${stdout}`))
    .addOption(new Option('--html <file>', `also write a self-contained HTML report ${stdout}`))
    .option('--verbose', 'list every failing case in full, not one line each under its cause')
    .option('--no-color', 'never colour the output (colours are used on a TTY only)')
    .option(
      '--suppress <codes>',
      'comma-separated finding codes (the README lists them) whose findings are dropped before the verdict; the reports count them',
    );
}

/** `--suppress CODE[,CODE...]` read: an unknown code is a usage error, in one line, naming the closest known one. */
export function suppressionOf(flags: Pick<ReportFlags, 'suppress'>): Suppression {
  if (flags.suppress === undefined) return new Suppression();
  const given = flags.suppress
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (given.length === 0) throw new ToolError('USAGE', '--suppress needs at least one finding code (the README lists them)');
  const unknown = given.find((code) => !isFindingCode(code));
  if (unknown !== undefined)
    throw new ToolError(
      'USAGE',
      `--suppress: ${JSON.stringify(unknown)} is no finding code; the closest is ${closestCode(unknown)} (the README lists them all)`,
    );
  return new Suppression(new Set(given.filter(isFindingCode)));
}

/** Refuses, before any work, report flags that cannot all be honoured. */
export function checkReportFlags(flags: ReportFlags): void {
  const toStdout = REPORT_FILES.filter((name) => flags[name] === '-');
  if (toStdout.length > 1)
    throw new ToolError(
      'USAGE',
      `${toStdout.map((n) => `--${n} -`).join(' and ')} cannot ${toStdout.length === 2 ? 'both' : 'all'} write to stdout`,
    );
  for (const name of REPORT_FILES) ensureWritable(`--${name}`, flags[name]);
}

/** Whether a machine-readable report takes stdout, so that everything else goes to stderr. */
export function reportOnStdout(flags: ReportFlags): boolean {
  return REPORT_FILES.some((name) => flags[name] === '-');
}

/** GitHub Actions sets GITHUB_ACTIONS=true in every step. */
function inGitHubActions(): boolean {
  return process.env.GITHUB_ACTIONS === 'true';
}

/** Appends to the job's step summary (GitHub renders it on the run's page); a failure to do so is said, not fatal. */
function appendStepSummary(io: CliIo, markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!inGitHubActions() || !file) return;
  try {
    appendFileSync(file, markdown);
  } catch (error) {
    writeLine(io.stderr, `qs-contract: cannot append to GITHUB_STEP_SUMMARY ${file}: ${(error as NodeJS.ErrnoException).code ?? ''}`);
  }
}

/**
 * Colours unless --no-color: the program declares it too, and commander gives the flag to the
 * program wherever it appears on the line, so a command reads both.
 */
export function colorWanted(command: Command): boolean {
  return command.opts().color !== false && command.optsWithGlobals().color !== false;
}

/**
 * The console report (on stderr when a report takes stdout, so that stdout parses), under GitHub
 * Actions its annotations and step summary, then the report files: every command's document through
 * the same renderers.
 */
export function writeReports(
  io: CliIo,
  flags: ReportFlags,
  report: { document: ReportDocument; result: object; suppressed?: Suppression },
): void {
  // What --suppress dropped is said by every report: a line under the heading, the JSON's `suppressed`.
  const document = report.suppressed ? withSuppressed(report.document, report.suppressed.tally()) : report.document;
  const consoleStream = reportOnStdout(flags) ? io.stderr : io.stdout;
  consoleStream.write(renderConsole(document, makeStyle(consoleStream, flags.color !== false), { verbose: flags.verbose === true }));
  // The runner reads workflow commands from stdout and stderr alike.
  if (inGitHubActions()) consoleStream.write(renderAnnotations(document));
  const markdown = flags.summary || inGitHubActions() ? renderMarkdown(document) : '';
  appendStepSummary(io, markdown);
  if (flags.json) writeReport(flags.json, renderReportJson(document, report.result, { name: 'qs-contract', version: toolVersion() }), io);
  if (flags.junit) writeReport(flags.junit, renderJunit(document), io);
  if (flags.summary) writeReport(flags.summary, markdown, io);
  if (flags.html) writeReport(flags.html, renderHtml(document), io);
}

/**
 * Runs a checking command; a run that cannot be made (exit 2) is still said where CI looks: one
 * annotation and the step summary under GitHub Actions, and the --summary file. main() prints the
 * one line on stderr.
 */
export async function withRunReports(io: CliIo, command: CommandName, flags: ReportFlags, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (isToolError(error)) {
      const markdown = toolErrorMarkdown(command, error.message, error.hint);
      if (inGitHubActions()) io.stderr.write(toolErrorAnnotation(command, error.message));
      appendStepSummary(io, markdown);
      if (flags.summary && flags.summary !== '-') {
        try {
          mkdirSync(path.dirname(path.resolve(flags.summary)), { recursive: true });
          writeFileSync(flags.summary, markdown);
        } catch {
          // The run's own error is the one to report.
        }
      }
    }
    throw error;
  }
}

function writeReport(file: string, text: string, io: CliIo): void {
  if (file === '-') return void io.stdout.write(text);
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new ToolError('IO', `cannot write the report ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A CI log gets a progress line this often at most (a terminal's line is rewritten in place). */
const LOG_PROGRESS_EVERY_MS = 5000;

export interface ProgressLine {
  update(done: number, total: number, extra?: string): void;
  end(): void;
}

/** Progress on stderr: one line rewritten in place on a terminal; in a log, a line every few seconds of a long run. */
export function progressLine(io: CliIo, command: string, unit: string): ProgressLine {
  const started = Date.now();
  if (!io.stderr.isTTY) {
    let last = started;
    return {
      update(done, total, extra) {
        const now = Date.now();
        if (now - last < LOG_PROGRESS_EVERY_MS) return;
        last = now;
        writeLine(
          io.stderr,
          `qs-contract ${command}: ${done}/${total} ${unit} after ${Math.round((now - started) / 1000)} s${extra ? `, ${extra}` : ''}`,
        );
      },
      end: () => undefined,
    };
  }
  let last = 0;
  return {
    update(done, total, extra) {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      io.stderr.write(`\r\x1b[2K${unit} ${done}/${total}${extra ? ` · ${extra}` : ''}`);
    },
    end: () => void io.stderr.write('\r\x1b[2K'),
  };
}
