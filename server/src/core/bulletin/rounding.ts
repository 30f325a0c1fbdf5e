// Percentages exactly as offices print them: computed on the exact fraction with integer (BigInt)
// arithmetic and rounded half-up (四舍五入), so 1/8 = 12.5% gives 13% and no binary floating-point
// surprise can turn an exact .5 into .4999….
export type Decimals = 0 | 1 | 2;
/** 四舍五入 (half-up), or cutting the digits off (some issuers print 291/294 as 98.9). */
export type Rounding = 'half-up' | 'truncate';

export interface PercentOptions {
  /** Digits after the decimal point. */
  decimals: Decimals;
  /** Never print a rounded 100 while the fraction is below 1 (99.9 / 99 / 99.99 instead). */
  never100?: boolean;
  rounding?: Rounding;
  /** A percentage that is exactly whole prints without decimals (50, not 50.00). */
  wholeBare?: boolean;
}

/** A rounded figure: the printed digits and the exact scaled integer behind them. */
export interface RoundedFigure {
  /** Printed digits without the `%` sign, e.g. `94.8`, `100`, `95.0`, `-1.5`. */
  text: string;
  /** The value times 10^decimals, as an integer (e.g. 948 for 94.8 at one decimal). */
  scaled: bigint;
  decimals: Decimals;
}

const TEN = 10n;

function pow10(n: number): bigint {
  let r = 1n;
  for (let i = 0; i < n; i++) r *= TEN;
  return r;
}

function toBig(n: number | bigint, what: string): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer: ${n}`);
  return BigInt(n);
}

/** |num/den| as a non-negative numerator over a positive denominator, and the fraction's sign. */
function magnitude(num: number | bigint, den: number | bigint): { n: bigint; d: bigint; negative: boolean } {
  let n = toBig(num, 'numerator');
  let d = toBig(den, 'denominator');
  if (d === 0n) throw new RangeError('denominator is zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  return { n: negative ? -n : n, d, negative };
}

/** Rounds |num/den| × 10^decimals half-up and restores the sign (half away from zero). */
export function roundHalfUp(num: number | bigint, den: number | bigint, decimals: Decimals): bigint {
  const { n, d, negative } = magnitude(num, den);
  const scaledNum = n * pow10(decimals);
  let q = scaledNum / d;
  const r = scaledNum % d;
  if (2n * r >= d) q += 1n;
  return negative ? -q : q;
}

/** Rounds |num/den| × 10^decimals toward zero and restores the sign. */
export function truncate(num: number | bigint, den: number | bigint, decimals: Decimals): bigint {
  const { n, d, negative } = magnitude(num, den);
  const q = (n * pow10(decimals)) / d;
  return negative ? -q : q;
}

/** Prints a scaled integer with its decimals, keeping trailing zeros (`95.0`). */
export function formatScaled(scaled: bigint, decimals: Decimals): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const unit = pow10(decimals);
  const whole = abs / unit;
  const frac = abs % unit;
  const body = decimals === 0 ? whole.toString() : `${whole}.${frac.toString().padStart(decimals, '0')}`;
  return negative ? `-${body}` : body;
}

/**
 * The percentage num/den × 100, half-up at `decimals`. A full pass (num = den) prints `100`
 * without decimals; with `never100` a rounded 100 below a full pass prints 99.9 (99, 99.99).
 */
export function percent(num: number | bigint, den: number | bigint, options: PercentOptions): RoundedFigure {
  const n = toBig(num, 'numerator');
  const d = toBig(den, 'denominator');
  const { decimals } = options;
  if (n === d && d !== 0n) return { text: '100', scaled: 100n * pow10(decimals), decimals };
  // ×100 first so that the rounding happens once, on the exact percentage
  let scaled = options.rounding === 'truncate' ? truncate(n * 100n, d, decimals) : roundHalfUp(n * 100n, d, decimals);
  if (options.wholeBare && d !== 0n && (n * 100n) % d === 0n) return { text: ((n * 100n) / d).toString(), scaled: ((n * 100n) / d) * pow10(decimals), decimals };
  const hundred = 100n * pow10(decimals);
  if (options.never100 && scaled >= hundred && n < d) scaled = hundred - 1n;
  return { text: formatScaled(scaled, decimals), scaled, decimals };
}

/** Exact difference a/b − c/d in percentage points, half-up at `decimals` (sign kept). */
export function percentagePointChange(
  current: { num: number; den: number },
  previous: { num: number; den: number },
  decimals: Decimals,
): RoundedFigure {
  const a = toBig(current.num, 'numerator');
  const b = toBig(current.den, 'denominator');
  const c = toBig(previous.num, 'numerator');
  const d = toBig(previous.den, 'denominator');
  // a/b − c/d = (ad − cb) / bd, then ×100 for points
  const scaled = roundHalfUp((a * d - c * b) * 100n, b * d, decimals);
  return { text: formatScaled(scaled, decimals), scaled, decimals };
}
