// Reading the indicator profile the workspace resolved (`ResolvedProfile` of the rules engine) for
// hover and completion: a rule's name, kind and the parameters of its conditions, localised.
import type { Locale } from '../core/model';
import type { CalendarWindow, Condition, CountThreshold, PercentThreshold, ResolvedProfile, Rule } from '../core/actions/language';
import { serviceText } from './serviceText';

/** The enabled rules of a profile; none when the workspace has no profile. */
export function rulesOf(profile: unknown): Rule[] {
  const rules = (profile as ResolvedProfile | undefined)?.rules;
  return Array.isArray(rules) ? rules.filter((r) => r && typeof r.id === 'string' && !r.disabled) : [];
}

/** The rule with this id, if the profile has it. */
export function ruleOf(profile: unknown, id: string): Rule | undefined {
  return rulesOf(profile).find((r) => r.id === id);
}

/** The rule's name in the locale. */
export function ruleName(rule: Rule, locale: Locale): string {
  return rule.name?.[locale] ?? rule.name?.['zh-cn'] ?? rule.id;
}

/** Whether a rule applies to records of `kind` (by its id prefix `W-`/`M-` when it says nothing else). */
export function ruleForKind(rule: Rule, kind: string | undefined): boolean {
  if (!kind) return true;
  const kindTest = rule.appliesTo?.find((p) => p.field === 'kind');
  if (kindTest && 'equals' in kindTest) return kindTest.equals === kind;
  if (kindTest && 'in' in kindTest) return kindTest.in.includes(kind);
  if (/^W-/i.test(rule.id)) return kind === 'website';
  if (/^M-/i.test(rule.id)) return kind === 'media';
  return true;
}

/** One line per condition of a rule, in words: what breaks it (its subject with its window or threshold). */
export function conditionLines(rule: Rule, locale: Locale): string[] {
  const out: string[] = [];
  for (const cond of Object.values(rule.conditions ?? {})) {
    const label = cond.label?.[locale] || cond.label?.['zh-cn'] || rule.id;
    out.push(conditionText(cond, label, locale));
  }
  return out;
}

function conditionText(cond: Condition, label: string, locale: Locale): string {
  const unit = cond.unit?.[locale] ?? cond.unit?.['zh-cn'] ?? '';
  switch (cond.evaluator) {
    case 'finding':
      return serviceText(locale, 'rule.finding');
    case 'capability':
      return serviceText(locale, 'rule.capability', { label });
    case 'staleness':
      if (cond.window) return serviceText(locale, 'rule.stale', { label, window: windowText(cond.window, locale) });
      break;
    case 'count':
    case 'ratio':
      if (cond.threshold) return serviceText(locale, 'rule.counted', { label, threshold: thresholdText(cond.threshold, unit, locale) });
      break;
    default:
      break;
  }
  return label;
}

function windowText(w: CalendarWindow, locale: Locale): string {
  return serviceText(locale, w.unit === 'months' ? 'rule.windowMonths' : 'rule.windowDays', { length: w.length });
}

function thresholdText(t: CountThreshold | PercentThreshold, unit: string, locale: Locale): string {
  const value = 'percent' in t ? `${t.percent}%` : `${t.value}${unit ? ` ${unit}` : ''}`;
  return serviceText(locale, t.inclusive ? 'rule.thresholdInclusive' : 'rule.thresholdExclusive', { value });
}
