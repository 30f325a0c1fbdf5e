// `explain`: for each record, the verdict under its indicator profile (合格 / 不合格 / 无法判定), every
// rule hit with its arithmetic, evidence and remedy, what keeps the verdict undecided, and the score
// (or why there is none). The profile is the one named, else the record's campaign's, else the default.
import * as path from 'node:path';
import { findCampaignRoot, loadCampaignConfig } from '../campaign/campaignFolder';
import { checkFile } from '../campaign/checkFile';
import { VERDICT_CODES } from '../codes';
import { Severity, type FileDiagnostic, type Locale, type RuleHit } from '../model';
import { factRange } from '../rules/diagnostics';
import { evaluateRecord, type RecordEvaluation } from '../rules/engine';
import { t as tr } from './actionError';
import { ProfileCache, type ProfileLoadResult } from '../rules/profile';
import type { ResolvedProfile } from '../rules/profileTypes';
import type { ParsedYaml } from '../yaml/yamlDocument';

/** The profile used when neither the caller nor a campaign names one. */
export const DEFAULT_PROFILE = 'national-2019';

/** One explained record (positions 1-based, as people count). */
export interface ExplainedRecord {
  /** Absolute path. */
  file: string;
  kind: string;
  name: string;
  profile: { id: string; chain: string[] };
  /** Why this profile, when it is not the campaign's own (no campaign, or a campaign naming none). */
  profileNote?: string;
  verdict: RecordEvaluation['verdict'];
  verdictLabel: string;
  score: number | null;
  reasons: string[];
  hits: (Omit<RuleHit, 'path'> & { path: string; line: number; column: number })[];
  undetermined: { ruleId: string; kind: string; path: string; line: number; column: number; message: string }[];
  notes: { code: string; line: number; column: number; message: string }[];
  scoring: RecordEvaluation['scoring'];
}

export interface ExplainOptions {
  /** A profile name or a path (relative to `cwd`) overriding the campaigns'. */
  profile?: string;
  /** Folders outside a campaign its profile may lie in (the user's settings). */
  allowed?: readonly string[];
  cwd: string;
  locale: Locale;
}

export interface ExplainResult {
  records: ExplainedRecord[];
  /** Records that could not be explained (unreadable, invalid, not a record, profile errors). */
  problems: FileDiagnostic[];
}

/** Explains each record file. */
export async function explainRecords(files: readonly string[], options: ExplainOptions): Promise<ExplainResult> {
  const { locale, cwd } = options;
  const cache = new ProfileCache({ locale });
  const problems: FileDiagnostic[] = [];
  const records: ExplainedRecord[] = [];
  for (const arg of files) {
    const file = path.resolve(cwd, arg);
    const root = await findCampaignRoot(path.dirname(file));
    const checked = await checkFile(file, locale, { campaignRoot: root });
    // a record that cannot be read or is not valid is refused with its own diagnostics
    const blocking = checked.diagnostics.filter((d) => d.severity === Severity.Error && d.source !== 'rule');
    const kind = (checked.checked?.parsed.value as { kind?: unknown } | undefined)?.kind;
    if (!checked.checked || blocking.length) {
      problems.push(...blocking.map((d) => ({ file, diagnostic: d })));
      continue;
    }
    if (kind !== 'website' && kind !== 'media') {
      const message = tr(locale, 'explain.notRecord', { kind: String(kind ?? '') });
      problems.push({ file, diagnostic: { range: checked.checked.parsed.rangeOf(['kind']), severity: Severity.Error, code: VERDICT_CODES.notRecord, message, source: 'rule' } });
      continue;
    }
    const loaded = await profileFor(file, root, options, cache);
    if (!loaded.result.profile) {
      problems.push(...loaded.result.problems.filter((p) => p.diagnostic.severity === Severity.Error).map((p) => ({ file: p.file || file, diagnostic: p.diagnostic })));
      continue;
    }
    const parsed = checked.checked.parsed;
    const result = evaluateRecord(parsed.value, loaded.result.profile, locale);
    records.push({ ...explained(file, parsed, loaded.result.profile, result), ...(loaded.note ? { profileNote: loaded.note } : {}) });
  }
  return { records, problems: dedupe(problems) };
}

/** The profile for one record: the option (relative to the working folder), else its campaign's, else the default. */
async function profileFor(file: string, root: string | undefined, options: ExplainOptions, cache: ProfileCache): Promise<{ result: ProfileLoadResult; note?: string }> {
  const { locale } = options;
  if (options.profile) return { result: cache.get(options.profile, options.cwd) };
  if (root) {
    const campaign = await loadCampaignConfig(root, locale);
    const ref = (campaign.parsed?.value as { profile?: unknown } | undefined)?.profile;
    if (typeof ref === 'string' && ref) return { result: cache.get(ref, root, { root, allowed: options.allowed ?? [] }) };
    return { result: cache.get(DEFAULT_PROFILE, root), note: tr(locale, 'explain.campaignWithoutProfile', { campaign: path.relative(options.cwd, campaign.file), profile: DEFAULT_PROFILE }) };
  }
  return { result: cache.get(DEFAULT_PROFILE, path.dirname(file)), note: tr(locale, 'explain.noCampaign', { profile: DEFAULT_PROFILE }) };
}

function position(parsed: ParsedYaml, p: RuleHit['path']): { line: number; column: number } {
  const r = factRange(parsed, p);
  return { line: r.start.line + 1, column: r.start.character + 1 };
}

function pathString(p: RuleHit['path']): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}

function explained(file: string, parsed: ParsedYaml, profile: ResolvedProfile, r: RecordEvaluation): ExplainedRecord {
  const value = parsed.value as { kind: string; name?: unknown };
  return {
    file,
    kind: value.kind,
    name: typeof value.name === 'string' ? value.name : '',
    profile: { id: profile.id, chain: profile.chain },
    verdict: r.verdict,
    verdictLabel: r.verdictLabel,
    score: r.score,
    reasons: r.reasons,
    hits: r.hits.map((h) => ({ ...h, path: pathString(h.path), ...position(parsed, h.path) })),
    undetermined: r.undetermined.map((u) => ({ ruleId: u.ruleId, kind: u.kind, path: pathString(u.path), ...position(parsed, u.path), message: u.message })),
    notes: r.notes.map((n) => ({ code: n.code, ...position(parsed, n.path), message: n.message })),
    scoring: r.scoring,
  };
}

function dedupe(list: FileDiagnostic[]): FileDiagnostic[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.file}|${p.diagnostic.range.start.line}|${p.diagnostic.range.start.character}|${p.diagnostic.code}|${p.diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
