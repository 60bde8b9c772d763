import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { constraintDocs } from '../../docs';
import { ToolError } from '../../errors';
import { loadSpec } from '../../spec';
import { type CliIo, type ExitCode, writeLine } from '../io';

/** Writes the Markdown constraint table of each operation into OUT/constraints/. */
function runDocs(io: CliIo, options: { out: string }): number {
  const dir = path.join(options.out, 'constraints');
  try {
    mkdirSync(dir, { recursive: true });
    for (const [file, markdown] of constraintDocs(loadSpec())) {
      writeFileSync(path.join(dir, file), markdown);
      writeLine(io.stdout, `wrote ${path.join(dir, file)}`);
    }
  } catch (error) {
    if (error instanceof ToolError) throw error;
    throw new ToolError('IO', `cannot write the constraint tables into ${dir}: ${(error as Error).message}`);
  }
  return 0;
}

export function registerDocs(program: Command, io: CliIo, exit: ExitCode): void {
  program
    .command('docs')
    .description('write the Markdown constraint table of each operation (the HTML page is `npm run docs`)')
    .option('--out <dir>', 'the documentation folder', 'docs')
    .action((options: { out: string }) => {
      exit.code = runDocs(io, options);
    });
}
