// The indicator engine: applies a resolved profile to one record. Each rule's conditions go to the
// generic evaluators; hits carry the arithmetic, the fact's node and what would clear them; the
// verdict follows the national structure (veto gate, then the portal score) and says 无法判定
// with the reason whenever the recorded facts or the profile's points do not decide it.
import { parseIsoDate } from '../dates';
import type { Locale, NodePath, RecordResult, RuleHit, RuleKind, Verdict } from '../model';
import { EVALUATORS } from './evaluators';
import type { ConditionOutcome, ConditionStatus, EvalContext, MissingFact } from './evaluators/context';
import { findingsOf } from './evaluators/finding';
import { t, text } from './messages';
import { testAll, type PredicateContext } from './predicates';
import type { Condition, Confidence, ResolvedProfile, Rule } from './profileTypes';
import { computeScore, type ScoreBreakdown } from './scoring';
import { VERDICT_CODES } from '../codes';

export type RuleStatus = 'hit' | 'clear' | 'undetermined' | 'notApplicable' | 'superseded' | 'disabled';

export interface ConditionResult {
  id: string;
  status: ConditionStatus | 'skipped';
  /** The kind a hit counts as: a low-confidence, unconfirmed veto condition only warns. */
  kind: RuleKind;
  confidence: Confidence;
  downgraded: boolean;
  outcome?: ConditionOutcome;
}

export interface RuleOutcome {
  ruleId: string;
  kind: RuleKind;
  status: RuleStatus;
  conditions: ConditionResult[];
}

/** A fact the verdict or the score waits for. */
export interface UndeterminedFact {
  ruleId: string;
  conditionId?: string;
  kind: RuleKind;
  path: NodePath;
  message: string;
}

export interface RecordNote {
  path: NodePath;
  message: string;
  code: string;
}

/** The engine's full answer: the shared RecordResult plus the detail `explain` and diagnostics show. */
export interface RecordEvaluation extends RecordResult {
  /** The language of every message in it. */
  locale: Locale;
  profileId: string;
  verdictLabel: string;
  outcomes: RuleOutcome[];
  undetermined: UndeterminedFact[];
  notes: RecordNote[];
  scoring: ScoreBreakdown | null;
}

const CONFIDENCE_ORDER: Confidence[] = ['low', 'medium', 'high'];

const conditionConfidence = new WeakMap<Condition, Confidence>();

/** A condition's confidence: the lowest of its own, its parameters' and its rule's (cached per condition object). */
function confidenceOf(condition: Condition, rule: Rule): Confidence {
  let c = conditionConfidence.get(condition);
  if (!c) conditionConfidence.set(condition, (c = lowestConfidence(condition)));
  return lowestConfidence({ confidence: rule.confidence }, c);
}

/** The lowest confidence anywhere in a value (thresholds, windows, predicates, list entries). */
export function lowestConfidence(value: unknown, start: Confidence = 'high'): Confidence {
  let lowest = start;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'confidence' && typeof x === 'string' && CONFIDENCE_ORDER.indexOf(x as Confidence) < CONFIDENCE_ORDER.indexOf(lowest)) lowest = x as Confidence;
        else visit(x);
      }
    }
  };
  visit(value);
  return lowest;
}

/**
 * Equal rule outcomes shared between records: a campaign's records repeat a few hundred distinct
 * outcomes (353 among the 90,000 of 3,000 generated records), most of them a rule that does not
 * apply or is clear. Sharing them keeps a national campaign's results in memory at a fraction of
 * their size and lets a worker thread send each once. Each rule remembers its last few distinct
 * outcomes and a new one equal to one of them is replaced by it (compared field by field, which
 * costs far less than a text key); outcomes are never changed once returned (the result cache
 * shares them the same way when it decodes). What is remembered belongs to the rule object, so it
 * goes with its profile (a language server reloading a profile starts afresh).
 */
const recentOutcomes = new WeakMap<Rule, { recent: RuleOutcome[]; tries: number; found: number; skipped: number }>();
/** Distinct outcomes remembered per rule. */
const RECENT_PER_RULE = 6;
/**
 * After this many tries, a rule whose outcomes are found again less than one time in eight (its
 * evidence is each record's own) is no longer compared — for as many records as `RETRY_AFTER`, then
 * tried again (the records of a long-lived server change).
 */
const TRIES_BEFORE_GIVING_UP = 256;
const RETRY_AFTER = 4096;

/**
 * The outcome of a rule that was not evaluated (disabled, not applicable, or whether it applies not
 * known): the same object for every record, so most of a record's outcomes cost nothing to make,
 * share or send.
 */
const fixedOutcomes = new WeakMap<Rule, Partial<Record<RuleStatus, RuleOutcome>>>();
const fixed = new WeakSet<RuleOutcome>();

function fixedOutcome(rule: Rule, status: 'disabled' | 'notApplicable' | 'undetermined'): RuleOutcome {
  let byStatus = fixedOutcomes.get(rule);
  if (!byStatus) fixedOutcomes.set(rule, (byStatus = {}));
  let o = byStatus[status];
  if (!o) {
    o = { ruleId: rule.id, kind: rule.kind, status, conditions: [] };
    fixed.add(o);
    byStatus[status] = o;
  }
  return o;
}

function sharedOutcome(of: Rule, o: RuleOutcome): RuleOutcome {
  if (fixed.has(o)) return o;
  let rule = recentOutcomes.get(of);
  if (!rule) recentOutcomes.set(of, (rule = { recent: [], tries: 0, found: 0, skipped: 0 }));
  if (rule.tries >= TRIES_BEFORE_GIVING_UP && rule.found * 8 < rule.tries) {
    if (++rule.skipped < RETRY_AFTER) return o;
    rule.tries = rule.found = rule.skipped = 0;
  }
  rule.tries++;
  const { recent } = rule;
  for (let i = 0; i < recent.length; i++) {
    const known = recent[i];
    if (sameValue(known, o)) {
      rule.found++;
      // the most recently used first, the least recently used goes when a new one comes
      if (i > 0) (recent.splice(i, 1), recent.unshift(known));
      return known;
    }
  }
  if (recent.length >= RECENT_PER_RULE) recent.pop();
  recent.unshift(o);
  return o;
}

/**
 * Whether two values made of plain objects, arrays and primitives are equal throughout (key order
 * aside). Not `util.isDeepStrictEqual`: on rule outcomes it gives the same answers at 2.7 times the
 * cost (89,970 pairs of 3,000 province records: 261 against 97 ms), and a national run compares
 * millions.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  // keys counted rather than listed: Object.keys made two arrays a comparison, most of its cost
  let count = 0;
  for (const k in a) {
    if (!Object.prototype.hasOwnProperty.call(a, k)) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    count++;
  }
  for (const k in b) if (Object.prototype.hasOwnProperty.call(b, k)) count--;
  return count === 0;
}

/** Applies a profile to one record and gives hits, verdict and score. */
export function evaluateRecord(record: unknown, profile: ResolvedProfile, locale: Locale): RecordEvaluation {
  const checkText = typeof (record as { checkDate?: unknown })?.checkDate === 'string' ? (record as { checkDate: string }).checkDate : '?';
  const check = parseIsoDate((record as { checkDate?: unknown })?.checkDate);
  const pctx: PredicateContext = { locale, check, checkText };
  const outcomes: RuleOutcome[] = [];
  const undetermined: UndeterminedFact[] = [];

  for (const rule of profile.rules) {
    if (rule.disabled) {
      outcomes.push(fixedOutcome(rule, 'disabled'));
      continue;
    }
    const applies = testAll(pctx, rule.appliesTo, record, []);
    if (applies.value === false) {
      outcomes.push(fixedOutcome(rule, 'notApplicable'));
      continue;
    }
    if (applies.value === 'unknown') {
      outcomes.push(fixedOutcome(rule, 'undetermined'));
      undetermined.push(undeterminedFact(locale, rule, undefined, rule.kind, applies.missing as MissingFact));
      continue;
    }
    const conditions = conditionsOf(rule).map(([id, condition]) =>
      evaluateCondition({ locale, record, check, checkText, rule, conditionId: id, condition }, pctx),
    );
    for (const c of conditions)
      if (c.status === 'undetermined')
        for (const m of c.outcome?.missing ?? []) undetermined.push(undeterminedFact(locale, rule, c.id, c.kind, m));
    const status: RuleStatus = conditions.some((c) => c.status === 'hit')
      ? 'hit'
      : conditions.some((c) => c.status === 'undetermined')
        ? 'undetermined'
        : 'clear';
    outcomes.push({ ruleId: rule.id, kind: rule.kind, status, conditions });
  }

  // a warning is redundant when the rule (or condition) it warns ahead of is already broken
  const byId = new Map(outcomes.map((o) => [o.ruleId, o]));
  for (const rule of profile.rules) {
    const o = byId.get(rule.id);
    if (!o || o.status !== 'hit' || !rule.supersededBy?.length) continue;
    const superseded = rule.supersededBy.some((ref) => {
      const [rid, cid] = ref.split('#');
      const other = byId.get(rid);
      return other?.status === 'hit' && (!cid || other.conditions.some((c) => c.id === cid && c.status === 'hit'));
    });
    if (superseded) o.status = 'superseded';
  }

  const hits: RuleHit[] = [];
  for (const rule of profile.rules) {
    const o = byId.get(rule.id);
    if (!o || o.status !== 'hit') continue;
    for (const c of o.conditions) if (c.status === 'hit' && c.outcome) hits.push(toHit(locale, rule, c));
  }

  const notes = findingNotes(locale, record, profile, byId);
  const scoring = computeScore(profile, record, outcomes, pctx, locale);
  const { verdict, reasons } = decide(locale, hits, undetermined, scoring);
  // any veto hit: nothing else is scored
  const vetoed = hits.some((h) => h.kind === 'veto');
  return {
    verdict,
    locale,
    verdictLabel: t(locale, `verdict.${verdict}`),
    reasons,
    hits,
    score: vetoed ? null : (scoring?.score ?? null),
    profileId: profile.id,
    outcomes: outcomes.map((o, i) => sharedOutcome(profile.rules[i], o)),
    undetermined,
    notes,
    scoring: vetoed ? null : scoring,
  };
}

const ruleConditions = new WeakMap<Rule, [string, Condition][]>();

/** A rule's conditions with their ids (listed once per rule, not once per record). */
function conditionsOf(rule: Rule): [string, Condition][] {
  let list = ruleConditions.get(rule);
  if (!list) ruleConditions.set(rule, (list = Object.entries(rule.conditions)));
  return list;
}

function evaluateCondition(ctx: EvalContext, pctx: PredicateContext): ConditionResult {
  const { rule, condition } = ctx;
  const confidence = confidenceOf(condition, rule);
  const downgraded = rule.kind === 'veto' && confidence === 'low' && !condition.confirmed;
  const kind: RuleKind = downgraded ? 'warning' : rule.kind;
  const id = ctx.conditionId;
  // object literals of one shape (a spread of a shared base cost more than the evaluation itself)
  const gate = gateOf(pctx, condition, ctx.record);
  if (gate === 'skip') return { id, kind, confidence, downgraded, status: 'skipped' };
  if (gate !== 'run') return { id, kind, confidence, downgraded, status: 'undetermined', outcome: { status: 'undetermined', path: gate.path, evidence: {}, missing: [gate] } };
  const outcome = EVALUATORS[condition.evaluator](ctx);
  return { id, kind, confidence, downgraded, status: outcome.status, outcome };
}

/** `when` (all must hold) and `unless` (skip when all hold) decide whether a condition is checked. */
function gateOf(pctx: PredicateContext, c: Condition, record: unknown): 'run' | 'skip' | MissingFact {
  if (c.when?.length) {
    const r = testAll(pctx, c.when, record, []);
    if (r.value === false) return 'skip';
    if (r.value === 'unknown') return r.missing as MissingFact;
  }
  if (c.unless?.length) {
    const r = testAll(pctx, c.unless, record, []);
    if (r.value === true) return 'skip';
    if (r.value === 'unknown') return r.missing as MissingFact;
  }
  return 'run';
}

function kindLabel(locale: Locale, c: Pick<ConditionResult, 'kind' | 'downgraded'>): string {
  return c.downgraded ? t(locale, 'kind.downgraded') : t(locale, `kind.${c.kind}`);
}

function toHit(locale: Locale, rule: Rule, c: ConditionResult): RuleHit {
  const o = c.outcome as ConditionOutcome;
  const pointsRule = c.kind === 'deduction' ? rule.deduction : c.kind === 'bonus' ? rule.bonus : undefined;
  const points = pointsRule ? pointsRule.perOccurrence * (o.occurrences ?? 1) : undefined;
  const args = { message: o.message ?? '', kind: kindLabel(locale, c), ruleId: rule.id, ruleName: text(locale, rule.name), points };
  const hit: RuleHit = {
    ruleId: rule.id,
    kind: c.kind,
    path: o.path,
    message: t(locale, points !== undefined ? 'hit.withPoints' : 'hit.message', args),
    ...(o.message ? { arithmetic: o.message } : {}),
    evidence: { ...o.evidence, condition: c.id, confidence: c.confidence, ...(c.downgraded ? { downgraded: true } : {}) },
  };
  const remedy = rule.conditions[c.id].remedy ? text(locale, rule.conditions[c.id].remedy) : o.remedy;
  if (remedy) hit.remedy = remedy;
  if (points !== undefined) hit.points = points;
  return hit;
}

function undeterminedFact(locale: Locale, rule: Rule, conditionId: string | undefined, kind: RuleKind, m: MissingFact): UndeterminedFact {
  const label = conditionId ? text(locale, rule.conditions[conditionId].label) : t(locale, 'undetermined.appliesTo');
  return {
    ruleId: rule.id,
    conditionId,
    kind,
    path: m.path,
    message: t(locale, 'undetermined.message', { ruleId: rule.id, ruleName: text(locale, rule.name), label, reason: m.message }),
  };
}

/** Findings that name no rule of the profile, or a disabled or inapplicable one, decide nothing: say so. */
const profileIndicators = new WeakMap<ResolvedProfile, Set<string>>();

/** The rule ids and indicators a profile knows (gathered once per profile). */
function indicatorsOf(profile: ResolvedProfile): Set<string> {
  let known = profileIndicators.get(profile);
  if (!known) {
    known = new Set<string>();
    for (const r of profile.rules) {
      known.add(r.id);
      for (const c of Object.values(r.conditions)) if (c.indicator) known.add(c.indicator);
    }
    profileIndicators.set(profile, known);
  }
  return known;
}

function findingNotes(locale: Locale, record: unknown, profile: ResolvedProfile, byId: Map<string, RuleOutcome>): RecordNote[] {
  const known = indicatorsOf(profile);
  const notes: RecordNote[] = [];
  for (const f of findingsOf(record)) {
    const path = [...f.path, 'indicator'];
    const o = byId.get(f.indicator);
    if (!known.has(f.indicator))
      notes.push({ path, code: VERDICT_CODES.unknownIndicator, message: t(locale, 'finding.unknownIndicator', { indicator: f.indicator, profile: profile.id }) });
    else if (o?.status === 'disabled')
      notes.push({ path, code: VERDICT_CODES.disabledIndicator, message: t(locale, 'finding.disabledIndicator', { indicator: f.indicator, profile: profile.id }) });
    else if (o?.status === 'notApplicable')
      notes.push({ path, code: VERDICT_CODES.notApplicable, message: t(locale, 'finding.notApplicable', { indicator: f.indicator }) });
  }
  return notes;
}

function decide(
  locale: Locale,
  hits: RuleHit[],
  undetermined: UndeterminedFact[],
  scoring: ScoreBreakdown | null,
): { verdict: Verdict; reasons: string[] } {
  if (hits.some((h) => h.kind === 'veto')) return { verdict: 'fail', reasons: [t(locale, 'score.vetoed')] };
  const vetoUnknown = undetermined.filter((u) => u.kind === 'veto');
  const scoreReasons = scoring?.reasons ?? [t(locale, 'score.noScoring')];
  if (scoring?.decides === 'fail') return { verdict: 'fail', reasons: scoreReasons };
  if (vetoUnknown.length) return { verdict: 'undetermined', reasons: [...vetoUnknown.map((u) => u.message), ...scoreReasons] };
  if (scoring?.decides === 'undetermined') return { verdict: 'undetermined', reasons: scoreReasons };
  return { verdict: 'pass', reasons: scoreReasons };
}
