// The arithmetic under the rules: look-back windows and reply limits on calendar dates (month ends,
// leap years, inclusive limits), and exact fractions for ratios and scores. Expected values are
// worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { formatIsoDate, parseIsoDate } from '../../server/src/core/dates';
import { firstDayInside, isLagOver, isOlderThan, windowStart } from '../../server/src/core/rules/calendarWindows';
import { cmp, frac, fromDecimal, mul, reaches, toDecimalText, toDecimalTextFloor } from '../../server/src/core/rules/fraction';
import type { CalendarWindow } from '../../server/src/core/rules/profileTypes';

const d = (s: string) => {
  const c = parseIsoDate(s);
  assert.ok(c, s);
  return c;
};
const days = (length: number, limitInside = true): CalendarWindow => ({ length, unit: 'days', limitInside });
const months = (length: number, limitInside = true): CalendarWindow => ({ length, unit: 'months', limitInside });

describe('rules: calendar windows', () => {
  it('counts a 14-day window back from the check date: 14 days old is inside, 15 is stale', () => {
    // check 06-15: window starts 06-01 (15 − 14)
    assert.equal(formatIsoDate(windowStart(d('2021-06-15'), days(14))), '2021-06-01');
    const table: [string, boolean][] = [
      ['2021-06-02', false], // 13 days
      ['2021-06-01', false], // 14 days: on the limit, inside
      ['2021-05-31', true], // 15 days
    ];
    for (const [date, stale] of table) assert.equal(isOlderThan(d(date), d('2021-06-15'), days(14)), stale, date);
  });

  it('with the limit outside the window, exactly N days is already stale', () => {
    assert.equal(isOlderThan(d('2021-06-01'), d('2021-06-15'), days(14, false)), true);
    assert.equal(isOlderThan(d('2021-06-02'), d('2021-06-15'), days(14, false)), false);
    assert.equal(formatIsoDate(firstDayInside(d('2021-06-15'), days(14, false))), '2021-06-02');
    assert.equal(formatIsoDate(firstDayInside(d('2021-06-15'), days(14))), '2021-06-01');
  });

  it('moves by calendar months with month-end clamping, leap years included', () => {
    const table: [string, number, string][] = [
      ['2021-08-31', 6, '2021-02-28'], // no 02-31: clamp to February's end
      ['2020-08-31', 6, '2020-02-29'], // leap year
      ['2100-08-31', 6, '2100-02-28'], // 2100 is not a leap year
      ['2021-03-31', 6, '2020-09-30'],
      ['2021-06-15', 6, '2020-12-15'],
      ['2021-01-31', 12, '2020-01-31'],
      ['2021-03-31', 1, '2021-02-28'],
    ];
    for (const [check, n, start] of table) assert.equal(formatIsoDate(windowStart(d(check), months(n))), start, `${check} − ${n} months`);
  });

  it('a 6-month window ending 08-31 keeps 02-28 (02-29 in a leap year) and drops the day before', () => {
    assert.equal(isOlderThan(d('2021-02-28'), d('2021-08-31'), months(6)), false);
    assert.equal(isOlderThan(d('2021-02-27'), d('2021-08-31'), months(6)), true);
    assert.equal(isOlderThan(d('2020-02-29'), d('2020-08-31'), months(6)), false);
    assert.equal(isOlderThan(d('2020-02-28'), d('2020-08-31'), months(6)), true);
  });

  it('a reply limit of "more than 3 months": exactly 3 months is not late, one day more is', () => {
    // received 03-15, 3 months later is 06-15
    assert.equal(isLagOver(d('2021-03-15'), d('2021-06-15'), months(3)), false);
    assert.equal(isLagOver(d('2021-03-15'), d('2021-06-16'), months(3)), true);
    // month end: 11-30 + 3 months = 02-28 (2021 is not a leap year), 02-29 in 2020
    assert.equal(isLagOver(d('2020-11-30'), d('2021-02-28'), months(3)), false);
    assert.equal(isLagOver(d('2020-11-30'), d('2021-03-01'), months(3)), true);
    assert.equal(isLagOver(d('2019-11-30'), d('2020-02-29'), months(3)), false);
    assert.equal(isLagOver(d('2019-11-30'), d('2020-03-01'), months(3)), true);
    // a limit that counts when reached
    assert.equal(isLagOver(d('2021-03-15'), d('2021-06-15'), months(3, false)), true);
  });
});

describe('rules: exact fractions', () => {
  it('reads decimals as written, not as binary approximations', () => {
    assert.deepEqual(fromDecimal(5.01), frac(501n, 100n));
    assert.deepEqual(fromDecimal(0.1), frac(1n, 10n));
    assert.deepEqual(fromDecimal(75), frac(75n));
    assert.deepEqual(fromDecimal(1e-7), frac(1n, 10000000n));
  });

  it('compares a ratio with a percent threshold exactly at 4.99%, 5%, 5.01%', () => {
    const five = mul(fromDecimal(5), frac(1n, 100n));
    assert.equal(reaches(frac(499n, 10000n), five, true), false);
    assert.equal(reaches(frac(500n, 10000n), five, true), true);
    assert.equal(reaches(frac(501n, 10000n), five, true), true);
    assert.equal(reaches(frac(7n, 140n), five, true), true); // 7/140 is exactly 5%
    assert.equal(reaches(frac(7n, 140n), five, false), false); // exclusive: 5% is not above 5%
  });

  it('75 × 4/3 is exactly 100, and 44.9 × 4/3 stays below 60', () => {
    assert.equal(cmp(mul(fromDecimal(75), frac(4n, 3n)), fromDecimal(100)), 0);
    const x = mul(fromDecimal(44.9), frac(4n, 3n)); // 59.8666…
    assert.equal(reaches(x, fromDecimal(60), true), false);
    assert.equal(toDecimalText(x, 2), '59.87');
    assert.equal(toDecimalTextFloor(x, 2), '59.86');
  });

  it('prints half-up with fixed or trimmed decimals', () => {
    assert.equal(toDecimalText(frac(1n, 200n), 2), '0.01'); // 0.005 → 0.01
    assert.equal(toDecimalText(frac(499n, 100n), 2, true), '4.99');
    assert.equal(toDecimalText(frac(5n), 2, true), '5.00');
    assert.equal(toDecimalText(frac(5n), 2), '5');
    assert.equal(toDecimalText(frac(-1n, 3n), 2), '-0.33');
  });
});
