// `inspection-records supplement <campaign folder> [--out DIR] [--force]`: writes the 补报 list (the
// unregistered new-media accounts the owning offices must file) as .xlsx and .csv.
import * as path from 'node:path';
import { openCampaign } from '../core/actions/campaign';
import { exportSupplement } from '../core/actions/supplement';
import type { Locale } from '../core/model';
import { EXIT, parseCommandArgs, t, type CliContext } from './args';
import { displayPath } from './format';
import { campaignArg, problemLine } from './registry';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'supplement.summary');
}

/** Runs `supplement`; exit 0 written (or nothing to write), 1 a file exists or cannot be written, 2 usage. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, positionals, values, help } = parseCommandArgs(args, baseCtx, { out: { type: 'string' }, force: { type: 'boolean' } });
  const { locale, cwd } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'supplement.usage')}\n`);
    return EXIT.ok;
  }
  const campaign = await openCampaign(campaignArg(positionals, ctx), { locale, withPrevious: false, allowed: ctx.allowed });
  const out = typeof values.out === 'string' ? { absolute: path.resolve(cwd, values.out) } : undefined;
  const result = await exportSupplement(campaign, { out, force: values.force === true, locale });
  for (const p of result.problems) ctx.stderr(`${problemLine(p, locale)}\n`);
  if (result.existing.length > 0) {
    ctx.stderr(`${t(locale, 'supplement.exists', { files: result.existing.map((f) => displayPath(f, cwd)).join(t(locale, 'list.separator')) })}\n`);
    return EXIT.problems;
  }
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify({ files: result.files.map((f) => displayPath(f, cwd)), entries: result.entries }, null, 2)}\n`);
  } else if (result.entries.length === 0) {
    ctx.stdout(`${t(locale, 'supplement.none')}\n`);
  } else {
    const offices = new Set(result.entries.map((e) => e.office)).size;
    ctx.stdout(`${t(locale, 'supplement.written', { count: result.entries.length, offices })}\n`);
    for (const f of result.files) ctx.stdout(`  ${displayPath(f, cwd)}\n`);
  }
  return EXIT.ok;
}
