/**
 * A request body as JSON: absent when blank, a value, or why it is not JSON.
 *
 * Nesting is limited before parsing, with a scan of the text (src/json): JSON.parse itself takes
 * any depth, but a value nested thousands deep overflows the stack of whatever walks it next (the
 * validators' description of a member crashed the mock at about 4,100 levels). The deepest
 * documented request nests 4 levels (GrantPermissions[0].Actions[0]); the limit is far above it.
 */
import { nestsDeeperThan } from '../json';

const MAX_JSON_DEPTH = 100;

export type JsonBody =
  | { ok: true; value: unknown }
  /** `tooDeep`: valid or not, the text was not parsed, so nothing in it was judged. */
  | { ok: false; message: string; tooDeep?: true };

export function parseJsonBody(text: string): JsonBody {
  if (!/\S/.test(text)) return { ok: true, value: undefined };
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return { ok: false, tooDeep: true, message: `the body is JSON nested deeper than ${MAX_JSON_DEPTH} levels, the mock's limit` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `the body is not valid JSON (${(error as Error).message})` };
  }
}
