// Writes a campaign's bulletin (Markdown, Word, Excel) into its output folder, atomically. An
// existing bulletin is never replaced silently: the new one gets a free name (`通报 (2).docx`)
// unless `force` is given. Nothing named by a campaign file may write outside the output folder.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AnalysedCampaign, IsoDate, Locale } from '../model';
import { todayInChina } from '../today';
import { CAMPAIGN_FILE_NAMES } from '../campaign/campaignFolder';
import { freeFileName, OutputExistsError, writeFileAtomic } from '../io/atomicWrite';
import { escapeUnsafeDeep, escapeUnsafeText } from '../io/unsafeText';
import { catalogue } from '../l10n';
import messages from '../../../../l10n/messages/bulletin.json';
import { aggregateCampaign } from './aggregate';
import type { BulletinModel } from './bulletinModel';
import { renderDocx } from './render/docx';
import { renderMarkdown } from './render/markdown';
import { renderPdf } from './render/pdf';
import { renderXlsx } from './render/xlsx';
import { loadTemplate, resolveSettings, settingsError, type CampaignFileRef } from './settings';
import { fill, periodText, quarterName } from './wording';

const t = catalogue(messages);

export const BULLETIN_FORMATS = ['md', 'docx', 'xlsx', 'pdf'] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];
/** Written when no formats are asked for: PDF needs LibreOffice and is asked for by name. */
export const DEFAULT_BULLETIN_FORMATS: readonly BulletinFormat[] = ['md', 'docx', 'xlsx'];

export interface WriteBulletinOptions {
  formats?: readonly BulletinFormat[];
  /** Output folder given by the user (absolute, or relative to the working directory). */
  outDir?: string;
  force?: boolean;
  locale: Locale;
  /** The date of the document when the campaign gives none (YYYY-MM-DD); by default today in China. */
  today?: IsoDate;
  /** Environment for finding LibreOffice (PATH, INSPECTION_RECORDS_SOFFICE); the process's by default. */
  env?: Record<string, string | undefined>;
}

export interface WrittenFile {
  format: BulletinFormat;
  /** Absolute path. */
  file: string;
  /** Whether an existing file was replaced (`force`). */
  replaced: boolean;
  /** Whether the planned name existed and a free name was chosen instead. */
  renamed: boolean;
}

export interface BulletinResult {
  model: BulletinModel;
  outDir: string;
  files: WrittenFile[];
  /** Milliseconds spent aggregating and rendering (without the analysis). */
  renderMs: number;
  /** Why the PDF asked for was not written (LibreOffice missing or failing), localised. */
  pdfProblem?: string;
}

/** The campaign file (campaign.yaml, else campaign.yml) for locating settings problems. */
function campaignFileOf(c: AnalysedCampaign): CampaignFileRef {
  const name = CAMPAIGN_FILE_NAMES.find((n) => existsSync(path.join(c.root, n))) ?? CAMPAIGN_FILE_NAMES[0];
  return { path: path.join(c.root, name), display: name };
}

/** A relative path that stays inside its base folder (no `..`, not absolute, no drive letter). */
function isContainedRelative(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return false;
  return !rel.split(/[\\/]+/).some((seg) => seg === '..');
}

/** The output folder: the user's `--out`, else the campaign's `output` (default `out`) inside it. */
async function outputFolder(c: AnalysedCampaign, opts: WriteBulletinOptions): Promise<string> {
  if (opts.outDir) {
    const dir = path.resolve(opts.outDir);
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }
  const rel = c.config.output ?? 'out';
  const campaignFile = campaignFileOf(c);
  if (!isContainedRelative(rel)) throw settingsError(t(opts.locale, 'output.outside', { path: rel }), campaignFile, ['output']);
  const dir = path.resolve(c.root, rel);
  await fs.mkdir(dir, { recursive: true });
  // a symbolic link must not lead the output out of the campaign folder either
  const [realRoot, realDir] = await Promise.all([fs.realpath(c.root), fs.realpath(dir)]);
  const inside = path.relative(realRoot, realDir);
  if (inside.startsWith('..') || path.isAbsolute(inside)) throw settingsError(t(opts.locale, 'output.outside', { path: rel }), campaignFile, ['output']);
  return dir;
}

/** The bulletin's base file name from the settings, refused when it names a folder. */
function baseName(model: BulletinModel, c: AnalysedCampaign, locale: Locale): string {
  const s = model.settings;
  const view = { period: periodText(s, model.campaign), year: model.campaign.year, quarterName: quarterName(s, model.campaign.quarter), issuer: model.campaign.issuer, scope: model.campaign.scope };
  const name = fill(s.fileName, view).trim();
  // eslint-disable-next-line no-control-regex
  if (!name || name === '.' || name === '..' || /[\\/:*?"<>|\u0000-\u001f]/.test(name)) {
    throw settingsError(t(locale, 'output.badName', { name }), campaignFileOf(c), ['bulletin', 'fileName']);
  }
  return name;
}

async function writeOne(file: string, data: Uint8Array | string, force: boolean): Promise<Omit<WrittenFile, 'format'>> {
  if (force) {
    const existed = await fs.lstat(file).then(
      () => true,
      () => false,
    );
    await writeFileAtomic(file, data, { overwrite: true });
    return { file, replaced: existed, renamed: false };
  }
  // another writer may take the free name between the check and the write: try the next one
  for (let attempt = 0; attempt < 100; attempt++) {
    const target = await freeFileName(file);
    try {
      await writeFileAtomic(target, data);
      return { file: target, replaced: false, renamed: target !== file };
    } catch (e) {
      if (!(e instanceof OutputExistsError)) throw e;
    }
  }
  throw new OutputExistsError(file);
}

/** Aggregates, renders and writes the bulletin of an analysed campaign. */
export async function writeBulletin(c: AnalysedCampaign, opts: WriteBulletinOptions): Promise<BulletinResult> {
  const started = performance.now();
  const campaignFile = campaignFileOf(c);
  const settings = resolveSettings(c.config.bulletin, opts.locale, campaignFile);
  // the date of the document: the campaign's, else the day the bulletin is generated
  if (!settings.date) settings.date = opts.today ?? todayInChina();
  // control characters and bidi overrides from records or settings never reach the files as such
  const template = escapeUnsafeText(loadTemplate(settings, c.root, opts.locale, campaignFile));
  const model = escapeUnsafeDeep(aggregateCampaign(c, settings));
  const formats = opts.formats ?? DEFAULT_BULLETIN_FORMATS;
  const rendered: { format: BulletinFormat; data: Uint8Array | string }[] = [];
  let docx: Uint8Array | undefined;
  let pdfProblem: string | undefined;
  for (const f of formats) {
    if (f === 'md') rendered.push({ format: f, data: renderMarkdown(model, template) });
    else if (f === 'docx') rendered.push({ format: f, data: (docx ??= await renderDocx(model, template)) });
    else if (f === 'xlsx') rendered.push({ format: f, data: await renderXlsx(model, opts.locale) });
    else {
      const pdf = await renderPdf((docx ??= await renderDocx(model, template)), opts.locale, opts.env);
      if ('data' in pdf) rendered.push({ format: f, data: pdf.data });
      else pdfProblem = pdf.problem;
    }
  }
  const renderMs = performance.now() - started;
  const outDir = await outputFolder(c, opts);
  const base = baseName(model, c, opts.locale);
  const files: WrittenFile[] = [];
  for (const r of rendered) {
    const ext = r.format === 'xlsx' ? `${fill(model.settings.workbookSuffix, {})}.xlsx` : `.${r.format}`;
    files.push({ format: r.format, ...(await writeOne(path.join(outDir, base + ext), r.data, opts.force ?? false)) });
  }
  return { model, outDir, files, renderMs, ...(pdfProblem ? { pdfProblem } : {}) };
}

