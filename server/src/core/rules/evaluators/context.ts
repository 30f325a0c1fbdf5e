// What every evaluator receives and returns. An evaluator judges one condition of one rule on one
// record and says: broken (hit, with the arithmetic), not broken (clear), or not decidable from the
// recorded facts (undetermined, with the missing or ill-typed fact).
import type { CivilDate } from '../../dates';
import type { Locale, NodePath } from '../../model';
import { pathText } from '../facts';
import { t } from '../messages';
import type { Condition, Rule, Scalar } from '../profileTypes';

export interface EvalContext {
  locale: Locale;
  /** The record as parsed (plain YAML value, possibly incomplete). */
  record: unknown;
  /** The check date, or null when missing or invalid. */
  check: CivilDate | null;
  /** The check date as written (for messages). */
  checkText: string;
  rule: Rule;
  conditionId: string;
  condition: Condition;
}

/** A fact that keeps a condition from being decided. */
export interface MissingFact {
  path: NodePath;
  /** Localised: what is missing or wrong. */
  message: string;
}

export type ConditionStatus = 'hit' | 'clear' | 'undetermined';

export interface ConditionOutcome {
  status: ConditionStatus;
  /** Node of the deciding fact (the hit's node, or the missing fact's). */
  path: NodePath;
  /** Localised arithmetic of a hit (without the rule's name, which the engine adds). */
  message?: string;
  /** Localised: what would clear the hit. */
  remedy?: string;
  evidence: Record<string, Scalar>;
  /** How many occurrences a hit counts (for per-occurrence points). */
  occurrences?: number;
  /** Why the condition is undetermined. */
  missing?: MissingFact[];
}

export type Evaluator = (ctx: EvalContext) => ConditionOutcome;

/** The outcome of a condition that lacks a fact: undetermined, or clear when the profile says so. */
export function missingOutcome(ctx: EvalContext, missing: MissingFact[], evidence: Record<string, Scalar> = {}): ConditionOutcome {
  const collapsed = collapseAbsent(ctx, missing);
  const path = collapsed[0]?.path ?? [];
  if (ctx.condition.onMissing === 'clear') return { status: 'clear', path, evidence: { ...evidence, missing: true } };
  return { status: 'undetermined', path, evidence, missing: collapsed };
}

/** Absent facts under one absent mapping are one missing fact: `availability`, not its three fields. */
function collapseAbsent(ctx: EvalContext, missing: MissingFact[]): MissingFact[] {
  const out = new Map<string, MissingFact>();
  for (const m of missing) {
    let v: unknown = ctx.record;
    let depth = 0;
    for (; depth < m.path.length - 1; depth++) {
      v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[m.path[depth]] : undefined;
      if (v === undefined || v === null) break;
    }
    const path = m.path.slice(0, depth + 1);
    const fact = depth + 1 < m.path.length ? { path, message: t(ctx.locale, 'fact.missing', { path: pathText(path) }) } : m;
    out.set(pathText(path), fact);
  }
  return [...out.values()];
}
