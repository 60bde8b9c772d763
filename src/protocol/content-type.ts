/**
 * JSON bodies and their media type. A client sends `application/json` (with or without parameters
 * such as `; charset=utf-8`); an answer may also use a JSON media type AWS SDKs parse the same way
 * (`+json`, `application/x-amz-json-1.x`).
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)"
 */

/** `application/json`, in any case, with or without parameters: what a request's body is sent as. */
export function isApplicationJson(value: string | undefined): boolean {
  return value !== undefined && value.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

const JSON_ANSWER = /^application\/(?:json|[\w.+-]+\+json|x-amz-json-1\.[01])\s*(?:;|$)/i;

/** A media type an SDK reads a JSON answer from. */
export function isJsonAnswerType(value: string | undefined): boolean {
  return value !== undefined && JSON_ANSWER.test(value);
}
