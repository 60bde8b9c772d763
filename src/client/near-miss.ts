/**
 * For a path that matches no operation: the operation it most likely meant, and how it went wrong.
 * Three mistakes are recognised, each against one documented path template:
 *
 * - a path parameter holding a raw `/` (`users/eve/ops` for the user `eve/ops`): the path has more
 *   segments than the template, and one parameter spans several of them (src/protocol's rule);
 * - segments left out (`/accounts/namespaces/default/users/alice`, the account id missing): the
 *   path is the template with one or two of its parts removed;
 * - one literal segment misspelt (`/user/` for `/users/`).
 *
 * Pure; the paths are short (a template has at most 7 segments), so a small search is enough.
 */
import { encodeRfc3986, rawSegments, rawSlashLabels, type TemplatePart, templateParts } from '../protocol';
import type { OperationModel } from '../spec';

export interface NearMiss {
  operation: OperationModel;
  /** One sentence: what differs from the operation's path. */
  explanation: string;
  /** Path parameters the path lacks (for the body check: such a member in the body is misplaced). */
  missingParams: string[];
}

/** The template parts to drop so that the rest lines up with the path (the root '' is never dropped). */
function dropped(parts: TemplatePart[], segments: string[]): TemplatePart[] | undefined {
  const go = (i: number, j: number, budget: number): TemplatePart[] | undefined => {
    if (j === parts.length) return i === segments.length ? [] : undefined;
    const part = parts[j] as TemplatePart;
    if (i < segments.length) {
      const fits =
        'literal' in part
          ? segments[i] === part.literal
          : segments[i] !== '' && !parts.some((p) => 'literal' in p && p.literal === segments[i]);
      if (fits) {
        const rest = go(i + 1, j + 1, budget);
        if (rest) return rest;
      }
    }
    if (budget > 0 && j > 0) {
      const rest = go(i, j + 1, budget - 1);
      if (rest) return [part, ...rest];
    }
    return undefined;
  };
  return go(0, 0, parts.length - segments.length);
}

const MAX_DROPPED = 2;

const show = (part: TemplatePart) => ('literal' in part ? `"${part.literal}"` : `{${part.label}}`);

export function nearMiss(rawPath: string, operations: readonly OperationModel[]): NearMiss | undefined {
  const segments = rawSegments(rawPath);
  for (const operation of operations) {
    const parts = templateParts(operation);
    const template = `${operation.method} ${operation.pathTemplate}`;
    const spans = rawSlashLabels(operation, segments);
    if (spans) {
      const what = spans.map(
        ({ label, value }) => `${label} ${JSON.stringify(value)} sent with a raw "/" (as one segment it is ${encodeRfc3986(value)})`,
      );
      return { operation, missingParams: [], explanation: `looks like ${operation.id} (${template}) with ${what.join(' and ')}` };
    }
    // At most two parts left out, and a literal of the template kept: else it is no near miss.
    if (segments.length < parts.length && segments.length >= parts.length - MAX_DROPPED) {
      const gone = dropped(parts, segments);
      const literalsKept = parts.filter((p) => 'literal' in p && p.literal !== '' && !gone?.includes(p)).length;
      if (gone && gone.length > 0 && literalsKept > 0) {
        return {
          operation,
          missingParams: gone.flatMap((p) => ('label' in p ? [p.label] : [])),
          explanation: `looks like ${operation.id} (${template}) without ${gone.map(show).join(' and ')}`,
        };
      }
    }
    if (segments.length === parts.length) {
      const wrong = parts.flatMap((part, i) =>
        'literal' in part && part.literal !== segments[i] ? [{ part, got: segments[i] as string }] : [],
      );
      if (wrong.length === 1) {
        const [{ part, got }] = wrong as [{ part: TemplatePart; got: string }];
        return {
          operation,
          missingParams: [],
          explanation: `looks like ${operation.id} (${template}) with ${JSON.stringify(got)} where the path has ${show(part)}`,
        };
      }
    }
  }
  return undefined;
}
