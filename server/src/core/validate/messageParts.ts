// The pieces every validation message is built from: the node a diagnostic lands on, how a node is
// named (its schema title and key), and how a value is shown.
import { Severity, type CoreDiagnostic, type DiagnosticSource, type Locale, type NodePath, type Range } from '../model';
import { schemaAt, schemaText } from '../schemas';
import type { ParsedYaml } from '../yaml/yamlDocument';
import { t } from './messages';

/** What the message builders need: the document, its schema file and the locale. */
export interface SchemaContext {
  parsed: ParsedYaml;
  schemaFile: string;
  locale: Locale;
  /**
   * A value validated against one part of the schema rather than the document itself (a profile's
   * rule after its overrides are merged): the value, and where that part sits in the schema file.
   */
  part?: { value: unknown; schemaPath: NodePath };
}

/** The value the errors are about: the document's, or the part's. */
export function validatedValue(ctx: SchemaContext): unknown {
  return ctx.part ? ctx.part.value : ctx.parsed.value;
}

/** A diagnostic at a path's value or key; an empty value (`key:` with nothing) is shown on its key. */
export function diag(
  ctx: SchemaContext,
  path: NodePath,
  part: 'value' | 'key',
  code: string,
  message: string,
  data?: unknown,
  source: DiagnosticSource = 'schema',
): CoreDiagnostic {
  const out: CoreDiagnostic = { range: rangeFor(ctx.parsed, path, part), severity: Severity.Error, code, message, source };
  if (data !== undefined) out.data = data;
  return out;
}

/** The range of a path's value or key; an empty value falls back to its key so that it is visible. */
export function rangeFor(parsed: ParsedYaml, path: NodePath, part: 'value' | 'key'): Range {
  const r = parsed.rangeOf(path, part);
  if (part === 'value' && r.start.line === r.end.line && r.start.character === r.end.character) return parsed.rangeOf(path, 'key');
  return r;
}

/** Converts ajv's JSON pointer into a YAML path (array indexes as numbers). */
export function toNodePath(pointer: string, root: unknown): NodePath {
  if (!pointer) return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** “检查日期”（checkDate）, 栏目 第 2 项 …: how a message names the node at a path. */
export function label(ctx: SchemaContext, path: NodePath): string {
  const { locale } = ctx;
  if (path.length === 0) return documentLabel(ctx);
  const last = path[path.length - 1];
  if (typeof last === 'number') return t(locale, 'label.item', { parent: label(ctx, path.slice(0, -1)), index: last + 1 });
  const node = schemaAt(ctx.schemaFile, [...(ctx.part?.schemaPath ?? []), ...path]);
  const title = node ? schemaText(node, locale).title : undefined;
  return title ? t(locale, 'label.property', { title, key: last }) : t(locale, 'label.key', { key: last });
}

export function documentLabel(ctx: SchemaContext): string {
  const node = schemaAt(ctx.schemaFile, []);
  const title = node ? schemaText(node, ctx.locale).title : undefined;
  return title ? t(ctx.locale, 'label.document', { title }) : t(ctx.locale, 'label.documentPlain');
}

const MAX_SHOWN = 40;

/** A value as a message shows it: text in quotes (shortened), numbers and booleans as written. */
export function renderValue(v: unknown, locale: Locale): string {
  if (typeof v === 'string') {
    const shown = v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}…` : v;
    return t(locale, 'value.string', { value: shown });
  }
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? t(locale, 'actual.array') : t(locale, 'actual.object');
  return String(v);
}

export function renderActual(v: unknown, locale: Locale): string {
  if (v === null || v === undefined) return t(locale, 'actual.null');
  if (Array.isArray(v)) return t(locale, 'actual.array');
  if (typeof v === 'object') return t(locale, 'actual.object');
  if (typeof v === 'string') return t(locale, 'actual.string', { value: renderValue(v, locale) });
  if (typeof v === 'number') return t(locale, 'actual.number', { value: String(v) });
  return t(locale, 'actual.boolean', { value: String(v) });
}

/** Every mapping reached by following `pattern` (keys, `*` for every list item) from `value`, with its path. */
export function mappingsAt(value: unknown, pattern: ReadonlyArray<string>, at: NodePath = []): { path: NodePath; node: Record<string, unknown> }[] {
  if (pattern.length === 0) {
    return value && typeof value === 'object' && !Array.isArray(value) ? [{ path: at, node: value as Record<string, unknown> }] : [];
  }
  const [head, ...rest] = pattern;
  if (head === '*') return Array.isArray(value) ? value.flatMap((item, i) => mappingsAt(item, rest, [...at, i])) : [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return mappingsAt((value as Record<string, unknown>)[head], rest, [...at, head]);
}
