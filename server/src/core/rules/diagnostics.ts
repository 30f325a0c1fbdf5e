// Rule results as diagnostics on the record's YAML: each hit on the node of the fact that breaks the
// rule (code = rule id, severity by kind, what would clear it in the message and in `data`), each
// undecided veto on the missing fact, and findings that decide nothing.
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

const SEVERITY: Record<RuleKind, Severity> = {
  veto: Severity.Error,
  warning: Severity.Warning,
  deduction: Severity.Information,
  bonus: Severity.Hint,
};

/** Where a fact's diagnostic goes: a scalar's value, else the key (or first line) of a mapping or list. */
export function factRange(parsed: ParsedYaml, path: NodePath): Range {
  return parsed.nodeRange(path)?.scalar ? parsed.rangeOf(path, 'value') : parsed.rangeOf(path, 'key');
}

/** Diagnostics for one record's evaluation (the engine's RecordEvaluation, or any RecordResult), placed on its parsed document. */
export function ruleDiagnostics(result: RecordResult & Partial<Pick<RecordEvaluation, 'undetermined' | 'notes' | 'scoring' | 'locale'>>, parsed: ParsedYaml): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  // one line per diagnostic (the CLI prints one line per problem): parts joined with 「；」
  const sep = t(result.locale ?? 'zh-cn', 'list.noteSeparator');
  for (const hit of result.hits) {
    const data: RuleDiagnosticData = { ruleId: hit.ruleId, kind: hit.kind, evidence: hit.evidence, remedy: hit.remedy, points: hit.points };
    out.push({
      range: factRange(parsed, hit.path),
      severity: SEVERITY[hit.kind],
      code: hit.ruleId,
      message: hit.remedy ? `${hit.message}${sep}${hit.remedy}` : hit.message,
      source: 'rule',
      data,
    });
  }
  // only what holds the verdict back: undecided vetoes (a warning's missing fact changes nothing)
  // facts that land on the same node (e.g. under a missing mapping) make one diagnostic per rule
  const undecided = new Map<string, CoreDiagnostic>();
  for (const u of result.undetermined ?? []) {
    if (u.kind !== 'veto') continue;
    const range = factRange(parsed, u.path);
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
  // a verdict the score decides (fail below the pass mark, or no score where one is needed), or a
  // pass on vetoes alone because no score can be computed, is said once, on the first line
  const vetoed = result.hits.some((h) => h.kind === 'veto');
  const decides = result.scoring?.decides;
  const vetoOnly = decides === 'pass' && result.scoring?.applies === true && !result.scoring.computable;
  if (!vetoed && (decides === 'fail' || decides === 'undetermined' || vetoOnly))
    out.push({
      range: parsed.rangeOf([], 'key'),
      severity: decides === 'fail' ? Severity.Error : decides === 'undetermined' ? Severity.Information : Severity.Hint,
      code: VERDICT_CODES.noScore,
      message: result.scoring?.reasons.join(sep) ?? '',
      source: 'rule',
      data: { ruleId: VERDICT_CODES.noScore, kind: 'note' } satisfies RuleDiagnosticData,
    });
  return out;
}

/** Evaluates a parsed website or media record and returns its rule diagnostics (none for other kinds). */
export function recordRuleDiagnostics(parsed: ParsedYaml, profile: ResolvedProfile, locale: Locale): CoreDiagnostic[] {
  const kind = (parsed.value as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'website' && kind !== 'media') return [];
  return ruleDiagnostics(evaluateRecord(parsed.value, profile, locale), parsed);
}
