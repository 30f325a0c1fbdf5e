// Writes the sample campaigns samples/hainan-2021q2 (the seed bulletin's quarter) and
// samples/hainan-2021q1 (the quarter before, for the re-check), deterministically: the same script
// always writes the same bytes. Run with `npx tsx scripts/make-hainan-sample.ts`; the generated files
// are committed. The records the seed bulletin describes (its named sites and accounts, its figures)
// are built from the seed; everything else is invented, plausibly — see the samples' README.md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { MEDIA_REGISTRY_HEADERS, registryXlsx, WEBSITE_REGISTRY_HEADERS } from './gen/registryExport';
import { mulberry32 } from './gen/prng';

const ROOT = path.resolve(__dirname, '..', 'samples');

// ------------------------------------------------------------------------------------------------
// Deterministic randomness and dates
// ------------------------------------------------------------------------------------------------


let rand = mulberry32(20210620);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
}
function isoOf(n: number): string {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}
const daysBefore = (iso: string, n: number): string => isoOf(dayNumber(iso) - n);

// ------------------------------------------------------------------------------------------------
// Regions (GB/T 2260 codes) and units
// ------------------------------------------------------------------------------------------------

interface Region {
  name: string;
  code: string;
  short: string;
  host: string;
  level: '省级' | '市级' | '县级';
  /** Running accounts in the media registry, and how many of them the sample draws. */
  media: number;
  sampled: number;
  /** Sampled accounts that fail (besides the ones the seed names). */
  extraMediaFailures: number;
  websites: number;
}

const REGIONS: Region[] = [
  { name: '省直', code: '460000', short: '海南', host: 'hainan.gov.cn', level: '省级', media: 165, sampled: 52, extraMediaFailures: 0, websites: 51 },
  { name: '海口市', code: '460100', short: '海口', host: 'haikou.gov.cn', level: '市级', media: 110, sampled: 33, extraMediaFailures: 3, websites: 8 },
  { name: '三亚市', code: '460200', short: '三亚', host: 'sanya.gov.cn', level: '市级', media: 70, sampled: 21, extraMediaFailures: 2, websites: 6 },
  { name: '三沙市', code: '460300', short: '三沙', host: 'sansha.gov.cn', level: '市级', media: 12, sampled: 4, extraMediaFailures: 0, websites: 1 },
  { name: '儋州市', code: '460400', short: '儋州', host: 'danzhou.gov.cn', level: '市级', media: 60, sampled: 18, extraMediaFailures: 7, websites: 4 },
  { name: '五指山市', code: '469001', short: '五指山', host: 'wzs.gov.cn', level: '县级', media: 25, sampled: 7, extraMediaFailures: 0, websites: 3 },
  { name: '琼海市', code: '469002', short: '琼海', host: 'qionghai.gov.cn', level: '县级', media: 40, sampled: 12, extraMediaFailures: 2, websites: 4 },
  { name: '文昌市', code: '469005', short: '文昌', host: 'wenchang.gov.cn', level: '县级', media: 40, sampled: 12, extraMediaFailures: 2, websites: 4 },
  { name: '万宁市', code: '469006', short: '万宁', host: 'wanning.gov.cn', level: '县级', media: 35, sampled: 10, extraMediaFailures: 1, websites: 3 },
  { name: '东方市', code: '469007', short: '东方', host: 'dongfang.gov.cn', level: '县级', media: 30, sampled: 9, extraMediaFailures: 2, websites: 3 },
  { name: '定安县', code: '469021', short: '定安', host: 'dingan.gov.cn', level: '县级', media: 25, sampled: 7, extraMediaFailures: 0, websites: 3 },
  { name: '屯昌县', code: '469022', short: '屯昌', host: 'tunchang.gov.cn', level: '县级', media: 22, sampled: 7, extraMediaFailures: 0, websites: 3 },
  { name: '澄迈县', code: '469023', short: '澄迈', host: 'chengmai.gov.cn', level: '县级', media: 35, sampled: 10, extraMediaFailures: 1, websites: 4 },
  { name: '临高县', code: '469024', short: '临高', host: 'lingao.gov.cn', level: '县级', media: 28, sampled: 8, extraMediaFailures: 0, websites: 3 },
  { name: '白沙黎族自治县', code: '469025', short: '白沙', host: 'baisha.gov.cn', level: '县级', media: 20, sampled: 6, extraMediaFailures: 0, websites: 2 },
  { name: '昌江黎族自治县', code: '469026', short: '昌江', host: 'changjiang.gov.cn', level: '县级', media: 22, sampled: 7, extraMediaFailures: 0, websites: 3 },
  { name: '乐东黎族自治县', code: '469027', short: '乐东', host: 'ledong.gov.cn', level: '县级', media: 28, sampled: 8, extraMediaFailures: 2, websites: 3 },
  { name: '陵水黎族自治县', code: '469028', short: '陵水', host: 'lingshui.gov.cn', level: '县级', media: 28, sampled: 8, extraMediaFailures: 1, websites: 3 },
  { name: '保亭黎族苗族自治县', code: '469029', short: '保亭', host: 'baoting.gov.cn', level: '县级', media: 20, sampled: 6, extraMediaFailures: 1, websites: 2 },
  { name: '琼中黎族苗族自治县', code: '469030', short: '琼中', host: 'qiongzhong.gov.cn', level: '县级', media: 22, sampled: 6, extraMediaFailures: 1, websites: 2 },
];

const INSPECTORS = ['王晓明', '李娜', '陈海峰', '林小燕', '符永强', '吴志坚'];

// ------------------------------------------------------------------------------------------------
// Websites
// ------------------------------------------------------------------------------------------------

interface Site {
  siteCode: string;
  name: string;
  sponsor: string;
  url: string;
  region: Region;
  siteType: '门户网站' | '部门网站';
  /** How the seed condemns it (undefined: passes). */
  failure?: 'interpretation' | 'services' | 'interaction' | 'haikou-education';
  problem?: string;
}

/** Provincial sites in serial order: [site name, sponsor, host prefix]. */
const PROVINCIAL_SITES: [string, string, string][] = [
  ['海南省人民政府网', '海南省人民政府办公厅', 'www'],
  ['海南省发展和改革委员会', '海南省发展和改革委员会', 'plan'],
  ['海南省教育厅', '海南省教育厅', 'edu'],
  ['海南省科学技术厅', '海南省科学技术厅', 'dost'],
  ['海南省工业和信息化厅', '海南省工业和信息化厅', 'iitb'],
  ['海南农业信息网', '海南省农业农村厅', 'agri'],
  ['海南省民族宗教事务委员会', '海南省民族宗教事务委员会', 'mzzj'],
  ['海南省公安厅', '海南省公安厅', 'ga'],
  ['海南司法行政网', '海南省司法厅', 'justice'],
  ['海南省民政厅', '海南省民政厅', 'mz'],
  ['海南省财政厅', '海南省财政厅', 'mof'],
  ['海南省人力资源和社会保障厅', '海南省人力资源和社会保障厅', 'hrss'],
  ['海南省自然资源和规划厅', '海南省自然资源和规划厅', 'lr'],
  ['海南省生态环境厅', '海南省生态环境厅', 'hnsthb'],
  ['海南省住房和城乡建设厅', '海南省住房和城乡建设厅', 'zjt'],
  ['海南省交通运输厅', '海南省交通运输厅', 'jt'],
  ['海南省林业局', '海南省林业局', 'lyj'],
  ['海南省水务厅', '海南省水务厅', 'swt'],
  ['海南省商务厅', '海南省商务厅', 'dofcom'],
  ['海南省旅游和文化广电体育厅', '海南省旅游和文化广电体育厅', 'lwt'],
  ['海南省供销合作网', '海南省供销合作联社', 'ghs'],
  ['海南省退役军人事务厅', '海南省退役军人事务厅', 'dva'],
  ['海南省卫生健康委员会', '海南省卫生健康委员会', 'wst'],
  ['海南省应急管理厅', '海南省应急管理厅', 'yjglt'],
  ['海南省审计厅', '海南省审计厅', 'audit'],
  ['海南省人民政府外事办公室', '海南省人民政府外事办公室', 'dfa'],
  ['海南省人民政府国有资产监督管理委员会', '海南省人民政府国有资产监督管理委员会', 'gzw'],
  ['海南省市场监督管理局', '海南省市场监督管理局', 'amr'],
  ['海南省统计局', '海南省统计局', 'stats'],
  ['海南省医疗保障局', '海南省医疗保障局', 'ybj'],
  ['海南省地方金融监督管理局', '海南省地方金融监督管理局', 'jrb'],
  ['海南省大数据管理局', '海南省大数据管理局', 'dsj'],
  ['海南省机关事务管理局', '海南省机关事务管理局', 'jgswj'],
  ['海南省信访局', '海南省信访局', 'xfj'],
  ['海南省乡村振兴局', '海南省乡村振兴局', 'xczxj'],
  ['海南省药品监督管理局', '海南省药品监督管理局', 'ypjg'],
  ['海南省知识产权局', '海南省知识产权局', 'ipo'],
  ['海南省人民政府研究室', '海南省人民政府研究室', 'yjs'],
  ['海南省人民政府参事室', '海南省人民政府参事室', 'css'],
  ['海南省地质局', '海南省地质局', 'dzj'],
  ['海南省粮食和物资储备局', '海南省粮食和物资储备局', 'lsj'],
  ['海南省监狱管理局', '海南省监狱管理局', 'jyj'],
  ['海南省戒毒管理局', '海南省戒毒管理局', 'jdj'],
  ['海南省社会保险服务中心', '海南省社会保险服务中心', 'sbzx'],
  ['海南省水文水资源勘测局', '海南省水文水资源勘测局', 'swj'],
  ['海南省国际经济发展局', '海南省国际经济发展局', 'iedb'],
  ['海南博鳌乐城国际医疗旅游先行区', '海南博鳌乐城国际医疗旅游先行区管理局', 'lecheng'],
  ['海南省人民政府驻北京办事处', '海南省人民政府驻北京办事处', 'bjb'],
  ['海南省政务服务中心', '海南省政务服务中心', 'zwfw'],
  ['海南省南繁管理局', '海南省南繁管理局', 'nfglj'],
  ['海南省住房公积金管理局', '海南省住房公积金管理局', 'zfgjj'],
];

/** City and county department sites: [department, host prefix]. */
const LOCAL_SITE_DEPARTMENTS: [string, string][] = [
  ['教育局', 'jyj'],
  ['卫生健康委员会', 'wjw'],
  ['公安局', 'gaj'],
  ['市场监督管理局', 'scjgj'],
  ['人力资源和社会保障局', 'rsj'],
  ['住房和城乡建设局', 'zjj'],
  ['交通运输和港航管理局', 'jtj'],
];

const SEED_WEBSITE_FAILURES: Record<string, { failure: Site['failure']; problem: string }> = {
  海南农业信息网: { failure: 'interpretation', problem: '解读回应栏目更新不及时' },
  海南司法行政网: { failure: 'interpretation', problem: '解读回应栏目更新不及时' },
  海南省林业局: { failure: 'interpretation', problem: '解读回应栏目更新不及时' },
  海南省供销合作网: { failure: 'services', problem: '办事栏目长期未更新' },
  海南省卫生健康委员会: { failure: 'interaction', problem: '互动交流栏目长期未更新' },
  海口市教育局: {
    failure: 'haikou-education',
    problem: '解读回应栏目更新不及时，调查征集栏目建设管理不规范，未能真实有效地开展网上意见征集',
  },
};

function buildSites(): Site[] {
  const sites: Site[] = [];
  for (const r of REGIONS) {
    const list: [string, string, string, Site['siteType']][] = [];
    if (r.name === '省直') {
      PROVINCIAL_SITES.slice(0, r.websites).forEach(([name, sponsor, host], i) => list.push([name, sponsor, `${host}.${r.host}`, i === 0 ? '门户网站' : '部门网站']));
    } else {
      const unitPrefix = r.name;
      list.push([r.name === '海口市' ? '海口市人民政府门户网站' : `${r.name}人民政府网`, `${r.name}人民政府办公室`, `www.${r.host}`, '门户网站']);
      // only Haikou has a port administration among its departments
      const departments = r.name === '海口市' ? LOCAL_SITE_DEPARTMENTS : LOCAL_SITE_DEPARTMENTS.filter(([d]) => d !== '交通运输和港航管理局');
      for (const [dept, host] of departments.slice(0, r.websites - 1)) {
        const unit = `${unitPrefix}${dept}`;
        list.push([unit, unit, `${host}.${r.host}`, '部门网站']);
      }
    }
    list.forEach(([name, sponsor, host, siteType], i) => {
      const seed = SEED_WEBSITE_FAILURES[name];
      sites.push({
        siteCode: `${r.code}${String(i + 1).padStart(4, '0')}`,
        name,
        sponsor,
        url: `http://${host}`,
        region: r,
        siteType,
        failure: seed?.failure,
        problem: seed?.problem,
      });
    });
  }
  return sites;
}

/** Closed sites the registry still lists (关停): not in the running population. */
const CLOSED_SITES: [string, string, string, string, string][] = [
  ['4600000090', '海南省扶贫开发办公室', 'http://fpb.hainan.gov.cn', '海南省扶贫开发办公室', '省直'],
  ['4600000091', '海南省旅游发展委员会', 'http://tourism.hainan.gov.cn', '海南省旅游发展委员会', '省直'],
  ['4602000090', '三亚市旅游发展委员会', 'http://lwj.sanya.gov.cn', '三亚市旅游发展委员会', '三亚市'],
  ['4690230090', '澄迈县老城经济开发区', 'http://lcz.chengmai.gov.cn', '澄迈县老城经济开发区管理委员会', '澄迈县'],
];

// ------------------------------------------------------------------------------------------------
// New-media accounts
// ------------------------------------------------------------------------------------------------

const PLATFORM_ORDER = ['微信公众号', '抖音', '今日头条号', '新浪微博', '微信视频号', '快手', '百家号'] as const;
type Platform = (typeof PLATFORM_ORDER)[number] | '移动客户端';

interface Account {
  seq: number;
  region: Region;
  platform: Platform;
  name: string;
  accountId: string;
  sponsor: string;
  operator: string;
  ownerLevel: '省级' | '市级' | '县级' | '乡镇级';
  filed: string;
  status: '正常' | '关停' | '注销';
  sampled?: boolean;
  /** Why it fails, or undefined. */
  failure?: 'stale-long' | 'stale' | 'no-interaction' | 'menu-broken' | 'commercial';
  lastPost?: string;
  problem?: string;
  themes?: string[];
}

/** Provincial units' account brands: [sponsor, brand]. */
const PROVINCIAL_BRANDS: [string, string][] = [
  ['海南省人民政府办公厅', '海南发布'],
  ['海南省发展和改革委员会', '海南发改'],
  ['海南省教育厅', '海南教育'],
  ['海南省科学技术厅', '海南科技'],
  ['海南省工业和信息化厅', '海南工信'],
  ['海南省农业农村厅', '海南农业农村'],
  ['海南省公安厅', '海南公安'],
  ['海南省司法厅', '海南司法'],
  ['海南省民政厅', '海南民政'],
  ['海南省财政厅', '海南财政'],
  ['海南省人力资源和社会保障厅', '海南人社'],
  ['海南省自然资源和规划厅', '海南自然资源和规划'],
  ['海南省生态环境厅', '海南生态环境'],
  ['海南省住房和城乡建设厅', '海南住建'],
  ['海南省交通运输厅', '海南交通运输'],
  ['海南省林业局', '海南林业'],
  ['海南省水务厅', '海南水务'],
  ['海南省商务厅', '海南商务'],
  ['海南省旅游和文化广电体育厅', '海南旅文'],
  ['海南省退役军人事务厅', '海南退役军人'],
  ['海南省卫生健康委员会', '健康海南'],
  ['海南省应急管理厅', '海南应急管理'],
  ['海南省审计厅', '海南审计'],
  ['海南省人民政府外事办公室', '海南外事'],
  ['海南省人民政府国有资产监督管理委员会', '海南国资'],
  ['海南省市场监督管理局', '海南市场监管'],
  ['海南省统计局', '海南统计'],
  ['海南省医疗保障局', '海南医保'],
  ['海南省地方金融监督管理局', '海南金融'],
  ['海南省大数据管理局', '海南大数据'],
  ['海南省信访局', '海南信访'],
  ['海南省乡村振兴局', '海南乡村振兴'],
  ['海南省药品监督管理局', '海南药监'],
  ['海南省知识产权局', '海南知识产权'],
  ['海南省供销合作联社', '海南供销'],
  ['海南省粮食和物资储备局', '海南粮食和储备'],
  ['海南省地质局', '海南地质'],
  ['海南省戒毒管理局', '海南戒毒'],
  ['海南省社会保险服务中心', '海南社保'],
  ['海南省政务服务中心', '海南政务服务'],
  ['海南省国际经济发展局', '海南国际经济发展'],
  ['海南省住房公积金管理局', '海南公积金'],
];

/** City and county units: [department (appended to the region's name), brand pattern ({s} short, {r} region)]. */
const LOCAL_BRANDS: [string, string][] = [
  ['人民政府办公室', '{s}发布'],
  ['教育局', '{s}教育'],
  ['卫生健康委员会', '{s}卫健'],
  ['公安局', '{s}公安'],
  ['公安局交通警察大队', '{s}交警'],
  ['市场监督管理局', '{s}市场监管'],
  ['人力资源和社会保障局', '{s}人社'],
  ['民政局', '{s}民政'],
  ['司法局', '{s}司法'],
  ['生态环境局', '{r}生态环境局'],
  ['住房和城乡建设局', '{s}住建'],
  ['交通运输局', '{s}交通运输'],
  ['农业农村局', '{s}农业农村'],
  ['旅游和文化广电体育局', '{s}旅文'],
  ['应急管理局', '{s}应急管理'],
  ['医疗保障局', '{s}医保'],
  ['融媒体中心', '{s}融媒'],
  ['自然资源和规划局', '{s}自然资源和规划'],
  ['退役军人事务局', '{s}退役军人'],
  ['综合行政执法局', '{s}综合执法'],
  ['疾病预防控制中心', '{s}疾控'],
  ['水务局', '{s}水务'],
  ['统计局', '{s}统计'],
  ['政务服务中心', '{s}政务服务'],
  ['共青团委员会', '{s}青年'],
  ['妇女联合会', '{s}女性'],
  ['科学技术协会', '{s}科协'],
];

function accountIdFor(platform: Platform): string {
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
  switch (platform) {
    case '微信公众号':
      return `gh_${hex(12)}`;
    case '微信视频号':
      return `sph${hex(9)}`;
    case '新浪微博':
      return `${int(1, 7)}${digits(9)}`;
    case '抖音':
      return `dy${digits(9)}`;
    case '快手':
      return `ks${digits(8)}`;
    case '今日头条号':
      return `${int(1, 9)}${digits(14)}`;
    case '百家号':
      return `bjh${digits(10)}`;
    default:
      return `app${digits(6)}`;
  }
}

function filedDate(): string {
  return isoOf(dayNumber('2018-12-01') + int(0, 820));
}

/** The accounts the seed names, fixed: their sponsor, platform and failure. */
interface SeedAccount {
  region: string;
  platform: Platform;
  name: string;
  sponsor: string;
  accountId?: string;
  failure: NonNullable<Account['failure']>;
  lastPost?: string;
  problem?: string;
  themes: string[];
}

const SEED_ACCOUNTS: SeedAccount[] = [
  { region: '省直', platform: '微信公众号', name: '海南省不动产登记', sponsor: '海南省不动产登记中心', failure: 'stale-long', lastPost: '2019-10-08', themes: ['media-management'] },
  { region: '省直', platform: '今日头条号', name: '海南司法行政在线', sponsor: '海南省司法厅', failure: 'stale-long', lastPost: '2019-10-21', themes: ['media-management'] },
  { region: '省直', platform: '微信公众号', name: '美兰监狱', sponsor: '海南省监狱管理局', failure: 'stale', lastPost: '2021-05-14', themes: ['media-management'] },
  { region: '省直', platform: '新浪微博', name: '海南省新康监狱', sponsor: '海南省监狱管理局', failure: 'stale', lastPost: '2021-04-28', themes: ['media-management'] },
  { region: '省直', platform: '今日头条号', name: '海南省三亚监狱', sponsor: '海南省监狱管理局', failure: 'stale', lastPost: '2021-03-02', themes: ['media-management'] },
  {
    region: '儋州市',
    platform: '微信公众号',
    name: '儋州教育',
    sponsor: '儋州市教育局',
    accountId: 'dzjy0898',
    failure: 'no-interaction',
    problem: '未按《考核指标》的要求开设有效的互动功能',
    themes: ['regional-supervision'],
  },
  { region: '儋州市', platform: '微信公众号', name: '儋州市生态环境局', sponsor: '儋州市生态环境局', failure: 'menu-broken', themes: ['regional-supervision'] },
  { region: '临高县', platform: '微信公众号', name: '临高公安', sponsor: '临高县公安局', failure: 'no-interaction', themes: ['media-management'] },
  { region: '临高县', platform: '微信公众号', name: '临高交警', sponsor: '临高县公安局', failure: 'no-interaction', themes: ['media-management'] },
];

/** Builds the running accounts of the registry, region by region, seed accounts first. */
function buildAccounts(): Account[] {
  const accounts: Account[] = [];
  let seq = 0;
  for (const r of REGIONS) {
    const mine: Account[] = [];
    const taken = new Set<string>();
    const add = (platform: Platform, name: string, sponsor: string, accountId?: string): Account | undefined => {
      const key = `${platform}|${name}`;
      if (taken.has(key) || mine.length >= r.media) return undefined;
      taken.add(key);
      const a: Account = {
        seq: 0,
        region: r,
        platform,
        name,
        accountId: accountId ?? accountIdFor(platform),
        sponsor,
        operator: sponsor,
        ownerLevel: r.level,
        filed: filedDate(),
        status: '正常',
      };
      mine.push(a);
      return a;
    };
    // the seed's accounts open their region's list, in the seed's order
    for (const s of SEED_ACCOUNTS.filter((x) => x.region === r.name)) {
      const a = add(s.platform, s.name, s.sponsor, s.accountId)!;
      Object.assign(a, { sampled: true, failure: s.failure, lastPost: s.lastPost, problem: s.problem, themes: s.themes });
    }
    const units: [string, string][] =
      r.name === '省直'
        ? [...PROVINCIAL_BRANDS, ['海南省监狱管理局', '海南监狱']]
        : LOCAL_BRANDS.map(([dept, brand]) => [dept === '公安局交通警察大队' ? `${r.name}公安局` : `${r.name}${dept}`, brand.replace('{s}', r.short).replace('{r}', r.name)]);
    for (const platform of PLATFORM_ORDER) {
      for (const [sponsor, brand] of units) add(platform, brand, sponsor);
    }
    if (mine.length < r.media) throw new Error(`${r.name}: only ${mine.length} accounts for ${r.media}`);
    // the sample: the seed's accounts plus a random draw from the rest, up to the region's figure
    const seeded = mine.filter((a) => a.sampled).length;
    const rest = mine.filter((a) => !a.sampled);
    for (let i = 0; i < r.sampled - seeded; i++) {
      const j = i + Math.floor(rand() * (rest.length - i));
      [rest[i], rest[j]] = [rest[j], rest[i]];
      rest[i].sampled = true;
    }
    // invented failures among the drawn ones: stale content mostly, some without interaction
    const drawn = rest.slice(0, r.sampled - seeded);
    for (let i = 0; i < r.extraMediaFailures; i++) drawn[i].failure = i % 3 === 2 ? 'no-interaction' : 'stale';
    for (const a of mine) a.seq = ++seq;
    accounts.push(...mine);
  }
  return accounts;
}

/** Closed or deregistered accounts the registry still lists. */
function closedAccounts(startSeq: number): Account[] {
  const rows: [string, Platform, string, string, string][] = [
    ['省直', '新浪微博', '海南扶贫', '海南省扶贫开发办公室', '注销'],
    ['省直', '微信公众号', '海南旅游发展', '海南省旅游发展委员会', '注销'],
    ['省直', '今日头条号', '海南旅游发展', '海南省旅游发展委员会', '注销'],
    ['海口市', '新浪微博', '海口旅游', '海口市旅游和文化广电体育局', '关停'],
    ['海口市', '百家号', '海口发布厅', '海口市人民政府办公室', '关停'],
    ['三亚市', '新浪微博', '三亚旅游', '三亚市旅游和文化广电体育局', '关停'],
    ['三亚市', '快手', '三亚城管', '三亚市综合行政执法局', '注销'],
    ['儋州市', '新浪微博', '儋州城管', '儋州市综合行政执法局', '关停'],
    ['儋州市', '今日头条号', '儋州扶贫', '儋州市扶贫开发办公室', '注销'],
    ['琼海市', '新浪微博', '琼海旅游', '琼海市旅游和文化广电体育局', '关停'],
    ['文昌市', '百家号', '文昌城管', '文昌市综合行政执法局', '关停'],
    ['万宁市', '新浪微博', '万宁旅游', '万宁市旅游和文化广电体育局', '关停'],
    ['东方市', '快手', '东方扶贫', '东方市扶贫开发办公室', '注销'],
    ['定安县', '新浪微博', '定安旅游', '定安县旅游和文化广电体育局', '关停'],
    ['屯昌县', '百家号', '屯昌城管', '屯昌县综合行政执法局', '关停'],
    ['澄迈县', '新浪微博', '澄迈旅游', '澄迈县旅游和文化广电体育局', '关停'],
    ['临高县', '快手', '临高扶贫', '临高县扶贫开发办公室', '注销'],
    ['白沙黎族自治县', '新浪微博', '白沙旅游', '白沙黎族自治县旅游和文化广电体育局', '关停'],
    ['昌江黎族自治县', '百家号', '昌江城管', '昌江黎族自治县综合行政执法局', '关停'],
    ['乐东黎族自治县', '新浪微博', '乐东旅游', '乐东黎族自治县旅游和文化广电体育局', '关停'],
    ['陵水黎族自治县', '快手', '陵水扶贫', '陵水黎族自治县扶贫开发办公室', '注销'],
    ['保亭黎族苗族自治县', '新浪微博', '保亭旅游', '保亭黎族苗族自治县旅游和文化广电体育局', '关停'],
    ['琼中黎族苗族自治县', '百家号', '琼中城管', '琼中黎族苗族自治县综合行政执法局', '关停'],
  ];
  return rows.map(([region, platform, name, sponsor, status], i) => {
    const r = REGIONS.find((x) => x.name === region)!;
    return { seq: startSeq + i + 1, region: r, platform, name, accountId: accountIdFor(platform), sponsor, operator: sponsor, ownerLevel: r.level, filed: filedDate(), status: status as Account['status'] };
  });
}

/** Accounts found outside the registry (漏报): the seed's 45 in 儋州市 and 19 in 定安县. */
interface WildAccount {
  region: Region;
  platform: Platform;
  name: string;
  accountId: string;
  sponsor: string;
  fails: boolean;
}

const DANZHOU_TOWNS = ['那大镇', '和庆镇', '南丰镇', '大成镇', '雅星镇', '兰洋镇', '光村镇', '木棠镇', '海头镇', '峨蔓镇', '王五镇', '白马井镇', '中和镇', '排浦镇', '东成镇', '新州镇'];
const DINGAN_TOWNS = ['定城镇', '新竹镇', '龙湖镇', '黄竹镇', '雷鸣镇', '龙门镇', '龙河镇', '岭口镇', '翰林镇', '富文镇'];

function buildWild(): WildAccount[] {
  const out: WildAccount[] = [];
  const danzhou = REGIONS.find((r) => r.name === '儋州市')!;
  const dingan = REGIONS.find((r) => r.name === '定安县')!;
  const kinds: [string, Platform, string][] = [
    ['人民政府', '抖音', '儋州市{t}人民政府'],
    ['中心学校', '微信公众号', '儋州市{t}中心学校'],
    ['卫生院', '快手', '儋州市{t}卫生院'],
  ];
  for (const [suffix, platform, sponsor] of kinds) {
    for (const town of DANZHOU_TOWNS) {
      if (out.length >= 45) break;
      out.push({ region: danzhou, platform, name: `${town}${suffix}`, accountId: accountIdFor(platform), sponsor: sponsor.replace('{t}', town), fails: false });
    }
  }
  const dk: [string, Platform, string][] = [
    ['人民政府', '微信视频号', '定安县{t}人民政府'],
    ['综治中心', '抖音', '定安县{t}人民政府'],
  ];
  for (const [suffix, platform, sponsor] of dk) {
    for (const town of DINGAN_TOWNS) {
      if (out.length >= 45 + 19) break;
      out.push({ region: dingan, platform, name: `${town}${suffix}`, accountId: accountIdFor(platform), sponsor: sponsor.replace('{t}', town), fails: false });
    }
  }
  // content assurance: 27 of 儋州市's and 13 of 定安县's fail (stale content), spread over the list
  const mark = (list: WildAccount[], n: number) => {
    const idx = list.map((_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rand() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
      list[idx[i]].fails = true;
    }
  };
  mark(out.filter((w) => w.region === danzhou), 27);
  mark(out.filter((w) => w.region === dingan), 13);
  return out;
}

// ------------------------------------------------------------------------------------------------
// YAML writing (the records are small and regular: written by hand, keys in a fixed order)
// ------------------------------------------------------------------------------------------------

/** A YAML scalar: plain when it reads back as the same string, else double-quoted. */
function y(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  if (v === '' || /^[\d.+-]/.test(v) || /^(true|false|null|yes|no|on|off|~)$/i.test(v) || /[:#{}[\],&*!|>'"%@`]/.test(v) || v !== v.trim()) {
    return JSON.stringify(v);
  }
  return v;
}

function flow(obj: Record<string, string | number | boolean | undefined>): string {
  return `{ ${Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${/^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? v : y(v as string | number | boolean)}`)
    .join(', ')} }`;
}

function write(file: string, text: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

// ------------------------------------------------------------------------------------------------
// Website records
// ------------------------------------------------------------------------------------------------

const GUIDES = ['政府信息公开申请', '行政许可事项办理', '投诉举报受理', '证明材料开具', '档案查询', '资质认定'];
const INTERPRETATION_COLUMNS = ['政策解读', '图文解读', '专家解读', '新闻发布会', '回应关切', '媒体解读', '在线访谈', '热点回应', '政策问答', '视频解读', '部门解读'];
const SERVICE_COLUMNS = ['办事指南', '表格下载', '办事流程', '服务事项', '在线办理', '办件公示', '常见问题', '便民服务', '网上预约', '办事统计'];
const INTERACTION_COLUMNS = ['在线访谈', '网上调查', '意见征集', '留言选登', '咨询回复', '热点问答', '民意征集', '建言献策', '互动话题', '网民留言'];

function websiteRecord(s: Site, checkDate: string, inspector: string, quarter: 1 | 2): string {
  const L: string[] = [];
  L.push('kind: website', `name: ${y(s.name)}`, `siteCode: ${JSON.stringify(s.siteCode)}`, `url: ${s.url}`, `sponsor: ${y(s.sponsor)}`, `region: ${s.region.name}`);
  L.push(`ownerLevel: ${s.region.level}`, `siteType: ${s.siteType}`, `checkDate: ${checkDate}`, `inspector: ${inspector}`, 'source: 抽查');
  L.push('homepage:', `  lastUpdate: ${daysBefore(checkDate, int(0, 4))}`);
  L.push(`availability: ${flow({ days: 7, probes: 140 + 7 * int(0, 4), failures: int(0, 3), timeoutSeconds: 15 })}`);
  const fresh = (max: number) => daysBefore(checkDate, int(0, max));
  const cols: Record<string, string | number | boolean | undefined>[] = [
    { name: '工作动态', category: '动态要闻', level: 1, lastUpdate: fresh(6) },
    { name: '通知公告', category: '通知公告', level: 1, lastUpdate: fresh(20) },
    { name: '政策文件', category: '政策文件', level: 1, lastUpdate: fresh(45) },
    { name: '人事信息', category: '人事信息', level: 2, lastUpdate: fresh(90) },
    { name: '规划计划', category: '规划计划', level: 2, lastUpdate: fresh(120) },
  ];
  // the seed's failures: ten or more columns long stale (over 6 months before the check: W-V4 (2))
  const stale = (names: string[], category: string, n: number) =>
    names.slice(0, n).forEach((name) => cols.push({ name, category, level: 2, lastUpdate: daysBefore(checkDate, int(200, 420)) }));
  if (s.failure === 'interpretation') stale(INTERPRETATION_COLUMNS, '解读回应', s.name === '海南省林业局' ? 11 : 10);
  else if (s.failure === 'services') stale(SERVICE_COLUMNS, '办事服务', 10);
  else if (s.failure === 'interaction') stale(INTERACTION_COLUMNS, '互动交流', 10);
  else if (s.failure === 'haikou-education') stale(INTERPRETATION_COLUMNS, '解读回应', 4);
  else cols.push({ name: '政策解读', category: '政策解读', level: 1, lastUpdate: fresh(30) });
  L.push('columns:', ...cols.map((c) => `  - ${flow(c)}`));
  const mailbox = s.siteType === '门户网站' ? (s.region.name === '省直' ? '省长信箱' : '领导信箱') : s.sponsor.endsWith('厅') ? '厅长信箱' : '局长信箱';
  const received = daysBefore(checkDate, int(20, 80));
  L.push('interaction:', '  channel: true', '  columns:', `    - name: ${mailbox}`, '      type: 政务咨询', '      messages:');
  L.push(`        - ${flow({ received, answered: isoOf(dayNumber(received) + int(1, 9)) })}`);
  const received2 = daysBefore(checkDate, int(90, 200));
  L.push(`        - ${flow({ received: received2, answered: isoOf(dayNumber(received2) + int(2, 12)) })}`);
  if (s.failure === 'haikou-education') {
    L.push('    - name: 调查征集', '      type: 调查征集');
  }
  L.push('services:', '  provided: true', '  guides:', `    - { name: ${pick(GUIDES)}, missing: [] }`);
  if (s.failure === 'haikou-education') {
    L.push('findings:', '  - indicator: W-V1', '    note: 调查征集栏目发布的多期意见征集均无公众参与记录，征集结果与实际不符，未真实开展网上意见征集');
    L.push(`    evidence: ${flow({ url: `${s.url}/dczj/`, seen: daysBefore(checkDate, 1) })}`);
  }
  if (s.problem && quarter === 2) L.push('bulletin:', `  problem: ${y(s.problem)}`);
  return L.join('\n') + '\n';
}

// ------------------------------------------------------------------------------------------------
// Media records
// ------------------------------------------------------------------------------------------------

function mediaRecord(
  a: { platform: Platform; name: string; accountId?: string; sponsor: string; region: Region; ownerLevel: string },
  o: { checkDate: string; inspector: string; source: '抽查' | '库外发现'; failure?: Account['failure']; lastPost?: string; problem?: string; themes?: string[] },
): string {
  const L: string[] = [];
  L.push('kind: media', `platform: ${a.platform}`, `name: ${y(a.name)}`);
  if (a.accountId) L.push(`accountId: ${y(a.accountId)}`);
  L.push(`sponsor: ${y(a.sponsor)}`, `region: ${a.region.name}`, `ownerLevel: ${a.ownerLevel}`, `checkDate: ${o.checkDate}`, `inspector: ${o.inspector}`, `source: ${o.source}`);
  let lastPost = o.lastPost ?? daysBefore(o.checkDate, int(0, 9));
  if (!o.lastPost && o.failure === 'stale') lastPost = daysBefore(o.checkDate, int(19, 120));
  L.push(`lastPost: ${lastPost}`);
  const interaction = o.failure === 'no-interaction' ? { available: false } : { available: true, unansweredMessages: 0 };
  L.push(`interaction: ${flow(interaction)}`);
  if (a.platform === '微信公众号') {
    const links = int(3, 8);
    L.push(`serviceMenu: ${flow({ links, broken: o.failure === 'menu-broken' ? links : 0 })}`);
  }
  L.push(`commercialLinks: ${o.failure === 'commercial'}`, `unrelatedContent: ${o.failure === 'commercial'}`);
  if (o.problem || o.themes?.length) {
    L.push('bulletin:');
    if (o.problem) L.push(`  problem: ${y(o.problem)}`);
    if (o.themes?.length) L.push(`  themes: [${o.themes.join(', ')}]`);
  }
  return L.join('\n') + '\n';
}

/** A file name part without characters file systems refuse. */
const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

// ------------------------------------------------------------------------------------------------
// Campaign files
// ------------------------------------------------------------------------------------------------

const REGION_ORDER = REGIONS.map((r) => r.name);

const PROFILE = `# 海南省季度抽查使用的本地指标方案（示例）：继承国家指标（国办秘函〔2019〕19号），按本省抽查口径
# 确认或加严以下几项。此文件为示例数据，不是海南省发布的正式文本。
kind: profile
id: hainan-2021
version: "2021-01-01"
name:
  zh-cn: 海南省政府网站与政务新媒体季度抽查指标（示例）
  en: Hainan quarterly spot-check indicators (sample)
extends: national-2019
source: 《海南省政府网站管理办法》及本省季度抽查口径（示例）
scoring:
  # 季度抽查只按单项否决判定合格与否，不计算门户网站的扣分得分。
  verdictNeedsScore: false
overrides:
  W-V4:
    conditions:
      # 本省口径：应更新栏目超过 6 个月未更新达 10 个即单项否决。
      longStale:
        confirmed: true
  # 本省口径：链接商业账号、发布与工作无关的信息、服务栏目链接全部失效均判为不合格。
  M-W1:
    kind: veto
  M-W2:
    kind: veto
  M-W3:
    kind: veto
    name:
      zh-cn: 服务栏目链接全部失效
      en: All service-menu links broken
    conditions:
      broken: null
      allBroken:
        evaluator: ratio
        label: { zh-cn: 服务菜单, en: Service menu }
        numerator: serviceMenu.broken
        denominator: serviceMenu.links
        terms: { numerator: { zh-cn: 失效链接, en: broken links }, denominator: { zh-cn: 链接, en: links } }
        threshold: { percent: 100, inclusive: true }
        onMissing: clear
`;

function campaignYaml(q: 1 | 2): string {
  const common = `bulletin:
  basis:
    - 《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知》（国办秘函〔2019〕19号，以下简称《考核指标》）
    - 《海南省政府网站管理办法》
  addressee: 各市、县、自治县人民政府，省政府直属各单位：
  regionOrder: [${REGION_ORDER.join(', ')}]
  callouts:
    kind: media
    threshold: 15
  # 第二部分按检查人员在记录中标注的主题（bulletin.themes）点名，不列每个不合格账号
  recheck: { placement: none }
  problems:
    headingCount: ""
    groups:
      - { key: website-updates, heading: 部分政府网站栏目更新不及时, where: { kind: website, verdict: [fail] } }
      - key: regional-supervision
        heading: 个别市县政务新媒体监管不力
        lead: 抽查发现，
        style: region-callouts
        where: { kind: media, declared: true }
      - { key: media-management, heading: 政务新媒体建设管理仍需进一步规范, where: { kind: media, declared: true } }
  names:
    sponsorAbbreviations:
      - { from: 海南省, to: 省 }
  facts:
    M-W3: { heading: 服务栏目链接全部失效, text: 服务栏目链接全部失效 }
  requirements:
    - heading: 强化日常监管，落实工作职责
      text: 各市县人民政府、省政府直属各单位要认真履行政府网站和政务新媒体主管责任，严格按照《考核指标》要求，进一步加强本地区、本单位政府网站和政务新媒体常态化监管力度，不断强化日常监测和定期检查手段，对检查出的问题及时督促整改到位。同时，要对被通报的政府网站和政务新媒体整改落实情况进行“回头看”，切实提高建网、办网、管网的能力。
    - heading: 加强运维管理，确保政府网站与政务新媒体规范高效运行
      text: 各市县人民政府、省政府直属各单位要加强政府网站栏目清理整合，科学设置网站栏目，对信息数据无力持续更新或维护的栏目进行优化调整，确保栏目规范有序、简洁实用，杜绝出现栏目不更新、栏目与信息不符、互动回应差、站点无法访问等问题；对功能相近、群众关注度低、互动回应差和利用率低的政务新媒体进行清理整合，无力维护的要坚决予以关停。
  responsible: 各有关市县政府、省政府直属各有关单位
  filingResponsible: 各有关市县政府办公室
  deadlines:
    rectification: ${q === 2 ? '2021-07-15' : '2021-04-15'}
    filing: 3个工作日内
  signature: 海南省人民政府办公厅
`;
  if (q === 2) {
    return `# 2021 年第二季度全省政府网站与政务新媒体抽查（示例检查活动，见 README.md）
kind: campaign
issuer: 海南省人民政府办公厅
issuerSelf: 我厅
title: 2021年第二季度全省政府网站与政务新媒体抽查
scope: 全省
period: { year: 2021, quarter: 2 }
checkWindow: { start: 2021-06-11, end: 2021-06-20 }
profile: profiles/hainan-2021.yaml
population: { websites: registry, media: registry }
registries:
  websites: registry/websites.xlsx
  media: registry/media.csv
previous: ../hainan-2021q1
output: out
${common}`;
  }
  return `# 2021 年第一季度全省政府网站与政务新媒体抽查（示例检查活动，规模较小，用于第二季度的复查，见 README.md）
kind: campaign
issuer: 海南省人民政府办公厅
issuerSelf: 我厅
title: 2021年第一季度全省政府网站与政务新媒体抽查
scope: 全省
period: { year: 2021, quarter: 1 }
checkWindow: { start: 2021-03-15, end: 2021-03-24 }
profile: profiles/hainan-2021.yaml
population: { websites: 116, media: 826 }
output: out
${common}`;
}

function checkDateIn(q: 1 | 2): string {
  return q === 2 ? isoOf(dayNumber('2021-06-11') + int(0, 9)) : isoOf(dayNumber('2021-03-15') + int(0, 9));
}

async function main(): Promise<void> {
  rand = mulberry32(20210620);
  const q2 = path.join(ROOT, 'hainan-2021q2');
  const q1 = path.join(ROOT, 'hainan-2021q1');
  for (const dir of [q2, q1]) {
    for (const sub of ['websites', 'media', 'registry', 'profiles', 'campaign.yaml']) rmSync(path.join(dir, sub), { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- 2021 Q2
  const sites = buildSites();
  if (sites.length !== 115) throw new Error(`expected 115 websites, built ${sites.length}`);
  const accounts = buildAccounts();
  if (accounts.length !== 837) throw new Error(`expected 837 accounts, built ${accounts.length}`);
  const sampled = accounts.filter((a) => a.sampled);
  if (sampled.length !== 251) throw new Error(`expected 251 sampled accounts, drew ${sampled.length}`);
  const failing = sampled.filter((a) => a.failure).length;
  if (failing !== 34) throw new Error(`expected 34 failing accounts, marked ${failing}`);
  const wild = buildWild();

  write(path.join(q2, 'campaign.yaml'), campaignYaml(2));
  write(path.join(q2, 'profiles', 'hainan-2021.yaml'), PROFILE);
  for (const s of sites) {
    write(path.join(q2, 'websites', s.region.name, `${s.siteCode}-${fileSafe(s.name)}.yaml`), websiteRecord(s, checkDateIn(2), pick(INSPECTORS), 2));
  }
  for (const a of sampled) {
    const file = path.join(q2, 'media', a.region.name, `${String(a.seq).padStart(3, '0')}-${a.platform}-${fileSafe(a.name)}.yaml`);
    write(file, mediaRecord(a, { checkDate: checkDateIn(2), inspector: pick(INSPECTORS), source: '抽查', failure: a.failure, lastPost: a.lastPost, problem: a.problem, themes: a.themes }));
  }
  wild.forEach((w, i) => {
    const file = path.join(q2, 'media', w.region.name, '库外发现', `${String(i + 1).padStart(2, '0')}-${w.platform}-${fileSafe(w.name)}.yaml`);
    write(file, mediaRecord({ ...w, ownerLevel: '乡镇级' }, { checkDate: checkDateIn(2), inspector: pick(INSPECTORS), source: '库外发现', failure: w.fails ? 'stale' : undefined }));
  });

  const siteRows = [
    ...sites.map((s) => [s.siteCode, s.name, s.url, s.sponsor, s.region.name, s.region.level, s.siteType, '正常']),
    ...CLOSED_SITES.map(([code, name, url, sponsor, region]) => [code, name, url, sponsor, region, REGIONS.find((r) => r.name === region)!.level, '部门网站', '关停']),
  ];
  write(path.join(q2, 'registry', 'websites.xlsx'), await registryXlsx('网站信息', WEBSITE_REGISTRY_HEADERS, siteRows, new Date(Date.UTC(2021, 5, 10))));
  const closed = closedAccounts(accounts.length);
  const mediaRows = [...accounts, ...closed].map((a) => [String(a.seq), a.region.name, a.platform, a.name, a.accountId, a.sponsor, a.operator, a.status, a.filed]);
  const csv = [MEDIA_REGISTRY_HEADERS.join(','), ...mediaRows.map((r) => r.join(','))].join('\r\n') + '\r\n';
  // the filing system's export as Chinese Windows saves it: GBK, CRLF, no byte-order mark
  write(path.join(q2, 'registry', 'media.csv'), iconv.encode(csv, 'gbk'));

  // ---------------------------------------------------------------- 2021 Q1 (smaller; the re-check)
  write(path.join(q1, 'campaign.yaml'), campaignYaml(1));
  write(path.join(q1, 'profiles', 'hainan-2021.yaml'), PROFILE);
  // 40 websites, two failing then (both rectified by Q2)
  const q1SiteFailures = new Set(['海南省统计局', '三亚市市场监督管理局']);
  const q1Drawn = new Set([...sites.filter((s, i) => i % 3 !== 0 && !q1SiteFailures.has(s.name)).slice(0, 38), ...sites.filter((s) => q1SiteFailures.has(s.name))]);
  const q1Sites = sites.filter((s) => q1Drawn.has(s));
  for (const s of q1Sites) {
    const failing = q1SiteFailures.has(s.name);
    const site: Site = { ...s, failure: failing ? 'interpretation' : undefined };
    write(path.join(q1, 'websites', s.region.name, `${s.siteCode}-${fileSafe(s.name)}.yaml`), websiteRecord(site, checkDateIn(1), pick(INSPECTORS), 1));
  }
  // 80 accounts: 儋州教育 failed for commercial links and unrelated content; four others failed and
  // were rectified by Q2; one failed and was not drawn again in Q2
  const q2Sampled = new Set(sampled.map((a) => a.seq));
  const q1Pool = accounts.filter((a) => !a.failure);
  const rectified = q1Pool.filter((a) => q2Sampled.has(a.seq)).filter((_, i) => i % 37 === 5).slice(0, 4);
  const notRedrawn = q1Pool.find((a) => !q2Sampled.has(a.seq) && a.region.name === '万宁市')!;
  const dzjy = accounts.find((a) => a.name === '儋州教育')!;
  const others = q1Pool.filter((a) => !rectified.includes(a) && a !== notRedrawn).filter((_, i) => i % 10 === 3).slice(0, 80 - 6);
  const q1Accounts: { a: Account; failure?: Account['failure'] }[] = [
    { a: dzjy, failure: 'commercial' },
    ...rectified.map((a) => ({ a, failure: 'stale' as const })),
    { a: notRedrawn, failure: 'no-interaction' },
    ...others.map((a) => ({ a })),
  ];
  for (const { a, failure } of q1Accounts) {
    const file = path.join(q1, 'media', a.region.name, `${String(a.seq).padStart(3, '0')}-${a.platform}-${fileSafe(a.name)}.yaml`);
    write(file, mediaRecord(a, { checkDate: checkDateIn(1), inspector: pick(INSPECTORS), source: '抽查', failure }));
  }
  console.log(
    `hainan-2021q2: ${sites.length} websites, ${sampled.length} sampled of ${accounts.length} accounts, ${wild.length} found outside the registry; ` +
      `hainan-2021q1: ${q1Sites.length} websites, ${q1Accounts.length} accounts`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
