// Today's date in China. China keeps UTC+8 all year (no daylight saving), so the calendar date is
// the UTC instant shifted by eight hours, as a day number; no time-zone database is needed.
import { formatIsoDate, fromDayNumber } from './dates';
import type { IsoDate } from './model';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date in China, `YYYY-MM-DD`. */
export function todayInChina(now: number = Date.now()): IsoDate {
  return formatIsoDate(fromDayNumber(Math.floor((now + CHINA_OFFSET_MS) / DAY_MS)));
}
