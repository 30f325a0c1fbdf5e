// The portal score (national structure: 100 deduction points, pass at 60, bonus above 80, each
// indicator floored at 0, 75 × 4/3 for departments without services), computed exactly and only
// when the profile defines how every second-level item is deducted — never with invented points.
import type { Locale } from '../model';
import type { RuleOutcome } from './engine';
import { add, cmp, frac, fromDecimal, max, min, mul, reaches, sub, toDecimalText, toDecimalTextFloor, type Fraction } from './fraction';
import { t, text } from './messages';
import { testAll, type PredicateContext } from './predicates';
import type { Confidence, ResolvedProfile, Rule, ScoringIndicator } from './profileTypes';

export interface IndicatorScore {
  id: string;
  name: string;
  points: string;
  deducted: string;
  score: string;
  /** Deductions exceeded the indicator's points (floored at 0). */
  capped: boolean;
  /** Not checked for this record (e.g. services of a department without services). */
  skipped: boolean;
  undefinedItems: string[];
  confidence: Confidence;
}

export interface ScoreBreakdown {
  applies: boolean | 'unknown';
  computable: boolean;
  /** The final score (deductions part, scaled, plus bonus), rounded for display; null when none. */
  score: number | null;
  scoreText: string | null;
  /** Deduction part after scaling; when not computable, the most it can be (unknown items deduct nothing). */
  base: string | null;
  bonus: string | null;
  scale: { id: string; name: string; factor: string } | null;
  indicators: IndicatorScore[];
  bonusIndicators: IndicatorScore[];
  /** What the score says about the verdict when no veto is hit. */
  decides: 'pass' | 'fail' | 'undetermined';
  /** Deduction rules this record's facts leave undecided (a gap of the record, not of the profile). */
  undecidedRules: string[];
  reasons: string[];
}

/** Computes the score part of a record's result (null when the profile has no scoring section). */
export function computeScore(
  profile: ResolvedProfile,
  record: unknown,
  outcomes: RuleOutcome[],
  pctx: PredicateContext,
  locale: Locale,
): ScoreBreakdown | null {
  const s = profile.scoring;
  if (!s) return null;
  const empty = { computable: false, score: null, scoreText: null, base: null, bonus: null, scale: null, indicators: [], bonusIndicators: [], undecidedRules: [] };
  const applies = testAll(pctx, s.appliesTo, record, []);
  if (applies.value === false)
    return { ...empty, applies: false, decides: 'pass', reasons: [t(locale, 'score.notApplicable', { conditions: describeAppliesTo(locale, s.appliesTo) })] };
  if (applies.value === 'unknown')
    return { ...empty, applies: 'unknown', decides: 'undetermined', reasons: [t(locale, 'score.applicabilityUnknown', { reason: applies.missing?.message ?? '' })] };

  const scale = (s.scaled ?? []).find((x) => testAll(pctx, x.when, record, []).value === true) ?? null;
  const skip = new Set(scale?.skip ?? []);
  const byId = new Map(outcomes.map((o) => [o.ruleId, o]));
  const deductionRules = profile.rules.filter((r) => !r.disabled && r.deduction);
  const bonusRules = profile.rules.filter((r) => !r.disabled && r.bonus);

  const reasons: string[] = [];
  const undeterminedRules = new Set<string>();
  // each indicator's row for output, with its exact score beside it for the arithmetic
  const scoreIndicators = (inds: ScoringIndicator[], rules: Rule[], which: 'deduction' | 'bonus'): { row: IndicatorScore; exact: Fraction }[] =>
    inds.map((ind) => {
      const skipped = skip.has(ind.id);
      const undefinedItems: string[] = [];
      let taken = frac(0n);
      for (const item of ind.items) {
        const itemRules = rules.filter((r) => r[which]?.item === item.id);
        if (itemRules.length === 0) undefinedItems.push(text(locale, item.name));
        for (const r of itemRules) {
          const o = byId.get(r.id);
          if (!o) continue;
          if (o.status === 'undetermined' && !skipped) undeterminedRules.add(r.id);
          if (o.status !== 'hit') continue;
          const p = r[which]!;
          let sum = frac(0n);
          for (const c of o.conditions)
            if (c.status === 'hit' && c.kind === which) sum = add(sum, mul(fromDecimal(p.perOccurrence), fromDecimal(c.outcome?.occurrences ?? 1)));
          taken = add(taken, p.max !== undefined ? min(sum, fromDecimal(p.max)) : sum);
        }
      }
      const points = fromDecimal(ind.points);
      const score = which === 'deduction' ? max(frac(0n), sub(points, taken)) : min(points, taken);
      const row: IndicatorScore = {
        id: ind.id,
        name: text(locale, ind.name),
        points: toDecimalText(points, 2),
        deducted: toDecimalText(taken, 2),
        score: toDecimalText(score, 2),
        capped: cmp(taken, points) > 0,
        skipped,
        undefinedItems,
        confidence: ind.confidence ?? 'high',
      };
      return { row, exact: score };
    });

  const indicators = scoreIndicators(s.indicators, deductionRules, 'deduction');
  const active = indicators.filter((i) => !i.row.skipped);
  const factor = scale ? frac(BigInt(scale.factor.numerator), BigInt(scale.factor.denominator)) : frac(1n);
  const base = mul(
    active.reduce((acc, i) => add(acc, i.exact), frac(0n)),
    factor,
  );
  const undefinedItems = active.flatMap((i) => i.row.undefinedItems);
  const computable = undefinedItems.length === 0 && undeterminedRules.size === 0;
  const passLine = fromDecimal(s.pass.value);
  const lines = [passLine, ...(s.bonus ? [fromDecimal(s.bonus.above.value)] : [])];

  if (undefinedItems.length)
    reasons.push(t(locale, 'score.itemsUndefined', { n: undefinedItems.length, items: undefinedItems.join(t(locale, 'list.separator')), profile: profile.id }));
  if (undeterminedRules.size) reasons.push(t(locale, 'score.deductionsUndetermined', { rules: [...undeterminedRules].join(t(locale, 'list.separator')) }));

  let decides: ScoreBreakdown['decides'];
  let bonus: Fraction | null = null;
  let bonusIndicators: { row: IndicatorScore; exact: Fraction }[] = [];
  if (computable) {
    decides = reaches(base, passLine, s.pass.inclusive) ? 'pass' : 'fail';
    if (decides === 'fail') reasons.push(t(locale, 'score.belowPass', { score: display(base, lines), pass: s.pass.value }));
    const low = active.filter((i) => i.row.confidence === 'low' && !s.indicators.find((x) => x.id === i.row.id)?.confirmed);
    if (low.length)
      reasons.push(t(locale, 'score.lowConfidencePoints', { items: low.map((i) => `${i.row.name} ${i.row.points}`).join(t(locale, 'list.separator')) }));
    if (s.bonus && reaches(base, fromDecimal(s.bonus.above.value), s.bonus.above.inclusive)) {
      const bonusInds = s.bonusIndicators ?? [];
      bonusIndicators = scoreIndicators(bonusInds, bonusRules, 'bonus');
      const bonusUndefined = bonusIndicators.flatMap((i) => i.row.undefinedItems);
      if (bonusInds.length === 0) reasons.push(t(locale, 'score.bonusUndefined', { profile: profile.id }));
      else if (bonusUndefined.length)
        reasons.push(t(locale, 'score.bonusItemsUndefined', { n: bonusUndefined.length, items: bonusUndefined.join(t(locale, 'list.separator')) }));
      else
        bonus = min(
          fromDecimal(s.bonus.max),
          bonusIndicators.reduce((acc, i) => add(acc, i.exact), frac(0n)),
        );
    }
  } else if (!reaches(base, passLine, s.pass.inclusive)) {
    decides = 'fail';
    reasons.unshift(t(locale, 'score.upperBelowPass', { score: display(base, lines), pass: s.pass.value }));
  } else {
    decides = s.verdictNeedsScore ? 'undetermined' : 'pass';
    reasons.unshift(t(locale, s.verdictNeedsScore ? 'score.notComputable' : 'score.notComputableVetoOnly', { profile: profile.id }));
  }

  const total = computable ? add(base, bonus ?? frac(0n)) : null;
  const scoreText = total ? display(total, lines) : null;
  return {
    applies: true,
    computable,
    score: scoreText === null ? null : Number(scoreText),
    scoreText,
    base: display(base, lines),
    bonus: bonus ? toDecimalText(bonus, 2) : null,
    scale: scale ? { id: scale.id, name: text(locale, scale.name), factor: `${scale.factor.numerator}/${scale.factor.denominator}` } : null,
    indicators: indicators.map((i) => i.row),
    bonusIndicators: bonusIndicators.map((i) => i.row),
    decides,
    undecidedRules: [...undeterminedRules],
    reasons,
  };
}

/**
 * What a profile leaves out of the portal score for every record alike: the second-level items
 * without a deduction rule. None when it scores nothing, needs no score to decide, or defines them all.
 */
export function profileScoreGaps(profile: ResolvedProfile, locale: Locale): { items: string[]; message: string } | undefined {
  const s = profile.scoring;
  if (!s || s.verdictNeedsScore) return undefined;
  const defined = new Set(profile.rules.filter((r) => !r.disabled && r.deduction).map((r) => r.deduction!.item));
  const items = s.indicators.flatMap((ind) => ind.items.filter((item) => !defined.has(item.id)).map((item) => text(locale, item.name)));
  if (items.length === 0) return undefined;
  const message = [
    t(locale, 'score.notComputableVetoOnly', { profile: profile.id }),
    t(locale, 'score.itemsUndefined', { n: items.length, items: items.join(t(locale, 'list.separator')), profile: profile.id }),
  ].join(t(locale, 'list.noteSeparator'));
  return { items, message };
}

/** Two decimals, half-up, unless rounding would carry the figure across a line it has not reached. */
function display(x: Fraction, lines: Fraction[]): string {
  const rounded = toDecimalText(x, 2);
  const r = fromDecimal(Number(rounded));
  return lines.some((l) => Math.sign(cmp(x, l)) !== Math.sign(cmp(r, l))) ? toDecimalTextFloor(x, 2) : rounded;
}

function describeAppliesTo(locale: Locale, ps: ResolvedProfile['rules'][number]['appliesTo']): string {
  return (ps ?? [])
    .map((p) => {
      const values = 'in' in p ? p.in : 'equals' in p ? [p.equals] : [];
      return t(locale, 'predicate.in', { field: p.field, values: values.map(String).join(t(locale, 'list.alternatives')) });
    })
    .join(t(locale, 'list.separator'));
}

