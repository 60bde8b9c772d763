/**
 * Matches a raw request line to a documented operation, the way the AWS restJson1 protocol routes:
 * split the path on `/` first, then percent-decode each segment (path.ts).
 */
import type { OperationModel, SpecModel } from '../spec';
import { decodeSegment, rawSegments, type TemplatePart, templateParts } from './path';

export type RouteResult =
  | { kind: 'matched'; operation: OperationModel; pathParams: Record<string, string> }
  /** The path is an operation's, the method is not. */
  | { kind: 'method-not-allowed'; operation: OperationModel }
  /** A label's segment is not valid percent-encoded UTF-8. */
  | { kind: 'bad-encoding'; operation: OperationModel; label: string; segment: string }
  | { kind: 'no-route' };

export type Router = (method: string, rawPath: string) => RouteResult;

function literalsMatch(template: TemplatePart[], segments: string[]): boolean {
  if (template.length !== segments.length) return false;
  for (let i = 0; i < template.length; i += 1) {
    const part = template[i] as TemplatePart;
    if ('literal' in part && part.literal !== segments[i]) return false;
  }
  return true;
}

export function createRouter(model: SpecModel): Router {
  const templates = model.operations.map((operation) => ({ operation, template: templateParts(operation) }));
  return (method, rawPath) => {
    const segments = rawSegments(rawPath);
    for (const { operation, template } of templates) {
      // Literals first, so a path that is not this operation's costs no allocation.
      if (!literalsMatch(template, segments)) continue;
      if (method.toUpperCase() !== operation.method) return { kind: 'method-not-allowed', operation };
      const params: Record<string, string> = {};
      for (let i = 0; i < template.length; i += 1) {
        const part = template[i] as TemplatePart;
        if ('literal' in part) continue;
        const raw = segments[i] as string;
        const decoded = decodeSegment(raw);
        if (decoded === undefined) return { kind: 'bad-encoding', operation, label: part.label, segment: raw };
        params[part.label] = decoded;
      }
      return { kind: 'matched', operation, pathParams: params };
    }
    return { kind: 'no-route' };
  };
}
