// Rule diagnostics on the record's YAML: the rule id as code, on the node of the fact, severity by
// kind, the remedy in the message and the evidence in `data`; undecided vetoes on the missing fact;
// findings that decide nothing; the score's verdict once on the first line.
import { strict as assert } from 'node:assert';
import { Severity } from '../../server/src/core/model';
import { recordRuleDiagnostics, ruleDiagnostics } from '../../server/src/core/rules/diagnostics';
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
      ['W-V3', Severity.Error, rangeOfText(RECORD, '2021-05-20')],
      ['W-V5', Severity.Error, rangeOfText(RECORD, 'messages')],
      // a list item: its first line
      ['W-W5', Severity.Warning, rangeOfText(RECORD, 'name: 工作动态')],
      // nothing of availability is recorded: the document's first line
      ['W-V2', Severity.Warning, lineRangeOf(RECORD, 'kind: website')],
      ['IR5101', Severity.Warning, rangeOfText(RECORD, 'W-V7')],
    ]);
    assert.equal(diags[0].message, '首页最近更新 2021-05-20，距检查日 2021-06-15 已 26 天，超过 14 天 — 单项否决 W-V3 首页不更新；首页在 2021-06-01 或之后有新的更新即可消除');
    assert.equal(diags[0].source, 'rule');
    assert.deepEqual(diags[0].data, { ruleId: 'W-V3', kind: 'veto', evidence: result.hits[0].evidence, remedy: '首页在 2021-06-01 或之后有新的更新即可消除', points: undefined });
  });

  it('an undecided veto lands on the nearest recorded ancestor of the missing fact', () => {
    // availability is not recorded at all: the diagnostic sits on the document's first key
    const d = diags.find((x) => x.code === 'W-V2');
    assert.equal(d?.message, '无法判定 W-V2 站点无法访问（首页）：未记录 availability');
    assert.deepEqual(d?.data, { ruleId: 'W-V2', kind: 'undetermined' });
  });

  it('a portal without a computable score says so once, on the first line', () => {
    const text = 'kind: website\nname: 海南省人民政府网\nsiteType: 门户网站\ncheckDate: 2021-06-15\nhomepage: { lastUpdate: 2021-06-14 }\navailability: { days: 7, probes: 140, failures: 0 }\ninteraction: { channel: true }\nservices: { provided: true }\n';
    const p = parseYaml(text);
    const d = recordRuleDiagnostics(p, profile(), 'zh-cn');
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'IR5201');
    assert.equal(d[0].severity, Severity.Hint);
    assert.deepEqual(d[0].range, lineRangeOf(text, 'kind: website'));
    assert.ok(d[0].message.startsWith('无法计算得分：指标方案 national-2019 未给出计分所需的分值'));
  });

  it('gives nothing for files that are not records', () => {
    assert.deepEqual(recordRuleDiagnostics(parseYaml('kind: campaign\nissuer: x\n'), profile(), 'zh-cn'), []);
  });
});
