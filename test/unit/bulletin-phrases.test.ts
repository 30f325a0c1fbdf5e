// The phrase grammar of section 二, as a table: each rule × each name form × one, two and many
// names × each grouping, with the sentence a reader expects written out by hand. The records are
// built in memory (support/bulletinCampaign.ts): a veto hit with its condition, the bulletin's
// settings as a campaign would write them.
import { strict as assert } from 'node:assert';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { loadTemplate, resolveSettings } from '../../server/src/core/bulletin/settings';
import type { AnalysedRecord, Platform, RuleHit } from '../../server/src/core/model';
import { campaign, media, veto, website } from './support/bulletinCampaign';
import { grammarFaults } from './support/bulletinText';

const CITIES = ['甲县', '乙县', '丙县', '丁县', '戊县', '己县', '庚县', '辛县', '壬县', '癸县', '子县', '丑县', '寅县'];
const PLATFORMS: Platform[] = ['微信公众号', '新浪微博', '抖音'];

interface Rule {
  id: string;
  hit: () => RuleHit;
  /** An inspector's own clause (bulletin.problem), when the rule's fact is not what is said. */
  problem?: string;
}

const RULES: Record<string, Rule> = {
  unreachable: { id: 'W-V2', hit: () => veto('W-V2') },
  columns: { id: 'W-V4', hit: () => veto('W-V4') },
  blank: { id: 'W-V4#blank', hit: () => veto('W-V4', { condition: 'blank' }) },
  channel: { id: 'W-V5#channel', hit: () => veto('W-V5', { condition: 'channel' }) },
  part: { id: 'W-V4', hit: () => veto('W-V4'), problem: '解读回应栏目更新不及时' },
  stale: { id: 'M-V2', hit: () => veto('M-V2') },
  interaction: { id: 'M-V3', hit: () => veto('M-V3') },
};

function sites(rule: Rule, n: number, o: { portal?: boolean; regions?: (i: number) => string } = {}): AnalysedRecord[] {
  return Array.from({ length: n }, (_, i) =>
    website(o.portal ? `${CITIES[i]}教育网` : `${CITIES[i]}人民政府`, `46000000${String(i).padStart(2, '0')}`, {
      hits: [rule.hit()],
      problem: rule.problem,
      region: o.regions?.(i) ?? CITIES[i],
      sponsor: `${CITIES[i]}人民政府办公室`,
    }),
  );
}

function accounts(rule: Rule, n: number): AnalysedRecord[] {
  return Array.from({ length: n }, (_, i) =>
    media(PLATFORMS[i % PLATFORMS.length], `${CITIES[i]}发布`, { hits: [rule.hit()], region: CITIES[i], sponsor: `${CITIES[i]}融媒体中心` }),
  );
}

/** Section 二 as printed: each group's heading and text, one line each. */
function section(records: AnalysedRecord[], bulletin: Record<string, unknown> = {}): string[] {
  const c = campaign(records, { config: { bulletin } as never });
  const s = resolveSettings(c.config.bulletin, c.config);
  const m = aggregateCampaign(c, s);
  const md = renderMarkdown(m, loadTemplate(s, c.root, 'zh-cn'));
  assert.deepEqual(grammarFaults(md), []);
  return m.problems.map((p) => (p.heading ? `${p.heading}｜${p.text}` : p.text));
}

const WEBSITE_FORMS = {
  default: undefined,
  unit: '{{unit}}网站',
  plain: '{{name}}{{site}}',
} as const;

const MEDIA_FORMS = {
  default: undefined,
  quotedWithPlatform: '“{{name}}（{{platform}}）”',
  withPlatform: '{{name}}（{{platform}}）',
  platformAfter: '“{{name}}”{{platform}}',
  unit: '{{unit}}“{{name}}”',
} as const;

/** rule, form, how many, expected section 二 (theme grouping, the defaults' groups). */
const THEME_TABLE: [keyof typeof RULES, keyof typeof WEBSITE_FORMS | keyof typeof MEDIA_FORMS, number, string[]][] = [
  ['unreachable', 'default', 1, ['部分政府网站无法正常访问（1个）｜“甲县人民政府”网站站点无法访问']],
  ['unreachable', 'default', 2, ['部分政府网站无法正常访问（2个）｜“甲县人民政府”网站和“乙县人民政府”网站站点无法访问']],
  ['unreachable', 'default', 3, ['部分政府网站无法正常访问（3个）｜“甲县人民政府”网站、“乙县人民政府”网站和“丙县人民政府”网站站点无法访问']],
  ['unreachable', 'unit', 1, ['部分政府网站无法正常访问（1个）｜甲县人民政府办公室网站站点无法访问']],
  ['unreachable', 'unit', 2, ['部分政府网站无法正常访问（2个）｜甲县人民政府办公室网站和乙县人民政府办公室网站站点无法访问']],
  ['unreachable', 'plain', 3, ['部分政府网站无法正常访问（3个）｜甲县人民政府网站、乙县人民政府网站和丙县人民政府网站站点无法访问']],
  ['columns', 'default', 1, ['部分政府网站内容更新不及时（1个）｜“甲县人民政府”网站栏目更新不及时']],
  ['columns', 'default', 3, ['部分政府网站内容更新不及时（3个）｜“甲县人民政府”网站、“乙县人民政府”网站和“丙县人民政府”网站栏目更新不及时']],
  ['columns', 'unit', 2, ['部分政府网站内容更新不及时（2个）｜甲县人民政府办公室网站和乙县人民政府办公室网站栏目更新不及时']],
  ['blank', 'default', 1, ['部分政府网站内容更新不及时（1个）｜“甲县人民政府”网站存在多个空白栏目']],
  ['blank', 'default', 2, ['部分政府网站内容更新不及时（2个）｜“甲县人民政府”网站和“乙县人民政府”网站存在多个空白栏目']],
  ['blank', 'plain', 3, ['部分政府网站内容更新不及时（3个）｜甲县人民政府网站、乙县人民政府网站和丙县人民政府网站存在多个空白栏目']],
  ['channel', 'default', 1, ['部分政府网站互动回应不到位（1个）｜“甲县人民政府”网站未提供有效的咨询建言渠道']],
  ['channel', 'unit', 3, ['部分政府网站互动回应不到位（3个）｜甲县人民政府办公室网站、乙县人民政府办公室网站和丙县人民政府办公室网站未提供有效的咨询建言渠道']],
  // a clause about a part of the site takes 的; two sites with the same part-clause share it once
  ['part', 'default', 1, ['部分政府网站内容更新不及时（1个）｜“甲县人民政府”网站的解读回应栏目更新不及时']],
  ['part', 'default', 2, ['部分政府网站内容更新不及时（2个）｜“甲县人民政府”网站和“乙县人民政府”网站的解读回应栏目更新不及时']],
  ['part', 'unit', 1, ['部分政府网站内容更新不及时（1个）｜甲县人民政府办公室网站的解读回应栏目更新不及时']],
  ['stale', 'default', 1, ['部分政务新媒体内容更新不及时（1个）｜微信公众号“甲县发布”内容更新不及时']],
  ['stale', 'default', 2, ['部分政务新媒体内容更新不及时（2个）｜微信公众号“甲县发布”和新浪微博“乙县发布”内容更新不及时']],
  ['stale', 'default', 3, ['部分政务新媒体内容更新不及时（3个）｜微信公众号“甲县发布”、新浪微博“乙县发布”和抖音“丙县发布”内容更新不及时']],
  ['stale', 'quotedWithPlatform', 1, ['部分政务新媒体内容更新不及时（1个）｜“甲县发布（微信公众号）”内容更新不及时']],
  // names standing alone in quotes run together, 和 before the last
  ['stale', 'quotedWithPlatform', 3, ['部分政务新媒体内容更新不及时（3个）｜“甲县发布（微信公众号）”“乙县发布（新浪微博）”和“丙县发布（抖音）”内容更新不及时']],
  ['stale', 'withPlatform', 2, ['部分政务新媒体内容更新不及时（2个）｜甲县发布（微信公众号）和乙县发布（新浪微博）内容更新不及时']],
  ['stale', 'platformAfter', 3, ['部分政务新媒体内容更新不及时（3个）｜“甲县发布”微信公众号、“乙县发布”新浪微博和“丙县发布”抖音内容更新不及时']],
  ['stale', 'unit', 2, ['部分政务新媒体内容更新不及时（2个）｜甲县融媒体中心“甲县发布”和乙县融媒体中心“乙县发布”内容更新不及时']],
  ['interaction', 'default', 1, ['部分政务新媒体互动回应不到位（1个）｜微信公众号“甲县发布”未提供有效互动功能']],
  ['interaction', 'withPlatform', 3, ['部分政务新媒体互动回应不到位（3个）｜甲县发布（微信公众号）、乙县发布（新浪微博）和丙县发布（抖音）未提供有效互动功能']],
  ['interaction', 'unit', 1, ['部分政务新媒体互动回应不到位（1个）｜甲县融媒体中心“甲县发布”未提供有效互动功能']],
];

describe('the phrase grammar of section 二 (a table written by hand)', () => {
  describe('theme grouping: each rule × name form × one, two, many names', () => {
    for (const [rule, form, n, expected] of THEME_TABLE) {
      it(`${rule} × ${form} × ${n}`, () => {
        const r = RULES[rule];
        const isMedia = r.id.startsWith('M-');
        const f = isMedia ? MEDIA_FORMS[form as keyof typeof MEDIA_FORMS] : WEBSITE_FORMS[form as keyof typeof WEBSITE_FORMS];
        const names = f ? { [isMedia ? 'media' : 'website']: f } : {};
        assert.deepEqual(section(isMedia ? accounts(r, n) : sites(r, n), { names }), expected);
      });
    }
  });

  it('quoted site names that need no 网站 run together: “A”“B”和“C”', () => {
    assert.deepEqual(section(sites(RULES.unreachable, 3, { portal: true })), ['部分政府网站无法正常访问（3个）｜“甲县教育网”“乙县教育网”和“丙县教育网”站点无法访问']);
  });

  it('two sites about different parts with one predicate share it: A的X栏目和B的Y栏目…', () => {
    const records = [
      website('甲县人民政府', '4600000001', { hits: [veto('W-V4')], problem: '解读回应栏目更新不及时', region: '甲县', sponsor: '甲县人民政府办公室' }),
      website('乙县人民政府', '4600000002', { hits: [veto('W-V4')], problem: '办事服务栏目更新不及时', region: '乙县', sponsor: '乙县人民政府办公室' }),
    ];
    assert.deepEqual(section(records), ['部分政府网站内容更新不及时（2个）｜“甲县人民政府”网站的解读回应栏目和“乙县人民政府”网站的办事服务栏目更新不及时']);
  });

  it('many names: a large group is summarised, the first five named, 等N个, the regions with the most', () => {
    const regions = (i: number) => (i < 6 ? '甲市' : i < 10 ? '乙市' : '丙市');
    assert.deepEqual(section(sites(RULES.unreachable, 13, { regions })), [
      '部分政府网站无法正常访问（13个）｜“甲县人民政府”网站、“乙县人民政府”网站、“丙县人民政府”网站、“丁县人民政府”网站、“戊县人民政府”网站等13个政府网站站点无法访问，其中甲市6个、乙市4个和丙市3个较多',
    ]);
  });

  it('many accounts: summarised with the kind\'s noun', () => {
    assert.deepEqual(section(accounts(RULES.stale, 13)), [
      '部分政务新媒体内容更新不及时（13个）｜微信公众号“甲县发布”、新浪微博“乙县发布”、抖音“丙县发布”、微信公众号“丁县发布”、新浪微博“戊县发布”等13个政务新媒体内容长期不更新',
    ]);
  });

  describe('each grouping, websites and new media together', () => {
    const mixed = () => [
      ...sites(RULES.unreachable, 2),
      website('丙县人民政府', '4600000099', { hits: [veto('W-V4', { condition: 'blank' })], region: '甲县', sponsor: '丙县人民政府办公室' }),
      ...accounts(RULES.stale, 2),
    ];

    it('theme: the catalogue\'s groups, websites first', () => {
      assert.deepEqual(section(mixed()), [
        '部分政府网站无法正常访问（2个）｜“甲县人民政府”网站和“乙县人民政府”网站站点无法访问',
        '部分政府网站内容更新不及时（1个）｜“丙县人民政府”网站存在多个空白栏目',
        '部分政务新媒体内容更新不及时（2个）｜微信公众号“甲县发布”和新浪微博“乙县发布”内容更新不及时',
      ]);
    });

    it('indicator: one group per rule, headed by the rule\'s heading', () => {
      assert.deepEqual(section(mixed(), { problems: { grouping: 'indicator' } }), [
        '站点无法访问（2个）｜“甲县人民政府”网站和“乙县人民政府”网站站点无法访问',
        '栏目更新不及时（1个）｜“丙县人民政府”网站存在多个空白栏目',
        '内容长期不更新（2个）｜微信公众号“甲县发布”和新浪微博“乙县发布”内容更新不及时',
      ]);
    });

    it('region: one group per region, its websites and accounts together', () => {
      assert.deepEqual(section(mixed(), { problems: { grouping: 'region' } }), [
        '甲县（3个）｜“甲县人民政府”网站站点无法访问；“丙县人民政府”网站存在多个空白栏目；微信公众号“甲县发布”内容更新不及时',
        '乙县（2个）｜“乙县人民政府”网站站点无法访问；新浪微博“乙县发布”内容更新不及时',
      ]);
    });

    it('none: one paragraph, the groups\' sentences each closed once', () => {
      assert.deepEqual(section(mixed(), { problems: { grouping: 'none' } }), [
        '“甲县人民政府”网站和“乙县人民政府”网站站点无法访问。“丙县人民政府”网站存在多个空白栏目。微信公众号“甲县发布”和新浪微博“乙县发布”内容更新不及时',
      ]);
    });

    it('kind: one group per kind, the themes as points', () => {
      assert.deepEqual(section(mixed(), { problems: { grouping: 'kind' } }), [
        '政府网站方面｜一是部分政府网站无法正常访问。“甲县人民政府”网站和“乙县人民政府”网站站点无法访问。二是部分政府网站内容更新不及时。“丙县人民政府”网站存在多个空白栏目',
        '政务新媒体方面｜一是部分政务新媒体内容更新不及时。微信公众号“甲县发布”和新浪微博“乙县发布”内容更新不及时',
      ]);
    });
  });
});
