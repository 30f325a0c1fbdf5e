import { strict as assert } from 'node:assert';
import type { RecordResult } from '../../server/src/core/model';
import { positionOf, setup } from './service-helpers';

const pass: RecordResult = { verdict: 'pass', reasons: [], hits: [], score: null };

describe('service: diagnostics', () => {
  it('carries code, source layer and quick-fix data of the core diagnostic', () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021/6/16\n';
    const f = setup(text);
    const [d] = f.service.doValidation(f.ctx).diagnostics;
    assert.deepEqual(
      { code: d.code, source: d.source, severity: d.severity, data: d.data, start: d.range.start },
      { code: 'IR3001', source: 'inspection-records(date)', severity: 1, data: { replacement: '2021-06-16' }, start: positionOf(text, '2021/6/16') },
    );
  });

  it('hints at a rule suppression that silences nothing only once rules have run', () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n# inspection-disable-next-line M-V2\nlastPost: 2021-06-10\n';
    const before = setup(text);
    assert.deepEqual(before.service.doValidation(before.ctx).diagnostics, []);
    const after = setup(text, { result: pass });
    const [hint] = after.service.doValidation(after.ctx).diagnostics;
    assert.equal(hint.code, 'IR6001');
    assert.equal(hint.message, '忽略注释中的 M-V2 没有对应的问题，可以删除。');
    assert.deepEqual(hint.range.start, positionOf(text, '# inspection'));
  });

  it('a rule hit on a suppressed line is silenced and counted', () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n# inspection-disable-next-line M-V2 -- 账号已停更，按整改计划处理\nlastPost: 2021-05-10\n';
    const f = setup(text, { result: pass });
    f.ctx.check.diagnostics.push({ range: f.ctx.check.parsed.rangeOf(['lastPost']), severity: 1, code: 'M-V2', message: '内容不更新', source: 'rule' });
    const result = f.service.doValidation(f.ctx);
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.suppressed, 1);
  });
});
