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
import { TemplateLimitError } from '../bulletin/boundedTemplate';
import { forKind, loadTemplate, resolveSettings, SettingsProblem, templateLimitProblem } from '../bulletin/settings';
import { batchText, fill, periodText, quarterName } from '../bulletin/wording';
import { outputFolder } from '../campaign/campaignFolder';
import { SCHEMA_CODES } from '../codes';
import { writeNewSet, type WrittenFile } from '../io/atomicWrite';
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
  /** Folders outside the campaign the user allows its files to name (the template …); the campaign's own by default. */
  allowed?: readonly string[];
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
  const result = await writeBulletin(withoutDataErrors(analysed, gate), { ...options, allowed: options.allowed ?? campaign.containment().allowed, provisional }, refuse);
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
  const containment = { root: c.root, allowed: options.allowed ?? [] };
  let template: string;
  try {
    // control characters and bidi overrides from records or settings never reach the files as such
    template = escapeUnsafeText(loadTemplate(settings, containment, locale));
  } catch (e) {
    throw await settingsRefused(e, c.root, settings.template, locale);
  }
  // what the documents print is escaped; the analysed records behind the figures (entries) are
  // never printed from and stay as they are: walking them was most of a national bulletin's time
  const { entries, ...printed } = aggregateCampaign(c, settings);
  const model: BulletinModel = { ...escapeUnsafeDeep(printed), entries };
  if (options.provisional) model.provisional = options.provisional;
  await refuseImpossiblePopulation(c, model, locale);
  const formats = options.formats ?? DEFAULT_BULLETIN_FORMATS;
  const base = await baseName(model, c, locale);
  const suffix = await workbookSuffix(model, c, locale);
  const fileOf = (dir: string, format: BulletinFormat): string => path.join(dir, fitFileName(base, format === 'xlsx' ? `${suffix}.xlsx` : `.${format}`));
  const noGate = { errorFiles: [], undetermined: [], leftOut: [] };
  let outDir = options.out?.absolute ?? c.root;
  try {
    outDir = await outputFolder(c.root, c.config.output, options.out, options.allowed);
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
  try {
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
  } catch (e) {
    // a template or a settings phrase beyond the bounds on nesting and size
    throw await settingsRefused(e, c.root, settings.template, locale);
  }
  const renderMs = performance.now() - started;
  const files: BulletinResult['files'] = [];
  try {
    // one numbering for the whole set: a bulletin written at the same moment by another run keeps its own
    const written = await writeNewSet(rendered.map((r) => ({ file: fileOf(outDir, r.format), data: r.data })), options.force ?? false);
    files.push(...written.map((w, i) => ({ format: rendered[i].format, ...w })));
  } catch (e) {
    throw await outputRefused(e, c.root, outDir, options, locale);
  }
  return { model, outDir, files, renderMs, existing: [], gate: noGate, ...(pdfProblem ? { pdfProblem } : {}) };
}

/** A template or a settings phrase the bounds refused, located in campaign.yaml; anything else passed on. */
async function settingsRefused(e: unknown, root: string, templateSetting: string | undefined, locale: Locale): Promise<unknown> {
  if (e instanceof TemplateLimitError) {
    const problem = templateLimitProblem(e, templateSetting, locale);
    return refusedAt(root, templateSetting ? problem.at : ['bulletin'], problem.code, problem.message);
  }
  if (e instanceof SettingsProblem) return refusedAt(root, e.at, e.code, e.message);
  return e;
}

/**
 * A population campaign.yaml states that is smaller than the records checked (0 with records, 10 with
 * 115 checked): the sampling ratio would read 1150 %, so the bulletin is not written.
 */
async function refuseImpossiblePopulation(c: AnalysedCampaign, model: BulletinModel, locale: Locale): Promise<void> {
  for (const [key, f] of [['websites', model.websites], ['media', model.media]] as const) {
    const stated = c.config.population?.[key];
    if (typeof stated === 'number' && f.checked > stated) {
      throw await refusedAt(c.root, ['population', key], SCHEMA_CODES.populationBelowChecked, t(locale, 'population.belowChecked', { population: stated, checked: f.checked, kind: t(locale, `population.kind.${key}`) }));
    }
  }
}

/** A name part written in the settings: refused when it names a folder or holds characters file systems refuse. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f]/;

/**
 * The bulletin's base file name from the settings (`bulletin.fileName`), refused when the setting
 * itself names a folder; the campaign's words filled into it (period, scope, issuer …) are made one
 * safe name segment first, whatever they hold.
 */
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
  const safeView = Object.fromEntries(Object.entries(view).map(([k, v]) => [k, typeof v === 'string' ? safeNamePart(v) : v]));
  const name = fill(s.fileName, safeView).trim();
  if (!name || name === '.' || name === '..' || UNSAFE_IN_NAME.test(name)) {
    throw await refusedAt(c.root, ['bulletin', 'fileName'], SCHEMA_CODES.badFileName, t(locale, 'output.badName', { name }));
  }
  return name;
}

/** The workbook's suffix (`bulletin.workbookSuffix`), refused like a file name when it names a folder. */
async function workbookSuffix(model: BulletinModel, c: AnalysedCampaign, locale: Locale): Promise<string> {
  const suffix = fill(model.settings.workbookSuffix, {});
  if (UNSAFE_IN_NAME.test(suffix) || /^\.+$/.test(suffix.trim())) {
    throw await refusedAt(c.root, ['bulletin', 'workbookSuffix'], SCHEMA_CODES.badFileName, t(locale, 'output.badName', { name: suffix }));
  }
  return suffix;
}

/** Text from a campaign file made one safe piece of a file name: separators, reserved and control characters become “_”. */
export function safeNamePart(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, '_');
}

/**
 * `base + ext` within the length file systems allow for one name (255 bytes of UTF-8), with room
 * for the ` (2)` a free name may add: a base too long is cut at a character.
 */
export function fitFileName(base: string, ext: string): string {
  const room = MAX_NAME_BYTES - Buffer.byteLength(ext) - FREE_NAME_ROOM;
  let cut = base;
  if (Buffer.byteLength(cut) > room) {
    const chars = [...cut];
    while (chars.length > 1 && Buffer.byteLength(chars.join('')) > room) chars.pop();
    cut = chars.join('').trimEnd();
  }
  return cut + ext;
}

/** The bytes of one file name most file systems allow (ext4, NTFS in UTF-16 allow more CJK, not less). */
const MAX_NAME_BYTES = 255;
/** Bytes kept free for ` (100)` when a free name must be found. */
const FREE_NAME_ROOM = 8;
