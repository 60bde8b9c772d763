import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time of the files under `dir` (recursively), in milliseconds. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ before any test file runs, so the tests that spawn the CLI run the current sources.
 * tsc takes about 5 s even when its incremental build finds nothing to do; `npm ci` has just built
 * dist/ (the prepare script) and a developer rerunning tests rarely changed src/, so the build is
 * skipped when dist/.tsbuildinfo is newer than every source and build setting.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  const inputs = [
    newestMtime(path.join(root, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(path.join(root, f)).mtimeMs),
  ];
  const buildInfo = path.join(root, 'dist/.tsbuildinfo');
  let built = 0;
  try {
    built = statSync(buildInfo).mtimeMs;
  } catch {
    // Never built.
  }
  if (built > Math.max(...inputs)) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // tsc leaves the build info alone when no output changed (a touched but unchanged source).
  const now = new Date();
  utimesSync(buildInfo, now, now);
}
