// Small wording helpers driven entirely by the settings: filling a phrase's {{placeholders}},
// naming a website or account the way bulletins do, joining lists (“A”“B”和“C”), Chinese dates.
import { displayValue } from '../l10n';
import { renderBounded } from './boundedTemplate';
import { parseIsoDate } from '../dates';
import type { RecordKind } from '../model';
import type { EntityRef } from './bulletinModel';
import type { BulletinSettings } from './settings';

const RAW = { escape: (s: unknown) => displayValue(s) };

/**
 * A Mustache view without prototypes: Mustache looks names up with `in` and calls the functions it
 * finds, so a template from the workspace could otherwise reach `__proto__`, `constructor` or an
 * array's `push` and change objects of the whole process. Plain objects and arrays are copied into
 * null-prototype ones; everything else is kept.
 */
export function logicLessView(view: unknown): unknown {
  if (Array.isArray(view)) return Object.setPrototypeOf(view.map(logicLessView), null) as unknown[];
  if (view === null || typeof view !== 'object' || Object.getPrototypeOf(view) !== Object.prototype) return view;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(view)) out[k] = logicLessView(v);
  return out;
}

/** Fills a settings phrase's `{{placeholders}}` (Mustache, no escaping: the output is plain text). */
export function fill(phrase: string, view: object): string {
  return renderBounded(phrase, logicLessView(view), RAW.escape);
}

/** `“name”` with the settings' quotes. */
export function quoted(s: BulletinSettings, name: string): string {
  return `${s.names.quoteOpen}${name}${s.names.quoteClose}`;
}

/** The platform as bulletins print it. */
export function platformName(s: BulletinSettings, platform: string | undefined): string {
  if (!platform) return '';
  return s.names.platformNames[platform] ?? platform;
}

/** How a bulletin names an entity: `“海南司法行政网”`, `“海南省林业局”网站`, `微信公众号“儋州教育”`. */
export function subjectOf(s: BulletinSettings, e: EntityRef): string {
  if (e.kind === 'website') {
    const plainSiteName = s.names.websiteNameEndings.some((end) => e.name.endsWith(end));
    return quoted(s, e.name) + (plainSiteName ? '' : s.names.websiteSuffix);
  }
  return platformName(s, e.platform) + quoted(s, e.name);
}

/** A unit's name as the bulletin shortens it (海南省监狱管理局 → 省监狱管理局). */
export function sponsorName(s: BulletinSettings, sponsor: string): string {
  for (const a of s.names.sponsorAbbreviations) {
    if (a.from && sponsor.startsWith(a.from) && sponsor.length > a.from.length) return a.to + sponsor.slice(a.from.length);
  }
  return sponsor;
}

/**
 * Joins items as bulletins do: quoted names run together (“A”“B”和“C”), anything else with 、,
 * and the last one with 和.
 */
export function joinList(s: BulletinSettings, items: string[]): string {
  if (items.length <= 1) return items.join('');
  const allQuoted = items.every((i) => i.startsWith(s.names.quoteOpen));
  const sep = allQuoted ? s.names.joinQuoted : s.names.join;
  return items.slice(0, -1).join(sep) + s.names.joinLast + items[items.length - 1];
}

/** The connector between a subject and its clause: 的 before a clause about a column, else none. */
export function connectorFor(s: BulletinSettings, kind: RecordKind, clause: string): string {
  const firstSegment = clause.split(s.names.clauseJoin)[0];
  return s.names.topicMarkers.some((m) => firstSegment.includes(m)) ? s.names.connector[kind] : '';
}

/** Splits `办事栏目长期未更新` into topic `办事栏目` and predicate `长期未更新` (null if it cannot). */
export function splitTopic(s: BulletinSettings, clause: string): { topic: string; predicate: string } | null {
  if (clause.includes(s.names.clauseJoin) || clause.includes(s.names.sentenceJoin)) return null;
  let best = -1;
  let marker = '';
  for (const m of s.names.topicMarkers) {
    const i = clause.lastIndexOf(m);
    if (i > best) {
      best = i;
      marker = m;
    }
  }
  if (best < 0) return null;
  const cut = best + marker.length;
  const topic = clause.slice(0, cut);
  const predicate = clause.slice(cut);
  return topic && predicate ? { topic, predicate } : null;
}

/** 2021-07-15 → 2021年7月15日 (per the settings' date pattern). */
export function formatDay(s: BulletinSettings, iso: string): string {
  const c = parseIsoDate(iso);
  if (!c) return iso;
  return fill(s.dates.day, { y: c.year, m: c.month, d: c.day });
}

/** A check window as bulletins print it: 2021年6月11日至20日. */
export function formatRange(s: BulletinSettings, start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (!a || !b) return `${start}—${end}`;
  if (a.year === b.year && a.month === b.month) return fill(s.dates.rangeSameMonth, { y: a.year, m: a.month, d1: a.day, d2: b.day });
  if (a.year === b.year) return fill(s.dates.rangeSameYear, { y: a.year, m1: a.month, d1: a.day, m2: b.month, d2: b.day });
  return fill(s.dates.range, { y1: a.year, m1: a.month, d1: a.day, y2: b.year, m2: b.month, d2: b.day });
}

/** A deadline: a date prints as `2021年7月15日前`, any other text as written. */
export function formatDeadline(s: BulletinSettings, text: string): string {
  if (!text) return '';
  return parseIsoDate(text) ? fill(s.dates.before, { date: formatDay(s, text) }) : text;
}

/** The quarter's name (二) from the settings' list. */
export function quarterName(s: BulletinSettings, quarter: number): string {
  return s.quarterNames[quarter - 1] ?? String(quarter);
}

/** 2021年第二季度 (with the batch appended when the settings' pattern uses it). */
export function periodText(s: BulletinSettings, period: { year: number; quarter: number; batch?: number }): string {
  return fill(s.dates.period, { year: period.year, quarter: period.quarter, quarterName: quarterName(s, period.quarter), batch: period.batch ?? '' });
}

/** The ordinal (一, 二 …) for a 1-based group number. */
export function ordinal(s: BulletinSettings, n: number): string {
  return s.ordinals[n - 1] ?? String(n);
}
