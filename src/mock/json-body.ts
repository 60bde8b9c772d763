/** A request body as JSON: absent when blank, a value, or why it is not JSON. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonBody(text: string): JsonBody {
  if (!/\S/.test(text)) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `the body is not valid JSON (${(error as Error).message})` };
  }
}
