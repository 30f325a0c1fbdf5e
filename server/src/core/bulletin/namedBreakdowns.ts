// The named breakdowns of the settings: the checked records or the population of a kind split by
// region, platform, owner level, site type or owner group (or by several at once), each row printed
// with its phrase, minor rows folded into one (其他), and the rows' sum held against the total.
import { PLATFORMS, type RecordKind } from '../model';
import type { BulletinEntry, NamedBreakdown, NamedBreakdownRow } from './bulletinModel';
import { fill } from './fill';
import { formOf, grammarOf, listOf, nameIn, platformName } from './phrase';
import { percent } from './rounding';
import { regionsInOrder } from './selection';
import { forKind, type BreakdownSettings, type BulletinSettings } from './settings';

/** The population a breakdown may count: the registry's running rows (mapped values) per kind. */
export type RegistryRunning = Partial<Record<RecordKind, Record<string, string>[]>>;

/** Owner level → the settings' group (省直 / 市县). */
export function ownerGroupOf(s: BulletinSettings, level: string | undefined): string | undefined {
  if (!level) return undefined;
  for (const [group, levels] of Object.entries(s.ownerLevelGroups)) if (levels.includes(level)) return group;
  return undefined;
}

/** The value of one field of a checked record, as breakdowns group it. */
function entryField(s: BulletinSettings, e: BulletinEntry, field: string): string | undefined {
  if (field === 'ownerGroup') return ownerGroupOf(s, e.entity.ownerLevel);
  const v = (e.entity as unknown as Record<string, unknown>)[field] ?? (e.record.record as unknown as Record<string, unknown>)[field];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** The value of one field of a registry row (its `level` column is the owner level). */
function rowField(s: BulletinSettings, values: Record<string, string>, field: string): string | undefined {
  if (field === 'ownerGroup') return ownerGroupOf(s, values.level);
  const v = field === 'ownerLevel' ? values.level : values[field];
  return v ? v : undefined;
}

interface Item {
  fields: (field: string) => string | undefined;
  checked: boolean;
  failed: boolean;
  name?: string;
}

function fieldsOf(b: BreakdownSettings): string[] {
  return Array.isArray(b.by) ? b.by : [b.by];
}

function rowMatches(item: Item, match: Record<string, string | string[]>): boolean {
  return Object.entries(match).every(([field, want]) => {
    const v = item.fields(field);
    return v !== undefined && (Array.isArray(want) ? want.includes(v) : want === v);
  });
}

/** The default order of keys: the configured order, regions in the bulletin's order, platforms in the record format's order. */
function orderKeys(s: BulletinSettings, b: BreakdownSettings, keys: string[], entries: readonly BulletinEntry[]): string[] {
  const fields = fieldsOf(b);
  let preferred: string[] = b.order ?? [];
  if (!b.order && fields.length === 1 && fields[0] === 'region') preferred = regionsInOrder(s, entries);
  if (!b.order && fields.length === 1 && fields[0] === 'platform') preferred = [...PLATFORMS];
  const first = preferred.filter((k) => keys.includes(k));
  return [...first, ...keys.filter((k) => !first.includes(k))];
}

interface Tally {
  key: string;
  label: string;
  count: number;
  checked: number;
  failed: number;
  names: string[];
}

function tallyOf(rows: Map<string, Tally>, key: string, label: string): Tally {
  let t = rows.get(key);
  if (!t) rows.set(key, (t = { key, label, count: 0, checked: 0, failed: 0, names: [] }));
  return t;
}

/** One named breakdown, its rows printed. */
export function buildNamedBreakdown(
  s: BulletinSettings,
  key: string,
  b: BreakdownSettings,
  entries: readonly BulletinEntry[],
  population: number | null,
  registry: RegistryRunning | undefined,
): NamedBreakdown {
  const of = b.of ?? 'checked';
  const fields = fieldsOf(b);
  let source: NamedBreakdown['source'] = 'records';
  let items: Item[] = [];
  const declared = of === 'population' && fields.length === 1 ? s.composition[b.kind]?.[fields[0]] : undefined;
  if (of === 'checked') {
    items = entries
      .filter((e) => e.checked && e.entity.kind === b.kind)
      .map((e) => ({ fields: (f: string) => entryField(s, e, f), checked: true, failed: e.verdict === 'fail', name: nameIn(s, e.entity, b.form ?? formOf(s, b.kind)) }));
  } else if (!declared) {
    const rows = registry?.[b.kind];
    source = rows ? 'registry' : 'none';
    items = (rows ?? []).map((values) => ({ fields: (f: string) => rowField(s, values, f), checked: false, failed: false }));
  } else source = 'campaign';

  const labelOf = (k: string): string => b.labels?.[k] ?? (fields.length === 1 && fields[0] === 'platform' ? platformName(s, k) : k);
  const tallies = new Map<string, Tally>();
  if (declared) {
    for (const [k, n] of Object.entries(declared)) tallyOf(tallies, k, labelOf(k)).count += n;
  } else if (b.rows) {
    b.rows.forEach((r, i) => tallyOf(tallies, String(i), r.label ?? ''));
    for (const item of items) {
      const i = b.rows.findIndex((r) => rowMatches(item, r.match));
      if (i < 0) continue;
      const t = tallies.get(String(i))!;
      t.count++;
      if (item.name) t.names.push(item.name);
      if (item.checked) t.checked++;
      if (item.failed) t.failed++;
    }
  } else {
    for (const item of items) {
      const values = fields.map((f) => item.fields(f));
      if (values.some((v) => v === undefined)) continue;
      const k = values.join('|');
      const t = tallyOf(tallies, k, labelOf(k));
      t.count++;
      if (item.name) t.names.push(item.name);
      if (item.checked) t.checked++;
      if (item.failed) t.failed++;
    }
  }

  let ordered: Tally[] = b.rows ? [...tallies.values()] : orderKeys(s, b, [...tallies.keys()], entries).map((k) => tallies.get(k)!);
  if (b.other) {
    const fold = ordered.filter((t) => b.other!.keys?.includes(t.key) || (b.other!.below !== undefined && t.count < b.other!.below) || t.key === b.other!.label);
    if (fold.length) {
      const merged: Tally = { key: b.other.label, label: b.other.label, count: 0, checked: 0, failed: 0, names: [] };
      for (const t of fold) {
        merged.names.push(...t.names);
        merged.count += t.count;
        merged.checked += t.checked;
        merged.failed += t.failed;
      }
      ordered = [...ordered.filter((t) => !fold.includes(t)), merged];
    }
  }

  const unit = forKind(s.unit, b.kind);
  const noun = s.nouns[b.kind];
  const decimals = forKind(s.precision.passRate, b.kind);
  const defaultPhrase = of === 'checked' ? '{{label}}{{checked}}{{unit}}' : '{{label}}{{count}}{{unit}}';
  const g = grammarOf(s);
  const rows: NamedBreakdownRow[] = ordered.map((t, i) => {
    const passRate = t.checked > 0 ? percent(t.checked - t.failed, t.checked, { decimals, never100: s.never100, rounding: s.rounding, wholeBare: s.wholeBare }) : null;
    const row = { key: t.key, label: t.label, count: of === 'checked' ? t.checked : t.count, checked: t.checked, failed: t.failed, passed: t.checked - t.failed, passRate, names: listOf(g, t.names) };
    const phrase = b.rows?.[i]?.phrase ?? b.phrase ?? defaultPhrase;
    return { ...row, text: fill(phrase, { ...row, passRate: passRate ? `${passRate.text}%` : '', unit, noun }) };
  });
  const sum = rows.reduce((n, r) => n + r.count, 0);
  const printed = b.skipZero ? rows.filter((r) => r[b.skipZero!] !== 0) : rows;
  const joined = listOf(g, printed.map((r) => r.text), { join: b.join ?? s.names.join, last: b.last ?? b.join ?? s.names.join, runQuoted: false });
  const total = of === 'checked' ? items.length : population;
  return { key, kind: b.kind, of, rows, total, sum, source, text: joined ? (b.lead ?? '') + joined : '' };
}

/** Every named breakdown of the settings. */
export function buildNamedBreakdowns(
  s: BulletinSettings,
  entries: readonly BulletinEntry[],
  population: Record<RecordKind, number | null>,
  registry: RegistryRunning | undefined,
): Record<string, NamedBreakdown> {
  const out: Record<string, NamedBreakdown> = {};
  for (const [key, b] of Object.entries(s.breakdowns)) out[key] = buildNamedBreakdown(s, key, b, entries, population[b.kind], registry);
  return out;
}
