/**
 * Paths as the AWS restJson1 protocol reads them: a documented template of literal segments and
 * `{Label}`s, a raw path split on `/` first, then each segment percent-decoded as UTF-8 on its own,
 * so that `eve%2Fops` is one segment holding the user `eve/ops`.
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)"
 */
import type { OperationModel } from '../spec';

export type TemplatePart = { literal: string } | { label: string };

const parts = new WeakMap<OperationModel, TemplatePart[]>();

/** The operation's documented path as parts (`['', 'accounts', {label: 'AwsAccountId'}, ...]`), parsed once. */
export function templateParts(op: OperationModel): TemplatePart[] {
  let cached = parts.get(op);
  if (!cached) {
    cached = op.pathTemplate.split('/').map((segment) => {
      const label = /^\{(.+)\}$/.exec(segment)?.[1];
      return label === undefined ? { literal: segment } : { label };
    });
    parts.set(op, cached);
  }
  return cached;
}

/** The labels of a template and the segment each takes. */
export function labelsOf(op: OperationModel): { position: number; name: string }[] {
  return templateParts(op).flatMap((part, position) => ('label' in part ? [{ position, name: part.label }] : []));
}

/** The raw path's segments, the query left out: split before any decoding, as restJson1 routes. */
export function rawSegments(rawPath: string): string[] {
  const query = rawPath.indexOf('?');
  return (query === -1 ? rawPath : rawPath.slice(0, query)).split('/');
}

/** One segment percent-decoded as UTF-8; undefined when it is not valid percent-encoded UTF-8. */
export function decodeSegment(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** encodeURIComponent leaves `!'()*` alone; RFC 3986 (and the AWS SDKs) encode them. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The raw path of an operation for the given parameters, each percent-encoded as UTF-8 (RFC 3986). */
export function buildPath(op: OperationModel, pathParams: Record<string, string>): string {
  return templateParts(op)
    .map((part) => ('literal' in part ? part.literal : encodeRfc3986(pathParams[part.label] ?? '')))
    .join('/');
}

/**
 * What RFC 3986 allows raw in a path segment (pchar): unreserved, sub-delims, `:`, `@`, and `%HH`.
 * AWS SDKs also encode the sub-delims, but a raw one decodes to itself, so it is not held against a
 * client; a raw `/` (which splits the label), `?`, `#`, space, `%` without two hex digits or any
 * non-ASCII character is.
 */
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2}/y;

/** The characters of a raw segment that RFC 3986 does not allow in a path segment, each once. */
export function notPchar(segment: string): string[] {
  const bad: string[] = [];
  let i = 0;
  while (i < segment.length) {
    PCHAR.lastIndex = i;
    if (PCHAR.test(segment)) {
      i = PCHAR.lastIndex;
      continue;
    }
    const char = String.fromCodePoint(segment.codePointAt(i) as number);
    if (!bad.includes(char)) bad.push(char);
    i += char.length;
  }
  return bad;
}

/** A label that spans several raw segments, with the value it meant. */
export interface RawSlashLabel {
  label: string;
  /** The value as one label: the segments decoded and joined with `/`. */
  value: string;
}

/**
 * A path that matches the template only when some labels span several segments: the client sent a
 * raw `/` inside a label (`users/eve/ops` for the user `eve/ops`). Undefined when the literals
 * cannot line up, or when every label takes exactly one segment (then it is no raw-slash mistake).
 */
export function rawSlashLabels(op: OperationModel, segments: readonly string[]): RawSlashLabel[] | undefined {
  const template = templateParts(op);
  const go = (i: number, j: number): RawSlashLabel[] | undefined => {
    if (j === template.length) return i === segments.length ? [] : undefined;
    const part = template[j] as TemplatePart;
    if ('literal' in part) return segments[i] === part.literal ? go(i + 1, j + 1) : undefined;
    // Every part after this one needs a segment of its own.
    for (let take = 1; i + take <= segments.length - (template.length - j - 1); take += 1) {
      const rest = go(i + take, j + 1);
      if (!rest) continue;
      if (take === 1) return rest;
      const value = segments
        .slice(i, i + take)
        .map((s) => decodeSegment(s) ?? s)
        .join('/');
      return [{ label: part.label, value }, ...rest];
    }
    return undefined;
  };
  // A template has at most 7 segments; a path far longer is no near miss of it.
  if (segments.length <= template.length || segments.length > template.length + 8) return undefined;
  const found = go(0, 0);
  return found && found.length > 0 ? found : undefined;
}
