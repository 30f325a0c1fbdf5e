// Writes the records of the bulletin-corpus test campaigns, test/fixtures/bulletins/<nn-issuer>/:
// for each real bulletin of the corpus (shared/domain/bulletin-corpus in the project's domain notes)
// a campaign whose records fail *by their facts* as that bulletin says (a stale homepage, a
// closed interaction channel, a finding the inspector wrote), in the numbers it prints. Each
// campaign.yaml (the settings, written by hand) and expected.json (the printed strings, copied by
// hand from the corpus) are not written here; the records, registry exports and local profiles are.
//
//   npx tsx scripts/make-bulletin-fixtures.ts
//
// Deterministic: the same script writes the same bytes. Names of sites, accounts and units the
// corpus does not give are invented (plausible unit names of the issuer's regions).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', 'test', 'fixtures', 'bulletins');

// ------------------------------------------------------------------------------------------------
// Dates and names
// ------------------------------------------------------------------------------------------------

/** An ISO date moved by `days`. */
function day(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DEPTS = [
  '发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局',
  '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会',
  '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '体育局', '信访局', '政务服务数据管理局',
  '乡村振兴局', '粮食和物资储备局', '人民防空办公室', '机关事务管理局', '地方金融监督管理局', '城市管理局', '气象局', '档案局',
];
const DEPT_SHORT = [
  '发改', '教育', '科技', '工信', '公安', '民政', '司法', '财政', '人社', '自然资源', '生态环境', '住建', '交通', '水利', '农业农村', '商务',
  '文旅', '卫健', '退役军人', '应急', '审计', '市场监管', '统计', '医保', '林业', '体育', '信访', '政务服务', '乡村振兴', '粮食', '人防',
  '机关事务', '金融', '城管', '气象', '档案',
];
const PLATFORM_CYCLE = ['微信公众号', '新浪微博', '今日头条号', '抖音', '微信视频号', '快手'];
const NAME_TAILS = ['', '发布', '在线', '之声', '服务', '资讯'];

/** A region's name without its level word, for account names (郑州市 → 郑州). */
function short(region: string): string {
  const s = region.replace(/(回族自治州|藏族自治州|自治州|自治区|示范区|地区|省|市|县|区|州)$/, '');
  return s.length >= 2 ? s : region;
}

// ------------------------------------------------------------------------------------------------
// Records
// ------------------------------------------------------------------------------------------------

type WebsiteFail = 'unreachable' | 'homepage' | 'columns' | 'blank' | 'channel' | 'unanswered' | 'services' | 'guides';

interface Finding {
  indicator: string;
  note?: string;
  count?: number;
}

interface SiteSpec {
  name: string;
  sponsor: string;
  region: string;
  level: string;
  type?: string;
  fail?: WebsiteFail[];
  /** Homepage 12 days old: a W-W2 warning, not a veto. */
  homepageWarn?: boolean;
  /** Homepage this many days old (instead of homepageWarn's 12). */
  homepageAge?: number;
  /** 8 columns over 6 months old: a W-W3 warning. */
  staleColumns?: boolean;
  findings?: Finding[];
  date?: string;
  code?: string;
  /** 网站地址, when a bulletin's list prints it. */
  url?: string;
}

interface AccountSpec {
  platform: string;
  name: string;
  sponsor: string;
  region: string;
  level: string;
  /** Last post 40 days before the check (M-V2). */
  stale?: boolean;
  /** No interaction function (M-V3). */
  noInteraction?: boolean;
  findings?: Finding[];
  source?: string;
  date?: string;
}

const q = (s: string) => (/^[\w\u4e00-\u9fff（）“”·、-]+$/.test(s) && !/^\d/.test(s) ? s : JSON.stringify(s));

function findingsYaml(fs: Finding[] | undefined): string[] {
  if (!fs?.length) return [];
  return ['findings:', ...fs.map((f) => `  - { indicator: ${f.indicator}${f.note ? `, note: ${JSON.stringify(f.note)}` : ''}${f.count ? `, count: ${f.count}` : ''} }`)];
}

function websiteYaml(s: SiteSpec, code: string, date: string): string {
  const fail = new Set(s.fail ?? []);
  const L = ['kind: website', `name: ${q(s.name)}`, `siteCode: "${code}"`, ...(s.url ? [`url: ${s.url}`] : []), `sponsor: ${q(s.sponsor)}`, `region: ${q(s.region)}`, `ownerLevel: ${s.level}`, `siteType: ${s.type ?? '部门网站'}`, `checkDate: ${date}`, 'source: 抽查'];
  L.push(`homepage: { lastUpdate: ${day(date, fail.has('homepage') ? -30 : s.homepageAge ? -s.homepageAge : s.homepageWarn ? -12 : -1)} }`);
  L.push(`availability: { days: 7, probes: 140, failures: ${fail.has('unreachable') ? 12 : 0} }`);
  const columns: string[] = [];
  if (fail.has('columns')) for (let i = 1; i <= 5; i++) columns.push(`  - { name: 工作动态${i}, category: 动态要闻, level: 1, lastUpdate: ${day(date, -40)} }`);
  if (fail.has('blank')) for (let i = 1; i <= 5; i++) columns.push(`  - { name: 专题栏目${i}, category: 其他, blank: true }`);
  if (s.staleColumns) for (let i = 1; i <= 8; i++) columns.push(`  - { name: 信息栏目${i}, category: 其他, level: 2, lastUpdate: ${day(date, -220)} }`);
  L.push(columns.length ? 'columns:' : 'columns: []', ...columns);
  if (fail.has('unanswered')) {
    L.push('interaction:', '  channel: true', '  columns:', `    - { name: 领导信箱, type: 政务咨询, messages: [{ received: ${day(date, -150)} }] }`);
  } else L.push(`interaction: { channel: ${!fail.has('channel')}, columns: [] }`);
  if (fail.has('guides')) {
    L.push('services:', '  provided: true', '  guides:');
    for (const g of ['户籍证明', '营业执照', '社保转移', '医保报销', '不动产登记']) L.push(`    - { name: ${g}, missing: [设定依据, 申请条件, 办理材料, 办理地点] }`);
  } else L.push(`services: { provided: ${!fail.has('services')}, guides: [] }`);
  L.push(...findingsYaml(s.findings));
  return L.join('\n') + '\n';
}

function mediaYaml(a: AccountSpec, date: string): string {
  const L = ['kind: media', `platform: ${a.platform}`, `name: ${q(a.name)}`, `sponsor: ${q(a.sponsor)}`, `region: ${q(a.region)}`, `ownerLevel: ${a.level}`, `checkDate: ${date}`, `source: ${a.source ?? '抽查'}`];
  L.push(`lastPost: ${day(date, a.stale ? -40 : -2)}`, `interaction: { available: ${!a.noInteraction} }`);
  L.push(...findingsYaml(a.findings));
  return L.join('\n') + '\n';
}

/** One campaign folder's records, written in the order they are added (the order ties keep). */
class Campaign {
  private sites: SiteSpec[] = [];
  private accounts: AccountSpec[] = [];
  private files: { rel: string; text: string }[] = [];
  private names = new Set<string>();

  constructor(
    readonly dir: string,
    /** Check dates run from `start` over `days` days. */
    private readonly window: { start: string; days: number },
    private readonly codePrefix: string,
    /** The unit-name prefix of a region whose name is not a place (省直 → 河南省). */
    private readonly places: Record<string, string> = {},
  ) {}

  /** The place a region's units are named after. */
  place(region: string): string {
    return this.places[region] ?? region;
  }

  site(s: SiteSpec): this {
    if (this.names.has(`w|${s.name}`)) throw new Error(`${this.dir}: website ${s.name} twice`);
    this.names.add(`w|${s.name}`);
    this.sites.push(s);
    return this;
  }

  account(a: AccountSpec): this {
    const k = `m|${a.platform}|${a.name}`;
    if (this.names.has(k)) throw new Error(`${this.dir}: account ${a.platform} ${a.name} twice`);
    this.names.add(k);
    this.accounts.push(a);
    return this;
  }

  file(rel: string, text: string): this {
    this.files.push({ rel, text });
    return this;
  }

  /** Passing department sites of a region (unit names in order, then short “…网” names). */
  deptSites(region: string, level: string, count: number, make: (i: number) => Partial<SiteSpec> = () => ({})): this {
    const place = this.place(region);
    const forms = ['', '网', '信息网', '服务网', '政务网'];
    // names already taken (a named site of the same unit) are passed over
    for (let i = 0, j = 0; i < count; j++) {
      if (j > 10000) throw new Error(`${this.dir}: no more site names in ${region}`);
      const d = j % DEPTS.length;
      const round = Math.floor(j / DEPTS.length);
      const name = round === 0 ? `${place}${DEPTS[d]}` : `${short(place)}${DEPT_SHORT[d]}${forms[round % forms.length]}`;
      if (this.names.has(`w|${name}`)) continue;
      const spec = { name, sponsor: `${place}${DEPTS[d]}`, region, level, ...make(i) };
      if (this.names.has(`w|${spec.name}`)) continue;
      this.site(spec);
      i++;
    }
    return this;
  }

  /** Accounts of a region's units, platform by platform. */
  deptAccounts(region: string, level: string, count: number, make: (i: number) => Partial<AccountSpec> = () => ({}), platforms = PLATFORM_CYCLE): this {
    const place = this.place(region);
    for (let i = 0, j = 0; i < count; j++) {
      if (j > 10000) throw new Error(`${this.dir}: no more account names in ${region}`);
      const d = j % DEPT_SHORT.length;
      const round = Math.floor(j / DEPT_SHORT.length);
      const platform = platforms[round % platforms.length];
      const name = `${short(place)}${DEPT_SHORT[d]}${NAME_TAILS[Math.floor(round / platforms.length) % NAME_TAILS.length]}`;
      if (this.names.has(`m|${platform}|${name}`)) continue;
      this.account({ platform, name, sponsor: `${place}${DEPTS[d]}`, region, level, ...make(i) });
      i++;
    }
    return this;
  }

  /** The accounts added so far. */
  get accountList(): readonly AccountSpec[] {
    return this.accounts;
  }

  get websiteCount(): number {
    return this.sites.length;
  }

  get mediaCount(): number {
    return this.accounts.length;
  }

  write(): void {
    const dir = path.join(ROOT, this.dir);
    for (const sub of ['websites', 'media', 'registry', 'profiles']) rmSync(path.join(dir, sub), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const dateOf = (i: number, own?: string) => own ?? day(this.window.start, i % this.window.days);
    this.sites.forEach((s, i) => {
      // 网站标识码: a 6-digit division code and a 4-digit serial
      const code = s.code ?? `${this.codePrefix.padEnd(6, '0')}${String(i + 1).padStart(4, '0')}`;
      put(dir, `websites/${String(i + 1).padStart(4, '0')}.yaml`, websiteYaml(s, code, dateOf(i, s.date)));
    });
    this.accounts.forEach((a, i) => put(dir, `media/${String(i + 1).padStart(4, '0')}.yaml`, mediaYaml(a, dateOf(i, a.date))));
    for (const f of this.files) put(dir, f.rel, f.text);
  }
}

function put(dir: string, rel: string, text: string): void {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

// ------------------------------------------------------------------------------------------------
// Local profiles (data: the rules a fixture's issuer applies beyond the national ones)
// ------------------------------------------------------------------------------------------------

interface LocalRule {
  id: string;
  kind: 'veto' | 'warning' | 'bonus';
  on: 'website' | 'media';
  name: string;
}

const SCORE_ITEMS = [
  'W-D1.1', 'W-D1.2', 'W-D1.3', 'W-D1.4', 'W-D1.5', 'W-D1.6', 'W-D1.7', 'W-D1.8',
  'W-D2.1', 'W-D2.2', 'W-D2.3', 'W-D2.4', 'W-D2.5', 'W-D2.6',
  'W-D3.1', 'W-D3.2', 'W-D3.3', 'W-D3.4', 'W-D3.5',
  'W-D4.1', 'W-D4.2', 'W-D4.3', 'W-D4.4', 'W-D4.5', 'W-D4.6',
];

function ruleYaml(r: { id: string; kind: string; on: string; name: string; extra?: string }): string {
  return [
    `  - id: ${r.id}`,
    `    name: { zh-cn: ${r.name}, en: ${r.id} }`,
    `    kind: ${r.kind}`,
    `    appliesTo: [{ field: kind, in: [${r.on}] }]`,
    '    confidence: high',
    '    source: 本地检查口径（测试数据）',
    ...(r.extra ? [r.extra] : []),
    '    conditions:',
    '      finding: { evaluator: finding, label: { zh-cn: 检查发现, en: Finding } }',
    '',
  ].join('\n');
}

/**
 * A local profile extending national-2019: `rules` added (each decided by the inspector's finding),
 * `overrides` as written; with `scored`, every scoring item gets a per-finding deduction and a bonus
 * item exists, so that scores are computed (`scoreEveryWebsite`: not only portals).
 */
function localProfile(id: string, o: { rules?: LocalRule[]; overrides?: string; scored?: boolean; scoreEveryWebsite?: boolean }): string {
  const bonus = (o.rules ?? []).some((r) => r.kind === 'bonus') || o.scored;
  const L = [
    `# 测试用本地指标方案：在国家指标之上加本地检查口径（测试数据，不是正式文本）`,
    'kind: profile',
    `id: ${id}`,
    `name: { zh-cn: ${id}（测试）, en: ${id} (test) }`,
    'extends: national-2019',
    'source: 测试数据',
  ];
  if (bonus || o.scored) {
    L.push('scoring:', '  verdictNeedsScore: false');
    if (o.scoreEveryWebsite) L.push('  appliesTo: [{ field: kind, in: [website] }]');
    if (o.scored) L.push('  indicators:', ...['W-D1', 'W-D2', 'W-D3', 'W-D4'].map((i) => `    - { id: ${i}, confirmed: true }`));
    L.push('  bonusIndicators:', '    - id: LB', '      name: { zh-cn: 本地加分, en: Local bonus }', '      points: 30', '      items: [{ id: LB.1, name: { zh-cn: 本地加分项, en: Local bonus item } }]');
  }
  if (o.overrides) L.push('overrides:', o.overrides.trimEnd());
  const rules = (o.rules ?? []).map((r) => ruleYaml({ ...r, extra: r.kind === 'bonus' ? '    bonus: { item: LB.1, perOccurrence: 1 }' : undefined }));
  if (o.scored) for (const item of SCORE_ITEMS) rules.push(ruleYaml({ id: `L-${item}`, kind: 'deduction', on: 'website', name: `${item}扣分`, extra: `    deduction: { item: ${item}, perOccurrence: 1 }` }));
  if (rules.length) L.push('rules:', ...rules);
  return L.join('\n').trimEnd() + '\n';
}

/** A registry export of new media (CSV, UTF-8): running rows of the accounts given, plus others. */
function mediaRegistry(rows: { region: string; platform: string; name: string; sponsor: string; status?: string }[]): string {
  const L = ['序号,地区,平台,账号名称,主办单位,状态'];
  rows.forEach((r, i) => L.push([i + 1, r.region, r.platform, r.name, r.sponsor, r.status ?? '正常'].join(',')));
  return L.join('\n') + '\n';
}

// ------------------------------------------------------------------------------------------------
// Helpers for exact counts
// ------------------------------------------------------------------------------------------------

/** `k` of `total` positions, evenly spread (which records fail, when the bulletin gives only a count). */
function spread(total: number, k: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < k; i++) out.add(Math.floor(((i + 0.5) * total) / k));
  if (out.size !== k) throw new Error(`cannot spread ${k} over ${total}`);
  return out;
}

/** Platforms in the given numbers, interleaved so that every region gets a mix. */
function platformMix(counts: Record<string, number>): string[] {
  const out: string[] = [];
  const left = { ...counts };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const placed: Record<string, number> = Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));
  for (let i = 0; i < total; i++) {
    // the platform furthest behind its share goes next
    let best = '';
    let behind = -Infinity;
    for (const [p, n] of Object.entries(counts)) {
      if (!left[p]) continue;
      const d = ((i + 1) * n) / total - placed[p];
      if (d > behind) {
        behind = d;
        best = p;
      }
    }
    out.push(best);
    left[best]--;
    placed[best]++;
  }
  return out;
}

/** Accounts of units of a region on given platforms (one name per unit and platform). */
function accountsOn(c: Campaign, region: string, level: string, platforms: string[], make: (i: number) => Partial<AccountSpec> = () => ({})): void {
  const used = new Map<string, number>();
  platforms.forEach((platform, i) => {
    const n = used.get(platform) ?? 0;
    used.set(platform, n + 1);
    const d = n % DEPT_SHORT.length;
    const tail = NAME_TAILS[Math.floor(n / DEPT_SHORT.length) % NAME_TAILS.length];
    const place = c.place(region);
    c.account({ platform, name: `${short(place)}${DEPT_SHORT[d]}${tail}`, sponsor: `${place}${DEPTS[d]}`, region, level, ...make(i) });
  });
}

const MEDIA_FAILS: Partial<AccountSpec>[] = [{ stale: true }, { noInteraction: true }];

// ------------------------------------------------------------------------------------------------
// The fixtures, one per corpus bulletin
// ------------------------------------------------------------------------------------------------

/** 01 江西 2022 Q3: 552 websites (census, 29 failing), 1,213 new media (of 3,470; 37 failing); praise from findings. */
function jiangxi(): Campaign[] {
  const c = new Campaign('01-jiangxi-2022q3', { start: '2022-09-05', days: 20 }, '36', { 省直: '江西省' });
  const regions = ['省直', '南昌市', '景德镇市', '萍乡市', '九江市', '新余市', '鹰潭市', '赣州市', '吉安市', '宜春市', '抚州市', '上饶市'];
  const praise = (indicator: string, note: string): Finding[] => [{ indicator, note }];
  // the praised accounts and sites of 一、主要成效: their good practice is the inspector's finding
  c.account({ platform: '微信公众号', name: '江西省教育厅', sponsor: '江西省教育厅', region: '省直', level: '省级', findings: praise('JX-B1', '开发了校园防控功能，为做好全省教育系统疫情防控工作，保障学生返校学习提供助力') });
  c.account({ platform: '微信公众号', name: '江西掌上12348', sponsor: '江西省司法厅', region: '省直', level: '省级', findings: praise('JX-B1', '向群众提供各类法律咨询和法律援助、人民调解等服务，方便群众学法用法') });
  c.account({ platform: '微信公众号', name: '江西医疗保障', sponsor: '江西省医疗保障局', region: '省直', level: '省级', findings: praise('JX-B1', '上线了医保电子凭证服务，可以让群众在手机上使用电子医保卡进行医保支付并享受个人医保服务') });
  c.site({ name: '南昌市人民政府', sponsor: '南昌市人民政府办公室', region: '南昌市', level: '市级', type: '门户网站', findings: praise('JX-B2', '在数据开放栏目发布经济、人口、农业、工业、服务业、民生、自然资源等统计数据，直观且便民') });
  c.site({ name: '萍乡市人民政府', sponsor: '萍乡市人民政府办公室', region: '萍乡市', level: '市级', type: '门户网站', findings: praise('JX-B3', '开设智能搜索功能，标题、关键字等搜索结果准确，并提供关键词模糊搜索功能') });
  c.site({ name: '靖安县人民政府', sponsor: '靖安县人民政府办公室', region: '宜春市', level: '县级', type: '门户网站', findings: praise('JX-B2', '开设村务公开栏目，详细介绍农村情况，并及时发布惠农政策') });
  c.site({ name: '中国·奉新', sponsor: '奉新县人民政府办公室', region: '宜春市', level: '县级', type: '门户网站', findings: praise('JX-B2', '开设营商环境服务专栏，动态发布优化营商环境工作举措，重点宣传解读惠企政策') });
  // 548 more websites (552 in all), 29 of them failing; 1,210 more accounts (1,213), 37 failing
  const siteFails: WebsiteFail[][] = [['homepage'], ['columns'], ['unreachable'], ['channel'], ['unanswered'], ['blank']];
  const failSites = spread(548, 29);
  let n = 0;
  let f = 0;
  regions.forEach((r, i) => c.deptSites(r, r === '省直' ? '省级' : '市级', i < 8 ? 46 : 45, () => (failSites.has(n++) ? { fail: siteFails[f++ % siteFails.length] } : {})));
  const failAccounts = spread(1210, 37);
  n = 0;
  regions.forEach((r, i) => c.deptAccounts(r, r === '省直' ? '省级' : '市级', i < 10 ? 101 : 100, () => (failAccounts.has(n) ? MEDIA_FAILS[n++ % 2] : (n++, {}))));
  c.file(
    'profiles/jiangxi.yaml',
    localProfile('jiangxi-test', {
      rules: [
        { id: 'JX-B1', kind: 'bonus', on: 'media', name: '办事服务便利惠民' },
        { id: 'JX-B2', kind: 'bonus', on: 'website', name: '信息发布务实高效' },
        { id: 'JX-B3', kind: 'bonus', on: 'website', name: '网站功能逐步完善' },
      ],
    }),
  );
  return [c];
}

/** 02 西藏 2022 Q4: 120 of 267 websites sampled, 53 passing, by region as printed; new media of 1,203 (sample invented). */
function xizang(): Campaign[] {
  const c = new Campaign('02-xizang-2022q4', { start: '2022-11-14', days: 20 }, '54', { 区直: '西藏自治区' });
  const rows: [string, number, number][] = [['区直', 34, 17], ['拉萨市', 27, 21], ['日喀则市', 5, 4], ['山南市', 15, 2], ['林芝市', 15, 3], ['昌都市', 7, 1], ['那曲市', 1, 0], ['阿里地区', 16, 5]];
  const fails: WebsiteFail[][] = [['homepage'], ['columns'], ['channel'], ['unreachable'], ['blank']];
  let f = 0;
  for (const [region, checked, passed] of rows) {
    const failing = spread(checked, checked - passed);
    c.deptSites(region, region === '区直' ? '省级' : '市级', checked, (i) => (failing.has(i) ? { fail: fails[f++ % fails.length] } : {}));
  }
  // invented: the copy stops before the new-media figures; 60 accounts sampled, 6 failing
  const failing = spread(60, 6);
  let n = 0;
  for (const [region] of rows) c.deptAccounts(region, region === '区直' ? '省级' : '市级', region === '区直' ? 18 : 6, () => (failing.has(n) ? MEDIA_FAILS[n++ % 2] : (n++, {})));
  return [c];
}

const HENAN_CITIES = ['郑州市', '开封市', '洛阳市', '平顶山市', '安阳市', '鹤壁市', '新乡市', '焦作市', '濮阳市', '许昌市', '漯河市', '三门峡市', '南阳市', '商丘市', '信阳市', '周口市', '驻马店市', '济源示范区'];
const HENAN_COUNTIES = ['巩义市', '兰考县', '汝州市', '滑县', '长垣市', '邓州市', '永城市', '固始县', '鹿邑县', '新蔡县'];

/** 03 河南 2020 Q1: 842 websites (16 failing) and 2,545 new media (60 failing), regions at 100% and below 95%, portals scoring 100 or more. */
function henan(): Campaign[] {
  const c = new Campaign('03-henan-2020q1', { start: '2020-03-02', days: 25 }, '41', { 省直: '河南省' });
  const siteCount: Record<string, number> = { 省直: 80, 郑州市: 45, 开封市: 30, 洛阳市: 40, 平顶山市: 30, 安阳市: 30, 鹤壁市: 20, 新乡市: 60, 焦作市: 40, 濮阳市: 25, 许昌市: 40, 漯河市: 30, 三门峡市: 25, 南阳市: 60, 商丘市: 45, 信阳市: 35, 周口市: 40, 驻马店市: 35, 济源示范区: 12 };
  for (const county of HENAN_COUNTIES) siteCount[county] = 12;
  const siteFailures: Record<string, number> = { 新乡市: 3, 焦作市: 2, 许昌市: 2, 漯河市: 1, 南阳市: 3, 商丘市: 2, 周口市: 3 };
  // portals: every region's own (巩义 and 长垣 under their own names) and two county portals;
  // 12 lose points (W-D1.1), the named five get bonus points so that they score highest
  const portalName: Record<string, string> = { 巩义市: '中国巩义', 长垣市: '长垣市人民政府' };
  const deducted = new Set(['郑州市', '开封市', '洛阳市', '平顶山市', '安阳市', '鹤壁市', '新乡市', '焦作市', '濮阳市', '漯河市', '三门峡市', '信阳市']);
  const bonus: Record<string, number> = { 南阳市: 5, 睢县人民政府门户网站: 4, 巩义市: 3, 长垣市: 2, 许昌市建安区人民政府门户网站: 1 };
  const extraPortals: Record<string, string[]> = { 商丘市: ['睢县人民政府门户网站'], 许昌市: ['许昌市建安区人民政府门户网站'] };
  const fails: WebsiteFail[][] = [['homepage'], ['columns'], ['channel'], ['unreachable']];
  let f = 0;
  for (const region of ['省直', ...HENAN_CITIES, ...HENAN_COUNTIES]) {
    const level = region === '省直' ? '省级' : HENAN_COUNTIES.includes(region) ? '县级' : '市级';
    let left = siteCount[region];
    if (region !== '省直') {
      const name = portalName[region] ?? `${region}人民政府门户网站`;
      const findings: Finding[] = [];
      if (deducted.has(region)) findings.push({ indicator: 'L-W-D1.1', count: 2 });
      if (bonus[region]) findings.push({ indicator: 'HN-B1', count: bonus[region] });
      c.site({ name, sponsor: `${region}人民政府办公室`, region, level, type: '门户网站', findings });
      left--;
      for (const extra of extraPortals[region] ?? []) {
        c.site({ name: extra, sponsor: extra.replace('门户网站', '办公室'), region, level: '县级', type: '门户网站', findings: [{ indicator: 'HN-B1', count: bonus[extra] }] });
        left--;
      }
    }
    const failing = spread(left, siteFailures[region] ?? 0);
    c.deptSites(region, level, left, (i) => (failing.has(i) ? { fail: fails[f++ % fails.length] } : {}));
  }
  if (c.websiteCount !== 842) throw new Error(`henan websites ${c.websiteCount}`);
  const mediaCount: Record<string, number> = { 省直: 200, 郑州市: 180, 开封市: 100, 洛阳市: 150, 平顶山市: 100, 安阳市: 100, 鹤壁市: 60, 新乡市: 120, 焦作市: 90, 濮阳市: 80, 许昌市: 100, 漯河市: 70, 三门峡市: 70, 南阳市: 150, 商丘市: 110, 信阳市: 110, 周口市: 120, 驻马店市: 110, 济源示范区: 40 };
  for (const county of HENAN_COUNTIES) mediaCount[county] = county === '新蔡县' ? 53 : 48;
  const mediaFailures: Record<string, number> = { 省直: 8, 平顶山市: 4, 安阳市: 3, 新乡市: 8, 焦作市: 3, 漯河市: 2, 南阳市: 7, 商丘市: 4, 周口市: 6, 兰考县: 4, 汝州市: 2, 固始县: 2, 鹿邑县: 5, 新蔡县: 2 };
  let m = 0;
  for (const region of ['省直', ...HENAN_CITIES, ...HENAN_COUNTIES]) {
    const failing = spread(mediaCount[region], mediaFailures[region] ?? 0);
    c.deptAccounts(region, region === '省直' ? '省级' : HENAN_COUNTIES.includes(region) ? '县级' : '市级', mediaCount[region], (i) => (failing.has(i) ? MEDIA_FAILS[m++ % 2] : {}));
  }
  if (c.mediaCount !== 2545) throw new Error(`henan media ${c.mediaCount}`);
  c.file('profiles/henan.yaml', localProfile('henan-test', { scored: true, rules: [{ id: 'HN-B1', kind: 'bonus', on: 'website', name: '门户网站创新加分' }] }));
  return [c];
}

const GD_CITIES = ['广州市', '韶关市', '深圳市', '珠海市', '汕头市', '佛山市', '江门市', '湛江市', '茂名市', '肇庆市', '惠州市', '梅州市', '汕尾市', '河源市', '阳江市', '清远市', '东莞市', '中山市', '潮州市', '揭阳市', '云浮市'];

/** 04 广东 2025 Q2: 510 websites (one failing, in 佛山市), 2,705 new media (three failing). */
function guangdong(): Campaign[] {
  const c = new Campaign('04-guangdong-2025q2', { start: '2025-06-03', days: 20 }, '44', { 省直: '广东省' });
  c.deptSites('省直', '省级', 90, (i) => (i === 5 ? { staleColumns: true } : {}));
  for (const city of GD_CITIES) {
    c.deptSites(city, '市级', 20, (i) => (city === '佛山市' && i === 3 ? { findings: [{ indicator: 'W-V1', note: '发布的稿件出现严重表述错误' }] } : city === '梅州市' && i === 7 ? { staleColumns: true } : {}));
  }
  const failing = new Set(['广州市', '湛江市', '云浮市']);
  c.deptAccounts('省直', '省级', 305);
  GD_CITIES.forEach((city, i) => c.deptAccounts(city, '市级', i === 0 ? 120 : 114, (j) => (failing.has(city) && j === 10 ? { stale: true } : {})));
  if (c.websiteCount !== 510 || c.mediaCount !== 2705) throw new Error('guangdong counts');
  return [c];
}

/** 05 青海 2020 Q3: 134 websites (8 with problems, named), 381 new media (63: 54 without interaction, 26 with content errors). */
function qinghai(): Campaign[] {
  const c = new Campaign('05-qinghai-2020q3', { start: '2020-08-03', days: 25 }, '63', { 省直: '青海省' });
  const named: SiteSpec[] = [
    { name: '青海省粮食局', sponsor: '青海省粮食局', region: '省直', level: '省级', fail: ['columns'] },
    { name: '海北州财政局', sponsor: '海北州财政局', region: '海北州', level: '市级', fail: ['channel'] },
    { name: '同仁县政府', sponsor: '同仁县人民政府', region: '黄南州', level: '县级', type: '门户网站', fail: ['columns'] },
    { name: '河南县政府', sponsor: '河南蒙古族自治县人民政府', region: '黄南州', level: '县级', type: '门户网站', fail: ['guides'] },
    { name: '泽库县政务信息', sponsor: '泽库县人民政府', region: '黄南州', level: '县级', type: '门户网站', fail: ['unanswered'] },
    { name: '兴海县政府', sponsor: '兴海县人民政府', region: '海南州', level: '县级', type: '门户网站', fail: ['columns'] },
    { name: '曲麻莱县政府', sponsor: '曲麻莱县人民政府', region: '玉树州', level: '县级', type: '门户网站', fail: ['columns'] },
    { name: '中国柴达木', sponsor: '海西州人民政府', region: '海西州', level: '市级', type: '门户网站', fail: ['columns'] },
  ];
  const regions = ['省直', '西宁市', '海东市', '海北州', '黄南州', '海南州', '果洛州', '玉树州', '海西州'];
  const count: Record<string, number> = { 省直: 38, 西宁市: 16, 海东市: 14, 海北州: 10, 黄南州: 10, 海南州: 10, 果洛州: 10, 玉树州: 12, 海西州: 14 };
  for (const region of regions) {
    const own = named.filter((s) => s.region === region);
    own.forEach((s) => c.site(s));
    c.deptSites(region, region === '省直' ? '省级' : '市级', count[region] - own.length);
  }
  // 381 accounts, 63 failing: 54 without interaction, 26 with content errors, 17 of them both
  const noInteraction = spread(381, 54);
  const bad = [...noInteraction].slice(0, 17);
  const moreBad = spread(381, 60);
  const contentErrors = new Set<number>(bad);
  for (const i of moreBad) if (contentErrors.size < 26 && !noInteraction.has(i)) contentErrors.add(i);
  let n = 0;
  const mcount: Record<string, number> = { 省直: 101, 西宁市: 40, 海东市: 40, 海北州: 30, 黄南州: 30, 海南州: 30, 果洛州: 30, 玉树州: 40, 海西州: 40 };
  for (const region of regions) {
    c.deptAccounts(region, region === '省直' ? '省级' : '市级', mcount[region], () => {
      const i = n++;
      return {
        ...(noInteraction.has(i) ? { noInteraction: true } : {}),
        ...(contentErrors.has(i) ? { findings: [{ indicator: 'M-V1', note: '发布信息出现错误表述' }] } : {}),
      };
    });
  }
  if (c.websiteCount !== 134 || c.mediaCount !== 381) throw new Error(`qinghai counts ${c.websiteCount} ${c.mediaCount}`);
  c.file('profiles/qinghai.yaml', localProfile('qinghai-test', { overrides: '  W-V6:\n    conditions:\n      guides:\n        confirmed: true\n' }));
  return [c];
}

const GANSU_CITIES = ['嘉峪关市', '金昌市', '酒泉市', '武威市', '白银市', '天水市', '平凉市', '庆阳市', '临夏回族自治州', '兰州市', '张掖市', '定西市', '陇南市', '甘南藏族自治州'];

/** 06 甘肃 2022 Q1 (new media only): 737 accounts (of 5,541), 26 failing, 7 of last quarter's 23 still failing. */
function gansu(): Campaign[] {
  const c = new Campaign('06-gansu-2022q1', { start: '2021-12-20', days: 90 }, '62', { 省直: '甘肃省' });
  const prev = new Campaign('06-gansu-2021q4-previous', { start: '2021-09-20', days: 90 }, '62', { 省直: '甘肃省' });
  const failures: Record<string, number> = { 省直: 2, 兰州市: 6, 张掖市: 5, 定西市: 5, 陇南市: 4, 甘南藏族自治州: 4 };
  // last quarter: 23 failing accounts of 省直 and 兰州市; now 7 still fail (stale), 10 pass, 6 not sampled
  const prevNames: AccountSpec[] = [];
  for (let i = 0; i < 23; i++) {
    const region = i < 8 ? '省直' : '兰州市';
    const place = c.place(region);
    prevNames.push({ platform: '抖音', name: `${short(place)}${DEPT_SHORT[i % 36]}视频`, sponsor: `${place}${DEPTS[i % 36]}`, region, level: region === '省直' ? '省级' : '市级', stale: true });
  }
  prevNames.forEach((a) => prev.account(a));
  const stillFailing = new Set([0, 1, 8, 9, 10, 11, 12]);
  const regions = ['省直', ...GANSU_CITIES, '兰州新区'];
  for (const region of regions) {
    const level = region === '省直' ? '省级' : '市级';
    const total = region === '省直' ? 100 : region === '兰州新区' ? 27 : region === '兰州市' ? 51 : 43;
    const repeats = prevNames.map((a, i) => ({ a, i })).filter(({ a, i }) => a.region === region && i < 17);
    for (const { a, i } of repeats) c.account({ ...a, stale: stillFailing.has(i) });
    const stillHere = repeats.filter(({ i }) => stillFailing.has(i)).length;
    const failing = spread(total - repeats.length, Math.max(0, (failures[region] ?? 0) - stillHere));
    let k = 0;
    c.deptAccounts(region, level, total - repeats.length, (i) => {
      if (!failing.has(i)) return region === '定西市' && i === 1 ? { findings: [{ indicator: 'M-W5', note: '账号已注销但报送系统中未关停' }] } : {};
      k++;
      return region === '张掖市' && k === 1 ? { findings: [{ indicator: 'M-V1', note: '转载内容存在表述错误' }] } : { noInteraction: true };
    });
  }
  if (c.mediaCount !== 737) throw new Error(`gansu media ${c.mediaCount}`);
  return [c, prev];
}

/** 07 咸宁 2020 Q3: 40 websites (30 with some problem, 38 scoring 90 or more, 9 units running well), 139 new media (39 failing). */
function xianning(): Campaign[] {
  const c = new Campaign('07-xianning-2020q3', { start: '2020-07-13', days: 8 }, '42', { 市直: '咸宁市' });
  const good = (name: string, sponsor: string, region: string, level: string, type = '部门网站'): SiteSpec => ({ name, sponsor, region, level, type, findings: [{ indicator: 'XN-B1', note: '运行良好' }] });
  c.site(good('咸安区人民政府', '咸安区人民政府', '咸安区', '县级', '门户网站'));
  c.site(good('通山县人民政府', '通山县人民政府', '通山县', '县级', '门户网站'));
  c.site(good('崇阳县人民政府', '崇阳县人民政府', '崇阳县', '县级', '门户网站'));
  c.site(good('咸宁高新区', '咸宁高新区管委会', '咸宁高新区', '县级', '门户网站'));
  for (const d of ['司法局', '审计局', '水利和湖泊局', '林业局', '经信局']) c.site(good(`咸宁市${d}`, `咸宁市${d}`, '市直', '市级'));
  c.site({ name: '嘉鱼县人民政府', sponsor: '嘉鱼县人民政府', region: '嘉鱼县', level: '县级', type: '门户网站' });
  // 30 sites lose points (one deduction each); two lose 12 (score 88)
  const praisedUnits = ['司法局', '审计局', '林业局'];
  const cityDepts = DEPTS.filter((d) => !praisedUnits.includes(d));
  let n = 0;
  for (const [region, count] of [['市直', 20], ['通城县', 5], ['赤壁市', 5]] as const) {
    c.deptSites(region, region === '市直' ? '市级' : '县级', count, (i) => {
      const k = n++;
      const unit = region === '市直' ? `咸宁市${cityDepts[i]}` : `${region}${DEPTS[i]}`;
      return { name: unit, sponsor: unit, findings: [{ indicator: `L-${SCORE_ITEMS[(k * 7) % SCORE_ITEMS.length]}`, count: k < 2 ? 12 : 1 }] };
    });
  }
  // 139 accounts: 22 of city departments, 117 of local governments; 39 failing
  const failing = spread(139, 39);
  let m = 0;
  c.deptAccounts('市直', '市级', 22, () => (failing.has(m) ? MEDIA_FAILS[m++ % 2] : (m++, {})));
  for (const [region, count] of [['咸安区', 20], ['嘉鱼县', 17], ['通城县', 16], ['崇阳县', 16], ['通山县', 16], ['赤壁市', 16], ['咸宁高新区', 16]] as const) {
    c.deptAccounts(region, '县级', count, () => (failing.has(m) ? MEDIA_FAILS[m++ % 2] : (m++, {})));
  }
  if (c.websiteCount !== 40 || c.mediaCount !== 139) throw new Error(`xianning counts ${c.websiteCount} ${c.mediaCount}`);
  c.file('profiles/xianning.yaml', localProfile('xianning-test', { scored: true, scoreEveryWebsite: true, rules: [{ id: 'XN-B1', kind: 'bonus', on: 'website', name: '网站运行良好' }] }));
  return [c];
}

/** 08 宜昌 2020 第四次: 55 websites by type and level, all passing; 282 of 402 new media (registry by platform), all passing. */
function yichang(): Campaign[] {
  const c = new Campaign('08-yichang-2020q4', { start: '2020-11-11', days: 7 }, '42', { 市直: '宜昌市' });
  const webDate = (i: number) => day('2020-11-11', i % 7);
  let w = 0;
  // 网站地址 (the attachment prints it): the portals' domains, the departments' sites under the city portal
  const deptUrl = () => `http://www.yichang.gov.cn/bmwz/${String(w + 1).padStart(2, '0')}/`;
  c.site({ name: '宜昌市人民政府门户网站', sponsor: '宜昌市人民政府办公室', region: '市直', level: '市级', type: '门户网站', url: 'http://www.yichang.gov.cn/', date: webDate(w++) });
  const counties = ['夷陵区', '西陵区', '伍家岗区', '点军区', '猇亭区', '宜都市', '当阳市', '枝江市', '远安县', '兴山县', '秭归县', '长阳土家族自治县', '五峰土家族自治县'];
  const domains = ['yiling', 'xiling', 'wujiagang', 'dianjun', 'xiaoting', 'yidu', 'dangyang', 'zhijiang', 'yuanan', 'xingshan', 'zigui', 'changyang', 'hbwf'];
  counties.forEach((county, i) => c.site({ name: `${county}人民政府门户网站`, sponsor: `${county}人民政府办公室`, region: county, level: '县级', type: '门户网站', url: `http://www.${domains[i]}.gov.cn/`, date: webDate(w++) }));
  const stale = ['宜昌市民族宗教事务委员会', '宜昌市卫生健康委员会', '宜昌市水利和湖泊局'];
  for (const unit of stale) c.site({ name: unit, sponsor: unit, region: '市直', level: '市级', staleColumns: true, url: deptUrl(), date: webDate(w++) });
  c.deptSites('市直', '市级', 38, () => ({ url: deptUrl(), date: webDate(w++) }));
  // the registry: 402 running accounts (334 微信公众号, 42 新浪微博, 26 others); 282 sampled
  const registry: { region: string; platform: string; name: string; sponsor: string }[] = [];
  const regions = ['市直', ...counties];
  const mix = platformMix({ 微信公众号: 334, 新浪微博: 42, 抖音: 10, 今日头条号: 10, 快手: 6 });
  const per = Math.ceil(mix.length / regions.length);
  const sampled = spread(402, 282);
  let mi = 0;
  regions.forEach((region, r) => {
    const platforms = mix.slice(r * per, (r + 1) * per);
    const before = registry.length;
    const tmp = new Campaign('unused', { start: '2020-11-20', days: 8 }, '00', { 市直: '宜昌市' });
    accountsOn(tmp, region, region === '市直' ? '市级' : '县级', platforms);
    void before;
    for (const a of tmp.accountList) {
      registry.push({ region, platform: a.platform, name: a.name, sponsor: a.sponsor });
      if (sampled.has(mi++)) c.account({ ...a, date: day('2020-11-20', mi % 8) });
    }
  });
  if (c.websiteCount !== 55 || c.mediaCount !== 282 || registry.length !== 402) throw new Error(`yichang counts ${c.websiteCount} ${c.mediaCount} ${registry.length}`);
  c.file('registry/media.csv', mediaRegistry(registry));
  return [c];
}

const WUXI_REGIONS = ['市直', '江阴市', '宜兴市', '梁溪区', '锡山区', '惠山区', '滨湖区', '新吴区'];

function wuxi(dir: string, counts: number[], platforms: Record<string, number>, failures: number, praise: number): Campaign {
  const c = new Campaign(dir, { start: dir.includes('2021') ? '2021-12-01' : '2022-12-01', days: 25 }, '32', { 市直: '无锡市' });
  const mix = platformMix(platforms);
  const failing = spread(mix.length, failures);
  let at = 0;
  let m = 0;
  let praised = 0;
  WUXI_REGIONS.forEach((region, r) => {
    const platforms = mix.slice(at, at + counts[r]);
    accountsOn(c, region, region === '市直' ? '市级' : '县级', platforms, (k) => {
      const i = m++;
      // 宜兴市's passing WeChat accounts that reprint the central government's decisions well (a
      // finding); the first of them is “宜兴发改(微信公众号)”, the one the bulletin names
      const good = region === '宜兴市' && platforms[k] === '微信公众号' && !failing.has(i) && praised < praise ? (praised++, [{ indicator: 'WX-B1', note: '积极转载党中央、国务院重大决策部署' }]) : undefined;
      return { ...(failing.has(i) ? MEDIA_FAILS[i % 2] : {}), ...(good ? { findings: good } : {}) };
    });
    at += counts[r];
  });
  if (praise) c.file('profiles/wuxi.yaml', localProfile('wuxi-test', { rules: [{ id: 'WX-B1', kind: 'bonus', on: 'media', name: '积极转载权威信息' }] }));
  return c;
}

/** 09 无锡 2021 Q4 and 10 无锡 2022 Q4 (new media only): every account checked, by owner and by platform. */
function wuxi2021(): Campaign[] {
  return [wuxi('09-wuxi-2021q4', [146, 60, 60, 40, 40, 40, 40, 35], { 微信公众号: 326, 新浪微博: 83, 移动客户端: 6, 抖音: 20, 今日头条号: 16, 微信视频号: 10 }, 24, 0)];
}

function wuxi2022(): Campaign[] {
  return [wuxi('10-wuxi-2022q4', [145, 55, 55, 40, 40, 40, 35, 35], { 微信公众号: 313, 新浪微博: 72, 移动客户端: 5, 抖音: 25, 今日头条号: 20, 微信视频号: 10 }, 3, 30)];
}

const PUER_COUNTIES = ['思茅区', '宁洱县', '墨江县', '景东县', '景谷县', '镇沅县', '江城县', '孟连县', '澜沧县', '西盟县'];

/** 11 普洱 2022 Q1: last quarter's 14 failing accounts all rectified; 12 websites, all passing; 279 accounts, 12 failing. */
function puer(): Campaign[] {
  const c = new Campaign('11-puer-2022q1', { start: '2022-03-01', days: 25 }, '53', { 市直: '普洱市' });
  const prev = new Campaign('11-puer-2021q4-previous', { start: '2021-12-01', days: 25 }, '53', { 市直: '普洱市' });
  c.site({ name: '普洱市人民政府', sponsor: '普洱市人民政府办公室', region: '市直', level: '市级', type: '门户网站' });
  for (const unit of ['发展改革委', '工业和信息化局', '林草局', '广电局']) c.site({ name: `普洱市${unit}`, sponsor: `普洱市${unit}`, region: '市直', level: '市级', staleColumns: true });
  c.site({ name: '普洱市教育体育局', sponsor: '普洱市教育体育局', region: '市直', level: '市级' });
  for (const county of PUER_COUNTIES.slice(0, 6)) c.site({ name: `${county}人民政府`, sponsor: `${county}人民政府办公室`, region: county, level: '县级', type: '门户网站' });
  const failing = spread(279, 12);
  let m = 0;
  const fixedLater: AccountSpec[] = [];
  for (const [region, count] of [['市直', 69], ...PUER_COUNTIES.map((r) => [r, 21] as const)] as [string, number][]) {
    c.deptAccounts(region, region === '市直' ? '市级' : '县级', count, () => {
      const i = m++;
      return failing.has(i) ? MEDIA_FAILS[i % 2] : {};
    });
  }
  // last quarter's 14 failures: accounts of this quarter that pass now
  const all = c.accountList;
  for (let i = 0, k = 0; k < 14; i += 17) {
    if (!failing.has(i)) {
      fixedLater.push(all[i]);
      k++;
    }
  }
  for (const a of fixedLater) prev.account({ ...a, stale: true });
  if (c.websiteCount !== 12 || c.mediaCount !== 279) throw new Error(`puer counts ${c.websiteCount} ${c.mediaCount}`);
  return [c, prev];
}

const SANMING_REGIONS = ['市直', '三元区', '沙县区', '永安市', '明溪县', '清流县', '宁化县', '大田县', '尤溪县', '将乐县', '泰宁县', '建宁县'];

/**
 * 12 三明 2021 Q3: 42 websites and 135 new media (census); named problems from findings; the 10 city
 * departments that reported their sites' 备案号 (a local finding); a homepage nearly 14 days old; two
 * deregistered accounts back online.
 */
function sanming(): Campaign[] {
  const c = new Campaign('12-sanming-2021q3', { start: '2021-09-06', days: 5 }, '35', { 市直: '三明市' });
  const filed = [{ indicator: 'SM-B1', note: '及时跟踪并反馈申请的备案号' }];
  for (const unit of ['教育局', '科学技术局', '民族宗教事务局', '司法局', '自然资源局', '商务局', '文化和旅游局', '应急管理局', '审计局', '人民防空办公室']) {
    c.site({ name: `三明市${unit}`, sponsor: `三明市${unit}`, region: '市直', level: '市级', findings: filed });
  }
  c.deptSites('市直', '市级', 10, (i) => (i === 4 ? { homepageAge: 13 } : {}));
  for (const region of SANMING_REGIONS.slice(1)) c.deptSites(region, '县级', 2);
  const registry: { region: string; platform: string; name: string; sponsor: string; status?: string }[] = [];
  c.account({ platform: '微信公众号', name: '水清三明', sponsor: '三明市生态环境局', region: '市直', level: '市级', findings: [{ indicator: 'SM-W1', note: '8月23日收到福建省政务新媒体监管平台内容监测工单，未按要求在规定时限内处理' }] });
  c.deptAccounts('市直', '市级', 34);
  c.account({ platform: '微信公众号', name: '三元警方', sponsor: '三明市公安局三元分局', region: '三元区', level: '县级', findings: [{ indicator: 'M-V1', note: '出现严重表述不规范' }] });
  c.deptAccounts('三元区', '县级', 9);
  for (const region of SANMING_REGIONS.slice(2)) c.deptAccounts(region, '县级', 9);
  for (const a of c.accountList) registry.push({ region: a.region, platform: a.platform, name: a.name, sponsor: a.sponsor });
  // deregistered in November 2020, found online again (not part of the checked base)
  for (const name of ['冷泉小镇美丽李家', '温泉小镇幸福嵩口']) {
    const sponsor = name.startsWith('冷泉') ? '清流县李家乡人民政府' : '清流县嵩口镇人民政府';
    c.account({ platform: '微信公众号', name, sponsor, region: '清流县', level: '乡镇级', source: '库外发现' });
    registry.push({ region: '清流县', platform: '微信公众号', name, sponsor, status: '已注销' });
  }
  if (c.websiteCount !== 42 || c.mediaCount !== 137) throw new Error(`sanming counts ${c.websiteCount} ${c.mediaCount}`);
  c.file('registry/media.csv', mediaRegistry(registry));
  c.file(
    'profiles/sanming.yaml',
    localProfile('sanming-test', {
      rules: [
        { id: 'SM-W1', kind: 'warning', on: 'media', name: '未及时处理内容监测工单' },
        { id: 'SM-B1', kind: 'bonus', on: 'website', name: '及时反馈备案号' },
      ],
    }),
  );
  return [c];
}

/** 13 开封 2024 Q1: 43 websites (all passing), 294 new media (3 failing, 98.9% cut), praise, a simulated-user test and a reprint check. */
function kaifeng(): Campaign[] {
  const c = new Campaign('13-kaifeng-2024q1', { start: '2024-03-04', days: 20 }, '41', { 市直: '开封市' });
  const quick = [{ indicator: 'KF-B2', note: '1个工作日内对简单常见咨询作出有效答复' }];
  const slow = [{ indicator: 'KF-W1', note: '未在5个工作日内对简单常见咨询作出答复' }];
  for (const region of ['尉氏县', '祥符区', '禹王台区', '顺河回族区', '兰考县', '杞县', '通许县', '龙亭区', '鼓楼区']) {
    c.site({ name: `${region}人民政府`, sponsor: `${region}人民政府`, region, level: '县级', type: '门户网站', findings: quick });
    c.site({ name: `${region}教育局`, sponsor: `${region}教育局`, region, level: '县级', findings: quick });
  }
  for (const unit of ['工业和信息化局', '粮食和储备局', '公安局', '生态环境局', '乡村振兴局']) c.site({ name: `开封市${unit}`, sponsor: `开封市${unit}`, region: '市直', level: '市级', findings: slow });
  c.site({ name: '开封市人民政府', sponsor: '开封市人民政府办公室', region: '市直', level: '市级', type: '门户网站', findings: quick });
  const slowUnits = ['工业和信息化局', '公安局', '生态环境局', '乡村振兴局'];
  const depts = DEPTS.filter((d) => !slowUnits.includes(d));
  c.deptSites('市直', '市级', 19, (i) => ({ name: `开封市${depts[i]}`, sponsor: `开封市${depts[i]}`, ...(i < 15 ? { findings: quick } : {}) }));
  // new media: praised accounts, then the reprint check's units, then the rest
  const praised = [{ indicator: 'KF-B1', note: '更新频率高、点击率高、原创率高，转载重要信息积极主动' }];
  const good = [{ indicator: 'KF-B3', note: '转载重要信息及时规范' }];
  const poor = [{ indicator: 'KF-W2', note: '未及时转载重要信息' }];
  c.account({ platform: '微信公众号', name: '开封教育体育', sponsor: '开封市教育体育局', region: '市直', level: '市级', findings: praised });
  for (const [region, sponsor] of [['尉氏县', '尉氏县人民政府'], ['祥符区', '祥符区人民政府']]) c.account({ platform: '微信公众号', name: `${short(region)}发布`, sponsor, region, level: '县级', findings: good });
  for (const [region, sponsor] of [['禹王台区', '禹王台区人民政府'], ['顺河回族区', '顺河回族区人民政府'], ['兰考县', '兰考县人民政府']]) c.account({ platform: '微信公众号', name: `${short(region)}发布`, sponsor, region, level: '县级', findings: poor });
  for (const unit of ['城管局', '财政局', '民政局', '政务服务大数据局', '审计局', '乡村振兴局', '生态环境局', '金融局']) c.account({ platform: '新浪微博', name: `开封${unit}`, sponsor: `开封市${unit}`, region: '市直', level: '市级', findings: good });
  for (const unit of ['公安局', '应急局', '文化广电旅游局', '交通运输局下属单位']) c.account({ platform: '新浪微博', name: `开封${unit}`, sponsor: `开封市${unit}`, region: '市直', level: '市级', findings: poor });
  const failing = spread(276, 3);
  let m = 0;
  let p = 0;
  const cityAccount = () => {
    const i = m++;
    if (failing.has(i)) return { stale: true };
    return p < 14 ? (p++, { findings: praised }) : {};
  };
  // 270 text accounts (微信, 微博, 头条: the reprint check's sample) and 24 short-video accounts
  c.deptAccounts('市直', '市级', 116, cityAccount, ['微信公众号', '今日头条号', '新浪微博']);
  c.deptAccounts('市直', '市级', 24, cityAccount, ['抖音']);
  for (const region of ['尉氏县', '祥符区', '禹王台区', '顺河回族区', '兰考县', '杞县', '通许县', '龙亭区', '鼓楼区']) {
    c.deptAccounts(region, '县级', region === '尉氏县' ? 24 : 14, () => (failing.has(m++) ? { stale: true } : {}));
  }
  if (c.websiteCount !== 43 || c.mediaCount !== 294) throw new Error(`kaifeng counts ${c.websiteCount} ${c.mediaCount}`);
  c.file(
    'profiles/kaifeng.yaml',
    localProfile('kaifeng-test', {
      rules: [
        { id: 'KF-B1', kind: 'bonus', on: 'media', name: '通报表扬' },
        { id: 'KF-B2', kind: 'bonus', on: 'website', name: '模拟咨询及时答复' },
        { id: 'KF-B3', kind: 'bonus', on: 'media', name: '重要信息转载较好' },
        { id: 'KF-W1', kind: 'warning', on: 'website', name: '模拟咨询未在5个工作日内答复' },
        { id: 'KF-W2', kind: 'warning', on: 'media', name: '重要信息转载不及时' },
      ],
    }),
  );
  return [c];
}

const GANZI_COUNTIES = ['康定市', '泸定县', '丹巴县', '九龙县', '雅江县', '道孚县', '炉霍县', '甘孜县', '新龙县', '德格县', '白玉县', '石渠县', '色达县', '理塘县', '巴塘县', '乡城县', '稻城县', '得荣县'];

/** 14 甘孜 2024 Q3: 38 websites by level (11 with outstanding problems), 145 new media (10), 11 closed without filing. */
function ganzi(): Campaign[] {
  const c = new Campaign('14-ganzi-2024q3', { start: '2024-08-05', days: 25 }, '51', { 州直: '甘孜州' });
  c.site({ name: '甘孜藏族自治州人民政府', sponsor: '甘孜州人民政府办公室', region: '州直', level: '市级', type: '门户网站' });
  c.deptSites('州直', '市级', 19, (i) => (i === 0 ? { fail: ['columns'] } : i === 1 ? { fail: ['channel'] } : {}));
  const countyFindings: Finding[][] = [[{ indicator: 'GZ-V1', note: '功能设计不完善' }], [{ indicator: 'GZ-V2', note: '重点政务信息转载不及时' }]];
  GANZI_COUNTIES.forEach((county, i) => {
    const failing = i % 2 === 0 && i < 18;
    const spec: Partial<SiteSpec> = failing ? (i < 4 ? { findings: countyFindings[i / 2] } : { fail: [i % 4 === 0 ? 'columns' : 'channel'] }) : {};
    c.site({ name: `${county}人民政府`, sponsor: `${county}人民政府办公室`, region: county, level: '县级', type: '门户网站', ...spec });
  });
  // 10 failing, one of them for a content error; 11 of the others closed without telling the registry
  const failing = spread(145, 10);
  const firstFailing = Math.min(...failing);
  const others = [...Array(145).keys()].filter((i) => !failing.has(i));
  const closedAt = spread(others.length, 11);
  const closed = new Set(others.filter((_, k) => closedAt.has(k)));
  let m = 0;
  for (const [region, count] of [['州直', 55], ...GANZI_COUNTIES.map((r) => [r, 5] as const)] as [string, number][]) {
    c.deptAccounts(region, region === '州直' ? '市级' : '县级', count, () => {
      const i = m++;
      if (failing.has(i)) return i === firstFailing ? { findings: [{ indicator: 'M-V1', note: '信息发布存在错别字' }] } : MEDIA_FAILS[i % 2];
      return closed.has(i) ? { findings: [{ indicator: 'M-W5', note: '账号注销后未及时报备' }] } : {};
    });
  }
  c.file(
    'profiles/ganzi.yaml',
    localProfile('ganzi-test', {
      rules: [
        { id: 'GZ-V1', kind: 'veto', on: 'website', name: '功能设计不完善' },
        { id: 'GZ-V2', kind: 'veto', on: 'website', name: '重点政务信息转载不及时' },
      ],
    }),
  );
  return [c];
}

/** 15 张掖 2025 Q3 (new media only): the registry's 308 accounts by platform and by owner; errors found per region (office figures). */
function zhangye(): Campaign[] {
  const c = new Campaign('15-zhangye-2025q3', { start: '2025-07-01', days: 80 }, '62');
  const mix = platformMix({ 微信公众号: 205, 新浪微博: 16, 今日头条号: 31, 抖音: 30, 快手: 16, 微信视频号: 10 });
  const rows: { region: string; platform: string; name: string; sponsor: string }[] = [];
  let at = 0;
  for (const [region, count] of [['甘州区', 67], ['临泽县', 30], ['高台县', 50], ['山丹县', 41], ['民乐县', 24], ['肃南县', 24], ['市直', 72]] as [string, number][]) {
    const tmp = new Campaign('unused', { start: '2025-07-01', days: 1 }, '00');
    accountsOn(tmp, region === '市直' ? '张掖市' : region, '县级', mix.slice(at, at + count));
    for (const a of tmp.accountList) rows.push({ region, platform: a.platform, name: a.name, sponsor: a.sponsor });
    at += count;
  }
  c.file('registry/media.csv', mediaRegistry(rows));
  return [c];
}

/** 16 隆阳 2022 Q4: last quarter's problems all rectified; the district portal; 51 new media, 3 failing. */
function longyang(): Campaign[] {
  const c = new Campaign('16-longyang-2022q4', { start: '2022-12-05', days: 20 }, '53', { 区直: '隆阳区' });
  const prev = new Campaign('16-longyang-2022q3-previous', { start: '2022-09-05', days: 20 }, '53');
  const portal: SiteSpec = { name: '保山市隆阳区人民政府', sponsor: '隆阳区人民政府办公室', region: '区直', level: '县级', type: '门户网站', code: '5305020001' };
  prev.site({ ...portal, fail: ['homepage'] });
  c.site(portal);
  const towns = ['永昌街道', '兰城街道', '河图街道', '板桥镇', '汉庄镇', '蒲缥镇', '潞江镇', '金鸡乡', '辛街乡'];
  const failing = new Set([5, 20, 40]);
  let m = 0;
  c.deptAccounts('区直', '县级', 24, () => {
    const i = m++;
    return failing.has(i) ? (i === 5 ? { findings: [{ indicator: 'M-V1', note: '信息存在严重表述错误' }] } : { stale: true }) : {};
  });
  for (const town of towns) c.deptAccounts(town, '乡镇级', 3, () => (failing.has(m++) ? { stale: true } : {}));
  const all = c.accountList;
  for (const i of [2, 9, 30, 44]) prev.account({ ...all[i], stale: true });
  if (c.mediaCount !== 51) throw new Error(`longyang media ${c.mediaCount}`);
  return [c, prev];
}

/** 17 陆良 2023 Q1: 22 new media on one day, none failing, by platform; the county portal's figures from the office. */
function luliang(): Campaign[] {
  const c = new Campaign('17-luliang-2023q1', { start: '2023-03-31', days: 1 }, '53', { 县直: '陆良县' });
  const mix = platformMix({ 微信公众号: 16, 抖音: 3, 新浪微博: 2, 今日头条号: 1 });
  accountsOn(c, '县直', '县级', mix.slice(0, 12), (i) => (i === 3 ? { findings: [{ indicator: 'M-W5', note: '基本信息变化后未及时报备' }] } : {}));
  accountsOn(c, '中枢街道', '乡镇级', mix.slice(12));
  return [c];
}

/** 18 杨陵 2025 Q1: the district portal's stale columns; 37 new media, 11 failing (one account not deregistered). */
function yangling(): Campaign[] {
  const c = new Campaign('18-yangling-2025q1', { start: '2025-03-17', days: 14 }, '61', { 区直: '杨陵区' });
  c.site({ name: '杨陵区人民政府', sponsor: '杨陵区人民政府办公室', region: '区直', level: '县级', type: '门户网站', findings: [{ indicator: 'YL-W1', note: '重点领域公开-国企监管栏目（财政局）、重点领域公开-养老服务栏目（民政局），均超过6个月未更新' }] });
  c.account({ platform: '微信视频号', name: '杨陵文旅', sponsor: '杨陵区文化和旅游局', region: '区直', level: '县级', findings: [{ indicator: 'M-W7', note: '未按照上级主管部门要求完成注销工作' }] });
  // of 30 district accounts, 6 stale and 4 (others) not reprinting the central government's decisions
  const stale = spread(30, 6);
  const rest = [...Array(30).keys()].filter((i) => !stale.has(i));
  const reprint = new Set([rest[2], rest[8], rest[14], rest[20]]);
  let m = 0;
  c.deptAccounts('区直', '县级', 30, () => {
    const i = m++;
    if (stale.has(i)) return { stale: true };
    if (reprint.has(i)) return { findings: [{ indicator: 'YL-V1', note: '未明确转载党中央、国务院重大决策部署等权威信息' }] };
    return {};
  });
  c.deptAccounts('杨陵街道', '乡镇级', 3);
  c.deptAccounts('李台街道', '乡镇级', 3);
  c.file(
    'profiles/yangling.yaml',
    localProfile('yangling-test', {
      rules: [
        { id: 'YL-W1', kind: 'warning', on: 'website', name: '栏目长期未更新' },
        { id: 'YL-V1', kind: 'veto', on: 'media', name: '未转载权威信息' },
      ],
      overrides: '  M-W7:\n    kind: veto\n',
    }),
  );
  return [c];
}

function main(): void {
  const campaigns = [jiangxi, xizang, henan, guangdong, qinghai, gansu, xianning, yichang, wuxi2021, wuxi2022, puer, sanming, kaifeng, ganzi, zhangye, longyang, luliang, yangling].flatMap((f) => f());
  for (const c of campaigns) c.write();
  const dirs = readdirSync(ROOT).filter((d) => /^\d\d-/.test(d));
  console.log(`${campaigns.length} campaigns written (${dirs.length} folders): ${campaigns.map((c) => `${c.dir} ${c.websiteCount}+${c.mediaCount}`).join(', ')}`);
}

main();
