// The outline of a record: one symbol per key, nested as in the file; list items are named by
// their `name` (columns, guides), `indicator` (findings) or first value, and each key carries its
// schema title so the outline reads in Chinese.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { FileKind, Locale, NodePath } from '../core/model';
import type { ParsedYaml } from '../core/actions/language';
import type { SchemaAccess } from './schemaAccess';

/** Keys whose value names a list item in the outline, in order of preference. */
const ITEM_NAME_KEYS = ['name', 'indicator', 'key', 'received', 'id'];

/** Document symbols of a parsed YAML file of `kind`. */
export function findDocumentSymbols(parsed: ParsedYaml, kind: FileKind | undefined, schemas: SchemaAccess, locale: Locale): DocumentSymbol[] {
  const root = parsed.doc.contents as Node | null;
  if (!isMap(root)) return [];
  return mapSymbols(parsed, root.items as Pair<Node, Node | null>[], [], kind, schemas, locale);
}

function mapSymbols(
  parsed: ParsedYaml,
  pairs: Pair<Node, Node | null>[],
  path: NodePath,
  kind: FileKind | undefined,
  schemas: SchemaAccess,
  locale: Locale,
): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const pair of pairs) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    const childPath = [...path, key];
    const schema = kind ? schemas.at(kind, childPath) : undefined;
    const title = schema ? schemas.text(schema, locale).title : undefined;
    const value = pair.value;
    const scalarText = isScalar(value) && value.value !== null ? String(value.value) : undefined;
    const detail = [title, scalarText].filter((s) => s !== undefined && s !== '').join(' · ');
    const end = contentEnd(parsed.text, value?.range ? value.range[1] : pair.key.range[1]);
    const symbol: DocumentSymbol = {
      name: key,
      detail: detail || undefined,
      kind: symbolKind(value),
      range: parsed.rangeAt(pair.key.range[0], Math.max(end, pair.key.range[1])),
      selectionRange: parsed.rangeAt(pair.key.range[0], pair.key.range[1]),
    };
    const children = childSymbols(parsed, value, childPath, kind, schemas, locale);
    if (children.length > 0) symbol.children = children;
    out.push(symbol);
  }
  return out;
}

function childSymbols(
  parsed: ParsedYaml,
  value: Node | null,
  path: NodePath,
  kind: FileKind | undefined,
  schemas: SchemaAccess,
  locale: Locale,
): DocumentSymbol[] {
  if (isMap(value)) return mapSymbols(parsed, value.items as Pair<Node, Node | null>[], path, kind, schemas, locale);
  if (!isSeq(value)) return [];
  const out: DocumentSymbol[] = [];
  value.items.forEach((raw, i) => {
    const item = raw as Node | null;
    if (!item?.range) return;
    const end = contentEnd(parsed.text, item.range[1]);
    const range = parsed.rangeAt(item.range[0], Math.max(end, item.range[0]));
    const symbol: DocumentSymbol = {
      name: itemName(item) ?? `[${i}]`,
      kind: symbolKind(item),
      range,
      selectionRange: range,
    };
    const children = childSymbols(parsed, item, [...path, i], kind, schemas, locale);
    if (children.length > 0) symbol.children = children;
    out.push(symbol);
  });
  return out;
}

/** How a list item is called in the outline: its name-like value, or its scalar value. */
function itemName(item: Node): string | undefined {
  if (isScalar(item)) return item.value === null || item.value === '' ? undefined : String(item.value);
  if (!isMap(item)) return undefined;
  for (const key of ITEM_NAME_KEYS) {
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.value) && pair.value.value !== null && pair.value.value !== '') return String(pair.value.value);
  }
  return undefined;
}

function symbolKind(node: Node | null): SymbolKind {
  if (isMap(node)) return SymbolKind.Object;
  if (isSeq(node)) return SymbolKind.Array;
  if (isScalar(node)) {
    if (typeof node.value === 'number') return SymbolKind.Number;
    if (typeof node.value === 'boolean') return SymbolKind.Boolean;
    if (node.value === null) return SymbolKind.Null;
  }
  return SymbolKind.String;
}

/** The offset after the last character that is not a blank (a block value's range ends after its newline). */
function contentEnd(text: string, end: number): number {
  let o = end;
  while (o > 0 && /\s/.test(text[o - 1])) o--;
  return o;
}
