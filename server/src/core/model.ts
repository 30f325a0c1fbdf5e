// The shared vocabulary of the pure core: positions, diagnostics, records, campaign, results.
// Nothing here imports LSP or VS Code; the shapes of Position/Range/Diagnostic are structurally
// identical to LSP's so that the language service can hand them on unchanged.
import type { ParsedYaml } from './yaml/yamlDocument';

export type { ParsedYaml };

/** Zero-based line and UTF-16 character offset, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open span of a document, as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

export type Locale = 'zh-cn' | 'en';

/** LSP DiagnosticSeverity numbers: 1 error, 2 warning, 3 information, 4 hint. */
export enum Severity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4,
}

/** Where a diagnostic comes from; shown as the diagnostic's `source` suffix. */
export type DiagnosticSource = 'yaml' | 'schema' | 'date' | 'rule' | 'registry' | 'campaign' | 'io';

/** A problem found in one file, already localised. */
export interface CoreDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable code: `IR1xxx` syntax, `IR2xxx` schema, `IR3xxx` dates, rule ids (`W-V3`), `REG-…`. */
  code: string;
  message: string;
  source: DiagnosticSource;
  /** Whatever a quick fix needs (replacement text, registry row, suggestion …). */
  data?: unknown;
  /**
   * A finding about the site or account (a rule it breaks, how it stands against the registry),
   * not a problem of the record's data: never an error, and never what makes `check` fail.
   */
  finding?: true;
}

/** Whether a diagnostic says something about the site (a finding) rather than about the record's data. */
export function isFinding(d: Pick<CoreDiagnostic, 'finding'>): boolean {
  return d.finding === true;
}

/** A problem of the data itself that keeps its figures from counting: an error that is no finding. */
export function isDataError(d: Pick<CoreDiagnostic, 'finding' | 'severity'>): boolean {
  return d.severity === Severity.Error && d.finding !== true;
}

/** A diagnostic together with the file it is about (absolute path). */
export interface FileDiagnostic {
  file: string;
  diagnostic: CoreDiagnostic;
}

/** A path into a YAML document: mapping keys and sequence indexes. */
export type NodePath = ReadonlyArray<string | number>;

/** A calendar date in China, `YYYY-MM-DD`. Never a JS Date in the rule arithmetic. */
export type IsoDate = string;

// ---------------------------------------------------------------------------------------------
// Records (what an inspector types). Field names are the YAML keys. Facts and findings only:
// no verdicts that the facts already determine.
// ---------------------------------------------------------------------------------------------

export type RecordKind = 'website' | 'media';
/** The fields that say which site or account a record is about (a registry row fills them). */
export const IDENTITY_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  media: ['platform', 'name', 'accountId', 'sponsor', 'region'],
  website: ['name', 'siteCode', 'url', 'sponsor', 'region'],
};
/** Every `kind` a YAML file of a campaign can declare (each validated by the schema whose `kind` const names it). */
export const FILE_KINDS = ['website', 'media', 'campaign', 'profile', 'registry-mapping'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const PLATFORMS = [
  '微信公众号', '微信视频号', '微信小程序', '新浪微博', '今日头条号', '抖音', '快手', '百家号', '大鱼号',
  '企鹅号', '百度贴吧', '小红书', '哔哩哔哩', '移动客户端', '其他',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const OWNER_LEVELS = ['国务院部门', '省级', '市级', '县级', '乡镇级'] as const;
export type OwnerLevel = (typeof OWNER_LEVELS)[number];

export const SITE_TYPES = ['门户网站', '部门网站', '下属单位网站'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const COLUMN_CATEGORIES = [
  '动态要闻', '通知公告', '政策文件', '政策解读', '人事信息', '规划计划', '互动交流', '办事服务', '办事统计',
  '解读回应', '调查征集', '其他',
] as const;
export type ColumnCategory = (typeof COLUMN_CATEGORIES)[number];

export const INTERACTION_COLUMN_TYPES = ['政务咨询', '建言献策', '在线访谈', '调查征集', '网上信访', '纪检举报'] as const;
export type InteractionColumnType = (typeof INTERACTION_COLUMN_TYPES)[number];

/** 抽查 = drawn in the random sample; 库外发现 = found outside the registry (in the wild). */
export const RECORD_SOURCES = ['抽查', '库外发现', '复查'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

export interface Evidence {
  url?: string;
  screenshot?: string;
  seen?: IsoDate;
  /** A page saved as fetched (probe), relative to the campaign folder. */
  snapshot?: string;
  /** An availability monitoring log (monitor), relative to the campaign folder. */
  log?: string;
}

/** An inspector's observation tied to an indicator (for what facts cannot show). */
export interface Finding {
  indicator: string;
  note?: string;
  /** How many occurrences (for per-occurrence deductions). */
  count?: number;
  evidence?: Evidence;
}

/** Wording the inspector wants in the bulletin for this record. */
export interface BulletinWording {
  /** Problem clause, e.g. `解读回应栏目更新不及时`. */
  problem?: string;
  /** Theme keys of the campaign's problem groups this record belongs to. */
  themes?: string[];
}

interface RecordCommon {
  name: string;
  sponsor?: string;
  region?: string;
  ownerLevel?: OwnerLevel;
  checkDate: IsoDate;
  inspector?: string;
  source?: RecordSource;
  findings?: Finding[];
  bulletin?: BulletinWording;
  note?: string;
}

export interface WebsiteColumn {
  name: string;
  category?: ColumnCategory;
  level?: number;
  lastUpdate?: IsoDate;
  blank?: boolean;
  /** Whether the column is of a kind that should be updated (W-V4 (2)). Default true. */
  shouldUpdate?: boolean;
  /** The column's list page (probe reads it; else it looks for the name on the homepage). */
  url?: string;
  evidence?: Evidence;
}

export interface InteractionMessage {
  received: IsoDate;
  answered?: IsoDate | null;
  valid?: boolean;
}

export interface InteractionColumn {
  name: string;
  type: InteractionColumnType;
  messages?: InteractionMessage[];
  /** Counts instead of individual messages (12 months before the check). */
  counts?: {
    received?: number;
    answered?: number;
    /** Valid messages still unanswered after the profile's reply limit (3 months nationally). */
    overdue?: number;
  };
}

/** Key elements of a service guide (办事指南要素); W-V6 counts the ones a guide misses. */
export const GUIDE_ELEMENTS = [
  '事项名称', '设定依据', '申请条件', '办理材料', '办理地点', '办理机构', '收费标准', '办理时间', '联系电话', '办理流程',
] as const;
export type GuideElement = (typeof GUIDE_ELEMENTS)[number];

export interface ServiceGuide {
  name: string;
  /** Elements the guide lacks (values of GUIDE_ELEMENTS; the schema enforces the list). */
  missing?: string[];
}

export interface WebsiteRecord extends RecordCommon {
  kind: 'website';
  siteCode?: string;
  url?: string;
  icp?: string;
  siteType?: SiteType;
  /** 国务院部门 without external services: service indicators not checked (75 × 4/3). */
  externalServices?: boolean;
  homepage?: {
    lastUpdate?: IsoDate;
    navigationOnly?: boolean;
    subpages?: { name: string; lastUpdate?: IsoDate }[];
    evidence?: Evidence;
  };
  availability?: {
    days?: number;
    probes?: number;
    failures?: number;
    timeoutSeconds?: number;
    evidence?: Evidence;
  };
  columns?: WebsiteColumn[];
  interaction?: {
    channel?: boolean;
    columns?: InteractionColumn[];
  };
  services?: {
    provided?: boolean;
    guides?: ServiceGuide[];
  };
}

export const MEDIA_STATUSES = ['正常', '已关停'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export interface MediaRecord extends RecordCommon {
  kind: 'media';
  platform: Platform;
  accountId?: string;
  lastPost?: IsoDate;
  /** A public web page of the account (probe reads the last post date from it). */
  url?: string;
  evidence?: Evidence;
  interaction?: {
    available?: boolean;
    unansweredMessages?: number;
  };
  serviceMenu?: {
    links?: number;
    broken?: number;
  };
  commercialLinks?: boolean;
  unrelatedContent?: boolean;
  /** Observed status: active (正常) or found closed. */
  status?: MediaStatus;
}

export type InspectionRecord = WebsiteRecord | MediaRecord;

// ---------------------------------------------------------------------------------------------
// Campaign file (`campaign.yaml`, `kind: campaign`)
// ---------------------------------------------------------------------------------------------

export interface Precision {
  samplingRatio?: 0 | 1 | 2;
  passRate?: 0 | 1 | 2;
  change?: 0 | 1 | 2;
}

export interface ProblemGroupConfig {
  /** Key records refer to in `bulletin.themes`. */
  key: string;
  heading: string;
  /** by rule ids / kinds when records do not name the theme themselves. */
  select?: { kind?: RecordKind; rules?: string[]; unregistered?: boolean; regions?: string[] };
  style?: 'names' | 'region-callouts';
}

export interface CampaignConfig {
  kind: 'campaign';
  issuer: string;
  /** How the issuer refers to itself in the text (我厅, 我办 …). */
  issuerSelf?: string;
  /** The campaign's own name, e.g. `2021年第二季度全省政府网站与政务新媒体抽查`. */
  title?: string;
  scope?: string;
  period: { year: number; quarter: 1 | 2 | 3 | 4; batch?: number };
  checkWindow: { start: IsoDate; end: IsoDate };
  profile: string;
  population?: { websites?: number | 'registry'; media?: number | 'registry' };
  registries?: { websites?: string; media?: string; mapping?: string };
  previous?: string;
  output?: string;
  bulletin?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Evaluation results (indicator engine) and registry reconciliation.
// ---------------------------------------------------------------------------------------------

export type RuleKind = 'veto' | 'deduction' | 'bonus' | 'warning';
export type Verdict = 'pass' | 'fail' | 'undetermined';

/** One rule that a record's facts break, with the arithmetic behind it. */
export interface RuleHit {
  ruleId: string;
  kind: RuleKind;
  /** Node of the fact that breaks the rule. */
  path: NodePath;
  /** Localised sentence with the arithmetic, and the rule's kind, id and name after it. */
  message: string;
  /** The record's facts and the arithmetic alone (what `message` says before naming the rule). */
  arithmetic?: string;
  /** Machine-readable evidence (values, dates, thresholds). */
  evidence: Record<string, string | number | boolean | null>;
  /** What would clear the hit, localised. */
  remedy?: string;
  points?: number;
}

export interface RecordResult {
  verdict: Verdict;
  /** Why the verdict is 无法判定, or why no score. */
  reasons: string[];
  hits: RuleHit[];
  score: number | null;
}

export type RegistryStatus = 'matched' | 'unregistered' | 'near-miss' | 'closed-but-active' | 'not-applicable';

/** A registry row as imported: where it came from and its mapped fields. */
export interface RegistryRowRef {
  file: string;
  sheet?: string;
  /** 1-based row number in the export (as Excel shows it). */
  row: number;
  /** Mapped fields: platform, name, accountId, sponsor, region, status, siteCode, url … */
  values: Record<string, string>;
}

/** How one record stands against the registry. */
export interface RegistryOutcome {
  status: RegistryStatus;
  row?: RegistryRowRef;
  suggestions?: RegistryRowRef[];
}

/** One document checked once: its single parse and everything found in it (before suppression). */
export interface DocumentCheck {
  parsed: ParsedYaml;
  kind?: FileKind;
  /** Syntax, schema, date, rule and registry diagnostics, localised, sorted by position. */
  diagnostics: CoreDiagnostic[];
  record?: InspectionRecord;
  result?: RecordResult;
  registry?: RegistryOutcome;
}

/** What may be kept of a checked document: everything but the syntax tree (memory). */
export type StoredCheck = Omit<DocumentCheck, 'parsed'>;

/** What happened to a file on disk. */
export type FileChange = 'created' | 'changed' | 'deleted';

/** One record after validation, evaluation and reconciliation: what the bulletin aggregates. */
export interface AnalysedRecord {
  /** Path relative to the campaign root, with `/` separators. */
  file: string;
  record: InspectionRecord;
  result: RecordResult;
  registry: RegistryOutcome;
}

/** A whole campaign, analysed. */
export interface AnalysedCampaign {
  root: string;
  config: CampaignConfig;
  records: AnalysedRecord[];
  /** Running sites/accounts: the campaign's figure, else the registry's count, else null. */
  population: { websites: number | null; media: number | null };
  previous?: AnalysedCampaign;
}
