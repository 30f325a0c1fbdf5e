// Text edits that touch only the nodes concerned: a value is replaced where it stands, a missing
// key is inserted after its siblings at their indentation, a comment is added on its own line.
// Nothing is re-serialised, so the user's comments, quoting and layout survive every quick fix.
import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import type { NodePath } from '../core/model';
import { parseSuppressions, type ParsedYaml } from '../core/actions/language';

export type YamlScalar = string | number | boolean | null;
/** A value to write: scalars, and mappings/sequences of them for skeletons (null writes nothing). */
export type YamlValue = YamlScalar | YamlValue[] | { [key: string]: YamlValue };

/** The YAML spelling of a scalar, quoted only when it must be (`"4600000012"` stays a string). */
export function yamlScalar(value: YamlScalar, flow = false): string {
  if (value === null) return '';
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  // in flow style `,` `[` `]` `{` `}` end a plain scalar, so such strings are quoted there
  if (flow && typeof value === 'string' && !/^["']/.test(text) && /[,[\]{}]/.test(text)) return JSON.stringify(value);
  return text;
}

/** Offset of the end of the line holding `offset` (before `\r\n`/`\n`). */
function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation step the document uses (2 unless its nesting says otherwise). */
function indentUnit(parsed: ParsedYaml): string {
  const m = /\n( +)\S/.exec(parsed.text);
  return m && m[1].length <= 4 ? m[1] : '  ';
}

/** Renders `value` as the text following `key:` for a key at indentation `indent`. */
export function renderValue(value: YamlValue, indent: string, unit: string, nl: string): string {
  if (value === null || typeof value !== 'object') {
    const s = yamlScalar(value);
    return s === '' ? '' : ` ${s}`;
  }
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((item) => `${nl}${inner}-${renderItem(item, inner + '  ', unit, nl)}`).join('');
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return ' {}';
  return keys.map((k) => `${nl}${inner}${yamlScalar(k)}:${renderValue(value[k], inner, unit, nl)}`).join('');
}

/** A sequence item after its `-`: a mapping starts on the dash's line. */
function renderItem(item: YamlValue, indent: string, unit: string, nl: string): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return renderValue(item, indent, unit, nl);
  }
  const keys = Object.keys(item);
  if (keys.length === 0) return ' {}';
  return keys
    .map((k, i) => `${i === 0 ? ' ' : `${nl}${indent}`}${yamlScalar(k)}:${renderValue(item[k], indent, unit, nl)}`)
    .join('');
}

/** Replaces the value at `path` (an existing pair or item); an empty value is filled in after its colon. */
export function replaceValueEdit(parsed: ParsedYaml, path: NodePath, value: YamlScalar): TextEdit | undefined {
  const node = parsed.nodeAt(path);
  const parent = path.length > 0 ? (path.length === 1 ? parsed.doc.contents : parsed.nodeAt(path.slice(0, -1))) : undefined;
  const flow = !!parent && (isMap(parent) || isSeq(parent)) && (parent as YAMLMap).flow === true;
  const text = yamlScalar(value, flow);
  if (node?.range && node.range[1] > node.range[0]) {
    return { range: parsed.rangeAt(node.range[0], node.range[1]), newText: text };
  }
  const pair = parsed.pairAt(path);
  const key = pair?.key as Node | undefined;
  if (!key?.range) return undefined;
  const colon = parsed.text.indexOf(':', key.range[1]);
  const end = node?.range ? node.range[1] : colon + 1;
  return { range: parsed.rangeAt(colon + 1, end), newText: text === '' ? '' : ` ${text}` };
}

/** Sets `path` to `value`: replaces an existing scalar, otherwise inserts the key (and missing parents). */
export function setValueEdit(parsed: ParsedYaml, path: NodePath, value: YamlValue): TextEdit | undefined {
  const existing = parsed.pairAt(path);
  if (existing && (value === null || typeof value !== 'object')) return replaceValueEdit(parsed, path, value);
  if (existing) return undefined; // replacing a whole collection would lose the user's layout
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  return insertPairEdit(parsed, path.slice(0, -1), key, value);
}

/** Inserts `key: value` into the mapping at `mapPath`, after its last pair; creates missing parent keys. */
export function insertPairEdit(parsed: ParsedYaml, mapPath: NodePath, key: string, value: YamlValue): TextEdit | undefined {
  const text = parsed.text;
  const nl = eol(text);
  const unit = indentUnit(parsed);
  const map = mapPath.length === 0 ? (parsed.doc.contents as Node | null) : parsed.nodeAt(mapPath);

  if (isMap(map) && map.flow) {
    const items = map.items as Pair<Node, Node | null>[];
    const last = items[items.length - 1];
    const rendered = value !== null && typeof value === 'object' ? JSON.stringify(value) : yamlScalar(value, true);
    const pairText = `${yamlScalar(key, true)}: ${rendered}`.trimEnd();
    if (!last) {
      const open = map.range![0] + 1;
      return { range: parsed.rangeAt(open, open), newText: ` ${pairText} ` };
    }
    const end = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
    return { range: parsed.rangeAt(end, end), newText: `, ${pairText}` };
  }

  if (isMap(map) && map.items.length > 0) {
    const items = map.items as Pair<Node, Node | null>[];
    const first = items[0].key as Node;
    const indent = lineIndentAtColumn(parsed, first.range![0]);
    const last = items[items.length - 1];
    const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
    // after the last line that holds something of the last pair (not after trailing blank lines)
    let o = lastEnd;
    while (o > 0 && /\s/.test(text[o - 1])) o--;
    const at = lineEndAt(text, Math.max(o - 1, 0));
    return { range: parsed.rangeAt(at, at), newText: `${nl}${indent}${yamlScalar(key)}:${renderValue(value, indent, unit, nl)}` };
  }

  if (mapPath.length === 0) {
    // an empty document
    const rendered = `${yamlScalar(key)}:${renderValue(value, '', unit, nl)}`;
    const at = text.length;
    const sep = text.length > 0 && !text.endsWith('\n') ? nl : '';
    return { range: parsed.rangeAt(at, at), newText: sep + rendered + nl };
  }

  const parentPair = parsed.pairAt(mapPath);
  const parentKey = parentPair?.key as Node | undefined;
  if (parentPair && parentKey?.range && (map === undefined || (isScalar(map) && (map.value === null || map.value === '')))) {
    // `homepage:` with nothing after it: the mapping starts on the next line
    const indent = lineIndentAtColumn(parsed, parentKey.range[0]) + unit;
    const colon = text.indexOf(':', parentKey.range[1]);
    const end = map?.range ? Math.max(map.range[1], colon + 1) : colon + 1;
    return {
      range: parsed.rangeAt(colon + 1, end),
      newText: `${nl}${indent}${yamlScalar(key)}:${renderValue(value, indent, unit, nl)}`,
    };
  }
  if (!parentPair && map === undefined) {
    const parentKeyName = mapPath[mapPath.length - 1];
    if (typeof parentKeyName !== 'string') return undefined;
    return insertPairEdit(parsed, mapPath.slice(0, -1), parentKeyName, { [key]: value });
  }
  return undefined;
}

/** The indentation a key starting at `offset` has: its column, as blanks (`- ` of an item counts). */
function lineIndentAtColumn(parsed: ParsedYaml, offset: number): string {
  return ' '.repeat(parsed.positionAt(offset).character);
}

/**
 * Silences `code` on `line` with `# inspection-disable-next-line`: adds the code to a directive
 * already aimed at that line, or inserts a new comment line above it at its indentation.
 */
export function suppressionEdit(text: string, line: number, code: string): TextEdit {
  const directive = parseSuppressions(text).find((d) => d.scope === 'next-line' && d.target === line && d.codes.length > 0);
  const lines = text.split(/\r?\n/);
  if (directive) {
    const comment = lines[directive.line];
    const reason = comment.search(/\s--(\s|$)/);
    const end = (reason < 0 ? comment.trimEnd() : comment.slice(0, reason).trimEnd()).length;
    return { range: { start: { line: directive.line, character: end }, end: { line: directive.line, character: end } }, newText: `, ${code}` };
  }
  const target = lines[line] ?? '';
  const indent = /^[ \t]*/.exec(target)![0];
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}# inspection-disable-next-line ${code}${eol(text)}`,
  };
}
