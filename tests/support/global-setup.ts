import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds dist/ once before any test file runs, so the CLI tests run the current sources. */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
