// Reading numeric facts and comparing them with a profile's thresholds, exactly.
import { displayValue } from '../../l10n';
import type { NodePath } from '../../model';
import { isPresent, pathText, readField } from '../facts';
import { fromDecimal, reaches } from '../fraction';
import { t } from '../messages';
import type { CountThreshold } from '../profileTypes';
import type { EvalContext, MissingFact } from './context';

export interface NumberRead {
  value?: number;
  path: NodePath;
  absent?: boolean;
  missing?: MissingFact;
}

/** Reads a non-negative finite number at a field. */
export function readNumber(ctx: EvalContext, base: unknown, basePath: NodePath, field: string): NumberRead {
  const { path, value } = readField(base, basePath, field);
  if (!isPresent(value)) return { path, absent: true, missing: { path, message: t(ctx.locale, 'fact.missing', { path: pathText(path) }) } };
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    return { path, missing: { path, message: t(ctx.locale, 'fact.notNumber', { path: pathText(path), value: displayValue(value) }) } };
  return { path, value };
}

/** Whether a count reaches a threshold (≥ when inclusive, > otherwise). */
export function countReaches(n: number, th: CountThreshold): boolean {
  return reaches(fromDecimal(n), fromDecimal(th.value), th.inclusive);
}

/** The largest count that stays clear of a threshold (for the remedy text). */
export function largestClearCount(th: CountThreshold): number {
  // inclusive: below the value; exclusive: up to it (counts are whole numbers)
  const v = fromDecimal(th.value);
  const whole = v.n / v.d;
  const isWhole = v.n % v.d === 0n;
  return Number(th.inclusive ? (isWhole ? whole - 1n : whole) : whole);
}

/** Localised "reaches (inclusive)" / "exceeds" word for a threshold. */
export function comparisonWord(ctx: EvalContext, inclusive: boolean): string {
  return t(ctx.locale, inclusive ? 'cmp.reach' : 'cmp.exceed');
}

