// `inspection-records explain <record.yaml…> [--profile name|path]`: each record's verdict with its
// rule hits, arithmetic, evidence, remedies and score, as text or JSON.
import { DEFAULT_PROFILE, explainRecords, type ExplainedRecord } from '../core/actions/explain';
import type { Locale } from '../core/model';
import { EXIT, parseCommandArgs, t, UsageError, type CliContext } from './args';
import { diagnosticJson, displayPath, formatDiagnosticLine, sortFileDiagnostics } from './format';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'explain.summary');
}

/** Runs `explain`; exit 0 all pass, 1 any fail or undetermined, 2 usage, unreadable or invalid input. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, values, positionals, help } = parseCommandArgs(args, baseCtx, { profile: { type: 'string' } });
  const { locale } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'explain.usage', { defaultProfile: DEFAULT_PROFILE })}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(t(locale, 'explain.noRecords'));
  const profile = typeof values.profile === 'string' ? values.profile : undefined;
  if (profile === '') throw new UsageError(t(locale, 'explain.emptyProfile'));
  const result = await explainRecords(positionals, { profile, cwd: ctx.cwd, locale, allowed: ctx.allowed });
  // problems go to stderr in text mode so that stdout stays the explanation
  const problems = sortFileDiagnostics(result.problems, ctx.cwd);
  if (ctx.format === 'json') {
    const records = result.records.map((r) => ({ ...r, file: displayPath(r.file, ctx.cwd) }));
    ctx.stdout(`${JSON.stringify({ records, problems: problems.map((p) => diagnosticJson(p, ctx.cwd)) }, null, 2)}\n`);
  } else {
    if (result.records.length) ctx.stdout(`${result.records.map((r) => renderText(r, ctx)).join('\n\n')}\n`);
    if (problems.length) ctx.stderr(`${problems.map((p) => formatDiagnosticLine(p, ctx.cwd, locale)).join('\n')}\n`);
  }
  if (problems.length) return EXIT.usage;
  return result.records.some((r) => r.verdict !== 'pass') ? EXIT.problems : EXIT.ok;
}

function renderText(rec: ExplainedRecord, ctx: CliContext): string {
  const { locale } = ctx;
  const file = displayPath(rec.file, ctx.cwd);
  const lines: string[] = [];
  lines.push(t(locale, 'explain.header', { file, name: rec.name, kind: t(locale, rec.kind === 'media' ? 'explain.kindMedia' : 'explain.kindWebsite') }));
  lines.push(`  ${t(locale, 'explain.verdict', { verdict: rec.verdictLabel })}`);
  lines.push(`  ${t(locale, 'explain.profile', { chain: rec.profile.chain.join(' → ') })}`);
  if (rec.profileNote) lines.push(`  ${rec.profileNote}`);
  if (rec.hits.length) {
    lines.push(`  ${t(locale, 'explain.hits', { n: rec.hits.length })}`);
    for (const h of rec.hits) {
      lines.push(`    ${file}:${h.line}:${h.column} ${h.message}`);
      // the arithmetic is the message itself; the evidence's raw values are for --format json
      if (h.remedy) lines.push(`      ${t(locale, 'explain.remedy', { remedy: h.remedy })}`);
    }
  } else lines.push(`  ${t(locale, 'explain.noHits')}`);
  const vetoUnknown = rec.undetermined.filter((u) => u.kind === 'veto');
  if (vetoUnknown.length) {
    lines.push(`  ${t(locale, 'explain.undetermined', { n: vetoUnknown.length })}`);
    for (const u of vetoUnknown) lines.push(`    ${file}:${u.line}:${u.column} ${u.message}`);
  }
  for (const n of rec.notes) lines.push(`  ${file}:${n.line}:${n.column} ${n.code} ${n.message}`);
  const s = rec.scoring;
  if (rec.score !== null && s) {
    lines.push(`  ${t(locale, 'explain.score', { score: s.scoreText ?? String(rec.score) })}`);
    for (const i of s.indicators)
      lines.push(`    ${t(locale, i.skipped ? 'explain.indicatorSkipped' : i.capped ? 'explain.indicatorCapped' : 'explain.indicator', { name: i.name, points: i.points, deducted: i.deducted, score: i.score })}`);
    if (s.scale) lines.push(`    ${t(locale, 'explain.scaled', { name: s.scale.name, factor: s.scale.factor, base: s.base ?? '' })}`);
    if (s.bonus !== null) lines.push(`    ${t(locale, 'explain.bonus', { bonus: s.bonus })}`);
    for (const reason of rec.reasons) lines.push(`    ${reason}`);
  } else {
    lines.push(`  ${t(locale, 'explain.noScore')}`);
    // the undecided vetoes are listed above; the reasons add what the score says
    for (const reason of rec.reasons.filter((x) => !vetoUnknown.some((u) => u.message === x))) lines.push(`    ${reason}`);
  }
  return lines.join('\n');
}
