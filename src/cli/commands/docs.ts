import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { constraintDocs, findingCodesDoc, registerDoc, withFindingCodesBlock, withRegisterBlock } from '../../docs';
import { ToolError } from '../../errors';
import { loadSpec } from '../../spec';
import { type CliIo, type ExitCode, writeLine } from '../io';

/**
 * Writes the Markdown constraint table of each operation into OUT/constraints/, the ambiguity
 * register into OUT/ambiguity-register.md and the finding codes into OUT/finding-codes.md; with
 * `--readme FILE`, rewrites that file's register and finding-codes blocks.
 */
function runDocs(io: CliIo, options: { out: string; readme?: string }): number {
  const dir = path.join(options.out, 'constraints');
  const model = loadSpec();
  const write = (file: string, text: string) => {
    writeFileSync(file, text);
    writeLine(io.stdout, `wrote ${file}`);
  };
  try {
    mkdirSync(dir, { recursive: true });
    for (const [file, markdown] of constraintDocs(model)) write(path.join(dir, file), markdown);
    write(path.join(options.out, 'ambiguity-register.md'), registerDoc(model));
    write(path.join(options.out, 'finding-codes.md'), findingCodesDoc());
    if (options.readme) {
      const readme = readFileSync(options.readme, 'utf8');
      const registered = withRegisterBlock(readme, model);
      if (registered === undefined) throw new ToolError('USAGE', `${options.readme} has no ambiguity-register block to rewrite`);
      const updated = withFindingCodesBlock(registered);
      if (updated === undefined) throw new ToolError('USAGE', `${options.readme} has no finding-codes block to rewrite`);
      write(options.readme, updated);
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
    .description(
      'write the Markdown constraint table of each operation, the ambiguity register and the finding codes ' +
        '(the HTML page is `npm run docs`)',
    )
    .option('--out <dir>', 'the documentation folder', 'docs')
    .option('--readme <file>', "also rewrite the file's ambiguity-register and finding-codes blocks (the project's README)")
    .action((options: { out: string; readme?: string }) => {
      exit.code = runDocs(io, options);
    });
}
