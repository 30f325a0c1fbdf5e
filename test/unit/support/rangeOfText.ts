// Locates positions in test documents by substring, never by hand-counted numbers, and independently
// of the parser under test (plain counting of line feeds and UTF-16 units).
import type { Position, Range } from '../../../server/src/core/model';

/** The LSP position of a UTF-16 offset. */
export function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The range of the `occurrence`-th (0-based) appearance of `needle`, or of `part` inside it. */
export function rangeOfText(text: string, needle: string, occurrence = 0, part?: string): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in test text`);
  }
  if (part !== undefined) {
    const inner = needle.indexOf(part);
    if (inner < 0) throw new Error(`"${part}" not in "${needle}"`);
    at += inner;
  }
  const length = (part ?? needle).length;
  return { start: positionOfOffset(text, at), end: positionOfOffset(text, at + length) };
}

/** The range of a whole line (without its line break) that contains `needle`. */
export function lineRangeOf(text: string, needle: string): Range {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in test text`);
  const start = text.lastIndexOf('\n', at) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start: positionOfOffset(text, start), end: positionOfOffset(text, end) };
}
