#!/usr/bin/env node
/**
 * Fails when a line of code in the repository is longer than 140 characters. Biome's formatter
 * wraps code at 140 columns but never splits a string, a template or a regular expression, and
 * Biome has no lint rule for line length; so this check, with no dependency, is the guard.
 * Usage: node scripts/line-length.mjs (npm run lint runs it). Prints each long line as FILE:LINE.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 140;
/** Code, tests, scripts and CI; not data (JSON, YAML) and not what a generator writes. */
const CODE = /\.(ts|mts|cts|js|mjs|cjs|py|sh)$|^\.ci\/run$/;
const GENERATED = /^(src\/generated|dist|contracts|docs)\//;
// lead: src/verify in progress (src/verify, src/cases, src/model and tests/verify are being rewritten); remove with the rewrite.
const IN_PROGRESS = /^(src\/(verify|cases|model)|tests\/verify)\//;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => CODE.test(file) && !GENERATED.test(file) && !IN_PROGRESS.test(file));

const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split('\n').forEach((line, i) => {
    // Characters as a reader counts them: a code point is one, whatever its UTF-16 length.
    const length = [...line].length;
    if (length > MAX) long.push(`${file}:${i + 1}: ${length} characters`);
  });
}

if (long.length > 0) {
  process.stderr.write(`${long.join('\n')}\n${long.length} line(s) over ${MAX} characters: split them (strings too)\n`);
  process.exit(1);
}
process.stdout.write(`line length: ${files.length} files, no line over ${MAX} characters\n`);
