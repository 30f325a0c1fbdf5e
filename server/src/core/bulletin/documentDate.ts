// The date of the document (成文日期) as printed under the signature: in Arabic numerals
// (2021年7月15日, GB/T 9704-2012 7.3.5) or in Chinese numerals (二〇二一年七月十五日), as configured;
// the words around the numbers come from the settings' day pattern.
import { parseIsoDate } from '../dates';
import type { BulletinSettings } from './settings';
import { fill, formatDay } from './wording';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A year digit by digit: 2021 → 二〇二一. */
export function chineseYear(year: number): string {
  return [...String(year)].map((d) => DIGITS[Number(d)]).join('');
}

/** A month or day number (1–31) as counted in Chinese: 十, 十五, 二十, 三十一. */
export function chineseCount(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** The date of the document as printed; empty when there is none. */
export function formatDocumentDate(s: BulletinSettings, iso: string): string {
  if (!iso) return '';
  const c = parseIsoDate(iso);
  if (!c || s.dateNumerals !== 'chinese') return formatDay(s, iso);
  return fill(s.dates.day, { y: chineseYear(c.year), m: chineseCount(c.month), d: chineseCount(c.day) });
}

/** The instant the files are stamped with: the document's date (midnight UTC), else 1 January of the campaign's year. */
export function documentStamp(s: BulletinSettings, year: number): Date {
  const c = parseIsoDate(s.date);
  return c ? new Date(Date.UTC(c.year, c.month - 1, c.day)) : new Date(Date.UTC(year, 0, 1));
}
