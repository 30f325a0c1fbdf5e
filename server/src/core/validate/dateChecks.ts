// Calendar dates (IR3xxx): every date field is `YYYY-MM-DD`. Spellings pasted from Excel or Word get
// an error that shows the date to write (and carries it as `data.replacement` for the quick fix);
// impossible days and dates in the wrong order get their own messages.
import { dateLikeParts, daysInMonth, normaliseDateLike, parseIsoDate } from '../dates';
import { Severity, type CampaignConfig, type CoreDiagnostic, type FileKind, type NodePath } from '../model';
import { schemaAt } from '../schemas';
import limits from './dateLimits.json';
import { t } from './messages';
import { diag, label, mappingsAt, renderValue, type SchemaContext } from './messageParts';
import { DATE_CODES } from '../codes';

/** The diagnostic for a value in a date field that is not a strict `YYYY-MM-DD` (undefined for non-scalars). */
export function dateDiagnostic(ctx: SchemaContext, path: NodePath, value: unknown, lbl: () => string): CoreDiagnostic | undefined {
  const { locale } = ctx;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const shown = renderValue(value, locale);
  if (typeof value === 'number') {
    const serial = normaliseDateLike(value);
    if (serial) {
      const message = t(locale, 'date.excelSerial', { label: lbl(), value: String(value), iso: serial });
      return diag(ctx, path, 'value', DATE_CODES.excelSerial, message, { replacement: serial }, 'date');
    }
  }
  // 20210611 arrives as a number; 2021/6/11, 2021.6.11 and 2021年6月11日 as text
  const parts = dateLikeParts(String(value));
  if (!parts) return diag(ctx, path, 'value', DATE_CODES.notDate, t(locale, 'date.notDate', { label: lbl(), value: shown }), undefined, 'date');
  if (parts.month < 1 || parts.month > 12) {
    return diag(ctx, path, 'value', DATE_CODES.impossible, t(locale, 'date.impossibleMonth', { label: lbl(), value: shown }), undefined, 'date');
  }
  const iso = normaliseDateLike(String(value));
  if (!iso) {
    const days = daysInMonth(parts.year, parts.month);
    const message = t(locale, 'date.impossibleDay', { label: lbl(), value: shown, year: parts.year, month: parts.month, days });
    return diag(ctx, path, 'value', DATE_CODES.impossible, message, undefined, 'date');
  }
  return diag(ctx, path, 'value', DATE_CODES.respell, t(locale, 'date.respell', { label: lbl(), value: shown, iso }), { replacement: iso }, 'date');
}

/** Pairs of dates where the second may not come before the first; `*` stands for every list item. */
const DATE_ORDER: ReadonlyArray<{ kind: FileKind; container: ReadonlyArray<string>; earlier: string; later: string }> = [
  { kind: 'campaign', container: ['checkWindow'], earlier: 'start', later: 'end' },
  { kind: 'website', container: ['interaction', 'columns', '*', 'messages', '*'], earlier: 'received', later: 'answered' },
];

/** Dates written in an impossible order (a window ending before it starts, an answer before the message). */
export function dateOrderDiagnostics(ctx: SchemaContext, kind: FileKind): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  for (const rule of DATE_ORDER) {
    if (rule.kind !== kind) continue;
    for (const { path, node } of mappingsAt(ctx.parsed.value, rule.container)) {
      const a = node[rule.earlier];
      const b = node[rule.later];
      if (!parseIsoDate(a) || !parseIsoDate(b) || (b as string) >= (a as string)) continue;
      const message = t(ctx.locale, 'date.order', {
        later: label(ctx, [...path, rule.later]),
        laterValue: String(b),
        earlier: label(ctx, [...path, rule.earlier]),
        earlierValue: String(a),
      });
      out.push(diag(ctx, [...path, rule.later], 'value', DATE_CODES.order, message, undefined, 'date'));
    }
  }
  return out;
}

/** Real dates outside the plausible range (dateLimits.json): a mistyped year. Warnings. */
export function implausibleDateDiagnostics(ctx: SchemaContext): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  // explicit stack: a document may nest deeply, and its dates sit where its schema says `format: date`
  const stack: { value: unknown; path: NodePath }[] = [{ value: ctx.parsed.value, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if ((value < limits.earliest || value > limits.latest) && parseIsoDate(value) && schemaAt(ctx.schemaFile, path)?.schema.format === 'date') {
        const message = t(ctx.locale, 'date.implausible', { label: label(ctx, path), value, earliest: limits.earliest, latest: limits.latest });
        out.push({ ...diag(ctx, path, 'value', DATE_CODES.implausible, message, undefined, 'date'), severity: Severity.Warning });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
    }
  }
  return out;
}

/** A record's check date outside its campaign's check window (a warning: rechecks may fall later). */
export function checkWindowDiagnostics(ctx: SchemaContext, kind: FileKind | undefined, campaign: CampaignConfig | undefined): CoreDiagnostic[] {
  if ((kind !== 'website' && kind !== 'media') || !campaign?.checkWindow) return [];
  const value = ctx.parsed.value;
  const checkDate = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).checkDate : undefined;
  const { start, end } = campaign.checkWindow;
  if (!parseIsoDate(checkDate) || !parseIsoDate(start) || !parseIsoDate(end)) return [];
  const date = checkDate as string;
  if (date >= start && date <= end) return [];
  const message = t(ctx.locale, 'date.outsideWindow', { label: label(ctx, ['checkDate']), value: date, start, end });
  return [{ ...diag(ctx, ['checkDate'], 'value', DATE_CODES.outsideWindow, message, undefined, 'date'), severity: Severity.Warning }];
}
