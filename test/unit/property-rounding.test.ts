// Property-based tests of the bulletin's arithmetic: half-up rounding agrees with exact decimal
// arithmetic done independently in BigInt; pass rates and sampling ratios stay within [0, 100];
// and on random campaigns the aggregation's failures never exceed what was checked and every
// breakdown adds up to its totals.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import { formatScaled, percent, percentagePointChange, roundHalfUp, type Decimals } from '../../server/src/core/bulletin/rounding';
import { resolveSettings } from '../../server/src/core/bulletin/settings';
import { PLATFORMS, type AnalysedRecord } from '../../server/src/core/model';
import { campaign, media, veto, website } from './support/bulletinCampaign';
import { runs, seed } from './support/propertyRuns';

const decimalsArb = fc.constantFrom<Decimals>(0, 1, 2);

/**
 * |num/den| × 10^decimals rounded half-up, sign restored, by long division digit by digit (the
 * way it is done on paper): an implementation independent of the one under test.
 */
function paperRound(num: bigint, den: bigint, decimals: number): bigint {
  const negative = num < 0n !== den < 0n && num !== 0n;
  let n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  let whole = n / d;
  n = n % d;
  const digits: number[] = [];
  // one digit more than kept: it decides the rounding; the rest only matters for exact halves,
  // which the extra digit (5) and the remainder settle: half-up rounds 5 and above up
  for (let i = 0; i <= decimals; i++) {
    n *= 10n;
    digits.push(Number(n / d));
    n = n % d;
  }
  const deciding = digits.pop()!;
  let scaled = whole;
  for (const digit of digits) scaled = scaled * 10n + BigInt(digit);
  if (deciding >= 5) scaled += 1n;
  whole = scaled;
  return negative ? -whole : whole;
}

describe('property: bulletin arithmetic', function () {
  this.timeout(120000);

  it('half-up rounding agrees with exact decimal arithmetic (long division in BigInt)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n), decimalsArb, (num, den, decimals) => {
        assert.equal(roundHalfUp(num, den, decimals), paperRound(num, den, decimals));
      }),
      { numRuns: runs(2000), seed: seed() },
    );
  });

  it('exact halves round up (away from zero), whatever their size', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), decimalsArb, fc.boolean(), (k, decimals, negative) => {
        // (2k + 1) / 2 at the last kept digit is exactly k + ½ there
        const den = 2n * 10n ** BigInt(decimals);
        const num = (2n * k + 1n) * (negative ? -1n : 1n);
        assert.equal(roundHalfUp(num, den, decimals), negative ? -(k + 1n) : k + 1n);
      }),
      { numRuns: runs(500), seed: seed() },
    );
  });

  it('a percentage of part ≤ whole lies in [0, 100], prints its scaled value, and 100 only for all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), decimalsArb, fc.boolean(), (den, raw, decimals, never100) => {
        const num = raw % (den + 1);
        const f = percent(num, den, { decimals, never100 });
        const unit = 10n ** BigInt(decimals);
        assert.ok(f.scaled >= 0n && f.scaled <= 100n * unit, `${num}/${den} → ${f.text}`);
        if (num === den) assert.equal(f.text, '100');
        else {
          assert.equal(f.text, formatScaled(f.scaled, decimals));
          assert.match(f.text, decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${decimals}}$`));
          assert.equal(f.scaled, never100 && paperRound(BigInt(num) * 100n, BigInt(den), decimals) === 100n * unit ? 100n * unit - 1n : paperRound(BigInt(num) * 100n, BigInt(den), decimals));
          if (never100) assert.ok(f.scaled < 100n * unit, `${num}/${den} printed as 100 with never100`);
        }
        if (num === 0) assert.equal(f.scaled, 0n);
      }),
      { numRuns: runs(2000), seed: seed() },
    );
  });

  it('a change in percentage points is the exact difference of the two fractions, rounded once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(),
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(),
        decimalsArb,
        (b, ra, d, rc, decimals) => {
          const a = ra % (b + 1);
          const c = rc % (d + 1);
          const f = percentagePointChange({ num: a, den: b }, { num: c, den: d }, decimals);
          const exact = paperRound(BigInt(a * d - c * b) * 100n, BigInt(b) * BigInt(d), decimals);
          assert.equal(f.scaled, exact);
          assert.ok(f.scaled >= -100n * 10n ** BigInt(decimals) && f.scaled <= 100n * 10n ** BigInt(decimals));
        },
      ),
      { numRuns: runs(1000), seed: seed() },
    );
  });

  describe('aggregation of random campaigns', () => {
    const settings = resolveSettings(undefined);
    const regions = ['省直', '海口市', '儋州市', '定安县', undefined];
    const levels = ['省级', '市级', '县级', '乡镇级', undefined] as const;

    const recordArb: fc.Arbitrary<AnalysedRecord> = fc
      .record({
        isSite: fc.boolean(),
        n: fc.nat({ max: 40 }),
        platform: fc.constantFrom(...PLATFORMS),
        region: fc.constantFrom(...regions),
        level: fc.constantFrom(...levels),
        verdict: fc.constantFrom('pass' as const, 'fail' as const, 'undetermined' as const),
        registry: fc.constantFrom('matched' as const, 'unregistered' as const, 'near-miss' as const, 'closed-but-active' as const, 'not-applicable' as const),
        source: fc.constantFrom('抽查' as const, '库外发现' as const, '复查' as const),
      })
      .map((r) => {
        const o = {
          region: r.region,
          ownerLevel: r.level,
          verdict: r.verdict,
          hits: r.verdict === 'fail' ? [veto(r.isSite ? 'W-V2' : 'M-V2')] : [],
          registry: r.registry,
          source: r.source,
        };
        return r.isSite ? website(`网站${r.n}`, `46000000${String(r.n).padStart(2, '0')}`, o) : media(r.platform, `账号${r.n}`, o);
      });

    it('failures ≤ checked, rates in [0, 100], breakdowns add up to the totals', () => {
      fc.assert(
        fc.property(
          fc.array(recordArb, { maxLength: 60 }),
          fc.option(fc.nat({ max: 200 })),
          fc.option(fc.nat({ max: 200 })),
          (records, sites, accounts) => {
            const m = aggregateCampaign(campaign(records, { population: { websites: sites, media: accounts } }), settings);
            for (const k of [m.websites, m.media]) {
              const checkedEntries = m.entries.filter((e) => e.entity.kind === k.kind && e.checked);
              assert.equal(k.checked, checkedEntries.length);
              assert.equal(k.failed, checkedEntries.filter((e) => e.verdict === 'fail').length);
              assert.ok(k.failed <= k.checked && k.passed <= k.checked && k.undetermined <= k.checked);
              assert.equal(k.passed + k.failed + k.undetermined, k.checked);
              assert.ok(k.unregisteredFailed <= k.unregistered);
              // a population smaller than the sample is a data error of its own (the ratio then exceeds 100)
              const ratio = k.population !== null && k.population >= k.checked ? k.samplingRatio : null;
              for (const f of [k.passRate, ratio]) {
                if (f) assert.ok(f.scaled >= 0n && f.scaled <= 100n * 10n ** BigInt(f.decimals), `${k.kind} ${f.text}`);
              }
              if (k.checked === 0) assert.equal(k.passRate, null);
              for (const b of k.breakdowns) {
                assert.equal(b.rows.reduce((s, r) => s + r.checked, 0), b.checkedSum, `${k.kind} by ${b.by}`);
                assert.equal(b.rows.reduce((s, r) => s + r.failed, 0), b.failedSum, `${k.kind} by ${b.by}`);
                assert.equal(b.checkedSum + b.unassigned.checked, k.checked, `${k.kind} by ${b.by}: checked`);
                assert.equal(b.failedSum + b.unassigned.failed, k.failed, `${k.kind} by ${b.by}: failed`);
                assert.equal(b.matches, true);
                for (const r of b.rows) {
                  assert.ok(r.failed <= r.checked, `${b.by} ${r.key}`);
                  if (r.passRate) assert.ok(r.passRate.scaled >= 0n && r.passRate.scaled <= 100n * 10n ** BigInt(r.passRate.decimals));
                }
              }
            }
            assert.deepEqual(m.sumMismatches, []);
            // a region's call-out counts distinct records: no fewer than either list, no more than both
            for (const c of m.callouts) {
              assert.ok(c.total >= Math.max(c.failed, c.unregistered) && c.total <= c.failed + c.unregistered, JSON.stringify(c));
              assert.ok(c.unregisteredFailed <= c.unregistered);
            }
          },
        ),
        { numRuns: runs(200), seed: seed() },
      );
    });
  });
});
