// Equal rule outcomes are shared between records (memory, and what a worker thread sends): the
// records' verdicts must not change, equal outcomes must be one object, and different ones stay apart.
import { strict as assert } from 'node:assert';
import { evaluateRecord, sameValue } from '../../server/src/core/rules/engine';
import { MEDIA, WEBSITE, profile } from './rules-support';

describe('rule outcomes shared between records', () => {
  it('gives two records with the same facts the same outcome objects', () => {
    const a = evaluateRecord(structuredClone(MEDIA), profile(), 'zh-cn');
    const b = evaluateRecord({ ...structuredClone(MEDIA), name: '另一个账号' }, profile(), 'zh-cn');
    assert.equal(a.outcomes.length, b.outcomes.length);
    a.outcomes.forEach((o, i) => assert.equal(b.outcomes[i], o, o.ruleId));
  });

  it('keeps outcomes that differ apart, and the verdicts as they were', () => {
    const fresh = evaluateRecord(structuredClone(WEBSITE), profile(), 'zh-cn');
    const stale = evaluateRecord({ ...structuredClone(WEBSITE), homepage: { lastUpdate: '2021-05-01' } }, profile(), 'zh-cn');
    const id = 'W-V3';
    const f = fresh.outcomes.find((o) => o.ruleId === id)!;
    const s = stale.outcomes.find((o) => o.ruleId === id)!;
    assert.notEqual(f, s);
    assert.equal(f.status, 'clear');
    assert.equal(s.status, 'hit');
    assert.equal(stale.verdict, 'fail');
    assert.equal(fresh.verdict, 'pass');
    // a third record like the first shares the first's outcome again
    const again = evaluateRecord(structuredClone(WEBSITE), profile(), 'zh-cn');
    assert.equal(again.outcomes.find((o) => o.ruleId === id), f);
  });

  it('compares plain values field by field', () => {
    assert.ok(sameValue({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] }));
    assert.ok(!sameValue({ a: [1, 2] }, { a: [1, 2, 3] }));
    assert.ok(!sameValue({ a: 1 }, { a: 1, b: undefined }));
    assert.ok(!sameValue([], {}));
    assert.ok(!sameValue({ a: '1' }, { a: 1 }));
    assert.ok(!sameValue(null, {}));
  });
});
