// Exact rational arithmetic for thresholds and scores: 7/140 must equal 5% exactly, 60 must pass
// and 75 × 4/3 must be exactly 100, which binary floating point does not guarantee.

/** A non-normalised-sign rational with a positive bigint denominator. */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

/** The fraction n/d in lowest terms. */
export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('zero denominator');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
}

/** The exact value of a finite decimal number as written (5.01 → 501/100), never its binary approximation. */
export function fromDecimal(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m) throw new RangeError(`unexpected number text: ${s}`);
  const digits = BigInt(m[2] + (m[3] ?? ''));
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const sign = m[1] ? -1n : 1n;
  return exp >= 0 ? frac(sign * digits * 10n ** BigInt(exp)) : frac(sign * digits, 10n ** BigInt(-exp));
}

export const add = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d, a.d * b.n);

/** Negative, zero or positive as a < b, a = b, a > b. */
export function cmp(a: Fraction, b: Fraction): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const min = (a: Fraction, b: Fraction): Fraction => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Fraction, b: Fraction): Fraction => (cmp(a, b) >= 0 ? a : b);

/** Whether `value` reaches a threshold: ≥ when inclusive, > otherwise. */
export function reaches(value: Fraction, threshold: Fraction, inclusive: boolean): boolean {
  const c = cmp(value, threshold);
  return inclusive ? c >= 0 : c > 0;
}

/** Smallest integer ≥ a. */
export function ceil(a: Fraction): bigint {
  const q = a.n / a.d;
  return a.n % a.d === 0n ? q : a.n > 0n ? q + 1n : q;
}

/** Largest integer ≤ a. */
export function floor(a: Fraction): bigint {
  const q = a.n / a.d;
  return a.n % a.d === 0n ? q : a.n > 0n ? q : q - 1n;
}

/**
 * Decimal text with at most `places` decimals, half-up; trailing zeros dropped unless `fixed`.
 * Rounding is done on the exact fraction, so 4.995 prints 5.00 only when it really is ≥ 4.995.
 */
export function toDecimalText(a: Fraction, places: number, fixed = false): string {
  const scale = 10n ** BigInt(places);
  const neg = a.n < 0n;
  const absN = neg ? -a.n : a.n;
  // half-up on the absolute value: floor(x * scale + 1/2)
  const scaled = (absN * scale * 2n + a.d) / (a.d * 2n);
  let int = (scaled / scale).toString();
  let dec = places > 0 ? (scaled % scale).toString().padStart(places, '0') : '';
  if (!fixed) dec = dec.replace(/0+$/, '');
  if (neg && scaled !== 0n) int = '-' + int;
  return dec ? `${int}.${dec}` : int;
}

/** Truncated (toward −∞) decimal text: used where a rounded figure must not cross a line it has not reached. */
export function toDecimalTextFloor(a: Fraction, places: number): string {
  const scale = 10n ** BigInt(places);
  return toDecimalText(frac(floor(mul(a, frac(scale))), scale), places);
}
