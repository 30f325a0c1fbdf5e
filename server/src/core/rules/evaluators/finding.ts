// Finding: the inspector recorded an observation for this indicator (findings[].indicator equals
// the rule id, or the condition's `indicator`). Covers what facts cannot show: serious wording
// errors, forged dates, bought followers, and per-occurrence deductions (`count`).
import { pathText } from '../facts';
import { t } from '../messages';
import type { ConditionOutcome, EvalContext } from './context';

/** The findings list of a record, each with its node path (ill-typed entries skipped). */
export function findingsOf(record: unknown): { indicator: string; note?: string; count: number; path: (string | number)[] }[] {
  const list = typeof record === 'object' && record !== null ? (record as { findings?: unknown }).findings : undefined;
  if (!Array.isArray(list)) return [];
  const out: { indicator: string; note?: string; count: number; path: (string | number)[] }[] = [];
  list.forEach((f, i) => {
    if (typeof f !== 'object' || f === null) return;
    const { indicator, note, count } = f as { indicator?: unknown; note?: unknown; count?: unknown };
    if (typeof indicator !== 'string') return;
    out.push({
      indicator: indicator.trim(),
      note: typeof note === 'string' ? note : undefined,
      count: typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 1,
      path: ['findings', i],
    });
  });
  return out;
}

/** Evaluates a finding condition. */
export function evaluateFinding(ctx: EvalContext): ConditionOutcome {
  const id = ctx.condition.indicator ?? ctx.rule.id;
  const found = findingsOf(ctx.record).filter((f) => f.indicator === id);
  if (found.length === 0) return { status: 'clear', path: ['findings'], evidence: { indicator: id } };
  const occurrences = found.reduce((s, f) => s + f.count, 0);
  const notes = found.map((f) => f.note ?? t(ctx.locale, 'finding.noNote')).join(t(ctx.locale, 'list.noteSeparator'));
  const key = occurrences > 1 ? 'finding.hitCounted' : 'finding.hit';
  return {
    status: 'hit',
    path: found[0].path,
    message: t(ctx.locale, key, { notes, n: occurrences }),
    remedy: t(ctx.locale, 'remedy.finding', { path: pathText(found[0].path) }),
    evidence: { indicator: id, findings: found.length, occurrences, notes },
    occurrences,
  };
}
