import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';

/** The flags of `npm run generate:types`, read from package.json so there is one definition. */
function generateArgs(output: string): string[] {
  const script = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
    'generate:types'
  ] as string;
  const args = script.split(/\s+/).slice(1);
  const o = args.indexOf('-o');
  args[o + 1] = output;
  return args;
}

test('src/generated/quicksight.ts is what openapi-typescript makes of the spec today', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-types-'));
  try {
    const fresh = path.join(dir, 'quicksight.ts');
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/openapi-typescript/bin/cli.js'), ...generateArgs(fresh)], {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    });
    const committed = readFileSync(path.join(PROJECT_ROOT, 'src/generated/quicksight.ts'), 'utf8');
    if (readFileSync(fresh, 'utf8') !== committed) {
      throw new Error('src/generated/quicksight.ts is stale: run `npm run generate:types` and commit the result.');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
