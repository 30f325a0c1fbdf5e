import { strict as assert } from 'node:assert';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import { resolveSettings, type BulletinSettings } from '../../server/src/core/bulletin/settings';
import { campaign, many, media, veto, website } from './support/bulletinCampaign';

function settings(over: Record<string, unknown> = {}): BulletinSettings {
  return resolveSettings(over);
}

describe('bulletin aggregation', () => {
  it('counts population, checked, failures, rates and unregistered accounts', () => {
    const records = [
      ...many(9, (i) => website(`测试网站${i}`, `46000000${String(i).padStart(2, '0')}`)),
      website('失败网站', '4600000099', { hits: [veto('W-V2')] }),
      ...many(7, (i) => media('微信公众号', `账号${i}`)),
      media('抖音', '失败账号', { hits: [veto('M-V2', { lastPost: '2021-05-01' })] }),
      // found in the wild: not in the checked base, counted as unregistered
      media('微信公众号', '库外一', { source: '库外发现', registry: 'unregistered', hits: [veto('M-V2')] }),
      media('微信公众号', '库外二', { source: '库外发现', registry: 'unregistered' }),
      // a near miss counts as unregistered only when the settings say so
      media('新浪微博', '近似', { source: '库外发现', registry: 'near-miss' }),
    ];
    const c = campaign(records, { population: { websites: 10, media: 24 } });
    const m = aggregateCampaign(c, settings());
    // the same wild account recorded twice (once more, failing) is one unregistered account
    const twice = aggregateCampaign(
      campaign([...records, media('微信公众号', '库外二', { source: '库外发现', registry: 'unregistered', hits: [veto('M-V2')] })], { population: c.population }),
      settings(),
    );
    assert.deepEqual([twice.media.unregistered, twice.media.unregisteredFailed], [2, 2]);
    assert.deepEqual(
      [m.websites.population, m.websites.checked, m.websites.failed, m.websites.samplingRatio?.text, m.websites.passRate?.text, m.websites.fullSample],
      [10, 10, 1, '100', '90.0', true],
    );
    // 8 of 24 = 33.33 % → 33 at 0 decimals; 7/8 = 87.5 %
    assert.deepEqual([m.media.checked, m.media.failed, m.media.samplingRatio?.text, m.media.passRate?.text, m.media.fullSample], [8, 1, '33', '87.5', false]);
    assert.deepEqual([m.media.unregistered, m.media.unregisteredFailed], [2, 1]);
    const withNearMiss = aggregateCampaign(c, settings({ unregisteredStatuses: ['unregistered', 'near-miss'] }));
    assert.equal(withNearMiss.media.unregistered, 3);
  });

  it('checks that breakdowns add up to the totals and reports those that do not', () => {
    const records = [
      media('微信公众号', 'A', { region: '儋州市', ownerLevel: '县级', hits: [veto('M-V3')] }),
      media('新浪微博', 'B', { region: '儋州市', ownerLevel: '县级' }),
      media('抖音', 'C', { region: '定安县', ownerLevel: '县级' }),
      // no region and an owner level the groups below do not place
      media('微信公众号', 'D', { region: '', ownerLevel: '乡镇级', hits: [veto('M-V2')] }),
    ];
    const m = aggregateCampaign(campaign(records), settings({ ownerLevelGroups: { 省直: ['省级'], 市县: ['市级', '县级'] } }));
    const by = Object.fromEntries(m.media.breakdowns.map((b) => [b.by, b]));
    assert.deepEqual(
      by.platform.rows.map((r) => [r.key, r.checked, r.failed, r.passRate?.text]),
      [
        ['微信公众号', 2, 2, '0.0'],
        ['新浪微博', 1, 0, '100'],
        ['抖音', 1, 0, '100'],
      ],
    );
    assert.equal(by.platform.matches, true);
    assert.deepEqual([by.region.checkedSum, by.region.failedSum, by.region.unassigned], [3, 1, { checked: 1, failed: 1 }]);
    assert.equal(by.region.matches, false);
    assert.equal(by.ownerLevel.matches, true);
    assert.equal(by.ownerGroup.matches, false);
    assert.deepEqual(
      m.sumMismatches.filter((x) => x.kind === 'media'),
      [
        { kind: 'media', by: 'region', checked: { sum: 3, total: 4 }, failed: { sum: 1, total: 2 } },
        { kind: 'media', by: 'ownerGroup', checked: { sum: 3, total: 4 }, failed: { sum: 1, total: 2 } },
      ],
    );
  });

  it('calls out regions whose failures plus unregistered reach the threshold, counting each record once', () => {
    const records = [
      ...many(9, (i) => media('微信公众号', `儋州不合格${i}`, { region: '儋州市', hits: [veto('M-V2')] })),
      ...many(45, (i) => media('抖音', `儋州漏报${i}`, { region: '儋州市', source: '库外发现', registry: 'unregistered', hits: i < 27 ? [veto('M-V2')] : [] })),
      ...many(19, (i) => media('微信公众号', `定安漏报${i}`, { region: '定安县', source: '库外发现', registry: 'unregistered', hits: i < 13 ? [veto('M-V2')] : [] })),
      // sampled, failing and unregistered at once: one record, counted once in the total
      media('新浪微博', '琼海双重', { region: '琼海市', registry: 'unregistered', hits: [veto('M-V2')] }),
      ...many(13, (i) => media('微信公众号', `琼海不合格${i}`, { region: '琼海市', hits: [veto('M-V3')] })),
      ...many(3, (i) => media('微信公众号', `三亚不合格${i}`, { region: '三亚市', hits: [veto('M-V3')] })),
    ];
    const m = aggregateCampaign(campaign(records), settings({ callouts: { threshold: 15 } }));
    assert.deepEqual(
      m.callouts.map((c) => [c.region, c.total, c.failed, c.unregistered, c.unregisteredFailed]),
      [
        ['儋州市', 54, 9, 45, 27],
        ['定安县', 19, 0, 19, 13],
      ],
    );
    // 琼海 has 14 failures and 1 unregistered, but it is one record: 14 < 15
    const lower = aggregateCampaign(campaign(records), settings({ callouts: { threshold: 14 } }));
    assert.deepEqual(
      lower.callouts.map((c) => [c.region, c.total]),
      [
        ['儋州市', 54],
        ['定安县', 19],
        ['琼海市', 14],
      ],
    );
  });

  it('re-checks the previous campaign and names what still fails', () => {
    const previous = campaign(
      [
        media('微信公众号', '儋州教育', { region: '儋州市', hits: [veto('M-W1')], extra: { accountId: 'dzjy0898' } }),
        media('微信公众号', '已整改', { hits: [veto('M-V2')], extra: { accountId: 'yzg01' } }),
        media('新浪微博', '未复查', { hits: [veto('M-V2')] }),
        // renamed since, found again by its site code
        website('旧名网站', '4600000050', { hits: [veto('W-V3')] }),
        media('微信公众号', '上期合格', {}),
      ],
      { config: { period: { year: 2021, quarter: 1 } }, population: { websites: 1, media: 4 } },
    );
    const now = campaign(
      [
        // the name written with a full-width space and quotes: still the same account
        media('微信公众号', '“儋州\u3000教育”', { region: '儋州市', hits: [veto('M-V3')] }),
        // renamed, found again by its account ID
        media('微信公众号', '已整改新名', { extra: { accountId: 'yzg01' } }),
        website('新名网站', '4600000050', { hits: [veto('W-V4')] }),
        // same name on another platform is another account
        media('抖音', '未复查', {}),
        media('微信公众号', '上期合格', {}),
      ],
      { previous, population: { websites: 1, media: 4 } },
    );
    const m = aggregateCampaign(now, settings());
    assert.ok(m.recheck);
    assert.deepEqual(m.recheck.previousPeriod, { year: 2021, quarter: 1 });
    assert.deepEqual(m.recheck.media.previousFailed.map((e) => e.name), ['儋州教育', '已整改', '未复查']);
    assert.deepEqual(m.recheck.media.stillFailing.map((e) => e.name), ['“儋州\u3000教育”']);
    assert.deepEqual(m.recheck.media.fixed.map((e) => e.name), ['已整改新名']);
    assert.deepEqual(m.recheck.media.notRechecked.map((e) => e.name), ['未复查']);
    assert.deepEqual(m.recheck.websites.stillFailing.map((e) => e.name), ['新名网站']);
    assert.deepEqual(
      m.repeatOffences.map((r) => [r.entry.entity.name, r.previous.entity.name]),
      [
        ['“儋州\u3000教育”', '儋州教育'],
        ['新名网站', '旧名网站'],
      ],
    );
  });

  it('states the change against the previous period in percentage points', () => {
    // previous: 37 of 40 pass = 92.5 %; now 109 of 115 = 94.8 % (printed) → up 2.3 points
    const prev = campaign([...many(37, (i) => website(`网${i}`, `46000001${String(i).padStart(2, '0')}`)), ...many(3, (i) => website(`坏${i}`, `46000002${i}`, { hits: [veto('W-V2')] }))], {
      config: { period: { year: 2021, quarter: 1 } },
    });
    const now = campaign([...many(109, (i) => website(`今${i}`, `4600003${String(i).padStart(3, '0')}`)), ...many(6, (i) => website(`今坏${i}`, `46000040${i}`, { hits: [veto('W-V4')] }))], {
      previous: prev,
    });
    const withBaseline = { changes: { baselines: [{ name: '上季度' }] } };
    const m = aggregateCampaign(now, settings(withBaseline));
    assert.deepEqual([m.websites.change?.direction, m.websites.change?.points.text, m.websites.change?.previousRate.text], ['up', '2.3', '92.5']);
    // the other way round it is a fall
    const back = aggregateCampaign(campaign(prev.records, { previous: campaign(now.records) }), settings(withBaseline));
    assert.deepEqual([back.websites.change?.direction, back.websites.change?.points.text], ['down', '-2.3']);
    // printed basis: 94.8 − 92.5 = 2.3; exact basis: 94.7826… − 92.5 = 2.2826… → 2.28 at 2 decimals
    const exact = aggregateCampaign(now, settings({ changes: { basis: 'exact', baselines: [{ name: '上季度' }] }, precision: { change: 2 } }));
    assert.equal(exact.websites.change?.points.text, '2.28');
  });

  it('fills the attachment lists with the configured columns', () => {
    const records = [
      website('海南司法行政网', '4600000012', { sponsor: '海南省司法厅', hits: [veto('W-V4')], problem: '解读回应栏目更新不及时' }),
      website('合格网站', '4600000013'),
      media('微信公众号', '儋州教育', { region: '儋州市', sponsor: '儋州市教育局', hits: [veto('M-V3')], extra: { accountId: 'dzjy0898' } }),
      media('抖音', '库外账号', { region: '定安县', sponsor: '定安县某局', source: '库外发现', registry: 'unregistered', hits: [veto('M-V2', { lastPost: '2020-03-02' })], checkDate: '2021-06-15' }),
    ];
    const m = aggregateCampaign(campaign(records), settings());
    assert.deepEqual(
      m.attachments.map((a) => [a.label, a.title, a.columns.map((c) => c.header), a.rows]),
      [
        ['附件1', '2021年第二季度抽查发现存在突出问题的政府网站名单', ['序号', '地区', '主办单位', '网站名称', '网站标识码', '问题描述'], [['1', '省直', '海南省司法厅', '海南司法行政网', '4600000012', '解读回应栏目更新不及时']]],
        ['附件2', '2021年第二季度抽查发现存在突出问题的政务新媒体名单', ['序号', '地区', '主办单位', '平台', '账号名称', '问题描述'], [['1', '儋州市', '儋州市教育局', '微信公众号', '儋州教育', '未提供有效互动功能']]],
        [
          '附件3',
          '2021年第二季度漏报的政务新媒体名单',
          ['序号', '地区', '主办单位', '平台', '账号名称', '账号ID', '内容保障', '问题描述'],
          [['1', '定安县', '定安县某局', '抖音', '库外账号', '', '不合格', '未在“全国政务新媒体信息报送系统”中填报；自2020年3月以来内容长期不更新']],
        ],
      ],
    );
  });
});
