// The bulletin's wording and layout as configuration: the shipped defaults
// (templates/bulletin-settings.zh-cn.yaml) overlaid with the campaign's `bulletin:` section, both
// validated by schemas/bulletin-settings.schema.json. Nothing here knows any wording itself.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { Locale, NodePath, RecordKind, RecordSource, RegistryStatus } from '../model';
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

/** A bulletin-settings problem located in a file (1-based line and column for people). */
export class BulletinSettingsError extends Error {
  constructor(
    /** The problem itself, without its location. */
    readonly detail: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

let validator: ValidateFunction | undefined;

/** The compiled bulletin-settings schema. */
export function settingsValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(resourcePath('schemas', 'bulletin-settings.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  validator = ajv.compile(schema);
  return validator;
}

let defaults: { text: string; value: BulletinSettings } | undefined;

/** The shipped default settings (templates/bulletin-settings.zh-cn.yaml). */
export function defaultSettings(): BulletinSettings {
  if (!defaults) {
    const file = resourcePath('templates', 'bulletin-settings.zh-cn.yaml');
    const text = readFileSync(file, 'utf8');
    const parsed = parseYaml(text);
    defaults = { text, value: parsed.value as BulletinSettings };
  }
  return structuredClone(defaults.value);
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

function pointerToPath(pointer: string): NodePath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(locale: Locale, e: ErrorObject): string {
  const where = e.instancePath || '/';
  switch (e.keyword) {
    case 'additionalProperties':
      return t(locale, 'settings.unknownKey', { key: String((e.params as { additionalProperty: string }).additionalProperty) });
    case 'enum':
      return t(locale, 'settings.enum', { where, allowed: ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ') });
    case 'type':
      return t(locale, 'settings.type', { where, type: String((e.params as { type: string }).type) });
    case 'required':
      return t(locale, 'settings.required', { key: String((e.params as { missingProperty: string }).missingProperty) });
    default:
      return t(locale, 'settings.invalid', { where, detail: e.message ?? e.keyword });
  }
}

/** Where the campaign file names a settings path: 1-based line and column (1:1 when unknown). */
export interface CampaignFileRef {
  /** The file to read for locating (absolute or relative to the working directory). */
  path: string;
  /** How messages name it (relative to the campaign). */
  display: string;
}

function locate(campaignFile: CampaignFileRef | undefined, nodePath: NodePath, part: 'value' | 'key'): { line: number; column: number } {
  if (!campaignFile) return { line: 1, column: 1 };
  try {
    const parsed = parseYaml(readFileSync(campaignFile.path, 'utf8'));
    const range = parsed.rangeOf(nodePath, part);
    return { line: range.start.line + 1, column: range.start.character + 1 };
  } catch {
    // the campaign file vanished meanwhile: the message still names it
    return { line: 1, column: 1 };
  }
}

/** An error located at a path of campaign.yaml. */
export function settingsError(message: string, campaignFile: CampaignFileRef | undefined, nodePath: NodePath, part: 'value' | 'key' = 'value'): BulletinSettingsError {
  const { line, column } = locate(campaignFile, nodePath, part);
  return new BulletinSettingsError(message, campaignFile?.display ?? 'campaign.yaml', line, column);
}

/**
 * The effective settings of a campaign: defaults overlaid with its `bulletin:` section. When the
 * section is invalid, throws a BulletinSettingsError located in campaign.yaml.
 */
export function resolveSettings(section: unknown, locale: Locale, campaignFile?: CampaignFileRef): BulletinSettings {
  const validate = settingsValidator();
  if (section !== undefined && section !== null && !validate(section)) {
    const err = (validate.errors ?? [])[0];
    const extra = err.keyword === 'additionalProperties' ? [(err.params as { additionalProperty: string }).additionalProperty] : [];
    throw settingsError(describe(locale, err), campaignFile, ['bulletin', ...pointerToPath(err.instancePath), ...extra], extra.length ? 'key' : 'value');
  }
  return mergeSettings(defaultSettings(), section ?? {});
}

/**
 * The Mustache template of the bulletin body: the campaign's own (a path relative to the campaign
 * folder, never outside it) or the shipped `templates/bulletin.zh-cn.mustache`.
 */
export function loadTemplate(settings: BulletinSettings, campaignRoot: string | undefined, locale: Locale, campaignFile?: CampaignFileRef): string {
  if (settings.template) {
    const at: NodePath = ['bulletin', 'template'];
    if (!campaignRoot) throw settingsError(t(locale, 'template.noRoot'), campaignFile, at);
    const rel = settings.template;
    const resolved = path.resolve(campaignRoot, rel);
    const inside = path.relative(path.resolve(campaignRoot), resolved);
    if (path.isAbsolute(rel) || inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw settingsError(t(locale, 'template.outside', { file: rel }), campaignFile, at);
    }
    try {
      return readFileSync(resolved, 'utf8');
    } catch {
      throw settingsError(t(locale, 'template.unreadable', { file: rel }), campaignFile, at);
    }
  }
  return readFileSync(resourcePath('templates', 'bulletin.zh-cn.mustache'), 'utf8');
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
