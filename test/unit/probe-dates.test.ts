// Dates as list pages print them, and the year of a date printed without one.
import { strict as assert } from 'node:assert';
import { completeDate, dateCell, datesInUrl } from '../../server/src/core/probe/pageDates';

const full = (y: number, m: number, d: number) => ({ kind: 'full', date: { year: y, month: m, day: d } });
const partial = (m: number, d: number) => ({ kind: 'partial', month: m, day: d });

describe('probe: dates on list pages', () => {
  it('reads every format list pages print', () => {
    assert.deepEqual(dateCell('2021-06-10'), full(2021, 6, 10));
    assert.deepEqual(dateCell('[2021-06-10]'), full(2021, 6, 10));
    assert.deepEqual(dateCell('【2021-6-1】'), full(2021, 6, 1));
    assert.deepEqual(dateCell('2021/06/10'), full(2021, 6, 10));
    assert.deepEqual(dateCell('2021.06.10'), full(2021, 6, 10));
    assert.deepEqual(dateCell('2021年6月10日'), full(2021, 6, 10));
    assert.deepEqual(dateCell(' 2021 年 6 月 10 日 '), full(2021, 6, 10));
    assert.deepEqual(dateCell('2021-06-01 10:23'), full(2021, 6, 1));
    assert.deepEqual(dateCell('发布时间：2021-06-10'), full(2021, 6, 10));
    assert.deepEqual(dateCell('(2021-06-10)'), full(2021, 6, 10));
    assert.deepEqual(dateCell('06-10'), partial(6, 10));
    assert.deepEqual(dateCell('[06-08]'), partial(6, 8));
    assert.deepEqual(dateCell('6月10日'), partial(6, 10));
  });

  it('takes no date out of a title, a clock, a copyright or an impossible day', () => {
    assert.equal(dateCell('关于2021年6月1日起调整城区公交线路的说明'), undefined);
    assert.equal(dateCell('今天是2021年6月15日 星期二'), undefined);
    assert.equal(dateCell('©2005-2021'), undefined);
    assert.equal(dateCell('2021-02-30'), undefined);
    assert.equal(dateCell('13-01'), undefined);
    assert.equal(dateCell('网站更新时间：2021-06-15'), undefined);
  });

  it('finds the date an item address carries (TRS, Hanweb)', () => {
    assert.deepEqual(datesInUrl('http://x.gov.cn/gzdt/202106/t20210609_123456.html'), [{ year: 2021, month: 6, day: 9 }]);
    assert.deepEqual(datesInUrl('http://x.gov.cn/art/2021/6/7/art_1231_98765.html'), [{ year: 2021, month: 6, day: 7 }]);
    assert.deepEqual(datesInUrl('http://x.gov.cn/col/col1234/art/1302.html'), []);
  });

  it('gives a date without a year the year of its address, else the latest one not after the day read', () => {
    const readOn = { year: 2021, month: 6, day: 15 };
    assert.deepEqual(completeDate(partial(6, 8) as never, readOn, 'http://x/tzgg/202106/t20210608_2001.html'), { year: 2021, month: 6, day: 8 });
    // an item of last December, read in June
    assert.deepEqual(completeDate(partial(12, 28) as never, readOn), { year: 2020, month: 12, day: 28 });
    assert.deepEqual(completeDate(partial(6, 15) as never, readOn), { year: 2021, month: 6, day: 15 });
    assert.deepEqual(completeDate(partial(6, 16) as never, readOn), { year: 2020, month: 6, day: 16 });
    // the address wins over the day read: an item of 2019 listed without its year
    assert.deepEqual(completeDate(partial(5, 30) as never, readOn, 'http://x/art/2019/5/30/art_1_2.html'), { year: 2019, month: 5, day: 30 });
    // 02-29 only in a leap year
    assert.deepEqual(completeDate(partial(2, 29) as never, readOn), { year: 2020, month: 2, day: 29 });
  });
});
