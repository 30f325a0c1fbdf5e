// The shape of an indicator profile (`kind: profile`) once loaded: the same structure as the YAML,
// described by schemas/profile.schema.json. Everything about a specific indicator lives in this
// data; the evaluators only know the generic kinds of condition below.
import type { RuleKind } from '../model';

export type Confidence = 'high' | 'medium' | 'low';
export type LocalisedText = { 'zh-cn': string; en: string };
export type Scalar = string | number | boolean | null;

/** A look-back window counted from the check date (or, for lagOver, from an item's own date). */
export interface CalendarWindow {
  length: number;
  unit: 'days' | 'months';
  /** Whether a date exactly `length` days/months away still lies inside the window (is not late). */
  limitInside: boolean;
  confidence?: Confidence;
  note?: string;
}

/** A threshold on a count or a sum: `inclusive` means reaching the value already breaks the rule. */
export interface CountThreshold {
  value: number;
  inclusive: boolean;
  confidence?: Confidence;
  note?: string;
}

/** A threshold on a ratio, in percent: `inclusive` means reaching it already breaks the rule. */
export interface PercentThreshold {
  percent: number;
  inclusive: boolean;
  confidence?: Confidence;
  note?: string;
}

interface PredicateBase {
  /** Dotted path relative to the item (or the record), e.g. `homepage.navigationOnly`. */
  field: string;
  /** For equality tests: a missing field reads as null (default) or makes the test undetermined. */
  onMissing?: 'asNull' | 'undetermined';
  confidence?: Confidence;
  note?: string;
}

/** A test on one field. Missing fields read as null for equals/in tests, and as unknown for date tests. */
export type Predicate = PredicateBase &
  (
    | { equals: Scalar }
    | { notEquals: Scalar }
    | { in: Scalar[] }
    | { notIn: Scalar[] }
    | { olderThan: CalendarWindow }
    | { within: CalendarWindow }
    | { lagOver: CalendarWindow & { until?: string } }
    | { matches: string }
    | { notMatches: string }
    | { listCount: { atLeast: number; among?: (string | { name: string; confidence?: Confidence })[]; confidence?: Confidence } }
  );

/** One step of an item selection: a list path and a filter on its items. */
export interface SelectStep {
  path: string;
  where?: Predicate[];
}

export type EvaluatorName = 'staleness' | 'ratio' | 'count' | 'capability' | 'finding' | 'match';

/** One way a rule can be broken; a rule is broken when any of its conditions is. */
export interface Condition {
  evaluator: EvaluatorName;
  /** The subject of the messages, e.g. 首页. */
  label: LocalisedText;
  /** All must hold for the condition to be checked. */
  when?: Predicate[];
  /** The condition is not checked when all of these hold. */
  unless?: Predicate[];
  confidence?: Confidence;
  /** A local profile confirms a low-confidence condition, which may then be an error-level veto. */
  confirmed?: boolean;
  /** What a missing fact means: the verdict cannot be determined (default), or nothing was observed. */
  onMissing?: 'undetermined' | 'clear';
  note?: string;
  remedy?: LocalisedText;
  // staleness, capability, count (numeric fact)
  fact?: string;
  // staleness
  window?: CalendarWindow;
  quantifier?: 'all' | 'any';
  // ratio
  numerator?: string;
  denominator?: string;
  minimums?: { fact: string; atLeast?: number; atMost?: number; optional?: boolean }[];
  /** What the numerator and denominator are called in messages (失败次数, 探测次数). */
  terms?: { numerator: LocalisedText; denominator: LocalisedText };
  // ratio and count
  threshold?: CountThreshold | PercentThreshold;
  // count
  select?: SelectStep[];
  count?: { where: Predicate[] }[];
  sum?: string;
  /** Measure word of the counted things in messages (个, 条 …). */
  unit?: LocalisedText;
  // capability
  expected?: boolean;
  evidence?: { select: SelectStep[]; where: Predicate[] };
  // finding
  indicator?: string;
  // match: the record's facts meet all these tests
  where?: Predicate[];
}

export interface PointsRule {
  /** Second-level item id (e.g. `W-D1.5`) of the scoring indicators. */
  item: string;
  perOccurrence: number;
  /** Most points this rule takes on one record. */
  max?: number;
}

export interface Rule {
  id: string;
  name: LocalisedText;
  kind: RuleKind;
  appliesTo?: Predicate[];
  confidence: Confidence;
  source?: string;
  note?: string;
  disabled?: boolean;
  /** Rule ids (or `ruleId#conditionId`) whose hit makes this rule redundant (warnings before a veto). */
  supersededBy?: string[];
  deduction?: PointsRule;
  bonus?: PointsRule;
  /** Ordered by the profile text; keys are condition ids. */
  conditions: Record<string, Condition>;
}

export interface ScoringItem {
  id: string;
  name: LocalisedText;
}

export interface ScoringIndicator {
  id: string;
  name: LocalisedText;
  points: number;
  confidence?: Confidence;
  /** A local profile confirms low-confidence points. */
  confirmed?: boolean;
  note?: string;
  items: ScoringItem[];
}

export interface Scaling {
  id: string;
  name: LocalisedText;
  when: Predicate[];
  skip: string[];
  factor: { numerator: number; denominator: number };
  confidence?: Confidence;
  note?: string;
}

export interface Scoring {
  appliesTo: Predicate[];
  total: number;
  pass: CountThreshold;
  /** Whether a record the score applies to needs a score for 合格 (else vetoes alone decide). */
  verdictNeedsScore: boolean;
  bonus?: { above: CountThreshold; max: number };
  indicators: ScoringIndicator[];
  bonusIndicators?: ScoringIndicator[];
  scaled?: Scaling[];
  note?: string;
}

/** A profile after its `extends` chain is resolved: the rules the engine applies. */
export interface ResolvedProfile {
  id: string;
  name: LocalisedText;
  version?: string;
  source?: string;
  /** Profile ids from this one up to the root, e.g. [guangdong-strict, national-2019]. */
  chain: string[];
  /** Files of the chain, in the same order (absolute paths; for messages only). */
  files: string[];
  scoring?: Scoring;
  /** Enabled and disabled rules, in profile order (parents first, then added rules). */
  rules: Rule[];
}
