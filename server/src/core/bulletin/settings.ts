// The bulletin's wording and layout as configuration: the shipped defaults
// (templates/bulletin-settings.zh-cn.yaml) overlaid with the campaign's `bulletin:` section, both
// described by schemas/bulletin-settings.schema.json. Nothing here knows any wording itself.
import { readFileSync } from 'node:fs';
import type { Locale, NodePath, RecordKind, RecordSource, RegistryStatus, RuleKind, Verdict } from '../model';
import { resolveContainedSync, type Containment } from '../io/containment';
import { readRegularTextSync, refusalProblem } from '../io/readText';
import { checkTemplate, TemplateLimitError } from './boundedTemplate';
import { READ_CODES, SCHEMA_CODES } from '../codes';
import { resourcePath } from '../resources';
import { parseYaml } from '../yaml/yamlDocument';
import { catalogue } from '../l10n';
import messages from '../../../../l10n/messages/bulletin.json';
import type { Decimals, Rounding } from './rounding';

const t = catalogue(messages);

export type Grouping = 'theme' | 'indicator' | 'region' | 'kind' | 'none';
export type Level = 'province' | 'city' | 'county';
export type AttachmentList =
  | 'websites-failed'
  | 'media-failed'
  | 'media-unregistered'
  | 'media-unregistered-failed'
  | 'websites-unregistered'
  | 'recheck-still-failing'
  | 'websites-checked'
  | 'media-checked'
  | 'office';
export type ColumnKey =
  | 'seq' | 'region' | 'sponsor' | 'name' | 'platform' | 'accountId' | 'siteCode' | 'url' | 'ownerLevel'
  | 'checkDate' | 'problem' | 'assurance' | 'file';

/** A text, or one text per kind. */
export type PerKind<T> = T | { website?: T; media?: T };

/**
 * Which records a list, a problem group or a count takes: every condition given must hold.
 * Records are those of the checked base unless `checked` says otherwise.
 */
export interface Where {
  kind?: RecordKind;
  /** true: the checked base (default); false: records outside it (库外发现 …); any: both. */
  checked?: boolean | 'any';
  verdict?: Verdict[];
  /** A hit of one of these rule ids (or `rule#condition`). */
  rules?: string[];
  /** Kinds of hits `rules` and `anyHit` look at (default: veto). */
  hitKinds?: RuleKind[];
  /** Any hit of `hitKinds` at all. */
  anyHit?: boolean;
  /** Registry outcomes (unregistered, closed-but-active, near-miss …). */
  registry?: RegistryStatus[];
  /** Record fields and the values they may have (siteType, status, ownerLevel, platform, region …). */
  fields?: Record<string, string[]>;
  minScore?: number;
  maxScore?: number;
  /** Only records whose `bulletin.themes` name the group (the inspector's own choice). */
  declared?: boolean;
  regions?: string[];
}

/** A named list: regions by their pass rate, or records / units by their facts. */
export interface ListSettings {
  kind?: RecordKind;
  of: 'regions' | 'records' | 'units';
  where?: Where;
  /** Regions considered, in order (default: every region of the kind's checked records). */
  regions?: string[];
  /** Regions whose pass rate (exact) is at least / below this percentage. */
  rate?: { atLeast?: number; below?: number };
  /** How each item is printed (records: a name form; regions: {{region}}; units: {{unit}}). */
  form?: string;
  /** Names printed; the rest are said with `etc` (0: all). */
  max?: number;
  etc?: string;
  join?: string;
  last?: string;
  /** Digits of {{share}} (count over the kind's checked records). */
  decimals?: Decimals;
  /** Names shortened: a prefix (or a suffix) replaced. */
  abbreviations?: Abbreviation[];
  /** Records or units by their score, highest first (else in the bulletin's order). */
  sort?: 'score';
}

export interface Abbreviation {
  from: string;
  to: string;
  at?: 'start' | 'end';
}

export interface BreakdownRowSettings {
  match: Record<string, string | string[]>;
  label?: string;
  phrase?: string;
}

/** A named breakdown: rows of the checked records, or of the population, by one or more fields. */
export interface BreakdownSettings {
  kind: RecordKind;
  of?: 'checked' | 'population';
  by: string | string[];
  rows?: BreakdownRowSettings[];
  labels?: Record<string, string>;
  order?: string[];
  /** How {{names}} of a row of checked records names them (a name form). */
  form?: string;
  /** Keys folded into one row (label), or every key with fewer than `below` records. */
  other?: { label: string; keys?: string[]; below?: number };
  phrase?: string;
  /** Rows whose figure (failed, passed, checked, count) is 0 are left out. */
  skipZero?: 'failed' | 'passed' | 'checked' | 'count';
  join?: string;
  last?: string;
  lead?: string;
}

export interface OfficeTableSettings {
  rows: { label: string; value: number }[];
  phrase: string;
  join?: string;
  last?: string;
  /** The total the office states: compared with the rows' sum. */
  total?: number;
}

export interface OfficeSettings {
  figures: Record<string, number | string>;
  rates: Record<string, { of: string; over: string; decimals?: Decimals }>;
  tables: Record<string, OfficeTableSettings>;
}

/** The phrases of a kind's overview sentence. */
export interface OverviewPhrases {
  census: string;
  sample: string;
  noPopulation: string;
  populationOnly: string;
  ratio: string;
  failed: string;
  failedNone: string;
  passed: string;
  rate: string;
  registry: string;
  [clause: string]: string;
}

export interface OverviewKindSettings {
  order?: string[];
  phrases?: Partial<OverviewPhrases>;
  before?: string[];
  after?: string[];
  subitemHeading?: string;
}

export type OverviewItem = string | { item?: string; text?: string; heading?: string };

export interface OverviewSettings {
  items: OverviewItem[];
  layout: 'joined' | 'paragraphs' | 'subitems';
  kindJoin: string;
  subitemHeading: string;
  lead: string;
  order: string[];
  ratio: 'always' | 'sample' | 'never';
  phrases: OverviewPhrases;
  before: string[];
  after: string[];
  kinds: Partial<Record<RecordKind, OverviewKindSettings>>;
}

export interface SectionSettings {
  key: string;
  heading: string;
  headings?: 'runIn' | 'line';
  /** all: paragraphs without a heading are numbered too (（一）正文). */
  number?: 'headed' | 'all';
  items?: OverviewItem[];
}

export interface BaselineSettings {
  name: string;
  /** The earlier pass rates as printed (percent); absent: the campaign's `previous`. */
  rates?: { website?: number | string; media?: number | string };
  phrase?: string;
  flat?: string;
  up?: string;
  down?: string;
}

export interface ProblemGroupSettings {
  key: string;
  heading: string;
  kind?: RecordKind;
  /** Text before the group's sentences (e.g. `抽查发现，`). */
  lead?: string;
  /** What the group says; default {{sentences}}. */
  text?: string;
  style?: 'names' | 'region-callouts';
  /** The records of the group instead of the catalogue's. */
  where?: Where;
  /** Printed even without members (a fixed text). */
  always?: boolean;
  /** Sub-groups, printed 一是…二是… */
  points?: ProblemGroupSettings[];
  /** Name forms of this group's members. */
  names?: { website?: string; media?: string };
  /** Whether the heading gets the member count. */
  count?: boolean;
  /** Members above which the group is summarised (overrides problems.summary.above). */
  summaryAbove?: number;
  /** Names printed by {{names}} and {{units}} at most (the rest left to the text's 等). */
  max?: number;
  /** Before the last of {{names}} and {{units}} (default names.joinLast). */
  last?: string;
  /** Between the group's sentences (default grammar.sentenceJoin). */
  join?: string;
  /** {{names}} gathered by region and platform: 清流县“A”、“B”微信公众号 ({{region}}, {{names}}, {{platform}}). */
  collapse?: string;
  /** The section that prints the group (default problems); another section lists it with the item `problems`. */
  section?: string;
}

export interface ProblemsSettings {
  grouping: Grouping;
  headingCount: string;
  summary: { above: number; names: number; etc: string; regions: number; regionsText: string; regionItem: string };
  pointWords: string[];
  kindHeading: string;
  catalogue: Record<string, string>;
  groups: ProblemGroupSettings[];
}

export interface FactSettings {
  heading?: string;
  text: string;
  /** The words for many records at once (a summarised group); default the heading. */
  summary?: string;
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
  /** Rows of an office list (list: office), cell by cell in column order. */
  rows?: string[][];
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
  level: Level | '';
  levelWord: string;
  kinds: RecordKind[];
  title: string;
  documentNumber: string;
  fileName: string;
  workbookSuffix: string;
  batchText: string;
  addressee: string;
  basis: string[];
  preamble: string;
  checkStandard: string;
  populationAsOf: string;
  checkWord: PerKind<string>;
  unit: PerKind<string>;
  countedNoun: PerKind<string>;
  ratioLabel: PerKind<string>;
  rateLabel: PerKind<string>;
  nouns: Record<RecordKind, string>;
  kindsJoin: string;
  kindsAnd: string;
  registryName: Record<RecordKind, string>;
  precision: { samplingRatio: PerKind<Decimals>; passRate: PerKind<Decimals>; change: PerKind<Decimals>; share: PerKind<Decimals> };
  rounding: Rounding;
  wholeBare: boolean;
  never100: boolean;
  checkedSources: RecordSource[];
  unregisteredStatuses: RegistryStatus[];
  regionOrder: string[];
  ownerLevelGroups: Record<string, string[]>;
  changes: { basis: 'printed' | 'exact'; baselines: BaselineSettings[]; phrase: string; flat: string; up: string; down: string };
  sections: SectionSettings[];
  numbering: { section: string; item: string };
  overview: OverviewSettings;
  recheck: { placement: 'own' | 'first' | 'tail' | 'afterFailed' | 'none'; heading: string; kind: string; kindFixed: string; allFixed: string };
  lists: Record<string, ListSettings>;
  breakdowns: Record<string, BreakdownSettings>;
  composition: Partial<Record<RecordKind, Record<string, Record<string, number>>>>;
  office: OfficeSettings;
  problems: ProblemsSettings;
  callouts: {
    kind: RecordKind;
    threshold: number;
    sentences: { withFailures: string; failuresOnly: string; unregisteredOnly: string };
  };
  names: {
    quoteOpen: string;
    quoteClose: string;
    website: string;
    media: string;
    websiteSuffix: string;
    websiteNameEndings: string[];
    join: string;
    joinQuoted: string;
    joinLast: string;
    maxNamesPerSponsor: number;
    sponsorGroup: { samePlatform: string; mixed: string };
    abbreviations: Abbreviation[];
    sponsorAbbreviations: Abbreviation[];
    platformNames: Record<string, string>;
    repeatOffender: string;
    repeatOffenderOther: string;
    previousCheck: Record<RecordKind, string>;
    regionJoin: string;
    connector: Record<RecordKind, string>;
    topicMarkers: string[];
  };
  grammar: { punctuation: string; stop: string; clauseJoin: string; sentenceJoin: string; verbStarts: string[] };
  facts: Record<string, FactSettings>;
  scoreFail: string;
  scoreFailHeading: string;
  assurance: { pass: string; fail: string };
  unregisteredProblem: string;
  requirements: { heading: string; text: string }[];
  closingItems: { websitesFailed: string; mediaFailed: string; unregisteredFailed: string };
  closing: { rectify: string; filing: string; report: string };
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
  dates: { day: string; monthDay: string; time: string; rangeSameMonth: string; rangeSameYear: string; range: string; before: string; period: string };
  quarterNames: string[];
  ordinals: string[];
  attachmentLabel: string;
  attachmentsHeading: string;
  attachments: AttachmentSettings[];
  columnHeaders: Record<ColumnKey, string>;
  levels: Partial<Record<Level, Partial<BulletinSettings>>>;
  /** The words of a scope that say its level (全省 → 省 → province). */
  levelNames: Record<Level, string[]>;
}

/** The value of a per-kind setting for one kind. */
export function forKind<T>(value: PerKind<T>, kind: RecordKind): T {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && ('website' in value || 'media' in value)) {
    const v = (value as { website?: T; media?: T })[kind];
    const other = (value as { website?: T; media?: T })[kind === 'website' ? 'media' : 'website'];
    return (v ?? other) as T;
  }
  return value as T;
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

/** What the settings resolution needs to know of the campaign. */
export interface CampaignWords {
  scope?: string;
  issuer?: string;
}

/**
 * The issuer's level and the one-word name of its government (省, 自治区, 市, 区 …) from the scope
 * (全省, 全市 …) by the settings' `levelNames`; a scope word that also ends a province's name (区 of
 * 自治区) is the province's when the issuer is one.
 */
export function inferLevel(names: Record<Level, string[]>, campaign: CampaignWords = {}): { level: Level; word: string } {
  const scope = campaign.scope ?? '';
  const issuer = campaign.issuer ?? '';
  const levels: Level[] = ['province', 'city', 'county'];
  for (const level of levels) {
    for (const word of [...(names[level] ?? [])].sort((a, b) => b.length - a.length)) {
      if (!word || !scope.endsWith(word)) continue;
      const province = (names.province ?? []).find((p) => p !== word && p.endsWith(word) && issuer.includes(p));
      return province ? { level: 'province', word: province } : { level, word };
    }
  }
  for (const level of levels) {
    const word = (names[level] ?? []).find((w) => w && issuer.includes(w));
    if (word) return { level, word };
  }
  return { level: 'province', word: names.province?.[0] ?? '' };
}

/**
 * The effective settings of a campaign: the defaults, then the wording of the issuer's level
 * (`levels`), then the campaign's `bulletin:` section. The section was validated with campaign.yaml
 * (schemas/campaign.schema.json refers to bulletin-settings.schema.json), like every other key: a
 * campaign with an invalid section has no configuration to aggregate.
 */
export function resolveSettings(section: unknown, campaign?: CampaignWords): BulletinSettings {
  const base = defaultSettings();
  const own = isPlainObject(section) ? section : {};
  const withOwnLevels = mergeSettings(base, { levels: own.levels, levelNames: own.levelNames });
  const inferred = inferLevel(withOwnLevels.levelNames, campaign);
  const level = (typeof own.level === 'string' && own.level ? own.level : inferred.level) as Level;
  const merged = mergeSettings(mergeSettings(base, withOwnLevels.levels[level] ?? {}), own);
  merged.level = level;
  merged.levelWord = merged.levelWord || (level === inferred.level ? inferred.word : withOwnLevels.levelNames[level]?.[0] ?? '');
  return merged;
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
