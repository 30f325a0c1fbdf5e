// The figures of a campaign as the status bar and the dashboard show them: plain data, computed by
// the core (core/actions/summary.ts) and carried by the protocol (protocol.ts adds where things are).

/** What a record is about. */
export type RecordKind = 'website' | 'media';
/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** Checked / failed / pass rate of one group of records. */
export interface Figures {
  checked: number;
  failed: number;
  /** Records whose verdict is 无法判定 (not counted as failed). */
  undetermined: number;
  /** (checked − failed) / checked as a fraction 0…1, unrounded; null when nothing was checked. */
  rate: number | null;
  /** The rate as the bulletin prints it (campaign precision, half-up), e.g. `94.8%`; null when `rate` is. */
  rateText: string | null;
}

/** Figures of one record kind against its population. */
export interface KindFigures extends Figures {
  /** Running sites/accounts (campaign or registry); null when unknown. */
  population: number | null;
  /** checked / population as a fraction 0…1; null when the population is unknown. */
  samplingRatio: number | null;
  samplingRatioText: string | null;
}

/** One region's figures, websites and new media apart. */
export interface RegionFigures {
  region: string;
  websites: Figures;
  media: Figures;
}

/** One platform's figures (new media only). */
export interface PlatformFigures {
  /** Display name from the fixed platform list (`微信公众号` …). */
  platform: string;
  media: Figures;
}

/** How many records an indicator failed. A record may count under several indicators. */
export interface IndicatorFailures {
  /** Rule id, e.g. `W-V3`, `M-V2`. */
  ruleId: string;
  /** Localised indicator name, e.g. `首页不更新`. */
  title: string;
  kind: RecordKind;
  records: number;
}

/** Registry reconciliation counts (new media and websites together). */
export interface RegistryFigures {
  /** Found but not in the registry (漏报). */
  unregistered: number;
  /** Of those, how many fail the content vetoes (内容保障不合格). */
  unregisteredFailing: number;
  /** Not found, but a close registry row exists (did you mean …). */
  nearMiss: number;
  /** In the registry as closed/deregistered but seen active. */
  closedButActive: number;
  /** False when the campaign names no registry: the counts above are then all 0 and meaningless. */
  configured: boolean;
}

/** One record of the previous campaign's failures, as it stands now (where it is: see the user of the type). */
export interface RecheckItemBase {
  name: string;
  kind: RecordKind;
  platform?: string;
  region?: string;
  /** fixed = re-checked and passes; still-failing = re-checked and fails; not-rechecked = no record now. */
  status: 'fixed' | 'still-failing' | 'not-rechecked';
}

/** The previous campaign's failures compared with this campaign's records: the counts. */
export interface RecheckCounts {
  /** Localised title of the previous campaign, e.g. `2021年第1季度`. */
  previousTitle: string;
  previouslyFailed: number;
  fixed: number;
  stillFailing: number;
  notRechecked: number;
}

/** A campaign's figures, as the bulletin would count them now. */
export interface CampaignFiguresBase {
  /** Localised short title, e.g. `2021年第2季度`. */
  title: string;
  issuer: string;
  checkWindow: { start: IsoDate; end: IsoDate };
  websites: KindFigures;
  media: KindFigures;
  byRegion: RegionFigures[];
  byPlatform: PlatformFigures[];
  /** Sorted by `records`, descending. */
  failuresByIndicator: IndicatorFailures[];
  registry: RegistryFigures;
  /**
   * Set when the figures are provisional, counted as a bulletin written anyway would count them:
   * files with data errors (their records left out) and records that cannot be decided for a missing
   * fact (counted as passing). The bulletin is refused in the same cases unless asked to be provisional.
   */
  provisional: ProvisionalFigures | null;
}

/** What makes a campaign's figures provisional (the data gate). */
export interface ProvisionalFigures {
  /** Files with data errors. */
  errorFiles: number;
  /** Records in those files, left out of the figures. */
  leftOut: number;
  /** Records that cannot be decided for a missing fact, counted as passing. */
  undetermined: number;
}
