// The bulletin of a campaign: aggregated, rendered (Markdown, Word, Excel) and written into its
// output folder, atomically. An existing bulletin is never replaced silently: the new one gets a free
// name (`通报 (2).docx`) unless `force` is given. Nothing named by a campaign file writes outside the
// campaign folder.
import * as path from 'node:path';
import { aggregateCampaign } from '../bulletin/aggregate';
import type { BulletinModel } from '../bulletin/bulletinModel';
import { renderDocx } from '../bulletin/render/docx';
import { renderMarkdown } from '../bulletin/render/markdown';
import { renderXlsx } from '../bulletin/render/xlsx';
import { loadTemplate, resolveSettings, SettingsProblem } from '../bulletin/settings';
import { fill, periodText, quarterName } from '../bulletin/wording';
import { outputFolder } from '../campaign/campaignFolder';
import { SCHEMA_CODES } from '../codes';
import { writeNew, type WrittenFile } from '../io/atomicWrite';
import { escapeUnsafeDeep, escapeUnsafeText } from '../io/unsafeText';
import type { AnalysedCampaign, Locale } from '../model';
import { outputRefused, refusedAt, t } from './actionError';
import { analyseCampaign, type Campaign } from './campaign';

export const BULLETIN_FORMATS = ['md', 'docx', 'xlsx'] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];

export interface BulletinOptions {
  formats?: readonly BulletinFormat[];
  /** The output folder: the user's own (`--out`, absolute), or an editor setting relative to the campaign. */
  out?: { absolute?: string; relative?: string };
  force?: boolean;
  locale: Locale;
}

export interface BulletinResult {
  model: BulletinModel;
  outDir: string;
  files: (WrittenFile & { format: BulletinFormat })[];
  /** Milliseconds spent aggregating and rendering (without the analysis). */
  renderMs: number;
}

/** Analyses an open campaign and writes its bulletin. */
export async function generateBulletin(campaign: Campaign, options: BulletinOptions): Promise<BulletinResult> {
  return writeBulletin(await analyseCampaign(campaign), options);
}

/** The bulletin model of an analysed campaign: what the bulletin, the status bar and the dashboard count. */
export function bulletinModel(c: AnalysedCampaign): BulletinModel {
  return aggregateCampaign(c, resolveSettings(c.config.bulletin));
}

/** Aggregates, renders and writes the bulletin of an analysed campaign. */
export async function writeBulletin(c: AnalysedCampaign, options: BulletinOptions): Promise<BulletinResult> {
  const { locale } = options;
  const started = performance.now();
  const settings = resolveSettings(c.config.bulletin);
  let template: string;
  try {
    // control characters and bidi overrides from records or settings never reach the files as such
    template = escapeUnsafeText(loadTemplate(settings, c.root, locale));
  } catch (e) {
    if (e instanceof SettingsProblem) throw await refusedAt(c.root, e.at, e.code, e.message);
    throw e;
  }
  const model = escapeUnsafeDeep(aggregateCampaign(c, settings));
  const formats = options.formats ?? BULLETIN_FORMATS;
  const rendered: { format: BulletinFormat; data: Uint8Array | string }[] = [];
  for (const f of formats) {
    if (f === 'md') rendered.push({ format: f, data: renderMarkdown(model, template) });
    else if (f === 'docx') rendered.push({ format: f, data: await renderDocx(model, template) });
    else rendered.push({ format: f, data: await renderXlsx(model) });
  }
  const renderMs = performance.now() - started;
  const base = await baseName(model, c, locale);
  let outDir = options.out?.absolute ?? c.root;
  const files: BulletinResult['files'] = [];
  try {
    outDir = await outputFolder(c.root, c.config.output, options.out);
    for (const r of rendered) {
      const ext = r.format === 'xlsx' ? `${fill(model.settings.workbookSuffix, {})}.xlsx` : `.${r.format}`;
      files.push({ format: r.format, ...(await writeNew(path.join(outDir, base + ext), r.data, options.force ?? false)) });
    }
  } catch (e) {
    throw await outputRefused(e, c.root, outDir, options, locale);
  }
  return { model, outDir, files, renderMs };
}

/** The bulletin's base file name from the settings, refused when it names a folder. */
async function baseName(model: BulletinModel, c: AnalysedCampaign, locale: Locale): Promise<string> {
  const s = model.settings;
  const view = { period: periodText(s, model.campaign), year: model.campaign.year, quarterName: quarterName(s, model.campaign.quarter), issuer: model.campaign.issuer, scope: model.campaign.scope };
  const name = fill(s.fileName, view).trim();
  // eslint-disable-next-line no-control-regex
  if (!name || name === '.' || name === '..' || /[\\/:*?"<>|\u0000-\u001f]/.test(name)) {
    throw await refusedAt(c.root, ['bulletin', 'fileName'], SCHEMA_CODES.badFileName, t(locale, 'output.badName', { name }));
  }
  return name;
}
