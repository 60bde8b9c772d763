/**
 * How deep a JSON text nests, found by scanning it once, before parsing it. Hand-written because
 * JSON.parse offers no limit: V8 parses any depth, and then whatever walks the value recursively
 * (a validator, a description, a copy) overflows the stack. The scan counts `[` and `{` outside
 * strings; it does not validate (JSON.parse does that next), and on malformed text it still ends.
 */

/** Whether `text` opens more than `limit` arrays or objects inside one another. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Each level takes two characters at least: a text this short cannot nest deeper.
  if (text.length <= 2 * limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return false;
}
