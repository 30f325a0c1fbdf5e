// Small wording helpers driven entirely by the settings: filling a phrase's {{placeholders}},
// naming a website or account the way bulletins do, splitting a clause's topic, Chinese dates.
import { parseIsoDate } from '../dates';
import type { EntityRef } from './bulletinModel';
import { fill } from './fill';
import { grammarOf, nameIn, platformName as platformNameOf, splitTopic as splitTopicOf, unitName } from './phrase';
import type { BulletinSettings } from './settings';

export { fill, logicLessView } from './fill';

/** `“name”` with the settings' quotes. */
export function quoted(s: BulletinSettings, name: string): string {
  return `${s.names.quoteOpen}${name}${s.names.quoteClose}`;
}

/** The platform as bulletins print it. */
export function platformName(s: BulletinSettings, platform: string | undefined): string {
  return platformNameOf(s, platform);
}

/** How a bulletin names an entity, in the settings' form for its kind: `“海南司法行政网”`, `“海南省林业局”网站`, `微信公众号“儋州教育”`. */
export function subjectOf(s: BulletinSettings, e: EntityRef, form?: string): string {
  return nameIn(s, e, form ?? s.names[e.kind]);
}

/** A unit's name as the bulletin shortens it (海南省监狱管理局 → 省监狱管理局). */
export function sponsorName(s: BulletinSettings, sponsor: string): string {
  return unitName(s, sponsor);
}

/** Splits `办事栏目长期未更新` into topic `办事栏目` and predicate `长期未更新` (null if it cannot). */
export function splitTopic(s: BulletinSettings, clause: string): { topic: string; predicate: string } | null {
  return splitTopicOf(grammarOf(s), clause);
}

/** 2021-07-15 → 2021年7月15日 (per the settings' date pattern). */
export function formatDay(s: BulletinSettings, iso: string): string {
  const c = parseIsoDate(iso);
  if (!c) return iso;
  return fill(s.dates.day, { y: c.year, m: c.month, d: c.day });
}

/** A month and day without the year: 11月11日. */
export function formatMonthDay(s: BulletinSettings, iso: string): string {
  const c = parseIsoDate(iso);
  return c ? fill(s.dates.monthDay, { y: c.year, m: c.month, d: c.day }) : iso;
}

/** A check window as bulletins print it: 2021年6月11日至20日; a single day as that day. */
export function formatRange(s: BulletinSettings, start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (!a || !b) return `${start}—${end}`;
  if (start === end) return formatDay(s, start);
  if (a.year === b.year && a.month === b.month) return fill(s.dates.rangeSameMonth, { y: a.year, m: a.month, d1: a.day, d2: b.day });
  if (a.year === b.year) return fill(s.dates.rangeSameYear, { y: a.year, m1: a.month, d1: a.day, m2: b.month, d2: b.day });
  return fill(s.dates.range, { y1: a.year, m1: a.month, d1: a.day, y2: b.year, m2: b.month, d2: b.day });
}

/** A deadline: a date (with a time of day) prints as `2021年7月15日前` (`2025年4月16日12:00前`), any other text as written. */
export function formatDeadline(s: BulletinSettings, text: string): string {
  if (!text) return '';
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m || !parseIsoDate(m[1])) return text;
  const time = m[2] !== undefined ? fill(s.dates.time, { h: Number(m[2]), min: m[3] }) : '';
  return fill(s.dates.before, { date: formatDay(s, m[1]) + time });
}

/** The quarter's name (二) from the settings' list. */
export function quarterName(s: BulletinSettings, quarter: number): string {
  return s.quarterNames[quarter - 1] ?? String(quarter);
}

/** 2021年第二季度 (with the batch when the settings' pattern uses it). */
export function periodText(s: BulletinSettings, period: { year: number; quarter: number; batch?: number }): string {
  return fill(s.dates.period, { year: period.year, quarter: period.quarter, quarterName: quarterName(s, period.quarter), batch: period.batch ?? '', batchName: period.batch ? ordinal(s, period.batch) : '' });
}

/** （第二批） for a campaign of a batch, else empty. */
export function batchText(s: BulletinSettings, period: { batch?: number }): string {
  return period.batch ? fill(s.batchText, { batch: period.batch, batchName: ordinal(s, period.batch) }) : '';
}

/** The ordinal (一, 二 …) for a 1-based group number. */
export function ordinal(s: BulletinSettings, n: number): string {
  return s.ordinals[n - 1] ?? String(n);
}
