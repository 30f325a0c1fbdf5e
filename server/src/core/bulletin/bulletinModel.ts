// The bulletin as data, independent of any renderer: figures, breakdowns, call-outs, the re-check,
// the problems section and the attachment tables. Renderers (Markdown, .docx, .xlsx) only lay it out.
import type { AnalysedRecord, IsoDate, RecordKind, Verdict } from '../model';
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
  /** One clause per veto hit (or the score failure), in hit order. */
  facts: { ruleId: string; text: string }[];
  themes: string[];
  record: AnalysedRecord;
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
  change: PeriodChange | null;
  breakdowns: Breakdown[];
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
  websites: KindFigures;
  media: KindFigures;
  entries: BulletinEntry[];
  callouts: RegionCallout[];
  recheck: Recheck | null;
  repeatOffences: RepeatOffence[];
  problems: ProblemGroup[];
  attachments: AttachmentTable[];
  sumMismatches: SumMismatch[];
  settings: BulletinSettings;
  /**
   * Set when the figures rest on incomplete data (the data gate): the sentence every format shows
   * above the title, and the short word printed on every page of the lists.
   */
  provisional?: { text: string; marker: string };
}
