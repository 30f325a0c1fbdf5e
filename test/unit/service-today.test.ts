import { strict as assert } from 'node:assert';
import { todayInChina } from '../../server/src/core/dates';

describe('service: today in China', () => {
  it('turns at midnight Beijing time (16:00 UTC), whatever the local time zone', () => {
    assert.equal(todayInChina(Date.UTC(2021, 5, 17, 15, 59, 59)), '2021-06-17');
    assert.equal(todayInChina(Date.UTC(2021, 5, 17, 16, 0, 0)), '2021-06-18');
    assert.equal(todayInChina(Date.UTC(2020, 1, 28, 16, 0, 0)), '2020-02-29');
  });
});
