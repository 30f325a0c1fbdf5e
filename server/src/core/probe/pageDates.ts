// Dates as government list pages print them: 2021-06-10, [2021-06-10], 2021/06/10, 2021.06.10,
// 2021年6月10日, and 06-10 or 6月10日 without a year. A year left out is taken from the item's own
// address when it holds the date (TRS `t20210610_…`, Hanweb `/art/2021/6/10/…`), else it is the
// latest year that does not put the date after the day the page was read.
import { compareCivil, isValidCivil, type CivilDate } from '../dates';

/** Text a date cell may carry around its date: brackets, a label, a time of day. */
const LABEL = String.raw`(?:发布(?:时间|日期)|时间|日期|发文日期|成文日期)?\s*[:：]?\s*`;
const OPEN = String.raw`[\[［【（(〔]?\s*`;
const CLOSE = String.raw`\s*[\]］】）)〕]?`;
const TIME = String.raw`(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?`;
const FULL = [
  String.raw`(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})`,
  String.raw`(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})`,
  String.raw`(\d{4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})`,
  String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?`,
];
const PARTIAL = [String.raw`(\d{1,2})-(\d{1,2})`, String.raw`(\d{1,2})/(\d{1,2})`, String.raw`(\d{1,2})\s*月\s*(\d{1,2})\s*日`];

const WHOLE_FULL = FULL.map((p) => new RegExp(`^${LABEL}${OPEN}${p}${TIME}${CLOSE}$`));
const WHOLE_PARTIAL = PARTIAL.map((p) => new RegExp(`^${LABEL}${OPEN}${p}${TIME}${CLOSE}$`));

/** A date read from a page: complete, or month and day waiting for a year. */
export type PageDate = { kind: 'full'; date: CivilDate } | { kind: 'partial'; month: number; day: number };

/** The date a text consists of (a date cell), or undefined when it holds anything else as well. */
export function dateCell(text: string): PageDate | undefined {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length === 0 || s.length > 40) return undefined;
  for (const re of WHOLE_FULL) {
    const m = re.exec(s);
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return isValidCivil(year, month, day) ? { kind: 'full', date: { year, month, day } } : undefined;
    }
  }
  for (const re of WHOLE_PARTIAL) {
    const m = re.exec(s);
    if (m) {
      const [month, day] = [Number(m[1]), Number(m[2])];
      // 02-29 is possible in some year; the year decides below
      return month >= 1 && month <= 12 && day >= 1 && day <= 31 && isValidCivil(2000, month, day) ? { kind: 'partial', month, day } : undefined;
    }
  }
  return undefined;
}

/** Dates an item's address carries: `/2021/6/10/`, `t20210610_`, `/202106/10/`, `/2021-06-10/`. */
export function datesInUrl(url: string): CivilDate[] {
  const out: CivilDate[] = [];
  const push = (y: string, m: string, d: string) => {
    const c = { year: Number(y), month: Number(m), day: Number(d) };
    if (c.year >= 1990 && c.year <= 2100 && isValidCivil(c.year, c.month, c.day)) out.push(c);
  };
  for (const m of url.matchAll(/\/(\d{4})\/(\d{1,2})\/(\d{1,2})\//g)) push(m[1], m[2], m[3]);
  for (const m of url.matchAll(/(?:^|[^\d])(\d{4})(\d{2})(\d{2})(?=[_./-])/g)) push(m[1], m[2], m[3]);
  for (const m of url.matchAll(/\/(\d{4})(\d{2})\/(\d{2})\//g)) push(m[1], m[2], m[3]);
  for (const m of url.matchAll(/\/(\d{4})-(\d{2})(?:-|\/)(\d{2})\//g)) push(m[1], m[2], m[3]);
  return out;
}

/**
 * The complete date of a page date: a partial one takes its year from a date of the item's address
 * with the same month and day, else the latest year in which it is not after `readOn`.
 */
export function completeDate(d: PageDate, readOn: CivilDate, itemUrl?: string): CivilDate | undefined {
  if (d.kind === 'full') return d.date;
  const fromUrl = itemUrl ? datesInUrl(itemUrl).find((c) => c.month === d.month && c.day === d.day) : undefined;
  if (fromUrl) return fromUrl;
  for (let year = readOn.year; year >= readOn.year - 4; year--) {
    if (!isValidCivil(year, d.month, d.day)) continue;
    const c = { year, month: d.month, day: d.day };
    if (compareCivil(c, readOn) <= 0) return c;
  }
  return undefined;
}
