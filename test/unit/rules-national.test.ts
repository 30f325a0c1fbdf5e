// Every rule of the national profile (national-2019) at its boundaries, table-driven: each row
// changes a few facts of a record that otherwise breaks nothing and states how the rule comes out
// (the kind a hit counts as, or clear / undetermined / notApplicable / superseded).
import { strict as assert } from 'node:assert';
import { columns, evaluate, MEDIA, ruleState, WEBSITE, withFacts } from './rules-support';

interface Row {
  name: string;
  facts: Record<string, unknown>;
  expect: string;
}

function table(ruleId: string, base: Record<string, unknown>, rows: Row[]): void {
  describe(ruleId, () => {
    for (const row of rows) {
      it(`${row.name} → ${row.expect}`, () => {
        assert.equal(ruleState(evaluate(withFacts(base, row.facts)), ruleId), row.expect);
      });
    }
  });
}

const stale14 = (n: number, date = '2021-05-31') => columns(n, { category: '动态要闻', level: 1, lastUpdate: date }, '要闻');
const fresh = (n: number) => columns(n, { category: '其他', level: 1, lastUpdate: '2021-06-10' }, '其他');

describe('rules: the national profile, rule by rule', () => {
  it('a baseline website and account break nothing and pass', () => {
    for (const base of [WEBSITE, MEDIA]) {
      const r = evaluate(base);
      assert.deepEqual(r.hits, []);
      assert.equal(r.verdict, 'pass');
    }
  });

  table('W-V1', WEBSITE, [
    { name: 'a finding for W-V1', facts: { findings: [{ indicator: 'W-V1', note: '严重表述错误' }] }, expect: 'veto' },
    { name: 'a finding for another rule only', facts: { findings: [{ indicator: 'W-D1.7-unlinked' }] }, expect: 'clear' },
    { name: 'no findings', facts: {}, expect: 'clear' },
  ]);

  table('W-V2', WEBSITE, [
    { name: '6 of 140 failed (4.29%)', facts: { availability: { failures: 6 } }, expect: 'clear' },
    { name: '7 of 140 failed (exactly 5%)', facts: { availability: { failures: 7 } }, expect: 'veto' },
    { name: '499 of 10000 (4.99%)', facts: { availability: { probes: 10000, failures: 499 } }, expect: 'clear' },
    { name: '500 of 10000 (5%)', facts: { availability: { probes: 10000, failures: 500 } }, expect: 'veto' },
    { name: '501 of 10000 (5.01%)', facts: { availability: { probes: 10000, failures: 501 } }, expect: 'veto' },
    { name: 'monitored 6 days only', facts: { availability: { days: 6 } }, expect: 'undetermined' },
    { name: '139 probes (fewer than 20 a day)', facts: { availability: { probes: 139 } }, expect: 'undetermined' },
    { name: 'a 10 s timeout (the method says 15 s)', facts: { availability: { timeoutSeconds: 10 } }, expect: 'undetermined' },
    { name: 'a 15 s timeout', facts: { availability: { timeoutSeconds: 15 } }, expect: 'clear' },
    { name: 'more failures than probes', facts: { availability: { failures: 141 } }, expect: 'undetermined' },
    { name: 'no availability recorded', facts: { availability: undefined }, expect: 'undetermined' },
    { name: 'failures written as text', facts: { availability: { failures: '七' } }, expect: 'undetermined' },
    { name: 'a finding for W-V2', facts: { findings: [{ indicator: 'W-V2' }] }, expect: 'veto' },
  ]);

  table('W-V3', WEBSITE, [
    { name: 'updated 13 days before the check', facts: { homepage: { lastUpdate: '2021-06-02' } }, expect: 'clear' },
    { name: 'updated 14 days before', facts: { homepage: { lastUpdate: '2021-06-01' } }, expect: 'clear' },
    { name: 'updated 15 days before', facts: { homepage: { lastUpdate: '2021-05-31' } }, expect: 'veto' },
    { name: 'updated on the check date', facts: { homepage: { lastUpdate: '2021-06-15' } }, expect: 'clear' },
    { name: 'update date after the check date', facts: { homepage: { lastUpdate: '2021-06-16' } }, expect: 'undetermined' },
    { name: 'update date not a real day', facts: { homepage: { lastUpdate: '2021-02-30' } }, expect: 'undetermined' },
    { name: 'no update date', facts: { homepage: { lastUpdate: undefined } }, expect: 'undetermined' },
    {
      name: 'navigation homepage, all second-level pages stale',
      facts: { homepage: { navigationOnly: true, lastUpdate: undefined, subpages: [{ name: '新闻', lastUpdate: '2021-05-31' }, { name: '公开', lastUpdate: '2021-05-01' }] } },
      expect: 'veto',
    },
    {
      name: 'navigation homepage, one page updated 14 days before',
      facts: { homepage: { navigationOnly: true, lastUpdate: '2020-01-01', subpages: [{ name: '新闻', lastUpdate: '2021-06-01' }, { name: '公开', lastUpdate: '2021-05-01' }] } },
      expect: 'clear',
    },
    {
      name: 'navigation homepage, one stale page and one without a date',
      facts: { homepage: { navigationOnly: true, subpages: [{ name: '新闻' }, { name: '公开', lastUpdate: '2021-05-01' }] } },
      expect: 'undetermined',
    },
    { name: 'navigation homepage, no pages listed', facts: { homepage: { navigationOnly: true } }, expect: 'undetermined' },
  ]);

  const policy = (date: string) => ({ name: '政策文件', category: '政策文件', level: 1, lastUpdate: date });
  table('W-V4', WEBSITE, [
    { name: '4 news columns stale 15 days', facts: { columns: [...stale14(4), ...fresh(3)] }, expect: 'clear' },
    { name: '5 news columns stale 15 days', facts: { columns: [...stale14(5), ...fresh(3)] }, expect: 'veto' },
    { name: '5 news columns 14 days old', facts: { columns: stale14(5, '2021-06-01') }, expect: 'clear' },
    { name: '3 news + 2 first-level notices over 6 months', facts: { columns: [...stale14(3), ...columns(2, { category: '通知公告', level: 1, lastUpdate: '2020-12-14' }, '通知')] }, expect: 'veto' },
    { name: '3 news + 2 notices exactly 6 months old', facts: { columns: [...stale14(3), ...columns(2, { category: '通知公告', level: 1, lastUpdate: '2020-12-15' }, '通知')] }, expect: 'clear' },
    { name: '3 news + 2 second-level notices (2019: first level only)', facts: { columns: [...stale14(3), ...columns(2, { category: '通知公告', level: 2, lastUpdate: '2020-01-01' }, '通知')] }, expect: 'clear' },
    { name: 'check 08-31: 4 news + policy of 02-28 (inside 6 months)', facts: { checkDate: '2021-08-31', homepage: { lastUpdate: '2021-08-30' }, columns: [...stale14(4, '2021-08-01'), policy('2021-02-28')] }, expect: 'clear' },
    { name: 'check 08-31: 4 news + policy of 02-27', facts: { checkDate: '2021-08-31', homepage: { lastUpdate: '2021-08-30' }, columns: [...stale14(4, '2021-08-01'), policy('2021-02-27')] }, expect: 'veto' },
    { name: 'leap year, check 2020-08-31: policy of 02-29', facts: { checkDate: '2020-08-31', homepage: { lastUpdate: '2020-08-30' }, columns: [...stale14(4, '2020-08-01'), policy('2020-02-29')] }, expect: 'clear' },
    { name: 'leap year, check 2020-08-31: policy of 02-28', facts: { checkDate: '2020-08-31', homepage: { lastUpdate: '2020-08-30' }, columns: [...stale14(4, '2020-08-01'), policy('2020-02-28')] }, expect: 'veto' },
    { name: '4 stale news + 1 news column without a date', facts: { columns: [...stale14(4), { name: '要闻X', category: '动态要闻' }] }, expect: 'undetermined' },
    { name: '3 stale news + 1 news column without a date', facts: { columns: [...stale14(3), { name: '要闻X', category: '动态要闻' }] }, expect: 'clear' },
    { name: '4 blank columns', facts: { columns: columns(4, { category: '其他', blank: true }) }, expect: 'clear' },
    { name: '5 blank columns', facts: { columns: columns(5, { category: '其他', blank: true }) }, expect: 'veto' },
    // "long stale" has no national period: the 6-month reading is low confidence, so it only warns
    { name: '10 columns stale over 6 months', facts: { columns: columns(10, { category: '其他', lastUpdate: '2020-12-14' }) }, expect: 'warning' },
    { name: '9 columns stale over 6 months', facts: { columns: columns(9, { category: '其他', lastUpdate: '2020-12-14' }) }, expect: 'clear' },
    { name: '10 stale columns that need no updates', facts: { columns: columns(10, { category: '其他', lastUpdate: '2020-01-01', shouldUpdate: false }) }, expect: 'clear' },
    { name: 'columns not a list', facts: { columns: '若干' }, expect: 'undetermined' },
  ]);

  // a consultation column besides the one tested, so that the channel itself is never in question
  const consult = (messages: unknown[], type = '政务咨询') => ({ interaction: { channel: true, columns: [{ name: '咨询', type: '政务咨询' }, { name: '厅长信箱', type, messages }] } });
  table('W-V5', WEBSITE, [
    { name: 'no channel', facts: { interaction: { channel: false } }, expect: 'veto' },
    { name: 'channel not recorded, only 网上信访 and 纪检举报 columns', facts: { interaction: { channel: undefined, columns: [{ name: '信访', type: '网上信访' }, { name: '举报', type: '纪检举报' }] } }, expect: 'veto' },
    { name: 'channel said yes but only a 网上信访 column listed', facts: { interaction: { columns: [{ name: '信访', type: '网上信访' }] } }, expect: 'veto' },
    { name: 'channel not recorded, a 政务咨询 column listed', facts: { interaction: { channel: undefined, columns: [{ name: '信箱', type: '政务咨询' }] } }, expect: 'clear' },
    { name: 'channel not recorded, no columns', facts: { interaction: { channel: undefined } }, expect: 'undetermined' },
    { name: 'received 03-15, unanswered at 06-15 (exactly 3 months)', facts: consult([{ received: '2021-03-15' }]), expect: 'clear' },
    { name: 'received 03-14, unanswered at 06-15', facts: consult([{ received: '2021-03-14' }]), expect: 'veto' },
    { name: 'received 01-04, answered 04-04 (3 months)', facts: consult([{ received: '2021-01-04', answered: '2021-04-04' }]), expect: 'clear' },
    { name: 'received 01-04, answered 04-05', facts: consult([{ received: '2021-01-04', answered: '2021-04-05' }]), expect: 'veto' },
    { name: 'received 03-10, answered after the check date', facts: consult([{ received: '2021-03-10', answered: '2021-06-20' }]), expect: 'veto' },
    { name: 'an overdue message in a 网上信访 column (excluded)', facts: consult([{ received: '2021-01-04' }], '网上信访'), expect: 'clear' },
    { name: 'an overdue message in a 纪检举报 column (excluded)', facts: consult([{ received: '2021-01-04' }], '纪检举报'), expect: 'clear' },
    { name: 'an overdue message in a 在线访谈 column (excluded)', facts: consult([{ received: '2021-01-04' }], '在线访谈'), expect: 'clear' },
    { name: 'an overdue message in a 调查征集 column (excluded)', facts: consult([{ received: '2021-01-04' }], '调查征集'), expect: 'clear' },
    { name: 'an overdue message in a 建言献策 column', facts: consult([{ received: '2021-01-04' }], '建言献策'), expect: 'veto' },
    { name: 'an overdue message that is not valid', facts: consult([{ received: '2021-01-04', valid: false }]), expect: 'clear' },
    { name: 'received exactly 12 months before, never answered', facts: consult([{ received: '2020-06-15' }]), expect: 'veto' },
    { name: 'received 12 months and a day before (outside the window)', facts: consult([{ received: '2020-06-14' }]), expect: 'clear' },
    { name: 'answered before it was received', facts: consult([{ received: '2021-03-01', answered: '2021-02-01' }]), expect: 'undetermined' },
    { name: 'counts: 1 overdue in a 政务咨询 column', facts: { interaction: { channel: true, columns: [{ name: '信箱', type: '政务咨询', counts: { received: 10, overdue: 1 } }] } }, expect: 'veto' },
    { name: 'counts: 0 overdue', facts: { interaction: { channel: true, columns: [{ name: '信箱', type: '政务咨询', counts: { received: 10, overdue: 0 } }] } }, expect: 'clear' },
    { name: 'counts: 3 overdue in a 网上信访 column', facts: { interaction: { channel: true, columns: [{ name: '信箱', type: '政务咨询' }, { name: '信访', type: '网上信访', counts: { overdue: 3 } }] } }, expect: 'clear' },
  ]);

  const guides = (n: number, missing: string[]) => ({ services: { provided: true, guides: columns(n, { missing }, '事项') } });
  const four = ['事项名称', '设定依据', '申请条件', '办理材料'];
  table('W-V6', WEBSITE, [
    { name: 'no services', facts: { services: { provided: false } }, expect: 'veto' },
    { name: 'services not recorded', facts: { services: undefined }, expect: 'undetermined' },
    { name: 'no services, a department without external services', facts: { services: { provided: false }, ownerLevel: '国务院部门', externalServices: false }, expect: 'clear' },
    // the guide threshold is inferred: a warning until a local profile confirms it
    { name: '5 guides each missing 4 elements', facts: guides(5, four), expect: 'warning' },
    { name: '4 guides each missing 4 elements', facts: guides(4, four), expect: 'clear' },
    { name: '5 guides each missing 3 elements', facts: guides(5, four.slice(0, 3)), expect: 'clear' },
    { name: '5 guides missing 3 known elements and an unknown one', facts: guides(5, [...four.slice(0, 3), '其他']), expect: 'clear' },
  ]);

  table('W-W1', WEBSITE, [
    { name: '30 of 1000 failed (exactly 3%)', facts: { availability: { probes: 1000, failures: 30 } }, expect: 'clear' },
    { name: '31 of 1000 failed (3.1%)', facts: { availability: { probes: 1000, failures: 31 } }, expect: 'warning' },
    { name: '7 of 140 failed: the veto supersedes the warning', facts: { availability: { failures: 7 } }, expect: 'superseded' },
    { name: 'no availability recorded', facts: { availability: undefined }, expect: 'clear' },
  ]);

  table('W-W2', WEBSITE, [
    { name: 'updated 10 days before', facts: { homepage: { lastUpdate: '2021-06-05' } }, expect: 'clear' },
    { name: 'updated 11 days before', facts: { homepage: { lastUpdate: '2021-06-04' } }, expect: 'warning' },
    { name: 'updated 15 days before: W-V3 supersedes', facts: { homepage: { lastUpdate: '2021-05-31' } }, expect: 'superseded' },
  ]);

  table('W-W3', WEBSITE, [
    { name: '7 long-stale columns', facts: { columns: columns(7, { lastUpdate: '2020-12-14' }) }, expect: 'clear' },
    { name: '8 long-stale columns', facts: { columns: columns(8, { lastUpdate: '2020-12-14' }) }, expect: 'warning' },
  ]);

  table('W-W4', WEBSITE, [
    { name: '1 blank column', facts: { columns: columns(1, { blank: true }) }, expect: 'clear' },
    { name: '2 blank columns', facts: { columns: columns(2, { blank: true }) }, expect: 'warning' },
    { name: '5 blank columns: W-V4 supersedes', facts: { columns: columns(5, { blank: true }) }, expect: 'superseded' },
  ]);

  table('W-W5', WEBSITE, [
    { name: 'a listed column without a date', facts: { columns: [{ name: '工作动态' }] }, expect: 'warning' },
    { name: 'a blank column without a date', facts: { columns: [{ name: '专题', blank: true }] }, expect: 'clear' },
  ]);

  table('W-W6', WEBSITE, [
    { name: 'a local site code (6-digit division + 4-digit serial)', facts: { siteCode: '4600000012' }, expect: 'clear' },
    { name: 'a State Council department code', facts: { siteCode: 'bm07000001' }, expect: 'clear' },
    { name: '9 digits', facts: { siteCode: '460000001' }, expect: 'warning' },
    { name: 'upper-case BM', facts: { siteCode: 'BM07000001' }, expect: 'warning' },
    { name: 'no site code recorded', facts: {}, expect: 'clear' },
  ]);

  table('W-W7', WEBSITE, [
    { name: 'a .gov.cn host', facts: { url: 'http://justice.hainan.gov.cn' }, expect: 'clear' },
    { name: 'a .gov.cn host with a path and query', facts: { url: 'https://www.hainan.gov.cn/page?x=1' }, expect: 'clear' },
    { name: 'a .政务 host', facts: { url: 'http://海南.政务' }, expect: 'clear' },
    { name: 'a .com.cn host', facts: { url: 'http://hainan.com.cn' }, expect: 'warning' },
    { name: 'gov.cn inside another domain', facts: { url: 'http://gov.cn.example.com/' }, expect: 'warning' },
  ]);

  table('W-W8', WEBSITE, [{ name: 'a finding of an incomplete footer', facts: { findings: [{ indicator: 'W-W8', note: '缺公安机关备案号' }] }, expect: 'warning' }]);

  table('W-W9', WEBSITE, [
    { name: 'a township portal', facts: { ownerLevel: '乡镇级', siteType: '门户网站' }, expect: 'warning' },
    { name: 'a township department site', facts: { ownerLevel: '乡镇级', siteType: '部门网站' }, expect: 'clear' },
  ]);

  table('M-V1', MEDIA, [
    { name: 'a finding of bought followers', facts: { findings: [{ indicator: 'M-V1', note: '买粉' }] }, expect: 'veto' },
    { name: 'no finding', facts: {}, expect: 'clear' },
  ]);

  table('M-V2', MEDIA, [
    { name: 'last post 13 days before the check', facts: { lastPost: '2021-06-03' }, expect: 'clear' },
    { name: 'last post 14 days before', facts: { lastPost: '2021-06-02' }, expect: 'clear' },
    { name: 'last post 15 days before', facts: { lastPost: '2021-06-01' }, expect: 'veto' },
    { name: 'not updated since 2019-10', facts: { lastPost: '2019-10-08' }, expect: 'veto' },
    { name: 'no last post recorded', facts: { lastPost: undefined }, expect: 'undetermined' },
  ]);

  table('M-V3', MEDIA, [
    { name: 'no interaction function', facts: { interaction: { available: false } }, expect: 'veto' },
    { name: 'interaction not recorded', facts: { interaction: undefined }, expect: 'undetermined' },
    // no national time limit is known: unanswered messages only warn
    { name: '1 unanswered message', facts: { interaction: { available: true, unansweredMessages: 1 } }, expect: 'warning' },
    { name: '0 unanswered messages', facts: { interaction: { available: true, unansweredMessages: 0 } }, expect: 'clear' },
  ]);

  table('M-W1', MEDIA, [
    { name: 'links to commercial accounts', facts: { commercialLinks: true }, expect: 'warning' },
    { name: 'no commercial links', facts: { commercialLinks: false }, expect: 'clear' },
    { name: 'not recorded', facts: {}, expect: 'clear' },
  ]);
  table('M-W2', MEDIA, [{ name: 'unrelated content', facts: { unrelatedContent: true }, expect: 'warning' }]);
  table('M-W3', MEDIA, [
    { name: 'all 6 menu links broken', facts: { serviceMenu: { links: 6, broken: 6 } }, expect: 'warning' },
    { name: 'no broken links', facts: { serviceMenu: { links: 6, broken: 0 } }, expect: 'clear' },
  ]);
  for (const id of ['M-W4', 'M-W5', 'M-W6', 'M-W7', 'M-W8'])
    table(id, MEDIA, [{ name: `a finding for ${id}`, facts: { findings: [{ indicator: id }] }, expect: 'warning' }]);

  it('website rules do not apply to accounts, nor account rules to websites', () => {
    assert.equal(ruleState(evaluate(MEDIA), 'W-V3'), 'notApplicable');
    assert.equal(ruleState(evaluate(WEBSITE), 'M-V2'), 'notApplicable');
  });
});

describe('rules: messages carry the arithmetic', () => {
  it('W-V3 says the dates, the days and the limit, and what clears it', () => {
    const r = evaluate(withFacts(WEBSITE, { homepage: { lastUpdate: '2021-05-20' } }));
    assert.equal(r.hits.length, 1);
    assert.equal(r.hits[0].message, '首页最近更新 2021-05-20，距检查日 2021-06-15 已 26 天，超过 14 天 — 单项否决 W-V3 首页不更新');
    assert.equal(r.hits[0].remedy, '首页在 2021-06-01 或之后有新的更新即可消除');
    assert.deepEqual(r.hits[0].path, ['homepage', 'lastUpdate']);
    assert.equal(r.hits[0].evidence.ageDays, 26);
    assert.equal(r.hits[0].evidence.windowStart, '2021-06-01');
    const en = evaluate(withFacts(WEBSITE, { homepage: { lastUpdate: '2021-05-20' } }), undefined, 'en');
    assert.equal(en.hits[0].message, 'Homepage last updated 2021-05-20, 26 days before the check date 2021-06-15: more than 14 days — veto W-V3 Homepage not updated');
  });

  it('W-V2 shows the exact ratio and the most failures that would have passed', () => {
    const r = evaluate(withFacts(WEBSITE, { availability: { failures: 7 } }));
    assert.equal(r.hits[0].message, '首页：失败次数 7 / 探测次数 140 = 5.00%，达到 5% — 单项否决 W-V2 站点无法访问');
    assert.equal(r.hits[0].remedy, '失败次数不超过 6（以探测次数 140 计）即可消除'); // 5% of 140 is 7
  });

  it('W-V4 months: the window start clamps to the month end', () => {
    const r = evaluate(
      withFacts(WEBSITE, { checkDate: '2021-08-31', homepage: { lastUpdate: '2021-08-30' }, columns: [...stale14(4, '2021-08-01'), { name: '政策文件', category: '政策文件', level: 1, lastUpdate: '2021-02-27' }] }),
    );
    const hit = r.hits.find((h) => h.ruleId === 'W-V4');
    assert.ok(hit);
    assert.equal(
      hit.message,
      '未按时更新的动态要闻、通知公告和政策文件栏目共 5 个，达到 5 个：要闻1（2021-08-01）、要闻2（2021-08-01）、要闻3（2021-08-01）、要闻4（2021-08-01）、政策文件（2021-02-27） — 单项否决 W-V4 栏目不更新',
    );
    assert.equal(hit.remedy, '未按时更新的动态要闻、通知公告和政策文件栏目不超过 4 个即可消除（目前 5 个）');
    assert.deepEqual(hit.path, ['columns']);
  });

  it('W-V5 names the column and the dates of each overdue message, on the messages list', () => {
    const r = evaluate(withFacts(WEBSITE, { interaction: { channel: true, columns: [{ name: '厅长信箱', type: '政务咨询', messages: [{ received: '2021-01-04', answered: '2021-05-20' }, { received: '2021-02-01' }] }] } }));
    const hit = r.hits.find((h) => h.ruleId === 'W-V5');
    assert.ok(hit);
    assert.equal(hit.message, '超过 3 个月未答复的政务咨询类有效留言共 2 条，达到 1 条：厅长信箱（2021-01-04 至 2021-05-20）、厅长信箱（2021-02-01 至 检查日 2021-06-15） — 单项否决 W-V5 互动回应差');
    assert.deepEqual(hit.path, ['interaction', 'columns', 0, 'messages']);
    assert.equal(hit.remedy, '超过 3 个月未答复的政务咨询类有效留言全部整改后即可消除（目前 2 条）');
  });

  it('a low-confidence veto condition is reported as a warning that says so', () => {
    const r = evaluate(withFacts(WEBSITE, { services: { provided: true, guides: columns(5, { missing: ['事项名称', '设定依据', '申请条件', '办理材料'] }, '事项') } }));
    assert.equal(r.verdict, 'pass');
    const hit = r.hits.find((h) => h.ruleId === 'W-V6');
    assert.ok(hit);
    assert.equal(hit.kind, 'warning');
    assert.equal(hit.evidence.downgraded, true);
    assert.equal(hit.evidence.confidence, 'low');
    assert.ok(hit.message.endsWith('— 警告（低置信度，经本地指标确认后才单项否决） W-V6 服务不实用'), hit.message);
  });
});

describe('rules: verdicts', () => {
  it('a veto fails the record and nothing is scored', () => {
    const r = evaluate(withFacts(WEBSITE, { siteType: '门户网站', homepage: { lastUpdate: '2021-05-01' } }));
    assert.equal(r.verdict, 'fail');
    assert.equal(r.score, null);
    assert.deepEqual(r.reasons, ['单项否决，不计分']);
  });

  it('a missing fact leaves the record 无法判定 with the rule and the fact named', () => {
    const r = evaluate(withFacts(WEBSITE, { homepage: { lastUpdate: undefined } }));
    assert.equal(r.verdict, 'undetermined');
    assert.equal(r.verdictLabel, '无法判定');
    assert.deepEqual(r.reasons, ['无法判定 W-V3 首页不更新（首页）：未记录 homepage.lastUpdate', '不计分：计分只适用于 kind 为 website、siteType 为 门户网站 的记录']);
  });

  it('a veto hit decides even when another veto is undetermined', () => {
    const r = evaluate(withFacts(WEBSITE, { homepage: { lastUpdate: undefined }, interaction: { channel: false } }));
    assert.equal(r.verdict, 'fail');
  });

  it('an invalid check date makes every dated rule undetermined', () => {
    const r = evaluate(withFacts(MEDIA, { checkDate: '2021/6/16' }));
    assert.equal(r.verdict, 'undetermined');
    assert.equal(ruleState(r, 'M-V2'), 'undetermined');
    assert.ok(r.reasons.includes('无法判定 M-V2 内容不更新（账号）：检查日期 checkDate 未记录或不是 YYYY-MM-DD 格式的日期'), JSON.stringify(r.reasons));
  });

  it('a portal under the national profile alone has no score: vetoes decide, and it says why', () => {
    const r = evaluate(withFacts(WEBSITE, { siteType: '门户网站' }));
    assert.equal(r.verdict, 'pass');
    assert.equal(r.score, null);
    assert.equal(r.reasons[0], '无法计算得分：指标方案 national-2019 未给出计分所需的分值；按该指标方案，未触发单项否决即为合格');
    assert.ok(r.reasons[1].startsWith('指标方案 national-2019 未定义 21 个二级指标的扣分规则：概况信息、机构职能、负责人信息、动态要闻、政策解读、其他栏目、'), r.reasons[1]);
  });

  it('a website without siteType cannot be told portal or not', () => {
    const r = evaluate(withFacts(WEBSITE, { siteType: undefined }));
    assert.equal(r.verdict, 'undetermined');
    assert.deepEqual(r.reasons, ['无法确定是否计分：未记录 siteType']);
  });

  it('findings that name no rule, or a rule for the other kind, are noted', () => {
    const r = evaluate(withFacts(MEDIA, { findings: [{ indicator: 'X-9' }, { indicator: 'W-V3' }] }));
    assert.deepEqual(
      r.notes.map((n) => [n.code, n.path, n.message]),
      [
        ['IR5101', ['findings', 0, 'indicator'], '检查发现的指标编号 X-9 不在指标方案 national-2019 中，未参与判定'],
        ['IR5103', ['findings', 1, 'indicator'], '指标 W-V3 不适用于本记录，这条检查发现未参与判定'],
      ],
    );
  });

  it('never throws on ill-typed records', () => {
    for (const bad of [null, 42, 'text', [], { kind: 'website' }, { kind: 'media', checkDate: 20210616 }, withFacts(WEBSITE, { columns: [null, 3, 'x'], interaction: { columns: { a: 1 } }, findings: 'none' })]) {
      const r = evaluate(bad);
      assert.ok(['pass', 'fail', 'undetermined'].includes(r.verdict));
    }
    assert.equal(evaluate({ kind: 'website' }).verdict, 'undetermined');
  });
});
