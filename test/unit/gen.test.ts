// The campaign generator (scripts/gen): deterministic from its seed, the requested counts, valid
// records, real division codes, and registry exports that reconcile with the records as intended.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parseGenArgs } from '../../scripts/gen';
import {
  GenerateError, MANIFEST_FILE, generateCampaign, writeCampaign, type FileSink, type GenerationSummary, type RegistryExpectation,
} from '../../scripts/gen/campaignGenerator';
import { apportion, chineseNumeral } from '../../scripts/gen/campaignPlan';
import { descendants, findProvince, shortName } from '../../scripts/gen/divisionTree';
import { MEDIA_REGISTRY_HEADERS, WEBSITE_REGISTRY_HEADERS } from '../../scripts/gen/registryExport';
import { scalar } from '../../scripts/gen/yamlText';
import type { InspectionRecord, MediaRecord, WebsiteRecord } from '../../server/src/core/model';
import { parseCsv } from '../../server/src/core/registry/csvParse';
import { importRegistry } from '../../server/src/core/registry/importRegistry';
import { canonicalPlatform, normaliseText } from '../../server/src/core/registry/normalise';
import { reconcileRecord } from '../../server/src/core/registry/reconcile';
import { RegistryIndex } from '../../server/src/core/registry/registryIndex';
import { validateDocument } from '../../server/src/core/validate/validateDocument';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';

class MemorySink implements FileSink {
  readonly files = new Map<string, Buffer>();
  async write(relPath: string, data: string | Uint8Array): Promise<void> {
    this.files.set(relPath, Buffer.from(data));
  }
  async flush(): Promise<void> {}
}

interface Generated {
  files: Map<string, Buffer>;
  summary: GenerationSummary;
}

async function generate(seed: string, websites = 24, media = 216, extra: { mediaXlsx?: boolean } = {}): Promise<Generated> {
  const sink = new MemorySink();
  const summary = await generateCampaign({ websites, media, seed, ...extra }, sink);
  return { files: sink.files, summary };
}

const parsedRecords = new WeakMap<Generated, Map<string, InspectionRecord>>();

/** The generated records by file, parsed once per campaign. */
function records(g: Generated): Map<string, InspectionRecord> {
  const known = parsedRecords.get(g);
  if (known) return known;
  const out = new Map<string, InspectionRecord>();
  parsedRecords.set(g, out);
  for (const [file, data] of g.files) {
    if (!file.endsWith('.yaml') || file === 'campaign.yaml') continue;
    out.set(file, parseYaml(data.toString('utf8')).value as InspectionRecord);
  }
  return out;
}

describe('campaign generator', () => {
  let a: Generated;
  let b: Generated;
  let c: Generated;
  before(async () => {
    a = await generate('alpha', 24, 216, { mediaXlsx: true });
    b = await generate('alpha', 24, 216, { mediaXlsx: true });
    c = await generate('beta', 24, 216, { mediaXlsx: true });
  });

  it('gives byte-identical files for the same seed, archives included', () => {
    assert.deepEqual([...a.files.keys()].sort(), [...b.files.keys()].sort());
    for (const [file, data] of a.files) assert.ok(data.equals(b.files.get(file)!), `${file} differs between two runs`);
    assert.ok(a.files.has('registry/websites.xlsx') && a.files.has('registry/media.xlsx'));
  });

  it('gives different campaigns for different seeds', () => {
    assert.ok(!a.files.get('registry/media.csv')!.equals(c.files.get('registry/media.csv')!));
    const shared = [...a.files.keys()].filter((f) => f.endsWith('.yaml') && f !== 'campaign.yaml' && c.files.has(f));
    const same = shared.filter((f) => a.files.get(f)!.equals(c.files.get(f)!));
    assert.ok(same.length < shared.length / 2, `${same.length} of ${shared.length} shared records are identical`);
  });

  it('writes exactly the requested numbers of website and media records', () => {
    const kinds = [...records(a).values()].map((r) => r.kind);
    assert.equal(kinds.filter((k) => k === 'website').length, 24);
    assert.equal(kinds.filter((k) => k === 'media').length, 216);
    assert.equal(kinds.length, 240);
    assert.equal(a.summary.counts.websites, 24);
    assert.equal(a.summary.counts.media, 216);
  });

  it('writes records and a campaign.yaml that validate without a single diagnostic', () => {
    for (const [file, data] of a.files) {
      if (!file.endsWith('.yaml')) continue;
      const result = validateDocument(parseYaml(data.toString('utf8')), 'zh-cn');
      assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.message}`), [], file);
    }
    const config = parseYaml(a.files.get('campaign.yaml')!.toString('utf8')).value as Record<string, unknown>;
    assert.deepEqual(config.checkWindow, { start: '2021-06-11', end: '2021-06-20' });
    assert.deepEqual(config.registries, { websites: 'registry/websites.xlsx', media: 'registry/media.csv' });
    // the rectification deadline is the 15th of the month after the check window
    assert.deepEqual((config.bulletin as Record<string, unknown>).deadlines, { rectification: '2021-07-15', filing: '3个工作日内' });
  });

  it('gives websites unique 网站标识码 made of a real division code of the scope and a serial', () => {
    const hainan = new Set(descendants(findProvince('海南省')!).map((d) => d.code));
    const codes = [...records(a).values()].filter((r): r is WebsiteRecord => r.kind === 'website').map((r) => r.siteCode!);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) {
      assert.match(code, /^\d{10}$/);
      assert.ok(hainan.has(code.slice(0, 6)), `${code} does not start with a 海南 division code`);
    }
    // the provincial portal sits on the province's own code
    assert.ok(codes.some((code) => code.startsWith('460000')));
  });

  it('spreads accounts over platforms with 微信公众号 the most common', () => {
    const counts = new Map<string, number>();
    for (const r of records(a).values()) if (r.kind === 'media') counts.set(r.platform, (counts.get(r.platform) ?? 0) + 1);
    const ranked = [...counts].sort((x, y) => y[1] - x[1]);
    assert.equal(ranked[0][0], '微信公众号');
    assert.ok(counts.size >= 5, `only ${counts.size} platforms`);
  });

  it('writes registry exports with the filing systems\' headers and one row per filed site or account', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.files.get('registry/websites.xlsx')! as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), [...WEBSITE_REGISTRY_HEADERS]);
    assert.equal(ws.actualRowCount, a.summary.counts.registryRows.websites + 1);
    const csv = a.files.get('registry/media.csv')!.toString('utf8');
    assert.ok(csv.startsWith('\uFEFF序号,'), 'CSV starts with a BOM and the header');
    const parsed = parseCsv(csv.slice(1));
    assert.deepEqual(parsed.records[0].fields, [...MEDIA_REGISTRY_HEADERS]);
    assert.equal(parsed.records.length - 1, a.summary.counts.registryRows.media);
    // unsampled accounts stay in the registry: it holds more running accounts than were checked
    assert.ok(a.summary.counts.running.media > a.summary.counts.media);
  });

  it('files each record in the registry as the manifest intends (read back from the exports)', () => {
    const csv = parseCsv(a.files.get('registry/media.csv')!.toString('utf8').slice(1)).records.slice(1).map((r) => r.fields);
    const [, , PLATFORM, NAME, ID, , , STATUS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const seen = new Set<RegistryExpectation>();
    for (const [file, rec] of records(a)) {
      if (rec.kind !== 'media') continue;
      const exp = a.summary.expectations[file] ?? 'matched';
      seen.add(exp);
      const samePlatform = csv.filter((row) => canonicalPlatform(row[PLATFORM]) === rec.platform);
      const sameName = samePlatform.filter((row) => normaliseText(row[NAME]) === normaliseText(rec.name));
      const sameId = rec.accountId ? samePlatform.filter((row) => row[ID] === rec.accountId) : [];
      const filed = [...new Set([...sameName, ...sameId])];
      const why = `${file}: ${exp}`;
      if (exp === 'unregistered' || exp === 'near-miss') {
        assert.deepEqual(filed, [], why);
      } else {
        assert.equal(filed.length, 1, why);
        const row = filed[0];
        const raw = row[PLATFORM] === rec.platform && row[NAME] === rec.name;
        if (exp === 'matched') assert.ok(raw && row[ID] === rec.accountId && row[STATUS] === '正常', why);
        if (exp === 'matched-by-name') assert.ok(raw && (row[ID] === '' || rec.accountId === undefined) && row[STATUS] === '正常', why);
        if (exp === 'matched-normalised') assert.ok(!raw && row[STATUS] === '正常', why);
        if (exp === 'closed-but-active') assert.ok(['关停', '注销'].includes(row[STATUS]) && (rec as MediaRecord).status !== '已关停', why);
      }
    }
    assert.ok(seen.has('unregistered') && seen.has('matched') && seen.has('matched-by-name') && seen.has('matched-normalised'), [...seen].join());
  });

  it('reconciles with the registry importer and matcher as the manifest intends', async () => {
    const g = await generate('gamma', 40, 900);
    const media = await importRegistry(g.files.get('registry/media.csv')!, { kind: 'media', file: 'registry/media.csv' });
    const websites = await importRegistry(g.files.get('registry/websites.xlsx')!, { kind: 'website', file: 'registry/websites.xlsx' });
    assert.deepEqual([...media.problems, ...websites.problems], []);
    const index = new RegistryIndex({ kind: 'media', rows: media.rows, files: ['registry/media.csv'] }, { kind: 'website', rows: websites.rows, files: ['registry/websites.xlsx'] });
    const expected: Record<RegistryExpectation, string[]> = {
      matched: ['matched'], 'matched-by-name': ['matched'], 'matched-normalised': ['matched'], 'closed-but-active': ['closed-but-active'],
      'near-miss': ['near-miss'],
      // a 漏报 account may still be given similar rows as suggestions (第三幼儿园 for 第四幼儿园)
      unregistered: ['unregistered', 'near-miss'],
    };
    const tally = new Map<string, number>();
    for (const [file, rec] of records(g)) {
      const exp = g.summary.expectations[file] ?? 'matched';
      const outcome = reconcileRecord(index, rec).outcome;
      assert.ok(expected[exp].includes(outcome.status), `${file}: intended ${exp}, reconciled ${outcome.status}`);
      tally.set(exp, (tally.get(exp) ?? 0) + 1);
    }
    for (const e of Object.keys(expected)) assert.ok((tally.get(e) ?? 0) > 0, `no record intended ${e}`);
  });

  it('refuses to write into a non-empty folder, and replaces only an earlier generated campaign', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'gen-test-'));
    try {
      const foreign = path.join(tmp, 'foreign');
      mkdirSync(foreign);
      writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
      await assert.rejects(writeCampaign(foreign, { websites: 1, media: 1, seed: 1 }), (e: unknown) => e instanceof GenerateError && e.code === 'out-not-empty');
      await assert.rejects(writeCampaign(foreign, { websites: 1, media: 1, seed: 1 }, { force: true }), (e: unknown) => e instanceof GenerateError && e.code === 'out-not-generated');
      assert.ok(existsSync(path.join(foreign, 'notes.txt')));
      const out = path.join(tmp, 'out');
      const first = await writeCampaign(out, { websites: 3, media: 9, seed: 1 });
      assert.equal(first.counts.media, 9);
      assert.ok(existsSync(path.join(out, MANIFEST_FILE)));
      const second = await writeCampaign(out, { websites: 2, media: 4, seed: 1 }, { force: true });
      assert.equal(second.counts.media, 4);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('parses its command line and rejects bad counts with the option named', () => {
    const opts = parseGenArgs(['--websites', '5', '--media=7', '--out', 'x', '--seed', 's', '--quarter', '3']);
    assert.ok(opts !== 'help');
    assert.deepEqual([opts.websites, opts.media, opts.out, opts.seed, opts.quarter, opts.force], [5, 7, 'x', 's', 3, false]);
    assert.throws(() => parseGenArgs(['--websites', '-1', '--media', '1', '--out', 'x']), (e: Error & { args?: Record<string, string> }) => e.message === 'error.count' && e.args?.option === '--websites');
    assert.throws(() => parseGenArgs(['--websites', '1', '--out', 'x']), (e: Error & { args?: Record<string, string> }) => e.message === 'error.missing' && e.args?.option === '--media');
    assert.throws(() => parseGenArgs(['--websites', '1', '--media', '1', '--out', 'x', '--quarter', '5']), /error\.quarter/);
    assert.equal(parseGenArgs(['--help']), 'help');
  });

  it('quotes YAML scalars only where a plain scalar would read back differently', () => {
    assert.equal(scalar('4600000012'), '"4600000012"');
    assert.equal(scalar('2021-06-15'), '2021-06-15');
    assert.equal(scalar('true'), '"true"');
    assert.equal(scalar('海口市教育局'), '海口市教育局');
    assert.equal(scalar('http://www.hainan.gov.cn'), '"http://www.hainan.gov.cn"');
    assert.equal(scalar(' 前导空格'), '" 前导空格"');
    assert.equal(scalar('a, b'), '"a, b"');
  });

  it('names numbered units and short regions as people write them', () => {
    assert.deepEqual([3, 10, 12, 21, 105, 110].map(chineseNumeral), ['三', '十', '十二', '二十一', '一百零五', '一百一十']);
    assert.deepEqual(['白沙黎族自治县', '广西壮族自治区', '海口市', '恩施土家族苗族自治州', '西藏自治区'].map(shortName), ['白沙', '广西', '海口', '恩施', '西藏']);
    assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(apportion(7, [0, 2, 5]), [0, 2, 5]);
  });
});
