// From a cursor offset to the YAML node under it (hover, code lens, symbols) and to what may be typed
// there (completion). Hover works on the one parse of the document; completion parses a copy of the
// text in which the word at the cursor is replaced by a placeholder, because half-typed YAML (`plat`
// alone on a line) does not yet say whether it is a key or a value.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { NodePath } from '../core/model';
import type { ParsedYaml } from '../core/actions/language';

/** The node under an offset. */
export interface NodeLocation {
  /** Path of the node; for a key, the path of the pair it names. */
  path: NodePath;
  /** Whether the offset is on the key of a pair or on a value. */
  part: 'key' | 'value';
  /** The value node (for a key: the pair's value, possibly null). */
  node: Node | null;
  /** Offsets of what is under the cursor: the key, or the value. */
  start: number;
  end: number;
}

/** The deepest key or value under `offset` (an offset at a node's end still counts as on it). */
export function locateNode(parsed: ParsedYaml, offset: number): NodeLocation | undefined {
  const root = parsed.doc.contents as Node | null;
  if (!root || !root.range || offset < root.range[0] || offset > root.range[1]) return undefined;
  return descend(root, [], offset);
}

function descend(node: Node, path: NodePath, offset: number): NodeLocation | undefined {
  if (isMap(node)) {
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      const key = pair.key;
      if (!isScalar(key) || !key.range) continue;
      const seg = String(key.value);
      const value = pair.value;
      // from the key up to where its value begins (`key:` and the blanks after it) is the key
      const keyEnd = value?.range && value.range[0] > key.range[1] ? value.range[0] - 1 : key.range[1];
      if (offset >= key.range[0] && offset <= Math.max(key.range[1], keyEnd) && !(value?.range && offset >= value.range[0])) {
        return { path: [...path, seg], part: 'key', node: value, start: key.range[0], end: key.range[1] };
      }
      if (value?.range && offset >= value.range[0] && offset <= value.range[1]) {
        return descend(value, [...path, seg], offset);
      }
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (item?.range && offset >= item.range[0] && offset <= item.range[1]) return descend(item, [...path, i], offset);
    }
  }
  if (!node.range) return undefined;
  return { path, part: 'value', node, start: node.range[0], end: node.range[1] };
}

/** What completion may offer at the cursor. */
export interface CompletionContext {
  /** `key`: a key of the mapping at `path`; `value`: the value at `path`. */
  kind: 'key' | 'value';
  path: NodePath;
  /** Keys the mapping already has (key context only). */
  existingKeys: string[];
  /** Offsets of the word being replaced, and the part of it typed before the cursor. */
  start: number;
  end: number;
  prefix: string;
  /** Flow style (`{ … }`, `[ … ]`): inserted text must stay on one line. */
  flow: boolean;
  /**
   * Key context on a fresh sequence item (`- |`): the item may be a scalar rather than a mapping,
   * so completion may offer the sequence's item values too.
   */
  newSequenceItem: boolean;
  /** Whether `:` already follows the key being typed. */
  colonFollows: boolean;
  /** Column of the word (indentation for multi-line insertions). */
  column: number;
}

const PLACEHOLDER = '__ir_cursor__';
const WORD_STOP = new Set([' ', '\t', '\r', '\n', ':', ',', '{', '}', '[', ']', '#', '"', "'"]);

/** Works out whether the cursor is on a key or a value, and of which mapping or path. */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  let start = offset;
  while (start > 0 && !WORD_STOP.has(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !WORD_STOP.has(text[end])) end++;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (inComment(before)) return undefined;
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  const colonFollows = /^\s*:(\s|$)/.test(after);
  const parse = (patch: string): Found | undefined =>
    findPlaceholder(parseDocument(text.slice(0, start) + patch + text.slice(end), { uniqueKeys: false }).contents as Node | null, []);
  // In flow style a bare word is a key or an item already; in block style a key needs its colon
  // to parse as one (`homepage:\n  plat` would be a multi-line scalar).
  let found = parse(PLACEHOLDER);
  const blockKey = /^\s*(-\s+)*$/.test(before);
  if ((!found || !found.flow) && blockKey && !colonFollows) found = parse(`${PLACEHOLDER}:`);
  if (!found) return undefined;
  const base = { start, end, prefix: text.slice(start, offset), flow: found.flow, colonFollows, column: start - lineStart };
  if (found.isKey) {
    const existingKeys = found.map.items
      .map((p) => (isScalar(p.key) ? String(p.key.value) : ''))
      .filter((k) => k !== '' && k !== PLACEHOLDER);
    const newSequenceItem = !found.flow && /-\s+$/.test(before) && found.map.items.length === 1;
    return { ...base, kind: 'key', path: found.path, existingKeys, newSequenceItem };
  }
  return { ...base, kind: 'value', path: found.path, existingKeys: [], newSequenceItem: false };
}

/** Whether the text before the word on its line opens a comment (a `#` outside quotes, after a blank). */
function inComment(before: string): boolean {
  return /(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'));
}

interface Found {
  path: NodePath;
  isKey: boolean;
  /** Whether the collection holding the placeholder is in flow style. */
  flow: boolean;
  map: { items: Pair[] };
}

function findPlaceholder(node: Node | null, path: NodePath): Found | undefined {
  if (!node) return undefined;
  if (isMap(node)) {
    const flow = node.flow === true;
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      if (isScalar(pair.key) && pair.key.value === PLACEHOLDER) return { path, isKey: true, flow, map: node };
      const seg = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isScalar(pair.value) && pair.value.value === PLACEHOLDER) return { path: [...path, seg], isKey: false, flow, map: node };
      const inner = findPlaceholder(pair.value, [...path, seg]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    const flow = node.flow === true;
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (isScalar(item) && item.value === PLACEHOLDER) return { path: [...path, i], isKey: false, flow, map: { items: [] } };
      const inner = findPlaceholder(item, [...path, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** `columns[2].lastUpdate`: a path as users read it. */
export function formatPath(path: NodePath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}
