/**
 * What `--suppress` dropped, as every report says it: one line under the heading (console, Markdown,
 * HTML), a JUnit property, and the JSON report's `suppressed`. Findings that were dropped are
 * nowhere else: a report that passes because of them must say so.
 */
import type { SuppressedCount } from '../findings';
import type { ReportDocument } from './document';

/** `suppressed: 12 findings (response.request-id.missing ×12)`. */
function suppressedLine(tally: readonly SuppressedCount[]): string {
  const total = tally.reduce((sum, t) => sum + t.count, 0);
  const codes = tally.map((t) => `${t.code} ×${t.count}`).join(', ');
  return `suppressed: ${total === 0 ? 'no finding' : `${total} ${total === 1 ? 'finding' : 'findings'}`} (${codes})`;
}

/** The document with what was suppressed said (unchanged when nothing was to be suppressed). */
export function withSuppressed(document: ReportDocument, tally: readonly SuppressedCount[]): ReportDocument {
  if (tally.length === 0) return document;
  const line = suppressedLine(tally);
  return {
    ...document,
    facts: [...document.facts, line],
    properties: { ...document.properties, '*': { ...document.properties['*'], suppressed: line.replace(/^suppressed: /, '') } },
    suppressed: [...tally],
  };
}
