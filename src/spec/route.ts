/**
 * Matches a raw request line to a documented operation, the way the AWS restJson1 protocol routes:
 * split the path on `/` first, then percent-decode each segment, so `eve%2Fops` is one segment
 * holding the user `eve/ops`.
 */
import type { OperationModel, SpecModel } from './model';

export type RouteResult =
  | { kind: 'matched'; operation: OperationModel; pathParams: Record<string, string> }
  /** The path is an operation's, the method is not. */
  | { kind: 'method-not-allowed'; operation: OperationModel }
  /** A segment is not valid percent-encoded UTF-8. */
  | { kind: 'bad-encoding'; operation: OperationModel; segment: string }
  | { kind: 'no-route' };

function compileTemplate(operation: OperationModel) {
  return {
    operation,
    segments: operation.pathTemplate.split('/').map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? { param: param[1] as string } : { literal: segment };
    }),
  };
}

function decodeSegment(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export type Router = (method: string, rawPath: string) => RouteResult;

export function createRouter(model: SpecModel): Router {
  const templates = model.operations.map(compileTemplate);
  return (method, rawPath) => {
    const query = rawPath.indexOf('?');
    const segments = (query === -1 ? rawPath : rawPath.slice(0, query)).split('/');
    for (const { operation, segments: template } of templates) {
      // Literals first, so a path that is not this operation's costs no allocation.
      if (template.length !== segments.length || !template.every((part, i) => !('literal' in part) || part.literal === segments[i]))
        continue;
      if (method.toUpperCase() !== operation.method) {
        return { kind: 'method-not-allowed', operation };
      }
      const params: Record<string, string> = {};
      let badSegment: string | undefined;
      template.forEach((part, index) => {
        if ('literal' in part) return;
        const raw = segments[index] as string;
        const decoded = decodeSegment(raw);
        if (decoded === undefined) badSegment ??= raw;
        params[part.param] = decoded ?? raw;
      });
      if (badSegment !== undefined) return { kind: 'bad-encoding', operation, segment: badSegment };
      return { kind: 'matched', operation, pathParams: params };
    }
    return { kind: 'no-route' };
  };
}

/** The raw path of an operation for the given parameters, each percent-encoded as UTF-8 (RFC 3986). */
export function buildPath(operation: OperationModel, pathParams: Record<string, string>): string {
  return operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeRfc3986(pathParams[name] ?? ''));
}

/** encodeURIComponent leaves `!'()*` alone; RFC 3986 (and the AWS SDKs) encode them. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
