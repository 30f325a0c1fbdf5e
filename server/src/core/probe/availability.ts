// The availability method (W-V2 nationally: a homepage probed for 7 days, at least 20 times a day,
// a probe failing when the page is not open within 15 s) is read from the indicator profile, never
// written here: it is the rule whose ratio is availability.failures over availability.probes, and
// its minimums give the days, the probes and the timeout. A local profile that changes them
// changes how probe and monitor work.
import type { ResolvedProfile } from '../rules/profileTypes';

export interface AvailabilityMethod {
  /** The rule the method comes from (W-V2 in the national profile). */
  ruleId: string;
  days: number;
  /** Probes over the whole window. */
  probes: number;
  probesPerDay: number;
  /** Time between two probes of a site. */
  intervalMs: number;
  timeoutSeconds: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The monitoring method a profile defines, or the facts it lacks. */
export function availabilityMethod(profile: ResolvedProfile): AvailabilityMethod | { missing: string[]; ruleId?: string } {
  const candidates = profile.rules.filter((r) => !r.disabled);
  // a veto rule first (W-V2), a warning (W-W1) only when no veto defines the method
  candidates.sort((a, b) => Number(b.kind === 'veto') - Number(a.kind === 'veto'));
  for (const rule of candidates) {
    for (const c of Object.values(rule.conditions)) {
      if (c.evaluator !== 'ratio' || c.numerator !== 'availability.failures' || c.denominator !== 'availability.probes') continue;
      const min = (fact: string) => c.minimums?.find((m) => m.fact === fact)?.atLeast;
      const days = min('availability.days');
      const probes = min('availability.probes');
      const timeoutSeconds = min('availability.timeoutSeconds');
      if (!c.minimums) continue;
      const missing = [
        ...(days === undefined ? ['availability.days'] : []),
        ...(probes === undefined ? ['availability.probes'] : []),
        ...(timeoutSeconds === undefined ? ['availability.timeoutSeconds'] : []),
      ];
      if (missing.length > 0) return { missing, ruleId: rule.id };
      const probesPerDay = Math.max(1, Math.ceil(probes! / days!));
      return { ruleId: rule.id, days: days!, probes: probes!, probesPerDay, intervalMs: DAY_MS / probesPerDay, timeoutSeconds: timeoutSeconds! };
    }
  }
  return { missing: ['availability.days', 'availability.probes', 'availability.timeoutSeconds'] };
}
