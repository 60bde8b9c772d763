/**
 * How an AWS SDK reads the type of an error answer, from its parts, so that both a live answer
 * (src/checks/read-response.ts) and a Pact file's expected response (src/pact/check-pact.ts) read it
 * the same way: the `x-amzn-ErrorType` header first (a suffix after `:` dropped), else `__type`,
 * else `code` in the JSON body (a namespace prefix ending in `#` dropped).
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)": how AWS SDKs find the error type
 */

export interface ErrorTypeReading {
  /** The error type name, as the SDK matches it to an exception class. */
  name: string;
  via: 'x-amzn-ErrorType header' | '__type' | 'code';
  /** The value as it stands on the wire. */
  raw: string;
}

/**
 * @param header the `x-amzn-ErrorType` header's value, if any (an empty value counts as absent)
 * @param body the parsed JSON body, anything else (a string, a non-JSON marker) when not an object
 */
export function readAwsErrorType(header: string | undefined, body: unknown): ErrorTypeReading | undefined {
  if (header) return { name: (header.split(':')[0] as string).trim(), via: 'x-amzn-ErrorType header', raw: header };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  for (const via of ['__type', 'code'] as const) {
    const value = (body as Record<string, unknown>)[via];
    if (typeof value === 'string' && value) return { name: value.slice(value.lastIndexOf('#') + 1), via, raw: value };
  }
  return undefined;
}
