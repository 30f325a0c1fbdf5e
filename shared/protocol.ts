// The client↔server contract beyond standard LSP: settings, custom requests and notifications.
// Both sides import this one module (the VS Code client and the language server), so a change here
// is a change of both. Campaigns are named by the URI of their folder (the one holding
// `campaign.yaml`), as a string (`file:///…`). Every user-visible string in a result is already
// localised by the server in the locale the client asked for. A request that cannot be served
// fails with a `ResponseError` whose message is that localised sentence (with file:line:column
// when it is about an input).
import { NotificationType, RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { CampaignFiguresBase, IsoDate, KindFigures, RecheckCounts, RecheckItemBase, RecordKind, RegistryFigures } from './figures';

export type * from './figures';

// ---------------------------------------------------------------------------------------------
// Settings (`inspectionRecords.*` in VS Code). The client sends them as `initializationOptions`
// and again on every change (`workspace/didChangeConfiguration`, section `inspectionRecords`).
// ---------------------------------------------------------------------------------------------

/** The `inspectionRecords` settings section, as the client reads it. */
export interface InspectionSettings {
  /** `auto` follows the editor's display language. */
  locale: 'auto' | 'zh-cn' | 'en';
  /** Indicator profile overriding the campaign's (`national-2019` or a path relative to the campaign folder). */
  profile: string;
  /** Registry column mapping file overriding the campaign's (path relative to the campaign folder). */
  registryMapping: string;
  /** Output folder for bulletins overriding the campaign's `output` (relative to the campaign folder). */
  outputFolder: string;
  /**
   * Folders outside a campaign that the paths its files name may lead into (a previous campaign beside
   * it, a shared template), absolute. A user setting only (machine scope): never from the workspace.
   */
  allowedFolders: string[];
}

/** `initializationOptions` of the `initialize` request. */
export interface InitializationOptions {
  /** Language tag for every message (`zh-cn`, `en`, or the editor's tag, e.g. `zh-tw`); read with `toLocale()`. */
  locale: string;
  settings: InspectionSettings;
}

// ---------------------------------------------------------------------------------------------
// Figures shared by several requests
// ---------------------------------------------------------------------------------------------

/** One record of the previous campaign's failures, as it stands now. */
export interface RecheckItem extends RecheckItemBase {
  /** URI of the current record, when there is one. */
  uri?: string;
}

/** The previous campaign's failures compared with this campaign's records. */
export interface RecheckSummary extends RecheckCounts {
  previousUri: string;
  items: RecheckItem[];
}

/** A file the server wrote. */
export interface WrittenFile {
  uri: string;
  /** `md`, `docx`, `xlsx`, `csv` … */
  format: string;
}

// ---------------------------------------------------------------------------------------------
// inspection/campaignSummary — figures for the status bar and the dashboard
// ---------------------------------------------------------------------------------------------

export interface CampaignSummaryParams {
  campaignUri: string;
}

export interface CampaignSummary extends CampaignFiguresBase {
  campaignUri: string;
  /** null when the campaign has no previous campaign set. */
  recheck: RecheckSummary | null;
  /**
   * Problems of the data over the campaign's files (syntax, fields, dates, missing facts — not the
   * findings about the sites, which never count here); `filesWithErrors` counts files with errors.
   */
  problems: { errors: number; warnings: number; filesWithErrors: number };
}

/** Figures of one campaign for the status bar and the dashboard. */
export const CampaignSummaryRequest = new RequestType<CampaignSummaryParams, CampaignSummary, void>('inspection/campaignSummary');

// ---------------------------------------------------------------------------------------------
// inspection/generateBulletin — writes the bulletin in the chosen formats
// ---------------------------------------------------------------------------------------------

export type BulletinFormat = 'md' | 'docx' | 'xlsx' | 'pdf';
export const BULLETIN_FORMATS: readonly BulletinFormat[] = ['md', 'docx', 'xlsx', 'pdf'];
/** Picked when the user has not chosen yet: PDF needs LibreOffice. */
export const DEFAULT_BULLETIN_FORMATS: readonly BulletinFormat[] = ['md', 'docx', 'xlsx'];

export interface GenerateBulletinParams {
  campaignUri: string;
  formats: BulletinFormat[];
  /** Replace files that already exist. Without it existing files are left alone and listed in `existing`. */
  force: boolean;
  /** Keep the existing files and write the new ones under free names (`… (2).docx`) instead of listing them. */
  keepBoth?: boolean;
  /**
   * Write a provisional bulletin when records have data errors or cannot be decided. Without it such
   * a campaign is refused: a ResponseError whose `data` is `{ dataGate: { errorFiles, undetermined } }`
   * and whose message lists the problems.
   */
  allowIncomplete?: boolean;
}

/** `data` of the ResponseError refusing a bulletin at the data gate. */
export interface DataGateRefusal {
  dataGate: { errorFiles: number; undetermined: number };
}

export interface GenerateBulletinResult {
  written: WrittenFile[];
  /** URIs not written because they exist and `force` was false. */
  existing: string[];
  overview: { websites: KindFigures; media: KindFigures; registry: RegistryFigures };
  /** Localised consistency warnings (breakdowns that do not sum, undetermined records …). */
  warnings: string[];
  /** Why the PDF asked for was not written (LibreOffice missing or failing), localised. */
  pdfProblem?: string;
  /** The sentence a provisional bulletin carries (written with `allowIncomplete`), localised. */
  provisional?: string;
}

/** Renders the campaign's bulletin (Markdown, Word, Excel attachments) into its output folder. */
export const GenerateBulletinRequest = new RequestType<GenerateBulletinParams, GenerateBulletinResult, void>('inspection/generateBulletin');

// ---------------------------------------------------------------------------------------------
// inspection/registryEntries — the registry rows, for New Record
// ---------------------------------------------------------------------------------------------

export interface RegistryEntriesParams {
  campaignUri: string;
  /** Only this kind; both when absent. */
  kind?: RecordKind;
}

/** One registry row, mapped. */
export interface RegistryEntry {
  /** Stable id for `newRecordSkeleton`, e.g. `registry/media.xlsx#Sheet1!12`. */
  id: string;
  kind: RecordKind;
  name: string;
  platform?: string;
  accountId?: string;
  siteCode?: string;
  url?: string;
  sponsor?: string;
  region?: string;
  /** Registry status as exported (正常 / 关停 / 注销 …). */
  status?: string;
  /** Where the row is: file relative to the campaign, sheet, 1-based row as Excel shows it. */
  source: { file: string; sheet?: string; row: number };
  /** URI of the campaign record already matched to this row, if any. */
  recordUri?: string;
}

export interface RegistryEntriesResult {
  entries: RegistryEntry[];
  /** Localised reasons some registry could not be read (missing file, bad mapping …). */
  problems: string[];
}

/** The campaign's registry rows, searchable by name, platform, id and unit. */
export const RegistryEntriesRequest = new RequestType<RegistryEntriesParams, RegistryEntriesResult, void>('inspection/registryEntries');

// ---------------------------------------------------------------------------------------------
// inspection/newRecordSkeleton — a prefilled record for a registry row (or a blank one)
// ---------------------------------------------------------------------------------------------

export interface NewRecordSkeletonParams {
  campaignUri: string;
  kind: RecordKind;
  /** A `RegistryEntry.id`; absent for a record of something not in the registry (库外发现). */
  entryId?: string;
  /** The inspection date to prefill; the server uses today in China when absent. */
  checkDate?: IsoDate;
}

export interface NewRecordSkeleton {
  /** Suggested file, relative to the campaign folder with `/` separators (e.g. `media/儋州市/儋州教育.yaml`). */
  relativePath: string;
  /** The record's YAML text, with the facts still to be observed left as commented prompts. */
  text: string;
  /**
   * For a record of something not in the registry (no `entryId`): the record as a snippet (VS Code
   * snippet syntax) whose required fields are placeholders to tab through. The client opens it as an
   * unsaved document at `relativePath` instead of writing `text` (whose required fields are empty).
   */
  snippet?: string;
}

/** The text and place of a new record prefilled from a registry row. The client writes and opens it. */
export const NewRecordSkeletonRequest = new RequestType<NewRecordSkeletonParams, NewRecordSkeleton, void>('inspection/newRecordSkeleton');

// ---------------------------------------------------------------------------------------------
// inspection/exportSupplement — the 补报 list of unregistered accounts
// ---------------------------------------------------------------------------------------------

export interface ExportSupplementParams {
  campaignUri: string;
  force: boolean;
}

export interface ExportSupplementResult {
  written: WrittenFile[];
  existing: string[];
  /** How many unregistered sites/accounts the list holds. */
  count: number;
}

/** Writes the list of unregistered (漏报) sites and accounts to file with the registry (补报). */
export const ExportSupplementRequest = new RequestType<ExportSupplementParams, ExportSupplementResult, void>('inspection/exportSupplement');

// ---------------------------------------------------------------------------------------------
// inspection/recheckPrevious — set and compare the previous campaign
// ---------------------------------------------------------------------------------------------

export interface RecheckPreviousParams {
  campaignUri: string;
  /** Folder of the previous campaign; absent = use the campaign's `previous`. */
  previousUri?: string;
}

export interface RecheckPreviousResult {
  recheck: RecheckSummary;
  /**
   * When `previousUri` differs from the campaign's `previous`: the edit of `campaign.yaml` that sets
   * it (relative path, comments kept). The client applies it, so it can be undone.
   */
  edit?: WorkspaceEdit;
}

/** Compares the previous campaign's failures with this campaign's records. */
export const RecheckPreviousRequest = new RequestType<RecheckPreviousParams, RecheckPreviousResult, void>('inspection/recheckPrevious');

// ---------------------------------------------------------------------------------------------
// Server → client
// ---------------------------------------------------------------------------------------------

export interface CampaignChangedParams {
  campaignUri: string;
}

/** Sent (debounced) after the server re-analysed a campaign, so figures shown can be refreshed. */
export const CampaignChangedNotification = new NotificationType<CampaignChangedParams>('inspection/campaignChanged');

// ---------------------------------------------------------------------------------------------
// inspection/probeWebsite — the facts a record's site shows, as an edit to preview
// ---------------------------------------------------------------------------------------------

export interface ProbeWebsiteParams {
  /** URI of a website (or new-media) record. The open document's text is probed when it is open. */
  uri: string;
}

export interface ProbeWebsiteResult {
  /**
   * The facts the record lacks, as one annotated edit per mapping touched (each annotation with
   * `needsConfirmation`, so the editor shows a preview the inspector accepts or rejects); absent
   * when there is nothing to add.
   */
  edit?: WorkspaceEdit;
  /** Facts the edit adds, facts already recorded alike, facts recorded differently (never edited). */
  added: number;
  same: number;
  /** Localised lines, one per conflict: what the record says and what the site shows. */
  conflicts: string[];
  /** Localised lines: the homepage or columns that could not be read, dead links, links leaving the site. */
  observations: string[];
  /** URI of the folder the page snapshots were saved in. */
  snapshotFolder?: string;
  /** Localised problems of the record itself (no url …), with line:column. */
  problems: string[];
}

/** Probes the record's website (or account page), saving snapshots, and proposes its facts as an edit. */
export const ProbeWebsiteRequest = new RequestType<ProbeWebsiteParams, ProbeWebsiteResult, void>('inspection/probeWebsite');
