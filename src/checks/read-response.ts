/** How an AWS SDK reads an answer, shared by the checks: the JSON body, and the error type (src/protocol). */
import { type ErrorTypeReading, readErrorType as readType } from '../protocol';
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

/** The body as JSON, or undefined: the same parse the checks read (one per response, however deep the answer). */
export function parsedBody(response: WireResponse): unknown {
  const value = jsonBody(response);
  return value === NOT_JSON ? undefined : value;
}

/**
 * Lets go of a response's parse once it is judged: an exchange may be kept (a failing sequence's
 * steps, a counterexample) while its parse, which a hostile answer makes megabytes deep, is not
 * needed; judging it again parses it again.
 */
export function releaseParsed(response: WireResponse): void {
  parsed.delete(response);
}

export function isJson(value: unknown): boolean {
  return value !== NOT_JSON;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readErrorType(response: WireResponse): ErrorTypeReading | undefined {
  return readType(response.headers['x-amzn-errortype'], jsonBody(response));
}

/** A short description of an answer for a finding's "actual". */
export function describe(response: WireResponse): string {
  const type = readErrorType(response);
  const body = response.body.length > 200 ? `${response.body.slice(0, 200)}…` : response.body;
  return `${response.status}${type ? ` ${type.name}` : ''} ${JSON.stringify(body)}`;
}
