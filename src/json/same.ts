/**
 * Whether two JSON values are the same, in time and memory linear in their size and at any depth.
 * Each value is reduced to a digest bottom-up (a Merkle hash): a container's digest is its members'
 * digests in brackets, replaced by their SHA-256 once longer than 64 characters, so no level
 * re-serialises the levels below it and every digest stays short. Re-stringifying at each level, as
 * a recursive "canonical JSON" does, escapes the quotes of the level below again: 69 bytes nested
 * 30 deep grew to 1.4 GB. The walk keeps its own stack, so depth costs no call stack.
 *
 * The digests form a prefix-free language (a JSON literal, a bracketed list, or `#` and 44 base64
 * characters), so two values have the same digest only if they are equal or SHA-256 collides.
 */
import { createHash } from 'node:crypto';

export interface SameOptions {
  /** Object members left out at every level (a request id that differs by design). */
  ignoreKeys?: ReadonlySet<string>;
  /** Arrays compared as multisets (list order set aside). */
  unordered?: boolean;
}

/** A pending container: its digests so far, and the members still to visit. */
interface Frame {
  items: readonly unknown[];
  keys: readonly string[] | undefined;
  index: number;
  parts: string[];
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

const hash = (text: string) => createHash('sha256').update(text).digest('base64');

/** A digest as it is kept: itself when short, else its hash. */
const short = (text: string) => (text.length > 64 ? `#${hash(text)}` : text);

/** A primitive's digest: its JSON text. */
const leaf = (value: unknown): string => short(JSON.stringify(value) ?? 'undefined');

/** The digest of a value: equal digests mean equal values under the options (SHA-256 collisions aside). */
export function digestJson(value: unknown, options: SameOptions = {}): string {
  const frameOf = (node: object): Frame => {
    if (Array.isArray(node)) return { items: node, keys: undefined, index: 0, parts: [] };
    const record = node as Record<string, unknown>;
    // Code-unit order, the same in every locale.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined && !options.ignoreKeys?.has(k))
      .sort();
    return { items: keys.map((k) => record[k]), keys, index: 0, parts: [] };
  };
  const close = (frame: Frame): string => {
    const parts = frame.keys === undefined && options.unordered ? frame.parts.sort() : frame.parts;
    return short(frame.keys ? `{${parts.join(',')}}` : `[${parts.join(',')}]`);
  };
  if (!isContainer(value)) return leaf(value);
  const stack: Frame[] = [frameOf(value)];
  let done = '';
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.index >= top.items.length) {
      stack.pop();
      done = close(top);
      const parent = stack[stack.length - 1];
      if (parent) parent.parts.push(parent.keys ? `${leaf(parent.keys[parent.index - 1])}:${done}` : done);
      continue;
    }
    const item = top.items[top.index];
    top.index += 1;
    if (isContainer(item)) stack.push(frameOf(item));
    else top.parts.push(top.keys ? `${leaf(top.keys[top.index - 1])}:${leaf(item)}` : leaf(item));
  }
  return done;
}

export function sameJson(a: unknown, b: unknown, options: SameOptions = {}): boolean {
  if (a === b) return true;
  // A primitive never equals a container, and an array never equals an object: no walk needed.
  if (isContainer(a) !== isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (!isContainer(a)) return leaf(a) === leaf(b);
  return digestJson(a, options) === digestJson(b, options);
}
