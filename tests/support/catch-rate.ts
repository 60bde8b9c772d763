/**
 * The engine's catch rate on the seeded defects: `npx ts-node --transpile-only tests/support/catch-rate.ts`.
 * Runs verify against each defective mock in turn (one at a time: the rows share a 2-core machine)
 * and prints `caught N of M seeded defects`, then one line per defect: its name, whether it was
 * caught, and the checks that fired. Exit code 1 when a defect got through.
 */

import { firedChecks, judgeCatch, notImplementedOperations, verifyMock } from './defect-verdict';
import { DEFECTS } from './defective-mock';

async function main(): Promise<number> {
  const lines: string[] = [];
  let caught = 0;
  const entries = Object.entries(DEFECTS);
  const width = Math.max(...entries.map(([name]) => name.length));
  for (const [name, defect] of entries) {
    const result = await verifyMock(name);
    const verdict = judgeCatch(defect, result);
    if (verdict.caught) caught += 1;
    const fired = firedChecks(result);
    const missing = notImplementedOperations(result);
    const notes = [
      `fired: ${fired.join(', ') || 'none'}`,
      ...(missing.length > 0 ? [`not implemented: ${missing.join(', ')}`] : []),
      ...(verdict.silent.length > 0 ? [`expected but silent: ${verdict.silent.join(', ')}`] : []),
      ...(verdict.unreported.length > 0 ? [`expected not implemented: ${verdict.unreported.join(', ')}`] : []),
      `verdict ${result.verdict}`,
    ];
    lines.push(`${name.padEnd(width)}  caught ${verdict.caught ? 'yes' : 'no '}  ${notes.join('; ')}`);
  }
  process.stdout.write(`caught ${caught} of ${entries.length} seeded defects\n${lines.join('\n')}\n`);
  return caught === entries.length ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
