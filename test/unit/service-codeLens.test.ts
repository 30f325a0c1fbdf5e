import { strict as assert } from 'node:assert';
import type { RecordResult } from '../../server/src/core/model';
import { mediaRow, positionOf, profileOf, rule, setup, type FakeCampaign } from './service-helpers';

const text = '# 儋州教育\nkind: media\nplatform: 微信公众号\nname: 儋州教育\ncheckDate: 2021-06-16\n';
const titles = (c: FakeCampaign, locale: 'zh-cn' | 'en' = 'zh-cn'): string[] => {
  const f = setup(text, c, locale);
  return f.service.getCodeLenses(f.ctx).map((l) => l.command!.title);
};
const failing: RecordResult = {
  verdict: 'fail',
  reasons: [],
  score: null,
  hits: [
    { ruleId: 'M-V2', kind: 'veto', path: ['lastPost'], message: '', evidence: {} },
    { ruleId: 'M-W1', kind: 'warning', path: ['commercialLinks'], message: '', evidence: {} },
  ],
};

describe('service: code lens', () => {
  it('sits on the kind line', () => {
    const f = setup(text, { result: { verdict: 'pass', reasons: [], hits: [], score: null } });
    const [lens] = f.service.getCodeLenses(f.ctx);
    assert.deepEqual(lens.range.start, positionOf(text, 'kind'));
  });

  it('says the verdict, the vetoes hit, the score and the registry status', () => {
    const profile = profileOf([rule('M-V2', '内容不更新', 'No updates')]);
    assert.deepEqual(titles({ result: failing, profile, registry: { status: 'unregistered' } }), ['✗ 不合格：M-V2 内容不更新', '登记系统：未登记（漏报）']);
    assert.deepEqual(titles({ result: { verdict: 'pass', reasons: [], hits: [], score: 86 }, registry: { status: 'matched', row: mediaRow(2, {}) } }), [
      '✓ 合格',
      '得分 86',
      '登记系统：已登记（registry/media.csv 第2行）',
    ]);
    assert.deepEqual(titles({ result: { verdict: 'undetermined', reasons: ['缺少最近发布日期'], hits: [], score: null } }, 'en'), ['? Undetermined: 缺少最近发布日期']);
  });

  it('nothing before rules have run, nor on files that are not records', () => {
    assert.deepEqual(titles({}), []);
    const f = setup('kind: campaign\nissuer: 海南省\n', { result: failing });
    assert.deepEqual(f.service.getCodeLenses(f.ctx), []);
  });
});
