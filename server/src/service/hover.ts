// Hover: what a field means (schema title and description), which rule a fact breaks — the record's
// facts and the arithmetic in a sentence, how to clear it, what the rule says — and the registry row
// an account or site was matched to.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Locale, NodePath, RegistryOutcome, RegistryRowRef, RuleHit } from '../core/model';
import { documentKind, type DocumentContext } from './documentContext';
import { conditionLines, ruleName, ruleOf } from './profileRules';
import { serviceText } from './serviceText';
import { locateNode } from './yamlPath';
import { IDENTITY_FIELDS, rowLocation, suggestionLabel } from '../core/actions/language';

/** Top-level keys that identify a record against the registry: hovering them shows the matched row. */
const IDENTITY_KEYS = new Set([...IDENTITY_FIELDS.media, ...IDENTITY_FIELDS.website]);

/** Hover at a position, or null when there is nothing to say. */
export function doHover(ctx: DocumentContext, position: Position, markdown = true): Hover | null {
  const { parsed } = ctx.check;
  const offset = parsed.offsetAt(position);
  const loc = locateNode(parsed, offset);
  if (!loc) return null;
  const sections: string[] = [];
  const field = fieldSection(ctx, loc.path);
  if (field) sections.push(field);
  for (const hit of hitsAt(ctx, loc.path, position)) sections.push(hitSection(ctx, hit));
  if (ctx.check.registry && loc.path.length === 1 && IDENTITY_KEYS.has(String(loc.path[0]))) {
    const reg = registrySection(ctx, ctx.check.registry);
    if (reg) sections.push(reg);
  }
  if (sections.length === 0) return null;
  const value = sections.join('\n\n---\n\n');
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: markdown ? value : plain(value) },
    range: parsed.rangeAt(loc.start, loc.end),
  };
}

function fieldSection(ctx: DocumentContext, path: NodePath): string | undefined {
  const kind = documentKind(ctx);
  if (!kind || path.length === 0) return undefined;
  const node = ctx.schemas.at(kind, path);
  if (!node) return undefined;
  const { title, description } = ctx.schemas.text(node, ctx.locale);
  if (!title && !description) return undefined;
  const key = path[path.length - 1];
  const head = typeof key === 'number' ? `**${title ?? ''}**` : `**${title ?? key}** \`${key}\``;
  return description ? `${head}\n\n${description}` : head;
}

/** Rule hits on the hovered node or on one of its ancestors, or whose diagnostic lands here. */
function hitsAt(ctx: DocumentContext, path: NodePath, position: Position): RuleHit[] {
  const hits = ctx.check.result?.hits ?? [];
  const { parsed } = ctx.check;
  return hits.filter((hit) => {
    if (hit.path.length > 0 && isPrefix(hit.path, path)) return true;
    const r = parsed.rangeOf(hit.path);
    return contains(r, position);
  });
}

/**
 * A rule hit for people: the rule, what the record says and the arithmetic in a sentence, how to
 * clear it, and the confidence only where it changes what to do (a veto held back to a warning
 * until a local profile confirms its figure). No keys of the evidence, no heading without content.
 */
function hitSection(ctx: DocumentContext, hit: RuleHit): string {
  const { locale } = ctx;
  const rule = ruleOf(ctx.workspace?.profile(), hit.ruleId);
  const name = rule ? ruleName(rule, locale) : '';
  const kind = serviceText(locale, `ruleKind.${hit.kind}`);
  const lines = [serviceText(locale, 'hover.ruleHeading', { id: hit.ruleId, name, kind }).trim()];
  lines.push('', hit.arithmetic ?? hit.message);
  if (typeof hit.points === 'number') lines.push('', serviceText(locale, 'hover.rulePoints', { points: hit.points }));
  if (hit.remedy) lines.push('', serviceText(locale, 'hover.ruleRemedy', { remedy: hit.remedy }));
  if (hit.evidence.downgraded === true) lines.push('', serviceText(locale, 'hover.downgraded'));
  const conditions = rule ? conditionLines(rule, locale) : [];
  if (conditions.length > 0) lines.push('', serviceText(locale, 'hover.ruleSays', { name: name || hit.ruleId, kind, conditions: conditions.join(serviceText(locale, 'hover.conditionSeparator')) }));
  return lines.join('\n');
}

function registrySection(ctx: DocumentContext, outcome: RegistryOutcome): string | undefined {
  const { locale } = ctx;
  if (outcome.status === 'not-applicable') return undefined;
  const lines = [serviceText(locale, 'hover.registryHeading', { status: serviceText(locale, `registryStatus.${outcome.status}`) })];
  if (outcome.row) lines.push('', rowLocation(outcome.row, locale), ...rowLines(ctx, outcome.row));
  if (outcome.suggestions && outcome.suggestions.length > 0) {
    lines.push('', serviceText(locale, 'hover.registrySuggestions'));
    for (const s of outcome.suggestions) lines.push(`- ${suggestionLabel(s, locale)}`);
  }
  return lines.join('\n');
}

export { rowLocation as rowHeading, suggestionLabel };

function rowLines(ctx: DocumentContext, row: RegistryRowRef): string[] {
  const kind = documentKind(ctx);
  return Object.entries(row.values)
    .filter(([, v]) => v !== '')
    .map(([field, v]) => {
      // the registry's own words first: its `status` is the filing state, not the record's observation
      let label = registryFieldLabel(field, ctx.locale);
      if (label === undefined) {
        const node = kind ? ctx.schemas.at(kind, [field]) : undefined;
        label = (node && ctx.schemas.text(node, ctx.locale).title) ?? field;
      }
      return `- ${label}: ${v}`;
    });
}

function registryFieldLabel(field: string, locale: Locale): string | undefined {
  const key = `registryField.${field}`;
  const label = serviceText(locale, key as 'registryField.status');
  return label === key ? undefined : label;
}

function isPrefix(prefix: NodePath, path: NodePath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}

function contains(r: { start: Position; end: Position }, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** Markdown reduced to plain text for clients that cannot render it. */
function plain(md: string): string {
  return md.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1').replace(/\n\n---\n\n/g, '\n\n');
}
