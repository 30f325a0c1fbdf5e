// `inspection-records bulletin <campaign folder>`: writes the campaign's bulletin (Markdown, Word,
// Excel attachment lists) into the output folder and prints where the files are and the overview.
import * as path from 'node:path';
import { BULLETIN_FORMATS, DEFAULT_BULLETIN_FORMATS, generateBulletin, type BulletinFormat, type BulletinResult } from '../core/actions/bulletin';
import { cacheFolder, openCampaign } from '../core/actions/campaign';
import { entityName, type BulletinKindFigures, type BulletinModel } from '../core/actions/text';
import type { Locale } from '../core/model';
import { EXIT, parseCommandArgs, t, UsageError, type CliContext } from './args';
import { progressLine } from './progress';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'bulletin.summary');
}

function parseFormats(value: string | undefined, locale: Locale): BulletinFormat[] {
  if (value === undefined) return [...DEFAULT_BULLETIN_FORMATS];
  const out: BulletinFormat[] = [];
  for (const raw of value.split(',')) {
    const f = raw.trim().toLowerCase();
    if (!f) continue;
    if (!(BULLETIN_FORMATS as readonly string[]).includes(f)) throw new UsageError(t(locale, 'bulletin.badFormats', { format: raw.trim() }));
    if (!out.includes(f as BulletinFormat)) out.push(f as BulletinFormat);
  }
  if (!out.length) throw new UsageError(t(locale, 'bulletin.missingValue', { option: '--formats' }));
  return out;
}

const pct = (f: { text: string } | null): string => (f ? `${f.text}%` : '—');

function kindLine(locale: Locale, key: 'bulletin.websites' | 'bulletin.media', f: BulletinKindFigures): string {
  return t(locale, key, { population: f.population ?? '—', checked: f.checked, ratio: pct(f.samplingRatio), failed: f.failed, rate: pct(f.passRate) });
}

/** The overview printed after the files: the same figures the bulletin states. */
function overviewLines(m: BulletinModel, locale: Locale): string[] {
  const lines = [kindLine(locale, 'bulletin.websites', m.websites), kindLine(locale, 'bulletin.media', m.media)];
  lines.push(t(locale, 'bulletin.unregistered', { count: m.media.unregistered, failed: m.media.unregisteredFailed }));
  if (m.media.nearMiss) lines.push(t(locale, 'bulletin.nearMiss', { count: m.media.nearMiss }));
  for (const c of m.callouts) lines.push(t(locale, 'bulletin.callout', { ...c }));
  for (const r of m.recheck ? [m.recheck.websites, m.recheck.media] : []) {
    if (!r.previousFailed.length) continue;
    const names = r.stillFailing.length
      ? t(locale, 'bulletin.recheckNames', { names: r.stillFailing.map((e) => entityName(m.settings, e)).join(t(locale, 'list.separator')) })
      : '';
    lines.push(t(locale, 'bulletin.recheck', { kind: t(locale, `bulletin.kind.${r.kind}`), previous: r.previousFailed.length, still: r.stillFailing.length, names, fixed: r.fixed.length, missing: r.notRechecked.length }));
  }
  for (const f of [m.websites, m.media]) {
    if (f.undetermined) lines.push(t(locale, 'bulletin.undetermined', { kind: t(locale, `bulletin.kind.${f.kind}`), count: f.undetermined }));
  }
  for (const x of m.sumMismatches) {
    lines.push(t(locale, 'bulletin.sumMismatch', { kind: t(locale, `bulletin.kind.${x.kind}`), by: t(locale, `bulletin.by.${x.by}`), checkedSum: x.checked.sum, failedSum: x.failed.sum, checked: x.checked.total, failed: x.failed.total }));
  }
  return lines;
}

function resultJson(r: BulletinResult, cwd: string, totalMs: number) {
  const m = r.model;
  const kind = (f: BulletinKindFigures) => ({
    population: f.population,
    checked: f.checked,
    failed: f.failed,
    undetermined: f.undetermined,
    samplingRatio: f.samplingRatio?.text ?? null,
    passRate: f.passRate?.text ?? null,
    unregistered: f.unregistered,
    unregisteredFailed: f.unregisteredFailed,
    nearMiss: f.nearMiss,
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
    provisional: m.provisional?.text ?? null,
    leftOut: r.gate.leftOut,
    undeterminedRecords: r.gate.undetermined.map((f) => path.relative(cwd, f)),
    renderMs: Math.round(r.renderMs),
    totalMs: Math.round(totalMs),
    ...(r.pdfProblem ? { pdfProblem: r.pdfProblem } : {}),
  };
}

/**
 * Runs `bulletin`; exit 0 written (provisional too, with --allow-incomplete), 1 the records have data
 * errors or cannot be decided (listed), or the campaign or its settings are wrong, 2 usage or no such
 * campaign folder, 3 written without the PDF asked for.
 */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const started = performance.now();
  const { ctx, values, positionals, help } = parseCommandArgs(args, baseCtx, {
    formats: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'allow-incomplete': { type: 'boolean' },
  });
  const { locale } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'bulletin.usage')}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(t(locale, 'bulletin.missingFolder'));
  const formats = parseFormats(typeof values.formats === 'string' ? values.formats : undefined, locale);
  const out = typeof values.out === 'string' ? { absolute: path.resolve(ctx.cwd, values.out) } : undefined;
  const progress = progressLine(ctx);
  const result = await (async () => {
    // a batch run: texts are not kept (the bulletin needs records and results only)
    const campaign = await openCampaign(path.resolve(ctx.cwd, positionals[0]), { locale, cache: values['no-cache'] === true ? undefined : cacheFolder(ctx.env), keepTexts: false, onProgress: progress.load, allowed: ctx.allowed });
    const notice = campaign.cacheNotice();
    if (notice) ctx.stderr(`${t(locale, 'notice', { message: notice })}\n`);
    progress.step('progress.write');
    return generateBulletin(campaign, { formats, out, force: values.force === true, locale, env: ctx.env, allowIncomplete: values['allow-incomplete'] === true });
  })().finally(() => progress.done());
  const totalMs = performance.now() - started;
  // the other formats are written; the missing PDF is said and gets an exit code of its own
  if (result.pdfProblem) ctx.stderr(`${result.pdfProblem}\n`);
  const exit = result.pdfProblem ? EXIT.incomplete : EXIT.ok;
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify(resultJson(result, ctx.cwd, totalMs), null, 2)}\n`);
    return exit;
  }
  const lines = [t(locale, 'bulletin.written', { ms: Math.round(result.renderMs), total: Math.round(totalMs) })];
  if (result.model.provisional) lines.unshift(result.model.provisional.text);
  for (const f of result.files) {
    const rel = path.relative(ctx.cwd, f.file);
    lines.push(`  ${f.renamed ? t(locale, 'bulletin.fileRenamed', { file: rel }) : f.replaced ? t(locale, 'bulletin.fileReplaced', { file: rel }) : rel}`);
  }
  lines.push(...overviewLines(result.model, locale));
  ctx.stdout(`${lines.join('\n')}\n`);
  return exit;
}
