/**
 * The spec's matchers (rules.ts) made with Pact's own MatchersV3, for the consumer tests that write
 * `contracts/` through Pact's mock server. This module loads Pact's native core: only those tests
 * import it (the contract index re-exports rules.ts, never this).
 */
import { MatchersV3 as M } from '@pact-foundation/pact';
import type { JsonSchema } from '../spec';
import { buildMatchers, buildResponseHeaderMatchers } from './rules';

export { JSON_MEDIA_TYPE, pactRegex } from './rules';

/** The example value with a Pact matcher on every member that the schema constrains. */
export function withMatchers(schema: JsonSchema, example: unknown, errorType?: string): unknown {
  return buildMatchers(M, schema, example, errorType);
}

/** The response headers the contract requires, as Pact matchers (see rules.ts). */
export function responseHeaderMatchers(errorType: string | undefined): Record<string, unknown> {
  return buildResponseHeaderMatchers(M, errorType);
}
