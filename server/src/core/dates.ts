// Calendar dates in China as plain day numbers: no Date objects and no time zones anywhere in the
// arithmetic, so results are the same under any TZ. "6 months before" clamps to the month's end.
import type { IsoDate } from './model';

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Whether y-m-d names a real calendar day. */
export function isValidCivil(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses a strict `YYYY-MM-DD` that names a real day; anything else gives null. */
export function parseIsoDate(s: unknown): CivilDate | null {
  if (typeof s !== 'string') return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivil(year, month, day) ? { year, month, day } : null;
}

export function formatIsoDate(c: CivilDate): IsoDate {
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), integer arithmetic only. */
export function toDayNumber(c: CivilDate): number {
  const y = c.month <= 2 ? c.year - 1 : c.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (c.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + c.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (inverse of toDayNumber). */
export function fromDayNumber(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function addDays(c: CivilDate, n: number): CivilDate {
  return fromDayNumber(toDayNumber(c) + n);
}

/** Adds calendar months, clamping the day to the target month's end (08-31 − 6 months = 02-28/29). */
export function addMonths(c: CivilDate, n: number): CivilDate {
  const total = c.year * 12 + (c.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { year, month, day: Math.min(c.day, daysInMonth(year, month)) };
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** Excel's day 0 is 1899-12-30 for every serial after its fictitious 1900-02-29 (serial 60). */
const EXCEL_EPOCH = toDayNumber({ year: 1899, month: 12, day: 30 });

/** Converts an Excel serial day number to a civil date (null for serial 60 and out-of-range values). */
export function fromExcelSerial(serial: number): CivilDate | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465 || serial === 60) return null;
  return fromDayNumber(EXCEL_EPOCH + serial + (serial < 60 ? 1 : 0));
}

/**
 * Recognises the date spellings inspectors paste from Excel or Word (`2021/6/11`, `2021.6.11`,
 * `2021年6月11日`, `20210611`, an Excel serial number) and returns the ISO date they mean, or null.
 */
export function normaliseDateLike(v: unknown): IsoDate | null {
  if (typeof v === 'number') {
    // plausible Excel serials only (1990..2100) so that a count is never taken for a date
    if (v >= 32874 && v <= 73050) {
      const c = fromExcelSerial(v);
      return c ? formatIsoDate(c) : null;
    }
    return null;
  }
  const parts = dateLikeParts(v);
  return parts && isValidCivil(parts.year, parts.month, parts.day) ? formatIsoDate(parts) : null;
}

/** The year, month and day a date-like string spells, not yet checked to be a real day (2021/2/30 too). */
export function dateLikeParts(v: unknown): CivilDate | null {
  if (typeof v !== 'string') return null;
  const s = v.trim().normalize('NFKC');
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Today's date in China, `YYYY-MM-DD`. China keeps UTC+8 all year (no daylight saving), so the
 * calendar date is the UTC instant shifted by eight hours, as a day number; no time-zone database.
 */
export function todayInChina(now: number = Date.now()): IsoDate {
  return formatIsoDate(fromDayNumber(Math.floor((now + CHINA_OFFSET_MS) / DAY_MS)));
}
