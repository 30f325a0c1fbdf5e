import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver';
import type { RecordResult } from '../../server/src/core/model';
import { mediaRow, positionOf, profileOf, rule, setup } from './service-helpers';

const record = [
  'kind: media',
  'platform: 微信公众号',
  'name: 儋州教育',
  'accountId: dzjy0898',
  'checkDate: 2021-06-16',
  'lastPost: 2021-05-20',
  'interaction: { available: false }',
  '',
].join('\n');

const hit: RecordResult = {
  verdict: 'fail',
  reasons: [],
  score: null,
  hits: [
    {
      ruleId: 'M-V2',
      kind: 'veto',
      path: ['lastPost'],
      message: '最近发布日期 2021-05-20 距检查日期 2021-06-16 已 27 天，超过 14 天未更新',
      evidence: { lastPost: '2021-05-20', checkDate: '2021-06-16', days: 27, limit: 14 },
      remedy: '检查前 14 天内应有更新',
    },
  ],
};

const profile = profileOf([
  rule('M-V2', '内容不更新', 'No content updates', {
    conditions: {
      stale: {
        evaluator: 'staleness',
        label: { 'zh-cn': '最近发布', en: 'Latest post' },
        fact: 'lastPost',
        window: { length: 14, unit: 'days', limitInside: true },
      },
    },
  }),
]);

function hoverText(text: string, needle: string, c = {}, locale: 'zh-cn' | 'en' = 'zh-cn', offset = 0): string | undefined {
  const f = setup(text, c, locale);
  const h = f.service.doHover(f.ctx, positionOf(text, needle, offset));
  return h ? (h.contents as MarkupContent).value : undefined;
}

describe('service: hover', () => {
  it('explains a field from the schema, in Chinese', () => {
    assert.equal(hoverText(record, 'accountId'), '**账号ID** `accountId`\n\n平台上的账号标识（微信号、微博 UID、抖音号等）；与备案系统核对时优先按平台加账号ID匹配。');
  });

  it('in English when the locale says so', () => {
    const text = hoverText(record, 'platform', {}, 'en')!;
    assert.match(text, /^\*\*Platform\*\* `platform`\n\n/);
  });

  it('explains nested fields and values too', () => {
    assert.match(hoverText(record, 'available')!, /^\*\*有互动功能\*\* `available`/);
    assert.match(hoverText(record, 'false')!, /^\*\*有互动功能\*\* `available`/);
  });

  it('on a rule hit, for people: the facts and arithmetic in a sentence, how to clear it, what the rule says', () => {
    const text = hoverText(record, '2021-05-20', { result: hit, profile })!;
    const ruleSection = text.split('\n\n---\n\n')[1];
    assert.equal(
      ruleSection,
      [
        '**M-V2 内容不更新**（单项否决）',
        '',
        '最近发布日期 2021-05-20 距检查日期 2021-06-16 已 27 天，超过 14 天未更新',
        '',
        '整改：检查前 14 天内应有更新',
        '',
        '内容不更新：以下任一情形即为单项否决——最近发布在检查前 14 天内没有更新。',
      ].join('\n'),
    );
    // no internal keys of the evidence, nothing said twice
    assert.doesNotMatch(text, /`(lastPost|checkDate|days|limit|condition|confidence)`:/);
  });

  it('speaks of confidence only where it changes what to do: a veto held back to a warning', () => {
    const downgraded: RecordResult = { ...hit, verdict: 'pass', hits: [{ ...hit.hits[0], kind: 'warning', evidence: { ...hit.hits[0].evidence, confidence: 'low', downgraded: true } }] };
    const text = hoverText(record, '2021-05-20', { result: downgraded, profile })!;
    assert.match(text, /\n\n这一条的数值出自推断、尚未确认，所以只作警告；本地指标方案确认后（confirmed: true）才按单项否决。\n/);
    const sure = hoverText(record, '2021-05-20', { result: { ...hit, hits: [{ ...hit.hits[0], evidence: { ...hit.hits[0].evidence, confidence: 'medium' } }] }, profile })!;
    assert.doesNotMatch(sure, /推断|置信|confidence/);
  });

  it('shows no rule where the hit is not', () => {
    assert.doesNotMatch(hoverText(record, 'accountId', { result: hit, profile })!, /M-V2/);
  });

  it('on an identity field: the registry row the record matched', () => {
    const row = mediaRow(12, { platform: '微信公众号', name: '儋州教育', accountId: 'dzjy0898', sponsor: '儋州市教育局', status: '正常' });
    const text = hoverText(record, '儋州教育', { registry: { status: 'matched', row } })!;
    const section = text.split('\n\n---\n\n')[1];
    assert.equal(
      section,
      ['**登记系统**：已登记', '', 'registry/media.csv 第12行', '- 平台: 微信公众号', '- 名称: 儋州教育', '- 账号ID: dzjy0898', '- 主办单位: 儋州市教育局', '- 登记状态: 正常'].join('\n'),
    );
  });

  it('on a near miss: the close rows', () => {
    const row = mediaRow(7, { platform: '微信公众号', name: '儋州市教育', accountId: 'dzjy0898', sponsor: '儋州市教育局' });
    const text = hoverText(record, 'name', { registry: { status: 'near-miss', suggestions: [row] } })!;
    assert.match(text, /\*\*登记系统\*\*：未找到完全一致的登记记录，有相近的记录\n\n登记系统中相近的记录：\n- “儋州市教育”（dzjy0898），registry\/media\.csv 第7行$/);
  });

  it('nothing on a comment', () => {
    assert.equal(hoverText('# 备注\nkind: media\n', '备注'), undefined);
  });
});
