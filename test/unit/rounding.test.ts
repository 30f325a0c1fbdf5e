import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { formatScaled, percent, percentagePointChange, roundHalfUp } from '../../server/src/core/bulletin/rounding';

describe('bulletin rounding (half-up on the exact fraction)', () => {
  it('rounds exact .5 boundaries up at 0, 1 and 2 decimals', () => {
    // 1/8 = 12.5 % exactly
    assert.equal(percent(1, 8, { decimals: 0 }).text, '13');
    // 1/16 = 6.25 % exactly; 1/32 = 3.125 %; 1/160 = 0.625 %
    assert.equal(percent(1, 16, { decimals: 1 }).text, '6.3');
    assert.equal(percent(1, 32, { decimals: 2 }).text, '3.13');
    assert.equal(percent(1, 160, { decimals: 2 }).text, '0.63');
    // 3/8 = 37.5 % → 38 (not banker's 38 either way), 5/8 = 62.5 % → 63 (banker's would give 62)
    assert.equal(percent(5, 8, { decimals: 0 }).text, '63');
    // 201/20000 = 1.005 % exactly, the classic binary-float trap
    assert.equal(percent(201, 20000, { decimals: 2 }).text, '1.01');
    assert.equal(((201 / 20000) * 100).toFixed(2), '1.00', 'binary floating point gets this one wrong');
  });

  it('prints the seed bulletin figures', () => {
    assert.equal(percent(109, 115, { decimals: 1 }).text, '94.8');
    assert.equal(percent(217, 251, { decimals: 1 }).text, '86.5');
    assert.equal(percent(251, 837, { decimals: 0 }).text, '30');
    assert.equal(percent(115, 115, { decimals: 0 }).text, '100');
  });

  it('prints a full pass as 100 without decimals and keeps a trailing zero from rounding', () => {
    assert.equal(percent(40, 40, { decimals: 1 }).text, '100');
    assert.equal(percent(40, 40, { decimals: 2 }).text, '100');
    // 19/20 = 95 % exactly → 95.0 at one decimal
    assert.equal(percent(19, 20, { decimals: 1 }).text, '95.0');
    assert.equal(percent(19, 20, { decimals: 2 }).text, '95.00');
    // 1999/2000 = 99.95 % → 100.0 at one decimal (rounded, not a full pass)
    assert.equal(percent(1999, 2000, { decimals: 1 }).text, '100.0');
  });

  it('never prints a rounded 100 while anything failed when asked', () => {
    assert.equal(percent(1999, 2000, { decimals: 1, never100: true }).text, '99.9');
    assert.equal(percent(199, 200, { decimals: 0, never100: true }).text, '99');
    assert.equal(percent(99999, 100000, { decimals: 2, never100: true }).text, '99.99');
    assert.equal(percent(100, 100, { decimals: 1, never100: true }).text, '100');
    // below the rounding edge nothing changes
    assert.equal(percent(1989, 2000, { decimals: 1, never100: true }).text, '99.5');
  });

  it('rounds negative values half away from zero and formats them', () => {
    assert.equal(roundHalfUp(-1, 8, 0), -0n);
    assert.equal(roundHalfUp(-125, 10, 0), -13n);
    assert.equal(formatScaled(-15n, 1), '-1.5');
    assert.equal(formatScaled(-5n, 2), '-0.05');
  });

  it('computes percentage-point changes exactly', () => {
    // 94.8 % − 92.5 %: 109/115 − 37/40
    assert.equal(percentagePointChange({ num: 109, den: 115 }, { num: 37, den: 40 }, 1).text, '2.3');
    assert.equal(percentagePointChange({ num: 37, den: 40 }, { num: 109, den: 115 }, 1).text, '-2.3');
    assert.equal(percentagePointChange({ num: 1, den: 2 }, { num: 1, den: 2 }, 1).text, '0.0');
  });

  it('agrees with exact decimal arithmetic on many fractions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 100000 }), fc.constantFrom(0, 1, 2), (den, rawNum, decimals) => {
        const num = rawNum % (den + 1);
        const d = decimals as 0 | 1 | 2;
        const got = percent(num, den, { decimals: d }).text;
        // reference: long division in decimal digits, one more digit than needed, then half-up by hand
        const digits: number[] = [];
        let rem = num * 100;
        const whole = Math.floor(rem / den);
        rem %= den;
        for (let i = 0; i <= d; i++) {
          rem *= 10;
          digits.push(Math.floor(rem / den));
          rem %= den;
        }
        const next = digits.pop()!;
        // exact half-up: the dropped tail is ≥ .5 exactly when its first digit is ≥ 5
        let scaled = whole * 10 ** d + digits.reduce((n, x) => n * 10 + x, 0);
        if (next >= 5) scaled += 1;
        const expected = num === den ? '100' : d === 0 ? String(scaled) : `${Math.floor(scaled / 10 ** d)}.${String(scaled % 10 ** d).padStart(d, '0')}`;
        assert.equal(got, expected, `${num}/${den} at ${d}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a zero denominator and non-integers', () => {
    assert.throws(() => percent(1, 0, { decimals: 0 }), RangeError);
    assert.throws(() => percent(0.5, 2, { decimals: 0 }), RangeError);
  });
});
