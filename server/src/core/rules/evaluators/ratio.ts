// Ratio: numerator / denominator against a percent threshold, compared exactly (7/140 is exactly
// 5%), after checking the measurement method's minimums. E.g. W-V2: failed probes ≥ 5%.
import type { NodePath } from '../../model';
import { pathText } from '../facts';
import { ceil, div, floor, frac, fromDecimal, mul, reaches, toDecimalText, type Fraction } from '../fraction';
import { t, text } from '../messages';
import type { PercentThreshold } from '../profileTypes';
import { missingOutcome, type ConditionOutcome, type EvalContext, type MissingFact } from './context';
import { readNumber } from './numbers';

/** Evaluates a ratio condition. */
export function evaluateRatio(ctx: EvalContext): ConditionOutcome {
  const c = ctx.condition;
  const th = c.threshold as PercentThreshold;
  const num = readNumber(ctx, ctx.record, [], c.numerator as string);
  const den = readNumber(ctx, ctx.record, [], c.denominator as string);
  const evidence = { numerator: c.numerator ?? null, denominator: c.denominator ?? null, thresholdPercent: th.percent, inclusive: th.inclusive };

  const absent = [num, den].filter((r) => r.absent);
  if (absent.length) return missingOutcome(ctx, absent.map((r) => r.missing as MissingFact), evidence);
  const bad = [num, den].filter((r) => r.missing);
  if (bad.length) return { status: 'undetermined', path: bad[0].path, evidence, missing: bad.map((r) => r.missing as MissingFact) };
  const a = num.value as number;
  const b = den.value as number;
  if (b === 0) return undetermined(den.path, t(ctx.locale, 'fact.zeroDenominator', { path: pathText(den.path) }), evidence);
  if (a > b)
    return undetermined(num.path, t(ctx.locale, 'fact.numeratorOver', { path: pathText(num.path), a, denominator: pathText(den.path), b }), evidence);

  // the measurement must follow the method the profile names (e.g. 7 days, ≥ 20 probes a day, 15 s)
  const methodProblems: MissingFact[] = [];
  for (const m of c.minimums ?? []) {
    const r = readNumber(ctx, ctx.record, [], m.fact);
    if (r.absent) {
      if (!m.optional) methodProblems.push(r.missing as MissingFact);
    } else if (r.missing) methodProblems.push(r.missing);
    else if (m.atLeast !== undefined && (r.value as number) < m.atLeast)
      methodProblems.push({ path: r.path, message: t(ctx.locale, 'fact.belowMethod', { path: pathText(r.path), value: r.value as number, min: m.atLeast }) });
    else if (m.atMost !== undefined && (r.value as number) > m.atMost)
      methodProblems.push({ path: r.path, message: t(ctx.locale, 'fact.aboveMethod', { path: pathText(r.path), value: r.value as number, max: m.atMost }) });
  }
  if (methodProblems.length) return { status: 'undetermined', path: methodProblems[0].path, evidence, missing: methodProblems };

  const ratio = div(fromDecimal(a), fromDecimal(b));
  const limit = mul(fromDecimal(th.percent), frac(1n, 100n));
  const percentText = percent(ratio, limit);
  const full = { ...evidence, [pathText(num.path)]: a, [pathText(den.path)]: b, percent: percentText };
  if (!reaches(ratio, limit, th.inclusive)) return { status: 'clear', path: num.path, evidence: full };

  // largest numerator that stays clear: below limit × b when inclusive, up to it otherwise
  const edge = mul(limit, fromDecimal(b));
  const largestClear = th.inclusive ? ceil(edge) - 1n : floor(edge);
  const args = {
    label: text(ctx.locale, c.label),
    a,
    b,
    numerator: c.terms ? text(ctx.locale, c.terms.numerator) : pathText(num.path),
    denominator: c.terms ? text(ctx.locale, c.terms.denominator) : pathText(den.path),
    percent: percentText,
    limit: th.percent,
    cmp: t(ctx.locale, th.inclusive ? 'cmp.reach' : 'cmp.exceed'),
  };
  return {
    status: 'hit',
    path: num.path,
    message: t(ctx.locale, 'ratio.hit', args),
    remedy: t(ctx.locale, 'remedy.ratio', { ...args, largest: largestClear.toString() }),
    evidence: full,
    occurrences: 1,
  };
}

/** The ratio as a percent with two decimals, more when two decimals would seem to cross the limit. */
function percent(ratio: Fraction, limit: Fraction): string {
  const hundred = frac(100n);
  const p = mul(ratio, hundred);
  const shown = toDecimalText(p, 2, true);
  const shownValue = fromDecimal(Number(shown));
  const l = mul(limit, hundred);
  const sideExact = Math.sign(Number(p.n * l.d - l.n * p.d));
  const sideShown = Math.sign(Number(shownValue.n * l.d - l.n * shownValue.d));
  return sideExact === sideShown ? shown : toDecimalText(p, 4, true);
}

function undetermined(path: NodePath, message: string, evidence: ConditionOutcome['evidence']): ConditionOutcome {
  return { status: 'undetermined', path, evidence, missing: [{ path, message }] };
}
