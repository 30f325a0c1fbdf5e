// `inspection-records bulletin <campaign folder>`: analyses the campaign, writes its bulletin
// (Markdown, Word, Excel attachment lists) into the output folder and prints where the files are and
// the overview figures.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import bundle from '../../../l10n/messages/bulletin.json';
import { analyseCampaign } from '../core/campaign/analyse';
import { CampaignConfigError } from '../core/campaign/workspace';
import { cacheFolder } from '../core/campaign/resultCache';
import { CAMPAIGN_FILE_NAMES } from '../core/campaign/campaignFolder';
import type { BulletinModel, KindFigures } from '../core/bulletin/bulletinModel';
import { BulletinSettingsError } from '../core/bulletin/settings';
import { subjectOf } from '../core/bulletin/wording';
import { BULLETIN_FORMATS, DEFAULT_BULLETIN_FORMATS, writeBulletin, type BulletinFormat, type BulletinResult } from '../core/bulletin/writeBulletin';
import { fileErrorMessage } from '../core/io/fileErrors';
import { catalogue } from '../core/l10n';
import type { Locale } from '../core/model';
import { EXIT, parseCommandArgs, UsageError, type CliContext } from './args';
import { formatDiagnosticLine } from './format';

const t = catalogue(bundle);

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'cli.summary');
}

function parseFormats(value: string | undefined, locale: Locale): BulletinFormat[] {
  if (value === undefined) return [...DEFAULT_BULLETIN_FORMATS];
  const out: BulletinFormat[] = [];
  for (const raw of value.split(',')) {
    const f = raw.trim().toLowerCase();
    if (!f) continue;
    if (!(BULLETIN_FORMATS as readonly string[]).includes(f)) throw new UsageError(t(locale, 'cli.badFormats', { format: raw.trim() }));
    if (!out.includes(f as BulletinFormat)) out.push(f as BulletinFormat);
  }
  if (!out.length) throw new UsageError(t(locale, 'cli.missingValue', { option: '--formats' }));
  return out;
}

const pct = (f: { text: string } | null): string => (f ? `${f.text}%` : '—');

function kindLine(locale: Locale, key: 'cli.websites' | 'cli.media', f: KindFigures): string {
  return t(locale, key, { population: f.population ?? '—', checked: f.checked, ratio: pct(f.samplingRatio), failed: f.failed, rate: pct(f.passRate) });
}

/** The overview printed after the files: the same figures the bulletin states. */
function overviewLines(m: BulletinModel, locale: Locale): string[] {
  const lines = [kindLine(locale, 'cli.websites', m.websites), kindLine(locale, 'cli.media', m.media)];
  lines.push(t(locale, 'cli.unregistered', { count: m.media.unregistered, failed: m.media.unregisteredFailed }));
  for (const c of m.callouts) lines.push(t(locale, 'cli.callout', { ...c }));
  if (m.recheck) {
    for (const r of [m.recheck.websites, m.recheck.media]) {
      if (!r.previousFailed.length) continue;
      const names = r.stillFailing.length
        ? t(locale, 'cli.recheckNames', { names: r.stillFailing.map((e) => subjectOf(m.settings, e)).join(t(locale, 'cli.listSeparator')) })
        : '';
      lines.push(
        t(locale, 'cli.recheck', {
          kind: t(locale, `kind.${r.kind}`),
          previous: r.previousFailed.length,
          still: r.stillFailing.length,
          names,
          fixed: r.fixed.length,
          missing: r.notRechecked.length,
        }),
      );
    }
  }
  for (const f of [m.websites, m.media]) {
    if (f.undetermined) lines.push(t(locale, 'cli.undetermined', { kind: t(locale, `kind.${f.kind}`), count: f.undetermined }));
  }
  for (const x of m.sumMismatches) {
    lines.push(
      t(locale, 'cli.sumMismatch', {
        kind: t(locale, `kind.${x.kind}`),
        by: t(locale, `by.${x.by}`),
        checkedSum: x.checked.sum,
        failedSum: x.failed.sum,
        checked: x.checked.total,
        failed: x.failed.total,
      }),
    );
  }
  return lines;
}

function resultJson(r: BulletinResult, cwd: string, totalMs: number) {
  const m = r.model;
  const kind = (f: KindFigures) => ({
    population: f.population,
    checked: f.checked,
    failed: f.failed,
    undetermined: f.undetermined,
    samplingRatio: f.samplingRatio?.text ?? null,
    passRate: f.passRate?.text ?? null,
    unregistered: f.unregistered,
    unregisteredFailed: f.unregisteredFailed,
    change: f.change ? f.change.points.text : null,
  });
  return {
    outDir: path.relative(cwd, r.outDir) || '.',
    files: r.files.map((f) => ({ format: f.format, file: path.relative(cwd, f.file), renamed: f.renamed, replaced: f.replaced })),
    websites: kind(m.websites),
    media: kind(m.media),
    callouts: m.callouts,
    recheck: m.recheck
      ? {
          websites: { previousFailed: m.recheck.websites.previousFailed.length, stillFailing: m.recheck.websites.stillFailing.map((e) => e.name) },
          media: { previousFailed: m.recheck.media.previousFailed.length, stillFailing: m.recheck.media.stillFailing.map((e) => e.name) },
        }
      : null,
    problems: m.problems.map((p) => ({ key: p.key, heading: p.heading, text: p.text })),
    sumMismatches: m.sumMismatches,
    renderMs: Math.round(r.renderMs),
    totalMs: Math.round(totalMs),
    ...(r.pdfProblem ? { pdfProblem: r.pdfProblem } : {}),
  };
}

/** Runs `bulletin`; exit 0 written, 1 the campaign or its settings are wrong, 2 usage, 3 written without the PDF asked for. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const started = performance.now();
  const { ctx, values, positionals, help } = parseCommandArgs(args, baseCtx, {
    formats: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
  });
  const { locale } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'cli.usage')}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(t(locale, 'cli.missingFolder'));
  const formats = parseFormats(typeof values.formats === 'string' ? values.formats : undefined, locale);
  const root = path.resolve(ctx.cwd, positionals[0]);
  if (!CAMPAIGN_FILE_NAMES.some((n) => existsSync(path.join(root, n)))) {
    ctx.stderr(`${t(locale, 'cli.noCampaign', { folder: positionals[0] })}\n`);
    return EXIT.problems;
  }
  let result: BulletinResult;
  try {
    const campaign = await analyseCampaign(root, locale, { cache: values['no-cache'] === true ? undefined : cacheFolder(ctx.env) });
    result = await writeBulletin(campaign, {
      formats,
      outDir: typeof values.out === 'string' ? path.resolve(ctx.cwd, values.out) : undefined,
      force: values.force === true,
      locale,
      env: ctx.env,
    });
  } catch (e) {
    if (e instanceof CampaignConfigError) {
      // campaign.yaml (or the previous campaign it names) cannot be used: its own diagnostics
      for (const d of e.diagnostics) ctx.stderr(`${formatDiagnosticLine({ file: e.file, diagnostic: d }, ctx.cwd, locale)}\n`);
      return EXIT.problems;
    }
    if (e instanceof BulletinSettingsError) {
      // located in the campaign folder: print it relative to where the user is
      const file = path.relative(ctx.cwd, path.join(root, e.file));
      ctx.stderr(`${file}:${e.line}:${e.column}: ${t(locale, 'cli.failed', { message: e.detail })}\n`);
      return EXIT.problems;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.path) {
      ctx.stderr(`${path.relative(ctx.cwd, err.path)}: ${t(locale, 'cli.failed', { message: fileErrorMessage(err, locale) })}\n`);
      return EXIT.problems;
    }
    throw e;
  }
  const totalMs = performance.now() - started;
  // the other formats are written; the missing PDF is said and gets an exit code of its own
  if (result.pdfProblem) ctx.stderr(`${result.pdfProblem}\n`);
  const exit = result.pdfProblem ? EXIT.incomplete : EXIT.ok;
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify(resultJson(result, ctx.cwd, totalMs), null, 2)}\n`);
    return exit;
  }
  const lines = [t(locale, 'cli.written', { ms: Math.round(result.renderMs), total: Math.round(totalMs) })];
  for (const f of result.files) {
    const rel = path.relative(ctx.cwd, f.file);
    lines.push(`  ${f.renamed ? t(locale, 'cli.fileRenamed', { file: rel }) : f.replaced ? t(locale, 'cli.fileReplaced', { file: rel }) : rel}`);
  }
  lines.push(...overviewLines(result.model, locale));
  ctx.stdout(`${lines.join('\n')}\n`);
  return exit;
}
