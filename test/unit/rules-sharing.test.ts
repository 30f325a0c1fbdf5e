// Equal rule outcomes are shared between records (memory, and what a worker thread sends): the
// records' verdicts must not change, equal outcomes must be one object, and different ones stay apart.
import { strict as assert } from 'node:assert';
import { evaluateRecord, sameValue } from '../../server/src/core/rules/engine';
import { loadProfile } from '../../server/src/core/rules/profile';
import type { ResolvedProfile } from '../../server/src/core/rules/profileTypes';
import { MEDIA, REPO, WEBSITE } from './rules-support';

/** The national profile loaded afresh: what is shared belongs to the profile's rules, and other tests' records must not decide it. */
function fresh(): ResolvedProfile {
  return loadProfile('national-2019', REPO).profile!;
}

describe('rule outcomes shared between records', () => {
  it('gives two records with the same facts the same outcome objects', () => {
    const national = fresh();
    const a = evaluateRecord(structuredClone(MEDIA), national, 'zh-cn');
    const b = evaluateRecord({ ...structuredClone(MEDIA), name: '另一个账号' }, national, 'zh-cn');
    assert.equal(a.outcomes.length, b.outcomes.length);
    a.outcomes.forEach((o, i) => assert.equal(b.outcomes[i], o, o.ruleId));
  });

  it('keeps outcomes that differ apart, and the verdicts as they were', () => {
    const national = fresh();
    const current = evaluateRecord(structuredClone(WEBSITE), national, 'zh-cn');
    const stale = evaluateRecord({ ...structuredClone(WEBSITE), homepage: { lastUpdate: '2021-05-01' } }, national, 'zh-cn');
    const id = 'W-V3';
    const f = current.outcomes.find((o) => o.ruleId === id)!;
    const s = stale.outcomes.find((o) => o.ruleId === id)!;
    assert.notEqual(f, s);
    assert.equal(f.status, 'clear');
    assert.equal(s.status, 'hit');
    assert.equal(stale.verdict, 'fail');
    assert.equal(current.verdict, 'pass');
    // a third record like the first shares the first's outcome again
    const again = evaluateRecord(structuredClone(WEBSITE), national, 'zh-cn');
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

  it('stops comparing the outcomes of a rule that never repeat, and tries again later', () => {
    const national = fresh();
    const id = 'M-V2';
    // each record its own stale last post: M-V2's hit (its evidence names the date and the age) never repeats
    const dated = (i: number) => ({ ...structuredClone(MEDIA), lastPost: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10), name: `账号${i}` });
    for (let i = 0; i < 300; i++) evaluateRecord(dated(i), national, 'zh-cn');
    // given up: two equal outcomes are no longer made one
    const a = evaluateRecord(structuredClone(MEDIA), national, 'zh-cn').outcomes.find((o) => o.ruleId === id);
    const b = evaluateRecord(structuredClone(MEDIA), national, 'zh-cn').outcomes.find((o) => o.ruleId === id);
    assert.notEqual(a, b);
    assert.ok(sameValue(a, b));
    // after a few thousand records the rule is compared again
    for (let i = 0; i < 4200; i++) evaluateRecord(structuredClone(MEDIA), national, 'zh-cn');
    const c = evaluateRecord(structuredClone(MEDIA), national, 'zh-cn').outcomes.find((o) => o.ruleId === id);
    const d = evaluateRecord(structuredClone(MEDIA), national, 'zh-cn').outcomes.find((o) => o.ruleId === id);
    assert.equal(c, d);
  });
});
