// Edits of a record's text that touch only the nodes concerned — facts a probe proposes, the editor's
// quick fixes and completions: a pair is added after its mapping's last pair at that pair's
// indentation (or inside `{ … }` when the mapping is written in flow style), an item is appended
// after a sequence's last item in the style of the items already there, a value is replaced where
// it stands. Nothing else is re-serialised, so the inspector's comments, key order, quoting and
// alignment survive. The same edits serve the CLI (applied to the text) and the editor.
import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { NodePath, Range } from '../model';
import type { ParsedYaml } from './yamlDocument';

/** An LSP-shaped text edit. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export type PatchScalar = string | number | boolean;
/** A value to write: a scalar or a mapping (nested mappings are written in flow style). */
export type PatchValue = PatchScalar | { [key: string]: PatchValue };

/** Text written after a new key's colon, rendered for the indentation the key gets there. */
class RawText {
  constructor(readonly render: (indent: string, unit: string, nl: string) => string) {}
}

/** A scalar as YAML text, quoted only when it must be (`"4600000012"` stays a string); null is nothing. In flow style strings holding `:`, `#` or brackets are double-quoted. */
export function scalarText(value: PatchScalar | null, flow = false): string {
  if (value === null) return '';
  if (flow && typeof value === 'string' && /[:#,[\]{}]/.test(value)) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A value the editor writes: scalars, and mappings/sequences of them for skeletons (null writes nothing). */
export type YamlValue = PatchScalar | null | YamlValue[] | { [key: string]: YamlValue };

/** `value` as the text following `key:` for a key at indentation `indent`, in block style. */
export function renderValue(value: YamlValue, indent: string, unit: string, nl: string): string {
  if (value === null || typeof value !== 'object') {
    const s = scalarText(value);
    return s === '' ? '' : ` ${s}`;
  }
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((item) => `${nl}${inner}-${renderItem(item, `${inner}  `, unit, nl)}`).join('');
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return ' {}';
  return keys.map((k) => `${nl}${inner}${scalarText(k)}:${renderValue(value[k], inner, unit, nl)}`).join('');
}

/** A sequence item after its `-`: a mapping starts on the dash's line. */
function renderItem(item: YamlValue, indent: string, unit: string, nl: string): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return renderValue(item, indent, unit, nl);
  const keys = Object.keys(item);
  if (keys.length === 0) return ' {}';
  return keys.map((k, i) => `${i === 0 ? ' ' : `${nl}${indent}`}${scalarText(k)}:${renderValue(item[k], indent, unit, nl)}`).join('');
}

/** A mapping on one line: `{ a: 1, b: { c: 2 } }`. */
export function flowText(value: PatchValue): string {
  if (typeof value !== 'object') return scalarText(value, true);
  const parts = Object.entries(value).map(([k, v]) => `${scalarText(k, true)}: ${flowText(v)}`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/**
 * `key: value` lines at `indent`. A mapping value holding mappings goes on its own lines one level
 * deeper; a mapping of scalars stays on its key's line in flow style (`evidence: { url: …, seen: … }`).
 */
function blockPairs(pairs: [string, PatchValue | RawText][], indent: string, unit: string, nl: string): string {
  return pairs
    .map(([k, v]) => {
      const head = `${indent}${scalarText(k, false)}:`;
      if (v instanceof RawText) return `${head}${v.render(indent, unit, nl)}`;
      if (typeof v !== 'object') return `${head} ${scalarText(v, false)}`;
      if (Object.values(v).some((x) => typeof x === 'object')) return `${head}${nl}${blockPairs(Object.entries(v), indent + unit, unit, nl)}`;
      return `${head} ${flowText(v)}`;
    })
    .join(nl);
}

/** The indentation of a block mapping's keys ('' for the document's top level). */
function indentOfMapping(parsed: ParsedYaml, path: NodePath): string {
  const map = nodeAtPath(parsed, path);
  return isMap(map) && map.items.length > 0 ? column(parsed, ((map.items[0] as Pair<Node>).key as Node).range![0]) : '';
}

/** A mapping as a new block sequence item: `- a: 1` then the other pairs under it. */
function blockItem(item: { [key: string]: PatchValue }, dashIndent: string, nl: string): string {
  const inner = `${dashIndent}  `;
  const lines = Object.entries(item).map(([k, v], i) => `${i === 0 ? `${dashIndent}- ` : inner}${scalarText(k, false)}: ${typeof v === 'object' ? flowText(v) : scalarText(v, false)}`);
  return lines.join(nl);
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation step the document uses (2 unless its nesting says otherwise). */
function indentUnit(text: string): string {
  const m = /\n( +)\S/.exec(text);
  return m && m[1].length <= 4 ? m[1] : '  ';
}

/** Offset of the end of the line holding `offset` (before its line break). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Where text appended after a node goes: the end of the last line holding something of it. */
function afterNode(text: string, end: number): number {
  let o = end;
  while (o > 0 && /\s/.test(text[o - 1])) o--;
  return lineEnd(text, Math.max(o - 1, 0));
}

function column(parsed: ParsedYaml, offset: number): string {
  return ' '.repeat(parsed.positionAt(offset).character);
}

function nodeAtPath(parsed: ParsedYaml, path: NodePath): Node | null | undefined {
  return path.length === 0 ? (parsed.doc.contents as Node | null) : parsed.nodeAt(path);
}

function insertAt(parsed: ParsedYaml, offset: number, newText: string): TextEdit {
  return { range: parsed.rangeAt(offset, offset), newText };
}

/**
 * Adds `pairs` to the mapping at `mapPath`. A mapping that does not exist yet is added, as a new key
 * of its parent mapping (which must exist, or be created the same way).
 */
export function insertPairs(parsed: ParsedYaml, mapPath: NodePath, pairs: [string, PatchValue | RawText][]): TextEdit | undefined {
  const text = parsed.text;
  const nl = eol(text);
  const unit = indentUnit(text);
  const map = nodeAtPath(parsed, mapPath);
  if (isMap(map)) {
    const items = (map as YAMLMap<Node, Node | null>).items as Pair<Node, Node | null>[];
    if (map.flow) {
      if (pairs.some(([, v]) => v instanceof RawText)) return undefined; // a block cannot go inside `{ … }`
      const rendered = pairs.map(([k, v]) => `${scalarText(k, true)}: ${flowText(v as PatchValue)}`).join(', ');
      const last = items[items.length - 1];
      if (!last) return insertAt(parsed, map.range![0] + 1, ` ${rendered} `);
      const end = last.value?.range?.[1] ?? last.key.range![1];
      return insertAt(parsed, end, `, ${rendered}`);
    }
    if (items.length > 0) {
      const indent = column(parsed, items[0].key.range![0]);
      const last = items[items.length - 1];
      const end = last.value?.range?.[1] ?? last.key.range![1];
      return insertAt(parsed, afterNode(text, end), `${nl}${blockPairs(pairs, indent, unit, nl)}`);
    }
  }
  if (mapPath.length === 0) {
    const sep = text.length > 0 && !text.endsWith('\n') ? nl : '';
    return insertAt(parsed, text.length, `${sep}${blockPairs(pairs, '', unit, nl)}${nl}`);
  }
  const key = mapPath[mapPath.length - 1];
  if (typeof key !== 'string') return undefined;
  const pair = parsed.pairAt(mapPath);
  if (pair && (map === null || map === undefined || (isScalar(map) && (map.value === null || map.value === '')))) {
    // `homepage:` with nothing after it
    const keyNode = pair.key as Node;
    const indent = column(parsed, keyNode.range![0]);
    const colon = text.indexOf(':', keyNode.range![1]);
    const end = map && (map as Node).range ? Math.max((map as Node).range![1], colon + 1) : colon + 1;
    return { range: parsed.rangeAt(colon + 1, end), newText: `${nl}${blockPairs(pairs, indent + unit, unit, nl)}` };
  }
  if (pair) return undefined; // a scalar or list stands where a mapping is wanted: not ours to replace
  const parentIndent = indentOfMapping(parsed, mapPath.slice(0, -1));
  return insertPairs(parsed, mapPath.slice(0, -1), [[key, new RawText(() => `${nl}${blockPairs(pairs, parentIndent + unit, unit, nl)}`)]]);
}

/** Appends `items` (mappings) to the sequence at `seqPath`, creating it when absent. */
export function appendItems(parsed: ParsedYaml, seqPath: NodePath, items: { [key: string]: PatchValue }[]): TextEdit | undefined {
  const text = parsed.text;
  const nl = eol(text);
  const unit = indentUnit(text);
  const seq = nodeAtPath(parsed, seqPath);
  if (isSeq(seq)) {
    const list = (seq as YAMLSeq<Node>).items;
    if (seq.flow) {
      const rendered = items.map(flowText).join(', ');
      const last = list[list.length - 1];
      if (!last) return insertAt(parsed, seq.range![0] + 1, rendered);
      return insertAt(parsed, last.range![1], `, ${rendered}`);
    }
    if (list.length > 0) {
      const dash = column(parsed, seq.range![0]);
      const last = list[list.length - 1];
      // follow the items already there: one-line `- { … }` items, or block items
      const flowItems = list.every((i) => isMap(i) && (i as YAMLMap).flow);
      const rendered = items.map((it) => (flowItems ? `${dash}- ${flowText(it)}` : blockItem(it, dash, nl))).join(nl);
      return insertAt(parsed, afterNode(text, last.range![1]), `${nl}${rendered}`);
    }
  }
  const key = seqPath[seqPath.length - 1];
  if (typeof key !== 'string') return undefined;
  const pair = parsed.pairAt(seqPath);
  if (pair && seq && !(isScalar(seq) && (seq.value === null || seq.value === ''))) return undefined;
  const parentPath = seqPath.slice(0, -1);
  const block = items.map((it) => blockItem(it, indentOfMapping(parsed, parentPath) + unit, nl)).join(nl);
  if (pair) {
    const keyNode = pair.key as Node;
    const colon = text.indexOf(':', keyNode.range![1]);
    const end = seq && (seq as Node).range ? Math.max((seq as Node).range![1], colon + 1) : colon + 1;
    return { range: parsed.rangeAt(colon + 1, end), newText: `${nl}${block}` };
  }
  // a new key at the end of its parent mapping, with the items under it
  return insertPairs(parsed, parentPath, [[key, new RawText(() => `${nl}${block}`)]]);
}

/** Replaces the scalar at `path` (an existing pair or item); an empty value is filled in after its colon. */
export function replaceScalar(parsed: ParsedYaml, path: NodePath, value: PatchScalar | null): TextEdit | undefined {
  const node = parsed.nodeAt(path);
  const parent = nodeAtPath(parsed, path.slice(0, -1));
  const text = scalarText(value, (isMap(parent) || isSeq(parent)) && (parent as YAMLMap).flow === true);
  if (node?.range && node.range[1] > node.range[0]) return isScalar(node) ? { range: parsed.rangeAt(node.range[0], node.range[1]), newText: text } : undefined;
  const key = parsed.pairAt(path)?.key as Node | undefined;
  if (!key?.range) return undefined;
  const colon = parsed.text.indexOf(':', key.range[1]);
  return { range: parsed.rangeAt(colon + 1, node?.range ? node.range[1] : colon + 1), newText: text === '' ? '' : ` ${text}` };
}

/** Sets `path` to `value`: replaces an existing scalar, otherwise inserts the key (and missing parents). */
export function setValue(parsed: ParsedYaml, path: NodePath, value: YamlValue): TextEdit | undefined {
  const existing = parsed.pairAt(path);
  if (existing && (value === null || typeof value !== 'object')) return replaceScalar(parsed, path, value);
  if (existing) return undefined; // replacing a whole collection would lose the user's layout
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  return insertPair(parsed, path.slice(0, -1), key, value);
}

/** Inserts `key: value` (block style) into the mapping at `mapPath`; creates missing parent keys. */
export function insertPair(parsed: ParsedYaml, mapPath: NodePath, key: string, value: YamlValue): TextEdit | undefined {
  const isFlow = (v: YamlValue): v is PatchValue => v !== null && !Array.isArray(v) && (typeof v !== 'object' || Object.values(v).every(isFlow));
  const map = nodeAtPath(parsed, mapPath);
  // inside `{ … }` a value is written in flow style
  if (isMap(map) && map.flow) return isFlow(value) ? insertPairs(parsed, mapPath, [[key, value]]) : undefined;
  return insertPairs(parsed, mapPath, [[key, new RawText((indent, unit, nl) => renderValue(value, indent, unit, nl))]]);
}

/**
 * Edits in the order to hand them on: by place, and at one place the more deeply indented text
 * first (a pair closing the last item of a list goes before a new top-level key after it).
 */
export function orderEdits<E extends TextEdit>(parsed: ParsedYaml, edits: E[]): E[] {
  const depth = (e: TextEdit) => /^(?:\r?\n)*( *)/.exec(e.newText)![1].length;
  return edits
    .map((e, i) => ({ e, i, at: parsed.offsetAt(e.range.start) }))
    .sort((a, b) => a.at - b.at || depth(b.e) - depth(a.e) || a.i - b.i)
    .map((x) => x.e);
}

/** Applies non-overlapping edits made against `text` (inserts at one place keep their order). */
export function applyEdits(parsed: ParsedYaml, edits: TextEdit[]): string {
  const text = parsed.text;
  const located = edits.map((e, i) => ({ start: parsed.offsetAt(e.range.start), end: parsed.offsetAt(e.range.end), text: e.newText, i }));
  located.sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  let limit = text.length + 1;
  for (const e of located) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
