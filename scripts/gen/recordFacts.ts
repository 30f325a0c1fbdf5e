// The facts of one generated record: dates, columns, messages, probes, menus, findings. Each record
// draws from its own seeded stream (keyed by its site code or platform and name), so its content
// does not depend on how many other records were generated before it.
import { addDays, addMonths, formatIsoDate, type CivilDate } from '../../server/src/core/dates';
import { GUIDE_ELEMENTS, type Finding, type InteractionColumn, type MediaRecord, type ServiceGuide, type WebsiteColumn, type WebsiteRecord } from '../../server/src/core/model';
import type { PlannedAccount, PlannedWebsite } from './campaignPlan';
import { MIX, type MediaFailure, type WebsiteFailure } from './generationMix';
import { Prng } from './prng';
import {
  COLUMN_NAMES, GIVEN_CHARS, INTERACTION_COLUMNS, MEDIA_FINDINGS, PROBLEM_CLAUSES, SERVICE_GUIDES, SURNAMES,
  WEBSITE_FINDINGS,
} from './vocabulary';

export interface RecordContext {
  seed: number | string;
  windowStart: CivilDate;
  windowDays: number;
}

const TOPICS = [
  '扫黑除恶专项斗争', '党史学习教育', '疫情防控', '乡村振兴', '优化营商环境', '文明城市创建', '安全生产月', '河长制', '垃圾分类',
  '双拥工作', '防汛防风', '消费帮扶', '禁毒宣传', '法治政府建设', '生态文明建设', '民生实事', '人大建议政协提案', '政务公开',
  '政府信息公开指南', '信用信息', '招商引资', '人才引进', '国有资产管理', '重点领域信息公开',
];

const iso = formatIsoDate;

/** An inspector's name, drawn from a small pool per region so that names repeat as in real teams. */
export function inspectorName(seed: number | string, region: string, rng: Prng): string {
  const team = new Prng(seed, `team:${region}`);
  const pool = Array.from({ length: 4 }, () => team.pick([...SURNAMES]) + team.pick([...GIVEN_CHARS]) + (team.chance(0.6) ? team.pick([...GIVEN_CHARS]) : ''));
  return rng.pick(pool);
}

function drawFailures<K extends string>(rates: Record<K, number>, factor: number, rng: Prng): Set<K> {
  const out = new Set<K>();
  for (const k of Object.keys(rates) as K[]) if (rng.chance(Math.min(0.9, rates[k] * factor))) out.add(k);
  return out;
}

/** A generated website record and the failure kinds it was given. */
export function websiteRecord(site: PlannedWebsite, ctx: RecordContext): { record: WebsiteRecord; failures: Set<WebsiteFailure> } {
  const rng = new Prng(ctx.seed, `w:${site.siteCode}`);
  const check = addDays(ctx.windowStart, rng.int(0, ctx.windowDays - 1));
  const before = (days: number) => iso(addDays(check, -days));
  const factor = site.hot ? MIX.hotRegionFactor : 1;
  const failures = drawFailures(MIX.website.failures, factor, rng);
  const near = failures.size === 0 && rng.chance(MIX.website.nearMiss);
  const large = rng.chance(MIX.website.large);
  const unit = site.unit;
  const record: WebsiteRecord = {
    kind: 'website',
    name: site.name,
    siteCode: site.siteCode,
    url: site.url,
    sponsor: unit.sponsor,
    region: unit.region,
    ownerLevel: unit.level,
    siteType: unit.siteType,
    checkDate: iso(check),
    inspector: inspectorName(ctx.seed, unit.region, rng),
    source: site.role === 'unregistered' ? '库外发现' : rng.chance(MIX.website.recheck) ? '复查' : '抽查',
  };

  // homepage: fresh, stale (W-V3), or only a navigation entry whose sub-pages carry the updates
  const homeAge = failures.has('homepageStale') ? rng.int(20, 200) : near && rng.chance(0.3) ? rng.int(10, 13) : rng.int(0, 6);
  if (rng.chance(MIX.website.navigationOnly)) {
    const subs = rng.int(2, 5);
    record.homepage = {
      navigationOnly: true,
      subpages: Array.from({ length: subs }, (_, i) => ({
        name: ['政务公开', '政务服务', '互动交流', '新闻中心', '走进本地'][i],
        lastUpdate: before(failures.has('homepageStale') ? homeAge + rng.int(0, 30) : rng.int(0, 6)),
      })),
    };
  } else {
    record.homepage = { lastUpdate: before(homeAge) };
  }

  // availability: 7 days × 20 probes; W-V2 fails at 5 %, vendors warn from 3 %
  const probes = 140;
  const failed = failures.has('probeFailures') ? rng.int(8, 40) : near && rng.chance(0.3) ? rng.int(5, 6) : rng.int(0, 3);
  record.availability = rng.chance(0.2) ? { days: 7, probes, failures: failed, timeoutSeconds: 15 } : { days: 7, probes, failures: failed };

  record.columns = websiteColumns(rng, check, failures, near, large);
  record.interaction = interaction(rng, check, failures, large);
  if (unit.siteType !== '下属单位网站' || rng.chance(0.3)) {
    if (failures.has('servicesMissing')) {
      record.services = { provided: false };
    } else {
      const names = rng.shuffled(SERVICE_GUIDES).slice(0, rng.int(0, large ? 10 : 4));
      // a guide now and then lacks one or two elements: below the W-V6 line
      const guides: ServiceGuide[] = names.map((name) =>
        rng.chance(0.15) ? { name, missing: rng.shuffled(GUIDE_ELEMENTS.slice(1)).slice(0, rng.int(1, 2)) } : { name });
      record.services = guides.length ? { provided: true, guides } : { provided: true };
    }
  }
  if (failures.has('finding')) {
    const seen = before(rng.int(0, 5));
    record.findings = [finding('W-V1', rng.pick(WEBSITE_FINDINGS), `${site.url}/art/${seen.replace(/-/g, '')}/${rng.int(1000, 9999)}.html`, site.siteCode, seen)];
  }
  if (failures.size && rng.chance(MIX.website.problemClause)) {
    record.bulletin = { problem: [...failures].map((f) => PROBLEM_CLAUSES[f]).join('，') };
  }
  return { record, failures };
}

function finding(indicator: string, note: string, url: string | undefined, key: string, seen: string): Finding {
  return { indicator, note, evidence: url ? { url, screenshot: `evidence/${key}.png`, seen } : { screenshot: `evidence/${key}.png`, seen } };
}

function websiteColumns(rng: Prng, check: CivilDate, failures: Set<WebsiteFailure>, near: boolean, large: boolean): WebsiteColumn[] {
  const before = (days: number) => iso(addDays(check, -days));
  const monthsBefore = (months: number, extraDays: number) => iso(addDays(addMonths(check, -months), -extraDays));
  const columns: WebsiteColumn[] = [];
  const used = new Set<string>();
  const add = (name: string, category: WebsiteColumn['category'], level: number) => {
    if (used.has(name)) return;
    used.add(name);
    const fresh =
      category === '动态要闻' ? rng.int(0, 7)
        : category === '通知公告' || category === '政策文件' ? rng.int(0, 60)
          : category === '政策解读' || category === '解读回应' || category === '办事统计' ? rng.int(0, 80)
            : rng.int(0, 150);
    columns.push({ name, category, level, lastUpdate: before(fresh) });
  };
  const byCategory = new Map(COLUMN_NAMES);
  // every site has news, notices, policy documents and interpretations
  for (const cat of ['动态要闻', '通知公告', '政策文件', '政策解读'] as const) {
    const names = byCategory.get(cat)!;
    const n = cat === '动态要闻' ? rng.int(2, large ? names.length : 3) : rng.int(1, large ? names.length : 2);
    for (const name of rng.shuffled(names).slice(0, n)) add(name, cat, 1);
  }
  const target = large ? rng.int(30, 60) : rng.int(8, 20);
  const others = rng.shuffled(COLUMN_NAMES.flatMap(([cat, names]) => names.map((n) => [cat, n] as const)));
  for (const [cat, name] of others) {
    if (columns.length >= target) break;
    add(name, cat, rng.chance(0.7) ? 1 : 2);
  }
  for (const topic of rng.shuffled(TOPICS)) {
    if (columns.length >= target) break;
    add(`${topic}专题`, '其他', 2);
  }
  // structural columns that are not meant to be updated
  for (const c of columns) {
    if (c.name === '机构概况' || c.name === '机构职能' || c.name === '领导信息') {
      c.shouldUpdate = false;
      c.lastUpdate = before(rng.int(200, 900));
    }
  }
  const updatable = columns.filter((c) => c.shouldUpdate !== false);
  if (failures.has('staleColumns')) {
    // W-V4 (1): 动态 columns older than 14 days plus first-level 通知公告/政策文件 older than 6 months, together ≥ 5
    const news = updatable.filter((c) => c.category === '动态要闻');
    const policy = updatable.filter((c) => (c.category === '通知公告' || c.category === '政策文件') && c.level === 1);
    for (const c of news) c.lastUpdate = before(rng.int(20, 120));
    for (const c of policy) c.lastUpdate = monthsBefore(MIX.thresholds.policyMonths, rng.int(20, 400));
    for (let extra = 0; news.length + policy.length + extra < 5; extra++) {
      columns.push({ name: `${rng.pick(['区县', '乡镇', '部门', '专项'])}动态${extra + 1}`, category: '动态要闻', level: 1, lastUpdate: before(rng.int(20, 120)) });
    }
  } else if (near) {
    for (const c of updatable.filter((c) => c.category === '动态要闻').slice(0, rng.int(1, 2))) c.lastUpdate = before(rng.int(15, 40));
  }
  if (failures.has('longStaleColumns')) {
    // W-V4 (2): ten or more columns that should be updated, untouched for over a year
    const stale = rng.shuffled(updatable.filter((c) => c.category === '其他' || c.level === 2));
    let n = 0;
    for (const c of stale) if (n < 12) c.lastUpdate = before(rng.int(400, 1200)), n++;
    for (; n < 10; n++) columns.push({ name: `${TOPICS[n % TOPICS.length]}（${n + 1}）`, category: '其他', level: 2, lastUpdate: before(rng.int(400, 1200)) });
  }
  const blanks = failures.has('blankColumns') ? rng.int(5, 8) : near && rng.chance(0.4) ? rng.int(2, 4) : rng.chance(0.1) ? 1 : 0;
  for (let i = 0; i < blanks; i++) {
    columns.push({ name: `${rng.pick(TOPICS)}${rng.pick(['专栏', '子栏目', '专区'])}${i + 1}`, category: '其他', level: 2, blank: true });
  }
  return columns;
}

function interaction(rng: Prng, check: CivilDate, failures: Set<WebsiteFailure>, large: boolean): WebsiteRecord['interaction'] {
  const before = (days: number) => iso(addDays(check, -days));
  if (failures.has('missingInteraction')) {
    // W-V5 (1): no consultation channel; a 网上信访 channel does not count
    return rng.chance(0.5) ? { channel: false } : { channel: false, columns: [{ name: '网上信访', type: '网上信访' }] };
  }
  const count = large ? rng.int(2, 4) : rng.int(1, 2);
  const types = [INTERACTION_COLUMNS[0], ...rng.shuffled(INTERACTION_COLUMNS.slice(1))].slice(0, count);
  const columns: InteractionColumn[] = types.map(([type, names], i) => {
    const col: InteractionColumn = { name: rng.pick(names), type };
    const withMessages = type === '政务咨询' || type === '建言献策';
    if (!withMessages) return col;
    if (large && rng.chance(0.15) && !(i === 0 && failures.has('unansweredMessages'))) {
      // big portals often report their mailbox by the numbers instead of message by message
      const received = rng.int(50, 2000);
      col.counts = { received, answered: received - rng.int(0, 5), overdue: 0 };
      return col;
    }
    const n = large ? rng.int(20, 120) : rng.int(0, 8);
    const messages: NonNullable<InteractionColumn['messages']> = [];
    for (let m = 0; m < n; m++) {
      const age = rng.int(3, 360);
      const answerAfter = rng.int(1, 25);
      const msg: { received: string; answered?: string; valid?: boolean } = { received: before(age) };
      if (answerAfter < age) msg.answered = before(age - answerAfter);
      else if (rng.chance(0.02)) msg.valid = false;
      messages.push(msg);
    }
    if (i === 0 && failures.has('unansweredMessages')) {
      // W-V5 (2): a valid message of the last 12 months unanswered for more than 3 months
      for (let u = rng.int(1, 3); u > 0; u--) messages.push({ received: before(rng.int(110, 330)) });
    }
    messages.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));
    if (messages.length) col.messages = messages;
    return col;
  });
  return { channel: true, columns };
}

/** A generated media record and the failure kinds it was given. */
export function mediaRecord(acc: PlannedAccount, ctx: RecordContext): { record: MediaRecord; failures: Set<MediaFailure> } {
  const rng = new Prng(ctx.seed, `m:${acc.platform}:${acc.name}`);
  const check = addDays(ctx.windowStart, rng.int(0, ctx.windowDays - 1));
  const before = (days: number) => iso(addDays(check, -days));
  const factor = (acc.hot ? MIX.hotRegionFactor : 1) * (acc.role === 'unregistered' ? MIX.media.unregisteredFailureFactor : 1);
  const failures = drawFailures(MIX.media.failures, factor, rng);
  // an account found in the wild is one that is running: a closed one would not be reported as 漏报
  if (acc.role === 'unregistered') failures.delete('observedClosed');
  const unit = acc.unit;
  const record: MediaRecord = {
    kind: 'media',
    platform: acc.platform,
    name: acc.name,
    ...(rng.chance(MIX.media.withAccountId) ? { accountId: acc.accountId } : {}),
    sponsor: unit.sponsor,
    region: unit.region,
    ownerLevel: unit.level,
    checkDate: iso(check),
    inspector: inspectorName(ctx.seed, unit.region, rng),
    source: acc.role === 'unregistered' ? '库外发现' : rng.chance(MIX.media.recheck) ? '复查' : '抽查',
  };
  const stale = failures.has('stalePosts') || failures.has('observedClosed');
  record.lastPost = before(stale ? rng.int(20, 700) : rng.int(0, 10));
  record.interaction = failures.has('mediaNoInteraction')
    ? { available: false }
    : failures.has('mediaUnanswered')
      ? { available: true, unansweredMessages: rng.int(1, 12) }
      : { available: true };
  const hasMenu = ['微信公众号', '移动客户端', '微信小程序'].includes(acc.platform) && rng.chance(0.7);
  if (failures.has('brokenMenu') || hasMenu) {
    const links = rng.int(3, 9);
    record.serviceMenu = { links, broken: failures.has('brokenMenu') ? links : rng.chance(0.05) ? 1 : 0 };
  }
  if (failures.has('commercialLinks')) record.commercialLinks = true;
  if (failures.has('unrelatedContent')) record.unrelatedContent = true;
  if (failures.has('observedClosed')) record.status = '已关停';
  if (failures.has('mediaFinding')) {
    const seen = before(rng.int(0, 5));
    record.findings = [finding('M-V1', rng.pick(MEDIA_FINDINGS), undefined, acc.accountId, seen)];
  }
  if (failures.size && rng.chance(MIX.media.problemClause)) {
    record.bulletin = { problem: [...failures].map((f) => PROBLEM_CLAUSES[f]).join('，') };
  }
  return { record, failures };
}
