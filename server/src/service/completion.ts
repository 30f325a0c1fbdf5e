// Completion: the keys still missing at the cursor, allowed values with their titles, indicator ids
// in findings, dates (the record's check date, today) and registry entries — choosing an account
// or site fills its id, sponsor and region through additional edits of those keys alone.
import { isScalar } from 'yaml';
import {
  CompletionItemKind,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type TextEdit,
} from 'vscode-languageserver';
import type { FileKind, IsoDate, NodePath, RecordKind, RegistryRowRef } from '../core/model';
import { canonicalPlatform, normaliseText, parseIsoDate, scalarText, setValue } from '../core/actions/language';
import { documentKind, type DocumentContext } from './documentContext';
import { conditionLines, ruleForKind, ruleName, rulesOf } from './profileRules';
import { isDateSchema, propertyNames, requiredNames, schemaTypes, type SchemaNode } from './schemaAccess';
import { serviceText } from './serviceText';
import { completionContext, type CompletionContext } from './yamlPath';
import { rowHeading } from './hover';

export interface CompletionOptions {
  /** Today in China (`YYYY-MM-DD`), offered for dates. */
  today: IsoDate;
  /** Most registry entries listed at once; the list is marked incomplete beyond it. */
  maxRegistryItems: number;
}

/** Record fields a registry row fills when an entry is chosen, per record kind. */
const REGISTRY_FILL: Record<RecordKind, string[]> = {
  media: ['platform', 'name', 'accountId', 'sponsor', 'region'],
  website: ['name', 'siteCode', 'url', 'sponsor', 'region'],
};
/** Record fields by which an entry can be looked up (completed on these keys). */
const REGISTRY_LOOKUP: Record<RecordKind, string[]> = {
  media: ['name', 'accountId'],
  website: ['name', 'siteCode', 'url'],
};

/** Completion items at a position of the document. */
export function doComplete(ctx: DocumentContext, position: Position, options: CompletionOptions): CompletionList {
  const { parsed } = ctx.check;
  const offset = parsed.offsetAt(position);
  const cc = completionContext(parsed.text, offset);
  if (!cc) return { isIncomplete: false, items: [] };
  const kind = documentKind(ctx);
  if (cc.kind === 'key') {
    const items = keyItems(ctx, cc, kind);
    if (cc.newSequenceItem && kind) items.push(...valueItems(ctx, cc, kind, cc.path, options).items);
    return { isIncomplete: false, items };
  }
  return valueItems(ctx, cc, kind, cc.path, options);
}

function keyItems(ctx: DocumentContext, cc: CompletionContext, kind: FileKind | undefined): CompletionItem[] {
  const { locale, schemas } = ctx;
  const range = ctx.check.parsed.rangeAt(cc.start, cc.end);
  if (!kind) {
    // Until the file says what it is, only `kind` makes sense at its top.
    if (cc.path.length > 0 || cc.existingKeys.includes('kind')) return [];
    return [keyItem('kind', serviceText(locale, 'completion.kindKey'), undefined, cc, range, 'scalar', '0')];
  }
  const node = schemas.at(kind, cc.path);
  if (!node || !schemaTypes(node).includes('object')) return [];
  const required = new Set(requiredNames(node));
  return propertyNames(node)
    .filter((name) => !cc.existingKeys.includes(name))
    .map((name, i) => {
      const child = schemas.at(kind, [...cc.path, name]);
      const text = child ? schemas.text(child, locale) : {};
      const shape = child ? valueShape(child, kind, [...cc.path, name], ctx) : 'scalar';
      const sort = `${required.has(name) ? '0' : '1'}${String(i).padStart(3, '0')}`;
      return keyItem(name, text.title, text.description, cc, range, shape, sort);
    });
}

type Shape = 'scalar' | 'object' | 'list';

function valueShape(node: SchemaNode, kind: FileKind, path: NodePath, ctx: DocumentContext): Shape {
  const types = schemaTypes(node);
  if (types.length === 1 && types[0] === 'object') return 'object';
  if (types.length === 1 && types[0] === 'array') {
    const item = ctx.schemas.at(kind, [...path, 0]);
    return item && schemaTypes(item).includes('object') ? 'list' : 'scalar';
  }
  return 'scalar';
}

function keyItem(
  name: string,
  title: string | undefined,
  description: string | undefined,
  cc: CompletionContext,
  range: ReturnType<DocumentContext['check']['parsed']['rangeAt']>,
  shape: Shape,
  sortText: string,
): CompletionItem {
  const inner = ' '.repeat(cc.column + 2);
  let newText: string;
  if (cc.colonFollows) newText = name;
  else if (cc.flow || shape === 'scalar') newText = `${name}: `;
  else if (shape === 'object') newText = `${name}:\n${inner}`;
  else newText = `${name}:\n${inner}- `;
  const item: CompletionItem = {
    label: name,
    kind: CompletionItemKind.Property,
    detail: title,
    sortText,
    filterText: title ? `${name} ${title}` : name,
    textEdit: { range, newText },
    insertTextMode: InsertTextMode.asIs,
  };
  if (description) item.documentation = { kind: MarkupKind.Markdown, value: description };
  return item;
}

function valueItems(
  ctx: DocumentContext,
  cc: CompletionContext,
  kind: FileKind | undefined,
  path: NodePath,
  options: CompletionOptions,
): CompletionList {
  const { parsed } = ctx.check;
  // Replace the whole scalar being edited (a quoted or spaced value is more than one word).
  let start = cc.start;
  let end = cc.end;
  const existing = cc.kind === 'value' ? parsed.nodeAt(path) : undefined;
  if (isScalar(existing) && existing.range && existing.range[0] <= cc.start && existing.range[1] >= cc.end) {
    start = existing.range[0];
    end = existing.range[1];
  }
  const range = parsed.rangeAt(start, end);
  const prefix = parsed.text.slice(start, cc.start + cc.prefix.length);
  const items: CompletionItem[] = [];
  let isIncomplete = false;
  const last = path[path.length - 1];

  if (path.length === 1 && last === 'kind') {
    for (const k of ctx.schemas.kinds()) {
      const root = ctx.schemas.at(k as FileKind, []);
      items.push(valueItem(k, root ? ctx.schemas.text(root, ctx.locale).title : undefined, range, cc, CompletionItemKind.EnumMember));
    }
    return { isIncomplete, items };
  }
  if (!kind) return { isIncomplete, items };

  const node = ctx.schemas.at(kind, path);
  if (node) {
    const title = ctx.schemas.text(node, ctx.locale).title;
    const values = Array.isArray(node.schema.enum) ? node.schema.enum : node.schema.const !== undefined ? [node.schema.const] : [];
    for (const v of values) items.push(valueItem(v as string | number | boolean | null, title, range, cc, CompletionItemKind.EnumMember));
    if (schemaTypes(node).includes('boolean') && values.length === 0) {
      items.push(valueItem(true, serviceText(ctx.locale, 'value.true'), range, cc, CompletionItemKind.Value));
      items.push(valueItem(false, serviceText(ctx.locale, 'value.false'), range, cc, CompletionItemKind.Value));
    }
    if (isDateSchema(node)) items.push(...dateItems(ctx, path, range, cc, options));
  }
  if (last === 'indicator' && path.includes('findings')) {
    for (const rule of rulesOf(ctx.workspace?.profile()).filter((r) => ruleForKind(r, kind))) {
      const item = valueItem(rule.id, ruleName(rule, ctx.locale), range, cc, CompletionItemKind.Reference);
      const lines = conditionLines(rule, ctx.locale);
      if (lines.length > 0) item.documentation = { kind: MarkupKind.Markdown, value: lines.map((l) => `- ${l}`).join('\n') };
      item.filterText = `${rule.id} ${ruleName(rule, ctx.locale)}`;
      items.push(item);
    }
  }
  if ((kind === 'media' || kind === 'website') && path.length === 1 && REGISTRY_LOOKUP[kind].includes(String(last)) && ctx.workspace) {
    const registry = registryItems(ctx, kind, String(last), prefix, range, cc, options);
    items.push(...registry.items);
    isIncomplete = registry.isIncomplete;
  }
  return { isIncomplete, items };
}

function valueItem(value: string | number | boolean | null, detail: string | undefined, range: TextEdit['range'], cc: CompletionContext, kind: CompletionItemKind): CompletionItem {
  const label = value === null ? 'null' : String(value);
  return { label, kind, detail, filterText: detail ? `${label} ${detail}` : label, textEdit: { range, newText: scalarText(value, cc.flow) } };
}

function dateItems(ctx: DocumentContext, path: NodePath, range: TextEdit['range'], cc: CompletionContext, options: CompletionOptions): CompletionItem[] {
  const items: CompletionItem[] = [];
  const value = ctx.check.parsed.value as { checkDate?: unknown } | undefined;
  const checkDate = value && typeof value === 'object' ? value.checkDate : undefined;
  const isCheckDate = path.length === 1 && path[0] === 'checkDate';
  if (!isCheckDate && typeof checkDate === 'string' && parseIsoDate(checkDate)) {
    items.push({ ...valueItem(checkDate, serviceText(ctx.locale, 'completion.checkDate'), range, cc, CompletionItemKind.Value), sortText: '0' });
  }
  if (options.today !== checkDate || isCheckDate) {
    items.push({ ...valueItem(options.today, serviceText(ctx.locale, 'completion.today'), range, cc, CompletionItemKind.Value), sortText: '1' });
  }
  return items;
}

function registryItems(
  ctx: DocumentContext,
  kind: RecordKind,
  field: string,
  prefix: string,
  range: TextEdit['range'],
  cc: CompletionContext,
  options: CompletionOptions,
): CompletionList {
  const record = (ctx.check.parsed.value ?? {}) as Record<string, unknown>;
  const platform = kind === 'media' && typeof record.platform === 'string' ? canonicalPlatform(record.platform) : undefined;
  const needle = normaliseText(prefix.replace(/^["']/, ''));
  const rows = ctx.workspace!.registryRows(kind);
  const items: CompletionItem[] = [];
  let isIncomplete = false;
  for (const row of rows) {
    const v = row.values;
    const target = v[field];
    if (!target) continue;
    // never offer an account of another platform than the record's
    if (platform && v.platform && canonicalPlatform(v.platform) !== platform) continue;
    if (needle && ![v.name, v.accountId, v.siteCode, v.url, v.sponsor].some((s) => s && normaliseText(s).includes(needle))) continue;
    if (items.length >= options.maxRegistryItems) {
      isIncomplete = true;
      break;
    }
    items.push(registryItem(ctx, kind, field, row, range, cc, items.length));
  }
  return { isIncomplete, items };
}

function registryItem(
  ctx: DocumentContext,
  kind: RecordKind,
  field: string,
  row: RegistryRowRef,
  range: TextEdit['range'],
  cc: CompletionContext,
  index: number,
): CompletionItem {
  const v = row.values;
  const { parsed } = ctx.check;
  const record = (parsed.value ?? {}) as Record<string, unknown>;
  const main: TextEdit = { range, newText: scalarText(v[field], cc.flow) };
  const extra: TextEdit[] = [];
  for (const f of REGISTRY_FILL[kind]) {
    if (f === field || !v[f] || !ctx.schemas.at(kind, [f])) continue;
    const value = f === 'platform' ? (canonicalPlatform(v[f]) ?? v[f]) : v[f];
    if (record[f] === value) continue;
    const edit = setValue(parsed, [f], value);
    if (edit) extra.push(edit);
  }
  // An insertion where the completed value ends must go into the main edit (edits may not overlap).
  const additionalTextEdits: TextEdit[] = [];
  for (const e of extra) {
    if (samePosition(e.range.start, main.range.end) && samePosition(e.range.end, main.range.end)) main.newText += e.newText;
    else additionalTextEdits.push(e);
  }
  const details = [v.platform, field === 'name' ? (v.accountId ?? v.siteCode) : v.name, v.sponsor, v.region].filter((s) => s);
  return {
    label: v[field],
    kind: CompletionItemKind.Value,
    detail: details.join(' · '),
    documentation: { kind: MarkupKind.Markdown, value: rowHeading(row, ctx.locale) },
    filterText: [v.name, v.accountId, v.siteCode, v.sponsor].filter((s) => s).join(' '),
    sortText: `2${String(index).padStart(5, '0')}`,
    textEdit: main,
    additionalTextEdits: additionalTextEdits.length > 0 ? additionalTextEdits : undefined,
  };
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
