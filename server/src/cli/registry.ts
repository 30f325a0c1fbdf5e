// `inspection-records registry <campaign folder>`: the campaign's records against its registry
// exports — matched, unregistered (漏报), near misses with the registry row, filed-as-closed but
// active, mismatched names/sponsors/codes, duplicates — then the counts and the export problems.
// The records are checked by the campaign workspace, as `check` and the editor check them.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadCampaignConfig, type FileProblem } from '../core/campaign/campaignFolder';
import { CampaignWorkspace, type StoredCheck } from '../core/campaign/workspace';
import { readError } from '../core/io/readText';
import { Severity, type InspectionRecord, type Locale, type RegistryRowRef } from '../core/model';
import type { KindCounts, RegistryCounts } from '../core/registry/counts';
import { t } from '../core/registry/messages';
import { rowLocation } from '../core/registry/registryDiagnostics';
import { duplicateFilings } from '../core/registry/registryIndex';
import { EXIT, parseCommandArgs, UsageError, type CliContext } from './args';
import { diagnosticJson, displayPath, formatDiagnosticLine, sortFileDiagnostics, type FileDiagnostic } from './format';
import { REGISTRY_CODES } from '../core/codes';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'cli.registry.summary');
}

const MISMATCH_CODES = [REGISTRY_CODES.nameMismatch, REGISTRY_CODES.sponsorMismatch, REGISTRY_CODES.siteCodeMalformed, REGISTRY_CODES.siteCodeUnknown];
/** Sections of the text report, in order, by diagnostic code. */
const SECTIONS: { key: 'cli.section.unregistered' | 'cli.section.nearMiss' | 'cli.section.closedActive' | 'cli.section.mismatch' | 'cli.section.duplicates'; codes: string[] }[] = [
  { key: 'cli.section.unregistered', codes: [REGISTRY_CODES.unregistered] },
  { key: 'cli.section.nearMiss', codes: [REGISTRY_CODES.nearMiss] },
  { key: 'cli.section.closedActive', codes: [REGISTRY_CODES.closedActive] },
  { key: 'cli.section.mismatch', codes: MISMATCH_CODES },
  { key: 'cli.section.duplicates', codes: [REGISTRY_CODES.duplicateRecord, REGISTRY_CODES.duplicateRow] },
];

/** A record of the campaign with its check (record, verdict, registry outcome, diagnostics). */
export interface CheckedRecord {
  /** Absolute path. */
  path: string;
  /** Campaign-relative path with `/`. */
  file: string;
  record: InspectionRecord;
  check: StoredCheck;
}

/** The campaign as the registry commands need it. */
export interface OpenedCampaign {
  ws: CampaignWorkspace;
  records: CheckedRecord[];
  /** Problems of the registry exports and the mapping file. */
  problems: FileProblem[];
  counts: RegistryCounts;
}

/** Opens the campaign folder given on the command line: an exit code on failure, else the checked campaign. */
export async function openCampaignArg(positionals: string[], ctx: CliContext): Promise<{ code: number } | OpenedCampaign> {
  const { locale } = ctx;
  if (positionals.length !== 1) throw new UsageError(t(locale, 'cli.oneFolder'));
  const root = path.resolve(ctx.cwd, positionals[0]);
  try {
    if (!(await fs.stat(root)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    ctx.stderr(`${displayPath(root, ctx.cwd)}: ${readError(e as NodeJS.ErrnoException, locale).message}\n`);
    return { code: EXIT.usage };
  }
  const ws = await CampaignWorkspace.open(root, { locale, withPrevious: false });
  if (!ws.config()) {
    const loaded = await loadCampaignConfig(root, locale);
    const items = loaded.diagnostics.map((diagnostic) => ({ file: loaded.file, diagnostic }));
    for (const item of sortFileDiagnostics(items, ctx.cwd)) ctx.stderr(`${formatDiagnosticLine(item, ctx.cwd, locale)}\n`);
    ctx.stderr(`${t(locale, 'cli.campaignInvalid', { file: displayPath(loaded.file, ctx.cwd) })}\n`);
    return { code: EXIT.problems };
  }
  const records: CheckedRecord[] = [];
  for (const file of ws.recordFiles()) {
    const check = ws.checked(file);
    if (!check?.record || (check.kind !== 'website' && check.kind !== 'media')) continue;
    records.push({ path: file, file: ws.relative(file), record: check.record, check });
  }
  const problems = ws.outsideProblems().filter((p) => p.diagnostic.source === 'registry');
  return { ws, records, problems, counts: ws.counts() };
}

/** An export problem as one line (its message names the file and row). */
export function problemLine(p: FileProblem, locale: Locale): string {
  return `${t(locale, p.diagnostic.severity === Severity.Error ? 'cli.problem.error' : 'cli.problem.warning')} ${p.diagnostic.code} ${p.diagnostic.message}`;
}

function countsLine(locale: Locale, kind: 'website' | 'media', c: KindCounts, records: number): string {
  return t(locale, kind === 'media' ? 'cli.counts.media' : 'cli.counts.websites', {
    running: c.registryRunning ?? '—',
    population: c.population ?? '—',
    records,
    matched: c.matched,
    unregistered: c.unregistered,
    failing: c.unregisteredFailing ?? '—',
    nearMiss: c.nearMiss,
    closedActive: c.closedActive,
  });
}

/** Runs `registry`; exit 0 when the exports were read completely, 1 when rows or files could not be read, 2 usage. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, positionals, help } = parseCommandArgs(args, baseCtx);
  const { locale, cwd } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'cli.registry.usage')}\n`);
    return EXIT.ok;
  }
  const opened = await openCampaignArg(positionals, ctx);
  if ('code' in opened) return opened.code;
  const { ws, records, problems, counts } = opened;
  const registries = ws.config()?.registries ?? {};
  const hasRegistry = Boolean(registries.media || registries.websites);
  const errors = problems.filter((p) => p.diagnostic.severity === Severity.Error).length;
  const all: FileDiagnostic[] = sortFileDiagnostics(
    records.flatMap((r) => r.check.diagnostics.filter((d) => d.source === 'registry').map((diagnostic) => ({ file: r.path, diagnostic }))),
    cwd,
  );
  const duplicates = duplicateFilings([...ws.registryRows('media'), ...ws.registryRows('website')]);
  const byKind = (kind: 'website' | 'media') => records.filter((r) => r.record.kind === kind).length;

  if (ctx.format === 'json') {
    const out = {
      campaign: displayPath(ws.root, cwd),
      counts,
      records: records.map((r) => {
        const rec = r.check.reconciliation;
        const outcome = r.check.registry ?? { status: 'not-applicable' };
        return {
          file: displayPath(r.path, cwd),
          kind: r.record.kind,
          name: r.record.name,
          ...(r.record.kind === 'media' ? { platform: r.record.platform } : {}),
          status: outcome.status,
          ...(rec?.via ? { via: rec.via } : {}),
          ...(outcome.row ? { row: outcome.row } : {}),
          ...(outcome.suggestions ? { suggestions: outcome.suggestions, reasons: rec?.reasons } : {}),
          verdict: r.check.result?.verdict ?? null,
          diagnostics: r.check.diagnostics.filter((d) => d.source === 'registry').map((diagnostic) => diagnosticJson({ file: r.path, diagnostic }, cwd)),
        };
      }),
      duplicateRows: duplicates,
      problems: problems.map((p) => diagnosticJson(p, cwd)),
    };
    ctx.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return errors > 0 || !hasRegistry ? EXIT.problems : EXIT.ok;
  }

  ctx.stdout(`${t(locale, 'cli.registry.title', { campaign: displayPath(ws.root, cwd) })}\n`);
  if (!hasRegistry) {
    ctx.stdout(`${t(locale, 'cli.noRegistries')}\n`);
    return EXIT.problems;
  }
  for (const section of SECTIONS) {
    const items = all.filter((d) => section.codes.includes(d.diagnostic.code));
    if (items.length === 0) continue;
    ctx.stdout(`\n${t(locale, section.key, { count: items.length })}\n`);
    for (const item of items) ctx.stdout(`  ${formatDiagnosticLine(item, cwd, locale)}\n`);
  }
  if (duplicates.length > 0) {
    ctx.stdout(`\n${t(locale, 'cli.section.duplicateRows', { count: duplicates.length })}\n`);
    for (const group of duplicates) ctx.stdout(`  ${duplicateGroupLine(group, locale)}\n`);
  }
  if (problems.length > 0) {
    ctx.stdout(`\n${t(locale, 'cli.section.problems', { count: problems.length })}\n`);
    for (const p of problems) ctx.stdout(`  ${problemLine(p, locale)}\n`);
  }
  ctx.stdout('\n');
  if (registries.websites) ctx.stdout(`${countsLine(locale, 'website', counts.websites, byKind('website'))}\n`);
  if (registries.media) ctx.stdout(`${countsLine(locale, 'media', counts.media, byKind('media'))}\n`);
  const mismatches = all.filter((d) => MISMATCH_CODES.includes(d.diagnostic.code)).length;
  ctx.stdout(`${t(locale, 'cli.counts.mismatch', { mismatches, problems: problems.length })}\n`);
  return errors > 0 ? EXIT.problems : EXIT.ok;
}

function duplicateGroupLine(group: RegistryRowRef[], locale: Locale): string {
  const v = group[0].values;
  const rows = group.map((r) => rowLocation(r, locale)).join(t(locale, 'list.separator'));
  return v.platform
    ? t(locale, 'cli.duplicateRowGroup', { platform: v.platform, name: v.name ?? '', rows })
    : t(locale, 'cli.duplicateSiteGroup', { name: v.name ?? v.siteCode ?? '', rows });
}
