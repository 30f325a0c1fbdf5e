// Rule diagnostics on the record's YAML: the rule id as code, on the node of the fact, severity by
// kind (a hit is a finding about the site, never an error of the record), the remedy in the message
// and the evidence in `data`; undecided vetoes on the missing fact, unless the fact is there but
// malformed (its own error says so); findings that decide nothing; the score's verdict once on the
// first line, and a profile that gives no points said once for the campaign, not on every portal.
import { strict as assert } from 'node:assert';
import { Severity } from '../../server/src/core/model';
import { recordRuleDiagnostics, ruleDiagnostics } from '../../server/src/core/rules/diagnostics';
import { profileScoreGaps } from '../../server/src/core/rules/scoring';
import { validateDocument } from '../../server/src/core/validate/validateDocument';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { lineRangeOf, rangeOfText } from './support/rangeOfText';
import { evaluate, profile } from './rules-support';

const RECORD = `kind: website
name: 海南司法行政网
siteType: 部门网站
checkDate: 2021-06-15
homepage:
  lastUpdate: 2021-05-20
interaction:
  channel: true
  columns:
    - name: 厅长信箱
      type: 政务咨询
      messages:
        - { received: 2021-01-04, answered: 2021-05-20 }
        - { received: 2021-02-01 }
services:
  provided: true
columns:
  - name: 工作动态
findings:
  - indicator: W-V7
`;

describe('rules: diagnostics', () => {
  const parsed = parseYaml(RECORD);
  const result = evaluate(parsed.value);
  const diags = ruleDiagnostics(result, parsed);

  it('puts each hit on its fact, with the rule id, the severity of its kind and the remedy', () => {
    const summary = diags.map((d) => [d.code, d.severity, d.range]);
    assert.deepEqual(summary, [
      // the site fails: the strongest finding, still no error of the record
      ['W-V3', Severity.Warning, rangeOfText(RECORD, '2021-05-20')],
      ['W-V5', Severity.Warning, rangeOfText(RECORD, 'messages')],
      // a list item: its first line; a warning rule's hit is a lesser finding
      ['W-W5', Severity.Information, rangeOfText(RECORD, 'name: 工作动态')],
      // nothing of availability is recorded: the document's first line
      ['W-V2', Severity.Warning, lineRangeOf(RECORD, 'kind: website')],
      ['IR5101', Severity.Warning, rangeOfText(RECORD, 'W-V7')],
    ]);
    assert.equal(diags[0].message, '首页最近更新 2021-05-20，距检查日 2021-06-15 已 26 天，超过 14 天 — 单项否决 W-V3 首页不更新；首页在 2021-06-01 或之后有新的更新即可消除');
    assert.equal(diags[0].source, 'rule');
    assert.deepEqual(diags.map((d) => d.finding === true), [true, true, true, false, false]);
    assert.deepEqual(diags[0].data, { ruleId: 'W-V3', kind: 'veto', evidence: result.hits[0].evidence, remedy: '首页在 2021-06-01 或之后有新的更新即可消除', points: undefined });
  });

  it('an undecided veto lands on the nearest recorded ancestor of the missing fact', () => {
    // availability is not recorded at all: the diagnostic sits on the document's first key
    const d = diags.find((x) => x.code === 'W-V2');
    assert.equal(d?.message, '无法判定 W-V2 站点无法访问（首页）：未记录 availability');
    assert.deepEqual(d?.data, { ruleId: 'W-V2', kind: 'undetermined' });
  });

  it('a portal the profile gives no points gets no note of its own: the profile’s gap is said once, for the campaign', () => {
    const text = 'kind: website\nname: 海南省人民政府网\nsiteType: 门户网站\ncheckDate: 2021-06-15\nhomepage: { lastUpdate: 2021-06-14 }\navailability: { days: 7, probes: 140, failures: 0 }\ninteraction: { channel: true }\nservices: { provided: true }\n';
    assert.deepEqual(recordRuleDiagnostics(parseYaml(text), profile(), 'zh-cn'), []);
    // the national profile ships the names of the deduction items but points for none (indicators.md §3)
    const gaps = profileScoreGaps(profile(), 'zh-cn');
    assert.ok(gaps?.items.includes('政策解读') && gaps.items.includes('办事指南'), JSON.stringify(gaps));
    assert.ok(gaps!.message.startsWith('无法计算得分：指标方案 national-2019 未给出计分所需的分值；按该指标方案，未触发单项否决即为合格'));
  });

  it('one mistake, one diagnostic: a malformed fact holds back no rule of its own accord', () => {
    const text = 'kind: media\nplatform: 抖音\nname: 某市发布\ncheckDate: 2021/6/14\nlastPost: 2021-06-10\ninteraction: { available: yes }\nserviceMenu: { links: 3, broken: 5 }\n';
    const p = parseYaml(text);
    const errors = validateDocument(p, 'zh-cn').diagnostics;
    // the record's own errors: the date spelling, the boolean, the part larger than its whole
    assert.deepEqual(errors.map((d) => [d.code, d.range]), [
      ['IR3001', rangeOfText(text, '2021/6/14')],
      ['IR2101', rangeOfText(text, 'yes')],
      ['IR2113', rangeOfText(text, '5')],
    ]);
    const result = evaluate(p.value);
    assert.equal(result.verdict, 'undetermined');
    // without the errors each would be said twice: M-V2 cannot count days from that date, M-V3
    // cannot read the boolean, M-W3 counts the 5 broken links the record claims of its 3
    assert.deepEqual(ruleDiagnostics(result, p).map((d) => [d.code, d.range]).sort(), [
      ['M-V2', rangeOfText(text, '2021/6/14')],
      ['M-V3', rangeOfText(text, 'yes')],
      ['M-W3', rangeOfText(text, '5')],
    ]);
    assert.deepEqual(ruleDiagnostics(result, p, errors), []);
    // a misspelt key inside a mapping holds back the fact it was meant to be
    const misspelt = 'kind: website\nname: 某市政府网\nsiteType: 部门网站\ncheckDate: 2021-06-15\nhomepage:\n  lastupdate: 2021-06-10\n';
    const m = parseYaml(misspelt);
    const codes = (extra: typeof errors) => ruleDiagnostics(evaluate(m.value), m, extra).map((d) => d.code);
    assert.ok(codes([]).includes('W-V3'));
    assert.ok(!codes(validateDocument(m, 'zh-cn').diagnostics).includes('W-V3'));
  });

  it('gives nothing for files that are not records', () => {
    assert.deepEqual(recordRuleDiagnostics(parseYaml('kind: campaign\nissuer: x\n'), profile(), 'zh-cn'), []);
  });
});
