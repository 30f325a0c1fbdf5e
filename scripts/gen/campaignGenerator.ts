// Writes a generated campaign: campaign.yaml, one YAML record per sampled website and account in
// folders by region, the registry exports (with deliberate anomalies: 漏报 accounts, near-miss names,
// rows spelled differently, closed accounts still active) and `generated.json`, which states what
// was generated and how each anomalous record is meant to reconcile against the registry.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatIsoDate, type CivilDate } from '../../server/src/core/dates';
import type { CampaignConfig, InspectionRecord } from '../../server/src/core/model';
import { PlanError, planCampaign, type CampaignPlan, type GenerateOptions, type PlannedAccount, type PlannedWebsite } from './campaignPlan';
import { MIX, type MediaFailure, type WebsiteFailure } from './generationMix';
import { Prng } from './prng';
import { mediaRecord, websiteRecord, type RecordContext } from './recordFacts';
import { MEDIA_REGISTRY_HEADERS, WEBSITE_REGISTRY_HEADERS, registryCsv, registryXlsx, type RegistryRow } from './registryExport';
import { COMPANY_KINDS, COMPANY_WORDS, PLATFORM_ALIASES, TRADITIONAL } from './vocabulary';
import { toYaml, type YamlValue } from './yamlText';

/** Bump when generated content changes, so cached benchmark campaigns are regenerated. */
export const GENERATOR_VERSION = 3;

/** The marker file a generated campaign carries (written last: its absence means an incomplete run). */
export const MANIFEST_FILE = 'generated.json';

/**
 * How a record is meant to stand against the registry: found by account ID or site code (matched),
 * by name only (matched-by-name), by a name or platform spelled differently that normalisation
 * equates (matched-normalised), by a similar name only (near-miss), not at all (unregistered), or
 * found under a row that says 关停/注销 (closed-but-active).
 */
export type RegistryExpectation = 'matched' | 'matched-by-name' | 'matched-normalised' | 'near-miss' | 'unregistered' | 'closed-but-active';

export interface GenerationSummary {
  generator: { version: number };
  options: CampaignPlan['options'];
  scope: string;
  hotRegions: string[];
  checkWindow: { start: string; end: string };
  counts: {
    websites: number;
    media: number;
    registryRows: { websites: number; media: number };
    /** Registry rows whose status is 正常 (the running population). */
    running: { websites: number; media: number };
  };
  registry: { websites: Record<RegistryExpectation, number>; media: Record<RegistryExpectation, number> };
  failures: {
    websites: Record<string, number>;
    media: Record<string, number>;
    websitesWithAny: number;
    mediaWithAny: number;
  };
  /** Record file (relative, `/`) → expectation, for every record that is not a plain `matched`. */
  expectations: Record<string, RegistryExpectation>;
}

/** Where generated files go: a folder on disk, or memory in tests. */
export interface FileSink {
  write(relPath: string, data: string | Uint8Array): Promise<void>;
  flush(): Promise<void>;
}

/** Raised for user errors; `code` selects the CLI's localised message. */
export class GenerateError extends Error {
  constructor(readonly code: 'out-not-empty' | 'out-not-generated' | 'unknown-scope' | 'too-many-websites', readonly args: Record<string, string>) {
    super(`${code}: ${JSON.stringify(args)}`);
  }
}

const SAFE_FILE = /[\\/:*?"<>|\u0000-\u001f]/g;

function fileName(s: string): string {
  return s.replace(SAFE_FILE, '_');
}

const FLOW_KEYS = ['availability', 'interaction', 'serviceMenu', 'evidence', 'period', 'checkWindow', 'population', 'callouts', 'deadlines'];

/** A record as YAML text in the house style. */
export function recordYaml(record: InspectionRecord): string {
  return toYaml(record as unknown as { [key: string]: YamlValue }, FLOW_KEYS);
}

function emptyExpectations(): Record<RegistryExpectation, number> {
  return { matched: 0, 'matched-by-name': 0, 'matched-normalised': 0, 'near-miss': 0, unregistered: 0, 'closed-but-active': 0 };
}

function checkWindow(year: number, quarter: number): { start: CivilDate; end: CivilDate; days: number } {
  const month = quarter * 3;
  return { start: { year, month, day: 11 }, end: { year, month, day: 20 }, days: 10 };
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** campaign.yaml: issuer, period and window, registries, and the bulletin settings a real issuer sets. */
function campaignConfig(plan: CampaignPlan, window: { start: CivilDate; end: CivilDate }, mediaFile: string): CampaignConfig {
  const p = plan.province;
  const code = p?.code.slice(0, 2) ?? '';
  const municipality = ['11', '12', '31', '50'].includes(code);
  const autonomous = p?.name.endsWith('自治区') ?? false;
  const issuer = plan.national ? '国务院办公厅政府信息与政务公开办公室' : `${p!.name}人民政府办公厅`;
  const scope = plan.national ? '全国' : autonomous ? '全区' : municipality ? '全市' : '全省';
  const addressee = plan.national
    ? '各省、自治区、直辖市人民政府办公厅，国务院各部委、各直属机构办公厅（室）：'
    : municipality
      ? '各区人民政府，市政府各委、办、局：'
      : code === '46'
        ? '各市、县、自治县人民政府，省政府直属各单位：'
        : `各市人民政府，${autonomous ? '自治区' : '省'}政府各部门、各直属机构：`;
  // regions in division order, as the bulletin lists them; 省直 (or 国务院部门) first
  const regionOrder: string[] = [];
  for (const u of [...plan.websites.map((w) => w.unit), ...plan.accounts.map((a) => a.unit)]) {
    if (!regionOrder.includes(u.region)) regionOrder.push(u.region);
  }
  const first = plan.national ? '国务院部门' : '省直';
  regionOrder.sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
  // call out only regions well above the average count of failing plus unregistered accounts
  const perRegion = (plan.options.media * 0.2) / Math.max(1, regionOrder.length);
  const next = { year: window.end.month === 12 ? window.end.year + 1 : window.end.year, month: (window.end.month % 12) + 1, day: 15 };
  const quarter = `${plan.options.year}年第${QUARTER_NAMES[plan.options.quarter - 1]}季度`;
  return {
    kind: 'campaign',
    issuer,
    issuerSelf: plan.national ? '我办' : '我厅',
    title: `${quarter}${scope}政府网站与政务新媒体抽查`,
    scope,
    period: { year: plan.options.year, quarter: plan.options.quarter },
    checkWindow: { start: formatIsoDate(window.start), end: formatIsoDate(window.end) },
    profile: 'national-2019',
    population: { websites: 'registry', media: 'registry' },
    registries: { websites: 'registry/websites.xlsx', media: mediaFile },
    output: 'out',
    bulletin: {
      basis: ['《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知》（国办秘函〔2019〕19号，以下简称《考核指标》）'],
      addressee,
      regionOrder,
      callouts: { kind: 'media', threshold: Math.max(5, Math.ceil(perRegion * 2)) },
      deadlines: { rectification: formatIsoDate(next), filing: '3个工作日内' },
      signature: issuer,
    },
  };
}

/** The registry row's name when it is spelled differently from the record but means the same account. */
function normalisedVariant(name: string, rng: Prng): string {
  const options: (() => string | undefined)[] = [
    () => `“${name}”`,
    () => (name.length >= 4 ? `${name.slice(0, 2)} ${name.slice(2)}` : undefined),
    () => `${name} `,
    () => {
      const t = [...name].map((c) => TRADITIONAL[c] ?? c).join('');
      return t !== name ? t : undefined;
    },
    () => {
      const w = name.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      return w !== name ? w : undefined;
    },
  ];
  for (const pick of rng.shuffled(options)) {
    const v = pick();
    if (v !== undefined) return v;
  }
  return `“${name}”`;
}

/**
 * A name that differs from the record's beyond normalisation (a character lost, 官方 added), as
 * registrants mistype them: a near miss, close enough to be suggested, never equal.
 */
function nearMissVariant(acc: PlannedAccount, taken: Set<string>, rng: Prng): string {
  const chars = [...acc.name];
  const candidates: string[] = [];
  if (chars.length >= 5) {
    const i = rng.int(1, chars.length - 2);
    candidates.push(chars.slice(0, i).concat(chars.slice(i + 1)).join(''));
  }
  candidates.push(`${acc.name}官方`, `${acc.name}官方号`);
  const free = candidates.find((c) => !taken.has(`${acc.platform}\u0000${c}`)) ?? `${acc.name}官方平台`;
  taken.add(`${acc.platform}\u0000${free}`);
  return free;
}

function filingDate(rng: Prng, windowStart: CivilDate): string {
  const year = rng.int(2018, windowStart.year);
  const month = year === windowStart.year ? rng.int(1, Math.max(1, windowStart.month - 1)) : rng.int(1, 12);
  return formatIsoDate({ year, month, day: rng.int(1, 28) });
}

function operator(acc: PlannedAccount, rng: Prng): string {
  if (rng.chance(0.55)) return acc.unit.sponsor;
  const d = acc.unit.division;
  if (d && d.level === 'county' && rng.chance(0.5)) return `${d.prefecture ? d.prefecture.name : ''}${d.name}融媒体中心`;
  return `${d ? d.province.short : '北京'}${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_KINDS)}`;
}

/** Generates a campaign into a sink and returns what was generated. */
export async function generateCampaign(options: GenerateOptions, sink: FileSink): Promise<GenerationSummary> {
  let plan: CampaignPlan;
  try {
    plan = planCampaign(options);
  } catch (e) {
    if (e instanceof PlanError) throw new GenerateError(e.code, e.args);
    throw e;
  }
  const window = checkWindow(plan.options.year, plan.options.quarter);
  const ctx: RecordContext = { seed: plan.options.seed, windowStart: window.start, windowDays: window.days };
  const stamp = new Date(Date.UTC(window.start.year, window.start.month - 1, window.start.day));
  const summary: GenerationSummary = {
    generator: { version: GENERATOR_VERSION },
    options: plan.options,
    scope: plan.scopeName,
    hotRegions: plan.hotRegions,
    checkWindow: { start: formatIsoDate(window.start), end: formatIsoDate(window.end) },
    counts: { websites: 0, media: 0, registryRows: { websites: 0, media: 0 }, running: { websites: 0, media: 0 } },
    registry: { websites: emptyExpectations(), media: emptyExpectations() },
    failures: { websites: {}, media: {}, websitesWithAny: 0, mediaWithAny: 0 },
    expectations: {},
  };
  const expect = (kind: 'websites' | 'media', file: string, e: RegistryExpectation) => {
    summary.registry[kind][e]++;
    if (e !== 'matched') summary.expectations[file] = e;
  };
  const countFailures = (kind: 'websites' | 'media', failures: Set<WebsiteFailure> | Set<MediaFailure>) => {
    for (const f of failures) summary.failures[kind][f] = (summary.failures[kind][f] ?? 0) + 1;
    if (failures.size) summary.failures[kind === 'websites' ? 'websitesWithAny' : 'mediaWithAny']++;
  };

  // ---- websites: records and registry rows ----
  const websiteRows: RegistryRow[] = [];
  for (const site of plan.websites) {
    const rng = new Prng(plan.options.seed, `wreg:${site.siteCode}`);
    const u = site.unit;
    const row = (status: string, name = site.name, url = site.url): RegistryRow => [site.siteCode, name, url, u.sponsor, u.region, u.level, u.siteType, status];
    if (site.role === 'closed') {
      websiteRows.push(row(rng.chance(0.7) ? '关停' : '例外'));
      continue;
    }
    const { record, failures } = websiteRecord(site, ctx);
    const file = `websites/${u.folders.map(fileName).join('/')}/${fileName(site.name)}.yaml`;
    await sink.write(file, recordYaml(record));
    summary.counts.websites++;
    countFailures('websites', failures);
    if (site.role === 'unregistered') {
      expect('websites', file, 'unregistered');
      continue;
    }
    const r = rng.next();
    if (r < MIX.media.registry.closedButActive) {
      websiteRows.push(row('关停'));
      expect('websites', file, 'closed-but-active');
    } else if (r < 0.06) {
      // the filing system often holds the unit's name or an older site name: still found by its code
      websiteRows.push(row('正常', rng.chance(0.5) ? u.fullName : site.name.replace(/网站$|网$/, ''), site.url.replace('http://', 'https://')));
      expect('websites', file, 'matched');
    } else {
      websiteRows.push(row('正常'));
      expect('websites', file, 'matched');
    }
  }

  // ---- media: records and registry rows ----
  const taken = new Set(plan.accounts.map((a) => `${a.platform}\u0000${a.name}`));
  const mediaRows: RegistryRow[] = [];
  for (const acc of plan.accounts) {
    const rng = new Prng(plan.options.seed, `mreg:${acc.platform}:${acc.name}`);
    const u = acc.unit;
    const row = (status: string, name: string, platform: string, id: string): RegistryRow => [
      String(mediaRows.length + 1), u.region, platform, name, id, u.sponsor, operator(acc, rng), status, filingDate(rng, window.start),
    ];
    if (acc.role === 'unsampled') {
      const closed = rng.chance(0.08);
      mediaRows.push(row(closed ? rng.pick(['关停', '注销']) : '正常', acc.name, acc.platform, rng.chance(MIX.media.registry.nameOnly) ? '' : acc.accountId));
      continue;
    }
    const { record, failures } = mediaRecord(acc, ctx);
    const file = `media/${u.folders.map(fileName).join('/')}/${fileName(`${acc.platform}-${acc.name}`)}.yaml`;
    await sink.write(file, recordYaml(record));
    summary.counts.media++;
    countFailures('media', failures);
    if (acc.role === 'unregistered') {
      expect('media', file, 'unregistered');
      continue;
    }
    const reg = MIX.media.registry;
    const r = rng.next();
    const recordHasId = record.accountId !== undefined;
    if (r < reg.closedButActive && record.status !== '已关停') {
      mediaRows.push(row(rng.pick(['关停', '注销']), acc.name, acc.platform, acc.accountId));
      expect('media', file, 'closed-but-active');
    } else if (r < reg.closedButActive + reg.nearMiss) {
      mediaRows.push(row('正常', nearMissVariant(acc, taken, rng), acc.platform, ''));
      expect('media', file, 'near-miss');
    } else if (r < reg.closedButActive + reg.nearMiss + reg.normalised) {
      const aliases = PLATFORM_ALIASES[acc.platform];
      if (aliases && rng.chance(0.4)) {
        mediaRows.push(row('正常', acc.name, rng.pick(aliases), recordHasId ? acc.accountId : ''));
      } else {
        mediaRows.push(row('正常', normalisedVariant(acc.name, rng), acc.platform, ''));
      }
      expect('media', file, 'matched-normalised');
    } else if (r < reg.closedButActive + reg.nearMiss + reg.normalised + reg.nameOnly) {
      mediaRows.push(row('正常', acc.name, acc.platform, ''));
      expect('media', file, 'matched-by-name');
    } else {
      mediaRows.push(row('正常', acc.name, acc.platform, acc.accountId));
      expect('media', file, recordHasId ? 'matched' : 'matched-by-name');
    }
  }

  summary.counts.registryRows = { websites: websiteRows.length, media: mediaRows.length };
  summary.counts.running = {
    websites: websiteRows.filter((r) => r[7] === '正常').length,
    media: mediaRows.filter((r) => r[7] === '正常').length,
  };
  await sink.write('registry/websites.xlsx', await registryXlsx('政府网站', WEBSITE_REGISTRY_HEADERS, websiteRows, stamp));
  await sink.write('registry/media.csv', registryCsv(MEDIA_REGISTRY_HEADERS, mediaRows));
  if (plan.options.mediaXlsx) await sink.write('registry/media.xlsx', await registryXlsx('政务新媒体', MEDIA_REGISTRY_HEADERS, mediaRows, stamp));
  const config = campaignConfig(plan, window, 'registry/media.csv');
  await sink.write('campaign.yaml', toYaml(config as unknown as { [key: string]: YamlValue }, FLOW_KEYS));
  await sink.flush();
  await sink.write(MANIFEST_FILE, JSON.stringify(summary, null, 2) + '\n');
  await sink.flush();
  return summary;
}

/** A sink writing below a folder, with a bounded number of writes in flight. */
export class FolderSink implements FileSink {
  private readonly dirs = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(readonly root: string, private readonly concurrency = 64) {}

  async write(relPath: string, data: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const file = path.join(this.root, ...relPath.split('/'));
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const p: Promise<void> = fs.writeFile(file, data).then(
      () => void this.inflight.delete(p),
      (e: unknown) => {
        this.inflight.delete(p);
        this.failure ??= e;
      },
    );
    this.inflight.add(p);
    if (this.inflight.size >= this.concurrency) await Promise.race(this.inflight);
  }

  async flush(): Promise<void> {
    await Promise.all(this.inflight);
    if (this.failure) throw this.failure;
  }
}

/** Generates a campaign into `dir`, which must be empty, absent, or (with `force`) an earlier generated campaign. */
export async function writeCampaign(dir: string, options: GenerateOptions, opts: { force?: boolean } = {}): Promise<GenerationSummary> {
  let entries: string[] = [];
  try {
    entries = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (entries.length) {
    if (!opts.force) throw new GenerateError('out-not-empty', { dir });
    if (!entries.includes(MANIFEST_FILE)) throw new GenerateError('out-not-generated', { dir });
    await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.mkdir(dir, { recursive: true });
  return generateCampaign(options, new FolderSink(dir));
}

export type { GenerateOptions } from './campaignPlan';
export type { PlannedWebsite };
