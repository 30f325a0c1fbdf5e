// Rule results as diagnostics on the record's YAML: each hit on the node of the fact that breaks the
// rule (code = rule id, severity by kind, what would clear it in the message and in `data`), each
// undecided veto on the missing fact, and findings that decide nothing. A hit is a finding about the
// site, never an error of the record: a correct record of a failing site shows no red. A fact the
// record holds in a malformed form has its own data error; the rules it holds back stay silent on it.
import type { CoreDiagnostic, Locale, NodePath, Range, RecordResult, RuleKind } from '../model';
import { Severity } from '../model';
import type { ParsedYaml } from '../yaml/yamlDocument';
import { evaluateRecord, type RecordEvaluation } from './engine';
import { t } from './messages';
import type { ResolvedProfile } from './profileTypes';
import { VERDICT_CODES } from '../codes';

/** What a rule diagnostic carries for quick fixes and hovers. */
export interface RuleDiagnosticData {
  ruleId: string;
  kind: RuleKind | 'undetermined' | 'note';
  evidence?: Record<string, string | number | boolean | null>;
  remedy?: string;
  points?: number;
}

/** Severity of a hit by its kind: the site fails (veto) is the strongest finding, still no error of the data. */
const SEVERITY: Record<RuleKind, Severity> = {
  veto: Severity.Warning,
  warning: Severity.Information,
  deduction: Severity.Information,
  bonus: Severity.Hint,
};

/**
 * Where a fact that is not there would be written: the whole of its nearest existing ancestor below
 * the top (a misspelt key inside `homepage` holds back `homepage.lastUpdate`); nowhere for a
 * top-level fact (the whole record would overlap every error).
 */
function enclosing(parsed: ParsedYaml, path: NodePath): Range {
  for (let n = path.length; n > 0; n--) {
    const node = parsed.nodeRange(path.slice(0, n));
    if (node) return n === path.length ? parsed.rangeOf(path) : parsed.rangeAt(node.start, node.end);
  }
  return NOWHERE;
}

const NOWHERE: Range = { start: { line: -1, character: 0 }, end: { line: -1, character: 0 } };

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // empty ranges (a position) overlap what holds them
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Where a fact's diagnostic goes: a scalar's value, else the key (or first line) of a mapping or list. */
export function factRange(parsed: ParsedYaml, path: NodePath): Range {
  return parsed.nodeRange(path)?.scalar ? parsed.rangeOf(path, 'value') : parsed.rangeOf(path, 'key');
}

/**
 * Diagnostics for one record's evaluation (the engine's RecordEvaluation, or any RecordResult), placed
 * on its parsed document. `dataErrors`: the record's own errors (schema, dates); a rule that cannot
 * run because a fact is malformed says nothing where such an error already stands.
 */
export function ruleDiagnostics(
  result: RecordResult & Partial<Pick<RecordEvaluation, 'undetermined' | 'notes' | 'scoring' | 'locale'>>,
  parsed: ParsedYaml,
  dataErrors: readonly CoreDiagnostic[] = [],
): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  // one line per diagnostic (the CLI prints one line per problem): parts joined with 「；」
  const sep = t(result.locale ?? 'zh-cn', 'list.noteSeparator');
  const errors = dataErrors.filter((d) => d.severity === Severity.Error);
  for (const hit of result.hits) {
    const range = factRange(parsed, hit.path);
    // a hit computed from a fact that is itself wrong (5 broken of 3 links) would repeat its error
    if (errors.some((e) => overlaps(e.range, range))) continue;
    const data: RuleDiagnosticData = { ruleId: hit.ruleId, kind: hit.kind, evidence: hit.evidence, remedy: hit.remedy, points: hit.points };
    out.push({
      range,
      severity: SEVERITY[hit.kind],
      code: hit.ruleId,
      message: hit.remedy ? `${hit.message}${sep}${hit.remedy}` : hit.message,
      source: 'rule',
      data,
      finding: true,
    });
  }
  // only what holds the verdict back: undecided vetoes (a warning's missing fact changes nothing)
  // facts that land on the same node (e.g. under a missing mapping) make one diagnostic per rule
  const undecided = new Map<string, CoreDiagnostic>();
  for (const u of result.undetermined ?? []) {
    if (u.kind !== 'veto') continue;
    const range = factRange(parsed, u.path);
    if (errors.some((e) => overlaps(e.range, range) || overlaps(e.range, enclosing(parsed, u.path)))) continue;
    const key = `${u.ruleId}|${range.start.line}:${range.start.character}`;
    const prior = undecided.get(key);
    if (prior) {
      if (!prior.message.split(sep).includes(u.message)) prior.message += `${sep}${u.message}`;
      continue;
    }
    undecided.set(key, {
      range,
      severity: Severity.Warning,
      code: u.ruleId,
      message: u.message,
      source: 'rule',
      data: { ruleId: u.ruleId, kind: 'undetermined' } satisfies RuleDiagnosticData,
    });
  }
  out.push(...undecided.values());
  for (const n of result.notes ?? [])
    out.push({
      range: factRange(parsed, n.path),
      severity: Severity.Warning,
      code: n.code,
      message: n.message,
      source: 'rule',
      data: { ruleId: n.code, kind: 'note' } satisfies RuleDiagnosticData,
    });
  // a verdict the score decides (fail below the pass mark, or no score where one is needed) is said
  // once, on the first line; a pass on vetoes alone because the profile gives no points is the
  // profile's doing, said once for the campaign (on campaign.yaml), unless this record's own facts
  // also leave deductions undecided
  const vetoed = result.hits.some((h) => h.kind === 'veto');
  const scoring = result.scoring;
  const decides = scoring?.decides;
  const vetoOnly = decides === 'pass' && scoring?.applies === true && !scoring.computable && scoring.undecidedRules.length > 0;
  if (!vetoed && (decides === 'fail' || decides === 'undetermined' || vetoOnly))
    out.push({
      range: parsed.rangeOf([], 'key'),
      severity: decides === 'fail' ? Severity.Warning : decides === 'undetermined' ? Severity.Information : Severity.Hint,
      code: VERDICT_CODES.noScore,
      message: scoring?.reasons.join(sep) ?? '',
      source: 'rule',
      data: { ruleId: VERDICT_CODES.noScore, kind: decides === 'fail' ? 'deduction' : 'note' } satisfies RuleDiagnosticData,
      ...(decides === 'fail' ? { finding: true as const } : {}),
    });
  return out;
}

/** Evaluates a parsed website or media record and returns its rule diagnostics (none for other kinds). */
export function recordRuleDiagnostics(parsed: ParsedYaml, profile: ResolvedProfile, locale: Locale): CoreDiagnostic[] {
  const kind = (parsed.value as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'website' && kind !== 'media') return [];
  return ruleDiagnostics(evaluateRecord(parsed.value, profile, locale), parsed);
}
