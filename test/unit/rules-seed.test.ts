// The sample campaign (samples/hainan-2021q2, built after the seed bulletin) judged by its own
// profile: the six websites the seed names fail, every other website passes, and the accounts the
// seed names fail for the reasons it gives (no interaction, all service links broken, not updated).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { evaluate, profile, REPO } from './rules-support';
import type { RecordEvaluation } from '../../server/src/core/rules/engine';

const CAMPAIGN = path.join(REPO, 'samples/hainan-2021q2');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [],
  );
}

interface Judged {
  record: { kind: string; name: string; platform?: string; sponsor?: string; source?: string; lastPost?: string };
  result: RecordEvaluation;
}

describe('rules: the sample campaign against the seed bulletin', () => {
  const config = parse(readFileSync(path.join(CAMPAIGN, 'campaign.yaml'), 'utf8')) as { profile: string };
  const p = profile(config.profile, CAMPAIGN);
  const judged = (folder: string): Judged[] =>
    yamlFiles(path.join(CAMPAIGN, folder)).map((f) => {
      const record = parse(readFileSync(f, 'utf8')) as Judged['record'];
      return { record, result: evaluate(record, p) };
    });
  const websites = judged('websites');
  const media = judged('media');
  const vetoes = (j: Judged) => j.result.hits.filter((h) => h.kind === 'veto').map((h) => h.ruleId);

  it('uses a local profile that extends the national one', () => {
    assert.deepEqual(p.chain.slice(-1), ['national-2019']);
  });

  it('the six websites the seed names fail on vetoes; the other 109 pass', () => {
    assert.equal(websites.length, 115);
    const failed = websites.filter((w) => w.result.verdict === 'fail');
    assert.deepEqual(
      failed.map((w) => w.record.name).sort(),
      ['海南农业信息网', '海南司法行政网', '海南省林业局', '海南省供销合作网', '海南省卫生健康委员会', '海口市教育局'].sort(),
    );
    for (const w of failed) assert.ok(vetoes(w).length > 0, w.record.name);
    assert.equal(websites.filter((w) => w.result.verdict === 'pass').length, 109);
  });

  it('the named accounts fail for the seed’s reasons', () => {
    const find = (name: string, platform: string) => {
      const hit = media.find((m) => m.record.name === name && m.record.platform === platform);
      assert.ok(hit, `${platform}“${name}”`);
      return hit;
    };
    // 未按要求开设有效的互动功能
    assert.deepEqual(vetoes(find('儋州教育', '微信公众号')), ['M-V3']);
    // 服务栏目链接全部失效 (a veto in the local profile)
    assert.deepEqual(vetoes(find('儋州市生态环境局', '微信公众号')), ['M-W3']);
    // 自2019年10月以来内容长期不更新
    for (const [name, platform] of [['海南省不动产登记', '微信公众号'], ['海南司法行政在线', '今日头条号']]) {
      const m = find(name, platform);
      assert.deepEqual(vetoes(m), ['M-V2']);
      assert.ok((m.record.lastPost ?? '') < '2019-11-01', name);
    }
    // 美兰监狱、海南省新康监狱 内容更新不及时
    for (const name of ['美兰监狱', '海南省新康监狱']) assert.ok(media.some((m) => m.record.name === name && vetoes(m).includes('M-V2')), name);
    // 临高县公安局开设的2个微信公众号均未提供有效互动功能
    const lingao = media.filter((m) => m.record.sponsor === '临高县公安局' && m.record.platform === '微信公众号');
    assert.equal(lingao.length, 2);
    for (const m of lingao) assert.ok(vetoes(m).includes('M-V3'), m.record.name);
  });

  it('34 sampled accounts and 40 unregistered ones fail, and no account is undetermined', () => {
    const failedSampled = media.filter((m) => m.record.source !== '库外发现' && m.result.verdict === 'fail');
    const failedWild = media.filter((m) => m.record.source === '库外发现' && m.result.verdict === 'fail');
    assert.equal(failedSampled.length, 34);
    assert.equal(failedWild.length, 40);
    assert.deepEqual(media.filter((m) => m.result.verdict === 'undetermined').map((m) => m.record.name), []);
  });
});
