// Matching and reconciliation: ID before name, never across platforms, short vs full unit names,
// near misses (edit distance, containment, IDs), websites by code/address/name, duplicates, closed
// but active, and the counts the bulletin takes.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { InspectionRecord, MediaRecord, RegistryRowRef, WebsiteRecord } from '../../server/src/core/model';
import { registryCounts } from '../../server/src/core/registry/counts';
import { importRegistry } from '../../server/src/core/registry/importRegistry';
import { boundedEditDistance, NearKeyIndex } from '../../server/src/core/registry/nearMatch';
import { reconcile, reconcileRecord } from '../../server/src/core/registry/reconcile';
import { duplicateFilings, RegistryIndex } from '../../server/src/core/registry/registryIndex';
import type { RegistryTable } from '../../server/src/core/registry/registryTypes';

const MEDIA_HEADER = '序号,地区,平台,账号名称,账号ID,主办单位,运维单位,状态,报送日期';
const SITE_HEADER = '网站标识码,网站名称,首页地址,主办单位,地区,层级,网站类型,状态';

async function table(kind: 'media' | 'website', lines: string[]): Promise<RegistryTable> {
  const file = kind === 'media' ? 'registry/media.csv' : 'registry/websites.csv';
  const r = await importRegistry(Buffer.from([kind === 'media' ? MEDIA_HEADER : SITE_HEADER, ...lines].join('\n')), { kind, file });
  assert.deepEqual(r.problems, []);
  return { kind, rows: r.rows, files: [file] };
}

function media(platform: MediaRecord['platform'], name: string, extra: Partial<MediaRecord> = {}): MediaRecord {
  return { kind: 'media', platform, name, checkDate: '2021-06-15', ...extra };
}

function site(name: string, extra: Partial<WebsiteRecord> = {}): WebsiteRecord {
  return { kind: 'website', name, checkDate: '2021-06-15', ...extra };
}

/** Levenshtein distance, plainly (the reference for the bounded one). */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

describe('registry matching', () => {
  let index: RegistryIndex;
  before(async () => {
    const m = await table('media', [
      '1,儋州市,微信公众号,儋州教育,dzjy0898,儋州市教育局,,正常,',
      '2,省直,今日头条号,海南司法行政在线,hnsfxzzx,海南省司法厅,,已关停,',
      '3,省直,新浪微博,海南省卫生健康委,2712345678,海南省卫生健康委员会,,正常,',
      '4,海口市,微信公众号,海口发布,hkfb,海口市人民政府办公室,,正常,',
      '5,省直,新浪微博,海南省司法厅,,海南省司法厅,,正常,',
      '6,海口市,抖音,海口市教育局,hkjy,海口市教育局,,正常,',
      '7,三亚市,抖音,三亚市教育局,syjy,三亚市教育局,,正常,',
      '8,三亚市,微信公众号,三亚发布,syfb,三亚市人民政府,,正常,',
      '9,三亚市,微信公众号,三亚发布,syfb,三亚市人民政府,,关停,',
      '10,定安县,抖音,定安县融媒体中心,darmt,定安县委宣传部,,注销,',
      '11,儋州市,微信公众号,儋州市生态环境局,gh_other,儋州市生态环境局,,正常,',
    ]);
    const w = await table('website', [
      '4600000012,海南司法行政网,http://justice.hainan.gov.cn,海南省司法厅,省直,省级,部门网站,正常',
      '4600000020,海南省林业局,http://www.hainan.gov.cn/hainan/lyj/,海南省林业局,省直,省级,部门网站,正常',
      '4600000021,海南省水务厅,http://www.hainan.gov.cn/hainan/swt/,海南省水务厅,省直,省级,部门网站,正常',
      '4601000003,海口市教育局,http://edu.haikou.gov.cn/index.html,海口市教育局,海口市,市级,部门网站,正常',
      '4600000099,海南省旧网站,http://old.hainan.gov.cn,海南省政府办公厅,省直,省级,部门网站,关停',
    ]);
    index = new RegistryIndex(m, w);
  });

  const one = (record: InspectionRecord) => reconcileRecord(index, record);

  describe('media: ID before name, never across platforms', () => {
    it('matches on (platform, account ID) even when the name differs, and flags the rename', () => {
      const r = one(media('微信公众号', '海口发布厅', { accountId: 'HKFB' }));
      assert.equal(r.outcome.status, 'matched');
      assert.equal(r.via, 'id');
      assert.equal(r.outcome.row?.row, 5);
      assert.deepEqual(r.issues.map((i) => [i.code, 'filed' in i ? i.filed : '', 'found' in i ? i.found : '']), [['REG-NAME-MISMATCH', '海口发布', '海口发布厅']]);
    });
    it('falls back to (platform, normalised name) without an ID', () => {
      const r = one(media('新浪微博', '「海南省衛生健康委」'));
      assert.equal(r.outcome.status, 'matched');
      assert.equal(r.via, 'name');
      assert.deepEqual(r.issues, []);
    });
    it('falls back to the name when the record has an ID the row lacks', () => {
      const r = one(media('新浪微博', '海南省司法厅', { accountId: 'hainansfj' }));
      assert.equal(r.outcome.status, 'matched');
      assert.equal(r.via, 'name');
    });
    it('the same name with a different ID is a near miss, not a match', () => {
      const r = one(media('微信公众号', '儋州教育', { accountId: 'gh_123' }));
      assert.equal(r.outcome.status, 'near-miss');
      assert.deepEqual(r.reasons, ['id-differs']);
      assert.equal(r.outcome.suggestions?.[0].values.accountId, 'dzjy0898');
    });
    it('never matches across platforms, by ID or by name', () => {
      const r = one(media('抖音', '儋州教育', { accountId: 'dzjy0898' }));
      assert.deepEqual(r.outcome, { status: 'unregistered' });
      assert.deepEqual(one(media('快手', '海口发布')).outcome, { status: 'unregistered' });
    });
    it('a short unit name matches the full one (省司法厅 ≈ 海南省司法厅)', () => {
      const r = one(media('新浪微博', '省司法厅'));
      assert.equal(r.outcome.status, 'matched');
      assert.equal(r.via, 'unit');
      assert.equal(r.outcome.row?.values.name, '海南省司法厅');
      assert.deepEqual(r.issues, []);
    });
    it('a short name that fits several units is a near miss listing them all', () => {
      const r = one(media('抖音', '市教育局'));
      assert.equal(r.outcome.status, 'near-miss');
      assert.deepEqual(r.outcome.suggestions?.map((s) => s.values.name), ['海口市教育局', '三亚市教育局']);
      assert.deepEqual(r.reasons, ['ambiguous', 'ambiguous']);
    });
    it('a name that says nowhere where it is only suggests (司法厅 is no match for 海南省司法厅)', () => {
      const r = one(media('新浪微博', '司法厅'));
      assert.equal(r.outcome.status, 'near-miss');
      assert.deepEqual(r.outcome.suggestions?.map((s) => s.values.name), ['海南省司法厅']);
      assert.deepEqual(r.reasons, ['contains']);
    });
    it('a sponsor named by its short form is no mismatch; another unit is', () => {
      assert.deepEqual(one(media('新浪微博', '海南省司法厅', { sponsor: '省司法厅' })).issues, []);
      const r = one(media('新浪微博', '海南省司法厅', { sponsor: '海南省教育厅' }));
      assert.deepEqual(r.issues.map((i) => i.code), ['REG-SPONSOR-MISMATCH']);
    });
  });

  describe('near misses', () => {
    it('by edit distance', () => {
      const r = one(media('新浪微博', '海南省卫健委'));
      assert.equal(r.outcome.status, 'near-miss');
      assert.deepEqual(r.reasons, ['edit']);
      assert.equal(r.outcome.suggestions?.[0].row, 4);
    });
    it('by containment in either direction', () => {
      const around = one(media('微信公众号', '儋州教育局官方'));
      assert.deepEqual([around.outcome.status, around.reasons, around.outcome.suggestions?.map((s) => s.values.name)], ['near-miss', ['contained'], ['儋州教育']]);
      const inside = one(media('微信公众号', '生态环境局'));
      assert.deepEqual([inside.outcome.status, inside.reasons, inside.outcome.suggestions?.map((s) => s.values.name)], ['near-miss', ['contains'], ['儋州市生态环境局']]);
    });
    it('by a mistyped account ID', () => {
      const r = one(media('微信公众号', '儋州市第一中学', { accountId: 'dzjy098' }));
      assert.equal(r.outcome.status, 'near-miss');
      assert.deepEqual(r.reasons, ['id-edit']);
      assert.deepEqual(r.outcome.suggestions?.map((s) => s.values.accountId), ['dzjy0898']);
    });
    it('never suggests a unit of another place (琼海市教育局 is not 海口市教育局)', () => {
      const record = media('抖音', '琼海市教育局', { region: '琼海市' });
      assert.deepEqual(reconcile(index, [{ file: 'a.yaml', record }])[0].outcome, { status: 'unregistered' });
    });
    it('short names do not match loosely, and other platforms are never suggested', () => {
      assert.deepEqual(one(media('微信公众号', '三亚')).outcome, { status: 'unregistered' });
      assert.deepEqual(one(media('快手', '海南省卫健委')).outcome, { status: 'unregistered' });
    });
  });

  describe('status', () => {
    it('filed as closed or deregistered but active', () => {
      const r = one(media('今日头条号', '海南司法行政在線'));
      assert.equal(r.outcome.status, 'closed-but-active');
      assert.equal(r.outcome.row?.values.status, '已关停');
    });
    it('found closed: a closed filing is consistent, and no filing is needed', () => {
      assert.equal(one(media('抖音', '定安县融媒体中心', { status: '已关停' })).outcome.status, 'matched');
      assert.deepEqual(one(media('抖音', '不存在的账号号', { status: '已关停' })).outcome, { status: 'not-applicable' });
    });
    it('a running filing wins over a closed duplicate, which is reported', () => {
      const r = one(media('微信公众号', '三亚发布', { accountId: 'syfb' }));
      assert.equal(r.outcome.status, 'matched');
      assert.equal(r.outcome.row?.row, 9);
      assert.deepEqual(r.issues.map((i) => [i.code, 'others' in i ? i.others.map((o) => (typeof o === 'string' ? o : o.row)) : []]), [['REG-DUPLICATE-ROW', [10]]]);
    });
    it('without a registry of its kind a record is not applicable', async () => {
      const onlyMedia = new RegistryIndex(index.media, undefined);
      assert.deepEqual(reconcileRecord(onlyMedia, site('海南司法行政网')).outcome, { status: 'not-applicable' });
    });
  });

  describe('websites', () => {
    it('match on 网站标识码', () => {
      const r = one(site('海南司法行政网站', { siteCode: '4600000012' }));
      assert.deepEqual([r.outcome.status, r.via, r.issues], ['matched', 'siteCode', []]);
    });
    it('an unknown code on a site found by address gets the filed code as the fix', () => {
      const r = one(site('海南省林业局', { siteCode: '4600009999', url: 'https://www.hainan.gov.cn/hainan/lyj/index.html' }));
      assert.equal(r.via, 'url');
      assert.deepEqual(r.issues.map((i) => [i.code, 'suggestion' in i ? i.suggestion : undefined]), [['REG-SITECODE-UNKNOWN', '4600000020']]);
    });
    it('a malformed code is reported and matching goes on by address', () => {
      const r = one(site('海口市教育局网站', { siteCode: '46010003', url: 'http://edu.haikou.gov.cn' }));
      assert.equal(r.via, 'url');
      assert.deepEqual(r.issues.map((i) => i.code), ['REG-SITECODE-MALFORMED']);
    });
    it('a shared host (集约化 platform) does not identify a site; the name still does', () => {
      const r = one(site('海南省水务厅', { url: 'http://www.hainan.gov.cn/' }));
      assert.equal(r.via, 'name');
      assert.equal(r.outcome.row?.values.siteCode, '4600000021');
    });
    it('an unknown site is unregistered, a closed one still running is flagged, one that never answered is not', () => {
      assert.deepEqual(one(site('海南省不存在厅')).outcome, { status: 'unregistered' });
      assert.equal(one(site('海南省旧网站', { siteCode: '4600000099' })).outcome.status, 'closed-but-active');
      assert.equal(one(site('海南省旧网站', { siteCode: '4600000099', availability: { probes: 10, failures: 10 } })).outcome.status, 'matched');
    });
  });

  describe('duplicate filings', () => {
    it('groups rows filing one account or site twice, and keeps accounts of one name with different IDs apart', () => {
      const ref = (row: number, values: Record<string, string>): RegistryRowRef => ({ file: 'r.csv', row, values });
      const rows = [
        ref(2, { platform: '微信公众号', name: '三亚发布', accountId: 'syfb' }),
        ref(3, { platform: '微信公众号', name: '三亚發布', accountId: 'SYFB' }),
        ref(4, { platform: '微信公众号', name: '三亚发布' }),
        ref(5, { platform: '新浪微博', name: '三亚发布', accountId: 'syfb' }),
        ref(6, { platform: '抖音', name: '同名', accountId: 'a' }),
        ref(7, { platform: '抖音', name: '同名', accountId: 'b' }),
        ref(8, { siteCode: '4600000012', name: '海南司法行政网', url: 'http://justice.hainan.gov.cn' }),
        ref(9, { siteCode: '4600000013', name: '海南司法行政网（旧）', url: 'http://www.justice.hainan.gov.cn/index.html' }),
        ref(10, { siteCode: '4600000020', name: '海南省林业局' }),
      ];
      assert.deepEqual(duplicateFilings(rows).map((g) => g.map((r) => r.row)), [[2, 3, 4], [8, 9]]);
      assert.deepEqual(duplicateFilings(rows.slice(4, 7)), []);
    });
  });

  describe('duplicates among records', () => {
    it('two records of one account (same ID, or same row) name each other; same name with other IDs does not', () => {
      const records = [
        { file: 'a.yaml', record: media('微信公众号', '儋州教育', { accountId: 'dzjy0898' }) },
        { file: 'b.yaml', record: media('微信公众号', '“儋州教育”', { accountId: 'DZJY0898' }) },
        { file: 'c.yaml', record: media('新浪微博', '省司法厅') },
        { file: 'd.yaml', record: media('新浪微博', '海南省司法厅') },
        { file: 'e.yaml', record: media('快手', '同名账号', { accountId: 'k1' }) },
        { file: 'f.yaml', record: media('快手', '同名账号', { accountId: 'k2' }) },
      ];
      const results = reconcile(index, records);
      const dup = results.map((r) => r.issues.filter((i) => i.code === 'REG-DUPLICATE-RECORD').map((i) => ('others' in i ? i.others : [])));
      assert.deepEqual(dup, [[['b.yaml']], [['a.yaml']], [['d.yaml']], [['c.yaml']], [], []]);
    });
  });

  describe('counts', () => {
    it('population from the registry (running rows, each account once) or from the campaign; unregistered accounts and their failures', () => {
      const records = [
        media('抖音', '儋州新闻', { accountId: 'x1' }),
        media('抖音', '儋州新闻', { accountId: 'x1' }),
        media('快手', '定安发布'),
        media('微信公众号', '儋州教育', { accountId: 'dzjy0898' }),
        site('海南省不存在厅'),
      ];
      const outcomes = records.map((record) => ({ record, outcome: reconcileRecord(index, record).outcome }));
      const failing = (r: InspectionRecord): boolean => r.name === '儋州新闻';
      const counts = registryCounts(index, outcomes, { websites: 120 }, failing);
      // media rows running: 1,3,4,5,6,7,8,11 (9 is a closed duplicate of 8) → 8; websites 4 running
      assert.deepEqual(counts.media, { population: 8, populationSource: 'registry', registryRunning: 8, matched: 1, closedActive: 0, nearMiss: 0, unregistered: 2, unregisteredFailing: 1 });
      assert.deepEqual(counts.websites, { population: 120, populationSource: 'campaign', registryRunning: 4, matched: 0, closedActive: 0, nearMiss: 0, unregistered: 1, unregisteredFailing: 0 });
      assert.equal(registryCounts(undefined, outcomes, undefined).media.population, null);
      assert.equal(registryCounts(index, outcomes, undefined).media.unregisteredFailing, null);
    });
  });

  describe('near-miss search', () => {
    it('boundedEditDistance agrees with Levenshtein up to the bound', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '海', '南'), maxLength: 9 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '海', '南'), maxLength: 9 }), fc.integer({ min: 0, max: 3 }), (a, b, k) => {
          const d = levenshtein(a, b);
          assert.equal(boundedEditDistance(a, b, k), d <= k ? d : k + 1);
        }),
        { numRuns: 500 },
      );
    });
    it('finds exactly the keys within k edits (q-gram candidates lose none)', () => {
      const unit = fc.constantFrom('海', '南', '省', '司', '法', '厅', 'a');
      fc.assert(
        fc.property(fc.array(fc.string({ unit, minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }), fc.string({ unit, minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 2 }), (keys, query, k) => {
          const found = new NearKeyIndex(keys).search(query, { maxDistance: k, maxScan: 1e9 }).map((h) => h.item).sort((x, y) => x - y);
          const expected = keys.map((key, i) => [key, i] as const).filter(([key]) => levenshtein(query, key) <= k).map(([, i]) => i);
          assert.deepEqual(found, expected);
        }),
        { numRuns: 300 },
      );
    });
    it('within a group, finds exactly the keys of that group or of none', () => {
      const unit = fc.constantFrom('海', '南', '省', '司', '法', 'a');
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.string({ unit, minLength: 1, maxLength: 7 }), fc.integer({ min: -1, max: 2 })), { minLength: 1, maxLength: 40 }),
          fc.string({ unit, minLength: 1, maxLength: 7 }),
          fc.integer({ min: -1, max: 2 }),
          (entries, query, group) => {
            const keys = entries.map(([key]) => key);
            const groups = Int32Array.from(entries.map(([, g]) => g));
            const found = new NearKeyIndex(keys, groups).search(query, { maxDistance: 2, maxScan: 1e9, group }).map((h) => h.item).sort((x, y) => x - y);
            const expected = keys
              .map((key, i) => [key, i] as const)
              .filter(([key, i]) => levenshtein(query, key) <= 2 && (group < 0 || groups[i] < 0 || groups[i] === group))
              .map(([, i]) => i);
            assert.deepEqual(found, expected);
          },
        ),
        { numRuns: 300 },
      );
    });
    it('containment in both directions, bounded by length and share', () => {
      const keys = ['海南省司法厅', '司法厅', '海南省司法厅官方微博发布平台', '海南'];
      const hits = new NearKeyIndex(keys).search('海南省司法厅官方', { maxDistance: 0, containment: { minLength: 3, minRatio: 0.5 }, maxScan: 100 });
      assert.deepEqual(hits.map((h) => [keys[h.item], h.containment]), [['海南省司法厅', 'around'], ['海南省司法厅官方微博发布平台', 'inside']]);
    });
  });
});
