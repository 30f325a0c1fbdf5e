// Three-valued tests on one item's fields (true / false / unknown). Equality tests read a missing
// field as null and are never unknown; date tests are unknown when a date is missing, ill-formed or
// later than the check date, and say why, so the engine can report 无法判定 instead of guessing.
import { displayValue } from '../l10n';
import { formatIsoDate, parseIsoDate, type CivilDate } from '../dates';
import type { Locale, NodePath } from '../model';
import type { MissingFact } from './evaluators/context';
import { ageInDays, isLagOver, isOlderThan } from './calendarWindows';
import { isPresent, pathText, readField } from './facts';
import { t } from './messages';
import type { Predicate, Scalar } from './profileTypes';
import { compileUserPattern, type UserPattern } from './userPattern';

export type Tri = true | false | 'unknown';

export interface PredicateContext {
  locale: Locale;
  check: CivilDate | null;
  checkText: string;
}

export interface PredicateResult {
  value: Tri;
  /** Localised detail of a date test (e.g. `2021-05-20` or `2021-02-01 起，至检查日 2021-06-15`). */
  detail?: string;
  missing?: MissingFact;
}

const same = (a: unknown, b: Scalar): boolean => (isPresent(a) ? a === b : b === null);

/** Reads a date field: the civil date, or why it cannot be used. */
export function readDate(ctx: PredicateContext, base: unknown, basePath: NodePath, field: string): DateRead {
  const { path, value } = readField(base, basePath, field);
  return dateValue(ctx, value, path);
}

export interface DateRead {
  date?: CivilDate;
  path: NodePath;
  missing?: MissingFact;
  /** The fact is not recorded at all (as opposed to recorded but unusable). */
  absent?: boolean;
}

const parsedDates = new Map<string, CivilDate | null>();

/** parseIsoDate, remembered: a campaign repeats the same few hundred dates thousands of times. */
export function civilDate(value: unknown): CivilDate | null {
  if (typeof value !== 'string') return null;
  let d = parsedDates.get(value);
  if (d === undefined) {
    if (parsedDates.size > 50000) parsedDates.clear();
    parsedDates.set(value, (d = parseIsoDate(value)));
  }
  return d;
}

/** Checks a value read at `path` as a date not later than the check date. */
export function dateValue(ctx: PredicateContext, value: unknown, path: NodePath): DateRead {
  if (!isPresent(value)) return { path, absent: true, missing: { path, message: t(ctx.locale, 'fact.missing', { path: pathText(path) }) } };
  const date = civilDate(value);
  if (!date) return { path, missing: { path, message: t(ctx.locale, 'fact.notDate', { path: pathText(path), value: displayValue(value) }) } };
  if (ctx.check && ageInDays(date, ctx.check) < 0)
    return { path, missing: { path, message: t(ctx.locale, 'fact.afterCheck', { path: pathText(path), date: formatIsoDate(date), checkDate: ctx.checkText }) } };
  return { date, path };
}

/** The missing-check-date fact, localised. */
export function noCheckDate(ctx: PredicateContext): MissingFact {
  return { path: ['checkDate'], message: t(ctx.locale, 'fact.noCheckDate') };
}

/** A profile's regular expression, compiled once for the linear-time engine (userPattern.ts). */
export function compiledPattern(source: string): UserPattern {
  return compileUserPattern(source);
}

/** Evaluates one predicate on an item. */
export function testPredicate(ctx: PredicateContext, p: Predicate, item: unknown, itemPath: NodePath): PredicateResult {
  if (p.onMissing === 'undetermined' && ('equals' in p || 'notEquals' in p || 'in' in p || 'notIn' in p || 'matches' in p || 'notMatches' in p)) {
    const r = readField(item, itemPath, p.field);
    if (!isPresent(r.value)) return { value: 'unknown', missing: { path: r.path, message: t(ctx.locale, 'fact.missing', { path: pathText(r.path) }) } };
  }
  if ('equals' in p) return { value: same(readField(item, itemPath, p.field).value, p.equals) };
  if ('notEquals' in p) return { value: !same(readField(item, itemPath, p.field).value, p.notEquals) };
  if ('in' in p) {
    const v = readField(item, itemPath, p.field).value;
    return { value: p.in.some((x) => same(v, x)) };
  }
  if ('notIn' in p) {
    const v = readField(item, itemPath, p.field).value;
    return { value: !p.notIn.some((x) => same(v, x)) };
  }
  if ('matches' in p || 'notMatches' in p) {
    // a missing value neither matches nor fails to match: there is nothing to judge
    const { value } = readField(item, itemPath, p.field);
    if (!isPresent(value)) return { value: false };
    const matched = compiledPattern('matches' in p ? p.matches : p.notMatches).test(displayValue(value));
    return { value: 'matches' in p ? matched : !matched, detail: displayValue(value) };
  }
  if ('listCount' in p) {
    const { value } = readField(item, itemPath, p.field);
    const list = Array.isArray(value) ? value : [];
    const among = p.listCount.among?.map((a) => (typeof a === 'string' ? a : a.name));
    const counted = new Set(list.filter((x) => typeof x === 'string' && (!among || among.includes(x))));
    const detail = t(ctx.locale, 'detail.listCount', { n: counted.size, items: [...counted].join('、') });
    return { value: counted.size >= p.listCount.atLeast, detail };
  }
  if (!ctx.check) return { value: 'unknown', missing: noCheckDate(ctx) };
  const d = readDate(ctx, item, itemPath, p.field);
  if (!d.date) return { value: 'unknown', missing: d.missing };
  if ('olderThan' in p) {
    return { value: isOlderThan(d.date, ctx.check, p.olderThan), detail: formatIsoDate(d.date) };
  }
  if ('within' in p) {
    return { value: !isOlderThan(d.date, ctx.check, p.within), detail: formatIsoDate(d.date) };
  }
  // lagOver: from the field's date to `until` (when present and not after the check) or the check date
  const w = p.lagOver;
  let end = ctx.check;
  let endText = t(ctx.locale, 'detail.untilCheck', { checkDate: ctx.checkText });
  if (w.until) {
    const u = readField(item, itemPath, w.until);
    if (isPresent(u.value)) {
      const ud = civilDate(u.value);
      if (!ud) return { value: 'unknown', missing: { path: u.path, message: t(ctx.locale, 'fact.notDate', { path: pathText(u.path), value: displayValue(u.value) }) } };
      if (ageInDays(ud, d.date) > 0)
        return {
          value: 'unknown',
          missing: {
            path: u.path,
            message: t(ctx.locale, 'fact.untilBeforeFrom', { untilPath: pathText(u.path), until: formatIsoDate(ud), path: pathText(d.path), date: formatIsoDate(d.date) }),
          },
        };
      // a reply after the check date was still missing at the check
      if (ageInDays(ud, ctx.check) >= 0) {
        end = ud;
        endText = formatIsoDate(ud);
      }
    }
  }
  const detail = t(ctx.locale, 'detail.lag', { from: formatIsoDate(d.date), end: endText });
  return { value: isLagOver(d.date, end, w), detail };
}

/** All predicates must hold: false wins, then unknown. */
export function testAll(ctx: PredicateContext, ps: Predicate[] | undefined, item: unknown, itemPath: NodePath): PredicateResult & { details: string[] } {
  const details: string[] = [];
  let unknown: PredicateResult | undefined;
  for (const p of ps ?? []) {
    const r = testPredicate(ctx, p, item, itemPath);
    if (r.value === false) return { value: false, details: [] };
    if (r.value === 'unknown') unknown ??= r;
    else if (r.detail) details.push(r.detail);
  }
  return unknown ? { ...unknown, details } : { value: true, details };
}

