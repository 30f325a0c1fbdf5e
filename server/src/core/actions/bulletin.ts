// The bulletin of a campaign: aggregated, rendered (Markdown, Word, Excel) and written into its
// output folder, atomically. An existing bulletin is never replaced silently: the new one gets a free
// name (`通报 (2).docx`), or with `existing: 'ask'` nothing is written and the files are listed,
// unless `force` is given. Nothing named by a campaign file writes outside the campaign folder. The
// data gate comes first (dataGate.ts): a campaign with data errors or undecided records is refused,
// or with `allowIncomplete` written as provisional, saying so in every format.
import * as path from 'node:path';
import { aggregateCampaign } from '../bulletin/aggregate';
import type { BulletinModel } from '../bulletin/bulletinModel';
import { renderDocx } from '../bulletin/render/docx';
import { renderMarkdown } from '../bulletin/render/markdown';
import { renderPdf } from '../bulletin/render/pdf';
import { renderXlsx } from '../bulletin/render/xlsx';
import { forKind, loadTemplate, resolveSettings, SettingsProblem } from '../bulletin/settings';
import { batchText, fill, periodText, quarterName } from '../bulletin/wording';
import { outputFolder } from '../campaign/campaignFolder';
import { SCHEMA_CODES } from '../codes';
import { writeNew, type WrittenFile } from '../io/atomicWrite';
import { escapeUnsafeDeep, escapeUnsafeText } from '../io/unsafeText';
import { todayInChina } from '../dates';
import type { AnalysedCampaign, IsoDate, Locale, RecordKind } from '../model';
import { ActionError, outputRefused, refusedAt, t } from './actionError';
import { analyseCampaign, type Campaign } from './campaign';
import { dataGate, gateIsClear, provisionalSentence, refusalMessage, withoutDataErrors, type DataGate } from './dataGate';
import { promises as fs } from 'node:fs';

export const BULLETIN_FORMATS = ['md', 'docx', 'xlsx', 'pdf'] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];
/** Written when no formats are asked for: PDF needs LibreOffice and is asked for by name. */
export const DEFAULT_BULLETIN_FORMATS: readonly BulletinFormat[] = ['md', 'docx', 'xlsx'];

export interface BulletinOptions {
  formats?: readonly BulletinFormat[];
  /** The output folder: the user's own (`--out`, absolute), or an editor setting relative to the campaign. */
  out?: { absolute?: string; relative?: string };
  force?: boolean;
  locale: Locale;
  /** The date of the document when the campaign gives none (YYYY-MM-DD); by default today in China. */
  today?: IsoDate;
  /** Environment for finding LibreOffice (PATH, INSPECTION_RECORDS_SOFFICE); the process's by default. */
  env?: Record<string, string | undefined>;
  /** Write a provisional bulletin when records have data errors or cannot be decided (else refuse). */
  allowIncomplete?: boolean;
  /**
   * When a file of the bulletin exists (and `force` is not given): `rename` writes under a free name
   * (the default), `ask` writes nothing and lists the files in `existing` (the editor then asks).
   */
  existing?: 'rename' | 'ask';
  /** What makes the bulletin provisional (set by generateBulletin from the data gate). */
  provisional?: { text: string; marker: string };
}

export interface BulletinResult {
  model: BulletinModel;
  outDir: string;
  files: (WrittenFile & { format: BulletinFormat })[];
  /** Milliseconds spent aggregating and rendering (without the analysis). */
  renderMs: number;
  /** Why the PDF asked for was not written (LibreOffice missing or failing), localised. */
  pdfProblem?: string;
  /** Files of the bulletin that exist and were left alone (`existing: 'ask'`): nothing was written. */
  existing: string[];
  /** The data gate: empty lists when the bulletin is final. */
  gate: Pick<DataGate, 'errorFiles' | 'undetermined' | 'leftOut'>;
}

/**
 * Analyses an open campaign and writes its bulletin; refuses (ActionError listing the problems) when
 * records have data errors or cannot be decided, unless `allowIncomplete`.
 */
export async function generateBulletin(campaign: Campaign, options: BulletinOptions): Promise<BulletinResult> {
  const analysed = await analyseForBulletin(campaign);
  const gate = dataGate(campaign, analysed);
  const text = provisionalSentence(gate, options.locale);
  const provisional = text ? { text, marker: t(options.locale, 'gate.marker') } : undefined;
  // the campaign's own settings (template, file name, output folder) are refused first, then the data
  const refuse = gateIsClear(gate) || options.allowIncomplete
    ? undefined
    : () => new ActionError('campaign', refusalMessage(gate, options.locale), [...gate.errors, ...gate.waiting], undefined, { errorFiles: gate.errorFiles.length, undetermined: gate.undetermined.length });
  const result = await writeBulletin(withoutDataErrors(analysed, gate), { ...options, provisional }, refuse);
  return { ...result, gate: { errorFiles: gate.errorFiles, undetermined: gate.undetermined, leftOut: gate.leftOut } };
}

/**
 * The campaign analysed for its bulletin: with the registry's running rows when a breakdown of the
 * settings counts the population by them (and campaign.yaml does not state the counts).
 */
export async function analyseForBulletin(campaign: Campaign): Promise<AnalysedCampaign> {
  const c = await analyseCampaign(campaign);
  const s = resolveSettings(c.config.bulletin, c.config);
  const kinds = new Set<RecordKind>();
  for (const b of Object.values(s.breakdowns)) {
    const fields = Array.isArray(b.by) ? b.by : [b.by];
    if (b.of === 'population' && !(fields.length === 1 && s.composition[b.kind]?.[fields[0]])) kinds.add(b.kind);
  }
  if (kinds.size) {
    await campaign.loadRegistry();
    const running: NonNullable<AnalysedCampaign['registryRunning']> = {};
    for (const k of kinds) {
      const rows = campaign.runningRegistryRows(k);
      if (rows) running[k] = rows;
    }
    c.registryRunning = running;
  }
  return c;
}

/** The bulletin model of an analysed campaign: what the bulletin, the status bar and the dashboard count. */
export function bulletinModel(c: AnalysedCampaign): BulletinModel {
  return aggregateCampaign(c, resolveSettings(c.config.bulletin, c.config));
}

/** Aggregates, renders and writes the bulletin of an analysed campaign (`refuse`: the data gate's refusal, raised once the settings hold). */
export async function writeBulletin(c: AnalysedCampaign, options: BulletinOptions, refuse?: () => ActionError): Promise<BulletinResult> {
  const { locale } = options;
  const started = performance.now();
  const settings = resolveSettings(c.config.bulletin, c.config);
  // the date of the document: the campaign's, else the day the bulletin is generated
  if (!settings.date) settings.date = options.today ?? todayInChina();
  let template: string;
  try {
    // control characters and bidi overrides from records or settings never reach the files as such
    template = escapeUnsafeText(loadTemplate(settings, c.root, locale));
  } catch (e) {
    if (e instanceof SettingsProblem) throw await refusedAt(c.root, e.at, e.code, e.message);
    throw e;
  }
  const model = escapeUnsafeDeep(aggregateCampaign(c, settings));
  if (options.provisional) model.provisional = options.provisional;
  const formats = options.formats ?? DEFAULT_BULLETIN_FORMATS;
  const base = await baseName(model, c, locale);
  const fileOf = (dir: string, format: BulletinFormat): string => path.join(dir, base + (format === 'xlsx' ? `${fill(model.settings.workbookSuffix, {})}.xlsx` : `.${format}`));
  const noGate = { errorFiles: [], undetermined: [], leftOut: [] };
  let outDir = options.out?.absolute ?? c.root;
  try {
    outDir = await outputFolder(c.root, c.config.output, options.out);
  } catch (e) {
    throw await outputRefused(e, c.root, outDir, options, locale);
  }
  if (refuse) throw refuse();
  if (options.existing === 'ask' && !options.force) {
    // the editor asks before anything is written: replace, keep both, or cancel
    const existing: string[] = [];
    for (const f of formats) if (await fs.lstat(fileOf(outDir, f)).then(() => true, () => false)) existing.push(fileOf(outDir, f));
    if (existing.length > 0) return { model, outDir, files: [], renderMs: performance.now() - started, existing, gate: noGate };
  }
  const rendered: { format: BulletinFormat; data: Uint8Array | string }[] = [];
  let docx: Uint8Array | undefined;
  let pdfProblem: string | undefined;
  for (const f of formats) {
    if (f === 'md') rendered.push({ format: f, data: renderMarkdown(model, template) });
    else if (f === 'docx') rendered.push({ format: f, data: (docx ??= await renderDocx(model, template)) });
    else if (f === 'xlsx') rendered.push({ format: f, data: await renderXlsx(model, locale) });
    else {
      const pdf = await renderPdf((docx ??= await renderDocx(model, template)), locale, options.env);
      if ('data' in pdf) rendered.push({ format: f, data: pdf.data });
      else pdfProblem = pdf.problem;
    }
  }
  const renderMs = performance.now() - started;
  const files: BulletinResult['files'] = [];
  try {
    for (const r of rendered) files.push({ format: r.format, ...(await writeNew(fileOf(outDir, r.format), r.data, options.force ?? false)) });
  } catch (e) {
    throw await outputRefused(e, c.root, outDir, options, locale);
  }
  return { model, outDir, files, renderMs, existing: [], gate: noGate, ...(pdfProblem ? { pdfProblem } : {}) };
}

/** The bulletin's base file name from the settings, refused when it names a folder. */
async function baseName(model: BulletinModel, c: AnalysedCampaign, locale: Locale): Promise<string> {
  const s = model.settings;
  const nouns = model.kinds.map((k) => s.nouns[k]);
  const view = {
    period: periodText(s, model.campaign),
    year: model.campaign.year,
    quarterName: quarterName(s, model.campaign.quarter),
    issuer: model.campaign.issuer,
    scope: model.campaign.scope,
    subject: nouns.join(s.kindsJoin),
    checkWord: forKind(s.checkWord, model.kinds[0] ?? 'website'),
    batchText: batchText(s, model.campaign),
  };
  const name = fill(s.fileName, view).trim();
  // eslint-disable-next-line no-control-regex
  if (!name || name === '.' || name === '..' || /[\\/:*?"<>|\u0000-\u001f]/.test(name)) {
    throw await refusedAt(c.root, ['bulletin', 'fileName'], SCHEMA_CODES.badFileName, t(locale, 'output.badName', { name }));
  }
  return name;
}
