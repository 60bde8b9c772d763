import { unescapeToken } from './json-pointer';

/**
 * Resolves the spec's local `$ref`s (`#/components/...`) in place of a library because every
 * consumer needs the model synchronously (Jest builds its test tables before any await, the CLI
 * wants no async start-up), and json-schema-ref-parser has no synchronous API. The spec test
 * checks the same document with swagger-parser's full validation and dereferencing.
 * A `$ref` resolves to one shared object, so identical schemas compile once in ajv.
 */
export function dereferenceLocal<T>(document: T): T {
  const resolved = new Map<string, unknown>();

  function lookup(ref: string): unknown {
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported, found ${ref}`);
    let node: unknown = document;
    for (const token of ref.slice(2).split('/')) {
      const key = unescapeToken(decodeURIComponent(token));
      if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`unresolvable reference ${ref}`);
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  function walk(node: unknown, trail: string[]): unknown {
    if (Array.isArray(node)) return node.map((item) => walk(item, trail));
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      if (trail.includes(ref)) throw new Error(`circular reference ${[...trail, ref].join(' -> ')}`);
      if (!resolved.has(ref)) resolved.set(ref, walk(lookup(ref), [...trail, ref]));
      return resolved.get(ref);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, trail)]));
  }

  return walk(document, []) as T;
}
