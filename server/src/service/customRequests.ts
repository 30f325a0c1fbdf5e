// The server side of the custom requests of shared/protocol.ts (status bar, dashboard, bulletin,
// 补报 list, new record, re-check): each one an adapter from its params to a core action and from
// the action's result to the protocol's types. A refusal becomes a ResponseError carrying the
// localised sentence (with file:line:column when it is about an input), as the protocol asks.
import * as path from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  ActionError,
  campaignFigures,
  exportSupplement,
  generateBulletin,
  kindFigures,
  newRecord,
  recheckPrevious,
  registryEntries,
  registryFigures,
  language,
  type Campaign,
  type RecheckFiguresSummary,
} from '../core/actions';
import type { IsoDate, Locale } from '../core/model';
import type {
  CampaignSummary,
  CampaignSummaryParams,
  DataGateRefusal,
  ExportSupplementParams,
  ExportSupplementResult,
  GenerateBulletinParams,
  GenerateBulletinResult,
  InspectionSettings,
  NewRecordSkeleton,
  NewRecordSkeletonParams,
  RecheckPreviousParams,
  RecheckPreviousResult,
  RecheckSummary,
  RegistryEntriesParams,
  RegistryEntriesResult,
} from '../../../shared/protocol';
import { fileToUri, uriToFile } from './fileUri';
import type { LspClient } from './lspClient';
import { serviceText } from './serviceText';
import { setValue } from '../core/actions/language';

/** What the requests need from the session. */
export interface RequestHost {
  readonly locale: Locale;
  settings(): InspectionSettings;
  /** The open campaign whose folder is `root` (opened when needed), undefined when it holds none. */
  campaign(root: string): Promise<Campaign | undefined>;
  campaignProblems(root: string): Promise<{ errors: number; warnings: number; filesWithErrors: number }>;
  today(): IsoDate;
  /** Whether a request may name this file or folder: inside a workspace folder or a folder the user allowed, or a campaign already open. */
  mayUse(file: string): Promise<boolean>;
}

/** Problem lines a refusal lists at most (a toast, not a report: the Problems panel has them all). */
const MAX_PROBLEM_LINES = 10;

/** Runs an action; its refusal becomes the ResponseError the client shows. */
async function answer<T>(work: () => Promise<T>, locale: Locale): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof ActionError)) throw e;
    const lines = e.problems
      .map((p) => `${path.basename(p.file)}:${p.diagnostic.range.start.line + 1}:${p.diagnostic.range.start.character + 1} ${p.diagnostic.message}`)
      .filter((l) => !l.endsWith(` ${e.message}`));
    const shown = lines.length > MAX_PROBLEM_LINES ? [...lines.slice(0, MAX_PROBLEM_LINES), serviceText(locale, 'request.moreProblems', { count: lines.length - MAX_PROBLEM_LINES })] : lines;
    const message = e.subject ? `${e.subject}: ${e.message}` : e.message;
    const data: DataGateRefusal | undefined = e.gate ? { dataGate: e.gate } : undefined;
    throw new ResponseError(ErrorCodes.InvalidParams, [message, ...shown].join('\n'), data);
  }
}

/** The campaign a `campaignUri` names, open in the session. */
async function campaignOf(host: RequestHost, campaignUri: string): Promise<Campaign> {
  const root = uriToFile(campaignUri);
  if (root) await requireUsable(host, root);
  const campaign = root ? await host.campaign(root) : undefined;
  if (!campaign) throw new ResponseError(ErrorCodes.InvalidParams, serviceText(host.locale, 'request.notCampaign', { folder: root ?? campaignUri }));
  return campaign;
}

/** Refuses a folder a request names outside what the user opened or allowed (a request is no way around the rule campaigns follow). */
async function requireUsable(host: RequestHost, file: string): Promise<void> {
  if (!(await host.mayUse(file))) throw new ResponseError(ErrorCodes.InvalidParams, serviceText(host.locale, 'request.outsideWorkspace', { folder: file }));
}

/** The output folder the editor's setting names, if any (relative to the campaign, contained in it). */
function outputSetting(host: RequestHost): { relative: string } | undefined {
  const rel = host.settings().outputFolder;
  return rel ? { relative: rel } : undefined;
}

function recheckSummary(r: RecheckFiguresSummary): RecheckSummary {
  const { previousRoot, items, ...counts } = r;
  return { ...counts, previousUri: fileToUri(previousRoot), items: items.map(({ file, ...item }) => (file ? { ...item, uri: fileToUri(file) } : item)) };
}

/** `inspection/campaignSummary`. */
export function campaignSummary(host: RequestHost, params: CampaignSummaryParams): Promise<CampaignSummary> {
  return answer(async () => {
    const campaign = await campaignOf(host, params.campaignUri);
    const { root: _root, recheck, ...figures } = await campaignFigures(campaign);
    return { campaignUri: params.campaignUri, ...figures, recheck: recheck && recheckSummary(recheck), problems: await host.campaignProblems(campaign.root) };
  }, host.locale);
}

/** `inspection/generateBulletin`. An existing bulletin is never replaced without `force`: the new one takes a free name. */
export function generateBulletinRequest(host: RequestHost, params: GenerateBulletinParams): Promise<GenerateBulletinResult> {
  return answer(async () => {
    const campaign = await campaignOf(host, params.campaignUri);
    const result = await generateBulletin(campaign, {
      formats: params.formats, out: outputSetting(host), force: params.force, locale: host.locale,
      // the editor asks before anything is replaced or kept beside: replace, keep both, or cancel
      existing: params.keepBoth ? 'rename' : 'ask', allowIncomplete: params.allowIncomplete === true,
    });
    const m = result.model;
    const { locale } = host;
    const warnings: string[] = [];
    for (const s of m.sumMismatches) {
      warnings.push(serviceText(locale, 'request.sumMismatch', { kind: serviceText(locale, s.kind === 'media' ? 'kind.media' : 'kind.website'), by: s.by, checkedSum: s.checked.sum, checked: s.checked.total, failedSum: s.failed.sum, failed: s.failed.total }));
    }
    const config = campaign.config();
    return {
      written: result.files.map((f) => ({ uri: fileToUri(f.file), format: f.format })),
      existing: result.existing.map(fileToUri),
      overview: {
        websites: kindFigures(m.websites),
        media: kindFigures(m.media),
        registry: registryFigures(campaign.counts(), Boolean(config?.registries?.media || config?.registries?.websites)),
      },
      warnings,
      ...(result.pdfProblem ? { pdfProblem: result.pdfProblem } : {}),
      ...(m.provisional ? { provisional: m.provisional.text } : {}),
    };
  }, host.locale);
}

/** `inspection/registryEntries`. */
export function registryEntriesRequest(host: RequestHost, params: RegistryEntriesParams): Promise<RegistryEntriesResult> {
  return answer(async () => {
    const campaign = await campaignOf(host, params.campaignUri);
    const { entries, problems } = await registryEntries(campaign, params.kind);
    return {
      entries: entries.map(({ record, ...entry }) => (record ? { ...entry, recordUri: fileToUri(record) } : entry)),
      problems: problems.map((p) => `${path.relative(campaign.root, p.file).split(path.sep).join('/')}:${p.diagnostic.range.start.line + 1}:${p.diagnostic.range.start.character + 1} ${p.diagnostic.message}`),
    };
  }, host.locale);
}

/** `inspection/newRecordSkeleton`. */
export function newRecordSkeleton(host: RequestHost, params: NewRecordSkeletonParams): Promise<NewRecordSkeleton> {
  return answer(async () => {
    const campaign = await campaignOf(host, params.campaignUri);
    return newRecord(campaign, { kind: params.kind, entryId: params.entryId, checkDate: params.checkDate, today: host.today(), locale: host.locale });
  }, host.locale);
}

/** `inspection/exportSupplement`: the 补报 list as .xlsx and .csv in the output folder. */
export function exportSupplementRequest(host: RequestHost, params: ExportSupplementParams): Promise<ExportSupplementResult> {
  return answer(async () => {
    const campaign = await campaignOf(host, params.campaignUri);
    const result = await exportSupplement(campaign, { out: outputSetting(host), force: params.force, locale: host.locale });
    const formats = ['xlsx', 'csv'];
    return { written: result.files.map((f, i) => ({ uri: fileToUri(f), format: formats[i] })), existing: result.existing.map(fileToUri), count: result.entries.length };
  }, host.locale);
}

/**
 * The command behind the quick fix on an unregistered account: writes the 补报 list, asks before
 * replacing an existing one, and says where it went.
 */
export async function exportSupplementCommand(host: RequestHost, client: LspClient, campaignUri: string): Promise<void> {
  const { locale } = host;
  try {
    let result = await exportSupplementRequest(host, { campaignUri, force: false });
    if (result.existing.length > 0) {
      const files = result.existing.map((u) => path.basename(uriToFile(u) ?? u)).join(serviceText(locale, 'list.separator'));
      const overwrite = serviceText(locale, 'command.overwrite');
      const chosen = await client.ask('warn', serviceText(locale, 'command.supplementExists', { files }), [overwrite, serviceText(locale, 'command.cancel')]);
      if (chosen !== overwrite) return;
      result = await exportSupplementRequest(host, { campaignUri, force: true });
    }
    if (result.count === 0) return client.showMessage('info', serviceText(locale, 'command.supplementNone'));
    const files = result.written.map((w) => uriToFile(w.uri) ?? w.uri).join(serviceText(locale, 'list.separator'));
    client.showMessage('info', serviceText(locale, 'command.supplementWritten', { count: result.count, files }));
  } catch (e) {
    client.showMessage('error', e instanceof Error ? e.message : String(e));
  }
}

/** `inspection/recheckPrevious`: the previous campaign's failures now; the edit that names it in campaign.yaml. */
export function recheckPreviousRequest(host: RequestHost, params: RecheckPreviousParams): Promise<RecheckPreviousResult> {
  return answer(async () => {
    const campaign = await campaignOf(host, params.campaignUri);
    const previous = params.previousUri ? uriToFile(params.previousUri) : undefined;
    if (params.previousUri && !previous) throw new ResponseError(ErrorCodes.InvalidParams, serviceText(host.locale, 'request.notCampaign', { folder: params.previousUri }));
    if (previous) await requireUsable(host, previous);
    const r = await recheckPrevious(campaign, previous);
    const result: RecheckPreviousResult = { recheck: recheckSummary(r.recheck) };
    if (r.setPrevious) {
      const edit = setValue(language.parseYaml(r.setPrevious.text), ['previous'], r.setPrevious.value);
      if (edit) result.edit = { changes: { [fileToUri(r.setPrevious.file)]: [edit] } };
    }
    return result;
  }, host.locale);
}
