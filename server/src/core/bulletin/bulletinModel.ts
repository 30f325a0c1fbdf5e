// The bulletin as data, independent of any renderer: figures, breakdowns, call-outs, the re-check,
// the problems section and the attachment tables. Renderers (Markdown, .docx, .xlsx) only lay it out.
import type { AnalysedRecord, IsoDate, RecordKind, RuleKind, Verdict } from '../model';
import type { RoundedFigure } from './rounding';
import type { BulletinSettings } from './settings';

/** A website or account as bulletins name it. */
export interface EntityRef {
  kind: RecordKind;
  name: string;
  platform?: string;
  siteCode?: string;
  accountId?: string;
  sponsor?: string;
  region?: string;
  ownerLevel?: string;
  siteType?: string;
  url?: string;
  /** Record file, relative to the campaign root. */
  file: string;
  checkDate: IsoDate;
}

/** One record as the bulletin sees it. */
export interface BulletinEntry {
  entity: EntityRef;
  verdict: Verdict;
  /** In the checked base (the sample). */
  checked: boolean;
  /** Counted as 漏报 (not in the registry). */
  unregistered: boolean;
  /** The problem clause: the inspector's `bulletin.problem`, else the facts of its veto hits. */
  clause: string;
  /** One fact per hit (vetoes of a failing record, warnings, bonuses), in hit order. */
  facts: BulletinFact[];
  themes: string[];
  record: AnalysedRecord;
}

/** What one hit says of a record. */
export interface BulletinFact {
  ruleId: string;
  /** The settings' key that worded it: `rule#condition` or the rule id. */
  key: string;
  kind: RuleKind;
  text: string;
}

export interface BreakdownRow {
  key: string;
  checked: number;
  failed: number;
  passRate: RoundedFigure | null;
}

/** Figures of one kind split by one dimension, and whether the parts add up to the totals. */
export interface Breakdown {
  by: 'platform' | 'region' | 'ownerLevel' | 'ownerGroup';
  rows: BreakdownRow[];
  checkedSum: number;
  failedSum: number;
  /** Checked records the dimension does not place (no value, or no group for it). */
  unassigned: { checked: number; failed: number };
  matches: boolean;
}

export interface PeriodChange {
  /** The baseline's name as printed (上季度, 上年同期). */
  name: string;
  /** Signed change in percentage points. */
  points: RoundedFigure;
  direction: 'up' | 'down' | 'flat';
  previousRate: RoundedFigure;
}

export interface KindFigures {
  kind: RecordKind;
  population: number | null;
  checked: number;
  failed: number;
  passed: number;
  undetermined: number;
  samplingRatio: RoundedFigure | null;
  passRate: RoundedFigure | null;
  /** Every running site/account was checked. */
  fullSample: boolean;
  unregistered: number;
  /** Unregistered records whose own verdict is fail (内容保障不合格). */
  unregisteredFailed: number;
  /** Records a registry row nearly names (a near miss): pending, neither counted 漏报 nor dropped. */
  nearMiss: number;
  /** The change against the first baseline (null without one). */
  change: PeriodChange | null;
  /** The change against each baseline of the settings that has a rate for this kind. */
  changes: PeriodChange[];
  breakdowns: Breakdown[];
  /** First and last check dates of the checked records. */
  checkDates: { first: IsoDate; last: IsoDate } | null;
  /** Checked records with any rule hit at all (veto, warning, deduction). */
  withAnyHit: number;
}

export interface RegionCallout {
  kind: RecordKind;
  region: string;
  failed: number;
  unregistered: number;
  unregisteredFailed: number;
  /** Distinct records that failed or are unregistered. */
  total: number;
}

export interface RecheckFigures {
  kind: RecordKind;
  previousFailed: EntityRef[];
  stillFailing: EntityRef[];
  fixed: EntityRef[];
  /** Previous failures that no record of this campaign covers. */
  notRechecked: EntityRef[];
}

export interface Recheck {
  previousPeriod: { year: number; quarter: number; batch?: number };
  websites: RecheckFigures;
  media: RecheckFigures;
}

/** A previous-campaign failure that fails again now. */
export interface RepeatOffence {
  entry: BulletinEntry;
  previous: BulletinEntry;
}

export interface ProblemGroup {
  key: string;
  heading: string;
  /** The group's sentences, joined, without the closing full stop (the template adds it). */
  text: string;
  members: EntityRef[];
  /** The section that prints it (problems unless the settings say otherwise). */
  section?: string;
}

/** A paragraph of a section: a sub-heading run in or on its own line, then the text (closed). */
export interface Paragraph {
  runIn?: string;
  headingLine?: string;
  text: string;
}

export interface Section {
  key: string;
  heading: string;
  paragraphs: Paragraph[];
}

/** A named list of the settings, printed. */
export interface ListResult {
  key: string;
  kind?: RecordKind;
  /** Every item, printed, in order. */
  items: string[];
  count: number;
  /** The items as a printed list (cut with 等N… when configured). */
  names: string;
  /** For a list of regions: the regions of its set not in it. */
  others: string[];
  /** Count over the kind's checked records. */
  share: RoundedFigure | null;
}

export interface NamedBreakdownRow {
  key: string;
  label: string;
  count: number;
  checked: number;
  failed: number;
  passed: number;
  passRate: RoundedFigure | null;
  /** Names of a row's checked records (in the breakdown's form). */
  names: string;
  text: string;
}

/** A named breakdown of the settings, printed. */
export interface NamedBreakdown {
  key: string;
  kind: RecordKind;
  of: 'checked' | 'population';
  rows: NamedBreakdownRow[];
  /** The total the rows should add up to (checked records, or the population); null when unknown. */
  total: number | null;
  sum: number;
  /** Where the population rows come from. */
  source: 'records' | 'registry' | 'campaign' | 'none';
  text: string;
}

/** The office's own figures, printed. */
export interface OfficeResult {
  figures: Record<string, number | string>;
  rates: Record<string, RoundedFigure | null>;
  tables: Record<string, { text: string; total: number; stated: number | null; rows: { label: string; value: number }[] }>;
}

export interface AttachmentColumn {
  key: string;
  header: string;
  /** Width in spreadsheet characters when the settings fix it; else measured from the content. */
  width?: number;
}

export interface AttachmentTable {
  key: string;
  /** 1-based number as listed (附件1 …). */
  number: number;
  label: string;
  title: string;
  columns: AttachmentColumn[];
  rows: string[][];
  /** Page orientation in the Word document (`auto`: from the width the table needs). */
  orientation: 'auto' | 'portrait' | 'landscape';
}

/** A breakdown whose parts do not add up to the totals. */
export interface SumMismatch {
  kind: RecordKind;
  by: Breakdown['by'];
  checked: { sum: number; total: number };
  failed: { sum: number; total: number };
}

/** A named breakdown or an office table whose rows do not add up to its total. */
export interface NamedSumMismatch {
  key: string;
  sum: number;
  total: number;
}

export interface BulletinModel {
  campaign: {
    issuer: string;
    issuerSelf: string;
    scope: string;
    year: number;
    quarter: number;
    batch?: number;
    checkWindow: { start: IsoDate; end: IsoDate };
  };
  previousPeriod?: { year: number; quarter: number; batch?: number };
  websites: KindFigures;
  media: KindFigures;
  entries: BulletinEntry[];
  callouts: RegionCallout[];
  recheck: Recheck | null;
  repeatOffences: RepeatOffence[];
  problems: ProblemGroup[];
  attachments: AttachmentTable[];
  sumMismatches: SumMismatch[];
  /** Named breakdowns and office tables that do not add up. */
  namedSumMismatches: NamedSumMismatch[];
  /** The kinds the bulletin covers. */
  kinds: RecordKind[];
  lists: Record<string, ListResult>;
  namedBreakdowns: Record<string, NamedBreakdown>;
  office: OfficeResult;
  /** The body after the preamble, section by section. */
  sections: Section[];
  /** The preamble, filled. */
  preamble: string;
  settings: BulletinSettings;
  /**
   * Set when the figures rest on incomplete data (the data gate): the sentence every format shows
   * above the title, and the short word printed on every page of the lists.
   */
  provisional?: { text: string; marker: string };
}
