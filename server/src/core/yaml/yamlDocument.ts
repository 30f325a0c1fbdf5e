// One parse per document: the YAML AST with source ranges, its plain value, and position helpers.
// Every later feature (schema validation, rules, registry, hover, completion) works from this.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { NodePath, Position, Range } from '../model';

export interface ParsedYaml {
  readonly text: string;
  readonly doc: Document.Parsed;
  /** The plain JS value; `undefined` when the document could not be converted (e.g. alias bomb). */
  readonly value: unknown;
  /** Set when `toJS` itself failed (alias count exceeded …) or its value would be cyclic. */
  readonly conversionError?: string;
  /** An alias inside its own anchor (`x: &a [*a]`): the value would contain itself, so it is withheld. */
  readonly cyclicAlias?: boolean;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeAt(start: number, end: number): Range;
  /** The node at a path, or undefined. */
  nodeAt(path: NodePath): Node | undefined;
  /** The pair whose key is the last segment of the path (mappings only). */
  pairAt(path: NodePath): Pair | undefined;
  /**
   * The range of a path's value (or its key, or the key+value). When the path does not exist the
   * nearest existing ancestor's key is used, so a diagnostic always lands somewhere sensible.
   */
  rangeOf(path: NodePath, part?: 'value' | 'key'): Range;
}

/** Parse limits that keep hostile input bounded. */
export const YAML_LIMITS = { maxAliasCount: 100 } as const;

/** Parses a YAML text once, keeping node ranges, duplicate keys as errors, a bounded alias count and plain JSON values. */
export function parseYaml(text: string): ParsedYaml {
  // resolveKnownTags off: `!!binary`, `!!set`, `!!omap`, `!!timestamp` would put Uint8Array, Set, Map
  // and Date objects into a record; they stay text and are reported as unsupported tags instead.
  // logLevel 'error': the parser's console warnings (a mapping used as a key) would only reach stderr
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, resolveKnownTags: false, logLevel: 'error' });
  let value: unknown;
  let conversionError: string | undefined;
  let cyclicAlias: boolean | undefined;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (e) {
    conversionError = e instanceof Error ? e.message : String(e);
  }
  // every consumer walks the value; one that contains itself would never end
  if (value !== undefined && text.includes('*') && containsItself(value)) {
    value = undefined;
    cyclicAlias = true;
    conversionError = 'cyclic alias';
  }
  // Lines as editors count them (LF, CRLF and a lone CR each end one), for every line of the text:
  // the parser's own line counter stops where it gives up on a broken document.
  const lineStarts = lineStartsOf(text);
  /** Where a line's characters end (before its line break). */
  const contentEnd = (line: number): number => {
    if (line + 1 >= lineStarts.length) return text.length;
    const next = lineStarts[line + 1];
    return text[next - 1] === '\n' && next - 2 >= lineStarts[line] && text[next - 2] === '\r' ? next - 2 : next - 1;
  };

  const positionAt = (offset: number): Position => {
    const o = Math.max(0, Math.min(offset, text.length));
    // binary search for the last line start <= o
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // an offset inside a line break (the LF of CRLF) is the end of its line
    return { line: lo, character: Math.min(o, contentEnd(lo)) - lineStarts[lo] };
  };
  const offsetAt = (p: Position): number => {
    if (p.line >= lineStarts.length) return text.length;
    const line = Math.max(0, p.line);
    return Math.min(lineStarts[line] + Math.max(0, p.character), contentEnd(line));
  };
  const rangeAt = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(end) });

  const pairAt = (path: NodePath): Pair | undefined => {
    if (path.length === 0) return undefined;
    const parent = path.length === 1 ? doc.contents : nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;
    const found = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    if (found || parent.items.every((p) => isScalar(p.key))) return found;
    // a list or mapping used as a key has no text of its own: find it by its place among the keys
    const parentValue = path.slice(0, -1).reduce<unknown>((v, seg) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined), value);
    const keys = parentValue && typeof parentValue === 'object' ? Object.keys(parentValue) : [];
    const i = keys.indexOf(String(last));
    return keys.length === parent.items.length && i >= 0 ? parent.items[i] : undefined;
  };

  const nodeAt = (path: NodePath): Node | undefined => {
    let node: unknown = doc.contents;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        node = pair?.value ?? undefined;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else {
        return undefined;
      }
      if (node === undefined || node === null) return undefined;
    }
    return (node ?? undefined) as Node | undefined;
  };

  const rangeOf = (path: NodePath, part: 'value' | 'key' = 'value'): Range => {
    for (let depth = path.length; depth >= 0; depth--) {
      const p = path.slice(0, depth);
      const exact = depth === path.length;
      const pair = pairAt(p);
      if (pair && (part === 'key' || !exact)) {
        const k = pair.key as Node | null;
        if (k?.range) return rangeAt(k.range[0], k.range[1]);
      }
      const node = depth === 0 ? (doc.contents as Node | null) : nodeAt(p);
      if (node?.range) {
        if (exact && part === 'value') return rangeAt(node.range[0], node.range[1]);
        if (depth === 0) return rangeAt(node.range[0], Math.min(node.range[1], lineEnd(node.range[0])));
        // a sequence item without a key: its own range, first line only
        return rangeAt(node.range[0], Math.min(node.range[1], lineEnd(node.range[0])));
      }
      if (pair) {
        const k = pair.key as Node | null;
        if (k?.range) return rangeAt(k.range[0], k.range[1]);
      }
    }
    return rangeAt(0, Math.min(text.length, lineEnd(0)));
  };

  const lineEnd = (offset: number): number => contentEnd(positionAt(offset).line);

  return { text, doc, value, conversionError, cyclicAlias, positionAt, offsetAt, rangeAt, nodeAt, pairAt, rangeOf };
}

/** Offsets where lines start: 0, and after every LF, CRLF and lone CR. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** Whether a value reaches itself (depth-first with an explicit stack: the value may nest deeply). */
function containsItself(root: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number }[] = [];
  const enter = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null || done.has(v)) return false;
    if (onPath.has(v)) return true;
    onPath.add(v);
    stack.push({ node: v, children: Array.isArray(v) ? v : Object.values(v), next: 0 });
    return false;
  };
  if (enter(root)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      if (enter(top.children[top.next++])) return true;
    } else {
      stack.pop();
      onPath.delete(top.node);
      done.add(top.node);
    }
  }
  return false;
}

export { isMap, isPair, isScalar, isSeq };
