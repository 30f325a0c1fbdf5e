// Look-back windows and elapsed-time limits on calendar dates in China. Day windows count whole
// days; month windows move by calendar months with month-end clamping (08-31 − 6 months = 02-28 or
// 02-29), exactly as dates.ts does. No Date objects, no time zones.
import { addDays, addMonths, compareCivil, daysBetween, type CivilDate } from '../dates';
import type { CalendarWindow } from './profileTypes';

/** Moves a date by a window's length: backwards (−1) or forwards (+1). */
export function shift(date: CivilDate, w: Pick<CalendarWindow, 'length' | 'unit'>, direction: 1 | -1): CivilDate {
  return w.unit === 'days' ? addDays(date, direction * w.length) : addMonths(date, direction * w.length);
}

/** The window's limit before the check date: check − length. */
export function windowStart(check: CivilDate, w: CalendarWindow): CivilDate {
  return shift(check, w, -1);
}

/** Whether `date` lies before the window that ends at `check` (i.e. is stale). */
export function isOlderThan(date: CivilDate, check: CivilDate, w: CalendarWindow): boolean {
  const c = compareCivil(date, windowStart(check, w));
  return w.limitInside ? c < 0 : c <= 0;
}

/** The first date that is inside the window (what a new update must reach to be fresh). */
export function firstDayInside(check: CivilDate, w: CalendarWindow): CivilDate {
  const start = windowStart(check, w);
  return w.limitInside ? start : addDays(start, 1);
}

/** Whether the time from `from` to `end` exceeds the window (e.g. a reply later than 3 months). */
export function isLagOver(from: CivilDate, end: CivilDate, w: CalendarWindow): boolean {
  const c = compareCivil(end, shift(from, w, 1));
  return w.limitInside ? c > 0 : c >= 0;
}

/** Whole days from `a` to `b`. */
export function ageInDays(a: CivilDate, b: CivilDate): number {
  return daysBetween(a, b);
}
