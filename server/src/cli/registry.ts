// `inspection-records registry <campaign folder>`: the campaign's records against its registry
// exports — matched, unregistered (漏报), near misses with the registry row, filed-as-closed but
// active, mismatched names/sponsors/codes, duplicates — then the counts and the export problems.
import * as path from 'node:path';
import { openCampaign } from '../core/actions/campaign';
import { registryReport, type RegistryReport } from '../core/actions/registry';
import { REGISTRY_CODES, REGISTRY_MISMATCH_CODES } from '../core/codes';
import { Severity, type FileDiagnostic, type Locale } from '../core/model';
import { EXIT, parseCommandArgs, t, UsageError, type CliContext } from './args';
import { diagnosticJson, displayPath, formatDiagnosticLine, sortFileDiagnostics } from './format';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'registry.summary');
}

/** Sections of the text report, in order, by diagnostic code. */
const SECTIONS = [
  { key: 'registry.section.unregistered', codes: [REGISTRY_CODES.unregistered] },
  { key: 'registry.section.nearMiss', codes: [REGISTRY_CODES.nearMiss] },
  { key: 'registry.section.closedActive', codes: [REGISTRY_CODES.closedActive] },
  { key: 'registry.section.mismatch', codes: REGISTRY_MISMATCH_CODES },
  { key: 'registry.section.duplicates', codes: [REGISTRY_CODES.duplicateRecord, REGISTRY_CODES.duplicateRow] },
] as const;

/** The campaign folder given on the command line (exactly one). */
export function campaignArg(positionals: string[], ctx: CliContext): string {
  if (positionals.length !== 1) throw new UsageError(t(ctx.locale, 'registry.oneFolder'));
  return path.resolve(ctx.cwd, positionals[0]);
}

/** Runs `registry`; exit 0 when the exports were read completely, 1 when rows or files could not be read, 2 usage. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, positionals, help } = parseCommandArgs(args, baseCtx);
  const { locale, cwd } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'registry.usage')}\n`);
    return EXIT.ok;
  }
  const campaign = await openCampaign(campaignArg(positionals, ctx), { locale, withPrevious: false, allowed: ctx.allowed });
  const report = await registryReport(campaign);
  const configured = report.configured.media || report.configured.websites;
  const errors = report.problems.filter((p) => p.diagnostic.severity === Severity.Error).length;
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify(reportJson(report, cwd), null, 2)}\n`);
    return errors > 0 || !configured ? EXIT.problems : EXIT.ok;
  }
  ctx.stdout(`${t(locale, 'registry.title', { campaign: displayPath(report.root, cwd) })}\n`);
  if (!configured) {
    ctx.stdout(`${t(locale, 'registry.none')}\n`);
    return EXIT.problems;
  }
  const all = sortFileDiagnostics(report.records.flatMap((r) => r.diagnostics), cwd);
  for (const section of SECTIONS) {
    const items = all.filter((d) => (section.codes as readonly string[]).includes(d.diagnostic.code));
    if (items.length === 0) continue;
    ctx.stdout(`\n${t(locale, section.key, { count: items.length })}\n`);
    for (const item of items) ctx.stdout(`  ${formatDiagnosticLine(item, cwd, locale)}\n`);
  }
  if (report.duplicateFilings.length > 0) {
    ctx.stdout(`\n${t(locale, 'registry.section.duplicateRows', { count: report.duplicateFilings.length })}\n`);
    for (const g of report.duplicateFilings) {
      const rows = g.locations.join(t(locale, 'list.separator'));
      ctx.stdout(`  ${g.platform ? t(locale, 'registry.duplicateRowGroup', { platform: g.platform, name: g.name, rows }) : t(locale, 'registry.duplicateSiteGroup', { name: g.name, rows })}\n`);
    }
  }
  if (report.problems.length > 0) {
    ctx.stdout(`\n${t(locale, 'registry.section.problems', { count: report.problems.length })}\n`);
    for (const p of report.problems) ctx.stdout(`  ${problemLine(p, locale)}\n`);
  }
  ctx.stdout('\n');
  const records = (kind: 'website' | 'media') => report.records.filter((r) => r.record.kind === kind).length;
  for (const kind of ['website', 'media'] as const) {
    if (!report.configured[kind === 'media' ? 'media' : 'websites']) continue;
    const c = report.counts[kind === 'media' ? 'media' : 'websites'];
    ctx.stdout(`${t(locale, kind === 'media' ? 'registry.counts.media' : 'registry.counts.websites', {
      running: c.registryRunning ?? '—', population: c.population ?? '—', records: records(kind), matched: c.matched,
      unregistered: c.unregistered, failing: c.unregisteredFailing ?? '—', nearMiss: c.nearMiss, closedActive: c.closedActive,
    })}\n`);
  }
  const mismatches = all.filter((d) => (REGISTRY_MISMATCH_CODES as readonly string[]).includes(d.diagnostic.code)).length;
  ctx.stdout(`${t(locale, 'registry.counts.mismatch', { mismatches, problems: report.problems.length })}\n`);
  return errors > 0 ? EXIT.problems : EXIT.ok;
}

/** An export problem as one line (its message names the file and row). */
export function problemLine(p: FileDiagnostic, locale: Locale): string {
  return `${t(locale, p.diagnostic.severity === Severity.Error ? 'registry.problem.error' : 'registry.problem.warning')} ${p.diagnostic.code} ${p.diagnostic.message}`;
}

function reportJson(report: RegistryReport, cwd: string) {
  return {
    campaign: displayPath(report.root, cwd),
    counts: report.counts,
    records: report.records.map((r) => ({
      file: displayPath(r.path, cwd),
      kind: r.record.kind,
      name: r.record.name,
      ...(r.record.kind === 'media' ? { platform: r.record.platform } : {}),
      status: r.outcome.status,
      ...(r.reconciliation?.via ? { via: r.reconciliation.via } : {}),
      ...(r.outcome.row ? { row: r.outcome.row } : {}),
      ...(r.outcome.suggestions ? { suggestions: r.outcome.suggestions, reasons: r.reconciliation?.reasons } : {}),
      verdict: r.verdict,
      diagnostics: r.diagnostics.map((d) => diagnosticJson(d, cwd)),
    })),
    duplicateRows: report.duplicateFilings.map((g) => g.rows),
    problems: report.problems.map((p) => diagnosticJson(p, cwd)),
  };
}
