/** verify --restore in a report: whether each fixture holds again what verify found, said after the cases. */
import type { VerifyResult } from '../../verify';
import type { ReportSection } from '../document';

const STATUS = { restored: 'restored', unchanged: 'left as found', failed: 'NOT restored', unknown: 'not restored (unknown)' } as const;

export function restoreTrailer(result: VerifyResult): ReportSection[] {
  const restore = result.restore;
  if (!restore) return [];
  const head = restore.restored
    ? `every fixture holds what verify found (${restore.requests} requests)`
    : 'the target is left changed: these fixtures do not hold what verify found';
  return [
    {
      title: 'Restore',
      lines: [head, ...restore.resources.map((r) => `${r.resource}: ${STATUS[r.status]}${r.detail ? ` (${r.detail})` : ''}`)],
      tone: restore.restored ? 'plain' : 'warning',
    },
  ];
}
