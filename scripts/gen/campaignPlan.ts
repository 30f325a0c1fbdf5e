// The campaign's population, planned before any file is written: which units exist in which
// divisions, their websites and accounts (unique names per platform), which are sampled, which are
// missing from the registry, and where the "hot" regions are. Everything is drawn from one seeded
// stream in a fixed order, so a plan is a pure function of its options.
import type { OwnerLevel, Platform, SiteType } from '../../server/src/core/model';
import { descendants, findProvince, provinces, type Division } from './divisionTree';
import { MIX } from './generationMix';
import { Prng } from './prng';
import {
  DEPARTMENTS, GOVERNMENT, MINISTRIES, PLATFORM_WEIGHTS, SUBORDINATE_UNITS, type Department,
} from './vocabulary';

/** Domain labels of the provinces (the part before `.gov.cn` of their portals). */
const PROVINCE_DOMAINS: Record<string, string> = {
  '11': 'beijing', '12': 'tj', '13': 'hebei', '14': 'shanxi', '15': 'nmg', '21': 'ln', '22': 'jl', '23': 'hlj', '31': 'sh',
  '32': 'jiangsu', '33': 'zj', '34': 'ah', '35': 'fujian', '36': 'jiangxi', '37': 'shandong', '41': 'henan', '42': 'hubei',
  '43': 'hunan', '44': 'gd', '45': 'gxzf', '46': 'hainan', '50': 'cq', '51': 'sc', '52': 'guizhou', '53': 'yn', '54': 'xizang',
  '61': 'shaanxi', '62': 'gansu', '63': 'qinghai', '64': 'nx', '65': 'xinjiang',
};

const NUMERALS = '〇一二三四五六七八九';

/** A request the plan cannot satisfy; `code` selects the CLI's localised message. */
export class PlanError extends Error {
  constructor(readonly code: 'unknown-scope' | 'too-many-websites', readonly args: Record<string, string>) {
    super(`${code}: ${JSON.stringify(args)}`);
  }
}

/** Chinese numeral for 1..999 as used in unit names (第十二中学). */
export function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n];
  if (n < 20) return '十' + (n % 10 ? NUMERALS[n % 10] : '');
  if (n < 100) return NUMERALS[Math.floor(n / 10)] + '十' + (n % 10 ? NUMERALS[n % 10] : '');
  const rest = n % 100;
  return NUMERALS[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + NUMERALS[rest] : rest < 20 ? '一' + chineseNumeral(rest) : chineseNumeral(rest));
}

export interface GenerateOptions {
  websites: number;
  media: number;
  seed: number | string;
  /** `national`, or a province code or name; default: 海南 up to 1,000 records, 广东 up to 50,000, else national. */
  scope?: string;
  year?: number;
  quarter?: 1 | 2 | 3 | 4;
  /** Also write the media registry as .xlsx (for the large import benchmark). */
  mediaXlsx?: boolean;
}

/** An organisation that owns websites or accounts. */
export interface Unit {
  /** Division the unit belongs to; undefined for ministries. */
  division?: Division;
  level: OwnerLevel;
  region: string;
  /** Folder names below `websites/` and `media/`. */
  folders: string[];
  fullName: string;
  sponsor: string;
  /** Short region name used in account names. */
  short: string;
  kind: 'government' | 'department' | 'subordinate' | 'ministry';
  dept?: Department;
  siteType: SiteType;
  domain: string;
  mediaPatterns: string[];
  weight: number;
}

export interface PlannedWebsite {
  index: number;
  unit: Unit;
  name: string;
  siteCode: string;
  url: string;
  hot: boolean;
  /** sampled: a record and a 正常 registry row; unregistered: a record only; closed: a 关停 row only. */
  role: 'sampled' | 'unregistered' | 'closed';
}

export interface PlannedAccount {
  index: number;
  unit: Unit;
  platform: Platform;
  name: string;
  accountId: string;
  hot: boolean;
  role: 'sampled' | 'unregistered' | 'unsampled';
}

export interface CampaignPlan {
  options: Required<Omit<GenerateOptions, 'scope'>> & { scope: string };
  national: boolean;
  scopeName: string;
  province?: Division;
  hotRegions: string[];
  websites: PlannedWebsite[];
  accounts: PlannedAccount[];
}

/** The scope a size defaults to: a small province for CI sizes, a large one for province sizes, else the nation. */
export function defaultScope(websites: number, media: number): string {
  const total = websites + media;
  return total <= 1000 ? '460000' : total <= 50000 ? '440000' : 'national';
}

function levelOf(d: Division): OwnerLevel {
  return d.level === 'province' ? '省级' : d.level === 'prefecture' ? '市级' : '县级';
}

function regionAndFolders(d: Division, national: boolean): { region: string; folders: string[] } {
  const local = d.level === 'province' ? ['省直'] : d.prefecture ? [d.prefecture.name, d.name] : [d.name];
  const region = d.level === 'province' ? '省直' : d.prefecture ? d.prefecture.name : d.name;
  return national ? { region: d.province.name, folders: [d.province.name, ...local] } : { region, folders: local };
}

/** The full name prefix of a division's units: 海南省, 海口市, 海口市龙华区, 定安县. */
function unitPrefix(d: Division): string {
  return d.prefecture ? d.prefecture.name + d.name : d.name;
}

function regionDomain(d: Division): string {
  const p = PROVINCE_DOMAINS[d.code.slice(0, 2)] ?? `p${d.code.slice(0, 2)}`;
  return d.level === 'province' ? `${p}.gov.cn` : `d${d.code}.${p}.gov.cn`;
}

/** The units of a division in the order they get websites and accounts: government, departments, subordinate units. */
function* unitRoster(d: Division, rng: Prng, national: boolean): Generator<Unit> {
  const level = levelOf(d);
  const { region, folders } = regionAndFolders(d, national);
  const prefix = unitPrefix(d);
  const base = { division: d, level, region, folders, short: d.short };
  const deptName = (dept: Department): string | undefined =>
    d.level === 'province' ? dept.province : d.level === 'prefecture' ? dept.prefecture : dept.county;
  yield {
    ...base, kind: 'government', fullName: `${prefix}人民政府`,
    sponsor: `${prefix}人民政府${d.level === 'province' ? '办公厅' : '办公室'}`, siteType: '门户网站',
    domain: `www.${regionDomain(d)}`, mediaPatterns: GOVERNMENT.mediaPatterns ?? ['{R}发布'], weight: GOVERNMENT.weight, dept: GOVERNMENT,
  };
  for (const dept of rng.shuffled(DEPARTMENTS)) {
    const n = deptName(dept);
    if (!n) continue;
    yield {
      ...base, kind: 'department', dept, fullName: prefix + n, sponsor: prefix + n, siteType: '部门网站',
      domain: `${dept.domain}.${regionDomain(d)}`, mediaPatterns: dept.mediaPatterns ?? [`{R}${dept.media}`], weight: dept.weight,
    };
  }
  for (let n = 1; ; n++) {
    for (const sub of SUBORDINATE_UNITS) {
      const numbered = sub.pattern.includes('{n}');
      if (!numbered && n > 1) continue;
      const fill = (s: string) => s.replace('{R}', prefix).replace('{S}', d.short).replace('{n}', chineseNumeral(n + (numbered && sub.pattern.includes('人民医院') ? 1 : 0)));
      const fullName = fill(sub.pattern);
      yield {
        ...base, kind: 'subordinate', fullName, sponsor: fullName, siteType: '下属单位网站',
        domain: `${sub.domain.replace('{n}', String(n))}.${regionDomain(d)}`, mediaPatterns: [fill(sub.media)], weight: 0.6,
      };
    }
  }
}

function ministryUnit(name: string, index: number): Unit {
  return {
    level: '国务院部门', region: '国务院部门', folders: ['国务院部门'], fullName: name, sponsor: name, short: name,
    kind: 'ministry', siteType: '部门网站', domain: `www.bm${String(index + 1).padStart(2, '0')}.gov.cn`,
    mediaPatterns: [name, `${name}发布`, `${name}政务`], weight: 2,
  };
}

/** Splits `total` over weights by largest remainder, so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}

const WEBSITE_WEIGHT = { province: 40, prefecture: 15, county: 4 } as const;
const MEDIA_WEIGHT = { province: 60, prefecture: 25, county: 12 } as const;

/** Plans a campaign: units, websites, accounts and their roles. */
export function planCampaign(options: GenerateOptions): CampaignPlan {
  const websites = Math.max(0, Math.floor(options.websites));
  const media = Math.max(0, Math.floor(options.media));
  const scope = options.scope ?? defaultScope(websites, media);
  const national = scope === 'national';
  const province = national ? undefined : findProvince(scope);
  if (!national && !province) throw new PlanError('unknown-scope', { scope });
  const divisions = national ? provinces().flatMap(descendants) : descendants(province!);
  const rng = new Prng(options.seed, 'plan');

  // one or two regions where failures and 漏报 concentrate (the seed bulletin's 儋州市, 定安县)
  const regionCandidates = divisions.filter((d) => d.level !== 'province' && !(d.level === 'county' && d.prefecture));
  const hotRegions: string[] = [];
  for (let i = 0; i < MIX.hotRegions && regionCandidates.length; i++) {
    const d = rng.pick(regionCandidates);
    const r = regionAndFolders(d, national).folders.join('/');
    if (!hotRegions.includes(r)) hotRegions.push(r);
  }
  const isHot = (u: Unit) => {
    const f = u.folders.join('/');
    return hotRegions.some((h) => f === h || f.startsWith(`${h}/`));
  };

  // rosters are shared by websites and media so that sponsors agree between the two
  const rosters = new Map<Division, { gen: Generator<Unit>; seen: Unit[] }>();
  const unitAt = (d: Division, i: number): Unit => {
    let r = rosters.get(d);
    if (!r) rosters.set(d, (r = { gen: unitRoster(d, new Prng(options.seed, `roster:${d.code}`), national), seen: [] }));
    while (r.seen.length <= i) r.seen.push(r.gen.next().value as Unit);
    return r.seen[i];
  };

  // ---- websites ----
  const closedExtra = Math.round(websites * MIX.website.closedRegistryRows);
  const siteTotal = websites + closedExtra;
  const ministryCount = national ? Math.min(MINISTRIES.length, Math.floor(siteTotal * 0.005)) : 0;
  const siteQuotas = apportion(siteTotal - ministryCount, divisions.map((d) => WEBSITE_WEIGHT[d.level]));
  const planned: Omit<PlannedWebsite, 'role'>[] = [];
  const siteNames = new Set<string>();
  const uniqueSiteName = (first: string, alt: string): string => {
    for (const n of [first, alt]) if (!siteNames.has(n)) return siteNames.add(n), n;
    for (let k = 2; ; k++) if (!siteNames.has(`${first}（${k}）`)) return siteNames.add(`${first}（${k}）`), `${first}（${k}）`;
  };
  for (let m = 0; m < ministryCount; m++) {
    const unit = ministryUnit(MINISTRIES[m], m);
    const name = uniqueSiteName(`${unit.fullName}网站`, `${unit.fullName}门户网站`);
    planned.push({ index: planned.length, unit, name, siteCode: `bm${String(m + 1).padStart(2, '0')}000001`, url: `http://${unit.domain}`, hot: false });
  }
  divisions.forEach((d, di) => {
    // a division code leaves 4 digits of serials: gaps of 1–3 between codes unless that would overflow
    if (siteQuotas[di] > 9999) throw new PlanError('too-many-websites', { division: d.name, count: String(siteQuotas[di]) });
    const maxGap = Math.max(1, Math.min(3, Math.floor(9999 / Math.max(1, siteQuotas[di]))));
    let serial = 0;
    for (let i = 0; i < siteQuotas[di]; i++) {
      const unit = unitAt(d, i);
      serial += rng.int(1, maxGap);
      const name =
        unit.kind === 'government'
          ? uniqueSiteName(`${unit.fullName}${d.level === 'county' ? '门户网站' : '网'}`, `${unit.fullName}门户网站`)
          : unit.kind === 'department' && rng.chance(0.3)
            ? uniqueSiteName(`${d.short}${unit.dept!.media}网`, `${unit.fullName}网站`)
            : uniqueSiteName(unit.kind === 'subordinate' ? unit.fullName : `${unit.fullName}网站`, `${unit.fullName}官网`);
      planned.push({
        index: planned.length, unit, name, siteCode: `${d.code}${String(serial).padStart(4, '0')}`,
        url: `http://${unit.domain}`, hot: isHot(unit),
      });
    }
  });
  // roles: a few registry-only closed sites, a few unregistered sites found in the wild, the rest sampled
  const siteOrder = rng.shuffled(planned.map((_, i) => i));
  const siteRole = new Array<PlannedWebsite['role']>(planned.length).fill('sampled');
  const unregisteredSites = Math.round(websites * MIX.website.unregistered);
  let k = 0;
  for (let c = 0; c < closedExtra && k < siteOrder.length; c++) siteRole[siteOrder[k++]] = 'closed';
  for (let c = 0; c < unregisteredSites && k < siteOrder.length; c++) siteRole[siteOrder[k++]] = 'unregistered';
  const websitesPlanned: PlannedWebsite[] = planned.map((p, i) => ({ ...p, role: siteRole[i] }));

  // ---- media accounts ----
  const unregisteredMedia = Math.round(media * MIX.media.unregistered);
  const unsampled = Math.round((media - unregisteredMedia) * MIX.media.unsampledPerSampled);
  const accountTotal = media + unsampled;
  const ministryAccounts = national ? Math.min(accountTotal, ministryCount * 4) : 0;
  const mediaQuotas = apportion(accountTotal - ministryAccounts, divisions.map((d) => MEDIA_WEIGHT[d.level]));
  const taken = new Set<string>();
  const accounts: Omit<PlannedAccount, 'role'>[] = [];
  const addAccounts = (unit: Unit, count: number, urng: Prng) => {
    const platforms: Platform[] = [];
    for (let tries = 0; platforms.length < count && tries < 50; tries++) {
      const p = urng.weighted(PLATFORM_WEIGHTS);
      if (!platforms.includes(p)) platforms.push(p);
    }
    const fill = (pattern: string) => pattern.replace('{R}', unit.short);
    const base = fill(urng.chance(0.6) ? unit.mediaPatterns[0] : urng.pick(unit.mediaPatterns));
    for (const platform of platforms) {
      const wanted = urng.chance(0.7) ? base : fill(urng.pick(unit.mediaPatterns));
      const name = uniqueAccountName(platform, wanted, unit, taken, fill);
      accounts.push({
        index: accounts.length, unit, platform, name, accountId: accountIdFor(platform, urng), hot: isHot(unit),
      });
    }
  };
  for (let m = 0; m < ministryCount && accounts.length < ministryAccounts; m++) {
    addAccounts(ministryUnit(MINISTRIES[m], m), Math.min(4, ministryAccounts - accounts.length), new Prng(options.seed, `ministry:${m}`));
  }
  divisions.forEach((d, di) => {
    const quota = mediaQuotas[di];
    const start = accounts.length;
    const urng = new Prng(options.seed, `accounts:${d.code}`);
    for (let i = 0; accounts.length - start < quota; i++) {
      const unit = unitAt(d, i);
      const table: ReadonlyArray<readonly [number, number]> =
        unit.kind === 'government' ? [[3, 2], [4, 3], [5, 3], [6, 2], [7, 1]]
          : unit.kind === 'department' ? (unit.weight >= 2 ? [[2, 3], [3, 3], [4, 2], [5, 1]] : [[1, 4], [2, 3], [3, 2], [4, 1]])
            : [[1, 6], [2, 3], [3, 1]];
      addAccounts(unit, Math.min(urng.weighted(table), quota - (accounts.length - start)), urng);
    }
  });
  // 漏报 accounts concentrate in the hot regions; the rest are sampled or stay registry-only
  const keyed = accounts.map((a, i) => [rng.next() * (a.hot ? 1 / (MIX.hotRegionFactor * 2) : 1), i] as const);
  keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const role = new Array<PlannedAccount['role']>(accounts.length).fill('unsampled');
  for (let i = 0; i < unregisteredMedia && i < keyed.length; i++) role[keyed[i][1]] = 'unregistered';
  const rest = rng.shuffled(keyed.slice(unregisteredMedia).map(([, i]) => i));
  for (let i = 0; i < media - unregisteredMedia && i < rest.length; i++) role[rest[i]] = 'sampled';
  const accountsPlanned: PlannedAccount[] = accounts.map((a, i) => ({ ...a, role: role[i] }));

  return {
    options: {
      websites, media, seed: options.seed, scope, year: options.year ?? 2021, quarter: options.quarter ?? 2,
      mediaXlsx: options.mediaXlsx ?? false,
    },
    national,
    scopeName: national ? '全国' : province!.name,
    province,
    hotRegions,
    websites: websitesPlanned,
    accounts: accountsPlanned,
  };
}

const SUFFIXES = ['发布', '在线', '服务', '微平台', '之声', '资讯'];

function uniqueAccountName(platform: Platform, wanted: string, unit: Unit, taken: Set<string>, fill: (p: string) => string): string {
  const tryName = (n: string) => {
    const key = `${platform}\u0000${n}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  };
  if (tryName(wanted)) return wanted;
  for (const p of unit.mediaPatterns) if (tryName(fill(p))) return fill(p);
  const outer = unit.division?.prefecture?.short ?? unit.division?.province.short ?? '';
  for (const s of SUFFIXES) if (tryName(wanted + s)) return wanted + s;
  if (outer && !wanted.startsWith(outer) && tryName(outer + wanted)) return outer + wanted;
  for (let n = 2; ; n++) if (tryName(`${wanted}${chineseNumeral(n % 1000 || 1)}号`)) return `${wanted}${chineseNumeral(n % 1000 || 1)}号`;
}

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An account ID in the platform's own format (微信原始ID, 微博UID, 抖音号 …). */
function accountIdFor(platform: Platform, rng: Prng): string {
  switch (platform) {
    case '微信公众号':
      return rng.chance(0.7) ? `gh_${rng.chars(HEX, 12)}` : rng.chars('abcdefghijklmnopqrstuvwxyz', 2) + rng.chars(ALNUM, rng.int(6, 12));
    case '新浪微博':
      return String(rng.int(1, 7)) + rng.chars('0123456789', 9);
    case '今日头条号':
    case '百家号':
      return String(rng.int(1, 9)) + rng.chars('0123456789', rng.int(10, 15));
    case '抖音':
      return rng.chance(0.5) ? `dy${rng.chars(ALNUM, rng.int(6, 10))}` : String(rng.int(1, 9)) + rng.chars('0123456789', 9);
    case '快手':
      return `ks${rng.chars(ALNUM, 9)}`;
    case '微信视频号':
      return `sph${rng.chars(ALNUM, 10)}`;
    case '微信小程序':
      return `wx${rng.chars(HEX, 16)}`;
    default:
      return rng.chars(ALNUM, rng.int(8, 14));
  }
}
