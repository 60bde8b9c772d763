/**
 * A value as a short JSON text for a message: cut at `max` characters. Hand-written rather than
 * `JSON.stringify(value).slice(...)`: that writes the whole value before it can be cut (a 1 MiB
 * answer for an 80-character message) and recurses, so a 10,000-deep answer overflows the stack.
 * This writer keeps its own stack and stops once it has `max` characters: its cost is linear in
 * what it writes, whatever the value's size or depth.
 */

/** What is left to write of a container: its members from `index` on, then its closing bracket. */
interface Task {
  items: readonly unknown[];
  keys: readonly string[] | undefined;
  index: number;
  close: string;
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** A primitive as JSON (undefined as JSON writes it in an array); a long string is cut before it is escaped. */
function primitive(value: unknown, room: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > room ? value.slice(0, room) : value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return String(value);
  return 'null';
}

/**
 * The JSON text of `value` when it has at most `max` characters, else its first `max - 3` and
 * `...`; `undefined` as `nothing`. Member order is the value's own, as JSON.stringify has it.
 */
export function briefJson(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  const limit = max + 1;
  let out = '';
  const stack: Task[] = [];
  const write = (item: unknown) => {
    if (!isContainer(item)) {
      out += primitive(item, limit - out.length);
    } else if (Array.isArray(item)) {
      out += '[';
      stack.push({ items: item, keys: undefined, index: 0, close: ']' });
    } else {
      out += '{';
      const record = item as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined);
      stack.push({ items: keys.map((k) => record[k]), keys, index: 0, close: '}' });
    }
  };
  write(value);
  while (stack.length > 0 && out.length < limit) {
    const top = stack[stack.length - 1] as Task;
    if (top.index >= top.items.length) {
      stack.pop();
      out += top.close;
      continue;
    }
    if (top.index > 0) out += ',';
    const key = top.keys?.[top.index];
    if (key !== undefined) out += `${primitive(key, limit - out.length)}:`;
    const item = top.items[top.index];
    top.index += 1;
    write(item);
  }
  return out.length <= max ? out : `${out.slice(0, max - 3)}...`;
}

/** A text cut at `max` characters, saying how long it was: for a body in a finding. */
export function briefText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}
