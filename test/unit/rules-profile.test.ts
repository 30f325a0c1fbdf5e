// Indicator profiles as data: the national profile holds every rule, threshold and confidence mark
// of the domain notes; local profiles extend it (parameter overrides, warning → veto, added,
// disabled and confirmed rules) and every mistake is reported on its file, line and column.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Severity } from '../../server/src/core/model';
import { loadProfile, loadProfileText, readTextFromDisk, type ProfileLoadResult } from '../../server/src/core/rules/profile';
import type { CalendarWindow, Condition, ResolvedProfile } from '../../server/src/core/rules/profileTypes';
import { lineRangeOf, rangeOfText } from './support/rangeOfText';
import { columns, evaluate, MEDIA, profile, REPO, ruleState, WEBSITE, withFacts } from './rules-support';

const DIR = path.join(REPO, 'virtual-campaign');

/** Loads `main` from an in-memory folder (the built-in profiles still come from disk). */
function load(files: Record<string, string>, main = 'profiles/local.yaml', locale: 'zh-cn' | 'en' = 'zh-cn'): ProfileLoadResult {
  const abs = new Map(Object.entries(files).map(([k, v]) => [path.join(DIR, k), v]));
  return loadProfile(main, DIR, { locale, readText: (f) => (abs.has(f) ? { text: abs.get(f) as string } : readTextFromDisk(f)) });
}

function ok(r: ProfileLoadResult): ResolvedProfile {
  assert.ok(r.profile, JSON.stringify(r.problems.map((p) => p.diagnostic.message)));
  return r.profile;
}

/** The single problem of a load, with its file relative to the virtual folder. */
function oneProblem(r: ProfileLoadResult) {
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems.map((p) => p.diagnostic.message)));
  const p = r.problems[0];
  return { file: path.relative(DIR, p.file), code: p.diagnostic.code, message: p.diagnostic.message, range: p.diagnostic.range, severity: p.diagnostic.severity };
}

const HEAD = 'kind: profile\nid: local\nname: { zh-cn: 本地方案, en: Local profile }\nextends: national-2019\n';

describe('rules: the national profile as data', () => {
  const national = profile();
  const rule = (id: string) => {
    const r = national.rules.find((x) => x.id === id);
    assert.ok(r, id);
    return r;
  };
  const cond = (id: string, c: string): Condition => rule(id).conditions[c];

  it('holds every veto of the domain notes, and the warnings, with their kinds and confidence', () => {
    const expected: [string, string, string][] = [
      ['W-V1', 'veto', 'high'],
      ['W-V2', 'veto', 'high'],
      ['W-V3', 'veto', 'high'],
      ['W-V4', 'veto', 'high'],
      ['W-V5', 'veto', 'medium'],
      ['W-V6', 'veto', 'medium'],
      ['M-V1', 'veto', 'high'],
      ['M-V2', 'veto', 'high'],
      ['M-V3', 'veto', 'medium'],
      ['W-W1', 'warning', 'medium'],
      ['W-W2', 'warning', 'medium'],
      ['W-W3', 'warning', 'medium'],
      ['W-W4', 'warning', 'medium'],
      ['W-W5', 'warning', 'medium'],
      ['W-W6', 'warning', 'medium'],
      ['W-W7', 'warning', 'high'],
      ['W-W8', 'warning', 'medium'],
      ['W-W9', 'warning', 'high'],
      ['M-W1', 'warning', 'medium'],
      ['M-W2', 'warning', 'medium'],
      ['M-W3', 'warning', 'medium'],
      ['M-W4', 'warning', 'medium'],
      ['M-W5', 'warning', 'medium'],
      ['M-W6', 'warning', 'medium'],
      ['M-W7', 'warning', 'medium'],
      ['M-W8', 'warning', 'medium'],
    ];
    for (const [id, kind, confidence] of expected) {
      assert.equal(rule(id).kind, kind, id);
      assert.equal(rule(id).confidence, confidence, id);
      assert.ok(rule(id).name['zh-cn'] && rule(id).name.en && rule(id).source, id);
    }
    assert.deepEqual(national.rules.filter((r) => r.kind === 'deduction').map((r) => [r.deduction?.item, r.deduction?.perOccurrence, r.confidence]), [
      ['W-D1.5', 5, 'medium'],
      ['W-D1.7', 1, 'medium'],
      ['W-D2.3', 2, 'high'],
      ['W-D3.3', 3, 'medium'],
    ]);
  });

  it('states the thresholds, windows and inclusiveness of the notes', () => {
    assert.deepEqual(cond('W-V2', 'probes').threshold, { percent: 5, inclusive: true });
    assert.deepEqual(cond('W-V2', 'probes').minimums, [
      { fact: 'availability.days', atLeast: 7 },
      { fact: 'availability.probes', atLeast: 140 },
      { fact: 'availability.timeoutSeconds', atLeast: 15, optional: true },
    ]);
    assert.deepEqual(cond('W-V3', 'homepage').window, { length: 14, unit: 'days', limitInside: true });
    assert.deepEqual(cond('M-V2', 'lastPost').window, { length: 14, unit: 'days', limitInside: true });
    assert.deepEqual(cond('W-V4', 'newsAndNotices').threshold, { value: 5, inclusive: true });
    assert.deepEqual(cond('W-V4', 'longStale').threshold, { value: 10, inclusive: true });
    assert.deepEqual(cond('W-V4', 'blank').threshold, { value: 5, inclusive: true });
    assert.deepEqual(cond('W-V5', 'unanswered').select?.[0].where, [{ field: 'type', notIn: ['在线访谈', '调查征集', '网上信访', '纪检举报'] }]);
    assert.deepEqual(cond('W-V5', 'channel').evidence?.where, [{ field: 'type', notIn: ['网上信访', '纪检举报'] }]);
    const lag = cond('W-V5', 'unanswered').count?.[0].where[0] as { lagOver: CalendarWindow };
    assert.deepEqual(lag.lagOver, { until: 'answered', length: 3, unit: 'months', limitInside: true });
    assert.deepEqual(cond('W-W1', 'probes').threshold, { percent: 3, inclusive: false });
    assert.deepEqual(cond('W-W2', 'homepage').window, { length: 10, unit: 'days', limitInside: true });
    assert.deepEqual(cond('W-W3', 'longStale').threshold, { value: 8, inclusive: true });
    assert.deepEqual(cond('W-W4', 'blank').threshold, { value: 2, inclusive: true });
  });

  it('flags the uncertain values in the data', () => {
    assert.equal(cond('W-V6', 'guides').threshold?.confidence, 'low');
    const among = (cond('W-V6', 'guides').count?.[0].where[0] as { listCount: { among: { name: string; confidence: string }[] } }).listCount.among;
    assert.deepEqual(among.filter((a) => a.confidence === 'medium').map((a) => a.name), ['事项名称', '设定依据', '申请条件', '办理材料']);
    assert.equal(among.filter((a) => a.confidence === 'low').length, 6);
    const level = cond('W-V4', 'newsAndNotices').count?.[1].where[1];
    assert.deepEqual(level, { field: 'level', in: [1], confidence: 'medium' });
    assert.equal((cond('W-V4', 'longStale').count?.[0].where[0] as { olderThan: CalendarWindow }).olderThan.confidence, 'low');
    assert.equal(cond('M-V3', 'unanswered').threshold?.confidence, 'low');
  });

  it('holds the scoring structure: 100 / 60 / above 80 / 30, four indicators, 75 × 4/3, no bonus items', () => {
    const s = national.scoring;
    assert.ok(s);
    assert.equal(s.total, 100);
    assert.deepEqual(s.pass, { value: 60, inclusive: true });
    assert.deepEqual(s.bonus?.above.value, 80);
    assert.equal(s.bonus?.above.inclusive, false);
    assert.equal(s.bonus?.max, 30);
    assert.deepEqual(s.indicators.map((i) => [i.name['zh-cn'], i.points, i.confidence, i.items.length]), [
      ['发布解读', 31, 'low', 8],
      ['办事服务', 25, 'medium', 6],
      ['互动交流', 23, 'low', 5],
      ['功能设计', 21, 'low', 6],
    ]);
    assert.deepEqual(s.bonusIndicators, []);
    assert.deepEqual(s.scaled?.[0].skip, ['W-D2']);
    assert.deepEqual(s.scaled?.[0].factor, { numerator: 4, denominator: 3 });
    assert.equal(s.verdictNeedsScore, false);
  });
});

describe('rules: profiles extend profiles', () => {
  it('overrides a parameter by rule and condition id, leaving the rest of the parent intact', () => {
    const p = ok(load({ 'profiles/local.yaml': `${HEAD}overrides:\n  M-V2:\n    conditions:\n      lastPost: { window: { length: 10 } }\n` }));
    assert.deepEqual(p.chain, ['local', 'national-2019']);
    assert.deepEqual(p.rules.find((r) => r.id === 'M-V2')?.conditions.lastPost.window, { length: 10, unit: 'days', limitInside: true });
    const eleven = withFacts(MEDIA, { lastPost: '2021-06-05' }); // 11 days before 06-16
    const ten = withFacts(MEDIA, { lastPost: '2021-06-06' });
    assert.equal(ruleState(evaluate(eleven, p), 'M-V2'), 'veto');
    assert.equal(ruleState(evaluate(ten, p), 'M-V2'), 'clear');
    assert.equal(ruleState(evaluate(eleven), 'M-V2'), 'clear'); // the national profile is unchanged
  });

  it('raises a warning to a veto', () => {
    const p = ok(load({ 'profiles/local.yaml': `${HEAD}overrides:\n  M-W1: { kind: veto }\n` }));
    const r = evaluate(withFacts(MEDIA, { commercialLinks: true }), p);
    assert.equal(r.verdict, 'fail');
    assert.equal(r.hits[0].message, '不符合“不链接商业账号或广告”（commercialLinks: true） — 单项否决 M-W1 链接商业账号或广告');
  });

  it('adds a rule, disables one, deletes a condition and adds another', () => {
    const text = `${HEAD}overrides:
  W-W5: { disabled: true }
  M-V1:
    conditions:
      finding: null
      fakeFollowers:
        evaluator: finding
        label: { zh-cn: 买粉, en: Bought followers }
        indicator: BUY
rules:
  - id: L-V1
    name: { zh-cn: 账号已关停, en: Account closed }
    kind: veto
    appliesTo: [{ field: kind, in: [media] }]
    confidence: high
    conditions:
      closed:
        evaluator: capability
        label: { zh-cn: 账号正常运行, en: Account running }
        fact: closed
        expected: false
        onMissing: clear
`;
    const p = ok(load({ 'profiles/local.yaml': text }));
    assert.equal(p.rules[p.rules.length - 1].id, 'L-V1');
    assert.equal(ruleState(evaluate(withFacts(MEDIA, { closed: true }), p), 'L-V1'), 'veto');
    const undated = evaluate(withFacts(WEBSITE, { columns: [{ name: '工作动态' }], findings: [{ indicator: 'W-W5' }] }), p);
    assert.equal(ruleState(undated, 'W-W5'), 'disabled');
    assert.deepEqual(undated.notes.map((n) => n.code), ['IR5102']);
    assert.deepEqual(Object.keys(p.rules.find((r) => r.id === 'M-V1')?.conditions ?? {}), ['fakeFollowers']);
    assert.equal(ruleState(evaluate(withFacts(MEDIA, { findings: [{ indicator: 'M-V1' }] }), p), 'M-V1'), 'clear');
    assert.equal(ruleState(evaluate(withFacts(MEDIA, { findings: [{ indicator: 'BUY' }] }), p), 'M-V1'), 'veto');
  });

  it('a local profile confirms a low-confidence condition, which then vetoes', () => {
    const p = ok(load({ 'profiles/local.yaml': `${HEAD}overrides:\n  W-V6:\n    conditions:\n      guides: { confirmed: true }\n` }));
    const record = withFacts(WEBSITE, { services: { provided: true, guides: columns(5, { missing: ['事项名称', '设定依据', '申请条件', '办理材料'] }, '事项') } });
    assert.equal(ruleState(evaluate(record), 'W-V6'), 'warning');
    assert.equal(ruleState(evaluate(record, p), 'W-V6'), 'veto');
  });

  it('extends a profile by a path relative to the extending file', () => {
    const files = {
      'profiles/city/local.yaml': 'kind: profile\nid: city\nname: { zh-cn: 市级, en: City }\nextends: ../province.yaml\noverrides:\n  M-W2: { kind: veto }\n',
      'profiles/province.yaml': 'kind: profile\nid: province\nname: { zh-cn: 省级, en: Province }\nextends: national-2019\noverrides:\n  M-W1: { kind: veto }\n',
    };
    const p = ok(load(files, 'profiles/city/local.yaml'));
    assert.deepEqual(p.chain, ['city', 'province', 'national-2019']);
    assert.equal(p.rules.find((r) => r.id === 'M-W1')?.kind, 'veto');
    assert.equal(p.rules.find((r) => r.id === 'M-W2')?.kind, 'veto');
  });

  it('merges scoring lists by id: a province sets its own points', () => {
    const text = `${HEAD}scoring:\n  indicators:\n    - { id: W-D1, points: 30, confirmed: true }\n`;
    const r = load({ 'profiles/local.yaml': text });
    const p = ok(r);
    assert.deepEqual(p.scoring?.indicators.map((i) => i.points), [30, 25, 23, 21]);
    assert.equal(p.scoring?.indicators[0].items.length, 8); // items kept from the parent
    // the points no longer add up to 100: a warning, not an error
    const w = oneProblem(r);
    assert.equal(w.code, 'IR5013');
    assert.equal(w.severity, Severity.Warning);
    assert.equal(w.message, '各一级指标分值之和为 99，与满分 100 不符');
    assert.deepEqual(w.range, rangeOfText(text, 'indicators'));
  });
});

describe('rules: profile errors with file, line and column', () => {
  it('a cycle of extends', () => {
    const a = 'kind: profile\nid: a\nname: { zh-cn: 甲, en: A }\nextends: b.yaml\n';
    const b = 'kind: profile\nid: b\nname: { zh-cn: 乙, en: B }\nextends: a.yaml\n';
    const r = load({ 'profiles/a.yaml': a, 'profiles/b.yaml': b }, 'profiles/a.yaml');
    assert.equal(r.profile, undefined);
    const p = oneProblem(r);
    assert.deepEqual(p, {
      file: path.join('profiles', 'b.yaml'),
      code: 'IR5005',
      message: '指标方案的 extends 形成循环：a.yaml → b.yaml → a.yaml',
      range: rangeOfText(b, 'a.yaml'),
      severity: Severity.Error,
    });
  });

  it('a profile extending itself', () => {
    const a = 'kind: profile\nid: a\nname: { zh-cn: 甲, en: A }\nextends: ./a.yaml\n';
    const p = oneProblem(load({ 'profiles/a.yaml': a }, 'profiles/a.yaml'));
    assert.equal(p.code, 'IR5005');
    assert.deepEqual(p.range, rangeOfText(a, './a.yaml'));
  });

  it('an unknown parent name lists the built-in profiles; an unknown path says the file', () => {
    const text = 'kind: profile\nid: a\nname: { zh-cn: 甲, en: A }\nextends: national-2018\n';
    const p = oneProblem(load({ 'profiles/local.yaml': text }));
    assert.deepEqual([p.code, p.message, p.range], ['IR5001', '没有名为 national-2018 的内置指标方案（可用：national-2019）；本地方案请写相对路径，如 profiles/local.yaml', rangeOfText(text, 'national-2018')]);
    const q = oneProblem(load({ 'profiles/local.yaml': text.replace('national-2018', 'missing.yaml') }));
    assert.equal(q.code, 'IR5001');
    assert.equal(q.file, path.join('profiles', 'local.yaml'));
    assert.match(q.message, /^找不到指标方案文件 missing\.yaml（.*missing\.yaml：ENOENT）$/);
  });

  it('overriding a rule or condition the parent does not have', () => {
    const text = `${HEAD}overrides:\n  W-V9: { kind: warning }\n  W-V3:\n    conditions:\n      front: { window: { length: 7 } }\n`;
    const r = load({ 'profiles/local.yaml': text });
    assert.equal(r.profile, undefined);
    assert.deepEqual(
      r.problems.map((p) => [p.diagnostic.code, p.diagnostic.message, p.diagnostic.range]),
      [
        ['IR5006', '上级方案 national-2019 中没有规则 W-V9，无法修改；新增规则请写在 rules 下', rangeOfText(text, 'W-V9')],
        ['IR5007', '规则 W-V3 没有条件 front（已有：homepage、subpages、finding）；新增条件须写 evaluator', rangeOfText(text, 'front')],
      ],
    );
  });

  it('adding a rule whose id the parent already has', () => {
    const text = `${HEAD}rules:\n  - id: M-V2\n    name: { zh-cn: 重复, en: Duplicate }\n    kind: veto\n    confidence: high\n    conditions:\n      f: { evaluator: finding, label: { zh-cn: 发现, en: Finding } }\n`;
    const p = oneProblem(load({ 'profiles/local.yaml': text }));
    assert.deepEqual([p.code, p.message, p.range], ['IR5008', '规则 M-V2 已在 national-2019 中定义；修改已有规则请写在 overrides 下', rangeOfText(text, 'M-V2')]);
  });

  it('schema errors are Chinese, on the node, with what is allowed', () => {
    const text = `${HEAD}overrides:\n  M-V2:\n    kidn: warning\n`;
    const p = oneProblem(load({ 'profiles/local.yaml': text }));
    // the same code and wording as an unknown key in a record
    assert.equal(p.code, 'IR2103');
    assert.equal(p.message, '未知的键“kidn”：“规则修改”（M-V2）中没有这一项，可用的键：name、kind、appliesTo、confidence、source、note、disabled、supersededBy、deduction、bonus、conditions');
    assert.deepEqual(p.range, rangeOfText(text, 'kidn'));
    const en = load({ 'profiles/local.yaml': text }, undefined, 'en').problems[0].diagnostic.message;
    assert.equal(en, 'Unknown key "kidn": "Rule override" (M-V2) has no such entry; keys allowed: name, kind, appliesTo, confidence, source, note, disabled, supersededBy, deduction, bonus, conditions');
  });

  it('a merged rule that is no longer valid is reported at the override', () => {
    const text = `${HEAD}overrides:\n  M-V2:\n    conditions:\n      lastPost: { window: { unit: weeks } }\n`;
    const p = oneProblem(load({ 'profiles/local.yaml': text }));
    assert.equal(p.code, 'IR2102');
    assert.equal(p.message, '“单位”（unit）的值“weeks”不在可选范围内，可选：“days”、“months”');
    assert.deepEqual(p.range, rangeOfText(text, 'weeks'));
  });

  it('a condition missing what its evaluator needs, or with the wrong kind of threshold', () => {
    const text = `${HEAD}rules:
  - id: L-1
    name: { zh-cn: 甲, en: A }
    kind: warning
    confidence: high
    conditions:
      a: { evaluator: staleness, label: { zh-cn: 甲, en: A }, fact: lastPost }
      b: { evaluator: ratio, label: { zh-cn: 乙, en: B }, numerator: x, denominator: y, threshold: { value: 5, inclusive: true } }
`;
    const r = load({ 'profiles/local.yaml': text });
    assert.deepEqual(
      r.problems.map((p) => [p.diagnostic.code, p.diagnostic.message, p.diagnostic.range]),
      [
        ['IR5009', '规则 L-1 的条件 a：判定方式 staleness 需要参数 fact + window', rangeOfText(text, '      a: {', 0, 'a')],
        ['IR5009', '规则 L-1 的条件 b：ratio 的阈值须写 percent', rangeOfText(text, 'threshold: { value', 0, 'threshold')],
      ],
    );
  });

  it('points for an item the scoring lacks, and a supersede reference to nothing', () => {
    const text = `${HEAD}rules:
  - id: L-D
    name: { zh-cn: 扣分, en: Deduction }
    kind: deduction
    confidence: high
    supersededBy: [W-V4#nothing]
    deduction: { item: W-D9.9, perOccurrence: 1 }
    conditions:
      f: { evaluator: finding, label: { zh-cn: 发现, en: Finding } }
`;
    const r = load({ 'profiles/local.yaml': text });
    assert.deepEqual(
      r.problems.map((p) => [p.diagnostic.code, p.diagnostic.message, p.diagnostic.range]),
      [
        ['IR5011', '规则 L-D 所属的二级指标 W-D9.9 不在计分指标中', rangeOfText(text, 'W-D9.9')],
        ['IR5012', '被取代引用 W-V4#nothing 不是已有的规则或条件', rangeOfText(text, 'W-V4#nothing')],
      ],
    );
  });

  it('an invalid regular expression', () => {
    const text = `${HEAD}rules:\n  - id: L-1\n    name: { zh-cn: 甲, en: A }\n    kind: warning\n    confidence: high\n    conditions:\n      code: { evaluator: match, label: { zh-cn: 甲, en: A }, where: [{ field: siteCode, notMatches: '^(\\d{10}' }] }\n`;
    const p = oneProblem(load({ 'profiles/local.yaml': text }));
    assert.equal(p.code, 'IR5009');
    assert.match(p.message, /^规则 L-1 的条件 code：正则表达式“\^\(\\d\{10\}”无效：/);
    assert.deepEqual(p.range, rangeOfText(text, 'code:', 0, 'code'));
  });

  it('YAML syntax errors in a profile', () => {
    const p = oneProblem(load({ 'profiles/local.yaml': `${HEAD}overrides: [\n` }));
    // the same code and wording as a syntax error in a record
    assert.match(p.code, /^IR1\d{3}$/);
    assert.match(p.message, /\]/);
  });

  it('a root profile (no extends) needs rules and cannot override', () => {
    const text = 'kind: profile\nid: root\nname: { zh-cn: 根, en: Root }\noverrides:\n  X: { kind: veto }\n';
    const r = load({ 'profiles/local.yaml': text });
    assert.deepEqual(
      r.problems.map((p) => [p.diagnostic.message, p.diagnostic.range]),
      [
        ['只有写了 extends 的方案才能用 overrides 修改上级方案的规则', rangeOfText(text, 'overrides')],
        ['缺少必填项“规则”（rules）', lineRangeOf(text, 'kind: profile')],
      ],
    );
  });

  it('an editor buffer is checked with its unsaved text', () => {
    const file = path.join(DIR, 'profiles', 'buffer.yaml');
    const r = loadProfileText(file, `${HEAD}overrides:\n  M-V2: { kind: warning }\n`);
    assert.equal(ok(r).rules.find((x) => x.id === 'M-V2')?.kind, 'warning');
  });
});

describe('rules: the sample local profile (samples/profiles/guangdong-strict.yaml)', () => {
  const gd = profile('samples/profiles/guangdong-strict.yaml');

  it('loads without any problem', () => {
    assert.deepEqual(loadProfile('samples/profiles/guangdong-strict.yaml', REPO).problems, []);
    assert.deepEqual(gd.chain, ['guangdong-strict', 'national-2019']);
  });

  it('applies its stricter rules', () => {
    assert.equal(ruleState(evaluate(withFacts(MEDIA, { lastPost: '2021-06-05' }), gd), 'M-V2'), 'veto'); // 11 days
    assert.equal(ruleState(evaluate(withFacts(MEDIA, { commercialLinks: true }), gd), 'M-W1'), 'veto');
    assert.equal(ruleState(evaluate(withFacts(WEBSITE, { columns: columns(3, { blank: true }) }), gd), 'W-V4'), 'veto');
    assert.equal(ruleState(evaluate(withFacts(WEBSITE, { columns: columns(3, { blank: true }) })), 'W-V4'), 'clear');
    // second-level notices count locally
    const notices = withFacts(WEBSITE, { columns: [...columns(3, { category: '动态要闻', lastUpdate: '2021-05-01' }), ...columns(2, { category: '通知公告', level: 2, lastUpdate: '2020-01-01' }, '通知')] });
    assert.equal(ruleState(evaluate(notices, gd), 'W-V4'), 'veto');
    // "long stale" confirmed: ten columns over 6 months veto
    assert.equal(ruleState(evaluate(withFacts(WEBSITE, { columns: columns(10, { lastUpdate: '2020-12-01' }) }), gd), 'W-V4'), 'veto');
    assert.equal(ruleState(evaluate(withFacts(WEBSITE, { columns: [{ name: '工作动态' }] }), gd), 'W-W5'), 'disabled');
    assert.equal(ruleState(evaluate(withFacts(WEBSITE, { columns: [{ name: '解读', category: '解读回应', lastUpdate: '2021-03-14' }] }), gd), 'GD-W1'), 'warning');
    // portals are judged by the vetoes when no score can be computed
    const portal = evaluate(withFacts(WEBSITE, { siteType: '门户网站' }), gd);
    assert.equal(portal.verdict, 'pass');
    assert.equal(portal.reasons[0], '无法计算得分：指标方案 guangdong-strict 未给出计分所需的分值；按该指标方案，未触发单项否决即为合格');
  });
});

describe('rules: the profile schema documents itself', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas/profile.schema.json'), 'utf8')) as Record<string, unknown>;
  const english = JSON.parse(readFileSync(path.join(REPO, 'l10n/schema.profile.en.json'), 'utf8')) as Record<string, { title?: string; description?: string }>;

  /** Every schema node with a title, by JSON pointer; and every property node, titled or not. */
  function walk(node: unknown, pointer: string, titled: string[], properties: [string, Record<string, unknown>][]): void {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${pointer}/${i}`, titled, properties));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.title === 'string') titled.push(pointer);
      if (o.properties && typeof o.properties === 'object')
        for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) properties.push([`${pointer}/properties/${k}`, v]);
      for (const [k, v] of Object.entries(o)) if (k !== 'title' && k !== 'description') walk(v, `${pointer}/${k}`, titled, properties);
    }
  }

  it('gives every property a Chinese title and description, and every titled node an English text', () => {
    const titled: string[] = [];
    const properties: [string, Record<string, unknown>][] = [];
    walk(schema, '', titled, properties);
    assert.equal(schema.$id, 'https://inspection-records.invalid/schemas/profile.schema.json');
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const han = /[\u4e00-\u9fff]/;
    const untitled = properties.filter(([, v]) => !(typeof v.title === 'string' && han.test(v.title) && typeof v.description === 'string' && han.test(v.description)));
    // exceptions: the if/then/else branches re-constrain top-level properties documented above, and
    // the id of a patch list item is the id documented in the full definition
    assert.deepEqual(untitled.map(([p]) => p).filter((p) => !p.startsWith('/allOf/') && !/\/items\/properties\/id$/.test(p)), []);
    assert.deepEqual(Object.keys(english).sort(), titled.map((p) => `profile.schema.json#${p}`).sort());
    for (const [key, v] of Object.entries(english)) assert.ok(v.title && v.description && !han.test(v.title), key);
  });
});
