// The portal score: computed exactly, only when the profile defines a deduction rule for every
// second-level item; 60 passes and 59.5 fails; exactly 80 earns no bonus; each indicator floors at 0;
// departments without external services are scored out of 75 × 4/3. Deductions come from findings
// with counts, so each expected score is plain arithmetic written next to it.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { loadProfile, readTextFromDisk } from '../../server/src/core/rules/profile';
import type { ResolvedProfile } from '../../server/src/core/rules/profileTypes';
import { columns, evaluate, profile, REPO, WEBSITE, withFacts } from './rules-support';

/** A profile that gives every national item a 1-point-per-finding rule, a 0.5-point rule, and one bonus item. */
function scoredProfile(tinyPoints?: number): ResolvedProfile {
  const national = profile();
  const defined = new Set(national.rules.map((r) => r.deduction?.item).filter(Boolean));
  const items = (national.scoring?.indicators ?? []).flatMap((i) => i.items.map((it) => it.id)).filter((id) => !defined.has(id));
  const rule = (id: string, kind: string, item: string, points: number) =>
    `  - id: ${id}\n    name: { zh-cn: ${id}, en: ${id} }\n    kind: ${kind}\n    confidence: high\n    appliesTo: [{ field: kind, in: [website] }]\n    ${kind}: { item: ${item}, perOccurrence: ${points} }\n    conditions:\n      f: { evaluator: finding, label: { zh-cn: 发现, en: Finding } }\n`;
  const text = [
    'kind: profile\nid: scored\nname: { zh-cn: 计分测试, en: Scoring test }\nextends: national-2019\n',
    'scoring:\n  verdictNeedsScore: true\n  indicators:\n    - { id: W-D1, confirmed: true }\n    - { id: W-D3, confirmed: true }\n    - { id: W-D4, confirmed: true }\n',
    '  bonusIndicators:\n    - id: B1\n      name: { zh-cn: 创新, en: Innovation }\n      points: 30\n      items: [{ id: B1.1, name: { zh-cn: 创新应用, en: Innovative use } }]\n',
    'rules:\n',
    ...items.map((id) => rule(`T-${id}`, 'deduction', id, 1)),
    rule('T-half', 'deduction', 'W-D4.6', 0.5),
    rule('T-bonus', 'bonus', 'B1.1', 5),
    tinyPoints ? rule('T-tiny', 'deduction', 'W-D4.5', tinyPoints) : '',
  ].join('');
  const file = path.join(REPO, 'virtual', 'scored.yaml');
  const r = loadProfile(file, REPO, { readText: (f) => (f === file ? { text } : readTextFromDisk(f)) });
  assert.ok(r.profile, JSON.stringify(r.problems.map((p) => p.diagnostic.message)));
  return r.profile;
}

const SCORED = scoredProfile();
const PORTAL = withFacts(WEBSITE, { siteType: '门户网站' });
const finding = (indicator: string, count: number) => ({ indicator, count });
const portalWith = (...findings: { indicator: string; count: number }[]) => withFacts(PORTAL, { findings });

describe('rules: scoring', () => {
  it('a portal with nothing deducted scores 100 (the bonus part empty of findings)', () => {
    const r = evaluate(PORTAL, SCORED);
    assert.equal(r.verdict, 'pass');
    assert.equal(r.score, 100);
    assert.equal(r.scoring?.computable, true);
    assert.equal(r.scoring?.bonus, '0');
  });

  it('exactly 60 passes; deductions beyond an indicator’s points stop at its points', () => {
    // 发布解读 31: 40 points deducted, floored at 0; 办事服务 25 − 9 = 16; 23 + 21 untouched → 60
    const r = evaluate(portalWith(finding('T-W-D1.1', 40), finding('T-W-D2.1', 9)), SCORED);
    assert.equal(r.score, 60);
    assert.equal(r.verdict, 'pass');
    const d1 = r.scoring?.indicators[0];
    assert.deepEqual([d1?.points, d1?.deducted, d1?.score, d1?.capped], ['31', '40', '0', true]);
    assert.deepEqual(r.scoring?.indicators.map((i) => i.score), ['0', '16', '23', '21']);
  });

  it('59.5 fails, with the score and the pass mark in the reason', () => {
    const r = evaluate(portalWith(finding('T-W-D1.1', 31), finding('T-W-D2.1', 9), finding('T-half', 1)), SCORED);
    assert.equal(r.score, 59.5);
    assert.equal(r.verdict, 'fail');
    assert.ok(r.reasons.includes('得分 59.5，低于合格线 60 分'), JSON.stringify(r.reasons));
  });

  it('exactly 80 earns no bonus; 80.5 earns it', () => {
    // 20 deducted → 80: the bonus findings are not counted
    const eighty = evaluate(portalWith(finding('T-W-D1.1', 20), finding('T-bonus', 2)), SCORED);
    assert.equal(eighty.score, 80);
    assert.equal(eighty.scoring?.bonus, null);
    // 19.5 deducted → 80.5, plus 2 × 5 bonus → 90.5
    const above = evaluate(portalWith(finding('T-W-D1.1', 19), finding('T-half', 1), finding('T-bonus', 2)), SCORED);
    assert.equal(above.score, 90.5);
    assert.equal(above.scoring?.bonus, '10');
  });

  it('the bonus part is capped (30)', () => {
    const r = evaluate(portalWith(finding('T-bonus', 10)), SCORED); // 50 points of bonus findings
    assert.equal(r.score, 130);
  });

  it('a State Council department without external services: 75 × 4/3, services not checked', () => {
    const dept = withFacts(PORTAL, { ownerLevel: '国务院部门', externalServices: false, services: { provided: false } });
    const none = evaluate(dept, SCORED);
    assert.equal(none.score, 100); // 75 × 4/3
    assert.equal(none.scoring?.indicators[1].skipped, true);
    assert.equal(none.scoring?.scale?.factor, '4/3');
    // 30 deducted from the other three: 45 × 4/3 = 60, passes
    const sixty = evaluate(withFacts(dept, { findings: [finding('T-W-D1.1', 30)] }), SCORED);
    assert.equal(sixty.score, 60);
    assert.equal(sixty.verdict, 'pass');
    // 30.5 deducted: 44.5 × 4/3 = 59.33…, fails
    const below = evaluate(withFacts(dept, { findings: [finding('T-W-D1.1', 30), finding('T-half', 1)] }), SCORED);
    assert.equal(below.score, 59.33);
    assert.equal(below.verdict, 'fail');
    // services findings do not count when services are not checked: 75 × 4/3 still
    assert.equal(evaluate(withFacts(dept, { findings: [finding('T-W-D2.1', 10)] }), SCORED).score, 100);
  });

  it('rounding never shows a failing score as 60', () => {
    const p = scoredProfile(0.003);
    // 60 − 0.003 = 59.997: half-up would print 60.00, the score shows 59.99 and fails
    const r = evaluate(portalWith(finding('T-W-D1.1', 31), finding('T-W-D2.1', 9), finding('T-tiny', 1)), p);
    assert.equal(r.score, 59.99);
    assert.equal(r.verdict, 'fail');
    // a department: (45 − 0.003) × 4/3 = 59.996
    const dept = withFacts(PORTAL, { ownerLevel: '国务院部门', externalServices: false, findings: [finding('T-W-D1.1', 30), finding('T-tiny', 1)] });
    const d = evaluate(dept, p);
    assert.equal(d.score, 59.99);
    assert.equal(d.verdict, 'fail');
    // no line near: ordinary half-up (100 − 0.003 = 99.997 → 100)
    assert.equal(evaluate(portalWith(finding('T-tiny', 1)), p).score, 100);
  });

  it('deduction hits carry their points', () => {
    const r = evaluate(portalWith(finding('T-W-D1.1', 3)), SCORED);
    const hit = r.hits.find((h) => h.ruleId === 'T-W-D1.1');
    assert.equal(hit?.points, 3);
    assert.equal(hit?.kind, 'deduction');
    assert.equal(hit?.message, '检查发现：（未写说明）（共 3 处） — 扣分 T-W-D1.1 T-W-D1.1（3 分）');
    assert.equal(r.score, 97);
  });

  it('an undecided deduction leaves the score not computable', () => {
    // 办事统计 column without a date: its 3-month rule cannot be decided
    const r = evaluate(withFacts(PORTAL, { columns: [{ name: '办事统计', category: '办事统计' }] }), SCORED);
    assert.equal(r.score, null);
    assert.equal(r.verdict, 'undetermined');
    assert.deepEqual(r.reasons, ['无法计算得分：指标方案 scored 未给出计分所需的分值，而门户网站须有得分才能判定合格', '扣分规则无法判定：W-D2.3-statistics-stale']);
  });

  it('the national profile: no score, but known deductions can already fail a portal', () => {
    // 4 stale first-level policy columns × 5 = 20 → 发布解读 31 − 20 = 11; 13 stale statistics columns × 2 = 26 → 办事服务 0
    // at most 11 + 0 + 23 + 21 = 55 < 60 (4 policy columns stay below W-V4's 5)
    const cols = [
      ...columns(4, { category: '政策文件', level: 1, lastUpdate: '2020-11-01' }, '政策'),
      ...columns(13, { category: '办事统计', level: 2, lastUpdate: '2021-03-01' }, '统计'),
    ];
    const r = evaluate(withFacts(PORTAL, { columns: cols }));
    assert.deepEqual(r.hits.filter((h) => h.kind === 'veto'), []);
    assert.equal(r.verdict, 'fail');
    assert.equal(r.score, null);
    assert.equal(r.reasons[0], '已确定的扣分使得分至多为 55，低于合格线 60 分');
    assert.deepEqual(
      r.hits.filter((h) => h.kind === 'deduction').map((h) => [h.ruleId, h.points]),
      [
        ['W-D1.5-policy-stale', 20],
        ['W-D2.3-statistics-stale', 26],
      ],
    );
  });
});
