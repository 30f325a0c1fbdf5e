// Registry benchmark: writes a media export of `size` rows as .xlsx in a temporary folder, imports
// it, builds the index and reconciles `size` records against it (most matching by account ID or name,
// some near misses, some unregistered), and returns the figures. Run alone with
// `npx tsx bench/registry.bench.ts [size]`; bench/main.ts calls `benchRegistry`. `registryTruth`
// measures the reconciliation of a generated campaign against what its generator says each record
// is (`generated.json`): precision and recall of the 漏报 and of the near misses.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { MediaRecord, Platform } from '../server/src/core/model';
import { importRegistryFile } from '../server/src/core/registry/importRegistry';
import { reconcile } from '../server/src/core/registry/reconcile';
import { loadCampaignConfig, scanCampaign } from '../server/src/core/campaign/campaignFolder';
import { loadCampaignRegistry } from '../server/src/core/registry/importRegistry';
import { parseYaml } from '../server/src/core/yaml/yamlDocument';
import type { InspectionRecord, RegistryStatus } from '../server/src/core/model';
import type { GenerationSummary, RegistryExpectation } from '../scripts/gen/campaignGenerator';
import { RegistryIndex } from '../server/src/core/registry/registryIndex';
import { mulberry32 } from '../scripts/gen/prng';

// Place names are made of two characters of this pool plus a suffix: thousands of places, as in a
// national registry, so that 150,000 accounts have distinct, natural names without serial numbers.
const PLACE_CHARS = '东南西北安宁平和兴华新阳山江河湖海川泉林石岭州城乡德仁义福寿永昌盛丰泰隆庆宝金玉龙凤云天明清长远文武光辉春秋';
// Places of the accounts that are not filed at all: other characters, so that they have no near
// neighbour in the registry and their search runs to its bound (the worst case).
const OUTSIDE_PLACE_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
const SUFFIXES = ['市', '县', '区'];
const UNITS = ['教育局', '公安局', '卫生健康委员会', '生态环境局', '司法局', '人力资源和社会保障局', '住房和城乡建设局', '交通运输局', '农业农村局', '文化广电旅游局', '市场监督管理局', '应急管理局', '税务局', '融媒体中心', '团委', '妇联', '科学技术局', '民政局', '财政局', '自然资源和规划局', '人民政府', '发展和改革委员会', '审计局', '统计局', '水务局', '林业局', '医疗保障局', '退役军人事务局', '信访局', '档案馆'];
const STYLES = ['发布', '在线', '之声', '服务', '资讯', '微语', '政务', '快报', '视点', 'e家', '微讯', '动态', '头条', '频道', '家园'];
const PLATFORMS: [Platform, number][] = [['微信公众号', 0.6], ['新浪微博', 0.15], ['抖音', 0.12], ['今日头条号', 0.08], ['快手', 0.05]];
const HEADER = ['序号', '地区', '平台', '账号名称', '账号ID', '主办单位', '运维单位', '状态', '报送日期'];


interface Account {
  platform: Platform;
  region: string;
  name: string;
  id: string;
  sponsor: string;
}

/** `n` accounts with distinct names: place + unit + style, e.g. 安宁县教育局发布. */
function accounts(n: number, random: () => number, taken: Set<string>, placeChars = PLACE_CHARS): Account[] {
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(random() * xs.length)] as T;
  const platform = (): Platform => {
    let r = random();
    for (const [p, share] of PLATFORMS) if ((r -= share) < 0) return p;
    return PLATFORMS[0][0];
  };
  const out: Account[] = [];
  while (out.length < n) {
    const region = `${pick<string>(placeChars)}${pick<string>(placeChars)}${pick(SUFFIXES)}`;
    const sponsor = `${region}${pick(UNITS)}`;
    const name = `${sponsor}${pick(STYLES)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    out.push({ platform: platform(), region, name, id: `hn${(taken.size).toString(36)}x`, sponsor });
  }
  return out;
}

/** Writes the export with exceljs's streaming writer (a 150,000-row workbook does not fit the DOM writer well). */
async function writeExport(file: string, rows: Account[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('政务新媒体');
  ws.addRow(HEADER).commit();
  rows.forEach((a, i) => {
    const row = ws.addRow([i + 1, a.region, a.platform, a.name, a.id, a.sponsor, a.sponsor, i % 50 === 0 ? '关停' : '正常', new Date(Date.UTC(2020, i % 12, (i % 28) + 1))]);
    row.getCell(9).numFmt = 'yyyy-mm-dd';
    row.commit();
  });
  await ws.commit();
  await wb.commit();
}

/** CPU time (user + system) of this process since `start`, in ms: less sensitive to other load than wall time. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Runs the benchmark at `size` rows and records; returns the figures (milliseconds, counts). */
export async function benchRegistry(size: number): Promise<Record<string, number>> {
  const random = mulberry32(20210611);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'registry-bench-'));
  try {
    const taken = new Set<string>();
    const rows = accounts(size, random, taken);
    const file = path.join(dir, 'media.xlsx');
    let t = performance.now();
    await writeExport(file, rows);
    const writeMs = performance.now() - t;
    const bytes = (await fs.stat(file)).size;

    t = performance.now();
    let cpu = process.cpuUsage();
    const imported = await importRegistryFile(file, { kind: 'media', file: 'registry/media.xlsx' });
    const importMs = performance.now() - t;
    const importCpuMs = cpuMs(cpu);
    if (imported.rows.length !== size) throw new Error(`imported ${imported.rows.length} of ${size} rows: ${imported.problems[0]?.message ?? ''}`);

    // Records: 80% by account ID, 10% by name only, 5% near misses (one character dropped, as a
    // registrant slips; a character changed would be another name), 5% unregistered.
    const outside = accounts(Math.min(Math.ceil(size * 0.05), 24 * 24 * 3 * UNITS.length * STYLES.length), random, taken, OUTSIDE_PLACE_CHARS);
    const records: { file: string; record: MediaRecord }[] = [];
    for (let i = 0; i < size; i++) {
      const a = rows[Math.floor(random() * rows.length)];
      const r = random();
      let record: MediaRecord;
      if (r < 0.8) record = { kind: 'media', platform: a.platform, name: a.name, accountId: a.id, sponsor: a.sponsor, region: a.region, checkDate: '2021-06-15' };
      else if (r < 0.9) record = { kind: 'media', platform: a.platform, name: `“${a.name}”`, region: a.region, checkDate: '2021-06-15' };
      else if (r < 0.95) record = { kind: 'media', platform: a.platform, name: `${a.name.slice(0, 4)}${a.name.slice(5)}`, region: a.region, checkDate: '2021-06-15' };
      else {
        const o = outside[i % outside.length];
        record = { kind: 'media', platform: o.platform, name: o.name, region: o.region, checkDate: '2021-06-15' };
      }
      records.push({ file: `media/${i}.yaml`, record });
    }

    t = performance.now();
    cpu = process.cpuUsage();
    const index = new RegistryIndex({ kind: 'media', rows: imported.rows, files: ['registry/media.xlsx'] }, undefined);
    const indexMs = performance.now() - t;
    const indexCpuMs = cpuMs(cpu);
    t = performance.now();
    cpu = process.cpuUsage();
    const results = reconcile(index, records);
    const matchMs = performance.now() - t;
    const matchCpuMs = cpuMs(cpu);
    const count = (s: string) => results.filter((r) => r.outcome.status === s).length;
    return {
      rows: size,
      records: records.length,
      xlsxMiB: bytes / (1024 * 1024),
      writeMs,
      importMs,
      importCpuMs,
      indexMs,
      indexCpuMs,
      matchMs,
      matchCpuMs,
      matched: count('matched') + count('closed-but-active'),
      nearMiss: count('near-miss'),
      unregistered: count('unregistered'),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Precision and recall of one outcome against the generator's truth. */
export interface OutcomeScore {
  /** Records the generator made so. */
  truth: number;
  /** Records the tool reports so. */
  reported: number;
  /** Both. */
  agreed: number;
  precision: number;
  recall: number;
}

/** What the generator means by each expectation, as the tool's outcome. */
const EXPECTED: Record<RegistryExpectation, RegistryStatus> = {
  matched: 'matched',
  'matched-by-name': 'matched',
  'matched-normalised': 'matched',
  'near-miss': 'near-miss',
  unregistered: 'unregistered',
  'closed-but-active': 'closed-but-active',
};

/**
 * The reconciliation of a generated campaign's records (the registry exports it names, matched as
 * `check` matches them) scored against `generated.json`: 漏报 and near misses, precision and recall.
 */
export async function registryTruth(dir: string): Promise<{ records: number; matchMs: number; unregistered: OutcomeScore; nearMiss: OutcomeScore }> {
  const summary = JSON.parse(await fs.readFile(path.join(dir, 'generated.json'), 'utf8')) as GenerationSummary;
  const { config } = await loadCampaignConfig(dir, 'zh-cn');
  if (!config) throw new Error(`${dir}: campaign.yaml cannot be used`);
  const registry = await loadCampaignRegistry(dir, config, 'zh-cn');
  const scan = await scanCampaign(dir, 'zh-cn');
  const records: { file: string; record: InspectionRecord }[] = [];
  for (const f of scan.files) {
    if ((f.kind !== 'website' && f.kind !== 'media') || f.read.text === undefined) continue;
    records.push({ file: path.relative(dir, f.path).split(path.sep).join('/'), record: parseYaml(f.read.text).value as InspectionRecord });
  }
  const started = performance.now();
  const index = new RegistryIndex(registry.media, registry.websites, registry.mapping.matching);
  const results = reconcile(index, records);
  const matchMs = performance.now() - started;
  const score = (status: RegistryStatus): OutcomeScore => {
    let truth = 0;
    let reported = 0;
    let agreed = 0;
    results.forEach((r, i) => {
      const expected = EXPECTED[summary.expectations[records[i].file] ?? 'matched'] === status;
      const got = r.outcome.status === status;
      truth += expected ? 1 : 0;
      reported += got ? 1 : 0;
      agreed += expected && got ? 1 : 0;
    });
    return { truth, reported, agreed, precision: reported ? agreed / reported : 1, recall: truth ? agreed / truth : 1 };
  };
  return { records: records.length, matchMs, unregistered: score('unregistered'), nearMiss: score('near-miss') };
}

if (require.main === module) {
  const size = Number(process.argv[2] ?? 150_000);
  benchRegistry(size).then(
    (f) => {
      for (const [k, v] of Object.entries(f)) process.stdout.write(`${k.padEnd(14)} ${Number.isInteger(v) ? v : v.toFixed(1)}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
