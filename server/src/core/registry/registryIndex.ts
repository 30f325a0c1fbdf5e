// Lookups over the imported registry in O(1): media by (platform, account ID) and (platform,
// normalised name), websites by 网站标识码, address and name; never across platforms. Near misses
// are searched per platform only for records that found no exact match.
import type { Platform, RegistryRowRef } from '../model';
import { defaultRegistryMapping } from './columnMapping';
import { NearKeyIndex } from './nearMatch';
import { isMeaningfulNearMiss } from './nearMissPolicy';
import { filedUnitKeys, normaliseAccountId, type ParsedUnit, normaliseSiteCode, normaliseText, siteNameKey, UnitNames, urlKeys, wantedUnitKeys } from './normalise';
import type { MatchingOptions, RegistryRow, RegistryTable } from './registryTypes';

/** How a record found its row. */
export type MatchVia = 'id' | 'name' | 'unit' | 'siteCode' | 'url' | 'host';

/** Why a row is suggested. */
export type SuggestionReason = 'edit' | 'contains' | 'contained' | 'id-differs' | 'id-edit' | 'ambiguous';

export interface Suggestion {
  row: RegistryRow;
  reason: SuggestionReason;
  /** Edit distance, for 'edit' and 'id-edit'. */
  distance?: number;
}

export interface MatchResult {
  row?: RegistryRow;
  via?: MatchVia;
  suggestions: Suggestion[];
}

/** What a media record offers to matching. */
export interface MediaQuery {
  platform: Platform;
  name: string;
  accountId?: string;
  /** The record's region, which places its name when the registry does not know the place. */
  region?: string;
}

/** What a website record offers to matching. */
export interface WebsiteQuery {
  name: string;
  siteCode?: string;
  url?: string;
  /** The record's region (see MediaQuery). */
  region?: string;
}

/** What is built, on the first record that needs it, for rows without an exact match. */
interface Fuzzy {
  /** Near-miss search over the rows' names (within one place). */
  names: NearKeyIndex;
  /** Near-miss search over the rows' account IDs (media). */
  ids?: NearKeyIndex;
  /** Rows by unit keys (core with region), for short vs full names. */
  byUnit: Map<string, RegistryRow[]>;
}

/** One platform's media rows (or all website rows) with their exact lookups. */
interface Table {
  rows: RegistryRow[];
  fuzzy?: Fuzzy;
}

interface MediaTable extends Table {
  byId: Map<string, RegistryRow[]>;
  byName: Map<string, RegistryRow[]>;
}

/** Numbers the places rows' names start with, so that near misses stay within one place. */
class PlaceGroups {
  private readonly ids = new Map<string, number>();

  constructor(private readonly units: UnitNames) {}

  /** The group of a name (placed by its own `region` too): its place's number, or -1 when it names no place. */
  of(name: string | ParsedUnit, region?: string): number {
    const place = this.units.placeOf(name, region);
    if (place === undefined) return -1;
    let id = this.ids.get(place);
    if (id === undefined) this.ids.set(place, (id = this.ids.size));
    return id;
  }
}

const SEP = '\u0001';
// A one-character core (局, 办) says nothing about which unit it is.
const MIN_UNIT_CORE = 2;

function push<K>(m: Map<K, RegistryRow[]>, k: K, row: RegistryRow): void {
  const list = m.get(k);
  if (list) list.push(row);
  else m.set(k, [row]);
}

/** A stable identity of a row (file, sheet, row number). */
export function rowKey(ref: RegistryRowRef): string {
  return `${ref.file}${SEP}${ref.sheet ?? ''}${SEP}${ref.row}`;
}

/**
 * Groups of registry rows that file one account or site more than once: the same platform and
 * account ID, the same platform and name (unless both rows carry different IDs), the same
 * 网站标识码 or the same address. Groups that overlap are merged; rows and groups in file order.
 */
export function duplicateFilings(rows: readonly RegistryRowRef[]): RegistryRowRef[][] {
  // space (what is compared, per platform) → comparison value → rows
  const spaces = new Map<string, Map<string, RegistryRowRef[]>>();
  const add = (space: string, key: string, ref: RegistryRowRef): void => {
    let byKey = spaces.get(space);
    if (!byKey) spaces.set(space, (byKey = new Map()));
    const list = byKey.get(key);
    if (list) list.push(ref);
    else byKey.set(key, [ref]);
  };
  for (const ref of rows) {
    const v = ref.values;
    if (v.platform) {
      if (v.accountId) add(`id${SEP}${v.platform}`, normaliseAccountId(v.accountId), ref);
      if (v.name) add(`name${SEP}${v.platform}`, normaliseText(v.name), ref);
    } else {
      if (v.siteCode) add('code', normaliseSiteCode(v.siteCode), ref);
      const u = v.url ? urlKeys(v.url) : undefined;
      if (u) add('url', u.full, ref);
    }
  }
  // Merge overlapping groups (a row duplicated by ID and by name is one group).
  const groupOf = new Map<RegistryRowRef, Set<RegistryRowRef>>();
  for (const [space, byKey] of spaces) {
    for (const list of byKey.values()) {
      if (list.length < 2) continue;
      // the same name with different account IDs on every row: different accounts
      if (space.startsWith('name') && list.every((r) => r.values.accountId)) continue;
      const merged = new Set<RegistryRowRef>(list);
      for (const r of list) for (const other of groupOf.get(r) ?? []) merged.add(other);
      for (const r of merged) groupOf.set(r, merged);
    }
  }
  if (groupOf.size === 0) return [];
  const order = new Map(rows.map((r, i) => [r, i]));
  return [...new Set(groupOf.values())]
    .map((g) => [...g].sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** The indexed registry of a campaign (both kinds); build once, query per record. */
export class RegistryIndex {
  readonly units = new UnitNames();
  readonly matching: MatchingOptions;
  /** Groups of rows that file the same account or site twice. */
  readonly duplicateRows: RegistryRow[][] = [];

  private readonly mediaTables = new Map<Platform, MediaTable>();
  private readonly sites: Table = { rows: [] };
  private readonly siteByCode = new Map<string, RegistryRow[]>();
  private readonly siteByUrl = new Map<string, RegistryRow[]>();
  private readonly siteByHost = new Map<string, RegistryRow[]>();
  private readonly siteByName = new Map<string, RegistryRow[]>();
  private readonly places: PlaceGroups;
  private readonly duplicateOf = new Map<RegistryRow, RegistryRow[]>();

  constructor(
    readonly media: RegistryTable | undefined,
    readonly websites: RegistryTable | undefined,
    matching: MatchingOptions = defaultRegistryMapping().matching,
  ) {
    this.matching = matching;
    this.places = new PlaceGroups(this.units);
    // Region names first: places and unit names depend on every region the data knows.
    for (const table of [media, websites]) {
      for (const row of table?.rows ?? []) {
        if (row.ref.values.region) this.units.addRegion(row.ref.values.region);
        if (row.ref.values.sponsor) this.units.addProvinceOf(row.ref.values.sponsor);
      }
    }
    for (const row of media?.rows ?? []) this.addMedia(row);
    for (const row of websites?.rows ?? []) this.addWebsite(row);
    this.findDuplicateRows();
  }

  /** Whether a registry of that kind was loaded (else its records are not reconciled). */
  has(kind: 'media' | 'website'): boolean {
    return kind === 'media' ? this.media !== undefined : this.websites !== undefined;
  }

  /** The other rows filing the same account/site as this one (empty when none). */
  duplicatesOf(row: RegistryRow): RegistryRow[] {
    return this.duplicateOf.get(row) ?? [];
  }

  private addMedia(row: RegistryRow): void {
    const v = row.ref.values;
    let table = this.mediaTables.get(row.platform!);
    if (!table) this.mediaTables.set(row.platform!, (table = { rows: [], byId: new Map(), byName: new Map() }));
    table.rows.push(row);
    if (v.accountId) push(table.byId, normaliseAccountId(v.accountId), row);
    push(table.byName, normaliseText(v.name), row);
  }

  private addWebsite(row: RegistryRow): void {
    const v = row.ref.values;
    this.sites.rows.push(row);
    if (v.siteCode) push(this.siteByCode, normaliseSiteCode(v.siteCode), row);
    const u = v.url ? urlKeys(v.url) : undefined;
    if (u) {
      push(this.siteByUrl, u.full, row);
      push(this.siteByHost, u.host, row);
    }
    if (v.name) push(this.siteByName, siteNameKey(v.name), row);
  }

  /** Near-miss indexes and unit keys of a table, built once, on the first record without an exact match. */
  private fuzzy(table: Table, nameKey: (row: RegistryRow) => string, withIds: boolean): Fuzzy {
    if (table.fuzzy) return table.fuzzy;
    const names = table.rows.map(nameKey);
    const groups = new Int32Array(names.length);
    const byUnit = new Map<string, RegistryRow[]>();
    names.forEach((name, i) => {
      const parsed = this.units.parse(name, false);
      groups[i] = this.places.of(parsed);
      for (const k of filedUnitKeys(parsed, MIN_UNIT_CORE)) push(byUnit, k, table.rows[i]);
    });
    table.fuzzy = {
      names: new NearKeyIndex(names, groups),
      ids: withIds ? new NearKeyIndex(table.rows.map((r) => (r.ref.values.accountId ? normaliseAccountId(r.ref.values.accountId) : ''))) : undefined,
      byUnit,
    };
    return table.fuzzy;
  }

  /** Rows filed under any of the unit keys a name is wanted under, each once, that name the same unit. */
  private sameUnit(fuzzy: Fuzzy, name: string, rowName: (row: RegistryRow) => string): RegistryRow[] {
    const out = new Set<RegistryRow>();
    for (const k of wantedUnitKeys(this.units.parse(name), MIN_UNIT_CORE)) for (const r of fuzzy.byUnit.get(k) ?? []) out.add(r);
    return [...out].filter((r) => this.units.same(name, rowName(r), true));
  }

  private findDuplicateRows(): void {
    const byRef = new Map<RegistryRowRef, RegistryRow>();
    for (const table of [this.media, this.websites]) for (const r of table?.rows ?? []) byRef.set(r.ref, r);
    const groups = duplicateFilings([...byRef.keys()]);
    for (const refs of groups) {
      const rows = refs.map((ref) => byRef.get(ref)!);
      this.duplicateRows.push(rows);
      for (const r of rows) this.duplicateOf.set(r, rows.filter((o) => o !== r));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Media
  // -------------------------------------------------------------------------------------------

  /** Finds a media record's row: (platform, ID), else (platform, name), else the unit-equivalent name; else near misses. */
  matchMedia(q: MediaQuery): MatchResult {
    const table = this.mediaTables.get(q.platform);
    if (!table) return { suggestions: [] };
    const idKey = q.accountId ? normaliseAccountId(q.accountId) : '';
    if (idKey) {
      const byId = table.byId.get(idKey);
      if (byId) return { row: preferRunning(byId), via: 'id', suggestions: [] };
    }
    const compatible = (r: RegistryRow): boolean => !idKey || !r.ref.values.accountId;
    const nameKey = normaliseText(q.name);
    const byName = table.byName.get(nameKey) ?? [];
    const nameOk = byName.filter(compatible);
    if (nameOk.length > 0) return { row: preferRunning(nameOk), via: 'name', suggestions: [] };
    const suggestions: Suggestion[] = byName.map((row) => ({ row, reason: 'id-differs' as const }));

    const fuzzy = this.fuzzy(table, (r) => normaliseText(r.ref.values.name), true);
    const same = this.sameUnit(fuzzy, q.name, (r) => r.ref.values.name);
    const unitOk = same.filter(compatible);
    if (unitOk.length === 1 && suggestions.length === 0) return { row: unitOk[0], via: 'unit', suggestions: [] };
    for (const row of same) suggestions.push({ row, reason: unitOk.includes(row) ? 'ambiguous' : 'id-differs' });

    const near = this.nearNames(fuzzy.names, table.rows, nameKey, this.places.of(nameKey, q.region), q.region, (r) => normaliseText(r.ref.values.name));
    if (idKey && fuzzy.ids && this.matching.maxIdEditDistance > 0) {
      for (const h of fuzzy.ids.search(idKey, { maxDistance: this.matching.maxIdEditDistance, maxScan: this.matching.maxCandidateScan })) {
        near.push({ row: table.rows[h.item], reason: 'id-edit', distance: h.distance });
      }
    }
    return { suggestions: this.finish(suggestions, near) };
  }

  /** Rows whose names are near misses of `key` (nearMissPolicy.ts: dropped or added characters, no number, no other place). */
  private nearNames(index: NearKeyIndex, rows: RegistryRow[], key: string, group: number, region: string | undefined, rowKey: (row: RegistryRow) => string): Suggestion[] {
    const m = this.matching;
    const maxDistance = Math.min(m.maxEditDistance, Math.floor(key.length / m.charsPerEdit));
    const containment = { minLength: m.minContainedLength, minRatio: m.minContainedRatio };
    const accept = (i: number): boolean => isMeaningfulNearMiss(key, rowKey(rows[i]), this.units, region);
    return index
      .search(key, { maxDistance, containment, maxScan: m.maxCandidateScan, enough: 1, group, accept })
      .map((h) => ({
        row: rows[h.item],
        reason: h.distance !== undefined ? ('edit' as const) : h.containment === 'inside' ? ('contains' as const) : ('contained' as const),
        distance: h.distance,
      }));
  }

  /** Exact-tier suggestions first, then near ones; each row once; at most maxSuggestions. */
  private finish(first: Suggestion[], near: Suggestion[]): Suggestion[] {
    const seen = new Set<RegistryRow>();
    const out: Suggestion[] = [];
    for (const s of [...first, ...near]) {
      if (seen.has(s.row)) continue;
      seen.add(s.row);
      out.push(s);
      if (out.length >= this.matching.maxSuggestions) break;
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Websites
  // -------------------------------------------------------------------------------------------

  /** The rows filed under a 网站标识码. */
  siteCodeRows(code: string): RegistryRow[] {
    return this.siteByCode.get(normaliseSiteCode(code)) ?? [];
  }

  /** Finds a website record's row: 网站标识码, else address (host + path, or a host with one site), else name; else near misses. */
  matchWebsite(q: WebsiteQuery): MatchResult {
    if (q.siteCode) {
      const byCode = this.siteCodeRows(q.siteCode);
      if (byCode.length > 0) return { row: preferRunning(byCode), via: 'siteCode', suggestions: [] };
    }
    const u = q.url ? urlKeys(q.url) : undefined;
    if (u) {
      const byUrl = this.siteByUrl.get(u.full);
      if (byUrl) return { row: preferRunning(byUrl), via: 'url', suggestions: [] };
      // Several sites may share a host (集约化 platforms put departments under paths): only a host
      // with a single site identifies it.
      const byHost = this.siteByHost.get(u.host);
      if (byHost && new Set(byHost.map((r) => urlKeys(r.ref.values.url!)!.full)).size === 1) return { row: preferRunning(byHost), via: 'host', suggestions: [] };
    }
    const nameKey = siteNameKey(q.name);
    const byName = this.siteByName.get(nameKey);
    if (byName) return { row: preferRunning(byName), via: 'name', suggestions: [] };
    const fuzzy = this.fuzzy(this.sites, (r) => siteNameKey(r.ref.values.name ?? ''), false);
    const same = this.sameUnit(fuzzy, nameKey, (r) => siteNameKey(r.ref.values.name ?? ''));
    if (same.length === 1) return { row: same[0], via: 'unit', suggestions: [] };
    const suggestions: Suggestion[] = same.map((row) => ({ row, reason: 'ambiguous' as const }));
    return { suggestions: this.finish(suggestions, this.nearNames(fuzzy.names, this.sites.rows, nameKey, this.places.of(nameKey, q.region), q.region, (r) => siteNameKey(r.ref.values.name ?? ''))) };
  }

  /** Whether two website names name the same site (X网站 is site X; short vs full unit names). */
  sameSiteName(a: string, b: string): boolean {
    return this.units.same(siteNameKey(a), siteNameKey(b));
  }

  /** Rows of a kind that count as running (status 正常 or empty), each filed account/site once. */
  runningCount(kind: 'media' | 'website'): number | null {
    const table = kind === 'media' ? this.media : this.websites;
    if (!table) return null;
    let n = 0;
    const counted = new Set<RegistryRow>();
    for (const row of table.rows) {
      if (row.state !== 'running' || counted.has(row)) continue;
      n++;
      counted.add(row);
      for (const d of this.duplicatesOf(row)) counted.add(d);
    }
    return n;
  }
}

/** Of rows filing one account, the running one (a closed duplicate must not hide a live filing). */
function preferRunning(rows: RegistryRow[]): RegistryRow {
  return rows.find((r) => r.state === 'running') ?? rows[0];
}

