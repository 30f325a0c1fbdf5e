import { strict as assert } from 'node:assert';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { applyEdits, mediaRow, positionAfter, positionOf, profileOf, rule, setup, TODAY, type FakeCampaign } from './service-helpers';

function complete(text: string, at: { line: number; character: number }, c: FakeCampaign = {}, locale: 'zh-cn' | 'en' = 'zh-cn') {
  const f = setup(text, c, locale);
  return f.service.doComplete(f.ctx, at);
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

/** The document after choosing an item: its main edit and its additional edits. */
function choose(text: string, item: CompletionItem): string {
  return applyEdits(text, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);
}

describe('service: completion', () => {
  it('offers the keys not yet present, required ones first, with their Chinese titles', () => {
    const text = 'kind: media\nname: 儋州教育\n\n';
    const list = complete(text, positionAfter(text, '儋州教育\n'));
    const names = labels(list.items);
    assert.ok(!names.includes('kind') && !names.includes('name'));
    const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 2), ['platform', 'checkDate']);
    const accountId = list.items.find((i) => i.label === 'accountId')!;
    assert.equal(accountId.detail, '账号ID');
    assert.equal(choose(text, accountId), 'kind: media\nname: 儋州教育\naccountId: \n');
  });

  it('a key whose value is a mapping or a list of mappings opens it on the next line', () => {
    const text = 'kind: media\nname: 儋州教育\nserv';
    const list = complete(text, positionAfter(text, 'serv'));
    assert.equal(choose(text, list.items.find((i) => i.label === 'serviceMenu')!), 'kind: media\nname: 儋州教育\nserviceMenu:\n  ');
    assert.equal(choose(text, list.items.find((i) => i.label === 'findings')!), 'kind: media\nname: 儋州教育\nfindings:\n  - ');
  });

  it('keys of a nested mapping', () => {
    const text = 'kind: media\nserviceMenu:\n  links: 6\n  \n';
    const list = complete(text, positionAfter(text, 'links: 6\n  '));
    assert.deepEqual(labels(list.items), ['broken']);
  });

  it('allowed values with their field title', () => {
    const text = 'kind: media\nplatform: \n';
    const list = complete(text, positionAfter(text, 'platform: '));
    assert.equal(list.items.length, 15);
    assert.equal(list.items[0].label, '微信公众号');
    assert.equal(list.items[0].detail, '平台');
  });

  it('replaces the whole value being edited', () => {
    const text = 'kind: media\nplatform: 微信\n';
    const item = complete(text, positionAfter(text, '微信')).items.find((i) => i.label === '微信视频号')!;
    assert.equal(choose(text, item), 'kind: media\nplatform: 微信视频号\n');
  });

  it('booleans as 是/否', () => {
    const text = 'kind: media\ncommercialLinks: \n';
    const list = complete(text, positionAfter(text, 'commercialLinks: '));
    assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [['true', '是'], ['false', '否']]);
  });

  it('dates: the record\'s check date and today', () => {
    const text = 'kind: media\ncheckDate: 2021-06-16\nlastPost: \n';
    const list = complete(text, positionAfter(text, 'lastPost: '));
    assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [['2021-06-16', '本记录的检查日期'], [TODAY, '今天']]);
    const own = 'kind: media\ncheckDate: \n';
    assert.deepEqual(labels(complete(own, positionAfter(own, 'checkDate: ')).items), [TODAY]);
  });

  it('indicator ids of the record\'s kind in findings', () => {
    const text = 'kind: media\nfindings:\n  - indicator: \n';
    const profile = profileOf([rule('W-V1', '安全、泄密事故等严重问题', 'Security'), rule('M-V1', '安全、泄密事故等严重问题', 'Security'), rule('M-V2', '内容不更新', 'No updates')]);
    const list = complete(text, positionAfter(text, 'indicator: '), { profile });
    assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [['M-V1', '安全、泄密事故等严重问题'], ['M-V2', '内容不更新']]);
  });

  it('the kinds a file can have', () => {
    const text = 'kind: \n';
    const names = labels(complete(text, positionAfter(text, 'kind: ')).items);
    assert.ok(names.includes('website') && names.includes('media') && names.includes('campaign'), names.join());
  });

  it('only `kind` at the top of a file that has none yet', () => {
    const text = 'na';
    assert.deepEqual(labels(complete(text, positionAfter(text, 'na')).items), ['kind']);
  });

  describe('registry entries', () => {
    const rows = [
      mediaRow(2, { platform: '微信公众号', name: '儋州教育', accountId: 'dzjy0898', sponsor: '儋州市教育局', region: '儋州市' }),
      mediaRow(3, { platform: '抖音', name: '儋州教育发布', accountId: 'dz_edu', sponsor: '儋州市教育局', region: '儋州市' }),
      mediaRow(4, { platform: '微信公众号', name: '定安发布', accountId: 'dafb', sponsor: '定安县融媒体中心', region: '定安县' }),
    ];

    it('by name, of the record\'s platform only; choosing one fills its id, sponsor and region', () => {
      const text = 'kind: media\nplatform: 微信公众号\nname: 儋州\ncheckDate: 2021-06-16\n';
      const list = complete(text, positionAfter(text, 'name: 儋州'), { rows });
      assert.deepEqual(labels(list.items), ['儋州教育']);
      assert.equal(list.items[0].detail, '微信公众号 · dzjy0898 · 儋州市教育局 · 儋州市');
      assert.equal(
        choose(text, list.items[0]),
        'kind: media\nplatform: 微信公众号\nname: 儋州教育\ncheckDate: 2021-06-16\naccountId: dzjy0898\nsponsor: 儋州市教育局\nregion: 儋州市\n',
      );
    });

    it('by account id, filling the platform and name too', () => {
      const text = 'kind: media\naccountId: dz_\n';
      const list = complete(text, positionAfter(text, 'dz_'), { rows });
      assert.deepEqual(labels(list.items), ['dz_edu']);
      assert.equal(choose(text, list.items[0]), 'kind: media\naccountId: dz_edu\nplatform: 抖音\nname: 儋州教育发布\nsponsor: 儋州市教育局\nregion: 儋州市\n');
    });

    it('corrects the fields that differ and leaves equal ones alone', () => {
      const text = 'kind: media\nplatform: 微信公众号\nname: 定安\nsponsor: 定安县委宣传部\nregion: 定安县\n';
      const item = complete(text, positionAfter(text, 'name: 定安'), { rows }).items[0];
      assert.equal(choose(text, item), 'kind: media\nplatform: 微信公众号\nname: 定安发布\nsponsor: 定安县融媒体中心\nregion: 定安县\naccountId: dafb\n');
    });

    it('is capped and marked incomplete beyond the limit', () => {
      const many = Array.from({ length: 5 }, (_, i) => mediaRow(i + 2, { platform: '抖音', name: `账号${i}`, accountId: `a${i}` }));
      const text = 'kind: media\nname: 账号\n';
      const f = setup(text, { rows: many }, 'zh-cn', { maxRegistryItems: 3 });
      const list = f.service.doComplete(f.ctx, positionAfter(text, 'name: 账号'));
      assert.equal(list.items.length, 3);
      assert.equal(list.isIncomplete, true);
    });
  });

  it('nothing in a comment', () => {
    const text = 'kind: media # 新媒体\n';
    assert.deepEqual(complete(text, positionOf(text, '新媒体', 1)).items, []);
  });
});
