// Registry diagnostics: stable codes, on the node of the fact, localised, with what a quick fix
// needs in `data` (the registry row, the replacement, the suggestions, the 补报 facts).
import { strict as assert } from 'node:assert';
import type { InspectionRecord } from '../../server/src/core/model';
import { importRegistry } from '../../server/src/core/registry/importRegistry';
import { reconcile } from '../../server/src/core/registry/reconcile';
import { registryDiagnostics, type RegistryDiagnosticData } from '../../server/src/core/registry/registryDiagnostics';
import { RegistryIndex } from '../../server/src/core/registry/registryIndex';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { rangeOfText } from './support/rangeOfText';

const MEDIA = [
  '序号,地区,平台,账号名称,账号ID,主办单位,运维单位,状态,报送日期',
  '1,儋州市,微信公众号,儋州教育,dzjy0898,儋州市教育局,,正常,',
  '2,省直,今日头条号,海南司法行政在线,hnsfxzzx,海南省司法厅,,已关停,',
  '3,省直,新浪微博,海南省卫生健康委,2712345678,海南省卫生健康委员会,,正常,',
  '4,三亚市,微信公众号,三亚发布,syfb,三亚市人民政府,,正常,',
  '5,三亚市,微信公众号,三亚发布,syfb,三亚市人民政府,,正常,',
].join('\n');
const SITES = [
  '网站标识码,网站名称,首页地址,主办单位,地区,层级,网站类型,状态',
  '4600000012,海南司法行政网,http://justice.hainan.gov.cn,海南省司法厅,省直,省级,部门网站,正常',
  '4600000020,海南省林业局,http://lyj.hainan.gov.cn,海南省林业局,省直,省级,部门网站,正常',
].join('\n');

describe('registry diagnostics', () => {
  let index: RegistryIndex;
  before(async () => {
    const m = await importRegistry(Buffer.from(MEDIA), { kind: 'media', file: 'registry/media.csv' });
    const w = await importRegistry(Buffer.from(SITES), { kind: 'website', file: 'registry/websites.csv' });
    assert.deepEqual([...m.problems, ...w.problems], []);
    index = new RegistryIndex({ kind: 'media', rows: m.rows, files: [] }, { kind: 'website', rows: w.rows, files: [] });
  });

  /** Reconciles the given documents together and returns each one's diagnostics. */
  function diagnose(texts: string[], locale: 'zh-cn' | 'en' = 'zh-cn') {
    const parsed = texts.map((t) => parseYaml(t));
    const results = reconcile(index, parsed.map((p, i) => ({ file: `r${i}.yaml`, record: p.value as InspectionRecord })));
    return parsed.map((p, i) => registryDiagnostics(p, p.value as InspectionRecord, results[i].outcome, results[i].issues, locale, results[i].reasons));
  }

  it('REG-UNREGISTERED on the name, with the facts of the 补报 entry', () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\nsponsor: 定安县人民政府办公室\nregion: 定安县\ncheckDate: 2021-06-18\n';
    const [d] = diagnose([text]);
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, rangeOfText(text, '定安发布'));
    assert.equal(d[0].code, 'REG-UNREGISTERED');
    assert.equal(d[0].severity, 2);
    assert.equal(d[0].source, 'registry');
    assert.equal(d[0].message, '抖音“定安发布”未在“全国政务新媒体信息报送系统”中登记（漏报），应补报。');
    assert.deepEqual(d[0].data, {
      code: 'REG-UNREGISTERED',
      supplement: { kind: 'media', platform: '抖音', name: '定安发布', accountId: undefined, sponsor: '定安县人民政府办公室', region: '定安县', checkDate: '2021-06-18' },
    });
    const [en] = diagnose([text], 'en');
    assert.equal(en[0].message, '抖音 "定安发布" is not filed in the national government new-media registry (全国政务新媒体信息报送系统) (unregistered); it must be filed.');
  });

  it('REG-NEAR-MISS says "did you mean" with the registry row and the edits that accept it', () => {
    const text = 'kind: media\nplatform: 新浪微博\nname: 海南省卫健委\ncheckDate: 2021-06-14\n';
    const [d] = diagnose([text]);
    assert.deepEqual(d.map((x) => x.code), ['REG-NEAR-MISS']);
    assert.deepEqual(d[0].range, rangeOfText(text, '海南省卫健委'));
    assert.equal(d[0].message, '“全国政务新媒体信息报送系统”中没有完全一致的新浪微博“海南省卫健委”，是否指：“海南省卫生健康委”（2712345678），registry/media.csv 第4行？');
    const data = d[0].data as RegistryDiagnosticData;
    assert.equal(data.row?.row, 4);
    assert.deepEqual(data.suggestions?.map((s) => [s.row.row, s.reason, s.fixes]), [
      [4, 'edit', [{ path: ['name'], value: '海南省卫生健康委' }, { path: ['accountId'], value: '2712345678' }]],
    ]);
  });

  it('a near miss on the account ID lands on accountId', () => {
    const text = 'kind: media\nplatform: 微信公众号\nname: 儋州教育\naccountId: gh_wrong\ncheckDate: 2021-06-14\n';
    const [d] = diagnose([text]);
    assert.deepEqual(d.map((x) => x.code), ['REG-NEAR-MISS']);
    assert.deepEqual(d[0].range, rangeOfText(text, 'gh_wrong'));
    assert.match(d[0].message, /^“全国政务新媒体信息报送系统”中有同名账号但账号ID不同，是否指：“儋州教育”（dzjy0898）/);
  });

  it('REG-CLOSED-ACTIVE names the filed status and row', () => {
    const text = 'kind: media\nplatform: 今日头条号\nname: 海南司法行政在线\ncheckDate: 2021-06-14\n';
    const [d] = diagnose([text]);
    assert.deepEqual(d.map((x) => [x.code, x.message]), [['REG-CLOSED-ACTIVE', '今日头条号“海南司法行政在线”在登记系统中状态为“已关停”（registry/media.csv 第3行），但检查时仍在运行。']]);
    assert.equal((d[0].data as RegistryDiagnosticData).row?.values.accountId, 'hnsfxzzx');
  });

  it('REG-NAME-MISMATCH and REG-SPONSOR-MISMATCH on their nodes, with the filed value as the fix', () => {
    const text = 'kind: media\nplatform: 微信公众号\nname: 儋州教育发布\naccountId: dzjy0898\nsponsor: 儋州市人民政府\ncheckDate: 2021-06-14\n';
    const [d] = diagnose([text]);
    assert.deepEqual(d.map((x) => [x.code, x.range]), [
      ['REG-NAME-MISMATCH', rangeOfText(text, '儋州教育发布')],
      ['REG-SPONSOR-MISMATCH', rangeOfText(text, '儋州市人民政府')],
    ]);
    assert.equal(d[0].message, '名称“儋州教育发布”与登记的“儋州教育”不一致（registry/media.csv 第2行），可能已更名而未变更登记。');
    assert.deepEqual((d[0].data as RegistryDiagnosticData).fixes, [{ path: ['name'], value: '儋州教育' }]);
    assert.deepEqual((d[1].data as RegistryDiagnosticData).fixes, [{ path: ['sponsor'], value: '儋州市教育局' }]);
  });

  it('REG-DUPLICATE-RECORD on each record, naming the other file', () => {
    const a = 'kind: media\nplatform: 微信公众号\nname: 儋州教育\naccountId: dzjy0898\ncheckDate: 2021-06-14\n';
    const b = 'kind: media\nplatform: 微信公众号\nname: 儋州教育\naccountId: DZJY0898\ncheckDate: 2021-06-15\n';
    const [da, db] = diagnose([a, b]);
    assert.deepEqual(da.map((x) => [x.code, x.range, x.message]), [['REG-DUPLICATE-RECORD', rangeOfText(a, 'dzjy0898'), '微信公众号“儋州教育”还有另一份检查记录：r1.yaml。同一账号应只有一份记录。']]);
    assert.deepEqual((db[0].data as RegistryDiagnosticData).otherFiles, ['r0.yaml']);
  });

  it('REG-DUPLICATE-ROW when the matched row is filed twice', () => {
    const text = 'kind: media\nplatform: 微信公众号\nname: 三亚发布\ncheckDate: 2021-06-14\n';
    const [d] = diagnose([text]);
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.message]), [['REG-DUPLICATE-ROW', 3, '“全国政务新媒体信息报送系统”中同一账号登记了多次：registry/media.csv 第5行、registry/media.csv 第6行。']]);
  });

  it('REG-SITECODE-MALFORMED and REG-SITECODE-UNKNOWN on siteCode; the filed code as the fix', () => {
    const bad = 'kind: website\nname: 海南司法行政网\nsiteCode: "46000000"\ncheckDate: 2021-06-14\n';
    const unknown = 'kind: website\nname: 海南省林业局网站\nsiteCode: "4600009999"\ncheckDate: 2021-06-14\n';
    const [d1, d2] = diagnose([bad, unknown]);
    assert.deepEqual(d1.map((x) => [x.code, x.range]), [['REG-SITECODE-MALFORMED', rangeOfText(bad, '"46000000"')]]);
    assert.deepEqual(d2.map((x) => [x.code, x.range, x.message]), [
      ['REG-SITECODE-UNKNOWN', rangeOfText(unknown, '"4600009999"'), '网站标识码“4600009999”不在“全国政府网站信息报送系统”中；该网站登记的标识码为“4600000020”（registry/websites.csv 第3行）。'],
    ]);
    assert.deepEqual((d2[0].data as RegistryDiagnosticData).fixes, [{ path: ['siteCode'], value: '4600000020' }]);
  });

  it('a matched record with nothing to say has no diagnostics', () => {
    const text = 'kind: website\nname: 海南司法行政网\nsiteCode: "4600000012"\nsponsor: 省司法厅\ncheckDate: 2021-06-14\n';
    assert.deepEqual(diagnose([text]), [[]]);
  });
});
