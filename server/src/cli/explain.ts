// `inspection-records explain <record.yaml…> [--profile name|path]`: for each record, the verdict
// (合格 / 不合格 / 无法判定), every rule hit with its arithmetic, evidence and remedy, what keeps the
// verdict undecided, and the score (or why there is none), under the campaign's indicator profile.
import * as path from 'node:path';
import { findCampaignRoot, loadCampaignConfig } from '../core/campaign/campaignFolder';
import { checkFile } from '../core/campaign/checkFile';
import { Severity, type Locale, type RuleHit } from '../core/model';
import { factRange } from '../core/rules/diagnostics';
import { evaluateRecord, type RecordEvaluation } from '../core/rules/engine';
import { t as tr } from '../core/rules/messages';
import { ProfileCache, type ProfileLoadResult } from '../core/rules/profile';
import type { ResolvedProfile } from '../core/rules/profileTypes';
import type { ParsedYaml } from '../core/yaml/yamlDocument';
import { EXIT, parseCommandArgs, UsageError, type CliContext } from './args';
import { diagnosticJson, displayPath, formatDiagnosticLine, sortFileDiagnostics, type FileDiagnostic } from './format';
import { VERDICT_CODES } from '../core/codes';

/** The profile used when neither --profile nor a campaign names one. */
export const DEFAULT_PROFILE = 'national-2019';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return tr(locale, 'explain.summary');
}

/** One explained record in the JSON output. */
export interface ExplainedRecord {
  file: string;
  kind: string;
  name: string;
  profile: { id: string; chain: string[] };
  verdict: RecordEvaluation['verdict'];
  verdictLabel: string;
  score: number | null;
  reasons: string[];
  hits: (Omit<RuleHit, 'path'> & { path: string; line: number; column: number })[];
  undetermined: { ruleId: string; kind: string; path: string; line: number; column: number; message: string }[];
  notes: { code: string; line: number; column: number; message: string }[];
  scoring: RecordEvaluation['scoring'];
}

/** Runs `explain`; exit 0 all pass, 1 any fail or undetermined, 2 usage, unreadable or invalid input. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, values, positionals, help } = parseCommandArgs(args, baseCtx, { profile: { type: 'string' } });
  const { locale } = ctx;
  if (help) {
    ctx.stdout(`${tr(locale, 'explain.usage', { defaultProfile: DEFAULT_PROFILE })}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(tr(locale, 'explain.noRecords'));
  const profileOption = typeof values.profile === 'string' ? values.profile : undefined;
  if (profileOption === '') throw new UsageError(tr(locale, 'explain.emptyProfile'));

  const cache = new ProfileCache({ locale });
  const problems: FileDiagnostic[] = [];
  const explained: ExplainedRecord[] = [];
  const texts: string[] = [];
  let inputError = false;
  let notPassed = false;

  for (const arg of positionals) {
    const file = path.resolve(ctx.cwd, arg);
    const root = await findCampaignRoot(path.dirname(file));
    const checked = await checkFile(file, locale, { campaignRoot: root });
    // a record that cannot be read or is not valid is refused with its own diagnostics
    const blocking = checked.diagnostics.filter((d) => d.severity === Severity.Error && d.source !== 'rule');
    const kind = (checked.checked?.parsed.value as { kind?: unknown } | undefined)?.kind;
    if (!checked.checked || blocking.length) {
      inputError = true;
      problems.push(...blocking.map((d) => ({ file, diagnostic: d })));
      continue;
    }
    if (kind !== 'website' && kind !== 'media') {
      inputError = true;
      problems.push({ file, diagnostic: { range: checked.checked.parsed.rangeOf(['kind']), severity: Severity.Error, code: VERDICT_CODES.notRecord, message: tr(locale, 'explain.notRecord', { kind: String(kind ?? '') }), source: 'rule' } });
      continue;
    }

    const loaded = await profileFor(file, root, profileOption, ctx, cache);
    if (!loaded.result.profile) {
      inputError = true;
      problems.push(...loaded.result.problems.filter((p) => p.diagnostic.severity === Severity.Error).map((p) => ({ file: p.file || file, diagnostic: p.diagnostic })));
      continue;
    }
    const profile = loaded.result.profile;
    const parsed = checked.checked.parsed;
    const result = evaluateRecord(parsed.value, profile, locale);
    if (result.verdict !== 'pass') notPassed = true;
    const record = toJson(file, parsed, profile, result, ctx.cwd);
    explained.push(record);
    if (ctx.format === 'text') texts.push(renderText(record, result, loaded.note, ctx));
  }

  // problems go to stderr in text mode so that stdout stays the explanation
  const sortedProblems = sortFileDiagnostics(dedupe(problems), ctx.cwd);
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify({ records: explained, problems: sortedProblems.map((p) => diagnosticJson(p, ctx.cwd)) }, null, 2)}\n`);
  } else {
    if (texts.length) ctx.stdout(`${texts.join('\n\n')}\n`);
    if (sortedProblems.length) ctx.stderr(`${sortedProblems.map((p) => formatDiagnosticLine(p, ctx.cwd, locale)).join('\n')}\n`);
  }
  if (inputError) return EXIT.usage;
  return notPassed ? EXIT.problems : EXIT.ok;
}

/** The profile for one record: --profile (relative to the working folder), else its campaign's, else the default. */
async function profileFor(
  file: string,
  root: string | undefined,
  option: string | undefined,
  ctx: CliContext,
  cache: ProfileCache,
): Promise<{ result: ProfileLoadResult; note?: string }> {
  if (option) return { result: cache.get(option, ctx.cwd) };
  if (root) {
    const campaign = await loadCampaignConfig(root, ctx.locale);
    const ref = (campaign.parsed?.value as { profile?: unknown } | undefined)?.profile;
    if (typeof ref === 'string' && ref) return { result: cache.get(ref, root) };
    return { result: cache.get(DEFAULT_PROFILE, root), note: tr(ctx.locale, 'explain.campaignWithoutProfile', { campaign: displayPath(campaign.file, ctx.cwd), profile: DEFAULT_PROFILE }) };
  }
  return { result: cache.get(DEFAULT_PROFILE, path.dirname(file)), note: tr(ctx.locale, 'explain.noCampaign', { profile: DEFAULT_PROFILE }) };
}

function position(parsed: ParsedYaml, p: RuleHit['path']): { line: number; column: number } {
  const r = factRange(parsed, p);
  return { line: r.start.line + 1, column: r.start.character + 1 };
}

function pathString(p: RuleHit['path']): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}

function toJson(file: string, parsed: ParsedYaml, profile: ResolvedProfile, r: RecordEvaluation, cwd: string): ExplainedRecord {
  const value = parsed.value as { kind: string; name?: unknown };
  return {
    file: displayPath(file, cwd),
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

function renderText(rec: ExplainedRecord, r: RecordEvaluation, note: string | undefined, ctx: CliContext): string {
  const { locale } = ctx;
  const lines: string[] = [];
  lines.push(tr(locale, 'explain.header', { file: rec.file, name: rec.name, kind: tr(locale, rec.kind === 'media' ? 'explain.kindMedia' : 'explain.kindWebsite') }));
  lines.push(`  ${tr(locale, 'explain.verdict', { verdict: r.verdictLabel })}`);
  lines.push(`  ${tr(locale, 'explain.profile', { chain: rec.profile.chain.join(' → ') })}`);
  if (note) lines.push(`  ${note}`);
  const evidenceText = (e: Record<string, unknown>) =>
    Object.entries(e)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
  if (rec.hits.length) {
    lines.push(`  ${tr(locale, 'explain.hits', { n: rec.hits.length })}`);
    for (const h of rec.hits) {
      lines.push(`    ${rec.file}:${h.line}:${h.column} ${h.message}`);
      if (h.remedy) lines.push(`      ${tr(locale, 'explain.remedy', { remedy: h.remedy })}`);
      lines.push(`      ${tr(locale, 'explain.evidence', { evidence: evidenceText(h.evidence) })}`);
    }
  } else lines.push(`  ${tr(locale, 'explain.noHits')}`);
  const vetoUnknown = rec.undetermined.filter((u) => u.kind === 'veto');
  if (vetoUnknown.length) {
    lines.push(`  ${tr(locale, 'explain.undetermined', { n: vetoUnknown.length })}`);
    for (const u of vetoUnknown) lines.push(`    ${rec.file}:${u.line}:${u.column} ${u.message}`);
  }
  for (const n of rec.notes) lines.push(`  ${rec.file}:${n.line}:${n.column} ${n.code} ${n.message}`);
  const s = r.scoring;
  if (r.score !== null && s) {
    lines.push(`  ${tr(locale, 'explain.score', { score: s.scoreText ?? String(r.score) })}`);
    for (const i of s.indicators)
      lines.push(`    ${tr(locale, i.skipped ? 'explain.indicatorSkipped' : i.capped ? 'explain.indicatorCapped' : 'explain.indicator', { name: i.name, points: i.points, deducted: i.deducted, score: i.score })}`);
    if (s.scale) lines.push(`    ${tr(locale, 'explain.scaled', { name: s.scale.name, factor: s.scale.factor, base: s.base ?? '' })}`);
    if (s.bonus !== null) lines.push(`    ${tr(locale, 'explain.bonus', { bonus: s.bonus })}`);
    for (const reason of r.reasons) lines.push(`    ${reason}`);
  } else {
    lines.push(`  ${tr(locale, 'explain.noScore')}`);
    // the undecided vetoes are listed above; the reasons add what the score says
    for (const reason of r.reasons.filter((x) => !vetoUnknown.some((u) => u.message === x))) lines.push(`    ${reason}`);
  }
  return lines.join('\n');
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
