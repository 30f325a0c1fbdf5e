// One parse per document: the YAML AST with source ranges, its plain value, and position helpers.
// Every later feature (schema validation, rules, registry, hover, completion) works from this.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { NodePath, Position, Range } from '../model';

export interface ParsedYaml {
  readonly text: string;
  readonly doc: Document.Parsed;
  /** The plain JS value; `undefined` when the document could not be converted (e.g. alias bomb). */
  readonly value: unknown;
  /** Set when `toJS` itself failed (alias count exceeded …). */
  readonly conversionError?: string;
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

/** Parses a YAML text once, keeping node ranges, duplicate keys as errors and a bounded alias count. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  let value: unknown;
  let conversionError: string | undefined;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (e) {
    conversionError = e instanceof Error ? e.message : String(e);
  }
  const lineStarts = lineCounter.lineStarts;

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
    return { line: lo, character: o - lineStarts[lo] };
  };
  const offsetAt = (p: Position): number => {
    if (p.line >= lineStarts.length) return text.length;
    const start = lineStarts[Math.max(0, p.line)];
    const next = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length;
    return Math.min(start + Math.max(0, p.character), next);
  };
  const rangeAt = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(end) });

  const pairAt = (path: NodePath): Pair | undefined => {
    if (path.length === 0) return undefined;
    const parent = path.length === 1 ? doc.contents : nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;
    return parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
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

  const lineEnd = (offset: number): number => {
    const nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length : nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
  };

  return { text, doc, value, conversionError, positionAt, offsetAt, rangeAt, nodeAt, pairAt, rangeOf };
}

export { isMap, isPair, isScalar, isSeq };
