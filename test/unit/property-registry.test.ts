// Property-based tests of registry normalisation and matching: normalising twice changes nothing,
// an account is never matched (nor suggested) on another platform, a matched row really is the
// record's (same platform, and same ID or same name), and reconciliation never throws on any record.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { PLATFORMS, type InspectionRecord, type MediaRecord, type Platform } from '../../server/src/core/model';
import { importRegistry } from '../../server/src/core/registry/importRegistry';
import { canonicalPlatform, normaliseAccountId, normaliseSiteCode, normaliseText } from '../../server/src/core/registry/normalise';
import { reconcileRecord } from '../../server/src/core/registry/reconcile';
import { RegistryIndex } from '../../server/src/core/registry/registryIndex';
import type { RegistryTable } from '../../server/src/core/registry/registryTypes';
import { anyRecord, anyText } from './support/recordArbitraries';
import { runs, seed } from './support/propertyRuns';

const MEDIA_HEADER = '序号,地区,平台,账号名称,账号ID,主办单位,状态';
const SITE_HEADER = '网站标识码,网站名称,首页地址,主办单位,地区,层级,网站类型,状态';

/** Names built from a few syllables, so that rows share, contain and nearly match each other's names. */
const nameArb = fc
  .array(fc.constantFrom('海南', '儋州', '定安', '海口', '省', '市', '县', '教育', '司法', '发布', '融媒', '局', '厅', '中心', '（', '）', ' ', '·'), { minLength: 1, maxLength: 5 })
  .map((p) => p.join(''));
const idArb = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/), fc.constantFrom('dzjy0898', 'DZJY0898', '@dzjy0898', 'dzjy 0898'));
const platformArb = fc.constantFrom(...PLATFORMS);
const regionArb = fc.constantFrom('省直', '儋州市', '定安县', '海口市');

const mediaRowArb = fc.record({ platform: platformArb, name: nameArb, id: idArb, region: regionArb, state: fc.constantFrom('正常', '关停', '注销', '') });

/** A CSV field, quoted when needed. */
function csv(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function mediaTable(rows: { platform: string; name: string; id: string; region: string; state: string }[]): Promise<RegistryTable> {
  const lines = rows.map((r, i) => [String(i + 1), r.region, r.platform, r.name, r.id, `${r.region}某单位`, r.state].map(csv).join(','));
  const imported = await importRegistry(Buffer.from([MEDIA_HEADER, ...lines].join('\n')), { kind: 'media', file: 'registry/media.csv' });
  return { kind: 'media', rows: imported.rows, files: ['registry/media.csv'] };
}

describe('property: registry normalisation and matching', function () {
  this.timeout(120000);

  it('normalisation is idempotent on any text (names, account IDs, site codes)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, nameArb, idArb), (s) => {
        const n = normaliseText(s);
        assert.equal(normaliseText(n), n);
        const id = normaliseAccountId(s);
        assert.equal(normaliseAccountId(id), id);
        const code = normaliseSiteCode(s);
        assert.equal(normaliseSiteCode(code), code);
      }),
      { numRuns: runs(500), seed: seed() },
    );
  });

  it('every platform names itself, whatever the width, spaces or case it is written in', () => {
    for (const p of PLATFORMS) {
      assert.equal(canonicalPlatform(p), p);
      assert.equal(canonicalPlatform(` ${p.normalize('NFKD')} `), p);
    }
  });

  it('a media record is matched and suggested only within its own platform, and only to its own row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mediaRowArb, { minLength: 1, maxLength: 25 }),
        fc.record({ platform: platformArb, name: nameArb, id: idArb, region: regionArb }),
        async (rows, q) => {
          const index = new RegistryIndex(await mediaTable(rows), undefined);
          const query = { platform: q.platform as Platform, name: q.name, accountId: q.id || undefined, region: q.region };
          const result = index.matchMedia(query);
          if (result.row) {
            assert.equal(result.row.platform, q.platform, 'matched across platforms');
            const v = result.row.ref.values;
            if (result.via === 'id') assert.equal(normaliseAccountId(v.accountId ?? ''), normaliseAccountId(q.id));
            if (result.via === 'name') assert.equal(normaliseText(v.name ?? ''), normaliseText(q.name));
          }
          for (const s of result.suggestions) assert.equal(s.row.platform, q.platform, 'suggested across platforms');
          // the same account on another platform is never this record's row
          const record: MediaRecord = { kind: 'media', platform: q.platform as Platform, name: q.name, checkDate: '2021-06-15', ...(q.id ? { accountId: q.id } : {}) };
          const rec = reconcileRecord(index, record);
          if (rec.outcome.row) assert.equal(canonicalPlatform(rec.outcome.row.values.platform ?? ''), q.platform);
          for (const s of rec.outcome.suggestions ?? []) assert.equal(canonicalPlatform(s.values.platform ?? ''), q.platform);
        },
      ),
      { numRuns: runs(150), seed: seed() },
    );
  });

  it('reconciliation never throws on any record, against media and website registries', async () => {
    const media = await mediaTable([
      { platform: '微信公众号', name: '儋州教育', id: 'dzjy0898', region: '儋州市', state: '正常' },
      { platform: '抖音', name: '定安发布', id: 'dingan_fb', region: '定安县', state: '关停' },
    ]);
    const site = await importRegistry(
      Buffer.from([SITE_HEADER, '4600000012,海南司法行政网,http://justice.hainan.gov.cn,海南省司法厅,省直,省级,部门网站,正常'].join('\n')),
      { kind: 'website', file: 'registry/websites.csv' },
    );
    const index = new RegistryIndex(media, { kind: 'website', rows: site.rows, files: ['registry/websites.csv'] });
    fc.assert(
      fc.property(anyRecord, (record) => {
        // the workspace reconciles records that have a text name; the rest of the record may be anything
        const r = { ...record, name: typeof record.name === 'string' ? record.name : '定安发布' } as unknown as InspectionRecord;
        const rec = reconcileRecord(index, r);
        assert.ok(['matched', 'unregistered', 'near-miss', 'closed-but-active', 'not-applicable'].includes(rec.outcome.status), rec.outcome.status);
      }),
      { numRuns: runs(300), seed: seed() },
    );
  });
});
