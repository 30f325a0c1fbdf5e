// Which records a list, a problem group or a count of the settings takes (`where`), and the named
// lists of the settings: regions by their pass rate (at 100%, below 95% …), records or units by what
// their facts or hits say (portals scoring 100, units praised, accounts closed but not reported).
import type { RecordKind } from '../model';
import type { BulletinEntry, ListResult } from './bulletinModel';
import { fill } from './fill';
import { abbreviate, formOf, grammarOf, listOf, nameIn, unitName } from './phrase';
import { percent } from './rounding';
import { forKind, type BulletinSettings, type ListSettings, type Where } from './settings';
import { primaryIdentity } from '../registry/reconcile';

/** Whether a hit of the entry is one of `rules` (by rule id or `rule#condition`), among `kinds`. */
function hasRule(e: BulletinEntry, rules: readonly string[] | undefined, kinds: readonly string[]): boolean {
  return e.record.result.hits.some((h) => {
    if (!kinds.includes(h.kind)) return false;
    if (!rules) return true;
    const condition = typeof h.evidence.condition === 'string' ? `${h.ruleId}#${h.evidence.condition}` : '';
    return rules.includes(h.ruleId) || (!!condition && rules.includes(condition));
  });
}

/** A record field's value as text (siteType, status, ownerLevel, platform …). */
function fieldText(e: BulletinEntry, field: string): string | undefined {
  const v = (e.record.record as unknown as Record<string, unknown>)[field];
  return v === undefined || v === null ? undefined : String(v);
}

/** Whether an entry is one `where` takes; `group` is the key records may name in `bulletin.themes`. */
export function matchesWhere(e: BulletinEntry, w: Where, group?: string): boolean {
  if (w.kind && e.entity.kind !== w.kind) return false;
  const checked = w.checked ?? true;
  if (checked !== 'any' && e.checked !== checked) return false;
  if (w.verdict && !w.verdict.includes(e.verdict)) return false;
  const hitKinds = w.hitKinds ?? ['veto'];
  if (w.rules && !hasRule(e, w.rules, hitKinds)) return false;
  if (w.anyHit && !hasRule(e, undefined, hitKinds)) return false;
  if (w.registry && !w.registry.includes(e.record.registry.status)) return false;
  for (const [field, values] of Object.entries(w.fields ?? {})) {
    const v = fieldText(e, field);
    if (v === undefined || !values.includes(v)) return false;
  }
  const score = e.record.result.score;
  if (w.minScore !== undefined && (score === null || score < w.minScore)) return false;
  if (w.maxScore !== undefined && (score === null || score > w.maxScore)) return false;
  if (w.declared && !(group && e.themes.includes(group))) return false;
  if (w.regions && !(e.entity.region && w.regions.includes(e.entity.region))) return false;
  return true;
}

/** Entries de-duplicated on who they are, first occurrence kept. */
export function distinct(entries: readonly BulletinEntry[]): BulletinEntry[] {
  const seen = new Set<string>();
  const out: BulletinEntry[] = [];
  for (const e of entries) {
    const k = primaryIdentity(e.record.record) ?? e.entity.file;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}

/** Regions in the bulletin's order: the configured order, then as they first appear. */
export function regionsInOrder(s: BulletinSettings, entries: readonly BulletinEntry[]): string[] {
  const seen = new Set<string>();
  for (const e of entries) if (e.entity.region) seen.add(e.entity.region);
  const ordered = s.regionOrder.filter((r) => seen.has(r));
  return [...ordered, ...[...seen].filter((r) => !ordered.includes(r))];
}

/** The pass rate of one region's checked records of a kind, exactly: passed × 100 / checked. */
function regionRates(entries: readonly BulletinEntry[], kind: RecordKind | undefined): Map<string, { checked: number; failed: number }> {
  const out = new Map<string, { checked: number; failed: number }>();
  for (const e of entries) {
    if (!e.checked || (kind && e.entity.kind !== kind) || !e.entity.region) continue;
    const r = out.get(e.entity.region) ?? { checked: 0, failed: 0 };
    r.checked++;
    if (e.verdict === 'fail') r.failed++;
    out.set(e.entity.region, r);
  }
  return out;
}

function rateHolds(r: { checked: number; failed: number }, rate: NonNullable<ListSettings['rate']>): boolean {
  // compared on the exact fraction: (checked − failed) × 100 against bound × checked
  const passed100 = (r.checked - r.failed) * 100;
  if (rate.atLeast !== undefined && passed100 < rate.atLeast * r.checked) return false;
  if (rate.below !== undefined && passed100 >= rate.below * r.checked) return false;
  return true;
}

/** One named list of the settings, its items printed. */
export function buildList(s: BulletinSettings, key: string, l: ListSettings, entries: readonly BulletinEntry[]): ListResult {
  const g = grammarOf(s);
  const kind = l.kind ?? l.where?.kind;
  const abbreviations = l.abbreviations ?? s.names.abbreviations;
  let items: string[] = [];
  let others: string[] = [];
  if (l.of === 'regions') {
    const rates = regionRates(entries, kind);
    const set = (l.regions ?? regionsInOrder(s, entries.filter((e) => e.checked && (!kind || e.entity.kind === kind)))).filter((r) => rates.has(r));
    const inList = set.filter((r) => !l.rate || rateHolds(rates.get(r)!, l.rate));
    const print = (r: string) => fill(l.form ?? '{{region}}', { region: abbreviate(r, abbreviations) });
    items = inList.map(print);
    others = set.filter((r) => !inList.includes(r)).map(print);
  } else {
    const where: Where = { ...(kind ? { kind } : {}), ...l.where };
    let chosen = distinct(entries.filter((e) => matchesWhere(e, where)));
    if (l.sort === 'score') chosen = chosen.map((e, i) => ({ e, i })).sort((a, b) => (b.e.record.result.score ?? -Infinity) - (a.e.record.result.score ?? -Infinity) || a.i - b.i).map((x) => x.e);
    if (l.of === 'units') {
      const units: string[] = [];
      for (const e of chosen) {
        const u = fill(l.form ?? '{{unit}}', { unit: abbreviate(unitName(s, e.entity.sponsor), abbreviations), region: e.entity.region ?? '' });
        if (u && !units.includes(u)) units.push(u);
      }
      items = units;
    } else {
      items = chosen.map((e) => nameIn(s, e.entity, l.form ?? formOf(s, e.entity.kind), abbreviations));
    }
  }
  const count = items.length;
  const unit = kind ? forKind(s.unit, kind) : forKind(s.unit, 'website');
  const noun = kind ? s.nouns[kind] : '';
  const names = listOf(g, items, {
    join: l.join,
    last: l.last,
    max: l.max,
    etc: l.etc !== undefined ? (n) => fill(l.etc!, { count: n, unit, noun }) : undefined,
  });
  const base = kind ? entries.filter((e) => e.checked && e.entity.kind === kind).length : entries.filter((e) => e.checked).length;
  const decimals = l.decimals ?? forKind(s.precision.share, kind ?? 'website');
  const share = base > 0 ? percent(count, base, { decimals, rounding: s.rounding, wholeBare: s.wholeBare }) : null;
  return { key, kind, items, count, names, others, share };
}

/** Every named list of the settings. */
export function buildLists(s: BulletinSettings, entries: readonly BulletinEntry[]): Record<string, ListResult> {
  const out: Record<string, ListResult> = {};
  for (const [key, l] of Object.entries(s.lists)) out[key] = buildList(s, key, l, entries);
  return out;
}
