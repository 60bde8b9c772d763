/**
 * What the commands share: the --target and integer flags, the report files (--json, --junit, "-"
 * for stdout), the tool's version for reports, and the progress line. One home, so that every
 * command answers a mistake with the same words.
 */
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ToolError } from '../errors';
import { type ReportDocument, renderConsole, renderJson, renderJunit } from '../reports';
import { PROJECT_ROOT } from '../spec';
import { type CliIo, writeLine } from './io';
import { makeStyle } from './style';

/** `--target builtin`: the reference mock, started in-process on a free loopback port. */
export const BUILTIN_TARGET = 'builtin';

export function targetUrl(value: string): string {
  if (value === BUILTIN_TARGET) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ToolError('USAGE', `--target must be an http(s) URL or "${BUILTIN_TARGET}" (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ToolError('USAGE', `--target must be an http(s) URL (got ${url.protocol})`);
  // fetch refuses credentials in a URL, and the operation paths are appended to the base path.
  if (url.username || url.password)
    throw new ToolError('USAGE', '--target must not hold a user name or password (requests are signed with --sigv4 --credentials FILE)');
  if (url.search || url.hash)
    throw new ToolError('USAGE', '--target must be a base URL with no query or fragment (the operation paths are appended to it)');
  return value;
}

export function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
    throw new ToolError('USAGE', `${flag} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

function toolVersion(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Fails before the run, not after it, when a report cannot be written where asked. */
function ensureWritable(flag: string, file: string | undefined): void {
  if (file === undefined || file === '-') return;
  try {
    accessSync(path.dirname(path.resolve(file)), constants.W_OK);
  } catch (error) {
    throw new ToolError('IO', `${flag} ${file}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** The report flags every checking command takes: `--json FILE`, `--junit FILE` ("-" for stdout), `--no-color`. */
export interface ReportFlags {
  json?: string;
  junit?: string;
  color?: boolean;
}

/** Refuses, before any work, report flags that cannot all be honoured. */
export function checkReportFlags(flags: ReportFlags): void {
  if (flags.json === '-' && flags.junit === '-') throw new ToolError('USAGE', '--json - and --junit - cannot both write to stdout');
  ensureWritable('--json', flags.json);
  ensureWritable('--junit', flags.junit);
}

/** Whether a machine-readable report takes stdout, so that everything else goes to stderr. */
export function reportOnStdout(flags: ReportFlags): boolean {
  return flags.json === '-' || flags.junit === '-';
}

/**
 * Colours unless --no-color: the program declares it too, and commander gives the flag to the
 * program wherever it appears on the line, so a command reads both.
 */
export function colorWanted(command: Command): boolean {
  return command.opts().color !== false && command.optsWithGlobals().color !== false;
}

/**
 * The console report (on stderr when a report takes stdout, so that stdout parses), then the --json
 * and --junit files: every command's document through the same renderers.
 */
export function writeReports(io: CliIo, flags: ReportFlags, report: { document: ReportDocument; result: object }): void {
  const consoleStream = reportOnStdout(flags) ? io.stderr : io.stdout;
  consoleStream.write(renderConsole(report.document, makeStyle(consoleStream, flags.color !== false)));
  if (flags.json)
    writeReport(flags.json, renderJson(report.document.command, report.result, { name: 'qs-contract', version: toolVersion() }), io);
  if (flags.junit) writeReport(flags.junit, renderJunit(report.document), io);
}

function writeReport(file: string, text: string, io: CliIo): void {
  if (file === '-') return void io.stdout.write(text);
  try {
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
