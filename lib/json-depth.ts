// How deeply a JSON text nests, read in one pass over its bytes before JSON.parse sees it:
// V8 parses a megabyte of "[[[[…" in about a second and builds half a million arrays, and
// JSON.stringify of such a value overflows the stack. No library does this check on raw
// bytes (parsers with depth limits build the value first), hence these few lines.

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when the JSON text opens more than `maxDepth` objects or arrays inside each other. */
export function jsonNestsDeeperThan(text: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const byte = text[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}
