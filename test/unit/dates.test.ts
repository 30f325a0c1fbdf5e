// Calendar arithmetic of core/dates.ts: leap years, month ends, day numbers, Excel serials and the
// date spellings inspectors paste. Expected values are worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import {
  addDays,
  addMonths,
  compareCivil,
  dateLikeParts,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  fromExcelSerial,
  isLeapYear,
  isValidCivil,
  normaliseDateLike,
  parseIsoDate,
  toDayNumber,
} from '../../server/src/core/dates';

const d = (s: string) => {
  const c = parseIsoDate(s);
  assert.ok(c, `test date ${s}`);
  return c;
};

describe('dates', () => {
  it('knows the Gregorian leap-year rule', () => {
    assert.equal(isLeapYear(2020), true);
    assert.equal(isLeapYear(2021), false);
    assert.equal(isLeapYear(1900), false); // divisible by 100, not by 400
    assert.equal(isLeapYear(2000), true); // divisible by 400
    assert.equal(isLeapYear(2100), false);
  });

  it('gives the days of each month, February by leap year', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => daysInMonth(2021, i + 1)),
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    );
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(1900, 2), 28);
  });

  it('accepts only real days in strict YYYY-MM-DD', () => {
    assert.deepEqual(parseIsoDate('2021-06-11'), { year: 2021, month: 6, day: 11 });
    assert.deepEqual(parseIsoDate('2020-02-29'), { year: 2020, month: 2, day: 29 });
    for (const bad of ['2021-02-29', '2021-02-30', '2021-13-01', '2021-00-10', '2021-06-00', '2021-6-11', '2021/06/11', ' 2021-06-11', '2021-06-11T00:00', '']) {
      assert.equal(parseIsoDate(bad), null, bad);
    }
    assert.equal(parseIsoDate(20210611), null);
    assert.equal(isValidCivil(2021, 4, 31), false);
    assert.equal(isValidCivil(2021, 4, 30), true);
    assert.equal(isValidCivil(2021, 4.5, 3), false);
  });

  it('formats with zero padding', () => {
    assert.equal(formatIsoDate({ year: 2021, month: 6, day: 1 }), '2021-06-01');
    assert.equal(formatIsoDate({ year: 5, month: 1, day: 9 }), '0005-01-09');
  });

  it('numbers days from 1970-01-01 and back', () => {
    assert.equal(toDayNumber(d('1970-01-01')), 0);
    assert.equal(toDayNumber(d('1969-12-31')), -1);
    // 2000-01-01: 30 × 365 days plus the 7 leap days 1972…1996 = 10957 (946684800 s / 86400)
    assert.equal(toDayNumber(d('2000-01-01')), 10957);
    // then January and the leap February of 2000: 31 + 29
    assert.equal(toDayNumber(d('2000-03-01')), 10957 + 60);
    for (let n = -800; n < 60000; n += 37) assert.equal(toDayNumber(fromDayNumber(n)), n);
    assert.deepEqual(fromDayNumber(toDayNumber(d('2024-02-29'))), { year: 2024, month: 2, day: 29 });
  });

  it('counts days between dates and adds days across month and year ends', () => {
    assert.equal(daysBetween(d('2021-06-11'), d('2021-06-25')), 14);
    assert.equal(daysBetween(d('2021-06-25'), d('2021-06-11')), -14);
    assert.equal(daysBetween(d('2020-01-01'), d('2021-01-01')), 366);
    assert.equal(formatIsoDate(addDays(d('2021-12-31'), 1)), '2022-01-01');
    assert.equal(formatIsoDate(addDays(d('2020-02-28'), 1)), '2020-02-29');
    assert.equal(formatIsoDate(addDays(d('2021-06-20'), -14)), '2021-06-06');
    assert.ok(compareCivil(d('2021-06-10'), d('2021-06-11')) < 0);
    assert.equal(compareCivil(d('2021-06-11'), d('2021-06-11')), 0);
  });

  it('adds months clamping to the month end', () => {
    assert.equal(formatIsoDate(addMonths(d('2021-08-31'), -6)), '2021-02-28');
    assert.equal(formatIsoDate(addMonths(d('2020-08-31'), -6)), '2020-02-29');
    assert.equal(formatIsoDate(addMonths(d('2021-03-31'), 1)), '2021-04-30');
    assert.equal(formatIsoDate(addMonths(d('2021-01-31'), -1)), '2020-12-31');
    assert.equal(formatIsoDate(addMonths(d('2021-06-15'), -12)), '2020-06-15');
    assert.equal(formatIsoDate(addMonths(d('2021-11-30'), 3)), '2022-02-28');
  });

  it('converts Excel serials, skipping the fictitious 1900-02-29', () => {
    assert.deepEqual(fromExcelSerial(1), { year: 1900, month: 1, day: 1 });
    assert.deepEqual(fromExcelSerial(59), { year: 1900, month: 2, day: 28 });
    assert.equal(fromExcelSerial(60), null);
    assert.deepEqual(fromExcelSerial(61), { year: 1900, month: 3, day: 1 });
    // 44197 is 2021-01-01; 161 days later is 2021-06-11 (31+28+31+30+31 = 151, +10)
    assert.equal(formatIsoDate(fromExcelSerial(44197)!), '2021-01-01');
    assert.equal(formatIsoDate(fromExcelSerial(44358)!), '2021-06-11');
    // 44197 + 365 × 3 = 45292 is 2024-01-01
    assert.equal(formatIsoDate(fromExcelSerial(45292)!), '2024-01-01');
    assert.equal(fromExcelSerial(0), null);
    assert.equal(fromExcelSerial(44358.5), null);
  });

  it('normalises the spellings pasted from Excel and Word', () => {
    for (const s of ['2021/6/11', '2021.6.11', '2021年6月11日', '2021年06月11日', '2021-6-11', '20210611', '２０２１/６/１１', ' 2021/06/11 ']) {
      assert.equal(normaliseDateLike(s), '2021-06-11', s);
    }
    assert.equal(normaliseDateLike(44358), '2021-06-11');
    // impossible days, counts that are not plausible serials, and non-dates give null
    for (const v of ['2021/2/30', '2021/13/1', '2021-06', '上周五', '', 140, 20210611, true, null]) {
      assert.equal(normaliseDateLike(v), null, String(v));
    }
  });

  it('splits a date spelling into parts before checking the day exists', () => {
    assert.deepEqual(dateLikeParts('2021/2/30'), { year: 2021, month: 2, day: 30 });
    assert.deepEqual(dateLikeParts('2021年13月1日'), { year: 2021, month: 13, day: 1 });
    assert.deepEqual(dateLikeParts('20210611'), { year: 2021, month: 6, day: 11 });
    assert.equal(dateLikeParts('2021-06'), null);
    assert.equal(dateLikeParts(20210611), null);
  });
});
