/**
 * How an AWS SDK reads an answer, shared by the checks: the JSON body, and the error type from the
 * `x-amzn-ErrorType` header (its `:` suffix dropped), else `__type`, else `code` in the body (a
 * namespace prefix ending in `#` dropped).
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)": how AWS SDKs find the error type
 */
import type { WireResponse } from '../runner';

const NOT_JSON = Symbol('not JSON');

const parsed = new WeakMap<WireResponse, unknown>();

/** The body as JSON, or NOT_JSON (cached per response: several checks read it). */
export function jsonBody(response: WireResponse): unknown {
  if (!parsed.has(response)) {
    let value: unknown = NOT_JSON;
    try {
      value = JSON.parse(response.body);
    } catch {
      // stays NOT_JSON
    }
    parsed.set(response, value);
  }
  return parsed.get(response);
}

export function isJson(value: unknown): boolean {
  return value !== NOT_JSON;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ErrorTypeReading {
  name: string;
  via: 'x-amzn-ErrorType header' | '__type' | 'code';
  raw: string;
}

export function readErrorType(response: WireResponse): ErrorTypeReading | undefined {
  const header = response.headers['x-amzn-errortype'];
  if (header) return { name: (header.split(':')[0] as string).trim(), via: 'x-amzn-ErrorType header', raw: header };
  const body = jsonBody(response);
  if (!isObject(body)) return undefined;
  for (const via of ['__type', 'code'] as const) {
    const value = body[via];
    if (typeof value === 'string' && value) return { name: value.slice(value.lastIndexOf('#') + 1), via, raw: value };
  }
  return undefined;
}

/** A short description of an answer for a finding's "actual". */
export function describe(response: WireResponse): string {
  const type = readErrorType(response);
  const body = response.body.length > 200 ? `${response.body.slice(0, 200)}…` : response.body;
  return `${response.status}${type ? ` ${type.name}` : ''} ${JSON.stringify(body)}`;
}
