// The bulletin's wording and layout as configuration: the shipped defaults
// (templates/bulletin-settings.zh-cn.yaml) overlaid with the campaign's `bulletin:` section, both
// described by schemas/bulletin-settings.schema.json. Nothing here knows any wording itself.
import { readFileSync } from 'node:fs';
import type { Locale, NodePath, RecordKind, RecordSource, RegistryStatus } from '../model';
import { resolveContainedSync, type Containment } from '../io/containment';
import { readRegularTextSync, refusalProblem } from '../io/readText';
import { checkTemplate, TemplateLimitError } from './boundedTemplate';
import { READ_CODES, SCHEMA_CODES } from '../codes';
import { resourcePath } from '../resources';
import { parseYaml } from '../yaml/yamlDocument';
import { catalogue } from '../l10n';
import messages from '../../../../l10n/messages/bulletin.json';
import type { Decimals } from './rounding';

const t = catalogue(messages);

export type Grouping = 'theme' | 'indicator' | 'region';
export type AttachmentList =
  | 'websites-failed'
  | 'media-failed'
  | 'media-unregistered'
  | 'media-unregistered-failed'
  | 'websites-unregistered'
  | 'recheck-still-failing';
export type ColumnKey =
  | 'seq' | 'region' | 'sponsor' | 'name' | 'platform' | 'accountId' | 'siteCode' | 'url' | 'ownerLevel'
  | 'checkDate' | 'problem' | 'assurance' | 'file';

export interface ProblemGroupSettings {
  key: string;
  heading: string;
  /** Text before the group's sentences (e.g. `抽查发现，`). */
  lead?: string;
  style?: 'names' | 'region-callouts';
  select?: {
    kind?: RecordKind;
    /** Records with a veto hit of one of these rule ids. */
    rules?: string[];
    /** Unregistered records (their content-assurance failures) instead of checked failures. */
    unregistered?: boolean;
    regions?: string[];
    /** Only records whose `bulletin.themes` name this group. */
    themesOnly?: boolean;
  };
}

export interface FactSettings {
  heading?: string;
  text: string;
  long?: { afterMonths: number; sinceFrom?: string[]; text: string };
}

export interface ColumnSettings {
  key: ColumnKey;
  header?: string;
  width?: number;
}

/** Page orientation of an attachment list: chosen from the width its table needs, or fixed. */
export type AttachmentOrientation = 'auto' | 'portrait' | 'landscape';

export interface AttachmentSettings {
  key: string;
  list: AttachmentList;
  title: string;
  columns: (ColumnKey | ColumnSettings)[];
  orientation?: AttachmentOrientation;
}

/** 版记: 抄送机关 and 印发机关和印发日期 (GB/T 9704-2012 7.4). */
export interface ImprintSettings {
  copyTo: string[];
  copyToLabel: string;
  copyToSeparator: string;
  copyToEnd: string;
  printer: string;
  /** YYYY-MM-DD; empty: the date of the document. */
  printDate: string;
  printed: string;
}

export interface BulletinSettings {
  template?: string;
  title: string;
  documentNumber: string;
  fileName: string;
  workbookSuffix: string;
  addressee: string;
  basis: string[];
  preamble: string;
  checkStandard: string;
  precision: { samplingRatio: Decimals; passRate: Decimals; change: Decimals };
  never100: boolean;
  changeBasis: 'printed' | 'exact';
  unit: string;
  countedNoun: string;
  nouns: Record<RecordKind, string>;
  registryName: Record<RecordKind, string>;
  checkedSources: RecordSource[];
  regionOrder: string[];
  unregisteredStatuses: RegistryStatus[];
  overview: { recheck: boolean; changes: boolean; breakdowns: boolean; ownerLevelGroups: Record<string, string[]> };
  recheckSentence: string;
  changeWords: { up: string; down: string; flat: string };
  grouping: Grouping;
  callouts: {
    kind: RecordKind;
    threshold: number;
    sentences: { withFailures: string; failuresOnly: string; unregisteredOnly: string };
  };
  problemGroups: ProblemGroupSettings[];
  names: {
    quoteOpen: string;
    quoteClose: string;
    websiteSuffix: string;
    websiteNameEndings: string[];
    join: string;
    joinQuoted: string;
    joinLast: string;
    clauseJoin: string;
    sentenceJoin: string;
    regionJoin: string;
    countSuffix: string;
    connector: Record<RecordKind, string>;
    topicMarkers: string[];
    maxNamesPerSponsor: number;
    sponsorGroup: { samePlatform: string; mixed: string };
    sponsorAbbreviations: { from: string; to: string }[];
    platformNames: Record<string, string>;
    repeatOffender: string;
    previousCheck: Record<RecordKind, string>;
  };
  facts: Record<string, FactSettings>;
  scoreFail: string;
  scoreFailHeading: string;
  assurance: { pass: string; fail: string };
  unregisteredProblem: string;
  requirements: { heading: string; text: string }[];
  closingItems: { websitesFailed: string; mediaFailed: string; unregisteredFailed: string };
  responsible: string;
  filingResponsible: string;
  deadlines: { rectification: string; filing: string };
  signature: string;
  date: string;
  /** 成文日期 in Arabic (2021年7月15日) or Chinese numerals (二〇二一年七月十五日). */
  dateNumerals: 'arabic' | 'chinese';
  /** Sealed documents centre the signature over the date (GB/T 9704-2012 7.3.5.1), others 7.3.5.2. */
  sealed: boolean;
  copyNumber: string;
  secrecy: string;
  urgency: string;
  imprint: ImprintSettings;
  dates: { day: string; rangeSameMonth: string; rangeSameYear: string; range: string; before: string; period: string };
  quarterNames: string[];
  ordinals: string[];
  attachmentLabel: string;
  attachmentsHeading: string;
  attachments: AttachmentSettings[];
  columnHeaders: Record<ColumnKey, string>;
}

/**
 * A bulletin setting that cannot be used although it fits the schema (a template outside the
 * campaign, a file name that names a folder): the key path in campaign.yaml, the code and why.
 */
export class SettingsProblem extends Error {
  constructor(
    readonly at: NodePath,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let defaults: BulletinSettings | undefined;

/** The shipped default settings (templates/bulletin-settings.zh-cn.yaml). */
export function defaultSettings(): BulletinSettings {
  defaults ??= parseYaml(readFileSync(resourcePath('templates', 'bulletin-settings.zh-cn.yaml'), 'utf8')).value as BulletinSettings;
  return structuredClone(defaults);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overlays `over` on `base`: mappings merge key by key, everything else (lists too) replaces. */
export function mergeSettings<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(out[k]) && isPlainObject(v) ? mergeSettings(out[k], v) : v;
  }
  return out as T;
}

/**
 * The effective settings of a campaign: the defaults overlaid with its `bulletin:` section. The
 * section was validated with campaign.yaml (schemas/campaign.schema.json refers to
 * bulletin-settings.schema.json), like every other key: a campaign with an invalid section has no
 * configuration to aggregate.
 */
export function resolveSettings(section: unknown): BulletinSettings {
  return mergeSettings(defaultSettings(), section ?? {});
}

/**
 * The Mustache template of the bulletin body: the campaign's own (a path relative to the campaign
 * folder, which must lead inside it or into a folder the user allowed, to a regular file within the
 * size limit, nesting its sections within the limit) or the shipped `templates/bulletin.zh-cn.mustache`.
 * Throws SettingsProblem located at `bulletin.template`.
 */
export function loadTemplate(settings: BulletinSettings, campaign: Containment | string | undefined, locale: Locale): string {
  const containment = typeof campaign === 'string' ? { root: campaign, allowed: [] } : campaign;
  if (!settings.template) return readFileSync(resourcePath('templates', 'bulletin.zh-cn.mustache'), 'utf8');
  const at: NodePath = ['bulletin', 'template'];
  const rel = settings.template;
  const where = containment ? resolveContainedSync(rel, containment.root, containment) : undefined;
  if (!where || where.status === 'outside') throw new SettingsProblem(at, SCHEMA_CODES.outsideCampaign, t(locale, 'template.outside', { file: rel }));
  if (where.status === 'missing') throw new SettingsProblem(at, READ_CODES.notFound, t(locale, 'template.unreadable', { file: rel }));
  const read = readRegularTextSync(where.real, 'template');
  if ('refused' in read) {
    const problem = refusalProblem(read.refused, locale, 'template');
    throw new SettingsProblem(at, problem.code, t(locale, 'template.refused', { file: rel, reason: problem.message }));
  }
  try {
    checkTemplate(read.text);
  } catch (e) {
    if (e instanceof TemplateLimitError) throw templateLimitProblem(e, rel, locale);
    throw new SettingsProblem(at, SCHEMA_CODES.templateLimit, t(locale, 'template.syntax', { file: rel, error: e instanceof Error ? e.message : String(e) }));
  }
  return read.text;
}

/** A template beyond a limit, as the problem located at `bulletin.template` (`file` undefined: the shipped one). */
export function templateLimitProblem(e: TemplateLimitError, file: string | undefined, locale: Locale): SettingsProblem {
  const name = file ?? t(locale, 'template.shipped');
  return new SettingsProblem(['bulletin', 'template'], SCHEMA_CODES.templateLimit, t(locale, `template.limit.${e.limit}`, { file: name, value: e.value }));
}

/** The header of each column of an attachment, and its width when the settings fix one. */
export function attachmentColumns(settings: BulletinSettings, a: AttachmentSettings): (ColumnSettings & { header: string })[] {
  return a.columns.map((c) => {
    const col: ColumnSettings = typeof c === 'string' ? { key: c } : c;
    const header = col.header ?? settings.columnHeaders[col.key] ?? col.key;
    // widths not given are measured from the content by the renderers
    return col.width === undefined ? { key: col.key, header } : { key: col.key, header, width: col.width };
  });
}
