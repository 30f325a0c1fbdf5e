// Normalisation that keeps names in records and in registry exports from producing false 漏报:
// Unicode NFKC (full/half width), quotes and brackets, whitespace, traditional → simplified
// characters, platform aliases, status words, short vs full unit names, 网站标识码 and URLs.
import { PLATFORMS, type Platform } from '../model';
import rules from './normalisationRules.json';
import type { RowState } from './registryTypes';

type Converter = (text: string) => string;
type DictGroups = readonly (readonly string[])[];
let toSimplified: Converter | undefined;
/** Code units that can start a change (a traditional character); astral ones in `changingAstral`. */
let changing: Uint8Array | undefined;
let changingAstral: Set<string> | undefined;

/**
 * The traditional → simplified converter, built once on first use (its dictionaries are large),
 * and the characters it can change: a text without any of them is returned as it is, so the
 * converter runs only on the rare names that need it.
 */
function loadSimplified(): void {
  // The t2cn entry point carries only the dictionaries this direction needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const opencc = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): Converter; Locale: { to: { cn: DictGroups } } };
  toSimplified = opencc.Converter({ from: 't', to: 'cn' });
  changing = new Uint8Array(0x10000);
  changingAstral = new Set();
  // A key changes a text only where its characters differ from its replacement; a text lacking
  // every such character contains no changing key, whatever phrases the dictionary has.
  for (const dict of opencc.Locale.to.cn.flat()) {
    for (const entry of dict.split('|')) {
      const [from, to] = entry.split(' ');
      if (!from || from === to) continue;
      const f = [...from];
      const t = [...(to ?? '')];
      f.forEach((c, i) => {
        if (f.length === t.length && c === t[i]) return;
        if (c.length === 1) changing![c.charCodeAt(0)] = 1;
        else changingAstral!.add(c);
      });
    }
  }
}

function needsSimplifying(t: string): boolean {
  if (!changing) loadSimplified();
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      if (changingAstral!.has(t.slice(i, i + 2))) return true;
      i++;
    } else if (changing![c]) return true;
  }
  return false;
}

// What normalisation does to single characters, after NFKC: quotes, decorations and white space
// never distinguish two names (dropped), brackets all become ASCII ( ), capitals become small.
const KEEP = 0;
const DROP = 1;
const OPEN = 2;
const CLOSE = 3;
const LOWER = 4;
const CHAR_ACTION = (() => {
  const table = new Uint8Array(0x10000);
  const set = (chars: string, action: number): void => {
    for (const c of chars) table[c.charCodeAt(0)] = action;
  };
  set(' \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff', DROP);
  for (let c = 0x2000; c <= 0x200a; c++) table[c] = DROP;
  set('"\'“”‘’「」『』《》〈〉«»‹›`´·•・', DROP);
  set('(【〔［｛〖〘{[', OPEN);
  set(')】〕］｝〗〙}]', CLOSE);
  for (let c = 0x41; c <= 0x5a; c++) table[c] = LOWER;
  return table;
})();

/** Applies CHAR_ACTION; returns the text itself when nothing changes (the usual case). */
function applyCharActions(t: string): string {
  let i = 0;
  while (i < t.length && CHAR_ACTION[t.charCodeAt(i)] === KEEP) i++;
  if (i === t.length) return t;
  let out = t.slice(0, i);
  for (; i < t.length; i++) {
    const code = t.charCodeAt(i);
    const action = CHAR_ACTION[code];
    if (action === KEEP) out += t[i];
    else if (action === OPEN) out += '(';
    else if (action === CLOSE) out += ')';
    else if (action === LOWER) out += String.fromCharCode(code + 32);
  }
  return out;
}

/** Whether every character is printable ASCII or a CJK unified ideograph (U+4E00–U+9FFF). */
function isPlainCjk(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff))) return false;
  }
  return true;
}

const textCache = new Map<string, string>();
// Bounded so that a long-running language server does not keep every name it ever saw.
const TEXT_CACHE_LIMIT = 500_000;

/** Comparison form of a name: NFKC, simplified characters, no quotes/spaces, unified brackets, lower case. */
export function normaliseText(s: string): string {
  const cached = textCache.get(s);
  if (cached !== undefined) return cached;
  let t = s;
  // NFKC leaves printable ASCII and the CJK unified ideographs alone: most names need no call.
  if (!isPlainCjk(t)) t = t.normalize('NFKC');
  // to a fixed point: a simplified character may itself have a simpler form (薴 → 苎 → 苧), and the
  // comparison form of a comparison form must be itself
  for (let pass = 0; pass < 4 && needsSimplifying(t); pass++) {
    const simpler = toSimplified!(t);
    if (simpler === t) break;
    t = simpler;
  }
  t = applyCharActions(t);
  if (textCache.size >= TEXT_CACHE_LIMIT) textCache.clear();
  textCache.set(s, t);
  return t;
}

/** Comparison form of an account ID (微信号, 微博UID, 抖音号 …): NFKC, no spaces, no leading @, lower case. */
export function normaliseAccountId(s: string): string {
  // Most IDs are plain small letters, digits and _-. already.
  if (/^[a-z0-9_.-]+$/.test(s)) return s;
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/^@+/, '').toLowerCase();
}

let platformTable: Map<string, Platform> | undefined;

/** The canonical platform (PLATFORMS in model.ts) a spelling names, or undefined. */
export function canonicalPlatform(raw: string): Platform | undefined {
  if (!platformTable) {
    platformTable = new Map();
    const aliases = rules.platformAliases as Record<string, string[]>;
    for (const p of PLATFORMS) {
      platformTable.set(normaliseText(p), p);
      for (const alias of aliases[p] ?? []) platformTable.set(normaliseText(alias), p);
    }
  }
  return platformTable.get(normaliseText(raw));
}

let stateTable: Map<string, RowState> | undefined;

/** The filing state a status cell spells (正常/关停/注销/例外 and their variants), or 'unknown'. */
export function rowState(raw: string | undefined): RowState {
  if (!stateTable) {
    stateTable = new Map();
    for (const [state, words] of Object.entries(rules.status)) {
      for (const w of words) stateTable.set(normaliseText(w), state as RowState);
    }
  }
  return stateTable.get(normaliseText(raw ?? '')) ?? 'unknown';
}

/** Whether a region column value names a provincial unit (省直 …) rather than a place. */
export function isProvincialRegion(region: string | undefined): boolean {
  if (!region) return false;
  const r = normaliseText(region);
  return rules.provincialRegions.some((p) => normaliseText(p) === r);
}

// ---------------------------------------------------------------------------------------------
// Unit names: 省司法厅 ≈ 海南省司法厅, 海口市人民政府 ≈ 海口市政府, 海南省海口市教育局 ≈ 海口市教育局.
// ---------------------------------------------------------------------------------------------

type RegionLevel = 'province' | 'city' | 'county';

/** A unit name split into its leading region names and the rest. */
export interface ParsedUnit {
  /** Canonical names of the regions it starts with, outermost first (海南省, 海口市). */
  regions: string[];
  /** A bare level word it starts with instead (省司法厅 → province). */
  generic?: RegionLevel;
  /** The rest, normalised, with generic words unified (人民政府 → 政府). */
  core: string;
}

const SUFFIXES = [...rules.regionSuffixes].sort((a, b) => b.length - a.length);
const ETHNIC = rules.ethnicQualifiers;
const PROVINCE_RE = new RegExp(rules.provinceNamePattern, 'u');
let replacements: [string, string][] | undefined;

/** unitReplacements in comparison form (normalised once, on first use). */
function unitReplacements(): [string, string][] {
  return (replacements ??= rules.unitReplacements.map(([from, to]) => [normaliseText(from), normaliseText(to)]));
}

function levelOfRegion(name: string): RegionLevel | undefined {
  for (const [level, suffixes] of Object.entries(rules.regionLevels) as [RegionLevel, string[]][]) {
    if (suffixes.some((s) => name.endsWith(s))) return level;
  }
  return undefined;
}

/**
 * The spellings of a region name, canonical first: 海口市 and 海口; 琼中黎族苗族自治县 and 琼中.
 * The short form drops the suffix and any ethnic qualifiers, and exists only when at least two
 * characters remain. None for what is no place name (省直, or a name without a region suffix).
 */
function regionForms(name: string): string[] {
  const full = normaliseText(name);
  const suffix = SUFFIXES.find((s) => full.endsWith(s) && full.length > s.length);
  if (!suffix || rules.provincialRegions.some((p) => normaliseText(p) === full)) return [];
  let stem = full.slice(0, full.length - suffix.length);
  for (;;) {
    const qualifier = ETHNIC.find((e) => stem.endsWith(e));
    if (!qualifier) break;
    stem = stem.slice(0, -qualifier.length);
  }
  return stem.length >= 2 ? [full, stem] : [full];
}

/**
 * Knows the region names of the data (registry region column, provinces leading the sponsors) and
 * compares unit names by their core, treating a missing or abbreviated region prefix as the same.
 */
export class UnitNames {
  /** Spellings (full or short, normalised; two characters at least) by their first two characters, longest first. */
  private readonly forms = new Map<string, { form: string; region: string }[]>();
  private readonly known = new Set<string>();
  /** Parses by normalised name. */
  private readonly parsed = new Map<string, ParsedUnit>();
  private readonly added = new Set<string>();

  /** Adds a region name such as 海口市 (also known as 海口); names without a region suffix are ignored. */
  addRegion(name: string): void {
    // Exports repeat a handful of region names on every row: handle each once.
    if (this.added.has(name)) return;
    this.added.add(name);
    const forms = regionForms(name);
    if (forms.length === 0 || this.known.has(forms[0])) return;
    this.parsed.clear();
    for (const form of forms) if (!this.known.has(form)) this.addForm(form, forms[0]);
  }

  private addForm(form: string, region: string): void {
    this.known.add(form);
    const head = form.slice(0, 2);
    const list = this.forms.get(head) ?? [];
    list.push({ form, region });
    list.sort((a, b) => b.form.length - a.form.length);
    this.forms.set(head, list);
  }

  /** Adds the province a unit name starts with (海南省司法厅 → 海南省), if any. */
  addProvinceOf(unitName: string): void {
    const m = PROVINCE_RE.exec(normaliseText(unitName));
    if (m) this.addRegion(m[0]);
  }

  /**
   * Splits a unit name into its region prefixes and core. Results are kept for names asked about
   * again; `keep: false` for names parsed once in bulk (every row of a large export).
   */
  parse(name: string, keep = true): ParsedUnit {
    let s = normaliseText(name);
    const cached = this.parsed.get(s);
    if (cached) return cached;
    const key = s;
    const regions: string[] = [];
    for (;;) {
      // the longest known spelling the rest starts with, never the whole rest
      const hit = this.forms.get(s.slice(0, 2))?.find((f) => f.form.length < s.length && s.startsWith(f.form));
      if (!hit) break;
      s = s.slice(hit.form.length);
      if (regions[regions.length - 1] !== hit.region) regions.push(hit.region);
    }
    let generic: RegionLevel | undefined;
    const markers = rules.genericRegionMarkers as Record<string, RegionLevel>;
    if (regions.length === 0 && s.length > 2 && markers[s[0]]) {
      generic = markers[s[0]];
      s = s.slice(1);
    }
    let core = s;
    for (const [from, to] of unitReplacements()) if (core.includes(from)) core = core.split(from).join(to);
    const result: ParsedUnit = { regions, generic, core };
    if (keep) this.parsed.set(key, result);
    return result;
  }

  /**
   * The most specific region a name starts with (海南省海口市教育局 → 海口市), if any; `region` (the
   * record's own) also counts, without being learnt: what one record says never changes another's.
   */
  placeOf(name: string | ParsedUnit, region?: string): string | undefined {
    const regions = (typeof name === 'string' ? this.parse(name) : name).regions;
    if (regions.length > 0) return regions[regions.length - 1];
    if (typeof name !== 'string') return undefined;
    if (!region) return undefined;
    const key = normaliseText(name);
    const forms = regionForms(region);
    return forms.some((f) => key.length > f.length && key.startsWith(f)) ? forms[0] : undefined;
  }

  /**
   * Whether two unit (or account) names name the same unit, allowing short vs full forms. With
   * `bothPlaced`, each name must say where it is (a region or a bare 省/市): 省司法厅 ≈ 海南省司法厅,
   * but a bare 司法厅 is only similar — what matching needs, where a loose match would hide a 漏报.
   */
  same(a: string, b: string, bothPlaced = false): boolean {
    if (a === b || normaliseText(a) === normaliseText(b)) return true;
    const pa = this.parse(a);
    const pb = this.parse(b);
    if (bothPlaced && !(placed(pa) && placed(pb))) return false;
    return pa.core === pb.core && pa.core.length > 0 && compatibleRegions(pa, pb);
  }
}

/**
 * Lookup keys for finding, among many names, those `same(…, true)` may accept: a name is filed
 * under its core with its most specific region, with the level of each of its regions, and with
 * its bare level word; a query asks for the keys a compatible name would be filed under. None when
 * the name says nowhere where it is or its core is too short to identify anything.
 */
export function filedUnitKeys(u: ParsedUnit, minCore: number): string[] {
  if (u.core.length < minCore || !placed(u)) return [];
  const keys: string[] = [];
  if (u.regions.length > 0) keys.push(`${u.core}\u0001@${u.regions[u.regions.length - 1]}`);
  for (const r of u.regions) {
    const level = levelOfRegion(r);
    if (level && !keys.includes(`${u.core}\u0001#${level}`)) keys.push(`${u.core}\u0001#${level}`);
  }
  if (u.generic) keys.push(`${u.core}\u0001*${u.generic}`);
  return keys;
}

/** The keys under which names compatible with this one are filed (see filedUnitKeys). */
export function wantedUnitKeys(u: ParsedUnit, minCore: number): string[] {
  if (u.core.length < minCore || !placed(u)) return [];
  const keys: string[] = [];
  if (u.regions.length > 0) keys.push(`${u.core}\u0001@${u.regions[u.regions.length - 1]}`);
  for (const r of u.regions) {
    const level = levelOfRegion(r);
    if (level && !keys.includes(`${u.core}\u0001*${level}`)) keys.push(`${u.core}\u0001*${level}`);
  }
  if (u.generic) keys.push(`${u.core}\u0001#${u.generic}`, `${u.core}\u0001*${u.generic}`);
  return keys;
}

function placed(u: ParsedUnit): boolean {
  return u.regions.length > 0 || u.generic !== undefined;
}

/** Regions agree when the most specific ones are equal, one side names none, or a bare 省/市 fits. */
function compatibleRegions(a: ParsedUnit, b: ParsedUnit): boolean {
  const ra = a.regions[a.regions.length - 1];
  const rb = b.regions[b.regions.length - 1];
  if (ra && rb) return ra === rb;
  if (ra) return !b.generic || a.regions.some((r) => levelOfRegion(r) === b.generic);
  if (rb) return !a.generic || b.regions.some((r) => levelOfRegion(r) === a.generic);
  return a.generic === b.generic || !a.generic || !b.generic;
}

/** Comparison form of a website name: as normaliseText, without a trailing 门户网站 / 网站 / 网 (X网站 names site X). */
export function siteNameKey(name: string): string {
  const key = normaliseText(name);
  for (const suffix of rules.websiteNameSuffixes) {
    if (key.endsWith(suffix) && key.length - suffix.length >= 2) return key.slice(0, -suffix.length);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// 网站标识码 and URLs
// ---------------------------------------------------------------------------------------------

/** Comparison form of a 网站标识码 (NFKC, no spaces, lower-case bm). */
export function normaliseSiteCode(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Whether a 网站标识码 has a valid form: province division code + 8 digits, or bm + 8 digits. */
export function isWellFormedSiteCode(code: string): boolean {
  const c = normaliseSiteCode(code);
  if (new RegExp(rules.siteCode.departmentPattern).test(c)) return true;
  return new RegExp(rules.siteCode.divisionPattern).test(c) && rules.siteCode.provinceCodes.includes(c.slice(0, 2));
}

/** Comparison keys of a site address: host without www. plus path, and the host alone. */
export function urlKeys(raw: string): { full: string; host: string } | undefined {
  let s = raw.normalize('NFKC').trim().toLowerCase();
  if (!s) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(s)) s = `http://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if (!u.hostname) return undefined;
  const host = u.hostname.replace(/^www\./, '') + (u.port ? `:${u.port}` : '');
  const segments = u.pathname.split('/').filter((p) => p.length > 0);
  if (segments.length > 0 && rules.urlIndexPages.includes(segments[segments.length - 1])) segments.pop();
  const full = segments.length > 0 ? `${host}/${segments.join('/')}` : host;
  return { full, host };
}
