// Staleness: a date fact (or, with `[*]`, several) against a look-back window from the check date,
// in days or calendar months. E.g. W-V3: the homepage's last update older than 14 days.
import { formatIsoDate, type CivilDate } from '../../dates';
import type { NodePath } from '../../model';
import { ageInDays, firstDayInside, isOlderThan, windowStart } from '../calendarWindows';
import { isMultiPath, pathText, readAll } from '../facts';
import { t, text } from '../messages';
import { dateValue, noCheckDate, readDate, type DateRead } from '../predicates';
import type { CalendarWindow } from '../profileTypes';
import { missingOutcome, type ConditionOutcome, type EvalContext } from './context';

/** Evaluates a staleness condition. */
export function evaluateStaleness(ctx: EvalContext): ConditionOutcome {
  const c = ctx.condition;
  const w = c.window as CalendarWindow;
  const field = c.fact as string;
  const multi = isMultiPath(field);
  if (!ctx.check) return { status: 'undetermined', path: ['checkDate'], evidence: {}, missing: [noCheckDate(ctx)] };
  const check = ctx.check;
  const start = windowStart(check, w);
  const evidence = {
    fact: field,
    checkDate: ctx.checkText,
    window: w.length,
    unit: w.unit,
    limitInside: w.limitInside,
    windowStart: formatIsoDate(start),
  };

  let dates: DateRead[];
  if (multi) {
    const reads = readAll(ctx.record, [], field);
    if (reads.notList)
      return { status: 'undetermined', path: reads.notList, evidence, missing: [{ path: reads.notList, message: t(ctx.locale, 'fact.notList', { path: pathText(reads.notList) }) }] };
    if (reads.values.length === 0) {
      const path = listPathOf(field);
      return missingOutcome(ctx, [{ path, message: t(ctx.locale, 'fact.missing', { path: pathText(path) }) }], evidence);
    }
    dates = reads.values.map((r) => dateValue(ctx, r.value, r.path));
  } else {
    const d = readDate(ctx, ctx.record, [], field);
    if (d.absent) return missingOutcome(ctx, [d.missing!], evidence);
    dates = [d];
  }

  const unknown = dates.filter((d) => !d.date);
  const stale = dates.filter((d) => d.date && isOlderThan(d.date, check, w));
  const fresh = dates.filter((d) => d.date && !isOlderThan(d.date, check, w));
  const quantifier = c.quantifier ?? 'all';
  // all: broken when every item is stale; any: broken when one is. Unknown items decide nothing.
  const hit = quantifier === 'all' ? unknown.length === 0 && fresh.length === 0 : stale.length > 0;
  const clear = quantifier === 'all' ? fresh.length > 0 : unknown.length === 0 && stale.length === 0;
  if (!hit && !clear) return { status: 'undetermined', path: unknown[0].path, evidence, missing: unknown.map((d) => d.missing!) };
  if (clear) return { status: 'clear', path: dates[0].path, evidence };

  // the most recent of the stale dates carries the arithmetic
  const latest = stale.reduce((a, b) => (ageInDays(a.date as CivilDate, b.date as CivilDate) > 0 ? b : a));
  const latestDate = latest.date as CivilDate;
  const age = ageInDays(latestDate, check);
  const args = {
    label: text(ctx.locale, c.label),
    date: formatIsoDate(latestDate),
    checkDate: ctx.checkText,
    age,
    limit: w.length,
    start: formatIsoDate(start),
    n: stale.length,
    cmp: t(ctx.locale, w.unit === 'days' ? (w.limitInside ? 'cmp.daysOver' : 'cmp.daysReach') : w.limitInside ? 'cmp.before' : 'cmp.notAfter'),
  };
  const key = w.unit === 'days' ? (multi ? 'stale.days.all' : 'stale.days') : multi ? 'stale.months.all' : 'stale.months';
  return {
    status: 'hit',
    path: multi && quantifier === 'all' ? listPathOf(field) : latest.path,
    message: t(ctx.locale, key, args),
    remedy: t(ctx.locale, 'remedy.stale', { label: args.label, date: formatIsoDate(firstDayInside(check, w)) }),
    evidence: { ...evidence, value: formatIsoDate(latestDate), ageDays: age, staleItems: stale.length },
    occurrences: multi ? stale.length : 1,
  };
}

/** The record path of a field up to its first fan-out: `homepage.subpages` for `homepage.subpages[*].lastUpdate`. */
function listPathOf(field: string): NodePath {
  return field.split('[*]')[0].split('.');
}
