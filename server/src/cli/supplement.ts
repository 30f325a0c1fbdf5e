// `inspection-records supplement <campaign folder> [--out DIR] [--force]`: writes the 补报 list (the
// unregistered new-media accounts the owning offices must file) as .xlsx and .csv into the
// campaign's output folder, atomically, never over an existing file without --force.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OUTPUT, loadCampaignConfig } from '../core/campaign/campaignFolder';
import { OutputExistsError, writeFileAtomic } from '../core/io/atomicWrite';
import { fileErrorMessage } from '../core/io/fileErrors';
import { containedOutputFolder } from '../core/io/outputFolder';
import { Severity, type Locale } from '../core/model';
import { t } from '../core/registry/messages';
import { supplementCsv, supplementFileBase, supplementXlsx } from '../core/registry/supplementExport';
import { supplementList } from '../core/registry/supplementList';
import { t as tv } from '../core/validate/messages';
import { PATH_CODES } from '../core/validate/pathChecks';
import { EXIT, parseCommandArgs, type CliContext } from './args';
import { displayPath, formatDiagnosticLine } from './format';
import { openCampaignArg, problemLine } from './registry';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'cli.supplement.summary');
}

/** Runs `supplement`; exit 0 written (or nothing to write), 1 a file exists or cannot be written, 2 usage. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, positionals, values, help } = parseCommandArgs(args, baseCtx, { out: { type: 'string' }, force: { type: 'boolean' } });
  const { locale, cwd } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'cli.supplement.usage')}\n`);
    return EXIT.ok;
  }
  const opened = await openCampaignArg(positionals, ctx);
  if ('code' in opened) return opened.code;
  const { ws, records, problems } = opened;
  const config = ws.config()!;
  for (const p of problems.filter((x) => x.diagnostic.severity === Severity.Error)) ctx.stderr(`${problemLine(p, locale)}\n`);
  if (!config.registries?.media) {
    ctx.stderr(`${t(locale, 'cli.noMediaRegistry')}\n`);
    return EXIT.problems;
  }
  // 内容保障不合格 in the note: the indicator engine's verdict on the record.
  const entries = supplementList(
    records.map((r) => ({ file: r.file, record: r.record, outcome: r.check.registry ?? { status: 'not-applicable' as const } })),
    locale,
    (_record, i) => records[i].check.result?.verdict === 'fail',
  );
  if (entries.length === 0) {
    if (ctx.format === 'json') ctx.stdout(`${JSON.stringify({ files: [], entries: [] }, null, 2)}\n`);
    else ctx.stdout(`${t(locale, 'cli.supplement.none')}\n`);
    return EXIT.ok;
  }
  let outDir: string;
  if (typeof values.out === 'string') outDir = path.resolve(cwd, values.out);
  else {
    // the campaign's own `output` may not lead outside the campaign folder (written so or by a link)
    const rel = config.output ?? DEFAULT_OUTPUT;
    let contained: string | undefined;
    try {
      contained = await containedOutputFolder(ws.root, rel);
    } catch (e) {
      ctx.stderr(`${t(locale, 'cli.supplement.writeFailed', { folder: displayPath(path.resolve(ws.root, rel), cwd), error: fileErrorMessage(e, locale) })}\n`);
      return EXIT.problems;
    }
    if (!contained) {
      ctx.stderr(`${await outputOutsideLine(ws.root, rel, cwd, locale)}\n`);
      return EXIT.problems;
    }
    outDir = contained;
  }
  const base = supplementFileBase(config, locale);
  const files = [path.join(outDir, `${base}.xlsx`), path.join(outDir, `${base}.csv`)];
  const force = values.force === true;
  if (!force) {
    // Check both before writing either, so that a refusal leaves the folder as it was.
    const existing: string[] = [];
    for (const f of files) if (await fs.lstat(f).then(() => true, () => false)) existing.push(displayPath(f, cwd));
    if (existing.length > 0) {
      ctx.stderr(`${t(locale, 'cli.supplement.exists', { files: existing.join(t(locale, 'list.separator')) })}\n`);
      return EXIT.problems;
    }
  }
  try {
    await fs.mkdir(outDir, { recursive: true });
    await writeFileAtomic(files[0], await supplementXlsx(entries, locale, base), { overwrite: force });
    await writeFileAtomic(files[1], supplementCsv(entries, locale), { overwrite: force });
  } catch (e) {
    const message = e instanceof OutputExistsError
      ? t(locale, 'cli.supplement.exists', { files: displayPath(e.file, cwd) })
      : t(locale, 'cli.supplement.writeFailed', { folder: displayPath(outDir, cwd), error: fileErrorMessage(e, locale) });
    ctx.stderr(`${message}\n`);
    return EXIT.problems;
  }
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify({ files: files.map((f) => displayPath(f, cwd)), entries }, null, 2)}\n`);
  } else {
    const offices = new Set(entries.map((e) => e.office)).size;
    ctx.stdout(`${t(locale, 'cli.supplement.written', { count: entries.length, offices })}\n`);
    for (const f of files) ctx.stdout(`  ${displayPath(f, cwd)}\n`);
  }
  return EXIT.ok;
}

/** The located refusal of an output folder outside the campaign: `campaign.yaml:15:9 错误 IR2115 …`. */
async function outputOutsideLine(root: string, rel: string, cwd: string, locale: Locale): Promise<string> {
  const loaded = await loadCampaignConfig(root, locale);
  const range = loaded.parsed?.rangeOf(['output']) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const diagnostic = { range, severity: Severity.Error, code: PATH_CODES.outputOutside, message: tv(locale, 'path.outputOutside', { path: rel }), source: 'campaign' as const };
  return formatDiagnosticLine({ file: loaded.file, diagnostic }, cwd, locale);
}
