/**
 * PactFlow's `@pactflow/openapi-pact-comparator`, the generic OpenAPI-vs-Pact comparison (routes,
 * path and method, request and response bodies against their schemas, statuses, headers, content
 * types). pact-check adds the AWS rules it cannot know on top (src/pact/check-pact.ts).
 *
 * Version 1.7 on purpose: 2.x declares `engines: node >=22` (npm picks 1.7, the newest release
 * without that restriction, on our Node 20 machines). 1.7 has no dependencies (ajv, find-my-way and
 * the rest are bundled) and ships a CommonJS build (`exports.require` → dist/index.cjs), which Node 20
 * and Jest's module runtime load with a plain `require`.
 *
 * Its type declarations are not usable from a CommonJS project: they are ESM (`"type": "module"`,
 * extensionless relative re-exports), so `import { Comparator }` fails to type-check (TS1479, and
 * "no exported member"). Hence the `require` and the narrow interface below, written from
 * dist/src/compare/index.d.ts and dist/src/results/index.d.ts of 1.7.0.
 */

export interface ComparatorResult {
  /** `request.body.incompatible`, `response.status.unknown`, ... (see results/index.d.ts). */
  code: string;
  message: string;
  type: 'error' | 'warning';
  mockDetails?: {
    interactionDescription?: string | null;
    interactionState?: string | null;
    /** `[root].interactions[3].response.body.User.Active` */
    location: string;
    value: unknown;
  };
  specDetails?: { location: string; pathMethod?: string | null; pathName?: string | null; value: unknown };
}

export interface Comparator {
  compare(pact: unknown): AsyncGenerator<ComparatorResult>;
}

interface ComparatorModule {
  Comparator: new (oas: unknown) => Comparator;
}

let loaded: ComparatorModule | undefined;

/**
 * A comparator for an OpenAPI document (an object, `$ref`s resolved or not). The comparator
 * writes into the document it is given (it copies path-level parameters and security onto each
 * operation): pass a copy.
 */
export function createComparator(document: unknown): Comparator {
  // A plain require: the package's own types do not load from CommonJS (see above).
  loaded ??= require('@pactflow/openapi-pact-comparator') as ComparatorModule;
  return new loaded.Comparator(document);
}
