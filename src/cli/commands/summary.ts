import type { Command } from 'commander';
import { constraintRows } from '../../docs';
import { loadSpec } from '../../spec';
import { type CliIo, type ExitCode, writeLine } from '../io';
import { makeStyle } from '../style';

/** Prints the operations of the spec with their request constraints and documented errors. */
function runSummary(io: CliIo, options: { color: boolean }): number {
  const model = loadSpec();
  const style = makeStyle(io.stdout, options.color);
  const out = (text?: string) => writeLine(io.stdout, text);
  out(style('bold', `${model.document.info.title}`));
  out(`API version ${model.document.info.version} · ${model.operations.length} operations · source of truth: openapi/quicksight.yaml`);
  for (const op of model.operations) {
    out();
    out(`${style('bold', op.id)}  ${op.method} ${op.pathTemplate}`);
    out(`  ${op.summary}  ${style('dim', `(${op.source})`)}`);
    const rows = constraintRows(op).filter((r) => r.location !== 'response');
    const width = Math.max(...rows.map((r) => r.member.length));
    for (const r of rows) {
      const facts = [
        r.type,
        r.required ? 'required' : 'optional',
        r.length && `length ${r.length}`,
        r.pattern && `pattern ${r.pattern}`,
        r.enum && `one of ${r.enum.replace(/\\\|/g, '|')}`,
        r.items && `items ${r.items}`,
      ].filter(Boolean);
      out(`  ${r.location.padEnd(4)}  ${r.member.padEnd(width)}  ${facts.join(', ')}`);
    }
    const own = op.errors.filter((e) => !e.common);
    out(`  errors  ${own.map((e) => `${e.status} ${e.type}`).join(' · ')}`);
    out(
      `          ${style(
        'dim',
        `and the common errors: ${op.errors
          .filter((e) => e.common)
          .map((e) => `${e.status} ${e.type}`)
          .join(', ')}`,
      )}`,
    );
  }
  out();
  out(`Constraint tables: docs/constraints/<Operation>.md · HTML reference: docs/quicksight.html`);
  return 0;
}

export function registerSummary(program: Command, io: CliIo, exit: ExitCode): void {
  program
    .command('summary')
    .description('print the operations of the contract with their constraints and documented errors')
    .action(function (this: Command) {
      exit.code = runSummary(io, { color: this.optsWithGlobals().color !== false });
    });
}
